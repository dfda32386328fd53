//! What the reader sees: the views that are the JSON contract (`view`),
//! views as styled text (`text`) and Markdown (`markdown`), the support
//! message (`report`), the validator's report (`diagnostics`), and the only
//! writers to stdout and to files (`emit`).

pub mod diagnostics;
pub mod emit;
pub mod markdown;
pub mod report;
pub mod text;
pub mod transcript;
pub mod view;
