//! A compiled, immutable policy bundle.

pub(crate) mod artifact;
mod files;
mod load;
mod signing;

use std::sync::{Arc, Mutex};

use sha2::{Digest, Sha256};

pub use files::BundleFile;
pub(crate) use files::FileKind;
pub use signing::Verification;

use crate::error::LoadError;
use crate::evaluate::Evaluator;
use crate::policy::Policy;

/// A policy bundle, compiled once, then shared and evaluated many times.
///
/// A `Bundle` is immutable, `Send + Sync`, and cheap to clone (an [`Arc`]
/// inside): share one across threads and call [`Bundle::evaluate`] from each.
///
/// ```
/// let bundle = kubegov::Bundle::embedded()?;
/// assert!(bundle.policies().len() >= 5);
/// assert_eq!(bundle.digest().len(), 64);
/// # Ok::<(), kubegov::LoadError>(())
/// ```
#[derive(Clone, Debug)]
pub struct Bundle {
    pub(crate) inner: Arc<Inner>,
    pub(crate) settings: Arc<crate::settings::Settings>,
}

pub(crate) struct Inner {
    /// Every policy, native ones and Gatekeeper constraints, sorted by id.
    pub(crate) policies: Vec<Policy>,
    /// The native (Rego module) policies, sorted by id: what the evaluator,
    /// the fast path and the settings index.
    pub(crate) native: Vec<Policy>,
    pub(crate) files: Vec<BundleFile>,
    pub(crate) digest: String,
    pub(crate) evaluator: Evaluator,
    /// The Gatekeeper templates and constraints among the files.
    pub(crate) gatekeeper: crate::gatekeeper::Set,
    /// Engines reused across evaluations, one per worker at a time.
    pub(crate) pool: Mutex<Vec<regorus::Engine>>,
    /// The RVM program, compiled on first large evaluation (or loaded
    /// precompiled, for the built-in library).
    pub(crate) rvm: std::sync::OnceLock<Option<crate::rvm::RvmPlan>>,
    /// The built-in library, whose validity its tests establish: its
    /// interpreter is prepared on first use, its analysis and fast path are
    /// precompiled ([`crate::precompiled`]), and the policies the fast path
    /// leaves to the interpreter run on an engine holding only the modules
    /// they need.
    pub(crate) library: bool,
    /// The library's precompiled fast path, when its artifact is current.
    pub(crate) precompiled: Option<crate::precompiled::Plan<'static>>,
    /// Those engines ([`crate::subset`]) by the policies they hold, built
    /// on first need (`None`: it does not build).
    pub(crate) subsets: Mutex<crate::subset::Cache>,
    /// Evaluations so far (the fast path is compiled from the second on).
    pub(crate) evaluations: std::sync::atomic::AtomicUsize,
}

impl std::fmt::Debug for Inner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Bundle")
            .field("policies", &self.policies.len())
            .field("digest", &self.digest)
            .finish()
    }
}

impl Bundle {
    /// Load a bundle from a path: a directory of `.rego` and data files, an
    /// OPA bundle archive (`.tar.gz`/`.tgz`), or a compiled artifact written
    /// by [`Bundle::to_artifact`] (`kubegov build`), recognised by its first line.
    ///
    /// YAML and JSON files of a directory or archive (other than `data.*`)
    /// that hold Gatekeeper `ConstraintTemplate`s or constraints are loaded
    /// alongside the native policies ([`crate::gatekeeper`]), and
    /// [`Bundle::evaluate`] runs the constraints too; other such files are
    /// ignored, as before.
    pub fn load(path: impl AsRef<std::path::Path>) -> Result<Bundle, LoadError> {
        let files = load::read_path(path.as_ref(), None)?;
        Bundle::from_files(files)
    }

    /// Load an OPA bundle archive (`.tar.gz`) from memory.
    pub fn from_tar_gz(bytes: &[u8]) -> Result<Bundle, LoadError> {
        load_tarball_bytes(bytes)
    }

    /// Load a signed bundle (directory or `.tar.gz` with `.signatures.json`,
    /// as `opa build --signing-key` writes it), refusing it before any policy
    /// is parsed unless the signature verifies and every file matches its
    /// signed hash.
    pub fn load_verified(
        path: impl AsRef<std::path::Path>,
        verification: &Verification,
    ) -> Result<Bundle, LoadError> {
        let files = load::read_path(path.as_ref(), Some(verification))?;
        Bundle::from_files(files)
    }

    /// Compile a bundle from in-memory files: `.rego` modules and
    /// `data.json`/`data.yaml` documents, keyed by their path in the bundle.
    ///
    /// ```
    /// let bundle = kubegov::Bundle::from_sources([(
    ///     "deny_all.rego",
    ///     "# METADATA\n# title: Deny all\n# description: Denies everything.\n# custom:\n#   id: deny-all\n#   severity: low\n#   category: demo\npackage demo.deny_all\nimport rego.v1\nviolation contains {\"msg\": \"no\"} if true\n",
    /// )])?;
    /// assert_eq!(bundle.policies()[0].id(), "deny-all");
    /// # Ok::<(), kubegov::LoadError>(())
    /// ```
    pub fn from_sources<P, C>(
        sources: impl IntoIterator<Item = (P, C)>,
    ) -> Result<Bundle, LoadError>
    where
        P: Into<String>,
        C: Into<String>,
    {
        let files = sources
            .into_iter()
            .map(|(p, c)| BundleFile::new(p.into(), c.into()))
            .collect();
        Bundle::from_files(files)
    }

    /// The built-in policy library, compiled into this crate.
    ///
    /// Compiled on first use, then shared: later calls are cheap.
    pub fn embedded() -> Result<Bundle, LoadError> {
        static EMBEDDED: std::sync::OnceLock<Result<Bundle, String>> = std::sync::OnceLock::new();
        let cached = EMBEDDED.get_or_init(|| {
            let files = crate::embedded::FILES
                .iter()
                .map(|(p, c)| BundleFile::new((*p).to_string(), (*c).to_string()))
                .collect();
            Bundle::library_from(files, crate::precompiled::EMBEDDED).map_err(|e| e.to_string())
        });
        match cached {
            Ok(b) => Ok(b.clone()),
            Err(message) => Err(LoadError::Bundle {
                location: crate::error::Location {
                    file: Some("<embedded>".into()),
                    line: 0,
                    column: 0,
                },
                message: message.clone(),
            }),
        }
    }

    pub(crate) fn from_files(files: Vec<BundleFile>) -> Result<Bundle, LoadError> {
        Bundle::compile(files, None)
    }

    /// The built-in library from its files and its precompiled `artifact`
    /// (see [`Inner::library`]); a stale or unreadable artifact is ignored.
    pub(crate) fn library_from(
        files: Vec<BundleFile>,
        artifact: &'static [u8],
    ) -> Result<Bundle, LoadError> {
        Bundle::compile(files, Some(artifact))
    }

    fn compile(
        mut files: Vec<BundleFile>,
        library: Option<&'static [u8]>,
    ) -> Result<Bundle, LoadError> {
        files.sort_by(|a, b| a.path.cmp(&b.path));
        let digest = digest(&files);
        let precompiled = library.and_then(|a| crate::precompiled::library(a, &digest));
        let (evaluator, policies, plan) = match precompiled {
            Some(lib) => {
                let ev = Evaluator::analysed(&files, &lib.policies, lib.index_packages)?;
                (ev, lib.policies, lib.plan)
            }
            // A bundle is prepared at load so that its compile errors
            // surface there; the library's tests prepare it, so it is
            // prepared on first use (once, where preparing at load would do
            // it twice: adding an evaluation's inventory prepares the engine
            // again).
            None => {
                let (ev, policies) = Evaluator::compile(&files, library.is_none())?;
                (ev, policies, None)
            }
        };
        let gatekeeper = gatekeeper_set(&files)?;
        let mut listing = policies.clone();
        for (p, c) in gatekeeper
            .policies()
            .into_iter()
            .zip(gatekeeper.constraints())
        {
            if let Some(other) = listing.iter().find(|o| o.id == p.id) {
                return Err(LoadError::DuplicatePolicy {
                    location: c.location().clone(),
                    id: p.id.clone(),
                    other: other.file.clone(),
                });
            }
            listing.push(p);
        }
        listing.sort_by(|a, b| a.id.cmp(&b.id));
        let settings = Arc::new(crate::settings::Settings::defaults(&policies));
        Ok(Bundle {
            settings,
            inner: Arc::new(Inner {
                policies: listing,
                native: policies,
                files,
                digest,
                evaluator,
                gatekeeper,
                pool: Mutex::new(Vec::new()),
                rvm: std::sync::OnceLock::new(),
                library: library.is_some(),
                precompiled: plan,
                subsets: Mutex::new(crate::subset::Cache::new()),
                evaluations: std::sync::atomic::AtomicUsize::new(0),
            }),
        })
    }

    /// The bundle's policies, sorted by id: its Rego policies and its
    /// Gatekeeper constraints (id `<kind>/<name>`, category `gatekeeper`,
    /// with the constraint's enforcement action).
    pub fn policies(&self) -> &[Policy] {
        &self.inner.policies
    }

    /// The bundle's Gatekeeper templates and constraints (empty when it has
    /// none).
    pub fn gatekeeper(&self) -> &crate::gatekeeper::Set {
        &self.inner.gatekeeper
    }

    /// A policy by id.
    pub fn policy(&self, id: &str) -> Option<&Policy> {
        self.inner
            .policies
            .binary_search_by(|p| p.id.as_str().cmp(id))
            .ok()
            .and_then(|i| self.inner.policies.get(i))
    }

    /// SHA-256 over every source, data and Gatekeeper template or constraint
    /// file of the bundle (paths and contents), in hex: the same sources give
    /// the same digest.
    pub fn digest(&self) -> &str {
        &self.inner.digest
    }

    /// The files the bundle was built from, sorted by path.
    pub fn files(&self) -> &[BundleFile] {
        &self.inner.files
    }
}

/// The Gatekeeper templates and constraints of the bundle's YAML and JSON
/// files, located by their path in the bundle.
fn gatekeeper_set(files: &[BundleFile]) -> Result<crate::gatekeeper::Set, LoadError> {
    use crate::gatekeeper::Set;
    let mut objects = crate::Objects::new();
    for f in files.iter().filter(|f| f.kind() == FileKind::Gatekeeper) {
        objects.add_text(&f.content, Some(&f.path));
    }
    if objects.is_empty() && objects.errors().is_empty() {
        return Ok(Set::new());
    }
    crate::gatekeeper::first_syntax_error(&objects).map_err(LoadError::Gatekeeper)?;
    // the files' texts, to locate Rego errors at their line in the YAML
    let text_of = |path: &str| {
        files
            .iter()
            .find(|f| f.path == path)
            .map(|f| f.content.as_str())
    };
    Set::from_objects_in(&objects, &text_of).map_err(LoadError::Gatekeeper)
}

fn digest(files: &[BundleFile]) -> String {
    let mut h = Sha256::new();
    for f in files {
        h.update((f.path.len() as u64).to_le_bytes());
        h.update(f.path.as_bytes());
        h.update((f.content.len() as u64).to_le_bytes());
        h.update(f.content.as_bytes());
    }
    hex::encode(h.finalize())
}

pub(crate) fn load_tarball_bytes(bytes: &[u8]) -> Result<Bundle, LoadError> {
    let raw = load::read_tarball(bytes, "<archive>")?;
    let files = load::into_bundle_files(raw, "<archive>", None)?;
    Bundle::from_files(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn bundle_is_send_and_sync() {
        assert_send_sync::<Bundle>();
    }
}
