//! Inventory indexes (`inventory_index` rules): kubegov builds them once
//! per evaluation and supplies them as `data.kubegov_index`; the referential
//! policies of the library give the same report with and without them.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::fmt::Write as _;

use kubegov::{Bundle, Objects};

/// Objects for every referential policy, in several namespaces: workloads
/// of each kind with labels, Services and PDBs that select them or not,
/// HPAs with and without targets, duplicate and distinct Ingress routes,
/// namespaces with and without default-deny policies, quotas and limits.
fn referential_corpus() -> String {
    let mut s = String::new();
    for n in 0..3 {
        let ns = format!("ns-{n}");
        let _ = write!(
            s,
            "apiVersion: v1\nkind: Namespace\nmetadata: {{name: {ns}}}\n---\n"
        );
        if n == 0 {
            let _ = write!(s, "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {{name: deny, namespace: {ns}}}\nspec: {{podSelector: {{}}, policyTypes: [Ingress]}}\n---\napiVersion: v1\nkind: ResourceQuota\nmetadata: {{name: q, namespace: {ns}}}\nspec: {{hard: {{pods: '10'}}}}\n---\napiVersion: v1\nkind: LimitRange\nmetadata: {{name: l, namespace: {ns}}}\nspec: {{limits: []}}\n---\n");
        }
        for (i, kind) in ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"]
            .iter()
            .enumerate()
        {
            let app = format!("app-{i}");
            let _ = write!(s, "apiVersion: apps/v1\nkind: {kind}\nmetadata: {{name: {app}, namespace: {ns}}}\nspec:\n  replicas: {}\n  selector: {{matchLabels: {{app: {app}}}}}\n  template:\n    metadata: {{labels: {{app: {app}, tier: web, shared: 'yes'}}}}\n    spec: {{containers: [{{name: c, image: nginx:1.27}}]}}\n---\n", 1 + i / 2);
        }
        let _ = write!(s, "apiVersion: v1\nkind: Pod\nmetadata: {{name: pod, namespace: {ns}, labels: {{app: pod, shared: 'yes'}}}}\nspec: {{containers: [{{name: c, image: nginx:1.27}}]}}\n---\n");
        let _ = write!(s, "apiVersion: batch/v1\nkind: CronJob\nmetadata: {{name: cron, namespace: {ns}}}\nspec:\n  schedule: '* * * * *'\n  jobTemplate:\n    spec:\n      template:\n        metadata: {{labels: {{app: cron}}}}\n        spec: {{containers: [{{name: c, image: nginx:1.27}}], restartPolicy: Never}}\n---\n");
        // Services: one pair, two pairs, a rare and a common pair, a typo, and
        // in ns-0 a label no workload has (elsewhere it selects app-0)
        let other = if n == 0 { "only-in-1" } else { "app-0" };
        for (name, sel) in [
            ("one", "{app: app-1}".to_string()),
            ("two", "{app: app-2, tier: web}".to_string()),
            ("rare-and-shared", "{shared: 'yes', app: pod}".to_string()),
            ("typo", "{app: app-9}".to_string()),
            ("elsewhere", format!("{{app: {other}}}")),
        ] {
            let _ = write!(s, "apiVersion: v1\nkind: Service\nmetadata: {{name: {name}, namespace: {ns}}}\nspec: {{selector: {sel}, ports: [{{port: 80}}]}}\n---\n");
        }
        // PDBs: matchLabels, matchExpressions only, both, empty, a typo
        for (name, sel) in [
            ("labels", "{matchLabels: {app: app-0}}"),
            (
                "in",
                "{matchExpressions: [{key: app, operator: In, values: [app-3, x]}]}",
            ),
            (
                "not-in",
                "{matchExpressions: [{key: shared, operator: NotIn, values: ['yes']}]}",
            ),
            (
                "both",
                "{matchLabels: {shared: 'yes'}, matchExpressions: [{key: app, operator: Exists}]}",
            ),
            ("empty", "{}"),
            ("typo", "{matchLabels: {app: app-9}}"),
        ] {
            let _ = write!(s, "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {{name: {name}, namespace: {ns}}}\nspec: {{minAvailable: 1, selector: {sel}}}\n---\n");
        }
        // HPAs: on an existing Deployment (high and low minimum), on a missing one, on the wrong kind
        for (name, kind, target, min) in [
            ("ok", "Deployment", "app-0", 3),
            ("low", "StatefulSet", "app-1", 1),
            ("missing", "Deployment", "nope", 2),
            ("wrong-kind", "StatefulSet", "app-0", 2),
        ] {
            let _ = write!(s, "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {{name: {name}, namespace: {ns}}}\nspec: {{scaleTargetRef: {{apiVersion: apps/v1, kind: {kind}, name: {target}}}, minReplicas: {min}, maxReplicas: 5}}\n---\n");
        }
        // Ingresses: the same route in every namespace (class nginx), one in another class, one distinct
        for (name, host, path, class) in [
            ("shared", "shop.example.com", "/", "nginx"),
            ("other-class", "shop.example.com", "/", "internal"),
            ("own", &*format!("{ns}.example.com"), "/api", "nginx"),
        ] {
            let _ = write!(s, "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {{name: {name}, namespace: {ns}}}\nspec:\n  ingressClassName: {class}\n  rules:\n  - host: {host}\n    http:\n      paths:\n      - {{path: {path}, pathType: Prefix, backend: {{service: {{name: s, port: {{number: 80}}}}}}}}\n---\n");
        }
    }
    s
}

const REFERENTIAL: [&str; 5] = [
    "service-selects-nothing",
    "pdb-selects-nothing",
    "hpa-target-missing",
    "replica-count",
    "ingress-duplicate-host-path",
];

#[test]
fn referential_policies_give_the_same_report_with_and_without_the_index() {
    let b = Bundle::embedded().unwrap();
    let objects = Objects::from_text(&referential_corpus(), Some("referential.yaml"));
    assert!(objects.len() > 60, "{} objects", objects.len());
    let with = b.with_inventory_index(true).evaluate(&objects);
    let without = b.with_inventory_index(false).evaluate(&objects);
    assert!(with.errors().is_empty(), "{:?}", with.errors());
    // each referential policy finds something, and passes something
    for id in REFERENTIAL {
        let n = with.findings().iter().filter(|f| f.policy.id == id).count();
        assert!(n > 0, "{id}: no findings");
    }
    let count = |id: &str, name: &str| {
        with.findings()
            .iter()
            .filter(|f| f.policy.id == id && f.object.name == name)
            .count()
    };
    assert_eq!(count("service-selects-nothing", "one"), 0);
    assert_eq!(count("service-selects-nothing", "rare-and-shared"), 0);
    assert_eq!(count("service-selects-nothing", "typo"), 3);
    assert_eq!(count("service-selects-nothing", "elsewhere"), 1); // only in ns-0
    assert_eq!(count("pdb-selects-nothing", "in"), 0);
    assert_eq!(count("pdb-selects-nothing", "not-in"), 0); // the CronJob's pods
    assert_eq!(count("pdb-selects-nothing", "typo"), 3);
    assert_eq!(count("hpa-target-missing", "missing"), 3);
    assert_eq!(count("hpa-target-missing", "ok"), 0);
    // one replica each; app-0 autoscaled with a minimum of 3, app-1 of 1
    assert_eq!(count("replica-count", "app-0"), 0);
    assert_eq!(count("replica-count", "app-1"), 3);
    // `shared` routes the same as two other namespaces' Ingresses
    assert_eq!(count("ingress-duplicate-host-path", "shared"), 6);
    assert_eq!(count("ingress-duplicate-host-path", "own"), 0);
    assert_eq!(with.to_json(), without.to_json());
}

#[test]
fn the_library_samples_give_the_same_report_with_and_without_the_index() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let mut objects = Objects::new();
    objects.add_path(format!("{root}/policies")).unwrap();
    objects.add_path(format!("{root}/examples")).unwrap();
    let b = Bundle::embedded().unwrap();
    for fast in [false, true] {
        let b = b.with_fast_path(fast);
        assert_eq!(
            b.with_inventory_index(true).evaluate(&objects).to_json(),
            b.with_inventory_index(false).evaluate(&objects).to_json()
        );
    }
}

const INDEXED: &str = r#"# METADATA
# title: Indexed
# description: Reports the index kubegov supplies.
# custom:
#   id: indexed
#   severity: low
#   category: demo
package demo.indexed

import rego.v1

inventory_index := {"namespaces": count(data.inventory.namespace)}

violation contains {"msg": sprintf("%v", [data.kubegov_index["demo.indexed"]])} if true
"#;

fn pods(n: usize) -> Objects {
    let mut s = String::new();
    for i in 0..n {
        let _ = write!(
            s,
            "apiVersion: v1\nkind: Pod\nmetadata: {{name: p{i}, namespace: ns-{}}}\n---\n",
            i % 2
        );
    }
    Objects::from_text(&s, Some("pods.yaml"))
}

#[test]
fn an_index_rule_is_evaluated_once_and_supplied_as_data() {
    let b = Bundle::from_sources([("indexed/policy.rego", INDEXED)]).unwrap();
    let messages = |r: &kubegov::Report| {
        r.findings()
            .iter()
            .map(|f| f.message.clone())
            .collect::<std::collections::BTreeSet<_>>()
    };
    let indexed = b.with_inventory_index(true).evaluate(&pods(3));
    assert_eq!(
        messages(&indexed).into_iter().collect::<Vec<_>>(),
        vec![r#"{"namespaces": 2}"#.to_string()]
    );
    assert!(b
        .with_inventory_index(false)
        .evaluate(&pods(3))
        .findings()
        .is_empty());
    // by default: built for a few hundred objects, not for a handful
    assert_eq!(b.evaluate(&pods(400)).findings().len(), 400);
    assert!(b.evaluate(&pods(3)).findings().is_empty());
}

#[test]
fn a_disabled_policy_s_index_is_not_built() {
    let keys = INDEXED
        .replace("id: indexed", "id: keys")
        .replace("demo.indexed", "demo.keys")
        .replace(
            r#"sprintf("%v", [data.kubegov_index["demo.keys"]])"#,
            r#"sprintf("%v", [object.keys(data.kubegov_index)])"#,
        );
    let b = Bundle::from_sources([
        ("indexed/policy.rego", INDEXED.to_string()),
        ("keys/policy.rego", keys),
    ])
    .unwrap();
    let messages = |b: &Bundle| {
        b.with_inventory_index(true)
            .evaluate(&pods(3))
            .findings()
            .iter()
            .filter(|f| f.policy.id == "keys")
            .map(|f| f.message.clone())
            .collect::<std::collections::BTreeSet<_>>()
    };
    let both: Vec<String> = messages(&b).into_iter().collect();
    assert_eq!(both, vec![r#"{"demo.indexed", "demo.keys"}"#.to_string()]);
    let mut cfg = kubegov::Config::new();
    cfg.select("id=keys").unwrap();
    let only: Vec<String> = messages(&b.configure(&cfg).unwrap()).into_iter().collect();
    assert_eq!(only, vec![r#"{"demo.keys"}"#.to_string()]);
}
