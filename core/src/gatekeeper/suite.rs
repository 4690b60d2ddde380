//! gator's test suites (`kind: Suite`, `apiVersion: test.gatekeeper.sh/v1alpha1`).
//!
//! A suite lists tests; a test names a template and a constraint (paths
//! relative to the suite file) and cases; a case names the object to review
//! (a file holding one object, or an `AdmissionReview`), inventory files, and
//! assertions (`violations: yes|no|N`, default `yes`; `message`: a regular
//! expression the counted violations' messages must match). `skip` on a
//! suite, test or case skips it; `invalid: true` on a test expects the
//! constraint to break its template's parameter schema. Suites are read as
//! YAML 1.2 (`yes` and `no` are strings).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde_json::Value;

use super::{
    inventory, namespace_labels, plain_review, subject_of_request, GatekeeperError, Set, Subject,
    Template,
};
use crate::error::Location;
use crate::limits::Limits;

/// How a case ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CaseStatus {
    /// Every assertion held.
    Pass,
    /// An assertion failed, or the case could not be run.
    Fail,
    /// Skipped (`skip: true`).
    Skip,
}

/// The result of one case.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CaseResult {
    /// The suite file.
    pub file: String,
    /// The suite's `metadata.name`, or its file when unnamed.
    pub suite: String,
    /// The test's name.
    pub test: String,
    /// The case's name.
    pub case: String,
    /// How it ended.
    pub status: CaseStatus,
    /// Why it failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl std::fmt::Display for CaseResult {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let word = match self.status {
            CaseStatus::Pass => "PASS",
            CaseStatus::Fail => "FAIL",
            CaseStatus::Skip => "SKIP",
        };
        write!(f, "{word} {} › {} › {}", self.suite, self.test, self.case)?;
        if let Some(r) = &self.reason {
            write!(f, ": {r}")?;
        }
        Ok(())
    }
}

/// The results of every case of every suite, in suite, test and case order.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct SuiteResults {
    /// One entry per case.
    pub cases: Vec<CaseResult>,
}

impl SuiteResults {
    fn count(&self, s: CaseStatus) -> usize {
        self.cases.iter().filter(|c| c.status == s).count()
    }

    /// Cases that passed.
    pub fn passed(&self) -> usize {
        self.count(CaseStatus::Pass)
    }

    /// Cases that failed.
    pub fn failed(&self) -> usize {
        self.count(CaseStatus::Fail)
    }

    /// Cases skipped.
    pub fn skipped(&self) -> usize {
        self.count(CaseStatus::Skip)
    }

    /// `N passed, N failed` (and `, N skipped` when some were).
    pub fn summary(&self) -> String {
        let mut s = format!("{} passed, {} failed", self.passed(), self.failed());
        if self.skipped() > 0 {
            s.push_str(&format!(", {} skipped", self.skipped()));
        }
        s
    }
}

fn loc(path: &Path, line: u32, column: u32) -> Location {
    Location {
        file: Some(path.display().to_string()),
        line,
        column,
    }
}

fn read(path: &Path) -> Result<String, GatekeeperError> {
    std::fs::read_to_string(path).map_err(|source| GatekeeperError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// The documents of a YAML file (empty ones left out), with their lines.
fn documents(path: &Path) -> Result<Vec<(Value, u32)>, GatekeeperError> {
    let text = read(path)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut out = Vec::new();
    for d in crate::yaml::parse_stream(text, &Limits::default()) {
        match d.result {
            Ok((Value::Null, _)) => {}
            Ok((v, _)) => out.push((v, d.pos.0)),
            Err(e) => {
                return Err(GatekeeperError::Syntax {
                    location: loc(path, e.line, e.column),
                    message: e.message,
                })
            }
        }
    }
    Ok(out)
}

fn is_suite(v: &Value) -> bool {
    v.get("kind").and_then(Value::as_str) == Some("Suite")
        && v.get("apiVersion")
            .and_then(Value::as_str)
            .is_some_and(|a| a.starts_with("test.gatekeeper.sh/"))
}

/// Suite files under the paths: a file is taken as a suite; in a directory,
/// every `.yaml`/`.yml` file holding a `kind: Suite` document.
fn find_suites(paths: &[PathBuf]) -> Result<Vec<PathBuf>, GatekeeperError> {
    let mut out = Vec::new();
    for p in paths {
        let meta = std::fs::metadata(p).map_err(|source| GatekeeperError::Io {
            path: p.clone(),
            source,
        })?;
        if meta.is_file() {
            out.push(p.clone());
            continue;
        }
        for entry in walkdir::WalkDir::new(p)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        {
            let entry = entry.map_err(|e| GatekeeperError::Io {
                path: e.path().unwrap_or(p).to_path_buf(),
                source: e.into(),
            })?;
            let name = entry.file_name().to_string_lossy().to_string();
            if !entry.file_type().is_file() || !(name.ends_with(".yaml") || name.ends_with(".yml"))
            {
                continue;
            }
            let text = read(entry.path())?;
            if text.contains("Suite") && text.contains("test.gatekeeper.sh") {
                out.push(entry.into_path());
            }
        }
    }
    Ok(out)
}

#[derive(Debug, Clone)]
struct Assertion {
    violations: Expect,
    message: Option<regex::Regex>,
    message_text: Option<String>,
}

#[derive(Debug, Clone, Copy)]
enum Expect {
    Yes,
    No,
    Exactly(u64),
}

#[derive(Debug, Clone)]
struct Case {
    name: String,
    object: Option<String>,
    inventory: Vec<String>,
    assertions: Result<Vec<Assertion>, String>,
    skip: bool,
}

#[derive(Debug, Clone)]
struct Test {
    name: String,
    template: String,
    constraint: String,
    invalid: bool,
    skip: bool,
    cases: Vec<Case>,
}

#[derive(Debug, Clone)]
struct Suite {
    file: PathBuf,
    name: String,
    skip: bool,
    tests: Vec<Test>,
}

fn s(v: &Value, k: &str) -> Option<String> {
    v.get(k).and_then(Value::as_str).map(str::to_string)
}

fn flag(v: &Value, k: &str) -> bool {
    v.get(k).and_then(Value::as_bool).unwrap_or(false)
}

fn parse_assertion(a: &Value) -> Result<Assertion, String> {
    let violations = match a.get("violations") {
        None | Some(Value::Null) => Expect::Yes,
        Some(Value::String(s)) if s == "yes" => Expect::Yes,
        Some(Value::String(s)) if s == "no" => Expect::No,
        Some(Value::Number(n)) if n.as_u64().is_some() => Expect::Exactly(n.as_u64().unwrap_or(0)),
        Some(Value::String(s)) if s.parse::<u64>().is_ok() => {
            Expect::Exactly(s.parse::<u64>().unwrap_or(0))
        }
        Some(other) => {
            return Err(format!(
                "assertion.violations, if set, must be a nonnegative integer, \"yes\", or \"no\" (found `{other}`)"
            ))
        }
    };
    let message_text = s(a, "message");
    let message = match &message_text {
        None => None,
        Some(m) => Some(
            regex::Regex::new(m).map_err(|e| format!("invalid message regular expression: {e}"))?,
        ),
    };
    Ok(Assertion {
        violations,
        message,
        message_text,
    })
}

fn parse_suite(file: &Path) -> Result<Option<Suite>, GatekeeperError> {
    let docs = documents(file)?;
    let Some((v, line)) = docs.into_iter().find(|(v, _)| is_suite(v)) else {
        return Ok(None);
    };
    let err = |message: String| GatekeeperError::Suite {
        location: loc(file, line, 1),
        message,
    };
    let name = v
        .get("metadata")
        .and_then(|m| s(m, "name"))
        .unwrap_or_else(|| file.display().to_string());
    let mut tests = Vec::new();
    let raw_tests = match v.get("tests") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(a)) => a.clone(),
        Some(_) => return Err(err("`tests` must be a list".into())),
    };
    for (ti, t) in raw_tests.iter().enumerate() {
        let tname = s(t, "name").unwrap_or_else(|| format!("test {ti}"));
        let mut cases = Vec::new();
        let raw_cases = match t.get("cases") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(a)) => a.clone(),
            Some(_) => return Err(err(format!("test `{tname}`: `cases` must be a list"))),
        };
        for (ci, c) in raw_cases.iter().enumerate() {
            let assertions = match c.get("assertions") {
                Some(Value::Array(a)) if !a.is_empty() => {
                    a.iter().map(parse_assertion).collect::<Result<Vec<_>, _>>()
                }
                _ => Err("assertions must be non-empty".to_string()),
            };
            let inventory = match c.get("inventory") {
                Some(Value::Array(a)) => a
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect(),
                Some(Value::String(one)) => vec![one.clone()],
                _ => Vec::new(),
            };
            cases.push(Case {
                name: s(c, "name").unwrap_or_else(|| format!("case {ci}")),
                object: s(c, "object"),
                inventory,
                assertions,
                skip: flag(c, "skip"),
            });
        }
        tests.push(Test {
            name: tname,
            template: s(t, "template").unwrap_or_default(),
            constraint: s(t, "constraint").unwrap_or_default(),
            invalid: flag(t, "invalid"),
            skip: flag(t, "skip"),
            cases,
        });
    }
    Ok(Some(Suite {
        file: file.to_path_buf(),
        name,
        skip: flag(&v, "skip"),
        tests,
    }))
}

/// Run the suites found under `paths` (files or directories).
///
/// A suite that cannot be read or parsed is an error; a case that cannot be
/// run (a missing object file, a template that does not compile) fails with
/// the reason.
pub fn verify<P: AsRef<Path>>(paths: &[P]) -> Result<SuiteResults, GatekeeperError> {
    let paths: Vec<PathBuf> = paths.iter().map(|p| p.as_ref().to_path_buf()).collect();
    let files = find_suites(&paths)?;
    let mut suites = Vec::new();
    for f in &files {
        match parse_suite(f)? {
            Some(s) => suites.push(s),
            None if paths.contains(f) => {
                return Err(GatekeeperError::Suite {
                    location: loc(f, 0, 0),
                    message:
                        "not a gator suite (kind: Suite, apiVersion: test.gatekeeper.sh/v1alpha1)"
                            .into(),
                })
            }
            None => {}
        }
    }
    Ok(run(&suites))
}

/// Run one suite file.
pub fn verify_suite(path: impl AsRef<Path>) -> Result<SuiteResults, GatekeeperError> {
    verify(&[path.as_ref()])
}

fn dir_of(file: &Path) -> PathBuf {
    file.parent().map(Path::to_path_buf).unwrap_or_default()
}

/// Read and compile a template file (one `ConstraintTemplate` document).
fn load_template(path: &Path) -> Result<Template, String> {
    let docs = documents(path).map_err(|e| e.to_string())?;
    let (v, line) = docs
        .into_iter()
        .find(|(v, _)| super::is_template(v))
        .ok_or_else(|| format!("`{}` holds no ConstraintTemplate", path.display()))?;
    // read as objects, with the positions of their values, so that Rego
    // errors point at their line in the file (as in bundles)
    if let Ok(text) = read(path) {
        let file = path.display().to_string();
        let mut objects = crate::Objects::new();
        objects.add_text(&text, Some(&file));
        let compiled = objects
            .iter()
            .find(|o| super::is_template(&o.value()))
            .map(|o| Template::from_object(o, Some(&text)));
        if let Some(t) = compiled {
            return t.map_err(|e| e.to_string());
        }
    }
    Template::from_value(&v, loc(path, line, 1)).map_err(|e| e.to_string())
}

fn run(suites: &[Suite]) -> SuiteResults {
    // compile each template once, in parallel
    let mut template_paths: Vec<PathBuf> = suites
        .iter()
        .filter(|s| !s.skip)
        .flat_map(|s| {
            s.tests
                .iter()
                .filter(|t| !t.skip && !t.template.is_empty())
                .map(|t| dir_of(&s.file).join(&t.template))
        })
        .collect();
    template_paths.sort();
    template_paths.dedup();
    let compiled: HashMap<PathBuf, Result<Template, String>> = template_paths
        .par_iter()
        .map(|p| (p.clone(), load_template(p)))
        .collect();
    let jobs: Vec<(&Suite, &Test)> = suites
        .iter()
        .flat_map(|s| s.tests.iter().map(move |t| (s, t)))
        .collect();
    let results: Vec<Vec<CaseResult>> = jobs
        .par_iter()
        .map(|(s, t)| run_test(s, t, &compiled))
        .collect();
    SuiteResults {
        cases: results.into_iter().flatten().collect(),
    }
}

fn run_test(
    suite: &Suite,
    test: &Test,
    compiled: &HashMap<PathBuf, Result<Template, String>>,
) -> Vec<CaseResult> {
    let result = |case: &str, status: CaseStatus, reason: Option<String>| CaseResult {
        file: suite.file.display().to_string(),
        suite: suite.name.clone(),
        test: test.name.clone(),
        case: case.to_string(),
        status,
        reason,
    };
    let all = |status: CaseStatus, reason: Option<String>| -> Vec<CaseResult> {
        if test.cases.is_empty() || test.invalid {
            let name = if test.invalid {
                "invalid constraint"
            } else {
                "(no cases)"
            };
            return vec![result(name, status, reason)];
        }
        test.cases
            .iter()
            .map(|c| result(&c.name, status, reason.clone()))
            .collect()
    };
    if suite.skip || test.skip {
        return all(CaseStatus::Skip, None);
    }
    let dir = dir_of(&suite.file);
    if test.template.is_empty() {
        return all(
            CaseStatus::Fail,
            Some("invalid suite: missing template".into()),
        );
    }
    if test.constraint.is_empty() {
        return all(
            CaseStatus::Fail,
            Some("invalid suite: missing constraint".into()),
        );
    }
    let template = match compiled.get(&dir.join(&test.template)) {
        Some(Ok(t)) => t.clone(),
        Some(Err(e)) => return all(CaseStatus::Fail, Some(e.clone())),
        None => return all(CaseStatus::Fail, Some("template not loaded".into())),
    };
    // gator evaluates a template's CEL engine in preference to its Rego: a
    // failure may be that difference, not the policy's
    let cel = template.has_cel_engine();
    let cel_note = |reason: String| {
        if cel {
            format!("{reason} (the template also has a K8sNativeValidation (CEL) engine, which gator evaluates instead of the Rego that kubegov runs)")
        } else {
            reason
        }
    };
    let mut set = Set::new();
    if let Err(e) = set.add_template(template) {
        return all(CaseStatus::Fail, Some(e.to_string()));
    }
    let cpath = dir.join(&test.constraint);
    let added = documents(&cpath).and_then(|docs| {
        let (v, line) = docs
            .into_iter()
            .next()
            .ok_or_else(|| GatekeeperError::Suite {
                location: loc(&cpath, 0, 0),
                message: "the constraint file is empty".into(),
            })?;
        set.add_constraint_value(&v, loc(&cpath, line, 1))
    });
    if test.invalid {
        return match added {
            Err(GatekeeperError::Parameters { .. }) => all(CaseStatus::Pass, None),
            Err(e) => all(
                CaseStatus::Fail,
                Some(format!("want a parameter schema error, got: {e}")),
            ),
            Ok(()) => all(
                CaseStatus::Fail,
                Some("want a parameter schema error, but the constraint is valid".into()),
            ),
        };
    }
    if let Err(e) = added {
        return all(CaseStatus::Fail, Some(e.to_string()));
    }
    test.cases
        .iter()
        .map(|c| {
            if c.skip {
                return result(&c.name, CaseStatus::Skip, None);
            }
            match run_case(&set, &dir, c) {
                Ok(()) => result(&c.name, CaseStatus::Pass, None),
                Err(reason) => result(&c.name, CaseStatus::Fail, Some(cel_note(reason))),
            }
        })
        .collect()
}

fn run_case(set: &Set, dir: &Path, case: &Case) -> Result<(), String> {
    let assertions = case
        .assertions
        .as_ref()
        .map_err(|e| format!("invalid case: {e}"))?;
    let object = case
        .object
        .as_ref()
        .ok_or_else(|| "invalid case: must define object".to_string())?;
    let opath = dir.join(object);
    let docs = documents(&opath).map_err(|e| e.to_string())?;
    let [(value, _)] = docs.as_slice() else {
        return Err(format!(
            "`{}` defines {} objects, want exactly 1",
            opath.display(),
            docs.len()
        ));
    };
    let mut inv_values = Vec::new();
    for p in &case.inventory {
        let ipath = dir.join(p);
        let docs = documents(&ipath).map_err(|e| e.to_string())?;
        if docs.is_empty() {
            return Err(format!("`{}` defines no objects", ipath.display()));
        }
        inv_values.extend(docs.into_iter().map(|(v, _)| v));
    }
    let refs: Vec<&Value> = inv_values.iter().collect();
    let inv = inventory(&refs);
    let ns_labels = namespace_labels(&refs);
    let subject = subject_of(value)?;
    let mut engines = set.engines(&inv);
    let (violations, errors) = set.review(&mut engines, &subject, &ns_labels);
    if let Some((_, e)) = errors.first() {
        return Err(format!("evaluation failed: {e}"));
    }
    let messages: Vec<&str> = violations.iter().map(|v| v.msg.as_str()).collect();
    for a in assertions {
        let matching = messages
            .iter()
            .filter(|m| a.message.as_ref().is_none_or(|r| r.is_match(m)))
            .count() as u64;
        let containing = a
            .message_text
            .as_ref()
            .map(|m| format!(" containing {m:?}"))
            .unwrap_or_default();
        let failure = match a.violations {
            Expect::Yes if matching == 0 => {
                Some(format!("got 0 violations{containing} but want at least 1"))
            }
            Expect::No if matching > 0 => Some(format!(
                "got {matching} violations{containing} but want none"
            )),
            Expect::Exactly(n) if matching != n => Some(format!(
                "got {matching} violations{containing} but want exactly {n}"
            )),
            _ => None,
        };
        if let Some(f) = failure {
            return Err(format!("{f}: got messages {messages:?}"));
        }
    }
    Ok(())
}

/// The subject of a case's object: an `AdmissionReview`'s request, or a plain object.
fn subject_of(value: &Value) -> Result<Subject, String> {
    let is_review = value.get("kind").and_then(Value::as_str) == Some("AdmissionReview")
        && value
            .get("apiVersion")
            .and_then(Value::as_str)
            .is_some_and(|a| a.starts_with("admission.k8s.io/"));
    if is_review {
        let req = value
            .get("request")
            .filter(|r| r.is_object())
            .ok_or("AdmissionReview has no request")?;
        let has = |k: &str| req.get(k).is_some_and(|v| !v.is_null());
        if !has("object") && !has("oldObject") {
            return Err(
                "AdmissionRequest does not contain an \"object\" or \"oldObject\" to review".into(),
            );
        }
        return Ok(subject_of_request(req));
    }
    Ok(Subject {
        review: regorus::Value::from(plain_review(value)),
        object: Some(value.clone()),
        old_object: None,
        namespace: None,
    })
}
