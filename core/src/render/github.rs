//! GitHub Actions workflow commands: annotations on the changed files of a
//! pull request.
//!
//! `::error` for a `deny` finding (`::notice` when its severity is `info`),
//! `::warning` for `warn`, `::notice` for `dryrun`; exempted findings are not
//! annotated. Input and evaluation errors are `::error`s. Escaping follows
//! the runner: in messages `%`, `\r` and `\n` become `%25`, `%0D`, `%0A`; in
//! properties (`file`, `title`) `:` and `,` also become `%3A` and `%2C`.
//! A last plain line summarises the run (the runner shows it in the log).

use std::fmt::Write as _;

use crate::policy::Severity;
use crate::report::{Action, Report, Status};

/// Render a report as GitHub Actions workflow commands, one per line.
pub fn github(report: &Report) -> String {
    let mut out = String::new();
    for f in report.findings() {
        if f.status == Status::Exempted {
            continue;
        }
        let command = match f.action {
            Action::Deny if f.policy.severity == Severity::Info => "notice",
            Action::Deny => "error",
            Action::Warn => "warning",
            Action::Dryrun => "notice",
        };
        let title = format!(
            "kubegov {} ({}{})",
            f.policy.id,
            f.policy.severity.as_str(),
            match f.action {
                Action::Deny => "",
                Action::Warn => ", warn",
                Action::Dryrun => ", dryrun",
            }
        );
        let message = format!("{}: {}", f.object, f.message);
        let _ = writeln!(
            out,
            "::{command} {}::{}",
            properties(&f.source.file, f.source.line, f.source.column, &title),
            data(&message)
        );
    }
    for e in report.errors() {
        let title = format!("kubegov {}", e.code);
        let _ = writeln!(
            out,
            "::error {}::{}",
            properties(&e.file, e.line, e.column, &title),
            data(&e.message)
        );
    }
    let s = report.summary();
    let _ = writeln!(
        out,
        "kubegov: {} objects, {} findings, {} exempted, {} errors",
        s.objects,
        s.findings.get("total").copied().unwrap_or(0),
        s.exempted,
        s.errors
    );
    out
}

fn properties(file: &Option<String>, line: u32, column: u32, title: &str) -> String {
    let mut p = Vec::new();
    if let Some(file) = file {
        p.push(format!("file={}", property(file)));
        if line > 0 {
            p.push(format!("line={line}"));
            if column > 0 {
                p.push(format!("col={column}"));
            }
        }
    }
    p.push(format!("title={}", property(title)));
    p.join(",")
}

/// Escape a command's message.
pub(crate) fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a command's property value.
pub(crate) fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_runner_expects() {
        assert_eq!(data("50%\r\nx: y, z"), "50%25%0D%0Ax: y, z");
        assert_eq!(property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
