//! One writer per meeting: an OS file lock (flock) on `meeting.ron.lock`, which says who holds
//! it (pid, host, since when). The operating system releases the lock when its process dies,
//! so a lock file left by a crash is recognised as stale and taken over; its contents tell the
//! new holder whose session it was.

use std::fs::{File, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::file::{StoreError, private_options};
use super::journal::{same_file, sibling};
use crate::meeting::Timestamp;

/// Who holds (or held) a meeting's lock.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    pub pid: u32,
    pub host: String,
    pub since: Timestamp,
}

impl std::fmt::Display for Holder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "process {} on {} since {}",
            self.pid,
            self.host,
            self.since.format("%Y-%m-%d %H:%M")
        )
    }
}

#[derive(Debug, Error)]
pub enum LockError {
    #[error("{} is being minuted by {}", .meeting.display(), .holder.as_ref().map_or("another scribe".to_string(), ToString::to_string))]
    Held {
        meeting: PathBuf,
        holder: Option<Holder>,
    },
    #[error(transparent)]
    Io(#[from] StoreError),
}

/// A held lock; dropping it releases the lock and removes the lock file.
pub struct Lock {
    file: File,
    path: PathBuf,
}

/// The lock file of the meeting at `meeting`.
pub fn lock_path(meeting: &Path) -> PathBuf {
    sibling(meeting, "lock")
}

/// Takes the meeting's lock for this process. Returns the lock and, when a previous holder
/// died without releasing it, who that was.
pub fn acquire(meeting: &Path, now: Timestamp) -> Result<(Lock, Option<Holder>), LockError> {
    let path = lock_path(meeting);
    let io = |source| {
        LockError::Io(StoreError::Io {
            path: path.clone(),
            source,
        })
    };
    // Another process may remove the lock file between our open and our lock: then the lock
    // we got is on a file nobody else will look at, and we try again.
    for _ in 0..5 {
        let mut options = private_options();
        options.truncate(false).read(true);
        let mut file = options.open(&path).map_err(io)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                return Err(LockError::Held {
                    meeting: meeting.to_path_buf(),
                    holder: read_holder(&mut file),
                });
            }
            Err(TryLockError::Error(e)) => return Err(io(e)),
        }
        if !same_file(&file, &path) {
            continue;
        }
        let previous = read_holder(&mut file);
        let me = Holder {
            pid: std::process::id(),
            host: host_name(),
            since: now,
        };
        let text = ron::to_string(&me).unwrap_or_default();
        file.set_len(0)
            .and_then(|()| file.seek(SeekFrom::Start(0)))
            .and_then(|_| file.write_all(text.as_bytes()))
            .and_then(|()| file.sync_data())
            .map_err(io)?;
        return Ok((Lock { file, path }, previous));
    }
    Err(io(std::io::Error::other(
        "the lock file keeps being replaced by another process",
    )))
}

/// Who holds the lock of the meeting at `meeting` now, if anyone (without taking it).
pub fn holder(meeting: &Path) -> Option<Holder> {
    let mut file = File::open(lock_path(meeting)).ok()?;
    match file.try_lock_shared() {
        Ok(()) => None,
        Err(_) => read_holder(&mut file),
    }
}

fn read_holder(file: &mut File) -> Option<Holder> {
    let mut text = String::new();
    file.seek(SeekFrom::Start(0)).ok()?;
    file.read_to_string(&mut text).ok()?;
    ron::from_str(text.trim()).ok()
}

/// This machine's name, for telling where a meeting is being minuted.
pub fn host_name() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .map(|h| crate::text::clean_line(&h))
        .filter(|h| !h.is_empty())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_else(|| "this machine".to_string())
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed while still held, so nobody takes a lock on a file about to vanish.
        if same_file(&self.file, &self.path) {
            let _ = std::fs::remove_file(&self.path);
        }
        let _ = self.file.unlock();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Timestamp {
        chrono::DateTime::parse_from_rfc3339("2012-02-28T10:00:00+01:00").unwrap()
    }

    #[test]
    fn one_holder_at_a_time_and_it_says_who() {
        let dir = tempfile::tempdir().unwrap();
        let meeting = dir.path().join("m.ron");
        let (lock, previous) = acquire(&meeting, now()).unwrap();
        assert_eq!(previous, None);
        match acquire(&meeting, now()) {
            Err(LockError::Held {
                holder: Some(holder),
                ..
            }) => {
                assert_eq!(holder.pid, std::process::id());
                assert_eq!(holder.since, now());
            }
            Err(e) => panic!("expected the lock to be held, got {e}"),
            Ok(_) => panic!("expected the lock to be held"),
        }
        assert_eq!(holder(&meeting).map(|h| h.pid), Some(std::process::id()));
        drop(lock);
        assert!(!lock_path(&meeting).exists());
        assert_eq!(holder(&meeting), None);
        assert!(acquire(&meeting, now()).is_ok());
    }

    #[test]
    fn a_lock_file_left_by_a_dead_process_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let meeting = dir.path().join("m.ron");
        let dead = Holder {
            pid: 999_999,
            host: "laptop".into(),
            since: now(),
        };
        std::fs::write(lock_path(&meeting), ron::to_string(&dead).unwrap()).unwrap();
        let (_lock, previous) = acquire(&meeting, now()).unwrap();
        assert_eq!(previous, Some(dead));
    }
}
