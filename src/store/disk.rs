//! The meeting on disk as a whole: the meeting file (a snapshot of the log), the journal of
//! events committed since (`meeting.ron.journal`), and the composer's draft
//! (`meeting.ron.draft`).
//!
//! [`open`] puts them back together. [`Writer`] commits new events by appending them to the
//! journal (one short write and an fsync, whatever the size of the meeting) and now and then
//! folds the journal into a new meeting file (compaction). If the files are deleted or
//! replaced while scribe runs, the next commit writes the whole meeting again (recreating its
//! folder); a failed write leaves what is on disk as it was, and is tried again. Before and
//! after each commit the writer checks that the meeting's lock file is still the one it locked:
//! if another scribe took the meeting, it writes nothing more into it and keeps the whole
//! meeting in a side file instead.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use std::fs::File;
use std::os::unix::fs::FileExt;

use super::file::{
    Damage, StoreError, TAIL, appendable_end, event_lines, folder_of, read_snapshot_within,
    remove_stale_temporaries, save, to_ron, write_atomic, write_new,
};
use super::journal::{self, Contents, Journal, journal_path, sibling};
use super::lock::{self, Holder, Lock, LockError, Standing};
use super::paths::create_private_dir;
use super::safe::{self, DRAFT_LIMIT, Links, MEETING_LIMIT};
use crate::meeting::Stamped;
use crate::text::{clean, printable_path as shown};

/// Fold the journal into the meeting file once it has this many lines...
const COMPACT_LINES: usize = 2000;

/// [`COMPACT_LINES`], or for the tests of a build that injects faults, `SCRIBE_COMPACT_LINES`
/// (so that a few lines typed cross compactions; see `fault`).
fn compact_lines() -> usize {
    super::fault::number("SCRIBE_COMPACT_LINES").unwrap_or(COMPACT_LINES)
}
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

/// Reads the meeting at `path` for looking at it (list, replay, follow, export): the meeting
/// file, then the journal's events that follow it. Damage anywhere gives back the events before
/// it, with a notice saying where. Never writes. A meeting file or journal larger than
/// [`MEETING_LIMIT`] is refused ([`open_within`] reads one the note-taker agreed to).
pub fn open(path: &Path) -> Result<Opened, StoreError> {
    open_within(path, MEETING_LIMIT)
}

/// [`open`] with another size limit for the meeting file and the journal.
pub fn open_within(path: &Path, limit: u64) -> Result<Opened, StoreError> {
    // A writer compacting meanwhile (new meeting file, then the journal emptied) can make the
    // two look inconsistent for a moment: read again when the meeting file changed under us.
    let mut tries = 0;
    loop {
        let before = identity(path);
        match read(path, limit, false) {
            Err(StoreError::Inconsistent { .. }) if tries < 3 && identity(path) != before => {
                tries += 1;
            }
            other => return other,
        }
    }
}

/// Reads the meeting at `path` to go on minuting it; the caller holds its lock. Stricter than
/// [`open`]: damage before the end of the meeting file or the journal is refused (writing on
/// would bury what follows it), the journal and the draft must be plain files of the user's
/// own, never links. Then tidies up: temporary files a killed save left beside the meeting are
/// removed. Notices say what was recovered, left out or removed, and when the folder is on a
/// network file system (where the lock keeps out nobody on another machine).
pub fn open_for_writing(path: &Path, limit: u64) -> Result<Opened, StoreError> {
    let mut opened = read(path, limit, true)?;
    let removed = remove_stale_temporaries(path);
    if removed > 0 {
        opened.notices.push(format!(
            "{removed} temporary file{} left by an interrupted save removed",
            if removed == 1 { "" } else { "s" }
        ));
    }
    if let Some(notice) = network_notice(path) {
        opened.notices.push(notice);
    }
    Ok(opened)
}

/// The notice for a meeting on a network file system, if it is on one.
pub fn network_notice(path: &Path) -> Option<String> {
    safe::network_file_system(&folder_of(path)).map(|fs| {
        format!(
            "{} is on a network file system ({fs}): its lock keeps out other scribes on this \
             machine only, not on others",
            shown(path)
        )
    })
}

/// Size, time and identity of a file, to tell when it changed.
fn identity(path: &Path) -> Option<(u64, Option<std::time::SystemTime>, u64)> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok(), meta.ino()))
}

/// Reads the files once. `writing`: refuse damage before the end, and sidecars not of the
/// user's own.
fn read(path: &Path, limit: u64, writing: bool) -> Result<Opened, StoreError> {
    let snapshot = read_snapshot_within(path, limit)?;
    if writing && let Some(damage) = snapshot.damage {
        return Err(damaged(path, damage, snapshot.events.len()));
    }
    let in_snapshot = snapshot.events.len();
    let journal_file = journal_path(path);
    let journal = read_journal(&journal_file, limit, writing)?;
    // A meeting file cut short where the journal takes over: a crash while new events were
    // being written into it in place. The journal holds them; nothing was lost.
    let continued = snapshot.damage.is_none()
        && journal
            .events
            .first()
            .is_some_and(|(seq, _)| *seq <= in_snapshot);
    let mut notices: Vec<String> = match snapshot.notice {
        Some(_) if continued => vec![format!(
            "{} was cut short while new events were being written into it; they are in the \
             journal",
            shown(path)
        )],
        notice => notice.into_iter().collect(),
    };
    let (events, complete) = merge(snapshot.events, &journal, &journal_file)?;
    if let Some(damage) = journal.damage {
        if writing {
            return Err(damaged(&journal_file, damage, events.len()));
        }
        notices.push(format!(
            "{}:{}:{}: {}; the {} events before it were recovered, and the rest of the \
             journal, from line {}, is left in it as it is",
            shown(&journal_file),
            damage.line,
            damage.column,
            damage.message,
            events.len(),
            damage.line
        ));
    }
    let recovered = events.len() - in_snapshot;
    if recovered > 0 {
        let events = if recovered == 1 { "event" } else { "events" };
        notices.push(format!("{recovered} {events} recovered from the journal"));
    }
    if journal.cut_short && complete {
        notices.push(format!(
            "the journal's last line ({}:{}) was cut short (a write interrupted by a crash) and \
             was left out",
            shown(&journal_file),
            journal.lines + 1
        ));
    }
    let draft = if writing {
        match read_draft(path) {
            Ok(draft) => draft,
            Err(e) => {
                notices.push(format!("the draft was left out: {e}"));
                None
            }
        }
    } else {
        read_draft(path).ok().flatten()
    };
    Ok(Opened {
        events,
        in_snapshot,
        notices,
        draft,
    })
}

fn damaged(path: &Path, damage: Damage, recovered: usize) -> StoreError {
    StoreError::Damaged {
        path: path.to_path_buf(),
        line: damage.line,
        column: damage.column,
        message: damage.message,
        recovered,
    }
}

/// The journal's contents; a missing journal is an empty one. When writing, it must be a plain
/// file of the user's own (events planted by someone else would join the meeting).
fn read_journal(path: &Path, limit: u64, writing: bool) -> Result<Contents, StoreError> {
    let read = || -> Result<Vec<u8>, StoreError> {
        let mut file = safe::open_read(path, Links::Refuse)?;
        if writing {
            safe::check_own(path, &file)?;
        }
        safe::read_limited(path, &mut file, limit)
    };
    match read() {
        Ok(bytes) => Ok(journal::parse_bytes(&bytes)),
        Err(e) if e.is_not_found() => Ok(Contents::default()),
        Err(e) => Err(e),
    }
}

/// The draft beside the meeting, cleaned: a plain file of the user's own, never a link.
fn read_draft(path: &Path) -> Result<Option<String>, StoreError> {
    let file = draft_path(path);
    let read = || -> Result<Vec<u8>, StoreError> {
        let mut open = safe::open_read(&file, Links::Refuse)?;
        safe::check_own(&file, &open)?;
        safe::read_limited(&file, &mut open, DRAFT_LIMIT)
    };
    match read() {
        Ok(bytes) => Ok(Some(clean(&String::from_utf8_lossy(&bytes))).filter(|t| !t.is_empty())),
        Err(e) if e.is_not_found() => Ok(None),
        Err(e) => Err(e),
    }
}

/// The meeting file's events followed by the journal's events that continue them: lines the
/// meeting file already holds (a crash between compaction and emptying the journal, or a line
/// written twice) are skipped. A journal that continues beyond the meeting file's end (an older
/// copy of the meeting file put back) is an error. Returns the events and whether the journal
/// was read to its end.
pub fn merge(
    mut events: Vec<Stamped>,
    journal: &Contents,
    journal_file: &Path,
) -> Result<(Vec<Stamped>, bool), StoreError> {
    for (seq, stamped) in &journal.events {
        let seq = *seq;
        if seq < events.len() {
            // Already in the meeting file: the journal was not emptied after a compaction.
            continue;
        }
        if seq > events.len() {
            return Err(StoreError::Inconsistent {
                path: journal_file.to_path_buf(),
                message: format!(
                    "the journal continues at event {seq} but the meeting file holds {} events; \
                     was the meeting file replaced by an older copy? Move the journal aside to \
                     open the meeting file alone.",
                    events.len()
                ),
            });
        }
        events.push(stamped.clone());
    }
    Ok((events, journal.damage.is_none()))
}

/// The events of the meeting at `path` (meeting file and journal).
pub fn load(path: &Path) -> Result<Vec<Stamped>, StoreError> {
    open(path).map(|opened| opened.events)
}

/// Set once another scribe took the meeting's lock: nothing more is written to its files, and
/// the whole meeting goes to a side file instead.
struct Lost {
    /// Who holds the meeting now, in words.
    who: String,
    /// The side file (`meeting.ron.rescued-TIME`).
    rescue: PathBuf,
    /// The rescue file has been written at least once (it is ours to replace).
    written: bool,
}

/// The meeting file as the writer knows it.
enum InFile {
    /// Laid out as scribe writes it and the user's own, with one name: new events are written
    /// into it in place, at `end` (just before its closing). `file` is kept open: if the file
    /// is deleted or replaced behind scribe's back, its bytes are still there to write the
    /// whole meeting again.
    InPlace { file: File, end: u64 },
    /// Any other file (hand-written, from an older layout, a hard link): written whole at the
    /// next compaction, from its events, after which it is laid out as scribe writes it.
    Whole { events: Vec<Stamped> },
}

/// Keeps a meeting's files up to date with its log. Holds only the events that are not in the
/// meeting file yet (those in the journal and those not written at all), never a second copy
/// of the whole log.
pub struct Writer {
    path: PathBuf,
    in_file: InFile,
    /// How many events of the log the meeting file holds.
    in_file_count: usize,
    /// The events after those, in order: in the journal, or not written yet.
    pending: Vec<Stamped>,
    /// Events known to be on disk (meeting file and journal).
    on_disk: usize,
    journal: Option<Journal>,
    /// Lines in the journal when it is opened (events beyond the meeting file).
    journal_lines: usize,
    last_compaction: Instant,
    draft_on_disk: String,
    /// The lock, taken again after its file was deleted under this writer.
    relock: Option<Lock>,
    lost: Option<Lost>,
    /// Something to tell the note-taker that is not an error.
    notice: Option<String>,
    /// A compaction runs in another thread (see [`Writer::begin_compaction`]).
    compacting: bool,
    /// Fold the journal into the meeting file once it holds this many events.
    compact_lines: usize,
}

/// Events being written into the meeting file in place by another thread.
pub struct Compaction {
    file: File,
    end: u64,
    events: Vec<Stamped>,
    /// What the run did: how many bytes of lines it wrote, or why it failed.
    written: Option<std::io::Result<u64>>,
}

impl Compaction {
    /// Writes the events into the meeting file at its end, in place, and fsyncs (as
    /// [`Writer::compact`] does), in whatever thread calls it.
    pub fn run(&mut self) {
        let lines = event_lines(&self.events);
        self.written =
            Some(append_in_place(&self.file, self.end, &lines).map(|()| lines.len() as u64));
    }
}

impl Writer {
    /// A writer for the meeting at `path`, whose files hold `opened`.
    pub fn new(path: &Path, opened: &Opened) -> Writer {
        let in_snapshot = opened.in_snapshot.min(opened.events.len());
        let in_file = match in_place(path) {
            Some((file, end)) => InFile::InPlace { file, end },
            None => InFile::Whole {
                events: opened.events[..in_snapshot].to_vec(),
            },
        };
        Writer {
            path: path.to_path_buf(),
            in_file,
            in_file_count: in_snapshot,
            pending: opened.events[in_snapshot..].to_vec(),
            on_disk: opened.events.len(),
            journal: None,
            journal_lines: opened.events.len() - in_snapshot,
            last_compaction: Instant::now(),
            draft_on_disk: opened.draft.clone().unwrap_or_default(),
            relock: None,
            lost: None,
            notice: None,
            compacting: false,
            compact_lines: compact_lines(),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Takes new events of the log (written by the next [`flush`](Self::flush)).
    pub fn push(&mut self, events: Vec<Stamped>) {
        self.pending.extend(events);
    }

    /// How many events of the log are on disk.
    pub fn saved(&self) -> usize {
        self.on_disk
    }

    /// How many events the log has (on disk or not).
    pub fn len(&self) -> usize {
        self.in_file_count + self.pending.len()
    }

    /// Folds the journal into the meeting file once it holds `lines` events (2,000 unless
    /// said otherwise): for the benchmarks and the tests.
    pub fn set_compact_lines(&mut self, lines: usize) {
        self.compact_lines = lines.max(1);
    }

    /// Whether the log has no events at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Does the writer put new events into the meeting file in place (rather than writing it
    /// whole)?
    pub fn in_place(&self) -> bool {
        matches!(self.in_file, InFile::InPlace { .. })
    }

    /// What happened that the note-taker should know and that is not an error (the lock file
    /// made again), once.
    pub fn take_notice(&mut self) -> Option<String> {
        self.notice.take()
    }

    /// Writes the events not on disk yet: appended to the journal and fsync'd. When the
    /// meeting file or the journal has gone (deleted, replaced), writes the whole meeting
    /// again instead. Before and after, checks that this process still holds the meeting's
    /// lock: an event counts as saved only if no other scribe can have taken the meeting
    /// before it was on disk.
    pub fn flush(&mut self) -> Result<(), StoreError> {
        self.keep_lock()?;
        if self.needs_whole() {
            // Not under a compaction running in another thread: after it (the saver waits).
            if self.compacting {
                return Ok(());
            }
            return self.compact();
        }
        if self.on_disk == self.len() {
            return Ok(());
        }
        let journal = match &mut self.journal {
            Some(journal) => journal,
            None => self.journal.insert(Journal::open(
                &journal_path(&self.path),
                self.journal_lines,
            )?),
        };
        let new = &self.pending[self.on_disk - self.in_file_count..];
        journal.append(&journal::encode(self.on_disk, new), new.len())?;
        self.keep_lock()?;
        self.on_disk = self.len();
        Ok(())
    }

    /// Is it time to fold the journal into the meeting file? (Not while a compaction is under
    /// way in another thread.)
    pub fn should_compact(&self) -> bool {
        let lines = self.on_disk - self.in_file_count;
        !self.compacting
            && (lines >= self.compact_lines
                || (lines > 0 && self.last_compaction.elapsed() >= COMPACT_EVERY))
    }

    /// Can events be committed while a compaction runs in another thread? Not when the files
    /// must be written whole again (deleted, replaced): then the compaction is waited for.
    pub fn needs_whole(&self) -> bool {
        !self.path.exists() || self.journal.as_ref().is_some_and(|j| !j.is_in_place())
    }

    /// Starts folding the journal into the meeting file in another thread, so that no commit
    /// waits for it: the events in the journal, to be written into the meeting file in place
    /// by [`Compaction::run`], then handed back to [`end_compaction`](Self::end_compaction).
    /// Commits go on meanwhile (into the journal). None when the meeting file is not written
    /// in place (or must be written whole again): [`compact`](Self::compact) does it then.
    pub fn begin_compaction(&mut self) -> Result<Option<Compaction>, StoreError> {
        self.keep_lock()?;
        let journaled = self.on_disk - self.in_file_count;
        let InFile::InPlace { file, end } = &self.in_file else {
            return Ok(None);
        };
        if self.compacting || journaled == 0 || !safe::same_file(file, &self.path) {
            return Ok(None);
        }
        let file = file.try_clone().map_err(|error| StoreError::Io {
            path: self.path.clone(),
            error,
        })?;
        self.compacting = true;
        Ok(Some(Compaction {
            file,
            end: *end,
            events: self.pending[..journaled].to_vec(),
            written: None,
        }))
    }

    /// Takes back a compaction that ran in another thread: its events are in the meeting file
    /// now, and the journal is emptied if it holds nothing else. When it failed, nothing
    /// changes (the journal still holds every event) and it is tried again later.
    pub fn end_compaction(&mut self, compaction: Compaction) -> Result<(), StoreError> {
        self.compacting = false;
        let written = match compaction.written {
            Some(Ok(bytes)) => bytes,
            Some(Err(error)) => {
                return Err(StoreError::Io {
                    path: self.path.clone(),
                    error,
                });
            }
            None => return Ok(()),
        };
        self.keep_lock()?;
        if let InFile::InPlace { end, .. } = &mut self.in_file {
            *end += written;
        }
        let moved = compaction.events.len();
        self.pending.drain(..moved);
        self.in_file_count += moved;
        self.last_compaction = Instant::now();
        self.tidy_journal()
    }

    /// Forgets a compaction whose thread died (its events are still in the journal).
    pub fn forget_compaction(&mut self) {
        self.compacting = false;
    }

    /// Empties the journal when everything in it is in the meeting file (after a compaction
    /// that commits did not overtake).
    pub fn tidy_journal(&mut self) -> Result<(), StoreError> {
        if self.compacting || self.on_disk != self.in_file_count || self.len() != self.on_disk {
            return Ok(());
        }
        match &mut self.journal {
            Some(journal) if journal.is_in_place() => {
                if journal.lines > 0 {
                    journal.clear()?;
                }
                Ok(())
            }
            Some(_) => {
                self.journal = None;
                self.journal_lines = 0;
                remove_if_present(&journal_path(&self.path))
            }
            None if self.journal_lines > 0 => {
                self.journal_lines = 0;
                remove_if_present(&journal_path(&self.path))
            }
            None => Ok(()),
        }
    }

    /// Puts every event not in the meeting file yet into it, then empties the journal. A
    /// meeting file laid out as scribe writes it gets them in place, just before its closing
    /// (cut back there, the new lines and the closing written, fsync'd): a crash on the way
    /// leaves a file cut short whose complete events load, and the journal, emptied only once
    /// the file is on disk, holds the rest. Any other file is written whole (atomically) once,
    /// and in place from then on. When the meeting file was deleted or replaced (or its folder
    /// deleted), the whole meeting is written again, from the copy this writer keeps open.
    pub fn compact(&mut self) -> Result<(), StoreError> {
        if self.compacting {
            return Err(StoreError::Io {
                path: self.path.clone(),
                error: std::io::Error::other("a compaction is still under way"),
            });
        }
        self.keep_lock()?;
        self.make_folder()?;
        self.write_file()?;
        self.keep_lock()?;
        self.in_file_count += self.pending.len();
        self.pending.clear();
        self.on_disk = self.in_file_count;
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

    /// Writes the pending events into the meeting file (see [`compact`](Self::compact)).
    fn write_file(&mut self) -> Result<(), StoreError> {
        let io = |path: &Path, error| StoreError::Io {
            path: path.to_path_buf(),
            error,
        };
        match &mut self.in_file {
            InFile::Whole { events } => {
                events.extend(self.pending.iter().cloned());
                save(&self.path, events)?;
                // Laid out as scribe writes it now: in place from here on.
                if let Some((file, end)) = in_place(&self.path) {
                    self.in_file = InFile::InPlace { file, end };
                }
                Ok(())
            }
            InFile::InPlace { file, end } => {
                let lines = event_lines(&self.pending);
                // Nothing new: only a closing cut short (a crash in the middle of the last
                // compaction) is written again.
                if !lines.is_empty() || !ends_with_tail(file, *end) {
                    append_in_place(file, *end, &lines).map_err(|e| io(&self.path, e))?;
                    *end += lines.len() as u64;
                }
                if safe::same_file(file, &self.path) {
                    return Ok(());
                }
                // Deleted or replaced: the whole meeting again, from the copy kept open.
                let bytes = read_all(file).map_err(|e| io(&self.path, e))?;
                write_atomic(&self.path, &bytes)?;
                if let Some((file, end)) = in_place(&self.path) {
                    self.in_file = InFile::InPlace { file, end };
                }
                Ok(())
            }
        }
    }

    /// The whole meeting file's text as it would be with every event in it.
    fn whole(&self) -> Result<Vec<u8>, StoreError> {
        match &self.in_file {
            InFile::Whole { events } => {
                let mut all = events.clone();
                all.extend(self.pending.iter().cloned());
                Ok(to_ron(&all).into_bytes())
            }
            InFile::InPlace { file, end } => {
                let mut bytes = read_prefix(file, *end).map_err(|error| StoreError::Io {
                    path: self.path.clone(),
                    error,
                })?;
                bytes.extend_from_slice(event_lines(&self.pending).as_bytes());
                bytes.extend_from_slice(TAIL.as_bytes());
                Ok(bytes)
            }
        }
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
    /// changed since the last time. Once another scribe took the meeting, beside the side file
    /// the meeting is rescued to instead.
    pub fn save_draft(&mut self, draft: &str) -> Result<(), StoreError> {
        if draft == self.draft_on_disk {
            return Ok(());
        }
        let path = match self.keep_lock() {
            Ok(()) => draft_path(&self.path),
            Err(e) => match &self.lost {
                Some(lost) if lost.written => draft_path(&lost.rescue),
                _ => return Err(e),
            },
        };
        if draft.trim().is_empty() {
            remove_if_present(&path)?;
        } else {
            write_atomic(&path, draft.as_bytes())?;
        }
        self.draft_on_disk = draft.to_string();
        Ok(())
    }

    /// Recreates the meeting's folder if it was deleted.
    fn make_folder(&self) -> Result<(), StoreError> {
        match self.path.parent().filter(|d| !d.as_os_str().is_empty()) {
            Some(dir) if !dir.exists() => create_private_dir(dir),
            _ => Ok(()),
        }
    }

    /// Checks that this process still holds the meeting's lock. A lock file deleted (with its
    /// folder or alone) is made again; one replaced by another scribe's means the meeting is
    /// lost to this writer: from then on every write goes to a side file instead, and fails
    /// with [`StoreError::LockLost`] saying so.
    fn keep_lock(&mut self) -> Result<(), StoreError> {
        if self.lost.is_some() {
            return self.rescue();
        }
        match lock::standing(&self.path) {
            Standing::NotTaken | Standing::InPlace => Ok(()),
            Standing::Gone => {
                self.make_folder()?;
                match lock::acquire(&self.path, chrono::Local::now().fixed_offset()) {
                    Ok((lock, _)) => {
                        self.relock = Some(lock);
                        self.notice = Some(format!(
                            "the lock file {} was deleted while scribe ran; it was made again",
                            shown(&lock::lock_path(&self.path))
                        ));
                        Ok(())
                    }
                    Err(LockError::Held { holder, .. }) => self.lose(holder),
                    Err(LockError::Io(e)) => Err(e),
                }
            }
            Standing::Replaced(holder) => self.lose(holder),
        }
    }

    fn lose(&mut self, holder: Option<Holder>) -> Result<(), StoreError> {
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
        self.lost = Some(Lost {
            who: holder.map_or_else(|| "another scribe".to_string(), |h| h.to_string()),
            rescue: sibling(&self.path, &format!("rescued-{stamp}")),
            written: false,
        });
        self.journal = None;
        self.rescue()
    }

    /// Writes the whole meeting to the side file; always fails, saying why and where the
    /// meeting is.
    fn rescue(&mut self) -> Result<(), StoreError> {
        if self.lost.is_none() {
            return Ok(());
        }
        let bytes = self.whole();
        let Some(lost) = &mut self.lost else {
            return Ok(());
        };
        let written = bytes.and_then(|bytes| {
            if lost.written {
                write_atomic(&lost.rescue, &bytes)
            } else {
                write_new(&lost.rescue, &bytes)
            }
        });
        let kept = match written {
            Ok(()) => {
                lost.written = true;
                format!(
                    "the whole meeting is kept in {} instead (`scribe open` continues it)",
                    shown(&lost.rescue)
                )
            }
            Err(e) => format!("it could not be kept beside it either: {e}"),
        };
        Err(StoreError::LockLost {
            message: format!(
                "the lock {} was replaced: {} has the meeting now, so nothing more is written to \
                 {}; {kept}",
                shown(&lock::lock_path(&self.path)),
                lost.who,
                shown(&self.path)
            ),
        })
    }
}

/// The meeting file at `path` opened to write new events into it in place, with where they go:
/// only a plain file of the user's own with one name (never through a link), laid out as this
/// version of scribe writes it. None for any other file (it is then written whole).
fn in_place(path: &Path) -> Option<(File, u64)> {
    let file = safe::open_own(path).ok()?;
    let end = appendable_end(&file).ok()??;
    Some((file, end))
}

/// Does the file hold exactly [`TAIL`] after `end`?
fn ends_with_tail(file: &File, end: u64) -> bool {
    let Ok(meta) = file.metadata() else {
        return false;
    };
    if meta.len() != end + TAIL.len() as u64 {
        return false;
    }
    let mut tail = vec![0; TAIL.len()];
    file.read_exact_at(&mut tail, end).is_ok() && tail == TAIL.as_bytes()
}

/// Writes `lines` and the closing at `end`, after cutting the file back there (so that a crash
/// leaves a file cut short, never two closings or a line over another), then fsyncs. On failure
/// the closing is put back after the events already there, if that can be done.
fn append_in_place(file: &File, end: u64, lines: &str) -> std::io::Result<()> {
    let mut text = String::with_capacity(lines.len() + TAIL.len());
    text.push_str(lines);
    text.push_str(TAIL);
    let written = file
        .set_len(end)
        .and_then(|()| file.write_all_at(text.as_bytes(), end))
        .and_then(|()| file.sync_data());
    if written.is_err() {
        let _ = file
            .set_len(end)
            .and_then(|()| file.write_all_at(TAIL.as_bytes(), end));
    }
    written
}

/// The first `len` bytes of the open file.
fn read_prefix(file: &File, len: u64) -> std::io::Result<Vec<u8>> {
    let mut bytes = vec![0; usize::try_from(len).unwrap_or(0)];
    file.read_exact_at(&mut bytes, 0)?;
    Ok(bytes)
}

/// The whole open file.
fn read_all(file: &File) -> std::io::Result<Vec<u8>> {
    read_prefix(file, file.metadata()?.len())
}

/// Removes a file; one that is already gone is fine.
fn remove_if_present(path: &Path) -> Result<(), StoreError> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(error) => Err(StoreError::Io {
            path: path.to_path_buf(),
            error,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::Event;
    use crate::store::file::{TAIL, read_snapshot};

    fn note(i: usize) -> Stamped {
        Stamped {
            at: crate::testkit::t0(),
            event: Event::NoteRecorded {
                text: format!("note {i}").into(),
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

    fn inode(path: &Path) -> u64 {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).unwrap().ino()
    }

    /// New events go into the meeting file in place, which stays what `to_ron` writes for the
    /// whole log; the journal is emptied.
    #[test]
    fn compaction_writes_new_events_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let (path, mut writer) = fresh(dir.path());
        let before = inode(&path);
        let all: Vec<Stamped> = (0..7).map(note).collect();
        writer.push(all[..3].to_vec());
        writer.flush().unwrap();
        writer.compact().unwrap();
        writer.push(all[3..].to_vec());
        writer.flush().unwrap();
        writer.close().unwrap();
        assert!(writer.in_place());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), to_ron(&all));
        assert_eq!(inode(&path), before, "written in place");
        assert!(!journal_path(&path).exists());
        let opened = open(&path).unwrap();
        assert_eq!((opened.events, opened.notices), (all, vec![]));
    }

    /// Killed anywhere while new events were being written into the meeting file: every event
    /// comes back (the journal still holds those the file lost), the next session puts the
    /// file right, and nothing is written twice.
    #[test]
    fn a_crash_while_writing_in_place_loses_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.ron");
        let all: Vec<Stamped> = (0..6).map(note).collect();
        save(&path, &all[..2]).unwrap();
        let mut writer = Writer::new(&path, &open(&path).unwrap());
        writer.push(all[2..].to_vec());
        writer.flush().unwrap();
        let journal = std::fs::read(journal_path(&path)).unwrap();
        let whole = to_ron(&all);
        let end = to_ron(&all[..2]).len() - TAIL.len();
        for cut in end..=whole.len() {
            // As the file stands when the kill comes `cut` bytes into the rewrite of its end.
            std::fs::write(&path, &whole.as_bytes()[..cut]).unwrap();
            std::fs::write(journal_path(&path), &journal).unwrap();
            let opened = open(&path).unwrap();
            assert_eq!(opened.events, all, "cut at {cut}");
            // Only the last newline missing: the file is whole.
            assert!(
                cut >= whole.len() - 1
                    || opened
                        .notices
                        .iter()
                        .any(|n| n.contains("they are in the journal")),
                "{cut}: {:?}",
                opened.notices
            );
            let opened = open_for_writing(&path, MEETING_LIMIT).unwrap();
            let mut again = Writer::new(&path, &opened);
            again.close().unwrap();
            assert_eq!(
                std::fs::read_to_string(&path).unwrap(),
                whole,
                "cut at {cut}"
            );
        }
    }

    /// A file written by hand (or by another program) is written whole once, then in place.
    #[test]
    fn a_file_laid_out_otherwise_is_written_whole_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.ron");
        let all: Vec<Stamped> = (0..4).map(note).collect();
        std::fs::write(&path, to_ron(&all[..2]).replace('\n', " ")).unwrap();
        let mut writer = Writer::new(&path, &open(&path).unwrap());
        assert!(!writer.in_place());
        writer.push(all[2..3].to_vec());
        writer.compact().unwrap();
        assert!(writer.in_place());
        let first = inode(&path);
        writer.push(all[3..].to_vec());
        writer.close().unwrap();
        assert_eq!(inode(&path), first);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), to_ron(&all));
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

    /// The lock deleted under a running writer is made again; replaced by another scribe's, the
    /// writer writes nothing more into the meeting, keeps the whole of it in a side file, and
    /// says so at every write.
    #[test]
    fn a_lock_deleted_is_made_again_and_a_lock_taken_over_stops_the_writer() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.ron");
        save(&path, &[]).unwrap();
        let (lock, _) = lock::acquire(&path, note(0).at).unwrap();
        let mut writer = Writer::new(&path, &open(&path).unwrap());
        writer.push(vec![note(0)]);
        writer.flush().unwrap();
        std::fs::remove_file(lock::lock_path(&path)).unwrap();
        writer.push(vec![note(1)]);
        writer.flush().unwrap();
        assert!(writer.take_notice().unwrap().contains("made again"));
        assert_eq!(lock::standing(&path), Standing::InPlace);
        assert_eq!(writer.saved(), 2);

        // Another scribe's lock file now stands at the lock's path.
        std::fs::remove_file(lock::lock_path(&path)).unwrap();
        std::fs::write(
            lock::lock_path(&path),
            "(pid:1,host:\"b\",since:\"2012-02-28T10:00:00+01:00\")",
        )
        .unwrap();
        let before = std::fs::read(journal_path(&path)).unwrap();
        writer.push(vec![note(2)]);
        let err = writer.flush().unwrap_err().to_string();
        assert!(err.contains("m.ron.lock was replaced"), "{err}");
        assert!(err.contains("nothing more is written"), "{err}");
        assert_eq!(writer.saved(), 2, "not saved");
        assert_eq!(std::fs::read(journal_path(&path)).unwrap(), before);
        let rescued: Vec<PathBuf> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().contains(".rescued-"))
            .collect();
        assert_eq!(rescued.len(), 1, "{rescued:?}");
        assert!(err.contains(&rescued[0].display().to_string()), "{err}");
        assert_eq!(
            open(&rescued[0]).unwrap().events,
            vec![note(0), note(1), note(2)]
        );
        // Everything after goes there too, the draft beside it; the meeting is left alone.
        writer.push(vec![note(3)]);
        assert!(writer.flush().is_err());
        assert!(writer.compact().is_err());
        writer.save_draft("half a line").unwrap();
        let opened = open(&rescued[0]).unwrap();
        assert_eq!(opened.events.len(), 4);
        assert_eq!(opened.draft.as_deref(), Some("half a line"));
        assert!(!draft_path(&path).exists());
        assert!(writer.close().is_err());
        assert_eq!(open(&path).unwrap().events, vec![note(0), note(1)]);
        drop(lock);
    }

    /// Links planted beside a meeting are never followed: the journal and the draft refuse
    /// them, their targets unchanged.
    #[test]
    fn planted_links_are_refused_and_their_targets_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "precious").unwrap();
        let (path, mut writer) = fresh(dir.path());
        std::os::unix::fs::symlink(&victim, journal_path(&path)).unwrap();
        std::os::unix::fs::symlink(&victim, draft_path(&path)).unwrap();
        writer.push(vec![note(0)]);
        let err = writer.flush().unwrap_err().to_string();
        assert!(err.contains("m.ron.journal is a symbolic link"), "{err}");
        let err = open_for_writing(&path, MEETING_LIMIT)
            .unwrap_err()
            .to_string();
        assert!(err.contains("m.ron.journal is a symbolic link"), "{err}");
        std::fs::remove_file(journal_path(&path)).unwrap();
        let opened = open_for_writing(&path, MEETING_LIMIT).unwrap();
        assert_eq!(opened.draft, None);
        assert!(
            opened
                .notices
                .iter()
                .any(|n| n.contains("m.ron.draft is a symbolic link")),
            "{:?}",
            opened.notices
        );
        // The draft is written by replacing the link, never through it.
        writer.save_draft("typed").unwrap();
        writer.close().unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
        assert!(
            !std::fs::symlink_metadata(draft_path(&path))
                .unwrap()
                .is_symlink()
        );
    }

    /// A kill in the middle of a compaction leaves a temporary file: the next open removes it
    /// (and only the meeting's own).
    #[test]
    fn stale_temporaries_are_removed_at_the_next_open() {
        let dir = tempfile::tempdir().unwrap();
        let (path, _) = fresh(dir.path());
        for name in [
            ".m.ron.a1b2c3.tmp",
            ".m.ron.draft.x9.tmp",
            ".other.ron.q.tmp",
        ] {
            std::fs::write(dir.path().join(name), "left").unwrap();
        }
        let opened = open_for_writing(&path, MEETING_LIMIT).unwrap();
        assert!(
            opened
                .notices
                .iter()
                .any(|n| n.starts_with("2 temporary files")),
            "{:?}",
            opened.notices
        );
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, [".other.ron.q.tmp", "m.ron"]);
    }

    /// A journal cut inside a character, or damaged in the middle: the events before it come
    /// back with where it happened; opening for writing refuses damage in the middle.
    #[test]
    fn a_journal_cut_or_damaged_gives_back_what_precedes() {
        let dir = tempfile::tempdir().unwrap();
        let (path, mut writer) = fresh(dir.path());
        let mut accented = note(2);
        accented.event = Event::NoteRecorded {
            text: "Côte d'Ivoire".into(),
        };
        writer.push(vec![note(0), note(1), accented]);
        writer.flush().unwrap();
        let bytes = std::fs::read(journal_path(&path)).unwrap();
        let inside = bytes.iter().position(|&b| b == 0xc3).unwrap() + 1;
        std::fs::write(journal_path(&path), &bytes[..inside]).unwrap();
        for opened in [
            open(&path).unwrap(),
            open_for_writing(&path, MEETING_LIMIT).unwrap(),
        ] {
            assert_eq!(opened.events, vec![note(0), note(1)]);
            assert!(
                opened
                    .notices
                    .iter()
                    .any(|n| n.contains("m.ron.journal:3) was cut short")),
                "{:?}",
                opened.notices
            );
        }
        let mut damaged = bytes.clone();
        let second = bytes.iter().position(|&b| b == b'\n').unwrap() + 5;
        damaged[second] = 0xff;
        std::fs::write(journal_path(&path), &damaged).unwrap();
        let opened = open(&path).unwrap();
        assert_eq!(opened.events, vec![note(0)]);
        assert!(
            opened
                .notices
                .iter()
                .any(|n| n.contains("m.ron.journal:2:5: not valid UTF-8")
                    && n.contains("from line 2, is left in it")),
            "{:?}",
            opened.notices
        );
        let err = open_for_writing(&path, MEETING_LIMIT)
            .unwrap_err()
            .to_string();
        assert!(err.contains("m.ron.journal:2:5"), "{err}");
        assert_eq!(std::fs::read(journal_path(&path)).unwrap(), damaged);
    }
}
