//! Guide trees: the TOML format as written (`raw`), the checked guide the
//! rest of the program uses (`model`), the checks between them (`check`),
//! and the form the shipped guides are stored in, checked at build time
//! (`compiled`). `build.rs` compiles this module too.

pub mod check;
pub mod compiled;
pub mod model;
pub mod raw;

pub use check::{check_source, Checked};
pub use model::*;
