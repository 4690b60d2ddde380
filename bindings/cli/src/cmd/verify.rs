//! `kubegov verify`: run gator test suites (`suite.yaml`).

use std::path::PathBuf;

use kubegov::gatekeeper::{verify, CaseStatus};

#[derive(clap::Args)]
pub struct Args {
    /// Suite files, or directories searched for them (default: `.`).
    paths: Vec<PathBuf>,
    /// Run only cases whose `suite › test › case` matches this regular expression.
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
    let paths = if a.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        a.paths
    };
    let mut results = match verify(&paths) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error[{}]: {e}", e.code());
            return crate::exit::ERROR;
        }
    };
    if let Some(f) = &filter {
        results
            .cases
            .retain(|c| f.is_match(&format!("{} › {} › {}", c.suite, c.test, c.case)));
    }
    if results.cases.is_empty() {
        eprintln!("error[usage]: no gator suite cases found");
        return crate::exit::ERROR;
    }
    for c in &results.cases {
        println!("{c}");
    }
    println!("{}", results.summary());
    if results.cases.iter().any(|c| c.status == CaseStatus::Fail) {
        crate::exit::FINDINGS
    } else {
        crate::exit::OK
    }
}
