//! `policies/README.md` is the index generated from the built-in library's
//! metadata; this test fails when it is stale. `UPDATE_POLICY_INDEX=1`
//! rewrites it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use kubegov::Bundle;

#[test]
fn policy_index_is_up_to_date() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../policies/README.md");
    let bundle = Bundle::embedded().unwrap();
    let generated = kubegov::docs::policy_index_markdown(bundle.policies());
    if std::env::var_os("UPDATE_POLICY_INDEX").is_some_and(|v| v == "1") {
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != generated {
        let first_difference = committed
            .lines()
            .zip(generated.lines())
            .position(|(a, b)| a != b)
            .map_or_else(
                || "(one file is a prefix of the other)".to_string(),
                |n| format!("line {}", n + 1),
            );
        panic!(
            "policies/README.md is stale (first difference at {first_difference}); \
             run `UPDATE_POLICY_INDEX=1 cargo test --release -p kubegov --test policy_index`"
        );
    }
}

#[test]
fn index_lists_every_policy_once() {
    let bundle = Bundle::embedded().unwrap();
    let index = kubegov::docs::policy_index_markdown(bundle.policies());
    for p in bundle.policies() {
        let link = format!("[`{}`]({}/{}/policy.rego)", p.id(), p.category(), p.id());
        assert_eq!(index.matches(&link).count(), 1, "{} in the index", p.id());
    }
}
