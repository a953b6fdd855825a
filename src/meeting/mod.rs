//! The domain: a meeting as a log of events folded into state. Knows nothing of the screen, the
//! keyboard or the disk.

pub mod agenda;
pub mod entries;
pub mod entry;
pub mod event;
pub mod log;
pub mod motion;
pub mod queue;
pub mod roster;
pub mod setup;
pub mod state;

pub use agenda::{Agenda, Item};
pub use entries::Entries;
pub use entry::{ActionEntry, Entry, EntryKind, Origin, Voice};
pub use event::{
    ActionCarried, ActionEdited, ActionRecorded, AttendeeAdded, AttendeeChanged, Correction,
    DocStatus, Event, Id, Owner, Stamped, Timestamp,
};
pub use log::Log;
pub use motion::{Motion, MotionOutcome, Vote};
pub use queue::{Countdown, Floor, Queue, QueueOrder, Request, RequestKind};
pub use roster::{Attendee, Presence, Roster};
pub use state::{LimitChange, Meeting, Metadata, Overrun, Scribe};

#[cfg(test)]
mod tests;
