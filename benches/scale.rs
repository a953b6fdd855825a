//! Every path that could grow with the meeting, at 100, 1,000, 10,000 and 100,000 events of a
//! realistic meeting (`common::meeting`, written through the real store): reading the files,
//! against what `ron` alone takes to deserialise the same meeting file (the floor); folding
//! them into the meeting; an undo; a commit, and the commit that folds the journal into the
//! meeting file; the follower's work for one new event; the export in every format.
//!
//! Run with `cargo bench --bench scale` (`SCRIBE_BENCH_SIZES=1000,100000` for other sizes;
//! `TMPDIR` for another disk). Medians of several runs; the machine is shared, so differences
//! under about 20% mean nothing.

mod common;

use common::{meeting, stats};

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use scribe::export::{Format, Options, export};
use scribe::meeting::{Event, Log, Stamped};
use scribe::store::disk::{Writer, open};
use scribe::store::follow::{Change, Follower};

/// The meeting file as `ron` reads it in one go: the floor for reading a meeting.
#[derive(serde::Deserialize)]
struct RonOnly {
    #[allow(dead_code)]
    version: u32,
    events: Vec<Stamped>,
}

/// The median of `runs` timings of `f`.
fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    let samples: Vec<Duration> = (0..runs)
        .map(|_| {
            let begin = Instant::now();
            f();
            begin.elapsed()
        })
        .collect();
    stats(samples).0
}

struct Row {
    events: usize,
    bytes: u64,
    ron: Duration,
    open: Duration,
    fold: Duration,
    undo: Duration,
    commit: (Duration, Duration),
    compaction: Duration,
    close: Duration,
    follow: Duration,
    export: Vec<(Format, Duration)>,
}

fn measure(dir: &Path, n: usize) -> Option<Row> {
    let runs = if n >= 100_000 { 3 } else { 5 };
    let path = dir.join(format!("m{n}.ron"));
    let bytes = match meeting::write(&path, n) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("cannot write the meeting: {e}");
            return None;
        }
    };
    let text = std::fs::read_to_string(&path).ok()?;
    let ron = median(runs, || {
        let file: Result<RonOnly, _> = scribe::store::file::ron_options().from_str(&text);
        black_box(file.map(|f| f.events.len()).unwrap_or(0));
    });
    drop(text);
    let open_time = median(runs, || {
        black_box(open(&path).map(|o| o.events.len()).unwrap_or(0));
    });
    let events = open(&path).ok()?.events;
    let fold = median(runs, || {
        black_box(Log::new(events.clone()));
    });

    // Undo: the last statement taken back, then another recorded, a few times.
    let mut log = Log::new(events.clone());
    let mut undos = Vec::new();
    for k in 0..runs.max(5) {
        log.push(meeting::numbered_statement(k));
        let begin = Instant::now();
        log.push(Stamped {
            at: meeting::start(),
            event: Event::LastEventUndone,
        });
        undos.push(begin.elapsed());
    }
    let undo = stats(undos).0;

    // Commits: each durable (journal and fsync); then the journal folded into the meeting
    // file, and a close as at quit.
    let opened = open(&path).ok()?;
    let mut writer = Writer::new(&path, &opened);
    let (mut follower, _) = Follower::open(&path).ok()?;
    let mut commits = Vec::new();
    let mut follows = Vec::new();
    for k in 0..200 {
        let begin = Instant::now();
        writer.push(vec![meeting::numbered_statement(n + k)]);
        if let Err(e) = writer.flush() {
            eprintln!("commit failed: {e}");
            return None;
        }
        commits.push(begin.elapsed());
        let begin = Instant::now();
        match follower.poll() {
            Ok(Change::Appended(new)) if new.len() == 1 => {}
            other => eprintln!("the follower saw {other:?}"),
        }
        follows.push(begin.elapsed());
    }
    let (c50, c95, _) = stats(commits);
    let follow = stats(follows).0;
    let begin = Instant::now();
    if let Err(e) = writer.compact() {
        eprintln!("compaction failed: {e}");
    }
    let compaction = begin.elapsed();
    writer.push(vec![meeting::numbered_statement(n + 999)]);
    let begin = Instant::now();
    if let Err(e) = writer.close() {
        eprintln!("close failed: {e}");
    }
    let close = begin.elapsed();

    let folded = Log::new(events);
    let export_times = Format::ALL
        .iter()
        .map(|&format| {
            let time = median(runs, || {
                black_box(export(folded.meeting(), format, &Options::default()).map(|b| b.len()))
                    .ok();
            });
            (format, time)
        })
        .collect();
    Some(Row {
        events: n,
        bytes,
        ron,
        open: open_time,
        fold,
        undo,
        commit: (c50, c95),
        compaction,
        close,
        follow,
        export: export_times,
    })
}

fn main() {
    let Ok(dir) = tempfile::tempdir() else {
        eprintln!("cannot create a temporary folder");
        return;
    };
    let rows: Vec<Row> = common::sizes(&[100, 1_000, 10_000, 100_000])
        .into_iter()
        .filter_map(|n| measure(dir.path(), n))
        .collect();
    println!(
        "| events | file | ron alone | open (files → events) | open / ron | fold | undo | \
         commit median / p95 | compaction | close | follower per event |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for r in &rows {
        println!(
            "| {} | {:.1} MB | {} | {} | {:.2} | {} | {} | {} / {} | {} | {} | {} |",
            r.events,
            r.bytes as f64 / 1e6,
            common::ms(r.ron),
            common::ms(r.open),
            r.open.as_secs_f64() / r.ron.as_secs_f64().max(1e-9),
            common::ms(r.fold),
            common::ms(r.undo),
            common::ms(r.commit.0),
            common::ms(r.commit.1),
            common::ms(r.compaction),
            common::ms(r.close),
            common::ms(r.follow),
        );
    }
    println!();
    println!("| events | md | html | txt | docx | md / open |");
    println!("|---:|---:|---:|---:|---:|---:|");
    for r in &rows {
        let time = |f: Format| {
            r.export
                .iter()
                .find(|(g, _)| *g == f)
                .map_or(Duration::ZERO, |(_, t)| *t)
        };
        println!(
            "| {} | {} | {} | {} | {} | {:.2} |",
            r.events,
            common::ms(time(Format::Markdown)),
            common::ms(time(Format::Html)),
            common::ms(time(Format::Text)),
            common::ms(time(Format::Docx)),
            time(Format::Markdown).as_secs_f64() / r.open.as_secs_f64().max(1e-9)
        );
    }
}
