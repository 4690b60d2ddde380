//! A bundle's configuration, resolved against its policies: what runs, with
//! which parameters and action, on which objects, and the exceptions.

use std::collections::BTreeMap;

use regorus::Value as RValue;

use crate::bundle::Bundle;
use crate::config::{term_matches, Config, ConfigError, Exception};
use crate::evaluate::schema_defaults;
use crate::gatekeeper::ConstraintRun;
use crate::policy::{Policy, Severity};
use crate::report::Action;
use crate::selector::Match;

/// One policy's resolved settings.
#[derive(Debug, Clone)]
pub(crate) struct PolicySettings {
    pub enabled: bool,
    pub action: Action,
    pub parameters: RValue,
    pub match_: Option<Match>,
}

/// The resolved configuration of a bundle.
#[derive(Debug, Clone, Default)]
pub(crate) struct Settings {
    /// One entry per policy, in the bundle's policy order.
    pub policies: Vec<PolicySettings>,
    pub match_: Option<Match>,
    pub exceptions: Vec<Exception>,
    pub today: Option<i64>,
    /// Force the RVM on or off (tests compare both paths); `None` decides by use.
    pub force_rvm: Option<bool>,
    /// Force building the inventory's indexes once per evaluation on or off
    /// (tests compare both); `None` decides by the number of objects.
    pub force_index: Option<bool>,
    /// Time and instruction limits of evaluation.
    pub limits: crate::Limits,
    /// One entry per Gatekeeper constraint, in the set's order; empty for
    /// the constraints' own settings.
    pub constraints: Vec<ConstraintRun>,
    /// Severities the configuration gives policies or constraints, by id.
    pub severities: BTreeMap<String, Severity>,
}

impl Settings {
    /// Every policy enabled, deny, default parameters.
    pub(crate) fn defaults(policies: &[Policy]) -> Settings {
        Settings {
            policies: policies
                .iter()
                .map(|p| PolicySettings {
                    enabled: true,
                    action: Action::Deny,
                    parameters: RValue::from(schema_defaults(p.parameters.as_ref())),
                    match_: None,
                })
                .collect(),
            ..Settings::default()
        }
    }
}

/// Levenshtein distance, for "did you mean" hints.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev.get(j).copied().unwrap_or(0) + usize::from(ca != *cb);
            let del = prev.get(j + 1).copied().unwrap_or(0) + 1;
            let ins = cur.get(j).copied().unwrap_or(0) + 1;
            cur.push(sub.min(del).min(ins));
        }
        prev = cur;
    }
    prev.last().copied().unwrap_or(0)
}

impl Bundle {
    /// The id of the bundle's policy closest to `id` (at most three edits
    /// away), for "did you mean" hints; `None` when nothing is that close.
    pub fn closest_policy_id(&self, id: &str) -> Option<&str> {
        self.inner
            .policies
            .iter()
            .map(|p| (distance(&p.id, id), p.id.as_str()))
            .min()
            .filter(|(d, _)| *d <= 3)
            .map(|(_, p)| p)
    }

    /// This bundle with a configuration applied: selection, per-policy
    /// enforcement actions, parameters (validated against each policy's
    /// schema), match blocks and exceptions. The compiled policies are shared,
    /// not recompiled. A configuration replaces any applied before.
    ///
    /// A Gatekeeper constraint is configured by its id (`<kind>/<name>`):
    /// `enabled`, `enforcementAction` and `severity` apply to it; its
    /// parameters and match are the constraint's own.
    pub fn configure(&self, config: &Config) -> Result<Bundle, ConfigError> {
        let policies = &self.inner.native;
        let mut settings = Settings::defaults(policies);
        for (id, entry) in &config.policies {
            if self.policy(id).is_none() {
                return Err(ConfigError::UnknownPolicy {
                    location: entry.location.clone(),
                    id: id.clone(),
                    hint: self
                        .closest_policy_id(id)
                        .map(|b| format!("; did you mean `{b}`?"))
                        .unwrap_or_default(),
                });
            }
        }
        for (p, s) in policies.iter().zip(settings.policies.iter_mut()) {
            let selected =
                config.select.is_empty() || config.select.iter().any(|t| term_matches(t, p));
            let skipped = config.skip.iter().any(|t| term_matches(t, p));
            s.enabled = selected && !skipped;
            let Some(entry) = config.policies.get(&p.id) else {
                continue;
            };
            let pc = &entry.config;
            if pc.enabled == Some(false) {
                s.enabled = false;
            }
            if let Some(a) = pc.enforcement_action {
                s.action = a;
            }
            s.match_ = pc.match_.clone();
            if let Some(given) = &pc.parameters {
                let err = |field: String, message: String| ConfigError::Parameters {
                    location: entry.parameter_location(&field),
                    policy: p.id.clone(),
                    field,
                    message,
                };
                let Some(schema) = &p.parameters else {
                    return Err(err(String::new(), "this policy takes no parameters".into()));
                };
                let serde_json::Value::Object(given_map) = given else {
                    return Err(err(String::new(), "parameters must be a mapping".into()));
                };
                let mut merged = schema_defaults(Some(schema));
                if let serde_json::Value::Object(m) = &mut merged {
                    for (k, v) in given_map {
                        m.insert(k.clone(), v.clone());
                    }
                }
                crate::schema::validate(schema, &merged, "").map_err(|v| err(v.path, v.message))?;
                s.parameters = RValue::from(merged);
            }
        }
        settings.constraints = self.configure_constraints(config)?;
        settings.severities = config
            .policies
            .iter()
            .filter_map(|(id, e)| Some((id.clone(), e.config.severity?)))
            .collect();
        settings.match_ = config.match_.clone();
        settings.exceptions = config.exceptions.clone();
        settings.today = config.today;
        settings.force_rvm = self.settings.force_rvm;
        settings.force_index = self.settings.force_index;
        settings.limits = self.settings.limits.clone();
        Ok(Bundle {
            inner: self.inner.clone(),
            settings: std::sync::Arc::new(settings),
        })
    }

    /// The Gatekeeper constraints under a configuration: selection
    /// (`select`/`skip` terms on their id, category `gatekeeper`, severity),
    /// `enabled` and `enforcementAction` per id. Their parameters and match
    /// are those of the constraint itself.
    fn configure_constraints(&self, config: &Config) -> Result<Vec<ConstraintRun>, ConfigError> {
        let policies = self.inner.gatekeeper.policies();
        let mut runs = Vec::with_capacity(policies.len());
        for p in &policies {
            let selected =
                config.select.is_empty() || config.select.iter().any(|t| term_matches(t, p));
            let skipped = config.skip.iter().any(|t| term_matches(t, p));
            let mut run = ConstraintRun {
                enabled: selected && !skipped,
                action: None,
            };
            if let Some(entry) = config.policies.get(&p.id) {
                let pc = &entry.config;
                if pc.parameters.is_some() {
                    return Err(ConfigError::Parameters {
                        location: entry.location.clone(),
                        policy: p.id.clone(),
                        field: String::new(),
                        message: "a Gatekeeper constraint takes its parameters from its own `spec.parameters`".into(),
                    });
                }
                if pc.match_.is_some() {
                    return Err(ConfigError::Invalid {
                        location: entry.location.clone(),
                        message: format!(
                            "policy `{}`: a Gatekeeper constraint matches objects by its own `spec.match`",
                            p.id
                        ),
                    });
                }
                if pc.enabled == Some(false) {
                    run.enabled = false;
                }
                run.action = pc.enforcement_action;
            }
            runs.push(run);
        }
        Ok(runs)
    }

    /// Whether a policy (or a Gatekeeper constraint) runs under the current
    /// configuration.
    pub fn is_enabled(&self, id: &str) -> bool {
        if let Some(ci) = self
            .inner
            .gatekeeper
            .constraints()
            .iter()
            .position(|c| c.id() == id)
        {
            return self.settings.constraints.get(ci).is_none_or(|r| r.enabled);
        }
        self.inner
            .native
            .iter()
            .position(|p| p.id == id)
            .and_then(|i| self.settings.policies.get(i))
            .is_some_and(|s| s.enabled)
    }
}

impl Bundle {
    /// This bundle with other evaluation limits (time per policy and object,
    /// instruction budget); a policy past them fails with an error naming
    /// it, and every other policy's findings are still reported.
    pub fn with_limits(&self, limits: crate::Limits) -> Bundle {
        self.with_settings(|s| s.limits = limits)
    }

    /// This bundle with the inventory's indexes (`inventory_index` rules)
    /// built once per evaluation, or never, whatever the number of objects;
    /// for tests that check both give the same report.
    #[doc(hidden)]
    pub fn with_inventory_index(&self, on: bool) -> Bundle {
        self.with_settings(|s| s.force_index = Some(on))
    }

    /// This bundle forced onto (or off) the compiled fast path whatever the
    /// number of objects; for tests that check both paths agree.
    #[doc(hidden)]
    pub fn with_fast_path(&self, on: bool) -> Bundle {
        self.with_settings(|s| s.force_rvm = Some(on))
    }

    /// This bundle with its settings changed by `change`.
    fn with_settings(&self, change: impl FnOnce(&mut Settings)) -> Bundle {
        let mut s = (*self.settings).clone();
        change(&mut s);
        Bundle {
            inner: self.inner.clone(),
            settings: std::sync::Arc::new(s),
        }
    }
}
