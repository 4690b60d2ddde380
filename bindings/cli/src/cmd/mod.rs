//! One module per subcommand.

pub mod build;
pub mod check;
pub mod explain;
pub mod policies;
pub mod test;
pub mod verify;

use kubegov::Bundle;

/// Load `--bundle PATH`, or the embedded library; print the error and give
/// exit code 2 on failure.
pub fn load_bundle(path: Option<&std::path::Path>) -> Result<Bundle, u8> {
    load_bundle_verified(path, None)
}

/// As [`load_bundle`], refusing a bundle whose signature does not verify
/// with the key in `key_file` when one is given.
pub fn load_bundle_verified(
    path: Option<&std::path::Path>,
    key_file: Option<&std::path::Path>,
) -> Result<Bundle, u8> {
    let r = match (path, key_file) {
        (Some(p), Some(k)) => match std::fs::read_to_string(k) {
            Ok(key) => {
                Bundle::load_verified(p, &kubegov::Verification::new(key.trim_end().to_string()))
            }
            Err(e) => {
                eprintln!(
                    "error[usage]: cannot read the verification key `{}`: {e}",
                    k.display()
                );
                return Err(crate::exit::ERROR);
            }
        },
        (None, Some(_)) => {
            eprintln!("error[usage]: --verification-key needs --bundle (the built-in library is compiled in)");
            return Err(crate::exit::ERROR);
        }
        (Some(p), None) => Bundle::load(p),
        (None, None) => Bundle::embedded(),
    };
    r.map_err(|e| {
        eprintln!("error[{}]: {e}", e.code());
        if let kubegov::LoadError::Rego { detail, .. } = &e {
            eprintln!("{}", detail.trim_start_matches('\n'));
        }
        crate::exit::ERROR
    })
}
