//! A policy's metadata, as declared in its `# METADATA` block.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Informational.
    Info,
    /// Low.
    Low,
    /// Medium.
    Medium,
    /// High.
    High,
    /// Critical.
    Critical,
}

impl Severity {
    /// Every severity, from the most to the least serious.
    pub const ALL: [Severity; 5] = [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
        Severity::Info,
    ];

    /// The lowercase name (`critical`, `high`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }

    /// Parse a lowercase name.
    pub fn parse(s: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The kinds a policy applies to, in Gatekeeper's `match.kinds` shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KindMatch {
    /// API groups (`""` is the core group, `*` any).
    pub api_groups: Vec<String>,
    /// Kinds (`*` any).
    pub kinds: Vec<String>,
}

impl KindMatch {
    /// Whether an object of this group and kind is matched.
    pub fn matches(&self, group: &str, kind: &str) -> bool {
        let g =
            self.api_groups.is_empty() || self.api_groups.iter().any(|x| x == "*" || x == group);
        let k = self.kinds.is_empty() || self.kinds.iter().any(|x| x == "*" || x == kind);
        g && k
    }
}

/// One policy of a bundle: its identity and documentation.
///
/// It deserializes from its serialized form (the built-in library's
/// precompiled analysis is stored that way).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Policy {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) description: String,
    pub(crate) severity: Severity,
    pub(crate) category: String,
    pub(crate) controls: BTreeMap<String, Vec<String>>,
    pub(crate) kinds: Vec<KindMatch>,
    pub(crate) parameters: Option<serde_json::Value>,
    pub(crate) remediation: Option<String>,
    pub(crate) related_resources: Vec<String>,
    pub(crate) package: String,
    pub(crate) file: String,
    #[serde(skip)]
    pub(crate) deny_rules: Vec<String>,
    #[serde(skip)]
    pub(crate) warn_rules: Vec<String>,
    #[serde(skip)]
    pub(crate) conftest: bool,
    /// `custom.engine: interpreter`: never run on the compiled fast path.
    #[serde(skip)]
    pub(crate) interpreter_only: bool,
    /// A Gatekeeper constraint's `spec.enforcementAction`; `None` for a
    /// native policy.
    #[serde(
        rename = "enforcementAction",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub(crate) enforcement_action: Option<crate::report::Action>,
}

impl Policy {
    /// Stable kebab-case id (`privileged-containers`).
    pub fn id(&self) -> &str {
        &self.id
    }
    /// One-line title.
    pub fn title(&self) -> &str {
        &self.title
    }
    /// What the policy checks and why.
    pub fn description(&self) -> &str {
        &self.description
    }
    /// Severity of its findings.
    pub fn severity(&self) -> Severity {
        self.severity
    }
    /// Category (`workload`, `rbac`, `network`...).
    pub fn category(&self) -> &str {
        &self.category
    }
    /// Compliance controls by framework (`cis` → `["5.2.2"]`, `pss` → `["baseline"]`).
    pub fn controls(&self) -> &BTreeMap<String, Vec<String>> {
        &self.controls
    }
    /// Kinds the policy applies to; empty means every kind.
    pub fn kinds(&self) -> &[KindMatch] {
        &self.kinds
    }
    /// JSON Schema of the policy's parameters, if it takes any.
    pub fn parameters(&self) -> Option<&serde_json::Value> {
        self.parameters.as_ref()
    }
    /// How to fix a finding.
    pub fn remediation(&self) -> Option<&str> {
        self.remediation.as_deref()
    }
    /// Links to background reading.
    pub fn related_resources(&self) -> &[String] {
        &self.related_resources
    }
    /// The Rego package (`kubegov.workload.privileged_containers`).
    pub fn package(&self) -> &str {
        &self.package
    }
    /// The source file, relative to the bundle root.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The enforcement action its findings have unless a configuration
    /// says otherwise: a Gatekeeper constraint's `spec.enforcementAction`
    /// (`dryrun` findings never fail a check), `deny` for a native policy.
    pub fn enforcement_action(&self) -> crate::report::Action {
        self.enforcement_action
            .unwrap_or(crate::report::Action::Deny)
    }

    /// Whether the policy applies to objects of this API group and kind.
    pub fn applies_to(&self, group: &str, kind: &str) -> bool {
        self.kinds.is_empty() || self.kinds.iter().any(|k| k.matches(group, kind))
    }
}
