//! The `kubegov` command.

mod cmd;

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

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
    /// The reader of stdout went away (`kubegov check | head`): 128 + SIGPIPE,
    /// what a shell reports for a tool that the signal stopped.
    pub const BROKEN_PIPE: u8 = 141;
}

/// Set by the panic hook when the panic is only a write to a closed pipe.
static BROKEN_PIPE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// `println!` panics when stdout's reader has gone (Rust ignores SIGPIPE).
/// That is the normal end of `kubegov ... | head`, not an internal error.
fn is_broken_pipe(info: &std::panic::PanicHookInfo<'_>) -> bool {
    let payload = info.payload();
    let text = payload
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| payload.downcast_ref::<&str>().copied())
        .unwrap_or("");
    text.starts_with("failed printing to std") && text.contains("Broken pipe")
}

#[derive(Parser)]
#[command(
    name = "kubegov",
    about = "Kubernetes governance as code: check manifests against Rego policies",
    disable_version_flag = true,
    arg_required_else_help = true
)]
struct Cli {
    /// Print the version and the built-in bundle's digest.
    #[arg(short = 'V', long)]
    version: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Check Kubernetes manifests (files, directories or `-` for stdin).
    Check(Box<cmd::check::Args>),
    /// List the bundle's policies.
    Policies(cmd::policies::Args),
    /// Run the Rego unit tests (`test_*` rules) of a bundle.
    Test(cmd::test::Args),
    /// Run Gatekeeper gator test suites (`suite.yaml`).
    Verify(cmd::verify::Args),
    /// Explain a policy: description, remediation, controls, parameters, samples.
    Explain(cmd::explain::Args),
    /// Compile a bundle into one versioned, checksummed artifact file.
    Build(cmd::build::Args),
    /// Print a shell completion script.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Panic on purpose: drives the internal-error path in tests.
    #[command(name = "__panic-for-tests", hide = true)]
    PanicForTests,
}

/// `kubegov --version`: the version, and the digest of the built-in bundle.
fn version() -> u8 {
    println!("kubegov {}", env!("CARGO_PKG_VERSION"));
    match kubegov::Bundle::embedded() {
        Ok(b) => {
            println!(
                "built-in bundle: {} policies, digest {}",
                b.policies().len(),
                b.digest()
            );
            exit::OK
        }
        Err(e) => {
            eprintln!("error[{}]: {e}", e.code());
            exit::ERROR
        }
    }
}

fn main() -> ExitCode {
    // regorus reports undefined values and builtin failures as `anyhow`
    // errors, which capture a stack trace when RUST_BACKTRACE is set (CI
    // jobs often set it): a one-file check then takes 1.4x as long. Those
    // errors never reach the user, so their traces are not wanted; panics
    // still honour RUST_BACKTRACE. Set before any thread starts.
    if std::env::var_os("RUST_LIB_BACKTRACE").is_none() {
        std::env::set_var("RUST_LIB_BACKTRACE", "0");
    }
    let matches = match Cli::command().try_get_matches() {
        Ok(m) => m,
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
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(exit::ERROR);
        }
    };
    // A panic must never reach the user as a crash: report it and exit 2.
    std::panic::set_hook(Box::new(|info| {
        if is_broken_pipe(info) {
            BROKEN_PIPE.store(true, std::sync::atomic::Ordering::SeqCst);
            return;
        }
        eprintln!("kubegov: internal error: {info}\nplease report this at https://github.com/kubegov/kubegov/issues");
    }));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match cli.command {
        _ if cli.version => version(),
        None => {
            let _ = Cli::command().print_help();
            exit::ERROR
        }
        Some(command) => run(command, &matches),
    }));
    ExitCode::from(result.unwrap_or_else(|_| {
        if BROKEN_PIPE.load(std::sync::atomic::Ordering::SeqCst) {
            exit::BROKEN_PIPE
        } else {
            exit::ERROR
        }
    }))
}

fn run(command: Command, matches: &clap::ArgMatches) -> u8 {
    match command {
        Command::Check(a) => cmd::check::run(*a, matches.subcommand_matches("check")),
        Command::Policies(a) => cmd::policies::run(a),
        Command::Test(a) => cmd::test::run(a),
        Command::Verify(a) => cmd::verify::run(a),
        Command::Explain(a) => cmd::explain::run(a),
        Command::Build(a) => cmd::build::run(a),
        Command::Completions { shell } => {
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "kubegov",
                &mut std::io::stdout(),
            );
            exit::OK
        }
        #[allow(clippy::panic)]
        Command::PanicForTests => panic!("a panic asked for by the test suite"),
    }
}
