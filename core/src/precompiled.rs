//! The built-in library, analysed and compiled ahead of time.
//!
//! Loading the library parsed its 126 modules and their `# METADATA`
//! blocks (30 ms), and compiling its fast-path program took 70–120 ms, more
//! than a one-file check spends on everything else. Both are done once
//! instead, by `UPDATE_PRECOMPILED=1 cargo test --release -p kubegov --lib precompiled`,
//! and committed as `embedded_plan.bin`: [`Bundle::embedded`](crate::Bundle::embedded)
//! reads the policies from it, builds its interpreter engines on first need,
//! and every check starts on the fast path. A test fails when the file is
//! stale.
//!
//! Layout:
//!
//! ```text
//! KUBEGOV-LIBRARY 1\n
//! <key: 64 hex digits>\n
//! <the analysis, one line of JSON: policies, index packages, which policies run on the RVM>\n
//! <regorus `Program::serialize_binary` of the fast path, or nothing>
//! ```
//!
//! The key ([`key`]) is a SHA-256 over this format, the kubegov and regorus
//! versions, a hash of the code that analyses a bundle and lays out its fast
//! path (`build.rs` computes it), and the bundle digest. A reader recomputes
//! it: an artifact that is unreadable, or stale (other sources, other code,
//! another regorus), is ignored, and the library is compiled as any bundle
//! is. The same verdicts either way; only the start-up time differs.

use std::sync::Arc;

use regorus::rvm::program::{DeserializationResult, Program};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::policy::Policy;

/// The built-in library's precompiled analysis and fast path.
pub(crate) static EMBEDDED: &[u8] = include_bytes!("embedded_plan.bin");

const MAGIC: &[u8] = b"KUBEGOV-LIBRARY 1\n";

/// What the artifact of a bundle with this digest must be keyed with.
pub(crate) fn key(digest: &str) -> String {
    let mut h = Sha256::new();
    for part in [
        MAGIC,
        env!("CARGO_PKG_VERSION").as_bytes(),
        crate::bundle::artifact::REGORUS_VERSION.as_bytes(),
        env!("KUBEGOV_ANALYSIS_CODE").as_bytes(),
        digest.as_bytes(),
    ] {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part);
    }
    hex::encode(h.finalize())
}

/// What [`Policy`] does not serialize.
#[derive(Serialize, Deserialize)]
struct Internals {
    deny_rules: Vec<String>,
    warn_rules: Vec<String>,
    conftest: bool,
    interpreter_only: bool,
}

#[derive(Serialize, Deserialize)]
struct Analysis {
    policies: Vec<(Policy, Internals)>,
    index_packages: Vec<String>,
    /// `1` or `0` per policy: whether it runs on the RVM; empty without
    /// a program.
    on_rvm: String,
}

/// A precompiled library, checked against the bundle it is for.
pub(crate) struct Library<'a> {
    /// The native policies, sorted by id.
    pub policies: Vec<Policy>,
    pub index_packages: Vec<String>,
    /// The fast path, if the library has one.
    pub plan: Option<Plan<'a>>,
}

/// A precompiled fast path, not yet read.
#[derive(Clone)]
pub(crate) struct Plan<'a> {
    /// Whether each policy runs on the RVM.
    pub on_rvm: Vec<bool>,
    /// `Program::serialize_binary`.
    pub program: &'a [u8],
}

impl std::fmt::Debug for Plan<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Plan")
            .field("program", &self.program.len())
            .finish()
    }
}

fn line(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    let nl = bytes.iter().position(|b| *b == b'\n')?;
    let (head, rest) = bytes.split_at(nl);
    Some((head, rest.get(1..)?))
}

/// The library in `artifact`, if it was built for a bundle with this
/// digest by this code; `None` otherwise.
pub(crate) fn library<'a>(artifact: &'a [u8], digest: &str) -> Option<Library<'a>> {
    let rest = artifact.strip_prefix(MAGIC)?;
    let (stored_key, rest) = line(rest)?;
    if stored_key != key(digest).as_bytes() {
        return None;
    }
    let (analysis, program) = line(rest)?;
    let analysis: Analysis = serde_json::from_slice(analysis).ok()?;
    let policies: Vec<Policy> = analysis
        .policies
        .into_iter()
        .map(|(mut p, i)| {
            p.deny_rules = i.deny_rules;
            p.warn_rules = i.warn_rules;
            p.conftest = i.conftest;
            p.interpreter_only = i.interpreter_only;
            p
        })
        .collect();
    let plan = if analysis.on_rvm.is_empty() {
        None
    } else {
        let on_rvm = analysis
            .on_rvm
            .bytes()
            .map(|b| b == b'1')
            .collect::<Vec<bool>>();
        if on_rvm.len() != policies.len() {
            return None;
        }
        Some(Plan { on_rvm, program })
    };
    Some(Library {
        policies,
        index_packages: analysis.index_packages,
        plan,
    })
}

/// The artifact of a bundle's analysis and fast path.
#[cfg(test)]
pub(crate) fn encode(
    digest: &str,
    policies: &[Policy],
    index_packages: &[String],
    plan: Option<(&[bool], &Program)>,
) -> Option<Vec<u8>> {
    let analysis = Analysis {
        policies: policies
            .iter()
            .map(|p| {
                let i = Internals {
                    deny_rules: p.deny_rules.clone(),
                    warn_rules: p.warn_rules.clone(),
                    conftest: p.conftest,
                    interpreter_only: p.interpreter_only,
                };
                (p.clone(), i)
            })
            .collect(),
        index_packages: index_packages.to_vec(),
        on_rvm: plan
            .map(|(on, _)| on.iter().map(|b| if *b { '1' } else { '0' }).collect())
            .unwrap_or_default(),
    };
    let mut out = MAGIC.to_vec();
    out.extend_from_slice(key(digest).as_bytes());
    out.push(b'\n');
    out.extend_from_slice(&serde_json::to_vec(&analysis).ok()?);
    out.push(b'\n');
    if let Some((_, program)) = plan {
        out.extend_from_slice(&program.serialize_binary().ok()?);
    }
    Some(out)
}

/// The program of an artifact, if regorus reads all of it (a partial read
/// would need recompiling).
pub(crate) fn program(bytes: &[u8]) -> Option<Arc<Program>> {
    match Program::deserialize_binary(bytes).ok()? {
        DeserializationResult::Complete(p) => Some(Arc::new(p)),
        DeserializationResult::Partial(_) => None,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;
    use crate::rvm::RvmPlan;
    use crate::{Bundle, BundleFile, Objects};

    const PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src/embedded_plan.bin");

    fn library_files() -> Vec<BundleFile> {
        crate::embedded::FILES
            .iter()
            .map(|(p, c)| BundleFile::new((*p).to_string(), (*c).to_string()))
            .collect()
    }

    /// The library compiled as any bundle is, and its artifact.
    fn fresh() -> (Bundle, Vec<u8>) {
        let b = Bundle::from_files(library_files()).unwrap();
        let plan = RvmPlan::build(&b.inner.files, &b.inner.native).unwrap();
        let artifact = encode(
            b.digest(),
            &b.inner.native,
            b.inner.evaluator.index_packages(),
            Some((&plan.on_rvm, plan.program())),
        )
        .unwrap();
        (b, artifact)
    }

    /// The artifact without its program (which need not be byte-identical
    /// from one compilation to the next).
    fn head(artifact: &[u8]) -> &[u8] {
        let mut at = 0;
        for _ in 0..3 {
            at += artifact
                .get(at..)
                .unwrap()
                .iter()
                .position(|b| *b == b'\n')
                .unwrap()
                + 1;
        }
        artifact.get(..at).unwrap()
    }

    /// Fails when the committed artifact no longer matches the library or
    /// the code that analyses it; `UPDATE_PRECOMPILED=1` rewrites it.
    #[test]
    fn precompiled_library_is_current() {
        let (_, artifact) = fresh();
        if std::env::var_os("UPDATE_PRECOMPILED").is_some() {
            std::fs::write(PATH, &artifact).unwrap();
            return;
        }
        assert!(
            head(EMBEDDED) == head(&artifact),
            "src/embedded_plan.bin is stale: run `UPDATE_PRECOMPILED=1 cargo test --release -p kubegov --lib precompiled` and commit it"
        );
    }

    #[test]
    fn the_embedded_bundle_uses_its_precompiled_library() {
        let b = Bundle::embedded().unwrap();
        let plan = b
            .inner
            .precompiled
            .as_ref()
            .expect("embedded_plan.bin is stale");
        let plan = RvmPlan::precompiled(&b.inner.native, plan).unwrap();
        assert!(plan.on_rvm.iter().filter(|b| **b).count() * 4 >= b.inner.native.len() * 3);
        // the same policies as compiling the library gives
        let (compiled, _) = fresh();
        assert_eq!(
            serde_json::to_string(b.policies()).unwrap(),
            serde_json::to_string(compiled.policies()).unwrap()
        );
        assert_eq!(b.digest(), compiled.digest());
    }

    #[test]
    fn an_unreadable_or_stale_artifact_is_ignored() {
        let digest = Bundle::embedded().unwrap().digest().to_string();
        assert!(library(EMBEDDED, &digest).is_some());
        assert!(library(b"", &digest).is_none());
        assert!(library(b"garbage\n", &digest).is_none());
        // another bundle's digest: stale
        assert!(library(EMBEDDED, &"0".repeat(64)).is_none());
        // an altered analysis
        let mut bad = EMBEDDED.to_vec();
        let at = head(EMBEDDED).len() - 2;
        bad[at] = b'x';
        assert!(library(&bad, &digest).is_none());
        // a truncated program: the library loads, its fast path does not
        let cut = EMBEDDED.get(..EMBEDDED.len() - 100).unwrap();
        let lib = library(cut, &digest).unwrap();
        assert!(RvmPlan::precompiled(&lib.policies, lib.plan.as_ref().unwrap()).is_none());
        // and a bundle given such an artifact gives the reports of one compiled
        let objects = Objects::from_text(
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: c, image: nginx}\n",
            Some("p.yaml"),
        );
        let want = Bundle::from_files(library_files())
            .unwrap()
            .evaluate(&objects)
            .to_json();
        for artifact in [&b"garbage"[..], cut] {
            let artifact: &'static [u8] = artifact.to_vec().leak();
            let b = Bundle::library_from(library_files(), artifact).unwrap();
            assert_eq!(b.evaluate(&objects).to_json(), want);
        }
    }

    /// A one-file check on the precompiled library, and the library
    /// compiled with and without its fast path, give the same report, file
    /// by file.
    #[test]
    fn precompiled_compiled_and_interpreted_reports_agree() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
        // not the library: no precompiled analysis, no subset engine
        let compiled = Bundle::from_files(library_files()).unwrap();
        let (mut checked, mut subset) = (0, 0);
        for dir in ["policies", "examples"] {
            for entry in walkdir::WalkDir::new(format!("{root}/{dir}")).sort_by_file_name() {
                let entry = entry.unwrap();
                let path = entry.path();
                let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
                if !matches!(ext, "yaml" | "yml" | "json") {
                    continue;
                }
                let mut objects = Objects::new();
                if objects.add_path(path).is_err() || objects.is_empty() {
                    continue;
                }
                // a new library bundle each time: its first evaluation is
                // the one-shot path
                let one_shot = Bundle::library_from(library_files(), EMBEDDED).unwrap();
                let precompiled = one_shot.evaluate(&objects).to_json();
                let interpreted = compiled.with_fast_path(false).evaluate(&objects).to_json();
                let fast = compiled.with_fast_path(true).evaluate(&objects).to_json();
                assert_eq!(precompiled, interpreted, "{}", path.display());
                assert_eq!(fast, interpreted, "{}", path.display());
                // the one-shot check ran on the precompiled plan, and its
                // inventory readers on the subset engine when any applied
                assert!(one_shot.inner.rvm.get().is_some_and(Option::is_some));
                if one_shot.inner.subsets.lock().unwrap().built() > 0 {
                    subset += 1;
                }
                checked += 1;
            }
        }
        assert!(checked > 100, "{checked} files");
        assert!(subset > 10, "{subset} files used the subset engine");
    }

    /// The library's modules compile and prepare: it is not prepared at
    /// load, so this is where an error would show.
    #[test]
    fn the_library_prepares() {
        let b = Bundle::embedded().unwrap();
        let mut engine = b.template().unwrap().clone();
        engine.eval_query("true".into(), false).unwrap();
    }
}
