//! What can happen in a meeting, in the past tense. The log of these is the meeting: it is what
//! is saved, replayed and exported. Nothing here knows about keys, screens or files.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

/// A moment in the meeting: local time with its offset from UTC.
pub type Timestamp = DateTime<FixedOffset>;

/// Identifies an attendee, item or entry: the position in the log of the event that created it.
/// Stable across undo and across saving, because the log only ever grows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Id(pub u32);

/// An event with the moment it happened.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stamped {
    pub at: Timestamp,
    pub event: Event,
}

/// Who owns an action point: someone on the roster, or a body named in words
/// ("All coordinators") that is not.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Owner {
    Attendee(Id),
    Named(String),
}

/// Something that happened in the meeting.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Event {
    TitleSet {
        title: String,
    },
    SubtitleSet {
        subtitle: String,
    },
    DateSet {
        date: NaiveDate,
    },
    TimeSet {
        time: NaiveTime,
    },
    PlaceSet {
        place: String,
    },
    AttendeeAdded {
        name: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        capacity: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        label: Option<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        aliases: Vec<String>,
    },
    RegretsRecorded {
        name: String,
    },
    ChairSet {
        attendee: Id,
    },
    ItemAdded {
        title: String,
    },
    ItemTakenUp {
        item: Id,
    },
    SpeakerQueued {
        attendee: Id,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    SpeakerUnqueued {
        attendee: Id,
    },
    FloorGiven {
        attendee: Id,
    },
    FloorYielded,
    StatementRecorded {
        speaker: Id,
        text: String,
    },
    NoteRecorded {
        text: String,
    },
    ActionRecorded {
        owner: Owner,
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        due: Option<NaiveDate>,
    },
    DecisionRecorded {
        text: String,
    },
    EntryCorrected {
        entry: Id,
        text: String,
    },
    /// Takes back the latest event that is still in effect (undo walks back one step each time).
    LastEventUndone,
    MeetingClosed,
}

impl Event {
    /// The same event with every piece of text passed through [`crate::text`] again: events
    /// read from a file are untrusted.
    pub fn cleaned(self) -> Event {
        use crate::text::{clean, clean_line};
        let opt = |o: Option<String>| o.map(|s| clean_line(&s)).filter(|s| !s.is_empty());
        match self {
            Event::TitleSet { title } => Event::TitleSet {
                title: clean_line(&title),
            },
            Event::SubtitleSet { subtitle } => Event::SubtitleSet {
                subtitle: clean_line(&subtitle),
            },
            Event::PlaceSet { place } => Event::PlaceSet {
                place: clean_line(&place),
            },
            Event::AttendeeAdded {
                name,
                capacity,
                label,
                aliases,
            } => Event::AttendeeAdded {
                name: clean_line(&name),
                capacity: opt(capacity),
                label: opt(label),
                aliases: aliases.iter().map(|a| clean_line(a)).collect(),
            },
            Event::RegretsRecorded { name } => Event::RegretsRecorded {
                name: clean_line(&name),
            },
            Event::ItemAdded { title } => Event::ItemAdded {
                title: clean_line(&title),
            },
            Event::SpeakerQueued { attendee, reason } => Event::SpeakerQueued {
                attendee,
                reason: opt(reason),
            },
            Event::StatementRecorded { speaker, text } => Event::StatementRecorded {
                speaker,
                text: clean(&text),
            },
            Event::NoteRecorded { text } => Event::NoteRecorded { text: clean(&text) },
            Event::ActionRecorded { owner, text, due } => Event::ActionRecorded {
                owner: match owner {
                    Owner::Named(name) => Owner::Named(clean_line(&name)),
                    other => other,
                },
                text: clean(&text),
                due,
            },
            Event::DecisionRecorded { text } => Event::DecisionRecorded { text: clean(&text) },
            Event::EntryCorrected { entry, text } => Event::EntryCorrected {
                entry,
                text: clean(&text),
            },
            other => other,
        }
    }
}
