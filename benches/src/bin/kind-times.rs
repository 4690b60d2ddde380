//! `kind-times`: fast-path evaluation time of one object of each workload
//! kind (microseconds per object, 200 repetitions), to see per-object cost.
use std::time::Instant;

fn main() {
    let Ok(b) = kubegov::Bundle::embedded() else {
        return;
    };
    if std::env::args().nth(1).is_some() {
        let each = kubegov_benches::one_of_each_workload();
        let Some((_, text)) = each.iter().find(|(k, _)| k == "Deployment") else {
            return;
        };
        let objs = kubegov::Objects::from_text(text, None);
        let mut times = Vec::new();
        for p in b.policies() {
            let mut cfg = kubegov::Config::new();
            let _ = cfg.select(&format!("id={}", p.id()));
            let Ok(one) = b.configure(&cfg) else { continue };
            let one = one.with_fast_path(false);
            let _ = one.evaluate(&objs);
            let t = Instant::now();
            for _ in 0..10 {
                let _ = one.evaluate(&objs);
            }
            times.push((t.elapsed().as_secs_f64() / 10.0 * 1e6, p.id().to_string()));
        }
        times.sort_by(|a, b| b.0.total_cmp(&a.0));
        for (t, id) in times.iter().take(15) {
            println!("{t:9.0} us {id}");
        }
        return;
    }
    let b = b.with_fast_path(true);
    for (kind, text) in kubegov_benches::one_of_each_workload() {
        let many = vec![text.clone(); 400].join("---\n");
        let objs = kubegov::Objects::from_text(&many, None);
        let t = Instant::now();
        let _ = b.evaluate(&objs);
        println!(
            "{kind:<24} 400 in one evaluate: {:7.0} us per object",
            t.elapsed().as_secs_f64() / 400.0 * 1e6
        );
        let objs = kubegov::Objects::from_text(&text, None);
        let _ = b.evaluate(&objs);
        let t = Instant::now();
        for _ in 0..200 {
            let _ = b.evaluate(&objs);
        }
        let fast = t.elapsed().as_secs_f64() / 200.0 * 1e6;
        let slow_b = b.with_fast_path(false);
        let t = Instant::now();
        for _ in 0..20 {
            let _ = slow_b.evaluate(&objs);
        }
        let slow = t.elapsed().as_secs_f64() / 20.0 * 1e6;
        println!("{kind:<24} fast {fast:9.0} us  interpreter {slow:9.0} us");
    }
}

/// Per-policy interpreter time on the Pod sample, slowest first (called with an argument).
#[allow(dead_code)]
fn per_policy() {}
