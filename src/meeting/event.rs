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
    AttendeeAdded(Box<AttendeeAdded>),
    /// An attendee's capacity, label, aliases and group from now on (what they said before
    /// keeps the label it had).
    AttendeeChanged(Box<AttendeeChanged>),
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
    ActionRecorded(Box<ActionRecorded>),
    /// An action point still open from an earlier meeting, carried into this one (under the
    /// item that reviews them); owners are named as they were there.
    ActionCarried(Box<ActionCarried>),
    /// An action point's owners, text and due date, all replaced.
    ActionEdited(Box<ActionEdited>),
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
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            with = "vote_in_parens"
        )]
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

// The payloads below are boxed in [`Event`] because they are large and rare: held inline they
// would make every event in the log as large as the largest (a 100,000-event log is mostly
// statements). Each is a newtype variant holding its struct; RON reads and writes it exactly as
// the struct variant it was (`AttendeeAdded(name: "Ana")`) because the meeting file and journal
// are read and written with `Extensions::UNWRAP_VARIANT_NEWTYPES` on by default
// ([`crate::store::file::ron_options`]).

/// Someone added to the roster ([`Event::AttendeeAdded`]; boxed: five owned strings/lists).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AttendeeAdded {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The part of the attendance they are listed under ("Observers").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
}

/// An attendee's capacity, label, aliases and group from now on ([`Event::AttendeeChanged`];
/// boxed: four owned strings/lists).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AttendeeChanged {
    pub attendee: Id,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
}

/// An action point recorded ([`Event::ActionRecorded`]; boxed: owners, text and due date).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActionRecorded {
    pub owner: Owner,
    /// Owners after the first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<Owner>,
    pub text: Arc<str>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
}

/// An action point still open from an earlier meeting, carried into this one
/// ([`Event::ActionCarried`]; boxed: origin, owners, text and due date).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActionCarried {
    pub origin: Origin,
    pub owners: Vec<String>,
    pub text: Arc<str>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
}

/// An action point's owners, text and due date, all replaced ([`Event::ActionEdited`];
/// boxed: owners, text and due date).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActionEdited {
    pub entry: Id,
    pub owners: Vec<Owner>,
    pub text: Arc<str>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
}

/// `vote: Some((for: 4, against: 0, abstain: 1))`, as it has always been written. With
/// `UNWRAP_VARIANT_NEWTYPES` on (see [`crate::store::file::ron_options`]) ron treats `Some(..)`
/// like a newtype variant and would write and read a struct inside it without its own
/// parentheses (`Some(for: 4, ..)`); a newtype struct around the vote takes that unwrapping
/// instead, so the vote keeps its parentheses both ways.
mod vote_in_parens {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::Vote;

    #[derive(Serialize, Deserialize)]
    struct Parens(Vote);

    pub fn serialize<S: Serializer>(vote: &Option<Vote>, serializer: S) -> Result<S::Ok, S::Error> {
        vote.map(Parens).serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Vote>, D::Error> {
        Ok(Option::<Parens>::deserialize(deserializer)?.map(|Parens(vote)| vote))
    }
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
            Event::AttendeeAdded(mut a) => {
                a.name = clean_line(&a.name);
                a.capacity = opt(a.capacity);
                a.label = opt(a.label);
                a.aliases = a.aliases.iter().map(|a| clean_line(a)).collect();
                a.group = opt(a.group);
                Event::AttendeeAdded(a)
            }
            Event::AttendeeChanged(mut c) => {
                c.capacity = opt(c.capacity);
                c.label = opt(c.label);
                c.aliases = c.aliases.iter().map(|a| clean_line(a)).collect();
                c.group = opt(c.group);
                Event::AttendeeChanged(c)
            }
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
            Event::ActionRecorded(mut action) => {
                action.owner = action.owner.cleaned();
                action.also = action.also.into_iter().map(Owner::cleaned).collect();
                action.text = clean(&action.text).into();
                Event::ActionRecorded(action)
            }
            Event::ActionCarried(mut action) => {
                action.origin.meeting = clean_line(&action.origin.meeting);
                action.owners = action.owners.iter().map(|o| clean_line(o)).collect();
                action.text = clean(&action.text).into();
                Event::ActionCarried(action)
            }
            Event::ActionEdited(mut action) => {
                action.owners = action.owners.into_iter().map(Owner::cleaned).collect();
                action.text = clean(&action.text).into();
                Event::ActionEdited(action)
            }
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
