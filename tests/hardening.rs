//! Hardening (issue 14): scribe as an attacker in a shared folder or an unlucky user would try
//! it, through the real binary. Each test is one numbered point of the issue:
//!
//! 1. links planted at every file scribe makes beside a meeting are refused, their targets
//!    unchanged; a linked meeting is saved through its link;
//! 2. a lock deleted under a running scribe: a second writer never makes the first lose entries
//!    silently;
//! 3. a journal cut inside a character gives back every complete event;
//! 5. escapes in a file name and in a lock file's host never reach the terminal;
//! 6. extreme dates in replay;
//! 7. follow and replay losing their terminal stop quietly;
//! 8. a FIFO or `/dev/zero` as meeting, journal or draft is refused, never waited on;
//! 9. a read-only folder at quit, an unreadable template folder, the panic path;
//!
//! and the fuzz corpus replayed through the fuzz targets' bodies.

mod common;

#[path = "../fuzz/targets.rs"]
mod targets;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs every file of `fuzz/corpus/TARGET/` through `run`, the body of that fuzz target.
fn replay_corpus(target: &str, run: fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a corpus entry").path())
        .collect();
    files.sort();
    for file in &files {
        let bytes = std::fs::read(file).expect("a corpus file");
        let outcome = std::panic::catch_unwind(|| run(&bytes));
        assert!(outcome.is_ok(), "{target}: {} fails", file.display());
    }
    assert!(!files.is_empty(), "no corpus for {target}");
    files.len()
}

#[test]
fn the_fuzz_corpus_replays_without_a_failure() {
    let loader = replay_corpus("loader", targets::loader);
    let journal = replay_corpus("journal", targets::journal);
    let command = replay_corpus("command", targets::command);
    println!("corpus: {loader} loader, {journal} journal, {command} command inputs");
}
