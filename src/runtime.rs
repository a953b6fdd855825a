//! The runtime: the only place that touches the terminal, the real clock, signals and
//! threads. Terminal input, save reports, signals and (when following) changes of the files
//! arrive on one channel; the loop sleeps until a message or until something on screen changes
//! by itself, and draws only when something changed.
//!
//! Whatever ends the console — `/quit`, SIGHUP when the SSH connection drops, SIGTERM, SIGINT,
//! the terminal closing, a panic — the same path runs: what was recorded and the draft go to
//! the saver, the terminal is given back, the saver finishes, and if anything could not be
//! written the whole meeting is written somewhere else and the path is printed.

use std::io::{self, BufRead, IsTerminal, Stdout, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

use anyhow::{Context, Result};
use ratatui::Terminal;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use ratatui::crossterm::execute;
use ratatui::crossterm::style::{Attribute, SetAttribute};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

use crate::app::{App, Msg, Replay, Status, update};
use crate::clock::Clock;
use crate::lean_backend::LeanBackend;
use crate::replay::Player;
use crate::replay::pace::Pace;
use crate::store::disk::{Opened, Writer};
use crate::store::follow::{Change, Follower};
use crate::store::lock::Lock;
use crate::store::saver::{Report, Saver};
use crate::store::{self};
use crate::view;

type Screen = Terminal<LeanBackend<Stdout>>;

/// How often the follow view looks at the followed meeting's files.
const FOLLOW_POLL: Duration = Duration::from_millis(200);

/// A meeting opened for minuting: its files, what they held, and the lock that makes this
/// process its only writer.
pub struct Session {
    pub path: PathBuf,
    pub opened: Opened,
    pub lock: Lock,
    /// Where the note-taker's own export templates are (their config folder).
    pub templates: Option<PathBuf>,
}

/// Runs the console on a meeting until the note-taker quits (or a signal stops it). Returns
/// when everything is on disk, or with an error saying where the meeting went instead.
pub fn minute(session: Session, clock: Clock, color: bool) -> Result<()> {
    let Session {
        path,
        opened,
        lock,
        templates,
    } = session;
    let writer = Writer::new(&path, &opened);
    let mut terminal = setup_terminal(&path).context("cannot set up the terminal")?;
    let (sender, receiver) = mpsc::channel::<Msg>();
    let input = spawn_input(sender.clone());
    spawn_signals(sender.clone());
    let reports = sender.clone();
    let saver = Saver::spawn(writer, move |report: Report| {
        let _ = reports.send(Msg::Saved {
            saved: report.saved,
            error: report.error,
        });
    });
    let mut app = App::new(
        opened.events,
        clock.now(),
        color,
        path.display().to_string(),
    );
    if let Some(draft) = &opened.draft {
        app.composer.set_text(draft);
    }
    if !opened.notices.is_empty() {
        app.status = Some(Status {
            text: opened.notices.join("; "),
            error: false,
        });
    }
    let mut draft = app.draft();
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        event_loop(&mut terminal, &mut app, &receiver, &clock, |app| {
            saver.commit(app.take_outbox());
            for format in std::mem::take(&mut app.exports) {
                let message = write_minutes(app, &path, format, templates.clone());
                app.status = Some(message);
            }
            let now = app.draft();
            if now != draft {
                saver.draft(now.clone());
                draft = now;
            }
        })
    }));
    // Whatever ended the loop, what was recorded and typed goes to the saver.
    saver.commit(app.take_outbox());
    saver.draft(app.draft());
    let _ = terminal.backend_mut().reset_state();
    restore_terminal();
    input.stop();
    let finished = saver.finish();
    let saved = finished.saved.unwrap_or(app.save.saved);
    let unsaved = app.log.events().len().saturating_sub(saved);
    let interactive = app.stopped_by.is_none() && io::stdin().is_terminal();
    let kept = if unsaved > 0 {
        let error = finished
            .error
            .map_or_else(|| "unknown error".to_string(), |e| e.to_string());
        rescue(&path, app.log.events(), unsaved, &error, interactive)
    } else {
        say(&mut io::stdout(), &format!("Saved {}", path.display()));
        Ok(())
    };
    drop(lock);
    if let Some(reason) = &app.stopped_by {
        say(
            &mut io::stderr(),
            &format!(
                "scribe: stopped by {reason}; the meeting is in {}",
                path.display()
            ),
        );
    }
    match outcome {
        Ok(result) => result.and(kept),
        Err(_) => Err(anyhow::anyhow!(
            "scribe stopped on an internal error; everything recorded was saved"
        )),
    }
}

/// Writes the minutes beside the meeting file (`meeting.md` for `meeting.ron`); what to tell
/// the note-taker.
fn write_minutes(
    app: &App,
    meeting: &Path,
    format: crate::export::Format,
    templates: Option<PathBuf>,
) -> Status {
    let target = meeting.with_extension(format.extension());
    let options = crate::export::Options {
        templates,
        ..Default::default()
    };
    let written = crate::export::export(app.meeting(), format, &options)
        .map_err(|e| e.to_string())
        .and_then(|bytes| store::file::write_atomic(&target, &bytes).map_err(|e| e.to_string()));
    match written {
        Ok(()) => Status {
            text: format!("minutes written to {}", target.display()),
            error: false,
        },
        Err(e) => Status {
            text: format!("cannot write the minutes: {e}"),
            error: true,
        },
    }
}

/// Runs the read-only follow view of a meeting minuted by another scribe, until `q`. Never
/// writes to the meeting.
pub fn follow(path: &Path, clock: Clock, color: bool) -> Result<()> {
    let (follower, events) =
        Follower::open(path).with_context(|| format!("cannot follow {}", path.display()))?;
    let mut terminal = setup_terminal(path).context("cannot set up the terminal")?;
    let (sender, receiver) = mpsc::channel::<Msg>();
    let input = spawn_input(sender.clone());
    spawn_signals(sender.clone());
    spawn_follower(follower, sender);
    let mut app = App::follower(events, clock.now(), color, path.display().to_string());
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        event_loop(&mut terminal, &mut app, &receiver, &clock, |_| {})
    }));
    let _ = terminal.backend_mut().reset_state();
    restore_terminal();
    input.stop();
    match outcome {
        Ok(result) => result,
        Err(_) => Err(anyhow::anyhow!("scribe stopped on an internal error")),
    }
}

/// Plays a meeting back, read-only, until `q`: starts playing at once, from `at` (a time of
/// the meeting's first day) or from the start.
pub fn replay(
    path: &Path,
    events: Vec<crate::meeting::Stamped>,
    pace: Pace,
    at: Option<chrono::NaiveTime>,
    color: bool,
) -> Result<()> {
    let mut player = Player::new(events);
    if let Some(time) = at {
        let (start, _) = player.span();
        let moment = start
            .date_naive()
            .and_time(time)
            .and_local_timezone(*start.offset())
            .single()
            .unwrap_or(start);
        player.seek_time(moment);
    }
    let mut replay = Replay::new(player, pace);
    replay.playing = !replay.player.at_end();
    let mut terminal = setup_terminal(path).context("cannot set up the terminal")?;
    let (sender, receiver) = mpsc::channel::<Msg>();
    let input = spawn_input(sender.clone());
    spawn_signals(sender);
    let mut app = App::replaying(replay, color, path.display().to_string());
    // Playback is paced by real time, whatever clock the console would use.
    let clock = Clock::Local;
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        event_loop(&mut terminal, &mut app, &receiver, &clock, |_| {})
    }));
    let _ = terminal.backend_mut().reset_state();
    restore_terminal();
    input.stop();
    match outcome {
        Ok(result) => result,
        Err(_) => Err(anyhow::anyhow!("scribe stopped on an internal error")),
    }
}

/// The loop: messages in, state updated, screen drawn when something changed. `after` runs
/// after every batch of messages (to hand recorded events to the saver).
fn event_loop(
    terminal: &mut Screen,
    app: &mut App,
    receiver: &Receiver<Msg>,
    clock: &Clock,
    mut after: impl FnMut(&mut App),
) -> Result<()> {
    let size = terminal.size().context("cannot read the terminal size")?;
    app.size = (size.width, size.height);
    terminal.draw(|frame| view::draw(frame, app))?;
    loop {
        let wait = clock.real(app.next_tick());
        let first = match receiver.recv_timeout(wait) {
            Ok(msg) => msg,
            Err(RecvTimeoutError::Timeout) => Msg::Tick,
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        };
        let mut dirty = handle(terminal, app, first, clock);
        // Take whatever else is already waiting before drawing once.
        while !app.quit {
            match receiver.try_recv() {
                Ok(msg) => dirty |= handle(terminal, app, msg, clock),
                Err(_) => break,
            }
        }
        after(app);
        if app.quit {
            return Ok(());
        }
        if dirty {
            terminal.draw(|frame| view::draw(frame, app))?;
        }
    }
}

/// Updates the app with one message. A resize may have moved the cursor or scrolled behind the
/// backend's back, so it forgets what it knew of the terminal.
fn handle(terminal: &mut Screen, app: &mut App, msg: Msg, clock: &Clock) -> bool {
    if matches!(msg, Msg::Resize(..)) {
        terminal.backend_mut().forget_state();
    }
    update(app, msg, clock.now())
}

/// Raw mode, the alternate screen and bracketed paste, and a panic hook that gives the terminal
/// back, writes a crash report beside the meeting and says where. Drawing goes through
/// [`LeanBackend`], which writes only what changes.
fn setup_terminal(meeting: &Path) -> io::Result<Screen> {
    let meeting = meeting.to_path_buf();
    std::panic::set_hook(Box::new(move |info| {
        let on_main = std::thread::current().name() == Some("main");
        if on_main {
            let _ = execute!(io::stdout(), SetAttribute(Attribute::Reset));
            restore_terminal();
        }
        let report = crash_report(&meeting, info);
        say(
            &mut io::stderr(),
            &format!(
                "scribe: internal error: {info}\nEverything recorded so far is being saved to {}.{}",
                meeting.display(),
                report
                    .map(|p| format!(" A crash report is in {}.", p.display()))
                    .unwrap_or_default()
            ),
        );
    }));
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, EnableBracketedPaste)?;
    Terminal::new(LeanBackend::new(io::stdout()))
}

/// Writes a short crash report beside the meeting (or in the temporary folder); its path.
fn crash_report(meeting: &Path, info: &std::panic::PanicHookInfo) -> Option<PathBuf> {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let name = format!("scribe-crash-{stamp}-{}.log", std::process::id());
    let text = format!(
        "scribe {} crashed at {}\nmeeting: {}\nthread: {}\n{info}\n\nbacktrace:\n{}\n",
        env!("CARGO_PKG_VERSION"),
        chrono::Local::now().to_rfc3339(),
        meeting.display(),
        std::thread::current().name().unwrap_or("?"),
        std::backtrace::Backtrace::force_capture(),
    );
    let folders = [
        meeting.parent().map(Path::to_path_buf),
        Some(std::env::temp_dir()),
    ];
    folders.into_iter().flatten().find_map(|folder| {
        let path = folder.join(&name);
        store::file::write_atomic(&path, text.as_bytes()).ok()?;
        Some(path)
    })
}

/// Writes a line to the terminal after the console, ignoring failures: the terminal may be
/// gone (a hang-up), and `println!` would panic then.
fn say(out: &mut impl Write, line: &str) {
    let _ = writeln!(out, "{line}");
    let _ = out.flush();
}

/// Like [`say`], without the line break (a question).
fn ask(question: &str) {
    let mut err = io::stderr();
    let _ = write!(err, "{question}");
    let _ = err.flush();
}

/// Gives the terminal back as it was; safe to call more than once, and when it is gone.
fn restore_terminal() {
    let _ = execute!(
        io::stdout(),
        DisableBracketedPaste,
        LeaveAlternateScreen,
        Show
    );
    let _ = disable_raw_mode();
}

/// The thread that reads the terminal. It is stopped before scribe asks anything on the
/// terminal after the console (the rescue question), or it would swallow the answers.
struct Input {
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Input {
    /// Stops reading (within [`INPUT_POLL`]) and waits a little for the thread to end. A
    /// terminal that hung up can leave it stuck in a read for good: then it is left behind
    /// (nobody is there to answer questions anyway).
    fn stop(mut self) {
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

/// Forwards terminal events to the loop; when the terminal goes away, asks it to stop.
fn spawn_input(sender: Sender<Msg>) -> Input {
    let stop = Arc::new(AtomicBool::new(false));
    let stopping = Arc::clone(&stop);
    let thread = std::thread::spawn(move || {
        while !stopping.load(Ordering::Relaxed) {
            let event = match event::poll(INPUT_POLL) {
                Ok(false) => continue,
                Ok(true) => event::read(),
                Err(e) => Err(e),
            };
            let msg = match event {
                Ok(Event::Key(key)) => Msg::Key(key),
                Ok(Event::Paste(text)) => Msg::Paste(text),
                Ok(Event::Resize(width, height)) => Msg::Resize(width, height),
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
fn spawn_signals(sender: Sender<Msg>) {
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

/// Events could not be written to the meeting's files: write the whole meeting elsewhere.
/// Asks where when someone is there to answer; otherwise tries beside the meeting, then the
/// temporary folder.
fn rescue(
    path: &Path,
    events: &[crate::meeting::Stamped],
    unsaved: usize,
    error: &str,
    interactive: bool,
) -> Result<()> {
    say(
        &mut io::stderr(),
        &format!(
            "scribe could not save the last {unsaved} events to {}: {error}",
            path.display()
        ),
    );
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "meeting.ron".into());
    let fallbacks = [
        path.with_file_name(format!("{name}.rescued")),
        std::env::temp_dir().join(format!("scribe-rescued-{name}")),
    ];
    if interactive {
        let stdin = io::stdin();
        let mut lines = stdin.lock().lines();
        loop {
            ask(&format!(
                "Write the whole meeting to another file (empty: {}): ",
                fallbacks[0].display()
            ));
            let Some(Ok(answer)) = lines.next() else {
                break;
            };
            let answer = answer.trim();
            if answer.is_empty() {
                break;
            }
            let target = PathBuf::from(answer);
            if target.exists() {
                say(
                    &mut io::stderr(),
                    &format!("{} exists; choose another name.", target.display()),
                );
                continue;
            }
            match store::save(&target, events) {
                Ok(()) => return rescued(&target),
                Err(e) => say(
                    &mut io::stderr(),
                    &format!("Cannot write there either: {e}"),
                ),
            }
        }
    }
    for target in fallbacks {
        if !target.exists() && store::save(&target, events).is_ok() {
            return rescued(&target);
        }
    }
    Err(anyhow::anyhow!(
        "the meeting could not be saved anywhere: {error}"
    ))
}

fn rescued(target: &Path) -> Result<()> {
    say(
        &mut io::stderr(),
        &format!(
            "The whole meeting was written to {}; `scribe open {}` continues it.",
            target.display(),
            target.display()
        ),
    );
    Err(anyhow::anyhow!(
        "the meeting was saved to {} instead",
        target.display()
    ))
}

/// Polls a followed meeting's files and forwards what changed.
fn spawn_follower(mut follower: Follower, sender: Sender<Msg>) {
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(FOLLOW_POLL);
            let msg = match follower.poll() {
                Ok(Change::Nothing) => continue,
                Ok(Change::Appended(events)) => Msg::Followed(events),
                Err(e) => Msg::FollowFailed(e.to_string()),
            };
            if sender.send(msg).is_err() {
                break;
            }
        }
    });
}
