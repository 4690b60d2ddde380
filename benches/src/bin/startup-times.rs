//! `startup-times`: what a one-file check pays: loading the embedded bundle
//! (precompiled), its first evaluation (fast path, inventory readers on a
//! small interpreter), and, for comparison, compiling the same library as
//! any bundle is, its interpreter evaluation and its RVM plan.
use std::time::Instant;

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

fn main() {
    let t = Instant::now();
    let Ok(b) = kubegov::Bundle::embedded() else {
        return;
    };
    println!(
        "load embedded bundle ({} policies, precompiled): {:.1} ms",
        b.policies().len(),
        ms(t)
    );
    let objs = kubegov::Objects::from_text("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: c, image: nginx:1}\n", None);
    for i in 0..3 {
        let t = Instant::now();
        let _ = b.evaluate(&objs);
        println!("embedded evaluation #{i}: {:.1} ms", ms(t));
    }
    let t = Instant::now();
    let sources = b.files().iter().map(|f| (f.path(), f.content()));
    let Ok(c) = kubegov::Bundle::from_sources(sources) else {
        return;
    };
    println!("compile the same library as any bundle: {:.0} ms", ms(t));
    for i in 0..3 {
        let t = Instant::now();
        let _ = c.with_fast_path(false).evaluate(&objs);
        println!("interpreter evaluation #{i}: {:.1} ms", ms(t));
    }
    let t = Instant::now();
    let n = c.fast_path_policies();
    println!("compile RVM plan ({n} policies): {:.0} ms", ms(t));
    for i in 0..3 {
        let t = Instant::now();
        let _ = c.with_fast_path(true).evaluate(&objs);
        println!("fast-path evaluation #{i}: {:.1} ms", ms(t));
    }
}
