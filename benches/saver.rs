//! Enter → "saved" through the real background writer, in meetings of 1,000 to 100,000 events:
//! 2,500 commits, one at a time as the console hands them over, so that one of them crosses
//! the journal's compaction threshold (2,000 lines) and the commits after it are measured
//! while the journal is folded into the meeting file; then the writer's last writes at quit
//! (everything into the meeting file, the journal removed).
//!
//! Run with `cargo bench --bench saver` (`SCRIBE_BENCH_SIZES=100000` for one size; `TMPDIR`
//! for another disk).

mod common;

use common::{meeting, stats};

use std::sync::mpsc;
use std::time::{Duration, Instant};

use scribe::store::disk::{Writer, open_for_writing};
use scribe::store::safe::MEETING_LIMIT;
use scribe::store::saver::{Report, Saver};

const COMMITS: usize = 2_500;

fn main() {
    let Ok(dir) = tempfile::tempdir() else {
        eprintln!("cannot create a temporary folder");
        return;
    };
    println!(
        "| events | Enter → saved median | p95 | p99 | max | the commit crossing the threshold \
         | quit (last writes) |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    for n in common::sizes(&[1_000, 100_000]) {
        let path = dir.path().join(format!("s{n}.ron"));
        if let Err(e) = meeting::write(&path, n) {
            eprintln!("cannot write the meeting: {e}");
            return;
        }
        let Ok(opened) = open_for_writing(&path, MEETING_LIMIT) else {
            eprintln!("cannot open the meeting");
            return;
        };
        let writer = Writer::new(&path, &opened);
        let (sender, reports) = mpsc::channel::<Report>();
        let saver = Saver::spawn(writer, move |report| {
            let _ = sender.send(report);
        });
        let mut samples = Vec::with_capacity(COMMITS);
        let mut crossing = Duration::ZERO;
        for k in 0..COMMITS {
            let begin = Instant::now();
            saver.hand_over(vec![meeting::numbered_statement(n + k)], None);
            let want = n + k + 1;
            loop {
                match reports.recv_timeout(Duration::from_secs(30)) {
                    Ok(report) if report.saved >= want => break,
                    Ok(report) if report.error.is_some() => {
                        eprintln!("saving failed: {:?}", report.error);
                        return;
                    }
                    Ok(_) => {}
                    Err(_) => {
                        eprintln!("no report for 30 s");
                        return;
                    }
                }
            }
            let took = begin.elapsed();
            // The commit after the one that reached the threshold waits for the compaction
            // if anything does.
            if k == 2_000 {
                crossing = took;
            }
            samples.push(took);
            // Entries come seconds apart in a meeting; a little apart here.
            std::thread::sleep(Duration::from_millis(1));
        }
        saver.hand_over(
            (0..20)
                .map(|k| meeting::numbered_statement(n + COMMITS + k))
                .collect(),
            None,
        );
        let begin = Instant::now();
        let finished = saver.finish();
        let quit = begin.elapsed();
        if let Some(e) = finished.error {
            eprintln!("the last writes failed: {e}");
        }
        let mut sorted = samples.clone();
        sorted.sort();
        let p99 = sorted[sorted.len() * 99 / 100];
        let (median, p95, max) = stats(samples);
        println!(
            "| {n} | {} | {} | {} | {} | {} | {} |",
            common::ms(median),
            common::ms(p95),
            common::ms(p99),
            common::ms(max),
            common::ms(crossing),
            common::ms(quit)
        );
    }
}
