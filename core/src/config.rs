//! The bundle configuration file: which policies run, with which parameters
//! and enforcement actions, on which objects, and the exceptions granted.
//!
//! ```yaml
//! apiVersion: kubegov.io/v1alpha1
//! kind: Config
//! select: ["pss=restricted", "category=rbac"]   # run only these (any term matches)
//! skip: ["image-tag-latest"]                    # never run these
//! match:                                        # every policy: only these objects
//!   excludedNamespaces: ["kube-*"]
//! policies:
//!   allowed-registries:
//!     enforcementAction: warn                   # deny | warn | dryrun
//!     parameters: {registries: [registry.example.com]}
//!     match: {namespaces: ["prod-*"]}
//!   container-resources:
//!     enabled: false
//!   K8sRequiredLabels/pods-need-owner:          # a Gatekeeper constraint: <kind>/<name>
//!     enforcementAction: dryrun                 # (also enabled, severity; not parameters/match)
//!     severity: high                            # any policy: its findings' severity
//! exceptions:
//!   - policy: "host-*"                          # policy id glob
//!     match: {kind: DaemonSet, namespace: monitoring, name: "node-exporter*"}
//!     reason: node metrics need the host network
//!     expires: 2027-03-31
//!     owner: team-observability
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;

use crate::error::Location;
use crate::report::Action;
use crate::selector::Match;

/// A configuration file could not be read, or does not fit the bundle.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read `{}`: {source}", path.display())]
    Io {
        /// The path.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is not valid YAML, or a field has the wrong shape.
    #[error("{location}: {message}")]
    Invalid {
        /// Where.
        location: Location,
        /// What is wrong and what to do.
        message: String,
    },
    /// The file names a policy the bundle does not have.
    #[error("{location}: no policy `{id}` in the bundle{hint}")]
    UnknownPolicy {
        /// Where.
        location: Location,
        /// The unknown id.
        id: String,
        /// A suggestion (`; did you mean ...?`), possibly empty.
        hint: String,
    },
    /// A policy's parameters do not fit its schema.
    #[error("{location}: invalid parameters for policy `{policy}`: `{field}`: {message}")]
    Parameters {
        /// Where.
        location: Location,
        /// The policy.
        policy: String,
        /// The offending field (`registries[1]`).
        field: String,
        /// What is wrong.
        message: String,
    },
    /// A `--select`/`--skip` term is malformed.
    #[error("invalid selection `{term}`: {message}")]
    Selection {
        /// The term.
        term: String,
        /// What is wrong.
        message: String,
    },
}

impl ConfigError {
    /// A stable, machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            ConfigError::Io { .. } => "config.io",
            ConfigError::Invalid { .. } => "config.invalid",
            ConfigError::UnknownPolicy { .. } => "config.unknown_policy",
            ConfigError::Parameters { .. } => "config.parameters",
            ConfigError::Selection { .. } => "config.selection",
        }
    }

    /// Where the error is, when known.
    pub fn location(&self) -> Option<Location> {
        match self {
            ConfigError::Io { path, .. } => Some(Location {
                file: Some(path.display().to_string()),
                line: 0,
                column: 0,
            }),
            ConfigError::Invalid { location, .. }
            | ConfigError::UnknownPolicy { location, .. }
            | ConfigError::Parameters { location, .. } => Some(location.clone()),
            ConfigError::Selection { .. } => None,
        }
    }
}

/// Settings for one policy.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct PolicyConfig {
    pub enabled: Option<bool>,
    #[serde(alias = "action")]
    pub enforcement_action: Option<Action>,
    pub parameters: Option<Value>,
    #[serde(rename = "match")]
    pub match_: Option<Match>,
    /// The severity of the policy's findings instead of its own.
    pub severity: Option<crate::Severity>,
}

/// The objects an exception covers (globs; absent means any).
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct ExceptionMatch {
    pub kind: Option<String>,
    pub namespace: Option<String>,
    pub name: Option<String>,
    pub api_version: Option<String>,
}

/// One entry of an exceptions list.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct ExceptionSpec {
    pub policy: String,
    #[serde(default, rename = "match")]
    pub match_: ExceptionMatch,
    pub reason: String,
    pub expires: Option<String>,
    pub owner: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ConfigFile {
    #[allow(dead_code)]
    api_version: Option<String>,
    #[allow(dead_code)]
    kind: Option<String>,
    #[serde(default)]
    select: Vec<String>,
    #[serde(default)]
    skip: Vec<String>,
    #[serde(rename = "match")]
    match_: Option<Match>,
    #[serde(default)]
    policies: BTreeMap<String, PolicyConfig>,
    #[serde(default)]
    exceptions: Vec<ExceptionSpec>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExceptionsFile {
    #[allow(dead_code)]
    #[serde(rename = "apiVersion")]
    api_version: Option<String>,
    #[allow(dead_code)]
    kind: Option<String>,
    #[serde(default)]
    exceptions: Vec<ExceptionSpec>,
}

/// An exception and where it was declared.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Exception {
    pub spec: ExceptionSpec,
    /// Days since 1970-01-01 of `expires`, if set.
    pub expires_day: Option<i64>,
    pub location: Location,
}

/// A policy's settings, as read from a file, with where each was written.
#[derive(Debug, Clone)]
pub(crate) struct PolicyEntry {
    pub config: PolicyConfig,
    pub location: Location,
    /// The file's locations and this entry's `parameters` path in it, to
    /// locate an invalid parameter exactly.
    pub locations: std::sync::Arc<crate::yaml::Locations>,
    pub parameters_path: String,
    pub file: Option<String>,
}

impl PolicyEntry {
    /// Where a parameter field (`registries[1]`) is written.
    pub(crate) fn parameter_location(&self, field: &str) -> Location {
        let path = if field.is_empty() {
            self.parameters_path.clone()
        } else if field.starts_with('[') {
            format!("{}{field}", self.parameters_path)
        } else {
            format!("{}.{field}", self.parameters_path)
        };
        let (line, column) = self.locations.resolve(&path).unwrap_or((0, 0));
        Location {
            file: self.file.clone(),
            line,
            column,
        }
    }
}

/// A parsed configuration: apply it with [`Bundle::configure`](crate::Bundle::configure).
///
/// ```
/// let config = kubegov::Config::from_yaml(
///     "policies:\n  image-tag-latest:\n    enforcementAction: warn\n",
///     Some("kubegov.yaml"),
/// )?;
/// let bundle = kubegov::Bundle::embedded()?.configure(&config)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Config {
    pub(crate) select: Vec<String>,
    pub(crate) skip: Vec<String>,
    pub(crate) match_: Option<Match>,
    pub(crate) policies: BTreeMap<String, PolicyEntry>,
    pub(crate) exceptions: Vec<Exception>,
    /// Overrides today's date (days since 1970-01-01), for reproducible runs.
    pub(crate) today: Option<i64>,
}

/// Parse YAML text, and turn a shape error into a located [`ConfigError`].
fn parse_as<T: serde::de::DeserializeOwned>(
    text: &str,
    file: Option<&str>,
) -> Result<(T, crate::yaml::Locations), ConfigError> {
    let loc = |line: u32, column: u32| Location {
        file: file.map(str::to_string),
        line,
        column,
    };
    let docs = crate::yaml::parse_stream(text, &crate::Limits::default());
    let mut it = docs.into_iter();
    let (value, locs) = match it.next().map(|d| d.result) {
        None => (
            Value::Object(Default::default()),
            crate::yaml::Locations::default(),
        ),
        Some(Ok(v)) => v,
        Some(Err(e)) => {
            return Err(ConfigError::Invalid {
                location: loc(e.line, e.column),
                message: e.message,
            })
        }
    };
    if let Some(next) = it.next() {
        return Err(ConfigError::Invalid {
            location: loc(next.pos.0, next.pos.1),
            message: "a configuration file holds one YAML document".into(),
        });
    }
    let value = if value.is_null() {
        Value::Object(Default::default())
    } else {
        value
    };
    let parsed: Result<T, _> = serde_path_to_error::deserialize(value);
    match parsed {
        Ok(v) => Ok((v, locs)),
        Err(e) => {
            let path = e.path().to_string();
            let path = if path == "." { String::new() } else { path };
            let (line, column) = locs.resolve(&path).unwrap_or((1, 1));
            Err(ConfigError::Invalid {
                location: loc(line, column),
                message: format!(
                    "{}{}",
                    if path.is_empty() {
                        String::new()
                    } else {
                        format!("`{path}`: ")
                    },
                    e.inner()
                ),
            })
        }
    }
}

/// `YYYY-MM-DD` → days since 1970-01-01.
pub(crate) fn parse_date(s: &str) -> Option<i64> {
    let mut it = s.splitn(3, '-');
    let y: i64 = it.next()?.parse().ok()?;
    let m: i64 = it.next()?.parse().ok()?;
    let d: i64 = it.next()?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || s.len() != 10 {
        return None;
    }
    // Howard Hinnant's days_from_civil
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// Today, in days since 1970-01-01 (UTC).
pub(crate) fn today() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| (d.as_secs() / 86_400) as i64)
        .unwrap_or(0)
}

fn read(path: &Path) -> Result<String, ConfigError> {
    std::fs::read_to_string(path).map_err(|source| ConfigError::Io {
        path: path.to_path_buf(),
        source,
    })
}

fn exceptions_from(
    specs: Vec<ExceptionSpec>,
    locs: &crate::yaml::Locations,
    prefix: &str,
    file: Option<&str>,
) -> Result<Vec<Exception>, ConfigError> {
    specs
        .into_iter()
        .enumerate()
        .map(|(i, spec)| {
            let at = |field: &str| {
                let p = format!("{prefix}[{i}]{field}");
                let (line, column) = locs.resolve(&p).unwrap_or((0, 0));
                Location {
                    file: file.map(str::to_string),
                    line,
                    column,
                }
            };
            if spec.reason.trim().is_empty() {
                return Err(ConfigError::Invalid {
                    location: at(".reason"),
                    message: "an exception needs a non-empty `reason`".into(),
                });
            }
            let expires_day = match &spec.expires {
                None => None,
                Some(s) => Some(parse_date(s).ok_or_else(|| ConfigError::Invalid {
                    location: at(".expires"),
                    message: format!("`expires` must be a date as YYYY-MM-DD, not `{s}`"),
                })?),
            };
            Ok(Exception {
                spec,
                expires_day,
                location: at(""),
            })
        })
        .collect()
}

impl Config {
    /// An empty configuration: every policy, default parameters, deny.
    pub fn new() -> Self {
        Config::default()
    }

    /// Read a configuration file.
    pub fn from_file(path: impl AsRef<Path>) -> Result<Self, ConfigError> {
        let path = path.as_ref();
        Config::from_yaml(&read(path)?, Some(&path.display().to_string()))
    }

    /// Parse configuration YAML; `file` is used in error locations.
    pub fn from_yaml(text: &str, file: Option<&str>) -> Result<Self, ConfigError> {
        let (cf, locs) = parse_as::<ConfigFile>(text, file)?;
        let at = |p: &str| {
            let (line, column) = locs.resolve(p).unwrap_or((0, 0));
            Location {
                file: file.map(str::to_string),
                line,
                column,
            }
        };
        if let Some(m) = &cf.match_ {
            m.check().map_err(|message| ConfigError::Invalid {
                location: at("match"),
                message,
            })?;
        }
        let mut policies = BTreeMap::new();
        let shared = std::sync::Arc::new(locs.clone());
        for (id, pc) in cf.policies {
            let base = crate::yaml::push_key("policies", &id);
            if let Some(m) = &pc.match_ {
                m.check().map_err(|message| ConfigError::Invalid {
                    location: at(&format!("{base}.match")),
                    message,
                })?;
            }
            policies.insert(
                id,
                PolicyEntry {
                    config: pc,
                    location: at(&base),
                    locations: shared.clone(),
                    parameters_path: format!("{base}.parameters"),
                    file: file.map(str::to_string),
                },
            );
        }
        let exceptions = exceptions_from(cf.exceptions, &locs, "exceptions", file)?;
        let config = Config {
            select: Vec::new(),
            skip: Vec::new(),
            match_: cf.match_,
            policies,
            exceptions,
            today: None,
        };
        let mut config = config;
        for t in cf.select {
            config.select(&t)?;
        }
        for t in cf.skip {
            config.skip(&t)?;
        }
        Ok(config)
    }

    /// Add the exceptions of an exceptions file (`exceptions:` list, or a
    /// file with `kind: Exceptions`).
    pub fn add_exceptions_file(&mut self, path: impl AsRef<Path>) -> Result<(), ConfigError> {
        let path = path.as_ref();
        let file = path.display().to_string();
        self.add_exceptions_yaml(&read(path)?, Some(&file))
    }

    /// Add exceptions from YAML text.
    pub fn add_exceptions_yaml(
        &mut self,
        text: &str,
        file: Option<&str>,
    ) -> Result<(), ConfigError> {
        let (ef, locs) = parse_as::<ExceptionsFile>(text, file)?;
        let more = exceptions_from(ef.exceptions, &locs, "exceptions", file)?;
        self.exceptions.extend(more);
        Ok(())
    }

    /// Run only policies matching one of the `select` terms: an id glob
    /// (`privileged-*`), `category=GLOB`, `severity=LEVEL` or `severity>=LEVEL`,
    /// or a control `FRAMEWORK=GLOB` (`cis=5.2.*`, `pss=baseline`;
    /// `pss=restricted` also selects the baseline checks, as the restricted
    /// profile includes them). Gatekeeper constraints loaded with a bundle
    /// are selected by the same terms, by their `<kind>/<name>` id,
    /// `category=gatekeeper` and severity.
    pub fn select(&mut self, term: &str) -> Result<&mut Self, ConfigError> {
        check_term(term)?;
        self.select.push(term.to_string());
        Ok(self)
    }

    /// Never run policies matching `term` (same syntax as [`Config::select`]).
    pub fn skip(&mut self, term: &str) -> Result<&mut Self, ConfigError> {
        check_term(term)?;
        self.skip.push(term.to_string());
        Ok(self)
    }

    /// Evaluate exceptions' expiry against this date (`YYYY-MM-DD`) instead of today.
    pub fn set_today(&mut self, date: &str) -> Result<&mut Self, ConfigError> {
        let d = parse_date(date).ok_or_else(|| ConfigError::Selection {
            term: date.to_string(),
            message: "a date must be YYYY-MM-DD".into(),
        })?;
        self.today = Some(d);
        Ok(self)
    }
}

fn check_term(term: &str) -> Result<(), ConfigError> {
    let bad = |message: &str| {
        Err(ConfigError::Selection {
            term: term.to_string(),
            message: message.to_string(),
        })
    };
    if term.trim().is_empty() {
        return bad("empty term");
    }
    if let Some(level) = term
        .strip_prefix("severity>=")
        .or_else(|| term.strip_prefix("severity="))
    {
        if crate::Severity::parse(level).is_none() {
            return bad("severity must be critical, high, medium, low or info");
        }
    }
    Ok(())
}

/// Whether a policy matches a selection term.
pub(crate) fn term_matches(term: &str, p: &crate::Policy) -> bool {
    term_matches_parts(term, &p.id, &p.category, p.severity, &p.controls)
}

fn term_matches_parts(
    term: &str,
    id: &str,
    category: &str,
    severity: crate::Severity,
    controls: &std::collections::BTreeMap<String, Vec<String>>,
) -> bool {
    if let Some(level) = term.strip_prefix("severity>=") {
        return crate::Severity::parse(level).is_some_and(|l| severity >= l);
    }
    let Some((key, pat)) = term.split_once('=') else {
        return crate::glob::matches(term, id);
    };
    match key {
        "id" => crate::glob::matches(pat, id),
        "category" => crate::glob::matches(pat, category),
        "severity" => severity.as_str() == pat,
        framework => controls.get(framework).is_some_and(|cs| {
            cs.iter().any(|c| {
                crate::glob::matches(pat, c)
                    || (framework == "pss" && pat == "restricted" && c == "baseline")
            })
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(parse_date("1970-01-01"), Some(0));
        assert_eq!(parse_date("2000-03-01"), Some(11017));
        assert_eq!(parse_date("2026-11-28"), Some(20785));
        assert_eq!(parse_date("2026-13-01"), None);
        assert_eq!(parse_date("tomorrow"), None);
    }

    #[test]
    fn shape_errors_are_located() {
        let e = Config::from_yaml(
            "policies:\n  a:\n    enforcementAction: block\n",
            Some("c.yaml"),
        )
        .unwrap_err();
        let l = e.location().unwrap();
        assert_eq!(l.line, 3, "{e}");
        assert!(e.to_string().contains("block"), "{e}");
        let e = Config::from_yaml("polices: {}\n", Some("c.yaml")).unwrap_err();
        assert!(e.to_string().contains("unknown field `polices`"), "{e}");
        let e = Config::from_yaml(
            "exceptions:\n- policy: a\n  reason: r\n  expires: soon\n",
            None,
        )
        .unwrap_err();
        assert_eq!(e.location().unwrap().line, 4, "{e}");
        let e = Config::from_yaml("exceptions:\n- policy: a\n  reason: \"\"\n", None).unwrap_err();
        assert!(e.to_string().contains("reason"));
        let e = Config::from_yaml("select: [\"severity>=urgent\"]\n", None).unwrap_err();
        assert_eq!(e.code(), "config.selection");
    }
}
