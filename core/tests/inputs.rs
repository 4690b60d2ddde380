//! Every input form kubegov reads, with locations, and isolation of broken documents.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use kubegov::{Bundle, Objects};
use serde_json::json;

fn bundle() -> Bundle {
    Bundle::load(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/vectors/bundle"
    ))
    .unwrap()
}

const PRIV: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {team: a}\nspec:\n  containers:\n  - name: ok\n    image: a:1\n  - name: bad\n    image: b:1\n    securityContext:\n      privileged: true\n";

fn privileged_lines(r: &kubegov::Report) -> Vec<(Option<String>, u32, u32)> {
    r.findings()
        .iter()
        .filter(|f| f.policy.id == "privileged-containers")
        .map(|f| (f.source.file.clone(), f.source.line, f.source.column))
        .collect()
}

#[test]
fn yaml_text_locates_the_nested_field() {
    let r = bundle().evaluate(&Objects::from_text(PRIV, Some("pod.yaml")));
    assert_eq!(privileged_lines(&r), vec![(Some("pod.yaml".into()), 13, 7)]);
    let f = &r.findings()[0];
    assert_eq!(
        f.path.as_deref(),
        Some("spec.containers[1].securityContext.privileged")
    );
}

#[test]
fn json_text_is_located_too() {
    let text = serde_json::to_string_pretty(&json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "labels": {"team": "a"}},
        "spec": {"containers": [{"name": "bad", "image": "b:1", "securityContext": {"privileged": true}}]}})).unwrap();
    let r = bundle().evaluate(&Objects::from_text(&text, Some("pod.json")));
    let want_line = text
        .lines()
        .position(|l| l.contains("\"privileged\""))
        .unwrap() as u32
        + 1;
    assert_eq!(privileged_lines(&r)[0].1, want_line);
}

#[test]
fn multi_document_stream_with_a_broken_document() {
    let text = format!("{PRIV}---\nkind: [unclosed\n---\n{PRIV}");
    let objs = Objects::from_text(&text, Some("s.yaml"));
    assert_eq!(objs.len(), 2);
    assert_eq!(objs.errors().len(), 1);
    assert_eq!(objs.errors()[0].document, 1);
    let r = bundle().evaluate(&objs);
    let lines: Vec<u32> = privileged_lines(&r).into_iter().map(|l| l.1).collect();
    assert_eq!(lines, vec![13, 13 + 13 + 2 + 1]);
    assert_eq!(r.errors()[0].code, "input.syntax");
}

#[test]
fn kubectl_list_dump_and_typed_lists() {
    // `kubectl get -A -o json`
    let dump = json!({"apiVersion": "v1", "kind": "List", "metadata": {"resourceVersion": ""}, "items": [
        {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a", "namespace": "x", "labels": {"team": "t"}}, "spec": {"containers": [{"name": "c", "image": "i:1", "securityContext": {"privileged": true}}]}},
        {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "d", "namespace": "x", "labels": {"team": "t"}}, "spec": {"template": {"spec": {"containers": [{"name": "c", "image": "i:1"}]}}}}
    ]});
    let objs = Objects::from_text(
        &serde_json::to_string_pretty(&dump).unwrap(),
        Some("dump.json"),
    );
    assert_eq!(objs.len(), 2);
    let r = bundle().evaluate(&objs);
    assert_eq!(privileged_lines(&r).len(), 1);
    assert!(privileged_lines(&r)[0].1 > 10);
    // a typed list leaves kind/apiVersion off its items
    let typed =
        "apiVersion: v1\nkind: PodList\nitems:\n- metadata: {name: a}\n  spec: {containers: []}\n";
    let objs = Objects::from_text(typed, None);
    assert_eq!(objs.iter().next().unwrap().object_ref().kind, "Pod");
}

#[test]
fn admission_review_carries_operation_and_user() {
    let text = "apiVersion: admission.k8s.io/v1\nkind: AdmissionReview\nrequest:\n  uid: u1\n  operation: UPDATE\n  userInfo: {username: bob}\n  object:\n    apiVersion: v1\n    kind: Pod\n    metadata: {name: p}\n    spec: {containers: []}\n  oldObject:\n    apiVersion: v1\n    kind: Pod\n    metadata: {name: p}\n";
    let r = bundle().evaluate(&Objects::from_text(text, None));
    let warn: Vec<_> = r
        .findings()
        .iter()
        .filter(|f| f.action == kubegov::Action::Warn)
        .collect();
    assert_eq!(warn[0].message, "Pod `p` is being updated by `bob`");
    assert_eq!(warn[0].source.line, 7); // the `object:` key of the request
                                        // a DELETE has only oldObject
    let del = "apiVersion: admission.k8s.io/v1\nkind: AdmissionReview\nrequest:\n  operation: DELETE\n  oldObject: {apiVersion: v1, kind: Pod, metadata: {name: gone}}\n";
    assert_eq!(
        Objects::from_text(del, None)
            .iter()
            .next()
            .unwrap()
            .object_ref()
            .name,
        "gone"
    );
}

#[test]
fn files_directories_and_values() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("kubegov-inputs-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("sub/.hidden")).unwrap();
    std::fs::write(dir.join("a.yaml"), PRIV).unwrap();
    std::fs::write(dir.join("sub/b.yml"), PRIV).unwrap();
    std::fs::write(
        dir.join("sub/c.json"),
        "{\"apiVersion\": \"v1\", \"kind\": \"Namespace\", \"metadata\": {\"name\": \"n\"}}",
    )
    .unwrap();
    std::fs::write(dir.join("sub/.hidden/d.yaml"), PRIV).unwrap();
    std::fs::write(dir.join("notes.txt"), "not yaml").unwrap();
    std::fs::write(dir.join("bad.yaml"), [0xff, 0xfe, 0x00]).unwrap();
    let objs = Objects::from_path(&dir).unwrap();
    let files: Vec<String> = objs
        .iter()
        .map(|o| o.source().file.clone().unwrap())
        .collect();
    assert_eq!(files.len(), 3, "{files:?}");
    assert!(
        files[0].ends_with("a.yaml")
            && files[1].ends_with("sub/b.yml")
            && files[2].ends_with("sub/c.json")
    );
    assert_eq!(objs.errors()[0].code, "input.unreadable");
    assert!(objs.errors()[0].message.contains("not UTF-8"));
    assert!(Objects::from_path(dir.join("missing")).is_err());
    // already-parsed values
    let v = json!([{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x"}, "spec": {"containers": [{"name": "c", "image": "i:1", "securityContext": {"privileged": true}}]}}]);
    let r = bundle().evaluate(&Objects::from_value(v));
    assert_eq!(privileged_lines(&r), vec![(None, 0, 0)]);
    // a string argument: text or path
    assert_eq!(Objects::from_text_or_path(PRIV).unwrap().len(), 1);
    assert_eq!(
        Objects::from_text_or_path(dir.join("a.yaml").to_str().unwrap())
            .unwrap()
            .len(),
        1
    );
    assert!(Objects::from_text_or_path("/no/such/file.yaml").is_err());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn empty_input_is_an_empty_report() {
    let r = bundle().evaluate(&Objects::from_text("", None));
    assert_eq!(
        (r.findings().len(), r.errors().len(), r.summary().objects),
        (0, 0, 0)
    );
    let r = bundle().evaluate(&Objects::from_text("# nothing\n---\n", None));
    assert_eq!(r.summary().objects, 0);
    assert!(r.errors().is_empty());
}

#[test]
fn documents_read_equal_objects_plus_errors() {
    let text = format!("{PRIV}---\n[1, 2\n---\n- a\n---\n{PRIV}---\n# empty\n");
    let objs = Objects::from_text(&text, None);
    assert_eq!(objs.documents(), objs.len() + objs.errors().len());
    assert_eq!(objs.documents(), 4);
}

#[test]
fn an_object_gives_back_the_values_it_was_read_with() {
    // Objects are kept as engine values; their JSON form is rebuilt on demand.
    let objects = Objects::from_text(
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, labels: {b: '2', a: x}}\ndata: {z: 'true'}\nextra:\n  int: 3\n  big: 9007199254740993\n  float: 1.5\n  neg: -2\n  yes: true\n  none: null\n  list: [1, [2, {k: v}], '']\n  empty: {}\n",
        Some("c.yaml"),
    );
    let o = objects.iter().next().unwrap();
    assert_eq!(
        o.value(),
        json!({
            "apiVersion": "v1", "kind": "ConfigMap",
            "metadata": {"name": "c", "labels": {"a": "x", "b": "2"}},
            "data": {"z": "true"},
            "extra": {"int": 3, "big": 9007199254740993_u64, "float": 1.5, "neg": -2,
                      "yes": true, "none": null, "list": [1, [2, {"k": "v"}], ""], "empty": {}}
        })
    );
    assert_eq!(o.object_ref().to_string(), "ConfigMap/c");
}
