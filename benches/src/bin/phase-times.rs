//! `phase-times DIR [THREADS]`: time reading+parsing and evaluation of a corpus
//! separately with the embedded bundle (medians of 5 runs), for quick profiling.

use std::time::Instant;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "/tmp/corpus10k".into());
    let bundle = match kubegov::Bundle::embedded() {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{e}");
            return;
        }
    };
    let (mut parse, mut eval) = (Vec::new(), Vec::new());
    let mut n = 0;
    for _ in 0..5 {
        let t = Instant::now();
        let Ok(objs) = kubegov::Objects::from_path(&dir) else {
            return;
        };
        parse.push(t.elapsed().as_secs_f64());
        let t = Instant::now();
        let r = bundle.evaluate(&objs);
        eval.push(t.elapsed().as_secs_f64());
        n = r.summary().objects;
    }
    println!(
        "{n} objects: parse {:.3}s, evaluate {:.3}s (medians of 5)",
        median(parse),
        median(eval)
    );
}
