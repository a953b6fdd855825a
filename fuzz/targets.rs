//! The bodies of the fuzz targets, as plain functions of the bytes they are given. The
//! cargo-fuzz targets in `fuzz_targets/` call them; `cargo test` runs every file of the
//! committed corpus (`fuzz/corpus/TARGET/`) through them too (`tests/hardening.rs`), so a crash
//! once found stays a test. They assert properties, not only the absence of a panic:
//!
//! - `loader`: any bytes as a meeting file. What is read back saves and reads back the same;
//!   the file cut anywhere gives back a prefix of its events.
//! - `journal`: any bytes as a journal, merged with a meeting file; and a real journal built from
//!   the bytes — lines that overlap the meeting file, lines written twice, cut at any byte — gives
//!   back exactly the events of its complete lines, in order.
//! - `command`: the bytes as lines typed in the composer of a meeting with a roster and an
//!   agenda. Never a panic; the events recorded fold to the same meeting from scratch, and
//!   save and read back the same.
//! - `console`: the bytes as keys, pastes, resizes (tiny sizes too), time and save reports
//!   through the keymap, `update` and the view. Never a panic; the meeting on screen is the fold
//!   of its events, and every event recorded is handed to the saver exactly once.
//!
//! Nothing here may use anything but `scribe`'s public interface.

use std::path::Path;

use scribe::command::{Command, Outcome, decide, parse};
use scribe::meeting::{Event, Log, Meeting, Stamped, Timestamp};
use scribe::store::disk::merge;
use scribe::store::file::{from_bytes, from_ron, to_ron};
use scribe::store::journal::{encode, parse_bytes};

fn at(seconds: i64) -> Timestamp {
    chrono::DateTime::from_timestamp(1_330_419_600 + seconds, 0)
        .unwrap_or_default()
        .fixed_offset()
}

/// Any bytes as a meeting file.
pub fn loader(data: &[u8]) {
    let path = Path::new("fuzz.ron");
    let Ok(snapshot) = from_bytes(path, data) else {
        return;
    };
    // Folding whatever was read never panics.
    let _ = Meeting::fold(&snapshot.events);
    // What was read saves and reads back the same, whole.
    let text = to_ron(&snapshot.events);
    let again = from_ron(path, &text).expect("a saved meeting reads back");
    assert_eq!(again.events, snapshot.events, "{text}");
    assert_eq!(again.notice, None, "{text}");
    // The saved file cut at any line gives back a prefix of its events.
    let bytes = text.as_bytes();
    let cut = data.len() % (bytes.len() + 1);
    if let Ok(part) = from_bytes(path, &bytes[..cut]) {
        assert!(
            snapshot.events.starts_with(&part.events),
            "cut at {cut}: {:?}",
            part.events
        );
    }
}

/// A note with the text of `chunk`, as it reads back (cleaned).
fn note(chunk: &[u8], i: usize) -> Stamped {
    Stamped {
        at: at(i as i64),
        event: Event::NoteRecorded {
            text: String::from_utf8_lossy(chunk).into_owned().into(),
        }
        .cleaned(),
    }
}

/// Any bytes as a journal; and a real journal built from the bytes, with overlaps, duplicate
/// lines and a cut anywhere.
pub fn journal(data: &[u8]) {
    // 1. Arbitrary bytes: parsing and merging never panic, and what merges continues the
    // meeting file.
    let contents = parse_bytes(data);
    let base: Vec<Stamped> = (0..data.first().map_or(0, |b| usize::from(b % 8)))
        .map(|i| note(b"base", i))
        .collect();
    if let Ok((events, _)) = merge(base.clone(), &contents, Path::new("fuzz.ron.journal")) {
        assert!(events.starts_with(&base));
    }

    // 2. A real journal. The log: one note per chunk of the bytes (split at 0xff).
    let Some((head, rest)) = data.split_at_checked(6) else {
        return;
    };
    let log: Vec<Stamped> = rest
        .split(|&b| b == 0xff)
        .take(24)
        .enumerate()
        .map(|(i, chunk)| note(chunk, i))
        .collect();
    let n = log.len();
    // The meeting file holds the first `k` events; the journal starts up to 2 events earlier
    // (left over from a compaction) and goes to the end.
    let k = usize::from(head[0]) % (n + 1);
    let first = k.saturating_sub(usize::from(head[1] % 3));
    let mut lines: Vec<(usize, String)> = (first..n)
        .map(|seq| (seq, encode(seq, &log[seq..=seq])))
        .collect();
    // A line written twice (a retried append that did reach the disk).
    if head[2] & 1 == 1 && !lines.is_empty() {
        let twice = usize::from(head[3]) % lines.len();
        let line = lines[twice].clone();
        lines.insert(twice + 1, line);
    }
    let text: String = lines.iter().map(|(_, l)| l.as_str()).collect();
    let bytes = text.as_bytes();
    let cut = usize::from(u16::from_le_bytes([head[4], head[5]])) % (bytes.len() + 1);
    let contents = parse_bytes(&bytes[..cut]);
    assert_eq!(contents.damage, None, "a cut is not damage");
    let (events, complete) = merge(log[..k].to_vec(), &contents, Path::new("j"))
        .expect("a journal that continues the meeting file merges");
    assert!(complete);
    // Exactly the events of the complete lines.
    let whole_lines = bytes[..cut].iter().filter(|&&b| b == b'\n').count();
    let expected = lines[..whole_lines]
        .iter()
        .map(|(seq, _)| seq + 1)
        .max()
        .unwrap_or(0)
        .max(k);
    assert_eq!(events, log[..expected].to_vec(), "cut at {cut} of {text:?}");
    assert_eq!(
        contents.cut_short,
        bytes[..cut]
            .iter()
            .rev()
            .take_while(|&&b| b != b'\n')
            .any(|b| !b.is_ascii_whitespace())
    );
}

/// A meeting as the note-taker has it before typing: a roster (with a chair, labels and a name
/// with an apostrophe) and an agenda.
fn seed() -> Log {
    let mut log = Log::default();
    for line in [
        "/title 5th Meeting of the Coordination Committee",
        "/attendee Norway | President",
        "/attendee New Zealand | Victim Assistance in 2012 | Coord. Vict. Assist.",
        "/attendee Côte d'Ivoire",
        "/attendee Germany | Stockpile Destruction | Coord. Stock. Destruct.",
        "/chair Norway",
        "/agenda Welcome",
        "/agenda Preparations",
        "/item 1",
    ] {
        record(&mut log, line, 0);
    }
    log
}

fn record(log: &mut Log, line: &str, i: usize) {
    let Ok(Command::Meeting(command)) = parse(line) else {
        return;
    };
    if let Ok(Outcome::Record { event, .. }) = decide(log, command) {
        log.push(Stamped {
            at: at(60 + i as i64),
            event,
        });
    }
}

/// The bytes as lines typed in the composer.
pub fn command(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut log = seed();
    for (i, line) in text.split('\n').take(32).enumerate() {
        record(&mut log, line, i);
    }
    assert_eq!(&Meeting::fold(log.events()), log.meeting());
    let saved = to_ron(log.events());
    let read = from_ron(Path::new("fuzz.ron"), &saved).expect("a saved meeting reads back");
    assert_eq!(read.events, log.events().to_vec(), "{saved}");
}

/// The bytes as what reaches the console: keys (with and without modifiers), pastes, resizes
/// to any size (tiny ones included), the clock moving, save reports — through the real keymap
/// and `update`, and the screen drawn after each. Never a panic; the meeting on screen is the
/// fold of the events recorded; everything recorded is handed to the saver exactly once.
pub fn console(data: &[u8]) {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use scribe::app::{App, Effects, Msg, update};

    let seed = seed();
    let mut app = App::new(seed.events().to_vec(), at(0), true, "fuzz.ron".into());
    let mut handed = Effects::default();
    let mut now = at(60);
    let mut size = (80u16, 24u16);
    let mut terminal = match Terminal::new(TestBackend::new(size.0, size.1)) {
        Ok(terminal) => terminal,
        Err(_) => return,
    };
    let keys = [
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Tab,
        KeyCode::Backspace,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::Delete,
    ];
    let mut bytes = data.iter().copied();
    while let Some(byte) = bytes.next() {
        let msg = match byte {
            0..=0x1f => {
                let code = match byte % 16 {
                    n @ 0..=10 => keys[usize::from(n)],
                    n => KeyCode::F(n - 10),
                };
                let modifiers = match byte / 16 {
                    0 => KeyModifiers::NONE,
                    _ => KeyModifiers::ALT,
                };
                Msg::Key(KeyEvent::new(code, modifiers))
            }
            0x7f => {
                let Some(letter) = bytes.next() else { break };
                let c = char::from(b'a' + letter % 26);
                Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
            }
            0x80..=0x8f => {
                let (Some(w), Some(h)) = (bytes.next(), bytes.next()) else {
                    break;
                };
                size = (u16::from(w % 220), u16::from(h % 70));
                terminal.backend_mut().resize(size.0, size.1);
                Msg::Resize(size.0, size.1)
            }
            0x90..=0x9f => {
                now += chrono::TimeDelta::seconds(i64::from(byte - 0x8f) * 37);
                Msg::Tick
            }
            0xa0..=0xaf => {
                let len = usize::from(byte - 0x9f) * 3;
                let text: Vec<u8> = bytes.by_ref().take(len).collect();
                Msg::Paste(String::from_utf8_lossy(&text).into_owned())
            }
            0xb0 => Msg::Saved {
                saved: app.events().len(),
                error: None,
            },
            0xb1 => Msg::Saved {
                saved: 0,
                error: Some("disk full".into()),
            },
            byte => Msg::Key(KeyEvent::new(
                KeyCode::Char(char::from(byte)),
                KeyModifiers::NONE,
            )),
        };
        handed.merge(update(&mut app, msg, now));
        if handed.stop.is_some() {
            break;
        }
        let _ = terminal.draw(|frame| scribe::view::draw(frame, &app));
    }
    assert_eq!(&Meeting::fold(app.events()), app.meeting());
    let recorded = &app.events()[seed.events().len()..];
    assert_eq!(
        handed.save.as_slice(),
        recorded,
        "every event handed to the saver once"
    );
}
