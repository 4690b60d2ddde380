//! Smaller interpreters for the built-in library: an engine holding the
//! modules of the policies an evaluation leaves to the interpreter (those
//! reading `data.inventory`, mostly, that apply to the kinds it holds) and
//! the modules those reference, and no other policy.
//!
//! Parsing and preparing an engine (analysis, scheduling) costs in
//! proportion to its modules, and an engine is prepared again whenever an
//! evaluation's inventory is added to it: for a one-file check, preparing
//! the whole library took as long as everything else. Only the built-in
//! library uses these engines, where a test checks that its reports are
//! those of the interpreter holding every module; a module of the library
//! refers to another by a `data.<package>` path (an import or a reference),
//! which is how the modules needed are found.

use std::collections::{BTreeSet, HashMap};

use crate::bundle::{BundleFile, FileKind};
use crate::policy::Policy;

/// The `data.…` paths a module's text mentions (the dotted part only).
fn data_paths(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("data.") {
        let before = rest.get(..at).and_then(|s| s.chars().next_back());
        let tail = rest.get(at + 5..).unwrap_or("");
        let len = tail
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
            .unwrap_or(tail.len());
        if !before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
            out.push(tail.get(..len).unwrap_or("").trim_end_matches('.'));
        }
        rest = tail;
    }
    out
}

/// Indexes into `files` of the modules the interpreter needs to run these
/// policies (indexes into `policies`).
pub(crate) fn modules(files: &[BundleFile], policies: &[Policy], wanted: &[usize]) -> Vec<usize> {
    let modules: Vec<(usize, String)> = files
        .iter()
        .enumerate()
        .filter(|(_, f)| f.kind() == FileKind::Module)
        .filter_map(|(i, f)| crate::metadata::read_header(&f.content).map(|h| (i, h.package)))
        .collect();
    let mut by_package: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, p) in &modules {
        by_package.entry(p.as_str()).or_default().push(*i);
    }
    let wanted: BTreeSet<&str> = wanted
        .iter()
        .filter_map(|i| policies.get(*i))
        .map(|p| p.package.as_str())
        .collect();
    // the wanted policies' modules, then what they reference
    let mut keep: BTreeSet<usize> = modules
        .iter()
        .filter(|(_, p)| wanted.contains(p.as_str()))
        .map(|(i, _)| *i)
        .collect();
    let mut todo: Vec<usize> = keep.iter().copied().collect();
    while let Some(i) = todo.pop() {
        let Some(f) = files.get(i) else { continue };
        for path in data_paths(&f.content) {
            // every prefix of the path may be a package
            let prefixes = path
                .match_indices('.')
                .map(|(at, _)| path.get(..at).unwrap_or(""))
                .chain([path]);
            for prefix in prefixes {
                for m in by_package.get(prefix).into_iter().flatten() {
                    if keep.insert(*m) {
                        todo.push(*m);
                    }
                }
            }
        }
    }
    keep.into_iter().collect()
}

/// An engine holding these modules and, if given, the bundle's data;
/// `None` if a module does not compile.
pub(crate) fn engine_of<'a>(
    modules: impl Iterator<Item = &'a BundleFile>,
    data: Option<&regorus::Value>,
) -> Option<regorus::Engine> {
    let mut engine = regorus::Engine::new();
    engine.set_strict_builtin_errors(false);
    for f in modules {
        engine.set_rego_v0(f.rego_v0);
        engine.add_policy(f.path.clone(), f.content.clone()).ok()?;
    }
    if let Some(data) = data {
        engine.add_data(data.clone()).ok()?;
    }
    Some(engine)
}

/// How many engines [`Cache`] keeps.
const CACHED: usize = 16;

/// Engines by the policies they hold; a long-lived process checking
/// objects of many kinds keeps the last few.
#[derive(Default)]
pub(crate) struct Cache {
    engines: Vec<(Vec<usize>, Option<regorus::Engine>)>,
}

impl Cache {
    pub(crate) fn new() -> Cache {
        Cache::default()
    }

    /// The engine for these policies, built by `build` unless cached.
    pub(crate) fn get(
        &mut self,
        wanted: &[usize],
        build: impl FnOnce() -> Option<regorus::Engine>,
    ) -> Option<regorus::Engine> {
        if let Some((_, engine)) = self.engines.iter().find(|(w, _)| w == wanted) {
            return engine.clone();
        }
        let engine = build();
        if self.engines.len() >= CACHED {
            self.engines.remove(0);
        }
        self.engines.push((wanted.to_vec(), engine.clone()));
        engine
    }

    /// How many engines were built.
    #[cfg(test)]
    pub(crate) fn built(&self) -> usize {
        self.engines.iter().filter(|(_, e)| e.is_some()).count()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;

    #[test]
    fn finds_data_paths() {
        let text =
            "import data.lib.workload\nx := data.inventory.cluster[\"v1\"]\nmydata.no := 1\n";
        assert_eq!(data_paths(text), vec!["lib.workload", "inventory.cluster"]);
    }

    #[test]
    fn keeps_the_wanted_policies_and_what_they_reference() {
        let b = crate::Bundle::embedded().unwrap();
        let (files, native) = (&b.inner.files, &b.inner.native);
        let wanted = native
            .iter()
            .position(|p| p.id == "privileged-containers")
            .unwrap();
        let paths: Vec<&str> = modules(files, native, &[wanted])
            .iter()
            .map(|i| files.get(*i).unwrap().path.as_str())
            .collect();
        // the policy and the library it imports (`data.kubegov.lib.workload`)
        assert_eq!(
            paths,
            [
                "lib/workload.rego",
                "workload/privileged-containers/policy.rego"
            ]
        );
    }

    /// The library refers to its modules by dotted `data.` paths only, which
    /// is what [`modules`] follows.
    #[test]
    fn the_library_uses_no_bracketed_data_references() {
        for (path, text) in crate::embedded::FILES {
            if path.ends_with("_test.rego") {
                continue;
            }
            assert!(!text.contains("data["), "{path}");
        }
    }
}
