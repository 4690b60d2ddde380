//! The `kubegov` command.

mod cmd;
mod render;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exit codes, documented in the README.
pub(crate) mod exit {
    /// No failing finding.
    pub const OK: u8 = 0;
    /// Findings at or above the threshold.
    pub const FINDINGS: u8 = 1;
    /// Usage or input error.
    pub const ERROR: u8 = 2;
}

#[derive(Parser)]
#[command(
    name = "kubegov",
    version,
    about = "Kubernetes governance as code: check manifests against Rego policies"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check Kubernetes manifests (files, directories or `-` for stdin).
    Check(cmd::check::Args),
    /// List the bundle's policies.
    Policies(cmd::policies::Args),
    /// Run the Rego unit tests (`test_*` rules) of a bundle.
    Test(cmd::test::Args),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() {
                exit::ERROR
            } else {
                exit::OK
            };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    // A panic must never reach the user as a crash: report it and exit 2.
    std::panic::set_hook(Box::new(|info| {
        eprintln!("kubegov: internal error: {info}\nplease report this at https://github.com/kubegov/kubegov/issues");
    }));
    let result = std::panic::catch_unwind(|| match cli.command {
        Command::Check(a) => cmd::check::run(a),
        Command::Policies(a) => cmd::policies::run(a),
        Command::Test(a) => cmd::test::run(a),
    });
    ExitCode::from(result.unwrap_or(exit::ERROR))
}
