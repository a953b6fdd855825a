//! Following a meeting minuted by another scribe: notices when its files change and reads the
//! events added since. Read-only: it opens files for reading and never takes the lock. Files
//! read in the middle of a compaction can look inconsistent for a moment; that is said only
//! when it lasts.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::disk::open;
use super::file::StoreError;
use super::journal::journal_path;
use crate::meeting::Stamped;

/// What changed since the last look.
#[derive(Debug, PartialEq)]
pub enum Change {
    Nothing,
    /// New events at the end of the log.
    Appended(Vec<Stamped>),
}

/// Size, time and identity of a file, to tell when it changed.
type Stamp = Option<(u64, Option<SystemTime>, u64)>;

fn stamp(path: &Path) -> Stamp {
    let meta = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    let id = std::os::unix::fs::MetadataExt::ino(&meta);
    #[cfg(not(unix))]
    let id = 0;
    Some((meta.len(), meta.modified().ok(), id))
}

pub struct Follower {
    path: PathBuf,
    seen: (Stamp, Stamp),
    count: usize,
    /// The files as they were when they last read as inconsistent: reported only if they read
    /// so again unchanged (a compaction under way passes by itself).
    suspect: Option<(Stamp, Stamp)>,
}

impl Follower {
    /// Starts following the meeting at `path`: its events now, and a follower that will tell
    /// what is added. The files are looked at before they are read, so a change while reading
    /// is seen by the first poll.
    pub fn open(path: &Path) -> Result<(Follower, Vec<Stamped>), StoreError> {
        let seen = (stamp(path), stamp(&journal_path(path)));
        let events = open(path)?.events;
        let follower = Follower {
            path: path.to_path_buf(),
            seen,
            count: events.len(),
            suspect: None,
        };
        Ok((follower, events))
    }

    /// Looks at the files; reads them again when they changed.
    pub fn poll(&mut self) -> Result<Change, StoreError> {
        let now = (stamp(&self.path), stamp(&journal_path(&self.path)));
        if now == self.seen {
            return Ok(Change::Nothing);
        }
        let events = match open(&self.path) {
            Ok(opened) => opened.events,
            // Read half-way through a compaction (the old meeting file, then the journal
            // emptied and written again): not an alarm unless it stays so.
            Err(e @ StoreError::Inconsistent { .. }) => {
                if self.suspect.as_ref() == Some(&now) {
                    return Err(e);
                }
                self.suspect = Some(now);
                return Ok(Change::Nothing);
            }
            Err(e) => return Err(e),
        };
        self.suspect = None;
        // The log only grows. Fewer events means the files were read half-way through a
        // compaction (new meeting file, journal not yet emptied): look again next time.
        if events.len() < self.count {
            return Ok(Change::Nothing);
        }
        self.seen = now;
        let new = events[self.count..].to_vec();
        self.count = events.len();
        Ok(if new.is_empty() {
            Change::Nothing
        } else {
            Change::Appended(new)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::Event;
    use crate::store::disk::Writer;
    use crate::store::save;

    fn note(i: usize) -> Stamped {
        Stamped {
            at: chrono::DateTime::parse_from_rfc3339("2012-02-28T10:00:00+01:00").unwrap(),
            event: Event::NoteRecorded {
                text: format!("note {i}"),
            },
        }
    }

    #[test]
    fn sees_commits_and_compactions_without_writing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.ron");
        save(&path, &[note(0)]).unwrap();
        let mut writer = Writer::new(&path, &open(&path).unwrap());
        let (mut follower, events) = Follower::open(&path).unwrap();
        assert_eq!(events, vec![note(0)]);
        assert_eq!(follower.poll().unwrap(), Change::Nothing);
        writer.push(vec![note(1), note(2)]);
        writer.flush().unwrap();
        assert_eq!(
            follower.poll().unwrap(),
            Change::Appended(vec![note(1), note(2)])
        );
        writer.compact().unwrap();
        assert_eq!(follower.poll().unwrap(), Change::Nothing);
        writer.push(vec![note(3)]);
        writer.flush().unwrap();
        assert_eq!(follower.poll().unwrap(), Change::Appended(vec![note(3)]));
    }

    /// The follower read the old meeting file, then the journal after a compaction emptied it
    /// and new lines went in: the journal seems to skip events. That passes by itself; only
    /// files that stay so are an error.
    #[test]
    fn a_compaction_under_way_is_no_alarm() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.ron");
        save(&path, &[note(0)]).unwrap();
        let (mut follower, _) = Follower::open(&path).unwrap();
        // As seen half-way: the meeting file still with one event, the journal from event 3.
        std::fs::write(
            journal_path(&path),
            crate::store::journal::encode(3, &[note(3)]),
        )
        .unwrap();
        assert_eq!(follower.poll().unwrap(), Change::Nothing);
        // The new meeting file arrives: everything reads back.
        save(&path, &[note(0), note(1), note(2)]).unwrap();
        assert_eq!(
            follower.poll().unwrap(),
            Change::Appended(vec![note(1), note(2), note(3)])
        );
        // Files that stay inconsistent are reported on the second look.
        std::fs::write(
            journal_path(&path),
            crate::store::journal::encode(9, &[note(9)]),
        )
        .unwrap();
        assert_eq!(follower.poll().unwrap(), Change::Nothing);
        let err = follower.poll().unwrap_err();
        assert!(err.to_string().contains("older copy"), "{err}");
    }
}
