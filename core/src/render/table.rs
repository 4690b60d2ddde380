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
            paint(&clean(&f.policy.id), "1", color),
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
            clean(&e.code),
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

#[cfg(test)]
mod tests {
    use super::table;
    use crate::{Bundle, Objects};

    const TEMPLATE: &str = "apiVersion: templates.gatekeeper.sh/v1\nkind: ConstraintTemplate\nmetadata: {name: k8sdenyall}\nspec:\n  crd: {spec: {names: {kind: K8sDenyAll}}}\n  targets:\n  - target: admission.k8s.gatekeeper.sh\n    rego: |\n      package k8sdenyall\n      violation[{\"msg\": \"no\"}] { true }\n";

    /// A constraint's name is the cluster's text, and it becomes the policy
    /// id: it may not reach the terminal with its escape sequences.
    #[test]
    fn hostile_policy_ids_cannot_drive_the_terminal() {
        let bundle = Bundle::from_sources([
            ("template.yaml", TEMPLATE),
            (
                "constraint.yaml",
                "apiVersion: constraints.gatekeeper.sh/v1beta1\nkind: K8sDenyAll\nmetadata: {name: \"evil\\e[2J\\a\"}\nspec: {}\n",
            ),
        ])
        .unwrap();
        let objects = Objects::from_text(
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n",
            Some("a.yaml"),
        );
        let report = bundle.evaluate(&objects);
        assert_eq!(report.findings().len(), 1, "{report:?}");
        assert_eq!(
            report.findings()[0].policy.id,
            "K8sDenyAll/evil\u{1b}[2J\u{7}"
        );
        for color in [false, true] {
            let out = table(&report, color);
            assert!(out.contains("K8sDenyAll/evil [2J "), "{out:?}");
            assert!(!out.contains('\u{7}'), "{out:?}");
            // only our own colour codes: severity, id and location, two each
            let escapes = out.matches('\u{1b}').count();
            assert_eq!(escapes, if color { 6 } else { 0 }, "{out:?}");
        }
    }
}
