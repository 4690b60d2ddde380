//! Compiling a bundle's modules and evaluating objects against them.

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;
use regorus::Value as RValue;

use crate::bundle::{Bundle, BundleFile};
use crate::bundle::FileKind;
use crate::error::{rego_error, LoadError, Location};
use crate::metadata;
use crate::objects::Object;
use crate::policy::Policy;
use crate::report::{
    Action, BundleInfo, Finding, ObjectRef, PolicyRef, Report, ReportError, SourceRef, Status,
};
use crate::Objects;

/// One policy ready to run.
#[derive(Debug, Clone)]
struct Runnable {
    kinds: Vec<crate::policy::KindMatch>,
    remediation: Option<String>,
    violation: Option<String>,
    warn: Option<String>,
    parameters: RValue,
    policy_ref: PolicyRef,
}

/// The compiled form of a bundle: a prepared engine to clone per worker.
#[derive(Clone)]
pub(crate) struct Evaluator {
    template: regorus::Engine,
    base_data: RValue,
    runnables: Vec<Runnable>,
    uses_inventory: bool,
}

impl std::fmt::Debug for Evaluator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Evaluator")
            .field("policies", &self.runnables.len())
            .finish()
    }
}

fn data_err(file: &str, line: u32, column: u32, message: String) -> LoadError {
    LoadError::Data {
        location: Location {
            file: Some(file.to_string()),
            line,
            column,
        },
        message,
    }
}

/// Parse a data file into a value nested at its folder's path.
pub(crate) fn data_value(f: &BundleFile) -> Result<serde_json::Value, LoadError> {
    let docs = crate::yaml::parse_stream(&f.content, &crate::Limits::default());
    let mut value = match docs.into_iter().next().map(|d| d.result) {
        None => serde_json::Value::Object(Default::default()),
        Some(Ok((v, _))) => v,
        Some(Err(e)) => return Err(data_err(&f.path, e.line, e.column, e.message)),
    };
    if !value.is_object() {
        return Err(data_err(&f.path, 1, 1, "a data document must be a mapping".into()));
    }
    for key in f.data_path().into_iter().rev() {
        let mut m = serde_json::Map::new();
        m.insert(key.to_string(), value);
        value = serde_json::Value::Object(m);
    }
    Ok(value)
}

/// Deep-merge `new` into `base`; two different values at one path conflict.
pub(crate) fn merge_json(base: &mut serde_json::Value, new: serde_json::Value, path: &str) -> Result<(), String> {
    match (base, new) {
        (serde_json::Value::Object(b), serde_json::Value::Object(n)) => {
            for (k, v) in n {
                let p = format!("{path}.{k}");
                match b.get_mut(&k) {
                    Some(existing) => merge_json(existing, v, &p)?,
                    None => {
                        b.insert(k, v);
                    }
                }
            }
            Ok(())
        }
        (b, n) if *b == n => Ok(()),
        _ => Err(format!("two data files set `{path}` to different values")),
    }
}

/// Parameter defaults from a JSON Schema: `properties.<name>.default`.
pub(crate) fn schema_defaults(schema: Option<&serde_json::Value>) -> serde_json::Value {
    let mut out = serde_json::Map::new();
    if let Some(props) = schema
        .and_then(|s| s.get("properties"))
        .and_then(serde_json::Value::as_object)
    {
        for (k, v) in props {
            if let Some(d) = v.get("default") {
                out.insert(k.clone(), d.clone());
            }
        }
    }
    serde_json::Value::Object(out)
}

impl Evaluator {
    /// Parse, check and compile every module of a bundle.
    pub(crate) fn compile(files: &[BundleFile]) -> Result<(Evaluator, Vec<Policy>), LoadError> {
        let mut engine = regorus::Engine::new();
        engine.set_strict_builtin_errors(false);
        let mut policies: Vec<Policy> = Vec::new();
        let mut base_json = serde_json::Value::Object(Default::default());
        let mut uses_inventory = false;
        for f in files {
            match f.kind() {
                FileKind::Module => {
                    engine.set_rego_v0(f.rego_v0);
                    engine
                        .add_policy(f.path.clone(), f.content.clone())
                        .map_err(|e| rego_error(&e, &f.path))?;
                    uses_inventory |= f.content.contains("inventory");
                    let declares = |rule: &str| {
                        engine
                            .has_declared_rule_rooted_at(&f.path, rule)
                            .unwrap_or(false)
                    };
                    let has_violation = declares("violation");
                    let has_warn = declares("warn");
                    if !(has_violation || has_warn) {
                        continue; // a library module
                    }
                    let header = metadata::read_header(&f.content).ok_or_else(|| LoadError::Metadata {
                        location: Location {
                            file: Some(f.path.clone()),
                            line: 1,
                            column: 1,
                        },
                        message: "module has no `package` line".into(),
                    })?;
                    let mut p = metadata::parse_policy(&f.path, &header)?;
                    p.has_violation = has_violation;
                    p.has_warn = has_warn;
                    if let Some(other) = policies.iter().find(|o| o.id == p.id) {
                        return Err(LoadError::DuplicatePolicy {
                            id: p.id.clone(),
                            location: Location {
                                file: Some(f.path.clone()),
                                line: 1,
                                column: 1,
                            },
                            other: other.file.clone(),
                        });
                    }
                    policies.push(p);
                }
                FileKind::Data => {
                    let v = data_value(f)?;
                    merge_json(&mut base_json, v, "data")
                        .map_err(|m| data_err(&f.path, 0, 0, m))?;
                }
                FileKind::Test | FileKind::Other => {}
            }
        }
        let base_data = RValue::from(base_json);
        engine
            .add_data(base_data.clone())
            .map_err(|e| data_err("data", 0, 0, e.to_string()))?;
        // Prepare once (analysis, scheduling) so clones start ready, and surface
        // compile errors (unknown functions, unsafe variables) at load time.
        engine
            .eval_query("true".into(), false)
            .map_err(|e| rego_error(&e, "bundle"))?;
        policies.sort_by(|a, b| a.id.cmp(&b.id));
        let runnables = policies
            .iter()
            .map(|p| Runnable {
                kinds: p.kinds.clone(),
                remediation: p.remediation.clone(),
                violation: p.has_violation.then(|| format!("data.{}.violation", p.package)),
                warn: p.has_warn.then(|| format!("data.{}.warn", p.package)),
                parameters: RValue::from(schema_defaults(p.parameters.as_ref())),
                policy_ref: PolicyRef {
                    id: p.id.clone(),
                    title: p.title.clone(),
                    severity: p.severity,
                    category: p.category.clone(),
                    controls: p.controls.clone(),
                },
            })
            .collect();
        Ok((
            Evaluator {
                template: engine,
                base_data,
                runnables,
                uses_inventory,
            },
            policies,
        ))
    }
}

/// An engine borrowed from the bundle's pool, returned on drop.
struct Lease<'b> {
    engine: Option<regorus::Engine>,
    bundle: &'b Bundle,
}

impl Drop for Lease<'_> {
    fn drop(&mut self) {
        if let (Some(e), Ok(mut pool)) = (self.engine.take(), self.bundle.inner.pool.lock()) {
            pool.push(e);
        }
    }
}

/// Split `apps/v1` into (`apps`, `v1`); `v1` into (``, `v1`).
pub(crate) fn group_version(api_version: &str) -> (&str, &str) {
    match api_version.rsplit_once('/') {
        Some((g, v)) => (g, v),
        None => ("", api_version),
    }
}

fn rstr(s: &str) -> RValue {
    RValue::from(s)
}

fn obj(pairs: Vec<(&str, RValue)>) -> RValue {
    let map: BTreeMap<RValue, RValue> = pairs.into_iter().map(|(k, v)| (rstr(k), v)).collect();
    RValue::from(map)
}

/// Gatekeeper's `data.inventory`: cluster-scoped objects under
/// `cluster[apiVersion][kind][name]`, namespaced ones under
/// `namespace[ns][apiVersion][kind][name]`.
fn inventory(objects: &[(ObjectRef, RValue)]) -> RValue {
    let mut cluster: BTreeMap<String, BTreeMap<String, BTreeMap<String, RValue>>> = BTreeMap::new();
    #[allow(clippy::type_complexity)]
    let mut namespaced: BTreeMap<String, BTreeMap<String, BTreeMap<String, BTreeMap<String, RValue>>>> =
        BTreeMap::new();
    for (r, v) in objects {
        match &r.namespace {
            None => {
                cluster
                    .entry(r.api_version.clone())
                    .or_default()
                    .entry(r.kind.clone())
                    .or_default()
                    .insert(r.name.clone(), v.clone());
            }
            Some(ns) => {
                namespaced
                    .entry(ns.clone())
                    .or_default()
                    .entry(r.api_version.clone())
                    .or_default()
                    .entry(r.kind.clone())
                    .or_default()
                    .insert(r.name.clone(), v.clone());
            }
        }
    }
    fn to_r<V, F: Fn(V) -> RValue>(m: BTreeMap<String, V>, f: F) -> RValue {
        RValue::from(
            m.into_iter()
                .map(|(k, v)| (rstr(&k), f(v)))
                .collect::<BTreeMap<_, _>>(),
        )
    }
    let cluster = to_r(cluster, |av| to_r(av, |k| to_r(k, |v| v)));
    let namespaced = to_r(namespaced, |ns| to_r(ns, |av| to_r(av, |k| to_r(k, |v| v))));
    obj(vec![(
        "inventory",
        obj(vec![("cluster", cluster), ("namespace", namespaced)]),
    )])
}

fn review_value(o: &Object, oref: &ObjectRef, object: RValue) -> RValue {
    let (group, version) = group_version(&oref.api_version);
    let mut review = vec![
        ("object", object),
        (
            "kind",
            obj(vec![
                ("group", rstr(group)),
                ("version", rstr(version)),
                ("kind", rstr(&oref.kind)),
            ]),
        ),
        ("name", rstr(&oref.name)),
        ("operation", rstr(&o.review.operation)),
    ];
    if let Some(ns) = &oref.namespace {
        review.push(("namespace", rstr(ns)));
    }
    let extra = [
        ("oldObject", &o.review.old_object),
        ("userInfo", &o.review.user_info),
        ("uid", &o.review.uid),
        ("dryRun", &o.review.dry_run),
    ];
    for (k, v) in extra {
        if let Some(v) = v {
            review.push((k, RValue::from(v.clone())));
        }
    }
    obj(review)
}

/// One object's findings and errors.
type Outcome = (Vec<Finding>, Vec<ReportError>);

impl Bundle {
    /// Evaluate every applicable policy on every object, in parallel, and
    /// return a deterministic report.
    ///
    /// ```
    /// let bundle = kubegov::Bundle::embedded()?;
    /// let objects = kubegov::Objects::from_text(
    ///     "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    securityContext: {privileged: true}\n",
    ///     Some("pod.yaml"),
    /// );
    /// let report = bundle.evaluate(&objects);
    /// assert!(report.findings().iter().any(|f| f.policy.id == "privileged-containers"));
    /// # Ok::<(), kubegov::LoadError>(())
    /// ```
    pub fn evaluate(&self, objects: &Objects) -> Report {
        let ev = &self.inner.evaluator;
        let refs: Vec<ObjectRef> = objects.objects.iter().map(Object::object_ref).collect();
        let values: Vec<RValue> = objects
            .objects
            .par_iter()
            .map(|o| RValue::from(o.value.clone()))
            .collect();
        let inv = if ev.uses_inventory {
            let pairs: Vec<(ObjectRef, RValue)> =
                refs.iter().cloned().zip(values.iter().cloned()).collect();
            Some(Arc::new(inventory(&pairs)))
        } else {
            None
        };
        let outcomes: Vec<Outcome> = objects
            .objects
            .par_iter()
            .zip(refs.par_iter())
            .zip(values.par_iter())
            .map_init(
                || self.lease(inv.as_deref()),
                |lease, ((o, r), v)| match lease.engine.as_mut() {
                    Some(engine) => eval_object(ev, engine, o, r, v.clone()),
                    None => (Vec::new(), Vec::new()),
                },
            )
            .collect();
        let mut findings = Vec::new();
        let mut errors = objects.errors.clone();
        for (f, e) in outcomes {
            findings.extend(f);
            errors.extend(e);
        }
        Report::new(
            BundleInfo {
                digest: self.inner.digest.clone(),
                policies: self.inner.policies.len(),
            },
            objects.objects.len(),
            findings,
            errors,
        )
    }

    fn lease(&self, inventory: Option<&RValue>) -> Lease<'_> {
        let pooled = self.inner.pool.lock().ok().and_then(|mut p| p.pop());
        let mut engine = pooled.unwrap_or_else(|| self.inner.evaluator.template.clone());
        // Inventory changes with every evaluation: reset to the bundle's data, then add it.
        if self.inner.evaluator.uses_inventory {
            engine.clear_data();
            let _ = engine.add_data(self.inner.evaluator.base_data.clone());
            if let Some(inv) = inventory {
                let _ = engine.add_data(inv.clone());
            }
        }
        Lease {
            engine: Some(engine),
            bundle: self,
        }
    }
}

fn eval_object(
    ev: &Evaluator,
    engine: &mut regorus::Engine,
    o: &Object,
    oref: &ObjectRef,
    value: RValue,
) -> Outcome {
    let (group, _) = group_version(&oref.api_version);
    let review = review_value(o, oref, value);
    let mut findings = Vec::new();
    let mut errors = Vec::new();
    for run in &ev.runnables {
        if !run.kinds.is_empty() && !run.kinds.iter().any(|k| k.matches(group, &oref.kind)) {
            continue;
        }
        engine.set_input(obj(vec![
            ("review", review.clone()),
            ("parameters", run.parameters.clone()),
        ]));
        let rules = [(&run.violation, Action::Deny), (&run.warn, Action::Warn)];
        for (rule, action) in rules {
            let Some(rule) = rule else { continue };
            match engine.eval_rule(rule.clone()) {
                Ok(v) => collect(&v, action, run, o, oref, &mut findings),
                Err(e) => {
                    let (_, message) = crate::error::split_rego_diagnostic(&e.to_string(), "");
                    errors.push(ReportError {
                        file: o.source.file.clone(),
                        line: o.source.line,
                        column: o.source.column,
                        document: o.source.document,
                        code: "eval.policy".into(),
                        policy: Some(run.policy_ref.id.clone()),
                        message: format!("policy `{}` failed on {oref}: {message}", run.policy_ref.id),
                    });
                }
            }
        }
    }
    (findings, errors)
}

fn collect(
    v: &RValue,
    action: Action,
    run: &Runnable,
    o: &Object,
    oref: &ObjectRef,
    out: &mut Vec<Finding>,
) {
    let items: Vec<&RValue> = match v {
        RValue::Set(s) => s.iter().collect(),
        RValue::Array(a) => a.iter().collect(),
        _ => return,
    };
    for item in items {
        let (message, details, path) = match item {
            RValue::String(s) => (s.to_string(), None, None),
            RValue::Object(_) => {
                let msg = match &item[&rstr("msg")] {
                    RValue::String(s) => s.to_string(),
                    RValue::Undefined => String::from("policy violated"),
                    other => other.to_json_str().unwrap_or_default(),
                };
                let details = match &item[&rstr("details")] {
                    RValue::Undefined | RValue::Null => None,
                    d => d.to_json_str().ok().and_then(|s| serde_json::from_str(&s).ok()),
                };
                let path = match &item[&rstr("path")] {
                    RValue::String(s) if !s.is_empty() => Some(s.to_string()),
                    _ => None,
                };
                (msg, details, path)
            }
            other => (other.to_json_str().unwrap_or_default(), None, None),
        };
        let (line, column) = path
            .as_deref()
            .and_then(|p| o.locate(p))
            .unwrap_or((o.source.line, o.source.column));
        out.push(Finding {
            policy: run.policy_ref.clone(),
            action,
            status: Status::Violation,
            message,
            object: oref.clone(),
            source: SourceRef {
                file: o.source.file.clone(),
                line,
                column,
                document: o.source.document,
            },
            path,
            remediation: run.remediation.clone(),
            details,
            exception: None,
        });
    }
}
