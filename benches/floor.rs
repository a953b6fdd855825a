//! The floor for opening a meeting: what `ron` alone takes to deserialise a meeting file, read
//! whole, into its events (no cleaning, no journal, no folding, no screen). `scripts/bench-tty.sh`
//! puts scribe's first paint beside it, measured in the same run:
//! `cargo bench --bench floor -- PATH [RUNS]` prints the median in milliseconds.

use std::hint::black_box;
use std::time::Instant;

use scribe::meeting::Stamped;

#[derive(serde::Deserialize)]
struct RonOnly {
    #[allow(dead_code)]
    version: u32,
    events: Vec<Stamped>,
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let Some(path) = args.first() else {
        eprintln!("usage: cargo bench --bench floor -- PATH [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(5);
    let mut samples = Vec::new();
    for _ in 0..runs.max(1) {
        let begin = Instant::now();
        let Ok(text) = std::fs::read_to_string(path) else {
            eprintln!("cannot read {path}");
            std::process::exit(1);
        };
        let file: Result<RonOnly, _> = scribe::store::file::ron_options().from_str(&text);
        black_box(file.map(|f| f.events.len()).unwrap_or(0));
        samples.push(begin.elapsed().as_secs_f64() * 1e3);
    }
    samples.sort_by(f64::total_cmp);
    println!("{:.1}", samples[samples.len() / 2]);
}
