//! Bodies of the fuzz targets (`core/fuzz`), shared with the test that
//! replays their corpora in CI. Each must never panic, whatever the bytes.

use std::sync::OnceLock;

use crate::{Bundle, Objects};

fn small_bundle() -> Option<&'static Bundle> {
    static B: OnceLock<Option<Bundle>> = OnceLock::new();
    B.get_or_init(|| {
        Bundle::from_sources([
            (
                "lib/workload.rego",
                include_str!("../../policies/lib/workload.rego"),
            ),
            (
                "p.rego",
                "# METADATA\n# title: T\n# description: D\n# custom:\n#   id: any-object\n#   severity: low\n#   category: fuzz\npackage fuzz.any\n\nimport data.kubegov.lib.workload\nimport rego.v1\n\nviolation contains {\"msg\": sprintf(\"%v\", [c.name]), \"path\": c.path} if some c in workload.containers\n\nviolation contains {\"msg\": \"labelled\", \"path\": \"metadata.labels\"} if input.review.object.metadata.labels\n",
            ),
        ])
        .ok()
    })
    .as_ref()
}

/// Objects from arbitrary text: parse, check that nothing is lost, evaluate,
/// serialize.
pub fn parse_objects(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let objects = Objects::from_text(&text, Some("fuzz.yaml"));
    assert_eq!(
        objects.documents(),
        objects.len() + objects.errors().len(),
        "documents read = objects + errors"
    );
    if let Some(b) = small_bundle() {
        let r = b.evaluate(&objects);
        assert_eq!(r.summary().objects, objects.len());
        let json = r.to_json();
        assert!(serde_json::from_str::<serde_json::Value>(&json).is_ok());
    }
}

/// A bundle from arbitrary text: as a policy module with metadata, as a data
/// document, and as an OPA tarball.
pub fn load_bundle(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let _ = Bundle::from_sources([("fuzz/policy.rego", text.as_ref())]);
    let _ = Bundle::from_sources([("fuzz/data.yaml", text.as_ref())]);
    let _ = crate::bundle::load_tarball_bytes(data);
}

/// Configuration and exceptions files from arbitrary text.
pub fn load_config(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok(c) = crate::Config::from_yaml(&text, Some("fuzz.yaml")) {
        if let Some(b) = small_bundle() {
            let _ = b.configure(&c);
        }
    }
    let mut c = crate::Config::new();
    let _ = c.add_exceptions_yaml(&text, None);
}

/// Gatekeeper templates and constraints from arbitrary text: read them as a
/// set and, when that works, review the same objects with it.
pub fn load_gatekeeper(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let objects = Objects::from_text(&text, Some("fuzz.yaml"));
    if let Ok(set) = crate::gatekeeper::Set::from_objects(&objects) {
        let (findings, errors) = set.evaluate(&objects);
        assert!(findings.len() + errors.len() < usize::MAX);
    }
}

/// Every renderer on a report whose file name (the first line) and messages
/// (container names, echoed by the policy) come from arbitrary text: JSON
/// must stay valid JSON, the others must not panic.
pub fn render_report(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (file, body) = text.split_once('\n').unwrap_or(("", &text));
    let Some(b) = small_bundle() else { return };
    let objects = Objects::from_text(body, Some(file));
    let r = b.evaluate(&objects);
    assert!(serde_json::from_str::<serde_json::Value>(&r.to_json()).is_ok());
    let sarif = crate::render::sarif(&r, b.policies());
    assert!(serde_json::from_str::<serde_json::Value>(&sarif).is_ok());
    let _ = crate::render::junit(&r, b, &objects);
    let _ = crate::render::table(&r, true);
    let _ = crate::render::table(&r, false);
    let _ = crate::render::github(&r);
}
