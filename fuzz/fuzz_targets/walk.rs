//! Fuzz the walk engine over the shipped guides: the input picks a guide
//! (and maybe a start node), then each byte is an answer by index (some
//! out of range), "back" or "restart". After every step the trail must be
//! a path through the guide, the status must match the position, and the
//! view, text and JSON of the walk must agree with the engine and be safe
//! to print. A walk that visits no node twice must be what scripted mode
//! reaches with the same answers.

#![no_main]

mod oracle;

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use loginhelp::engine::{offers, Position, Status, Walk};
use loginhelp::i18n::Lang;
use loginhelp::output::{text, view};
use loginhelp::registry::Registry;
use loginhelp::tree::{AfterFix, Body, Service};
use loginhelp::walk::scripted;

const BACK: u8 = 0xFF;
const RESTART: u8 = 0xFE;

fn services() -> &'static [Service] {
    static SERVICES: OnceLock<Vec<Service>> = OnceLock::new();
    SERVICES.get_or_init(|| {
        Registry::load(None)
            .expect("the shipped guides")
            .entries
            .iter()
            .map(|e| e.load().expect("a shipped guide loads"))
            .collect()
    })
}

/// The trail is a path: each visit leads to the next one by the answer
/// given there (or by a fix's `next`), and only the last has no answer yet
/// where it asks.
fn check_trail(walk: &Walk, first: usize) {
    let service = walk.service();
    let trail = walk.trail();
    assert!(!trail.is_empty());
    assert_eq!(trail[0].node, first, "the trail starts where the walk began");
    for pair in trail.windows(2) {
        let (here, next) = (&pair[0], &pair[1]);
        let node = service.node(here.node);
        let expected = match (&node.body, here.answer) {
            (Body::Question { options, .. }, Some(a)) => options.get(a).map(|o| o.next),
            (
                Body::Fix {
                    after: AfterFix::Ask { solved, unsolved },
                    ..
                },
                Some(a),
            ) => [*solved, *unsolved].get(a).copied(),
            (
                Body::Fix {
                    after: AfterFix::Continue(next),
                    ..
                },
                None,
            ) => Some(*next),
            _ => None,
        };
        assert_eq!(expected, Some(next.node), "visit {:?} then {:?}", here, next);
    }
    let last = trail.last().unwrap();
    assert_eq!(last.answer, None, "the current visit has no answer yet");
    let node = service.node(last.node);
    let (position, status) = (walk.position(), walk.status());
    match &node.body {
        Body::Question { .. }
        | Body::Fix {
            after: AfterFix::Ask { .. },
            ..
        } => {
            assert_eq!(position, Position::Ask(last.node));
            assert_eq!(status, Status::NeedsAnswer);
        }
        Body::Fix { .. } => {
            assert_eq!(position, Position::Show(last.node));
            assert_eq!(status, Status::NeedsAnswer);
        }
        Body::Resolved { .. } => assert_eq!(status, Status::Resolved),
        Body::Escalation { .. } => assert_eq!(status, Status::Escalated),
        Body::End { .. } => assert_eq!(status, Status::Ended),
    }
    if status != Status::NeedsAnswer {
        assert_eq!(position, Position::Finished(last.node));
    }
    assert_eq!(walk.platforms(), walk.platforms_before(trail.len()));
}

/// The walk as scripted output shows it agrees with the engine, and what it
/// prints is safe.
fn check_views(walk: &Walk, lang: Lang) {
    let shown = view::walk_view(walk, lang, "2026-11-22");
    assert_eq!(shown.trail.len(), walk.trail().len());
    assert_eq!(shown.status, walk.status());
    assert_eq!(
        shown.question.is_some(),
        matches!(walk.position(), Position::Ask(_))
    );
    assert_eq!(
        shown.support_message.is_some(),
        walk.status() == Status::Escalated
    );
    for (v, visit) in shown.trail.iter().zip(walk.trail()) {
        assert_eq!(v.id, &*walk.service().node(visit.node).id);
        assert_eq!(v.answer.is_some(), visit.answer.is_some());
    }
    for width in [20, 80] {
        for colour in [false, true] {
            let out = text::walk_text(&shown, &text::Painter::new(colour), width);
            oracle::assert_inert("walk text", &oracle::without_sgr(&out), true);
        }
    }
    let json = serde_json::to_string(&shown).expect("a view serializes");
    oracle::assert_json_inert("walk JSON", &json);
    if let Some(message) = &shown.support_message {
        oracle::assert_inert("support message", message, true);
    }
}

/// With the same answers, scripted mode reaches the same trail (it goes on
/// through fixes that only show steps, so the walk's trail is a prefix).
fn check_scripted_agrees(walk: &Walk) {
    let service = walk.service();
    let trail = walk.trail();
    let mut seen = std::collections::HashSet::new();
    if !trail.iter().all(|v| seen.insert(v.node)) {
        return;
    }
    let mut answers = scripted::Answers::new();
    for visit in trail {
        if let Some(a) = visit.answer {
            let id = offers(service, visit.node)[a].id.clone();
            answers.insert(service.node(visit.node).id.to_string(), id);
        }
    }
    let mut again = Walk::starting_at(service, trail[0].node);
    let driven = scripted::drive(&mut again, &answers);
    if matches!(walk.position(), Position::Show(_)) {
        // Going on past where the walk stopped may come round a loop to a
        // question answered already, which scripted mode refuses.
        if driven.is_ok() {
            assert!(again.trail().len() >= trail.len());
            assert_eq!(&again.trail()[..trail.len()], trail);
        }
    } else {
        driven.expect("answers taken from a walk are valid");
        assert_eq!(again.trail(), trail);
    }
}

fuzz_target!(|data: &[u8]| {
    let services = services();
    let [pick, start, ops @ ..] = data else {
        return;
    };
    let service = &services[*pick as usize % services.len()];
    let lang = if pick & 0x80 == 0 { Lang::Ja } else { Lang::En };
    // Half the walks begin at a node of the input's choosing (`--start`).
    let first = if start & 1 == 0 {
        service.start
    } else {
        (*start as usize >> 1) % service.nodes.len()
    };
    let mut walk = Walk::starting_at(service, first);
    check_trail(&walk, first);
    for &op in ops.iter().take(512) {
        let before = walk.trail().to_vec();
        match op {
            BACK => {
                let went = walk.back();
                assert_eq!(went, before.len() > 1 && before[..before.len() - 1].iter().any(|v| v.answer.is_some()));
                if !went {
                    assert_eq!(walk.trail(), &before[..]);
                }
            }
            RESTART => {
                walk.restart();
                assert_eq!(walk.trail().len(), 1);
            }
            _ => match walk.position() {
                Position::Ask(node) => {
                    let n = offers(service, node).len();
                    let choice = op as usize % (n + 1);
                    let result = walk.answer_index(choice);
                    if choice == n {
                        assert!(result.is_err());
                        assert_eq!(walk.trail(), &before[..], "a refused answer changes nothing");
                    } else {
                        assert_eq!(result.ok(), Some(walk.current()));
                        assert_eq!(walk.trail().len(), before.len() + 1);
                    }
                }
                Position::Show(_) => {
                    assert!(walk.answer_index(0).is_err());
                    assert_eq!(walk.advance(), Some(walk.current()));
                }
                Position::Finished(_) => {
                    assert!(walk.answer_index(0).is_err());
                    assert_eq!(walk.advance(), None);
                    assert_eq!(walk.trail(), &before[..]);
                }
            },
        }
        check_trail(&walk, first);
    }
    check_views(&walk, lang);
    check_scripted_agrees(&walk);
});
