//! The runtime loop: the only place that touches the terminal, the real clock and threads.
//! Terminal input and save reports arrive on one channel; the loop sleeps until a message or
//! until something on screen changes by itself, and draws only when something changed.

use std::io::{self, Stdout, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};

use anyhow::{Context, Result};
use ratatui::Terminal;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use ratatui::crossterm::execute;
use ratatui::crossterm::style::{Attribute, SetAttribute};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

use crate::app::{App, Msg, update};
use crate::clock::Clock;
use crate::lean_backend::LeanBackend;
use crate::meeting::Stamped;
use crate::store::saver::{Report, Saver};
use crate::store::{self};
use crate::view;

/// Runs the console on the meeting saved at `path` (holding `events`) until the note-taker
/// quits. Returns when everything is on disk, or with an error saying where it went instead.
pub fn run(path: &Path, events: Vec<Stamped>, clock: Clock, color: bool) -> Result<()> {
    let mut terminal = setup_terminal().context("cannot set up the terminal")?;
    let (sender, receiver) = mpsc::channel::<Msg>();
    spawn_input(sender.clone());
    let saver_sender = sender.clone();
    let saver = Saver::spawn(path.to_path_buf(), events.clone(), move |report: Report| {
        let _ = saver_sender.send(Msg::Saved {
            saved: report.saved,
            error: report.error,
        });
    });
    let file_name = path.display().to_string();
    let mut app = App::new(events, clock.now(), color, file_name);
    let result = event_loop(&mut terminal, &mut app, &receiver, &saver, &clock);
    let _ = terminal.backend_mut().reset_state();
    restore_terminal();
    let saved = saver.finish();
    result?;
    match saved {
        Ok(()) => {
            println!("Saved {}", path.display());
            Ok(())
        }
        Err(e) => rescue(path, app.log.events(), e),
    }
}

type Screen = Terminal<LeanBackend<Stdout>>;

/// Raw mode, the alternate screen and bracketed paste, and a panic hook that undoes them before
/// the panic message is printed. Drawing goes through [`LeanBackend`], which writes only what
/// changes (one byte for a typed character, where the stock backend writes 42).
fn setup_terminal() -> io::Result<Screen> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), SetAttribute(Attribute::Reset));
        restore_terminal();
        hook(info);
    }));
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, EnableBracketedPaste)?;
    Terminal::new(LeanBackend::new(io::stdout()))
}

/// Gives the terminal back as it was; safe to call more than once.
fn restore_terminal() {
    let _ = execute!(
        io::stdout(),
        DisableBracketedPaste,
        LeaveAlternateScreen,
        Show
    );
    let _ = disable_raw_mode();
}

fn event_loop(
    terminal: &mut Screen,
    app: &mut App,
    receiver: &mpsc::Receiver<Msg>,
    saver: &Saver,
    clock: &Clock,
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
        saver.append(app.take_outbox());
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

/// Forwards terminal events to the loop until the terminal closes.
fn spawn_input(sender: Sender<Msg>) {
    std::thread::spawn(move || {
        loop {
            let msg = match event::read() {
                Ok(Event::Key(key)) => Msg::Key(key),
                Ok(Event::Paste(text)) => Msg::Paste(text),
                Ok(Event::Resize(width, height)) => Msg::Resize(width, height),
                Ok(_) => continue,
                Err(_) => break,
            };
            if sender.send(msg).is_err() {
                break;
            }
        }
    });
}

/// The meeting could not be written where it belongs: write it next to it or in the temporary
/// folder, and say where.
fn rescue(path: &Path, events: &[Stamped], error: store::StoreError) -> Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "meeting.ron".into());
    let candidates: Vec<PathBuf> = [
        path.with_file_name(format!("{name}.rescued")),
        std::env::temp_dir().join(format!("scribe-rescued-{name}")),
    ]
    .into_iter()
    .collect();
    let mut stderr = io::stderr();
    let _ = writeln!(stderr, "scribe could not save {}: {error}", path.display());
    for candidate in candidates {
        if store::save(&candidate, events).is_ok() {
            let _ = writeln!(
                stderr,
                "The whole meeting was written to {} instead; `scribe open` it.",
                candidate.display()
            );
            return Err(anyhow::anyhow!("saved to {} instead", candidate.display()));
        }
    }
    Err(anyhow::anyhow!(
        "the meeting could not be saved anywhere: {error}"
    ))
}
