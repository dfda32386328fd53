//! The integration tests, one binary (as ripgrep, just and tealdeer do):
//! each runs the real `loginhelp` in an isolated environment (`common`).
//! One binary links the library once instead of six times.

mod cli;
mod colour;
mod common;
mod completions;
mod diagnostics_ja;
mod display;
mod graph_search;
mod guide_rules;
mod guides;
mod handoff;
mod hostile;
mod i18n;
mod io;
mod json;
mod line_breaking;
mod man;
mod packaging;
mod pty;
mod resume;
mod terminal_safety;
