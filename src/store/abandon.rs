//! A new meeting left without a word: when the note-taker quits a meeting in which nothing was
//! recorded beyond its setup, and nothing waits in the composer, its files are removed, so that
//! `scribe`, a look around and Ctrl-Q leave no "(untitled)" meeting to become number 1 in
//! `scribe list`.

use std::fs;
use std::path::Path;

use super::disk::{self, draft_path};
use super::journal::journal_path;
use super::lock;

/// Removes the meeting at `path` (its file, journal and draft) if it holds no more than the
/// `setup` events it was created with and no draft, and nobody holds its lock. Says whether it
/// did; anything it cannot read or be sure of is kept.
pub fn remove_if_untouched(path: &Path, setup: usize) -> bool {
    if draft_path(path).exists() || lock::holder(path).is_some() {
        return false;
    }
    let Ok(opened) = disk::open(path) else {
        return false;
    };
    if opened.events.len() > setup || !opened.notices.is_empty() {
        return false;
    }
    let journal = journal_path(path);
    if fs::metadata(&journal).is_ok_and(|m| m.len() > 0) {
        return false;
    }
    let _ = fs::remove_file(&journal);
    fs::remove_file(path).is_ok()
}
