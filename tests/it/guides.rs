//! The shipped guides as content: every path through every guide (all
//! option combinations) is walked in scripted mode and must end in an
//! outcome, and the guides keep the promises the issue makes about them.

use crate::common;

use loginhelp::engine::{Position, Status, Walk};
use loginhelp::registry::Registry;
use loginhelp::tree::{Body, NodeKind, Service};
use loginhelp::walk::scripted::{self, Answers};

fn shipped() -> Vec<Service> {
    Registry::load(None)
        .unwrap()
        .entries
        .iter()
        .map(|e| e.load().unwrap_or_else(|err| panic!("{}: {err:#}", e.id)))
        .collect()
}

/// Every complete path, as the answers that produce it.
fn all_paths(service: &Service) -> Vec<Answers> {
    let mut done = Vec::new();
    let mut stack = vec![Answers::new()];
    while let Some(answers) = stack.pop() {
        let mut walk = Walk::new(service);
        scripted::drive(&mut walk, &answers).unwrap_or_else(|e| panic!("{}: {e:#}", service.id));
        match walk.position() {
            Position::Finished(_) => done.push(answers),
            Position::Ask(i) => {
                for offer in loginhelp::engine::offers(service, i) {
                    let mut next = answers.clone();
                    next.insert(service.node(i).id.to_string(), offer.id);
                    stack.push(next);
                }
            }
            Position::Show(_) => unreachable!("drive moves past steps-only fixes"),
        }
        assert!(done.len() < 100_000, "{}: too many paths", service.id);
    }
    done
}

#[test]
fn every_path_of_every_guide_ends_in_an_outcome() {
    let services = shipped();
    assert_eq!(services.len(), 5);
    for service in &services {
        let paths = all_paths(service);
        assert!(
            paths.len() >= 5,
            "{}: only {} paths",
            service.id,
            paths.len()
        );
        let mut outcomes = std::collections::BTreeSet::new();
        for answers in &paths {
            let mut walk = Walk::new(service);
            scripted::drive(&mut walk, answers).unwrap();
            let status = walk.status();
            assert_ne!(status, Status::NeedsAnswer, "{}: {answers:?}", service.id);
            outcomes.insert(service.node(walk.current()).id.clone());
        }
        // Every outcome node is reached by some path.
        for node in service.nodes.iter() {
            if node.kind().is_outcome() {
                assert!(
                    outcomes.contains(&node.id),
                    "{}: outcome {} is never reached",
                    service.id,
                    node.id
                );
            }
        }
        eprintln!(
            "{}: {} paths, {} outcomes",
            service.id,
            paths.len(),
            outcomes.len()
        );
    }
}

/// Each guide diagnoses rather than reads like its article: whatever the
/// first answer, a fix, a contact or an outcome is on screen within two
/// answers; no path needs more than eight; and no path asks the same
/// question text twice or shows the same fix or contact twice.
#[test]
fn every_guide_reaches_a_fix_soon_and_never_repeats_itself() {
    for service in &shipped() {
        let mut longest = 0;
        for answers in all_paths(service) {
            let mut walk = Walk::new(service);
            scripted::drive(&mut walk, &answers).unwrap();
            let trail = walk.trail();
            let path = || format!("{}: {answers:?}", service.id);
            let given = trail.iter().filter(|v| v.answer.is_some()).count();
            assert!(given <= 8, "{given} answers: {}", path());
            longest = longest.max(given);
            let first_help = trail
                .iter()
                .position(|v| service.node(v.node).kind() != NodeKind::Question)
                .expect("every path ends in an outcome");
            let before = trail[..first_help]
                .iter()
                .filter(|v| v.answer.is_some())
                .count();
            assert!(before <= 2, "{before} answers before any fix: {}", path());
            let mut questions = std::collections::HashSet::new();
            let mut shown = std::collections::HashSet::new();
            for visit in trail {
                let node = service.node(visit.node);
                match &node.body {
                    Body::Question { text, .. } => assert!(
                        questions.insert(text.ja.to_string()),
                        "asked twice: {}; {}",
                        text.ja,
                        path()
                    ),
                    _ => assert!(
                        shown.insert(visit.node),
                        "{} shown twice: {}",
                        node.id,
                        path()
                    ),
                }
            }
        }
        eprintln!("{}: longest path {longest} answers", service.id);
    }
}

/// The binary agrees with the library on real paths: the first and the
/// last path of each guide, run as `--answer` flags.
#[test]
fn the_binary_walks_the_same_paths() {
    for service in shipped() {
        let paths = all_paths(&service);
        for answers in [paths.first().unwrap(), paths.last().unwrap()] {
            let mut walk = Walk::new(&service);
            scripted::drive(&mut walk, answers).unwrap();
            let expected: Vec<&str> = walk
                .trail()
                .iter()
                .map(|v| &*service.node(v.node).id)
                .collect();
            let mut args = vec![service.id.to_string(), "--format".into(), "json".into()];
            for (q, o) in answers {
                args.push("--answer".into());
                args.push(format!("{q}={o}"));
            }
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let run = common::loginhelp(&args).run();
            assert_eq!(run.status, 0, "{}: {}", service.id, run.stderr);
            let v = run.json();
            let ids: Vec<&str> = v["trail"]
                .as_array()
                .unwrap()
                .iter()
                .map(|n| n["id"].as_str().unwrap())
                .collect();
            assert_eq!(ids, expected, "{}", service.id);
            assert_eq!(v["status"], walk.status().id());
        }
    }
}

#[test]
fn urgent_security_cases_are_on_the_first_question() {
    // The articles for these services describe takeovers or leaks.
    for (id, option) in [
        ("instagram", "hacked"),
        ("amazon", "hacked"),
        ("amazon", "unknown-charges"),
        ("coconala", "unknown-login"),
        ("coconala", "leaked"),
    ] {
        let service = shipped().into_iter().find(|s| s.id == id).unwrap();
        let Body::Question { options, .. } = &service.node(service.start).body else {
            panic!("{id}: the start is not a question");
        };
        let ids: Vec<&str> = options.iter().map(|o| &*o.id).collect();
        let Some(choice) = options.iter().find(|o| o.id.starts_with(option)) else {
            panic!("{id}: no `{option}…` option on the first question: {ids:?}");
        };
        // It leads straight to protective steps or the report, or to one
        // triage question each of whose answers does.
        let urgent = |kind: NodeKind| matches!(kind, NodeKind::Fix | NodeKind::Escalation);
        let target = service.node(choice.next);
        let direct = urgent(target.kind());
        let triaged = match &target.body {
            Body::Question { options, .. } => {
                options.iter().all(|o| urgent(service.node(o.next).kind()))
            }
            _ => false,
        };
        assert!(
            direct || triaged,
            "{id}: {option} leads to {} ({:?})",
            target.id,
            target.kind()
        );
    }
}

#[test]
fn every_guide_is_sourced_dated_and_fits_a_terminal() {
    for service in shipped() {
        assert!(!service.sources.is_empty(), "{}", service.id);
        assert!(
            service
                .sources
                .iter()
                .all(|s| s.reference.ends_with(".txt")),
            "{}",
            service.id
        );
        assert_eq!(service.reviewed.len(), 10, "{}", service.id);
        assert!(!service.aliases.is_empty(), "{}", service.id);
        for node in service.nodes.iter() {
            if let Body::Question { options, .. } = &node.body {
                for o in options.iter() {
                    for label in [&o.label.ja, &o.label.en] {
                        assert!(
                            loginhelp::text::width(label) <= 36,
                            "{}: {label}",
                            service.id
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn escalation_contacts_are_as_the_articles_give_them() {
    let find = |id: &str| shipped().into_iter().find(|s| s.id == id).unwrap();
    let contacts = |service: &Service| -> Vec<(String, Option<String>)> {
        service
            .nodes
            .iter()
            .filter_map(|n| match &n.body {
                Body::Escalation { contacts, .. } => Some(contacts.to_vec()),
                _ => None,
            })
            .flatten()
            .map(|c| {
                (
                    c.channel.id().to_owned(),
                    c.phone.as_deref().map(str::to_owned),
                )
            })
            .collect()
    };
    let amazon = contacts(&find("amazon"));
    assert!(
        amazon.contains(&("phone".into(), Some("0120-999-373".into()))),
        "{amazon:?}"
    );
    assert!(
        amazon.contains(&("phone".into(), Some("011-330-3000".into()))),
        "{amazon:?}"
    );
    let hapitas = contacts(&find("hapitas"));
    assert!(
        hapitas.contains(&("hotline".into(), Some("188".into()))),
        "{hapitas:?}"
    );
    assert!(hapitas.iter().any(|(c, _)| c == "web-form"), "{hapitas:?}");
    assert!(
        !hapitas.iter().any(|(c, _)| c == "phone"),
        "Hapitas has no phone line: {hapitas:?}"
    );
    // Instagram's Help Center path is a fix of its own (tried before the
    // support request), not a contact offered again after it failed.
    let instagram = contacts(&find("instagram"));
    assert!(
        find("instagram")
            .nodes
            .iter()
            .any(|n| n.id == "help-center" && n.kind() == NodeKind::Fix),
        "Instagram's Help Center fix is missing"
    );
    assert!(
        instagram
            .iter()
            .any(|(c, _)| c == "web-form" || c == "in-app"),
        "{instagram:?}"
    );
    // The support request from the login screen: the article's 7 steps, plus
    // one for the message box (article L91).
    let insta = find("instagram");
    let seven = insta.nodes.iter().any(|n| match &n.body {
        Body::Escalation { contacts, .. } => contacts.iter().any(|c| c.steps.len() == 8),
        _ => false,
    });
    assert!(seven, "Instagram's 7-step support request is missing");
}
