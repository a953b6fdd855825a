//! Entries: the lines of the minutes. A statement has a speaker, a note has none; actions and
//! decisions are entries too, so they sit in the minutes where they were taken.

use super::event::{Id, Owner, Timestamp};

/// What an entry is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EntryKind {
    Statement {
        speaker: Id,
    },
    Note,
    Action {
        owner: Owner,
        due: Option<chrono::NaiveDate>,
    },
    Decision,
}

/// One line of the minutes, under the item that was current when it was recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub id: Id,
    pub at: Timestamp,
    pub item: Option<Id>,
    pub kind: EntryKind,
    pub text: String,
    /// How many times the text was corrected (0 for an untouched entry).
    pub revision: u32,
}

impl Entry {
    pub fn speaker(&self) -> Option<Id> {
        match self.kind {
            EntryKind::Statement { speaker } => Some(speaker),
            _ => None,
        }
    }
}
