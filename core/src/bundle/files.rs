//! The files a bundle is made of.

/// One file of a bundle: a Rego module, a Rego test module or a data document.
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
    Other,
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
