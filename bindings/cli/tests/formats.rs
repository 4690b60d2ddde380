//! `kubegov check` output formats, thresholds, baselines and compiled
//! artifacts, end to end, on the stable vector bundle (`tests/vectors/bundle`).
//!
//! Golden outputs live in `tests/golden/`; regenerate them after an intended
//! change with `UPDATE_GOLDEN=1 cargo test --release -p kubegov-cli --test formats`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
const BUNDLE: &str = "tests/vectors/bundle";
const INPUT: &str = "bindings/cli/tests/golden/input";

fn kubegov(args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kubegov"))
        .args(args)
        .current_dir(ROOT)
        .env_remove("NO_COLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(text) = stdin {
        let _ = child.stdin.take().unwrap().write_all(text.as_bytes());
    } else {
        drop(child.stdin.take());
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

fn check(format: &str) -> String {
    let (code, out, err) = kubegov(&["check", "--bundle", BUNDLE, "-f", format, INPUT], None);
    assert_eq!(code, 1, "{err}");
    out
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("kubegov-cli-formats-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// Only the tool version changes with the library: it is replaced by `<version>`.
fn normalise(s: &str) -> String {
    let v = env!("CARGO_PKG_VERSION");
    s.replace(
        &format!("\"version\": \"{v}\""),
        "\"version\": \"<version>\"",
    )
    .replace(
        &format!("\"semanticVersion\": \"{v}\""),
        "\"semanticVersion\": \"<version>\"",
    )
}

fn golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    let actual = normalise(actual);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run with UPDATE_GOLDEN=1)", path.display()));
    assert!(
        expected == actual,
        "{name} differs from its golden file (UPDATE_GOLDEN=1 to accept):\n{actual}"
    );
}

#[test]
fn golden_table() {
    golden("report.table.txt", &check("table"));
}

#[test]
fn golden_json_validates_against_the_report_schema() {
    let out = check("json");
    golden("report.json", &out);
    let schema: serde_json::Value = serde_json::from_str(kubegov::REPORT_SCHEMA).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn golden_sarif_validates_against_the_official_schema() {
    let out = check("sarif");
    golden("report.sarif", &out);
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schema/sarif-schema-2.1.0.json"),
        )
        .unwrap(),
    )
    .unwrap();
    // the official schema's own `run.language` pattern is not a valid
    // ECMA-262 regex (a stray `]`, a known erratum), and the schema is checked
    // against its meta-schema before use: fix that one pattern in memory (the
    // committed copy stays as published)
    let schema: serde_json::Value = serde_json::from_str(&schema.to_string().replace(
        "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$",
        "^[a-zA-Z]{2}$|^[a-zA-Z]{2}-[a-zA-Z]{2}$",
    ))
    .unwrap();
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // what code scanning relies on
    let run = &value["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "image-tag-latest",
            "privileged-containers",
            "required-labels"
        ]
    );
    let privileged = &rules[1];
    assert_eq!(privileged["properties"]["security-severity"], "9.5");
    assert_eq!(
        privileged["shortDescription"]["text"],
        "Privileged containers"
    );
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 4);
    let levels: Vec<(&str, &str)> = results
        .iter()
        .map(|r| (r["ruleId"].as_str().unwrap(), r["level"].as_str().unwrap()))
        .collect();
    assert!(levels.contains(&("privileged-containers", "error")));
    assert!(levels.contains(&("required-labels", "note")));
    let loc = &results[1]["locations"][0]["physicalLocation"];
    assert_eq!(
        loc["artifactLocation"]["uri"],
        "bindings/cli/tests/golden/input/app.yaml"
    );
    assert_eq!(loc["region"]["startLine"], 14);
    let suppressed: Vec<&serde_json::Value> = results
        .iter()
        .filter(|r| r.get("suppressions").is_some())
        .collect();
    assert_eq!(suppressed.len(), 1);
    assert_eq!(suppressed[0]["suppressions"][0]["kind"], "inSource");
}

#[test]
fn golden_junit_is_well_formed_xml() {
    let out = check("junit");
    golden("report.junit.xml", &out);
    let mut reader = quick_xml::Reader::from_str(&out);
    let (mut cases, mut failures, mut errors, mut skipped) = (0, 0, 0, 0);
    let mut declared = None;
    loop {
        match reader.read_event().unwrap() {
            quick_xml::events::Event::Eof => break,
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                match e.name().as_ref() {
                    b"testsuites" => {
                        let t = e.try_get_attribute("tests").unwrap().unwrap();
                        declared = Some(String::from_utf8(t.value.to_vec()).unwrap());
                    }
                    b"testcase" => cases += 1,
                    b"failure" => failures += 1,
                    b"error" => errors += 1,
                    b"skipped" => skipped += 1,
                    _ => {}
                }
                // every attribute value unescapes
                for a in e.attributes() {
                    let a = a.unwrap();
                    quick_xml::escape::unescape(std::str::from_utf8(&a.value).unwrap()).unwrap();
                }
            }
            quick_xml::events::Event::Text(t) => {
                t.decode().unwrap();
            }
            _ => {}
        }
    }
    // 3 Deployment/ConfigMap/Service objects × policies whose kinds match, plus the error
    assert_eq!(declared, Some(cases.to_string()));
    assert_eq!((failures, errors, skipped), (3, 1, 1), "{out}");
}

#[test]
fn golden_github_annotations() {
    let out = check("github");
    golden("report.github.txt", &out);
    assert!(out.contains(
        "::error file=bindings/cli/tests/golden/input/app.yaml,line=14,col=11,title=kubegov privileged-containers (critical)::"
    ), "{out}");
    // the comma and colon of the object's name are data, not escaped; the title's are
    assert!(
        out.contains("ConfigMap/shop/settings, with: a comma"),
        "{out}"
    );
}

#[test]
fn several_formats_at_once() {
    let sarif = tmp("multi.sarif");
    let junit = tmp("multi.xml");
    let (code, out, err) = kubegov(
        &[
            "check",
            "--bundle",
            BUNDLE,
            "-f",
            "sarif",
            "-o",
            sarif.to_str().unwrap(),
            "-f",
            "table",
            "-f",
            "junit",
            "-o",
            junit.to_str().unwrap(),
            INPUT,
        ],
        None,
    );
    assert_eq!(code, 1, "{err}");
    assert_eq!(normalise(&out), normalise(&check("table")));
    assert_eq!(std::fs::read_to_string(&sarif).unwrap(), check("sarif"));
    assert_eq!(std::fs::read_to_string(&junit).unwrap(), check("junit"));
    // two formats for stdout is a usage error
    let (code, _, err) = kubegov(
        &[
            "check", "--bundle", BUNDLE, "-f", "json", "-f", "table", INPUT,
        ],
        None,
    );
    assert_eq!(code, 2);
    assert!(err.contains("stdout"), "{err}");
}

#[test]
fn exit_codes_follow_the_threshold() {
    // findings: critical, medium, low (deny) — and one exempted medium
    let app = format!("{INPUT}/app.yaml");
    for (fail_on, skip, expected) in [
        ("critical", "none", 1),
        ("high", "none", 1),
        ("info", "none", 1),
        ("critical", "privileged-containers", 0),
        ("high", "privileged-containers", 0),
        ("medium", "privileged-containers", 1),
        ("low", "privileged-containers", 1),
        ("medium", "privileged-containers,image-tag-latest", 0),
        ("low", "privileged-containers,image-tag-latest", 1),
    ] {
        let mut args = vec!["check", "--bundle", BUNDLE, "--fail-on", fail_on];
        for s in skip.split(',').filter(|s| *s != "none") {
            args.extend(["--skip", s]);
        }
        args.push(&app);
        let (code, _, err) = kubegov(&args, None);
        assert_eq!(code, expected, "--fail-on {fail_on} --skip {skip}: {err}");
    }
    // without --fail-on any deny finding fails; warn findings never do
    let (code, _, _) = kubegov(
        &[
            "check",
            "--bundle",
            BUNDLE,
            "--skip",
            "privileged-containers",
            "--skip",
            "image-tag-latest",
            &app,
        ],
        None,
    );
    assert_eq!(code, 1);
    let cfg = tmp("warn.yaml");
    std::fs::write(
        &cfg,
        "apiVersion: kubegov.io/v1alpha1\nkind: Config\npolicies:\n  privileged-containers: {enforcementAction: warn}\n  image-tag-latest: {enforcementAction: dryrun}\n  required-labels: {enforcementAction: warn}\n",
    )
    .unwrap();
    let (code, out, err) = kubegov(
        &[
            "check",
            "--bundle",
            BUNDLE,
            "--config",
            cfg.to_str().unwrap(),
            "--fail-on",
            "info",
            "-f",
            "github",
            &app,
        ],
        None,
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("::warning file=") && out.contains("::notice file="),
        "{out}"
    );
    // the unreadable document: reported, exit by findings; --fail-on-error makes it 2
    let (code, _, _) = kubegov(
        &["check", "--bundle", BUNDLE, &format!("{INPUT}/broken.yaml")],
        None,
    );
    assert_eq!(code, 0);
    let (code, _, _) = kubegov(
        &[
            "check",
            "--bundle",
            BUNDLE,
            "--fail-on-error",
            &format!("{INPUT}/broken.yaml"),
        ],
        None,
    );
    assert_eq!(code, 2);
    // usage errors
    let (code, _, _) = kubegov(&["check", "--fail-on", "severe", INPUT], None);
    assert_eq!(code, 2);
}

#[test]
fn baseline_suppresses_exactly_the_old_findings() {
    let old = tmp("baseline.json");
    let (_, json, _) = kubegov(
        &[
            "check",
            "--bundle",
            BUNDLE,
            "-f",
            "json",
            &format!("{INPUT}/app.yaml"),
        ],
        None,
    );
    std::fs::write(&old, &json).unwrap();
    let old_count = serde_json::from_str::<serde_json::Value>(&json).unwrap()["findings"]
        .as_array()
        .unwrap()
        .len();
    // the same objects, moved down two lines and into another file name: all suppressed
    let moved = format!(
        "# moved\n\n{}",
        std::fs::read_to_string(Path::new(ROOT).join(INPUT).join("app.yaml")).unwrap()
    );
    let (code, out, err) = kubegov(
        &[
            "check",
            "--bundle",
            BUNDLE,
            "--baseline",
            old.to_str().unwrap(),
            "-f",
            "json",
            "-",
            "--stdin-filename",
            "moved.yaml",
        ],
        Some(&moved),
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains(&format!(
            "{old_count} finding(s) suppressed by the baseline"
        )),
        "{err}"
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v["findings"].as_array().unwrap().is_empty());
    // one new finding (another privileged pod): only it is reported and fails
    let more = format!(
        "{moved}---\napiVersion: v1\nkind: Pod\nmetadata: {{name: new, namespace: shop, labels: {{team: x}}}}\nspec:\n  containers:\n  - {{name: c, image: nginx:1.27, securityContext: {{privileged: true}}}}\n"
    );
    let (code, out, err) = kubegov(
        &[
            "check",
            "--bundle",
            BUNDLE,
            "--baseline",
            old.to_str().unwrap(),
            "-f",
            "json",
            "-",
            "--stdin-filename",
            "moved.yaml",
        ],
        Some(&more),
    );
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(&format!("{old_count} finding(s) suppressed")),
        "{err}"
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let f = v["findings"].as_array().unwrap();
    assert_eq!(f.len(), 1, "{out}");
    assert_eq!(f[0]["object"]["name"], "new");
    // a message that changed is a new finding
    let changed = moved.replace("- name: web\n", "- name: web2\n");
    let (_, out, _) = kubegov(
        &[
            "check",
            "--bundle",
            BUNDLE,
            "--baseline",
            old.to_str().unwrap(),
            "-f",
            "json",
            "-",
            "--stdin-filename",
            "moved.yaml",
        ],
        Some(&changed),
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["findings"].as_array().unwrap().len(), 2, "{out}");
    // a baseline that is not a report is a usage error
    let bad = tmp("bad-baseline.json");
    std::fs::write(&bad, "{\"findings\": []}").unwrap();
    let (code, _, err) = kubegov(
        &[
            "check",
            "--bundle",
            BUNDLE,
            "--baseline",
            bad.to_str().unwrap(),
            INPUT,
        ],
        None,
    );
    assert_eq!(code, 2);
    assert!(err.contains("schemaVersion"), "{err}");
}

#[test]
fn stdin_filename_is_the_location() {
    let text = std::fs::read_to_string(Path::new(ROOT).join(INPUT).join("app.yaml")).unwrap();
    let (code, out, _) = kubegov(
        &[
            "check",
            "--bundle",
            BUNDLE,
            "-f",
            "sarif",
            "-",
            "--stdin-filename",
            "chart/templates/web.yaml",
        ],
        Some(&text),
    );
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    for r in v["runs"][0]["results"].as_array().unwrap() {
        assert_eq!(
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "chart/templates/web.yaml"
        );
    }
    let (_, out, _) = kubegov(
        &[
            "check",
            "--bundle",
            BUNDLE,
            "-f",
            "github",
            "-",
            "--stdin-filename",
            "chart/web.yaml",
        ],
        Some(&text),
    );
    assert!(out.contains("::error file=chart/web.yaml,line=14"), "{out}");
}

#[test]
fn artifacts_load_and_refuse_tampering_and_other_versions() {
    let art = tmp("bundle.kgb");
    let (code, out, err) = kubegov(&["build", BUNDLE, "-o", art.to_str().unwrap()], None);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("3 policies"), "{out}");
    // same report, same digest as the sources
    let (code, from_art, err) = kubegov(
        &[
            "check",
            "--bundle",
            art.to_str().unwrap(),
            "-f",
            "json",
            INPUT,
        ],
        None,
    );
    assert_eq!(code, 1, "{err}");
    assert_eq!(from_art, check("json"));
    let bytes = std::fs::read(&art).unwrap();
    // one payload byte changed
    let mut tampered = bytes.clone();
    let i = tampered.len() - 10;
    tampered[i] ^= 0x01;
    let bad = tmp("tampered.kgb");
    std::fs::write(&bad, &tampered).unwrap();
    let (code, _, err) = kubegov(&["check", "--bundle", bad.to_str().unwrap(), INPUT], None);
    assert_eq!(code, 2);
    assert!(
        err.contains("load.artifact_digest") && err.contains("altered"),
        "{err}"
    );
    // a truncated file
    let cut = tmp("truncated.kgb");
    std::fs::write(&cut, &bytes[..bytes.len() - 100]).unwrap();
    let (code, _, err) = kubegov(&["check", "--bundle", cut.to_str().unwrap(), INPUT], None);
    assert_eq!(code, 2);
    assert!(err.contains("load.artifact_digest"), "{err}");
    // built by another kubegov
    let text = String::from_utf8(bytes.clone()).unwrap();
    let other = text.replacen(
        &format!("\"kubegov\":\"{}\"", env!("CARGO_PKG_VERSION")),
        "\"kubegov\":\"0.0.1-other\"",
        1,
    );
    assert_ne!(other, text);
    let old = tmp("other-version.kgb");
    std::fs::write(&old, other).unwrap();
    let (code, _, err) = kubegov(&["check", "--bundle", old.to_str().unwrap(), INPUT], None);
    assert_eq!(code, 2);
    assert!(
        err.contains("load.artifact_version") && err.contains("0.0.1-other"),
        "{err}"
    );
    // another format version
    let newer = text.replacen("\"format\":1", "\"format\":2", 1);
    std::fs::write(&old, newer).unwrap();
    let (code, _, err) = kubegov(&["check", "--bundle", old.to_str().unwrap(), INPUT], None);
    assert_eq!(code, 2);
    assert!(err.contains("load.artifact_version"), "{err}");
}

#[test]
fn policies_explain_version_and_completions() {
    let (code, out, _) = kubegov(&["policies", "--bundle", BUNDLE, "-f", "markdown"], None);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("# Policy index") && out.contains("privileged-containers"),
        "{out}"
    );
    let (code, out, _) = kubegov(&["policies", "--bundle", BUNDLE, "-f", "json"], None);
    assert_eq!(code, 0);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&out)
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        3
    );
    let (code, out, _) = kubegov(&["explain", "privileged-containers"], None);
    assert_eq!(code, 0);
    for part in [
        "Remediation",
        "Controls",
        "pss: baseline",
        "Applies to",
        "Samples",
    ] {
        assert!(out.contains(part), "{part}: {out}");
    }
    let (code, out, _) = kubegov(
        &["explain", "privileged-containers", "--samples", "policies"],
        None,
    );
    assert_eq!(code, 0);
    assert!(
        out.contains("samples/disallowed.yaml") && out.contains("privileged: true"),
        "{out}"
    );
    let (code, _, err) = kubegov(&["explain", "privileged-container"], None);
    assert_eq!(code, 2);
    assert!(
        err.contains("did you mean `privileged-containers`"),
        "{err}"
    );
    let (code, out, _) = kubegov(&["--version"], None);
    assert_eq!(code, 0);
    let digest = kubegov::Bundle::embedded().unwrap().digest().to_string();
    assert!(
        out.contains(env!("CARGO_PKG_VERSION")) && out.contains(&digest),
        "{out}"
    );
    for shell in ["bash", "zsh", "fish"] {
        let (code, out, _) = kubegov(&["completions", shell], None);
        assert_eq!(code, 0);
        assert!(out.contains("kubegov") && out.contains("check"), "{shell}");
    }
}
