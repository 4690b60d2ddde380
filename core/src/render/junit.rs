//! JUnit XML, as read by GitLab, Jenkins and Azure Pipelines.
//!
//! One `<testsuite>` per input file (in the report's file order), one
//! `<testcase>` per object × policy evaluated: every policy that
//! [`Bundle::evaluate`] runs on the object (enabled, kinds matching, the
//! configuration's `match` blocks matching, so an object excluded by
//! namespace is no case at all), plus any pair that produced a finding. A case fails (`<failure>`) with the `deny` findings of
//! its pair; `warn` and `dryrun` findings are written to `<system-out>` and
//! do not fail; a case whose findings are all exempted is `<skipped>`.
//! Input and evaluation errors are `<error>` cases of their file's suite.
//! The output has no timestamps or durations: the same report gives the
//! same bytes.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::bundle::Bundle;
use crate::objects::Objects;
use crate::report::{Action, Finding, ObjectRef, Report, ReportError, Status};

/// One object × policy pair.
#[derive(Default)]
struct Case<'a> {
    line: u32,
    findings: Vec<&'a Finding>,
}

#[derive(Default)]
struct Suite<'a> {
    /// (document, object, policy id) → case
    cases: BTreeMap<(usize, ObjectRef, String), Case<'a>>,
    errors: Vec<&'a ReportError>,
}

/// Render a report as JUnit XML. `bundle` and `objects` must be those the
/// report was made from: they give the object × policy pairs that passed.
pub fn junit(report: &Report, bundle: &Bundle, objects: &Objects) -> String {
    let mut suites: BTreeMap<String, Suite<'_>> = BTreeMap::new();
    let policies = bundle.policies();
    for (o, runs) in objects.iter().zip(bundle.policies_run_on(objects)) {
        let r = o.object_ref();
        let file = super::file_or_input(&o.source().file).to_string();
        let suite = suites.entry(file).or_default();
        for p in runs.iter().filter_map(|&i| policies.get(i)) {
            suite
                .cases
                .entry((o.source().document, r.clone(), p.id().to_string()))
                .or_insert_with(|| Case {
                    line: o.source().line,
                    findings: Vec::new(),
                });
        }
    }
    for f in report.findings() {
        let file = super::file_or_input(&f.source.file).to_string();
        let case = suites
            .entry(file)
            .or_default()
            .cases
            .entry((f.source.document, (*f.object).clone(), f.policy.id.clone()))
            .or_insert_with(|| Case {
                line: f.source.line,
                findings: Vec::new(),
            });
        case.findings.push(f);
    }
    for e in report.errors() {
        let file = super::file_or_input(&e.file).to_string();
        suites.entry(file).or_default().errors.push(e);
    }

    let mut body = String::new();
    let (mut tests, mut failures, mut errors, mut skipped) = (0usize, 0usize, 0usize, 0usize);
    for (file, suite) in &suites {
        let mut cases = String::new();
        let (mut t, mut fl, mut er, mut sk) = (0usize, 0usize, 0usize, 0usize);
        for ((_, object, policy), case) in &suite.cases {
            t += 1;
            let denials: Vec<&&Finding> = case
                .findings
                .iter()
                .filter(|f| f.status == Status::Violation && f.action == Action::Deny)
                .collect();
            let advisories: Vec<&&Finding> = case
                .findings
                .iter()
                .filter(|f| f.status == Status::Violation && f.action != Action::Deny)
                .collect();
            let all_exempted = !case.findings.is_empty()
                && case.findings.iter().all(|f| f.status == Status::Exempted);
            let _ = write!(
                cases,
                "    <testcase name=\"{} {}\" classname=\"{}\" file=\"{}\"",
                esc(policy),
                esc(&object.to_string()),
                esc(file),
                esc(file),
            );
            if case.line > 0 {
                let _ = write!(cases, " line=\"{}\"", case.line);
            }
            if denials.is_empty() && advisories.is_empty() && !all_exempted {
                cases.push_str("/>\n");
                continue;
            }
            cases.push_str(">\n");
            if let Some(first) = denials.first() {
                fl += 1;
                let mut text = String::new();
                for f in &denials {
                    let _ = writeln!(text, "{}: {}", position(f), f.message);
                    if let Some(r) = &f.remediation {
                        let _ = writeln!(text, "remediation: {}", r.trim());
                    }
                }
                let _ = writeln!(
                    cases,
                    "      <failure message=\"{}\" type=\"{}\">{}</failure>",
                    esc(&first.message),
                    first.policy.severity.as_str(),
                    esc_text(text.trim_end()),
                );
            } else if all_exempted {
                sk += 1;
                let reasons: Vec<&str> = case
                    .findings
                    .iter()
                    .filter_map(|f| f.exception.as_ref().map(|e| e.reason.as_str()))
                    .collect();
                let _ = writeln!(
                    cases,
                    "      <skipped message=\"exempted: {}\"/>",
                    esc(&reasons.join("; "))
                );
            }
            if !advisories.is_empty() {
                let mut text = String::new();
                for f in &advisories {
                    let _ = writeln!(
                        text,
                        "{}: {}: {}",
                        f.action.as_str(),
                        position(f),
                        f.message
                    );
                }
                let _ = writeln!(
                    cases,
                    "      <system-out>{}</system-out>",
                    esc_text(text.trim_end())
                );
            }
            cases.push_str("    </testcase>\n");
        }
        for e in &suite.errors {
            t += 1;
            er += 1;
            let what = match &e.policy {
                Some(p) => format!("{p} document {}", e.document),
                None => format!("document {}", e.document),
            };
            let _ = write!(
                cases,
                "    <testcase name=\"{}\" classname=\"{}\" file=\"{}\"",
                esc(&what),
                esc(file),
                esc(file)
            );
            if e.line > 0 {
                let _ = write!(cases, " line=\"{}\"", e.line);
            }
            let _ = writeln!(
                cases,
                ">\n      <error message=\"{}\" type=\"{}\">{}:{}:{}: {}</error>\n    </testcase>",
                esc(&e.message),
                esc(&e.code),
                esc_text(file),
                e.line,
                e.column,
                esc_text(&e.message)
            );
        }
        let _ = writeln!(
            body,
            "  <testsuite name=\"{}\" tests=\"{t}\" failures=\"{fl}\" errors=\"{er}\" skipped=\"{sk}\">",
            esc(file)
        );
        body.push_str(&cases);
        body.push_str("  </testsuite>\n");
        tests += t;
        failures += fl;
        errors += er;
        skipped += sk;
    }
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"kubegov\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\" skipped=\"{skipped}\">"
    );
    out.push_str(&body);
    out.push_str("</testsuites>\n");
    out
}

fn position(f: &Finding) -> String {
    format!(
        "{}:{}:{}",
        super::file_or_input(&f.source.file),
        f.source.line,
        f.source.column
    )
}

/// Escape text for an XML attribute; characters XML 1.0 cannot carry (most
/// control characters) become U+FFFD.
fn esc(s: &str) -> String {
    escape(s, true)
}

/// Escape element text: as [`esc`], keeping line breaks and tabs as they are.
fn esc_text(s: &str) -> String {
    escape(s, false)
}

fn escape(s: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' | '\t' if !attribute => out.push(c),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::{esc, junit};
    use crate::{Bundle, Config, Objects};

    const PODS: &str = "apiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: shop}\nspec:\n  containers:\n  - {name: c, image: nginx:1.27}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: b, namespace: kube-system}\nspec:\n  containers:\n  - {name: c, image: nginx:1.27}\n";

    fn cases_of(xml: &str, object: &str) -> usize {
        xml.lines()
            .filter(|l| l.contains("<testcase ") && l.contains(object))
            .count()
    }

    #[test]
    fn cases_follow_the_configuration_match() {
        let objects = Objects::from_text(PODS, Some("pods.yaml"));
        let bundle = Bundle::embedded().unwrap();
        let all = junit(&bundle.evaluate(&objects), &bundle, &objects);
        assert!(cases_of(&all, "Pod/kube-system/b") > 0, "{all}");
        let cfg = Config::from_yaml(
            "match:\n  excludedNamespaces: [kube-system]\npolicies:\n  privileged-containers:\n    match:\n      namespaces: [other]\n",
            None,
        )
        .unwrap();
        let bundle = bundle.configure(&cfg).unwrap();
        let some = junit(&bundle.evaluate(&objects), &bundle, &objects);
        assert_eq!(cases_of(&some, "Pod/kube-system/b"), 0, "{some}");
        assert!(cases_of(&some, "Pod/shop/a") > 0);
        assert!(!some.contains("privileged-containers Pod/shop/a"), "{some}");
        assert!(all.contains("privileged-containers Pod/shop/a"), "{all}");
    }

    #[test]
    fn escapes_markup_and_control_characters() {
        assert_eq!(
            esc("a<b>&\"'\u{1}\n"),
            "a&lt;b&gt;&amp;&quot;&apos;\u{FFFD}&#10;"
        );
    }
}
