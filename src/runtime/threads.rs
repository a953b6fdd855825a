//! The threads that feed the console's one channel: the terminal's keys and pastes, the
//! signals that ask it to stop, and the followed meeting's new events.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::time::Duration;

use ratatui::crossterm::event::{self, Event, MouseEventKind};

/// Rows the minutes move for one notch of the mouse wheel.
const WHEEL_ROWS: isize = 3;

use crate::app::Msg;
use crate::store::follow::{Change, Follower};

/// How often the follow view looks at the followed meeting's files when nothing wakes it: on
/// a network file system, changes made on another machine are not reported.
const FOLLOW_POLL: Duration = Duration::from_millis(200);

/// The thread that reads the terminal. It is stopped before scribe asks anything on the
/// terminal after the console (the rescue question), or it would swallow the answers.
pub struct Input {
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Input {
    /// Stops reading (within [`INPUT_POLL`]) and waits a little for the thread to end. A
    /// terminal that hung up can leave it stuck in a read for good: then it is left behind
    /// (nobody is there to answer questions anyway).
    pub fn stop(mut self) {
        self.stop.store(true, Ordering::Relaxed);
        let Some(thread) = self.thread.take() else {
            return;
        };
        let deadline = std::time::Instant::now() + INPUT_POLL * 5;
        while !thread.is_finished() && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
        }
        if thread.is_finished() {
            let _ = thread.join();
        }
    }
}

/// How often the input thread looks whether it should stop.
const INPUT_POLL: Duration = Duration::from_millis(100);

/// Forwards terminal events to the loop; when the terminal goes away (a read fails, or a write
/// found it gone), asks it to stop.
pub fn spawn_input(sender: Sender<Msg>) -> Input {
    let stop = Arc::new(AtomicBool::new(false));
    let stopping = Arc::clone(&stop);
    let thread = std::thread::spawn(move || {
        while !stopping.load(Ordering::Relaxed) {
            // A write found the terminal gone (EIO): stop as a hang-up does.
            if super::terminal::gone() {
                let _ = sender.send(Msg::Stop("the terminal closing".into()));
                break;
            }
            let event = match event::poll(INPUT_POLL) {
                Ok(false) => continue,
                Ok(true) => event::read(),
                Err(e) => Err(e),
            };
            let msg = match event {
                Ok(Event::Key(key)) => Msg::Key(key),
                Ok(Event::Paste(text)) => Msg::Paste(text),
                Ok(Event::Resize(width, height)) => Msg::Resize(width, height),
                Ok(Event::Mouse(mouse)) => match mouse.kind {
                    MouseEventKind::ScrollUp => Msg::Scroll(-WHEEL_ROWS),
                    MouseEventKind::ScrollDown => Msg::Scroll(WHEEL_ROWS),
                    _ => continue,
                },
                Ok(_) => continue,
                Err(_) => {
                    let _ = sender.send(Msg::Stop("the terminal closing".into()));
                    break;
                }
            };
            if sender.send(msg).is_err() {
                break;
            }
        }
    });
    Input {
        stop,
        thread: Some(thread),
    }
}

/// Turns SIGHUP (the connection dropped), SIGTERM and SIGINT into a clean stop: save, give
/// the terminal back, exit.
pub fn spawn_signals(sender: Sender<Msg>) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGHUP, SIGTERM, SIGINT]) else {
        return;
    };
    std::thread::spawn(move || {
        for signal in signals.forever() {
            let name = match signal {
                SIGHUP => "SIGHUP (the terminal hung up)",
                SIGTERM => "SIGTERM",
                _ => "SIGINT",
            };
            if sender.send(Msg::Stop(name.to_string())).is_err() {
                break;
            }
        }
    });
}

/// Forwards what changes in a followed meeting's files: woken as soon as they change (or
/// every [`FOLLOW_POLL`] at the latest), reads only what was added.
/// Also tells when the meeting's writer changes: quits (its lock goes), or comes back.
pub fn spawn_follower(mut follower: Follower, path: PathBuf, sender: Sender<Msg>) {
    std::thread::spawn(move || {
        let mut writer = writer_of(&path);
        loop {
            follower.wait(FOLLOW_POLL);
            let msg = match follower.poll() {
                Ok(Change::Nothing) => None,
                Ok(Change::Appended(events)) => Some(Msg::Followed(events)),
                Err(e) => Some(Msg::FollowFailed(e.to_string())),
            };
            if let Some(msg) = msg
                && sender.send(msg).is_err()
            {
                break;
            }
            let now = writer_of(&path);
            if now != writer {
                writer = now;
                if sender.send(Msg::Writer(writer.clone())).is_err() {
                    break;
                }
            }
        }
    });
}

/// Who holds the lock of the meeting at `path`, as the follow view says it.
pub fn writer_of(path: &Path) -> Option<String> {
    crate::store::lock::holder(path).map(|holder| holder.to_string())
}
