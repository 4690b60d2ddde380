//! `naive-baseline DIR`: what compile-once buys. Evaluates the same corpus
//! with the same built-in policies the naive way — a fresh regorus engine
//! per object, every module parsed and compiled again, every policy queried
//! with the interpreter — and prints the number of violations found.

use std::time::Instant;

fn main() -> std::process::ExitCode {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "/tmp/corpus10k".into());
    let (Ok(bundle), Ok(objects)) = (
        kubegov::Bundle::embedded(),
        kubegov::Objects::from_path(&dir),
    ) else {
        eprintln!("cannot load the bundle or read {dir}");
        return std::process::ExitCode::from(2);
    };
    let modules: Vec<(String, String)> = bundle
        .files()
        .iter()
        .filter(|f| f.path().ends_with(".rego") && !f.path().ends_with("_test.rego"))
        .map(|f| (f.path().to_string(), f.content().to_string()))
        .collect();
    let rules: Vec<String> = bundle
        .policies()
        .iter()
        .map(|p| format!("data.{}.violation", p.package()))
        .collect();
    let start = Instant::now();
    let mut violations = 0usize;
    for o in objects.iter() {
        let mut engine = regorus::Engine::new();
        for (path, src) in &modules {
            if engine.add_policy(path.clone(), src.clone()).is_err() {
                return std::process::ExitCode::from(2);
            }
        }
        let input = serde_json::json!({"review": {"object": o.value()}, "parameters": {}});
        engine.set_input(regorus::Value::from(input));
        for r in &rules {
            if let Ok(regorus::Value::Set(s)) = engine.eval_rule(r.clone()) {
                violations += s.len();
            }
        }
    }
    println!(
        "{} objects, {violations} violations, {:.2}s",
        objects.len(),
        start.elapsed().as_secs_f64()
    );
    std::process::ExitCode::SUCCESS
}
