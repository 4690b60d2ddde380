//! Running a bundle's Rego unit tests (`test_*` rules in `*_test.rego` files).

use serde::Serialize;

use crate::bundle::{Bundle, FileKind};
use crate::error::rego_error;
use crate::LoadError;

/// The outcome of one test rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TestOutcome {
    /// The rule evaluated to `true`.
    Pass,
    /// The rule was undefined or not `true`.
    Fail,
    /// Evaluation raised an error.
    Error(String),
}

/// One test's result.
#[derive(Debug, Clone, Serialize)]
pub struct TestResult {
    /// The test file.
    pub file: String,
    /// The package of the test.
    pub package: String,
    /// The rule name (`test_privileged_is_denied`).
    pub name: String,
    /// 1-based line of the rule.
    pub line: u32,
    /// Outcome.
    pub outcome: TestOutcome,
    /// Time taken, in microseconds.
    pub micros: u64,
}

/// All the tests of a bundle.
#[derive(Debug, Clone, Serialize, Default)]
pub struct TestResults {
    /// Each test, in file and line order.
    pub tests: Vec<TestResult>,
}

impl TestResults {
    /// Number of passing tests.
    pub fn passed(&self) -> usize {
        self.tests
            .iter()
            .filter(|t| t.outcome == TestOutcome::Pass)
            .count()
    }
    /// Number of failing or erroring tests.
    pub fn failed(&self) -> usize {
        self.tests.len() - self.passed()
    }
}

/// The `test_*` rules of a module, with their lines (deduplicated: a test may
/// have several bodies).
fn test_rules(source: &str) -> Vec<(String, u32)> {
    let mut out: Vec<(String, u32)> = Vec::new();
    for (i, line) in source.lines().enumerate() {
        if !line.starts_with("test_") {
            continue;
        }
        let name: String = line
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if !out.iter().any(|(n, _)| *n == name) {
            out.push((name, i as u32 + 1));
        }
    }
    out
}

/// Run the `test_*` rules of one test file in an engine holding what it tests.
fn run_file(
    engine: &mut regorus::Engine,
    f: &crate::bundle::BundleFile,
    package: &str,
    filter: Option<&regex::Regex>,
    results: &mut TestResults,
) {
    for (name, line) in test_rules(&f.content) {
        let full = format!("{package}.{name}");
        if filter.is_some_and(|re| !re.is_match(&full)) {
            continue;
        }
        let start = Clock::start();
        engine.set_input(regorus::Value::new_object());
        let outcome = match engine.eval_rule(format!("data.{full}")) {
            Ok(regorus::Value::Bool(true)) => TestOutcome::Pass,
            Ok(_) => TestOutcome::Fail,
            Err(e) => {
                let (_, m) = crate::error::split_rego_diagnostic(&e.to_string(), &f.path);
                TestOutcome::Error(m)
            }
        };
        results.tests.push(TestResult {
            file: f.path.clone(),
            package: package.to_string(),
            name,
            line,
            outcome,
            micros: start.micros(),
        });
    }
}

impl Bundle {
    /// Run the bundle's Rego unit tests; `filter` keeps tests whose
    /// `package.name` contains it as a regular expression match.
    ///
    /// A test file (`*_test.rego`) whose package is that of a Gatekeeper
    /// template's Rego (as the Gatekeeper library's `src_test.rego` files
    /// are) runs in that template's engine: its `rego` and `libs`, in its
    /// Rego version (v0 unless the template says v1), with the template's
    /// OPA-compatibility rewrites. Every other test runs with the bundle's
    /// Rego modules and data.
    pub fn run_tests(&self, filter: Option<&regex::Regex>) -> Result<TestResults, LoadError> {
        let templates = self.gatekeeper().templates();
        let template_of = |f: &crate::bundle::BundleFile| {
            let package = crate::metadata::read_header(&f.content)?.package;
            templates.iter().find(|t| t.package() == package)
        };
        let mut engine = regorus::Engine::new();
        engine.set_strict_builtin_errors(false);
        let mut data = serde_json::Value::Object(Default::default());
        for f in self.files() {
            match f.kind() {
                FileKind::Test if template_of(f).is_some() => {}
                FileKind::Module | FileKind::Test => {
                    engine.set_rego_v0(f.rego_v0);
                    engine
                        .add_policy(f.path.clone(), f.content.clone())
                        .map_err(|e| rego_error(&e, &f.path))?;
                }
                FileKind::Data => {
                    let v = crate::evaluate::data_value(f)?;
                    let _ = crate::evaluate::merge_json(&mut data, v, "data");
                }
                FileKind::Gatekeeper | FileKind::Other => {}
            }
        }
        engine
            .add_data(regorus::Value::from(data))
            .map_err(|e| rego_error(&e, "data"))?;
        let mut results = TestResults::default();
        for f in self.files().iter().filter(|f| f.kind() == FileKind::Test) {
            let Some(header) = crate::metadata::read_header(&f.content) else {
                continue;
            };
            match template_of(f) {
                None => run_file(&mut engine, f, &header.package, filter, &mut results),
                Some(t) => {
                    let mut own = t.engine().clone();
                    own.set_rego_v0(!t.is_rego_v1());
                    own.add_policy(f.path.clone(), t.prepare_source(&f.content))
                        .map_err(|e| rego_error(&e, &f.path))?;
                    run_file(&mut own, f, &header.package, filter, &mut results);
                }
            }
        }
        Ok(results)
    }
}

/// Test timing; wasm32-unknown-unknown has no clock (std's `Instant::now`
/// panics there), so tests report 0 µs there.
#[cfg(not(target_arch = "wasm32"))]
struct Clock(std::time::Instant);

#[cfg(not(target_arch = "wasm32"))]
impl Clock {
    fn start() -> Clock {
        Clock(std::time::Instant::now())
    }
    fn micros(&self) -> u64 {
        self.0.elapsed().as_micros() as u64
    }
}

#[cfg(target_arch = "wasm32")]
struct Clock;

#[cfg(target_arch = "wasm32")]
impl Clock {
    fn start() -> Clock {
        Clock
    }
    fn micros(&self) -> u64 {
        0
    }
}
