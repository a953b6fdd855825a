//! Commit latency against meeting size: recording one event durably (appended to the journal
//! and fsync'd, as the saver does before the screen calls it saved) in meetings of 100, 1,000,
//! 10,000 and 100,000 events. The goal: flat. For comparison, what a whole-file rewrite (the
//! compaction, and the way the first version saved every event) costs at each size.
//!
//! Run with `cargo bench --bench commit` (writes in a temporary folder on the same disk as
//! the system's temporary directory; set TMPDIR to measure another disk).

mod common;

use common::stats;

use std::hint::black_box;
use std::time::Instant;

use scribe::meeting::{AttendeeAdded, Event, Id, Stamped};
use scribe::store::disk::{Writer, open};
use scribe::store::save;

fn stamped(event: Event) -> Stamped {
    let at = scribe::testkit::t0();
    Stamped { at, event }
}

fn statement(n: usize) -> Stamped {
    stamped(Event::StatementRecorded {
        speaker: Id(0),
        text: format!(
            "Statement {n}: thanked the Presidency for outlining the procedure and inquired when \
             the invitation letter and the information package will be sent out."
        )
        .into(),
    })
}

fn main() {
    let Ok(dir) = tempfile::tempdir() else {
        eprintln!("cannot create a temporary folder");
        return;
    };
    println!(
        "| events in the meeting | commit median | commit p95 | commit max | whole-file rewrite |"
    );
    println!("|---:|---:|---:|---:|---:|");
    for &size in &[100usize, 1_000, 10_000, 100_000] {
        let path = dir.path().join(format!("m{size}.ron"));
        let mut events = vec![stamped(Event::AttendeeAdded(Box::new(AttendeeAdded {
            name: "Delegation".into(),
            capacity: None,
            label: None,
            aliases: vec![],
            group: None,
        })))];
        events.extend((1..size).map(statement));
        if save(&path, &events).is_err() {
            eprintln!("cannot write {}", path.display());
            return;
        }
        let Ok(opened) = open(&path) else {
            eprintln!("cannot read {}", path.display());
            return;
        };
        let begin = Instant::now();
        black_box(save(&path, &opened.events).is_ok());
        let rewrite = begin.elapsed();
        let mut writer = Writer::new(&path, &opened);
        let mut samples = Vec::new();
        for n in 0..300 {
            let begin = Instant::now();
            writer.push(vec![statement(size + n)]);
            if let Err(e) = writer.flush() {
                eprintln!("commit failed: {e}");
                return;
            }
            samples.push(begin.elapsed());
        }
        let (median, p95, max) = stats(samples);
        println!("| {size} | {median:.2?} | {p95:.2?} | {max:.2?} | {rewrite:.2?} |");
    }
}
