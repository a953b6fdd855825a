//! Changing what is already recorded, the way scribes do it (W3C's scribe.perl is the model):
//! `s/OLD/NEW/` on the most recent entry that contains OLD (`g`: on all of them), a line
//! inserted before an earlier one, a statement given to someone else, an entry struck; and
//! undo and the close.

use super::{Decided, record, refuse, unchanged};
use crate::command::names::resolve;
use crate::meeting::{Correction, Entry, EntryKind, Event, Id, Log, Meeting};

/// How the footer points at an entry: "the entry of 10:42 (Germany)".
fn which(entry: &Entry) -> String {
    let who = match &entry.kind {
        EntryKind::Statement { voice, .. } => voice.label(),
        EntryKind::Note => "a note".to_string(),
        EntryKind::Action(action) => format!("action {}", action.number),
        EntryKind::Decision => "a decision".to_string(),
        EntryKind::Motion(_) => "a motion".to_string(),
    };
    format!("the entry of {} ({who})", entry.at.format("%H:%M"))
}

/// `/s/OLD/NEW/`: the first OLD in the most recent entry containing it; with `all`, every OLD
/// in every entry.
pub(super) fn substitute(meeting: &Meeting, old: &str, new: &str, all: bool) -> Decided {
    if meeting.entries.is_empty() {
        return refuse("there is no entry to correct");
    }
    if !all {
        let Some(entry) = meeting.entries.iter().rev().find(|e| e.text.contains(old)) else {
            return refuse(format!("'{old}' is in no entry"));
        };
        let text = entry.text.replacen(old, new, 1);
        return correct(meeting, entry.id, text).map(|outcome| match outcome {
            super::Outcome::Record { event, .. } => super::Outcome::Record {
                event,
                message: format!("corrected {}", which(entry)),
            },
            other => other,
        });
    }
    let corrections: Vec<Correction> = meeting
        .entries
        .iter()
        .filter(|e| e.text.contains(old))
        .filter_map(|e| {
            let text = crate::text::clean(&e.text.replace(old, new));
            (!text.trim().is_empty() && *text != *e.text).then(|| Correction {
                entry: e.id,
                text: text.into(),
            })
        })
        .collect();
    match corrections.len() {
        0 if meeting.entries.iter().any(|e| e.text.contains(old)) => {
            refuse("that would leave an entry empty: /strike strikes an entry")
        }
        0 => refuse(format!("'{old}' is in no entry")),
        n => record(
            Event::EntriesCorrected { corrections },
            format!("corrected {n} entr{}", if n == 1 { "y" } else { "ies" }),
        ),
    }
}

/// A new text for an entry.
pub(super) fn correct(meeting: &Meeting, entry: Id, text: String) -> Decided {
    // The text is cleaned again: a substitution can leave blank lines at the ends.
    let text = crate::text::clean(&text);
    let Some(current) = meeting.entry(entry) else {
        return refuse("that entry no longer exists");
    };
    if text.trim().is_empty() {
        return refuse("a correction cannot leave the entry empty: /strike strikes it");
    }
    if *current.text == *text {
        return unchanged("the entry is unchanged");
    }
    let text = text.into();
    record(Event::EntryCorrected { entry, text }, "entry corrected")
}

/// `/i/BEFORE/TEXT`: a line before the most recent entry containing BEFORE; `Name: text` is
/// that attendee's statement, anything else a note.
pub(super) fn insert(meeting: &Meeting, before: &str, text: String) -> Decided {
    let Some(target) = meeting
        .entries
        .iter()
        .rev()
        .find(|e| e.text.contains(before))
    else {
        return refuse(format!("'{before}' is in no entry"));
    };
    let (speaker, text) = match super::record::attributed(meeting, &text) {
        Some((speaker, rest)) if !rest.is_empty() => (Some(speaker), rest),
        _ => (None, text),
    };
    let message = format!("inserted before {}", which(target));
    record(
        Event::EntryInserted {
            before: target.id,
            speaker,
            text: text.into(),
        },
        message,
    )
}

/// `/by NAME`: the most recent statement (or note) becomes NAME's.
pub(super) fn by(meeting: &Meeting, name: &str) -> Decided {
    let Some(entry) = meeting
        .entries
        .iter()
        .rev()
        .find(|e| matches!(e.kind, EntryKind::Statement { .. } | EntryKind::Note))
    else {
        return refuse("there is no statement to give to anyone");
    };
    give(meeting, entry.id, name)
}

/// An entry given to NAME.
pub(super) fn give(meeting: &Meeting, entry: Id, name: &str) -> Decided {
    let speaker = resolve(meeting, name)?;
    let Some(current) = meeting.entry(entry) else {
        return refuse("that entry no longer exists");
    };
    let who = meeting.roster.name(speaker);
    match current.kind {
        EntryKind::Statement { speaker: s, .. } if s == speaker => {
            unchanged(format!("{} is {who}'s already", which(current)))
        }
        EntryKind::Statement { .. } | EntryKind::Note => record(
            Event::EntryReattributed { entry, speaker },
            format!("{} is now {who}'s", which(current)),
        ),
        _ => refuse("only a statement or a note can be given to a speaker"),
    }
}

/// `/strike`: the last entry in the minutes that is not struck yet.
pub(super) fn strike_last(meeting: &Meeting) -> Decided {
    match meeting.entries.iter().rev().find(|e| !e.struck) {
        Some(entry) => strike(meeting, entry.id, true),
        None if meeting.entries.is_empty() => refuse("there is no entry to strike"),
        None => unchanged("every entry is struck already"),
    }
}

/// Strikes (or restores) an entry.
pub(super) fn strike(meeting: &Meeting, entry: Id, struck: bool) -> Decided {
    let Some(current) = meeting.entry(entry) else {
        return refuse("that entry no longer exists");
    };
    match (current.struck, struck) {
        (true, true) => unchanged(format!("{} is struck already", which(current))),
        (false, false) => unchanged(format!("{} is not struck", which(current))),
        (_, true) => record(
            Event::EntryStruck { entry },
            format!("struck {} (/undo takes it back)", which(current)),
        ),
        (_, false) => record(
            Event::EntryRestored { entry },
            format!("restored {}", which(current)),
        ),
    }
}

pub(super) fn undo(log: &Log) -> Decided {
    match log.undoable() {
        Some(last) => record(
            Event::LastEventUndone,
            format!("undone: {}", describe(log.meeting(), &last.event)),
        ),
        None => refuse("nothing to undo"),
    }
}

pub(super) fn close(meeting: &Meeting) -> Decided {
    match meeting.closed {
        Some(at) => unchanged(format!("the meeting was closed at {}", at.format("%H:%M"))),
        None => record(Event::MeetingClosed, "meeting closed"),
    }
}

/// A few words for what an event did, for the footer after `/undo`.
pub fn describe(meeting: &Meeting, event: &Event) -> String {
    let name = |id: &Id| meeting.roster.name(*id).to_string();
    match event {
        Event::TitleSet { .. } => "title".into(),
        Event::SubtitleSet { .. } => "subtitle".into(),
        Event::DateSet { .. } => "date".into(),
        Event::TimeSet { .. } => "time".into(),
        Event::PlaceSet { .. } => "place".into(),
        Event::SymbolSet { .. } => "symbol".into(),
        Event::StatusSet { .. } => "status".into(),
        Event::LanguageSet { .. } => "language".into(),
        Event::SeriesSet { .. } => "series".into(),
        Event::AttendeeAdded(added) => format!("{} added", added.name),
        Event::AttendeeChanged(change) => format!("{} changed", name(&change.attendee)),
        Event::AttendeeJoined { attendee } => format!("{} joined", name(attendee)),
        Event::AttendeeLeft { attendee } => format!("{} left", name(attendee)),
        Event::ScribeSet { name } => format!("{name} takes the minutes"),
        Event::RegretsRecorded { name } => format!("regrets of {name}"),
        Event::ChairSet { attendee } => format!("{} chairs", name(attendee)),
        Event::ItemAdded { title, .. } => format!("item '{title}' added"),
        Event::ItemTimeboxed { .. } => "timebox".into(),
        Event::AdHocItemTakenUp { title } => format!("item '{title}' added and taken up"),
        Event::QueueSet { .. } => "queue order".into(),
        Event::SpeakerMovedToFront { attendee } => format!("{} to the front", name(attendee)),
        Event::SpeakerMovedBack { attendee } => format!("{} to the back", name(attendee)),
        Event::QueueCarriedOver => "carry-over".into(),
        Event::ListClosed => "list closed".into(),
        Event::ListOpened => "list opened".into(),
        Event::QueueOrderSet { .. } => "queue order".into(),
        Event::LimitSet { .. } => "limit".into(),
        Event::LimitExtended { .. } => "extension".into(),
        Event::MotionProposed { .. } => "motion".into(),
        Event::MotionMoved { .. } => "mover".into(),
        Event::MotionSeconded { .. } => "seconder".into(),
        Event::MotionAmended { .. } => "amendment".into(),
        Event::MotionDecided { .. } => "outcome of the motion".into(),
        Event::ItemTakenUp { item } => format!(
            "item {} taken up",
            meeting.agenda.number(*item).unwrap_or(0)
        ),
        Event::SpeakerQueued { attendee, .. } => format!("{} queued", name(attendee)),
        Event::SpeakerUnqueued { attendee } => format!("{} off the queue", name(attendee)),
        Event::FloorGiven { attendee } => format!("floor to {}", name(attendee)),
        Event::FloorYielded => "yield".into(),
        Event::StatementRecorded { speaker, .. } => format!("statement by {}", name(speaker)),
        Event::NoteRecorded { .. } => "note".into(),
        Event::ActionRecorded(_) => "action".into(),
        Event::ActionEdited(_) => "action edited".into(),
        Event::ActionCarried(_) => "carried action".into(),
        Event::ActionDone { .. } => "action done".into(),
        Event::DecisionRecorded { .. } => "decision".into(),
        Event::EntryCorrected { .. } => "correction".into(),
        Event::EntriesCorrected { corrections } => format!("{} corrections", corrections.len()),
        Event::EntryInserted { .. } => "inserted line".into(),
        Event::EntryReattributed { .. } => "speaker changed".into(),
        Event::EntryStruck { .. } => "strike".into(),
        Event::EntryRestored { .. } => "restore".into(),
        Event::LastEventUndone => "undo".into(),
        Event::MeetingClosed => "close".into(),
    }
}
