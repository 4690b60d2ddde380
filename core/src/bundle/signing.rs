//! OPA bundle signatures: `.signatures.json` holds a JWT whose claims list
//! every file of the bundle with its SHA-256 hash. Verification checks the
//! JWT's signature with a public key (RS*, PS*, ES*, EdDSA) or a shared
//! secret (HS*), then that the bundle holds exactly the listed files with
//! those hashes — before any policy is parsed.
//!
//! As OPA does, `.json` files are hashed in canonical form (keys sorted,
//! compact, Go's HTML-safe escaping); other files as their bytes.

use std::collections::BTreeMap;

use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::Deserialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::error::{LoadError, Location};

/// How to verify a signed bundle.
#[derive(Debug, Clone)]
pub struct Verification {
    key: String,
    key_id: Option<String>,
    scope: Option<String>,
}

impl Verification {
    /// Verify with this key: a PEM public key (RSA, EC or Ed25519) or, for
    /// HMAC-signed bundles, the shared secret.
    pub fn new(key: impl Into<String>) -> Self {
        Verification {
            key: key.into(),
            key_id: None,
            scope: None,
        }
    }

    /// Require this key id in the signature (`keyid` claim or `kid` header).
    pub fn with_key_id(mut self, id: impl Into<String>) -> Self {
        self.key_id = Some(id.into());
        self
    }

    /// Require this scope claim.
    pub fn with_scope(mut self, scope: impl Into<String>) -> Self {
        self.scope = Some(scope.into());
        self
    }
}

#[derive(Deserialize)]
struct SignaturesFile {
    signatures: Vec<String>,
}

#[derive(Deserialize)]
struct SignedFile {
    name: String,
    hash: String,
    #[serde(default)]
    algorithm: Option<String>,
}

#[derive(Deserialize)]
struct Claims {
    files: Vec<SignedFile>,
    #[serde(default)]
    keyid: Option<String>,
    #[serde(default)]
    scope: Option<String>,
}

fn err(bundle: &str, message: String) -> LoadError {
    LoadError::Signature {
        location: Location {
            file: Some(bundle.to_string()),
            line: 0,
            column: 0,
        },
        message,
    }
}

/// Canonical JSON as Go's `encoding/json` writes a decoded value: sorted
/// keys, no spaces, `<`, `>`, `&`, U+2028 and U+2029 escaped.
fn canonical_json(v: &Value, out: &mut String) {
    match v {
        Value::Object(m) => {
            let sorted: BTreeMap<&String, &Value> = m.iter().collect();
            out.push('{');
            for (i, (k, v)) in sorted.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                go_string(k, out);
                out.push(':');
                canonical_json(v, out);
            }
            out.push('}');
        }
        Value::Array(a) => {
            out.push('[');
            for (i, v) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                canonical_json(v, out);
            }
            out.push(']');
        }
        Value::String(s) => go_string(s, out),
        other => out.push_str(&other.to_string()),
    }
}

fn go_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The hash OPA records for a bundle file: structured documents (`data.json`,
/// `data.yaml`, `.manifest`) as canonical JSON, anything else as bytes.
pub(crate) fn file_hash(path: &str, bytes: &[u8]) -> String {
    let base = path.rsplit('/').next().unwrap_or(path);
    let parsed = match base {
        "data.json" | ".manifest" => serde_json::from_slice::<Value>(bytes).ok(),
        "data.yaml" => std::str::from_utf8(bytes)
            .ok()
            .and_then(|t| crate::parse_yaml(t, None).ok()),
        _ => None,
    };
    match parsed {
        Some(v) => {
            let mut s = String::new();
            canonical_json(&v, &mut s);
            hex::encode(Sha256::digest(s.as_bytes()))
        }
        None => hex::encode(Sha256::digest(bytes)),
    }
}

fn decoding_key(key: &str, alg: Algorithm) -> Result<DecodingKey, String> {
    use Algorithm::*;
    let k = key.as_bytes();
    let r = match alg {
        HS256 | HS384 | HS512 => DecodingKey::from_secret(k),
        RS256 | RS384 | RS512 | PS256 | PS384 | PS512 => DecodingKey::from_rsa_pem(k),
        ES256 | ES384 => DecodingKey::from_ec_pem(k),
        EdDSA => DecodingKey::from_ed_pem(k),
        other => return Err(format!("signature algorithm {other:?} is not supported")),
    };
    r.map_err(|e| format!("the verification key does not fit algorithm {alg:?}: {e}"))
}

/// Verify `files` (path in the bundle → bytes, `.signatures.json` excluded)
/// against the `.signatures.json` text.
pub(crate) fn verify(
    bundle: &str,
    files: &BTreeMap<String, Vec<u8>>,
    signatures: Option<&[u8]>,
    v: &Verification,
) -> Result<(), LoadError> {
    let Some(sig) = signatures else {
        return Err(err(
            bundle,
            "the bundle is not signed (no `.signatures.json`) but verification is required".into(),
        ));
    };
    let parsed: SignaturesFile = serde_json::from_slice(sig)
        .map_err(|e| err(bundle, format!("`.signatures.json` is malformed: {e}")))?;
    let [token] = parsed.signatures.as_slice() else {
        return Err(err(
            bundle,
            format!(
                "`.signatures.json` must hold exactly one signature, found {}",
                parsed.signatures.len()
            ),
        ));
    };
    let header = jsonwebtoken::decode_header(token)
        .map_err(|e| err(bundle, format!("the signature is not a valid JWT: {e}")))?;
    let key = decoding_key(&v.key, header.alg).map_err(|m| err(bundle, m))?;
    let mut validation = Validation::new(header.alg);
    validation.required_spec_claims.clear();
    validation.validate_exp = false;
    validation.validate_aud = false;
    let data = jsonwebtoken::decode::<Claims>(token, &key, &validation).map_err(|e| {
        err(
            bundle,
            format!("the signature does not verify with the given key: {e}"),
        )
    })?;
    let claims = data.claims;
    if let Some(want) = &v.key_id {
        let got = claims.keyid.as_deref().or(header.kid.as_deref());
        if got != Some(want.as_str()) {
            return Err(err(
                bundle,
                format!(
                    "the bundle was signed with key id `{}`, not `{want}`",
                    got.unwrap_or("")
                ),
            ));
        }
    }
    // as OPA: the signed scope must equal the configured one (both may be empty)
    {
        let want = v.scope.as_deref().unwrap_or("");
        if claims.scope.as_deref().unwrap_or("") != want {
            return Err(err(
                bundle,
                format!(
                    "the signature's scope is `{}`, not `{want}`",
                    claims.scope.as_deref().unwrap_or("")
                ),
            ));
        }
    }
    let mut listed: BTreeMap<String, &SignedFile> = BTreeMap::new();
    for f in &claims.files {
        let name = f
            .name
            .trim_start_matches("./")
            .trim_start_matches('/')
            .to_string();
        match f.algorithm.as_deref() {
            Some(a) if a.eq_ignore_ascii_case("SHA-256") => {}
            Some(a) => {
                return Err(err(
                    bundle,
                    format!("file `{name}` is hashed with `{a}`; only SHA-256 is supported"),
                ))
            }
            None => {
                return Err(err(
                    bundle,
                    format!("no hashing algorithm given for file `{name}`"),
                ))
            }
        }
        listed.insert(name, f);
    }
    for (path, bytes) in files {
        let Some(f) = listed.remove(path) else {
            return Err(err(
                bundle,
                format!("file `{path}` is not covered by the signature (added after signing?)"),
            ));
        };
        if !f.hash.eq_ignore_ascii_case(&file_hash(path, bytes)) {
            return Err(err(
                bundle,
                format!("file `{path}` does not match its signed hash (modified after signing?)"),
            ));
        }
    }
    if let Some(missing) = listed.keys().next() {
        return Err(err(
            bundle,
            format!("signed file `{missing}` is missing from the bundle"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_json_is_go_shaped() {
        let v: Value =
            serde_json::from_str("{\"b\": [1, {\"z\": true, \"a\": null}], \"a\": \"<&>\"}")
                .unwrap();
        let mut s = String::new();
        canonical_json(&v, &mut s);
        assert_eq!(
            s,
            "{\"a\":\"\\u003c\\u0026\\u003e\",\"b\":[1,{\"a\":null,\"z\":true}]}"
        );
    }
}
