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

use super::disk::Writer;
use super::file::StoreError;
use crate::meeting::Stamped;

/// How often a failed write is tried again while nothing new arrives.
const RETRY: Duration = Duration::from_secs(2);
/// The draft is written at most this often.
pub const DRAFT_EVERY: Duration = Duration::from_secs(2);

/// What the saver tells the console after each write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// How many events of the log are on disk.
    pub saved: usize,
    /// Why the last write failed, if it did.
    pub error: Option<String>,
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
        if let Some(sender) = &self.sender {
            // A closed channel means the thread is gone; `finish` says so.
            let _ = sender.send(Request { events, draft });
        }
    }

    /// Writes everything handed over, folds the journal into the meeting file, and stops.
    pub fn finish(mut self) -> Finished {
        self.sender = None;
        let gone = |what: &str| Finished {
            error: Some(StoreError::Io {
                path: "(saver)".into(),
                source: std::io::Error::other(what.to_string()),
            }),
            saved: None,
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
            Err(RecvTimeoutError::Disconnected) => return finish(writer, draft),
        }
        let before = writer.saved();
        let committed = writer.events().len() > before;
        let result = writer.flush().and_then(|()| {
            if writer.should_compact() {
                writer.compact()
            } else {
                Ok(())
            }
        });
        // A line just recorded must not come back as a draft after a crash: with events, the
        // draft goes out at once.
        if draft.is_some() && (committed || draft_written.elapsed() >= DRAFT_EVERY) {
            if let Some(text) = draft.take() {
                // A draft that cannot be written now is tried with the next one.
                if writer.save_draft(&text).is_err() {
                    draft = Some(text);
                }
            }
            draft_written = Instant::now();
        }
        let error = result.err().map(|e| e.to_string());
        if error.is_some() || failing || writer.saved() != before {
            failing = error.is_some();
            report(Report {
                saved: writer.saved(),
                error,
            });
        }
    }
}

/// The last writes: events, the meeting file with the journal folded in, the draft.
fn finish(mut writer: Writer, draft: Option<String>) -> Finished {
    let result = writer.close();
    if let Some(text) = draft {
        let _ = writer.save_draft(&text);
    }
    Finished {
        saved: Some(writer.saved()),
        error: result.err(),
    }
}
