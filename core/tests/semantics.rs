//! Governance semantics: match and scope, parameters, enforcement actions,
//! exceptions with expiry, cross-object inventory, conftest policies.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use kubegov::{Action, Bundle, Config, Objects, Status};

const POD_POLICY: &str = r#"# METADATA
# title: Registry
# description: Images come from allowed registries.
# custom:
#   id: allowed-registries
#   severity: high
#   category: images
#   kinds:
#   - apiGroups: [""]
#     kinds: [Pod]
#   parameters:
#     type: object
#     additionalProperties: false
#     properties:
#       registries:
#         type: array
#         items: {type: string}
#         default: ["registry.example.com"]
package t.allowed_registries

import rego.v1

violation contains {"msg": msg, "path": sprintf("spec.containers[%d].image", [i])} if {
	some i, c in input.review.object.spec.containers
	host := split(c.image, "/")[0]
	not host in input.parameters.registries
	msg := sprintf("image `%s` is not from an allowed registry", [c.image])
}
"#;

const NS_POLICY: &str = r#"# METADATA
# title: Default deny
# description: Every namespace has a default-deny NetworkPolicy.
# custom:
#   id: default-deny
#   severity: medium
#   category: network
#   kinds:
#   - apiGroups: [""]
#     kinds: [Namespace]
package t.default_deny

import rego.v1

violation contains {"msg": msg} if {
	ns := input.review.object.metadata.name
	not has_default_deny(ns)
	msg := sprintf("namespace `%s` has no default-deny NetworkPolicy", [ns])
}

has_default_deny(ns) if {
	some np in data.inventory.namespace[ns]["networking.k8s.io/v1"].NetworkPolicy
	count(np.spec.podSelector) == 0
}
"#;

fn bundle() -> Bundle {
    Bundle::from_sources([("registries.rego", POD_POLICY), ("deny.rego", NS_POLICY)]).unwrap()
}

fn pod(name: &str, ns: &str, image: &str, extra_meta: &str) -> String {
    format!("apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\n  namespace: {ns}\n{extra_meta}spec:\n  containers:\n  - name: c\n    image: {image}\n---\n")
}

fn ids(r: &kubegov::Report) -> Vec<(String, String, Status)> {
    r.findings()
        .iter()
        .map(|f| (f.policy.id.clone(), f.object.name.clone(), f.status))
        .collect()
}

#[test]
fn parameters_defaults_and_overrides() {
    let objs = Objects::from_text(&pod("a", "x", "docker.io/nginx:1", ""), None);
    assert_eq!(bundle().evaluate(&objs).findings().len(), 1);
    let cfg = Config::from_yaml(
        "policies:\n  allowed-registries:\n    parameters:\n      registries: [docker.io]\n",
        None,
    )
    .unwrap();
    assert!(bundle()
        .configure(&cfg)
        .unwrap()
        .evaluate(&objs)
        .findings()
        .is_empty());
}

#[test]
fn invalid_parameters_name_policy_and_field() {
    let cfg = Config::from_yaml(
        "policies:\n  allowed-registries:\n    parameters:\n      registries: [docker.io, 5]\n",
        Some("kubegov.yaml"),
    )
    .unwrap();
    let e = bundle().configure(&cfg).unwrap_err();
    assert_eq!(e.code(), "config.parameters");
    let msg = e.to_string();
    assert!(
        msg.contains("`allowed-registries`")
            && msg.contains("`registries[1]`")
            && msg.contains("expected string"),
        "{msg}"
    );
    assert_eq!(e.location().unwrap().line, 4);
    let cfg = Config::from_yaml(
        "policies:\n  allowed-registries:\n    parameters: {registry: [a]}\n",
        None,
    )
    .unwrap();
    assert!(bundle()
        .configure(&cfg)
        .unwrap_err()
        .to_string()
        .contains("unknown field `registry`"));
    let cfg = Config::from_yaml("policies:\n  allowed-registry: {enabled: false}\n", None).unwrap();
    let e = bundle().configure(&cfg).unwrap_err();
    assert!(
        e.to_string().contains("did you mean `allowed-registries`"),
        "{e}"
    );
}

#[test]
fn enforcement_actions_decide_failure() {
    let objs = Objects::from_text(&pod("a", "x", "docker.io/nginx:1", ""), None);
    let r = bundle().evaluate(&objs);
    assert!(r.has_denials());
    for (action, expect) in [
        ("warn", Action::Warn),
        ("dryrun", Action::Dryrun),
        ("deny", Action::Deny),
    ] {
        let cfg = Config::from_yaml(
            &format!("policies:\n  allowed-registries:\n    enforcementAction: {action}\n"),
            None,
        )
        .unwrap();
        let r = bundle().configure(&cfg).unwrap().evaluate(&objs);
        assert_eq!(r.findings()[0].action, expect);
        assert_eq!(r.has_denials(), expect == Action::Deny, "{action}");
        assert_eq!(r.summary().actions[action], 1);
    }
}

#[test]
fn selection_and_skip() {
    let mut cfg = Config::new();
    cfg.select("category=network").unwrap();
    let b = bundle().configure(&cfg).unwrap();
    assert!(b.is_enabled("default-deny") && !b.is_enabled("allowed-registries"));
    let mut cfg = Config::new();
    cfg.skip("allowed-*").unwrap();
    let b = bundle().configure(&cfg).unwrap();
    assert!(!b.is_enabled("allowed-registries"));
    let mut cfg = Config::new();
    cfg.select("severity>=high").unwrap();
    let b = bundle().configure(&cfg).unwrap();
    assert!(b.is_enabled("allowed-registries") && !b.is_enabled("default-deny"));
    assert!(Config::new().select("severity=urgent").is_err());
    // control tags on the built-in library; pss=restricted includes baseline
    let lib = Bundle::embedded().unwrap();
    let mut cfg = Config::new();
    cfg.select("pss=restricted").unwrap();
    let b = lib.configure(&cfg).unwrap();
    assert!(
        b.is_enabled("privileged-containers")
            && b.is_enabled("run-as-non-root")
            && !b.is_enabled("image-tag-latest")
    );
    let mut cfg = Config::new();
    cfg.select("cis=5.2.*").unwrap();
    assert!(lib
        .configure(&cfg)
        .unwrap()
        .is_enabled("privileged-containers"));
}

#[test]
fn match_blocks_filter_objects() {
    let text = pod("a", "prod-eu", "docker.io/a:1", "  labels: {team: x}\n")
        + &pod("b", "kube-system", "docker.io/b:1", "")
        + &pod("c", "dev", "docker.io/c:1", "");
    let objs = Objects::from_text(&text, None);
    let cfg = Config::from_yaml("match:\n  excludedNamespaces: [\"kube-*\"]\npolicies:\n  allowed-registries:\n    match:\n      namespaces: [\"prod-*\", dev]\n      labelSelector: {matchLabels: {team: x}}\n", None).unwrap();
    let r = bundle().configure(&cfg).unwrap().evaluate(&objs);
    assert_eq!(
        ids(&r),
        vec![("allowed-registries".into(), "a".into(), Status::Violation)]
    );
}

#[test]
fn namespace_selector_uses_namespaces_in_the_set() {
    let text = "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, labels: {env: prod}}\n---\n"
        .to_string()
        + &pod("a", "shop", "docker.io/a:1", "")
        + &pod("b", "other", "docker.io/b:1", "");
    let cfg = Config::from_yaml("policies:\n  allowed-registries:\n    match:\n      namespaceSelector: {matchLabels: {env: prod}}\n", None).unwrap();
    let r = bundle()
        .configure(&cfg)
        .unwrap()
        .evaluate(&Objects::from_text(&text, None));
    let names: Vec<_> = r
        .findings()
        .iter()
        .filter(|f| f.policy.id == "allowed-registries")
        .map(|f| f.object.name.clone())
        .collect();
    assert_eq!(names, vec!["a"]);
}

#[test]
fn cluster_scoped_objects_are_not_excluded_by_namespace_lists() {
    let cfg = Config::from_yaml(
        "match:\n  namespaces: [shop]\n  excludedNamespaces: [\"*\"]\n",
        None,
    )
    .unwrap();
    let b = bundle().configure(&cfg).unwrap();
    // a Namespace is matched by its own name: `dev` is excluded by "*"
    let r = b.evaluate(&Objects::from_text(
        "apiVersion: v1\nkind: Namespace\nmetadata: {name: dev}\n",
        None,
    ));
    assert!(r.findings().is_empty());
    let cfg = Config::from_yaml(
        "match:\n  excludedNamespaces: [\"dev\"]\n  scope: Cluster\n",
        None,
    )
    .unwrap();
    let b = bundle().configure(&cfg).unwrap();
    let r = b.evaluate(&Objects::from_text(
        &(pod("a", "shop", "docker.io/a:1", "")
            + "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n"),
        None,
    ));
    assert_eq!(
        ids(&r),
        vec![("default-deny".into(), "shop".into(), Status::Violation)]
    );
}

#[test]
fn annotation_exceptions_need_a_reason() {
    let with_reason = pod("a", "x", "docker.io/a:1", "  annotations:\n    kubegov.io/exempt: \"allowed-*\"\n    kubegov.io/exempt-reason: vendor image, ticket OPS-12\n");
    let r = bundle().evaluate(&Objects::from_text(&with_reason, Some("a.yaml")));
    assert_eq!(r.findings()[0].status, Status::Exempted);
    assert_eq!(
        r.findings()[0].exception.as_ref().unwrap().reason,
        "vendor image, ticket OPS-12"
    );
    assert!(!r.has_denials());
    assert_eq!(r.summary().exempted, 1);
    let without = pod(
        "a",
        "x",
        "docker.io/a:1",
        "  annotations:\n    kubegov.io/exempt: allowed-registries\n",
    );
    let r = bundle().evaluate(&Objects::from_text(&without, Some("a.yaml")));
    assert_eq!(r.findings()[0].status, Status::Violation);
    assert_eq!(r.notices()[0].code, "exception.missing_reason");
    assert_eq!(r.notices()[0].line, 7);
}

#[test]
fn file_exceptions_expire_and_unused_ones_are_reported() {
    let text =
        pod("legacy-1", "legacy", "docker.io/a:1", "") + &pod("web", "shop", "docker.io/b:1", "");
    let objs = Objects::from_text(&text, None);
    let mut cfg = Config::new();
    cfg.add_exceptions_yaml(
        "exceptions:\n- policy: allowed-*\n  match: {kind: Pod, namespace: legacy, name: \"legacy-*\"}\n  reason: migrating\n  owner: team-a\n  expires: 2027-01-31\n- policy: allowed-registries\n  match: {namespace: shop}\n  reason: old\n  expires: 2026-01-01\n- policy: default-deny\n  reason: never used\n",
        Some("exceptions.yaml"),
    )
    .unwrap();
    cfg.set_today("2026-11-28").unwrap();
    let r = bundle().configure(&cfg).unwrap().evaluate(&objs);
    let st: Vec<_> = ids(&r).into_iter().map(|(_, n, s)| (n, s)).collect();
    assert_eq!(
        st,
        vec![
            ("legacy-1".to_string(), Status::Exempted),
            ("web".to_string(), Status::Violation)
        ]
    );
    let ex = r.findings()[0].exception.as_ref().unwrap();
    assert_eq!(
        (ex.owner.as_deref(), ex.expires.as_deref()),
        (Some("team-a"), Some("2027-01-31"))
    );
    assert!(ex.source.starts_with("exceptions.yaml:2"), "{}", ex.source);
    let codes: Vec<_> = r
        .notices()
        .iter()
        .map(|n| (n.code.as_str(), n.line))
        .collect();
    assert_eq!(
        codes,
        vec![("exception.expired", 7), ("exception.unused", 11)]
    );
    assert!(r.notices()[0].message.contains("expired on 2026-01-01"));
    // after the first one's expiry date it no longer exempts
    cfg.set_today("2027-02-01").unwrap();
    let r = bundle().configure(&cfg).unwrap().evaluate(&objs);
    assert!(r.findings().iter().all(|f| f.status == Status::Violation));
}

#[test]
fn referential_policy_over_a_directory() {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/semantics/referential"
    );
    let r = bundle().evaluate(&Objects::from_path(dir).unwrap());
    let found: Vec<_> = r
        .findings()
        .iter()
        .map(|f| (f.object.name.clone(), f.source.file.clone().unwrap()))
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "dev");
    assert!(found[0].1.ends_with("namespaces.yaml"));
}

#[test]
fn conftest_policies_take_the_raw_object() {
    let b = Bundle::from_sources([
        ("policy/deny.rego", "package main\nimport rego.v1\ndeny contains msg if {\n\tinput.kind == \"Deployment\"\n\tnot input.spec.template.spec.securityContext.runAsNonRoot\n\tmsg := \"containers must not run as root\"\n}\n"),
        ("policy/warn.rego", "package main\nimport rego.v1\nwarn contains msg if {\n\tnot input.metadata.labels.app\n\tmsg := sprintf(\"%s has no app label\", [input.metadata.name])\n}\n"),
    ])
    .unwrap();
    assert_eq!(b.policies().len(), 1);
    let r = b.evaluate(&Objects::from_text("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {template: {spec: {}}}\n", None));
    let got: Vec<_> = r
        .findings()
        .iter()
        .map(|f| (f.action, f.message.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (Action::Deny, "containers must not run as root"),
            (Action::Warn, "web has no app label")
        ]
    );
}

#[test]
fn the_documented_example_configuration_applies_to_the_library() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples");
    let mut cfg = Config::from_file(format!("{root}/config/kubegov.yaml")).unwrap();
    cfg.add_exceptions_file(format!("{root}/config/exceptions.yaml"))
        .unwrap();
    cfg.set_today("2026-11-28").unwrap();
    let b = Bundle::embedded().unwrap().configure(&cfg).unwrap();
    let r = b.evaluate(&Objects::from_path(format!("{root}/manifests")).unwrap());
    let priv_ = r
        .findings()
        .iter()
        .find(|f| f.policy.id == "privileged-containers")
        .unwrap();
    assert_eq!(priv_.status, Status::Exempted);
    assert!(r
        .findings()
        .iter()
        .filter(|f| f.policy.id == "container-resources")
        .all(|f| f.action == Action::Warn));
}
