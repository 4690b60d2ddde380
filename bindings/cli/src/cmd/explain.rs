//! `kubegov explain POLICY-ID`: a policy's documentation and samples.
//!
//! Samples (`samples/*.yaml` beside the policy) are read from the bundle
//! directory when `--bundle DIR` is given; the built-in library embeds only
//! its Rego and data files, so for it the samples are read from
//! `--samples DIR` (the repository's `policies/`) when given, and otherwise
//! the command says where they are.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct Args {
    /// The policy id (`privileged-containers`).
    id: String,
    /// A bundle directory, OPA `.tar.gz` or compiled artifact instead of the built-in library.
    #[arg(long, short)]
    bundle: Option<PathBuf>,
    /// Where the policy folders with their `samples/` live (default: the
    /// --bundle directory).
    #[arg(long)]
    samples: Option<PathBuf>,
    /// Print the policy's metadata as JSON instead.
    #[arg(long)]
    json: bool,
}

fn section(out: &mut String, title: &str, body: &str) {
    let _ = writeln!(out, "\n{title}\n{}", "-".repeat(title.chars().count()));
    let _ = writeln!(out, "{}", body.trim_end());
}

pub fn run(a: Args) -> u8 {
    let bundle = match super::load_bundle(a.bundle.as_deref()) {
        Ok(b) => b,
        Err(code) => return code,
    };
    let Some(p) = bundle.policy(&a.id) else {
        let hint = bundle
            .closest_policy_id(&a.id)
            .map(|id| format!(" (did you mean `{id}`?)"))
            .unwrap_or_default();
        eprintln!("error[usage]: no policy `{}` in the bundle{hint}", a.id);
        return crate::exit::ERROR;
    };
    if a.json {
        println!("{}", serde_json::to_string_pretty(p).unwrap_or_default());
        return crate::exit::OK;
    }
    let mut out = String::new();
    let _ = writeln!(out, "{} — {}", p.id(), p.title());
    let _ = writeln!(
        out,
        "severity: {}   enforcementAction: {}   category: {}   package: {}   file: {}",
        p.severity(),
        p.enforcement_action().as_str(),
        p.category(),
        p.package(),
        p.file()
    );
    section(&mut out, "Description and rationale", p.description());
    if let Some(r) = p.remediation() {
        section(&mut out, "Remediation", r);
    }
    if !p.controls().is_empty() {
        let body: Vec<String> = p
            .controls()
            .iter()
            .map(|(k, v)| format!("{k}: {}", v.join(", ")))
            .collect();
        section(&mut out, "Controls", &body.join("\n"));
    }
    let kinds: Vec<String> = p
        .kinds()
        .iter()
        .map(|k| {
            let groups: Vec<String> = k
                .api_groups
                .iter()
                .map(|g| {
                    if g.is_empty() {
                        "core".to_string()
                    } else {
                        g.clone()
                    }
                })
                .collect();
            format!("{} ({})", k.kinds.join(", "), groups.join(", "))
        })
        .collect();
    section(
        &mut out,
        "Applies to",
        &if kinds.is_empty() {
            "every kind".to_string()
        } else {
            kinds.join("\n")
        },
    );
    if let Some(params) = p.parameters() {
        section(
            &mut out,
            "Parameters (JSON Schema)",
            &serde_json::to_string_pretty(params).unwrap_or_default(),
        );
    }
    if !p.related_resources().is_empty() {
        section(&mut out, "Related", &p.related_resources().join("\n"));
    }
    let root = a
        .samples
        .clone()
        .or_else(|| a.bundle.clone().filter(|b| b.is_dir()));
    let folder = Path::new(p.file()).parent().unwrap_or(Path::new(""));
    match root {
        Some(root) => {
            let dir = root.join(folder).join("samples");
            let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
                .map(|rd| rd.flatten().map(|e| e.path()).collect())
                .unwrap_or_default();
            files.sort();
            if files.is_empty() {
                section(&mut out, "Samples", &format!("none in `{}`", dir.display()));
            }
            for f in files {
                let text = std::fs::read_to_string(&f).unwrap_or_default();
                section(&mut out, &format!("Sample {}", f.display()), &text);
            }
        }
        None => section(
            &mut out,
            "Samples",
            &format!(
                "the built-in library does not embed its samples: see `policies/{}/samples/` in the kubegov repository, or pass `--samples path/to/policies`",
                folder.display()
            ),
        ),
    }
    print!("{out}");
    crate::exit::OK
}
