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

/// The one failing case of a suite that has one pass and one failure.
fn the_failure(dir: &str) -> kubegov::gatekeeper::CaseResult {
    let r = run_suite(dir);
    assert_eq!(r.summary(), "1 passed, 1 failed");
    r.cases
        .into_iter()
        .find(|c| c.status == CaseStatus::Fail)
        .unwrap()
}

#[test]
fn a_failing_assertion_fails_with_the_reason() {
    let f = the_failure("failing");
    assert_eq!(f.case, "expects no violation");
    let reason = f.reason.as_deref().unwrap();
    assert!(
        reason.contains("got 1 violations but want none"),
        "{reason}"
    );
    assert!(reason.contains("disallowed tag <latest>"), "{reason}");
    // a Rego-only template: no word of another engine
    assert!(!reason.contains("K8sNativeValidation"), "{reason}");
    assert_eq!(
        f.to_string().split(':').next().unwrap(),
        "FAIL failing › wrong expectation › expects no violation"
    );
}

#[test]
fn a_failure_on_a_template_with_a_cel_engine_says_gator_runs_the_cel() {
    // gator evaluates a template's K8sNativeValidation engine in preference
    // to its Rego; kubegov runs the Rego, so an assertion on the CEL message
    // fails, and the reason must say why rather than blame the policy
    let f = the_failure("cel-engine");
    assert_eq!(f.case, "the CEL message");
    let reason = f.reason.as_deref().unwrap();
    assert!(reason.contains("Pod <web> has no team"), "{reason}");
    assert!(
        reason.contains("also has a K8sNativeValidation (CEL) engine, which gator evaluates instead of the Rego that kubegov runs"),
        "{reason}"
    );
}

#[test]
fn an_unreadable_suite_is_an_error() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("kubegov-gk-bad-{}", std::process::id()));
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
    assert_eq!(f.details.as_deref(), Some(&serde_json::json!({"op": ""})));
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
        findings[0].details.as_deref(),
        Some(&serde_json::json!({"op": "UPDATE"}))
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
// a native policy reading a plain `data.yaml`, the requiredlabels template
// with its unit tests, two constraints on pods (one `dryrun`), and a YAML
// file that is neither).

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
    assert_eq!(
        ids,
        [
            "K8sRequiredLabels/pods-have-cost-center",
            "K8sRequiredLabels/pods-need-owner",
            "fixture-no-host-network"
        ]
    );
    // the template and constraint are bundle files, so in the digest;
    // the unrelated YAML is not
    let files: Vec<&str> = bundle.files().iter().map(|f| f.path()).collect();
    assert_eq!(
        files,
        [
            "constraint.yaml",
            "fixture/data.yaml",
            "policy.rego",
            "template.yaml",
            "template_test.rego"
        ]
    );
    let report = bundle.evaluate(&pod());
    assert!(report.errors().is_empty(), "{:?}", report.errors());
    let got: Vec<(String, String)> = report
        .findings()
        .iter()
        .skip(1)
        .map(|f| (f.policy.id.clone(), f.message.clone()))
        .collect();
    let dryrun = &report.findings()[0];
    assert_eq!(dryrun.policy.id, "K8sRequiredLabels/pods-have-cost-center");
    assert_eq!(dryrun.action, Action::Dryrun);
    assert!(dryrun.message.contains("cost-center"), "{}", dryrun.message);
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
    let gk = &report.findings()[1];
    assert_eq!(gk.policy.category, "gatekeeper");
    assert_eq!(gk.action, Action::Deny);
    assert_eq!(gk.policy.severity, Severity::High);
    assert_eq!(report.bundle().policies, 3);
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
    assert_eq!(
        ids(&select),
        [
            "K8sRequiredLabels/pods-have-cost-center",
            "K8sRequiredLabels/pods-need-owner"
        ]
    );
    let mut high = kubegov::Config::default();
    high.select("severity>=high").unwrap();
    assert_eq!(
        ids(&high),
        [
            "K8sRequiredLabels/pods-need-owner",
            "fixture-no-host-network"
        ]
    );
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

#[test]
fn constraints_are_listed_as_policies_with_their_metadata() {
    let bundle = mixed_bundle();
    let owner = bundle.policy("K8sRequiredLabels/pods-need-owner").unwrap();
    assert_eq!(owner.category(), "gatekeeper");
    // title and description from the template
    assert_eq!(owner.title(), "Required Labels");
    assert!(
        owner
            .description()
            .starts_with("Requires resources to contain"),
        "{}",
        owner.description()
    );
    // severity from the constraint's kubegov.io/severity annotation
    assert_eq!(owner.severity(), Severity::High);
    assert_eq!(owner.enforcement_action(), Action::Deny);
    assert_eq!(owner.package(), "k8srequiredlabels");
    assert_eq!(owner.file(), "constraint.yaml");
    assert!(owner.applies_to("", "Pod"));
    assert!(!owner.applies_to("apps", "Deployment"));
    // the constraint's own annotations win over the template's; the
    // default severity is medium
    let cost = bundle
        .policy("K8sRequiredLabels/pods-have-cost-center")
        .unwrap();
    assert_eq!(cost.title(), "Cost center label");
    assert_eq!(
        cost.description(),
        "Pods carry the cost center that pays for them."
    );
    assert_eq!(cost.severity(), Severity::Medium);
    assert_eq!(cost.enforcement_action(), Action::Dryrun);
    // JSON metadata: constraints carry their action, native policies do not
    let json = serde_json::to_value(bundle.policies()).unwrap();
    assert_eq!(json[1]["enforcementAction"], "deny");
    assert_eq!(json[0]["enforcementAction"], "dryrun");
    assert!(json[2].get("enforcementAction").is_none(), "{}", json[2]);
    let native = bundle.policy("fixture-no-host-network").unwrap();
    assert_eq!(native.enforcement_action(), Action::Deny);
    // SARIF documents every constraint as a rule
    let report = bundle.evaluate(&pod());
    let sarif = kubegov::render::sarif_with(
        &report,
        bundle.policies(),
        &kubegov::render::SarifOptions::new().with_all_rules(true),
    );
    let sarif: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    let rules: Vec<&str> = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        rules,
        [
            "K8sRequiredLabels/pods-have-cost-center",
            "K8sRequiredLabels/pods-need-owner",
            "fixture-no-host-network"
        ]
    );
}

#[test]
fn dryrun_constraint_findings_never_fail() {
    let bundle = mixed_bundle();
    let mut config = kubegov::Config::default();
    config.skip("fixture-no-host-network").unwrap();
    config.skip("K8sRequiredLabels/pods-need-owner").unwrap();
    let report = bundle.configure(&config).unwrap().evaluate(&pod());
    let actions: Vec<Action> = report.findings().iter().map(|f| f.action).collect();
    assert_eq!(actions, [Action::Dryrun]);
    assert!(!report.has_denials());
    assert_eq!(report.summary().actions["dryrun"], 1);
    // the same bundle with the deny constraint fails
    assert!(bundle.evaluate(&pod()).has_denials());
}

fn configured(yaml: &str) -> Result<kubegov::Bundle, kubegov::ConfigError> {
    let config = kubegov::Config::from_yaml(yaml, Some("kubegov.yaml")).unwrap();
    mixed_bundle().configure(&config)
}

/// (id, action, severity) of each finding.
fn summary_of(bundle: &kubegov::Bundle) -> Vec<(String, Action, Severity)> {
    bundle
        .evaluate(&pod())
        .findings()
        .iter()
        .map(|f| (f.policy.id.clone(), f.action, f.policy.severity))
        .collect()
}

#[test]
fn the_config_file_targets_constraints_by_id() {
    let bundle = configured(
        "policies:\n  K8sRequiredLabels/pods-need-owner:\n    enforcementAction: warn\n    severity: low\n  K8sRequiredLabels/pods-have-cost-center:\n    enabled: false\n  fixture-no-host-network:\n    severity: critical\n",
    )
    .unwrap();
    assert!(!bundle.is_enabled("K8sRequiredLabels/pods-have-cost-center"));
    assert!(bundle.is_enabled("K8sRequiredLabels/pods-need-owner"));
    let report = bundle.evaluate(&pod());
    assert_eq!(
        summary_of(&bundle),
        [
            (
                "K8sRequiredLabels/pods-need-owner".to_string(),
                Action::Warn,
                Severity::Low
            ),
            (
                "fixture-no-host-network".to_string(),
                Action::Deny,
                Severity::Critical
            ),
        ]
    );
    assert_eq!(report.summary().findings["critical"], 1);
    assert_eq!(report.summary().findings["low"], 1);
    // a constraint turned to dryrun no longer fails the check
    let bundle = configured(
        "policies:\n  K8sRequiredLabels/pods-need-owner:\n    enforcementAction: dryrun\n  fixture-no-host-network:\n    enabled: false\n",
    )
    .unwrap();
    assert!(!bundle.evaluate(&pod()).has_denials());
    // the global match applies to constraints too
    let bundle = configured("match:\n  excludedNamespaces: [shop]\n").unwrap();
    assert_eq!(summary_of(&bundle), []);
    // a misspelt constraint id: did you mean
    let e = configured("policies:\n  K8sRequiredLabels/pods-need-ownr:\n    enabled: false\n")
        .unwrap_err();
    assert_eq!(e.code(), "config.unknown_policy");
    assert!(
        e.to_string()
            .contains("did you mean `K8sRequiredLabels/pods-need-owner`"),
        "{e}"
    );
    assert_eq!(e.location().unwrap().line, 2, "{e}");
    // parameters and match are the constraint's own
    let e = configured(
        "policies:\n  K8sRequiredLabels/pods-need-owner:\n    parameters: {labels: []}\n",
    )
    .unwrap_err();
    assert_eq!(e.code(), "config.parameters");
    let e = configured(
        "policies:\n  K8sRequiredLabels/pods-need-owner:\n    match: {namespaces: [x]}\n",
    )
    .unwrap_err();
    assert!(e.to_string().contains("spec.match"), "{e}");
    // an unknown severity is a located shape error
    let e = kubegov::Config::from_yaml(
        "policies:\n  fixture-no-host-network:\n    severity: urgent\n",
        Some("kubegov.yaml"),
    )
    .unwrap_err();
    assert_eq!(e.location().unwrap().line, 3, "{e}");
}

const EXEMPT_POD: &str = r#"apiVersion: v1
kind: Pod
metadata:
  name: legacy
  namespace: shop
  annotations:
    kubegov.io/exempt: "K8sRequiredLabels/pods-need-owner"
    kubegov.io/exempt-reason: "owned by the platform team until the migration"
spec:
  containers:
  - name: app
    image: nginx:1.27
"#;

/// (id, status, exception source) of each finding.
fn statuses(report: &kubegov::Report) -> Vec<(String, String, Option<String>)> {
    report
        .findings()
        .iter()
        .map(|f| {
            (
                f.policy.id.clone(),
                serde_json::to_value(f.status)
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_string(),
                f.exception.as_ref().map(|e| e.source.clone()),
            )
        })
        .collect()
}

#[test]
fn exemption_annotations_and_exception_files_cover_constraint_findings() {
    let bundle = mixed_bundle();
    let objects = Objects::from_text(EXEMPT_POD, Some("legacy.yaml"));
    let report = bundle.evaluate(&objects);
    assert_eq!(
        statuses(&report),
        [
            (
                "K8sRequiredLabels/pods-have-cost-center".to_string(),
                "violation".to_string(),
                None
            ),
            (
                "K8sRequiredLabels/pods-need-owner".to_string(),
                "exempted".to_string(),
                Some("annotation kubegov.io/exempt at legacy.yaml:7".to_string())
            ),
        ]
    );
    let exempted = &report.findings()[1];
    assert_eq!(
        exempted.exception.as_ref().unwrap().reason,
        "owned by the platform team until the migration"
    );
    assert_eq!(report.summary().exempted, 1);
    assert!(!report.has_denials());
    // without a reason: not exempted, one notice (not one per pass)
    let no_reason = EXEMPT_POD.replace("    kubegov.io/exempt-reason", "    other");
    let report = bundle.evaluate(&Objects::from_text(&no_reason, Some("legacy.yaml")));
    assert!(report.has_denials());
    let codes: Vec<&str> = report.notices().iter().map(|n| n.code.as_str()).collect();
    assert_eq!(codes, ["exception.missing_reason"]);
    // an exceptions file entry
    let mut config = kubegov::Config::default();
    config
        .add_exceptions_yaml(
            "exceptions:\n- policy: \"K8sRequiredLabels/*\"\n  match: {kind: Pod, namespace: shop}\n  reason: labels come with the new pipeline\n",
            Some("exceptions.yaml"),
        )
        .unwrap();
    let report = bundle.configure(&config).unwrap().evaluate(&pod());
    let got = statuses(&report);
    assert_eq!(got.len(), 3, "{got:?}");
    for (id, status, source) in &got[..2] {
        assert!(id.starts_with("K8sRequiredLabels/"), "{got:?}");
        assert_eq!(status, "exempted");
        assert!(
            source.as_deref().unwrap().starts_with("exceptions.yaml:2"),
            "{got:?}"
        );
    }
    assert_eq!(got[2].1, "violation");
}

/// The 1-based line of the first line of `text` containing `needle`.
fn line_of(text: &str, needle: &str) -> u32 {
    text.lines().position(|l| l.contains(needle)).unwrap() as u32 + 1
}

#[test]
fn rego_errors_point_at_their_line_in_the_template_file() {
    let template = std::fs::read_to_string(fixtures().join("bundle/template.yaml")).unwrap();
    for (from, to) in [
        // in `rego`
        ("count(missing) > 0", "count(missing) > > 0"),
        // in `libs[0]`
        ("package lib.helpers", "package lib.helpers ]"),
    ] {
        let broken = template.replace(from, to);
        let e = kubegov::Bundle::from_sources([("gk/template.yaml", broken.as_str())]).unwrap_err();
        assert_eq!(e.code(), "load.gatekeeper", "{e}");
        let at = e.location().unwrap();
        assert_eq!(at.file.as_deref(), Some("gk/template.yaml"));
        // the line of the broken Rego in the YAML file
        assert_eq!(at.line, line_of(&broken, to), "{e}");
    }
    // the same from a file read by `kubegov verify`'s loader
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("kubegov-gk3-lines-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let broken = template.replace("count(missing) > 0", "count(missing) > > 0");
    std::fs::write(dir.join("template.yaml"), &broken).unwrap();
    let e = Set::from_path(dir.join("template.yaml")).unwrap_err();
    assert_eq!(
        e.location().unwrap().line,
        line_of(&broken, "count(missing) > > 0"),
        "{e}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn template_unit_tests_run_with_the_template_rego_and_libs() {
    let bundle = mixed_bundle();
    let results = bundle.run_tests(None).unwrap();
    let got: Vec<(String, String, u32, kubegov::testing::TestOutcome)> = results
        .tests
        .iter()
        .map(|t| (t.file.clone(), t.name.clone(), t.line, t.outcome.clone()))
        .collect();
    use kubegov::testing::TestOutcome::{Fail, Pass};
    let file = "template_test.rego".to_string();
    assert_eq!(
        got,
        [
            (
                file.clone(),
                "test_missing_label_is_a_violation".to_string(),
                7,
                Pass
            ),
            (
                file.clone(),
                "test_label_not_matching_the_regex_is_a_violation".to_string(),
                13,
                Pass
            ),
            (
                file.clone(),
                "test_fails_on_purpose_labelled_pod_is_a_violation".to_string(),
                19,
                Fail
            ),
        ]
    );
    assert!(results
        .tests
        .iter()
        .all(|t| t.package == "k8srequiredlabels"));
    assert_eq!((results.passed(), results.failed()), (2, 1));
    let only = regex::Regex::new("regex").unwrap();
    let results = bundle.run_tests(Some(&only)).unwrap();
    assert_eq!(results.tests.len(), 1);
    assert_eq!(results.passed(), 1);
}

#[test]
fn a_template_severity_annotation_is_the_default_of_its_constraints() {
    let files: Vec<(String, String)> = mixed_bundle()
        .files()
        .iter()
        .map(|f| {
            let content = if f.path() == "template.yaml" {
                f.content().replace(
                    "    metadata.gatekeeper.sh/title:",
                    "    kubegov.io/severity: critical\n    metadata.gatekeeper.sh/title:",
                )
            } else {
                f.content().to_string()
            };
            (f.path().to_string(), content)
        })
        .collect();
    let bundle = kubegov::Bundle::from_sources(files).unwrap();
    let severity = |id: &str| bundle.policy(id).unwrap().severity();
    // the constraint's own annotation wins
    assert_eq!(
        severity("K8sRequiredLabels/pods-need-owner"),
        Severity::High
    );
    assert_eq!(
        severity("K8sRequiredLabels/pods-have-cost-center"),
        Severity::Critical
    );
    let report = bundle.evaluate(&pod());
    assert_eq!(report.findings()[0].policy.severity, Severity::Critical);
}

/// A copy of the `library-style/opa-behaviours` suite (its Rego is rewritten
/// for regorus: several bodies, a line starting with `(`, sprintf) with
/// `from` replaced by `to` in its template.
fn broken_opa_behaviours(tag: &str, from: &str, to: &str) -> (PathBuf, String) {
    let src = fixtures().join("library-style/opa-behaviours");
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("kubegov-gk-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for f in std::fs::read_dir(&src).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, dir.join(f.file_name().unwrap())).unwrap();
    }
    let template = std::fs::read_to_string(src.join("template.yaml")).unwrap();
    let broken = template.replace(from, to);
    assert_ne!(broken, template, "{from}");
    std::fs::write(dir.join("template.yaml"), &broken).unwrap();
    (dir, broken)
}

#[test]
fn rego_errors_in_rewritten_sources_point_at_their_line_in_bundles_and_verify() {
    for (tag, from, to) in [
        // after a rule with several bodies (rewritten: its head is repeated)
        (
            "bodies",
            "msg := sprintf(\"flag %v\", [f])",
            "msg := sprintf(\"flag %v\", [f]) } }",
        ),
        // on a line starting with `(` (rewritten: `;` on the line before)
        (
            "paren",
            "(n + 1) > input.parameters.limit",
            "(n + 1) > > input.parameters.limit",
        ),
        // in a library of the same template
        ("lib", "list[_] == name", "list[_] == name ]"),
    ] {
        let (dir, broken) = broken_opa_behaviours(tag, from, to);
        let line = line_of(&broken, to);
        let e = kubegov::Bundle::load(&dir).unwrap_err();
        let at = e.location().unwrap();
        assert_eq!(at.line, line, "{e}");
        assert!(at.file.unwrap().ends_with("template.yaml"), "{e}");
        // `kubegov verify` compiles the suite's template file itself
        let r = verify(&[dir.join("suite.yaml")]).unwrap();
        let reason = r.cases.first().and_then(|c| c.reason.clone()).unwrap();
        assert!(
            reason.contains(&format!("template.yaml:{line}:{}:", at.column)),
            "{reason}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

#[test]
fn rego_error_columns_in_rewritten_lines_are_the_original_ones() {
    // the sprintf on this line is rewritten (`kubegov_sprintf_format(...)`
    // inserted before the error): the column is the one in the template
    let to = "msg := sprintf(\"too many containers: %v\", [n]) + + 1";
    let (dir, broken) = broken_opa_behaviours(
        "column",
        "msg := sprintf(\"too many containers: %v\", [n])",
        to,
    );
    let e = kubegov::Bundle::load(&dir).unwrap_err();
    let at = e.location().unwrap();
    let yaml_line = broken.lines().nth(at.line as usize - 1).unwrap();
    assert!(yaml_line.contains(to), "{e}");
    // the block's Rego is indented by 14 columns in the file; the column is
    // the Rego line's, at the second `+`
    let rego_line = &yaml_line[14..];
    assert_eq!(
        at.column as usize,
        rego_line.find("+ 1").unwrap() + 1,
        "{e}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
