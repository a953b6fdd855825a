//! Following a meeting minuted by another scribe: notices when its files change and reads the
//! events added since. Read-only: it opens files for reading and never takes the lock.
//!
//! What a look costs does not grow with the meeting: the follower keeps where it stopped in
//! the meeting file and in the journal and reads only the bytes added after that — a new event
//! is one short line of the journal, and a compaction adds the same lines to the meeting file
//! in place (the follower has them already, and only moves past them). Anything else — the
//! meeting file replaced or written whole, a file cut back under the place it had reached —
//! is read again from the start, once. [`Follower::wait`] sleeps until the files change
//! (`watch`), or at most the time given.
//!
//! Files read in the middle of a compaction can look inconsistent for a moment (the journal
//! emptied and written again before the meeting file's new lines were seen); that is said
//! only when it lasts.

use std::fs::File;
use std::os::unix::fs::{FileExt, MetadataExt};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::disk::merge;
use super::file::{StoreError, more_events, read_open};
use super::journal::{self, journal_path};
use super::safe::{self, Links, MEETING_LIMIT};
use super::watch::Watch;
use crate::meeting::Stamped;

/// What changed since the last look.
#[derive(Debug, PartialEq)]
pub enum Change {
    Nothing,
    /// New events at the end of the log.
    Appended(Vec<Stamped>),
}

/// Size, time and identity of a file, to tell when it changed.
type Stamp = Option<(u64, Option<SystemTime>, u64, u64)>;

fn stamp(meta: &std::fs::Metadata) -> Stamp {
    Some((meta.len(), meta.modified().ok(), meta.dev(), meta.ino()))
}

/// How far a file has been read.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Place {
    /// Which file (device, inode); None when there was none.
    id: Option<(u64, u64)>,
    /// Bytes read (complete lines).
    read: u64,
    /// For the meeting file: how many events those bytes held. For the journal: lines.
    count: usize,
    /// The meeting file is not laid out as scribe writes it (or damaged): any change means
    /// reading it whole again.
    whole: bool,
}

pub struct Follower {
    path: PathBuf,
    journal: PathBuf,
    /// The files as they were at the last look that found them consistent.
    seen: (Stamp, Stamp),
    file: Place,
    journal_at: JournalPlace,
    /// How many events of the log the follower has.
    count: usize,
    /// The files as they were when they last read as inconsistent: reported only if they read
    /// so again unchanged (a compaction under way passes by itself).
    suspect: Option<(Stamp, Stamp)>,
    watch: Option<Watch>,
}

impl Follower {
    /// Starts following the meeting at `path`: its events now, and a follower that will tell
    /// what is added. The files are looked at before they are read, so a change while reading
    /// is seen by the first poll.
    pub fn open(path: &Path) -> Result<(Follower, Vec<Stamped>), StoreError> {
        let mut follower = Follower {
            path: path.to_path_buf(),
            journal: journal_path(path),
            seen: (None, None),
            file: Place::default(),
            journal_at: JournalPlace::default(),
            count: 0,
            suspect: None,
            watch: None,
        };
        // A compaction under way can make the files look inconsistent for a moment: read
        // again, a few times.
        let mut tries = 0;
        let events = loop {
            match follower.read_whole() {
                Err(StoreError::Inconsistent { .. }) if tries < 3 => {
                    tries += 1;
                    std::thread::sleep(Duration::from_millis(20));
                }
                other => break other?,
            }
        };
        follower.count = events.len();
        Ok((follower, events))
    }

    /// Waits until the followed files change, or `timeout` passes (the first call starts
    /// watching them).
    pub fn wait(&mut self, timeout: Duration) {
        let watch = self.watch.get_or_insert_with(|| {
            let dir = super::file::folder_of(&self.path);
            let names: Vec<&std::ffi::OsStr> = [&self.path, &self.journal]
                .into_iter()
                .filter_map(|p| p.file_name())
                .collect();
            Watch::new(&dir, &names)
        });
        watch.wait(timeout);
    }

    /// Looks at the files; reads what was added to them since the last look.
    pub fn poll(&mut self) -> Result<Change, StoreError> {
        let file_meta = std::fs::metadata(&self.path);
        let journal_meta = std::fs::symlink_metadata(&self.journal).ok();
        let now = (
            file_meta.as_ref().ok().and_then(stamp),
            journal_meta.as_ref().and_then(stamp),
        );
        if now == self.seen {
            return Ok(Change::Nothing);
        }
        let file_meta = file_meta.map_err(|error| StoreError::Io {
            path: self.path.clone(),
            error,
        })?;
        let same_file = self.file.id == Some((file_meta.dev(), file_meta.ino()));
        let file_changed = now.0 != self.seen.0;
        let read = if !same_file
            || file_meta.len() < self.file.read
            || (self.file.whole && file_changed)
        {
            self.again()?
        } else {
            self.read_more(&file_meta, journal_meta.as_ref())?
        };
        let new = match read {
            Read::New(new) => new,
            // The journal skips events the meeting file does not show yet.
            Read::Gap(new) => return self.inconsistent(now, new),
        };
        self.suspect = None;
        self.seen = now;
        Ok(if new.is_empty() {
            Change::Nothing
        } else {
            Change::Appended(new)
        })
    }

    /// The files read whole again: the events beyond those the follower has.
    fn again(&mut self) -> Result<Read, StoreError> {
        let events = match self.read_whole() {
            Ok(events) => events,
            // Read half-way through a compaction: not an alarm unless it stays so.
            Err(StoreError::Inconsistent { .. }) => return Ok(Read::Gap(Vec::new())),
            Err(e) => return Err(e),
        };
        // The log only grows. Fewer events means the files were read half-way through a
        // compaction written whole (new meeting file, journal not yet emptied): look again.
        if events.len() < self.count {
            self.file = Place::default();
            return Ok(Read::New(Vec::new()));
        }
        let new = events[self.count..].to_vec();
        self.count = events.len();
        Ok(Read::New(new))
    }

    /// Files that read as inconsistent: nothing for now, an error if they stay so.
    fn inconsistent(
        &mut self,
        now: (Stamp, Stamp),
        new: Vec<Stamped>,
    ) -> Result<Change, StoreError> {
        if self.suspect == Some(now) {
            return Err(StoreError::Inconsistent {
                path: self.journal.clone(),
                message: format!(
                    "the journal continues beyond the {} events the meeting file holds; was \
                     the meeting file replaced by an older copy?",
                    self.count
                ),
            });
        }
        self.suspect = Some(now);
        // Not marked as seen: the next look reads again.
        Ok(if new.is_empty() {
            Change::Nothing
        } else {
            Change::Appended(new)
        })
    }

    /// Reads both files whole (as `disk::open` does), and where they end.
    fn read_whole(&mut self) -> Result<Vec<Stamped>, StoreError> {
        let mut file = safe::open_read(&self.path, Links::Follow)?;
        let meta = file.metadata().map_err(|error| StoreError::Io {
            path: self.path.clone(),
            error,
        })?;
        let (snapshot, len) = read_open(&self.path, &mut file, MEETING_LIMIT)?;
        let in_file = snapshot.events.len();
        let file_place = Place {
            id: Some((meta.dev(), meta.ino())),
            read: snapshot.end.unwrap_or(len),
            count: in_file,
            whole: snapshot.end.is_none(),
        };
        let (contents, journal_place) = match safe::open_read(&self.journal, Links::Refuse) {
            Ok(mut open) => {
                let meta = open.metadata().map_err(|error| StoreError::Io {
                    path: self.journal.clone(),
                    error,
                })?;
                let bytes = safe::read_limited(&self.journal, &mut open, MEETING_LIMIT)?;
                let contents = journal::parse_bytes(&bytes);
                // The next look reads everything again from the start: the journal is short.
                let place = JournalPlace {
                    id: Some((meta.dev(), meta.ino())),
                    read: 0,
                    last: None,
                };
                (contents, place)
            }
            Err(e) if e.is_not_found() => (journal::Contents::default(), JournalPlace::default()),
            Err(e) => return Err(e),
        };
        let (events, _) = merge(snapshot.events, &contents, &self.journal)?;
        self.file = file_place;
        self.journal_at = journal_place;
        Ok(events)
    }

    /// Reads what was added to the meeting file (in place) and to the journal since the last
    /// look.
    fn read_more(
        &mut self,
        file_meta: &std::fs::Metadata,
        journal_meta: Option<&std::fs::Metadata>,
    ) -> Result<Read, StoreError> {
        let mut new = Vec::new();
        if !self.file.whole && file_meta.len() > self.file.read {
            let bytes = read_from(&self.path, Links::Follow, self.file.read, file_meta.len())?;
            let (events, read) = more_events(&bytes);
            let first = self.file.count;
            self.file.count += events.len();
            self.file.read += read as u64;
            for (k, stamped) in events.into_iter().enumerate() {
                if first + k == self.count {
                    new.push(stamped);
                    self.count += 1;
                }
            }
        }
        match journal_meta {
            Some(meta) => self.read_journal(meta, new),
            None => {
                self.journal_at = JournalPlace::default();
                Ok(Read::New(new))
            }
        }
    }

    /// Reads the journal's new lines. It only grows between compactions, which empty it: the
    /// last line read is read again with the new ones and must still be there, or the journal
    /// was emptied (and perhaps written again as long) since, and is read from its start.
    fn read_journal(
        &mut self,
        meta: &std::fs::Metadata,
        mut new: Vec<Stamped>,
    ) -> Result<Read, StoreError> {
        let id = Some((meta.dev(), meta.ino()));
        let place = self.journal_at;
        let same = place.id == id && meta.len() >= place.read;
        if same && meta.len() == place.read && place.last.is_none() {
            return Ok(Read::New(new));
        }
        let mut from = place.last.filter(|_| same);
        let (start, contents, bytes) = loop {
            let (start, lines) = from.map_or((0, 0), |l| (l.start, l.lines));
            let bytes = match read_from(&self.journal, Links::Refuse, start, meta.len()) {
                Ok(bytes) => bytes,
                // Removed since it was looked at (the writer quit): nothing more in it.
                Err(e) if e.is_not_found() => {
                    self.journal_at = JournalPlace::default();
                    return Ok(Read::New(new));
                }
                Err(e) => return Err(e),
            };
            let contents = journal::parse_lines(&bytes, lines);
            match from {
                // The last line read is where it was: go on after it.
                Some(last) if contents.events.first().map(|(seq, _)| *seq) == Some(last.seq) => {
                    break (start, contents, bytes);
                }
                Some(_) => from = None,
                None => break (start, contents, bytes),
            }
        };
        let lines = from.map_or(0, |l| l.lines);
        let mut place = JournalPlace {
            id,
            read: start,
            last: None,
        };
        for (seq, stamped) in &contents.events {
            if *seq > self.count {
                // Lines after events the meeting file holds but the follower has not read
                // yet: they are read again next time, after the file's.
                return Ok(Read::Gap(new));
            }
            if *seq == self.count {
                new.push(stamped.clone());
                self.count += 1;
            }
        }
        let complete = &bytes[..contents.complete];
        place.read = start + complete.len() as u64;
        if let Some((seq, _)) = contents.events.last() {
            let line_start = complete[..complete.len().saturating_sub(1)]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            place.last = Some(LastLine {
                start: start + line_start as u64,
                seq: *seq,
                lines: lines + count_lines(&complete[..line_start]),
            });
        }
        self.journal_at = place;
        Ok(Read::New(new))
    }
}

/// How many lines end in `bytes`.
fn count_lines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}

/// How far the journal has been read.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct JournalPlace {
    /// Which file (device, inode); None when there was none.
    id: Option<(u64, u64)>,
    /// Bytes read (complete lines).
    read: u64,
    /// The last event line read.
    last: Option<LastLine>,
}

/// The last event line read from the journal.
#[derive(Clone, Copy, Debug, PartialEq)]
struct LastLine {
    /// Where it starts, in bytes.
    start: u64,
    /// The event's position in the log.
    seq: usize,
    /// How many lines come before it (for where damage is).
    lines: usize,
}

/// What a look read.
enum Read {
    /// The events added (perhaps none).
    New(Vec<Stamped>),
    /// The events added up to a gap: the journal continues beyond events the follower has not
    /// read (yet).
    Gap(Vec<Stamped>),
}

/// The bytes of the file at `path` from `from` to `to` (a plain file only, never blocking).
fn read_from(path: &Path, links: Links, from: u64, to: u64) -> Result<Vec<u8>, StoreError> {
    let file: File = safe::open_read(path, links)?;
    let io = |error| StoreError::Io {
        path: path.to_path_buf(),
        error,
    };
    let len = to.saturating_sub(from).min(MEETING_LIMIT);
    let mut bytes = vec![0; usize::try_from(len).unwrap_or(0)];
    let mut filled = 0;
    while filled < bytes.len() {
        match file.read_at(&mut bytes[filled..], from + filled as u64) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(io(e)),
        }
    }
    bytes.truncate(filled);
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::Event;
    use crate::store::disk::{Writer, open};
    use crate::store::save;

    fn note(i: usize) -> Stamped {
        Stamped {
            at: crate::testkit::t0(),
            event: Event::NoteRecorded {
                text: format!("note {i}").into(),
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

    /// Commits and compactions in every order against the follower's looks: it sees every
    /// event once, in order, reading only what was added — and a compaction it missed (the
    /// journal emptied and written again in between two looks) is caught up from the meeting
    /// file.
    #[test]
    fn sees_every_event_once_whatever_it_missed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.ron");
        save(&path, &[note(0)]).unwrap();
        let mut writer = Writer::new(&path, &open(&path).unwrap());
        let (mut follower, mut seen) = Follower::open(&path).unwrap();
        let mut n = 1;
        for round in 0..40 {
            for _ in 0..round % 4 {
                writer.push(vec![note(n)]);
                n += 1;
                writer.flush().unwrap();
            }
            if round % 3 == 0 {
                writer.compact().unwrap();
                writer.push(vec![note(n)]);
                n += 1;
                writer.flush().unwrap();
            }
            if round % 2 == 0 {
                for _ in 0..2 {
                    if let Change::Appended(new) = follower.poll().unwrap() {
                        seen.extend(new);
                    }
                }
            }
        }
        for _ in 0..2 {
            if let Change::Appended(new) = follower.poll().unwrap() {
                seen.extend(new);
            }
        }
        let expected: Vec<Stamped> = (0..n).map(note).collect();
        assert_eq!(seen, expected);
        assert!(!follower.file.whole);
    }

    /// A writer committing and compacting at full speed in one thread, a follower looking as
    /// fast as it can in another: whatever it catches half-way, it sees every event once, in
    /// order.
    #[test]
    fn a_follower_racing_a_writer_sees_every_event_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.ron");
        save(&path, &[note(0)]).unwrap();
        let (mut follower, mut seen) = Follower::open(&path).unwrap();
        let total = 400;
        let writing = path.clone();
        let writer = std::thread::spawn(move || {
            let mut writer = Writer::new(&writing, &open(&writing).unwrap());
            for n in 1..total {
                writer.push(vec![note(n)]);
                writer.flush().unwrap();
                if n % 7 == 0 {
                    writer.compact().unwrap();
                }
            }
            writer.close().unwrap();
        });
        let mut look = |seen: &mut Vec<Stamped>| match follower.poll() {
            Ok(Change::Appended(new)) => seen.extend(new),
            Ok(Change::Nothing) => {}
            Err(e) => panic!("after {} events: {e}", seen.len()),
        };
        // Looks for as long as the writer writes, however slow its disk, then a few more once
        // the files are still (one must be enough; the others would show a duplicate).
        while !writer.is_finished() {
            look(&mut seen);
        }
        writer.join().unwrap();
        for _ in 0..3 {
            look(&mut seen);
        }
        let expected: Vec<Stamped> = (0..total).map(note).collect();
        let first_wrong = seen.iter().zip(&expected).position(|(a, b)| a != b);
        assert!(
            seen == expected,
            "saw {} events of {total}; the first out of place at {first_wrong:?}",
            seen.len()
        );
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

    /// On Linux, a change wakes the follower at once rather than after the time-out.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_commit_wakes_the_follower() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.ron");
        save(&path, &[note(0)]).unwrap();
        let (mut follower, _) = Follower::open(&path).unwrap();
        follower.wait(Duration::from_millis(1));
        let writing = path.clone();
        let writer = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(50));
            let mut writer = Writer::new(&writing, &open(&writing).unwrap());
            writer.push(vec![note(1)]);
            writer.flush().unwrap();
        });
        // Woken by the commit well before this long time-out (no timing is asserted: the
        // event is there when the wait ends, whenever that is).
        let mut changes = 0;
        while changes == 0 {
            follower.wait(Duration::from_secs(60));
            if let Change::Appended(new) = follower.poll().unwrap() {
                assert_eq!(new, vec![note(1)]);
                changes += 1;
            }
        }
        writer.join().unwrap();
        assert!(follower.watch.as_ref().unwrap().is_woken_by_changes());
    }
}
