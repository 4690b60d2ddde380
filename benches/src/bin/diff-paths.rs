//! `diff-paths DIR...`: per-policy finding counts where the fast path and
//! the interpreter disagree (development aid).
use std::collections::BTreeMap;

fn main() {
    let Ok(b) = kubegov::Bundle::embedded() else {
        return;
    };
    let mut objs = kubegov::Objects::new();
    for d in std::env::args().skip(1) {
        let _ = objs.add_path(&d);
    }
    let count = |fast: bool| {
        let mut m: BTreeMap<String, usize> = BTreeMap::new();
        for f in b.with_fast_path(fast).evaluate(&objs).findings() {
            *m.entry(f.policy.id.clone()).or_default() += 1;
        }
        m
    };
    let (a, s) = (count(true), count(false));
    for id in a
        .keys()
        .chain(s.keys())
        .collect::<std::collections::BTreeSet<_>>()
    {
        let (x, y) = (
            a.get(id).copied().unwrap_or(0),
            s.get(id).copied().unwrap_or(0),
        );
        if x != y {
            println!("{id}: fast {x} interpreter {y}");
        }
    }
}
