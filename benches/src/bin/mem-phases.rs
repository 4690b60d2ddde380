//! `mem-phases DIR`: live and peak heap after each phase of a check
//! (reading, evaluating, writing the JSON report), counted by `peak_alloc`'s
//! wrapping allocator, so freed memory the allocator keeps does not blur the figures
//! as it does resident memory.
use std::time::Instant;

use peak_alloc::PeakAlloc;

#[global_allocator]
static HEAP: PeakAlloc = PeakAlloc;

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1_048_576.0
}

/// Print the live heap and the peak since the last phase, then reset the peak.
fn phase(what: &str, t: Instant) {
    let live = HEAP.current_usage();
    let peak = HEAP.peak_usage();
    HEAP.reset_peak_usage();
    println!(
        "{what}: live {:.0} MB, peak {:.0} MB ({:.2} s)",
        mb(live),
        mb(peak),
        t.elapsed().as_secs_f64()
    );
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "/tmp/c10k".into());
    let t = Instant::now();
    let Ok(bundle) = kubegov::Bundle::embedded() else {
        return;
    };
    phase("bundle loaded", t);
    let Ok(objects) = kubegov::Objects::from_path(&dir) else {
        return;
    };
    phase(&format!("read {} objects", objects.len()), t);
    let report = bundle.evaluate(&objects);
    phase(
        &format!("evaluated ({} findings)", report.findings().len()),
        t,
    );
    let _ = report.write_json(std::io::sink());
    phase("report written", t);
    drop(report);
    phase("report dropped", t);
    drop(objects);
    phase("objects dropped", t);
}
