//! Command → event: checks a [`MeetingCommand`] against the meeting as it stands and decides
//! the one event it records, or says why it cannot. Pure: the same log and command always give
//! the same answer, and a refused command changes nothing. One command is one event, so
//! `/undo` takes back exactly one command.
//!
//! One file per family of commands: [`setup`] (title, roster, agenda), [`floor`] (items, queue,
//! floor), [`record`] (what is said, noted, decided), [`correct`] (corrections, undo, close).

mod correct;
mod floor;
mod motion;
mod record;
mod setup;

use thiserror::Error;

use super::MeetingCommand;
use super::names::NameError;
use super::parse::ParseError;
use crate::meeting::{Event, Id, Log};

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
    /// A line starting `Word:` where Word is not on the roster but close to someone who is:
    /// recorded neither way until the note-taker says which was meant.
    #[error(
        "'{typed}' is not on the roster: Enter records the line for {name}, n records it as \
         typed, Esc goes back to it"
    )]
    Unsure {
        typed: String,
        /// Who was probably meant.
        speaker: Id,
        name: String,
        /// The text after the colon.
        rest: String,
    },
}

/// What a meeting command comes to.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// Record this event; the message confirms it in the footer (empty: nothing to say).
    Record { event: Event, message: String },
    /// What the command asks for already holds: nothing to record; the message says so.
    Unchanged(String),
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

/// Accepts a command that asks for what already holds.
fn unchanged(message: impl Into<String>) -> Decided {
    Ok(Outcome::Unchanged(message.into()))
}

/// Decides what `command` records in the meeting held by `log`: one arm per command, each
/// handled in the file of its family.
pub fn decide(log: &Log, command: MeetingCommand) -> Decided {
    use MeetingCommand as C;
    let meeting = log.meeting();
    let meta = &meeting.meta;
    match command {
        C::Title(title) if title == meta.title => unchanged("that is the title already"),
        C::Title(title) => record(Event::TitleSet { title }, "title set"),
        C::Subtitle(subtitle) if subtitle == meta.subtitle => {
            unchanged("that is the subtitle already")
        }
        C::Subtitle(subtitle) => record(Event::SubtitleSet { subtitle }, "subtitle set"),
        C::Date(date) if meta.date == Some(date) => {
            unchanged(format!("the date is {date} already"))
        }
        C::Date(date) => record(Event::DateSet { date }, format!("date set to {date}")),
        C::Time(time) if meta.time == Some(time) => unchanged("that is the time already"),
        C::Time(time) => record(
            Event::TimeSet { time },
            format!("time set to {}", time.format("%H:%M")),
        ),
        C::Place(place) if place == meta.place => unchanged("that is the place already"),
        C::Place(place) => record(Event::PlaceSet { place }, "place set"),
        C::Symbol(symbol) if symbol == meta.symbol => unchanged("that is the symbol already"),
        C::Symbol(symbol) => record(Event::SymbolSet { symbol }, "document symbol set"),
        C::Status(status) if meta.status == Some(status) => {
            unchanged("the minutes have that status already")
        }
        C::Status(status) => record(
            Event::StatusSet { status },
            format!("the minutes are {}", setup::status_name(status)),
        ),
        C::Language(language) if meta.language.as_deref() == Some(&language) => {
            unchanged(format!("the minutes are in '{language}' already"))
        }
        C::Language(language) => {
            let message = format!("exports will be in '{language}'");
            record(Event::LanguageSet { language }, message)
        }
        C::Series(series) if series == meta.series => unchanged("that is the series already"),
        C::Series(series) => {
            let message = format!("part of the series '{series}'");
            record(Event::SeriesSet { series }, message)
        }
        C::Attendee {
            name,
            capacity,
            label,
            aliases,
            group,
        } => setup::attendee(meeting, name, capacity, label, aliases, group),
        C::Regrets(name) => setup::regrets(meeting, name),
        C::Joined(name) => setup::presence(meeting, &name, true),
        C::Left(name) => setup::presence(meeting, &name, false),
        C::Chair(typed) => setup::chair(meeting, &typed),
        C::Scribe(name) => setup::scribe(meeting, name),
        C::Agenda { title, planned } => setup::agenda(meeting, title, planned),
        C::Timebox { item, planned } => setup::timebox(meeting, item, planned),
        C::Item(target) => floor::item(meeting, target),
        C::Topic(title) => floor::topic(meeting, title),
        C::QueueAdd { name, reason, kind } => floor::queue_add(meeting, &name, reason, kind),
        C::QueueRemove(name) => floor::queue_remove(meeting, &name),
        C::QueueSet(names) => floor::queue_set(meeting, &names),
        C::QueueFront(name) => floor::queue_move(meeting, &name, true),
        C::QueueBack(name) => floor::queue_move(meeting, &name, false),
        C::Readd => floor::readd(meeting),
        C::CarryOver => floor::carry_over(meeting),
        C::CloseList => floor::list(meeting, true),
        C::OpenList => floor::list(meeting, false),
        C::Order(order) => floor::order(meeting, order),
        C::Limit { name, seconds } => floor::limit(meeting, name.as_deref(), seconds),
        C::Extend(seconds) => floor::extend(meeting, seconds),
        C::Motion(text) => motion::propose(meeting, text),
        C::Moved(name) => motion::moved(meeting, &name, true),
        C::Seconded(name) => motion::moved(meeting, &name, false),
        C::Amend(text) => motion::amend(meeting, text),
        C::Decide { outcome, vote } => motion::decide(meeting, outcome, vote),
        C::Ack(name) => floor::ack(meeting, name.as_deref()),
        C::Floor(name) => floor::floor(meeting, &name),
        C::Yield => floor::yield_floor(meeting),
        C::Note(text) => record(Event::NoteRecorded { text: text.into() }, "note recorded"),
        C::Action { owners, text, due } => record::action(log, owners, text, due),
        C::EditAction {
            entry,
            owners,
            text,
            due,
        } => record::edit_action(log, entry, owners, text, due),
        C::Done(n) => record::done(meeting, n),
        C::Decision(text) => record(
            Event::DecisionRecorded { text: text.into() },
            "decision recorded",
        ),
        C::Say(text) => record::say(meeting, text),
        C::SayLiteral(text) => record::say_as_written(meeting, text),
        C::Substitute { old, new, all } => correct::substitute(meeting, &old, &new, all),
        C::Correct { entry, text } => correct::correct(meeting, entry, text),
        C::Insert { before, text } => correct::insert(meeting, &before, text),
        C::By(name) => correct::by(meeting, &name),
        C::GiveEntry { entry, name } => correct::give(meeting, entry, &name),
        C::Strike => correct::strike_last(meeting),
        C::StrikeEntry(entry) => correct::strike(meeting, entry, true),
        C::RestoreEntry(entry) => correct::strike(meeting, entry, false),
        C::Undo => correct::undo(log),
        C::Close => correct::close(meeting),
    }
}
