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
}

pub fn run(a: Args) -> u8 {
    let bundle = match super::load_bundle(a.bundle.as_deref()) {
        Ok(b) => b,
        Err(code) => return code,
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
    if report.has_denials() {
        exit::FINDINGS
    } else if !report.errors().is_empty() && report.summary().objects == 0 {
        // nothing could be read at all
        exit::ERROR
    } else {
        exit::OK
    }
}
