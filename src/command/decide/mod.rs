//! Command → event: checks a [`MeetingCommand`] against the meeting as it stands and decides
//! the one event it records, or says why it cannot. Pure: the same log and command always give
//! the same answer, and a refused command changes nothing. One command is one event, so
//! `/undo` takes back exactly one command.
//!
//! One file per family of commands: [`setup`] (title, roster, agenda), [`floor`] (items, queue,
//! floor), [`record`] (what is said, noted, decided), [`correct`] (corrections, undo, close).

mod correct;
mod floor;
mod record;
mod setup;

use thiserror::Error;

use super::MeetingCommand;
use super::names::NameError;
use super::parse::ParseError;
use crate::meeting::{Event, Log};

pub use correct::describe;
pub use record::attributed;

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

/// What a meeting command comes to.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// Record this event; the message confirms it in the footer (empty: nothing to say).
    Record { event: Event, message: String },
}

type Decided = Result<Outcome, CommandError>;

fn refuse<T>(message: impl Into<String>) -> Result<T, CommandError> {
    Err(CommandError::Refused(message.into()))
}

fn record(event: Event, message: impl Into<String>) -> Decided {
    Ok(Outcome::Record {
        event,
        message: message.into(),
    })
}

/// Decides what `command` records in the meeting held by `log`: one arm per command, each
/// handled in the file of its family.
pub fn decide(log: &Log, command: MeetingCommand) -> Decided {
    use MeetingCommand as C;
    let meeting = log.meeting();
    match command {
        C::Title(title) => record(Event::TitleSet { title }, "title set"),
        C::Subtitle(subtitle) => record(Event::SubtitleSet { subtitle }, "subtitle set"),
        C::Date(date) => record(Event::DateSet { date }, format!("date set to {date}")),
        C::Time(time) => record(
            Event::TimeSet { time },
            format!("time set to {}", time.format("%H:%M")),
        ),
        C::Place(place) => record(Event::PlaceSet { place }, "place set"),
        C::Attendee {
            name,
            capacity,
            label,
            aliases,
        } => setup::attendee(meeting, name, capacity, label, aliases),
        C::Regrets(name) => setup::regrets(name),
        C::Chair(typed) => setup::chair(meeting, &typed),
        C::Agenda(title) => setup::agenda(meeting, title),
        C::Item(target) => floor::item(meeting, target),
        C::QueueAdd { name, reason } => floor::queue_add(meeting, &name, reason),
        C::QueueRemove(name) => floor::queue_remove(meeting, &name),
        C::Ack(name) => floor::ack(meeting, name.as_deref()),
        C::Floor(name) => floor::floor(meeting, &name),
        C::Yield => floor::yield_floor(meeting),
        C::Note(text) => record(Event::NoteRecorded { text }, "note recorded"),
        C::Action { owner, text, due } => record::action(meeting, owner, text, due),
        C::Decision(text) => record(Event::DecisionRecorded { text }, "decision recorded"),
        C::Say(text) => record::say(meeting, text),
        C::SayLiteral(text) => record::say_as_written(meeting, text),
        C::Substitute { old, new } => correct::substitute(meeting, &old, &new),
        C::Correct { entry, text } => correct::correct(meeting, entry, text),
        C::Undo => correct::undo(log),
        C::Close => correct::close(meeting),
    }
}
