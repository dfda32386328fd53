//! Fuzz the tree loader and validator: any bytes, as a file would be read
//! (invalid UTF-8 is refused before parsing, so only text reaches
//! `check_source`). It must return, and give a service exactly when it
//! reports no error. Parsing section by section (what a file over 512 KiB
//! gets) must find errors exactly when parsing the whole text does, apart
//! from the layout rule of large files, and the same result when there are
//! none. Every diagnostic must render against the text, in each language.

#![no_main]

use libfuzzer_sys::fuzz_target;
use loginhelp_guide::check::{check_source_by_sections, header_part};
use loginhelp_guide::{check_source, Checked};

fn codes(c: &Checked) -> Vec<&'static str> {
    c.diagnostics.iter().map(|d| d.code.as_str()).collect()
}

fn summary(c: &Checked) -> String {
    let service = c
        .service
        .as_ref()
        .map(|s| format!("{} {:?} {:?}", s.id, s.links, s.nodes));
    format!("{:?}\n{service:?}", c.diagnostics)
}

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let whole = check_source(src);
    assert_eq!(whole.service.is_some(), !whole.has_errors());
    for d in &whole.diagnostics {
        for lang in [loginhelp_guide::Lang::En, loginhelp_guide::Lang::Ja] {
            let _ = loginhelp_guide::diagnostic::render("fuzz.toml", src, d, lang);
        }
    }
    let sections = check_source_by_sections(src);
    assert_eq!(sections.service.is_some(), !sections.has_errors());
    let layout = codes(&sections) == ["LH014"] && codes(&whole) != ["LH014"];
    assert_eq!(
        sections.has_errors(),
        whole.has_errors() || layout,
        "{}\n---\n{}",
        summary(&whole),
        summary(&sections)
    );
    if !whole.has_errors() && !layout {
        assert_eq!(summary(&sections), summary(&whole));
    }
    let _ = header_part(src);
});
