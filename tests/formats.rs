//! The file format is a promise: a meeting saved by any earlier version keeps opening and
//! exports the same minutes. One fixture per format version, frozen as that version wrote it:
//!
//! - `tests/fixtures/format-v1.ron`: written by version 1 (the example meeting), with the
//!   Markdown version 1 exported from it (`format-v1.previous.md`);
//! - `tests/fixtures/format-v2.ron`: written by version 2, with every kind of event;
//!   `format-v2.journal` is the journal the version before events were boxed wrote for them.

use std::path::{Path, PathBuf};

use scribe::export::{Format, Options, export};
use scribe::meeting::{EntryKind, Meeting, MotionOutcome};
use scribe::store::file::{VERSION, from_ron, to_ron};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn load(name: &str) -> Meeting {
    let events = scribe::store::load(&fixture(name)).expect("the fixture loads");
    Meeting::fold(&events)
}

fn every_format(meeting: &Meeting) -> Vec<Vec<u8>> {
    Format::ALL
        .iter()
        .map(|f| export(meeting, *f, &Options::default()).expect("export"))
        .collect()
}

/// Loads a fixture, saves it as this version writes, loads that back.
fn upgraded(name: &str) -> Meeting {
    let events = scribe::store::load(&fixture(name)).expect("the fixture loads");
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("upgraded.ron");
    std::fs::write(&path, to_ron(&events)).expect("written");
    let text = std::fs::read_to_string(&path).expect("read back");
    assert!(text.contains(&format!("version: {VERSION}")));
    Meeting::fold(&scribe::store::load(&path).expect("the upgraded file loads"))
}

#[test]
fn every_version_declares_itself_and_opens() {
    for (name, version, events) in [("format-v1.ron", 1, 158), ("format-v2.ron", 2, 71)] {
        let text = std::fs::read_to_string(fixture(name)).expect("fixture");
        assert!(text.contains(&format!("version: {version}")), "{name}");
        let loaded = scribe::store::load(&fixture(name)).expect(name);
        assert_eq!(loaded.len(), events, "{name}");
    }
}

#[test]
fn minutes_are_the_same_before_and_after_an_upgrade() {
    for name in ["format-v1.ron", "format-v2.ron"] {
        assert_eq!(
            every_format(&load(name)),
            every_format(&upgraded(name)),
            "{name}: saving with this version changed the minutes"
        );
    }
}

/// Every line version 1 exported from its own file — each speaker's label and statement, each
/// item heading, each action and decision — is in the minutes this version exports.
#[test]
fn a_version_1_meeting_exports_every_line_it_exported_before() {
    let previous = std::fs::read_to_string(fixture("format-v1.previous.md")).expect("fixture");
    let now = String::from_utf8(
        export(
            &load("format-v1.ron"),
            Format::Markdown,
            &Options::default(),
        )
        .expect("export"),
    )
    .expect("utf-8");
    let flat = |s: &str| {
        s.replace("\\\\", "")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let now = flat(&now);
    let mut checked = 0;
    for line in previous.lines() {
        // The discussion, labelled paragraphs and bullets of the introduction.
        let item = line.trim_start_matches("- ");
        let item = match item.split_once(". ") {
            Some((n, rest)) if n.chars().all(|c| c.is_ascii_digit()) => rest,
            _ => item,
        };
        let text = item.split_once(":** ").map_or(item, |(_, text)| text);
        // The frame around the content is worded differently now ("rose at").
        let frame = line.starts_with("**Chair:**") || line.starts_with("The meeting was closed");
        if frame || line.starts_with('#') || text.len() < 30 {
            continue;
        }
        // Version 1 wrote actions as `text — due DATE (item N)`; the text is what must stay.
        let text = text.split(" — ").next().unwrap_or(text);
        let text = text.split(" (item ").next().unwrap_or(text);
        let text = flat(text.trim_end_matches([')', '.']));
        assert!(now.contains(&text), "lost: {line}");
        checked += 1;
    }
    assert!(checked > 60, "only {checked} lines checked");
    assert!(now.contains("11:42"), "the closing time");
    // Every speaker's label, as version 1 printed it.
    let labels: Vec<&str> = previous
        .lines()
        .filter_map(|l| {
            l.strip_prefix("**")?
                .split_once(":**")
                .map(|(label, _)| label)
        })
        .filter(|label| *label != "Chair" && *label != "Regrets")
        .collect();
    assert!(labels.len() > 10, "{labels:?}");
    for label in labels {
        assert!(now.contains(&flat(label)), "lost the label {label}");
    }
}

#[test]
fn a_version_2_meeting_keeps_everything_it_recorded() {
    let m = load("format-v2.ron");
    assert_eq!(m.meta.symbol, "SC/5/2026/MIN");
    assert_eq!(m.meta.series, "Standing Committee");
    assert_eq!(m.scribe(), Some("Ana Ferreira"));
    let motion = m
        .entries
        .iter()
        .find_map(|e| match &e.kind {
            EntryKind::Motion(motion) => Some(motion),
            _ => None,
        })
        .expect("a motion");
    assert_eq!(motion.outcome, Some(MotionOutcome::Carried));
    assert!(m.entries.iter().any(|e| e.struck));
    assert!(m.entries.iter().any(|e| matches!(
        &e.kind,
        EntryKind::Action(action) if action.carried.as_ref().is_some_and(|origin| origin.number == 3)
    )));
    assert!(
        !m.entries.iter().any(|e| &*e.text == "A line taken back."),
        "the undo took the last note back"
    );
    let md = String::from_utf8(export(&m, Format::Markdown, &Options::default()).expect("export"))
        .expect("utf-8");
    assert!(!md.contains("Said by mistake."), "struck entries stay out");
    insta::assert_snapshot!("format_v2_md", md);
}

/// What the meeting records fills the document in every format: the symbol and draft status
/// set with /symbol and /status, the groups of the roster, arrivals, the minute-taker, a point
/// of order, the motion and the done action; nothing struck.
#[test]
fn the_meeting_fills_the_frame_of_the_minutes_in_every_format() {
    let m = load("format-v2.ron");
    for format in Format::ALL {
        let bytes = export(&m, format, &Options::default()).expect("export");
        let text = match format {
            Format::Docx => docx_text(&bytes),
            _ => String::from_utf8(bytes).expect("utf-8"),
        };
        // Text is wrapped at 72 columns: compare words, not line breaks.
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for expected in [
            "SC/5/2026/MIN",
            "DRAFT",
            "Observers",
            "Secretariat",
            "joined at 10:21",
            "Ana Ferreira",
            "On a point of order",
            "4 in favour, 0 against, 1 abstention",
            "Done",
            "carried from 2026-11-20-1000",
        ] {
            assert!(text.contains(expected), "{format:?} lacks {expected:?}");
        }
        assert!(
            !text.contains("Said by mistake"),
            "{format:?} kept a struck line"
        );
    }
}

/// The event lines of a meeting file: those between `events: [` and its closing `],`.
fn event_lines(text: &str) -> Vec<&str> {
    text.lines()
        .skip_while(|line| line.trim() != "events: [")
        .skip(1)
        .take_while(|line| line.trim() != "],")
        .collect()
}

/// Every meeting scribe wrote (the fixtures, the example meetings) is written again line for
/// line, byte for byte: reading and writing events in memory (boxed or not) never changes the
/// text of a file.
#[test]
fn writing_the_events_again_gives_the_same_lines() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = ["tests/fixtures", "sessions"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(root.join(dir)).expect("a folder"))
        .map(|entry| entry.expect("an entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    assert!(files.len() >= 3, "{files:?}");
    for path in files {
        let text = std::fs::read_to_string(&path).expect("readable");
        let events = from_ron(&path, &text).expect("a meeting").events;
        let written = to_ron(&events);
        let (was, now) = (event_lines(&text), event_lines(&written));
        assert_eq!(was.len(), events.len(), "{}", path.display());
        for (n, (was, now)) in was.iter().zip(&now).enumerate() {
            assert_eq!(was, now, "{} event {}", path.display(), n + 1);
        }
        assert_eq!(was.len(), now.len(), "{}", path.display());
    }
}

/// The journal written for every kind of event is what the version before events were boxed
/// wrote (`format-v2.journal`), and it reads back as the same events.
#[test]
fn the_journal_of_every_kind_of_event_is_unchanged() {
    use scribe::store::journal::{encode, parse_bytes};
    let path = fixture("format-v2.ron");
    let text = std::fs::read_to_string(&path).expect("fixture");
    let events = from_ron(&path, &text).expect("a meeting").events;
    let journal = encode(0, &events);
    let before = std::fs::read_to_string(fixture("format-v2.journal")).expect("fixture");
    for (n, (was, now)) in before.lines().zip(journal.lines()).enumerate() {
        assert_eq!(was, now, "journal line {}", n + 1);
    }
    assert_eq!(before, journal);
    let back: Vec<_> = parse_bytes(journal.as_bytes())
        .events
        .into_iter()
        .map(|(_, stamped)| stamped)
        .collect();
    assert_eq!(back, events);
}

/// The text of a DOCX's main part (runs joined).
fn docx_text(bytes: &[u8]) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut text = String::new();
    for name in ["word/document.xml", "word/header1.xml", "word/header2.xml"] {
        if let Ok(mut part) = zip.by_name(name) {
            let mut xml = String::new();
            part.read_to_string(&mut xml).expect("utf-8");
            let doc = roxmltree::Document::parse(&xml).expect("xml");
            for node in doc.descendants().filter(|n| n.has_tag_name("t")) {
                text.push_str(node.text().unwrap_or_default());
            }
            text.push(' ');
        }
    }
    text
}
