//! Properties of the domain under random meetings: any sequence of typed lines — valid
//! commands, bad ones, hostile text — never panics, and the saved log, read back and folded,
//! is the same meeting as the one captured live.

use std::path::Path;

use chrono::{NaiveDate, NaiveTime};
use proptest::prelude::*;
use scribe::command::{Command, ItemTarget, MeetingCommand, OwnerSpec, decide, parse};
use scribe::meeting::{Log, Meeting};
use scribe::store::file::{from_ron, to_ron};
use scribe::testkit::MeetingBuilder;

const NAMES: &[&str] = &[
    "Norway",
    "New Zealand",
    "Germany",
    "ger",
    "n",
    "Croatia",
    "CMC",
    "President",
    "chair",
    "Côte d'Ivoire",
    "zz",
];

fn name() -> impl Strategy<Value = String> {
    prop::sample::select(NAMES).prop_map(str::to_string)
}

/// Short text, sometimes with control characters, escapes, bidi overrides and line breaks.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z ,.]{1,30}",
        "[a-z]{1,8}(\u{1b}\\[31m|\u{202e}|\r\n|\t|\u{7})[a-z]{0,8}",
        any::<String>(),
    ]
}

/// One line as a note-taker might type it.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        (name(), "[A-Za-z ]{0,12}", "[A-Za-z. ]{0,12}")
            .prop_map(|(n, c, l)| format!("/attendee {n} | {c} | {l}")),
        name().prop_map(|n| format!("/q+ {n}")),
        (name(), text()).prop_map(|(n, t)| format!("/q+ {n} to say {t}")),
        name().prop_map(|n| format!("/q- {n}")),
        Just("/ack".to_string()),
        name().prop_map(|n| format!("/ack {n}")),
        name().prop_map(|n| format!("/floor {n}")),
        Just("/yield".to_string()),
        text().prop_map(|t| format!("/agenda {t}")),
        (0usize..5).prop_map(|n| format!("/item {n}")),
        Just("/item next".to_string()),
        text().prop_map(|t| format!("/note {t}")),
        (name(), text(), 1u32..40)
            .prop_map(|(n, t, d)| format!("/action {n}: {t} due 2026-01-{d:02}")),
        text().prop_map(|t| format!("/decision {t}")),
        ("[a-e]{1,2}", "[a-z]{0,3}").prop_map(|(a, b)| format!("/s/{a}/{b}/")),
        Just("/undo".to_string()),
        Just("/close".to_string()),
        name().prop_map(|n| format!("/chair {n}")),
        name().prop_map(|n| format!("/regrets {n}")),
        text().prop_map(|t| format!("/title {t}")),
        "(2026-0[1-9]-[0-3][0-9]|tomorrow)".prop_map(|d| format!("/date {d}")),
        text(),
        (name(), text()).prop_map(|(n, t)| format!("{n}: {t}")),
        any::<String>(),
    ]
}

/// Captures a meeting live, as the console does: parse, decide, record (refused lines are
/// skipped).
fn capture(lines: &[(String, i64)]) -> Log {
    let mut meeting = MeetingBuilder::new();
    for (line, step) in lines {
        meeting.wait(*step);
        let _ = meeting.type_line(line);
    }
    meeting.log().clone()
}

proptest! {
    // Failures are kept as plain tests below (with the input proptest found), not as seed files.
    #![proptest_config(ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn saved_log_folds_to_the_live_meeting(
        lines in prop::collection::vec((line(), -5i64..600), 1..120)
    ) {
        let log = capture(&lines);
        prop_assert_eq!(&Meeting::fold(log.events()), log.meeting());
        let text = to_ron(log.events());
        let loaded = from_ron(Path::new("prop.ron"), &text).expect("a saved meeting reads back").events;
        prop_assert_eq!(&loaded, &log.events().to_vec());
        prop_assert_eq!(&Meeting::fold(&loaded), log.meeting());
    }

    #[test]
    fn any_text_parses_or_is_refused_without_panic(input in any::<String>()) {
        let log = capture(&[
            ("/attendee Norway | President".to_string(), 0),
            ("/chair Norway".to_string(), 0),
        ]);
        if let Ok(Command::Meeting(command)) = parse(&input) {
            let _ = decide(&log, command);
        }
    }
}

/// Found by the property above: a correction that left a blank first line was saved as typed,
/// and read back cleaned, so the reopened meeting differed from the live one.
#[test]
fn a_correction_is_cleaned_before_it_is_saved() {
    let log = capture(&[("/note d\r\na".into(), 0), ("/s/d//".into(), 0)]);
    assert_eq!(&*log.meeting().entries[0].text, "a");
    let loaded = from_ron(Path::new("m.ron"), &to_ron(log.events()))
        .expect("reads back")
        .events;
    assert_eq!(&Meeting::fold(&loaded), log.meeting());
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 64,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Replay is exact: wherever the player is put, in any order of moves, the meeting it
    /// shows is the fold of the events before that point.
    #[test]
    fn replay_at_any_position_is_the_fold_of_the_prefix(
        lines in prop::collection::vec((line(), 0i64..600), 1..80),
        moves in prop::collection::vec(0usize..1000, 1..20),
    ) {
        let log = capture(&lines);
        let events = log.events().to_vec();
        let mut player = scribe::replay::Player::new(events.clone());
        for target in moves {
            let k = target % (events.len() + 1);
            player.seek(k);
            prop_assert_eq!(player.meeting(), &Meeting::fold(&events[..k]));
        }
        // Backwards then forwards lands on the same state as going there directly.
        let end = events.len();
        player.seek(end / 2);
        player.seek(0);
        player.seek(end);
        prop_assert_eq!(player.meeting(), log.meeting());
        // Stepping through every event one at a time gives every prefix in turn.
        player.seek(0);
        for k in 1..=end {
            player.step(true);
            prop_assert_eq!(player.meeting(), &Meeting::fold(&events[..k]));
        }
    }
}

/// A command as the note-taker types it, with the command it must parse to. Names and text
/// are the kind a meeting has (accents, apostrophes, several words), already in the shape the
/// parser leaves them (no control characters, single spaces, no ends to trim).
fn typed_command() -> impl Strategy<Value = (String, MeetingCommand)> {
    let word = "[A-Za-zÀ-ÿ'.]{1,10}";
    let words = prop::collection::vec(word, 1..5).prop_map(|w| w.join(" "));
    let name = prop::sample::select(NAMES).prop_map(str::to_string);
    let date = (2000i32..2100, 1u32..13, 1u32..29)
        .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).expect("a valid date"));
    let due = prop_oneof![
        date.clone().prop_map(|d| d.to_string()),
        Just("next friday".to_string()),
        Just("in 2 weeks".to_string()),
        Just("12 March".to_string()),
        Just("end of month".to_string()),
    ];
    let setup = prop_oneof![
        words
            .clone()
            .prop_map(|t| (format!("/title {t}"), MeetingCommand::Title(t))),
        words
            .clone()
            .prop_map(|t| (format!("/place {t}"), MeetingCommand::Place(t))),
        words
            .clone()
            .prop_map(|t| (format!("/symbol {t}"), MeetingCommand::Symbol(t))),
        words
            .clone()
            .prop_map(|t| (format!("/series {t}"), MeetingCommand::Series(t))),
        date.clone()
            .prop_map(|d| (format!("/date {d}"), MeetingCommand::Date(d))),
        (0u32..24, 0u32..60).prop_map(|(h, m)| {
            let time = NaiveTime::from_hms_opt(h, m, 0).expect("a valid time");
            (format!("/time {h:02}:{m:02}"), MeetingCommand::Time(time))
        }),
        (
            words.clone(),
            proptest::option::of(words.clone()),
            proptest::option::of(words.clone()),
            proptest::option::of(words.clone()),
        )
            .prop_map(|(name, capacity, label, group)| {
                let text = format!(
                    "/attendee {name} | {} | {} | | {}",
                    capacity.clone().unwrap_or_default(),
                    label.clone().unwrap_or_default(),
                    group.clone().unwrap_or_default(),
                );
                let command = MeetingCommand::Attendee {
                    name,
                    capacity,
                    label,
                    aliases: vec![],
                    group,
                };
                (text, command)
            }),
        name.clone()
            .prop_map(|n| (format!("/chair {n}"), MeetingCommand::Chair(n))),
        name.clone()
            .prop_map(|n| (format!("/joined {n}"), MeetingCommand::Joined(n))),
        name.clone()
            .prop_map(|n| (format!("/present- {n}"), MeetingCommand::Left(n))),
        words
            .clone()
            .prop_map(|n| (format!("/scribe {n}"), MeetingCommand::Scribe(n))),
    ];
    let floor = prop_oneof![
        (name.clone(), proptest::option::of(words.clone())).prop_map(|(name, reason)| {
            let text = match &reason {
                Some(r) => format!("/q+ {name} to say {r}"),
                None => format!("/q+ {name}"),
            };
            (
                text,
                MeetingCommand::QueueAdd {
                    name,
                    reason,
                    kind: Default::default(),
                },
            )
        }),
        name.clone()
            .prop_map(|n| (format!("/q- {n}"), MeetingCommand::QueueRemove(n))),
        proptest::option::of(name.clone()).prop_map(|n| {
            let text = match &n {
                Some(n) => format!("/ack {n}"),
                None => "/ack".to_string(),
            };
            (text, MeetingCommand::Ack(n))
        }),
        name.clone()
            .prop_map(|n| (format!("/floor {n}"), MeetingCommand::Floor(n))),
        (1usize..40).prop_map(|n| {
            let command = MeetingCommand::Item(ItemTarget::Number(n));
            (format!("/item {n}"), command)
        }),
        Just(("/item next".into(), MeetingCommand::Item(ItemTarget::Next))),
        Just(("/yield".to_string(), MeetingCommand::Yield)),
    ];
    let record = prop_oneof![
        words
            .clone()
            .prop_map(|t| (format!("/note {t}"), MeetingCommand::Note(t))),
        words
            .clone()
            .prop_map(|t| (format!("/decision {t}"), MeetingCommand::Decision(t))),
        (
            prop::collection::vec(name.clone(), 1..4),
            words.clone(),
            proptest::option::of(due),
        )
            .prop_map(|(owners, text, due)| {
                let list = owners.join(", ");
                let typed = match &due {
                    Some(d) => format!("/action {list}: {text} due {d}"),
                    None => format!("/action {list}: {text}"),
                };
                let owners = owners.into_iter().map(OwnerSpec::Name).collect();
                (typed, MeetingCommand::Action { owners, text, due })
            }),
        (1u32..500).prop_map(|n| (format!("/done {n}"), MeetingCommand::Done(n))),
        words
            .clone()
            .prop_map(|t| (t.clone(), MeetingCommand::Say(t))),
    ];
    let correct = prop_oneof![
        ("[a-z]{1,6}", "[a-z ]{0,6}", any::<bool>()).prop_map(|(old, new, all)| {
            let new = new.trim().to_string();
            let flag = if all { "g" } else { "" };
            let command = MeetingCommand::Substitute {
                old: old.clone(),
                new: new.clone(),
                all,
            };
            (format!("/s/{old}/{new}/{flag}"), command)
        }),
        ("[a-z]{1,6}", words).prop_map(|(before, text)| {
            let typed = format!("/i/{before}/{text}");
            (typed, MeetingCommand::Insert { before, text })
        }),
        name.prop_map(|n| (format!("/by {n}"), MeetingCommand::By(n))),
        Just(("/strike".to_string(), MeetingCommand::Strike)),
        Just(("/undo".to_string(), MeetingCommand::Undo)),
        Just(("/close".to_string(), MeetingCommand::Close)),
    ];
    prop_oneof![setup, floor, record, correct]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 512,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// What is typed is what is parsed: each command, written as the README shows it, parses
    /// back to exactly that command; in upper case too.
    #[test]
    fn typed_commands_parse_to_what_they_say((text, command) in typed_command()) {
        prop_assert_eq!(parse(&text), Ok(Command::Meeting(command.clone())));
        if let Some(rest) = text.strip_prefix('/') {
            let end = rest.find([' ', '/']).unwrap_or(rest.len());
            let shouted = format!("/{}{}", rest[..end].to_uppercase(), &rest[end..]);
            prop_assert_eq!(parse(&shouted), Ok(Command::Meeting(command)));
        }
    }

    /// A command name with one letter wrong or missing is refused and named, never run as
    /// something else.
    #[test]
    fn a_mistyped_command_is_refused_with_a_suggestion(index in 0usize..100, cut in 0usize..10) {
        let spec = &scribe::command::COMMANDS[index % scribe::command::COMMANDS.len()];
        let name: String = spec.name.chars().enumerate().filter(|(i, _)| *i != cut % spec.name.len()).map(|(_, c)| c).collect();
        prop_assume!(scribe::command::table::find(&name).is_none() && name.len() > 1);
        let error = parse(&format!("/{name} x")).expect_err("a mistyped name");
        prop_assert!(error.to_string().starts_with(&format!("unknown command /{name}")), "{}", error);
    }
}
