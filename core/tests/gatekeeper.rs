//! Gatekeeper compatibility: templates, constraints, match semantics,
//! parameter validation, and gator suites (`tests/gatekeeper/`).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;

use kubegov::gatekeeper::{verify, CaseStatus, GatekeeperError, Set};
use kubegov::{Action, Objects, Severity};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/gatekeeper")
}

fn run_suite(dir: &str) -> kubegov::gatekeeper::SuiteResults {
    let results = verify(&[fixtures().join(dir)]).unwrap();
    assert!(!results.cases.is_empty(), "{dir}: no cases found");
    results
}

fn assert_all_pass(dir: &str) {
    let r = run_suite(dir);
    let failed: Vec<String> = r
        .cases
        .iter()
        .filter(|c| c.status == CaseStatus::Fail)
        .map(|c| c.to_string())
        .collect();
    assert!(failed.is_empty(), "{dir}:\n{}", failed.join("\n"));
}

#[test]
fn suite_requiredlabels() {
    assert_all_pass("library-style/requiredlabels");
}

#[test]
fn suite_privileged_with_libs_updates_and_admission_reviews() {
    assert_all_pass("library-style/privileged");
}

#[test]
fn suite_referential_inventory() {
    assert_all_pass("library-style/uniqueingresshost");
}

#[test]
fn suite_opa_behaviours() {
    assert_all_pass("library-style/opa-behaviours");
}

#[test]
fn suite_rego_v1_code_and_invalid_parameters() {
    let r = run_suite("library-style/v1-code");
    assert_eq!((r.passed(), r.failed(), r.skipped()), (3, 0, 1), "{r:?}");
    assert_eq!(r.summary(), "3 passed, 0 failed, 1 skipped");
}

#[test]
fn every_library_style_suite_is_found_from_the_top_directory() {
    let r = run_suite("library-style");
    assert_eq!(r.failed(), 0, "{}", r.summary());
    assert!(r.passed() >= 25, "{}", r.summary());
}

#[test]
fn a_failing_assertion_fails_with_the_reason() {
    let r = run_suite("failing");
    assert_eq!(r.summary(), "1 passed, 1 failed");
    let f = r
        .cases
        .iter()
        .find(|c| c.status == CaseStatus::Fail)
        .unwrap();
    assert_eq!(f.case, "expects no violation");
    let reason = f.reason.as_deref().unwrap();
    assert!(
        reason.contains("got 1 violations but want none"),
        "{reason}"
    );
    assert!(reason.contains("disallowed tag <latest>"), "{reason}");
    assert_eq!(
        f.to_string().split(':').next().unwrap(),
        "FAIL failing › wrong expectation › expects no violation"
    );
}

#[test]
fn an_unreadable_suite_is_an_error() {
    let dir = std::env::temp_dir().join(format!("kubegov-gk-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("suite.yaml");
    std::fs::write(
        &f,
        "kind: Suite\napiVersion: test.gatekeeper.sh/v1alpha1\ntests: [\n",
    )
    .unwrap();
    let e = verify(&[&f]).unwrap_err();
    assert_eq!(e.code(), "gatekeeper.syntax");
    assert!(verify(&[dir.join("missing.yaml")]).is_err());
    std::fs::remove_dir_all(&dir).unwrap();
}

const ALWAYS: &str = r#"
apiVersion: templates.gatekeeper.sh/v1
kind: ConstraintTemplate
metadata: {name: k8salways}
spec:
  crd:
    spec:
      names: {kind: K8sAlways}
  targets:
    - target: admission.k8s.gatekeeper.sh
      rego: |
        package k8salways
        violation[{"msg": msg, "details": {"op": input.review.operation}}] {
          msg := sprintf("hit %v", [input.review.object.metadata.name])
        }
"#;

fn constraint(name: &str, spec: &str) -> String {
    format!("---\napiVersion: constraints.gatekeeper.sh/v1beta1\nkind: K8sAlways\nmetadata: {{name: {name}}}\nspec:\n{spec}\n")
}

const OBJECTS: &str = r#"
---
apiVersion: v1
kind: Namespace
metadata: {name: prod-eu, labels: {env: prod}}
---
apiVersion: v1
kind: Namespace
metadata: {name: dev}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: prod-eu, labels: {app: web, tier: front}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: dev, labels: {app: api}}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: reader}
---
apiVersion: v1
kind: Pod
metadata: {name: job-1, namespace: kube-system}
"#;

/// Names of the objects each constraint hits.
fn hits(constraints: &[(&str, &str)]) -> Vec<(String, Vec<String>)> {
    let mut text = ALWAYS.to_string();
    for (n, s) in constraints {
        text.push_str(&constraint(n, s));
    }
    let set = Set::from_objects(&Objects::from_text(&text, Some("policy.yaml"))).unwrap();
    let objects = Objects::from_text(OBJECTS, Some("objects.yaml"));
    let (findings, errors) = set.evaluate(&objects);
    assert!(errors.is_empty(), "{errors:?}");
    constraints
        .iter()
        .map(|(n, _)| {
            let mut names: Vec<String> = findings
                .iter()
                .filter(|f| f.policy.id == format!("K8sAlways/{n}"))
                .map(|f| f.object.name.clone())
                .collect();
            names.sort();
            (n.to_string(), names)
        })
        .collect()
}

fn names(v: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = v.iter().map(|s| s.to_string()).collect();
    v.sort();
    v
}

#[test]
fn match_rules_as_gatekeeper() {
    let got = hits(&[
        ("all", "  match: {}"),
        ("pods", "  match:\n    kinds: [{apiGroups: [\"\"], kinds: [Pod]}]"),
        ("any-group-deploy", "  match:\n    kinds: [{apiGroups: [\"*\"], kinds: [Deployment]}]"),
        ("ns-glob", "  match:\n    namespaces: [\"prod-*\"]"),
        ("ns-suffix", "  match:\n    namespaces: [\"*-eu\"]"),
        ("excluded", "  match:\n    excludedNamespaces: [\"kube-*\", dev]"),
        ("labels", "  match:\n    labelSelector:\n      matchLabels: {app: web}"),
        ("expr-in", "  match:\n    labelSelector:\n      matchExpressions: [{key: app, operator: In, values: [api, web]}]"),
        ("expr-notin", "  match:\n    labelSelector:\n      matchExpressions: [{key: app, operator: NotIn, values: [web]}]"),
        ("expr-exists", "  match:\n    labelSelector:\n      matchExpressions: [{key: tier, operator: Exists}]"),
        ("expr-absent", "  match:\n    labelSelector:\n      matchExpressions: [{key: app, operator: DoesNotExist}]"),
        ("ns-selector", "  match:\n    namespaceSelector:\n      matchLabels: {env: prod}"),
        ("cluster", "  match:\n    scope: Cluster"),
        ("namespaced", "  match:\n    scope: Namespaced"),
        ("star-scope", "  match:\n    scope: \"*\""),
        ("name", "  match:\n    name: \"job-*\""),
    ]);
    let all = ["prod-eu", "dev", "web", "api", "reader", "job-1"];
    let expect: Vec<(&str, Vec<&str>)> = vec![
        ("all", all.to_vec()),
        ("pods", vec!["web", "job-1"]),
        ("any-group-deploy", vec!["api"]),
        // a Namespace is matched by its own name; cluster-scoped objects are
        // not excluded by namespace lists
        ("ns-glob", vec!["prod-eu", "web", "reader"]),
        ("ns-suffix", vec!["prod-eu", "web", "reader"]),
        ("excluded", vec!["prod-eu", "web", "reader"]),
        ("labels", vec!["web"]),
        ("expr-in", vec!["web", "api"]),
        (
            "expr-notin",
            vec!["prod-eu", "dev", "api", "reader", "job-1"],
        ),
        ("expr-exists", vec!["web"]),
        ("expr-absent", vec!["prod-eu", "dev", "reader", "job-1"]),
        // a Namespace by its own labels, other objects by their namespace's
        ("ns-selector", vec!["prod-eu", "web", "reader"]),
        ("cluster", vec!["prod-eu", "dev", "reader"]),
        ("namespaced", vec!["web", "api", "job-1"]),
        ("star-scope", all.to_vec()),
        ("name", vec!["job-1"]),
    ];
    for ((n, got), (en, want)) in got.iter().zip(expect) {
        assert_eq!(n, en);
        assert_eq!(got, &names(&want), "constraint `{n}`");
    }
}

#[test]
fn findings_carry_the_constraint_identity_severity_and_action() {
    let text = format!(
        "{ALWAYS}---\napiVersion: constraints.gatekeeper.sh/v1beta1\nkind: K8sAlways\nmetadata:\n  name: loud\n  annotations: {{kubegov.io/severity: critical}}\nspec:\n  enforcementAction: dryrun\n  match:\n    name: web\n"
    );
    let set = Set::from_objects(&Objects::from_text(&text, Some("p.yaml"))).unwrap();
    assert_eq!(set.templates()[0].kind(), "K8sAlways");
    assert_eq!(set.constraints()[0].id(), "K8sAlways/loud");
    let (findings, errors) = set.evaluate(&Objects::from_text(OBJECTS, Some("objects.yaml")));
    assert!(errors.is_empty());
    assert_eq!(findings.len(), 1);
    let f = &findings[0];
    assert_eq!(f.policy.id, "K8sAlways/loud");
    assert_eq!(f.policy.category, "gatekeeper");
    assert_eq!(f.policy.severity, Severity::Critical);
    assert_eq!(f.action, Action::Dryrun);
    assert_eq!(f.message, "hit web");
    // a plain object is reviewed as gator reviews it: no operation
    assert_eq!(f.details, Some(serde_json::json!({"op": ""})));
    assert_eq!(f.source.file.as_deref(), Some("objects.yaml"));
    assert_eq!(f.source.line, 11);
}

#[test]
fn admission_reviews_keep_their_operation() {
    let set = Set::from_objects(&Objects::from_text(
        &format!("{ALWAYS}{}", constraint("c", "  match: {}")),
        None,
    ))
    .unwrap();
    let review = "apiVersion: admission.k8s.io/v1\nkind: AdmissionReview\nrequest:\n  operation: UPDATE\n  object: {apiVersion: v1, kind: Pod, metadata: {name: p}}\n  oldObject: {apiVersion: v1, kind: Pod, metadata: {name: p}}\n";
    let (findings, _) = set.evaluate(&Objects::from_text(review, None));
    assert_eq!(findings.len(), 1);
    assert_eq!(
        findings[0].details,
        Some(serde_json::json!({"op": "UPDATE"}))
    );
}

fn load_err(extra: &str) -> GatekeeperError {
    let tpl =
        std::fs::read_to_string(fixtures().join("library-style/v1-code/template.yaml")).unwrap();
    Set::from_objects(&Objects::from_text(
        &format!("{tpl}---\n{extra}"),
        Some("c.yaml"),
    ))
    .unwrap_err()
}

#[test]
fn parameters_are_validated_against_the_template_schema() {
    let e = load_err("apiVersion: constraints.gatekeeper.sh/v1beta1\nkind: K8sDisallowedTags\nmetadata: {name: t}\nspec:\n  parameters:\n    tags: [latest, 3]\n");
    assert_eq!(e.code(), "gatekeeper.parameters");
    let msg = e.to_string();
    assert!(msg.contains("constraint `K8sDisallowedTags/t`"), "{msg}");
    assert!(
        msg.contains("parameter `parameters.tags[1]`: expected string, found integer"),
        "{msg}"
    );
    assert_eq!(e.location().unwrap().file.as_deref(), Some("c.yaml"));
    let e = load_err("apiVersion: constraints.gatekeeper.sh/v1beta1\nkind: K8sDisallowedTags\nmetadata: {name: t}\nspec:\n  parameters: {tags: [a], mode: sometimes}\n");
    assert!(e.to_string().contains("`parameters.mode`"), "{e}");
    assert!(e.to_string().contains("not one of"), "{e}");
    let e = load_err("apiVersion: constraints.gatekeeper.sh/v1beta1\nkind: K8sDisallowedTags\nmetadata: {name: t}\nspec:\n  parameters: {mode: strict}\n");
    assert!(
        e.to_string().contains("required field `tags` is missing"),
        "{e}"
    );
}

#[test]
fn load_errors_have_codes() {
    let e = load_err(
        "apiVersion: constraints.gatekeeper.sh/v1beta1\nkind: K8sUnknown\nmetadata: {name: t}\n",
    );
    assert_eq!(e.code(), "gatekeeper.unknown_kind");
    let e = load_err("apiVersion: constraints.gatekeeper.sh/v1beta1\nkind: K8sDisallowedTags\nmetadata: {name: t}\nspec:\n  parameters: {tags: [a]}\n  match:\n    scope: Everywhere\n");
    assert_eq!(e.code(), "gatekeeper.constraint");
    let e = load_err("apiVersion: constraints.gatekeeper.sh/v1beta1\nkind: K8sDisallowedTags\nmetadata: {name: t}\nspec:\n  parameters: {tags: [a]}\n  enforcementAction: block\n");
    assert!(
        e.to_string().contains("unknown enforcementAction `block`"),
        "{e}"
    );
    let bad = ALWAYS.replace("msg := sprintf", "msg := := sprintf");
    let e = Set::from_objects(&Objects::from_text(&bad, Some("t.yaml"))).unwrap_err();
    assert_eq!(e.code(), "gatekeeper.rego");
    assert!(e.to_string().contains("k8salways"), "{e}");
    let dup = format!("{ALWAYS}---{ALWAYS}");
    let e = Set::from_objects(&Objects::from_text(&dup, None)).unwrap_err();
    assert_eq!(e.code(), "gatekeeper.duplicate_kind");
}

#[test]
fn templates_are_isolated_from_each_other() {
    // two templates define the same lib package differently
    let tpl = |kind: &str, answer: &str| {
        format!(
            "---\napiVersion: templates.gatekeeper.sh/v1\nkind: ConstraintTemplate\nmetadata: {{name: {lower}}}\nspec:\n  crd:\n    spec:\n      names: {{kind: {kind}}}\n  targets:\n    - target: admission.k8s.gatekeeper.sh\n      rego: |\n        package {lower}\n        import data.lib.shared.answer\n        violation[{{\"msg\": answer}}] {{ true }}\n      libs:\n        - |\n          package lib.shared\n          answer = \"{answer}\"\n---\napiVersion: constraints.gatekeeper.sh/v1beta1\nkind: {kind}\nmetadata: {{name: c}}\n",
            lower = kind.to_lowercase()
        )
    };
    let text = format!("{}{}", tpl("K8sOne", "one"), tpl("K8sTwo", "two"));
    let set = Set::from_objects(&Objects::from_text(&text, None)).unwrap();
    let (findings, errors) = set.evaluate(&Objects::from_text(
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n",
        None,
    ));
    assert!(errors.is_empty(), "{errors:?}");
    let mut got: Vec<(String, String)> = findings
        .iter()
        .map(|f| (f.policy.id.clone(), f.message.clone()))
        .collect();
    got.sort();
    assert_eq!(
        got,
        vec![
            ("K8sOne/c".to_string(), "one".to_string()),
            ("K8sTwo/c".to_string(), "two".to_string())
        ]
    );
}

#[test]
fn the_evaluated_objects_are_the_inventory() {
    let dir = fixtures().join("library-style/uniqueingresshost");
    let mut text = std::fs::read_to_string(dir.join("template.yaml")).unwrap();
    text.push_str("---\n");
    text.push_str(&std::fs::read_to_string(dir.join("constraint.yaml")).unwrap());
    let set = Set::from_objects(&Objects::from_text(&text, None)).unwrap();
    let mut objects = Objects::from_path(dir.join("ingress.yaml")).unwrap();
    objects.extend(Objects::from_path(dir.join("inventory-conflict.yaml")).unwrap());
    let (findings, errors) = set.evaluate(&objects);
    assert!(errors.is_empty(), "{errors:?}");
    // each of the two ingresses conflicts with the other
    assert_eq!(findings.len(), 2, "{findings:?}");
}

// Templates and constraints loaded with a bundle (`tests/gatekeeper/bundle`:
// a native policy reading a plain `data.yaml`, the requiredlabels template,
// a constraint on pods, and a YAML file that is neither).

fn mixed_bundle() -> kubegov::Bundle {
    kubegov::Bundle::load(fixtures().join("bundle")).unwrap()
}

fn pod() -> Objects {
    Objects::from_path(fixtures().join("bundle-pod.yaml")).unwrap()
}

#[test]
fn a_bundle_directory_runs_native_policies_and_constraints_in_one_report() {
    let bundle = mixed_bundle();
    let ids: Vec<&str> = bundle.policies().iter().map(|p| p.id()).collect();
    assert_eq!(ids, ["fixture-no-host-network"]);
    // the template and constraint are bundle files, so in the digest;
    // the unrelated YAML is not
    let files: Vec<&str> = bundle.files().iter().map(|f| f.path()).collect();
    assert_eq!(
        files,
        [
            "constraint.yaml",
            "fixture/data.yaml",
            "policy.rego",
            "template.yaml"
        ]
    );
    let report = bundle.evaluate(&pod());
    assert!(report.errors().is_empty(), "{:?}", report.errors());
    let got: Vec<(String, String)> = report
        .findings()
        .iter()
        .map(|f| (f.policy.id.clone(), f.message.clone()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "K8sRequiredLabels/pods-need-owner".to_string(),
                "pods need an `owner` label".to_string()
            ),
            (
                "fixture-no-host-network".to_string(),
                // from the plain data file
                "host network is shared with the node".to_string()
            ),
        ]
    );
    let gk = &report.findings()[0];
    assert_eq!(gk.policy.category, "gatekeeper");
    assert_eq!(gk.action, Action::Deny);
    // deterministic: a second run, and a second load, give the same report
    let again = mixed_bundle();
    assert_eq!(again.digest(), bundle.digest());
    assert_eq!(bundle.evaluate(&pod()).findings(), report.findings());
    assert_eq!(again.evaluate(&pod()).findings(), report.findings());
}

#[test]
fn the_digest_covers_templates_and_constraints() {
    let base = mixed_bundle();
    let files: Vec<(String, String)> = base
        .files()
        .iter()
        .map(|f| {
            let content = if f.path() == "constraint.yaml" {
                f.content().replace("`owner`", "`team`")
            } else {
                f.content().to_string()
            };
            (f.path().to_string(), content)
        })
        .collect();
    let changed = kubegov::Bundle::from_sources(files).unwrap();
    assert_ne!(changed.digest(), base.digest());
    let msgs: Vec<String> = changed
        .evaluate(&pod())
        .findings()
        .iter()
        .map(|f| f.message.clone())
        .collect();
    assert!(
        msgs.contains(&"pods need an `team` label".to_string()),
        "{msgs:?}"
    );
}

#[test]
fn select_and_skip_apply_to_constraints_by_id() {
    let bundle = mixed_bundle();
    let ids = |config: &kubegov::Config| -> Vec<String> {
        bundle
            .configure(config)
            .unwrap()
            .evaluate(&pod())
            .findings()
            .iter()
            .map(|f| f.policy.id.clone())
            .collect()
    };
    let mut skip = kubegov::Config::default();
    skip.skip("K8sRequiredLabels/*").unwrap();
    assert_eq!(ids(&skip), ["fixture-no-host-network"]);
    let mut select = kubegov::Config::default();
    select.select("category=gatekeeper").unwrap();
    assert_eq!(ids(&select), ["K8sRequiredLabels/pods-need-owner"]);
}

#[test]
fn a_broken_template_in_a_bundle_is_a_located_load_error() {
    let template = std::fs::read_to_string(fixtures().join("bundle/template.yaml")).unwrap();
    let policy = std::fs::read_to_string(fixtures().join("bundle/policy.rego")).unwrap();
    let broken = template.replace("count(missing) > 0", "count(missing) > > 0");
    let e = kubegov::Bundle::from_sources([
        ("policy.rego", policy.as_str()),
        ("gk/template.yaml", broken.as_str()),
    ])
    .unwrap_err();
    assert_eq!(e.code(), "load.gatekeeper");
    let at = e.location().unwrap();
    assert_eq!(at.file.as_deref(), Some("gk/template.yaml"));
    assert!(e.to_string().contains("k8srequiredlabels"), "{e}");
    // a constraint whose kind no template defines
    let e = kubegov::Bundle::from_sources([
        ("policy.rego", policy.as_str()),
        (
            "c.json",
            r#"{"apiVersion": "constraints.gatekeeper.sh/v1beta1", "kind": "K8sNope", "metadata": {"name": "x"}}"#,
        ),
    ])
    .unwrap_err();
    assert_eq!(e.code(), "load.gatekeeper");
    assert_eq!(e.location().unwrap().file.as_deref(), Some("c.json"));
    assert!(e.to_string().contains("K8sNope"), "{e}");
    // YAML that does not parse, in a file naming a Gatekeeper API group
    let e = kubegov::Bundle::from_sources([
        ("policy.rego", policy.as_str()),
        (
            "bad.yaml",
            "apiVersion: templates.gatekeeper.sh/v1\nkind: [unclosed\n",
        ),
    ])
    .unwrap_err();
    assert_eq!(e.code(), "load.gatekeeper");
    let at = e.location().unwrap();
    assert_eq!(at.file.as_deref(), Some("bad.yaml"));
    assert!(at.line > 0, "{e}");
}
