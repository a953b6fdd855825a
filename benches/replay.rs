//! Seeking in a replay against meeting size: moving the player to random positions, backwards
//! (a fold of the log from the start) and forwards (the events in between applied), in
//! meetings of 10,000 and 100,000 events. The goal: any position within 50 ms at 100,000.
//!
//! Run with `cargo bench --bench replay`.

mod common;

use common::stats;

use std::time::Instant;

use scribe::meeting::{AttendeeAdded, Event, Id, Stamped};
use scribe::replay::Player;

fn meeting(events: usize) -> Vec<Stamped> {
    let start = scribe::testkit::t0();
    let at = |n: usize| start + chrono::TimeDelta::seconds(n as i64);
    let mut log = Vec::with_capacity(events);
    for n in 0..12 {
        log.push(Stamped {
            at: at(0),
            event: Event::AttendeeAdded(Box::new(AttendeeAdded {
                name: format!("Delegation {n}"),
                capacity: Some(format!("Capacity {n}")),
                label: Some(format!("Lbl. {n}")),
                aliases: vec![],
                group: None,
            })),
        });
    }
    for n in 0..4 {
        log.push(Stamped {
            at: at(0),
            event: Event::ItemAdded {
                title: format!("Item {n}"),
                planned: None,
            },
        });
    }
    let mut n = log.len();
    while log.len() < events {
        let event = match n % 50 {
            0 => Event::ItemTakenUp {
                item: Id(12 + (n / 50 % 4) as u32),
            },
            1..=3 => Event::SpeakerQueued {
                attendee: Id((n % 12) as u32),
                front: false,
                kind: Default::default(),
                reason: None,
            },
            4 => Event::FloorGiven {
                attendee: Id((n % 12) as u32),
            },
            49 => Event::LastEventUndone,
            _ => Event::StatementRecorded {
                speaker: Id((n % 12) as u32),
                text: "Thanked the Presidency for outlining the procedure and inquired when the \
                       invitation letter and the information package will be sent out."
                    .to_string()
                    .into(),
            },
        };
        log.push(Stamped { at: at(n), event });
        n += 1;
    }
    log
}

fn main() {
    println!(
        "| events | seek back median | seek back p95 | seek back max | seek forward median | to the end from the start |"
    );
    println!("|---:|---:|---:|---:|---:|---:|");
    for &size in &[10_000usize, 100_000] {
        let events = meeting(size);
        let mut player = Player::new(events);
        // A small deterministic generator for the positions.
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = |limit: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % limit as u64) as usize
        };
        let mut back = Vec::new();
        let mut forward = Vec::new();
        for _ in 0..60 {
            let here = player.position();
            let target = next(size + 1);
            let begin = Instant::now();
            player.seek(target);
            let took = begin.elapsed();
            if target < here {
                back.push(took)
            } else {
                forward.push(took)
            }
        }
        player.seek(0);
        let begin = Instant::now();
        player.seek(size);
        let whole = begin.elapsed();
        let (b50, b95, bmax) = stats(back);
        let (f50, _, _) = stats(forward);
        println!("| {size} | {b50:.1?} | {b95:.1?} | {bmax:.1?} | {f50:.1?} | {whole:.1?} |");
    }
}
