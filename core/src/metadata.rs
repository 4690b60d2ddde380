//! Reading a policy's OPA `# METADATA` annotation block (regorus does not).

use std::collections::BTreeMap;

use serde_json::Value;

use crate::error::{LoadError, Location};
use crate::limits::Limits;
use crate::policy::{KindMatch, Policy, Severity};
use crate::yaml;

/// The package of a module and the metadata block just before it, if any.
pub(crate) struct ModuleHeader {
    pub package: String,
    pub package_line: u32,
    /// The YAML of the block and the line of its `# METADATA` marker.
    pub metadata: Option<(String, u32)>,
}

/// Find the `package` line and the `# METADATA` block that annotates it.
pub(crate) fn read_header(source: &str) -> Option<ModuleHeader> {
    let mut block: Option<(String, u32)> = None;
    let mut in_block = false;
    let mut last_block: Option<(String, u32)> = None;
    for (i, line) in source.lines().enumerate() {
        let n = i as u32 + 1;
        let t = line.trim_start();
        if t.starts_with('#') {
            let body = t.trim_start_matches('#');
            if body.trim() == "METADATA" {
                in_block = true;
                block = Some((String::new(), n));
                continue;
            }
            if in_block {
                if let Some((text, _)) = block.as_mut() {
                    text.push_str(body.strip_prefix(' ').unwrap_or(body));
                    text.push('\n');
                }
            }
            continue;
        }
        if in_block {
            in_block = false;
            last_block = block.take();
        }
        if let Some(rest) = t.strip_prefix("package ") {
            let package = rest.split('#').next().unwrap_or("").trim().to_string();
            return Some(ModuleHeader {
                package,
                package_line: n,
                metadata: last_block,
            });
        }
        if !t.is_empty() {
            // a block annotates only what directly follows it
            last_block = None;
        }
    }
    None
}

fn loc(file: &str, line: u32, column: u32) -> Location {
    Location {
        file: Some(file.to_string()),
        line,
        column,
    }
}

/// Build a [`Policy`] from a module's header, checking the required fields.
pub(crate) fn parse_policy(file: &str, header: &ModuleHeader) -> Result<Policy, LoadError> {
    let Some((text, marker_line)) = &header.metadata else {
        return Err(LoadError::Metadata {
            location: loc(file, header.package_line, 1),
            message: format!(
                "package `{}` has no `# METADATA` block; add one with title, description and custom.id, custom.severity, custom.category",
                header.package
            ),
        });
    };
    let docs = yaml::parse_stream(text, &Limits::default());
    let (value, locs) = match docs.into_iter().next().map(|d| d.result) {
        Some(Ok(v)) => v,
        Some(Err(e)) => {
            return Err(LoadError::Metadata {
                location: loc(file, marker_line + e.line, e.column + 2),
                message: format!("the METADATA block is not valid YAML: {}", e.message),
            })
        }
        None => (Value::Null, yaml::Locations::default()),
    };
    let at = |path: &str| -> Location {
        match locs.resolve(path) {
            Some((l, c)) => loc(file, marker_line + l, c + 2),
            None => loc(file, *marker_line, 1),
        }
    };
    let err = |path: &str, message: String| LoadError::Metadata {
        location: at(path),
        message,
    };
    if !value.is_object() {
        return Err(err("", "the METADATA block must be a YAML mapping".into()));
    }
    let str_field = |path: &str, v: Option<&Value>| -> Result<Option<String>, LoadError> {
        match v {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.trim().to_string())),
            Some(_) => Err(err(path, format!("`{path}` must be a string"))),
        }
    };
    let required = |path: &str, v: Option<&Value>| -> Result<String, LoadError> {
        match str_field(path, v)? {
            Some(s) if !s.is_empty() => Ok(s),
            _ => Err(err(
                path,
                format!("required metadata field `{path}` is missing or empty"),
            )),
        }
    };
    let title = required("title", value.get("title"))?;
    let description = required("description", value.get("description"))?;
    let custom = value.get("custom").cloned().unwrap_or(Value::Null);
    let id = required("custom.id", custom.get("id"))?;
    if !is_kebab(&id) {
        return Err(err(
            "custom.id",
            format!("policy id `{id}` must be kebab-case (lowercase letters, digits and `-`)"),
        ));
    }
    let sev_text = required("custom.severity", custom.get("severity"))?;
    let severity = Severity::parse(&sev_text).ok_or_else(|| {
        err(
            "custom.severity",
            format!("severity `{sev_text}` is not one of critical, high, medium, low, info"),
        )
    })?;
    let category = required("custom.category", custom.get("category"))?;
    let remediation = str_field("custom.remediation", custom.get("remediation"))?;
    let kinds = parse_kinds(custom.get("kinds")).map_err(|m| err("custom.kinds", m))?;
    let controls = parse_controls(custom.get("controls")).map_err(|m| err("custom.controls", m))?;
    let parameters = match custom.get("parameters") {
        None | Some(Value::Null) => None,
        Some(v @ Value::Object(_)) => Some(v.clone()),
        Some(_) => {
            return Err(err(
                "custom.parameters",
                "`custom.parameters` must be a JSON Schema object".into(),
            ))
        }
    };
    let interpreter_only = match custom.get("engine").and_then(Value::as_str) {
        None | Some("auto") => false,
        Some("interpreter") => true,
        Some(other) => {
            return Err(err(
                "custom.engine",
                format!("engine `{other}` must be `auto` or `interpreter`"),
            ))
        }
    };
    let related_resources = match value.get("related_resources") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|i| match i {
                Value::String(s) => Some(s.clone()),
                Value::Object(o) => o.get("ref").and_then(Value::as_str).map(str::to_string),
                _ => None,
            })
            .collect(),
        Some(_) => {
            return Err(err(
                "related_resources",
                "`related_resources` must be a list".into(),
            ))
        }
    };
    Ok(Policy {
        id,
        title,
        description,
        severity,
        category,
        controls,
        kinds,
        parameters,
        remediation,
        related_resources,
        package: header.package.clone(),
        file: file.to_string(),
        deny_rules: Vec::new(),
        warn_rules: Vec::new(),
        conftest: false,
        interpreter_only,
        enforcement_action: None,
    })
}

/// A conftest-style module (no METADATA): its id is its package, kebab-cased.
pub(crate) fn conftest_policy(file: &str, header: &ModuleHeader) -> Policy {
    let id: String = header
        .package
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    Policy {
        id,
        title: format!("conftest policy `{}`", header.package),
        description: format!("Rules `deny`, `violation` and `warn` of package `{}` (conftest style: the input is the object itself).", header.package),
        severity: Severity::Medium,
        category: "conftest".into(),
        controls: BTreeMap::new(),
        kinds: Vec::new(),
        parameters: None,
        remediation: None,
        related_resources: Vec::new(),
        package: header.package.clone(),
        file: file.to_string(),
        deny_rules: Vec::new(),
        warn_rules: Vec::new(),
        conftest: true,
        interpreter_only: true,
        enforcement_action: None,
    }
}

fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn string_list(v: &Value) -> Option<Vec<String>> {
    match v {
        Value::String(s) => Some(vec![s.clone()]),
        Value::Array(items) => items
            .iter()
            .map(|i| match i {
                Value::String(s) => Some(s.clone()),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            })
            .collect(),
        _ => None,
    }
}

fn parse_kinds(v: Option<&Value>) -> Result<Vec<KindMatch>, String> {
    let Some(v) = v else { return Ok(Vec::new()) };
    let Value::Array(items) = v else {
        return Err("`custom.kinds` must be a list of {apiGroups, kinds}".into());
    };
    items
        .iter()
        .map(|item| {
            let groups = item.get("apiGroups").map(string_list);
            let kinds = item.get("kinds").map(string_list);
            match (groups, kinds) {
                (Some(Some(api_groups)), Some(Some(kinds))) => Ok(KindMatch { api_groups, kinds }),
                (None, Some(Some(kinds))) => Ok(KindMatch {
                    api_groups: vec!["*".into()],
                    kinds,
                }),
                _ => Err("each entry of `custom.kinds` needs `kinds` (and optionally `apiGroups`) as lists of strings".into()),
            }
        })
        .collect()
}

fn parse_controls(v: Option<&Value>) -> Result<BTreeMap<String, Vec<String>>, String> {
    let Some(v) = v else {
        return Ok(BTreeMap::new());
    };
    let Value::Object(map) = v else {
        return Err(
            "`custom.controls` must map a framework to a control or a list of controls".into(),
        );
    };
    map.iter()
        .map(|(k, v)| {
            string_list(v).map(|l| (k.clone(), l)).ok_or_else(|| {
                format!("`custom.controls.{k}` must be a string or a list of strings")
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "# a comment\n# METADATA\n# title: No privileged containers\n# description: |\n#   Privileged containers share the host.\n# custom:\n#   id: privileged-containers\n#   severity: critical\n#   category: workload\n#   kinds:\n#   - apiGroups: [\"\"]\n#     kinds: [Pod]\n#   controls:\n#     pss: baseline\n#     cis: [\"5.2.1\"]\npackage kubegov.workload.privileged_containers\n\nimport rego.v1\n";

    #[test]
    fn reads_a_complete_block() {
        let h = read_header(GOOD).unwrap();
        assert_eq!(h.package, "kubegov.workload.privileged_containers");
        let p = parse_policy("p.rego", &h).unwrap();
        assert_eq!(p.id, "privileged-containers");
        assert_eq!(p.severity, Severity::Critical);
        assert_eq!(p.controls["pss"], vec!["baseline"]);
        assert!(p.applies_to("", "Pod"));
        assert!(!p.applies_to("apps", "Deployment"));
    }

    #[test]
    fn bad_severity_is_located() {
        let src = GOOD.replace("severity: critical", "severity: urgent");
        let h = read_header(&src).unwrap();
        let e = parse_policy("p.rego", &h).unwrap_err();
        let l = e.location().unwrap();
        assert_eq!((l.line, l.column), (8, 5), "{e}");
        assert!(e.to_string().contains("`urgent`"));
    }

    #[test]
    fn missing_id_and_missing_block() {
        let src = GOOD.replace("#   id: privileged-containers\n", "");
        let e = parse_policy("p.rego", &read_header(&src).unwrap()).unwrap_err();
        assert!(e.to_string().contains("custom.id"), "{e}");
        let e = parse_policy("p.rego", &read_header("package a.b\n").unwrap()).unwrap_err();
        assert_eq!(e.location().unwrap().line, 1);
    }
}
