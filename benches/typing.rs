//! Typing cost against meeting size: what one keystroke (update + draw) and one recorded entry
//! (Enter) cost in a meeting of 0, 1,000, 10,000 and 100,000 entries, at 80x24 and 200x50:
//! drawn whole (`view::draw` through `Terminal::draw`), and as the console draws them (the
//! `view::paint::Painter`, which draws and compares only the rows a keystroke changes).
//! The goal: a meeting of 10,000 entries types as fast as an empty one.
//!
//! Run with `cargo bench --bench typing`. A plain harness (median and 95th percentile of many
//! runs) keeps the dependency tree small.

mod common;

use common::stats;

use std::hint::black_box;
use std::time::Instant;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use scribe::app::{App, Msg, update};
use scribe::meeting::{AttendeeAdded, Event, Id, Meeting, Stamped, Timestamp};
use scribe::store::file::to_ron;
use scribe::view;
use scribe::view::paint::Painter;

fn start() -> Timestamp {
    scribe::testkit::t0()
}

/// A meeting of `entries` statements of about 200 characters by 12 attendees over 4 items.
fn meeting(entries: usize) -> Vec<Stamped> {
    let at = start();
    let mut events = Vec::new();
    let mut push = |event| events.push(Stamped { at, event });
    for n in 0..12 {
        push(Event::AttendeeAdded(Box::new(AttendeeAdded {
            name: format!("Delegation {n}"),
            capacity: Some(format!("Capacity {n}")),
            label: Some(format!("Lbl. {n}")),
            aliases: vec![],
            group: None,
        })));
    }
    for n in 0..4 {
        push(Event::ItemAdded {
            title: format!("Agenda item number {n}"),
            planned: None,
        });
    }
    push(Event::ItemTakenUp { item: Id(12) });
    push(Event::FloorGiven { attendee: Id(0) });
    let text = "Thanked the Presidency for outlining the procedure and inquired when the \
                invitation letter and the information package for the participants will be \
                sent out, noting the need for an early circulation of the documents.";
    for n in 0..entries {
        push(Event::StatementRecorded {
            speaker: Id((n % 12) as u32),
            text: text.into(),
        });
    }
    events
}

fn key(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

/// Types 40 lines of 19 characters, each recorded with Enter, in a meeting of `events` at
/// `size`, drawing with `draw` after every key; the time of each keystroke and of each Enter.
fn typing(
    events: &[Stamped],
    (width, height): (u16, u16),
    mut draw: impl FnMut(&App),
) -> (Vec<std::time::Duration>, Vec<std::time::Duration>) {
    let mut app = App::new(events.to_vec(), start(), true, "bench.ron".into());
    let _ = update(&mut app, Msg::Resize(width, height), start());
    draw(&app);
    let mut keys = Vec::new();
    let mut enters = Vec::new();
    for round in 0..40 {
        for c in "Noted the proposal ".chars() {
            let begin = Instant::now();
            let _ = black_box(update(&mut app, key(c), start()));
            draw(&app);
            keys.push(begin.elapsed());
        }
        let begin = Instant::now();
        let effects = update(
            &mut app,
            Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
            start(),
        );
        let _ = black_box(effects);
        draw(&app);
        enters.push(begin.elapsed());
        black_box(round);
    }
    (keys, enters)
}

fn main() {
    println!(
        "| entries | size | keystroke median | keystroke p95 | Enter median | Enter p95 \
         | console keystroke median | console keystroke p95 | console Enter median |"
    );
    println!("|---:|---|---:|---:|---:|---:|---:|---:|---:|");
    for &entries in &[0usize, 1_000, 10_000, 100_000] {
        let events = meeting(entries);
        for &(width, height) in &[(80u16, 24u16), (200, 50)] {
            let Ok(mut terminal) = Terminal::new(TestBackend::new(width, height));
            let (keys, enters) = typing(&events, (width, height), |app| {
                let _ = terminal.draw(|frame| view::draw(frame, app));
            });
            let Ok(mut terminal) = Terminal::new(TestBackend::new(width, height));
            let mut painter = Painter::new();
            let (console_keys, console_enters) = typing(&events, (width, height), |app| {
                let _ = painter.paint(&mut terminal, app);
            });
            let (k50, k95, _) = stats(keys);
            let (e50, e95, _) = stats(enters);
            let (c50, c95, _) = stats(console_keys);
            let (ce50, _, _) = stats(console_enters);
            println!(
                "| {entries} | {width}x{height} | {k50:.2?} | {k95:.2?} | {e50:.2?} | {e95:.2?} \
                 | {c50:.2?} | {c95:.2?} | {ce50:.2?} |"
            );
        }
    }
    after_a_huge_paste();
    println!();
    println!("| events | fold (open a meeting) | serialise to RON | file size |");
    println!("|---:|---:|---:|---:|");
    for &entries in &[1_000usize, 10_000, 100_000] {
        let events = meeting(entries);
        let begin = Instant::now();
        black_box(Meeting::fold(&events));
        let fold = begin.elapsed();
        let begin = Instant::now();
        let text = to_ron(&events);
        let ron = begin.elapsed();
        println!(
            "| {} | {fold:.2?} | {ron:.2?} | {:.1} MB |",
            events.len(),
            text.len() as f64 / 1e6
        );
    }
}

/// Typing after a huge paste (as large as scribe takes without asking: 65,535 bytes of a
/// statement pasted whole), in the composer still holding it and once it is recorded, as the
/// console draws (80x24, 1,000 entries): the cost of a key must not grow with what was pasted.
fn after_a_huge_paste() {
    let events = meeting(1_000);
    let mut app = App::new(events, start(), true, "bench.ron".into());
    let _ = update(&mut app, Msg::Resize(80, 24), start());
    let Ok(mut terminal) = Terminal::new(TestBackend::new(80, 24));
    let mut painter = Painter::new();
    let _ = painter.paint(&mut terminal, &app);
    let sentence = "The delegation recalled the decision of the last meeting and its annex. ";
    let pasted: String = sentence.repeat(65_535 / sentence.len());
    let keys = |app: &mut App, painter: &mut Painter, terminal: &mut Terminal<TestBackend>| {
        let mut times = Vec::new();
        for c in "Noted the proposal ".chars().cycle().take(200) {
            let begin = Instant::now();
            let _ = black_box(update(app, key(c), start()));
            let _ = painter.paint(terminal, app);
            times.push(begin.elapsed());
        }
        stats(times)
    };
    let (before, _, _) = keys(&mut app, &mut painter, &mut terminal);
    let begin = Instant::now();
    let _ = update(&mut app, Msg::Paste(pasted.clone()), start());
    let paste = begin.elapsed();
    let (holding, holding95, _) = keys(&mut app, &mut painter, &mut terminal);
    let begin = Instant::now();
    let _ = update(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
        start(),
    );
    let _ = painter.paint(&mut terminal, &app);
    let enter = begin.elapsed();
    let (after, after95, _) = keys(&mut app, &mut painter, &mut terminal);
    println!();
    println!(
        "| after a paste of {} bytes (80x24, 1,000 entries) | key before | paste | key with it in the composer (p95) | Enter | key after it is recorded (p95) |",
        pasted.len()
    );
    println!("|---|---:|---:|---:|---:|---:|");
    println!(
        "| console | {before:.2?} | {paste:.2?} | {holding:.2?} ({holding95:.2?}) | {enter:.2?} | {after:.2?} ({after95:.2?}) |"
    );
}
