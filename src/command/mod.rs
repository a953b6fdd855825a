//! The command language: what the note-taker types in the composer (or triggers with a key).
//!
//! - [`table`] holds the language as data, one row per command (name, aliases, argument shape,
//!   usage, help, and the function that parses its arguments). Parsing, Tab completion, the help
//!   overlay, the "did you mean" suggestion and the README test all read it.
//! - [`parse`] turns a line of text into a [`Command`] through that table.
//! - [`names`] finds attendees from what was typed.
//! - [`decide`] turns a [`MeetingCommand`] into the one event it records, or says why not.
//!
//! A [`Command`] is either for the meeting (decided into an event) or for the console (export,
//! quit), which the app carries out itself: the domain never hears of those.

pub mod args;
pub mod decide;
pub mod due;
pub mod habits;
pub mod names;
pub mod parse;
pub mod table;

use chrono::{NaiveDate, NaiveTime};

use crate::export::Format;
use crate::meeting::{DocStatus, Id, MotionOutcome, QueueOrder, RequestKind, Vote};

pub use decide::{CommandError, Outcome, decide};
pub use names::{NameError, resolve};
pub use parse::{ParseError, parse};
pub use table::{COMMANDS, Spec};

/// Which agenda item to take up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ItemTarget {
    /// 1-based number.
    Number(usize),
    Next,
}

/// Who owns an action point, as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OwnerSpec {
    /// A name to find on the roster.
    Name(String),
    /// A quoted owner taken as written, not looked up ("All coordinators").
    Literal(String),
}

/// What the note-taker asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Something that changes the meeting: [`decide`] turns it into an event.
    Meeting(MeetingCommand),
    /// Something the console does itself.
    Console(ConsoleCommand),
}

/// What the console does without touching the meeting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConsoleCommand {
    /// Write the minutes next to the meeting file.
    Export(Format),
    /// Write the minutes in the format the settings choose (Markdown unless they say).
    ExportDefault,
    /// Save and leave.
    Quit,
    /// Show the roster overlay.
    Roster,
    /// Show the statistics overlay.
    Stats,
    /// Say who waits, in the footer (`/q?`).
    ShowQueue,
    /// Copy the whole minutes (Markdown) to the clipboard.
    Copy,
    /// Open the search overlay, with this to look for.
    Search(String),
}

/// A change to the meeting, with names still as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MeetingCommand {
    Title(String),
    Subtitle(String),
    Date(NaiveDate),
    Time(NaiveTime),
    Place(String),
    /// Add to the roster, or change an attendee's capacity, label, aliases and group.
    Attendee {
        name: String,
        capacity: Option<String>,
        label: Option<String>,
        aliases: Vec<String>,
        group: Option<String>,
    },
    Joined(String),
    Left(String),
    /// The minute-taker (a name, on the roster or not).
    Scribe(String),
    Symbol(String),
    Status(DocStatus),
    Language(String),
    Series(String),
    Regrets(String),
    Chair(String),
    /// An agenda item, with the time planned for it in seconds.
    Agenda {
        title: String,
        planned: Option<u32>,
    },
    /// A time planned for item N (None takes it away).
    Timebox {
        item: usize,
        planned: Option<u32>,
    },
    Item(ItemTarget),
    /// An item after the current one, taken up at once (W3C's `topic:`).
    Topic(String),
    /// A request for the floor. `name` may run on into the text when no `:` or `to say`
    /// separates them (`/poo Germany the speaker is off the item`): decide finds where the name
    /// ends.
    QueueAdd {
        name: String,
        reason: Option<String>,
        kind: RequestKind,
    },
    QueueRemove(String),
    /// The queue becomes exactly these, in this order.
    QueueSet(Vec<String>),
    QueueFront(String),
    QueueBack(String),
    /// The last speaker back, first in the queue.
    Readd,
    /// Those left waiting on the previous item join this item's list.
    CarryOver,
    CloseList,
    OpenList,
    Order(QueueOrder),
    /// A speaking limit in seconds for NAME, or for everyone; None takes it away.
    Limit {
        name: Option<String>,
        seconds: Option<u32>,
    },
    /// More time for the speaker, in seconds.
    Extend(u32),
    Motion(String),
    Moved(String),
    Seconded(String),
    Amend(String),
    /// The open motion's outcome, and the vote when one was taken.
    Decide {
        outcome: MotionOutcome,
        vote: Option<Vote>,
    },
    Ack(Option<String>),
    Floor(String),
    Yield,
    Note(String),
    /// An action point; `due` is the words after `due`, read against the meeting's date.
    Action {
        owners: Vec<OwnerSpec>,
        text: String,
        due: Option<String>,
    },
    /// New owners, text and due date for an action (from editing a selected one; not typed).
    EditAction {
        entry: Id,
        owners: Vec<OwnerSpec>,
        text: String,
        due: Option<String>,
    },
    /// Mark action point N done.
    Done(u32),
    Decision(String),
    /// `/s/OLD/NEW/`: the most recent entry containing OLD; with `g`, every entry.
    Substitute {
        old: String,
        new: String,
        all: bool,
    },
    /// `/i/BEFORE/TEXT`: a line (plain, or `Name: text`) before the most recent entry
    /// containing BEFORE.
    Insert {
        before: String,
        text: String,
    },
    /// Give the last statement (or note) to NAME.
    By(String),
    /// Give an entry to NAME (from the selection; not typed).
    GiveEntry {
        entry: Id,
        name: String,
    },
    /// Strike the last entry.
    Strike,
    /// Strike or restore an entry (from the selection; not typed).
    StrikeEntry(Id),
    RestoreEntry(Id),
    /// Replace the text of an entry (from editing a selected entry; not typed).
    Correct {
        entry: Id,
        text: String,
    },
    Undo,
    Close,
    /// A line of the minutes: for the speaker who has the floor, or for `Name:` when the line
    /// starts with a name on the roster.
    Say(String),
    /// A line for the current speaker taken as written (typed with a leading `\`).
    SayLiteral(String),
}

impl From<MeetingCommand> for Command {
    fn from(command: MeetingCommand) -> Command {
        Command::Meeting(command)
    }
}

impl From<ConsoleCommand> for Command {
    fn from(command: ConsoleCommand) -> Command {
        Command::Console(command)
    }
}
