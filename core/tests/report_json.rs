//! `Report::write_json` streams the same bytes as `Report::to_json`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use kubegov::{Bundle, Objects};

#[test]
fn write_json_gives_the_bytes_of_to_json() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let mut objects = Objects::new();
    objects.add_path(format!("{root}/examples")).unwrap();
    let report = Bundle::embedded().unwrap().evaluate(&objects);
    assert!(!report.findings().is_empty());
    let mut streamed = Vec::new();
    report.write_json(&mut streamed).unwrap();
    assert_eq!(String::from_utf8(streamed).unwrap(), report.to_json());
}
