//! Signed OPA bundles: a good signature loads; a tampered, unsigned, extended
//! or wrongly signed bundle is refused before any policy loads.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};

use jsonwebtoken::{encode, Algorithm, EncodingKey, Header};
use kubegov::{Bundle, Verification};
use sha2::{Digest, Sha256};

const POLICY: &str = "# METADATA\n# title: T\n# description: D\n# custom:\n#   id: signed-policy\n#   severity: low\n#   category: demo\npackage signed\n\nimport rego.v1\n\nviolation contains {\"msg\": \"x\"} if input.review.object.kind == \"Secret\"\n";

fn keys() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/signing")
}

fn key(name: &str) -> String {
    std::fs::read_to_string(keys().join(name)).unwrap()
}

/// Write a bundle directory and sign it as `opa build --signing-key` does.
fn signed_bundle(tag: &str, alg: Algorithm, signing_key: &EncodingKey) -> PathBuf {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("kubegov-signed-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("signed")).unwrap();
    std::fs::write(dir.join("signed/policy.rego"), POLICY).unwrap();
    // data.json is hashed in canonical form: write it unsorted and spaced
    std::fs::write(dir.join("data.json"), "{ \"z\": 1, \"a\": [true] }").unwrap();
    std::fs::write(dir.join(".manifest"), "{\"roots\": [\"\"]}").unwrap();
    let files = serde_json::json!([
        {"name": "signed/policy.rego", "hash": hex::encode(Sha256::digest(POLICY.as_bytes())), "algorithm": "SHA-256"},
        {"name": "data.json", "hash": hex::encode(Sha256::digest(b"{\"a\":[true],\"z\":1}")), "algorithm": "SHA-256"},
        {"name": ".manifest", "hash": hex::encode(Sha256::digest(b"{\"roots\":[\"\"]}")), "algorithm": "SHA-256"},
    ]);
    let claims = serde_json::json!({"files": files, "keyid": "test"});
    let token = encode(&Header::new(alg), &claims, signing_key).unwrap();
    std::fs::write(
        dir.join(".signatures.json"),
        serde_json::json!({"signatures": [token]}).to_string(),
    )
    .unwrap();
    dir
}

fn ec_signed(tag: &str) -> PathBuf {
    signed_bundle(
        tag,
        Algorithm::ES256,
        &EncodingKey::from_ec_pem(key("test-ec-private.pem").as_bytes()).unwrap(),
    )
}

#[test]
fn a_good_signature_loads() {
    let dir = ec_signed("good");
    let b = Bundle::load_verified(
        &dir,
        &Verification::new(key("test-ec-public.pem")).with_key_id("test"),
    )
    .unwrap();
    assert_eq!(b.policies()[0].id(), "signed-policy");
    let rsa = signed_bundle(
        "rsa",
        Algorithm::RS256,
        &EncodingKey::from_rsa_pem(key("test-rsa-private.pem").as_bytes()).unwrap(),
    );
    Bundle::load_verified(&rsa, &Verification::new(key("test-rsa-public.pem"))).unwrap();
    let hmac = signed_bundle(
        "hmac",
        Algorithm::HS256,
        &EncodingKey::from_secret(b"s3cret").unwrap(),
    );
    Bundle::load_verified(&hmac, &Verification::new("s3cret")).unwrap();
    assert!(Bundle::load_verified(&hmac, &Verification::new("guess")).is_err());
}

fn refused(dir: &Path, key_name: &str, needle: &str) {
    let e = Bundle::load_verified(dir, &Verification::new(key(key_name))).unwrap_err();
    assert_eq!(e.code(), "load.signature");
    assert!(e.to_string().contains(needle), "{e}");
}

#[test]
fn a_tampered_file_is_refused() {
    let dir = ec_signed("tampered");
    std::fs::write(
        dir.join("signed/policy.rego"),
        POLICY.replace("Secret", "ConfigMap"),
    )
    .unwrap();
    refused(&dir, "test-ec-public.pem", "does not match its signed hash");
}

#[test]
fn an_added_or_removed_file_is_refused() {
    let dir = ec_signed("added");
    std::fs::write(dir.join("signed/extra.rego"), "package signed.extra\n").unwrap();
    refused(&dir, "test-ec-public.pem", "not covered by the signature");
    let dir = ec_signed("removed");
    std::fs::remove_file(dir.join("data.json")).unwrap();
    refused(&dir, "test-ec-public.pem", "missing from the bundle");
}

#[test]
fn a_wrong_key_or_no_signature_is_refused() {
    let dir = ec_signed("wrongkey");
    refused(&dir, "other-ec-public.pem", "does not verify");
    std::fs::remove_file(dir.join(".signatures.json")).unwrap();
    refused(&dir, "test-ec-public.pem", "not signed");
    // without verification the same bundle loads
    assert!(Bundle::load(&dir).is_ok());
    let dir = ec_signed("keyid");
    let e = Bundle::load_verified(
        &dir,
        &Verification::new(key("test-ec-public.pem")).with_key_id("prod"),
    )
    .unwrap_err();
    assert!(e.to_string().contains("key id `test`"), "{e}");
}
