//! The meeting on disk as a whole: the meeting file (a snapshot of the log), the journal of
//! events committed since (`meeting.ron.journal`), and the composer's draft
//! (`meeting.ron.draft`).
//!
//! [`open`] puts them back together. [`Writer`] commits new events by appending them to the
//! journal (one short write and an fsync, whatever the size of the meeting) and now and then
//! folds the journal into a new meeting file (compaction). If the files are deleted or
//! replaced while scribe runs, the next commit writes the whole meeting again (recreating its
//! folder); a failed write leaves what is on disk as it was, and is tried again.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::file::{StoreError, read_snapshot, save, write_atomic};
use super::journal::{self, Journal, journal_path, sibling};
use super::paths::create_private_dir;
use crate::meeting::Stamped;
use crate::text::clean;

/// Fold the journal into the meeting file once it has this many lines...
const COMPACT_LINES: usize = 2000;
/// ...or when it has any and this long has passed since the last compaction.
const COMPACT_EVERY: Duration = Duration::from_secs(600);

/// The draft beside the meeting file at `path`.
pub fn draft_path(path: &Path) -> PathBuf {
    sibling(path, "draft")
}

/// A meeting as read back from its files.
#[derive(Debug)]
pub struct Opened {
    pub events: Vec<Stamped>,
    /// How many of the events come from the meeting file (the rest from the journal).
    pub in_snapshot: usize,
    /// What the reader recovered or left out, for the note-taker.
    pub notices: Vec<String>,
    /// The text that was in the composer when scribe stopped.
    pub draft: Option<String>,
}

/// Reads the meeting at `path`: the meeting file, then the journal's events that follow it,
/// then the draft. Never writes.
pub fn open(path: &Path) -> Result<Opened, StoreError> {
    let snapshot = read_snapshot(path)?;
    let mut events = snapshot.events;
    let mut notices: Vec<String> = snapshot.notice.into_iter().collect();
    let in_snapshot = events.len();
    let journal_file = journal_path(path);
    let journal = journal::read(&journal_file)?;
    for (seq, stamped) in journal.events {
        if seq < events.len() {
            // Already in the meeting file: the journal was not emptied after a compaction.
            continue;
        }
        if seq > events.len() {
            return Err(StoreError::Inconsistent {
                path: journal_file,
                message: format!(
                    "the journal continues at event {seq} but the meeting file holds {} events; \
                     was the meeting file replaced by an older copy? Move the journal aside to \
                     open the meeting file alone.",
                    events.len()
                ),
            });
        }
        events.push(stamped);
    }
    let recovered = events.len() - in_snapshot;
    if recovered > 0 {
        let events = if recovered == 1 { "event" } else { "events" };
        notices.push(format!("{recovered} {events} recovered from the journal"));
    }
    if journal.cut_short {
        notices.push(
            "the journal's last line was cut short (a write interrupted by a crash) and was \
             left out"
                .to_string(),
        );
    }
    let draft = std::fs::read_to_string(draft_path(path))
        .ok()
        .map(|text| clean(&text))
        .filter(|text| !text.is_empty());
    Ok(Opened {
        events,
        in_snapshot,
        notices,
        draft,
    })
}

/// The events of the meeting at `path` (meeting file and journal).
pub fn load(path: &Path) -> Result<Vec<Stamped>, StoreError> {
    open(path).map(|opened| opened.events)
}

/// Keeps a meeting's files up to date with its log.
pub struct Writer {
    path: PathBuf,
    events: Vec<Stamped>,
    /// Events known to be on disk (meeting file and journal).
    on_disk: usize,
    journal: Option<Journal>,
    /// Lines in the journal when it is opened (events beyond the meeting file).
    journal_lines: usize,
    last_compaction: Instant,
    draft_on_disk: String,
}

impl Writer {
    /// A writer for the meeting at `path`, whose files hold `opened`.
    pub fn new(path: &Path, opened: &Opened) -> Writer {
        Writer {
            path: path.to_path_buf(),
            events: opened.events.clone(),
            on_disk: opened.events.len(),
            journal: None,
            journal_lines: opened.events.len() - opened.in_snapshot,
            last_compaction: Instant::now(),
            draft_on_disk: opened.draft.clone().unwrap_or_default(),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Takes new events of the log (written by the next [`flush`](Self::flush)).
    pub fn push(&mut self, events: Vec<Stamped>) {
        self.events.extend(events);
    }

    /// How many events of the log are on disk.
    pub fn saved(&self) -> usize {
        self.on_disk
    }

    /// The whole log as the writer has it (on disk or not).
    pub fn events(&self) -> &[Stamped] {
        &self.events
    }

    /// Writes the events not on disk yet: appended to the journal and fsync'd. When the
    /// meeting file or the journal has gone (deleted, replaced), writes the whole meeting
    /// again instead.
    pub fn flush(&mut self) -> Result<(), StoreError> {
        if !self.path.exists() || self.journal.as_ref().is_some_and(|j| !j.is_in_place()) {
            return self.compact();
        }
        if self.on_disk == self.events.len() {
            return Ok(());
        }
        let journal = match &mut self.journal {
            Some(journal) => journal,
            None => self.journal.insert(Journal::open(
                &journal_path(&self.path),
                self.journal_lines,
            )?),
        };
        let new = &self.events[self.on_disk..];
        journal.append(&journal::encode(self.on_disk, new), new.len())?;
        self.on_disk = self.events.len();
        Ok(())
    }

    /// Is it time to fold the journal into the meeting file?
    pub fn should_compact(&self) -> bool {
        let lines = self
            .journal
            .as_ref()
            .map_or(self.journal_lines, |j| j.lines);
        lines >= COMPACT_LINES || (lines > 0 && self.last_compaction.elapsed() >= COMPACT_EVERY)
    }

    /// Writes the whole meeting to the meeting file (atomically) and empties the journal.
    /// Recreates the folder if it was deleted.
    pub fn compact(&mut self) -> Result<(), StoreError> {
        if let Some(dir) = self.path.parent().filter(|d| !d.as_os_str().is_empty())
            && !dir.exists()
        {
            create_private_dir(dir)?;
        }
        save(&self.path, &self.events)?;
        self.on_disk = self.events.len();
        self.last_compaction = Instant::now();
        // Everything is in the meeting file now: start the journal afresh (the old one may
        // be gone, or be another file by now).
        match &mut self.journal {
            Some(journal) if journal.is_in_place() => journal.clear()?,
            _ => {
                self.journal = None;
                self.journal_lines = 0;
                remove_if_present(&journal_path(&self.path))?;
            }
        }
        Ok(())
    }

    /// The last writes before scribe stops: everything into the meeting file, and the journal
    /// removed (an empty journal says nothing).
    pub fn close(&mut self) -> Result<(), StoreError> {
        self.flush()?;
        self.compact()?;
        self.journal = None;
        remove_if_present(&journal_path(&self.path))
    }

    /// Writes the composer's draft beside the meeting file (or removes it when empty), if it
    /// changed since the last time.
    pub fn save_draft(&mut self, draft: &str) -> Result<(), StoreError> {
        if draft == self.draft_on_disk {
            return Ok(());
        }
        let path = draft_path(&self.path);
        if draft.trim().is_empty() {
            remove_if_present(&path)?;
        } else {
            write_atomic(&path, draft.as_bytes())?;
        }
        self.draft_on_disk = draft.to_string();
        Ok(())
    }
}

/// Removes a file; one that is already gone is fine.
fn remove_if_present(path: &Path) -> Result<(), StoreError> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(source) => Err(StoreError::Io {
            path: path.to_path_buf(),
            source,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::Event;

    fn note(i: usize) -> Stamped {
        Stamped {
            at: chrono::DateTime::parse_from_rfc3339("2012-02-28T10:00:00+01:00").unwrap(),
            event: Event::NoteRecorded {
                text: format!("note {i}"),
            },
        }
    }

    fn fresh(dir: &Path) -> (PathBuf, Writer) {
        let path = dir.join("m.ron");
        save(&path, &[]).unwrap();
        let writer = Writer::new(&path, &open(&path).unwrap());
        (path, writer)
    }

    #[test]
    fn commits_go_to_the_journal_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let (path, mut writer) = fresh(dir.path());
        writer.push(vec![note(0), note(1)]);
        writer.flush().unwrap();
        writer.push(vec![note(2)]);
        writer.flush().unwrap();
        assert_eq!(writer.saved(), 3);
        assert_eq!(
            read_snapshot(&path).unwrap().events.len(),
            0,
            "the meeting file is untouched"
        );
        let opened = open(&path).unwrap();
        assert_eq!(opened.events, vec![note(0), note(1), note(2)]);
        assert_eq!(opened.in_snapshot, 0);
        assert_eq!(opened.notices, vec!["3 events recovered from the journal"]);
    }

    #[test]
    fn compaction_folds_the_journal_into_the_meeting_file() {
        let dir = tempfile::tempdir().unwrap();
        let (path, mut writer) = fresh(dir.path());
        writer.push(vec![note(0), note(1)]);
        writer.flush().unwrap();
        writer.compact().unwrap();
        assert_eq!(read_snapshot(&path).unwrap().events.len(), 2);
        assert_eq!(std::fs::read_to_string(journal_path(&path)).unwrap(), "");
        writer.push(vec![note(2)]);
        writer.flush().unwrap();
        let opened = open(&path).unwrap();
        assert_eq!(opened.events.len(), 3);
        assert_eq!(opened.in_snapshot, 2);
    }

    #[test]
    fn a_crash_between_compaction_and_emptying_the_journal_loses_and_doubles_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let (path, mut writer) = fresh(dir.path());
        writer.push(vec![note(0), note(1)]);
        writer.flush().unwrap();
        let journal = std::fs::read(journal_path(&path)).unwrap();
        writer.compact().unwrap();
        // As if the process had died right after renaming the new meeting file.
        std::fs::write(journal_path(&path), journal).unwrap();
        assert_eq!(open(&path).unwrap().events, vec![note(0), note(1)]);
    }

    #[test]
    fn a_journal_that_does_not_follow_the_meeting_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let (path, mut writer) = fresh(dir.path());
        writer.push(vec![note(0), note(1), note(2)]);
        writer.flush().unwrap();
        let lines = std::fs::read_to_string(journal_path(&path)).unwrap();
        let later: String = lines.lines().skip(2).map(|l| format!("{l}\n")).collect();
        std::fs::write(journal_path(&path), later).unwrap();
        let err = open(&path).unwrap_err();
        assert!(err.to_string().contains("continues at event 2"), "{err}");
    }

    #[test]
    fn deleted_files_and_folder_are_written_again() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("meetings");
        create_private_dir(&folder).unwrap();
        let (path, mut writer) = fresh(&folder);
        writer.push(vec![note(0)]);
        writer.flush().unwrap();
        std::fs::remove_dir_all(&folder).unwrap();
        writer.push(vec![note(1)]);
        writer.flush().unwrap();
        assert_eq!(open(&path).unwrap().events, vec![note(0), note(1)]);
        // The journal deleted after an event went into it: that event is written again.
        writer.push(vec![note(2)]);
        writer.flush().unwrap();
        std::fs::remove_file(journal_path(&path)).unwrap();
        writer.push(vec![note(3)]);
        writer.flush().unwrap();
        let expected: Vec<Stamped> = (0..4).map(note).collect();
        assert_eq!(open(&path).unwrap().events, expected);
    }

    #[test]
    fn the_draft_is_kept_and_removed_when_empty() {
        let dir = tempfile::tempdir().unwrap();
        let (path, mut writer) = fresh(dir.path());
        writer.save_draft("half a sentence").unwrap();
        assert_eq!(
            open(&path).unwrap().draft.as_deref(),
            Some("half a sentence")
        );
        writer.save_draft("").unwrap();
        assert_eq!(open(&path).unwrap().draft, None);
        assert!(!draft_path(&path).exists());
    }
}
