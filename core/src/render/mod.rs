//! Renderers of a [`Report`](crate::Report) for people and for CI systems.
//!
//! Every binding renders through these functions, so the CLI, Python, Node
//! and wasm give the same bytes for the same report:
//!
//! | function | format | for |
//! |---|---|---|
//! | [`table`] | aligned text, optional ANSI colour | terminals |
//! | [`sarif`] | SARIF 2.1.0 JSON | GitHub code scanning, Azure DevOps, IDEs |
//! | [`junit`] | JUnit XML | GitLab, Jenkins, Azure Pipelines test reports |
//! | [`github`] | GitHub Actions workflow commands | annotations on a pull request |
//!
//! The JSON report itself is [`Report::to_json`](crate::Report::to_json).
//!
//! ```
//! let bundle = kubegov::Bundle::embedded()?;
//! let objects = kubegov::Objects::from_text(
//!     "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n  - {name: app, image: nginx:latest}\n",
//!     Some("pod.yaml"),
//! );
//! let report = bundle.evaluate(&objects);
//! let sarif = kubegov::render::sarif(&report, bundle.policies());
//! assert!(sarif.contains("\"version\": \"2.1.0\""));
//! let junit = kubegov::render::junit(&report, &bundle, &objects);
//! assert!(junit.starts_with("<?xml"));
//! assert!(kubegov::render::github(&report).contains("::error file=pod.yaml,line=6"));
//! # Ok::<(), kubegov::LoadError>(())
//! ```

mod github;
mod junit;
mod sarif;
mod table;

pub use github::github;
pub use junit::junit;
pub use sarif::{sarif, sarif_with, SarifOptions};
pub use table::table;

use crate::policy::Severity;
use crate::report::{Action, Finding, Status};

/// The home page given to tools that link back to kubegov.
pub const INFORMATION_URI: &str = "https://github.com/kubegov/kubegov";

/// A finding's file as a location string: the file as given, `<input>` without one.
pub(crate) fn file_or_input(f: &Option<String>) -> &str {
    f.as_deref().unwrap_or("<input>")
}

/// How a finding weighs in a CI system, from its severity, action and status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Level {
    Error,
    Warning,
    Note,
}

pub(crate) fn level(f: &Finding) -> Level {
    match (f.status, f.action) {
        (Status::Exempted, _) => Level::Note,
        (_, Action::Dryrun) => Level::Note,
        (_, Action::Warn) => Level::Warning,
        (_, Action::Deny) => match f.policy.severity {
            Severity::Critical | Severity::High => Level::Error,
            Severity::Medium => Level::Warning,
            Severity::Low | Severity::Info => Level::Note,
        },
    }
}
