//! `kubegov verify` end to end: gator suites, closing line, exit codes.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::process::Command;

fn kubegov(args: &[&str]) -> (i32, String, String) {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let out = Command::new(env!("CARGO_BIN_EXE_kubegov"))
        .args(args)
        .current_dir(root)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[test]
fn passing_suites_exit_0_with_the_closing_line() {
    let (code, out, err) = kubegov(&["verify", "tests/gatekeeper/library-style"]);
    assert_eq!(code, 0, "{out}{err}");
    let last = out.lines().last().unwrap();
    assert!(last.ends_with(" failed, 1 skipped"), "{last}");
    assert!(last.contains(" passed, 0 failed"), "{last}");
    assert!(
        out.contains("PASS requiredlabels › all-must-have-owner › example-allowed\n"),
        "{out}"
    );
    assert!(
        out.contains("SKIP disallowed-tags-v1 › no-latest › skipped case\n"),
        "{out}"
    );
}

#[test]
fn a_failing_assertion_exits_1_with_the_reason() {
    let (code, out, err) = kubegov(&["verify", "tests/gatekeeper/failing/suite.yaml"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains("FAIL failing › wrong expectation › expects no violation: got 1 violations but want none"),
        "{out}"
    );
    assert!(
        out.contains("PASS failing › wrong expectation › expects one\n"),
        "{out}"
    );
    assert_eq!(out.lines().last().unwrap(), "1 passed, 1 failed");
}

#[test]
fn an_unreadable_suite_exits_2() {
    let (code, _, err) = kubegov(&["verify", "tests/gatekeeper/no-such-dir"]);
    assert_eq!(code, 2);
    assert!(err.contains("error[gatekeeper.io]"), "{err}");
}

#[test]
fn run_filters_cases() {
    let (code, out, _) = kubegov(&["verify", "tests/gatekeeper/failing", "--run", "expects one"]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(out.lines().last().unwrap(), "1 passed, 0 failed");
}
