//! Pod Security Standards conformance: fixture pods under `tests/pss/<level>/<pass|fail>/`,
//! modelled on the Kubernetes Pod Security Admission's test data, checked against the
//! built-in policies tagged `controls.pss`.
//!
//! - a pod in `<level>/pass` gives no finding from that level's policies (a restricted
//!   pass also gives no baseline finding, the restricted level including baseline);
//! - a pod in `<level>/fail` gives at least one finding from the policy named by its
//!   `# expect: <policy-id>` comment, a policy of that level; a restricted fail passes
//!   baseline, so that each fixture tests one level.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use kubegov::{Bundle, Objects};

fn fixtures(level: &str, outcome: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/pss")
        .join(level)
        .join(outcome);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    files
}

/// The ids of the policies tagged `pss: <level>`.
fn level_policies(bundle: &Bundle, level: &str) -> BTreeSet<String> {
    bundle
        .policies()
        .iter()
        .filter(|p| {
            p.controls()
                .get("pss")
                .is_some_and(|v| v.iter().any(|l| l == level))
        })
        .map(|p| p.id().to_string())
        .collect()
}

/// The `# expect: <policy-id>` of a fixture.
fn expected_policy(file: &Path) -> Option<String> {
    std::fs::read_to_string(file)
        .unwrap()
        .lines()
        .take_while(|l| l.starts_with('#'))
        .find_map(|l| l.strip_prefix("# expect:").map(|s| s.trim().to_string()))
}

/// (policy id, message) of every finding on a fixture from the given policies.
fn findings(bundle: &Bundle, file: &Path, policies: &BTreeSet<String>) -> Vec<(String, String)> {
    let objects = Objects::from_path(file).unwrap();
    assert!(
        objects.errors().is_empty() && !objects.is_empty(),
        "{}: unreadable fixture: {:?}",
        file.display(),
        objects.errors()
    );
    bundle
        .evaluate(&objects)
        .findings()
        .iter()
        .filter(|f| policies.contains(&f.policy.id))
        .map(|f| (f.policy.id.clone(), f.message.clone()))
        .collect()
}

fn name(file: &Path) -> String {
    file.strip_prefix(Path::new(env!("CARGO_MANIFEST_DIR")))
        .unwrap_or(file)
        .display()
        .to_string()
}

fn check_pass(level: &str, policies: &BTreeSet<String>) {
    let bundle = Bundle::embedded().unwrap();
    let files = fixtures(level, "pass");
    assert!(
        files.len() >= 5,
        "{level}/pass has {} fixtures",
        files.len()
    );
    let problems: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let got = findings(&bundle, f, policies);
            (!got.is_empty()).then(|| format!("{}: admitted by the PSA, but {got:?}", name(f)))
        })
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn check_fail(level: &str, own: &BTreeSet<String>, must_pass: Option<&BTreeSet<String>>) {
    let bundle = Bundle::embedded().unwrap();
    let files = fixtures(level, "fail");
    assert!(
        files.len() >= 5,
        "{level}/fail has {} fixtures",
        files.len()
    );
    let mut problems = Vec::new();
    for f in &files {
        let Some(expect) = expected_policy(f) else {
            problems.push(format!("{}: no `# expect: <policy-id>` comment", name(f)));
            continue;
        };
        if !own.contains(&expect) {
            problems.push(format!("{}: `{expect}` is not a {level} policy", name(f)));
            continue;
        }
        let got = findings(&bundle, f, own);
        if !got.iter().any(|(id, _)| *id == expect) {
            problems.push(format!(
                "{}: rejected by the PSA, expected a finding of `{expect}`, got {got:?}",
                name(f)
            ));
        }
        if let Some(lower) = must_pass {
            let extra = findings(&bundle, f, lower);
            if !extra.is_empty() {
                problems.push(format!(
                    "{}: should fail only the {level} level, but {extra:?}",
                    name(f)
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_psa_check_has_a_policy() {
    let bundle = Bundle::embedded().unwrap();
    let checks: BTreeSet<String> = bundle
        .policies()
        .iter()
        .filter(|p| p.controls().contains_key("pss"))
        .flat_map(|p| p.controls().get("psa").cloned().unwrap_or_default())
        .collect();
    for check in [
        "hostNamespaces",
        "privileged",
        "capabilities_baseline",
        "hostPathVolumes",
        "hostPorts",
        "hostProbesAndHostLifecycle",
        "appArmorProfile",
        "seLinuxOptions",
        "procMount_baseline",
        "seccompProfile_baseline",
        "sysctls",
        "windowsHostProcess",
        "allowPrivilegeEscalation",
        "capabilities_restricted",
        "restrictedVolumes",
        "runAsNonRoot",
        "runAsUser",
        "seccompProfile_restricted",
        "procMount_restricted",
    ] {
        assert!(
            checks.contains(check),
            "no policy for the PSA check `{check}`"
        );
    }
}

#[test]
fn baseline_pass_fixtures_give_no_baseline_finding() {
    let bundle = Bundle::embedded().unwrap();
    check_pass("baseline", &level_policies(&bundle, "baseline"));
}

#[test]
fn restricted_pass_fixtures_give_no_pss_finding() {
    let bundle = Bundle::embedded().unwrap();
    let all: BTreeSet<String> = level_policies(&bundle, "baseline")
        .union(&level_policies(&bundle, "restricted"))
        .cloned()
        .collect();
    check_pass("restricted", &all);
}

#[test]
fn baseline_fail_fixtures_give_the_expected_finding() {
    let bundle = Bundle::embedded().unwrap();
    check_fail("baseline", &level_policies(&bundle, "baseline"), None);
}

#[test]
fn restricted_fail_fixtures_give_the_expected_finding_and_pass_baseline() {
    let bundle = Bundle::embedded().unwrap();
    let baseline = level_policies(&bundle, "baseline");
    check_fail(
        "restricted",
        &level_policies(&bundle, "restricted"),
        Some(&baseline),
    );
}
