//! Embeds the shipped guides: every `services/*.toml` becomes an entry of
//! `EMBEDDED` (its text plus the header `list` shows), so the binary runs
//! from any directory and `list` needs no parsing at run time.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("services");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "toml"));
    files.sort();

    let mut out = String::from("pub static EMBEDDED: &[EmbeddedService] = &[\n");
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(path).unwrap_or_default();
        // A broken file still ships: its errors are reported when it is used.
        let table: toml::Table = text.parse().unwrap_or_default();
        let string = |key: &str| table.get(key).and_then(|v| v.as_str()).map(str::to_owned);
        let lang = |key: &str, lang: &str| {
            table
                .get(key)
                .and_then(|v| v.get(lang))
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_owned()
        };
        let aliases: Vec<String> = table
            .get("aliases")
            .and_then(|v| v.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "    EmbeddedService {{ file: {file:?}, source: include_str!({path:?}), id: {id:?}, aliases: &{aliases:?}, name_ja: {nj:?}, name_en: {ne:?}, summary_ja: {sj:?}, summary_en: {se:?} }},",
            path = path.display().to_string(),
            id = string("id").unwrap_or(stem),
            nj = lang("name", "ja"),
            ne = lang("name", "en"),
            sj = lang("summary", "ja"),
            se = lang("summary", "en"),
        );
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("embedded.rs");
    std::fs::write(dest, out).unwrap();
}
