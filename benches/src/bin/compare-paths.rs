//! `compare-paths DIR`: check that the fast path and the interpreter give
//! byte-identical reports on a corpus (development aid for issue 9).
fn main() -> std::process::ExitCode {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "/tmp/corpus10k".into());
    let (Ok(b), Ok(objs)) = (
        kubegov::Bundle::embedded(),
        kubegov::Objects::from_path(&dir),
    ) else {
        return std::process::ExitCode::from(2);
    };
    let fast = b.with_fast_path(true).evaluate(&objs).to_json();
    let slow = b.with_fast_path(false).evaluate(&objs).to_json();
    println!(
        "{} policies on the fast path; reports identical: {}",
        b.fast_path_policies(),
        fast == slow
    );
    if fast == slow {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::FAILURE
    }
}
