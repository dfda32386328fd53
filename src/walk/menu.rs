//! The terminal's menus, drawn by hand on `console` instead of dialoguer's
//! `Select`/`FuzzySelect`, which count an item's UTF-8 bytes as columns:
//! with Japanese items, or after the window is narrowed, each key press
//! then erases one line too many above the menu. Here every line is
//! wrapped to the width measured before each frame (in screen columns), so
//! a frame's height is known exactly; a long item wraps instead of being
//! cut or listed twice, items carry numbers that can be typed, and the
//! filter folds kana and width as the command line does.

use std::io::{self, ErrorKind};

use console::{Key, Term};

use crate::text::{fold, truncate_to_width, wrap};

/// What the user did at a prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Picked {
    /// The n-th item.
    Item(usize),
    /// Esc or q: leave the wizard.
    Quit,
}

/// The look of a menu.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub colorful: bool,
}

impl Style {
    fn marker(self, active: bool) -> &'static str {
        match (active, self.colorful) {
            (true, true) => "❯ ",
            (true, false) => "> ",
            (false, _) => "  ",
        }
    }

    fn paint_active(self, s: &str) -> String {
        if self.colorful {
            console::style(s).cyan().force_styling(true).to_string()
        } else {
            s.to_owned()
        }
    }
}

/// What is on the screen of the current frame.
struct Frame {
    /// Rows drawn (each line is narrower than the terminal was).
    rows: usize,
    /// The width they were drawn at.
    columns: usize,
}

/// Draw `lines` below the cursor, first removing the previous frame. When
/// the window became narrower since, the terminal may have re-wrapped (or
/// cut) the old lines, and how many rows they take is unknown: the old
/// frame is then left as it is and the new one starts below, so that
/// nothing above the menu is ever erased.
fn draw(
    term: &Term,
    frame: &mut Option<Frame>,
    lines: &[String],
    columns: usize,
) -> io::Result<()> {
    if let Some(old) = frame.take() {
        if columns >= old.columns {
            term.clear_last_lines(old.rows)?;
        } else {
            term.write_line("")?;
        }
    }
    for line in lines {
        term.write_line(line)?;
    }
    term.flush()?;
    *frame = Some(Frame {
        rows: lines.len(),
        columns,
    });
    Ok(())
}

fn columns(term: &Term) -> usize {
    (term.size().1 as usize).max(12)
}

fn rows(term: &Term) -> usize {
    (term.size().0 as usize).max(6)
}

/// The prompt line(s), wrapped.
fn prompt_lines(prompt: &str, tail: &str, columns: usize) -> Vec<String> {
    wrap(&format!("{prompt}: {tail}"), columns.saturating_sub(1))
        .into_iter()
        .map(|l| l.trim_end().to_owned())
        .collect()
}

/// The items as lines, numbered, the selected one marked; wrapped to the
/// width, or (when that would not fit in the window) one line each, cut,
/// showing a window of items around the selection.
fn item_lines(
    items: &[String],
    numbers: &[usize],
    sel: usize,
    style: Style,
    columns: usize,
    room: usize,
) -> Vec<String> {
    let digits = numbers.iter().max().map_or(1, |n| n.to_string().len());
    let lead = |i: usize| format!("{:>digits$}. ", numbers[i]);
    let text_room = columns.saturating_sub(2 + digits + 2 + 1).max(6);
    let wrapped: Vec<Vec<String>> = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let mut lines = wrap(item, text_room);
            if lines.is_empty() {
                lines.push(String::new());
            }
            let mut out = Vec::new();
            for (k, line) in lines.iter().enumerate() {
                let head = if k == 0 {
                    format!("{}{}", style.marker(i == sel), lead(i))
                } else {
                    " ".repeat(2 + digits + 2)
                };
                let line = format!("{head}{}", line.trim_end());
                out.push(if i == sel {
                    style.paint_active(&line)
                } else {
                    line
                });
            }
            out
        })
        .collect();
    let total: usize = wrapped.iter().map(Vec::len).sum();
    if total <= room {
        return wrapped.into_iter().flatten().collect();
    }
    // One line each, and only as many as fit, around the selection.
    let fit = room.max(1);
    let first = sel
        .saturating_sub(fit / 2)
        .min(items.len().saturating_sub(fit));
    (first..items.len().min(first + fit))
        .map(|i| {
            let line = format!(
                "{}{}{}",
                style.marker(i == sel),
                lead(i),
                truncate_to_width(&items[i], text_room)
            );
            if i == sel {
                style.paint_active(&line)
            } else {
                line
            }
        })
        .collect()
}

/// After the answer: the prompt and the answer on one (wrapped) line.
fn echo(term: &Term, frame: &mut Option<Frame>, prompt: &str, answer: &str) -> io::Result<()> {
    let columns = columns(term);
    let lines = wrap(&format!("✔ {prompt} · {answer}"), columns.saturating_sub(1));
    draw(term, frame, &lines, columns)
}

/// A key, with a terminal that gives no keys at all treated as an error
/// rather than spun on.
fn key(term: &Term, unknown: &mut usize) -> io::Result<Key> {
    let k = term.read_key()?;
    if k == Key::Unknown {
        *unknown += 1;
        if *unknown > 1000 {
            return Err(io::Error::new(
                ErrorKind::UnexpectedEof,
                "no keys from the terminal",
            ));
        }
    } else {
        *unknown = 0;
    }
    if k == Key::CtrlC {
        return Err(io::Error::new(ErrorKind::Interrupted, "interrupted"));
    }
    Ok(k)
}

/// Pick one of `items`, starting on `start`: arrows (or j/k) move, a number
/// moves to that item, Enter picks, Esc or q quits.
pub fn select(
    term: &Term,
    style: Style,
    prompt: &str,
    items: &[String],
    start: usize,
) -> io::Result<Picked> {
    if items.is_empty() {
        return Ok(Picked::Quit);
    }
    let numbers: Vec<usize> = (1..=items.len()).collect();
    let mut sel = start.min(items.len() - 1);
    let mut frame = None;
    let mut typed = String::new();
    let mut unknown = 0;
    term.hide_cursor()?;
    let result = (|| loop {
        let cols = columns(term);
        let mut lines = prompt_lines(prompt, "", cols);
        let room = rows(term).saturating_sub(lines.len() + 1);
        lines.extend(item_lines(items, &numbers, sel, style, cols, room));
        draw(term, &mut frame, &lines, cols)?;
        match key(term, &mut unknown)? {
            Key::ArrowUp | Key::Char('k') | Key::BackTab => {
                sel = (sel + items.len() - 1) % items.len();
                typed.clear();
            }
            Key::ArrowDown | Key::Char('j') | Key::Tab => {
                sel = (sel + 1) % items.len();
                typed.clear();
            }
            Key::Home => sel = 0,
            Key::End => sel = items.len() - 1,
            Key::Char(c) if c.is_ascii_digit() || ('０'..='９').contains(&c) => {
                typed.push(c);
                let n: usize = fold(&typed).parse().unwrap_or(0);
                if (1..=items.len()).contains(&n) {
                    sel = n - 1;
                } else {
                    typed.clear();
                    typed.push(c);
                    let n: usize = fold(&typed).parse().unwrap_or(0);
                    if (1..=items.len()).contains(&n) {
                        sel = n - 1;
                    } else {
                        typed.clear();
                    }
                }
            }
            Key::Enter => {
                echo(term, &mut frame, prompt, &items[sel])?;
                return Ok(Picked::Item(sel));
            }
            Key::Escape | Key::Char('q') => {
                if let Some(old) = frame.take() {
                    if columns(term) >= old.columns {
                        term.clear_last_lines(old.rows)?;
                    }
                }
                return Ok(Picked::Quit);
            }
            _ => {}
        }
    })();
    let _ = term.show_cursor();
    result
}

/// Pick one of `items` by typing to filter them: the typed text and each
/// item are folded (case, width, katakana and hiragana) as the command line
/// folds a service name, and an item matches when the typed letters appear
/// in it in order. An empty result says so.
pub fn filter_select(
    term: &Term,
    style: Style,
    prompt: &str,
    items: &[String],
    nothing: &str,
) -> io::Result<Picked> {
    let folded: Vec<String> = items.iter().map(|i| fold(i)).collect();
    let mut query = String::new();
    let mut sel = 0usize;
    let mut frame = None;
    let mut unknown = 0;
    term.hide_cursor()?;
    let result = (|| loop {
        let q = fold(&query);
        let shown: Vec<usize> = (0..items.len())
            .filter(|&i| in_order(&q, &folded[i]))
            .collect();
        sel = sel.min(shown.len().saturating_sub(1));
        let cols = columns(term);
        let mut lines = prompt_lines(prompt, &query, cols);
        if shown.is_empty() {
            lines.push(format!("  {nothing}"));
        } else {
            let texts: Vec<String> = shown.iter().map(|&i| items[i].clone()).collect();
            let numbers: Vec<usize> = (1..=shown.len()).collect();
            let room = rows(term).saturating_sub(lines.len() + 1);
            lines.extend(item_lines(&texts, &numbers, sel, style, cols, room));
        }
        draw(term, &mut frame, &lines, cols)?;
        match key(term, &mut unknown)? {
            Key::ArrowUp if !shown.is_empty() => sel = (sel + shown.len() - 1) % shown.len(),
            Key::ArrowDown | Key::Tab if !shown.is_empty() => sel = (sel + 1) % shown.len(),
            Key::Backspace => {
                query.pop();
            }
            Key::Char(c) if !c.is_control() => {
                query.push(c);
                sel = 0;
            }
            Key::Enter => {
                if let Some(&i) = shown.get(sel) {
                    echo(term, &mut frame, prompt, &items[i])?;
                    return Ok(Picked::Item(i));
                }
            }
            Key::Escape => return Ok(Picked::Quit),
            _ => {}
        }
    })();
    let _ = term.show_cursor();
    result
}

/// Whether the characters of `needle` appear in `haystack` in order.
fn in_order(needle: &str, haystack: &str) -> bool {
    let mut rest = haystack.chars();
    needle.chars().all(|c| rest.any(|h| h == c))
}

/// The widest line of a frame, for tests.
#[cfg(test)]
fn widest(lines: &[String]) -> usize {
    lines
        .iter()
        .map(|l| crate::text::width(l))
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_japanese_items_wrap_to_the_width_once_each() {
        let items = vec![
            "「アカウントが見つかりません」と出るけれども、メールアドレスは正しいはず".to_owned(),
            "パスワードを忘れた".to_owned(),
        ];
        let lines = item_lines(&items, &[1, 2], 0, Style { colorful: false }, 40, 30);
        assert!(widest(&lines) < 40, "{lines:#?}");
        assert!(lines[0].starts_with("> 1. 「アカウント"), "{lines:#?}");
        assert_eq!(lines.iter().filter(|l| l.contains("2. ")).count(), 1);
        assert!(lines.len() >= 3, "the long item wraps: {lines:#?}");
    }

    #[test]
    fn too_many_lines_fall_back_to_one_line_each_around_the_selection() {
        let items: Vec<String> = (0..10)
            .map(|i| format!("item {i} {}", "あ".repeat(30)))
            .collect();
        let numbers: Vec<usize> = (1..=10).collect();
        let lines = item_lines(&items, &numbers, 9, Style { colorful: false }, 40, 5);
        assert_eq!(lines.len(), 5, "{lines:#?}");
        assert!(lines.last().unwrap().starts_with("> 10. "), "{lines:#?}");
        assert!(widest(&lines) < 40, "{lines:#?}");
    }

    #[test]
    fn the_filter_folds_kana_and_width() {
        let item = fold("Amazon(アマゾン) (amazon) amzn");
        for typed in ["あまぞん", "ｱﾏｿﾞﾝ", "アマゾン", "AMA", "amzn"] {
            assert!(in_order(&fold(typed), &item), "{typed}");
        }
        assert!(!in_order(&fold("らいん"), &item));
    }
}
