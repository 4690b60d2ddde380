//! Documentation generated from policy metadata: the index of a bundle's
//! policies (`policies/README.md` for the built-in library).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::Policy;

/// Render the Markdown index of `policies`: a summary of the number of
/// policies per category, then one table per category (sorted by category,
/// then by id) with each policy's id (linked to its folder), title, severity
/// and compliance controls.
///
/// The output depends only on the metadata, so it is stable and can be
/// compared with a committed file to detect a stale index.
///
/// ```
/// if let Ok(bundle) = kubegov::Bundle::embedded() {
///     let index = kubegov::docs::policy_index_markdown(bundle.policies());
///     assert!(index.starts_with("# Policy index"));
/// }
/// ```
pub fn policy_index_markdown(policies: &[Policy]) -> String {
    let mut by_category: BTreeMap<&str, Vec<&Policy>> = BTreeMap::new();
    for p in policies {
        by_category.entry(p.category()).or_default().push(p);
    }
    for list in by_category.values_mut() {
        list.sort_by(|a, b| a.id().cmp(b.id()));
    }

    let mut out = String::new();
    out.push_str("# Policy index\n\n");
    out.push_str(
        "<!-- Generated from the policies' metadata by `kubegov::docs::policy_index_markdown`.\n     \
         Do not edit: run `UPDATE_POLICY_INDEX=1 cargo test --release -p kubegov --test policy_index`. -->\n\n",
    );
    let _ = writeln!(
        out,
        "{} policies in {} categories. Each folder `<category>/<id>/` holds the policy, its Rego unit tests and samples.\n",
        policies.len(),
        by_category.len()
    );
    out.push_str("| category | policies |\n|---|---|\n");
    for (category, list) in &by_category {
        let _ = writeln!(out, "| [{category}](#{category}) | {} |", list.len());
    }
    for (category, list) in &by_category {
        let _ = write!(
            out,
            "\n## {category}\n\n| id | title | severity | controls |\n|---|---|---|---|\n"
        );
        for p in list {
            let _ = writeln!(
                out,
                "| [`{id}`]({category}/{id}/policy.rego) | {title} | {severity} | {controls} |",
                id = p.id(),
                title = escape(p.title()),
                severity = p.severity().as_str(),
                controls = controls(p),
            );
        }
    }
    out
}

/// `cis 5.1.1, 5.1.2; nsa rbac`, or an empty string.
fn controls(p: &Policy) -> String {
    p.controls()
        .iter()
        .filter(|(_, values)| !values.is_empty())
        .map(|(framework, values)| format!("{framework} {}", escape(&values.join(", "))))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Keep a table cell on one line and its pipes literal.
fn escape(s: &str) -> String {
    s.replace('\n', " ").replace('|', "\\|")
}
