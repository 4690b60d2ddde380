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
