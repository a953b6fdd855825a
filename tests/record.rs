//! The record stays true: what a later change cannot rewrite, and the corrections scribes
//! really make. Flows through the real keymap and update, on the fixture clock.

mod common;

use common::Console;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use scribe::app::{Mode, Msg};
use scribe::export::{Format, Options, export};
use scribe::meeting::{EntryKind, Event, Owner};

fn accepted(c: &Console) -> bool {
    !c.app.status.as_ref().is_some_and(|s| s.error)
}

/// Types a line that must be accepted.
fn ok(c: &mut Console, line: &str) {
    c.line(line);
    assert!(accepted(c), "{line}: {}", c.status());
}

fn markdown(c: &Console) -> String {
    let bytes = export(c.meeting(), Format::Markdown, &Options::default()).expect("export");
    String::from_utf8(bytes).expect("utf-8")
}

fn labels(c: &Console) -> Vec<String> {
    c.meeting()
        .entries
        .iter()
        .map(|e| match &e.kind {
            EntryKind::Statement { voice, .. } => voice.label(),
            other => format!("{other:?}"),
        })
        .collect()
}

#[test]
fn a_new_chair_mid_meeting_rewrites_nothing_said_before() {
    let mut c = Console::new();
    c.seed_setup();
    ok(&mut c, "/item 1");
    ok(&mut c, "Opened the meeting.");
    ok(&mut c, "/floor Norway");
    ok(&mut c, "Spoke as a member.");
    let before = markdown(&c);
    assert!(
        before.contains("**Norway:** Spoke as a member."),
        "{before}"
    );
    // Norway takes the chair for item 2.
    ok(&mut c, "/chair Norway");
    ok(&mut c, "/item 2");
    ok(&mut c, "Introduced the preparations.");
    assert_eq!(
        labels(&c),
        ["President", "Norway", "President-Designate"],
        "each line keeps the label of its moment"
    );
    let after = markdown(&c);
    // Item 1 reads exactly as it did before the change of chair.
    let item_1 = |doc: &str| {
        let start = doc.find("Agenda Item 1").expect("item 1");
        let end = doc.find("Agenda Item 2").expect("item 2");
        doc[start..end].to_string()
    };
    assert_eq!(item_1(&before), item_1(&after));
    assert!(
        after.contains("Introduced the preparations."),
        "the new chair introduces item 2: {after}"
    );
    // Asking again for what holds is accepted with a notice and records nothing.
    let events = c.app.events().len();
    ok(&mut c, "/chair Norway");
    assert!(c.status().contains("chairs already"), "{}", c.status());
    assert_eq!(c.app.events().len(), events);
}

#[test]
fn a_changed_label_applies_from_now_on() {
    let mut c = Console::new();
    c.seed_setup();
    ok(&mut c, "/floor Germany");
    ok(&mut c, "First as coordinator.");
    ok(&mut c, "/attendee Germany | Observer | Obs.");
    ok(&mut c, "Then as an observer.");
    assert_eq!(
        labels(&c),
        ["Germany (Coord. Stock. Destruct.)", "Germany (Obs.)"]
    );
}

#[test]
fn names_are_found_the_way_people_type_them() {
    let mut c = Console::new();
    ok(&mut c, "/attendee Côte d'Ivoire");
    ok(&mut c, "/attendee Maren Solberg | Chair");
    ok(&mut c, "/q+ cote");
    ok(&mut c, "/q+ solb");
    let queue: Vec<String> = c
        .meeting()
        .queue
        .requests()
        .iter()
        .map(|r| c.meeting().roster.name(r.attendee).to_string())
        .collect();
    assert_eq!(queue, ["Côte d'Ivoire", "Maren Solberg"]);
    ok(&mut c, "/floor ivo");
    ok(&mut c, "Ivo: thanked the secretariat.");
    assert_eq!(c.last_label(), "Côte d'Ivoire");
    assert_eq!(c.last_text(), "thanked the secretariat.");
}

#[test]
fn a_mistyped_name_is_never_recorded_silently() {
    let mut c = Console::new();
    c.seed_setup();
    ok(&mut c, "/floor Croatia");
    c.line("Germny: Objected.");
    assert!(matches!(c.app.mode, Mode::Confirm(_)));
    assert!(c.status().contains("Germany"), "{}", c.status());
    assert!(c.meeting().entries.is_empty(), "nothing recorded yet");
    // Enter takes the proposal.
    c.key(KeyCode::Enter);
    assert_eq!(c.last_label(), "Germany (Coord. Stock. Destruct.)");
    assert_eq!(c.last_text(), "Objected.");
    assert!(c.app.composer.is_empty());
    // n records the line as typed, for the speaker with the floor.
    c.line("Germny: Objected again.");
    c.key(KeyCode::Char('n'));
    assert_eq!(c.last_label(), "Croatia (Coord. Stock. Destruct.)");
    assert_eq!(c.last_text(), "Germny: Objected again.");
    // Esc goes back to the line, kept for fixing.
    c.line("Mexcio: Agreed.");
    c.key(KeyCode::Esc);
    assert_eq!(c.app.mode, Mode::Compose);
    assert_eq!(c.app.composer.text(), "Mexcio: Agreed.");
    assert_eq!(c.meeting().entries.len(), 2);
    // Lines that resemble no name go on as before.
    c.app.composer.clear();
    ok(&mut c, "Note: the interpreters were thanked.");
    assert_eq!(c.last_text(), "Note: the interpreters were thanked.");
    assert_eq!(c.last_label(), "Croatia (Coord. Stock. Destruct.)");
}

/// One or two letters that only begin a name are as likely a word ("Re:", "A:"): the line is
/// held and asked about, never recorded silently for that attendee. A whole short name or
/// label is recorded at once.
#[test]
fn a_line_starting_with_a_short_word_and_a_colon_is_asked_about() {
    let mut c = Console::new();
    ok(&mut c, "/attendee Republic of Korea");
    ok(&mut c, "/attendee Chile");
    ok(&mut c, "/attendee United States | US");
    ok(&mut c, "/floor Chile");
    c.line("Re: the budget, see annex 2.");
    assert!(matches!(c.app.mode, Mode::Confirm(_)), "{}", c.status());
    assert!(c.status().contains("Republic of Korea"), "{}", c.status());
    assert!(c.meeting().entries.is_empty(), "nothing recorded yet");
    c.key(KeyCode::Char('n'));
    assert_eq!(c.last_text(), "Re: the budget, see annex 2.");
    assert!(c.last_label().starts_with("Chile"), "{}", c.last_label());
    ok(&mut c, "US: Supported the proposal.");
    assert!(
        c.last_label().starts_with("United States"),
        "{}",
        c.last_label()
    );
    assert_eq!(c.last_text(), "Supported the proposal.");
}

#[test]
fn an_ambiguous_name_before_a_colon_is_refused_with_the_candidates() {
    let mut c = Console::new();
    ok(&mut c, "/attendee Malta");
    ok(&mut c, "/attendee Mexico");
    c.line("M: Agreed.");
    assert!(
        c.status().contains("could be Malta, Mexico"),
        "{}",
        c.status()
    );
    assert!(c.meeting().entries.is_empty());
}

#[test]
fn typing_after_a_refusal_replaces_the_refused_line() {
    let mut c = Console::new();
    c.seed_setup();
    c.line("/q+ Nobody");
    assert!(!accepted(&c));
    assert!(c.app.composer.is_held(), "the refused line is selected");
    // The next line typed replaces it, nothing is glued on.
    ok(&mut c, "/q+ mexico");
    assert_eq!(c.meeting().queue.len(), 1);
    // An arrow keeps a refused line for fixing.
    c.line("/q+ Nobdy");
    c.key(KeyCode::End);
    c.key(KeyCode::Backspace);
    c.type_text("y");
    assert_eq!(c.app.composer.text(), "/q+ Nobdy");
    c.key(KeyCode::Enter);
    assert!(c.app.composer.is_held(), "refused again, held again");
    // Asking for what holds is not a refusal.
    ok(&mut c, "/q+ mex");
    assert!(
        c.status().contains("in the queue already"),
        "{}",
        c.status()
    );
    assert!(c.app.composer.is_empty());
    ok(&mut c, "/q- croatia");
    assert!(c.status().contains("not in the queue"), "{}", c.status());
    ok(&mut c, "/floor Mexico");
    let events = c.app.events().len();
    ok(&mut c, "/floor mex");
    assert!(
        c.status().contains("has the floor already"),
        "{}",
        c.status()
    );
    assert_eq!(c.app.events().len(), events);
}

#[test]
fn substitutions_find_the_most_recent_entry_or_all_of_them() {
    let mut c = Console::new();
    c.seed_setup();
    ok(&mut c, "/floor Germany");
    ok(&mut c, "There are seven letters.");
    ok(&mut c, "The letters go out in March.");
    ok(&mut c, "/s/seven/six/");
    assert_eq!(&*c.meeting().entries[0].text, "There are six letters.");
    assert!(c.status().contains("the entry of 10:00"), "{}", c.status());
    ok(&mut c, "/s/letters/invitations/g");
    let texts: Vec<&str> = c
        .meeting()
        .entries
        .iter()
        .map(|e| e.text.as_ref())
        .collect();
    assert_eq!(
        texts,
        [
            "There are six invitations.",
            "The invitations go out in March."
        ]
    );
    // One /undo takes back the whole /g.
    ok(&mut c, "/undo");
    assert_eq!(
        &*c.meeting().entries[1].text,
        "The letters go out in March."
    );
    c.line("/s/absent/x/");
    assert!(
        c.status().contains("'absent' is in no entry"),
        "{}",
        c.status()
    );
}

#[test]
fn a_line_is_inserted_before_an_earlier_entry() {
    let mut c = Console::new();
    c.seed_setup();
    ok(&mut c, "/item 1");
    ok(&mut c, "Welcomed everyone.");
    ok(&mut c, "/floor Germany");
    ok(&mut c, "Asked about the letters.");
    ok(&mut c, "Asked about the dates.");
    ok(
        &mut c,
        "/i/the dates/Mexico: Supported the question on letters.",
    );
    let texts: Vec<(String, String)> = c
        .meeting()
        .entries
        .iter()
        .map(|e| {
            let who = e.voice().map(|v| v.label()).unwrap_or_default();
            (who, e.text.to_string())
        })
        .collect();
    assert_eq!(texts[2].1, "Supported the question on letters.");
    assert_eq!(texts[2].0, "Mexico (Coop. and Assist.)");
    assert_eq!(texts[3].1, "Asked about the dates.");
    // It is in the export where it was put, and under the same item.
    let md = markdown(&c);
    let supported = md.find("Supported the question").expect("inserted");
    assert!(md.find("about the letters").expect("first") < supported);
    assert!(supported < md.find("about the dates").expect("last"));
    // A plain inserted line is a note.
    ok(&mut c, "/i/Welcomed/The meeting opened at 10:00.");
    assert!(matches!(c.meeting().entries[0].kind, EntryKind::Note));
}

#[test]
fn by_and_strike_correct_the_last_entry() {
    let mut c = Console::new();
    c.seed_setup();
    ok(&mut c, "/floor Germany");
    ok(&mut c, "Said by Croatia really.");
    ok(&mut c, "/by croatia");
    assert_eq!(c.last_label(), "Croatia (Coord. Stock. Destruct.)");
    ok(&mut c, "A line said by mistake.");
    ok(&mut c, "/strike");
    let last = c.meeting().entries.last().expect("an entry");
    assert!(last.struck, "struck, kept in the log");
    let md = markdown(&c);
    assert!(
        !md.contains("said by mistake"),
        "struck entries leave the export"
    );
    assert!(md.contains("Said by Croatia really."));
    c.line("/s/Said/Spoken/");
    ok(&mut c, "/undo");
    ok(&mut c, "/undo");
    assert!(!c.meeting().entries.last().expect("entry").struck);
}

#[test]
fn select_mode_gives_strikes_and_restores_the_selected_entry() {
    let mut c = Console::new();
    c.seed_setup();
    ok(&mut c, "/floor Germany");
    ok(&mut c, "First.");
    ok(&mut c, "Second.");
    c.key(KeyCode::Up);
    c.key(KeyCode::Up);
    assert_eq!(c.app.mode, Mode::Select { index: 0 });
    // b: the picker, then the entry is Mexico's.
    c.key(KeyCode::Char('b'));
    assert!(matches!(c.app.mode, Mode::Picker(_)));
    c.type_text("mex");
    c.key(KeyCode::Enter);
    assert_eq!(c.app.mode, Mode::Select { index: 0 });
    assert_eq!(
        c.meeting().entries[0].voice().map(|v| v.name.clone()),
        Some("Mexico".to_string())
    );
    // x strikes, x again restores.
    c.key(KeyCode::Char('x'));
    assert!(c.meeting().entries[0].struck);
    c.key(KeyCode::Char('x'));
    assert!(!c.meeting().entries[0].struck);
    assert_eq!(&*c.meeting().entries[0].text, "First.");
}

#[test]
fn actions_have_owners_and_dates_as_people_say_them() {
    let mut c = Console::new();
    c.seed_setup();
    // Friday 18 December 2026.
    ok(&mut c, "/date 2026-12-18");
    ok(
        &mut c,
        "/action Norway, Mexico: prepare the briefing due next friday",
    );
    assert!(
        c.status()
            .contains("action 1 for Norway, Mexico, due Friday 25 December 2026"),
        "{}",
        c.status()
    );
    ok(
        &mut c,
        "/action Germany and Croatia: send the letters due 12 March",
    );
    ok(
        &mut c,
        "/action \"All coordinators\", CMC: report back due in 2 weeks",
    );
    let actions: Vec<(Vec<Owner>, Option<String>)> = c
        .meeting()
        .entries
        .iter()
        .filter_map(|e| match &e.kind {
            EntryKind::Action(action) => {
                Some((action.owners.clone(), action.due.map(|d| d.to_string())))
            }
            _ => None,
        })
        .collect();
    assert_eq!(actions[0].1.as_deref(), Some("2026-12-25"));
    assert_eq!(actions[1].0.len(), 2);
    assert_eq!(
        actions[1].1.as_deref(),
        Some("2027-03-12"),
        "across the year end"
    );
    assert_eq!(actions[2].0[0], Owner::Named("All coordinators".into()));
    assert_eq!(actions[2].1.as_deref(), Some("2027-01-01"));
    // An unreadable date is refused with the forms that work; nothing recorded.
    c.line("/action Norway: call back due fridy");
    assert!(c.status().contains("next friday"), "{}", c.status());
    // "due" that is not a date stays in the text.
    c.app.composer.clear();
    ok(&mut c, "/action Norway: complete the due diligence");
    assert_eq!(c.last_text(), "complete the due diligence");
    // /done N.
    ok(&mut c, "/done 2");
    assert!(matches!(
        c.meeting().action(2).map(|e| &e.kind),
        Some(EntryKind::Action(action)) if action.done.is_some()
    ));
    ok(&mut c, "/done 2");
    assert!(c.status().contains("done already"), "{}", c.status());
    c.line("/done 9");
    assert!(c.status().contains("no action 9"), "{}", c.status());
}

#[test]
fn editing_an_action_reads_its_owners_and_date_again() {
    let mut c = Console::new();
    c.seed_setup();
    ok(&mut c, "/date 2026-12-18");
    ok(&mut c, "/action Norway: send the letters");
    c.key(KeyCode::Up);
    c.key(KeyCode::Enter);
    assert_eq!(c.app.composer.text(), "Norway: send the letters");
    c.app
        .composer
        .set_text("Norway, Mexico: send the letters due 2026-12-04");
    c.key(KeyCode::Enter);
    assert!(accepted(&c), "{}", c.status());
    match &c.meeting().entries[0].kind {
        EntryKind::Action(action) => {
            assert_eq!(action.owners.len(), 2);
            assert_eq!(
                action.due.map(|d| d.to_string()).as_deref(),
                Some("2026-12-04")
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(c.last_text(), "send the letters");
}

#[test]
fn attendance_over_time_and_the_minute_taker() {
    let mut c = Console::new();
    c.seed_setup();
    ok(&mut c, "/scribe Ana Ferreira");
    ok(&mut c, "/item 1");
    c.wait(7 * 60);
    ok(&mut c, "/left Germany");
    ok(&mut c, "/present- germany");
    assert!(c.status().contains("left already"), "{}", c.status());
    ok(&mut c, "/attendee Malta");
    c.wait(60);
    ok(&mut c, "/present+ Germany");
    let m = c.meeting();
    let germany = m
        .roster
        .iter()
        .find(|a| a.name == "Germany")
        .expect("Germany");
    assert!(germany.present);
    assert_eq!(germany.attendance.len(), 2);
    let malta = m.roster.iter().find(|a| a.name == "Malta").expect("Malta");
    assert_eq!(
        malta
            .attendance
            .first()
            .map(|p| (p.joined, p.at.format("%H:%M").to_string())),
        Some((true, "10:07".to_string())),
        "added after the start: joined then"
    );
    assert_eq!(m.scribe(), Some("Ana Ferreira"));
    assert_eq!(m.present(), 7, "the six of the seed and Malta");
    // The roster overlay shows it all.
    ok(&mut c, "/roster");
    assert!(matches!(c.app.mode, Mode::Overlay { .. }));
    let roster = c.app.overlay(scribe::app::Overlay::Roster);
    let text = format!("{roster:?}");
    assert!(
        text.contains("left 10:07") && text.contains("joined 10:08"),
        "{text}"
    );
    assert!(text.contains("7 present"), "{text}");
    c.key(KeyCode::Esc);
    assert_eq!(c.app.mode, Mode::Compose);
}

#[test]
fn the_scribe_event_is_recorded_for_exports() {
    let mut c = Console::new();
    ok(&mut c, "/scribe Ana");
    assert!(matches!(
        c.app.events().last().map(|e| &e.event),
        Some(Event::ScribeSet { name }) if name == "Ana"
    ));
    ok(&mut c, "/scribe Ana");
    assert!(c.status().contains("already"), "{}", c.status());
}

#[test]
fn ctrl_c_clears_a_held_refusal() {
    let mut c = Console::new();
    c.line("/frobnicate");
    assert!(c.app.composer.is_held());
    c.key_with(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(c.app.composer.is_empty());
    c.send(Msg::Tick);
}

#[test]
fn searching_the_minutes_goes_to_the_entry() {
    let mut c = Console::new();
    c.seed_setup();
    ok(&mut c, "/floor Germany");
    ok(&mut c, "The Café will host the reception.");
    ok(&mut c, "Nothing else.");
    ok(&mut c, "/floor Mexico");
    ok(&mut c, "Another café later.");
    c.key_with(KeyCode::Char('f'), KeyModifiers::CONTROL);
    assert!(matches!(c.app.mode, Mode::Search(_)));
    c.type_text("cafe w");
    let Mode::Search(search) = &c.app.mode else {
        panic!("searching");
    };
    assert_eq!(search.query, "cafe w", "spaces are kept while typing");
    assert_eq!(search.hits.len(), 1);
    c.key(KeyCode::Enter);
    assert_eq!(c.app.mode, Mode::Select { index: 0 });
    c.key(KeyCode::Esc);
    ok(&mut c, "/search CAFÉ");
    let Mode::Search(search) = &c.app.mode else {
        panic!("searching");
    };
    assert_eq!(search.hits.len(), 2);
    assert_eq!(search.hits[0].index, 2, "newest first");
    c.key(KeyCode::Down);
    c.key(KeyCode::Enter);
    assert_eq!(c.app.mode, Mode::Select { index: 0 });
}
