//! Hostile inputs and hostile policies stay bounded, fail with clear errors,
//! and never hide the rest of the input's findings.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::time::{Duration, Instant};

use kubegov::{Bundle, Limits, Objects};

const GOOD: &str = "apiVersion: v1\nkind: Pod\nmetadata: {name: ok, labels: {team: a}}\nspec:\n  containers:\n  - name: c\n    image: nginx:latest\n";

fn vectors() -> Bundle {
    Bundle::load(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/vectors/bundle"
    ))
    .unwrap()
}

/// The input has a hostile document between two good ones: both good ones
/// are evaluated and the hostile one is one error entry.
fn sandwich(hostile: &str) -> kubegov::Report {
    let text = format!("{GOOD}---\n{hostile}\n---\n{GOOD}");
    let start = Instant::now();
    let r = vectors().evaluate(&Objects::from_text(&text, Some("h.yaml")));
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "took {:?}",
        start.elapsed()
    );
    assert_eq!(r.summary().objects, 2, "{:?}", r.errors());
    assert_eq!(r.findings().len(), 2);
    assert_eq!(r.errors().len(), 1, "{:?}", r.errors());
    assert_eq!(r.errors()[0].document, 1);
    r
}

#[test]
fn alias_bomb() {
    let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let p = i - 1;
        bomb.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    let r = sandwich(&bomb);
    assert!(
        r.errors()[0].message.contains("alias bomb"),
        "{}",
        r.errors()[0].message
    );
}

#[test]
fn deep_nesting() {
    // the parser's own guard or ours, whichever trips first
    let r = sandwich(&format!("a: {}", "[".repeat(100_000)));
    let m = &r.errors()[0].message;
    assert!(
        m.contains("nesting deeper") || m.contains("recursion limit"),
        "{m}"
    );
    let r = sandwich(&"- ".repeat(5_000));
    assert!(
        r.errors()[0].message.contains("nesting deeper"),
        "{}",
        r.errors()[0].message
    );
}

#[test]
fn huge_scalar() {
    let r = sandwich(&format!("a: {}", "x".repeat(17 << 20)));
    assert!(
        r.errors()[0].message.contains("over the limit"),
        "{}",
        r.errors()[0].message
    );
}

#[test]
fn binary_garbage_and_invalid_utf8() {
    let garbage: String = (0..4096u32)
        .map(|i| char::from_u32((i * 7919) % 0x2FF + 1).unwrap_or('?'))
        .collect();
    let r = vectors().evaluate(&Objects::from_text(
        &format!("{GOOD}---\n{garbage}\n---\n{GOOD}"),
        None,
    ));
    assert_eq!(r.summary().objects, 2);
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("kubegov-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a.yaml"), GOOD).unwrap();
    std::fs::write(dir.join("b.yaml"), b"apiVersion: v1\nkind: \xff\xfe\n").unwrap();
    // a 1 GB file (sparse): refused by size, never read
    let big = std::fs::File::create(dir.join("c.yaml")).unwrap();
    big.set_len(1 << 30).unwrap();
    let start = Instant::now();
    let objs = Objects::from_path(&dir).unwrap();
    assert!(start.elapsed() < Duration::from_secs(5));
    assert_eq!(objs.len(), 1);
    let msgs: Vec<&str> = objs.errors().iter().map(|e| e.message.as_str()).collect();
    assert!(
        msgs[0].contains("not UTF-8") && msgs[1].contains("over the limit"),
        "{msgs:?}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

const SLOW: &str = "# METADATA\n# title: Slow\n# description: Loops for ever.\n# custom:\n#   id: slow-loop\n#   severity: low\n#   category: hostile\npackage hostile.slow\n\nimport rego.v1\n\nviolation contains {\"msg\": \"done\"} if {\n\tcount([x | some x in numbers.range(1, 30000); some y in numbers.range(1, 30000); x == y + 1]) < 0\n}\n";
const FINE: &str = "# METADATA\n# title: Fine\n# description: Always fires.\n# custom:\n#   id: fine\n#   severity: low\n#   category: hostile\npackage hostile.fine\n\nimport rego.v1\n\nviolation contains {\"msg\": \"fine\"} if true\n";

#[test]
fn a_runaway_policy_is_stopped_and_named() {
    let limits = Limits {
        max_eval_time: Duration::from_millis(300),
        ..Limits::default()
    };
    let b = Bundle::from_sources([("slow.rego", SLOW), ("fine.rego", FINE)])
        .unwrap()
        .with_limits(limits);
    for fast in [false, true] {
        let start = Instant::now();
        let r = b.with_fast_path(fast).evaluate(&Objects::from_text(
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n",
            None,
        ));
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "took {:?}",
            start.elapsed()
        );
        let ids: Vec<_> = r.findings().iter().map(|f| f.policy.id.as_str()).collect();
        assert_eq!(ids, vec!["fine"], "fast path {fast}");
        assert_eq!(r.errors().len(), 1);
        assert_eq!(r.errors()[0].policy.as_deref(), Some("slow-loop"));
        assert_eq!(r.errors()[0].code, "eval.policy");
    }
}

#[test]
fn sixteen_threads_hundred_rounds_identical() {
    let b = Bundle::embedded().unwrap();
    let text = format!("{GOOD}---\n{GOOD}");
    let reference = b.evaluate(&Objects::from_text(&text, None)).to_json();
    std::thread::scope(|s| {
        for _ in 0..16 {
            let b = b.clone();
            let (text, reference) = (&text, &reference);
            s.spawn(move || {
                for _ in 0..100 {
                    assert_eq!(
                        &b.evaluate(&Objects::from_text(text, None)).to_json(),
                        reference
                    );
                }
            });
        }
    });
}

#[test]
fn deeply_nested_rego_literals_are_refused_at_once() {
    // regorus' parser is exponential in this depth: without the check this
    // module would take hours to load.
    let src = format!("package hostile.deep\n\nx := d{}\n", "[".repeat(120));
    let start = Instant::now();
    let e = Bundle::from_sources([("deep.rego", src.as_str())]).unwrap_err();
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "took {:?}",
        start.elapsed()
    );
    assert_eq!(e.code(), "load.rego");
    let loc = e.location().unwrap();
    assert_eq!((loc.file.as_deref(), loc.line), (Some("deep.rego"), 3));
    assert_eq!(loc.column as usize, 7 + kubegov::MAX_REGO_NESTING);
    assert!(e.to_string().contains("nest deeper than"), "{e}");
    // the library's deepest test input still loads (embedded() compiled it)
    assert!(Bundle::embedded().is_ok());
}
