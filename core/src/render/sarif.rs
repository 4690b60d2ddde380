//! SARIF 2.1.0 (OASIS), as read by GitHub code scanning.
//!
//! One rule per policy, one result per finding. Mapping:
//!
//! - `level`: a `deny` finding of a critical or high policy is an `error`, of
//!   a medium one a `warning`, of a low or info one a `note`; a `warn`
//!   finding is a `warning`, a `dryrun` one a `note`.
//! - rule `properties.security-severity` (GitHub's 0–10 scale): critical
//!   9.5, high 8.0, medium 5.5, low 3.0, info 0.0; `tags` carry `security`,
//!   the category and every control (`cis:5.2.2`, `pss:baseline`).
//! - an exempted finding is a result with a `suppressions` entry (`inSource`
//!   for an annotation on the object, `external` for an exceptions file),
//!   status `accepted` and the exception's reason as justification.
//! - `partialFingerprints["kubegov/v1"]` hashes the policy, the object's
//!   identity and the message (not the line), so code scanning tracks a
//!   finding across edits that move it.
//! - input and evaluation errors are `toolExecutionNotifications` of the
//!   run's invocation.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

use super::{level, Level, INFORMATION_URI};
use crate::policy::{Policy, Severity};
use crate::report::{Finding, Report, Status};

/// Options of [`sarif_with`].
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct SarifOptions {
    /// List every policy as a rule, not only those with findings.
    pub all_rules: bool,
}

impl SarifOptions {
    /// The defaults: rules only for policies with findings.
    pub fn new() -> Self {
        Self::default()
    }

    /// List every policy as a rule.
    pub fn with_all_rules(mut self, on: bool) -> Self {
        self.all_rules = on;
        self
    }
}

/// Render a report as a SARIF 2.1.0 log (pretty JSON with a final newline).
///
/// `policies` documents the rules (normally `bundle.policies()`); a finding
/// of a policy missing from it still gets a rule, from what the report knows.
/// Only the policies with findings are listed as rules; see [`sarif_with`].
pub fn sarif(report: &Report, policies: &[Policy]) -> String {
    sarif_with(report, policies, &SarifOptions::default())
}

/// [`sarif`] with options.
pub fn sarif_with(report: &Report, policies: &[Policy], options: &SarifOptions) -> String {
    let mut text = serde_json::to_string_pretty(&sarif_value(report, policies, options))
        .unwrap_or_else(|_| "{}".to_string());
    text.push('\n');
    text
}

/// GitHub's `security-severity` for a severity.
pub(crate) fn security_severity(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "9.5",
        Severity::High => "8.0",
        Severity::Medium => "5.5",
        Severity::Low => "3.0",
        Severity::Info => "0.0",
    }
}

fn level_str(l: Level) -> &'static str {
    match l {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Note => "note",
    }
}

/// A file name as a relative URI reference: forward slashes, no `./`,
/// percent-encoded outside RFC 3986's unreserved characters and `/`; an
/// absolute path becomes a `file://` URI.
pub(crate) fn file_uri(file: &str) -> String {
    let mut p = file.replace('\\', "/");
    while let Some(rest) = p.strip_prefix("./") {
        p = rest.to_string();
    }
    let windows_drive = p.len() > 2 && p.as_bytes().get(1) == Some(&b':');
    let absolute = p.starts_with('/') || windows_drive;
    let mut out = String::with_capacity(p.len());
    for b in p.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else if b == b':' && windows_drive && out.len() == 1 {
            out.push(':');
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    if absolute {
        if windows_drive {
            format!("file:///{out}")
        } else {
            format!("file://{out}")
        }
    } else {
        out
    }
}

fn rule_from_policy(p: &Policy) -> Value {
    let mut rule = Map::new();
    rule.insert("id".into(), json!(p.id()));
    rule.insert("name".into(), json!(pascal(p.id())));
    rule.insert("shortDescription".into(), json!({ "text": p.title() }));
    if !p.description().is_empty() {
        rule.insert(
            "fullDescription".into(),
            json!({ "text": p.description().trim() }),
        );
    }
    if let Some(r) = p.remediation() {
        let mut md = format!("**Remediation**: {}", r.trim());
        if !p.related_resources().is_empty() {
            md.push_str("\n\n");
            for url in p.related_resources() {
                md.push_str(&format!("- <{url}>\n"));
            }
        }
        rule.insert(
            "help".into(),
            json!({ "text": r.trim(), "markdown": md.trim_end() }),
        );
    }
    if let Some(url) = p.related_resources().first() {
        rule.insert("helpUri".into(), json!(url));
    }
    rule.insert(
        "defaultConfiguration".into(),
        json!({ "level": level_str(default_level(p.severity())) }),
    );
    rule.insert(
        "properties".into(),
        rule_properties(p.severity(), p.category(), p.controls()),
    );
    Value::Object(rule)
}

fn rule_from_finding(f: &Finding) -> Value {
    json!({
        "id": f.policy.id,
        "name": pascal(&f.policy.id),
        "shortDescription": { "text": f.policy.title },
        "defaultConfiguration": { "level": level_str(default_level(f.policy.severity)) },
        "properties": rule_properties(f.policy.severity, &f.policy.category, &f.policy.controls),
    })
}

fn default_level(s: Severity) -> Level {
    match s {
        Severity::Critical | Severity::High => Level::Error,
        Severity::Medium => Level::Warning,
        Severity::Low | Severity::Info => Level::Note,
    }
}

fn rule_properties(
    severity: Severity,
    category: &str,
    controls: &BTreeMap<String, Vec<String>>,
) -> Value {
    let mut tags = vec!["security".to_string(), category.to_string()];
    for (framework, ids) in controls {
        for id in ids {
            tags.push(format!("{framework}:{id}"));
        }
    }
    json!({
        "security-severity": security_severity(severity),
        "severity": severity.as_str(),
        "category": category,
        "tags": tags,
    })
}

/// `privileged-containers` → `PrivilegedContainers`.
fn pascal(id: &str) -> String {
    id.split(['-', '_'])
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(first) => first.to_uppercase().chain(c).collect::<String>(),
                None => String::new(),
            }
        })
        .collect()
}

fn fingerprint(f: &Finding) -> String {
    let mut h = Sha256::new();
    for part in [
        f.policy.id.as_str(),
        f.object.api_version.as_str(),
        f.object.kind.as_str(),
        f.object.namespace.as_deref().unwrap_or(""),
        f.object.name.as_str(),
        f.message.as_str(),
    ] {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    hex::encode(h.finalize())
}

fn location(file: &Option<String>, line: u32, column: u32) -> Option<Value> {
    let file = file.as_deref()?;
    let mut physical = Map::new();
    physical.insert("artifactLocation".into(), json!({ "uri": file_uri(file) }));
    if line > 0 {
        let mut region = Map::new();
        region.insert("startLine".into(), json!(line));
        if column > 0 {
            region.insert("startColumn".into(), json!(column));
        }
        physical.insert("region".into(), Value::Object(region));
    }
    Some(json!({ "physicalLocation": Value::Object(physical) }))
}

fn result(f: &Finding, rule_index: usize) -> Value {
    let mut r = Map::new();
    r.insert("ruleId".into(), json!(f.policy.id));
    r.insert("ruleIndex".into(), json!(rule_index));
    r.insert("level".into(), json!(level_str(level(f))));
    r.insert("message".into(), json!({ "text": f.message }));
    let mut loc =
        location(&f.source.file, f.source.line, f.source.column).unwrap_or_else(|| json!({}));
    if let Value::Object(m) = &mut loc {
        m.insert(
            "logicalLocations".into(),
            json!([{ "fullyQualifiedName": f.object.to_string(), "kind": "object" }]),
        );
    }
    r.insert("locations".into(), json!([loc]));
    r.insert(
        "partialFingerprints".into(),
        json!({ "kubegov/v1": fingerprint(f) }),
    );
    if let (Status::Exempted, Some(e)) = (f.status, &f.exception) {
        let kind = if e.source.starts_with("annotation") {
            "inSource"
        } else {
            "external"
        };
        r.insert(
            "suppressions".into(),
            json!([{ "kind": kind, "status": "accepted", "justification": e.reason }]),
        );
    } else if f.status == Status::Exempted {
        r.insert(
            "suppressions".into(),
            json!([{ "kind": "external", "status": "accepted" }]),
        );
    }
    let mut props = Map::new();
    props.insert("action".into(), json!(f.action.as_str()));
    props.insert("severity".into(), json!(f.policy.severity.as_str()));
    props.insert("object".into(), json!(f.object));
    if let Some(p) = &f.path {
        props.insert("path".into(), json!(p));
    }
    r.insert("properties".into(), Value::Object(props));
    Value::Object(r)
}

fn sarif_value(report: &Report, policies: &[Policy], options: &SarifOptions) -> Value {
    // rules: every policy, or those with findings, sorted by id
    let mut rules: BTreeMap<String, Value> = BTreeMap::new();
    if options.all_rules {
        for p in policies {
            rules.insert(p.id().to_string(), rule_from_policy(p));
        }
    }
    for f in report.findings() {
        if rules.contains_key(&f.policy.id) {
            continue;
        }
        let rule = match policies.iter().find(|p| p.id() == f.policy.id) {
            Some(p) => rule_from_policy(p),
            None => rule_from_finding(f),
        };
        rules.insert(f.policy.id.clone(), rule);
    }
    let index: BTreeMap<&str, usize> = rules
        .keys()
        .enumerate()
        .map(|(i, k)| (k.as_str(), i))
        .collect();
    let results: Vec<Value> = report
        .findings()
        .iter()
        .map(|f| result(f, index.get(f.policy.id.as_str()).copied().unwrap_or(0)))
        .collect();
    let notifications: Vec<Value> = report
        .errors()
        .iter()
        .map(|e| {
            let mut n = Map::new();
            n.insert("level".into(), json!("error"));
            n.insert("message".into(), json!({ "text": e.message }));
            n.insert("descriptor".into(), json!({ "id": e.code }));
            if let Some(loc) = location(&e.file, e.line, e.column) {
                n.insert("locations".into(), json!([loc]));
            }
            if let Some(p) = &e.policy {
                n.insert("associatedRule".into(), json!({ "id": p }));
            }
            Value::Object(n)
        })
        .collect();
    let mut invocation = Map::new();
    invocation.insert("executionSuccessful".into(), json!(true));
    if !notifications.is_empty() {
        invocation.insert("toolExecutionNotifications".into(), json!(notifications));
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "kubegov",
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "informationUri": INFORMATION_URI,
                    "rules": rules.into_values().collect::<Vec<_>>(),
                }
            },
            "invocations": [Value::Object(invocation)],
            "results": results,
            "columnKind": "unicodeCodePoints",
            "properties": {
                "bundleDigest": report.bundle().digest,
                "objects": report.summary().objects,
            }
        }]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_with_forward_slashes() {
        assert_eq!(file_uri("./a\\b c.yaml"), "a/b%20c.yaml");
        assert_eq!(file_uri("/abs/x.yaml"), "file:///abs/x.yaml");
        assert_eq!(file_uri("C:\\m\\x.yaml"), "file:///C:/m/x.yaml");
        assert_eq!(file_uri("-"), "-");
    }

    #[test]
    fn ids_become_pascal_names() {
        assert_eq!(pascal("privileged-containers"), "PrivilegedContainers");
    }
}
