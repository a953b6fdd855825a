//! Command → event: checks a command against the meeting as it stands and decides the one event
//! it records, or says why it cannot. Pure: the same log and command always give the same
//! answer, and a refused command changes nothing. One command is one event, so `/undo` takes
//! back exactly one command.

use thiserror::Error;

use super::names::{NameError, resolve};
use super::parse::ParseError;
use super::{Command, ItemTarget, OwnerSpec};
use crate::meeting::{Event, Id, Log, Meeting, Owner};

/// Why a command changed nothing. Shown in the footer as it is.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum CommandError {
    #[error(transparent)]
    Parse(#[from] ParseError),
    #[error(transparent)]
    Name(#[from] NameError),
    #[error("{0}")]
    Refused(String),
}

/// What a command comes to.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// Record this event; the message confirms it in the footer.
    Record { event: Event, message: String },
    /// Save and leave.
    Quit,
    /// Write the minutes in this format next to the meeting file (the runtime does it).
    Export(crate::export::Format),
}

fn refuse<T>(message: impl Into<String>) -> Result<T, CommandError> {
    Err(CommandError::Refused(message.into()))
}

fn record(event: Event, message: impl Into<String>) -> Result<Outcome, CommandError> {
    Ok(Outcome::Record {
        event,
        message: message.into(),
    })
}

/// Decides what `command` records in the meeting held by `log`.
pub fn decide(log: &Log, command: Command) -> Result<Outcome, CommandError> {
    let meeting = log.meeting();
    let name_of = |id: Id| meeting.roster.name(id).to_string();
    let open = || {
        if meeting.closed.is_some() {
            refuse("the meeting is closed (/undo reopens it)")
        } else {
            Ok(())
        }
    };
    match command {
        Command::Title(title) => record(Event::TitleSet { title }, "title set"),
        Command::Subtitle(subtitle) => record(Event::SubtitleSet { subtitle }, "subtitle set"),
        Command::Date(date) => record(Event::DateSet { date }, format!("date set to {date}")),
        Command::Time(time) => record(
            Event::TimeSet { time },
            format!("time set to {}", time.format("%H:%M")),
        ),
        Command::Place(place) => record(Event::PlaceSet { place }, "place set"),
        Command::Attendee {
            name,
            capacity,
            label,
            aliases,
        } => {
            let taken = meeting
                .roster
                .iter()
                .any(|a| a.name.to_lowercase() == name.to_lowercase());
            if taken {
                return refuse(format!("{name} is already on the roster"));
            }
            let message = format!("{name} added to the roster");
            record(
                Event::AttendeeAdded {
                    name,
                    capacity,
                    label,
                    aliases,
                },
                message,
            )
        }
        Command::Regrets(name) => {
            let message = format!("regrets recorded for {name}");
            record(Event::RegretsRecorded { name }, message)
        }
        Command::Chair(typed) => {
            let attendee = resolve(meeting, &typed)?;
            record(
                Event::ChairSet { attendee },
                format!("{} chairs", name_of(attendee)),
            )
        }
        Command::Agenda(title) => {
            let n = meeting.agenda.items().len() + 1;
            record(Event::ItemAdded { title }, format!("item {n} added"))
        }
        Command::Item(target) => {
            open()?;
            let item = match target {
                ItemTarget::Number(n) => match meeting.agenda.by_number(n) {
                    Some(item) => item,
                    None => {
                        return refuse(format!(
                            "there is no item {n}: the agenda has {}",
                            meeting.agenda.items().len()
                        ));
                    }
                },
                ItemTarget::Next => match meeting.agenda.next() {
                    Some(item) => item,
                    None if meeting.agenda.items().is_empty() => {
                        return refuse("the agenda is empty: add items with /agenda");
                    }
                    None => return refuse("this is the last item"),
                },
            };
            if meeting.agenda.current_id() == Some(item.id) {
                return refuse("that item is already taken up");
            }
            let n = meeting.agenda.number(item.id).unwrap_or(0);
            record(
                Event::ItemTakenUp { item: item.id },
                format!("item {n}: {}", item.title),
            )
        }
        Command::QueueAdd { name, reason } => {
            open()?;
            let attendee = resolve(meeting, &name)?;
            if meeting.queue.contains(attendee) {
                return refuse(format!("{} is already in the queue", name_of(attendee)));
            }
            let place = meeting.queue.len() + 1;
            record(
                Event::SpeakerQueued { attendee, reason },
                format!("{} queued ({place} waiting)", name_of(attendee)),
            )
        }
        Command::QueueRemove(name) => {
            let attendee = resolve(meeting, &name)?;
            if !meeting.queue.contains(attendee) {
                return refuse(format!("{} is not in the queue", name_of(attendee)));
            }
            record(
                Event::SpeakerUnqueued { attendee },
                format!("{} taken off the queue", name_of(attendee)),
            )
        }
        Command::Ack(name) => {
            open()?;
            let attendee = match name {
                Some(name) => resolve(meeting, &name)?,
                None => match meeting.queue.head() {
                    Some(request) => request.attendee,
                    None => return refuse("the queue is empty"),
                },
            };
            give_floor(meeting, attendee)
        }
        Command::Floor(name) => {
            open()?;
            let attendee = resolve(meeting, &name)?;
            give_floor(meeting, attendee)
        }
        Command::Yield => match meeting.floor {
            Some(floor) => record(
                Event::FloorYielded,
                format!("{} yields the floor", name_of(floor.attendee)),
            ),
            None => refuse("nobody has the floor"),
        },
        Command::Note(text) => record(Event::NoteRecorded { text }, "note recorded"),
        Command::Action { owner, text, due } => {
            let owner = match owner {
                OwnerSpec::Name(name) => Owner::Attendee(resolve(meeting, &name)?),
                OwnerSpec::Literal(name) => Owner::Named(name),
            };
            let message = format!("action for {}", meeting.owner_name(&owner));
            record(Event::ActionRecorded { owner, text, due }, message)
        }
        Command::Decision(text) => record(Event::DecisionRecorded { text }, "decision recorded"),
        Command::Substitute { old, new } => {
            let Some(entry) = meeting.entries.last() else {
                return refuse("there is no entry to correct");
            };
            if !entry.text.contains(&old) {
                return refuse(format!("'{old}' is not in the last entry"));
            }
            let text = entry.text.replacen(&old, &new, 1);
            correct(meeting, entry.id, text)
        }
        Command::Correct { entry, text } => correct(meeting, entry, text),
        Command::Undo => match log.undoable() {
            Some(last) => record(
                Event::LastEventUndone,
                format!("undone: {}", describe(meeting, &last.event)),
            ),
            None => refuse("nothing to undo"),
        },
        Command::Close => match meeting.closed {
            Some(_) => refuse("the meeting is already closed"),
            None => record(Event::MeetingClosed, "meeting closed"),
        },
        Command::Quit => Ok(Outcome::Quit),
        Command::Export(format) => Ok(Outcome::Export(format)),
        Command::Say(text) => match attributed(meeting, &text) {
            Some((speaker, rest)) if rest.is_empty() => refuse(format!(
                "nothing after '{}:' to record",
                meeting.roster.name(speaker)
            )),
            Some((speaker, rest)) => record(
                Event::StatementRecorded {
                    speaker,
                    text: rest,
                },
                format!("recorded for {}", name_of(speaker)),
            ),
            None => say(meeting, text),
        },
        Command::SayLiteral(text) => say(meeting, text),
    }
}

fn give_floor(meeting: &Meeting, attendee: Id) -> Result<Outcome, CommandError> {
    let name = meeting.roster.name(attendee);
    if meeting.floor.is_some_and(|f| f.attendee == attendee) {
        return refuse(format!("{name} already has the floor"));
    }
    record(
        Event::FloorGiven { attendee },
        format!("{name} has the floor"),
    )
}

fn correct(meeting: &Meeting, entry: Id, text: String) -> Result<Outcome, CommandError> {
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

/// A plain line: a statement by whoever has the floor, or a note when nobody has.
fn say(meeting: &Meeting, text: String) -> Result<Outcome, CommandError> {
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
