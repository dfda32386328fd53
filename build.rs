//! Embeds the shipped guides. Every `services/*.toml` becomes an entry of
//! `EMBEDDED`: its text, the header `list` shows, and, when the tree has no
//! errors, the checked guide in its stored form (`src/tree/compiled.rs`),
//! so that the binary runs from any directory and neither `list` nor a walk
//! parses TOML at run time.
//!
//! The checker is the binary's own, the `loginhelp-guide` crate
//! (`crates/guide`), so a guide is checked by exactly the rules
//! `loginhelp validate` applies. A tree with errors still ships, as text only: it is checked when
//! it is used, which reports its errors with their positions.

use loginhelp_guide as tree;
use loginhelp_guide::{diagnostic, text};
use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let out_dir = Path::new(&out_dir);
    let services = manifest_dir.join("services");
    println!("cargo:rerun-if-changed={}", services.display());
    let mut files: Vec<_> = std::fs::read_dir(&services)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "toml"));
    files.sort();

    let mut out = String::from("pub static EMBEDDED: &[EmbeddedService] = &[\n");

    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        // A shipped guide that is not text stops the build: it could not be
        // embedded, and `validate` would have nothing to point at.
        let text = std::fs::read_to_string(path).unwrap_or_else(|err| {
            eprintln!("error: services/{file} cannot be read as UTF-8 text: {err}");
            eprintln!("  = hint: save it as UTF-8");
            std::process::exit(1);
        });
        // The binary embeds this copy, so its text and its compiled form are
        // the same version of the file even if it is edited during the build.
        let text_copy = out_dir.join(&file);
        std::fs::write(&text_copy, &text).expect("write to OUT_DIR");
        let compiled = match compile(&file, &text) {
            Some(stored) => {
                let skeleton = out_dir.join(format!("{stem}.skeleton"));
                let strings = out_dir.join(format!("{stem}.strings"));
                std::fs::write(&skeleton, &stored.skeleton).expect("write to OUT_DIR");
                std::fs::write(&strings, &stored.strings).expect("write to OUT_DIR");
                format!(
                    "Some(Compiled {{ skeleton: include_bytes!({:?}), strings: include_str!({:?}) }})",
                    skeleton.display().to_string(),
                    strings.display().to_string()
                )
            }
            None => "None".to_owned(),
        };
        // What `list` shows, read as for a file in --services-dir: even a
        // tree with errors is listed.
        let header = tree::check::listing(&text);
        let (id, aliases, name, summary) = match header {
            Some(h) => (h.id.unwrap_or(stem), h.aliases, h.name, h.summary),
            None => (
                stem,
                Vec::new(),
                tree::Text::new("", ""),
                tree::Text::new("", ""),
            ),
        };
        let _ = writeln!(
            out,
            "    EmbeddedService {{ file: {file:?}, source: include_str!({source:?}), compiled: {compiled}, id: {id:?}, aliases: &{aliases:?}, name_ja: {nj:?}, name_en: {ne:?}, summary_ja: {sj:?}, summary_en: {se:?} }},",
            source = text_copy.display().to_string(),
            nj = name.ja,
            ne = name.en,
            sj = summary.ja,
            se = summary.en,
        );
    }
    out.push_str("];\n");
    std::fs::write(out_dir.join("embedded.rs"), out).expect("write to OUT_DIR");
}

/// Check a shipped tree and store it (`tree::compiled`); `None` (with the
/// errors shown as build warnings) when it has errors.
fn compile(file: &str, text: &str) -> Option<tree::compiled::Stored> {
    let checked = tree::check_source(text);
    let errors: Vec<_> = checked
        .diagnostics
        .iter()
        .filter(|d| d.severity() == diagnostic::Severity::Error)
        .collect();
    for d in &errors {
        let (line, col) = d
            .span
            .as_ref()
            .map_or((1, 1), |s| diagnostic::line_col(text, s.start));
        println!(
            "cargo:warning=services/{file}:{line}:{col}: error[{}]: {} (this guide is checked when it is used; run `cargo run -- validate`)",
            d.code.as_str(),
            text::neutralize(&d.message.en)
        );
    }
    let service = checked.service.filter(|_| errors.is_empty())?;
    Some(tree::compiled::store(&service))
}
