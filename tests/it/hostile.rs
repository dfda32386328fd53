//! Hostile and broken tree files, through `--services-dir` and `validate`:
//! truncated, binary, invalid UTF-8, huge, deeply nested, looping, very many
//! nodes. Each must end in a clear, positioned error (or a validated load),
//! never a panic, a hang or a stack overflow. Every run of the binary is
//! killed after a generous wall-clock bound, so a hang fails the test instead
//! of blocking the suite. Then property tests of `check_source` on random
//! and mutated text.

use std::ffi::OsStr;
use std::io::Read as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use loginhelp::registry::EMBEDDED;
use loginhelp::tree::check::{MAX_FILE_BYTES, MAX_NODES};
use loginhelp::tree::check_source;
use proptest::prelude::*;

/// Far above what any of these runs needs, even in a debug build on a busy
/// machine: only a hang reaches it.
const HANG: Duration = Duration::from_secs(60);

struct Run {
    args: String,
    status: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Run {
    fn all(&self) -> String {
        format!("{}\n{}", self.stdout, self.stderr)
    }

    /// The exit status, the error code, a file position (`at` is the file
    /// name, with the line and column when they are known), and no panic.
    fn assert_invalid(&self, code: &str, at: &str) -> &Run {
        assert_eq!(self.status, Some(4), "{}: {}", self.args, self.all());
        let all = self.all();
        assert!(
            all.contains(&format!("[{code}]")),
            "{}: want {code}:\n{}",
            self.args,
            cut(&all)
        );
        // `validate NAME` shows NAME; `--services-dir .` shows ./NAME.
        let at = at.trim_start_matches("./");
        let position = [format!("--> {at}:"), format!("--> ./{at}:")];
        assert!(
            position.iter().any(|p| all.contains(p)),
            "{}: want --> {at}:\n{}",
            self.args,
            cut(&all)
        );
        self.assert_no_panic()
    }

    fn assert_no_panic(&self) -> &Run {
        assert!(
            !self.stderr.contains("panicked"),
            "{}: {}",
            self.args,
            cut(&self.stderr)
        );
        assert!(
            !self.stderr.contains("overflow"),
            "{}: {}",
            self.args,
            cut(&self.stderr)
        );
        assert!(
            self.status.is_some(),
            "{}: killed by a signal: {}",
            self.args,
            cut(&self.stderr)
        );
        self
    }
}

fn cut(s: &str) -> String {
    s.chars().take(2000).collect()
}

/// Run the real binary in `dir` with an isolated environment.
fn loginhelp<I, S>(dir: &Path, args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    loginhelp_in(dir, args, "C")
}

/// `loginhelp`, with messages in English, for the tests that read their
/// wording (`LANG=C` makes them Japanese).
fn loginhelp_en<I, S>(dir: &Path, args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    loginhelp_in(dir, args, "en_US.UTF-8")
}

fn loginhelp_in<I, S>(dir: &Path, args: I, lang: &str) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let args: Vec<_> = args.into_iter().map(|a| a.as_ref().to_owned()).collect();
    let shown = args
        .iter()
        .map(|a| a.to_string_lossy())
        .collect::<Vec<_>>()
        .join(" ");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_loginhelp"));
    cmd.args(&args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (key, _) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("LOGINHELP_") {
            cmd.env_remove(key);
        }
    }
    cmd.env("NO_COLOR", "1")
        .env("LANG", lang)
        .env("COLUMNS", "80")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    let mut child = cmd.spawn().expect("start loginhelp");
    // Read both pipes while waiting, so a large output cannot stall the child.
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out.read_to_end(&mut v);
        v
    });
    let err = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err.read_to_end(&mut v);
        v
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for loginhelp") {
            break status;
        }
        if started.elapsed() > HANG {
            let _ = child.kill();
            let _ = child.wait();
            panic!("loginhelp {shown} still running after {HANG:?}: a hang");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Run {
        args: shown,
        status: status.code(),
        stdout: String::from_utf8_lossy(&out.join().unwrap()).into_owned(),
        stderr: String::from_utf8_lossy(&err.join().unwrap()).into_owned(),
    }
}

/// A shipped guide's text, as the binary embeds it.
fn shipped(name: &str) -> String {
    EMBEDDED
        .iter()
        .find(|e| e.file == name)
        .map(|e| e.source.to_owned())
        .unwrap_or_else(|| panic!("no shipped guide {name}"))
}

/// A temporary directory holding one file `name` with `bytes`.
fn dir_with(name: &str, bytes: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), bytes).unwrap();
    dir
}

/// `validate FILE` and a walk of `service` from `--services-dir` both refuse
/// the file with `code` and a position in it.
fn assert_refused(name: &str, bytes: &[u8], service: &str, code: &str) {
    let dir = dir_with(name, bytes);
    loginhelp(dir.path(), ["validate", name]).assert_invalid(code, name);
    loginhelp(dir.path(), [service, "--services-dir", ".", "--no-input"])
        .assert_invalid(code, name);
}

/// A small deterministic byte generator (no randomness between runs).
fn noise(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as u8
        })
        .collect()
}

/// A valid tree of `pairs` question + fix pairs, a shared escalation and a
/// shared outcome: `2 * pairs + 2` nodes.
fn chain_tree(id: &str, pairs: usize) -> String {
    let mut out = format!(
        "format = 1\nid = \"{id}\"\nreviewed = \"2026-01-01\"\nstart = \"q-0\"\n\
         name = {{ ja = \"生成\", en = \"Generated\" }}\n\
         summary = {{ ja = \"生成した木\", en = \"A generated tree\" }}\n\
         [[source]]\ntitle = \"test\"\nref = \"tests/hostile.rs\"\n"
    );
    for i in 0..pairs {
        let next = if i + 1 < pairs {
            format!("q-{}", i + 1)
        } else {
            "support".to_owned()
        };
        out.push_str(&format!(
            "[[node]]\nid = \"q-{i}\"\nkind = \"question\"\ntext = {{ ja = \"質問{i}\", en = \"Case {i}?\" }}\n\
             [[node.option]]\nid = \"yes\"\nlabel = {{ ja = \"はい\", en = \"Yes\" }}\nnext = \"fix-{i}\"\n\
             [[node.option]]\nid = \"no\"\nlabel = {{ ja = \"いいえ\", en = \"No\" }}\nnext = \"{next}\"\n\
             [[node]]\nid = \"fix-{i}\"\nkind = \"fix\"\ntitle = {{ ja = \"対処{i}\", en = \"Fix {i}\" }}\n\
             solved = \"done\"\nunsolved = \"{next}\"\n\
             [[node.step]]\ntext = {{ ja = \"手順{i}\", en = \"Step {i}.\" }}\n"
        ));
    }
    out.push_str(
        "[[node]]\nid = \"support\"\nkind = \"escalation\"\ntitle = { ja = \"連絡\", en = \"Contact\" }\n\
         [[node.contact]]\nchannel = \"phone\"\nlabel = { ja = \"窓口\", en = \"Desk\" }\nphone = \"0120-000-000\"\n\
         [[node]]\nid = \"done\"\nkind = \"resolved\"\ntitle = { ja = \"解決\", en = \"Done\" }\n",
    );
    out
}

#[test]
fn the_chain_tree_is_valid() {
    let checked = check_source(&chain_tree("chain", 3));
    assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
}

#[test]
fn truncated_trees_are_refused_with_a_position() {
    let src = shipped("amazon.toml");
    // Mid-key, mid-string, mid-inline-table, mid-header, and a whole line.
    let mut cuts = vec![
        src.find("reviewed").unwrap() + 3,
        src.find("summary = { ja = \"").unwrap() + 20,
        src.find("[[node.option]]").unwrap() + 7,
        src.find("name = {").unwrap() + 9,
    ];
    cuts.extend((1..8).map(|i| src.len() * i / 8));
    for cut in cuts {
        let mut cut = cut;
        while !src.is_char_boundary(cut) {
            cut -= 1;
        }
        let dir = dir_with("amazon.toml", &src.as_bytes()[..cut]);
        let run = loginhelp_en(dir.path(), ["validate", "amazon.toml"]);
        assert_eq!(run.status, Some(4), "cut at {cut}: {}", run.all());
        assert!(
            run.stdout.contains("error[LH0"),
            "cut at {cut}: {}",
            run.all()
        );
        assert!(
            run.stdout.contains("amazon.toml:"),
            "cut at {cut}: {}",
            run.all()
        );
        run.assert_no_panic();
        // The cut file replaces the shipped guide of the same id.
        let run = loginhelp_en(dir.path(), ["amazon", "--services-dir", ".", "--no-input"]);
        assert_eq!(run.status, Some(4), "cut at {cut}: {}", run.all());
        assert!(
            run.stderr.contains("error[LH0"),
            "cut at {cut}: {}",
            run.all()
        );
        run.assert_no_panic();
    }
}

#[test]
fn binary_files_are_refused() {
    let mut bytes = noise(64 * 1024, 7);
    bytes.extend(0u8..=255);
    assert_refused("noise.toml", &bytes, "noise", "LH001");
    // Every byte value, ending in an invalid sequence.
    let all: Vec<u8> = (0u8..=255).cycle().take(4096).collect();
    assert_refused("bytes.toml", &all, "bytes", "LH001");
    // Valid UTF-8 full of control characters: a syntax error, shown safely.
    let controls: Vec<u8> = (0u8..0x20).chain([0x7f]).cycle().take(4096).collect();
    let dir = dir_with("controls.toml", &controls);
    let run = loginhelp(dir.path(), ["validate", "controls.toml"]);
    run.assert_invalid("LH001", "controls.toml");
    assert!(!run.stdout.contains('\u{1b}'), "{}", run.stdout);
    // An empty file: every required key is missing.
    assert_refused("empty.toml", b"", "empty", "LH013");
}

#[test]
fn invalid_utf8_is_located() {
    let src = shipped("amazon.toml");
    let at = src.find("[[source]]").unwrap();
    let line = src[..at].matches('\n').count() + 1;
    let mut bytes = src.into_bytes();
    bytes.splice(at..at, [b'#', 0xff, 0xfe, b'\n']);
    let dir = dir_with("amazon.toml", &bytes);
    loginhelp(dir.path(), ["validate", "amazon.toml"])
        .assert_invalid("LH001", &format!("amazon.toml:{line}"));
    let run = loginhelp(dir.path(), ["amazon", "--services-dir", ".", "--no-input"]);
    run.assert_invalid("LH001", &format!("amazon.toml:{line}"));
    assert!(run.stderr.contains("UTF-8"), "{}", run.stderr);
}

#[test]
fn files_over_the_size_limit_are_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let file = std::fs::File::create(dir.path().join("huge.toml")).unwrap();
    // Sparse: no disk is used, and nothing may read it all.
    file.set_len(MAX_FILE_BYTES as u64 + 1).unwrap();
    drop(file);
    let run = loginhelp(dir.path(), ["validate", "huge.toml"]);
    assert_eq!(run.status, Some(4), "{}", run.all());
    assert!(
        run.stdout.contains("[LH014]") && run.stdout.contains("huge.toml"),
        "{}",
        run.all()
    );
    run.assert_no_panic();
    let run = loginhelp(dir.path(), ["huge", "--services-dir", ".", "--no-input"]);
    assert_eq!(run.status, Some(4), "{}", run.all());
    assert!(
        run.stderr.contains("[LH014]") && run.stderr.contains("huge.toml"),
        "{}",
        run.all()
    );
    run.assert_no_panic();
    // Listing does not read it either.
    let run = loginhelp(dir.path(), ["list", "--services-dir", "."]);
    assert_eq!(run.status, Some(0), "{}", run.all());
}

#[test]
fn tens_of_megabytes_load_or_fail_cleanly() {
    // 16 MB of comments after the last node: a file that large is read one
    // [[node]] section at a time, and one section may be at most 256 KiB.
    let mut src = chain_tree("padded", 2);
    let pad = "# padding padding padding padding padding padding padding padding\n";
    src.push_str(&pad.repeat(16_000_000 / pad.len()));
    let dir = dir_with("padded.toml", src.as_bytes());
    let run = loginhelp(dir.path(), ["padded", "--services-dir", ".", "--no-input"]);
    run.assert_invalid("LH014", "padded.toml");
    assert!(run.stderr.contains("256 KiB"), "{}", cut(&run.stderr));

    // 12 MB of tiny tables and values, with no [[node]] at all, is refused
    // without being parsed whole (that takes 40 to 100 times its size).
    for (name, body) in [
        (
            "tables.toml",
            format!("x = [{}]\n", "{},".repeat(4_000_000)),
        ),
        ("arrays.toml", "[[a]]\n".repeat(2_000_000)),
        (
            "numbers.toml",
            format!("x = [{}]\n", "1,".repeat(6_000_000)),
        ),
    ] {
        let dir = dir_with(name, body.as_bytes());
        let stem = name.trim_end_matches(".toml");
        loginhelp(dir.path(), [stem, "--services-dir", ".", "--no-input"])
            .assert_invalid("LH014", name);
        let run = loginhelp(dir.path(), ["list", "--services-dir", "."]);
        assert_eq!(run.status, Some(0), "{}", run.all());
        assert!(run.stdout.contains(stem), "{}", run.stdout);
    }

    // One node section of 1 MB of text.
    let mut src = chain_tree("bignode", 1);
    src = src.replacen(
        "text = { ja = \"質問0\"",
        &format!("text = {{ ja = \"{}\"", "長".repeat(400_000)),
        1,
    );
    src.push_str(&"# filler\n".repeat(100_000));
    let dir = dir_with("bignode.toml", src.as_bytes());
    loginhelp(dir.path(), ["bignode", "--services-dir", ".", "--no-input"])
        .assert_invalid("LH014", "bignode.toml");
}

#[test]
fn deep_nesting_is_refused_without_a_stack_overflow() {
    let deep = 100_000;
    let cases = [
        (
            "arrays.toml",
            format!("x = {}{}\n", "[".repeat(deep), "]".repeat(deep)),
        ),
        (
            "tables.toml",
            format!("x = {}1{}\n", "{a=".repeat(deep), "}".repeat(deep)),
        ),
        ("unclosed.toml", format!("x = {}\n", "[{a=".repeat(deep))),
        // Lines of brackets inside a multi-line array look like headers.
        (
            "lines.toml",
            format!("x = [\n{}\n{}\n]\n", "[".repeat(deep), "]".repeat(deep)),
        ),
        ("dotted.toml", format!("x{} = 1\n", ".x".repeat(deep))),
        ("header.toml", format!("[x{}]\n", ".x".repeat(deep))),
    ];
    for (name, src) in cases {
        let stem = name.trim_end_matches(".toml");
        assert_refused(name, src.as_bytes(), stem, "LH014");
    }
    // Deep nesting inside a node of a real tree.
    let src = shipped("line.toml").replacen(
        "[[node]]\n",
        &format!(
            "[[node]]\nnotes = {}{}\n",
            "[".repeat(deep),
            "]".repeat(deep)
        ),
        1,
    );
    assert_refused("line.toml", src.as_bytes(), "line", "LH014");
}

#[test]
fn a_loop_with_no_way_out_is_refused() {
    let src = chain_tree("loop", 2)
        .replace("next = \"support\"", "next = \"q-0\"")
        .replace("unsolved = \"support\"", "unsolved = \"q-0\"")
        .replace("solved = \"done\"", "solved = \"q-1\"");
    let dir = dir_with("loop.toml", src.as_bytes());
    let run = loginhelp_en(dir.path(), ["validate", "loop.toml"]);
    run.assert_invalid("LH008", "loop.toml");
    assert!(
        run.stdout.contains("lead only to each other"),
        "{}",
        run.stdout
    );
    loginhelp(dir.path(), ["loop", "--services-dir", ".", "--no-input"])
        .assert_invalid("LH008", "loop.toml");
    // A question whose options both lead back to itself.
    let src = chain_tree("self", 1)
        .replace("next = \"fix-0\"", "next = \"q-0\"")
        .replace("next = \"support\"", "next = \"q-0\"");
    assert_refused("self.toml", src.as_bytes(), "self", "LH008");
}

#[test]
fn a_hundred_thousand_nodes_load() {
    let src = chain_tree("big", 50_000);
    let dir = dir_with("big.toml", src.as_bytes());
    let run = loginhelp(
        dir.path(),
        [
            "big",
            "--services-dir",
            ".",
            "-a",
            "q-0=no",
            "-a",
            "q-1=yes",
            "-a",
            "fix-1=yes",
            "--format",
            "json",
        ],
    );
    assert_eq!(run.status, Some(0), "{}", cut(&run.all()));
    assert!(run.stdout.contains("\"resolved\""), "{}", cut(&run.stdout));
    run.assert_no_panic();
    let run = loginhelp(dir.path(), ["list", "--services-dir", "."]);
    assert!(run.stdout.contains("big"), "{}", run.all());
}

#[test]
fn more_nodes_than_the_limit_are_refused() {
    let node = "[[node]]\nid = \"n\"\nkind = \"end\"\n";
    let src = format!("id = \"many\"\n{}", node.repeat(MAX_NODES + 1));
    assert_refused("many.toml", src.as_bytes(), "many", "LH014");
}

#[test]
fn a_problem_in_every_node_is_reported_briefly() {
    // 20k unreachable nodes, each with a broken link: positioning each
    // problem scans the file, so all of them would take many minutes.
    let mut src = chain_tree("broken", 1);
    for i in 0..20_000 {
        src.push_str(&format!(
            "[[node]]\nid = \"n-{i}\"\nkind = \"fix\"\ntitle = {{ ja = \"a\", en = \"a\" }}\nnext = \"gone-{i}\"\n\
             [[node.step]]\ntext = {{ ja = \"a\", en = \"a\" }}\n"
        ));
    }
    let dir = dir_with("broken.toml", src.as_bytes());
    let run = loginhelp_en(dir.path(), ["broken", "--services-dir", ".", "--no-input"]);
    run.assert_invalid("LH004", "broken.toml");
    assert!(
        run.stderr.contains("more are not shown"),
        "{}",
        cut(&run.stderr)
    );
    assert!(
        run.stderr.len() < 100_000,
        "{} bytes of errors",
        run.stderr.len()
    );
}

#[cfg(unix)]
#[test]
fn only_regular_files_are_read() {
    let dir = tempfile::tempdir().unwrap();
    // /dev/zero never ends; a FIFO with no writer blocks its reader.
    let run = loginhelp(dir.path(), ["validate", "/dev/zero"]);
    assert_eq!(run.status, Some(2), "{}", run.all());
    // LANG=C: the message is in Japanese.
    assert!(
        run.stderr.contains("通常のファイルではありません"),
        "{}",
        run.all()
    );
    run.assert_no_panic();
    let made = Command::new("mkfifo")
        .arg(dir.path().join("pipe.toml"))
        .status();
    if made.is_ok_and(|s| s.success()) {
        let run = loginhelp(dir.path(), ["validate", "pipe.toml"]);
        assert_eq!(run.status, Some(2), "{}", run.all());
        run.assert_no_panic();
        // In a services directory it is not a tree file at all.
        let run = loginhelp(dir.path(), ["list", "--services-dir", "."]);
        assert_eq!(run.status, Some(0), "{}", run.all());
        assert!(!run.stdout.contains("pipe"), "{}", run.stdout);
    }
    // A directory named like a tree file is skipped too.
    std::fs::create_dir(dir.path().join("dir.toml")).unwrap();
    let run = loginhelp(dir.path(), ["list", "--services-dir", "."]);
    assert_eq!(run.status, Some(0), "{}", run.all());
}

// ---------------------------------------------------------------- properties

fn shipped_trees() -> Vec<String> {
    EMBEDDED.iter().map(|e| e.source.to_owned()).collect()
}

/// `check_source` returns, and gives a service exactly when it reports no error.
fn assert_consistent(src: &str) -> Result<(), TestCaseError> {
    let checked = check_source(src);
    prop_assert_eq!(
        checked.service.is_some(),
        !checked.has_errors(),
        "{:?}",
        checked.diagnostics
    );
    for d in &checked.diagnostics {
        if let Some(span) = &d.span {
            prop_assert!(
                span.start <= span.end && span.end <= src.len() + 1,
                "{:?}",
                d
            );
        }
    }
    Ok(())
}

/// A key the trees use, or one they do not.
const KEYS: [&str; 16] = [
    "id", "kind", "next", "text", "title", "solved", "unsolved", "label", "ja", "en", "platform",
    "channel", "phone", "url", "start", "bogus",
];

#[derive(Debug, Clone)]
enum Edit {
    FlipByte(usize, u8),
    Truncate(usize),
    DeleteLine(usize),
    DuplicateLine(usize),
    RenameKey(usize, usize),
    Insert(usize, String),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Edit::FlipByte(at, b)),
        any::<usize>().prop_map(Edit::Truncate),
        any::<usize>().prop_map(Edit::DeleteLine),
        any::<usize>().prop_map(Edit::DuplicateLine),
        (any::<usize>(), 0..KEYS.len()).prop_map(|(at, k)| Edit::RenameKey(at, k)),
        (
            any::<usize>(),
            prop_oneof![
                Just("[[node]]\n".to_owned()),
                Just("\"\"\"\n".to_owned()),
                Just("x = [[[[\n".to_owned()),
                Just("\\u001b".to_owned()),
                Just("next = \"nowhere\"\n".to_owned()),
                "[ -~]{0,12}",
            ]
        )
            .prop_map(|(at, s)| Edit::Insert(at, s)),
    ]
}

fn apply(src: &str, edit: &Edit) -> String {
    let lines: Vec<&str> = src.split_inclusive('\n').collect();
    let line = |at: usize| at % lines.len().max(1);
    match edit {
        Edit::FlipByte(at, b) => {
            let mut bytes = src.as_bytes().to_vec();
            if !bytes.is_empty() {
                let i = at % bytes.len();
                bytes[i] ^= b | 1;
            }
            String::from_utf8_lossy(&bytes).into_owned()
        }
        Edit::Truncate(at) => {
            let mut end = at % (src.len() + 1);
            while !src.is_char_boundary(end) {
                end -= 1;
            }
            src[..end].to_owned()
        }
        Edit::DeleteLine(at) if !lines.is_empty() => {
            let n = line(*at);
            lines
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != n)
                .map(|(_, l)| *l)
                .collect()
        }
        Edit::DuplicateLine(at) if !lines.is_empty() => {
            let n = line(*at);
            let mut out: Vec<&str> = lines.clone();
            out.insert(n, lines[n]);
            out.concat()
        }
        Edit::RenameKey(at, key) => {
            // The n-th `key = value` line gets another key.
            let keyed: Vec<usize> = (0..lines.len())
                .filter(|&i| lines[i].contains(" = "))
                .collect();
            if keyed.is_empty() {
                return src.to_owned();
            }
            let n = keyed[at % keyed.len()];
            let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            let (_, value) = lines[n].split_once(" = ").unwrap();
            out[n] = format!("{} = {value}", KEYS[*key]);
            out.concat()
        }
        Edit::Insert(at, text) => {
            let mut at = at % (src.len() + 1);
            while !src.is_char_boundary(at) {
                at -= 1;
            }
            format!("{}{text}{}", &src[..at], &src[at..])
        }
        _ => src.to_owned(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn random_text_is_checked_without_panicking(src in "\\PC{0,300}") {
        assert_consistent(&src)?;
    }

    #[test]
    fn random_toml_like_text_is_checked_without_panicking(
        src in "([a-z\\[\\]{}=\"'#., \\n-]|node|kind|id|next|ja|en|\\\\u001b){0,120}"
    ) {
        assert_consistent(&src)?;
    }

    #[test]
    fn mutated_trees_are_checked_without_panicking(
        tree in 0usize..5,
        edits in prop::collection::vec(edit(), 1..5),
    ) {
        let trees = shipped_trees();
        let mut src = trees[tree % trees.len()].clone();
        for e in &edits {
            src = apply(&src, e);
        }
        assert_consistent(&src)?;
    }
}
