//! What goes into the minutes as it is said: statements (to the speaker with the floor, or to
//! `Name:`), notes and action points.

use chrono::NaiveDate;

use super::{Decided, record, refuse};
use crate::command::OwnerSpec;
use crate::command::names::resolve;
use crate::meeting::{Event, Id, Meeting, Owner};

pub(super) fn action(
    meeting: &Meeting,
    owner: OwnerSpec,
    text: String,
    due: Option<NaiveDate>,
) -> Decided {
    let owner = match owner {
        OwnerSpec::Name(name) => Owner::Attendee(resolve(meeting, &name)?),
        OwnerSpec::Literal(name) => Owner::Named(name),
    };
    let message = format!("action for {}", meeting.owner_name(&owner));
    record(Event::ActionRecorded { owner, text, due }, message)
}

/// A typed line: `Name: text` for an attendee, else a line for whoever has the floor.
pub(super) fn say(meeting: &Meeting, text: String) -> Decided {
    match attributed(meeting, &text) {
        Some((speaker, rest)) if rest.is_empty() => refuse(format!(
            "nothing after '{}:' to record",
            meeting.roster.name(speaker)
        )),
        Some((speaker, rest)) => record(
            Event::StatementRecorded {
                speaker,
                text: rest,
            },
            format!("recorded for {}", meeting.roster.name(speaker)),
        ),
        None => say_as_written(meeting, text),
    }
}

/// A plain line: a statement by whoever has the floor, or a note when nobody has.
pub(super) fn say_as_written(meeting: &Meeting, text: String) -> Decided {
    match meeting.floor {
        Some(floor) => record(
            Event::StatementRecorded {
                speaker: floor.attendee,
                text,
            },
            "",
        ),
        None => record(Event::NoteRecorded { text }, ""),
    }
}

/// `Name: text` where Name is one attendee: that attendee and the text after the colon.
pub fn attributed(meeting: &Meeting, text: &str) -> Option<(Id, String)> {
    let first_line = text.lines().next()?;
    let colon = first_line.find(':')?;
    let name = first_line[..colon].trim();
    if name.is_empty() || name.chars().count() > 60 || name.contains('/') {
        return None;
    }
    let id = resolve(meeting, name).ok()?;
    Some((id, text[colon + 1..].trim().to_string()))
}
