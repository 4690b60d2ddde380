//! Validating policy parameters against the JSON Schema a policy declares.
//!
//! The subset policies use: `type` (one or a list), `enum`, `const`,
//! `properties`, `required`, `additionalProperties`, `items`, `minItems`,
//! `maxItems`, `uniqueItems`, `minimum`, `maximum`, `minLength`, `maxLength`,
//! `pattern`. Unknown keywords are ignored, as JSON Schema prescribes.

use serde_json::Value;

/// A value at `path` breaks the schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SchemaViolation {
    /// Where (`registries[1]`), empty for the root.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn has_type(v: &Value, t: &str) -> bool {
    let actual = type_name(v);
    actual == t
        || (t == "number" && actual == "integer")
        || (t == "integer" && v.as_f64().is_some_and(|f| f.fract() == 0.0))
}

fn join(path: &str, key: &str) -> String {
    crate::yaml::push_key(path, key)
}

/// Validate `value` against `schema`, returning the first violation.
pub(crate) fn validate(schema: &Value, value: &Value, path: &str) -> Result<(), SchemaViolation> {
    let fail = |message: String| {
        Err(SchemaViolation {
            path: path.to_string(),
            message,
        })
    };
    let Some(s) = schema.as_object() else {
        return Ok(());
    };
    if let Some(t) = s.get("type") {
        let types: Vec<&str> = match t {
            Value::String(t) => vec![t.as_str()],
            Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        if !types.is_empty() && !types.iter().any(|t| has_type(value, t)) {
            return fail(format!(
                "expected {}, found {}",
                types.join(" or "),
                type_name(value)
            ));
        }
    }
    if let Some(Value::Array(options)) = s.get("enum") {
        if !options.contains(value) {
            let list: Vec<String> = options.iter().map(Value::to_string).collect();
            return fail(format!("`{value}` is not one of {}", list.join(", ")));
        }
    }
    if let Some(c) = s.get("const") {
        if c != value {
            return fail(format!("must be `{c}`"));
        }
    }
    match value {
        Value::Object(map) => {
            if let Some(Value::Array(req)) = s.get("required") {
                for r in req.iter().filter_map(Value::as_str) {
                    if !map.contains_key(r) {
                        return fail(format!("required field `{r}` is missing"));
                    }
                }
            }
            let props = s.get("properties").and_then(Value::as_object);
            for (k, v) in map {
                let sub = join(path, k);
                match props.and_then(|p| p.get(k)) {
                    Some(ps) => validate(ps, v, &sub)?,
                    None => match s.get("additionalProperties") {
                        Some(Value::Bool(false)) => {
                            let known: Vec<&String> =
                                props.map(|p| p.keys().collect()).unwrap_or_default();
                            return Err(SchemaViolation {
                                path: sub,
                                message: format!(
                                    "unknown field `{k}`{}",
                                    if known.is_empty() {
                                        String::new()
                                    } else {
                                        format!(
                                            " (known: {})",
                                            known
                                                .iter()
                                                .map(|k| k.as_str())
                                                .collect::<Vec<_>>()
                                                .join(", ")
                                        )
                                    }
                                ),
                            });
                        }
                        Some(extra @ Value::Object(_)) => validate(extra, v, &sub)?,
                        _ => {}
                    },
                }
            }
        }
        Value::Array(items) => {
            let n = items.len() as u64;
            if let Some(min) = s.get("minItems").and_then(Value::as_u64) {
                if n < min {
                    return fail(format!("needs at least {min} items, has {n}"));
                }
            }
            if let Some(max) = s.get("maxItems").and_then(Value::as_u64) {
                if n > max {
                    return fail(format!("takes at most {max} items, has {n}"));
                }
            }
            if s.get("uniqueItems") == Some(&Value::Bool(true)) {
                for (i, a) in items.iter().enumerate() {
                    if items.iter().skip(i + 1).any(|b| a == b) {
                        return fail(format!("items must be unique; `{a}` repeats"));
                    }
                }
            }
            if let Some(is) = s.get("items") {
                for (i, item) in items.iter().enumerate() {
                    validate(is, item, &crate::yaml::push_index(path, i))?;
                }
            }
        }
        Value::String(text) => {
            let len = text.chars().count() as u64;
            if let Some(min) = s.get("minLength").and_then(Value::as_u64) {
                if len < min {
                    return fail(format!("must be at least {min} characters long"));
                }
            }
            if let Some(max) = s.get("maxLength").and_then(Value::as_u64) {
                if len > max {
                    return fail(format!("must be at most {max} characters long"));
                }
            }
            if let Some(p) = s.get("pattern").and_then(Value::as_str) {
                match regex::Regex::new(p) {
                    Ok(re) if !re.is_match(text) => {
                        return fail(format!("`{text}` does not match the pattern `{p}`"))
                    }
                    _ => {}
                }
            }
        }
        Value::Number(n) => {
            let x = n.as_f64().unwrap_or(0.0);
            if let Some(min) = s.get("minimum").and_then(Value::as_f64) {
                if x < min {
                    return fail(format!("must be at least {min}"));
                }
            }
            if let Some(max) = s.get("maximum").and_then(Value::as_f64) {
                if x > max {
                    return fail(format!("must be at most {max}"));
                }
            }
        }
        _ => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn validates_the_subset() {
        let schema = json!({"type": "object", "additionalProperties": false, "properties": {
            "registries": {"type": "array", "items": {"type": "string", "pattern": "^[a-z0-9.-]+(:[0-9]+)?$"}},
            "min": {"type": "integer", "minimum": 1},
            "mode": {"enum": ["warn", "deny"]}
        }});
        assert!(validate(
            &schema,
            &json!({"registries": ["registry.example.com"], "min": 2}),
            ""
        )
        .is_ok());
        let e = validate(&schema, &json!({"registries": ["ok.io", 3]}), "").unwrap_err();
        assert_eq!(e.path, "registries[1]");
        assert!(e.message.contains("expected string"));
        let e = validate(&schema, &json!({"min": 0}), "").unwrap_err();
        assert_eq!(
            (e.path.as_str(), e.message.as_str()),
            ("min", "must be at least 1")
        );
        let e = validate(&schema, &json!({"registry": []}), "").unwrap_err();
        assert!(e.message.starts_with("unknown field `registry`"), "{e:?}");
        let e = validate(&schema, &json!({"mode": "audit"}), "").unwrap_err();
        assert!(e.message.contains("not one of"));
        let e = validate(&schema, &json!({"registries": ["Bad Host"]}), "").unwrap_err();
        assert!(e.message.contains("pattern"));
    }
}
