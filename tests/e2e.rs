//! End-to-end tests: the real `scribe` binary in a pseudo-terminal, typed at like a note-taker
//! would and read back through a terminal emulator (`vt100`).
//!
//! The unit tests drive `update` with key events; only these show that the whole chain holds:
//! the terminal set-up (raw mode, alternate screen, bracketed paste), crossterm's decoding of
//! real bytes, drawing, saving on `/quit` and reopening the file in a new process.
//!
//! Nothing here sleeps to synchronise: every step waits until its effect is on screen (the
//! screen is polled every 20 ms, with a generous timeout for slow CI machines) and a timeout
//! panics with the screen as it was. A guard kills the child if a test fails half-way.

mod common;

use std::path::Path;

use common::pty::{Scribe, starts_with_time, workspace};
use common::seed::{ATTENDEES, INTRODUCTION, ITEM_1, ITEM_2, TITLE};

const GERMANY: &str = "Thanked the Presidency for outlining the next day's meeting procedure. \
    Inquired when the Invitation letter for the Intersessional Meeting and an information \
    package for the participants will be sent out.";

const CROATIA: &str = "Would like to clarify whether specific invitation letters to the \
    Intersessional Meetings by the respective Coordinators should be sent out individually or \
    in a complete package.";

const PRESIDENT: &str = "Underlined importance of States Parties' input on their needs at the \
    Intersessionals. Hence, would like to convene another meeting before the Intersessionals to \
    compile a \"Road Map for the Intersessionals\". Concerning the specific invitation letters, \
    pointed to Spain and Portugal that have already sent out invitation letters. Considers this \
    is a good way of proceeding if Coordinators could jointly sign and directly send the \
    letters.";

/// The seed meeting's set-up and the start of its discussion, typed line by line; quit; open
/// the file again in a new process and find it all there.
#[test]
fn seed_meeting_survives_quit_and_reopen() {
    let (dir, file) = workspace();
    let mut scribe = Scribe::start(dir.path(), &["new", "-o", &file], (120, 40));

    scribe.enter(&format!("/title {TITLE}"), "title set");
    scribe.enter("/date 2012-02-28", "date set to 2012-02-28");
    scribe.wait_for("the title and date in the header", |s| {
        s.rows[0].contains(&format!("{TITLE} · 2012-02-28"))
    });
    for attendee in ATTENDEES {
        let name = attendee.split('|').next().unwrap_or_default().trim();
        scribe.enter(
            &format!("/attendee {attendee}"),
            &format!("{name} added to the roster"),
        );
    }
    scribe.enter("/chair Lebanon", "Lebanon chairs");
    scribe.enter(&format!("/agenda {ITEM_1}"), "item 1 added");
    scribe.enter(&format!("/agenda {ITEM_2}"), "item 2 added");

    scribe.enter("/item 1", &format!("item 1: {ITEM_1}"));
    // Taking up an item gives the chair the floor; the chair speaks under their capacity.
    scribe.wait_for("the chair on the floor", |s| s.rule.contains("→ President"));
    scribe.enter(INTRODUCTION, &format!("President: {INTRODUCTION}"));

    scribe.enter("/item next", &format!("item 2: {ITEM_2}"));
    scribe.enter(
        "/q+ Germany to say invitation letters",
        "Germany queued (1 waiting)",
    );
    scribe.wait_for("Germany's reason in the queue", |s| {
        s.contains("1. Germany *") && s.contains("   invitation letters")
    });
    scribe.enter("/q+ Croatia", "Croatia queued (2 waiting)");
    scribe.enter("/ack", "Germany has the floor");
    scribe.enter(
        GERMANY,
        &format!("Germany (Coord. Stock. Destruct.): {GERMANY}"),
    );
    scribe.enter("/ack", "Croatia has the floor");
    // Before Enter, the rule over the composer says who the line goes to.
    scribe.send(&CROATIA[..40]);
    scribe.wait_for("the composer to address Croatia", |s| {
        s.rule.contains("→ Croatia (Coord. Stock. Destruct.)") && !s.composer.is_empty()
    });
    scribe.enter(
        &CROATIA[40..],
        &format!("Croatia (Coord. Stock. Destruct.): {CROATIA}"),
    );
    // `President:` attributes the line to the chair although Croatia has the floor.
    scribe.send(&format!("President: {PRESIDENT}"));
    scribe.wait_for("the composer to address the President", |s| {
        s.rule.contains("→ President (this line)")
    });
    scribe.enter("", &format!("President: {PRESIDENT}"));
    scribe.enter(
        "/action Norway: prepare a briefing on the Third MSP due 2012-03-15",
        "action 1 for Norway",
    );
    scribe.wait_for("the action in the minutes", |s| {
        s.minutes_show("ACTION 1 Norway: prepare a briefing on the Third MSP (due 2012-03-15)")
    });
    scribe.quit();
    drop(scribe);

    let saved = std::fs::read_to_string(&file).expect("read the meeting file");
    assert!(saved.contains("version: 2"), "no version in:\n{saved}");
    assert_eq!(
        saved.matches("StatementRecorded").count(),
        4,
        "four statements expected in:\n{saved}"
    );
    for text in ["ActionRecorded", "Coord. Stock. Destruct.", "2012-03-15"] {
        assert!(saved.contains(text), "'{text}' missing from:\n{saved}");
    }

    let mut reopened = Scribe::start(dir.path(), &["open", &file], (120, 40));
    let expected = [
        format!("Item 1 · {ITEM_1}"),
        format!("Item 2 · {ITEM_2}"),
        format!("President: {INTRODUCTION}"),
        format!("Germany (Coord. Stock. Destruct.): {GERMANY}"),
        format!("Croatia (Coord. Stock. Destruct.): {CROATIA}"),
        format!("President: {PRESIDENT}"),
        "ACTION 1 Norway: prepare a briefing on the Third MSP (due 2012-03-15)".to_string(),
    ];
    let screen = reopened.wait_for("the reopened meeting", |s| {
        s.rows[0].contains(TITLE) && expected.iter().all(|text| s.minutes_show(text))
    });
    // The agenda pane lists both items, the second one current; Croatia still has the floor.
    assert!(
        screen.contains(" 1 Welcome and introduction"),
        "{}",
        screen.dump()
    );
    assert!(
        screen.contains("▶ 2 Preparations for the"),
        "{}",
        screen.dump()
    );
    assert!(screen.contains("▶ Croatia"), "{}", screen.dump());
    reopened.quit();
}

/// A refused command keeps what was typed so it can be fixed, at the smallest usual size.
#[test]
fn bad_name_is_refused_and_can_be_fixed_at_80x24() {
    let (dir, file) = workspace();
    let mut scribe = Scribe::start(dir.path(), &["new", "-o", &file], (80, 24));
    scribe.enter(
        "/attendee Germany | Stockpile Destruction and Retention in 2012 | Coord. Stock. Destruct.",
        "Germany added to the roster",
    );

    scribe.type_line("/q+ Nobody");
    let screen = scribe.wait_for("an error about Nobody", |s| {
        s.footer.contains("Nobody") && s.composer == ["/q+ Nobody"]
    });
    assert!(
        screen.footer.contains("no one called 'Nobody'"),
        "{}",
        screen.dump()
    );

    scribe.send(&"\x7f".repeat("Nobody".len()));
    scribe.wait_for("the name rubbed out", |s| s.composer == ["/q+"]);
    scribe.enter("Germany", "Germany queued (1 waiting)");
    scribe.wait_for("Germany in the queue", |s| s.contains("1. Germany"));
    scribe.quit();
}

/// A bracketed paste of two lines with an escape sequence inside becomes one clean entry.
#[test]
fn paste_with_escape_sequence_is_one_clean_entry() {
    let (dir, file) = workspace();
    let mut scribe = Scribe::start(dir.path(), &["new", "-o", &file], (120, 40));
    assert!(
        scribe.snapshot().bracketed_paste,
        "bracketed paste is not on"
    );

    scribe.send("\x1b[200~first line\x1b[31m red\r\nsecond line\x1b[201~");
    scribe.wait_for("the paste in the composer", |s| {
        s.composer == ["first line red", "second line"]
    });
    scribe.send("\r");
    let screen = scribe.wait_for("the pasted entry, saved", |s| {
        s.composer.is_empty()
            && s.minutes_show("first line red second line")
            && s.rows[0].ends_with("· saved")
    });
    // One entry: a time on its first line only.
    let first = screen
        .minutes
        .iter()
        .position(|row| row.ends_with("first line red"))
        .unwrap_or_else(|| panic!("no row ends with the first line:\n{}", screen.dump()));
    assert!(
        starts_with_time(&screen.minutes[first]),
        "{}",
        screen.dump()
    );
    assert_eq!(
        screen.minutes.get(first + 1).map(|row| row.trim()),
        Some("second line"),
        "{}",
        screen.dump()
    );
    for stray in ["[31m", "31m", "200~", "201~", "\u{1b}"] {
        assert!(
            !screen.contains(stray),
            "'{stray}' on screen:\n{}",
            screen.dump()
        );
    }
    scribe.quit();
    drop(scribe);

    let saved = std::fs::read_to_string(&file).expect("read the meeting file");
    assert!(!saved.contains('\u{1b}'), "an escape in the file:\n{saved}");
    assert_eq!(saved.matches("NoteRecorded").count(), 1, "{saved}");
    assert!(saved.contains("first line red"), "{saved}");
    assert!(saved.contains("second line"), "{saved}");
}

/// `scribe new --from` starts a meeting with another's title, roster, chair and agenda, and
/// none of its discussion.
#[test]
fn a_new_meeting_from_a_template_has_the_setup_only() {
    let (dir, file) = workspace();
    let mut first = Scribe::start(dir.path(), &["new", "-o", &file], (100, 30));
    first.enter(&format!("/title {TITLE}"), "title set");
    first.enter("/attendee Lebanon | President", "Lebanon added");
    first.enter(
        "/attendee Germany | Stockpile Destruction | Coord. Stock. Destruct.",
        "Germany added",
    );
    first.enter("/chair Lebanon", "Lebanon chairs");
    first.enter(&format!("/agenda {ITEM_1}"), "item 1 added");
    first.enter("/item 1", "item 1:");
    first.enter(
        "A note of the first meeting.",
        "A note of the first meeting.",
    );
    first.quit();
    drop(first);

    let next = dir.path().join("next.ron").display().to_string();
    let mut second = Scribe::start(
        dir.path(),
        &["new", "--from", &file, "-o", &next],
        (100, 30),
    );
    second.wait_for("the template's title and agenda", |s| {
        s.rows[0].contains(TITLE) && s.contains("1 Welcome and introduction")
    });
    second.enter("/floor pres", "Lebanon has the floor");
    second.enter("/q+ ger", "Germany queued");
    let screen = second.wait_for("the chair speaking as President", |s| {
        s.rule.contains("→ President")
    });
    assert!(
        !screen.minutes_show("A note of the first meeting."),
        "{}",
        screen.dump()
    );
    second.quit();
}

/// `scribe replay sessions/… --speed 64`: entries appear as they were recorded, a pause holds,
/// a backward jump takes later entries off the screen, and `q` quits with success.
#[test]
fn replay_plays_pauses_jumps_back_and_quits() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/river-basins-12th.ron");
    let total = scribe::store::load(&example).expect("the example").len();
    let at_end = format!("event {total} of {total}");
    let example = example.display().to_string();
    let mut scribe = Scribe::spawn(
        dir.path(),
        &["replay", &example, "--speed", "64"],
        (120, 40),
    );
    scribe.wait_for("the first entries played", |s| {
        s.rows[0].ends_with("REPLAY") && s.minutes_show("Welcomed the members")
    });
    scribe.send(" ");
    let paused = scribe.wait_for("the replay paused", |s| s.contains("❚❚ paused"));
    let position = |s: &common::pty::Snapshot| {
        s.rows
            .iter()
            .find(|row| row.contains("❚❚ paused"))
            .cloned()
            .unwrap_or_default()
    };
    let held = position(&paused);
    // A deliberate look a while later: nothing may have moved.
    std::thread::sleep(std::time::Duration::from_millis(600));
    scribe.pump();
    assert_eq!(position(&scribe.snapshot()), held, "a paused replay holds");
    // To the end, where the meeting closes; then back to the start of the last item.
    scribe.send("\x1b[F");
    scribe.wait_for("the end of the meeting", |s| {
        s.minutes_show("declared the meeting closed") && s.contains(&at_end)
    });
    scribe.send("[");
    let back = scribe.wait_for("the last item's entries gone", |s| {
        !s.minutes_show("declared the meeting closed") && !s.contains(&at_end)
    });
    assert!(back.contains("▶ 6 Any other business"), "{}", back.dump());
    scribe.send("q");
    let status = scribe.wait_exit();
    assert!(status.success(), "replay exited with {status}");
}

/// `/export` and F7 in the console write the minutes next to the meeting file and say where.
#[test]
fn the_console_writes_the_minutes_next_to_the_meeting() {
    let (dir, file) = workspace();
    let mut scribe = Scribe::start(dir.path(), &["new", "-o", &file], (120, 30));
    scribe.enter(&format!("/title {TITLE}"), "title set");
    scribe.enter("/attendee Lebanon | President", "Lebanon added");
    scribe.enter("/chair Lebanon", "Lebanon chairs");
    scribe.enter(&format!("/agenda {ITEM_1}"), "item 1 added");
    scribe.enter("/item 1", "item 1:");
    scribe.enter(INTRODUCTION, "Thanked participants");
    let docx = dir.path().join("seed.docx");
    scribe.enter(
        "/export docx",
        &format!("minutes written to {}", docx.display()),
    );
    assert!(std::fs::read(&docx).expect("the docx").starts_with(b"PK"));
    scribe.send("\x1b[18~"); // F7
    let markdown = dir.path().join("seed.md");
    scribe.wait_for("the Markdown written", |s| {
        s.shows(&format!("minutes written to {}", markdown.display()))
    });
    let text = std::fs::read_to_string(&markdown).expect("the minutes");
    assert!(text.starts_with(&format!("# {TITLE}")), "{text}");
    assert!(
        text.contains(&format!("## Agenda Item 1 – {ITEM_1}")),
        "{text}"
    );
    assert!(
        text.contains("Thanked participants for being here"),
        "{text}"
    );
    scribe.quit();
}
