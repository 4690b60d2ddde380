//! Criterion benchmarks: compile, per-kind evaluation, end to end at 1k/10k
//! (and 100k with KUBEGOV_BENCH_100K=1), and parsing alone (the floor).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use kubegov::{Bundle, Objects};

fn texts(n: usize) -> Vec<(String, String)> {
    kubegov_benches::corpus(42, n, (n / 20).max(1))
}

fn parse(texts: &[(String, String)]) -> Objects {
    let mut o = Objects::new();
    for (name, t) in texts {
        o.add_text(t, Some(name));
    }
    o
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("compile");
    g.sample_size(10);
    g.bench_function("default-bundle", |b| {
        b.iter(|| {
            let files: Vec<(String, String)> = Bundle::embedded()
                .unwrap()
                .files()
                .iter()
                .map(|f| (f.path().to_string(), f.content().to_string()))
                .collect();
            Bundle::from_sources(files).unwrap()
        })
    });
    g.finish();

    let bundle = Bundle::embedded().unwrap();
    let mut g = c.benchmark_group("one-object");
    for (kind, text) in kubegov_benches::one_of_each_workload() {
        let objs = Objects::from_text(&text, Some("x.yaml"));
        g.bench_with_input(BenchmarkId::from_parameter(kind), &objs, |b, o| {
            b.iter(|| bundle.evaluate(o))
        });
    }
    g.finish();

    let mut sizes = vec![1_000, 10_000];
    if std::env::var_os("KUBEGOV_BENCH_100K").is_some() {
        sizes.push(100_000);
    }
    for n in sizes {
        let t = texts(n);
        let mut g = c.benchmark_group(format!("corpus-{n}"));
        g.sample_size(10);
        g.throughput(Throughput::Elements(n as u64));
        g.bench_function("parse-only", |b| b.iter(|| parse(&t)));
        g.bench_function("parse-and-evaluate", |b| {
            b.iter(|| bundle.evaluate(&parse(&t)))
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
