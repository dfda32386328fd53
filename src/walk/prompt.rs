//! The small interface the wizard asks through, so that it can be driven by
//! dialoguer on a terminal and by a scripted queue in tests. The terminal
//! implementation keeps every item narrower (in bytes, as dialoguer measures)
//! than the terminal, so Japanese items never confuse its redraw.

use std::collections::VecDeque;
use std::io::ErrorKind;

use anyhow::{anyhow, Result};
use console::Term;
use dialoguer::theme::ColorfulTheme;
use dialoguer::theme::SimpleTheme;
use dialoguer::theme::Theme;

use crate::error::Cancelled;
use crate::text::truncate_to_bytes;

/// What the user did at a prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Picked {
    /// The n-th item.
    Item(usize),
    /// Esc or q: leave the wizard.
    Quit,
}

pub trait Prompter {
    /// Show text above the next prompt.
    fn say(&mut self, text: &str) -> Result<()>;
    /// Pick one of `items`; the first is highlighted.
    fn select(&mut self, prompt: &str, items: &[String]) -> Result<Picked>;
    /// Pick one of `items` by typing to filter them.
    fn filter_select(&mut self, prompt: &str, items: &[String]) -> Result<Picked>;
    /// Type a line of text (a file name); `None` when the user quits.
    fn input(&mut self, prompt: &str, initial: &str) -> Result<Option<String>>;
    /// The width to lay text out in.
    fn width(&self) -> usize;
}

/// dialoguer on stderr.
pub struct TermPrompter {
    term: Term,
    colorful: bool,
}

impl TermPrompter {
    pub fn new(colorful: bool) -> TermPrompter {
        TermPrompter {
            term: Term::stderr(),
            colorful,
        }
    }

    fn theme(&self) -> Box<dyn Theme> {
        if self.colorful {
            Box::new(ColorfulTheme::default())
        } else {
            Box::new(SimpleTheme)
        }
    }

    /// Items and prompt cut to fit one line each, measured as dialoguer does.
    fn fit(&self, s: &str) -> String {
        let cols = self.term.size().1 as usize;
        // Room for the theme's marker ("> " or "❯ ") and a spare column.
        truncate_to_bytes(&s.replace('\n', " "), cols.saturating_sub(4).max(8))
    }
}

/// Map dialoguer's errors: an interrupted read is the user cancelling.
/// Either way the cursor, which the prompt may have hidden, is shown again.
fn cancelled_or(err: dialoguer::Error) -> anyhow::Error {
    let _ = Term::stderr().show_cursor();
    match err {
        dialoguer::Error::IO(io) if io.kind() == ErrorKind::Interrupted => anyhow!(Cancelled),
        dialoguer::Error::IO(io) => anyhow!(io),
    }
}

impl Prompter for TermPrompter {
    fn say(&mut self, text: &str) -> Result<()> {
        for line in text.trim_end_matches('\n').split('\n') {
            self.term.write_line(line)?;
        }
        Ok(())
    }

    fn select(&mut self, prompt: &str, items: &[String]) -> Result<Picked> {
        let theme = self.theme();
        let items: Vec<String> = items.iter().map(|i| self.fit(i)).collect();
        let picked = dialoguer::Select::with_theme(theme.as_ref())
            .with_prompt(self.fit(prompt))
            .items(&items)
            .default(0)
            .interact_on_opt(&self.term)
            .map_err(cancelled_or)?;
        Ok(picked.map_or(Picked::Quit, Picked::Item))
    }

    fn filter_select(&mut self, prompt: &str, items: &[String]) -> Result<Picked> {
        let theme = self.theme();
        let items: Vec<String> = items.iter().map(|i| self.fit(i)).collect();
        let picked = dialoguer::FuzzySelect::with_theme(theme.as_ref())
            .with_prompt(self.fit(prompt))
            .items(&items)
            .default(0)
            .interact_on_opt(&self.term)
            .map_err(cancelled_or)?;
        Ok(picked.map_or(Picked::Quit, Picked::Item))
    }

    fn input(&mut self, prompt: &str, initial: &str) -> Result<Option<String>> {
        let theme = self.theme();
        let text: String = dialoguer::Input::with_theme(theme.as_ref())
            .with_prompt(self.fit(prompt))
            .with_initial_text(initial)
            .allow_empty(true)
            .interact_text_on(&self.term)
            .map_err(cancelled_or)?;
        let text = text.trim().to_owned();
        Ok((!text.is_empty()).then_some(text))
    }

    fn width(&self) -> usize {
        (self.term.size().1 as usize).clamp(20, 100)
    }
}

/// A prompter that answers from a queue, recording what it was shown: the
/// wizard's unit tests drive the engine through it.
#[derive(Debug, Default)]
pub struct ScriptedPrompter {
    pub picks: VecDeque<Picked>,
    pub inputs: VecDeque<Option<String>>,
    /// Everything said, and every prompt with its items, in order.
    pub transcript: Vec<String>,
}

impl ScriptedPrompter {
    pub fn new(picks: impl IntoIterator<Item = Picked>) -> ScriptedPrompter {
        ScriptedPrompter {
            picks: picks.into_iter().collect(),
            ..Default::default()
        }
    }
}

impl Prompter for ScriptedPrompter {
    fn say(&mut self, text: &str) -> Result<()> {
        self.transcript.push(text.to_owned());
        Ok(())
    }

    fn select(&mut self, prompt: &str, items: &[String]) -> Result<Picked> {
        self.transcript
            .push(format!("? {prompt} [{}]", items.join(" | ")));
        self.picks
            .pop_front()
            .ok_or_else(|| anyhow!("the script has no answer for `{prompt}`"))
    }

    fn filter_select(&mut self, prompt: &str, items: &[String]) -> Result<Picked> {
        self.select(prompt, items)
    }

    fn input(&mut self, prompt: &str, initial: &str) -> Result<Option<String>> {
        self.transcript.push(format!("? {prompt} [{initial}]"));
        self.inputs
            .pop_front()
            .ok_or_else(|| anyhow!("the script has no input for `{prompt}`"))
    }

    fn width(&self) -> usize {
        80
    }
}
