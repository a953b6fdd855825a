//! Faults injected on purpose, so that the tests can drive the paths that only a bug would
//! take (a panic while minuting, a panic in replay) through the real binary, end to end.
//!
//! `SCRIBE_FAULT` names the faults, separated by commas (`panic-on-commit`, `panic-in-replay`).
//! `SCRIBE_COMPACT_LINES` folds the journal into the meeting file after that many events
//! rather than 2,000, so that a crash test of a few lines crosses compactions. Both are honoured
//! only in a debug build (what `cargo test` builds) or one with the `fault-injection` feature;
//! a release build compiles the check away. The most they can do is make scribe stop the way a
//! bug would, or compact more often: see SECURITY.md.

/// Is the fault `name` asked for?
pub fn armed(name: &str) -> bool {
    if !cfg!(any(debug_assertions, feature = "fault-injection")) {
        return false;
    }
    std::env::var("SCRIBE_FAULT").is_ok_and(|faults| faults.split(',').any(|f| f.trim() == name))
}

/// Panics when the fault `name` is asked for.
pub fn trigger(name: &str) {
    if armed(name) {
        panic!("fault injected on purpose: {name} (SCRIBE_FAULT)");
    }
}

/// The number in the variable `name`, when faults may be injected and it holds one.
pub fn number(name: &str) -> Option<usize> {
    if !cfg!(any(debug_assertions, feature = "fault-injection")) {
        return None;
    }
    std::env::var(name)
        .ok()
        .and_then(|n| n.trim().parse().ok())
        .filter(|&n| n > 0)
}
