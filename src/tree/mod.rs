//! Guide trees: the TOML format as written (`raw`), the checked guide the
//! rest of the program uses (`model`), and the checks between them (`check`).

pub mod check;
pub mod model;
pub mod raw;

pub use check::{check_source, Checked};
pub use model::*;
