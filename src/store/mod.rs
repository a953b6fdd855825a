//! Keeping meetings on disk: the file format (`file`), the background writer (`saver`) and
//! where meetings live (`paths`). Knows the domain's events, nothing of the screen.

pub mod file;
pub mod paths;
pub mod saver;

pub use file::{StoreError, load, save};
