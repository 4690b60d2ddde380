//! Errors, one enum per operation.
//!
//! Messages are lowercase, carry no trailing period and put user input in
//! backticks; each error knows its stable [`code`](LoadError::code) and, where
//! known, the file, line and column it is about.

use std::path::PathBuf;

/// A place in a file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Location {
    /// The file (as given by the caller), if there is one.
    pub file: Option<String>,
    /// 1-based line, 0 when unknown.
    pub line: u32,
    /// 1-based column, 0 when unknown.
    pub column: u32,
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.file, self.line) {
            (Some(file), 0) => write!(f, "{file}"),
            (Some(file), line) => write!(f, "{file}:{line}:{}", self.column),
            (None, 0) => write!(f, "<input>"),
            (None, line) => write!(f, "<input>:{line}:{}", self.column),
        }
    }
}

/// Loading or compiling a policy bundle failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    /// A file or directory could not be read.
    #[error("cannot read `{}`: {source}", path.display())]
    Io {
        /// The path that failed.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A Rego module does not parse or does not compile.
    #[error("{location}: {message}")]
    Rego {
        /// Where the error is.
        location: Location,
        /// What is wrong.
        message: String,
        /// The engine's full diagnostic, with the source line.
        detail: String,
    },
    /// A policy's `# METADATA` block is missing, malformed or incomplete.
    #[error("{location}: {message}")]
    Metadata {
        /// Where the error is.
        location: Location,
        /// What is wrong and what to do.
        message: String,
    },
    /// A data file (`data.json`, `data.yaml`) is malformed.
    #[error("{location}: {message}")]
    Data {
        /// Where the error is.
        location: Location,
        /// What is wrong.
        message: String,
    },
    /// The bundle archive or manifest is malformed.
    #[error("{location}: {message}")]
    Bundle {
        /// The archive (and entry) at fault.
        location: Location,
        /// What is wrong.
        message: String,
    },
    /// A bundle's signature is missing, invalid, or does not cover its files.
    #[error("{location}: {message}")]
    Signature {
        /// The bundle.
        location: Location,
        /// What is wrong.
        message: String,
    },
    /// A compiled bundle artifact was altered or truncated: its payload hash
    /// or its bundle digest does not match what its header records.
    #[error("{location}: {message}")]
    ArtifactDigest {
        /// The artifact.
        location: Location,
        /// What differs.
        message: String,
    },
    /// A compiled bundle artifact was written by another kubegov version or
    /// in another artifact format: rebuild it with this kubegov.
    #[error("{location}: {message}")]
    ArtifactVersion {
        /// The artifact.
        location: Location,
        /// Which versions differ.
        message: String,
    },
    /// A Gatekeeper `ConstraintTemplate` or constraint file of the bundle
    /// does not parse, is malformed, or its Rego does not compile; located in
    /// the bundle file (path inside the bundle) that holds it.
    #[error("{0}")]
    Gatekeeper(crate::gatekeeper::GatekeeperError),
    /// Two policies claim the same id.
    #[error("{location}: policy id `{id}` is already used by `{other}`")]
    DuplicatePolicy {
        /// The duplicated id.
        id: String,
        /// Where the second policy is.
        location: Location,
        /// The file of the first policy.
        other: String,
    },
}

impl LoadError {
    /// A stable, machine-readable code for this kind of error.
    pub fn code(&self) -> &'static str {
        match self {
            LoadError::Io { .. } => "load.io",
            LoadError::Rego { .. } => "load.rego",
            LoadError::Metadata { .. } => "load.metadata",
            LoadError::Data { .. } => "load.data",
            LoadError::Bundle { .. } => "load.bundle",
            LoadError::DuplicatePolicy { .. } => "load.duplicate_policy",
            LoadError::Signature { .. } => "load.signature",
            LoadError::ArtifactDigest { .. } => "load.artifact_digest",
            LoadError::ArtifactVersion { .. } => "load.artifact_version",
            LoadError::Gatekeeper(_) => "load.gatekeeper",
        }
    }

    /// Where the error is, when known.
    pub fn location(&self) -> Option<Location> {
        match self {
            LoadError::Io { path, .. } => Some(Location {
                file: Some(path.display().to_string()),
                line: 0,
                column: 0,
            }),
            LoadError::Gatekeeper(e) => e.location(),
            LoadError::Rego { location, .. }
            | LoadError::Metadata { location, .. }
            | LoadError::Data { location, .. }
            | LoadError::Bundle { location, .. }
            | LoadError::Signature { location, .. }
            | LoadError::ArtifactDigest { location, .. }
            | LoadError::ArtifactVersion { location, .. }
            | LoadError::DuplicatePolicy { location, .. } => Some(location.clone()),
        }
    }
}

/// Reading the objects to evaluate failed as a whole.
///
/// A malformed *document* is not an error of this kind: it becomes an entry of
/// [`Report::errors`](crate::Report::errors) and every other document is still
/// evaluated. This error is for input that cannot be read at all.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum InputError {
    /// A path could not be read.
    #[error("cannot read `{}`: {source}", path.display())]
    Io {
        /// The path that failed.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// YAML or JSON text does not parse.
    #[error("{location}: {message}")]
    Syntax {
        /// Where.
        location: Location,
        /// What is wrong.
        message: String,
    },
    /// A value passed by the caller is not a Kubernetes object or a list of them.
    #[error("{message}")]
    Invalid {
        /// What is wrong.
        message: String,
    },
}

impl InputError {
    /// A stable, machine-readable code for this kind of error.
    pub fn code(&self) -> &'static str {
        match self {
            InputError::Io { .. } => "input.io",
            InputError::Syntax { .. } => "input.syntax",
            InputError::Invalid { .. } => "input.invalid",
        }
    }

    /// Where the error is, when known.
    pub fn location(&self) -> Option<Location> {
        match self {
            InputError::Io { path, .. } => Some(Location {
                file: Some(path.display().to_string()),
                line: 0,
                column: 0,
            }),
            InputError::Syntax { location, .. } => Some(location.clone()),
            InputError::Invalid { .. } => None,
        }
    }
}

/// Regorus reports errors as text with a `--> file:line:col` line; pull the
/// location and the last line (the message) out of it.
pub(crate) fn rego_error(err: &dyn std::fmt::Display, fallback_file: &str) -> LoadError {
    let detail = err.to_string();
    let (location, message) = split_rego_diagnostic(&detail, fallback_file);
    LoadError::Rego {
        location,
        message,
        detail,
    }
}

/// Split a regorus diagnostic into its location and its one-line message.
pub(crate) fn split_rego_diagnostic(detail: &str, fallback_file: &str) -> (Location, String) {
    let mut location = Location {
        file: Some(fallback_file.to_string()),
        line: 0,
        column: 0,
    };
    if let Some(arrow) = detail.find("--> ") {
        let rest = detail.get(arrow + 4..).unwrap_or("");
        let head = rest.lines().next().unwrap_or("");
        let mut parts = head.rsplitn(3, ':');
        let col = parts.next().and_then(|c| c.trim().parse().ok());
        let line = parts.next().and_then(|l| l.trim().parse().ok());
        let file = parts.next();
        if let (Some(line), Some(col), Some(file)) = (line, col, file) {
            location = Location {
                file: Some(file.to_string()),
                line,
                column: col,
            };
        }
    }
    let message = detail
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .map(|l| {
            let l = l.trim();
            l.strip_prefix("error: ").unwrap_or(l).to_string()
        })
        .unwrap_or_default();
    (location, message)
}
