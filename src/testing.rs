//! What the unit tests share: a small guide's header, so that each test
//! writes only the nodes it is about.

/// A guide file with the header every unit-test guide has (one source,
/// names テスト / Test) and `nodes` after it.
pub fn guide(id: &str, start: &str, nodes: &str) -> String {
    format!(
        "format = 1\nid = \"{id}\"\nreviewed = \"2026-11-22\"\nstart = \"{start}\"\n\
         name = {{ ja = \"テスト\", en = \"Test\" }}\n\
         summary = {{ ja = \"テスト\", en = \"Test\" }}\n\
         [[source]]\ntitle = \"t\"\nref = \"t.txt\"\n\n{nodes}"
    )
}
