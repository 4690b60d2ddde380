//! The cross-binding golden vectors: the Rust core is their reference.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};

use kubegov::{Bundle, Objects};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors")
}

#[test]
fn golden_vectors_match() {
    let bundle = Bundle::load(root().join("bundle")).unwrap();
    let update = std::env::var_os("UPDATE_VECTORS").is_some();
    let mut cases: Vec<PathBuf> = std::fs::read_dir(root().join("cases"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "input"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 5);
    for case in cases {
        let text = std::fs::read_to_string(&case).unwrap();
        let json = bundle.evaluate(&Objects::from_text(&text, None)).to_json();
        let expected_path = case.with_extension("expected.json");
        if update {
            std::fs::write(&expected_path, &json).unwrap();
        }
        let expected = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|_| panic!("missing {}", expected_path.display()));
        assert_eq!(json, expected, "vector {}", case.display());
    }
}

#[test]
fn reports_validate_against_the_documented_schema() {
    let bundle = Bundle::load(root().join("bundle")).unwrap();
    let mut n = 0;
    for e in std::fs::read_dir(root().join("cases")).unwrap().flatten() {
        if e.path().extension().is_some_and(|x| x == "input") {
            let json = bundle
                .evaluate(&Objects::from_text(
                    &std::fs::read_to_string(e.path()).unwrap(),
                    Some("x.yaml"),
                ))
                .to_json();
            kubegov::validate_report_json(&json)
                .unwrap_or_else(|m| panic!("{}: {m}", e.path().display()));
            n += 1;
        }
    }
    assert!(n >= 5);
    // the examples with the whole library, configuration and exceptions
    let ex = root().join("../../examples");
    let cfg = kubegov::Config::from_file(ex.join("config/kubegov.yaml")).unwrap();
    let b = Bundle::embedded().unwrap().configure(&cfg).unwrap();
    let json = b
        .evaluate(&Objects::from_path(ex.join("manifests")).unwrap())
        .to_json();
    kubegov::validate_report_json(&json).unwrap();
    // the validator does reject what breaks the schema
    let broken = json.replacen("\"severity\": \"", "\"severity\": \"urgent-", 1);
    assert!(kubegov::validate_report_json(&broken).is_err());
    let extra = json.replacen(
        "\"schemaVersion\"",
        "\"surprise\": 1,\n  \"schemaVersion\"",
        1,
    );
    assert!(kubegov::validate_report_json(&extra)
        .unwrap_err()
        .contains("surprise"));
}
