//! What goes into the minutes as it is said: statements (to the speaker with the floor, or to
//! `Name:`), notes and action points. A line that starts with a name nearly on the roster is
//! not recorded silently under someone else: it is held until the note-taker says who.

use chrono::NaiveDate;

use super::{CommandError, Decided, record, refuse, unchanged};
use crate::command::names::{self, NameError, near_miss, resolve};
use crate::command::{OwnerSpec, due};
use crate::meeting::{
    ActionEdited, ActionEntry, ActionRecorded, EntryKind, Event, Id, Log, Meeting, Owner,
};

pub(super) fn action(
    log: &Log,
    owners: Vec<OwnerSpec>,
    text: String,
    due: Option<String>,
) -> Decided {
    let meeting = log.meeting();
    let owners = resolve_owners(meeting, owners)?;
    let due = due_date(log, due.as_deref())?;
    let Some((owner, also)) = owners.split_first() else {
        return refuse("an action needs an owner: /action OWNER: TEXT");
    };
    let number = meeting.actions + 1;
    let message = format!(
        "action {number} for {}{}",
        meeting.owner_names(&owners),
        due_words(due)
    );
    record(
        Event::ActionRecorded(Box::new(ActionRecorded {
            owner: owner.clone(),
            also: also.to_vec(),
            text: text.into(),
            due,
        })),
        message,
    )
}

/// An action's owners, text and due date read again after editing.
pub(super) fn edit_action(
    log: &Log,
    entry: Id,
    owners: Vec<OwnerSpec>,
    text: String,
    due: Option<String>,
) -> Decided {
    let meeting = log.meeting();
    let Some(current) = meeting.entry(entry) else {
        return refuse("that entry no longer exists");
    };
    let EntryKind::Action(action) = &current.kind else {
        return refuse("that entry is not an action point");
    };
    let ActionEntry {
        owners: was_owners,
        due: was_due,
        number,
        ..
    } = &**action;
    let owners = resolve_owners(meeting, owners)?;
    let due = due_date(log, due.as_deref())?;
    let text = crate::text::clean(&text);
    if &owners == was_owners && due == *was_due && *text == *current.text {
        return unchanged("the action is unchanged");
    }
    let message = format!(
        "action {number} for {}{}",
        meeting.owner_names(&owners),
        due_words(due)
    );
    record(
        Event::ActionEdited(Box::new(ActionEdited {
            entry,
            owners,
            text: text.into(),
            due,
        })),
        message,
    )
}

pub(super) fn done(meeting: &Meeting, n: u32) -> Decided {
    let Some(entry) = meeting.action(n) else {
        return refuse(format!(
            "there is no action {n}: {} recorded so far",
            meeting.actions
        ));
    };
    match &entry.kind {
        EntryKind::Action(action) if action.done.is_some() => {
            unchanged(format!("action {n} is done already"))
        }
        _ => record(
            Event::ActionDone { entry: entry.id },
            format!("action {n} done"),
        ),
    }
}

/// Owners as typed → owners on the roster (or named in words). A piece that names nobody is
/// tried again split at " and ", so `Norway and Mexico` is two owners while `Bosnia and
/// Herzegovina` stays one.
fn resolve_owners(meeting: &Meeting, owners: Vec<OwnerSpec>) -> Result<Vec<Owner>, CommandError> {
    let mut found: Vec<Owner> = Vec::new();
    for spec in owners {
        let name = match spec {
            OwnerSpec::Literal(name) => {
                found.push(Owner::Named(name));
                continue;
            }
            OwnerSpec::Name(name) => name,
        };
        match resolve(meeting, &name) {
            Ok(id) => found.push(Owner::Attendee(id)),
            Err(NameError::Unknown(_)) if name.to_lowercase().contains(" and ") => {
                let lower = name.to_lowercase();
                let mut start = 0;
                for (at, _) in lower.match_indices(" and ") {
                    found.push(Owner::Attendee(resolve(meeting, &name[start..at])?));
                    start = at + " and ".len();
                }
                found.push(Owner::Attendee(resolve(meeting, &name[start..])?));
            }
            Err(e) => return Err(e.into()),
        }
    }
    let mut unique = Vec::with_capacity(found.len());
    for owner in found {
        if !unique.contains(&owner) {
            unique.push(owner);
        }
    }
    Ok(unique)
}

/// The due date `words` mean, against the meeting's date (or the day it is being minuted).
fn due_date(log: &Log, words: Option<&str>) -> Result<Option<NaiveDate>, CommandError> {
    let Some(words) = words else {
        return Ok(None);
    };
    let today = log
        .meeting()
        .meta
        .date
        .or_else(|| log.events().last().map(|e| e.at.date_naive()));
    let resolved = match today {
        Some(today) => due::resolve(words, today),
        // An empty meeting has no date to count from: only a full date will do.
        None => NaiveDate::parse_from_str(words, "%Y-%m-%d")
            .map_err(|_| "the meeting has no date yet: set one with /date, or write the due date as YYYY-MM-DD".to_string()),
    };
    resolved.map(Some).map_err(CommandError::Refused)
}

/// ", due Friday 4 December 2026" for the footer.
fn due_words(due: Option<NaiveDate>) -> String {
    due.map(|d| format!(", due {}", d.format("%A %-d %B %Y")))
        .unwrap_or_default()
}

/// A typed line: `Name: text` for an attendee, else a line for whoever has the floor.
pub(super) fn say(meeting: &Meeting, text: String) -> Decided {
    let Some((name, rest)) = name_prefix(&text) else {
        return say_as_written(meeting, text);
    };
    match resolve(meeting, name) {
        Ok(speaker) if rest.is_empty() => refuse(format!(
            "nothing after '{}:' to record",
            meeting.roster.name(speaker)
        )),
        // One or two letters that only begin a name ("Re: the budget", "A: ...") are as
        // likely a word as a speaker: asked, never recorded silently.
        Ok(speaker) if name.chars().count() < 3 && !names::names_whole(meeting, name, speaker) => {
            Err(CommandError::Unsure {
                typed: name.to_string(),
                speaker,
                name: meeting.roster.name(speaker).to_string(),
                rest,
            })
        }
        Ok(speaker) => record(
            Event::StatementRecorded {
                speaker,
                text: rest.into(),
            },
            format!("recorded for {}", meeting.roster.name(speaker)),
        ),
        Err(NameError::Ambiguous { typed, candidates }) if !rest.is_empty() => refuse(format!(
            "'{typed}' could be {}: type more of the name (or start the line with \\\\ to \\
             record it as typed)",
            candidates.join(", ")
        )),
        Err(_) => {
            let short = name.split_whitespace().count() <= 2;
            match near_miss(meeting, name).filter(|_| short && !rest.is_empty()) {
                Some(speaker) => Err(CommandError::Unsure {
                    typed: name.to_string(),
                    speaker,
                    name: meeting.roster.name(speaker).to_string(),
                    rest,
                }),
                None => say_as_written(meeting, text),
            }
        }
    }
}

/// A plain line: a statement by whoever has the floor, or a note when nobody has.
pub(super) fn say_as_written(meeting: &Meeting, text: String) -> Decided {
    match meeting.floor {
        Some(floor) => record(
            Event::StatementRecorded {
                speaker: floor.attendee,
                text: text.into(),
            },
            "",
        ),
        None => record(Event::NoteRecorded { text: text.into() }, ""),
    }
}

/// `Name: text` → the name and the text after the colon, when the line starts like that.
fn name_prefix(text: &str) -> Option<(&str, String)> {
    let first_line = text.lines().next()?;
    let colon = first_line.find(':')?;
    let name = first_line[..colon].trim();
    if name.is_empty() || name.chars().count() > 60 || name.contains('/') {
        return None;
    }
    Some((name, text[colon + 1..].trim().to_string()))
}

/// `Name: text` where Name is one attendee: that attendee and the text after the colon.
pub fn attributed(meeting: &Meeting, text: &str) -> Option<(Id, String)> {
    let (name, rest) = name_prefix(text)?;
    let id = resolve(meeting, name).ok()?;
    Some((id, rest))
}
