//! The fold, told as small meetings: who spoke, for how long, on which item, and what undo and
//! nonsense events do to it.

use std::time::Duration;

use super::*;

/// A meeting clock: minute `m`, second `s` after 10:00.
fn t(m: i64, s: i64) -> Timestamp {
    crate::testkit::at(m, s)
}

fn at(time: Timestamp, event: Event) -> Stamped {
    Stamped { at: time, event }
}

fn attendee(name: &str, capacity: Option<&str>, label: Option<&str>) -> Event {
    Event::AttendeeAdded(Box::new(AttendeeAdded {
        name: name.into(),
        capacity: capacity.map(Into::into),
        label: label.map(Into::into),
        aliases: vec![],
        group: None,
    }))
}

/// Lebanon (0, chair, President), Germany (1, labelled), CMC (2); items 4 and 5.
fn setup() -> Vec<Stamped> {
    vec![
        at(t(0, 0), attendee("Lebanon", Some("President"), None)),
        at(
            t(0, 0),
            attendee(
                "Germany",
                Some("Stockpile Destruction in 2012"),
                Some("Coord. Stock. Destruct."),
            ),
        ),
        at(t(0, 0), attendee("CMC", None, None)),
        at(t(0, 0), Event::ChairSet { attendee: Id(0) }),
        at(
            t(0, 0),
            Event::ItemAdded {
                title: "Welcome".into(),
                planned: None,
            },
        ),
        at(
            t(0, 0),
            Event::ItemAdded {
                title: "Preparations".into(),
                planned: None,
            },
        ),
    ]
}

#[test]
fn labels_follow_the_seed() {
    let m = Meeting::fold(&setup());
    assert_eq!(m.speaker_label(Id(0)), "President");
    assert_eq!(m.speaker_label(Id(1)), "Germany (Coord. Stock. Destruct.)");
    assert_eq!(m.speaker_label(Id(2)), "CMC");
    assert_eq!(
        m.roster.get(Id(1)).unwrap().with_capacity(),
        "Germany (Stockpile Destruction in 2012)"
    );
}

#[test]
fn floor_and_items_keep_time() {
    let mut events = setup();
    events.extend([
        // Taking up an item gives the chair (Lebanon) the floor.
        at(t(1, 0), Event::ItemTakenUp { item: Id(4) }),
        at(
            t(3, 30),
            Event::SpeakerQueued {
                attendee: Id(1),
                front: false,
                kind: Default::default(),
                reason: Some("letters".into()),
            },
        ),
        at(t(4, 0), Event::FloorGiven { attendee: Id(1) }),
        at(t(6, 0), Event::FloorYielded),
        at(t(10, 0), Event::ItemTakenUp { item: Id(5) }),
        at(t(11, 0), Event::FloorGiven { attendee: Id(2) }),
    ]);
    let m = Meeting::fold(&events);
    let lebanon = m.roster.get(Id(0)).unwrap();
    // 1:00 to 4:00 on item 4, 10:00 to 11:00 introducing item 5.
    assert_eq!(
        (lebanon.spoken, lebanon.turns),
        (Duration::from_secs(240), 2)
    );
    assert_eq!(
        m.roster.get(Id(1)).unwrap().spoken,
        Duration::from_secs(120)
    );
    assert!(m.queue.is_empty(), "the floor takes Germany off the queue");
    assert_eq!(m.agenda.get(Id(4)).unwrap().speakers, vec![Id(0), Id(1)]);
    assert_eq!(m.agenda.spent(Id(4), t(20, 0)), Duration::from_secs(540));
    assert_eq!(m.agenda.spent(Id(5), t(20, 0)), Duration::from_secs(600));
    assert_eq!(
        m.floor.map(|f| (f.attendee, f.since)),
        Some((Id(2), t(11, 0)))
    );
    assert_eq!(m.elapsed(t(20, 0)), Some(Duration::from_secs(19 * 60)));
}

#[test]
fn a_new_item_gives_the_chair_the_floor_and_closing_stops_the_clocks() {
    let mut events = setup();
    events.extend([
        at(t(1, 0), Event::ItemTakenUp { item: Id(4) }),
        at(t(1, 0), Event::FloorGiven { attendee: Id(1) }),
        at(t(2, 0), Event::ItemTakenUp { item: Id(5) }),
    ]);
    let m = Meeting::fold(&events);
    assert_eq!(
        m.floor.map(|f| (f.attendee, f.since)),
        Some((Id(0), t(2, 0)))
    );
    assert_eq!(m.roster.get(Id(1)).unwrap().spoken, Duration::from_secs(60));
    // Without a chair, a new item leaves nobody on the floor. (The chair's event is replaced,
    // not removed, so that ids, which are positions, stay the same.)
    let without_chair: Vec<Stamped> = events
        .iter()
        .map(|e| match e.event {
            Event::ChairSet { .. } => at(e.at, Event::TitleSet { title: "x".into() }),
            _ => e.clone(),
        })
        .collect();
    assert_eq!(Meeting::fold(&without_chair).floor, None);
    events.push(at(t(5, 0), Event::MeetingClosed));
    let m = Meeting::fold(&events);
    assert_eq!(m.floor, None);
    assert_eq!(m.agenda.spent(Id(5), t(50, 0)), Duration::from_secs(180));
    assert_eq!(m.elapsed(t(50, 0)), Some(Duration::from_secs(240)));
}

#[test]
fn entries_land_under_the_current_item_with_their_speaker() {
    let mut events = setup();
    events.extend([
        at(
            t(0, 30),
            Event::NoteRecorded {
                text: "Opening remarks".into(),
            },
        ),
        at(t(1, 0), Event::ItemTakenUp { item: Id(5) }),
        at(
            t(1, 5),
            Event::StatementRecorded {
                speaker: Id(1),
                text: "Thanked the Presidency.".into(),
            },
        ),
        at(
            t(1, 9),
            Event::ActionRecorded(Box::new(ActionRecorded {
                owner: Owner::Named("All coordinators".into()),
                also: vec![],
                text: "Send letters".into(),
                due: None,
            })),
        ),
    ]);
    let m = Meeting::fold(&events);
    let items: Vec<Option<Id>> = m.entries.iter().map(|e| e.item).collect();
    assert_eq!(items, vec![None, Some(Id(5)), Some(Id(5))]);
    assert_eq!(m.entries[1].speaker(), Some(Id(1)));
    assert_eq!(m.entries[1].id, Id(8));
    // The chair, who got the floor with the item, then Germany.
    assert_eq!(m.agenda.get(Id(5)).unwrap().speakers, vec![Id(0), Id(1)]);
}

#[test]
fn corrections_change_the_text_and_count() {
    let mut events = setup();
    events.push(at(
        t(1, 0),
        Event::NoteRecorded {
            text: "Stockpile".into(),
        },
    ));
    events.push(at(
        t(1, 1),
        Event::EntryCorrected {
            entry: Id(6),
            text: "Stockpiles".into(),
        },
    ));
    let m = Meeting::fold(&events);
    assert_eq!(
        (m.entries[0].text.as_ref(), m.entries[0].revision),
        ("Stockpiles", 1)
    );
}

#[test]
fn undo_walks_back_one_event_at_a_time() {
    let mut log = Log::new(setup());
    log.push(at(t(1, 0), Event::ItemTakenUp { item: Id(4) }));
    log.push(at(t(1, 0), Event::FloorGiven { attendee: Id(1) }));
    log.push(at(
        t(1, 5),
        Event::StatementRecorded {
            speaker: Id(1),
            text: "one".into(),
        },
    ));
    log.push(at(t(1, 9), Event::LastEventUndone));
    assert!(log.meeting().entries.is_empty());
    assert_eq!(log.meeting().floor.map(|f| f.attendee), Some(Id(1)));
    log.push(at(t(1, 9), Event::LastEventUndone));
    // Back to the chair, who had the floor from taking up the item.
    assert_eq!(log.meeting().floor.map(|f| f.attendee), Some(Id(0)));
    // What is left equals the log without the undone events.
    let mut without = setup();
    without.push(at(t(1, 0), Event::ItemTakenUp { item: Id(4) }));
    assert_eq!(log.meeting(), &Meeting::fold(&without));
    // A new entry after undo gets a fresh id, never one an undone event had.
    let id = log.push(at(t(2, 0), Event::NoteRecorded { text: "two".into() }));
    assert_eq!(id, Id(11));
    assert_eq!(log.meeting().entries[0].id, Id(11));
}

#[test]
fn undo_with_nothing_left_is_harmless() {
    let mut log = Log::new(vec![]);
    log.push(at(t(0, 0), Event::LastEventUndone));
    log.push(at(t(0, 0), Event::LastEventUndone));
    assert_eq!(log.meeting(), &Meeting::default());
    assert!(log.undoable().is_none());
}

#[test]
fn nonsense_events_change_nothing() {
    let base = Meeting::fold(&setup());
    for event in [
        Event::FloorGiven { attendee: Id(99) },
        Event::ChairSet { attendee: Id(5) },
        Event::ItemTakenUp { item: Id(1) },
        Event::SpeakerQueued {
            attendee: Id(4),
            front: false,
            kind: Default::default(),
            reason: None,
        },
        Event::StatementRecorded {
            speaker: Id(77),
            text: "x".into(),
        },
        Event::EntryCorrected {
            entry: Id(3),
            text: "x".into(),
        },
        Event::ActionRecorded(Box::new(ActionRecorded {
            owner: Owner::Attendee(Id(42)),
            also: vec![],
            text: "x".into(),
            due: None,
        })),
        Event::NoteRecorded {
            text: String::new().into(),
        },
        Event::FloorYielded,
        Event::SpeakerUnqueued { attendee: Id(1) },
    ] {
        let mut events = setup();
        events.push(at(t(1, 0), event.clone()));
        assert_eq!(
            Meeting::fold(&events),
            base,
            "{event:?} changed the meeting"
        );
    }
}

#[test]
fn time_running_backwards_does_not_panic() {
    let mut events = setup();
    events.push(at(t(10, 0), Event::ItemTakenUp { item: Id(4) }));
    events.push(at(t(10, 0), Event::FloorGiven { attendee: Id(0) }));
    events.push(at(t(1, 0), Event::FloorYielded));
    let m = Meeting::fold(&events);
    assert_eq!(m.roster.get(Id(0)).unwrap().spoken, Duration::ZERO);
    assert_eq!(m.agenda.spent(Id(4), t(0, 0)), Duration::ZERO);
}

#[test]
fn a_template_sets_up_the_same_roster_chair_and_agenda() {
    let template = Meeting::fold(&setup());
    let events: Vec<Stamped> = setup::setup_events(&template)
        .into_iter()
        .map(|event| at(t(0, 0), event))
        .collect();
    let copy = Meeting::fold(&events);
    let names = |m: &Meeting| {
        m.roster
            .iter()
            .map(|a| a.with_capacity())
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&copy), names(&template));
    assert_eq!(copy.speaker_label(copy.chair.unwrap()), "President");
    let titles = |m: &Meeting| {
        m.agenda
            .items()
            .iter()
            .map(|i| i.title.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(titles(&copy), titles(&template));
}

#[test]
fn statements_keep_the_voice_of_their_moment() {
    let mut events = setup();
    events.extend([
        at(t(1, 0), Event::ItemTakenUp { item: Id(4) }),
        // Lebanon chairs and introduces; Germany speaks as a delegation.
        at(t(1, 5), said(0, "Opened.")),
        at(t(1, 9), said(1, "As a delegation.")),
        // Germany takes the chair; a later capacity change of Lebanon.
        at(t(2, 0), Event::ChairSet { attendee: Id(1) }),
        at(
            t(2, 5),
            Event::AttendeeChanged(Box::new(AttendeeChanged {
                attendee: Id(0),
                capacity: Some("Former President".into()),
                label: None,
                aliases: vec![],
                group: None,
            })),
        ),
        at(t(2, 9), said(1, "As the chair.")),
        at(t(3, 0), said(0, "From the floor.")),
    ]);
    let m = Meeting::fold(&events);
    let labels: Vec<String> = m
        .entries
        .iter()
        .map(|e| e.voice().map(|v| v.label()).unwrap_or_default())
        .collect();
    assert_eq!(
        labels,
        [
            "President",
            "Germany (Coord. Stock. Destruct.)",
            "Stockpile Destruction in 2012",
            "Lebanon"
        ]
    );
    assert_eq!(m.chair_at(Id(7)), Some(Id(0)));
    assert_eq!(m.chair_at(Id(9)), Some(Id(1)));
    assert_eq!(m.chair_at(Id(2)), None);
}

fn said(speaker: u32, text: &str) -> Event {
    Event::StatementRecorded {
        speaker: Id(speaker),
        text: text.into(),
    }
}

#[test]
fn inserted_lines_take_their_place_and_can_be_found() {
    let mut events = setup();
    events.extend([
        at(t(1, 0), Event::ItemTakenUp { item: Id(4) }),
        at(t(1, 5), said(1, "First.")),
        at(t(1, 9), said(1, "Third.")),
        at(
            t(2, 0),
            Event::EntryInserted {
                before: Id(8),
                speaker: Some(Id(2)),
                text: "Second.".into(),
            },
        ),
        at(
            t(2, 5),
            Event::EntryCorrected {
                entry: Id(9),
                text: "Second, corrected.".into(),
            },
        ),
        at(t(2, 9), Event::EntryStruck { entry: Id(7) }),
        // Nonsense: before an entry that does not exist.
        at(
            t(3, 0),
            Event::EntryInserted {
                before: Id(99),
                speaker: None,
                text: "Lost.".into(),
            },
        ),
    ]);
    let m = Meeting::fold(&events);
    let texts: Vec<&str> = m.entries.iter().map(|e| e.text.as_ref()).collect();
    assert_eq!(texts, ["First.", "Second, corrected.", "Third."]);
    let inserted = m.entry(Id(9)).expect("found by id");
    assert_eq!((inserted.at, inserted.item), (t(1, 9), Some(Id(4))));
    assert_eq!(m.entries.position(Id(8)), Some(2));
    assert!(m.entry(Id(7)).is_some_and(|e| e.struck));
    // Undo of the insertion puts the minutes back as they were.
    let mut log = Log::new(events[..10].to_vec());
    log.push(at(t(4, 0), Event::LastEventUndone));
    let texts: Vec<&str> = log
        .meeting()
        .entries
        .iter()
        .map(|e| e.text.as_ref())
        .collect();
    assert_eq!(texts, ["First.", "Third."]);
}

#[test]
fn carried_actions_are_numbered_first_and_can_be_done() {
    let mut events = setup();
    events.extend([
        at(
            t(0, 1),
            Event::ItemAdded {
                title: "Review of action points".into(),
                planned: None,
            },
        ),
        at(t(1, 0), Event::ItemTakenUp { item: Id(6) }),
        at(
            t(1, 0),
            Event::ActionCarried(Box::new(ActionCarried {
                origin: Origin {
                    meeting: "2026-03-12-1000".into(),
                    number: 4,
                },
                owners: vec!["Germany".into(), "All coordinators".into()],
                text: "Send the letters".into(),
                due: None,
            })),
        ),
        at(
            t(2, 0),
            Event::ActionRecorded(Box::new(ActionRecorded {
                owner: Owner::Attendee(Id(2)),
                also: vec![],
                text: "A new one".into(),
                due: None,
            })),
        ),
        at(t(3, 0), Event::ActionDone { entry: Id(8) }),
    ]);
    let m = Meeting::fold(&events);
    let carried = m.action(1).expect("action 1");
    match &carried.kind {
        EntryKind::Action(action) => {
            let ActionEntry {
                owners,
                done,
                carried,
                ..
            } = &**action;
            assert_eq!(
                owners,
                &[
                    Owner::Attendee(Id(1)),
                    Owner::Named("All coordinators".into())
                ]
            );
            assert_eq!(*done, Some(t(3, 0)));
            assert_eq!(carried.as_ref().map(|o| o.number), Some(4));
        }
        other => panic!("{other:?}"),
    }
    assert!(m.action(2).is_some_and(|e| &*e.text == "A new one"));
}

/// Every event in the log and every entry of the minutes is held in memory once per line of a
/// meeting: the large, rare kinds are boxed (`AttendeeAdded`, the actions) so that the others
/// stay small. Growing these again costs megabytes on a long meeting.
#[test]
fn events_and_entries_stay_small() {
    use std::mem::size_of;
    assert!(size_of::<Event>() <= 40, "Event: {}", size_of::<Event>());
    assert!(
        size_of::<Stamped>() <= 56,
        "Stamped: {}",
        size_of::<Stamped>()
    );
    assert!(
        size_of::<EntryKind>() <= 16,
        "EntryKind: {}",
        size_of::<EntryKind>()
    );
    assert!(size_of::<Entry>() <= 72, "Entry: {}", size_of::<Entry>());
}
