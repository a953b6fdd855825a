//! The runtime: the only place that touches the terminal, the real clock, signals and
//! threads. Terminal input, save reports, signals and (when following) changes of the files
//! arrive on one channel; the loop sleeps until a message or until something on screen changes
//! by itself, and draws only when something changed.
//!
//! Whatever ends the console — `/quit`, SIGHUP when the SSH connection drops, SIGTERM, SIGINT,
//! the terminal closing, a panic — the same path runs: what was recorded and the draft go to
//! the saver, the terminal is given back, the saver finishes, and if anything could not be
//! written the whole meeting is written somewhere else and the path is printed.

mod archive;
mod rescue;
mod terminal;
mod threads;

use std::io::{self, IsTerminal};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};

use anyhow::{Context, Result};

use crate::app::{App, Effects, Msg, Replay, Status, Stop, update};
use crate::clock::Clock;
use crate::replay::Player;
use crate::replay::pace::Pace;
use crate::store::disk::{Opened, Writer};
use crate::store::follow::Follower;
use crate::store::lock::Lock;
use crate::store::saver::{Report, Saver};
use crate::store::{self};
use crate::view::paint::Painter;
use rescue::rescue;
use terminal::{
    Screen, capture_mouse, copy_to_clipboard, restore_terminal, say, setup_terminal, suspend,
};
use threads::{spawn_follower, spawn_input, spawn_signals};

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
    tracing::info!("minuting {} ({} events)", shown(&path), opened.events.len());
    let writer = Writer::new(&path, &opened);
    let mut terminal = setup_terminal(&path).context("cannot set up the terminal")?;
    let (sender, receiver) = mpsc::channel::<Msg>();
    let input = spawn_input(sender.clone());
    spawn_signals(sender.clone());
    let reports = sender.clone();
    let saver = Saver::spawn(writer, move |report: Report| {
        if let Some(notice) = report.notice {
            let _ = reports.send(Msg::Notice(notice));
        }
        let _ = reports.send(Msg::Saved {
            saved: report.saved,
            error: report.error,
        });
    });
    let mut app = App::new(opened.events, clock.now(), color, shown(&path));
    configured(&mut app, color);
    if let Some(draft) = &opened.draft {
        app.composer.set_text(draft);
    }
    if !opened.notices.is_empty() && app.status.is_none() {
        app.status = Some(Status {
            text: opened.notices.join("; "),
            error: false,
        });
    }
    let mut draft = app.draft();
    // How many events of the log the saver has; the log only grows, so the rest is the tail.
    let mut handed = app.events().len();
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        event_loop(
            &mut terminal,
            &mut app,
            (&sender, &receiver),
            (&path, &clock, color),
            |app, effects| {
                let now = app.draft();
                let changed = (now != draft).then(|| now.clone());
                handed += effects.save.len();
                saver.hand_over(std::mem::take(&mut effects.save), changed);
                draft = now;
                for format in std::mem::take(&mut effects.export) {
                    let message = write_minutes(app, &path, format, templates.clone());
                    app.status = Some(message);
                    effects.redraw = true;
                }
            },
        )
    }));
    let stopped_by = match &outcome {
        Ok(Ok(Some(Stop::By(reason)))) => Some(reason.clone()),
        _ => None,
    };
    match (&outcome, &stopped_by) {
        (Err(_), _) => tracing::error!("the console stopped on an internal error"),
        (Ok(Err(e)), _) => tracing::warn!("the console stopped: {e:#}"),
        (_, Some(reason)) => tracing::info!("stopped by {reason}"),
        _ => {}
    }
    // Whatever ended the loop (a panic included), what was recorded and typed goes to the saver.
    let rest = app.events().get(handed..).unwrap_or_default().to_vec();
    saver.hand_over(rest, Some(app.draft()));
    let _ = terminal.backend_mut().reset_state();
    restore_terminal();
    input.stop();
    let finished = saver.finish();
    let saved = finished.saved.unwrap_or_else(|| app.saved());
    let unsaved = app.events().len().saturating_sub(saved);
    let interactive = stopped_by.is_none() && io::stdin().is_terminal();
    let kept = if unsaved > 0 {
        let error = finished
            .error
            .as_ref()
            .map_or_else(|| "unknown error".to_string(), |e| e.to_string());
        rescue(&path, app.events(), unsaved, &error, interactive)
    } else if let Some(message) = finished.unfinished(&path) {
        // Everything is on disk, but not as it should be left (a folder made read-only: the
        // journal could not be folded in; a draft that could not be kept): say where it is.
        say(&mut io::stderr(), &message);
        Err(anyhow::anyhow!(
            "the meeting was not closed cleanly; `scribe open {}` puts it back",
            shown(&path)
        ))
    } else {
        // Where it is saved is said by the caller, which may yet find it empty and remove it.
        Ok(())
    };
    drop(lock);
    if let Some(reason) = &stopped_by {
        say(
            &mut io::stderr(),
            &format!(
                "scribe: stopped by {reason}; the meeting is in {}",
                shown(&path)
            ),
        );
    }
    match outcome {
        Ok(result) => result.map(|_| ()).and(kept),
        Err(_) => Err(anyhow::anyhow!(
            "scribe stopped on an internal error; everything recorded was saved"
        )),
    }
}

/// Applies the note-taker's settings; what in them could not be used is said in the footer.
fn configured(app: &mut App, color: bool) {
    let Some(path) = crate::config::path() else {
        return;
    };
    let (settings, mut problems) = crate::config::Settings::load(&path);
    problems.extend(app.configure(&settings, color));
    if !problems.is_empty() {
        tracing::warn!("settings {}: {}", shown(&path), problems.join("; "));
        app.status = Some(Status {
            text: format!("settings ({}): {}", shown(&path), problems.join("; ")),
            error: true,
        });
    }
}

/// A path as it may be shown: control characters and escapes made visible.
fn shown(path: &Path) -> String {
    crate::text::printable_path(path)
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
    // The settings' language when the meeting sets none (an option would win over the
    // meeting's own).
    let language = app
        .export_language
        .clone()
        .filter(|_| app.meeting().meta.language.is_none());
    let options = crate::export::Options {
        templates,
        language,
        ..Default::default()
    };
    // An unreadable template in the config folder falls back to the built-in one.
    let mut fallback = String::new();
    let bytes = match crate::export::export(app.meeting(), format, &options) {
        Err(error @ crate::export::ExportError::ReadTemplate { .. }) => {
            fallback = format!(" ({error}: the built-in template was used)");
            let built_in = crate::export::Options {
                templates: None,
                ..options
            };
            crate::export::export(app.meeting(), format, &built_in)
        }
        other => other,
    };
    let written = bytes.map_err(|e| e.to_string()).and_then(|bytes| {
        store::file::write_atomic_shared(&target, &bytes).map_err(|e| e.to_string())
    });
    match &written {
        Ok(()) => tracing::info!("minutes written to {}", shown(&target)),
        Err(e) => tracing::warn!("cannot write the minutes to {}: {e}", shown(&target)),
    }
    match written {
        Ok(()) => Status {
            text: format!("minutes written to {}{fallback}", shown(&target)),
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
    // Store errors name the file already.
    let (follower, events) = Follower::open(path).context("cannot follow it")?;
    let mut app = App::follower(events, clock.now(), color, shown(path));
    app.writer = threads::writer_of(path);
    configured(&mut app, color);
    read_only(path, app, (&clock, color), |sender| {
        spawn_follower(follower, path.to_path_buf(), sender)
    })
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
    let mut app = App::replaying(replay, color, shown(path));
    configured(&mut app, color);
    // Playback is paced by real time, whatever clock the console would use.
    read_only(path, app, (&Clock::Local, color), |_| {})
}

/// Runs a console that writes nothing (follow, replay) until `q` or a signal. `start` gets the
/// channel, for a thread that feeds the console.
fn read_only(
    path: &Path,
    mut app: App,
    (clock, color): (&Clock, bool),
    start: impl FnOnce(Sender<Msg>),
) -> Result<()> {
    let mut terminal = setup_terminal(path).context("cannot set up the terminal")?;
    let (sender, receiver) = mpsc::channel::<Msg>();
    let input = spawn_input(sender.clone());
    spawn_signals(sender.clone());
    start(sender.clone());
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        event_loop(
            &mut terminal,
            &mut app,
            (&sender, &receiver),
            (path, clock, color),
            |_, _| {},
        )
    }));
    let _ = terminal.backend_mut().reset_state();
    restore_terminal();
    input.stop();
    match outcome {
        Ok(result) => result.map(|_| ()),
        Err(_) => Err(anyhow::anyhow!("scribe stopped on an internal error")),
    }
}

/// The loop: messages in, state updated, screen drawn when something changed. `after` runs
/// after every batch of messages with what they asked for (to hand recorded events to the
/// saver, to write minutes), once the screen is drawn; the screen is drawn again if it asks.
/// Returns why it stopped (None: the channel closed).
fn event_loop(
    terminal: &mut Screen,
    app: &mut App,
    (sender, receiver): (&Sender<Msg>, &Receiver<Msg>),
    (path, clock, color): (&Path, &Clock, bool),
    mut after: impl FnMut(&mut App, &mut Effects),
) -> Result<Option<Stop>> {
    // Started the first time the note-taker searches the archive.
    let mut searcher: Option<archive::Searcher> = None;
    let size = terminal.size().context("cannot read the terminal size")?;
    app.size = (size.width, size.height);
    if app.mouse {
        capture_mouse(terminal).context("cannot turn the mouse on")?;
    }
    // A keystroke draws and writes only the rows that change (the composer's, usually).
    let mut painter = Painter::new();
    painter.paint(terminal, app)?;
    loop {
        let wait = clock.real(app.next_tick());
        let first = match receiver.recv_timeout(wait) {
            Ok(msg) => msg,
            Err(RecvTimeoutError::Timeout) => Msg::Tick,
            Err(RecvTimeoutError::Disconnected) => return Ok(None),
        };
        let mut effects = handle(terminal, app, first, clock);
        // Take whatever else is already waiting before drawing once.
        while effects.stop.is_none() {
            match receiver.try_recv() {
                Ok(msg) => effects.merge(handle(terminal, app, msg, clock)),
                Err(_) => break,
            }
        }
        if effects.stop.is_some() {
            after(app, &mut effects);
            return Ok(effects.stop);
        }
        if let Some(query) = effects.archive_search.take() {
            searcher
                .get_or_insert_with(|| archive::Searcher::spawn(path, sender.clone()))
                .ask(query);
        }
        if let Some(visit) = effects.visit.take() {
            archive::open_visit(app, &visit, color, |other| configured(other, color));
            effects.redraw = true;
        }
        if let Some(text) = effects.copy.take() {
            copy_to_clipboard(terminal, &text).context("cannot copy to the clipboard")?;
        }
        if effects.suspend {
            suspend(terminal).context("cannot take the terminal back after Ctrl-Z")?;
            painter.cleared();
            let size = terminal.size().context("cannot read the terminal size")?;
            app.size = (size.width, size.height);
            effects.redraw = true;
        }
        // The screen first: what is handed to the saver (whose thread it wakes) and the
        // minutes to write wait for it, a keystroke's echo does not wait for them.
        if std::mem::take(&mut effects.redraw) {
            painter.paint(terminal, app)?;
        }
        after(app, &mut effects);
        if effects.redraw {
            painter.paint(terminal, app)?;
        }
    }
}

/// Updates the app with one message. A resize may have moved the cursor or scrolled behind the
/// backend's back, so it forgets what it knew of the terminal.
fn handle(terminal: &mut Screen, app: &mut App, msg: Msg, clock: &Clock) -> Effects {
    if matches!(msg, Msg::Resize(..)) {
        terminal.backend_mut().forget_state();
    }
    update(app, msg, clock.now())
}
