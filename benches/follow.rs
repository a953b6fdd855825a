//! Follow latency against meeting size: an event committed by the writer (journal and fsync,
//! as the console does) → the follower has it, with the follower's real loop (woken by inotify,
//! or by its 200 ms poll, then reading what was added). Meetings of 1,000 and 100,000 events
//! in the same run, 40 commits each, half a second apart; then the same with the first
//! version's loop for comparison (a sleep of 200 ms, then the whole meeting read again).
//!
//! Run with `cargo bench --bench follow` (`SCRIBE_BENCH_SIZES=1000,100000`).

mod common;

use common::{meeting, stats};

use std::sync::mpsc;
use std::time::{Duration, Instant};

use scribe::meeting::{Event, Id, Stamped};
use scribe::store::disk::{Writer, open, open_for_writing};
use scribe::store::follow::{Change, Follower};
use scribe::store::safe::MEETING_LIMIT;

const COMMITS: usize = 40;
const POLL: Duration = Duration::from_millis(200);

fn statement(n: usize) -> Stamped {
    Stamped {
        at: meeting::start(),
        event: Event::StatementRecorded {
            speaker: Id(4),
            text: format!("Followed statement {n}: noted the proposal and asked for the floor.")
                .into(),
        },
    }
}

/// Commits one event at a time and measures how long until the follower thread has it.
fn measure(path: &std::path::Path, n: usize, old_loop: bool) -> Option<(Duration, Duration)> {
    let opened = open_for_writing(path, MEETING_LIMIT).ok()?;
    let mut writer = Writer::new(path, &opened);
    let (seen, arrivals) = mpsc::channel::<(usize, Instant)>();
    let following = path.to_path_buf();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let stopping = std::sync::Arc::clone(&stop);
    let thread = std::thread::spawn(move || {
        let Ok((mut follower, events)) = Follower::open(&following) else {
            return;
        };
        let mut count = events.len();
        let mut known = count;
        // Ready: the writer starts committing now.
        let _ = seen.send((count, Instant::now()));
        while !stopping.load(std::sync::atomic::Ordering::Relaxed) {
            if old_loop {
                std::thread::sleep(POLL);
                // The first version read both files whole on every change.
                let opened = match open(&following) {
                    Ok(opened) => opened,
                    Err(e) => {
                        eprintln!("the first version's follower: {e}");
                        continue;
                    }
                };
                if opened.events.len() > known {
                    known = opened.events.len();
                    let _ = seen.send((known, Instant::now()));
                }
            } else {
                follower.wait(POLL);
                if let Ok(Change::Appended(new)) = follower.poll() {
                    count += new.len();
                    let _ = seen.send((count, Instant::now()));
                }
            }
        }
    });
    match arrivals.recv_timeout(Duration::from_secs(60)) {
        Ok((count, _)) if count == n => {}
        _ => {
            eprintln!("the follower did not start");
            return None;
        }
    }
    let mut samples = Vec::new();
    for k in 0..COMMITS {
        writer.push(vec![statement(n + k)]);
        let begin = Instant::now();
        writer.flush().ok()?;
        let want = n + k + 1;
        loop {
            match arrivals.recv_timeout(Duration::from_secs(20)) {
                Ok((count, at)) if count >= want => {
                    samples.push(at.saturating_duration_since(begin));
                    break;
                }
                Ok(_) => {}
                Err(_) => {
                    eprintln!("the follower did not see event {want}");
                    return None;
                }
            }
        }
        std::thread::sleep(Duration::from_millis(500));
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let _ = writer.close();
    let _ = thread.join();
    let (median, p95, _) = stats(samples);
    Some((median, p95))
}

fn main() {
    let Ok(dir) = tempfile::tempdir() else {
        eprintln!("cannot create a temporary folder");
        return;
    };
    println!("| follower | events | commit → follower has it, median | p95 |");
    println!("|---|---:|---:|---:|");
    for old_loop in [false, true] {
        for n in common::sizes(&[1_000, 100_000]) {
            let path = dir.path().join(format!("f{n}-{old_loop}.ron"));
            if let Err(e) = meeting::write(&path, n) {
                eprintln!("cannot write the meeting: {e}");
                return;
            }
            let name = if old_loop {
                "sleep 200 ms, read everything (first version)"
            } else {
                "woken by inotify, reads what was added"
            };
            if let Some((median, p95)) = measure(&path, n, old_loop) {
                println!(
                    "| {name} | {n} | {} | {} |",
                    common::ms(median),
                    common::ms(p95)
                );
            }
        }
    }
}
