//! Baselines: accept the findings of an earlier report, fail only on new ones.
//!
//! A finding of the new report matches a finding of the baseline when both
//! have the same policy id, the same object identity (apiVersion, kind,
//! namespace, name) and the same message; the file, line and column are
//! ignored, so moving or reformatting a manifest does not resurface its
//! accepted findings. Matching counts: a baseline that held a finding once
//! suppresses it once, and a second copy is new.
//!
//! ```
//! let bundle = kubegov::Bundle::embedded()?;
//! let pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n  - {name: app, image: nginx:latest}\n";
//! let old = bundle.evaluate(&kubegov::Objects::from_text(pod, Some("a.yaml")));
//! let baseline = kubegov::baseline::Baseline::from_report_json(&old.to_json())?;
//! // the same object in another file, one line lower: nothing new
//! let moved = format!("\n{pod}");
//! let new = bundle.evaluate(&kubegov::Objects::from_text(&moved, Some("b.yaml")));
//! let filtered = baseline.apply(&new);
//! assert_eq!(filtered.suppressed(), new.findings().len());
//! assert!(filtered.report().findings().is_empty());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::HashMap;

use serde_json::Value;

use crate::report::{Finding, Report};

/// What identifies a finding across runs.
type Key = (String, String, String, Option<String>, String, String);

fn key(f: &Finding) -> Key {
    (
        f.policy.id.clone(),
        f.object.api_version.clone(),
        f.object.kind.clone(),
        f.object.namespace.clone(),
        f.object.name.clone(),
        f.message.clone(),
    )
}

/// A baseline report could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BaselineError {
    /// The text is not JSON.
    #[error("the baseline is not JSON: {0}")]
    Json(String),
    /// The JSON is not a kubegov report this version can read.
    #[error("the baseline is not a kubegov report: {0}")]
    Shape(String),
}

impl BaselineError {
    /// A stable, machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            BaselineError::Json(_) => "baseline.json",
            BaselineError::Shape(_) => "baseline.shape",
        }
    }
}

/// The findings of an earlier report, by identity.
#[derive(Debug, Clone, Default)]
pub struct Baseline {
    counts: HashMap<Key, usize>,
    total: usize,
}

/// A report with the baseline's findings taken out.
#[derive(Debug, Clone)]
pub struct Filtered {
    report: Report,
    suppressed: usize,
}

impl Filtered {
    /// The report of the new findings only (summary recomputed).
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// Take the report.
    pub fn into_report(self) -> Report {
        self.report
    }

    /// How many findings the baseline suppressed.
    pub fn suppressed(&self) -> usize {
        self.suppressed
    }
}

impl Baseline {
    /// The findings of a report.
    pub fn from_report(report: &Report) -> Baseline {
        let mut b = Baseline::default();
        for f in report.findings() {
            b.add(key(f));
        }
        b
    }

    /// The findings of a report's JSON (`kubegov check -f json`, any
    /// binding's `to_json`). Only the fields used for matching are read.
    pub fn from_report_json(text: &str) -> Result<Baseline, BaselineError> {
        let v: Value =
            serde_json::from_str(text).map_err(|e| BaselineError::Json(e.to_string()))?;
        match v.get("schemaVersion").and_then(Value::as_str) {
            Some(crate::report::SCHEMA_VERSION) => {}
            Some(other) => {
                return Err(BaselineError::Shape(format!(
                    "schemaVersion `{other}` is not supported (expected `{}`)",
                    crate::report::SCHEMA_VERSION
                )))
            }
            None => return Err(BaselineError::Shape("no `schemaVersion`".into())),
        }
        let findings = v
            .get("findings")
            .and_then(Value::as_array)
            .ok_or_else(|| BaselineError::Shape("no `findings` array".into()))?;
        let mut b = Baseline::default();
        for (i, f) in findings.iter().enumerate() {
            let s = |ptr: &str| f.pointer(ptr).and_then(Value::as_str).map(str::to_string);
            let need = |ptr: &str| {
                s(ptr)
                    .ok_or_else(|| BaselineError::Shape(format!("`findings[{i}]{ptr}` is missing")))
            };
            b.add((
                need("/policy/id")?,
                need("/object/apiVersion")?,
                need("/object/kind")?,
                s("/object/namespace"),
                need("/object/name")?,
                need("/message")?,
            ));
        }
        Ok(b)
    }

    fn add(&mut self, k: Key) {
        *self.counts.entry(k).or_default() += 1;
        self.total += 1;
    }

    /// Number of findings in the baseline.
    pub fn len(&self) -> usize {
        self.total
    }

    /// Whether the baseline holds no finding.
    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// Take the baseline's findings out of a report: each baseline finding
    /// suppresses at most one matching finding, the first in report order.
    pub fn apply(&self, report: &Report) -> Filtered {
        let mut left = self.counts.clone();
        let mut kept = Vec::with_capacity(report.findings.len());
        let mut suppressed = 0;
        for f in &report.findings {
            match left.get_mut(&key(f)) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    suppressed += 1;
                }
                _ => kept.push(f.clone()),
            }
        }
        let report = Report::new(
            report.bundle.clone(),
            report.summary.objects,
            kept,
            report.errors.clone(),
            report.notices.clone(),
        );
        Filtered { report, suppressed }
    }
}
