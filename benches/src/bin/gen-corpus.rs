//! `gen-corpus DIR [OBJECTS] [FILES] [SEED]`: write a deterministic benchmark corpus.

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first() else {
        eprintln!("usage: gen-corpus DIR [OBJECTS=10000] [FILES=500] [SEED=42]");
        return std::process::ExitCode::from(2);
    };
    let num = |i: usize, d: usize| args.get(i).and_then(|s| s.parse().ok()).unwrap_or(d);
    let (objects, files, seed) = (num(1, 10_000), num(2, 500), num(3, 42) as u64);
    match kubegov_benches::write_corpus(std::path::Path::new(dir), seed, objects, files) {
        Ok(n) => {
            println!("wrote {objects} objects in {n} files to {dir} (seed {seed})");
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            std::process::ExitCode::from(2)
        }
    }
}
