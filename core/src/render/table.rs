//! The terminal table: severity, policy, object, file:line, message.

use std::fmt::Write as _;

use crate::policy::Severity;
use crate::report::{Action, Report, Status};

fn paint(s: &str, code: &str, color: bool) -> String {
    if color {
        format!("\x1b[{code}m{s}\x1b[0m")
    } else {
        s.to_string()
    }
}

fn sev_color(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "1;31",
        Severity::High => "31",
        Severity::Medium => "33",
        Severity::Low => "36",
        Severity::Info => "2",
    }
}

/// Strip control characters so hostile strings cannot drive the terminal.
fn clean(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// The terminal table: one entry per finding (severity, policy, object,
/// `file:line`, then the message), the input errors, and a summary line.
/// `color` adds ANSI colours; control characters of user input are replaced
/// by spaces so a hostile manifest cannot drive the terminal.
pub fn table(report: &Report, color: bool) -> String {
    let mut out = String::new();
    for f in report.findings() {
        let loc = match &f.source.file {
            Some(file) => format!("{}:{}", clean(file), f.source.line),
            None => format!("<input>:{}", f.source.line),
        };
        let sev = format!("{:<8}", f.policy.severity.as_str().to_uppercase());
        let tag = match (f.status, f.action) {
            (Status::Exempted, _) => " [exempted]".to_string(),
            (_, Action::Deny) => String::new(),
            (_, a) => format!(" [{}]", a.as_str()),
        };
        let _ = writeln!(
            out,
            "{} {}  {}  {}{}\n         {}",
            paint(&sev, sev_color(f.policy.severity), color),
            paint(&f.policy.id, "1", color),
            clean(&f.object.to_string()),
            paint(&loc, "2", color),
            tag,
            clean(&f.message),
        );
    }
    for e in report.errors() {
        let loc = format!(
            "{}:{}:{}",
            e.file
                .as_deref()
                .map(clean)
                .unwrap_or_else(|| "<input>".into()),
            e.line,
            e.column
        );
        let _ = writeln!(
            out,
            "{} {}  {}\n         {}",
            paint("ERROR   ", "1;35", color),
            e.code,
            paint(&loc, "2", color),
            clean(&e.message)
        );
    }
    let s = report.summary();
    let total = s.findings.get("total").copied().unwrap_or(0);
    let by_sev: Vec<String> = Severity::ALL
        .iter()
        .filter_map(|sev| {
            let n = s.findings.get(sev.as_str()).copied().unwrap_or(0);
            (n > 0).then(|| format!("{n} {sev}"))
        })
        .collect();
    let _ = writeln!(
        out,
        "\n{} objects checked with {} policies: {} findings{}{}, {} errors{}",
        s.objects,
        report.bundle().policies,
        total,
        if by_sev.is_empty() {
            String::new()
        } else {
            format!(" ({})", by_sev.join(", "))
        },
        if s.exempted > 0 {
            format!(", {} exempted", s.exempted)
        } else {
            String::new()
        },
        s.errors,
        if report.has_denials() {
            ""
        } else {
            " — passed"
        },
    );
    out
}
