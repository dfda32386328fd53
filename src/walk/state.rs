//! The saved walk: one small JSON file per service in the user's state
//! directory, written after every answer so that quitting (or a closed
//! terminal) loses nothing. It holds node and option ids and times only,
//! never anything the user typed. Files are 0600 in a 0700 directory and
//! are replaced atomically. A file that cannot be read back (bad JSON,
//! another version, ids the guide no longer has) is a `Problem`: the caller
//! says so and starts afresh; it never stops the wizard.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::engine::{offers, Walk};
use crate::tree::Service;

/// The version of the file's layout; a file of another version is not read.
pub const VERSION: u32 = 1;

/// The largest state file read; a real one is a few kilobytes.
const MAX_BYTES: u64 = 256 * 1024;

/// A walk as saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Saved {
    pub version: u32,
    pub service: String,
    /// `--start NODE`, when the walk did not begin at the guide's start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    /// When it was last saved (seconds since 1970, UTC).
    pub saved: u64,
    pub trail: Vec<SavedVisit>,
}

/// One node of the trail: its id, the option chosen there, when it was
/// reached, and whether the walk came to it because a wait had passed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedVisit {
    pub node: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<String>,
    pub at: u64,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub after_wait: bool,
}

/// Why a saved walk could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Not JSON of this layout (or not readable, or too large).
    Corrupt(String),
    /// Saved by another version of loginhelp.
    Version(u32),
    /// The guide has changed: this node or option is no longer there.
    Outdated(String),
}

impl Saved {
    /// The walk as it stands, to be saved at `now`; `previous` keeps the
    /// times of the visits the walk still shares with it.
    pub fn of(walk: &Walk, start: Option<&str>, previous: Option<&Saved>, now: u64) -> Saved {
        let service = walk.service();
        let trail = walk
            .trail()
            .iter()
            .enumerate()
            .map(|(i, visit)| {
                let node = service.node(visit.node).id.to_string();
                let answer = visit
                    .answer
                    .and_then(|a| offers(service, visit.node).get(a).map(|o| o.id.clone()));
                let before = previous
                    .and_then(|p| p.trail.get(i))
                    .filter(|v| v.node == node);
                let after_wait = i > 0 && crate::replay::came_after_wait(walk, i);
                SavedVisit {
                    at: before.map_or(now, |v| v.at),
                    node,
                    answer,
                    after_wait,
                }
            })
            .collect();
        Saved {
            version: VERSION,
            service: service.id.to_string(),
            start: start.map(str::to_owned),
            saved: now,
            trail,
        }
    }

    /// Walk the guide again along the saved trail. Every node and option id
    /// must still be there and lead where it led.
    pub fn restore<'s>(&self, service: &'s Service) -> Result<Walk<'s>, Problem> {
        let outdated = |what: String| Problem::Outdated(what);
        if self.service != *service.id {
            return Err(outdated(format!(
                "it is for `{}`",
                crate::text::neutralize(&self.service)
            )));
        }
        let start = match &self.start {
            Some(id) => service
                .find(id)
                .ok_or_else(|| outdated(format!("no node `{}`", crate::text::neutralize(id))))?,
            None => service.start,
        };
        let mut walk = Walk::starting_at(service, start);
        let Some(last) = self.trail.len().checked_sub(1) else {
            return Err(Problem::Corrupt("the trail is empty".into()));
        };
        for (i, visit) in self.trail.iter().enumerate() {
            let here = &*service.node(walk.current()).id;
            if here != visit.node {
                return Err(outdated(format!(
                    "the walk no longer reaches `{}`",
                    crate::text::neutralize(&visit.node)
                )));
            }
            if i == last {
                if visit.answer.is_some() {
                    return Err(Problem::Corrupt("the last node has an answer".into()));
                }
                break;
            }
            let next = &self.trail[i + 1];
            let moved = match &visit.answer {
                _ if next.after_wait => walk.follow_wait().is_some(),
                Some(option) => walk.answer(option).is_ok(),
                None => walk.advance().is_some(),
            };
            if !moved {
                return Err(outdated(format!(
                    "`{}` no longer leads on as it did",
                    crate::text::neutralize(&visit.node)
                )));
            }
        }
        Ok(walk)
    }

    /// When the walk reached the node it is at now.
    pub fn reached_last(&self) -> u64 {
        self.trail.last().map_or(self.saved, |v| v.at)
    }
}

/// Where saved walks live: `LOGINHELP_STATE_DIR`, else the platform's state
/// directory (`$XDG_STATE_HOME/loginhelp`, `~/.local/state/loginhelp` on
/// Linux), else its local data directory.
pub fn state_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("LOGINHELP_STATE_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    let dirs = directories::ProjectDirs::from("", "", "loginhelp")?;
    Some(
        dirs.state_dir()
            .unwrap_or_else(|| dirs.data_local_dir())
            .to_owned(),
    )
}

/// The file a service's walk is saved in.
pub fn file_for(dir: &Path, service: &str) -> PathBuf {
    dir.join(format!("{service}.json"))
}

/// Read a saved walk: `Ok(None)` when there is none.
pub fn load(path: &Path) -> Result<Option<Saved>, Problem> {
    let bytes = match read_limited(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Problem::Corrupt(e.to_string())),
    };
    // The version first, so that a file of another layout says so.
    #[derive(Deserialize)]
    struct Probe {
        version: Option<u32>,
    }
    match serde_json::from_slice::<Probe>(&bytes) {
        Ok(Probe {
            version: Some(version),
        }) if version != VERSION => return Err(Problem::Version(version)),
        Err(e) => return Err(Problem::Corrupt(e.to_string())),
        _ => {}
    }
    serde_json::from_slice(&bytes)
        .map(Some)
        .map_err(|e| Problem::Corrupt(e.to_string()))
}

fn read_limited(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read as _;
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    file.take(MAX_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(std::io::Error::other(format!(
            "larger than {MAX_BYTES} bytes"
        )));
    }
    Ok(bytes)
}

/// Save a walk: the directory is made (0700) if missing, and the file
/// (0600) replaced atomically.
pub fn save(path: &Path, saved: &Saved) -> anyhow::Result<()> {
    if let Some(dir) = path.parent() {
        if !dir.exists() {
            let mut builder = std::fs::DirBuilder::new();
            builder.recursive(true);
            #[cfg(unix)]
            std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
            builder.create(dir).map_err(|e| {
                failed(
                    format!("ディレクトリ {} を作れません", shown(dir)),
                    format!("cannot create the directory {}", shown(dir)),
                    &e,
                )
            })?;
        }
    }
    let mut json = serde_json::to_string_pretty(saved)?;
    json.push('\n');
    // The temporary file is made 0600 (tempfile's default on Unix) before
    // anything is written to it, and renamed into place. Unlike a report it
    // is not synced to disk first: that took 2 to 120 ms per answer here,
    // and a file cut short by a crash is only read as corrupt, said, and
    // replaced by a fresh walk.
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".loginhelp-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| {
            failed(
                format!("{} にファイルを作れません", shown(dir)),
                format!("cannot create a file in {}", shown(dir)),
                &e,
            )
        })?;
    let cannot_write = || {
        (
            format!("{} に書き込めません", shown(path)),
            format!("cannot write {}", shown(path)),
        )
    };
    std::io::Write::write_all(&mut tmp, json.as_bytes()).map_err(|e| {
        let (ja, en) = cannot_write();
        failed(ja, en, &e)
    })?;
    tmp.persist(path).map_err(|e| {
        let (ja, en) = cannot_write();
        failed(ja, en, &e.error)
    })?;
    Ok(())
}

fn shown(path: &Path) -> String {
    crate::text::display_path(path)
}

/// A failed save, said in the language of messages with the system's
/// reason (which `describe` words in that language too).
fn failed(ja: String, en: String, err: &std::io::Error) -> anyhow::Error {
    let lang = crate::i18n::message_lang();
    anyhow::anyhow!(
        "{}: {}",
        crate::i18n::tr(ja, en),
        crate::i18n::os_error::describe(err, lang)
    )
}

/// Forget a saved walk (none is fine).
pub fn clear(path: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Now, in seconds since 1970 (UTC). `LOGINHELP_NOW` (RFC 3339, e.g.
/// `2026-12-08T09:00:00Z`) sets it, so that tests can move the clock.
pub fn now() -> Result<u64, String> {
    if let Some(pinned) = std::env::var_os("LOGINHELP_NOW").filter(|v| !v.is_empty()) {
        let pinned = pinned.to_string_lossy();
        return parse_rfc3339(pinned.trim()).ok_or_else(|| {
            format!(
                "LOGINHELP_NOW=`{}` is not an RFC 3339 time such as 2026-12-08T09:00:00Z",
                crate::text::neutralize(&pinned)
            )
        });
    }
    Ok(std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs()))
}

/// An RFC 3339 time (`2026-12-08T09:00:00Z`, `…+09:00`) to seconds since
/// 1970; times before 1970 are refused.
pub fn parse_rfc3339(s: &str) -> Option<u64> {
    if !s.is_ascii() {
        return None;
    }
    let at: jiff::Timestamp = s.parse().ok()?;
    u64::try_from(at.as_second()).ok()
}

/// Seconds since 1970 as `YYYY-MM-DD HH:MM` and the zone's name, in the
/// user's time zone (`TZ` respected).
pub fn format_local(secs: u64) -> String {
    format_in(secs, &jiff::tz::TimeZone::system())
}

fn format_in(secs: u64, zone: &jiff::tz::TimeZone) -> String {
    i64::try_from(secs)
        .ok()
        .and_then(|s| jiff::Timestamp::from_second(s).ok())
        .map(|at| {
            at.to_zoned(zone.clone())
                .strftime("%Y-%m-%d %H:%M %Z")
                .to_string()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_round_trips_through_the_calendar() {
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_rfc3339("2026-12-01T09:36:14Z"), Some(1_796_117_774));
        assert_eq!(
            parse_rfc3339("2026-12-01T18:36:14+09:00"),
            parse_rfc3339("2026-12-01T09:36:14Z")
        );
        assert_eq!(
            parse_rfc3339("2024-02-29T00:00:00.250Z"),
            Some(1_709_164_800)
        );
        assert_eq!(
            format_in(1_796_117_774, &jiff::tz::TimeZone::UTC),
            "2026-12-01 09:36 UTC"
        );
        let tokyo = jiff::tz::TimeZone::fixed(jiff::tz::offset(9));
        assert!(format_in(1_796_117_774, &tokyo).starts_with("2026-12-01 18:36"));
        for bad in [
            "",
            "2026-12-01",
            "2026-12-01T09:36:14",
            "2026-02-29T00:00:00Z",
            "2026-12-01T24:00:00Z",
            "1969-12-31T23:59:59Z",
            "2026-12-01T09:36:14+9:00",
            "２026-12-01T09:36:14Z",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad}");
        }
    }
}
