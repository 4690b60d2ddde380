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
