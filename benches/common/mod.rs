//! What the benchmarks share: the median, 95th percentile and maximum of timed samples, and
//! the generator of realistic meetings (`meeting`).

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
