//! Waiting for a followed meeting's files to change. On Linux the wait ends as soon as the
//! kernel says the meeting file or its journal changed (inotify on their folder), so a follower
//! shows a new event within milliseconds of its commit; in any case it ends after the time
//! given, because a network file system does not report changes made on another machine, and
//! a folder deleted and made again is not watched any more. Without inotify it is a plain
//! sleep. Never reads or writes the files themselves.

use std::path::Path;
use std::time::Duration;

/// Wakes a follower when the files it follows change.
pub struct Watch {
    #[cfg(target_os = "linux")]
    inotify: Option<linux::Watcher>,
}

impl Watch {
    /// Watches the files named `names` in `dir`. Nothing watched (only the time-out) when the
    /// kernel refuses (too many watches, a file system without inotify).
    pub fn new(dir: &Path, names: &[&std::ffi::OsStr]) -> Watch {
        #[cfg(target_os = "linux")]
        {
            Watch {
                inotify: linux::Watcher::new(dir, names),
            }
        }
        #[cfg(not(target_os = "linux"))]
        {
            let _ = (dir, names);
            Watch {}
        }
    }

    /// Does the kernel tell this watch about changes (rather than only the time-out)?
    pub fn is_woken_by_changes(&self) -> bool {
        #[cfg(target_os = "linux")]
        {
            self.inotify.is_some()
        }
        #[cfg(not(target_os = "linux"))]
        {
            false
        }
    }

    /// Waits until one of the files changes, or `timeout` passes. Returns whether a change was
    /// reported (false after the time-out).
    pub fn wait(&mut self, timeout: Duration) -> bool {
        #[cfg(target_os = "linux")]
        if let Some(watcher) = &mut self.inotify {
            return watcher.wait(timeout);
        }
        std::thread::sleep(timeout);
        false
    }
}

#[cfg(target_os = "linux")]
mod linux {
    use std::ffi::{OsStr, OsString};
    use std::os::fd::{AsFd, AsRawFd};
    use std::path::Path;
    use std::time::{Duration, Instant};

    use inotify::{Inotify, WatchMask};

    pub struct Watcher {
        inotify: Inotify,
        names: Vec<OsString>,
        buffer: Vec<u8>,
    }

    impl Watcher {
        pub fn new(dir: &Path, names: &[&OsStr]) -> Option<Watcher> {
            let inotify = Inotify::init().ok()?;
            let dir = if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            };
            let mask = WatchMask::MODIFY
                | WatchMask::CLOSE_WRITE
                | WatchMask::CREATE
                | WatchMask::MOVED_TO
                | WatchMask::MOVED_FROM
                | WatchMask::DELETE
                | WatchMask::ATTRIB
                | WatchMask::DELETE_SELF
                | WatchMask::MOVE_SELF;
            inotify.watches().add(dir, mask).ok()?;
            Some(Watcher {
                inotify,
                names: names.iter().map(|n| n.to_os_string()).collect(),
                buffer: vec![0; 4096],
            })
        }

        /// Waits for an event about one of the names (or the folder itself), or the time-out.
        pub fn wait(&mut self, timeout: Duration) -> bool {
            let deadline = Instant::now() + timeout;
            loop {
                let left = deadline.saturating_duration_since(Instant::now());
                if left.is_zero() || !self.readable(left) {
                    return false;
                }
                if self.relevant() {
                    return true;
                }
            }
        }

        /// Is there something to read within `timeout`?
        fn readable(&self, timeout: Duration) -> bool {
            let mut poll = libc::pollfd {
                fd: self.inotify.as_fd().as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            };
            let millis = i32::try_from(timeout.as_millis().max(1)).unwrap_or(i32::MAX);
            // SAFETY: one valid pollfd, for the duration of the call.
            let ready = unsafe { libc::poll(&mut poll, 1, millis) };
            ready > 0 && poll.revents & libc::POLLIN != 0
        }

        /// Reads what is waiting; is any of it about the followed files (or their folder)?
        fn relevant(&mut self) -> bool {
            let mut found = false;
            while let Ok(events) = self.inotify.read_events(&mut self.buffer) {
                let mut any = false;
                for event in events {
                    any = true;
                    found |= match event.name {
                        Some(name) => self.names.iter().any(|n| n == name),
                        // About the folder itself (deleted, moved) or the queue overflowing.
                        None => true,
                    };
                }
                if !any {
                    break;
                }
            }
            found
        }
    }
}
