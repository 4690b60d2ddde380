//! Which objects a policy applies to: Gatekeeper's `match` semantics.
//!
//! - `kinds`: apiGroups × kinds, `*` or an empty list match all;
//! - `namespaces` / `excludedNamespaces`: exact names or `prefix*` / `*suffix`
//!   globs; an object without `metadata.namespace` is cluster-scoped and is
//!   *not* affected by them (a `Namespace` object is matched by its own name);
//! - `labelSelector`: `matchLabels` and `matchExpressions` (In, NotIn, Exists,
//!   DoesNotExist) on the object's labels;
//! - `namespaceSelector`: the same on the labels of the object's namespace,
//!   taken from the `Namespace` objects in the evaluated set (a `Namespace`
//!   is matched by its own labels; other cluster-scoped objects always match);
//! - `scope`: `Cluster`, `Namespaced` or `*`;
//! - `name`: a glob on `metadata.name`.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

use crate::glob;
use crate::policy::KindMatch;

/// A Kubernetes label selector.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LabelSelector {
    /// Labels that must be present with these values.
    #[serde(default)]
    pub match_labels: BTreeMap<String, String>,
    /// Set-based requirements.
    #[serde(default)]
    pub match_expressions: Vec<LabelExpression>,
}

/// One set-based label requirement.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelExpression {
    /// The label key.
    pub key: String,
    /// `In`, `NotIn`, `Exists` or `DoesNotExist`.
    pub operator: String,
    /// Values for `In` and `NotIn`.
    #[serde(default)]
    pub values: Vec<String>,
}

impl LabelSelector {
    /// Whether a set of labels satisfies the selector.
    pub fn matches(&self, labels: &BTreeMap<String, String>) -> bool {
        self.match_labels
            .iter()
            .all(|(k, v)| labels.get(k) == Some(v))
            && self.match_expressions.iter().all(|e| {
                let have = labels.get(&e.key);
                match e.operator.as_str() {
                    "In" => have.is_some_and(|v| e.values.contains(v)),
                    "NotIn" => !have.is_some_and(|v| e.values.contains(v)),
                    "Exists" => have.is_some(),
                    "DoesNotExist" => have.is_none(),
                    _ => false,
                }
            })
    }

    pub(crate) fn check(&self) -> Result<(), String> {
        for e in &self.match_expressions {
            match e.operator.as_str() {
                "In" | "NotIn" if e.values.is_empty() => {
                    return Err(format!(
                        "operator `{}` on `{}` needs `values`",
                        e.operator, e.key
                    ))
                }
                "In" | "NotIn" | "Exists" | "DoesNotExist" => {}
                other => {
                    return Err(format!(
                        "unknown operator `{other}` (use In, NotIn, Exists or DoesNotExist)"
                    ))
                }
            }
        }
        Ok(())
    }
}

/// A `match` block, as in a Gatekeeper constraint.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Match {
    /// Kinds (in addition to the policy's own `custom.kinds`).
    #[serde(default)]
    pub kinds: Vec<KindSpec>,
    /// Namespaces to include (globs).
    #[serde(default)]
    pub namespaces: Vec<String>,
    /// Namespaces to exclude (globs).
    #[serde(default)]
    pub excluded_namespaces: Vec<String>,
    /// Labels of the object.
    #[serde(default)]
    pub label_selector: Option<LabelSelector>,
    /// Labels of the object's namespace.
    #[serde(default)]
    pub namespace_selector: Option<LabelSelector>,
    /// `Cluster`, `Namespaced` or `*`.
    #[serde(default)]
    pub scope: Option<String>,
    /// A glob on the object's name.
    #[serde(default)]
    pub name: Option<String>,
}

/// `kinds` entry of a match block.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KindSpec {
    /// API groups.
    #[serde(default)]
    pub api_groups: Vec<String>,
    /// Kinds.
    #[serde(default)]
    pub kinds: Vec<String>,
}

/// What the matcher needs to know about an object.
#[derive(Debug, Clone)]
pub(crate) struct Facts<'a> {
    pub group: &'a str,
    pub kind: &'a str,
    pub name: &'a str,
    /// `metadata.namespace`, `None` for cluster-scoped objects.
    pub namespace: Option<&'a str>,
    pub labels: BTreeMap<String, String>,
    /// Labels of the object's namespace, when that Namespace was in the set.
    pub namespace_labels: Option<&'a BTreeMap<String, String>>,
}

/// `metadata.labels` of an object held as an engine value.
pub(crate) fn engine_labels_of(v: &regorus::Value) -> BTreeMap<String, String> {
    let labels = &v[&regorus::Value::from("metadata")][&regorus::Value::from("labels")];
    match labels {
        regorus::Value::Object(m) => m
            .iter()
            .filter_map(|(k, v)| match (k, v) {
                (regorus::Value::String(k), regorus::Value::String(v)) => {
                    Some((k.to_string(), v.to_string()))
                }
                _ => None,
            })
            .collect(),
        _ => BTreeMap::new(),
    }
}

pub(crate) fn labels_of(v: &Value) -> BTreeMap<String, String> {
    v.get("metadata")
        .and_then(|m| m.get("labels"))
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .filter_map(|(k, v)| v.as_str().map(|s| (k.clone(), s.to_string())))
                .collect()
        })
        .unwrap_or_default()
}

impl Match {
    /// Check the block for mistakes a user should hear about at load time.
    pub(crate) fn check(&self) -> Result<(), String> {
        if let Some(s) = &self.scope {
            if !matches!(s.as_str(), "Cluster" | "Namespaced" | "*") {
                return Err(format!(
                    "scope `{s}` must be `Cluster`, `Namespaced` or `*`"
                ));
            }
        }
        if let Some(l) = &self.label_selector {
            l.check().map_err(|m| format!("labelSelector: {m}"))?;
        }
        if let Some(l) = &self.namespace_selector {
            l.check().map_err(|m| format!("namespaceSelector: {m}"))?;
        }
        Ok(())
    }

    pub(crate) fn matches(&self, f: &Facts<'_>) -> bool {
        if !self.kinds.is_empty()
            && !self.kinds.iter().any(|k| {
                KindMatch {
                    api_groups: k.api_groups.clone(),
                    kinds: k.kinds.clone(),
                }
                .matches(f.group, f.kind)
            })
        {
            return false;
        }
        let is_namespace = f.kind == "Namespace" && f.group.is_empty();
        // The namespace the lists apply to: an object's own, or a Namespace's name.
        let ns = if is_namespace {
            Some(f.name)
        } else {
            f.namespace
        };
        if let Some(ns) = ns {
            if !self.namespaces.is_empty() && !self.namespaces.iter().any(|p| glob::matches(p, ns))
            {
                return false;
            }
            if self
                .excluded_namespaces
                .iter()
                .any(|p| glob::matches(p, ns))
            {
                return false;
            }
        }
        if let Some(sel) = &self.label_selector {
            if !sel.matches(&f.labels) {
                return false;
            }
        }
        if let Some(sel) = &self.namespace_selector {
            let ok = if is_namespace {
                sel.matches(&f.labels)
            } else if f.namespace.is_some() {
                // an unknown namespace has no labels
                sel.matches(f.namespace_labels.unwrap_or(&BTreeMap::new()))
            } else {
                true
            };
            if !ok {
                return false;
            }
        }
        match self.scope.as_deref() {
            Some("Cluster") if f.namespace.is_some() => return false,
            Some("Namespaced") if f.namespace.is_none() => return false,
            _ => {}
        }
        if let Some(n) = &self.name {
            if !glob::matches(n, f.name) {
                return false;
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts<'a>(
        kind: &'a str,
        name: &'a str,
        ns: Option<&'a str>,
        labels: &[(&str, &str)],
    ) -> Facts<'a> {
        Facts {
            group: "",
            kind,
            name,
            namespace: ns,
            labels: labels
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            namespace_labels: None,
        }
    }

    fn m(yaml: &str) -> Match {
        serde_json::from_value(crate::parse_yaml(yaml, None).unwrap()).unwrap()
    }

    #[test]
    fn namespace_lists_and_globs() {
        let sel =
            m("namespaces: [\"prod-*\", \"*-live\", shop]\nexcludedNamespaces: [prod-legacy]");
        assert!(sel.matches(&facts("Pod", "a", Some("prod-eu"), &[])));
        assert!(sel.matches(&facts("Pod", "a", Some("shop-live"), &[])));
        assert!(sel.matches(&facts("Pod", "a", Some("shop"), &[])));
        assert!(!sel.matches(&facts("Pod", "a", Some("dev"), &[])));
        assert!(!sel.matches(&facts("Pod", "a", Some("prod-legacy"), &[])));
    }

    #[test]
    fn cluster_scoped_objects_ignore_namespace_lists() {
        let sel = m("namespaces: [shop]\nexcludedNamespaces: [\"*\"]");
        assert!(sel.matches(&facts("ClusterRole", "admin", None, &[])));
        // a Namespace is matched by its own name
        assert!(!sel.matches(&facts("Namespace", "shop", None, &[])));
    }

    #[test]
    fn label_selectors() {
        let sel = m("labelSelector:\n  matchLabels: {team: a}\n  matchExpressions:\n  - {key: tier, operator: In, values: [web, api]}\n  - {key: legacy, operator: DoesNotExist}");
        assert!(sel.matches(&facts(
            "Pod",
            "p",
            Some("x"),
            &[("team", "a"), ("tier", "web")]
        )));
        assert!(!sel.matches(&facts(
            "Pod",
            "p",
            Some("x"),
            &[("team", "a"), ("tier", "db")]
        )));
        assert!(!sel.matches(&facts(
            "Pod",
            "p",
            Some("x"),
            &[("team", "a"), ("tier", "web"), ("legacy", "1")]
        )));
        let bad = m("labelSelector:\n  matchExpressions:\n  - {key: a, operator: Maybe}");
        assert!(bad.check().unwrap_err().contains("`Maybe`"));
    }

    #[test]
    fn namespace_selector_and_scope() {
        let sel = m("namespaceSelector:\n  matchLabels: {env: prod}\nscope: Namespaced");
        let prod: BTreeMap<String, String> = [("env".to_string(), "prod".to_string())].into();
        let mut f = facts("Pod", "p", Some("shop"), &[]);
        assert!(!sel.matches(&f));
        f.namespace_labels = Some(&prod);
        assert!(sel.matches(&f));
        assert!(
            !sel.matches(&facts("ClusterRole", "r", None, &[])),
            "scope Namespaced"
        );
        assert!(m("scope: Cluster").matches(&facts("ClusterRole", "r", None, &[])));
        // a Namespace is selected by its own labels
        let ns_sel = m("namespaceSelector:\n  matchLabels: {env: prod}");
        assert!(ns_sel.matches(&facts("Namespace", "shop", None, &[("env", "prod")])));
        assert!(!ns_sel.matches(&facts("Namespace", "dev", None, &[])));
        // other cluster-scoped objects are not filtered by it
        assert!(ns_sel.matches(&facts("ClusterRole", "r", None, &[])));
    }
}
