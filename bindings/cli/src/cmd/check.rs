//! `kubegov check`: evaluate manifests and report findings.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use clap::ValueEnum;
use kubegov::{Bundle, Objects, Report};

use crate::exit;

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A readable table (colour on a terminal).
    Table,
    /// The report's JSON (versioned schema, `core/schema/report.schema.json`).
    Json,
    /// SARIF 2.1.0, for code scanning (GitHub, Azure DevOps, IDEs).
    Sarif,
    /// JUnit XML, for test reports (GitLab, Jenkins, Azure Pipelines).
    Junit,
    /// GitHub Actions workflow commands (pull request annotations).
    Github,
}

#[derive(clap::Args)]
pub struct Args {
    /// Files or directories to check (`.yaml`, `.yml`, `.json`, recursively); `-` reads stdin.
    #[arg(required = true)]
    paths: Vec<String>,
    /// A bundle directory, OPA `.tar.gz` or compiled artifact (`kubegov build`)
    /// instead of the built-in library.
    #[arg(long, short)]
    bundle: Option<PathBuf>,
    /// Output format; repeat with --output to write several reports at once
    /// (`-f sarif -o r.sarif -f table`): each --output goes with the --format
    /// before it, and at most one format goes to stdout.
    #[arg(long, short, value_enum)]
    format: Vec<Format>,
    /// Write the report of the preceding --format to this file instead of stdout.
    #[arg(long, short)]
    output: Vec<PathBuf>,
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
    /// Fail (exit 1) only on deny findings at or above this severity
    /// (default: any deny finding fails; warn and dryrun findings never fail).
    #[arg(long, value_parser = ["critical", "high", "medium", "low", "info"])]
    fail_on: Option<String>,
    /// Exit 2 when any document could not be read or any policy failed on an
    /// object (by default such errors are reported and do not change the exit
    /// code, unless nothing at all could be read).
    #[arg(long)]
    fail_on_error: bool,
    /// A previous JSON report (`-f json`): its findings (same policy, object
    /// identity and message, whatever the line) are accepted, left out of the
    /// output and never fail the check.
    #[arg(long)]
    baseline: Option<PathBuf>,
    /// Refuse the --bundle unless its `.signatures.json` verifies with this
    /// PEM public key (or HMAC secret file).
    #[arg(long)]
    verification_key: Option<PathBuf>,
}

/// Where each report goes: `None` is stdout.
type Outputs = Vec<(Format, Option<PathBuf>)>;

/// Pair each --output with the --format given before it (by position on the
/// command line); a single --format and a single --output always pair.
pub fn outputs(a: &Args, matches: Option<&clap::ArgMatches>) -> Result<Outputs, String> {
    if a.format.len() <= 1 && a.output.len() <= 1 {
        let f = a.format.first().copied().unwrap_or(Format::Table);
        return Ok(vec![(f, a.output.first().cloned())]);
    }
    let idx = |id: &str| -> Vec<usize> {
        matches
            .and_then(|m| m.indices_of(id))
            .map(|i| i.collect())
            .unwrap_or_default()
    };
    let (fi, oi) = (idx("format"), idx("output"));
    let mut events: Vec<(usize, bool, usize)> = fi
        .iter()
        .enumerate()
        .map(|(n, i)| (*i, true, n))
        .chain(oi.iter().enumerate().map(|(n, i)| (*i, false, n)))
        .collect();
    events.sort();
    let mut out: Outputs = Vec::new();
    let mut last_unbound: Option<usize> = None;
    for (_, is_format, n) in events {
        if is_format {
            let f = a.format.get(n).copied().unwrap_or(Format::Table);
            out.push((f, None));
            last_unbound = Some(out.len() - 1);
        } else {
            let path = a.output.get(n).cloned();
            match last_unbound.take().and_then(|i| out.get_mut(i)) {
                Some(slot) => slot.1 = path,
                None => {
                    return Err(format!(
                        "--output `{}` does not follow a --format of its own",
                        path.unwrap_or_default().display()
                    ))
                }
            }
        }
    }
    if out.iter().filter(|(_, p)| p.is_none()).count() > 1 {
        return Err("several formats would go to stdout: give each but one an --output".into());
    }
    Ok(out)
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

/// Above this many files, a terminal gets a progress bar.
const PROGRESS_MIN_FILES: usize = 200;

/// The manifest files under a directory, as `Objects::add_path` picks them:
/// recursively, hidden entries skipped, sorted by path.
fn manifest_files(dir: &Path) -> Option<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
    {
        let entry = entry.ok()?;
        let name = entry.file_name().to_string_lossy();
        if entry.file_type().is_file()
            && (name.ends_with(".yaml") || name.ends_with(".yml") || name.ends_with(".json"))
        {
            files.push(entry.into_path());
        }
    }
    Some(files)
}

/// Read a directory into `objects`, with a progress bar on a terminal for
/// large inputs; files are parsed in parallel and kept in path order.
fn add_path(objects: &mut Objects, path: &str) -> Result<(), kubegov::InputError> {
    let p = Path::new(path);
    if !std::io::stderr().is_terminal() || !p.is_dir() {
        return objects.add_path(p);
    }
    let files = match manifest_files(p) {
        Some(f) if f.len() > PROGRESS_MIN_FILES => f,
        // small, or an unreadable entry: let the library read it (and report it)
        _ => return objects.add_path(p),
    };
    use rayon::prelude::*;
    let bar = indicatif::ProgressBar::new(files.len() as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} reading {pos}/{len} files {wide_bar} {eta}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let parts: Vec<Result<Objects, kubegov::InputError>> = files
        .par_iter()
        .map(|f| {
            let r = Objects::from_path(f);
            bar.inc(1);
            r
        })
        .collect();
    bar.finish_and_clear();
    for part in parts {
        objects.extend(part?);
    }
    Ok(())
}

fn render(
    format: Format,
    report: &Report,
    bundle: &Bundle,
    objects: &Objects,
    color: bool,
) -> String {
    match format {
        Format::Json => {
            let mut s = report.to_json();
            s.push('\n');
            s
        }
        Format::Table => kubegov::render::table(report, color),
        Format::Sarif => kubegov::render::sarif(report, bundle.policies()),
        Format::Junit => kubegov::render::junit(report, bundle, objects),
        Format::Github => kubegov::render::github(report),
    }
}

/// The JSON report (the bytes of `render`) written to a file as produced.
fn write_json_file(report: &Report, path: &Path) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    report.write_json(&mut out)?;
    out.write_all(b"\n")?;
    out.flush()
}

pub fn run(a: Args, matches: Option<&clap::ArgMatches>) -> u8 {
    let outputs = match outputs(&a, matches) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error[usage]: {e}");
            return exit::ERROR;
        }
    };
    let baseline = match &a.baseline {
        None => None,
        Some(p) => match std::fs::read_to_string(p)
            .map_err(|e| format!("cannot read `{}`: {e}", p.display()))
            .and_then(|t| {
                kubegov::baseline::Baseline::from_report_json(&t)
                    .map_err(|e| format!("`{}`: {e}", p.display()))
            }) {
            Ok(b) => Some(b),
            Err(e) => {
                eprintln!("error[baseline]: {e}");
                return exit::ERROR;
            }
        },
    };
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
        } else if let Err(e) = add_path(&mut objects, p) {
            eprintln!("error[{}]: {e}", e.code());
            return exit::ERROR;
        }
    }
    let mut report = bundle.evaluate(&objects);
    if let Some(b) = &baseline {
        let filtered = b.apply(&report);
        eprintln!(
            "kubegov: {} finding(s) suppressed by the baseline `{}`",
            filtered.suppressed(),
            a.baseline.as_deref().unwrap_or(Path::new("")).display()
        );
        report = filtered.into_report();
    }
    for (format, path) in &outputs {
        let color = *format == Format::Table
            && !a.no_color
            && path.is_none()
            && std::io::stdout().is_terminal()
            && std::env::var_os("NO_COLOR").is_none();
        let written = match (format, path) {
            // JSON streams to its file: the text of a large report would
            // double the peak memory
            (Format::Json, Some(path)) => write_json_file(&report, path),
            (_, Some(path)) => {
                std::fs::write(path, render(*format, &report, &bundle, &objects, color))
            }
            (_, None) => std::io::stdout()
                .lock()
                .write_all(render(*format, &report, &bundle, &objects, color).as_bytes()),
        };
        if let Err(e) = written {
            if path.is_none() && e.kind() == std::io::ErrorKind::BrokenPipe {
                // `kubegov check | head`: the reader has what it wanted
                return exit::BROKEN_PIPE;
            }
            eprintln!("error[output.io]: cannot write the report: {e}");
            return exit::ERROR;
        }
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
    let errors = !report.errors().is_empty();
    if errors && (a.fail_on_error || report.summary().objects == 0) {
        // nothing could be read at all, or the user asked errors to fail
        exit::ERROR
    } else if failing {
        exit::FINDINGS
    } else {
        exit::OK
    }
}
