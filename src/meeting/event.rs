//! What can happen in a meeting, in the past tense. The log of these is the meeting: it is what
//! is saved, replayed and exported. Nothing here knows about keys, screens or files.

use std::sync::Arc;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

pub use super::entry::Origin;
pub use super::motion::{MotionOutcome, Vote};
pub use super::queue::{QueueOrder, RequestKind};

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

/// Whether the minutes are a draft or final (the document's status).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DocStatus {
    Draft,
    Final,
}

/// A new text for one entry (one of several corrected at once).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Correction {
    pub entry: Id,
    pub text: Arc<str>,
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
        /// The part of the attendance they are listed under ("Observers").
        #[serde(default, skip_serializing_if = "Option::is_none")]
        group: Option<String>,
    },
    /// An attendee's capacity, label, aliases and group from now on (what they said before
    /// keeps the label it had).
    AttendeeChanged {
        attendee: Id,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        capacity: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        label: Option<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        aliases: Vec<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        group: Option<String>,
    },
    AttendeeJoined {
        attendee: Id,
    },
    AttendeeLeft {
        attendee: Id,
    },
    /// Who takes the minutes from now on (on the roster or not).
    ScribeSet {
        name: String,
    },
    SymbolSet {
        symbol: String,
    },
    StatusSet {
        status: DocStatus,
    },
    /// The language the minutes are written in (`en`, `fr`, …).
    LanguageSet {
        language: String,
    },
    /// The series of meetings this one belongs to.
    SeriesSet {
        series: String,
    },
    RegretsRecorded {
        name: String,
    },
    ChairSet {
        attendee: Id,
    },
    ItemAdded {
        title: String,
        /// The time planned for it, in seconds (`/agenda TITLE ~20m`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        planned: Option<u32>,
    },
    /// A time planned for an item, in seconds; None takes it away.
    ItemTimeboxed {
        item: Id,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        planned: Option<u32>,
    },
    /// An item added just after the current one and taken up at once (W3C's `topic:`).
    AdHocItemTakenUp {
        title: String,
    },
    ItemTakenUp {
        item: Id,
    },
    SpeakerQueued {
        attendee: Id,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
        #[serde(default, skip_serializing_if = "is_topic")]
        kind: RequestKind,
        /// Put back first (`/readd`), whatever the kind.
        #[serde(default, skip_serializing_if = "is_false")]
        front: bool,
    },
    SpeakerUnqueued {
        attendee: Id,
    },
    /// The queue becomes exactly these attendees, in this order (`/q=`).
    QueueSet {
        attendees: Vec<Id>,
    },
    SpeakerMovedToFront {
        attendee: Id,
    },
    SpeakerMovedBack {
        attendee: Id,
    },
    /// Those left waiting on the previous item join this item's list.
    QueueCarriedOver,
    ListClosed,
    ListOpened,
    QueueOrderSet {
        order: QueueOrder,
    },
    /// A speaking limit in seconds, for one attendee or (None) for everyone; `seconds: None`
    /// takes it away.
    LimitSet {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        attendee: Option<Id>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        seconds: Option<u32>,
    },
    /// More time for the speaker who has the floor.
    LimitExtended {
        seconds: u32,
    },
    FloorGiven {
        attendee: Id,
    },
    FloorYielded,
    StatementRecorded {
        speaker: Id,
        text: Arc<str>,
    },
    NoteRecorded {
        text: Arc<str>,
    },
    ActionRecorded {
        owner: Owner,
        /// Owners after the first.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        also: Vec<Owner>,
        text: Arc<str>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        due: Option<NaiveDate>,
    },
    /// An action point still open from an earlier meeting, carried into this one (under the
    /// item that reviews them); owners are named as they were there.
    ActionCarried {
        origin: Origin,
        owners: Vec<String>,
        text: Arc<str>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        due: Option<NaiveDate>,
    },
    /// An action point's owners, text and due date, all replaced.
    ActionEdited {
        entry: Id,
        owners: Vec<Owner>,
        text: Arc<str>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        due: Option<NaiveDate>,
    },
    ActionDone {
        entry: Id,
    },
    DecisionRecorded {
        text: Arc<str>,
    },
    MotionProposed {
        text: Arc<str>,
    },
    MotionMoved {
        attendee: Id,
    },
    MotionSeconded {
        attendee: Id,
    },
    MotionAmended {
        text: Arc<str>,
    },
    /// What became of the open motion, with the vote when one was taken.
    MotionDecided {
        outcome: MotionOutcome,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        vote: Option<Vote>,
    },
    EntryCorrected {
        entry: Id,
        text: Arc<str>,
    },
    /// Several entries corrected by one command (`/s/OLD/NEW/g`).
    EntriesCorrected {
        corrections: Vec<Correction>,
    },
    /// A line put into the minutes just before an earlier entry: a statement when it has a
    /// speaker, a note otherwise.
    EntryInserted {
        before: Id,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        speaker: Option<Id>,
        text: Arc<str>,
    },
    /// A statement (or a note) given to another speaker.
    EntryReattributed {
        entry: Id,
        speaker: Id,
    },
    /// Struck from the minutes: kept in the log and the replay, left out of exports.
    EntryStruck {
        entry: Id,
    },
    EntryRestored {
        entry: Id,
    },
    /// Takes back the latest event that is still in effect (undo walks back one step each time).
    LastEventUndone,
    MeetingClosed,
}

fn is_topic(kind: &RequestKind) -> bool {
    kind.is_topic()
}

fn is_false(value: &bool) -> bool {
    !*value
}

impl Owner {
    fn cleaned(self) -> Owner {
        match self {
            Owner::Named(name) => Owner::Named(crate::text::clean_line(&name)),
            other => other,
        }
    }
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
                group,
            } => Event::AttendeeAdded {
                name: clean_line(&name),
                capacity: opt(capacity),
                label: opt(label),
                aliases: aliases.iter().map(|a| clean_line(a)).collect(),
                group: opt(group),
            },
            Event::AttendeeChanged {
                attendee,
                capacity,
                label,
                aliases,
                group,
            } => Event::AttendeeChanged {
                attendee,
                capacity: opt(capacity),
                label: opt(label),
                aliases: aliases.iter().map(|a| clean_line(a)).collect(),
                group: opt(group),
            },
            Event::ScribeSet { name } => Event::ScribeSet {
                name: clean_line(&name),
            },
            Event::SymbolSet { symbol } => Event::SymbolSet {
                symbol: clean_line(&symbol),
            },
            Event::LanguageSet { language } => Event::LanguageSet {
                language: clean_line(&language),
            },
            Event::SeriesSet { series } => Event::SeriesSet {
                series: clean_line(&series),
            },
            Event::RegretsRecorded { name } => Event::RegretsRecorded {
                name: clean_line(&name),
            },
            Event::ItemAdded { title, planned } => Event::ItemAdded {
                title: clean_line(&title),
                planned,
            },
            Event::AdHocItemTakenUp { title } => Event::AdHocItemTakenUp {
                title: clean_line(&title),
            },
            Event::SpeakerQueued {
                attendee,
                reason,
                kind,
                front,
            } => Event::SpeakerQueued {
                attendee,
                reason: opt(reason),
                kind,
                front,
            },
            Event::MotionProposed { text } => Event::MotionProposed {
                text: clean(&text).into(),
            },
            Event::MotionAmended { text } => Event::MotionAmended {
                text: clean(&text).into(),
            },
            Event::StatementRecorded { speaker, text } => Event::StatementRecorded {
                speaker,
                text: clean(&text).into(),
            },
            Event::NoteRecorded { text } => Event::NoteRecorded {
                text: clean(&text).into(),
            },
            Event::ActionRecorded {
                owner,
                also,
                text,
                due,
            } => Event::ActionRecorded {
                owner: owner.cleaned(),
                also: also.into_iter().map(Owner::cleaned).collect(),
                text: clean(&text).into(),
                due,
            },
            Event::ActionCarried {
                origin,
                owners,
                text,
                due,
            } => Event::ActionCarried {
                origin: Origin {
                    meeting: clean_line(&origin.meeting),
                    number: origin.number,
                },
                owners: owners.iter().map(|o| clean_line(o)).collect(),
                text: clean(&text).into(),
                due,
            },
            Event::ActionEdited {
                entry,
                owners,
                text,
                due,
            } => Event::ActionEdited {
                entry,
                owners: owners.into_iter().map(Owner::cleaned).collect(),
                text: clean(&text).into(),
                due,
            },
            Event::EntriesCorrected { corrections } => Event::EntriesCorrected {
                corrections: corrections
                    .into_iter()
                    .map(|c| Correction {
                        entry: c.entry,
                        text: clean(&c.text).into(),
                    })
                    .collect(),
            },
            Event::EntryInserted {
                before,
                speaker,
                text,
            } => Event::EntryInserted {
                before,
                speaker,
                text: clean(&text).into(),
            },
            Event::DecisionRecorded { text } => Event::DecisionRecorded {
                text: clean(&text).into(),
            },
            Event::EntryCorrected { entry, text } => Event::EntryCorrected {
                entry,
                text: clean(&text).into(),
            },
            other => other,
        }
    }
}
