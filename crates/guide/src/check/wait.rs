//! `[node.wait]`: how long the article says to wait, and where the walk
//! goes once that time has passed.

use super::checker::Checker;
use super::node::{add_next, PendingLink};
use super::values::parse_wait;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::*;
use crate::raw::*;
use crate::said;
use crate::text::neutralize;

impl Checker {
    /// `[node.wait]`: `after` a whole number of days or hours, `next` a
    /// node other than this one, and a `reason` in both languages. A wait
    /// with a problem is reported and left out.
    pub(super) fn wait<'r>(
        &mut self,
        raw: &'r S<RawWait>,
        id: &str,
        pending: &mut Vec<PendingLink<'r>>,
    ) -> Option<Wait> {
        let w = raw.get_ref();
        let hours = match &w.after {
            None => {
                self.report(
                    Diagnostic::new(
                        Code::MissingKey,
                        Some(raw.span()),
                        said!("a wait needs `after`", "待ち時間には `after` が必要です"),
                    )
                    .hint(said!(
                        "after = \"7d\" (days) or \"12h\" (hours), as the article says",
                        "記事のとおりに after = \"7d\"(日数)か \"12h\"(時間)と書いてください"
                    )),
                );
                None
            }
            Some(after) => {
                let hours = parse_wait(after.get_ref());
                if hours.is_none() {
                    let value = neutralize(after.get_ref());
                    self.report(
                        Diagnostic::new(
                            Code::InvalidValue,
                            Some(after.span()),
                            said!(
                                "`{value}` is not a wait: write whole days or hours, 1h to 365d",
                                "`{value}` は待ち時間として読めません: 1h から 365d までの、整数の日数か時間で書いてください"
                            ),
                        )
                        .hint(said!(
                            "after = \"7d\" or after = \"12h\"",
                            "after = \"7d\" や after = \"12h\" のように書きます"
                        )),
                    );
                }
                hours
            }
        };
        let reason = self.text(w.reason.as_ref(), "reason", &raw.span());
        let next = match &w.next {
            None => {
                self.report(
                    Diagnostic::new(
                        Code::LeadsNowhere,
                        Some(raw.span()),
                        said!(
                            "a wait needs `next`: where the walk goes once the time has passed",
                            "待ち時間には `next` が必要です: 時間が過ぎたあとに進むノードです"
                        ),
                    )
                    .hint(add_next()),
                );
                None
            }
            Some(next) if next.get_ref() == id => {
                self.report(
                    Diagnostic::new(
                        Code::InvalidValue,
                        Some(next.span()),
                        said!(
                            "a wait cannot lead back to its own node",
                            "待ち時間のあとに同じノードへは戻れません"
                        ),
                    )
                    .hint(said!(
                        "name the node the article sends the reader to after the wait",
                        "待ったあとに記事が案内する先のノードを書いてください"
                    )),
                );
                None
            }
            Some(next) => Some(next),
        };
        let (hours, reason, next) = (hours?, reason?, next?);
        pending.push(PendingLink { target: Some(next) });
        Some(Wait {
            hours: hours as usize,
            next: 0,
            reason,
        })
    }
}
