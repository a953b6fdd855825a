//! The background writer: owns the meeting's [`Writer`], takes new events and the composer's
//! draft from the console, and writes them so that the console never waits for the disk.
//! Events that arrive while a write is under way go out together in the next one. After every
//! write it reports how many events are on disk, which is when the screen may call them saved.
//! A failed write is reported and tried again (on the next event, and every few seconds); the
//! events stay in memory until a write succeeds. The draft is written at most every
//! [`DRAFT_EVERY`] while it is being typed, so at least that often while it changes, and
//! right after the events when a line was recorded (so it never comes back as a draft).

use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use std::path::Path;

use super::disk::{Compaction, Writer, draft_path};
use super::file::StoreError;
use super::journal::journal_path;
use crate::meeting::Stamped;
use crate::text::printable_path as shown;

/// How often a failed write is tried again while nothing new arrives.
const RETRY: Duration = Duration::from_secs(2);
/// How often the saver looks whether a compaction running in another thread has ended.
const COMPACTION_CHECK: Duration = Duration::from_millis(5);
/// The draft is written at most this often.
pub const DRAFT_EVERY: Duration = Duration::from_secs(2);

/// What the saver tells the console after each write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// How many events of the log are on disk.
    pub saved: usize,
    /// Why the last write failed, if it did (the events, or the draft).
    pub error: Option<String>,
    /// Something the note-taker should know that is not an error (a deleted lock file made
    /// again).
    pub notice: Option<String>,
}

/// New events and, when it changed, the composer's text, handed over together: a line that
/// was just recorded and the empty composer that follows it must reach the writer in the same
/// batch, or a crash between the two could bring the line back as a draft.
struct Request {
    events: Vec<Stamped>,
    draft: Option<String>,
}

/// How saving ended.
pub struct Finished {
    /// The last write's error, if it failed.
    pub error: Option<StoreError>,
    /// How many events of the log are on disk; None when the saver itself was lost.
    pub saved: Option<usize>,
    /// The composer's last text could not be written: why, and the text.
    pub draft_error: Option<(StoreError, String)>,
}

impl Finished {
    /// What to tell the note-taker when every event is on disk but saving did not finish: the
    /// journal could not be folded into the meeting file (its folder made read-only, say), or
    /// the composer's text could not be written. Says where everything is and how to get it
    /// back. None when saving finished.
    pub fn unfinished(&self, path: &Path) -> Option<String> {
        if self.error.is_none() && self.draft_error.is_none() {
            return None;
        }
        let mut text = String::new();
        if let Some(error @ StoreError::LockLost { .. }) = &self.error {
            // It says where the meeting is kept instead.
            text.push_str(&format!("scribe stopped saving {}: {error}.", shown(path)));
        } else if let Some(error) = &self.error {
            text.push_str(&format!(
                "scribe could not finish saving {}: {error}. Nothing recorded is lost: what is \
                 not in the meeting file yet is in {}, and `scribe open {}` puts it back.",
                shown(path),
                shown(&journal_path(path)),
                shown(path)
            ));
        }
        if let Some((error, draft)) = &self.draft_error {
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(&format!(
                "The text in the composer could not be kept ({error}); here it is:\n{draft}"
            ));
        } else if self.error.is_some() && draft_path(path).exists() {
            text.push_str(&format!(
                " The text in the composer is in {}.",
                shown(&draft_path(path))
            ));
        }
        Some(text)
    }
}

pub struct Saver {
    sender: Option<Sender<Request>>,
    thread: Option<JoinHandle<Finished>>,
}

impl Saver {
    /// Starts the writer's thread. `report` is called from it after every write attempt.
    pub fn spawn(writer: Writer, report: impl Fn(Report) + Send + 'static) -> Saver {
        let (sender, receiver) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("scribe-saver".into())
            .spawn(move || run(writer, receiver, report))
            .ok();
        Saver {
            sender: Some(sender),
            thread,
        }
    }

    /// Hands over new events and, if it changed, the composer's text.
    pub fn hand_over(&self, events: Vec<Stamped>, draft: Option<String>) {
        if events.is_empty() && draft.is_none() {
            return;
        }
        let committing = !events.is_empty();
        if let Some(sender) = &self.sender {
            // A closed channel means the thread is gone; `finish` says so.
            let _ = sender.send(Request { events, draft });
        }
        // For the test of the panic path: a bug in the console right after a commit.
        if committing {
            super::fault::trigger("panic-on-commit");
        }
    }

    /// Writes everything handed over, folds the journal into the meeting file, and stops.
    pub fn finish(mut self) -> Finished {
        self.sender = None;
        let gone = |what: &str| Finished {
            error: Some(StoreError::Io {
                path: "(saver)".into(),
                error: std::io::Error::other(what.to_string()),
            }),
            saved: None,
            draft_error: None,
        };
        match self.thread.take() {
            Some(thread) => thread
                .join()
                .unwrap_or_else(|_| gone("the saving thread stopped unexpectedly")),
            None => gone("the saving thread could not be started"),
        }
    }
}

fn run(mut writer: Writer, receiver: Receiver<Request>, report: impl Fn(Report)) -> Finished {
    let mut failing = false;
    let mut draft: Option<String> = None;
    // Why the draft could not be written, until it can.
    let mut draft_failing: Option<String> = None;
    // Why the journal could not be folded into the meeting file, until it can.
    let mut compact_failing: Option<String> = None;
    // A compaction running in another thread, and how the last one ended.
    let mut compaction: Option<JoinHandle<Compaction>> = None;
    let mut compact_result: Option<Result<(), StoreError>> = None;
    let mut draft_written = Instant::now() - DRAFT_EVERY;
    loop {
        let draft_due = draft
            .as_ref()
            .map(|_| DRAFT_EVERY.saturating_sub(draft_written.elapsed()));
        let wait = [
            Some(if failing {
                RETRY
            } else {
                Duration::from_secs(60)
            }),
            draft_due,
            compaction.as_ref().map(|_| COMPACTION_CHECK),
        ]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(RETRY);
        let mut take = |Request {
                            events,
                            draft: text,
                        }: Request| {
            writer.push(events);
            if text.is_some() {
                draft = text;
            }
        };
        match receiver.recv_timeout(wait) {
            Ok(request) => {
                take(request);
                // Everything else already waiting goes out in the same write.
                while let Ok(more) = receiver.try_recv() {
                    take(more);
                }
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => {
                // The compaction under way ends first; everything else goes in at the end.
                if let Some(running) = compaction.take() {
                    let _ = end_compaction(&mut writer, running, true);
                }
                return finish(writer, draft);
            }
        }
        // A compaction that ended (or one to wait for: files to write whole again).
        if let Some(running) = compaction.take() {
            let wait = writer.needs_whole();
            match end_compaction(&mut writer, running, wait) {
                Ended::Running(running) => compaction = Some(running),
                Ended::Done(result) => compact_result = Some(result),
            }
        }
        let before = writer.saved();
        let committed = writer.len() > before;
        let flushed = writer.flush();
        // A line just recorded must not come back as a draft after a crash: with events, the
        // draft goes out at once.
        if draft.is_some() && (committed || draft_written.elapsed() >= DRAFT_EVERY) {
            if let Some(text) = draft.take() {
                // A draft that cannot be written now is tried again (with the next one, or
                // after `DRAFT_EVERY`), and the note-taker is told.
                match writer.save_draft(&text) {
                    Ok(()) => draft_failing = None,
                    Err(e) => {
                        draft_failing = Some(format!("the draft was not written: {e}"));
                        draft = Some(text);
                    }
                }
            }
            draft_written = Instant::now();
        }
        let flushed_ok = flushed.is_ok();
        match compact_result.take() {
            Some(Ok(())) => compact_failing = None,
            Some(Err(e)) => compact_failing = Some(e.to_string()),
            None => {}
        }
        let error = flushed
            .err()
            .map(|e| e.to_string())
            .or_else(|| compact_failing.clone())
            .or_else(|| draft_failing.clone());
        let notice = writer.take_notice();
        if error.is_some() || failing || writer.saved() != before || notice.is_some() {
            failing = error.is_some();
            report(Report {
                saved: writer.saved(),
                error,
                notice,
            });
        }
        // Only then, the screen told, the journal folded into the meeting file when it is
        // due, in another thread: commits go on into the journal meanwhile and never wait
        // for it. A meeting file that cannot take events in place is written whole here.
        if flushed_ok && compaction.is_none() && writer.should_compact() {
            let started = writer.begin_compaction().and_then(|begun| match begun {
                Some(mut running) => {
                    compaction = Some(std::thread::spawn(move || {
                        running.run();
                        running
                    }));
                    Ok(())
                }
                None => writer.compact(),
            });
            if let Err(e) = started {
                let text = e.to_string();
                if compact_failing.as_ref() != Some(&text) {
                    report(Report {
                        saved: writer.saved(),
                        error: Some(text.clone()),
                        notice: writer.take_notice(),
                    });
                }
                compact_failing = Some(text);
                failing = true;
            }
        }
    }
}

/// How looking at a compaction in another thread went.
enum Ended {
    /// Not finished yet.
    Running(JoinHandle<Compaction>),
    /// Finished and taken back by the writer.
    Done(Result<(), StoreError>),
}

/// Takes back the compaction if it finished, or (`wait`) once it has.
fn end_compaction(writer: &mut Writer, running: JoinHandle<Compaction>, wait: bool) -> Ended {
    if !wait && !running.is_finished() {
        return Ended::Running(running);
    }
    match running.join() {
        Ok(compaction) => Ended::Done(writer.end_compaction(compaction)),
        Err(_) => {
            // The thread died: nothing is lost (the journal holds everything); the writer
            // forgets it and compacts again later.
            writer.forget_compaction();
            Ended::Done(Err(StoreError::Io {
                path: writer.path().to_path_buf(),
                error: std::io::Error::other("the compaction stopped unexpectedly"),
            }))
        }
    }
}

/// The last writes: events, the meeting file with the journal folded in, the draft.
fn finish(mut writer: Writer, draft: Option<String>) -> Finished {
    let result = writer.close();
    let draft_error = draft.and_then(|text| match writer.save_draft(&text) {
        Ok(()) => None,
        Err(e) => Some((e, text)),
    });
    Finished {
        saved: Some(writer.saved()),
        error: result.err(),
        draft_error,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::Event;
    use crate::store::disk::open;
    use crate::store::save;
    use std::sync::mpsc;

    fn note(i: usize) -> Stamped {
        Stamped {
            at: crate::testkit::t0(),
            event: Event::NoteRecorded {
                text: format!("note {i}").into(),
            },
        }
    }

    fn saver(path: &Path) -> (Saver, mpsc::Receiver<Report>) {
        save(path, &[]).unwrap();
        let writer = Writer::new(path, &open(path).unwrap());
        let (sender, reports) = mpsc::channel();
        let saver = Saver::spawn(writer, move |report| {
            let _ = sender.send(report);
        });
        (saver, reports)
    }

    /// Commits one by one across many compactions run in the background: every event is
    /// reported saved in order, and at the end the meeting file holds them all, written in
    /// place, with no journal left.
    #[test]
    fn compactions_in_the_background_lose_nothing() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.ron");
        save(&path, &[]).unwrap();
        let inode = std::fs::metadata(&path).unwrap().ino();
        let mut writer = Writer::new(&path, &open(&path).unwrap());
        writer.set_compact_lines(5);
        let (sender, reports) = mpsc::channel();
        let saver = Saver::spawn(writer, move |report| {
            let _ = sender.send(report);
        });
        let all: Vec<Stamped> = (0..60).map(note).collect();
        for (k, stamped) in all.iter().enumerate() {
            saver.hand_over(vec![stamped.clone()], None);
            loop {
                let report = reports.recv_timeout(Duration::from_secs(20)).unwrap();
                assert_eq!(report.error, None);
                if report.saved > k {
                    break;
                }
            }
            if k % 9 == 0 {
                // Now and then, while a compaction may be running, what is on disk reads back.
                assert_eq!(open(&path).unwrap().events[..=k], all[..=k]);
            }
        }
        let finished = saver.finish();
        assert!(finished.error.is_none());
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            crate::store::file::to_ron(&all)
        );
        assert_eq!(std::fs::metadata(&path).unwrap().ino(), inode);
        assert!(!journal_path(&path).exists());
    }

    /// A draft that cannot be written is reported like a failed save (the header says NOT
    /// SAVED); it is tried again, and said at the end when it still cannot be.
    #[test]
    fn a_draft_that_cannot_be_written_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.ron");
        let (saver, reports) = saver(&path);
        // A folder where the draft goes: renaming the new draft over it fails, even as root.
        std::fs::create_dir(draft_path(&path)).unwrap();
        saver.hand_over(vec![note(0)], Some("half a line".into()));
        let report = reports.recv_timeout(Duration::from_secs(20)).unwrap();
        assert_eq!(report.saved, 1);
        let error = report.error.unwrap();
        assert!(error.contains("the draft was not written"), "{error}");
        let finished = saver.finish();
        assert!(finished.error.is_none());
        let (_, text) = finished.draft_error.as_ref().unwrap();
        assert_eq!(text, "half a line");
        let message = finished.unfinished(&path).unwrap();
        assert!(message.contains("here it is:\nhalf a line"), "{message}");
    }

    /// Every event reached the journal, but the journal could not be folded into the meeting
    /// file at the end: not "saved", but where everything is and how to get it back.
    #[test]
    fn a_meeting_file_that_cannot_be_replaced_at_the_end_is_said() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.ron");
        let (saver, reports) = saver(&path);
        saver.hand_over(vec![note(0), note(1)], None);
        assert_eq!(
            reports.recv_timeout(Duration::from_secs(20)).unwrap().saved,
            2
        );
        // The meeting file becomes a folder: the journal still takes appends, the final
        // compaction cannot rename over it (as in a folder made read-only, even as root).
        std::fs::remove_file(&path).unwrap();
        std::fs::create_dir(&path).unwrap();
        let finished = saver.finish();
        assert_eq!(finished.saved, Some(2));
        let message = finished.unfinished(&path).unwrap();
        assert!(message.contains("could not finish saving"), "{message}");
        assert!(message.contains("m.ron.journal"), "{message}");
        assert!(message.contains("`scribe open"), "{message}");
        std::fs::remove_dir(&path).unwrap();
        save(&path, &[]).unwrap();
        assert_eq!(open(&path).unwrap().events, vec![note(0), note(1)]);
    }
}
