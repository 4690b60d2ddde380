//! `policy-times DIR`: evaluation time of each policy alone on a corpus,
//! slowest first — finds the policies that dominate evaluation.
use std::time::Instant;

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "/tmp/corpus10k".into());
    let (Ok(bundle), Ok(objects)) = (
        kubegov::Bundle::embedded(),
        kubegov::Objects::from_path(&dir),
    ) else {
        return;
    };
    let mut times = Vec::new();
    for p in bundle.policies() {
        let mut cfg = kubegov::Config::new();
        if cfg.select(&format!("id={}", p.id())).is_err() {
            continue;
        }
        let Ok(b) = bundle.configure(&cfg) else {
            continue;
        };
        let t = Instant::now();
        let r = b.evaluate(&objects);
        let secs = t.elapsed().as_secs_f64();
        if secs > 0.2 {
            eprintln!("{secs:8.3}s {}", p.id());
        }
        times.push((
            secs,
            p.id().to_string(),
            r.summary().findings.get("total").copied().unwrap_or(0),
        ));
    }
    times.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (t, id, n) in times.iter().take(25) {
        println!("{t:8.3}s {id} ({n} findings)");
    }
}
