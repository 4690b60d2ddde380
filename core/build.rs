//! Embeds the built-in policy library (`../policies`) into the crate.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        if p.is_dir() {
            collect(&p, out);
        } else if name.ends_with(".rego") || name == "data.json" || name == "data.yaml" {
            out.push(p);
        }
    }
}

/// The code that analyses a bundle and lays out its fast path: the built-in
/// library's precompiled artifact (`src/precompiled.rs`) is keyed with a
/// hash of it, so a change there makes the artifact stale.
const ANALYSIS_CODE: &[&str] = &[
    "src/evaluate.rs",
    "src/metadata.rs",
    "src/policy.rs",
    "src/yaml.rs",
    "src/rvm.rs",
    "src/import_refs.rs",
    "src/precompiled.rs",
];

/// FNV-1a, 64 bits: enough to notice a change.
fn fnv1a(hash: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(hash, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

fn analysis_code_hash(manifest: &Path) -> String {
    let mut h = 0xcbf2_9ce4_8422_2325;
    for f in ANALYSIS_CODE {
        let path = manifest.join(f);
        println!("cargo:rerun-if-changed={}", path.display());
        h = fnv1a(h, f.as_bytes());
        h = fnv1a(h, &std::fs::read(&path).unwrap_or_default());
    }
    format!("{h:016x}")
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    // The library sits beside the crate in the repository; a packaged crate carries a copy.
    let root = [manifest.join("../policies"), manifest.join("policies")]
        .into_iter()
        .find(|p| p.is_dir())
        .unwrap_or_else(|| manifest.join("../policies"));
    println!("cargo:rerun-if-changed={}", root.display());
    println!(
        "cargo:rustc-env=KUBEGOV_ANALYSIS_CODE={}",
        analysis_code_hash(&manifest)
    );
    let mut files = Vec::new();
    collect(&root, &mut files);
    let mut code = String::from("/// The built-in library's files: (path in the bundle, content).\npub(crate) static FILES: &[(&str, &str)] = &[\n");
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let rel = f
            .strip_prefix(&root)
            .unwrap_or(f)
            .to_string_lossy()
            .replace('\\', "/");
        let _ = writeln!(
            code,
            "    ({rel:?}, include_str!({:?})),",
            f.display().to_string()
        );
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default()).join("embedded.rs");
    if let Err(e) = std::fs::write(&out, code) {
        println!("cargo:warning=cannot write {}: {e}", out.display());
    }
}
