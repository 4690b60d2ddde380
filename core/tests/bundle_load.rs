//! Loading bundles: directories with data, OPA tarballs, located errors,
//! sharing across threads, deterministic output.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io::Write;

use kubegov::{Bundle, LoadError, Objects};

const POLICY: &str = "# METADATA\n# title: Banned names\n# description: Names listed in data.settings.banned are refused.\n# custom:\n#   id: banned-names\n#   severity: high\n#   category: metadata\npackage acme.banned\n\nimport rego.v1\n\nviolation contains {\"msg\": msg, \"path\": \"metadata.name\"} if {\n\tinput.review.object.metadata.name in data.settings.banned\n\tmsg := sprintf(\"name `%s` is banned\", [input.review.object.metadata.name])\n}\n";

fn tarball(entries: &[(&str, &str)]) -> Vec<u8> {
    let mut builder = tar::Builder::new(flate2::write::GzEncoder::new(
        Vec::new(),
        flate2::Compression::default(),
    ));
    for (path, content) in entries {
        let mut h = tar::Header::new_gnu();
        h.set_size(content.len() as u64);
        h.set_mode(0o644);
        h.set_cksum();
        builder
            .append_data(&mut h, path, content.as_bytes())
            .unwrap();
    }
    builder.into_inner().unwrap().finish().unwrap()
}

fn write_tmp(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("kubegov-{}-{name}", std::process::id()));
    std::fs::File::create(&p).unwrap().write_all(bytes).unwrap();
    p
}

const OBJ: &str = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: evil\n";

#[test]
fn opa_tarball_with_manifest_and_data() {
    let tgz = tarball(&[
        (
            ".manifest",
            "{\"roots\": [\"acme\", \"settings\"], \"rego_version\": 1}",
        ),
        ("acme/banned/policy.rego", POLICY),
        ("settings/data.json", "{\"banned\": [\"evil\"]}"),
    ]);
    let path = write_tmp("bundle.tar.gz", &tgz);
    let b = Bundle::load(&path).unwrap();
    assert_eq!(b.policies()[0].id(), "banned-names");
    let r = b.evaluate(&Objects::from_text(OBJ, Some("cm.yaml")));
    assert_eq!(r.findings()[0].message, "name `evil` is banned");
    assert_eq!(r.findings()[0].source.line, 4);
    // a package outside the manifest roots is refused
    let tgz = tarball(&[
        (".manifest", "{\"roots\": [\"other\"]}"),
        ("acme/banned/policy.rego", POLICY),
    ]);
    let e = Bundle::load(write_tmp("outside.tar.gz", &tgz)).unwrap_err();
    assert!(e.to_string().contains("outside the manifest roots"), "{e}");
    // Rego v0 bundles
    let v0 = "# METADATA\n# title: T\n# description: D\n# custom:\n#   id: v-zero\n#   severity: low\n#   category: c\npackage v0\n\nviolation[{\"msg\": \"always\"}] { true }\n";
    let tgz = tarball(&[(".manifest", "{\"rego_version\": 0}"), ("p.rego", v0)]);
    let b = Bundle::load(write_tmp("v0.tar.gz", &tgz)).unwrap();
    assert_eq!(
        b.evaluate(&Objects::from_text(OBJ, None)).findings().len(),
        1
    );
    assert!(Bundle::load(write_tmp("garbage.tar.gz", b"not a tarball")).is_err());
}

#[test]
fn directory_bundle_merges_data_at_its_folder() {
    let b = Bundle::from_sources([
        ("acme/policy.rego", POLICY),
        ("settings/data.yaml", "banned: [evil]\n"),
    ])
    .unwrap();
    assert_eq!(
        b.evaluate(&Objects::from_text(OBJ, None)).findings().len(),
        1
    );
    let e = Bundle::from_sources([
        ("acme/policy.rego", POLICY),
        ("settings/data.yaml", "banned: [evil\n"),
    ])
    .unwrap_err();
    assert!(matches!(e, LoadError::Data { .. }));
}

#[test]
fn bad_metadata_and_rego_errors_are_located() {
    let bad = POLICY.replace("#   severity: high\n", "#   severity: severe\n");
    let e = Bundle::from_sources([("p.rego", bad.as_str())]).unwrap_err();
    assert_eq!(e.code(), "load.metadata");
    let l = e.location().unwrap();
    assert_eq!((l.file.as_deref(), l.line), (Some("p.rego"), 6));
    let broken = POLICY.replace("in data.settings.banned", "in in data");
    let e = Bundle::from_sources([("p.rego", broken.as_str())]).unwrap_err();
    assert_eq!(e.code(), "load.rego");
    assert_eq!(e.location().unwrap().line, 13, "{e}");
    let dup = Bundle::from_sources([
        ("a.rego", POLICY),
        (
            "b.rego",
            POLICY.replace("acme.banned", "acme.other").as_str(),
        ),
    ])
    .unwrap_err();
    assert!(dup.to_string().contains("already used"), "{dup}");
}

#[test]
fn shared_across_threads_with_identical_reports() {
    let b = Bundle::embedded().unwrap();
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/vectors/cases/privileged-pod.input"
    ))
    .unwrap();
    let reference = b
        .evaluate(&Objects::from_text(&text, Some("x.yaml")))
        .to_json();
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..8)
            .map(|_| {
                let b = b.clone();
                let text = text.clone();
                s.spawn(move || {
                    (0..20)
                        .map(|_| {
                            b.evaluate(&Objects::from_text(&text, Some("x.yaml")))
                                .to_json()
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for h in handles {
            for json in h.join().unwrap() {
                assert_eq!(json, reference);
            }
        }
    });
}

#[test]
fn json_is_byte_identical_across_runs_and_digest_tracks_sources() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples");
    let a = Bundle::embedded()
        .unwrap()
        .evaluate(&Objects::from_path(dir).unwrap())
        .to_json();
    let b = Bundle::embedded()
        .unwrap()
        .evaluate(&Objects::from_path(dir).unwrap())
        .to_json();
    assert_eq!(a, b);
    let d1 = Bundle::from_sources([("p.rego", POLICY)])
        .unwrap()
        .digest()
        .to_string();
    let d2 = Bundle::from_sources([("p.rego", POLICY)])
        .unwrap()
        .digest()
        .to_string();
    let d3 = Bundle::from_sources([("p.rego", POLICY.replace("banned", "blocked"))])
        .unwrap()
        .digest()
        .to_string();
    assert_eq!(d1, d2);
    assert_ne!(d1, d3);
}
