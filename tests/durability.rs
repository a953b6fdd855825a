//! Durability: the real `scribe` binary in a pseudo-terminal, stopped in every way a session
//! can stop, and its meeting read back afterwards.
//!
//! - Killed (SIGKILL) at random moments while lines are being typed: whatever the screen showed
//!   as saved (an entry's time followed by a space, not `*`) is in the meeting when it is read
//!   back, and what is there is the typed lines in order, with no gaps, doubles or strangers.
//! - Sent SIGHUP, SIGTERM or SIGINT, or its terminal hung up under it (as when an SSH connection
//!   drops): the events and the half-typed line are kept, the terminal is given back, nothing
//!   is left behind. A line already recorded does not come back as a draft after a crash.
//! - A second writer is refused, told who holds the meeting, and can follow it read-only; a
//!   follower sees new entries, in order, and never writes.
//! - A lock left by a killed session is taken over, with a notice that can be read at 80x24.
//! - A disk that refuses writes (a file-size limit standing in for a full disk, or a read-only
//!   folder): the meeting goes on in memory, entries not on disk are marked, saving resumes
//!   when the disk has room again, and at quit the whole meeting is written elsewhere.
//!
//! Steps wait for their effect on screen or on disk, never on sleeps; the only sleeps are the
//! crash test's deliberate random pauses. `SCRIBE_CRASH_TRIALS` sets how many sessions the
//! crash test kills (default 30), `SCRIBE_CRASH_SEED` its random seed.

mod common;
#[path = "../benches/common/meeting.rs"]
mod generator;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::pty::{BIN, Scribe, Snapshot, TIMEOUT, squash};
use scribe::meeting::{AttendeeAdded, Event, Id, Meeting, Stamped};
use scribe::store::disk::draft_path;
use scribe::store::journal::journal_path;
use scribe::store::lock::lock_path;

/// At most this many lines per crash trial: all of them fit in the minutes pane at 80x24, so
/// no entry ever moves to another row (a frame cut short by the kill then cannot show one
/// entry's saved mark beside another entry's text).
const MAX_LINES: usize = 15;

// ----------------------------------------------------------------------------------------------
// Helpers

fn at() -> scribe::meeting::Timestamp {
    scribe::testkit::t0()
}

/// A meeting file with one attendee, Ana, who has the floor: every plain line typed is her
/// statement.
fn meeting_in(dir: &Path) -> (PathBuf, String) {
    let path = dir.join("m.ron");
    let events = [
        Event::AttendeeAdded(Box::new(AttendeeAdded {
            name: "Ana".into(),
            capacity: None,
            label: None,
            aliases: vec![],
            group: None,
        })),
        Event::FloorGiven { attendee: Id(0) },
    ]
    .map(|event| Stamped { at: at(), event });
    scribe::store::save(&path, &events).expect("write the meeting file");
    let file = path.display().to_string();
    (path, file)
}

/// The number of events [`meeting_in`] writes.
const SETUP_EVENTS: usize = 2;

/// Starts `scribe ARGS` and waits for the console (whatever its footer says).
fn console(dir: &Path, args: &[&str], size: (u16, u16)) -> Scribe {
    let mut scribe = Scribe::spawn(dir, args, size);
    scribe.wait_for("the console", is_console);
    scribe
}

fn is_console(s: &Snapshot) -> bool {
    s.alternate_screen && s.rows.get(1).is_some_and(|row| row.contains(" Minutes "))
}

/// The texts of the entries of the meeting at `path` as scribe reads it back (meeting file and
/// journal).
fn entries(path: &Path) -> Vec<String> {
    let opened = scribe::store::open(path)
        .unwrap_or_else(|e| panic!("cannot read {} back: {e}", path.display()));
    Meeting::fold(&opened.events)
        .entries
        .iter()
        .map(|entry| entry.text.to_string())
        .collect()
}

/// An entry's first row in the minutes pane: `HH:MM Ana: text` (on disk) or `HH:MM*Ana: text`
/// (not yet). Other rows are None.
fn entry_row(row: &str) -> Option<(String, bool)> {
    let chars: Vec<char> = row.chars().collect();
    let time = chars.len() > 6
        && chars[2] == ':'
        && [0, 1, 3, 4].iter().all(|&i| chars[i].is_ascii_digit());
    if !time {
        return None;
    }
    let saved = match chars[5] {
        ' ' => true,
        '*' => false,
        _ => return None,
    };
    let text: String = chars[6..].iter().collect();
    Some((
        text.strip_prefix("Ana: ").unwrap_or(&text).to_string(),
        saved,
    ))
}

/// The entries in the minutes pane, top to bottom, with whether each shows as saved.
fn entry_rows(s: &Snapshot) -> Vec<(String, bool)> {
    s.minutes.iter().filter_map(|row| entry_row(row)).collect()
}

/// Does the minutes pane show `text` as an entry on disk?
fn shows_saved(s: &Snapshot, text: &str) -> bool {
    entry_rows(s).iter().any(|(t, saved)| t == text && *saved)
}

/// Does the minutes pane show `text` as an entry not yet on disk?
fn shows_unsaved(s: &Snapshot, text: &str) -> bool {
    entry_rows(s).iter().any(|(t, saved)| t == text && !*saved)
}

fn header_saved(s: &Snapshot) -> bool {
    s.rows[0].ends_with("· saved")
}

fn header_not_saved(s: &Snapshot) -> bool {
    s.rows[0].ends_with("NOT SAVED")
}

/// Is `text` on screen, wrapped over rows or not (whitespace ignored)?
/// What scribe says when it reopens a meeting with `n` events only in the journal.
fn recovered_notice(n: usize) -> String {
    let events = if n == 1 { "event" } else { "events" };
    format!("{n} {events} recovered from the journal")
}

fn says(s: &Snapshot, text: &str) -> bool {
    squash(&s.rows.concat()).contains(&squash(text))
}

/// Types `line` and waits until the minutes show it saved, with the header saying so.
fn enter_saved(scribe: &mut Scribe, line: &str) -> Snapshot {
    scribe.type_line(line);
    scribe.wait_for(&format!("'{line}' shown as saved"), |s| {
        s.composer.is_empty() && shows_saved(s, line) && header_saved(s)
    })
}

/// Every file in `dir` with its bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .expect("list the folder")
        .map(|entry| {
            let entry = entry.expect("a folder entry");
            let bytes = std::fs::read(entry.path()).unwrap_or_default();
            (entry.file_name().to_string_lossy().into_owned(), bytes)
        })
        .collect()
}

fn names(dir: &Path) -> Vec<String> {
    files(dir).into_keys().collect()
}

/// Kills `scribe` with SIGKILL and reads everything it wrote before dying.
fn kill(scribe: &mut Scribe) {
    scribe.signal(libc::SIGKILL);
    let status = scribe.wait_exit();
    assert!(!status.success(), "killed, yet exited with {status:?}");
    assert!(scribe.drain(), "the terminal stayed open after the kill");
}

/// Waits until `scribe` exits, reads the rest of its output and returns whether it succeeded.
fn finish(scribe: &mut Scribe) -> bool {
    let status = scribe.wait_exit();
    assert!(scribe.drain(), "the terminal stayed open after the exit");
    status.success()
}

/// Types `line` in `writer` and waits (up to the generous [`TIMEOUT`]) until `writer` shows it
/// saved and `follower` shows it. Returns how long after the writer's screen the follower's
/// showed it, for information only: latency depends on the machine's load and belongs in a
/// benchmark, not in an assertion.
fn follow_latency(writer: &mut Scribe, follower: &mut Scribe, line: &str) -> Duration {
    writer.type_line(line);
    let deadline = Instant::now() + TIMEOUT;
    let (mut saved_at, mut seen_at) = (None, None);
    loop {
        writer.pump();
        follower.pump();
        let now = Instant::now();
        if saved_at.is_none() && shows_saved(&writer.snapshot(), line) {
            saved_at = Some(now);
        }
        if seen_at.is_none() && follower.snapshot().minutes_show(line) {
            seen_at = Some(now);
        }
        if let (Some(saved), Some(seen)) = (saved_at, seen_at) {
            return seen.saturating_duration_since(saved);
        }
        if now > deadline {
            panic!(
                "timed out waiting for '{line}' (saved by the writer: {}, seen by the follower: \
                 {}); the writer:\n{}the follower:\n{}",
                saved_at.is_some(),
                seen_at.is_some(),
                writer.snapshot().dump(),
                follower.snapshot().dump()
            );
        }
    }
}

/// xorshift64*: small, seeded, good enough to pick pauses.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `low..=high`.
    fn range(&mut self, low: u64, high: u64) -> u64 {
        low + self.next() % (high - low + 1)
    }
}

fn env_number(name: &str, default: u64) -> u64 {
    match std::env::var(name) {
        Ok(text) if !text.trim().is_empty() => {
            let text = text.trim();
            let parsed = match text.strip_prefix("0x") {
                Some(hex) => u64::from_str_radix(hex, 16),
                None => text.parse(),
            };
            parsed.unwrap_or_else(|_| panic!("{name}={text} is not a number"))
        }
        _ => default,
    }
}

// ----------------------------------------------------------------------------------------------
// Killed at random moments

/// What one crash trial left.
struct Trial {
    dir: tempfile::TempDir,
    path: PathBuf,
    typed: Vec<String>,
    recovered: Vec<String>,
    from_journal: usize,
}

#[test]
fn killed_at_random_moments_loses_nothing_shown_as_saved() {
    let trials = env_number("SCRIBE_CRASH_TRIALS", 30);
    let seed = env_number("SCRIBE_CRASH_SEED", 0x5C81_BE00_D15C);
    let mut rng = Rng::new(seed);
    let started = Instant::now();
    let (mut typed_total, mut shown_saved_total, mut recovered_total) = (0, 0, 0);
    let (mut mid_write, mut cut_short, mut stale_drafts) = (0, 0, 0);
    let mut kept: Vec<Trial> = Vec::new();
    for trial in 0..trials {
        let dir = tempfile::tempdir().expect("temporary folder");
        let (path, file) = meeting_in(dir.path());
        let context = format!("trial {trial} (SCRIBE_CRASH_SEED={seed:#x})");
        let mut scribe = Scribe::start(dir.path(), &["open", &file], (80, 24));
        // 3 to 15 lines with pauses of 0 to 30 ms, not waiting for any to show; then the kill:
        // in a third of the trials 0 to 3 ms after the last line (while it is being recorded
        // and written: that takes about 2 ms), in a third 0 to 15 ms after it, in a third at a
        // random moment while typing.
        let lines = usize::try_from(rng.range(3, MAX_LINES as u64)).expect("a count");
        // The pause before each line (none before the first).
        let pauses: Vec<Duration> = (0..lines)
            .map(|i| Duration::from_micros(if i == 0 { 0 } else { rng.range(0, 30_000) }))
            .collect();
        let typing: Duration = pauses.iter().sum();
        let kill_at = match rng.next() % 3 {
            0 => typing + Duration::from_micros(rng.range(0, 3_000)),
            1 => typing + Duration::from_micros(rng.range(0, 15_000)),
            _ => Duration::from_micros(rng.range(0, typing.as_micros() as u64)),
        };
        let mut typed = Vec::new();
        let typing_started = Instant::now();
        for (i, pause) in pauses.iter().enumerate() {
            let left = kill_at.saturating_sub(typing_started.elapsed());
            std::thread::sleep((*pause).min(left));
            if typing_started.elapsed() >= kill_at {
                break;
            }
            let line = format!("entry {i} of trial {trial}.");
            scribe.type_line(&line);
            typed.push(line);
        }
        std::thread::sleep(kill_at.saturating_sub(typing_started.elapsed()));
        kill(&mut scribe);

        // The last screen: which entries it showed, and which of them as saved.
        let screen = scribe.snapshot();
        let mut shown_saved = 0;
        let mut last: Option<usize> = None;
        let mut unsaved_seen = false;
        for (text, saved) in entry_rows(&screen) {
            let Some(index) = typed.iter().position(|t| *t == text) else {
                // A row the kill cut short while it was being drawn.
                assert!(
                    typed.iter().any(|t| t.starts_with(&text)),
                    "{context}: the screen shows '{text}', which was never typed:\n{}",
                    screen.dump()
                );
                continue;
            };
            assert!(
                last.is_none_or(|l| l < index),
                "{context}: '{text}' is out of order on screen:\n{}",
                screen.dump()
            );
            last = Some(index);
            if saved {
                assert!(
                    !unsaved_seen,
                    "{context}: '{text}' shows as saved below an entry that does not:\n{}",
                    screen.dump()
                );
                shown_saved = index + 1;
            } else {
                unsaved_seen = true;
            }
        }

        // What scribe reads back: a prefix of the typed lines holding every one shown as saved.
        let opened = scribe::store::open(&path)
            .unwrap_or_else(|e| panic!("{context}: the killed meeting does not open: {e}"));
        let recovered: Vec<String> = Meeting::fold(&opened.events)
            .entries
            .iter()
            .map(|e| e.text.to_string())
            .collect();
        assert!(
            recovered.len() <= typed.len() && recovered[..] == typed[..recovered.len()],
            "{context}: read back {recovered:?}, which is not the start of what was typed, \
             {typed:?}"
        );
        assert!(
            recovered.len() >= shown_saved,
            "{context}: the screen showed {shown_saved} entries as saved, only {} were read \
             back: {recovered:?}; the last screen:\n{}",
            recovered.len(),
            screen.dump()
        );
        let from_journal = opened.events.len() - opened.in_snapshot;
        assert_eq!(
            opened.in_snapshot, SETUP_EVENTS,
            "{context}: the meeting file was rewritten"
        );
        assert_eq!(from_journal, recovered.len(), "{context}");
        if from_journal > 0 {
            let notice = recovered_notice(from_journal);
            assert!(
                opened.notices.iter().any(|n| n.contains(&notice)),
                "{context}: no notice '{notice}' in {:?}",
                opened.notices
            );
        }
        if opened.notices.iter().any(|n| n.contains("cut short")) {
            cut_short += 1;
        }
        // A draft that is the start of a line already recorded would come back in the
        // composer and be recorded twice (see `a_recorded_line_does_not_come_back_as_a_draft`).
        if let Some(draft) = &opened.draft
            && recovered.iter().any(|r| r.starts_with(draft.as_str()))
            && !typed
                .get(recovered.len())
                .is_some_and(|next| next.starts_with(draft.as_str()))
        {
            stale_drafts += 1;
        }

        typed_total += typed.len();
        shown_saved_total += shown_saved;
        recovered_total += recovered.len();
        if recovered.len() > shown_saved {
            mid_write += 1;
        }
        if kept.len() < 2 && from_journal > 0 {
            kept.push(Trial {
                dir,
                path,
                typed,
                recovered,
                from_journal,
            });
        }
    }
    let elapsed = started.elapsed();

    // The binary recovers them too, and says so.
    for trial in &kept {
        let file = trial.path.display().to_string();
        let mut scribe = console(trial.dir.path(), &["open", &file], (200, 24));
        let notice = recovered_notice(trial.from_journal);
        let screen = scribe.wait_for("the recovered entries and the notice", |s| {
            s.footer.contains("had not quit cleanly")
                && s.footer.contains(&notice)
                && trial.recovered.iter().all(|line| shows_saved(s, line))
        });
        for line in &trial.typed[trial.recovered.len()..] {
            assert!(
                !entry_rows(&screen).iter().any(|(t, _)| t == line),
                "'{line}' was not read back, yet shows:\n{}",
                screen.dump()
            );
        }
        if !screen.composer.is_empty() {
            // A draft came back: clear it (Ctrl-C) so that /quit is typed on an empty line.
            scribe.send("\x03");
            scribe.wait_for("an empty composer", |s| s.composer.is_empty());
        }
        scribe.quit();
        drop(scribe);
        let opened = scribe::store::open(&trial.path).expect("open the closed meeting");
        assert_eq!(
            opened.in_snapshot,
            opened.events.len(),
            "{:?}",
            opened.notices
        );
        assert_eq!(entries(&trial.path), trial.recovered);
        assert!(!journal_path(&trial.path).exists());
    }
    assert!(
        kept.len() == 2 || trials < 10,
        "fewer than two of {trials} trials left events in the journal"
    );

    println!(
        "crash test: {trials} trials in {:.1} s (seed {seed:#x}): {typed_total} entries typed, \
         {shown_saved_total} shown as saved, {recovered_total} recovered; {mid_write} trials \
         killed mid-write (recovered > shown as saved), {cut_short} with a journal line cut \
         short, {stale_drafts} with a draft of a line already recorded",
        elapsed.as_secs_f64()
    );
}

/// A large meeting (events from `generator`, then Ana given the floor), written through the
/// real store: its path, and its events.
fn large_meeting_in(dir: &Path, n: usize) -> (PathBuf, Vec<Stamped>) {
    let path = dir.join(format!("large{n}.ron"));
    let mut events = generator::events(n);
    let at = events.last().map_or_else(at, |e| e.at);
    events.push(Stamped {
        at,
        event: Event::AttendeeAdded(Box::new(AttendeeAdded {
            name: "Ana".into(),
            capacity: None,
            label: None,
            aliases: vec![],
            group: None,
        })),
    });
    events.push(Stamped {
        at,
        event: Event::FloorGiven {
            attendee: Id(n as u32),
        },
    });
    generator::write_events(&path, events.clone(), 1000).expect("write the large meeting");
    (path, events)
}

/// Ana's entries in the minutes pane (the large meeting's older ones aside), with whether
/// each shows as saved.
fn ana_rows(s: &Snapshot) -> Vec<(String, bool)> {
    s.minutes
        .iter()
        .filter(|row| row.get(6..).is_some_and(|rest| rest.starts_with("Ana: ")))
        .filter_map(|row| entry_row(row))
        .collect()
}

/// Crash trials across compactions in large meetings: killed (SIGKILL) at random moments while
/// lines are typed into a meeting of 10,000 events — the first trial 100,000 — whose journal is
/// folded into the meeting file every 2 events (`SCRIBE_COMPACT_LINES`, honoured by test
/// builds), so that kills land in the middle of writing events into the meeting file in place,
/// and of emptying the journal. Whatever the screen showed as saved comes back; what comes
/// back is the meeting as it was followed by the typed lines, in order; the meeting file opens
/// for writing (never damaged), and a clean quit leaves it whole, with no journal.
/// `SCRIBE_CRASH_TRIALS_LARGE` sets how many trials (default 8).
#[test]
fn killed_across_compactions_of_a_large_meeting_loses_nothing() {
    let trials = env_number("SCRIBE_CRASH_TRIALS_LARGE", 8);
    let seed = env_number("SCRIBE_CRASH_SEED", 0x5C81_BE00_D15C) ^ 0x1A59E;
    let mut rng = Rng::new(seed);
    let base = tempfile::tempdir().expect("temporary folder");
    let (large, large_events) = large_meeting_in(base.path(), 100_000);
    let (medium, medium_events) = large_meeting_in(base.path(), 10_000);
    let started = Instant::now();
    let (mut shown_total, mut recovered_total, mut notices) = (0, 0, 0);
    for trial in 0..trials {
        let (source, before) = if trial == 0 {
            (&large, &large_events)
        } else {
            (&medium, &medium_events)
        };
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join("m.ron");
        std::fs::copy(source, &path).expect("copy the meeting");
        let file = path.display().to_string();
        let context = format!("large trial {trial} (SCRIBE_CRASH_SEED={seed:#x})");
        let mut scribe = Scribe::start_with_env(
            dir.path(),
            &["open", &file],
            (80, 24),
            &[("SCRIBE_COMPACT_LINES", "2")],
        );
        let lines = usize::try_from(rng.range(4, MAX_LINES as u64)).expect("a count");
        let mut typed = Vec::new();
        for i in 0..lines {
            std::thread::sleep(Duration::from_micros(rng.range(0, 25_000)));
            let line = format!("entry {i} of large trial {trial}.");
            scribe.type_line(&line);
            typed.push(line);
        }
        // Half the time while the last lines are being written (a few milliseconds).
        let pause = if rng.next().is_multiple_of(2) {
            6_000
        } else {
            30_000
        };
        std::thread::sleep(Duration::from_micros(rng.range(0, pause)));
        kill(&mut scribe);

        let screen = scribe.snapshot();
        let shown_saved = ana_rows(&screen)
            .iter()
            .filter(|(_, saved)| *saved)
            .filter_map(|(text, _)| typed.iter().position(|t| t == text))
            .map(|i| i + 1)
            .max()
            .unwrap_or(0);
        let opened = scribe::store::disk::open_for_writing(&path, 64 << 20)
            .unwrap_or_else(|e| panic!("{context}: the killed meeting does not open: {e}"));
        assert_eq!(
            opened.events[..before.len()],
            before[..],
            "{context}: the meeting before the trial did not come back as it was"
        );
        let recovered: Vec<String> = opened.events[before.len()..]
            .iter()
            .filter_map(|e| match &e.event {
                Event::StatementRecorded { text, .. } => Some(text.to_string()),
                _ => None,
            })
            .collect();
        assert!(
            recovered.len() <= typed.len() && recovered[..] == typed[..recovered.len()],
            "{context}: read back {recovered:?}, which is not the start of {typed:?}"
        );
        assert!(
            recovered.len() >= shown_saved,
            "{context}: {shown_saved} shown as saved, {} read back; the last screen:\n{}",
            recovered.len(),
            screen.dump()
        );
        // Killed while events were written into the meeting file (it was cut short), or
        // between that and emptying the journal (it holds lines the file has too).
        let journal = scribe::store::journal::read(&journal_path(&path)).expect("the journal");
        if opened
            .notices
            .iter()
            .any(|n| n.contains("while new events were being written"))
            || journal
                .events
                .iter()
                .any(|(seq, _)| *seq < opened.in_snapshot)
        {
            notices += 1;
        }
        shown_total += shown_saved;
        recovered_total += recovered.len();
        if trial + 1 == trials {
            // Opened again and quit cleanly: the meeting file whole, the journal gone.
            let mut scribe = console(dir.path(), &["open", &file], (80, 24));
            scribe.quit();
            drop(scribe);
            let reopened = scribe::store::open(&path).expect("open the closed meeting");
            assert_eq!(reopened.events, opened.events);
            assert_eq!(reopened.in_snapshot, reopened.events.len());
            assert!(reopened.notices.is_empty(), "{:?}", reopened.notices);
            assert!(!journal_path(&path).exists());
        }
    }
    println!(
        "large crash test: {trials} trials in {:.1} s (seed {seed:#x}): {shown_total} entries \
         shown as saved, {recovered_total} recovered; {notices} killed while the journal was being \
         folded into the meeting file",
        started.elapsed().as_secs_f64()
    );
}

/// A line typed, recorded and saved must not come back in the composer after a crash: the
/// note-taker would press Enter and record it twice.
#[test]
fn a_recorded_line_does_not_come_back_as_a_draft() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let (path, file) = meeting_in(dir.path());
    let mut scribe = Scribe::start(dir.path(), &["open", &file], (80, 24));
    scribe.send("half a sentence");
    scribe.wait_for("the half sentence in the composer", |s| {
        s.composer == ["half a sentence"]
    });
    // The draft is on disk (written at most every two seconds).
    let deadline = Instant::now() + TIMEOUT;
    while std::fs::read_to_string(draft_path(&path)).ok().as_deref() != Some("half a sentence") {
        assert!(Instant::now() < deadline, "the draft was never written");
        scribe.pump();
    }
    scribe.send(", and its end.\r");
    scribe.wait_for("the whole sentence saved", |s| {
        s.composer.is_empty() && shows_saved(s, "half a sentence, and its end.")
    });
    kill(&mut scribe);

    let opened = scribe::store::open(&path).expect("open the killed meeting");
    assert_eq!(entries(&path), ["half a sentence, and its end."]);
    assert_eq!(
        opened.draft, None,
        "the draft of a line already recorded and saved survived the crash"
    );
    let mut scribe = console(dir.path(), &["open", &file], (80, 24));
    let screen = scribe.wait_for("the reopened meeting", |s| {
        shows_saved(s, "half a sentence, and its end.")
    });
    assert!(
        screen.composer.is_empty(),
        "the composer holds a line already recorded:\n{}",
        screen.dump()
    );
}

/// The notice after a crash must be readable at 80x24, the smallest size scribe supports:
/// that the last session did not quit cleanly, and how many events came back from the journal.
#[test]
fn the_recovery_notice_can_be_read_at_80x24() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let (_path, file) = meeting_in(dir.path());
    let mut scribe = Scribe::start(dir.path(), &["open", &file], (80, 24));
    enter_saved(&mut scribe, "a line before the crash.");
    kill(&mut scribe);
    let mut scribe = console(dir.path(), &["open", &file], (80, 24));
    let screen = scribe.wait_for("the reopened meeting", |s| {
        shows_saved(s, "a line before the crash.")
    });
    for text in ["had not quit cleanly", "1 event recovered from the journal"] {
        assert!(
            says(&screen, text),
            "'{text}' cannot be read at 80x24:\n{}",
            screen.dump()
        );
    }
}

// ----------------------------------------------------------------------------------------------
// Signals

/// Types two lines and waits until they are saved, then half a line, and waits until the
/// composer shows it.
fn two_lines_and_a_half(scribe: &mut Scribe) {
    enter_saved(scribe, "first line.");
    enter_saved(scribe, "second line.");
    scribe.send("half a line");
    scribe.wait_for("the half line in the composer", |s| {
        s.composer == ["half a line"]
    });
}

/// Checks what a clean stop left: the meeting file alone holds the lines, the draft the half
/// line, no journal, no lock; reopening shows the half line in the composer.
fn check_clean_stop(dir: &Path, path: &Path, lines: &[&str], draft: Option<&str>) {
    let opened = scribe::store::open(path).expect("open the stopped meeting");
    assert_eq!(entries(path), lines);
    assert_eq!(
        opened.in_snapshot,
        opened.events.len(),
        "{:?}",
        opened.notices
    );
    assert!(opened.notices.is_empty(), "{:?}", opened.notices);
    assert_eq!(opened.draft.as_deref(), draft);
    assert!(!journal_path(path).exists(), "the journal is left");
    assert!(!lock_path(path).exists(), "the lock file is left");

    let file = path.display().to_string();
    let mut scribe = console(dir, &["open", &file], (80, 24));
    let expected: Vec<String> = draft.into_iter().map(String::from).collect();
    let screen = scribe.wait_for("the lines and the draft", |s| {
        lines.iter().all(|line| shows_saved(s, line)) && s.composer == expected
    });
    assert!(
        !screen.footer.contains("had not quit cleanly"),
        "{}",
        screen.dump()
    );
    if draft.is_some() {
        // Finish the line: it is recorded, and the draft goes.
        scribe.send(" and its end.\r");
        let line = format!("{} and its end.", draft.unwrap_or_default());
        scribe.wait_for("the finished line saved", |s| {
            s.composer.is_empty() && shows_saved(s, &line) && header_saved(s)
        });
    }
    scribe.quit();
    drop(scribe);
    assert_eq!(scribe::store::open(path).expect("reopen").draft, None);
    assert!(!draft_path(path).exists(), "the draft is left after a quit");
}

/// SIGHUP (the SSH connection dropped), SIGTERM and SIGINT: the events and the half-typed line
/// are kept, the terminal is given back, the reason is said, nothing is left behind. Each
/// signal is sent once after the lines are shown saved, and once straight after typing,
/// without waiting for the disk (what the screen showed is kept either way).
#[test]
fn signals_save_events_and_draft_and_restore_the_terminal() {
    let signals = [
        (libc::SIGHUP, "SIGHUP"),
        (libc::SIGTERM, "SIGTERM"),
        (libc::SIGINT, "SIGINT"),
    ];
    for (signal, name) in signals {
        for wait_for_disk in [true, false] {
            let case = format!("{name}, waiting for the disk: {wait_for_disk}");
            let dir = tempfile::tempdir().expect("temporary folder");
            let (path, file) = meeting_in(dir.path());
            let mut scribe = Scribe::start(dir.path(), &["open", &file], (80, 24));
            let lines = ["one.", "two.", "three."];
            for line in lines {
                if wait_for_disk {
                    enter_saved(&mut scribe, line);
                } else {
                    scribe.type_line(line);
                }
            }
            scribe.send("half a line");
            scribe.wait_for("the lines and the half line", |s| {
                lines
                    .iter()
                    .all(|line| entry_rows(s).iter().any(|(t, _)| t == line))
                    && s.composer == ["half a line"]
            });
            scribe.signal(signal);
            let success = finish(&mut scribe);
            let screen = scribe.snapshot();
            assert!(success, "{case}: not a success:\n{}", screen.dump());
            assert!(
                !screen.alternate_screen && !screen.bracketed_paste,
                "{case}: the terminal was not given back:\n{}",
                screen.dump()
            );
            assert!(
                says(&screen, &format!("Saved {file}"))
                    && says(&screen, &format!("stopped by {name}")),
                "{case}:\n{}",
                screen.dump()
            );
            drop(scribe);
            check_clean_stop(dir.path(), &path, &lines, Some("half a line"));
        }
    }
}

/// The SSH connection drops: the terminal hangs up under scribe (SIGHUP, and every read and
/// write on it fails from then on). The same clean stop, though nothing can be shown any more.
#[test]
fn a_terminal_that_hangs_up_saves_events_and_draft() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let (path, file) = meeting_in(dir.path());
    let mut scribe = Scribe::start(dir.path(), &["open", &file], (80, 24));
    two_lines_and_a_half(&mut scribe);
    scribe.hang_up();
    let deadline = Instant::now() + TIMEOUT;
    let status = loop {
        if let Some(status) = scribe.child.try_wait().expect("poll the child") {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "scribe did not exit within {TIMEOUT:?} of the hang-up"
        );
        std::thread::sleep(common::pty::POLL);
    };
    drop(scribe);
    // Whatever happened next, the events and the half line were written first.
    assert_eq!(entries(&path), ["first line.", "second line."]);
    let draft = scribe::store::open(&path).expect("open the meeting").draft;
    assert_eq!(draft.as_deref(), Some("half a line"));
    let left = names(dir.path());
    let crash_reports: String = files(dir.path())
        .into_iter()
        .filter(|(name, _)| name.starts_with("scribe-crash-"))
        .map(|(name, bytes)| format!("{name}:\n{}\n", String::from_utf8_lossy(&bytes)))
        .collect();
    assert!(
        status.success(),
        "after the hang-up scribe exited with {status:?}; the folder holds {left:?}\n\
         {crash_reports}"
    );
    assert_eq!(left, ["m.ron", "m.ron.draft"], "after the hang-up");
    check_clean_stop(
        dir.path(),
        &path,
        &["first line.", "second line."],
        Some("half a line"),
    );
}

// ----------------------------------------------------------------------------------------------
// One writer; followers

#[test]
fn a_second_writer_is_refused_and_can_follow() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let (path, file) = meeting_in(dir.path());
    let mut writer = Scribe::start(dir.path(), &["open", &file], (80, 24));
    let writer_pid = writer.pid();
    enter_saved(&mut writer, "before the second scribe.");

    // Refused, told who holds it; "n" leaves.
    let mut second = Scribe::spawn(dir.path(), &["open", &file], (80, 24));
    let holder = format!("{file} is being minuted by process {writer_pid} on ");
    second.wait_for("the question", |s| {
        says(s, &holder) && says(s, "Follow it read-only instead? [Y/n]")
    });
    let before = files(dir.path());
    second.type_line("n");
    let success = finish(&mut second);
    let screen = second.snapshot();
    assert!(
        !success,
        "answering no: exited with success:\n{}",
        screen.dump()
    );
    assert!(
        says(&screen, "is in use; `scribe follow` shows it read-only"),
        "{}",
        screen.dump()
    );
    assert_eq!(
        files(dir.path()),
        before,
        "the refused scribe changed files"
    );
    drop(second);

    // Asked again, Enter (yes) follows.
    let mut follower = Scribe::spawn(dir.path(), &["open", &file], (80, 24));
    let follower_pid = follower.pid();
    follower.wait_for("the question", |s| says(s, &holder));
    follower.type_line("");
    follower.wait_for("the follow view", |s| {
        is_console(s)
            && s.rule.contains("read-only")
            && s.rows[0].ends_with("following, read-only")
            && s.minutes_show("before the second scribe.")
    });
    assert_eq!(files(dir.path()), before, "the follower changed files");

    let latency = follow_latency(&mut writer, &mut follower, "seen by the follower.");
    println!("follower latency (for information): {latency:?}");
    let screen = follower.snapshot();
    assert!(
        !entry_rows(&screen).iter().any(|(_, saved)| !saved),
        "the follower marks entries as not saved:\n{}",
        screen.dump()
    );

    let lock = std::fs::read_to_string(lock_path(&path)).expect("read the lock file");
    assert!(lock.contains(&format!("pid:{writer_pid},")), "{lock}");
    assert!(!lock.contains(&format!("pid:{follower_pid},")), "{lock}");
    let before = files(dir.path());
    follower.send("q");
    let success = finish(&mut follower);
    assert!(success, "q: {}", follower.snapshot().dump());
    assert_eq!(
        files(dir.path()),
        before,
        "the follower wrote on its way out"
    );
    drop(follower);

    writer.quit();
    drop(writer);
    assert_eq!(names(dir.path()), ["m.ron"]);
    assert_eq!(
        entries(&path),
        ["before the second scribe.", "seen by the follower."]
    );
}

#[test]
fn a_stale_lock_is_taken_over() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let (path, file) = meeting_in(dir.path());
    let mut first = Scribe::start(dir.path(), &["open", &file], (80, 24));
    let first_pid = first.pid();
    enter_saved(&mut first, "before the crash.");
    enter_saved(&mut first, "just before the crash.");
    kill(&mut first);
    drop(first);
    let lock = std::fs::read_to_string(lock_path(&path)).expect("the lock file is left");
    assert!(lock.contains(&format!("pid:{first_pid},")), "{lock}");
    assert_eq!(scribe::store::lock::holder(&path), None, "nobody holds it");

    // No question: the console comes up at once, saying what happened.
    let mut second = console(dir.path(), &["open", &file], (160, 24));
    let previous = format!("the previous session (process {first_pid} on ");
    let screen = second.wait_for("the notice and the entries", |s| {
        s.footer.contains("had not quit cleanly")
            && shows_saved(s, "before the crash.")
            && shows_saved(s, "just before the crash.")
    });
    assert!(screen.footer.contains(&previous), "{}", screen.dump());
    assert!(
        screen
            .footer
            .contains("2 events recovered from the journal"),
        "{}",
        screen.dump()
    );
    let lock = std::fs::read_to_string(lock_path(&path)).expect("the lock file");
    assert!(lock.contains(&format!("pid:{},", second.pid())), "{lock}");
    enter_saved(&mut second, "after the crash.");
    second.quit();
    drop(second);
    assert_eq!(
        entries(&path),
        [
            "before the crash.",
            "just before the crash.",
            "after the crash."
        ]
    );
    assert_eq!(names(dir.path()), ["m.ron"]);
}

#[test]
fn scribe_follow_sees_new_entries_in_order_across_sessions() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let (path, file) = meeting_in(dir.path());
    let mut writer = Scribe::start(dir.path(), &["open", &file], (80, 24));
    enter_saved(&mut writer, "before the follower.");
    let mut follower = console(dir.path(), &["follow", &file], (80, 24));
    follower.wait_for("the follow view", |s| {
        s.rule.contains("read-only") && s.minutes_show("before the follower.")
    });
    let before = files(dir.path());
    let mut worst = Duration::ZERO;
    for i in 0..5 {
        let line = format!("followed line {i}.");
        worst = worst.max(follow_latency(&mut writer, &mut follower, &line));
    }
    println!("follower latency, worst of 5 (for information): {worst:?}");
    assert_ne!(files(dir.path()), before);

    assert!(
        follower.snapshot().rule.contains("minuted by process"),
        "the follower says who minutes: {}",
        follower.snapshot().dump()
    );

    // The writer quits (the journal is folded into a new meeting file): the follower says so;
    // another session continues: the follower goes on, without losing or doubling anything.
    writer.quit();
    drop(writer);
    follower.wait_for("the writer's quit", |s| {
        s.rule.contains("nobody is minuting") && s.contains("the scribe has quit")
    });
    let mut writer = console(dir.path(), &["open", &file], (80, 24));
    follower.wait_for("the writer back", |s| s.rule.contains("minuted by process"));
    let latency = follow_latency(&mut writer, &mut follower, "after a new session.");
    println!("follower latency after a new session (for information): {latency:?}");
    let screen = follower.snapshot();
    let shown: Vec<String> = entry_rows(&screen).into_iter().map(|(t, _)| t).collect();
    let mut expected = vec!["before the follower.".to_string()];
    expected.extend((0..5).map(|i| format!("followed line {i}.")));
    expected.push("after a new session.".into());
    assert_eq!(shown, expected, "{}", screen.dump());
    assert!(!screen.footer.contains("cannot read"), "{}", screen.dump());
    follower.send("q");
    assert!(finish(&mut follower), "{}", follower.snapshot().dump());
    drop(follower);
    writer.quit();
    drop(writer);
    assert_eq!(entries(&path), expected);
}

/// A follower of a meeting of 10,000 events whose journal is folded into the meeting file every
/// 2 events (`SCRIBE_COMPACT_LINES`): lines typed one by one and in a burst all show, once, in
/// order, as the writer's compactions write them into the meeting file in place and empty the
/// journal under the follower; the writer's quit changes nothing it shows.
#[test]
fn a_follower_of_a_large_meeting_sees_every_line_across_compactions() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let (path, _) = large_meeting_in(dir.path(), 10_000);
    let file = path.display().to_string();
    let env = [("SCRIBE_COMPACT_LINES", "2")];
    let mut writer = Scribe::start_with_env(dir.path(), &["open", &file], (80, 24), &env);
    let mut follower = console(dir.path(), &["follow", &file], (80, 24));
    let mut typed = Vec::new();
    let mut worst = Duration::ZERO;
    for i in 0..8 {
        let line = format!("followed line {i}.");
        worst = worst.max(follow_latency(&mut writer, &mut follower, &line));
        typed.push(line);
    }
    println!("follower latency across compactions, worst of 8 (for information): {worst:?}");
    for i in 8..14 {
        let line = format!("followed line {i}.");
        writer.type_line(&line);
        typed.push(line);
    }
    let last = typed.last().cloned().unwrap_or_default();
    follower.wait_for("the burst", |s| s.minutes_show(&last));
    writer.quit();
    drop(writer);
    let screen = follower.snapshot();
    let shown: Vec<String> = ana_rows(&screen).into_iter().map(|(t, _)| t).collect();
    assert_eq!(shown, typed, "{}", screen.dump());
    assert!(!screen.footer.contains("cannot read"), "{}", screen.dump());
    follower.send("q");
    assert!(finish(&mut follower), "{}", follower.snapshot().dump());
}

// ----------------------------------------------------------------------------------------------
// A disk that refuses writes

/// The file-size limit standing in for a full disk, in bytes: a few dozen journal lines.
#[cfg(target_os = "linux")]
const LIMIT: u64 = 2048;

/// Starts `scribe open FILE` with a file-size limit of [`LIMIT`] bytes (soft, so that it can be
/// raised again) and SIGXFSZ ignored, so that a write past the limit fails with EFBIG ("File
/// too large") instead of killing scribe. Both survive the shell's `exec`.
#[cfg(target_os = "linux")]
fn limited_console(dir: &Path, file: &str) -> Scribe {
    let script = format!(
        "ulimit -S -f {} && trap '' XFSZ && exec \"$0\" \"$@\"",
        LIMIT / 512
    );
    let mut scribe = Scribe::spawn_program(
        dir,
        "/bin/sh",
        &["-c", &script, BIN, "open", file],
        (120, 30),
        &[],
    );
    scribe.wait_for("the console", is_console);
    let limits = std::fs::read_to_string(format!("/proc/{}/limits", scribe.pid()))
        .expect("read the child's limits");
    let fsize = limits
        .lines()
        .find(|l| l.starts_with("Max file size"))
        .unwrap_or_default();
    assert_eq!(
        fsize.split_whitespace().nth(3),
        Some(LIMIT.to_string().as_str()),
        "{limits}"
    );
    scribe
}

/// Sets the soft file-size limit of process `pid` (None: no limit).
#[cfg(target_os = "linux")]
fn set_file_size_limit(pid: u32, bytes: Option<u64>) {
    let pid = libc::pid_t::try_from(pid).expect("a pid");
    let mut old = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: prlimit(2) reads and writes only the rlimit structs passed.
    let read = unsafe { libc::prlimit(pid, libc::RLIMIT_FSIZE, std::ptr::null(), &mut old) };
    assert_eq!(read, 0, "prlimit: {}", std::io::Error::last_os_error());
    let new = libc::rlimit {
        rlim_cur: bytes.unwrap_or(libc::RLIM_INFINITY),
        rlim_max: old.rlim_max,
    };
    // SAFETY: as above.
    let set = unsafe { libc::prlimit(pid, libc::RLIMIT_FSIZE, &new, std::ptr::null_mut()) };
    assert_eq!(set, 0, "prlimit: {}", std::io::Error::last_os_error());
}

/// Types lines until the header says NOT SAVED; returns the lines shown as saved and the one
/// that was not. Checks the footer says why.
#[cfg(target_os = "linux")]
fn fill_the_disk(scribe: &mut Scribe) -> (Vec<String>, String) {
    let mut saved = Vec::new();
    for i in 0..200 {
        let line = format!("entry {i} before the disk filled.");
        scribe.type_line(&line);
        let screen = scribe.wait_for(&format!("'{line}' saved or not"), |s| {
            s.composer.is_empty()
                && (header_saved(s) && shows_saved(s, &line)
                    || header_not_saved(s) && shows_unsaved(s, &line))
        });
        if header_not_saved(&screen) {
            assert!(
                screen.footer.contains("cannot save") && screen.footer.contains("File too large"),
                "the footer does not say why:\n{}",
                screen.dump()
            );
            return (saved, line);
        }
        saved.push(line);
    }
    panic!("200 entries and the limit of {LIMIT} bytes was never reached");
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_keeps_the_meeting_in_memory_and_rescues_it() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let (path, file) = meeting_in(dir.path());
    let mut scribe = limited_console(dir.path(), &file);
    let pid = scribe.pid();
    let (saved, refused) = fill_the_disk(&mut scribe);
    assert!(!saved.is_empty(), "nothing could be saved at all");
    let mut all = saved.clone();
    all.push(refused);
    for i in 0..2 {
        let line = format!("entry {i} after the disk filled.");
        scribe.type_line(&line);
        scribe.wait_for(&format!("'{line}' marked as not saved"), |s| {
            s.composer.is_empty() && shows_unsaved(s, &line) && header_not_saved(s)
        });
        all.push(line);
    }
    // On disk meanwhile: exactly what was shown as saved, nothing half-written.
    let opened = scribe::store::open(&path).expect("open the meeting while the disk is full");
    assert_eq!(entries(&path), saved);
    assert!(
        !opened.notices.iter().any(|n| n.contains("cut short")),
        "{:?}",
        opened.notices
    );

    // At quit, scribe says it could not save and asks where to write the whole meeting.
    scribe.type_line("/quit");
    let question = format!("Write the whole meeting to another file (empty: {file}.rescued):");
    let unsaved = all.len() - saved.len();
    let screen = scribe.wait_for("the rescue question", |s| says(s, &question));
    assert!(!screen.alternate_screen, "{}", screen.dump());
    assert!(
        says(
            &screen,
            &format!("scribe could not save the last {unsaved} events to {file}")
        ),
        "{}",
        screen.dump()
    );
    // Every answer gets its reply and the question again, until one can be written. The
    // limit holds for every file scribe writes, so the first answer fails too.
    let first = dir.path().join("rescue-1.ron");
    let missing = dir.path().join("no such folder").join("rescue.ron");
    let answers = [
        (
            first.display().to_string(),
            "Cannot write there either".to_string(),
        ),
        (file.clone(), format!("{file} exists; choose another name.")),
        (
            missing.display().to_string(),
            format!("Cannot write there either: {}", missing.display()),
        ),
    ];
    for (asked, (answer, reply)) in answers.iter().enumerate() {
        scribe.type_line(answer);
        scribe.wait_for(&format!("'{reply}' and the question again"), |s| {
            says(s, reply)
                && squash(&s.rows.concat()).matches(&squash(&question)).count() > asked + 1
        });
    }
    let left = names(dir.path());
    assert!(
        !left.iter().any(|name| name.contains("rescue")),
        "a failed rescue left something behind: {left:?}"
    );
    // Room again: the next answer is written.
    set_file_size_limit(pid, None);
    let second = dir.path().join("rescue-2.ron");
    scribe.type_line(&second.display().to_string());
    let success = finish(&mut scribe);
    let screen = scribe.snapshot();
    assert!(!success, "a rescued meeting exited with success");
    assert!(
        says(
            &screen,
            &format!("The whole meeting was written to {}", second.display())
        ),
        "{}",
        screen.dump()
    );
    drop(scribe);
    assert_eq!(entries(&second), all, "the rescued meeting");
    assert_eq!(entries(&path), saved, "the original meeting file");
    assert!(!lock_path(&path).exists(), "the lock file is left");
}

#[cfg(target_os = "linux")]
#[test]
fn a_disk_with_room_again_gets_what_waited() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let (path, file) = meeting_in(dir.path());
    let mut scribe = limited_console(dir.path(), &file);
    let (mut all, refused) = fill_the_disk(&mut scribe);
    all.push(refused);
    let line = "entry typed while the disk is full.".to_string();
    scribe.type_line(&line);
    scribe.wait_for("the entry marked as not saved", |s| {
        shows_unsaved(s, &line) && header_not_saved(s)
    });
    all.push(line);
    set_file_size_limit(scribe.pid(), None);
    // Retried every few seconds without anything new typed.
    let screen = scribe.wait_for("everything saved", |s| {
        header_saved(s) && entry_rows(s).iter().all(|(_, saved)| *saved)
    });
    assert!(
        screen.footer.contains("saving works again"),
        "{}",
        screen.dump()
    );
    assert_eq!(entries(&path), all);
    scribe.quit();
    drop(scribe);
    assert_eq!(entries(&path), all);
    assert_eq!(names(dir.path()), ["m.ron"]);
}

/// The same with a folder that becomes read-only before anything is written in this session
/// (the journal cannot be created). Root ignores permission bits, so this runs only for other
/// users.
#[cfg(unix)]
#[test]
fn a_read_only_folder_keeps_the_meeting_in_memory_and_rescues_it() {
    use std::os::unix::fs::PermissionsExt;
    // SAFETY: geteuid(2) cannot fail and touches no memory.
    if unsafe { libc::geteuid() } == 0 {
        println!(
            "skipped a_read_only_folder_keeps_the_meeting_in_memory_and_rescues_it: running as \
             root, which ignores permission bits (the file-size limit tests stand in)"
        );
        return;
    }
    let dir = tempfile::tempdir().expect("temporary folder");
    let folder = dir.path().join("meetings");
    std::fs::create_dir(&folder).expect("create the folder");
    let (path, file) = meeting_in(&folder);
    let mut scribe = Scribe::start(dir.path(), &["open", &file], (160, 30));
    /// Gives the folder its permissions back, whatever happens.
    struct Writable<'a>(&'a Path);
    impl Drop for Writable<'_> {
        fn drop(&mut self) {
            let _ = std::fs::set_permissions(self.0, std::fs::Permissions::from_mode(0o755));
        }
    }
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555))
        .expect("make the folder read-only");
    let _writable = Writable(&folder);

    let line = "entry in a read-only folder.";
    scribe.type_line(line);
    let screen = scribe.wait_for("NOT SAVED", |s| {
        header_not_saved(s) && shows_unsaved(s, line)
    });
    assert!(
        screen.footer.contains("cannot save") && screen.footer.contains("ermission denied"),
        "{}",
        screen.dump()
    );
    scribe.type_line("/quit");
    let question = format!("Write the whole meeting to another file (empty: {file}.rescued):");
    scribe.wait_for("the rescue question", |s| says(s, &question));
    let rescued = dir.path().join("rescued.ron");
    scribe.type_line(&rescued.display().to_string());
    let success = finish(&mut scribe);
    let screen = scribe.snapshot();
    assert!(!success, "a rescued meeting exited with success");
    assert!(
        says(
            &screen,
            &format!("The whole meeting was written to {}", rescued.display())
        ),
        "{}",
        screen.dump()
    );
    drop(scribe);
    assert_eq!(entries(&rescued), [line]);
    assert_eq!(entries(&path), Vec::<String>::new());
}

/// `scribe` with no arguments, after a crash, offers to reopen the meeting it left, and does
/// so on Enter; saying no starts a new meeting instead.
#[test]
fn scribe_alone_offers_to_reopen_an_unfinished_meeting() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let (path, file) = meeting_in(dir.path());
    let mut first = Scribe::start(dir.path(), &["open", &file], (100, 24));
    enter_saved(&mut first, "said before the crash.");
    kill(&mut first);
    drop(first);

    let mut again = Scribe::spawn(dir.path(), &[], (100, 24));
    again.wait_for("the offer to reopen", |s| {
        s.contains("The last meeting was not closed") && s.contains("Reopen it?")
    });
    again.send("\r");
    again.wait_for("the reopened meeting", |s| {
        is_console(s) && shows_saved(s, "said before the crash.")
    });
    again.quit();
    drop(again);

    // Quit cleanly, it is still unfinished (not closed) and recent: offered again; "n" starts
    // a new, empty meeting beside it, which leaves nothing behind when quit without a word.
    let mut fresh = Scribe::spawn(dir.path(), &[], (100, 24));
    fresh.wait_for("the offer again", |s| s.contains("Reopen it?"));
    fresh.send("n\r");
    fresh.wait_for("a new meeting", |s| {
        is_console(s) && s.contains("No entries yet")
    });
    fresh.quit_saying("was not kept");
    let left = names(dir.path());
    assert_eq!(
        left.iter().filter(|name| name.ends_with(".ron")).count(),
        1,
        "{left:?}"
    );
    assert!(
        left.iter().all(|name| !name.starts_with("2012-")),
        "nothing of the empty meeting is left: {left:?}"
    );
    assert_eq!(entries(&path), ["said before the crash."]);
}

/// Every file scribe writes beside a meeting is private to the user, and so is a folder it
/// creates.
#[test]
fn files_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temporary folder");
    let folder = dir.path().join("meetings");
    let file = folder.join("m.ron").display().to_string();
    let mut scribe = Scribe::start(dir.path(), &["new", "-o", &file], (100, 24));
    scribe.enter("/attendee Ana", "Ana added");
    scribe.send("a draft");
    scribe.wait_for("the draft", |s| s.composer == ["a draft"]);
    // The journal, the lock and (within two seconds) the draft exist while scribe runs.
    let deadline = Instant::now() + TIMEOUT;
    while !folder.join("m.ron.draft").exists() {
        assert!(Instant::now() < deadline, "no draft: {:?}", names(&folder));
        std::thread::sleep(common::pty::POLL);
    }
    let mode = |name: &str| {
        std::fs::metadata(folder.join(name))
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .permissions()
            .mode()
            & 0o777
    };
    assert_eq!(mode(""), 0o700, "the folder");
    for name in ["m.ron", "m.ron.journal", "m.ron.lock", "m.ron.draft"] {
        assert_eq!(mode(name), 0o600, "{name}");
    }
    scribe.signal(libc::SIGTERM);
    assert!(finish(&mut scribe));
}
