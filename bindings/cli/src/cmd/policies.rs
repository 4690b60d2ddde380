//! `kubegov policies`: list the bundle's policies.

use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// A bundle directory or OPA `.tar.gz` instead of the built-in library.
    #[arg(long, short)]
    bundle: Option<PathBuf>,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
}

pub fn run(a: Args) -> u8 {
    let bundle = match super::load_bundle(a.bundle.as_deref()) {
        Ok(b) => b,
        Err(code) => return code,
    };
    if a.json {
        println!(
            "{}",
            serde_json::to_string_pretty(bundle.policies()).unwrap_or_default()
        );
        return crate::exit::OK;
    }
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
    crate::exit::OK
}
