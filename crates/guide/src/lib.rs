//! The guide format of loginhelp: the TOML trees as written (`raw`), the
//! checked guide the program walks (`model`), the checks between them
//! (`check`), the form the shipped guides are stored in, checked at build
//! time (`compiled`), and the positioned problems the checker reports
//! (`diagnostic`). The binary uses it as `loginhelp::tree`, and its build
//! script checks and stores the shipped guides with it, so a guide is
//! checked by exactly the rules `loginhelp validate` applies.
//!
//! The helpers the format needs live here too: `lang` (languages and
//! translated texts), `text` (terminal safety and widths), `fold` and
//! `suggest` ("did you mean").

pub mod check;
pub mod compiled;
pub mod diagnostic;
pub mod fold;
pub mod lang;
pub mod listing;
pub mod model;
pub mod parse;
pub mod raw;
pub mod scan;
pub mod suggest;
pub mod text;
pub mod toml_words;

pub use check::{check_source, Checked};
pub use lang::{Lang, Text};
pub use model::*;

#[cfg(test)]
pub(crate) mod testing {
    /// The texts of the shipped guides, `services/*.toml`, in file order.
    pub fn shipped() -> Vec<String> {
        toml_files("services")
    }

    /// The texts of the `*.toml` files in `dir` (from the repository's
    /// root), in file order.
    pub fn toml_files(dir: &str) -> Vec<String> {
        let dir = format!("{}/../../{dir}", env!("CARGO_MANIFEST_DIR"));
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{dir} is readable: {e}"))
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        files.sort();
        files
            .iter()
            .map(|p| std::fs::read_to_string(p).expect("a guide file is text"))
            .collect()
    }
}
