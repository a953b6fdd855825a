//! The domain: a meeting as a log of events folded into state. Knows nothing of the screen, the
//! keyboard or the disk.

pub mod agenda;
pub mod entry;
pub mod event;
pub mod log;
pub mod queue;
pub mod roster;
pub mod setup;
pub mod state;

pub use agenda::{Agenda, Item};
pub use entry::{Entry, EntryKind};
pub use event::{Event, Id, Owner, Stamped, Timestamp};
pub use log::Log;
pub use queue::{Floor, Queue, Request};
pub use roster::{Attendee, Roster};
pub use state::{Meeting, Metadata};

#[cfg(test)]
mod tests;
