//! The command language: what the note-taker types in the composer (or triggers with a key),
//! before names are looked up on the roster. `parse` turns text into a [`Command`]; `names`
//! finds attendees from what was typed. Turning a command into events is the app's job.

pub mod decide;
pub mod names;
pub mod parse;

use chrono::{NaiveDate, NaiveTime};

use crate::meeting::Id;

pub use decide::{CommandError, Outcome, decide};
pub use names::{NameError, resolve};
pub use parse::{ParseError, parse};

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

/// What the note-taker asked for. Names are still as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    Title(String),
    Subtitle(String),
    Date(NaiveDate),
    Time(NaiveTime),
    Place(String),
    Attendee {
        name: String,
        capacity: Option<String>,
        label: Option<String>,
        aliases: Vec<String>,
    },
    Regrets(String),
    Chair(String),
    Agenda(String),
    Item(ItemTarget),
    QueueAdd {
        name: String,
        reason: Option<String>,
    },
    QueueRemove(String),
    Ack(Option<String>),
    Floor(String),
    Yield,
    Note(String),
    Action {
        owner: OwnerSpec,
        text: String,
        due: Option<NaiveDate>,
    },
    Decision(String),
    Substitute {
        old: String,
        new: String,
    },
    /// Replace the text of an entry (from editing a selected entry; not typed).
    Correct {
        entry: Id,
        text: String,
    },
    Undo,
    Close,
    /// Write the minutes next to the meeting file.
    Export(crate::export::Format),
    Quit,
    /// A line of the minutes: for the speaker who has the floor, or for `Name:` when the line
    /// starts with a name on the roster.
    Say(String),
    /// A line for the current speaker taken as written (typed with a leading `\`).
    SayLiteral(String),
}

/// One command of the language, for dispatch, completion and help.
pub struct Spec {
    pub name: &'static str,
    pub usage: &'static str,
    pub help: &'static str,
}

/// Every command, in the order the help lists them. The spelling is the contract of
/// PRODUCT.md.
pub const COMMANDS: &[Spec] = &[
    Spec {
        name: "title",
        usage: "/title TEXT",
        help: "set the meeting title",
    },
    Spec {
        name: "subtitle",
        usage: "/subtitle TEXT",
        help: "a line under the title",
    },
    Spec {
        name: "date",
        usage: "/date YYYY-MM-DD",
        help: "date of the meeting",
    },
    Spec {
        name: "time",
        usage: "/time HH:MM",
        help: "time of the meeting",
    },
    Spec {
        name: "place",
        usage: "/place TEXT",
        help: "where it is held",
    },
    Spec {
        name: "attendee",
        usage: "/attendee NAME [| CAPACITY [| LABEL [| ALIAS, ...]]]",
        help: "add someone to the roster",
    },
    Spec {
        name: "regrets",
        usage: "/regrets NAME",
        help: "record an apology for absence",
    },
    Spec {
        name: "chair",
        usage: "/chair NAME",
        help: "who chairs (speaks under their capacity)",
    },
    Spec {
        name: "agenda",
        usage: "/agenda TITLE",
        help: "append an agenda item",
    },
    Spec {
        name: "item",
        usage: "/item N | /item next",
        help: "take up agenda item N, or the next one",
    },
    Spec {
        name: "q+",
        usage: "/q+ NAME [to say TEXT]",
        help: "add to the speakers' queue",
    },
    Spec {
        name: "q-",
        usage: "/q- NAME",
        help: "take off the queue",
    },
    Spec {
        name: "ack",
        usage: "/ack [NAME]",
        help: "give the floor (default: head of the queue)",
    },
    Spec {
        name: "floor",
        usage: "/floor NAME",
        help: "give the floor directly, outside the queue",
    },
    Spec {
        name: "yield",
        usage: "/yield",
        help: "the speaker ends; nobody has the floor",
    },
    Spec {
        name: "note",
        usage: "/note TEXT",
        help: "a narrative line with no speaker",
    },
    Spec {
        name: "action",
        usage: "/action OWNER: TEXT [due YYYY-MM-DD]",
        help: "an action point (\"quote\" an owner not on the roster)",
    },
    Spec {
        name: "decision",
        usage: "/decision TEXT",
        help: "a decision or resolution",
    },
    Spec {
        name: "s",
        usage: "/s/OLD/NEW/",
        help: "correct the last entry",
    },
    Spec {
        name: "undo",
        usage: "/undo",
        help: "take back the last event",
    },
    Spec {
        name: "close",
        usage: "/close",
        help: "close the meeting (records the end time)",
    },
    Spec {
        name: "export",
        usage: "/export [md|html|txt|docx]",
        help: "write the minutes next to the meeting file",
    },
    Spec {
        name: "quit",
        usage: "/quit",
        help: "save and leave (open it again later)",
    },
];
