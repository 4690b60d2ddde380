//! `kubegov build DIR -o FILE`: write a compiled, versioned bundle artifact.

use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// The bundle: a directory of `.rego` and data files or an OPA `.tar.gz`.
    source: PathBuf,
    /// The artifact to write (load it with `check --bundle FILE`).
    #[arg(long, short)]
    output: PathBuf,
    /// Refuse the source unless its `.signatures.json` verifies with this key.
    #[arg(long)]
    verification_key: Option<PathBuf>,
}

pub fn run(a: Args) -> u8 {
    // compiling checks every module before anything is written
    let bundle = match super::load_bundle_verified(Some(&a.source), a.verification_key.as_deref()) {
        Ok(b) => b,
        Err(code) => return code,
    };
    let bytes = bundle.to_artifact();
    if let Err(e) = std::fs::write(&a.output, &bytes) {
        eprintln!(
            "error[output.io]: cannot write `{}`: {e}",
            a.output.display()
        );
        return crate::exit::ERROR;
    }
    println!(
        "wrote {}: {} policies, {} files, {} bytes, digest {}",
        a.output.display(),
        bundle.policies().len(),
        bundle.files().len(),
        bytes.len(),
        bundle.digest()
    );
    crate::exit::OK
}
