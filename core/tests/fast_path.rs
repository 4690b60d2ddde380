//! The compiled fast path (RVM aggregates) and the interpreter give the
//! same report, on every sample of the library and on the examples.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use kubegov::{Bundle, Config, Objects};

fn all_samples() -> Objects {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let mut o = Objects::new();
    o.add_path(format!("{root}/policies")).unwrap();
    o.add_path(format!("{root}/examples")).unwrap();
    o.add_path(format!("{root}/tests/vectors/cases")).ok();
    o
}

#[test]
fn fast_path_and_interpreter_agree_on_the_library_samples() {
    let objects = all_samples();
    assert!(objects.len() > 10);
    let b = Bundle::embedded().unwrap();
    // most of the library runs on the RVM (inventory readers and policies
    // marked `custom.engine: interpreter` stay on the interpreter)
    let fast = b.fast_path_policies();
    assert!(
        fast * 4 >= b.policies().len() * 3,
        "{fast} of {} on the fast path",
        b.policies().len()
    );
    let slow = b.with_fast_path(false).evaluate(&objects).to_json();
    let fast = b.with_fast_path(true).evaluate(&objects).to_json();
    assert_eq!(fast, slow);
}

#[test]
fn fast_path_honours_configured_parameters() {
    let objects = all_samples();
    let b = Bundle::embedded().unwrap();
    // every parameterised policy with its defaults changed where the schema allows
    let mut yaml = String::from("policies:\n");
    for p in b.policies() {
        if let Some(props) = p
            .parameters()
            .and_then(|s| s.get("properties"))
            .and_then(|p| p.as_object())
        {
            for (k, s) in props {
                let v = match s.get("type").and_then(|t| t.as_str()) {
                    Some("array") => "[]".to_string(),
                    Some("boolean") => "true".to_string(),
                    _ => continue,
                };
                yaml.push_str(&format!("  {}:\n    parameters: {{{k}: {v}}}\n", p.id()));
            }
        }
    }
    if yaml == "policies:\n" {
        return;
    }
    let cfg = Config::from_yaml(&yaml, None).unwrap();
    let b = b.configure(&cfg).unwrap();
    assert_eq!(
        b.with_fast_path(true).evaluate(&objects).to_json(),
        b.with_fast_path(false).evaluate(&objects).to_json()
    );
}
