//! `kubegov check` end to end: exit codes, configuration flags, stdin, JSON.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io::Write;
use std::process::{Command, Stdio};

fn kubegov(args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let mut child = Command::new(env!("CARGO_BIN_EXE_kubegov"))
        .args(args)
        .current_dir(root)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(text) = stdin {
        // the command may exit before reading (usage errors)
        let _ = child.stdin.take().unwrap().write_all(text.as_bytes());
    } else {
        drop(child.stdin.take());
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

const PRIV: &str = "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec:\n  containers:\n  - name: c\n    image: nginx:1.27\n    securityContext:\n      privileged: true\n";

#[test]
fn examples_fail_with_findings_and_json_is_the_report() {
    let (code, out, _) = kubegov(&["check", "examples/"], None);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("privileged-containers") && out.contains("examples/manifests/web.yaml:25"),
        "{out}"
    );
    let (code, out, _) = kubegov(&["check", "-f", "json", "examples/manifests"], None);
    assert_eq!(code, 1);
    kubegov::validate_report_json(&out).unwrap();
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v["summary"]["objects"].as_u64().unwrap() >= 3);
    // the deliberate problems of examples/manifests/web.yaml, each found once,
    // at the right field and line
    let findings = v["findings"].as_array().unwrap();
    let at = |id: &str| -> Vec<(String, u64)> {
        findings
            .iter()
            .filter(|f| f["policy"]["id"] == id)
            .map(|f| {
                (
                    f["path"].as_str().unwrap_or("").to_string(),
                    f["source"]["line"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    assert_eq!(
        at("privileged-containers"),
        vec![(
            "spec.template.spec.containers[0].securityContext.privileged".to_string(),
            25
        )]
    );
    assert_eq!(
        at("image-tag-latest"),
        vec![("spec.template.spec.containers[0].image".to_string(), 21)]
    );
    let mut keys: Vec<String> = findings
        .iter()
        .map(|f| {
            format!(
                "{}|{}|{}|{}",
                f["policy"]["id"], f["object"]["name"], f["path"], f["message"]
            )
        })
        .collect();
    let n = keys.len();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), n, "no finding is reported twice");
    // the pod written to follow the restricted standard gives no PSS finding
    assert!(!findings
        .iter()
        .any(|f| f["object"]["name"] == "api" && f["policy"]["controls"]["pss"].is_array()));
}

#[test]
fn exit_codes_follow_thresholds_and_actions() {
    let (code, _, _) = kubegov(
        &["check", "-", "--select", "id=privileged-containers"],
        Some(PRIV),
    );
    assert_eq!(code, 1);
    let (code, _, _) = kubegov(
        &[
            "check",
            "-",
            "--select",
            "id=privileged-containers",
            "--fail-on",
            "critical",
        ],
        Some(PRIV),
    );
    assert_eq!(code, 1, "privileged is critical");
    let (code, _, _) = kubegov(
        &["check", "-", "--select", "id=image-*", "--fail-on", "high"],
        Some(PRIV.replace("nginx:1.27", "nginx:latest").as_str()),
    );
    assert_eq!(code, 0, "image findings are below high");
    let (code, _, _) = kubegov(&["check", "-", "--skip", "*"], Some(PRIV));
    assert_eq!(code, 0);
    let cfg = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("kubegov-cli-{}.yaml", std::process::id()));
    std::fs::write(&cfg, "select: [privileged-containers]\npolicies:\n  privileged-containers: {enforcementAction: warn}\n").unwrap();
    let (code, out, _) = kubegov(
        &["check", "-", "--config", cfg.to_str().unwrap()],
        Some(PRIV),
    );
    assert_eq!(code, 0, "warn never fails: {out}");
    assert!(out.contains("[warn]"), "{out}");
}

#[test]
fn usage_and_input_errors_exit_2() {
    let (code, _, err) = kubegov(&["check", "no/such/dir"], None);
    assert_eq!(code, 2);
    assert!(err.contains("input.io"), "{err}");
    let (code, _, err) = kubegov(&["check", "-", "--select", "severity>=urgent"], Some(PRIV));
    assert_eq!(code, 2);
    assert!(err.contains("config.selection"), "{err}");
    let (code, _, _) = kubegov(&["check", "--format", "xml", "-"], Some(PRIV));
    assert_eq!(code, 2);
    // only unreadable input at all
    let (code, out, _) = kubegov(
        &["check", "-", "--stdin-filename", "chart.yaml"],
        Some("kind: [\n"),
    );
    assert_eq!(code, 2);
    assert!(out.contains("chart.yaml:2:1"), "{out}");
}

#[test]
fn stdin_filename_names_locations() {
    let (code, out, _) = kubegov(
        &[
            "check",
            "-",
            "--stdin-filename",
            "rendered/pod.yaml",
            "-f",
            "json",
        ],
        Some(PRIV),
    );
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["policy"]["id"] == "privileged-containers")
        .unwrap();
    assert_eq!(f["source"]["file"], "rendered/pod.yaml");
    assert_eq!(f["source"]["line"], 9);
}

#[test]
fn verification_key_refuses_an_unsigned_bundle() {
    let (code, _, err) = kubegov(
        &[
            "check",
            "-",
            "--bundle",
            "tests/vectors/bundle",
            "--verification-key",
            "tests/signing/test-ec-public.pem",
        ],
        Some(PRIV),
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("load.signature") && err.contains("not signed"),
        "{err}"
    );
}

#[test]
fn an_internal_panic_is_an_error_message_and_exit_2() {
    let (code, out, err) = kubegov(&["__panic-for-tests"], None);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    assert!(err.contains("kubegov: internal error"), "{err}");
    assert!(err.contains("please report this"), "{err}");
    assert!(
        !err.contains("RUST_BACKTRACE"),
        "the default panic message leaked: {err}"
    );
    // hidden from the help
    let (_, help, _) = kubegov(&["--help"], None);
    assert!(!help.contains("panic"), "{help}");
}

#[test]
fn a_reader_that_goes_away_is_not_an_internal_error() {
    // `kubegov ... | head`: the reader closes stdout before kubegov writes.
    for args in [
        &["check", "examples/manifests"][..],
        &["policies"],
        &["verify", "tests/gatekeeper/library-style"],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kubegov"))
            .args(args)
            .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.is_empty(), "{args:?}: {err}");
        assert_eq!(out.status.code(), Some(141), "{args:?}: {err}");
    }
}

#[test]
fn a_bundle_directory_with_gatekeeper_constraints_reports_them() {
    let (code, out, err) = kubegov(
        &[
            "check",
            "--bundle",
            "tests/gatekeeper/bundle",
            "tests/gatekeeper/bundle-pod.yaml",
        ],
        None,
    );
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("pods need an `owner` label"), "{out}");
    assert!(out.contains("K8sRequiredLabels/pods-need-owner"), "{out}");
    assert!(
        out.contains("host network is shared with the node"),
        "{out}"
    );
}

// ---- Gatekeeper constraints as policies (`tests/gatekeeper/bundle/`):
// policies, explain, a config file, `kubegov test`, located Rego errors

const GK_BUNDLE: &str = "tests/gatekeeper/bundle";
const GK_POD: &str = "tests/gatekeeper/bundle-pod.yaml";

#[test]
fn gatekeeper_constraints_are_listed_and_explained_as_policies() {
    let (code, out, err) = kubegov(&["policies", "--bundle", GK_BUNDLE], None);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(
        lines[0].starts_with("K8sRequiredLabels/pods-have-cost-center"),
        "{out}"
    );
    assert!(
        lines[1].contains("high") && lines[1].contains("gatekeeper"),
        "{out}"
    );
    assert!(lines[1].contains("Required Labels"), "{out}");
    let (code, out, err) = kubegov(
        &[
            "explain",
            "--bundle",
            GK_BUNDLE,
            "K8sRequiredLabels/pods-have-cost-center",
        ],
        None,
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Cost center label"), "{out}");
    assert!(out.contains("enforcementAction: dryrun"), "{out}");
    assert!(out.contains("Pods carry the cost center"), "{out}");
    let (code, _, err) = kubegov(
        &[
            "explain",
            "--bundle",
            GK_BUNDLE,
            "K8sRequiredLabels/pods-need-ownr",
        ],
        None,
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("did you mean `K8sRequiredLabels/pods-need-owner`"),
        "{err}"
    );
}

#[test]
fn gatekeeper_a_config_file_turns_a_constraint_to_dryrun() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("kubegov-cli-gk3-config-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let config = dir.join("kubegov.yaml");
    std::fs::write(
        &config,
        "policies:\n  K8sRequiredLabels/pods-need-owner:\n    enforcementAction: dryrun\n    severity: low\n  fixture-no-host-network:\n    enabled: false\n",
    )
    .unwrap();
    let args = [
        "check",
        "-f",
        "json",
        "--bundle",
        GK_BUNDLE,
        "--config",
        config.to_str().unwrap(),
        GK_POD,
    ];
    let (code, out, err) = kubegov(&args, None);
    assert_eq!(code, 0, "dryrun findings never fail: {out}{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let found: Vec<(&str, &str, &str)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["policy"]["id"].as_str().unwrap(),
                f["action"].as_str().unwrap(),
                f["policy"]["severity"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "K8sRequiredLabels/pods-have-cost-center",
                "dryrun",
                "medium"
            ),
            ("K8sRequiredLabels/pods-need-owner", "dryrun", "low"),
        ]
    );
    // a misspelt constraint id is a config error with a hint
    std::fs::write(
        &config,
        "policies:\n  K8sRequiredLabels/pods-need-ownr:\n    enabled: false\n",
    )
    .unwrap();
    let (code, _, err) = kubegov(&args, None);
    assert_eq!(code, 2);
    assert!(
        err.contains("did you mean `K8sRequiredLabels/pods-need-owner`"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn gatekeeper_test_runs_the_unit_tests_of_template_sources() {
    let (code, out, err) = kubegov(&["test", GK_BUNDLE], None);
    assert_eq!(code, 1, "one test fails on purpose: {out}{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4, "{out}");
    assert!(
        lines[0].starts_with(
            "PASS k8srequiredlabels.test_missing_label_is_a_violation (template_test.rego:7) "
        ),
        "{out}"
    );
    assert!(lines[0].ends_with("ms"), "{out}");
    assert!(
        lines[2].starts_with(
            "FAIL k8srequiredlabels.test_fails_on_purpose_labelled_pod_is_a_violation (template_test.rego:19)"
        ),
        "{out}"
    );
    assert_eq!(lines[3], "2 passed, 1 failed");
    let (code, out, err) = kubegov(&["test", "--run", "missing_label", GK_BUNDLE], None);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(out.lines().count(), 2, "{out}");
    assert_eq!(out.lines().last().unwrap(), "1 passed, 0 failed");
}

#[test]
fn gatekeeper_a_rego_error_points_at_its_line_in_the_template_file() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("kubegov-cli-gk3-rego-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../");
    let tpl = std::fs::read_to_string(format!("{root}{GK_BUNDLE}/template.yaml")).unwrap();
    let broken = tpl.replace("count(missing) > 0", "count(missing) ] 0");
    std::fs::write(dir.join("t.yaml"), &broken).unwrap();
    let (code, out, err) = kubegov(&["check", "--bundle", dir.to_str().unwrap(), GK_POD], None);
    assert_eq!(code, 2, "{out}{err}");
    let line = broken
        .lines()
        .position(|l| l.contains("count(missing) ] 0"))
        .unwrap()
        + 1;
    assert!(err.contains("error[load.gatekeeper]"), "{err}");
    assert!(
        err.contains(&format!("t.yaml:{line}:")),
        "line {line}: {err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
