//! The result of an evaluation, and its versioned JSON form.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::policy::Severity;

/// Version of the report's JSON schema (`schema/report.schema.json`).
pub const SCHEMA_VERSION: &str = "1";

/// What a finding asks of the pipeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// Fails the check.
    Deny,
    /// Reported, never fails the check.
    Warn,
    /// Recorded only (policy being rolled out).
    Dryrun,
}

impl Action {
    /// The lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Deny => "deny",
            Action::Warn => "warn",
            Action::Dryrun => "dryrun",
        }
    }
}

/// Whether a finding counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The object violates the policy.
    Violation,
    /// The object violates the policy but an exception covers it.
    Exempted,
}

/// The policy a finding comes from, as recorded in the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PolicyRef {
    /// Policy id.
    pub id: String,
    /// Policy title.
    pub title: String,
    /// Severity.
    pub severity: Severity,
    /// Category.
    pub category: String,
    /// Compliance controls.
    pub controls: BTreeMap<String, Vec<String>>,
}

/// Identity of a Kubernetes object.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct ObjectRef {
    /// `apiVersion` (`apps/v1`).
    pub api_version: String,
    /// `kind`.
    pub kind: String,
    /// `metadata.namespace`, if set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// `metadata.name` (or `generateName`), empty when absent.
    pub name: String,
}

impl std::fmt::Display for ObjectRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.namespace {
            Some(ns) => write!(f, "{}/{}/{}", self.kind, ns, self.name),
            None => write!(f, "{}/{}", self.kind, self.name),
        }
    }
}

/// Where something was read from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
pub struct SourceRef {
    /// File path as given (`-` or the `--stdin-filename` for stdin), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// 1-based line, 0 when unknown.
    pub line: u32,
    /// 1-based column, 0 when unknown.
    pub column: u32,
    /// 0-based index of the YAML document in its file.
    pub document: usize,
}

/// The exception that covered a finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExceptionRef {
    /// Where the exception is declared (`annotation` or the exceptions file).
    pub source: String,
    /// Why it was granted.
    pub reason: String,
    /// Who owns it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// When it expires (`YYYY-MM-DD`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires: Option<String>,
}

/// One policy violated by one object.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// The policy, shared by all its findings (a report can hold hundreds
    /// of thousands).
    pub policy: Arc<PolicyRef>,
    /// What the finding asks of the pipeline.
    pub action: Action,
    /// Whether it counts or is exempted.
    pub status: Status,
    /// The policy's message.
    pub message: String,
    /// The object, shared by all its findings.
    pub object: Arc<ObjectRef>,
    /// Where the offending field (or the object) is written.
    pub source: SourceRef,
    /// The offending field (`spec.containers[0].securityContext.privileged`), if the policy gave one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// How to fix it, shared by all the policy's findings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remediation: Option<Arc<str>>,
    /// Extra structured details from the policy (boxed: most findings
    /// have none, and a report can hold hundreds of thousands).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub details: Option<Box<serde_json::Value>>,
    /// The exception that covered it, when exempted (boxed, as `details`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exception: Option<Box<ExceptionRef>>,
}

/// Input that could not be read or a policy that failed on an object.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ReportError {
    /// File, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// 1-based line, 0 when unknown.
    pub line: u32,
    /// 1-based column, 0 when unknown.
    pub column: u32,
    /// 0-based document index in the file.
    pub document: usize,
    /// A stable code (`input.syntax`, `input.not_an_object`, `eval.policy`, ...).
    pub code: String,
    /// The policy that failed, for evaluation errors.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy: Option<String>,
    /// What went wrong.
    pub message: String,
}

/// Something the user should know that is neither a finding nor an input
/// error: an expired or unused exception, an exemption without a reason.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Notice {
    /// A stable code (`exception.expired`, `exception.unused`, ...).
    pub code: String,
    /// What happened and what to do.
    pub message: String,
    /// File, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// 1-based line, 0 when unknown.
    pub line: u32,
    /// 1-based column, 0 when unknown.
    pub column: u32,
}

/// The bundle a report was made with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BundleInfo {
    /// The bundle's digest.
    pub digest: String,
    /// Number of policies in the bundle.
    pub policies: usize,
}

/// Counts over a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Summary {
    /// Objects evaluated.
    pub objects: usize,
    /// Findings with status `violation`, by severity, and their total.
    pub findings: BTreeMap<String, usize>,
    /// Findings with status `violation` by action (`deny`, `warn`, `dryrun`).
    pub actions: BTreeMap<String, usize>,
    /// Entries in `errors`.
    pub errors: usize,
    /// Findings covered by an exception.
    pub exempted: usize,
}

/// The result of evaluating objects against a bundle.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub(crate) schema_version: &'static str,
    pub(crate) bundle: BundleInfo,
    pub(crate) summary: Summary,
    pub(crate) findings: Vec<Finding>,
    pub(crate) errors: Vec<ReportError>,
    pub(crate) notices: Vec<Notice>,
}

impl Report {
    pub(crate) fn new(
        bundle: BundleInfo,
        objects: usize,
        mut findings: Vec<Finding>,
        mut errors: Vec<ReportError>,
        mut notices: Vec<Notice>,
    ) -> Report {
        sort_findings(&mut findings);
        findings.dedup();
        errors.sort();
        errors.dedup();
        notices.sort();
        notices.dedup();
        let summary = summarize(objects, &findings, errors.len());
        Report {
            schema_version: SCHEMA_VERSION,
            bundle,
            summary,
            findings,
            errors,
            notices,
        }
    }

    /// Notices: expired and unused exceptions, exemptions without a reason.
    pub fn notices(&self) -> &[Notice] {
        &self.notices
    }

    /// Findings, ordered by file, document, policy id, message.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// Documents that could not be read and policies that failed.
    pub fn errors(&self) -> &[ReportError] {
        &self.errors
    }

    /// Counts.
    pub fn summary(&self) -> &Summary {
        &self.summary
    }

    /// The bundle used.
    pub fn bundle(&self) -> &BundleInfo {
        &self.bundle
    }

    /// Whether any finding fails the check: an unexempted `deny` finding.
    pub fn has_denials(&self) -> bool {
        self.findings
            .iter()
            .any(|f| f.status == Status::Violation && f.action == Action::Deny)
    }

    /// The report as canonical JSON text: two-space indentation, fields in
    /// schema order, findings and errors sorted. Every binding returns these
    /// exact bytes for the same bundle and input.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|e| {
            // Serializing plain structs and JSON values cannot fail; keep a
            // valid document if it ever does.
            format!(
                "{{\"schemaVersion\":\"{SCHEMA_VERSION}\",\"error\":{:?}}}",
                e.to_string()
            )
        })
    }

    /// Write the bytes of [`Report::to_json`] to `out` as they are produced,
    /// without holding the whole text in memory (hundreds of megabytes for
    /// 100,000 objects).
    pub fn write_json(&self, out: impl std::io::Write) -> std::io::Result<()> {
        serde_json::to_writer_pretty(out, self).map_err(std::io::Error::other)
    }

    /// The report as a JSON value.
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }
}

type FindingKey<'a> = (
    &'a Option<String>,
    usize,
    &'a str,
    &'a str,
    &'a ObjectRef,
    u32,
    &'a Option<String>,
    Action,
);

/// Sort findings by [`finding_key`], equal keys keeping their order, in
/// place: a stable sort of the findings themselves would borrow a buffer of
/// half of them (85 MB for the 665k findings of 100k objects); this one
/// sorts their indexes and moves each finding once.
fn sort_findings(findings: &mut [Finding]) {
    let key = |i: &usize| findings.get(*i).map(finding_key);
    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.sort_by(|a, b| key(a).cmp(&key(b)));
    // position i takes the finding at order[i]: follow each cycle once
    let mut placed = vec![false; order.len()];
    for start in 0..order.len() {
        let mut at = start;
        while placed.get(at) == Some(&false) {
            if let Some(p) = placed.get_mut(at) {
                *p = true;
            }
            let Some(&from) = order.get(at) else { break };
            if from == start {
                break;
            }
            findings.swap(at, from);
            at = from;
        }
    }
}

fn finding_key(f: &Finding) -> FindingKey<'_> {
    (
        &f.source.file,
        f.source.document,
        &f.policy.id,
        &f.message,
        &f.object,
        f.source.line,
        &f.path,
        f.action,
    )
}

fn summarize(objects: usize, findings: &[Finding], errors: usize) -> Summary {
    let mut by_sev: BTreeMap<String, usize> = Severity::ALL
        .iter()
        .map(|s| (s.as_str().to_string(), 0))
        .collect();
    let mut actions: BTreeMap<String, usize> = [Action::Deny, Action::Warn, Action::Dryrun]
        .iter()
        .map(|a| (a.as_str().to_string(), 0))
        .collect();
    let mut total = 0;
    let mut exempted = 0;
    for f in findings {
        if f.status == Status::Exempted {
            exempted += 1;
            continue;
        }
        total += 1;
        *by_sev
            .entry(f.policy.severity.as_str().to_string())
            .or_default() += 1;
        *actions.entry(f.action.as_str().to_string()).or_default() += 1;
    }
    by_sev.insert("total".into(), total);
    Summary {
        objects,
        findings: by_sev,
        actions,
        errors,
        exempted,
    }
}

/// The JSON Schema of the report (`core/schema/report.schema.json`).
pub const REPORT_SCHEMA: &str = include_str!("../schema/report.schema.json");

/// Check report JSON text (as written by `kubegov check -f json` or
/// [`Report::to_json`]) against [`REPORT_SCHEMA`]; the error names the first
/// offending field.
pub fn validate_report_json(text: &str) -> Result<(), String> {
    let schema: serde_json::Value =
        serde_json::from_str(REPORT_SCHEMA).map_err(|e| format!("the schema is not JSON: {e}"))?;
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    crate::schema::validate(&schema, &value, "").map_err(|v| {
        format!(
            "`{}`: {}",
            if v.path.is_empty() { "." } else { &v.path },
            v.message
        )
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    fn finding(file: &str, policy: &str, column: u32) -> Finding {
        Finding {
            policy: Arc::new(PolicyRef {
                id: policy.into(),
                title: String::new(),
                severity: Severity::Low,
                category: String::new(),
                controls: BTreeMap::new(),
            }),
            action: Action::Deny,
            status: Status::Violation,
            message: "m".into(),
            object: Arc::new(ObjectRef::default()),
            source: SourceRef {
                file: Some(file.into()),
                line: 1,
                column,
                document: 0,
            },
            path: None,
            remediation: None,
            details: None,
            exception: None,
        }
    }

    #[test]
    fn findings_sort_by_key_and_equal_keys_keep_their_order() {
        // the column is not part of the key: it tells equal keys apart
        let mut findings: Vec<Finding> = [
            ("c", "p", 1),
            ("a", "q", 2),
            ("b", "p", 3),
            ("a", "p", 4),
            ("a", "q", 5),
            ("c", "p", 6),
            ("a", "p", 7),
        ]
        .iter()
        .map(|(f, p, c)| finding(f, p, *c))
        .collect();
        let mut expected = findings.clone();
        expected.sort_by(|a, b| finding_key(a).cmp(&finding_key(b)));
        sort_findings(&mut findings);
        let columns = |v: &[Finding]| v.iter().map(|f| f.source.column).collect::<Vec<_>>();
        assert_eq!(columns(&findings), vec![4, 7, 2, 5, 3, 1, 6]);
        assert_eq!(columns(&findings), columns(&expected));
    }

    #[test]
    fn a_long_shuffled_list_sorts_as_a_stable_sort_does() {
        // a fixed pseudo-random order with many cycles and repeated keys
        let mut findings: Vec<Finding> = (0..1000u32)
            .map(|i| {
                let k = (i * 7919 + 13) % 97;
                finding(&format!("f{}", k % 10), &format!("p{}", k % 7), i)
            })
            .collect();
        let mut expected = findings.clone();
        expected.sort_by(|a, b| finding_key(a).cmp(&finding_key(b)));
        sort_findings(&mut findings);
        assert_eq!(findings, expected);
    }
}
