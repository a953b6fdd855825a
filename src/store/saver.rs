//! The background writer: keeps its own copy of the log, receives new events from the console
//! and writes the meeting file after each batch, so that the console never waits for the disk.
//! Events that arrive while a write is under way are written together by the next one. A
//! failed write is retried (on the next event, and every few seconds) and reported, never
//! dropped: the events stay in memory until a write succeeds.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

use super::file::{StoreError, save};
use crate::meeting::Stamped;

/// How often a failed write is tried again while nothing new arrives.
const RETRY: Duration = Duration::from_secs(3);

/// What the saver tells the console after each write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// How many events of the log are on disk.
    pub saved: usize,
    /// Why the last write failed, if it did.
    pub error: Option<String>,
}

pub struct Saver {
    sender: Option<Sender<Vec<Stamped>>>,
    thread: Option<JoinHandle<Result<(), StoreError>>>,
}

impl Saver {
    /// Starts the writer for `path`, whose file already holds `events`. `report` is called
    /// from the writer's thread after every write attempt.
    pub fn spawn(
        path: PathBuf,
        events: Vec<Stamped>,
        report: impl Fn(Report) + Send + 'static,
    ) -> Saver {
        let (sender, receiver) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("scribe-saver".into())
            .spawn(move || run(path, events, receiver, report))
            .ok();
        Saver {
            sender: Some(sender),
            thread,
        }
    }

    /// Hands new events to the writer.
    pub fn append(&self, events: Vec<Stamped>) {
        if events.is_empty() {
            return;
        }
        if let Some(sender) = &self.sender {
            // A closed channel means the thread is gone; `finish` reports it.
            let _ = sender.send(events);
        }
    }

    /// Waits for every event handed over to be written; returns the last write's result.
    pub fn finish(mut self) -> Result<(), StoreError> {
        self.sender = None;
        match self.thread.take() {
            Some(thread) => thread.join().unwrap_or_else(|_| {
                Err(StoreError::Io {
                    path: PathBuf::from("(saver)"),
                    source: std::io::Error::other("the saving thread stopped unexpectedly"),
                })
            }),
            None => Err(StoreError::Io {
                path: PathBuf::from("(saver)"),
                source: std::io::Error::other("the saving thread could not be started"),
            }),
        }
    }
}

fn run(
    path: PathBuf,
    mut events: Vec<Stamped>,
    receiver: Receiver<Vec<Stamped>>,
    report: impl Fn(Report),
) -> Result<(), StoreError> {
    let mut last: Result<(), StoreError> = Ok(());
    let mut dirty = false;
    loop {
        let wait = if dirty {
            RETRY
        } else {
            Duration::from_secs(3600)
        };
        match receiver.recv_timeout(wait) {
            Ok(batch) => {
                events.extend(batch);
                // Take everything else already waiting: one write for all of it.
                while let Ok(more) = receiver.try_recv() {
                    events.extend(more);
                }
                dirty = true;
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => {
                if dirty {
                    last = save(&path, &events);
                }
                return last;
            }
        }
        if dirty {
            last = save(&path, &events);
            dirty = last.is_err();
            report(Report {
                saved: if dirty { 0 } else { events.len() },
                error: last.as_ref().err().map(ToString::to_string),
            });
        }
    }
}
