//! The archive: every meeting in the data directory, taken together. A secretariat minutes a
//! series of meetings for years; this is what finds things across them.
//!
//! - `catalog`: the meetings, newest first, each named by its number in that order or by its
//!   stable id (the file's stem); what `scribe list` shows.
//! - `extract` and `cache`: a compact extract of each meeting (its summary, and its entries as
//!   folded text) kept in the platform's cache folder and made again when the meeting's files
//!   change, so that a search does not read and fold every meeting each time.
//! - `search`: entries across meetings, accent- and case-insensitive; `trigrams` lets it skip
//!   a meeting that cannot hold the words.
//! - `actions`: action points across meetings, followed from the meeting that agreed them into
//!   every later meeting that carried them.
//! - `next`, `roster`, `agenda`, `template`, `title`: what a new meeting starts from (the
//!   meeting it follows and the open action points, a spreadsheet of attendees, a list of
//!   items, a template's setup).
//! - `git`: the archive shared through a git repository.
//! - `report`: the columns and JSON the command line prints.
//!
//! It reads meeting files only through the store's readers (never following a link beside a
//! meeting, never blocking on a FIFO, bounded in size), writes nothing in the data directory
//! but through git, and never changes a meeting.

pub mod actions;
pub mod agenda;
pub mod cache;
pub mod catalog;
pub mod extract;
pub mod fold;
pub mod git;
pub mod next;
pub mod report;
pub mod roster;
pub mod search;
pub mod template;
pub mod title;
pub mod trigrams;

pub use cache::Archive;
pub use catalog::{Catalog, Listed, State};
pub use search::{Hit, Kind, Query};
