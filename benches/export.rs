//! Export cost against meeting size: the minutes of a meeting of 10,000 entries in every format,
//! with and without `--times --stats`. The goal: under 100 ms for Markdown, text and HTML, so
//! `/export` never makes the console wait.
//!
//! Run with `cargo bench --bench export`. A plain harness (median and slowest of a few runs)
//! keeps the dependency tree small.

use std::hint::black_box;
use std::time::{Duration, Instant};

use scribe::export::{Format, Options, export};
use scribe::meeting::{
    ActionRecorded, AttendeeAdded, Event, Id, Meeting, Owner, Stamped, Timestamp,
};

const RUNS: usize = 7;

fn start() -> Timestamp {
    scribe::testkit::moment("2026-03-12T10:00:00+01:00")
}

/// A meeting of `entries` entries of about 200 characters by 12 attendees over 8 items: mostly
/// statements (in runs of one to three by the same speaker), with notes, decisions and actions.
fn meeting(entries: usize) -> Meeting {
    let mut at = start();
    let mut events = Vec::new();
    let mut push = |event, at: Timestamp| events.push(Stamped { at, event });
    for n in 0..12 {
        push(
            Event::AttendeeAdded(Box::new(AttendeeAdded {
                name: format!("Delegation {n}"),
                capacity: Some(format!("Capacity {n}")),
                label: Some(format!("Lbl. {n}")),
                aliases: vec![],
                group: None,
            })),
            at,
        );
    }
    push(Event::ChairSet { attendee: Id(0) }, at);
    let items = 8;
    for n in 0..items {
        push(
            Event::ItemAdded {
                title: format!("Agenda item number {n}"),
                planned: None,
            },
            at,
        );
    }
    let text = "Thanked the Presidency for outlining the procedure and inquired when the \
                invitation letter and the information package for the participants will be \
                sent out, noting the need for an early circulation of the documents.";
    let per_item = entries.div_ceil(items);
    for n in 0..entries {
        at += chrono::TimeDelta::seconds(20);
        if n % per_item == 0 {
            push(
                Event::ItemTakenUp {
                    item: Id(13 + (n / per_item) as u32),
                },
                at,
            );
        }
        let speaker = Id(((n / 2) % 12) as u32);
        if n % 3 == 0 {
            push(Event::FloorGiven { attendee: speaker }, at);
        }
        let event = match n % 50 {
            7 | 23 | 41 => Event::NoteRecorded { text: text.into() },
            13 | 37 => Event::DecisionRecorded { text: text.into() },
            19 | 47 => Event::ActionRecorded(Box::new(ActionRecorded {
                owner: Owner::Attendee(speaker),
                also: vec![],
                text: text.into(),
                due: chrono::NaiveDate::from_ymd_opt(2026, 4, 1),
            })),
            _ => Event::StatementRecorded {
                speaker,
                text: text.into(),
            },
        };
        push(event, at);
    }
    push(Event::MeetingClosed, at);
    Meeting::fold(&events)
}

fn main() {
    let meeting = meeting(10_000);
    assert_eq!(meeting.entries.len(), 10_000);
    println!("| format | options | size | median | slowest |");
    println!("|---|---|---:|---:|---:|");
    let detailed = Options {
        times: true,
        stats: true,
        ..Options::default()
    };
    // The whole document frame: French labels and dates, numbered paragraphs, a symbol, final
    // minutes with their approval block.
    let framed = Options {
        numbered: true,
        language: Some("fr".into()),
        status: Some(scribe::export::DocStatus::Final),
        symbol: Some("WG.12/2026/1".into()),
        prepared_by: vec!["Scribe".into()],
        ..detailed.clone()
    };
    for format in Format::ALL {
        for (name, options) in [
            ("", Options::default()),
            ("--times --stats", detailed.clone()),
            ("--lang fr --numbered --status final", framed.clone()),
        ] {
            let mut samples: Vec<Duration> = Vec::with_capacity(RUNS);
            let mut size = 0;
            for _ in 0..RUNS {
                let begin = Instant::now();
                let out = export(black_box(&meeting), format, &options);
                samples.push(begin.elapsed());
                size = out.map(|bytes| bytes.len()).unwrap_or(0);
            }
            samples.sort();
            let median = samples[RUNS / 2];
            let slowest = samples[RUNS - 1];
            println!(
                "| {} | {name} | {} KB | {:.1} ms | {:.1} ms |",
                format.extension(),
                size / 1000,
                median.as_secs_f64() * 1e3,
                slowest.as_secs_f64() * 1e3,
            );
        }
    }
}
