//! The report file the wizard saves at an escalation: the contacts, what to
//! have ready, then the message to send in the support's language
//! (`report`), and for a reader of another language a translation marked
//! as not for sending. It never contains a password or code.

use std::fmt::Write as _;

use crate::engine::Walk;
use crate::i18n::{words, Lang};
use crate::output::report::{support_lang, support_message};

/// The report file: the contacts, what to have ready, then the message to
/// send in the support's language, and (when the user reads another
/// language) a translation marked as not for sending. `frame` is the
/// user's language; `width` is what the contacts are wrapped to.
pub fn report_text(walk: &Walk, frame: Lang, today: &str, width: usize) -> String {
    let w = words(frame);
    let service = walk.service();
    let support = support_lang(service);
    let view = crate::output::view::node_view(service, walk.current(), frame, &walk.platforms());
    let plain = crate::output::text::Painter::new(false);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} — {} ({today})\n",
        service.name.get(frame),
        w.report_title
    );
    let _ = writeln!(out, "{}\n", w.never_share);
    if !view.contacts.is_empty() {
        out.push_str(&crate::output::text::contacts_text(
            &view.contacts,
            frame,
            &plain,
            width,
        ));
        out.push('\n');
    }
    if !view.prepare.is_empty() {
        let _ = writeln!(out, "{}:", w.prepare);
        for item in &view.prepare {
            for (i, line) in crate::text::wrap(item, width.saturating_sub(4))
                .iter()
                .enumerate()
            {
                let _ = writeln!(out, "{}{line}", if i == 0 { "  - " } else { "    " });
            }
        }
        out.push('\n');
    }
    let rule = "-".repeat(60);
    let _ = writeln!(out, "{}:", w.message_to_send);
    let _ = writeln!(out, "{rule}");
    out.push_str(support_message(walk, support, today).trim_end());
    let _ = writeln!(out, "\n{rule}");
    if frame != support {
        let _ = writeln!(out, "\n{}:", w.translation);
        let _ = writeln!(out, "{rule}");
        out.push_str(support_message(walk, frame, today).trim_end());
        let _ = writeln!(out, "\n{rule}");
    }
    out
}
