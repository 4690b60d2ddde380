//! One module per subcommand.

pub mod check;
pub mod policies;
pub mod test;

use kubegov::Bundle;

/// Load `--bundle PATH`, or the embedded library; print the error and give
/// exit code 2 on failure.
pub fn load_bundle(path: Option<&std::path::Path>) -> Result<Bundle, u8> {
    let r = match path {
        Some(p) => Bundle::load(p),
        None => Bundle::embedded(),
    };
    r.map_err(|e| {
        eprintln!("error[{}]: {e}", e.code());
        if let kubegov::LoadError::Rego { detail, .. } = &e {
            eprintln!("{}", detail.trim_start_matches('\n'));
        }
        crate::exit::ERROR
    })
}
