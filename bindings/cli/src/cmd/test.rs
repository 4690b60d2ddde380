//! `kubegov test`: run the Rego unit tests of a bundle.

use std::path::PathBuf;

use kubegov::testing::TestOutcome;

#[derive(clap::Args)]
pub struct Args {
    /// Bundle directories (default: the built-in library).
    paths: Vec<PathBuf>,
    /// Run only tests whose `package.rule` matches this regular expression.
    #[arg(long)]
    run: Option<String>,
}

pub fn run(a: Args) -> u8 {
    let filter = match a.run.as_deref().map(regex::Regex::new).transpose() {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error[usage]: invalid --run expression: {e}");
            return crate::exit::ERROR;
        }
    };
    let paths: Vec<Option<PathBuf>> = if a.paths.is_empty() {
        vec![None]
    } else {
        a.paths.into_iter().map(Some).collect()
    };
    let (mut passed, mut failed) = (0, 0);
    for p in paths {
        let bundle = match super::load_bundle(p.as_deref()) {
            Ok(b) => b,
            Err(code) => return code,
        };
        let results = match bundle.run_tests(filter.as_ref()) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("error[{}]: {e}", e.code());
                return crate::exit::ERROR;
            }
        };
        for t in &results.tests {
            let (word, extra) = match &t.outcome {
                TestOutcome::Pass => ("PASS", String::new()),
                TestOutcome::Fail => ("FAIL", String::new()),
                TestOutcome::Error(m) => ("ERROR", format!(": {m}")),
            };
            println!(
                "{word} {}.{} ({}:{}) {:.3}ms{extra}",
                t.package,
                t.name,
                t.file,
                t.line,
                t.micros as f64 / 1000.0
            );
        }
        passed += results.passed();
        failed += results.failed();
    }
    println!("{passed} passed, {failed} failed");
    if failed > 0 || passed == 0 {
        crate::exit::FINDINGS
    } else {
        crate::exit::OK
    }
}
