//! The files a bundle is made of.

/// One file of a bundle: a Rego module, a Rego test module, a data document,
/// or a YAML/JSON file of Gatekeeper templates and constraints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleFile {
    pub(crate) path: String,
    pub(crate) content: String,
    pub(crate) rego_v0: bool,
}

/// What a bundle file is, by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FileKind {
    Module,
    Test,
    Data,
    /// A YAML or JSON file of Gatekeeper `ConstraintTemplate`s or constraints.
    Gatekeeper,
    Other,
}

/// Text that every Gatekeeper template or constraint file holds (in its
/// `apiVersion`): a cheap test before any YAML is parsed.
const GATEKEEPER_MARKERS: [&str; 2] = ["templates.gatekeeper.sh/", "constraints.gatekeeper.sh/"];

/// Whether a file of this name may be a Gatekeeper template or constraint
/// file (YAML or JSON, other than the `data.*` documents).
pub(crate) fn may_be_gatekeeper(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    !matches!(name, "data.json" | "data.yaml" | "data.yml")
        && (name.ends_with(".yaml") || name.ends_with(".yml") || name.ends_with(".json"))
}

/// Whether a file's text names a Gatekeeper API group.
pub(crate) fn mentions_gatekeeper(content: &str) -> bool {
    GATEKEEPER_MARKERS.iter().any(|m| content.contains(m))
}

impl BundleFile {
    pub(crate) fn new(path: String, content: String) -> Self {
        let path = path.replace('\\', "/");
        let path = path
            .trim_start_matches("./")
            .trim_start_matches('/')
            .to_string();
        BundleFile {
            path,
            content,
            rego_v0: false,
        }
    }

    /// Path inside the bundle, `/`-separated.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The file's text.
    pub fn content(&self) -> &str {
        &self.content
    }

    pub(crate) fn kind(&self) -> FileKind {
        let name = self.path.rsplit('/').next().unwrap_or(&self.path);
        if name.ends_with("_test.rego") {
            FileKind::Test
        } else if name.ends_with(".rego") {
            FileKind::Module
        } else if matches!(name, "data.json" | "data.yaml" | "data.yml") {
            FileKind::Data
        } else if may_be_gatekeeper(&self.path) && mentions_gatekeeper(&self.content) {
            FileKind::Gatekeeper
        } else {
            FileKind::Other
        }
    }

    /// The data path of a data file: `a/b/data.json` → `["a", "b"]`.
    pub(crate) fn data_path(&self) -> Vec<&str> {
        let mut parts: Vec<&str> = self.path.split('/').collect();
        parts.pop();
        parts.retain(|p| !p.is_empty() && *p != ".");
        parts
    }
}
