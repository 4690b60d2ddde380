//! Compiling a bundle's modules and evaluating objects against them.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use regorus::Value as RValue;

use crate::bundle::FileKind;
use crate::bundle::{Bundle, BundleFile};
use crate::error::{rego_error, LoadError, Location};
use crate::metadata;
use crate::objects::Object;
use crate::policy::Policy;
use crate::report::{
    Action, BundleInfo, Finding, Notice, ObjectRef, PolicyRef, Report, ReportError, SourceRef,
    Status,
};
use crate::selector::{engine_labels_of, Facts, Match};
use crate::settings::{PolicySettings, Settings};
use crate::Objects;

/// One policy ready to run.
#[derive(Debug, Clone)]
struct Runnable {
    kinds: Vec<crate::policy::KindMatch>,
    remediation: Option<Arc<str>>,
    /// Rules whose results deny (`violation`, and `deny` for conftest).
    deny_rules: Vec<String>,
    /// Rules whose results warn.
    warn_rules: Vec<String>,
    /// conftest style: the raw object is the input.
    conftest: bool,
    policy_ref: Arc<PolicyRef>,
}

/// The compiled form of a bundle: a prepared engine to clone per worker.
#[derive(Clone)]
pub(crate) struct Evaluator {
    /// Every module; built at load, or on first need for the built-in
    /// library when its analysis is precompiled (`None`: it does not build).
    template: std::sync::OnceLock<Option<regorus::Engine>>,
    base_data: RValue,
    runnables: Vec<Runnable>,
    uses_inventory: bool,
    /// Packages declaring an `inventory_index` rule, built once per
    /// evaluation (see [`INDEX_RULE`]).
    index_packages: Vec<String>,
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
        return Err(data_err(
            &f.path,
            1,
            1,
            "a data document must be a mapping".into(),
        ));
    }
    for key in f.data_path().into_iter().rev() {
        let mut m = serde_json::Map::new();
        m.insert(key.to_string(), value);
        value = serde_json::Value::Object(m);
    }
    Ok(value)
}

/// Deep-merge `new` into `base`; two different values at one path conflict.
pub(crate) fn merge_json(
    base: &mut serde_json::Value,
    new: serde_json::Value,
    path: &str,
) -> Result<(), String> {
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

fn existing_has(engine: &regorus::Engine, file: &str, rule: &str) -> bool {
    engine
        .has_declared_rule_rooted_at(file, rule)
        .unwrap_or(false)
}

impl Evaluator {
    /// Parse, check and compile every module of a bundle; `prepare` also
    /// analyses and schedules them now (else on first evaluation).
    pub(crate) fn compile(
        files: &[BundleFile],
        prepare: bool,
    ) -> Result<(Evaluator, Vec<Policy>), LoadError> {
        let mut engine = regorus::Engine::new();
        engine.set_strict_builtin_errors(false);
        let mut policies: Vec<Policy> = Vec::new();
        let mut index_packages = Vec::new();
        for f in files {
            match f.kind() {
                FileKind::Module => {
                    if let Some((line, column)) = crate::limits::rego_too_deep(&f.content) {
                        return Err(LoadError::Rego {
                            location: Location {
                                file: Some(f.path.clone()),
                                line,
                                column,
                            },
                            message: crate::limits::rego_too_deep_message(),
                            detail: String::new(),
                        });
                    }
                    engine.set_rego_v0(f.rego_v0);
                    engine
                        .add_policy(f.path.clone(), f.content.clone())
                        .map_err(|e| rego_error(&e, &f.path))?;
                    let declares = |rule: &str| {
                        engine
                            .has_declared_rule_rooted_at(&f.path, rule)
                            .unwrap_or(false)
                    };
                    if declares(INDEX_RULE) {
                        if let Some(h) = metadata::read_header(&f.content) {
                            if !index_packages.contains(&h.package) {
                                index_packages.push(h.package);
                            }
                        }
                    }
                    let has_violation = declares("violation");
                    let has_warn = declares("warn");
                    let has_deny = declares("deny");
                    if !(has_violation || has_warn || has_deny) {
                        continue; // a library module
                    }
                    let header =
                        metadata::read_header(&f.content).ok_or_else(|| LoadError::Metadata {
                            location: Location {
                                file: Some(f.path.clone()),
                                line: 1,
                                column: 1,
                            },
                            message: "module has no `package` line".into(),
                        })?;
                    // conftest: `package main` (or any package with `deny`
                    // rules) and no METADATA block; the raw object is the input.
                    let conftest = header.metadata.is_none()
                        && (header.package == "main"
                            || header.package.starts_with("main.")
                            || has_deny);
                    let mut p = if conftest {
                        metadata::conftest_policy(&f.path, &header)
                    } else {
                        metadata::parse_policy(&f.path, &header)?
                    };
                    p.conftest = conftest;
                    if conftest {
                        // conftest merges every file of a package
                        if let Some(existing) = policies
                            .iter_mut()
                            .find(|o| o.conftest && o.package == p.package)
                        {
                            for r in [&mut existing.deny_rules, &mut existing.warn_rules] {
                                r.clear();
                            }
                            if has_violation || existing_has(&engine, &existing.file, "violation") {
                                existing.deny_rules.push("violation".into());
                            }
                            if has_deny || existing_has(&engine, &existing.file, "deny") {
                                existing.deny_rules.push("deny".into());
                            }
                            if has_warn || existing_has(&engine, &existing.file, "warn") {
                                existing.warn_rules.push("warn".into());
                            }
                            continue;
                        }
                    }
                    if has_violation {
                        p.deny_rules.push("violation".into());
                    }
                    if has_deny && conftest {
                        p.deny_rules.push("deny".into());
                    }
                    if has_warn {
                        p.warn_rules.push("warn".into());
                    }
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
                FileKind::Data | FileKind::Test | FileKind::Gatekeeper | FileKind::Other => {}
            }
        }
        let base_data = RValue::from(base_data(files)?);
        engine
            .add_data(base_data.clone())
            .map_err(|e| data_err("data", 0, 0, e.to_string()))?;
        // Prepare once (analysis, scheduling) so clones start ready, and surface
        // compile errors (unknown functions, unsafe variables) at load time.
        if prepare {
            engine
                .eval_query("true".into(), false)
                .map_err(|e| rego_error(&e, "bundle"))?;
        }
        policies.sort_by(|a, b| a.id.cmp(&b.id));
        let ev = Evaluator::new(
            files,
            std::sync::OnceLock::from(Some(engine)),
            base_data,
            &policies,
            index_packages,
        );
        Ok((ev, policies))
    }

    /// The evaluator of a bundle whose analysis (its policies, the packages
    /// declaring an inventory index) is known: its engine is built on
    /// first need.
    pub(crate) fn analysed(
        files: &[BundleFile],
        policies: &[Policy],
        index_packages: Vec<String>,
    ) -> Result<Evaluator, LoadError> {
        let base_data = RValue::from(base_data(files)?);
        Ok(Evaluator::new(
            files,
            std::sync::OnceLock::new(),
            base_data,
            policies,
            index_packages,
        ))
    }

    /// The packages declaring an inventory index.
    #[cfg(test)]
    pub(crate) fn index_packages(&self) -> &[String] {
        &self.index_packages
    }

    fn new(
        files: &[BundleFile],
        template: std::sync::OnceLock<Option<regorus::Engine>>,
        base_data: RValue,
        policies: &[Policy],
        index_packages: Vec<String>,
    ) -> Evaluator {
        let uses_inventory = files
            .iter()
            .any(|f| f.kind() == FileKind::Module && f.content.contains("inventory"));
        let runnables = policies
            .iter()
            .map(|p| Runnable {
                kinds: p.kinds.clone(),
                remediation: p.remediation.as_deref().map(Arc::from),
                deny_rules: p
                    .deny_rules
                    .iter()
                    .map(|r| format!("data.{}.{r}", p.package))
                    .collect(),
                warn_rules: p
                    .warn_rules
                    .iter()
                    .map(|r| format!("data.{}.{r}", p.package))
                    .collect(),
                conftest: p.conftest,
                policy_ref: Arc::new(PolicyRef {
                    id: p.id.clone(),
                    title: p.title.clone(),
                    severity: p.severity,
                    category: p.category.clone(),
                    controls: p.controls.clone(),
                }),
            })
            .collect();
        Evaluator {
            template,
            base_data,
            runnables,
            uses_inventory,
            index_packages,
        }
    }
}

/// The merged data documents of a bundle.
fn base_data(files: &[BundleFile]) -> Result<serde_json::Value, LoadError> {
    let mut base = serde_json::Value::Object(Default::default());
    for f in files.iter().filter(|f| f.kind() == FileKind::Data) {
        let v = data_value(f)?;
        merge_json(&mut base, v, "data").map_err(|m| data_err(&f.path, 0, 0, m))?;
    }
    Ok(base)
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
fn inventory<'a>(objects: impl Iterator<Item = (&'a ObjectRef, &'a RValue)>) -> RValue {
    let mut cluster: BTreeMap<String, BTreeMap<String, BTreeMap<String, RValue>>> = BTreeMap::new();
    #[allow(clippy::type_complexity)]
    let mut namespaced: BTreeMap<
        String,
        BTreeMap<String, BTreeMap<String, BTreeMap<String, RValue>>>,
    > = BTreeMap::new();
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

/// From this many objects on, evaluation compiles and uses the RVM program.
const RVM_MIN_OBJECTS: usize = 32;

/// Objects per wave of an evaluation, at most (see [`Bundle::evaluate`]).
const WAVE: usize = 32_768;

/// A rule a module may declare to index `data.inventory` for its
/// referential policies: its value must not depend on `input`. kubegov
/// evaluates it once per evaluation (from [`INDEX_MIN_OBJECTS`] objects on)
/// and supplies it as `data.kubegov_index["<package>"]`; the module reads
/// the index from there and falls back to the rule when it is absent (its
/// Rego tests, Gatekeeper), so the verdicts are the same either way. Without
/// it, a policy that looks for, say, the workloads a Service selects scans
/// the inventory once per object under review: quadratic in the objects.
const INDEX_RULE: &str = "inventory_index";

/// Where the indexes go in `data`.
const INDEX_DATA_KEY: &str = "kubegov_index";

/// From this many objects on, the inventory's indexes are built once per
/// evaluation: below, rebuilding them per object costs less than preparing
/// an interpreter to build them (tens of milliseconds).
const INDEX_MIN_OBJECTS: usize = 200;

/// One object's findings, errors and notices.
type Outcome = (Vec<Finding>, Vec<ReportError>, Vec<Notice>);

/// Labels of the Namespace objects in the evaluated set, by name.
fn namespace_labels(
    objects: &[Object],
    refs: &[Arc<ObjectRef>],
) -> HashMap<String, BTreeMap<String, String>> {
    objects
        .iter()
        .zip(refs)
        .filter(|(_, r)| r.kind == "Namespace" && r.api_version == "v1")
        .map(|(o, r)| (r.name.clone(), engine_labels_of(&o.value)))
        .collect()
}

/// What a configuration's `match` blocks look at in an object.
fn facts_of<'a>(
    o: &'a Object,
    oref: &'a ObjectRef,
    ns_labels: &'a HashMap<String, BTreeMap<String, String>>,
) -> Facts<'a> {
    Facts {
        group: group_version(&oref.api_version).0,
        kind: &oref.kind,
        name: &oref.name,
        namespace: oref.namespace.as_deref(),
        labels: engine_labels_of(&o.value),
        namespace_labels: oref.namespace.as_deref().and_then(|n| ns_labels.get(n)),
    }
}

impl Bundle {
    /// For each object (in order), the indexes into [`Bundle::policies`] of
    /// the policies that [`Bundle::evaluate`] runs on it: enabled, kinds
    /// matching, and the configuration's global and per-policy `match`
    /// blocks matching. Renderers that list passing checks use it.
    pub(crate) fn policies_run_on(&self, objects: &Objects) -> Vec<Vec<usize>> {
        // as `evaluate` holds them
        let refs: Vec<Arc<ObjectRef>> = objects
            .objects
            .iter()
            .map(|o| Arc::new(o.object_ref()))
            .collect();
        let ns_labels = namespace_labels(&objects.objects, &refs);
        objects
            .objects
            .iter()
            .zip(&refs)
            .map(|(o, r)| {
                let facts = facts_of(o, r, &ns_labels);
                if self
                    .settings
                    .match_
                    .as_ref()
                    .is_some_and(|m| !m.matches(&facts))
                {
                    return Vec::new();
                }
                self.inner
                    .native
                    .iter()
                    .zip(&self.settings.policies)
                    .enumerate()
                    .filter(|(_, (p, s))| {
                        s.enabled
                            && p.applies_to(facts.group, &r.kind)
                            && s.match_.as_ref().is_none_or(|m| m.matches(&facts))
                    })
                    .map(|(i, _)| i)
                    .collect()
            })
            .collect()
    }

    /// Evaluate every applicable policy on every object, in parallel, and
    /// return a deterministic report.
    ///
    /// A policy runs on an object when it is enabled, its `custom.kinds`
    /// match, and the configuration's `match` blocks match (see
    /// [`Bundle::configure`]). Exceptions are applied last.
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
        // shared by each object's findings
        let refs: Vec<Arc<ObjectRef>> = objects
            .objects
            .iter()
            .map(|o| Arc::new(o.object_ref()))
            .collect();
        // A check small enough for one worker runs on the caller's thread:
        // handing it to the shared pool would only add a round trip, and
        // several callers (Python threads, Node workers) would queue on the
        // pool's threads instead of running side by side.
        let n = objects.objects.len();
        // A large set goes through in waves of equal size; each wave's
        // findings join the report's list before the next wave runs, so the
        // objects' own lists never all coexist with the whole list (it would
        // double the findings' memory: 100 MB at 100k objects).
        let waves = n.div_ceil(WAVE).max(1);
        let wave = n.div_ceil(waves).max(1);
        let chunk = (wave / (rayon::current_num_threads() * 4)).max(8);
        let inline = n <= chunk;
        let to_value = |o: &Object| o.value.clone();
        let values: Vec<RValue> = if inline {
            objects.objects.iter().map(to_value).collect()
        } else {
            objects.objects.par_iter().map(to_value).collect()
        };
        let inv = if ev.uses_inventory {
            let mut inv = inventory(refs.iter().map(|r| &**r).zip(&values));
            let index = match self.settings.force_index {
                Some(on) => on,
                None => n >= INDEX_MIN_OBJECTS,
            };
            if index {
                if let Some(indexes) = self.inventory_indexes(&inv, n) {
                    if let Ok(map) = inv.as_object_mut() {
                        map.insert(rstr(INDEX_DATA_KEY), indexes);
                    }
                }
            }
            Some(Arc::new(inv))
        } else {
            None
        };
        let ns_labels = namespace_labels(&objects.objects, &refs);
        let plan = Plan::new(ev, &self.settings);
        // Compiling the RVM program pays off from a few dozen objects on, or
        // as soon as a bundle is evaluated more than once (a long-lived
        // process); a one-shot check of a file or two stays on the interpreter.
        let calls = self
            .inner
            .evaluations
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let rvm = match self.settings.force_rvm {
            Some(false) => None,
            Some(true) => self.rvm_plan(),
            None if objects.objects.len() >= RVM_MIN_OBJECTS || calls > 0 => self.rvm_plan(),
            // the library's plan is precompiled: no reason to wait
            None => self.cheap_rvm_plan(),
        };
        // the library's policies the fast path leaves to the interpreter
        // that apply to these objects: a smaller engine runs them
        let subset_policies: Vec<usize> = match rvm {
            Some(r) if self.inner.library => {
                let kinds: std::collections::BTreeSet<(&str, &str)> = refs
                    .iter()
                    .map(|r| (group_version(&r.api_version).0, r.kind.as_str()))
                    .collect();
                plan.runs
                    .iter()
                    .filter(|(p, run, _)| {
                        r.on_rvm.get(*p) == Some(&false)
                            && kinds.iter().any(|(g, k)| {
                                run.kinds.is_empty() || run.kinds.iter().any(|m| m.matches(g, k))
                            })
                    })
                    .map(|(p, _, _)| *p)
                    .collect()
            }
            _ => Vec::new(),
        };
        let vm_data = rvm.map(|_| {
            let mut data = ev.base_data.clone();
            if let Ok(map) = data.as_object_mut() {
                if let Some(inv) = &inv {
                    if let Ok(inv_map) = inv.as_object() {
                        for (k, v) in inv_map.iter() {
                            map.insert(k.clone(), v.clone());
                        }
                    }
                }
            }
            data
        });
        // Workers are costly to set up (an engine prepared with this
        // evaluation's inventory, a VM): one per chunk, a few chunks per core.
        let indexes: Vec<usize> = (0..n).collect();
        let make_vm = || {
            rvm.zip(vm_data.as_ref())
                .and_then(|(p, d)| p.vm(d.clone(), &self.settings.limits))
        };
        let run_chunk = |ids: &[usize]| {
            let mut worker = Worker {
                lease: None,
                subset: None,
                subset_policies: &subset_policies,
                vm: make_vm(),
                bundle: self,
                inventory: inv.as_deref(),
            };
            let mut out = Vec::with_capacity(ids.len());
            for &i in ids {
                let (Some(o), Some(r), Some(v)) =
                    (objects.objects.get(i), refs.get(i), values.get(i))
                else {
                    continue;
                };
                let run = std::panic::AssertUnwindSafe(|| {
                    eval_object(&plan, rvm, &mut worker, o, r, v.clone(), &ns_labels)
                });
                match std::panic::catch_unwind(run) {
                    Ok(mut outcome) => {
                        // grown by doubling, it would hold up to twice its
                        // findings until all are gathered into the report
                        outcome.0.shrink_to_fit();
                        out.push(outcome);
                    }
                    Err(_) => {
                        // The engine may be left in any state: start afresh.
                        if let Some(lease) = worker.lease.as_mut() {
                            lease.engine = self.fresh_engine(inv.as_deref());
                        }
                        // the subset engine is set up again on next need
                        worker.subset = None;
                        worker.vm = make_vm();
                        let e = internal_error(o, &r.to_string());
                        out.push((Vec::new(), vec![e], Vec::new()));
                    }
                }
            }
            out
        };
        let mut findings: Vec<Finding> = Vec::new();
        let mut errors = objects.errors.clone();
        let mut notices = Vec::new();
        for (done, ids) in indexes.chunks(wave).enumerate() {
            let outcomes: Vec<Outcome> = if inline {
                run_chunk(ids)
            } else {
                ids.par_chunks(chunk).flat_map_iter(run_chunk).collect()
            };
            let found: usize = outcomes.iter().map(|o| o.0.len()).sum();
            if findings.capacity() - findings.len() < found {
                // reserved for all waves at the rate seen so far (and a
                // tenth more): grown by doubling, the list would hold up to
                // twice its findings
                let seen = findings.len() + found;
                let estimate = seen * waves / (done + 1) + seen * waves / (done + 1) / 10;
                findings.reserve_exact(estimate.max(seen) - findings.len());
            }
            for (f, e, n) in outcomes {
                findings.extend(f);
                errors.extend(e);
                notices.extend(n);
            }
        }
        self.evaluate_constraints(
            objects,
            &ns_labels,
            &mut findings,
            &mut errors,
            &mut notices,
        );
        // severities a configuration gives policies and constraints
        if !self.settings.severities.is_empty() {
            for f in &mut findings {
                if let Some(s) = self.settings.severities.get(&f.policy.id) {
                    Arc::make_mut(&mut f.policy).severity = *s;
                }
            }
        }
        let today = self.settings.today.unwrap_or_else(crate::config::today);
        notices.extend(crate::exceptions::apply_file(
            &self.settings.exceptions,
            today,
            &mut findings,
        ));
        Report::new(
            BundleInfo {
                digest: self.inner.digest.clone(),
                policies: self.inner.policies.len(),
            },
            objects.objects.len(),
            findings,
            errors,
            notices,
        )
    }

    /// Add the findings and errors of the bundle's Gatekeeper constraints,
    /// as configured (enabled, enforcement action, the global `match`), with
    /// the objects' exemption annotations applied as to native findings.
    fn evaluate_constraints(
        &self,
        objects: &Objects,
        ns_labels: &HashMap<String, BTreeMap<String, String>>,
        findings: &mut Vec<Finding>,
        errors: &mut Vec<ReportError>,
        notices: &mut Vec<Notice>,
    ) {
        let set = &self.inner.gatekeeper;
        if set.is_empty() {
            return;
        }
        let global = self.settings.match_.as_ref();
        let include =
            |o: &Object| global.is_none_or(|m| m.matches(&facts_of(o, &o.object_ref(), ns_labels)));
        let results = set.evaluate_each(objects, &self.settings.constraints, &include);
        for (o, (mut f, e)) in objects.objects.iter().zip(results) {
            if !f.is_empty() {
                // the native pass may have said the same of this object
                for n in crate::exceptions::apply_annotations(o, &mut f) {
                    if !notices.contains(&n) {
                        notices.push(n);
                    }
                }
            }
            findings.extend(f);
            errors.extend(e);
        }
    }

    /// How many policies run on the compiled fast path (compiling it if needed).
    #[doc(hidden)]
    pub fn fast_path_policies(&self) -> usize {
        self.rvm_plan()
            .map_or(0, |p| p.on_rvm.iter().filter(|b| **b).count())
    }

    /// The RVM plan, compiled on first use (the library's loaded precompiled
    /// when it is current).
    fn rvm_plan(&self) -> Option<&crate::rvm::RvmPlan> {
        let inner = &self.inner;
        inner
            .rvm
            .get_or_init(|| {
                self.precompiled_plan_uncached()
                    .or_else(|| crate::rvm::RvmPlan::build(&inner.files, &inner.native))
            })
            .as_ref()
    }

    /// The RVM plan if it costs no compiling: already built, or the
    /// library's precompiled one.
    fn cheap_rvm_plan(&self) -> Option<&crate::rvm::RvmPlan> {
        let rvm = &self.inner.rvm;
        if let Some(plan) = rvm.get() {
            return plan.as_ref();
        }
        let plan = self.precompiled_plan_uncached()?;
        // another thread may have set it meanwhile: use whichever is there
        let _ = rvm.set(Some(plan));
        rvm.get().and_then(Option::as_ref)
    }

    fn precompiled_plan_uncached(&self) -> Option<crate::rvm::RvmPlan> {
        let plan = self.inner.precompiled.as_ref()?;
        crate::rvm::RvmPlan::precompiled(&self.inner.native, plan)
    }

    /// The value of every enabled module's [`INDEX_RULE`] with this
    /// evaluation's inventory, by package; `None` when there is none. A rule
    /// that fails is left out: its policies then compute it per object
    /// (the same verdicts, slower).
    fn inventory_indexes(&self, inventory: &RValue, objects: usize) -> Option<RValue> {
        let ev = &self.inner.evaluator;
        // settings.policies follows the native policies, not the listing
        // with constraints
        let disabled = |package: &str| {
            self.inner
                .native
                .iter()
                .zip(&self.settings.policies)
                .any(|(p, s)| p.package == package && !s.enabled)
        };
        let packages: Vec<&String> = ev.index_packages.iter().filter(|p| !disabled(p)).collect();
        if packages.is_empty() {
            return None;
        }
        let mut engine = self.fresh_engine(Some(inventory))?;
        // An index covers every object: its time limit is a policy's per
        // object, per thousand objects.
        #[cfg(not(target_arch = "wasm32"))]
        {
            let mut limits = self.settings.limits.clone();
            let thousands = u32::try_from(objects.div_ceil(1000)).unwrap_or(u32::MAX);
            limits.max_eval_time = limits.max_eval_time.saturating_mul(thousands.max(1));
            engine.set_execution_timer_config(crate::limits::timer(&limits));
        }
        #[cfg(target_arch = "wasm32")]
        let _ = objects;
        // an index must not depend on the object under review
        engine.set_input(RValue::Undefined);
        let mut out: BTreeMap<RValue, RValue> = BTreeMap::new();
        for package in packages {
            match engine.eval_rule(format!("data.{package}.{INDEX_RULE}")) {
                Ok(RValue::Undefined) | Err(_) => {}
                Ok(v) => {
                    out.insert(rstr(package), v);
                }
            }
        }
        Some(RValue::from(out))
    }

    /// The engine holding every module (built on first need when the
    /// bundle's analysis was precompiled).
    pub(crate) fn template(&self) -> Option<&regorus::Engine> {
        let inner = &self.inner;
        inner
            .evaluator
            .template
            .get_or_init(|| {
                let modules = inner.files.iter().filter(|f| f.kind() == FileKind::Module);
                crate::subset::engine_of(modules, Some(&inner.evaluator.base_data))
            })
            .as_ref()
    }

    /// `engine` set up for this evaluation: its time limit, and the
    /// bundle's data with the inventory.
    fn ready(&self, mut engine: regorus::Engine, inventory: Option<&RValue>) -> regorus::Engine {
        // wasm32-unknown-unknown has no clock (std's Instant::now panics there):
        // no wall-clock limit; max_instructions still bounds the RVM.
        #[cfg(not(target_arch = "wasm32"))]
        engine.set_execution_timer_config(crate::limits::timer(&self.settings.limits));
        // Inventory changes with every evaluation: reset to the bundle's data, then add it.
        if self.inner.evaluator.uses_inventory {
            engine.clear_data();
            let _ = engine.add_data(self.inner.evaluator.base_data.clone());
            if let Some(inv) = inventory {
                let _ = engine.add_data(inv.clone());
            }
        }
        engine
    }

    fn fresh_engine(&self, inventory: Option<&RValue>) -> Option<regorus::Engine> {
        Some(self.ready(self.template()?.clone(), inventory))
    }

    /// The library's engine holding only these policies (and the modules
    /// they reference), with this evaluation's inventory.
    fn subset_engine(
        &self,
        inventory: Option<&RValue>,
        wanted: &[usize],
    ) -> Option<regorus::Engine> {
        let inner = &self.inner;
        let template = inner.subsets.lock().ok()?.get(wanted, || {
            let keep = crate::subset::modules(&inner.files, &inner.native, wanted);
            // a rule call per reference through an import, not the package
            let modules =
                crate::import_refs::expand(keep.iter().filter_map(|i| inner.files.get(*i)));
            crate::subset::engine_of(modules.iter(), Some(&inner.evaluator.base_data))
        })?;
        Some(self.ready(template, inventory))
    }

    /// An interpreter engine holding every module, with this evaluation's
    /// inventory (`None` if the modules do not compile).
    fn lease(&self, inventory: Option<&RValue>) -> Option<Lease<'_>> {
        let template = self.template()?;
        let pooled = self.inner.pool.lock().ok().and_then(|mut p| p.pop());
        let engine = pooled.unwrap_or_else(|| template.clone());
        Some(Lease {
            engine: Some(self.ready(engine, inventory)),
            bundle: self,
        })
    }
}

/// (group, kind) → indexes of the runs that can match it.
type KindIndex = HashMap<(String, String), Arc<Vec<usize>>>;

/// What to run: the enabled policies with their settings, indexed by kind.
struct Plan<'a> {
    /// (index of the policy in the bundle, what to run, its settings).
    runs: Vec<(usize, &'a Runnable, &'a PolicySettings)>,
    global: Option<&'a Match>,
    /// (group, kind) → indexes into `runs`, filled as kinds are met.
    by_kind: Mutex<KindIndex>,
}

impl<'a> Plan<'a> {
    fn new(ev: &'a Evaluator, settings: &'a Settings) -> Self {
        let runs = ev
            .runnables
            .iter()
            .zip(settings.policies.iter())
            .enumerate()
            .filter(|(_, (_, s))| s.enabled)
            .map(|(i, (r, s))| (i, r, s))
            .collect();
        Plan {
            runs,
            global: settings.match_.as_ref(),
            by_kind: Mutex::new(HashMap::new()),
        }
    }

    /// Policies whose kinds can match this group and kind.
    fn for_kind(&self, group: &str, kind: &str) -> Arc<Vec<usize>> {
        let key = (group.to_string(), kind.to_string());
        if let Some(v) = self.by_kind.lock().ok().and_then(|m| m.get(&key).cloned()) {
            return v;
        }
        let v: Arc<Vec<usize>> = Arc::new(
            self.runs
                .iter()
                .enumerate()
                .filter(|(_, (_, r, _))| {
                    r.kinds.is_empty() || r.kinds.iter().any(|k| k.matches(group, kind))
                })
                .map(|(i, _)| i)
                .collect(),
        );
        if let Ok(mut m) = self.by_kind.lock() {
            m.insert(key, v.clone());
        }
        v
    }
}

/// The per-worker state: an interpreter engine and, on the fast path, a VM.
struct Worker<'b> {
    /// The interpreter, set up on first need (the fast path may cover all).
    lease: Option<Lease<'b>>,
    /// The library's smaller interpreter, for the policies the fast path
    /// leaves to it ([`crate::subset`]), set up on first need.
    subset: Option<regorus::Engine>,
    /// The policies it holds.
    subset_policies: &'b [usize],
    vm: Option<regorus::rvm::RegoVM>,
    bundle: &'b Bundle,
    inventory: Option<&'b RValue>,
}

/// The error of an object whose evaluation panicked; `what` names what was
/// being evaluated on it.
pub(crate) fn internal_error(o: &Object, what: &str) -> ReportError {
    ReportError {
        file: o.source.file.clone(),
        line: o.source.line,
        column: o.source.column,
        document: o.source.document,
        code: "eval.internal".into(),
        policy: None,
        message: format!(
            "internal error while evaluating {what}; other objects are unaffected, please report it"
        ),
    }
}

fn eval_error(o: &Object, oref: &ObjectRef, id: &str, e: &dyn std::fmt::Display) -> ReportError {
    let (_, message) = crate::error::split_rego_diagnostic(&e.to_string(), "");
    ReportError {
        file: o.source.file.clone(),
        line: o.source.line,
        column: o.source.column,
        document: o.source.document,
        code: "eval.policy".into(),
        policy: Some(id.to_string()),
        message: format!("policy `{id}` failed on {oref}: {message}"),
    }
}

fn actions(settings: &PolicySettings) -> (Action, Action) {
    let warn = if settings.action == Action::Dryrun {
        Action::Dryrun
    } else {
        Action::Warn
    };
    (settings.action, warn)
}

/// The short name of a rule path (`data.a.b.violation` → `violation`).
fn rule_name(path: &str) -> &str {
    path.rsplit('.').next().unwrap_or(path)
}

/// Findings of one policy from a fast-path result (`{id: {deny_<rule>, warn_<rule>}}`).
fn collect_fast(
    out: &RValue,
    run: &Runnable,
    settings: &PolicySettings,
    o: &Object,
    oref: &Arc<ObjectRef>,
    findings: &mut Vec<Finding>,
) {
    let results = &out[&rstr(&run.policy_ref.id)];
    let (deny, warn) = actions(settings);
    let rules = run
        .deny_rules
        .iter()
        .map(|r| (format!("deny_{}", rule_name(r)), deny))
        .chain(
            run.warn_rules
                .iter()
                .map(|r| (format!("warn_{}", rule_name(r)), warn)),
        );
    for (key, action) in rules {
        collect(&results[&rstr(&key)], action, run, o, oref, findings);
    }
}

#[allow(clippy::too_many_arguments)]
fn eval_object(
    plan: &Plan<'_>,
    rvm: Option<&crate::rvm::RvmPlan>,
    worker: &mut Worker<'_>,
    o: &Object,
    oref: &Arc<ObjectRef>,
    value: RValue,
    ns_labels: &HashMap<String, BTreeMap<String, String>>,
) -> Outcome {
    let (group, _) = group_version(&oref.api_version);
    let facts = facts_of(o, oref, ns_labels);
    if plan.global.is_some_and(|m| !m.matches(&facts)) {
        return (Vec::new(), Vec::new(), Vec::new());
    }
    let raw = value.clone();
    let review = review_value(o, oref, value);
    let mut findings = Vec::new();
    let mut errors = Vec::new();
    // The runs that apply to this object.
    let mut pending: Vec<usize> = plan
        .for_kind(group, &oref.kind)
        .iter()
        .copied()
        .filter(|&i| {
            plan.runs
                .get(i)
                .is_some_and(|(_, _, s)| s.match_.as_ref().is_none_or(|m| m.matches(&facts)))
        })
        .collect();
    // Fast path: one aggregate execution for every applicable policy it holds.
    if let (Some(rvm), Some(vm)) = (rvm, worker.vm.as_mut()) {
        if let Some(agg) = rvm.aggregate(group, &oref.kind) {
            let in_agg = |i: &usize| {
                plan.runs
                    .get(*i)
                    .is_some_and(|(p, _, _)| agg.policies.contains(p))
            };
            if pending.iter().any(in_agg) {
                vm.set_input(obj(vec![
                    ("review", review.clone()),
                    ("parameters", RValue::new_object()),
                ]));
                if let Ok(out) = vm.execute_entry_point_by_name(&agg.entry) {
                    pending.retain(|i| {
                        let Some((_, run, settings)) = plan.runs.get(*i) else {
                            return false;
                        };
                        if !agg
                            .policies
                            .contains(&plan.runs.get(*i).map_or(usize::MAX, |r| r.0))
                        {
                            return true;
                        }
                        collect_fast(&out, run, settings, o, oref, &mut findings);
                        false
                    });
                }
            }
        }
    }
    // Fast path for policies with parameters: each its own entry and input.
    if let (Some(rvm), Some(vm)) = (rvm, worker.vm.as_mut()) {
        pending.retain(|i| {
            let Some((p, run, settings)) = plan.runs.get(*i) else {
                return false;
            };
            let Some(entry) = rvm.solo_entry(*p) else {
                return true;
            };
            vm.set_input(obj(vec![
                ("review", review.clone()),
                ("parameters", settings.parameters.clone()),
            ]));
            let Ok(out) = vm.execute_entry_point_by_name(entry) else {
                return true; // the interpreter will say what went wrong
            };
            collect_fast(&out, run, settings, o, oref, &mut findings);
            false
        });
    }
    // The interpreter: policies the RVM cannot run, and any the fast path did not.
    if pending.is_empty() {
        let notices = crate::exceptions::apply_annotations(o, &mut findings);
        return (findings, errors, notices);
    }
    let (bundle, inventory) = (worker.bundle, worker.inventory);
    for i in pending {
        let Some((p, run, settings)) = plan.runs.get(i) else {
            continue;
        };
        // the library's policies that never run on the fast path have an
        // engine of their own, much quicker to prepare
        let mut engine = None;
        if worker.subset_policies.contains(p) {
            if worker.subset.is_none() {
                worker.subset = bundle.subset_engine(inventory, worker.subset_policies);
            }
            engine = worker.subset.as_mut();
        }
        let engine = match engine {
            Some(e) => e,
            None => {
                if worker.lease.is_none() {
                    worker.lease = bundle.lease(inventory);
                }
                match worker.lease.as_mut().and_then(|l| l.engine.as_mut()) {
                    Some(e) => e,
                    None => {
                        let e = "the bundle's modules do not compile";
                        errors.push(eval_error(o, oref, &run.policy_ref.id, &e));
                        continue;
                    }
                }
            }
        };
        if run.conftest {
            engine.set_input(raw.clone());
        } else {
            engine.set_input(obj(vec![
                ("review", review.clone()),
                ("parameters", settings.parameters.clone()),
            ]));
        }
        let (deny, warn) = actions(settings);
        let rules = run
            .deny_rules
            .iter()
            .map(|r| (r, deny))
            .chain(run.warn_rules.iter().map(|r| (r, warn)));
        for (rule, action) in rules {
            match engine.eval_rule(rule.clone()) {
                Ok(v) => collect(&v, action, run, o, oref, &mut findings),
                Err(e) => errors.push(eval_error(o, oref, &run.policy_ref.id, &e)),
            }
        }
    }
    let notices = crate::exceptions::apply_annotations(o, &mut findings);
    (findings, errors, notices)
}

fn collect(
    v: &RValue,
    action: Action,
    run: &Runnable,
    o: &Object,
    oref: &Arc<ObjectRef>,
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
                    d => d
                        .to_json_str()
                        .ok()
                        .and_then(|s| serde_json::from_str(&s).ok())
                        .map(Box::new),
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
