//! Flows: key sequences through the real keymap and update, with a fake clock, read as the
//! story of a meeting. Asserts on the model, not the screen (the screen has its own tests).

mod common;

use common::Console;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use scribe::app::{Mode, Msg, Overlay, Stop};
use scribe::meeting::Event;
use scribe::testkit::t0;

#[test]
fn minuting_an_item_with_the_queue_and_fast_keys() {
    let mut c = Console::new();
    c.seed_setup();
    c.key(KeyCode::F(6));
    assert_eq!(
        c.meeting().agenda.current().unwrap().title,
        "Welcome and introduction by the President"
    );
    // Taking up an item gives the chair the floor: they introduce it.
    c.line("Thanked participants for being here despite heavy calendars.");
    assert_eq!(c.last_label(), "President");
    c.line("/floor Norway");
    c.key(KeyCode::F(6));
    let floor = c.meeting().floor.map(|f| f.attendee);
    assert_eq!(
        floor,
        c.meeting().chair,
        "the next item goes back to the chair"
    );

    // F2 opens the picker; typing filters; Enter queues.
    c.key(KeyCode::F(2));
    assert!(matches!(c.app.mode, Mode::Picker(_)));
    c.type_text("germ");
    c.key(KeyCode::Enter);
    c.line("/q+ cro to say invitation letters");
    let queue: Vec<String> = c
        .meeting()
        .queue
        .requests()
        .iter()
        .map(|r| c.meeting().roster.name(r.attendee).to_string())
        .collect();
    assert_eq!(queue, vec!["Germany", "Croatia"]);

    // F3 gives the floor to the head of the queue; plain lines are theirs.
    c.key(KeyCode::F(3));
    c.wait(95);
    c.line("Inquired when the invitation letter will be sent out.");
    assert_eq!(c.last_label(), "Germany (Coord. Stock. Destruct.)");
    c.key(KeyCode::F(3));
    c.line("Would prefer to bundle the letters.");
    assert_eq!(c.last_label(), "Croatia (Coord. Stock. Destruct.)");
    let germany = c
        .meeting()
        .roster
        .iter()
        .find(|a| a.name == "Germany")
        .unwrap();
    assert_eq!(germany.spoken.as_secs(), 95);

    // `Name: text` attributes one line; the floor stays.
    c.line("President: Thanked Croatia.");
    assert_eq!(c.last_label(), "President");
    assert_eq!(c.last_text(), "Thanked Croatia.");
    c.line("Still Croatia.");
    assert_eq!(c.last_label(), "Croatia (Coord. Stock. Destruct.)");
    c.key(KeyCode::F(5));
    c.line("The President then opened the floor.");
    assert_eq!(c.last_label(), "Note");

    let item = c.meeting().agenda.current().unwrap();
    assert_eq!(item.speakers.len(), 3);
}

#[test]
fn a_bad_command_keeps_the_text_and_changes_nothing() {
    let mut c = Console::new();
    c.seed_setup();
    let before = c.app.events().len();
    c.line("/q+ Nobody");
    assert!(c.status().contains("Nobody"), "{}", c.status());
    assert!(c.app.status.as_ref().unwrap().error);
    assert_eq!(c.app.composer.text(), "/q+ Nobody");
    assert_eq!(c.app.events().len(), before);
    for (line, fragment) in [
        ("/q+ c", "could be Croatia, CMC"),
        ("/date 2012-02-30", "not a date"),
        ("/frobnicate", "unknown command"),
        ("/item 9", "no item 9"),
        ("/ack", "queue is empty"),
    ] {
        c.app.composer.clear();
        c.line(line);
        assert!(c.status().contains(fragment), "{line}: {}", c.status());
        assert_eq!(c.app.composer.text(), line);
        assert_eq!(c.app.events().len(), before);
    }
    // Fixing the text in place and pressing Enter again works.
    c.app.composer.clear();
    c.line("/q+ Nobdy");
    for _ in 0..5 {
        c.key(KeyCode::Backspace);
    }
    c.line("Norway");
    assert_eq!(c.meeting().queue.len(), 1);
    assert!(c.app.composer.is_empty());
}

#[test]
fn tab_completes_commands_and_names() {
    let mut c = Console::new();
    c.seed_setup();
    c.type_text("/q");
    c.key(KeyCode::Tab);
    // "/q+" and "/q-" and "/quit" share "q": the common prefix stays, candidates shown.
    assert!(c.status().contains("q+"), "{}", c.status());
    c.app.composer.clear();
    c.type_text("/floor mex");
    c.key(KeyCode::Tab);
    assert_eq!(c.app.composer.text(), "/floor Mexico");
    c.key(KeyCode::Enter);
    c.app.composer.clear();
    c.type_text("cr");
    c.key(KeyCode::Tab);
    c.type_text("Regarding the letters.");
    c.key(KeyCode::Enter);
    assert_eq!(c.last_label(), "Croatia (Coord. Stock. Destruct.)");
}

#[test]
fn selecting_and_correcting_an_entry() {
    let mut c = Console::new();
    c.seed_setup();
    c.line("/floor Germany");
    c.line("First statment.");
    c.line("Second statement.");
    c.type_text("half-typed draft");
    // Up on a non-empty composer edits text; on an empty one it selects.
    c.key_with(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(c.app.composer.is_empty(), "Ctrl-C clears the composer");
    c.key(KeyCode::Up);
    assert_eq!(c.app.mode, Mode::Select { index: 1 });
    c.key(KeyCode::Up);
    c.key(KeyCode::Enter);
    assert!(matches!(c.app.mode, Mode::Edit { .. }));
    assert_eq!(c.app.composer.text(), "First statment.");
    c.key(KeyCode::End);
    for _ in 0.."statment.".len() {
        c.key(KeyCode::Backspace);
    }
    c.line("statement.");
    let meeting = c.meeting();
    assert_eq!(&*meeting.entries[0].text, "First statement.");
    assert_eq!(meeting.entries[0].revision, 1);
    assert_eq!(c.app.mode, Mode::Compose);
    assert!(matches!(
        c.app.events().last().unwrap().event,
        Event::EntryCorrected { .. }
    ));

    // Esc while correcting changes nothing and empties the composer.
    c.type_text("draft");
    c.key(KeyCode::Up); // moves in the composer text, not a selection
    assert_eq!(c.app.mode, Mode::Compose);
    c.app.composer.clear();
    c.key(KeyCode::Up);
    c.key(KeyCode::Enter);
    c.type_text(" more");
    c.key(KeyCode::Esc);
    assert_eq!(c.app.mode, Mode::Compose);
    assert_eq!(c.last_text(), "Second statement.");
}

#[test]
fn substitution_and_undo() {
    let mut c = Console::new();
    c.seed_setup();
    c.line("/note The Presidnet opened the meeting.");
    c.line("/s/Presidnet/President/");
    assert_eq!(c.last_text(), "The President opened the meeting.");
    c.line("/s/absent/x/");
    assert!(c.status().contains("is in no entry"), "{}", c.status());
    c.app.composer.clear();
    c.line("/undo");
    assert_eq!(c.last_text(), "The Presidnet opened the meeting.");
    assert!(c.status().contains("undone: correction"), "{}", c.status());
    c.line("/undo");
    assert!(c.meeting().entries.is_empty());
}

#[test]
fn paste_is_one_entry_and_cleaned() {
    let mut c = Console::new();
    c.seed_setup();
    c.line("/floor Mexico");
    c.send(Msg::Paste(
        "Would like to clarify\u{1b}[31m two points:\r\nfirst, the letters;\r\nsecond, the dates."
            .into(),
    ));
    c.key(KeyCode::Enter);
    let meeting = c.meeting();
    assert_eq!(meeting.entries.len(), 1);
    assert_eq!(
        &*meeting.entries[0].text,
        "Would like to clarify two points:\nfirst, the letters;\nsecond, the dates."
    );
}

#[test]
fn help_picker_and_quit() {
    let mut c = Console::new();
    c.type_text("?");
    assert_eq!(
        c.app.mode,
        Mode::Overlay {
            kind: Overlay::Help,
            scroll: 0
        }
    );
    c.key(KeyCode::Down);
    assert_eq!(
        c.app.mode,
        Mode::Overlay {
            kind: Overlay::Help,
            scroll: 1
        }
    );
    c.key(KeyCode::Esc);
    assert_eq!(c.app.mode, Mode::Compose);
    // With text in the composer, ? is just a character.
    c.type_text("Why?");
    assert_eq!(c.app.composer.text(), "Why?");
    c.app.composer.clear();
    // The picker needs a roster.
    c.key(KeyCode::F(2));
    assert_eq!(c.app.mode, Mode::Compose);
    assert!(c.status().contains("roster is empty"));
    c.line("/quit");
    assert!(c.stopped());
}

#[test]
fn every_recorded_event_goes_to_the_saver_once() {
    let mut c = Console::new();
    c.seed_setup();
    let first = c.take_saved();
    assert_eq!(first, c.app.events());
    assert!(c.take_saved().is_empty());
    c.line("/q+ Nobody");
    assert!(
        c.take_saved().is_empty(),
        "a refused command records nothing"
    );
    c.app.composer.clear();
    c.line("A note.");
    assert_eq!(c.take_saved().len(), 1);
}

#[test]
fn the_clock_wakes_the_screen_only_when_something_changes() {
    let mut c = Console::new();
    c.seed_setup();
    // Nobody has the floor: the next visible change is the next minute.
    assert_eq!(c.app.next_tick().as_secs(), 60);
    c.line("/item 1");
    c.wait(20);
    c.line("/floor Norway");
    c.now += chrono::TimeDelta::milliseconds(300);
    c.send(Msg::Tick);
    // The speaker's timer moves each second from when they got the floor.
    assert_eq!(c.app.next_tick().as_millis(), 700);
}

#[test]
fn saving_trouble_is_told_once_and_its_end_too() {
    let mut c = Console::new();
    c.line("A note.");
    let error = Some("m.ron.journal: No space left on device (os error 28)".to_string());
    c.send(Msg::Saved {
        saved: 0,
        error: error.clone(),
    });
    assert!(
        c.status()
            .starts_with("cannot save: m.ron.journal: No space"),
        "{}",
        c.status()
    );
    assert!(c.app.status.as_ref().unwrap().error);
    c.line("Another note.");
    // The same failure again does not replace what the footer says now.
    c.send(Msg::Saved { saved: 0, error });
    assert!(!c.status().contains("cannot save"));
    assert!(!c.app.all_saved());
    c.send(Msg::Saved {
        saved: 2,
        error: None,
    });
    assert!(c.status().contains("saving works again"), "{}", c.status());
    assert!(c.app.all_saved());
}

#[test]
fn the_draft_is_what_is_typed_and_not_a_correction() {
    let mut c = Console::new();
    c.line("A note.");
    c.type_text("half a sentence");
    assert_eq!(c.app.draft(), "half a sentence");
    c.key_with(KeyCode::Char('c'), KeyModifiers::CONTROL);
    c.key(KeyCode::Up);
    c.key(KeyCode::Enter);
    assert!(matches!(c.app.mode, Mode::Edit { .. }));
    assert_eq!(c.app.composer.text(), "A note.");
    assert_eq!(c.app.draft(), "");
}

#[test]
fn a_stop_request_quits_and_says_why() {
    let mut c = Console::new();
    c.send(Msg::Stop("SIGHUP (the terminal hung up)".into()));
    assert_eq!(
        c.effects.stop,
        Some(Stop::By("SIGHUP (the terminal hung up)".into()))
    );
}

#[test]
fn following_shows_new_events_and_takes_no_typing() {
    let now = t0();
    let mut c = Console::on(scribe::app::App::follower(
        vec![],
        now,
        false,
        "m.ron".into(),
    ));
    c.type_text("typed");
    c.key(KeyCode::Enter);
    assert!(
        c.app.composer.is_empty(),
        "nothing can be typed when following"
    );
    assert!(c.app.events().is_empty());
    let note = scribe::meeting::Stamped {
        at: now,
        event: Event::NoteRecorded {
            text: "From the other scribe.".into(),
        },
    };
    c.send(Msg::Followed(vec![note]));
    assert_eq!(c.last_text(), "From the other scribe.");
    assert!(c.take_saved().is_empty(), "a follower never saves");

    // The writer quits, comes back, closes the meeting: each is said.
    c.app.writer = Some("process 7 on laptop".into());
    c.send(Msg::Writer(None));
    assert!(c.status().contains("the scribe has quit"), "{}", c.status());
    c.send(Msg::Writer(Some("process 8 on laptop".into())));
    assert!(
        c.status().contains("minuted again by process 8"),
        "{}",
        c.status()
    );
    c.send(Msg::Followed(vec![scribe::meeting::Stamped {
        at: now,
        event: Event::MeetingClosed,
    }]));
    c.send(Msg::Writer(None));
    assert!(c.status().contains("was closed"), "{}", c.status());

    c.key(KeyCode::Char('q'));
    assert!(c.stopped());
}

#[test]
fn export_is_asked_of_the_runtime_by_command_and_key() {
    let mut c = Console::new();
    c.line("/export docx");
    c.key(KeyCode::F(7));
    assert_eq!(
        c.effects.export,
        vec![
            scribe::export::Format::Docx,
            scribe::export::Format::Markdown
        ]
    );
    assert!(c.app.events().is_empty(), "exporting records nothing");
    c.line("/export pdf");
    assert!(
        c.status().contains("'pdf' is not a format"),
        "{}",
        c.status()
    );
}

/// The README's walkthrough, typed as it stands: every line is accepted, and the minutes end up
/// as the walkthrough says. Keeps the README true.
#[test]
fn the_readme_walkthrough_works_as_written() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let walkthrough = readme
        .split("## A two-minute walkthrough")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("the walkthrough section");
    // The lines of its code blocks; what follows two or more spaces is a comment.
    let mut lines = Vec::new();
    let mut in_code = false;
    for line in walkthrough.lines() {
        if line.starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if !in_code || line.starts_with(' ') || line.trim().is_empty() {
            continue;
        }
        let typed = line.split("  ").next().unwrap_or(line).trim_end();
        lines.push(typed.to_string());
    }
    assert!(lines.len() > 15, "{lines:?}");
    let mut c = Console::new();
    for line in &lines {
        c.line(line);
        assert!(
            !c.app.status.as_ref().is_some_and(|s| s.error),
            "README line {line:?} is refused: {}",
            c.status()
        );
        if line == "/quit" {
            break;
        }
        c.wait(30);
    }
    assert!(c.stopped());
    let meeting = c.meeting();
    let labels: Vec<String> = meeting
        .entries
        .iter()
        .map(|e| match &e.kind {
            scribe::meeting::EntryKind::Statement { voice, .. } => voice.label(),
            scribe::meeting::EntryKind::Action(action) => {
                format!("ACTION {}", meeting.owner_names(&action.owners))
            }
            other => format!("{other:?}"),
        })
        .collect();
    assert_eq!(
        labels,
        [
            "President",
            "Germany (Coord. Stock. Destruct.)",
            "Croatia (Coord. Stock. Destruct.)",
            "President",
            "ACTION Norway",
            "Decision",
        ]
    );
}

/// A line longer than the editor can select is recorded once and the composer clears; a paste
/// that long is inserted only when asked, and typing stays possible after it.
#[test]
fn a_very_long_line_is_recorded_once_and_the_composer_clears() {
    let mut c = Console::new();
    let long = "x".repeat(65_536);
    c.send(Msg::Paste(long.clone()));
    assert!(c.app.composer.is_empty(), "a paste that long waits");
    assert!(c.status().contains("65536 characters"), "{}", c.status());
    c.key(KeyCode::Esc);
    assert!(c.app.composer.is_empty(), "Esc drops it");
    c.send(Msg::Paste(long.clone()));
    c.key(KeyCode::Enter);
    assert_eq!(c.app.composer.text().len(), 65_536);
    c.key(KeyCode::Enter);
    assert!(
        c.app.composer.is_empty(),
        "recorded, and the composer is empty"
    );
    assert_eq!(c.meeting().entries.len(), 1);
    assert_eq!(c.last_text(), long);
    c.key(KeyCode::Enter);
    assert_eq!(c.meeting().entries.len(), 1, "recorded once");
    c.line("Then a short line.");
    assert_eq!(c.last_text(), "Then a short line.");
}

/// The search widened to the archive (Tab) asks the runtime once per query, lists the other
/// meetings' hits after this one's, and Enter on one asks to open that meeting at that moment;
/// while it is open, keys go to it, `q` comes back, and this meeting goes on underneath.
#[test]
fn searching_the_archive_and_visiting_another_meeting() {
    use scribe::app::search::ArchiveHit;
    use scribe::app::{App, Replay, Visit};
    use scribe::replay::{Player, pace::Pace};

    let mut c = Console::new();
    c.line("/note the audit is late");
    c.key_with(KeyCode::Char('f'), KeyModifiers::CONTROL);
    c.type_text("audit");
    assert!(matches!(c.app.mode, Mode::Search(_)));
    assert_eq!(c.effects.archive_search, None, "not widened yet");
    c.key(KeyCode::Tab);
    assert_eq!(c.effects.archive_search.as_deref(), Some("audit"));
    c.effects.archive_search = None;
    c.key(KeyCode::Down);
    assert_eq!(c.effects.archive_search, None, "asked once");

    let elsewhere = scribe::testkit::at(9, 30);
    c.send(Msg::ArchiveFound {
        query: "audit".into(),
        hits: vec![ArchiveHit {
            path: "older.ron".into(),
            at: elsewhere,
            line: "2012-02-27 09:30 · Board · NOTE the audit".into(),
            range: (36, 41),
        }],
        searched: 4,
        note: None,
    });
    let Mode::Search(search) = &c.app.mode else {
        panic!("the search closed")
    };
    assert_eq!(search.len(), 2);
    c.key(KeyCode::Down);
    c.key(KeyCode::Enter);
    assert_eq!(
        c.effects.visit,
        Some(Visit {
            path: "older.ron".into(),
            at: elsewhere
        })
    );

    // The runtime opens it (as `runtime::archive::open_visit` does).
    let other = scribe::testkit::MeetingBuilder::new().events();
    let replay = Replay::new(Player::new(other), Pace::new(1.0, None));
    c.app.visit = Some(Box::new(App::replaying(replay, false, "older.ron".into())));
    c.type_text("xyz");
    let Mode::Search(search) = &c.app.mode else {
        panic!("the search closed")
    };
    assert_eq!(
        search.query, "audit",
        "keys go to the visit, not the console"
    );
    c.key(KeyCode::Char(' '));
    let Some(visit) = &c.app.visit else {
        panic!("the visit closed")
    };
    assert!(
        matches!(&visit.session, scribe::app::Session::Replay(r) if r.playing),
        "Space plays the visit"
    );
    c.send(Msg::Saved {
        saved: c.app.events().len(),
        error: None,
    });
    c.key(KeyCode::Char('q'));
    assert!(c.app.visit.is_none(), "q leaves the visit");
    assert!(!c.stopped(), "and not the console");
    assert!(matches!(c.app.mode, Mode::Search(_)), "back to the search");
}
