//! What every command shares: the language, the colour setting and where
//! guides come from, with the registry and painter built from them.

use std::path::PathBuf;

use anyhow::Result;

use crate::cli::ColorWhen;
use crate::i18n::Lang;
use crate::output::text::Painter;
use crate::registry::Registry;
use crate::terminal;
use crate::tree::Service;

/// Settings shared by every command.
#[derive(Debug, Clone)]
pub struct Context {
    pub lang: Lang,
    pub services_dir: Option<PathBuf>,
    pub color: ColorWhen,
}

impl Context {
    pub fn registry(&self) -> Result<Registry> {
        Registry::load(self.services_dir.as_deref())
    }

    /// Styling for stdout.
    pub fn painter(&self) -> Painter {
        Painter::new(terminal::stdout_has_color())
    }

    /// Find a service and load its tree.
    pub fn service(&self, name: &str) -> Result<Service> {
        self.registry()?.resolve(name)?.load()
    }
}
