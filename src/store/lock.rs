//! One writer per meeting: an OS file lock (flock) on `meeting.ron.lock`, which says who holds
//! it (pid, host, since when). The operating system releases the lock when its process dies,
//! so a lock file left by a crash is recognised as stale and taken over; its contents tell the
//! new holder whose session it was.
//!
//! The lock file is never opened through a link, and only a plain file of the user's own is
//! written into. A lock file deleted or replaced under a running scribe would let a second
//! writer in: [`standing`] tells the saver, which checks it before and after each commit.

use std::fs::{File, TryLockError};
use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::file::StoreError;
use super::journal::{same_file, sibling};
use super::safe::{self, LOCK_LIMIT, Links};
use crate::meeting::Timestamp;
use crate::text::printable_path;

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
    #[error("{} is being minuted by {}", printable_path(.meeting), .holder.as_ref().map_or("another scribe".to_string(), ToString::to_string))]
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
    meeting: PathBuf,
}

/// The lock file of the meeting at `meeting`.
pub fn lock_path(meeting: &Path) -> PathBuf {
    sibling(meeting, "lock")
}

/// The locks this process holds: the meeting and the identity (device, inode) of its lock
/// file. A lock is a property of the process (the OS holds it for the open file), so this is
/// kept once for the process: the saver asks it before each commit whether the lock file it
/// took is still the one at the lock's path, and the panic message whether this process is the
/// meeting's writer.
static HELD: Mutex<Vec<(PathBuf, (u64, u64))>> = Mutex::new(Vec::new());

fn identity(file: &File) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    file.metadata().ok().map(|m| (m.dev(), m.ino()))
}

fn held() -> std::sync::MutexGuard<'static, Vec<(PathBuf, (u64, u64))>> {
    HELD.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Takes the meeting's lock for this process. Returns the lock and, when a previous holder
/// died without releasing it, who that was. The lock file is created `O_EXCL`, or must be a
/// plain file of the user's own: a link, a FIFO or a file planted by someone else is refused.
pub fn acquire(meeting: &Path, now: Timestamp) -> Result<(Lock, Option<Holder>), LockError> {
    let path = lock_path(meeting);
    let io = |error| {
        LockError::Io(StoreError::Io {
            path: path.clone(),
            error,
        })
    };
    // Another process may remove the lock file between our open and our lock: then the lock
    // we got is on a file nobody else will look at, and we try again.
    for _ in 0..5 {
        let (mut file, created) = safe::open_or_create_own(&path)?;
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
        let previous = if created {
            None
        } else {
            read_holder(&mut file)
        };
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
        if let Some(id) = identity(&file) {
            let mut held = held();
            held.retain(|(m, _)| m != meeting);
            held.push((meeting.to_path_buf(), id));
        }
        return Ok((
            Lock {
                file,
                path,
                meeting: meeting.to_path_buf(),
            },
            previous,
        ));
    }
    Err(io(std::io::Error::other(
        "the lock file keeps being replaced by another process",
    )))
}

/// Where this process's lock on a meeting stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Standing {
    /// This process did not take the meeting's lock (a test, a tool).
    NotTaken,
    /// The lock file this process locked is still the one at the lock's path.
    InPlace,
    /// There is no lock file any more (deleted, or its folder was).
    Gone,
    /// Another file is at the lock's path: another scribe may be minuting the meeting.
    Replaced(Option<Holder>),
}

/// Is the lock this process took on `meeting` still the lock file at its path?
pub fn standing(meeting: &Path) -> Standing {
    use std::os::unix::fs::MetadataExt;
    let Some(id) = held().iter().find(|(m, _)| m == meeting).map(|(_, id)| *id) else {
        return Standing::NotTaken;
    };
    match std::fs::symlink_metadata(lock_path(meeting)) {
        Ok(meta) if (meta.dev(), meta.ino()) == id => Standing::InPlace,
        Ok(_) => Standing::Replaced(holder(meeting)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Standing::Gone,
        // Cannot be told (a folder that cannot be searched): the write will say why.
        Err(_) => Standing::InPlace,
    }
}

/// Does this process hold the lock of `meeting` (is it the meeting's writer)?
pub fn held_here(meeting: &Path) -> bool {
    held().iter().any(|(m, _)| m == meeting)
}

/// Who holds the lock of the meeting at `meeting` now, if anyone (without taking it). Never
/// follows a link and never waits on a FIFO.
pub fn holder(meeting: &Path) -> Option<Holder> {
    let mut file = safe::open_read(&lock_path(meeting), Links::Refuse).ok()?;
    match file.try_lock_shared() {
        Ok(()) => None,
        Err(_) => read_holder(&mut file),
    }
}

/// What a lock file says, cleaned: it may have been written by anyone.
fn read_holder(file: &mut File) -> Option<Holder> {
    file.seek(SeekFrom::Start(0)).ok()?;
    let bytes = safe::read_limited(Path::new("lock"), file, LOCK_LIMIT).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let mut holder: Holder = ron::from_str(text.trim()).ok()?;
    holder.host = crate::text::truncate(&crate::text::clean_line(&holder.host), 64);
    Some(holder)
}

/// This machine's name, for telling where a meeting is being minuted.
pub fn host_name() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|h| crate::text::clean_line(&h))
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "this machine".to_string())
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed while still held, so nobody takes a lock on a file about to vanish.
        if same_file(&self.file, &self.path) {
            let _ = std::fs::remove_file(&self.path);
        }
        let _ = self.file.unlock();
        let mine = identity(&self.file);
        held().retain(|(m, id)| !(m == &self.meeting && Some(*id) == mine));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Timestamp {
        crate::testkit::t0()
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
