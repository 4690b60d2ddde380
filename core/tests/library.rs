//! The built-in library: structure, Rego unit tests and samples of every policy.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use kubegov::{Bundle, Objects};
use serde_json::Value;

fn policies_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../policies")
}

/// Every `policies/<category>/<id>/` folder (those holding a `policy.rego`).
fn policy_dirs() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for cat in std::fs::read_dir(policies_root()).unwrap().flatten() {
        if !cat.path().is_dir() || cat.file_name() == "lib" {
            continue;
        }
        for p in std::fs::read_dir(cat.path()).unwrap().flatten() {
            if p.path().is_dir() {
                out.push(p.path());
            }
        }
    }
    out.sort();
    out
}

fn serde_yaml_like(text: &str) -> Value {
    kubegov::parse_yaml(text, Some("expected.yaml")).unwrap()
}

#[test]
fn every_policy_folder_is_complete() {
    let bundle = Bundle::embedded().unwrap();
    let dirs = policy_dirs();
    assert!(dirs.len() >= 5, "found {} policies", dirs.len());
    let mut ids = BTreeSet::new();
    for d in &dirs {
        let id = d.file_name().unwrap().to_string_lossy().to_string();
        let category = d
            .parent()
            .unwrap()
            .file_name()
            .unwrap()
            .to_string_lossy()
            .to_string();
        for f in [
            "policy.rego",
            "policy_test.rego",
            "samples/allowed.yaml",
            "samples/disallowed.yaml",
            "samples/expected.yaml",
        ] {
            assert!(d.join(f).is_file(), "{} lacks {f}", d.display());
        }
        let p = bundle
            .policy(&id)
            .unwrap_or_else(|| panic!("no policy with id `{id}` (folder {})", d.display()));
        assert_eq!(
            p.category(),
            category,
            "{id}: category must match its folder"
        );
        assert_eq!(p.file(), format!("{category}/{id}/policy.rego"));
        assert!(
            p.package().starts_with(&format!("kubegov.{category}.")),
            "{id}: package {}",
            p.package()
        );
        ids.insert(id);
    }
    let in_bundle: BTreeSet<String> = bundle
        .policies()
        .iter()
        .map(|p| p.id().to_string())
        .collect();
    assert_eq!(
        ids, in_bundle,
        "every policy of the bundle has a folder of its own"
    );
}

#[test]
fn rego_unit_tests_pass() {
    let bundle = Bundle::embedded().unwrap();
    let results = bundle.run_tests(None).unwrap();
    let failed: Vec<String> = results
        .tests
        .iter()
        .filter(|t| t.outcome != kubegov::testing::TestOutcome::Pass)
        .map(|t| format!("{}:{} {} {:?}", t.file, t.line, t.name, t.outcome))
        .collect();
    assert!(
        failed.is_empty(),
        "failing Rego tests:\n{}",
        failed.join("\n")
    );
    // every policy has tests of its own
    for p in bundle.policies() {
        let test_file = p.file().replace("policy.rego", "policy_test.rego");
        let n = results.tests.iter().filter(|t| t.file == test_file).count();
        assert!(n >= 2, "{} has {n} tests", p.id());
    }
}

#[test]
fn samples_give_exactly_the_expected_findings() {
    let bundle = Bundle::embedded().unwrap();
    let mut problems = Vec::new();
    for d in policy_dirs() {
        let id = d.file_name().unwrap().to_string_lossy().to_string();
        let allowed = Objects::from_path(d.join("samples/allowed.yaml")).unwrap();
        assert!(
            allowed.errors().is_empty() && !allowed.is_empty(),
            "{id}: allowed samples unreadable"
        );
        let r = bundle.evaluate(&allowed);
        let own: Vec<_> = r.findings().iter().filter(|f| f.policy.id == id).collect();
        if !own.is_empty() {
            problems.push(format!(
                "{id}: allowed sample has findings: {:?}",
                own.iter().map(|f| &f.message).collect::<Vec<_>>()
            ));
        }
        let disallowed = Objects::from_path(d.join("samples/disallowed.yaml")).unwrap();
        assert!(
            disallowed.errors().is_empty(),
            "{id}: {:?}",
            disallowed.errors()
        );
        let r = bundle.evaluate(&disallowed);
        let got: BTreeSet<(u64, u64, String, String)> = r
            .findings()
            .iter()
            .filter(|f| f.policy.id == id)
            .map(|f| {
                (
                    f.source.document as u64,
                    f.source.line as u64,
                    f.path.clone().unwrap_or_default(),
                    f.message.clone(),
                )
            })
            .collect();
        let expected: BTreeSet<(u64, u64, String, String)> =
            serde_yaml_like(&std::fs::read_to_string(d.join("samples/expected.yaml")).unwrap())
                .as_array()
                .unwrap_or(&Vec::new())
                .iter()
                .map(|e| {
                    (
                        e["document"].as_u64().unwrap_or(0),
                        e["line"].as_u64().unwrap(),
                        e["path"].as_str().unwrap_or("").to_string(),
                        e["message"].as_str().unwrap().to_string(),
                    )
                })
                .collect();
        if expected.is_empty() {
            problems.push(format!("{id}: expected.yaml lists no finding"));
        }
        if got != expected {
            problems.push(format!(
                "{id}:\n  expected {expected:?}\n  got      {got:?}"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
