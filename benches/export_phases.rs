//! Where the time of a long export goes, phase by phase, on a generated meeting (100,000
//! events by default; `SCRIBE_BENCH_SIZES` sets others): folding the events, building the
//! minutes whole, rendering built minutes in each format (the template on its thread, the
//! output finished on this one), and the whole of `write_meeting` (sections built while they
//! are rendered), as `scribe export` runs it after reading the file. Medians of 5 runs; the
//! output goes to memory, not to disk.
//!
//! Run with `cargo bench --bench export_phases`.

mod common;

use common::{meeting, ms, sizes, stats};

use std::hint::black_box;
use std::time::{Duration, Instant};

use scribe::export::{Format, Options, minutes, write, write_meeting};
use scribe::meeting::Meeting;

const RUNS: usize = 5;

fn median(mut run: impl FnMut() -> Duration) -> Duration {
    stats((0..RUNS).map(|_| run()).collect()).0
}

fn timed(f: impl FnOnce()) -> Duration {
    let started = Instant::now();
    f();
    started.elapsed()
}

fn main() {
    let options = Options::default();
    for n in sizes(&[100_000]) {
        let events = meeting::events(n);
        println!("{n} events:");
        let fold = median(|| timed(|| drop(black_box(Meeting::fold(&events)))));
        println!("  fold                         {}", ms(fold));
        let meeting = Meeting::fold(&events);
        drop(events);
        let build = median(|| timed(|| drop(black_box(minutes(&meeting, &options)))));
        println!("  build the minutes whole      {}", ms(build));
        for format in Format::ALL {
            let render = median(|| {
                let built = minutes(&meeting, &options).expect("the minutes build");
                timed(|| {
                    let out = write(built, format, &options, Vec::new());
                    black_box(out.map(|o| o.len()).unwrap_or_default());
                })
            });
            let whole = median(|| {
                timed(|| {
                    let out = write_meeting(&meeting, format, &options, Vec::new());
                    black_box(out.map(|o| o.len()).unwrap_or_default());
                })
            });
            println!(
                "  {:<5} render built minutes {}   write_meeting {}",
                format.extension(),
                ms(render),
                ms(whole)
            );
        }
    }
}
