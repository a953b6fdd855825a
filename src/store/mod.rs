//! Keeping meetings on disk: the meeting file's format (`file`), the journal of recent events
//! (`journal`), the two together (`disk`), the background writer (`saver`), the lock that
//! keeps to one writer (`lock`), the read-only follower (`follow`) and where meetings live
//! (`paths`), and opening files beside a meeting without trusting their names (`safe`).
//! `reader` reads a meeting file in pieces, `atomic` writes files whole or not at all. `fault`
//! injects faults for the tests of the panic path. Knows the domain's events, nothing of the
//! screen.

pub mod abandon;
mod atomic;
pub mod disk;
pub mod fault;
pub mod file;
pub mod follow;
pub mod journal;
pub mod lock;
pub mod paths;
pub mod plain;
mod reader;
pub mod safe;
pub mod saver;
pub mod watch;

pub use disk::{load, open};
pub use file::{StoreError, save};
