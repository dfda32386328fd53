//! The small interface the wizard asks through, so that it can be driven by
//! menus on a terminal (`menu`; dialoguer only for the file-name line), by
//! numbered lines (`--plain`), and by a scripted queue in tests. Before each
//! prompt the terminal's input queue is flushed, so that keys typed ahead (a
//! double Enter) cannot answer a question not yet seen.

use std::collections::VecDeque;
use std::io::ErrorKind;

use anyhow::{anyhow, Result};
use console::Term;
use dialoguer::theme::ColorfulTheme;
use dialoguer::theme::SimpleTheme;
use dialoguer::theme::Theme;

use crate::error::Cancelled;
use crate::text::truncate_to_bytes;
use crate::walk::menu;

pub use crate::walk::menu::Picked;

pub trait Prompter {
    /// Show text above the next prompt.
    fn say(&mut self, text: &str) -> Result<()>;
    /// Pick one of `items`; the first is highlighted.
    fn select(&mut self, prompt: &str, items: &[String]) -> Result<Picked> {
        self.select_from(prompt, items, 0)
    }
    /// Pick one of `items`, starting on the `start`-th.
    fn select_from(&mut self, prompt: &str, items: &[String], start: usize) -> Result<Picked>;
    /// Pick one of `items` by typing to filter them.
    fn filter_select(&mut self, prompt: &str, items: &[String]) -> Result<Picked>;
    /// Type a line of text (a file name): nothing is pre-filled, so what is
    /// typed is the whole answer; empty when only Enter was pressed, `None`
    /// when the user quits.
    fn input(&mut self, prompt: &str) -> Result<Option<String>>;
    /// Put `text` on the clipboard if the terminal can take it (OSC 52);
    /// whether the request was sent.
    fn copy_to_clipboard(&mut self, text: &str) -> Result<bool> {
        let _ = text;
        Ok(false)
    }
    /// The width to lay text out in.
    fn width(&self) -> usize;
    /// Whether `select` shows long items whole (wrapped), so that the
    /// wizard need not list them above the prompt.
    fn wraps_items(&self) -> bool {
        false
    }
}

/// Menus (`menu`) and dialoguer's line input, on stderr.
pub struct TermPrompter {
    term: Term,
    colorful: bool,
    lang: crate::i18n::Lang,
}

impl TermPrompter {
    pub fn new(colorful: bool, lang: crate::i18n::Lang) -> TermPrompter {
        TermPrompter {
            term: Term::stderr(),
            colorful,
            lang,
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

/// An I/O error from a menu: an interrupted read is the user cancelling.
fn cancelled_io(err: std::io::Error) -> anyhow::Error {
    let _ = Term::stderr().show_cursor();
    if err.kind() == ErrorKind::Interrupted {
        anyhow!(Cancelled)
    } else {
        anyhow!(err)
    }
}

impl Prompter for TermPrompter {
    fn say(&mut self, text: &str) -> Result<()> {
        for line in text.trim_end_matches('\n').split('\n') {
            self.term.write_line(line)?;
        }
        Ok(())
    }

    fn select_from(&mut self, prompt: &str, items: &[String], start: usize) -> Result<Picked> {
        discard_typed_ahead();
        let style = menu::Style {
            colorful: self.colorful,
        };
        menu::select(&self.term, style, prompt, items, start).map_err(cancelled_io)
    }

    fn filter_select(&mut self, prompt: &str, items: &[String]) -> Result<Picked> {
        discard_typed_ahead();
        let style = menu::Style {
            colorful: self.colorful,
        };
        let nothing = crate::i18n::words(self.lang).no_match;
        menu::filter_select(&self.term, style, prompt, items, nothing).map_err(cancelled_io)
    }

    fn input(&mut self, prompt: &str) -> Result<Option<String>> {
        let theme = self.theme();
        discard_typed_ahead();
        let text: String = dialoguer::Input::with_theme(theme.as_ref())
            .with_prompt(self.fit(prompt))
            .allow_empty(true)
            .interact_text_on(&self.term)
            .map_err(cancelled_or)?;
        Ok(Some(text.trim().to_owned()))
    }

    fn copy_to_clipboard(&mut self, text: &str) -> Result<bool> {
        osc52(&self.term, text)
    }

    fn width(&self) -> usize {
        (self.term.size().1 as usize).clamp(20, 100)
    }

    fn wraps_items(&self) -> bool {
        true
    }
}

/// Drop whatever was typed before the prompt appeared (a second Enter, keys
/// pressed while the screen was still being drawn): the terminal's input
/// queue is flushed, so only keys pressed at this prompt answer it.
pub fn discard_typed_ahead() {
    #[cfg(unix)]
    {
        use std::io::IsTerminal as _;
        let stdin = std::io::stdin();
        if stdin.is_terminal() {
            use std::os::fd::AsRawFd as _;
            // SAFETY: tcflush only reads the descriptor number, which is open
            // for the life of the process; a failure is harmless here.
            unsafe {
                libc::tcflush(stdin.as_raw_fd(), libc::TCIFLUSH);
            }
        }
    }
}

/// The OSC 52 request that puts `text` on the clipboard: the payload is the
/// plain text in base64, so nothing in it can act as a control sequence.
pub fn osc52_sequence(text: &str) -> String {
    use base64::Engine as _;
    let payload = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    format!("\x1b]52;c;{payload}\x07")
}

/// Send the OSC 52 request to `term`, only when it is a terminal.
fn osc52(term: &Term, text: &str) -> Result<bool> {
    if !term.is_term() {
        return Ok(false);
    }
    use std::io::Write as _;
    let mut out = term.clone();
    out.write_all(osc52_sequence(text).as_bytes())?;
    out.flush()?;
    Ok(true)
}

/// `--plain`: every prompt a numbered list on stderr, answered by typing a
/// number and Enter on stdin; `q` quits. No cursor movement and no redraw,
/// for screen readers, phone-size terminals and reading aloud.
pub struct PlainPrompter {
    term: Term,
    lang: crate::i18n::Lang,
}

impl PlainPrompter {
    pub fn new(lang: crate::i18n::Lang) -> PlainPrompter {
        PlainPrompter {
            term: Term::stderr(),
            lang,
        }
    }

    /// One line from stdin, `None` at its end.
    fn read_line(&mut self) -> Result<Option<String>> {
        let mut line = String::new();
        match std::io::stdin().read_line(&mut line) {
            Ok(0) => Ok(None),
            Ok(_) => Ok(Some(line.trim().to_owned())),
            Err(e) if e.kind() == ErrorKind::Interrupted => Err(anyhow!(Cancelled)),
            Err(e) => Err(e.into()),
        }
    }
}

/// A typed answer to a numbered list of `n`: the item, quit, or neither.
pub fn parse_number(typed: &str, n: usize) -> Option<Picked> {
    let folded: String = crate::text::fold(typed);
    if folded == "q" {
        return Some(Picked::Quit);
    }
    match folded.trim_end_matches(['.', '番']).parse::<usize>() {
        Ok(k) if (1..=n).contains(&k) => Some(Picked::Item(k - 1)),
        _ => None,
    }
}

impl Prompter for PlainPrompter {
    fn say(&mut self, text: &str) -> Result<()> {
        for line in text.trim_end_matches('\n').split('\n') {
            self.term.write_line(line)?;
        }
        Ok(())
    }

    fn select_from(&mut self, prompt: &str, items: &[String], _start: usize) -> Result<Picked> {
        let w = crate::i18n::words(self.lang);
        let width = self.width();
        self.term.write_line("")?;
        for line in crate::text::wrap(prompt, width) {
            self.term.write_line(&line)?;
        }
        for (n, item) in items.iter().enumerate() {
            let number = format!("{:>2}. ", n + 1);
            let lines = crate::text::wrap(item, width.saturating_sub(number.len()));
            for (k, line) in lines.iter().enumerate() {
                let lead = if k == 0 {
                    number.clone()
                } else {
                    " ".repeat(number.len())
                };
                self.term.write_line(&format!("{lead}{line}"))?;
            }
        }
        loop {
            discard_typed_ahead();
            self.term.write_str(&format!("{} > ", w.plain_choose))?;
            let Some(typed) = self.read_line()? else {
                return Ok(Picked::Quit);
            };
            match parse_number(&typed, items.len()) {
                Some(picked) => return Ok(picked),
                None => self.term.write_line(&(w.plain_bad)(items.len()))?,
            }
        }
    }

    fn filter_select(&mut self, prompt: &str, items: &[String]) -> Result<Picked> {
        self.select(prompt, items)
    }

    fn input(&mut self, prompt: &str) -> Result<Option<String>> {
        discard_typed_ahead();
        self.term.write_str(&format!("{prompt} > "))?;
        self.read_line()
    }

    fn copy_to_clipboard(&mut self, text: &str) -> Result<bool> {
        osc52(&self.term, text)
    }

    fn width(&self) -> usize {
        (self.term.size().1 as usize).clamp(20, 100)
    }

    fn wraps_items(&self) -> bool {
        true
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
    /// What was put on the clipboard.
    pub clipboard: Vec<String>,
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

    fn select_from(&mut self, prompt: &str, items: &[String], start: usize) -> Result<Picked> {
        let start = if start == 0 {
            String::new()
        } else {
            format!(" (starts on {})", start + 1)
        };
        self.transcript
            .push(format!("? {prompt} [{}]{start}", items.join(" | ")));
        self.picks
            .pop_front()
            .ok_or_else(|| anyhow!("the script has no answer for `{prompt}`"))
    }

    fn filter_select(&mut self, prompt: &str, items: &[String]) -> Result<Picked> {
        self.select(prompt, items)
    }

    fn input(&mut self, prompt: &str) -> Result<Option<String>> {
        self.transcript.push(format!("? {prompt}"));
        self.inputs
            .pop_front()
            .ok_or_else(|| anyhow!("the script has no input for `{prompt}`"))
    }

    fn copy_to_clipboard(&mut self, text: &str) -> Result<bool> {
        self.clipboard.push(text.to_owned());
        Ok(true)
    }

    fn width(&self) -> usize {
        80
    }
}
