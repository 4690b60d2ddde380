//! `kubegov policies`: list the bundle's policies.

use std::path::PathBuf;

use clap::ValueEnum;

/// Listing formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One line per policy: id, severity, category, title, controls.
    Table,
    /// Every policy's metadata as JSON.
    Json,
    /// The Markdown index (`kubegov::docs::policy_index_markdown`, as `policies/README.md`).
    Markdown,
}

#[derive(clap::Args)]
pub struct Args {
    /// A bundle directory, OPA `.tar.gz` or compiled artifact instead of the built-in library.
    #[arg(long, short)]
    bundle: Option<PathBuf>,
    /// Output format.
    #[arg(long, short, value_enum, default_value = "table")]
    format: Format,
    /// Same as `--format json` (kept for older scripts).
    #[arg(long, hide = true)]
    json: bool,
}

pub fn run(a: Args) -> u8 {
    let bundle = match super::load_bundle(a.bundle.as_deref()) {
        Ok(b) => b,
        Err(code) => return code,
    };
    let format = if a.json { Format::Json } else { a.format };
    match format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(bundle.policies()).unwrap_or_default()
        ),
        Format::Markdown => print!(
            "{}",
            kubegov::docs::policy_index_markdown(bundle.policies())
        ),
        Format::Table => {
            for p in bundle.policies() {
                let controls: Vec<String> = p
                    .controls()
                    .iter()
                    .map(|(k, v)| format!("{k}={}", v.join("|")))
                    .collect();
                println!(
                    "{:<40} {:<9} {:<10} {}  [{}]",
                    p.id(),
                    p.severity(),
                    p.category(),
                    p.title(),
                    controls.join(" ")
                );
            }
        }
    }
    crate::exit::OK
}
