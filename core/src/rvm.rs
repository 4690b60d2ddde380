//! The fast path: regorus' RVM (compiled bytecode) running one aggregate
//! entry point per object kind, so shared helpers (the pod spec, the
//! containers) are computed once per object instead of once per policy.
//!
//! Policies without parameters share the aggregate; a policy with parameters
//! gets an entry point of its own, run with its `input.parameters`. Policies
//! the RVM cannot compile (it lacks `with`, `print` and some rule shapes),
//! policies that read `data.inventory` (directly or through a library), and
//! policies marked `custom.engine: interpreter` run on the interpreter, as
//! does any object whose fast-path execution fails, so errors are still
//! attributed to the policy that raised them. A test checks on every sample
//! of the library that both paths give byte-identical reports.
//!
//! The built-in library's plan is compiled ahead of time
//! ([`crate::precompiled`]); any other bundle's on its first large
//! evaluation, or its second.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use regorus::languages::rego::compiler::Compiler;
use regorus::rvm::program::Program;
use regorus::rvm::RegoVM;
use regorus::Value as RValue;

use crate::bundle::{BundleFile, FileKind};
use crate::policy::Policy;

const AGG_PACKAGE: &str = "kubegov_runtime.agg";

/// One aggregate: its entry point and the policies (indexes into the
/// bundle's policy list) it runs.
#[derive(Debug, Clone)]
pub(crate) struct Aggregate {
    pub entry: String,
    pub policies: Vec<usize>,
}

/// The compiled program and how objects map to its entry points.
pub(crate) struct RvmPlan {
    program: Arc<Program>,
    /// (group, kind) → aggregate; kinds no policy names use `other`.
    by_kind: HashMap<(String, String), Arc<Aggregate>>,
    other: Option<Arc<Aggregate>>,
    /// Policies with parameters: their own entry point.
    solo: HashMap<usize, String>,
    /// Whether each policy runs on the RVM (else on the interpreter).
    pub on_rvm: Vec<bool>,
}

impl std::fmt::Debug for RvmPlan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RvmPlan")
            .field("aggregates", &self.by_kind.len())
            .field("on_rvm", &self.on_rvm.iter().filter(|b| **b).count())
            .finish()
    }
}

fn rego_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// The rules of one policy as an object entry of an aggregate.
fn policy_entry(p: &Policy) -> String {
    let mut fields = Vec::new();
    for r in &p.deny_rules {
        fields.push(format!("\"deny_{r}\": data.{}.{r}", p.package));
    }
    for r in &p.warn_rules {
        fields.push(format!("\"warn_{r}\": data.{}.{r}", p.package));
    }
    format!("{}: {{{}}}", rego_string(&p.id), fields.join(", "))
}

/// An engine holding the bundle's modules and the aggregate module.
fn engine_for(files: &[BundleFile], extra: &str) -> Option<regorus::Engine> {
    let modules = files.iter().filter(|f| f.kind() == FileKind::Module);
    let mut engine = crate::subset::engine_of(modules, None)?;
    engine.set_rego_v0(false);
    engine
        .add_policy("kubegov_runtime/agg.rego".into(), extra.to_string())
        .ok()?;
    Some(engine)
}

fn compile(engine: &mut regorus::Engine, entries: &[String]) -> Option<Arc<Program>> {
    let all: regorus::Rc<str> = regorus::Rc::from(format!("data.{AGG_PACKAGE}.all").as_str());
    let compiled = engine.compile_with_entrypoint(&all).ok()?;
    let names: Vec<&str> = entries.iter().map(String::as_str).collect();
    Compiler::compile_from_policy(&compiled, &names).ok()
}

fn aggregate_module(groups: &[(String, Vec<usize>)], policies: &[Policy]) -> String {
    let mut src = format!("package {AGG_PACKAGE}\n\nimport rego.v1\n\n");
    for (name, members) in groups {
        let entries: Vec<String> = members
            .iter()
            .filter_map(|i| policies.get(*i))
            .map(policy_entry)
            .collect();
        src.push_str(&format!("{name} := {{{}}}\n\n", entries.join(",\n\t")));
    }
    let names: Vec<&str> = groups.iter().map(|(n, _)| n.as_str()).collect();
    src.push_str(&format!("all := [{}]\n", names.join(", ")));
    src
}

/// How the aggregates are laid out: derived from the policies and which of
/// them run on the RVM alone (cheap), so the plan of a precompiled program
/// is rebuilt from them.
struct Layout {
    /// (entry name, members) for each aggregate and each solo entry.
    groups: Vec<(String, Vec<usize>)>,
    /// (group, kind) → index into `groups`.
    by_kind: Vec<((String, String), usize)>,
    /// The aggregate of kinds no policy names.
    other: Option<usize>,
    /// Policies with parameters: their own entry point.
    solo: HashMap<usize, String>,
}

impl Layout {
    fn new(policies: &[Policy], on_rvm: &[bool]) -> Option<Layout> {
        // One aggregate per concrete (group, kind) named by some policy.
        let mut kinds: BTreeMap<(String, String), ()> = BTreeMap::new();
        for p in policies {
            for k in &p.kinds {
                for g in &k.api_groups {
                    for kind in &k.kinds {
                        if g != "*" && kind != "*" {
                            kinds.insert((g.clone(), kind.clone()), ());
                        }
                    }
                }
            }
        }
        let shared = |i: usize, p: &Policy| on_rvm.get(i) == Some(&true) && p.parameters.is_none();
        let members = |group: &str, kind: &str| -> Vec<usize> {
            policies
                .iter()
                .enumerate()
                .filter(|(i, p)| shared(*i, p) && p.applies_to(group, kind))
                .map(|(i, _)| i)
                .collect()
        };
        let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
        let mut by_kind: Vec<((String, String), usize)> = Vec::new();
        for (g, k) in kinds.keys() {
            let m = members(g, k);
            if m.is_empty() {
                continue;
            }
            let idx = match groups.iter().position(|(_, existing)| *existing == m) {
                Some(i) => i,
                None => {
                    groups.push((format!("g{}", groups.len()), m));
                    groups.len() - 1
                }
            };
            by_kind.push(((g.clone(), k.clone()), idx));
        }
        // policies for every kind (no `kinds`, or wildcards)
        let wild = members("\u{0}", "\u{0}");
        let other = if wild.is_empty() {
            None
        } else {
            groups.push((format!("g{}", groups.len()), wild));
            Some(groups.len() - 1)
        };
        // a policy with parameters: an entry of its own
        let mut solo: HashMap<usize, String> = HashMap::new();
        for (i, p) in policies.iter().enumerate() {
            if on_rvm.get(i) == Some(&true) && p.parameters.is_some() {
                groups.push((format!("p{i}"), vec![i]));
                solo.insert(i, format!("data.{AGG_PACKAGE}.p{i}"));
            }
        }
        if groups.is_empty() {
            return None;
        }
        Some(Layout {
            groups,
            by_kind,
            other,
            solo,
        })
    }

    fn entries(&self) -> Vec<String> {
        self.groups
            .iter()
            .map(|(n, _)| format!("data.{AGG_PACKAGE}.{n}"))
            .collect()
    }
}

impl RvmPlan {
    /// Build the plan, or `None` when nothing can run on the RVM.
    pub(crate) fn build(files: &[BundleFile], policies: &[Policy]) -> Option<RvmPlan> {
        let inventory_libs: Vec<String> = files
            .iter()
            .filter(|f| f.kind() == FileKind::Module && f.content.contains("inventory"))
            .filter_map(|f| {
                crate::metadata::read_header(&f.content).map(|h| format!("data.{}", h.package))
            })
            .collect();
        let reads_inventory = |p: &Policy| {
            files.iter().any(|f| {
                f.path == p.file
                    && (f.content.contains("data.inventory")
                        || inventory_libs
                            .iter()
                            .any(|l| f.content.contains(&format!("import {l}"))))
            })
        };
        let mut on_rvm: Vec<bool> = policies
            .iter()
            .map(|p| !p.conftest && !p.interpreter_only && !reads_inventory(p))
            .collect();
        // references through import aliases written out: a rule call each
        // instead of the whole package (see `import_refs`)
        let files = &crate::import_refs::expand(files);
        if let Some(plan) = Self::build_with(files, policies, &on_rvm) {
            return Some(plan);
        }
        // Some policy does not compile for the RVM: find which, one by one.
        let candidates: Vec<usize> = (0..policies.len())
            .filter(|i| on_rvm.get(*i) == Some(&true))
            .collect();
        for i in candidates {
            let m = aggregate_module(&[("probe".to_string(), vec![i])], policies);
            let ok = engine_for(files, &m)
                .and_then(|mut e| compile(&mut e, &[format!("data.{AGG_PACKAGE}.probe")]))
                .is_some();
            if let Some(slot) = on_rvm.get_mut(i) {
                *slot = ok;
            }
        }
        Self::build_with(files, policies, &on_rvm)
    }

    fn build_with(files: &[BundleFile], policies: &[Policy], on_rvm: &[bool]) -> Option<RvmPlan> {
        let layout = Layout::new(policies, on_rvm)?;
        let module = aggregate_module(&layout.groups, policies);
        let mut engine = engine_for(files, &module)?;
        let program = compile(&mut engine, &layout.entries())?;
        Some(Self::assemble(layout, program, on_rvm))
    }

    /// The plan of a precompiled program (see [`crate::precompiled`]), or
    /// `None` if regorus cannot read it.
    pub(crate) fn precompiled(
        policies: &[Policy],
        plan: &crate::precompiled::Plan<'_>,
    ) -> Option<RvmPlan> {
        let layout = Layout::new(policies, &plan.on_rvm)?;
        let program = crate::precompiled::program(plan.program)?;
        Some(Self::assemble(layout, program, &plan.on_rvm))
    }

    /// The compiled program.
    #[cfg(test)]
    pub(crate) fn program(&self) -> &Program {
        &self.program
    }

    fn assemble(layout: Layout, program: Arc<Program>, on_rvm: &[bool]) -> RvmPlan {
        let entries = layout.entries();
        let aggs: Vec<Arc<Aggregate>> = layout
            .groups
            .iter()
            .zip(&entries)
            .map(|((_, m), e)| {
                Arc::new(Aggregate {
                    entry: e.clone(),
                    policies: m.clone(),
                })
            })
            .collect();
        let by_kind = layout
            .by_kind
            .into_iter()
            .filter_map(|(k, i)| aggs.get(i).map(|a| (k, a.clone())))
            .collect();
        let other = layout.other.and_then(|i| aggs.get(i).cloned());
        RvmPlan {
            program,
            by_kind,
            other,
            solo: layout.solo,
            on_rvm: on_rvm.to_vec(),
        }
    }

    /// The aggregate for objects of this group and kind.
    pub(crate) fn aggregate(&self, group: &str, kind: &str) -> Option<&Arc<Aggregate>> {
        self.by_kind
            .get(&(group.to_string(), kind.to_string()))
            .or(self.other.as_ref())
    }

    /// The entry point of a policy with parameters, if it runs on the RVM.
    pub(crate) fn solo_entry(&self, policy: usize) -> Option<&str> {
        self.solo.get(&policy).map(String::as_str)
    }

    /// A VM ready to run, with the evaluation's data.
    pub(crate) fn vm(&self, data: RValue, limits: &crate::Limits) -> Option<RegoVM> {
        // the VM needs the program only (a precompiled plan has no
        // `CompiledPolicy`)
        let mut vm = RegoVM::new();
        vm.load_program(self.program.clone());
        vm.set_strict_builtin_errors(false);
        vm.set_max_instructions(usize::try_from(limits.max_instructions).unwrap_or(usize::MAX));
        // no clock on wasm32-unknown-unknown (see evaluate.rs)
        #[cfg(not(target_arch = "wasm32"))]
        vm.set_execution_timer_config(Some(crate::limits::timer(limits)));
        vm.set_data(data).ok()?;
        Some(vm)
    }
}
