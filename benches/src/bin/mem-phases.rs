//! `mem-phases DIR`: resident memory after each phase of a check (reading,
//! evaluating), to see where memory goes (system allocator, not mimalloc).
use std::time::Instant;

fn rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "/tmp/c10k".into());
    let t = Instant::now();
    println!("start: {:.0} MB", rss_mb());
    let Ok(objects) = kubegov::Objects::from_path(&dir) else {
        return;
    };
    let n = objects.len();
    println!(
        "read {n} objects: {:.0} MB ({:.2} s)",
        rss_mb(),
        t.elapsed().as_secs_f64()
    );
    // what the objects would take as JSON (as kept before 2026-11-29)
    let copies: Vec<serde_json::Value> = objects.iter().map(|o| o.value()).collect();
    println!("their JSON form, for comparison: +{:.0} MB", rss_mb());
    drop(copies);
    let Ok(bundle) = kubegov::Bundle::embedded() else {
        return;
    };
    let report = bundle.evaluate(&objects);
    println!(
        "evaluated ({} findings): {:.0} MB ({:.2} s)",
        report.findings().len(),
        rss_mb(),
        t.elapsed().as_secs_f64()
    );
    drop(objects);
    println!("dropped objects: {:.0} MB", rss_mb());
}
