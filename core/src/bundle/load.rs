//! Reading bundle files from a directory or an OPA bundle archive.

use std::io::Read;
use std::path::Path;

use serde_json::Value;

use super::files::{BundleFile, FileKind};
use super::signing::Verification;
use crate::error::{LoadError, Location};

/// Files larger than this are refused: no policy source is that large.
const MAX_BUNDLE_FILE: u64 = 64 << 20;

fn io(path: &Path, source: std::io::Error) -> LoadError {
    LoadError::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn bundle_err(file: &str, message: String) -> LoadError {
    LoadError::Bundle {
        location: Location {
            file: Some(file.to_string()),
            line: 0,
            column: 0,
        },
        message,
    }
}

/// A bundle's files as bytes, by path inside the bundle.
type RawFiles = Vec<(String, Vec<u8>)>;

/// Read a directory or an archive into bundle files, verifying its
/// signature first when `verification` is given.
pub(crate) fn read_path(
    path: &Path,
    verification: Option<&Verification>,
) -> Result<Vec<BundleFile>, LoadError> {
    let meta = std::fs::metadata(path).map_err(|e| io(path, e))?;
    let name = path.to_string_lossy().to_string();
    let raw = if meta.is_dir() {
        read_dir(path)?
    } else if super::artifact::detect(path) {
        if verification.is_some() {
            return Err(LoadError::Signature {
                location: Location {
                    file: Some(name),
                    line: 0,
                    column: 0,
                },
                message: "a compiled artifact is checked by its own digest; verify the signed source bundle before `kubegov build`".into(),
            });
        }
        return super::artifact::read_file(path);
    } else if name.ends_with(".tar.gz") || name.ends_with(".tgz") {
        let f = std::fs::File::open(path).map_err(|e| io(path, e))?;
        read_tarball(f, &name)?
    } else if name.ends_with(".rego") {
        let content = std::fs::read(path).map_err(|e| io(path, e))?;
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        vec![(file_name, content)]
    } else {
        return Err(bundle_err(
            &name,
            "a bundle is a directory of `.rego` files, a `.rego` file or an OPA bundle `.tar.gz`"
                .into(),
        ));
    };
    into_bundle_files(raw, &name, verification)
}

/// Check the signature (if asked), then keep the modules, tests and data,
/// applying the manifest.
pub(crate) fn into_bundle_files(
    raw: RawFiles,
    name: &str,
    verification: Option<&Verification>,
) -> Result<Vec<BundleFile>, LoadError> {
    let mut signatures: Option<Vec<u8>> = None;
    let mut signed: std::collections::BTreeMap<String, Vec<u8>> = std::collections::BTreeMap::new();
    for (path, bytes) in raw {
        if path == ".signatures.json" {
            signatures = Some(bytes);
        } else {
            signed.insert(path, bytes);
        }
    }
    if let Some(v) = verification {
        super::signing::verify(name, &signed, signatures.as_deref(), v)?;
    }
    let mut files = Vec::new();
    let mut manifest: Option<Value> = None;
    for (path, bytes) in signed {
        let is_manifest = path == ".manifest";
        let probe = BundleFile::new(path.clone(), String::new());
        if !is_manifest && probe.kind() == FileKind::Other {
            // YAML and JSON files other than `data.*` are kept only when they
            // hold Gatekeeper templates or constraints
            let keep = super::files::may_be_gatekeeper(&probe.path)
                && std::str::from_utf8(&bytes).is_ok_and(super::files::mentions_gatekeeper);
            if !keep {
                continue;
            }
        }
        let content = String::from_utf8(bytes)
            .map_err(|e| bundle_err(&format!("{name}:{path}"), format!("not UTF-8 text: {e}")))?;
        if is_manifest {
            let v: Value = serde_json::from_str(&content).map_err(|e| LoadError::Bundle {
                location: Location {
                    file: Some(format!("{name}:.manifest")),
                    line: e.line() as u32,
                    column: e.column() as u32,
                },
                message: format!("invalid manifest: {e}"),
            })?;
            manifest = Some(v);
        } else {
            files.push(BundleFile::new(path, content));
        }
    }
    if let Some(m) = manifest {
        apply_manifest(&m, &mut files, name)?;
    }
    Ok(files)
}

fn read_dir(root: &Path) -> Result<RawFiles, LoadError> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
    {
        let entry = entry.map_err(|e| {
            let p = e.path().unwrap_or(root).to_path_buf();
            io(&p, e.into())
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(root)
            .unwrap_or(entry.path())
            .to_string_lossy()
            .replace('\\', "/");
        // hidden folders and files (.git) are not part of a bundle, but for
        // the manifest and the signatures at its root
        let hidden = rel.split('/').any(|c| c.starts_with('.'));
        if hidden && rel != ".manifest" && rel != ".signatures.json" {
            continue;
        }
        if entry.metadata().map(|m| m.len()).unwrap_or(0) > MAX_BUNDLE_FILE {
            return Err(bundle_err(&rel, "file is too large for a bundle".into()));
        }
        let content = std::fs::read(entry.path()).map_err(|e| io(entry.path(), e))?;
        files.push((rel, content));
    }
    Ok(files)
}

/// Read an OPA bundle archive's regular files.
pub(crate) fn read_tarball(reader: impl Read, name: &str) -> Result<RawFiles, LoadError> {
    let gz = flate2::read::GzDecoder::new(reader);
    let mut archive = tar::Archive::new(gz);
    let mut files = Vec::new();
    let entries = archive
        .entries()
        .map_err(|e| bundle_err(name, format!("not a gzipped tar archive: {e}")))?;
    for entry in entries {
        let mut entry = entry.map_err(|e| bundle_err(name, format!("corrupt archive: {e}")))?;
        if !entry.header().entry_type().is_file() {
            continue;
        }
        let path = entry
            .path()
            .map_err(|e| bundle_err(name, format!("bad entry name: {e}")))?
            .to_string_lossy()
            .to_string();
        let clean = path
            .trim_start_matches("./")
            .trim_start_matches('/')
            .to_string();
        if clean.split('/').any(|c| c == "..") {
            return Err(bundle_err(
                name,
                format!("entry `{clean}` escapes the bundle root"),
            ));
        }
        if entry.header().size().unwrap_or(0) > MAX_BUNDLE_FILE {
            return Err(bundle_err(name, format!("entry `{clean}` is too large")));
        }
        let mut content = Vec::new();
        entry
            .by_ref()
            .take(MAX_BUNDLE_FILE)
            .read_to_end(&mut content)
            .map_err(|e| {
                bundle_err(
                    &format!("{name}:{clean}"),
                    format!("cannot read entry: {e}"),
                )
            })?;
        files.push((clean, content));
    }
    Ok(files)
}

/// Apply `.manifest`: the Rego version of every module, and check that each
/// module's package and each data file lie under one of the `roots`.
fn apply_manifest(m: &Value, files: &mut [BundleFile], name: &str) -> Result<(), LoadError> {
    let v0 = match m.get("rego_version") {
        None | Some(Value::Null) => false,
        Some(v) => match v.as_i64() {
            Some(0) => true,
            Some(1) => false,
            _ => {
                return Err(bundle_err(
                    &format!("{name}:.manifest"),
                    format!("`rego_version` must be 0 or 1, not `{v}`"),
                ))
            }
        },
    };
    let per_file = m.get("file_rego_versions").and_then(Value::as_object);
    let roots: Option<Vec<String>> = m.get("roots").and_then(Value::as_array).map(|r| {
        r.iter()
            .filter_map(Value::as_str)
            .map(|s| s.trim_matches('/').to_string())
            .collect()
    });
    for f in files.iter_mut() {
        f.rego_v0 = v0;
        if let Some(pf) = per_file {
            for (pattern, ver) in pf {
                if crate::glob::matches(pattern.trim_start_matches('/'), &f.path) {
                    f.rego_v0 = ver.as_i64() == Some(0);
                }
            }
        }
        let Some(roots) = &roots else { continue };
        if roots.iter().any(|r| r.is_empty()) {
            continue;
        }
        let under = match f.kind() {
            FileKind::Module | FileKind::Test => {
                let Some(h) = crate::metadata::read_header(&f.content) else {
                    continue;
                };
                let pkg = h.package.replace('.', "/");
                roots
                    .iter()
                    .any(|r| pkg == *r || pkg.starts_with(&format!("{r}/")))
            }
            FileKind::Data => {
                let dp = f.data_path().join("/");
                roots.iter().any(|r| {
                    dp == *r
                        || dp.starts_with(&format!("{r}/"))
                        || r.starts_with(&format!("{dp}/"))
                        || dp.is_empty()
                })
            }
            FileKind::Gatekeeper | FileKind::Other => true,
        };
        if !under {
            return Err(bundle_err(
                &format!("{name}:{}", f.path),
                format!("`{}` lies outside the manifest roots {:?}", f.path, roots),
            ));
        }
    }
    Ok(())
}
