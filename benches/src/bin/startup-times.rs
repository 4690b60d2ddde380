//! `startup-times`: what a one-file check pays: compiling the embedded
//! bundle, the first evaluation on the interpreter, compiling the RVM plan.
use std::time::Instant;

fn main() {
    let t = Instant::now();
    let Ok(b) = kubegov::Bundle::embedded() else {
        return;
    };
    println!(
        "compile embedded bundle ({} policies): {:.0} ms",
        b.policies().len(),
        t.elapsed().as_secs_f64() * 1e3
    );
    let objs = kubegov::Objects::from_text("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: c, image: nginx:1}\n", None);
    for i in 0..3 {
        let t = Instant::now();
        let _ = b.with_fast_path(false).evaluate(&objs);
        println!(
            "interpreter evaluation #{i}: {:.1} ms",
            t.elapsed().as_secs_f64() * 1e3
        );
    }
    let t = Instant::now();
    let n = b.fast_path_policies();
    println!(
        "compile RVM plan ({n} policies): {:.0} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    for i in 0..3 {
        let t = Instant::now();
        let _ = b.with_fast_path(true).evaluate(&objs);
        println!(
            "fast-path evaluation #{i}: {:.1} ms",
            t.elapsed().as_secs_f64() * 1e3
        );
    }
}
