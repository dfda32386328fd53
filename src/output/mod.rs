//! What the reader sees: the views that are the JSON contract (`view`),
//! views as styled text (`text`) and Markdown (`markdown`), the support
//! message (`report`), the validator's report (`diagnostics`), the only
//! writers to stdout and to files (`emit`), and the JSON envelope with
//! its version and errors (`json`).

pub mod diagnostics;
pub mod emit;
pub mod json;
pub mod markdown;
pub mod report;
pub mod report_file;
pub mod text;
pub mod transcript;
pub mod view;
