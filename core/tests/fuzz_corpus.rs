//! Replays every fuzz corpus file (`core/fuzz/corpus/<target>/`) through its
//! target's body: the CI smoke run of the fuzz targets, and the home of every
//! crash the fuzzers found (add the input to the corpus).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::Path;

fn replay(target: &str, body: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut n = 0;
    for e in std::fs::read_dir(&dir).unwrap().flatten() {
        body(&std::fs::read(e.path()).unwrap());
        n += 1;
    }
    assert!(n > 0, "empty corpus {}", dir.display());
}

#[test]
fn parse_objects_corpus() {
    replay("parse_objects", kubegov::fuzzing::parse_objects);
}

#[test]
fn load_bundle_corpus() {
    replay("load_bundle", kubegov::fuzzing::load_bundle);
}

#[test]
fn load_config_corpus() {
    replay("load_config", kubegov::fuzzing::load_config);
}

#[test]
fn load_gatekeeper_corpus() {
    replay("load_gatekeeper", kubegov::fuzzing::load_gatekeeper);
}

#[test]
fn render_report_corpus() {
    replay("render_report", kubegov::fuzzing::render_report);
}

#[test]
fn gatekeeper_seeds_reach_evaluation() {
    // The seeds must get past loading, or the fuzzer starts from nothing.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/load_gatekeeper");
    let mut reviewed = 0;
    for e in std::fs::read_dir(&dir).unwrap().flatten() {
        let text = std::fs::read_to_string(e.path()).unwrap();
        let objects = kubegov::Objects::from_text(&text, Some("seed.yaml"));
        if let Ok(set) = kubegov::gatekeeper::Set::from_objects(&objects) {
            let (findings, _) = set.evaluate(&objects);
            reviewed += usize::from(!set.is_empty() && !findings.is_empty());
        }
    }
    assert!(reviewed >= 3, "only {reviewed} seeds gave findings");
}
