//! What the benchmarks share: the median, 95th percentile and maximum of timed samples, how
//! they are printed, the meeting sizes asked for, and the generator of realistic meetings
//! (`meeting`).

#![allow(dead_code)]

pub mod meeting;

use std::time::Duration;

/// (median, 95th percentile, maximum) of `samples`; zeros when there are none.
pub fn stats(mut samples: Vec<Duration>) -> (Duration, Duration, Duration) {
    if samples.is_empty() {
        return (Duration::ZERO, Duration::ZERO, Duration::ZERO);
    }
    samples.sort();
    (
        samples[samples.len() / 2],
        samples[samples.len() * 95 / 100],
        samples[samples.len() - 1],
    )
}

/// A duration in milliseconds, two decimals: "0.30 ms".
pub fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

/// The meeting sizes to measure: `SCRIBE_BENCH_SIZES` (comma-separated), else `default`.
pub fn sizes(default: &[usize]) -> Vec<usize> {
    std::env::var("SCRIBE_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| default.to_vec())
}
