//! The package tells the truth: the declared `rust-version` is one the
//! locked dependencies build with, and `cargo package` ships the licence
//! texts the `license` field names.

use std::collections::{HashMap, HashSet};
use std::process::Command;

use serde_json::Value;

use crate::common::repo;

fn cargo() -> Command {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command.current_dir(repo());
    command
}

/// "1.88" as [1, 88, 0], so that it compares equal to "1.88.0".
fn version(text: &str) -> Vec<u64> {
    let mut parts: Vec<u64> = text
        .split('.')
        .map(|part| {
            part.parse()
                .unwrap_or_else(|_| panic!("bad version {text}"))
        })
        .collect();
    parts.resize(3, 0);
    parts
}

/// Every package the workspace's members need to build (normal and build
/// dependencies, followed transitively; dev-dependencies left out), as
/// (name, version, rust-version) for those that declare one.
fn locked_build_dependencies(metadata: &Value) -> Vec<(String, String, String)> {
    let packages: HashMap<&str, &Value> = metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["id"].as_str().unwrap(), p))
        .collect();
    let nodes: HashMap<&str, &Value> = metadata["resolve"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["id"].as_str().unwrap(), n))
        .collect();
    let members: Vec<&str> = metadata["workspace_members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    let mut seen: HashSet<&str> = HashSet::new();
    let mut stack = members.clone();
    while let Some(id) = stack.pop() {
        for dep in nodes[id]["deps"].as_array().unwrap() {
            let dev_only = dep["dep_kinds"]
                .as_array()
                .unwrap()
                .iter()
                .all(|k| k["kind"].as_str() == Some("dev"));
            let pkg = dep["pkg"].as_str().unwrap();
            if !dev_only && seen.insert(pkg) {
                stack.push(pkg);
            }
        }
    }
    seen.into_iter()
        .filter(|id| !members.contains(id))
        .filter_map(|id| {
            let p = packages[id];
            let msrv = p["rust_version"].as_str()?;
            Some((
                p["name"].as_str().unwrap().to_owned(),
                p["version"].as_str().unwrap().to_owned(),
                msrv.to_owned(),
            ))
        })
        .collect()
}

#[test]
fn rust_version_is_allowed_by_every_locked_dependency() {
    let out = cargo()
        .args(["metadata", "--locked", "--format-version", "1"])
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "cargo metadata failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let metadata: Value = serde_json::from_slice(&out.stdout).unwrap();
    let deps = locked_build_dependencies(&metadata);
    assert!(
        deps.iter().any(|(name, _, _)| name == "clap"),
        "the dependency walk found nothing: {deps:?}"
    );
    for member in metadata["workspace_members"].as_array().unwrap() {
        let package = metadata["packages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == *member)
            .unwrap();
        let name = package["name"].as_str().unwrap();
        let declared = package["rust_version"]
            .as_str()
            .unwrap_or_else(|| panic!("{name} declares no rust-version"));
        let too_new: Vec<String> = deps
            .iter()
            .filter(|(_, _, msrv)| version(msrv) > version(declared))
            .map(|(dep, v, msrv)| format!("{dep} {v} needs {msrv}"))
            .collect();
        assert!(
            too_new.is_empty(),
            "{name} declares rust-version {declared}, but the locked dependencies need more:\n{}",
            too_new.join("\n")
        );
    }
}

#[test]
fn package_ships_the_licence_texts_and_no_tests() {
    let out = cargo()
        .args([
            "package",
            "--locked",
            "--allow-dirty",
            "--no-verify",
            "--list",
            "--workspace",
        ])
        .output()
        .expect("cargo runs");
    let listed = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "cargo package failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Both packages' lists, one after the other; each holds its own
    // Cargo.toml.orig and licence files.
    let files: Vec<&str> = listed.lines().collect();
    for needed in ["LICENSE-MIT", "LICENSE-APACHE", "Cargo.toml.orig"] {
        assert_eq!(
            files.iter().filter(|f| **f == needed).count(),
            2,
            "{needed} in both packages:\n{listed}"
        );
    }
    for needed in [
        "CHANGELOG.md",
        "README.md",
        "build.rs",
        "services/amazon.toml",
        "docs/output.schema.json",
    ] {
        assert!(files.contains(&needed), "{needed} missing:\n{listed}");
    }
    for file in &files {
        assert!(
            !file.starts_with("tests/")
                && !file.starts_with("fuzz/")
                && !file.starts_with("benches/")
                && !file.starts_with("target/"),
            "{file} should not be packaged:\n{listed}"
        );
    }
    let mit = std::fs::read_to_string(repo().join("LICENSE-MIT")).unwrap();
    assert!(mit.contains("Copyright (c) 2026 The loginhelp developers"));
    let apache = std::fs::read_to_string(repo().join("LICENSE-APACHE")).unwrap();
    assert!(apache.contains("Apache License\n                           Version 2.0, January 2004"));
}
