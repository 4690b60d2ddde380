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
    let cfg = std::env::temp_dir().join(format!("kubegov-cli-{}.yaml", std::process::id()));
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
