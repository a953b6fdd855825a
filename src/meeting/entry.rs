//! Entries: the lines of the minutes. A statement has a speaker, a note has none; actions and
//! decisions are entries too, so they sit in the minutes where they were taken. Each statement
//! keeps the speaker as they were when it was recorded ([`Voice`]): the minutes are the record
//! of that moment, whatever the roster or the chair became later.

use std::sync::Arc;

use chrono::NaiveDate;

use super::event::{Id, Owner, Timestamp};
use super::motion::Motion;
use super::queue::RequestKind;

/// A speaker as they stood when they spoke: name, capacity, label, and whether they chaired.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Voice {
    pub id: Id,
    pub name: String,
    pub capacity: Option<String>,
    pub label: Option<String>,
    pub chair: bool,
}

impl Voice {
    /// The label the minutes use: the chair speaks under their capacity ("President"), others
    /// as `Name (LABEL)` or just `Name`.
    pub fn label(&self) -> String {
        if self.chair {
            return self.capacity.clone().unwrap_or_else(|| "Chair".to_string());
        }
        match &self.label {
            Some(label) => format!("{} ({label})", self.name),
            None => self.name.clone(),
        }
    }

    /// A short name for lists (who spoke, the queue): the chair by their capacity, others by
    /// name.
    pub fn short(&self) -> String {
        match &self.capacity {
            Some(capacity) if self.chair => capacity.clone(),
            _ => self.name.clone(),
        }
    }
}

/// Where an action point was first agreed: the meeting (its file's stem, the archive's id
/// for it) and its number there.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Origin {
    pub meeting: String,
    pub number: u32,
}

/// What an entry is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EntryKind {
    Statement {
        speaker: Id,
        /// The speaker as they stood when the statement was recorded.
        voice: Arc<Voice>,
        /// The request the floor was given on, when it was not a plain topic (a point of
        /// order, a question, a reply): the minutes say so.
        request: Option<RequestKind>,
    },
    Note,
    /// An action point (boxed: see [`ActionEntry`]).
    Action(Box<ActionEntry>),
    Decision,
    /// A motion (its text is the entry's text), and what became of it.
    Motion(Box<Motion>),
}

/// What an action point has besides its text. Boxed in [`EntryKind::Action`]: it is several
/// times the size of the other kinds, and a meeting's entries are mostly statements, so held
/// inline it would make every entry as large.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActionEntry {
    /// The owners, in the order given (at least one).
    pub owners: Vec<Owner>,
    pub due: Option<NaiveDate>,
    /// When it was marked done.
    pub done: Option<Timestamp>,
    /// 1-based, in the order actions were recorded (carried ones first).
    pub number: u32,
    /// Where an action carried over from an earlier meeting was agreed.
    pub carried: Option<Origin>,
}

/// One line of the minutes, under the item that was current when it was recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub id: Id,
    /// When it was said (for a line inserted later: the time of the entry it precedes).
    pub at: Timestamp,
    pub item: Option<Id>,
    pub kind: EntryKind,
    /// Shared with the event that recorded it (or last corrected it): the text is held once.
    pub text: Arc<str>,
    /// How many times the text or the speaker was corrected (0 for an untouched entry).
    pub revision: u32,
    /// Struck from the minutes: still shown (struck) in the console, left out of exports.
    pub struck: bool,
}

impl Entry {
    pub fn speaker(&self) -> Option<Id> {
        match self.kind {
            EntryKind::Statement { speaker, .. } => Some(speaker),
            _ => None,
        }
    }

    /// The speaker as they stood then, for a statement.
    pub fn voice(&self) -> Option<&Voice> {
        match &self.kind {
            EntryKind::Statement { voice, .. } => Some(voice),
            _ => None,
        }
    }
}
