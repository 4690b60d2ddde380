//! `kubegov check`: evaluate manifests and report findings.

use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;

use clap::ValueEnum;
use kubegov::Objects;

use crate::exit;
use crate::render;

/// Output formats.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Format {
    /// A readable table (colour on a terminal).
    Table,
    /// The report's JSON (versioned schema).
    Json,
}

#[derive(clap::Args)]
pub struct Args {
    /// Files or directories to check (`.yaml`, `.yml`, `.json`, recursively); `-` reads stdin.
    #[arg(required = true)]
    paths: Vec<String>,
    /// A bundle directory or OPA `.tar.gz` instead of the built-in library.
    #[arg(long, short)]
    bundle: Option<PathBuf>,
    /// Output format.
    #[arg(long, short, value_enum, default_value = "table")]
    format: Format,
    /// Write the report to this file instead of stdout.
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// The file name to show for stdin in locations.
    #[arg(long, default_value = "-")]
    stdin_filename: String,
    /// Never colour the table.
    #[arg(long)]
    no_color: bool,
    /// A configuration file (selection, parameters, enforcement actions, match, exceptions).
    #[arg(long, short)]
    config: Option<PathBuf>,
    /// An exceptions file (may be repeated).
    #[arg(long)]
    exceptions: Vec<PathBuf>,
    /// Run only policies matching one of these terms: an id glob, `category=`,
    /// `severity=`/`severity>=`, or a control tag such as `pss=restricted`, `cis=5.2.*`.
    #[arg(long)]
    select: Vec<String>,
    /// Never run policies matching these terms (same syntax as --select).
    #[arg(long)]
    skip: Vec<String>,
    /// Fail (exit 1) only on deny findings at or above this severity.
    #[arg(long, value_parser = ["critical", "high", "medium", "low", "info"])]
    fail_on: Option<String>,
    /// Refuse the --bundle unless its `.signatures.json` verifies with this
    /// PEM public key (or HMAC secret file).
    #[arg(long)]
    verification_key: Option<PathBuf>,
}

/// Build the configuration from --config, --exceptions, --select and --skip.
fn configuration(a: &Args) -> Result<kubegov::Config, kubegov::ConfigError> {
    let mut cfg = match &a.config {
        Some(p) => kubegov::Config::from_file(p)?,
        None => kubegov::Config::new(),
    };
    for e in &a.exceptions {
        cfg.add_exceptions_file(e)?;
    }
    for t in &a.select {
        cfg.select(t)?;
    }
    for t in &a.skip {
        cfg.skip(t)?;
    }
    Ok(cfg)
}

pub fn run(a: Args) -> u8 {
    let bundle =
        match super::load_bundle_verified(a.bundle.as_deref(), a.verification_key.as_deref()) {
            Ok(b) => b,
            Err(code) => return code,
        };
    let bundle = match configuration(&a).and_then(|c| bundle.configure(&c)) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error[{}]: {e}", e.code());
            return exit::ERROR;
        }
    };
    let mut objects = Objects::new();
    for p in &a.paths {
        if p == "-" {
            let mut text = String::new();
            if let Err(e) = std::io::stdin().read_to_string(&mut text) {
                eprintln!("error[input.io]: cannot read stdin: {e}");
                return exit::ERROR;
            }
            objects.add_text(&text, Some(&a.stdin_filename));
        } else if let Err(e) = objects.add_path(p) {
            eprintln!("error[{}]: {e}", e.code());
            return exit::ERROR;
        }
    }
    let report = bundle.evaluate(&objects);
    let color = !a.no_color
        && a.output.is_none()
        && std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none();
    let text = match a.format {
        Format::Json => {
            let mut s = report.to_json();
            s.push('\n');
            s
        }
        Format::Table => render::table::render(&report, color),
    };
    let written = match &a.output {
        Some(path) => std::fs::write(path, text.as_bytes()),
        None => std::io::stdout().lock().write_all(text.as_bytes()),
    };
    if let Err(e) = written {
        eprintln!("error[output.io]: cannot write the report: {e}");
        return exit::ERROR;
    }
    let threshold = a
        .fail_on
        .as_deref()
        .and_then(kubegov::Severity::parse)
        .unwrap_or(kubegov::Severity::Info);
    let failing = report.findings().iter().any(|f| {
        f.status == kubegov::Status::Violation
            && f.action == kubegov::Action::Deny
            && f.policy.severity >= threshold
    });
    for n in report.notices() {
        eprintln!(
            "notice[{}]: {}:{}: {}",
            n.code,
            n.file.as_deref().unwrap_or("<config>"),
            n.line,
            n.message
        );
    }
    if failing {
        exit::FINDINGS
    } else if !report.errors().is_empty() && report.summary().objects == 0 {
        // nothing could be read at all
        exit::ERROR
    } else {
        exit::OK
    }
}
