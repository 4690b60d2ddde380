//! Compiled bundle artifacts: one versioned, self-checking file holding a
//! bundle's sources, data and metadata (`kubegov build DIR -o FILE`).
//!
//! Layout (all text, so `head -2` shows what a file is):
//!
//! ```text
//! KUBEGOV-BUNDLE-ARTIFACT\n
//! {"format":1,"kubegov":"0.1.0","regorus":"0.14.1","digest":"…","policies":118,"payload":{"bytes":N,"sha256":"…"}}\n
//! <payload: N bytes of JSON {"files":[{"path","content","regoV0"}…],"policies":[metadata…]}>
//! ```
//!
//! - `format` is this layout's version; `kubegov` and `regorus` are the
//!   versions that wrote it. A reader refuses another format or another
//!   kubegov version ([`LoadError::ArtifactVersion`]): a bundle is rebuilt
//!   with the kubegov that runs it, as the engine's semantics are pinned to it.
//! - `payload.sha256` covers the payload and `digest` is the bundle digest
//!   ([`Bundle::digest`]) of the files it holds; a reader recomputes both and
//!   refuses a file where either differs ([`LoadError::ArtifactDigest`]).
//! - The same sources give the same bytes (no timestamps).
//!
//! Loading an artifact reads one file and skips the directory walk and the
//! per-file filtering; the Rego modules are still parsed and compiled at load
//! time, because regorus 0.14.1 cannot serialize a compiled engine (its RVM
//! `Program::serialize_binary` covers the compiled fast path only, which
//! kubegov builds lazily on a bundle's second evaluation).

use std::io::Read;
use std::path::Path;

use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use super::{Bundle, BundleFile};
use crate::error::{LoadError, Location};

/// The first line of every artifact.
pub(crate) const MAGIC: &[u8] = b"KUBEGOV-BUNDLE-ARTIFACT\n";

/// This layout's version.
pub(crate) const ARTIFACT_FORMAT: u64 = 1;

/// The regorus version kubegov is built with (exact pin in the workspace).
pub(crate) const REGORUS_VERSION: &str = "0.14.1";

/// Artifacts larger than this are refused.
const MAX_ARTIFACT: u64 = 256 << 20;

fn loc(name: &str) -> Location {
    Location {
        file: Some(name.to_string()),
        line: 0,
        column: 0,
    }
}

fn bad(name: &str, message: impl Into<String>) -> LoadError {
    LoadError::Bundle {
        location: loc(name),
        message: message.into(),
    }
}

/// Whether the file at `path` starts like an artifact.
pub(crate) fn is_artifact_file(path: &Path) -> bool {
    let mut head = [0u8; MAGIC.len()];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok()
        && head == MAGIC
}

/// Read and check an artifact file into its bundle files.
pub(crate) fn read_file(path: &Path) -> Result<Vec<BundleFile>, LoadError> {
    let name = path.to_string_lossy().to_string();
    let io = |source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let len = std::fs::metadata(path).map_err(io)?.len();
    if len > MAX_ARTIFACT {
        return Err(bad(&name, "the artifact is too large"));
    }
    let bytes = std::fs::read(path).map_err(io)?;
    decode(&bytes, &name)
}

/// Check an artifact's header, payload hash and bundle digest, and return its files.
pub(crate) fn decode(bytes: &[u8], name: &str) -> Result<Vec<BundleFile>, LoadError> {
    let rest = bytes
        .strip_prefix(MAGIC)
        .ok_or_else(|| bad(name, "not a kubegov bundle artifact (no magic line)"))?;
    let nl = rest
        .iter()
        .position(|b| *b == b'\n')
        .ok_or_else(|| bad(name, "truncated artifact: no header line"))?;
    let (header, payload) = rest.split_at(nl);
    let payload = payload.get(1..).unwrap_or_default();
    let header: Value = serde_json::from_slice(header)
        .map_err(|e| bad(name, format!("the artifact header is not JSON: {e}")))?;
    let version_err = |message: String| LoadError::ArtifactVersion {
        location: loc(name),
        message,
    };
    let format = header.get("format").and_then(Value::as_u64).unwrap_or(0);
    if format != ARTIFACT_FORMAT {
        return Err(version_err(format!(
            "artifact format `{format}` is not supported by kubegov {} (format `{ARTIFACT_FORMAT}`): rebuild it with `kubegov build`",
            env!("CARGO_PKG_VERSION")
        )));
    }
    let built_by = header.get("kubegov").and_then(Value::as_str).unwrap_or("?");
    let engine = header.get("regorus").and_then(Value::as_str).unwrap_or("?");
    if built_by != env!("CARGO_PKG_VERSION") || engine != REGORUS_VERSION {
        return Err(version_err(format!(
            "the artifact was built by kubegov `{built_by}` (regorus `{engine}`), this is kubegov `{}` (regorus `{REGORUS_VERSION}`): rebuild it with `kubegov build`",
            env!("CARGO_PKG_VERSION")
        )));
    }
    let digest_err = |message: String| LoadError::ArtifactDigest {
        location: loc(name),
        message,
    };
    let want_len = header
        .pointer("/payload/bytes")
        .and_then(Value::as_u64)
        .unwrap_or(u64::MAX);
    if want_len != payload.len() as u64 {
        return Err(digest_err(format!(
            "the artifact is truncated or altered: its payload is {} bytes, the header says {want_len}",
            payload.len()
        )));
    }
    let want_sha = header
        .pointer("/payload/sha256")
        .and_then(Value::as_str)
        .unwrap_or("");
    let got_sha = hex::encode(Sha256::digest(payload));
    if want_sha != got_sha {
        return Err(digest_err(format!(
            "the artifact was altered: its payload's sha256 is `{got_sha}`, the header says `{want_sha}`"
        )));
    }
    let payload: Value = serde_json::from_slice(payload)
        .map_err(|e| bad(name, format!("the artifact payload is not JSON: {e}")))?;
    let entries = payload
        .get("files")
        .and_then(Value::as_array)
        .ok_or_else(|| bad(name, "the artifact payload has no `files`"))?;
    let mut files = Vec::with_capacity(entries.len());
    for e in entries {
        let path = e.get("path").and_then(Value::as_str);
        let content = e.get("content").and_then(Value::as_str);
        let (Some(path), Some(content)) = (path, content) else {
            return Err(bad(
                name,
                "an artifact file entry lacks `path` or `content`",
            ));
        };
        let mut f = BundleFile::new(path.to_string(), content.to_string());
        f.rego_v0 = e.get("regoV0").and_then(Value::as_bool).unwrap_or(false);
        files.push(f);
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let want_digest = header.get("digest").and_then(Value::as_str).unwrap_or("");
    let got_digest = super::digest(&files);
    if want_digest != got_digest {
        return Err(digest_err(format!(
            "the artifact's files give bundle digest `{got_digest}`, the header says `{want_digest}`"
        )));
    }
    Ok(files)
}

impl Bundle {
    /// This bundle as a compiled, versioned artifact (see `kubegov build`):
    /// a header with the format, kubegov and regorus versions, the bundle
    /// digest and the payload's sha256, then the files and the policies'
    /// metadata. The same bundle gives the same bytes.
    pub fn to_artifact(&self) -> Vec<u8> {
        let files: Vec<Value> = self
            .files()
            .iter()
            .map(|f| json!({ "path": f.path, "content": f.content, "regoV0": f.rego_v0 }))
            .collect();
        let payload = json!({ "files": files, "policies": self.policies() });
        let payload = serde_json::to_vec(&payload).unwrap_or_default();
        let header = json!({
            "format": ARTIFACT_FORMAT,
            "kubegov": env!("CARGO_PKG_VERSION"),
            "regorus": REGORUS_VERSION,
            "digest": self.digest(),
            "policies": self.policies().len(),
            "payload": { "bytes": payload.len(), "sha256": hex::encode(Sha256::digest(&payload)) },
        });
        let mut out = MAGIC.to_vec();
        out.extend_from_slice(header.to_string().as_bytes());
        out.push(b'\n');
        out.extend_from_slice(&payload);
        out
    }

    /// Whether bytes start like a compiled artifact.
    pub fn is_artifact(bytes: &[u8]) -> bool {
        bytes.starts_with(MAGIC)
    }

    /// Load a compiled artifact from memory, checking its version and digests.
    pub fn from_artifact(bytes: &[u8]) -> Result<Bundle, LoadError> {
        let files = decode(bytes, "<artifact>")?;
        Bundle::from_files(files)
    }
}

/// Whether `path` should be read as an artifact (a file starting with the magic line).
pub(crate) fn detect(path: &Path) -> bool {
    path.is_file() && is_artifact_file(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Bundle {
        Bundle::from_sources([(
            "p.rego",
            "# METADATA\n# title: T\n# description: D.\n# custom:\n#   id: p\n#   severity: low\n#   category: demo\npackage demo.p\nimport rego.v1\nviolation contains {\"msg\": \"no\"} if input.review.object.kind == \"Pod\"\n",
        )])
        .unwrap()
    }

    #[test]
    fn round_trips_with_the_same_digest() {
        let b = sample();
        let a = b.to_artifact();
        assert!(Bundle::is_artifact(&a));
        let back = Bundle::from_artifact(&a).unwrap();
        assert_eq!(back.digest(), b.digest());
        assert_eq!(a, back.to_artifact());
    }

    #[test]
    fn a_changed_byte_is_refused() {
        let mut a = sample().to_artifact();
        if let Some(last) = a.iter().rposition(|b| *b == b'n') {
            if let Some(b) = a.get_mut(last) {
                *b = b'm';
            }
        }
        assert!(matches!(
            Bundle::from_artifact(&a),
            Err(LoadError::ArtifactDigest { .. })
        ));
    }

    #[test]
    fn regorus_version_matches_the_lock_file() {
        let lock = include_str!("../../../Cargo.lock");
        let pinned = format!("name = \"regorus\"\nversion = \"{REGORUS_VERSION}\"");
        assert!(lock.contains(&pinned));
    }
}
