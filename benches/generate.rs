//! Writes realistic meetings for the terminal benchmarks (`scripts/bench-tty.sh`,
//! `scripts/bench-follow.py`): `cargo bench --bench generate -- EVENTS PATH [EVENTS PATH…]`
//! writes a meeting of EVENTS events at each PATH through the real store (see
//! `common::meeting`), and prints each file's size.

mod common;

use std::path::PathBuf;

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    if args.is_empty() || !args.len().is_multiple_of(2) {
        eprintln!("usage: cargo bench --bench generate -- EVENTS PATH [EVENTS PATH…]");
        std::process::exit(2);
    }
    for pair in args.chunks(2) {
        let Ok(events) = pair[0].replace('_', "").parse::<usize>() else {
            eprintln!("{} is not a number of events", pair[0]);
            std::process::exit(2);
        };
        let path = PathBuf::from(&pair[1]);
        if path.exists() {
            eprintln!("{} exists already; not written over", path.display());
            std::process::exit(1);
        }
        match common::meeting::write(&path, events) {
            Ok(bytes) => println!("{} {events} events {bytes} bytes", path.display()),
            Err(e) => {
                eprintln!("cannot write {}: {e}", path.display());
                std::process::exit(1);
            }
        }
    }
}
