//! Changing what is already recorded: corrections of an entry's text, undo, and the close.

use super::{Decided, record, refuse};
use crate::meeting::{Event, Id, Log, Meeting};

/// `/s/OLD/NEW/`: the first OLD in the last entry becomes NEW.
pub(super) fn substitute(meeting: &Meeting, old: &str, new: &str) -> Decided {
    let Some(entry) = meeting.entries.last() else {
        return refuse("there is no entry to correct");
    };
    if !entry.text.contains(old) {
        return refuse(format!("'{old}' is not in the last entry"));
    }
    let text = entry.text.replacen(old, new, 1);
    correct(meeting, entry.id, text)
}

/// A new text for an entry.
pub(super) fn correct(meeting: &Meeting, entry: Id, text: String) -> Decided {
    // The text is cleaned again: a substitution can leave blank lines at the ends.
    let text = crate::text::clean(&text);
    let Some(current) = meeting.entry(entry) else {
        return refuse("that entry no longer exists");
    };
    if text.trim().is_empty() {
        return refuse("a correction cannot leave the entry empty (/undo takes it back)");
    }
    if current.text == text {
        return refuse("the entry is unchanged");
    }
    record(Event::EntryCorrected { entry, text }, "entry corrected")
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
        Some(_) => refuse("the meeting is already closed"),
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
        Event::AttendeeAdded { name, .. } => format!("{name} added"),
        Event::RegretsRecorded { name } => format!("regrets of {name}"),
        Event::ChairSet { attendee } => format!("{} chairs", name(attendee)),
        Event::ItemAdded { title } => format!("item '{title}' added"),
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
        Event::ActionRecorded { .. } => "action".into(),
        Event::DecisionRecorded { .. } => "decision".into(),
        Event::EntryCorrected { .. } => "correction".into(),
        Event::LastEventUndone => "undo".into(),
        Event::MeetingClosed => "close".into(),
    }
}
