//! `verify` / `verifyAsync`: gator test suites (`suite.yaml`), run by the
//! core's `kubegov::gatekeeper::verify` as `kubegov verify` runs them.

use std::path::PathBuf;

use napi::bindgen_prelude::AsyncTask;
use napi::{Env, Task, Unknown};
use napi_derive::napi;
use serde_json::Value;

use crate::errors::{guard, run, Error};
use crate::report::n;

/// One case of a gator suite.
#[napi(object)]
#[derive(Debug)]
pub struct CaseResult {
    /// The case's name.
    pub name: String,
    /// The test's name.
    pub test: String,
    /// The suite's `metadata.name`, or its file when unnamed.
    pub suite: String,
    /// The suite file.
    pub file: String,
    /// How it ended.
    #[napi(ts_type = "'pass' | 'fail' | 'skip'")]
    pub status: String,
    /// Why it failed (absent unless `status` is `fail`).
    pub message: Option<String>,
}

/// The results of every case of every suite, in suite, test and case order.
#[napi(object)]
#[derive(Debug)]
pub struct SuiteResults {
    /// One entry per case.
    pub cases: Vec<CaseResult>,
    /// Cases that passed.
    pub passed: u32,
    /// Cases that failed.
    pub failed: u32,
    /// Cases skipped (`skip: true`).
    pub skipped: u32,
    /// Whether no case failed (and there was at least one).
    pub ok: bool,
    /// `N passed, N failed` (and `, N skipped`): the last line of `kubegov verify`.
    pub summary: String,
}

fn results(r: &kubegov::gatekeeper::SuiteResults) -> SuiteResults {
    use kubegov::gatekeeper::CaseStatus;
    SuiteResults {
        cases: r
            .cases
            .iter()
            .map(|c| CaseResult {
                name: c.case.clone(),
                test: c.test.clone(),
                suite: c.suite.clone(),
                file: c.file.clone(),
                status: match c.status {
                    CaseStatus::Pass => "pass",
                    CaseStatus::Fail => "fail",
                    CaseStatus::Skip => "skip",
                }
                .to_string(),
                message: c.reason.clone(),
            })
            .collect(),
        passed: n(r.passed()),
        failed: n(r.failed()),
        skipped: n(r.skipped()),
        ok: r.failed() == 0 && !r.cases.is_empty(),
        summary: r.summary(),
    }
}

/// The suites to run: one path, or an array of paths.
fn paths_arg(env: &Env, value: Unknown<'_>) -> Result<Vec<PathBuf>, Error> {
    let not_paths = || Error::invalid("cannot verify this value: pass a path or an array of paths");
    let value = env
        .from_js_value::<Value, _>(value)
        .map_err(|_| not_paths())?;
    match value {
        Value::String(s) => Ok(vec![PathBuf::from(s)]),
        Value::Array(items) => items
            .into_iter()
            .map(|i| match i {
                Value::String(s) => Ok(PathBuf::from(s)),
                _ => Err(not_paths()),
            })
            .collect(),
        _ => Err(not_paths()),
    }
}

fn verify_paths(paths: &[PathBuf]) -> Result<kubegov::gatekeeper::SuiteResults, Error> {
    Ok(kubegov::gatekeeper::verify(paths)?)
}

/// Run the gator test suites (`kind: Suite`, `test.gatekeeper.sh/v1alpha1`)
/// found at `paths`: suite files, or directories searched for them. A suite
/// that cannot be read or parsed throws (codes `gatekeeper.io`,
/// `gatekeeper.syntax`, `gatekeeper.suite`, with its file and line); a case
/// that cannot run (a missing object file, a template that does not compile)
/// fails with the reason. Blocks the calling thread; see `verifyAsync`.
#[napi]
pub fn verify(
    env: Env,
    #[napi(ts_arg_type = "string | Array<string>")] paths: Unknown<'_>,
) -> napi::Result<SuiteResults> {
    let paths = paths_arg(&env, paths);
    run(&env, || Ok(results(&verify_paths(&paths?)?)))
}

/// `verify` computed on the libuv thread pool.
#[napi(ts_return_type = "Promise<SuiteResults>")]
pub fn verify_async(
    env: Env,
    #[napi(ts_arg_type = "string | Array<string>")] paths: Unknown<'_>,
) -> AsyncTask<VerifyTask> {
    AsyncTask::new(VerifyTask {
        paths: Some(paths_arg(&env, paths)),
    })
}

/// The work of `verifyAsync`.
#[derive(Debug)]
pub struct VerifyTask {
    paths: Option<Result<Vec<PathBuf>, Error>>,
}

impl Task for VerifyTask {
    type Output = Result<kubegov::gatekeeper::SuiteResults, Error>;
    type JsValue = SuiteResults;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        let paths = self.paths.take();
        Ok(guard(|| {
            let paths = paths.ok_or_else(|| Error::new("internal", "task computed twice"))??;
            verify_paths(&paths)
        }))
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> napi::Result<SuiteResults> {
        match output {
            Ok(r) => Ok(results(&r)),
            Err(e) => Err(e.into_js(&env)),
        }
    }
}
