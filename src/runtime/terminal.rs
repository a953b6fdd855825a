//! The terminal for the console: raw mode, the alternate screen and bracketed paste on the way
//! in; all of it undone on the way out, on a panic too (with a crash report written beside the
//! meeting); and writing to it afterwards without panicking when it has gone.
//!
//! A terminal can go away at any moment (a closed tmux window, a dropped SSH link to a
//! projector): every write to it then fails (EIO). That is not an error of the console: what
//! it draws is dropped, [`gone`] says so, and the input thread stops the console the way a
//! hang-up does. Nothing printed here can panic, and everything printed outside the full
//! screen goes through the cleaning gate (`text::printable`).

use std::io::{self, Stdout, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::Terminal;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::style::{Attribute, SetAttribute};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

use crate::lean_backend::LeanBackend;
use crate::store;
use crate::text::{printable, printable_path};

pub type Screen = Terminal<LeanBackend<Term>>;

/// Set once a write showed that the terminal has gone.
static GONE: AtomicBool = AtomicBool::new(false);

/// Has the terminal gone (a write to it failed with EIO, EPIPE or ENXIO)?
pub fn gone() -> bool {
    GONE.load(Ordering::Relaxed)
}

/// Does this error mean the terminal (or the pipe) on the other end has gone?
pub fn is_lost(error: &io::Error) -> bool {
    error.kind() == io::ErrorKind::BrokenPipe
        || matches!(
            error.raw_os_error(),
            Some(libc::EIO | libc::EPIPE | libc::ENXIO | libc::EBADF)
        )
}

/// Standard output for the console: once the terminal has gone, writes are dropped instead of
/// failing, and [`gone`] tells the input thread to stop the console.
pub struct Term(Stdout);

impl Term {
    fn lost<T>(&self, result: io::Result<T>, dropped: T) -> io::Result<T> {
        match result {
            Err(e) if is_lost(&e) => {
                GONE.store(true, Ordering::Relaxed);
                Ok(dropped)
            }
            other => other,
        }
    }
}

impl Write for Term {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if gone() {
            return Ok(buf.len());
        }
        let result = self.0.write(buf);
        self.lost(result, buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if gone() {
            return Ok(());
        }
        let result = self.0.flush();
        self.lost(result, ())
    }
}

/// Raw mode, the alternate screen and bracketed paste, and a panic hook that gives the terminal
/// back, writes a crash report beside the meeting and says where. Drawing goes through
/// [`LeanBackend`], which writes only what changes.
pub fn setup_terminal(meeting: &Path) -> io::Result<Screen> {
    let meeting = meeting.to_path_buf();
    std::panic::set_hook(Box::new(move |info| {
        let on_main = std::thread::current().name() == Some("main");
        if on_main {
            let _ = execute!(io::stdout(), SetAttribute(Attribute::Reset));
            restore_terminal();
        }
        let report = crash_report(&meeting, info);
        // Only the meeting's writer saves on the way out; follow and replay never write.
        let what = if store::lock::held_here(&meeting) {
            format!(
                "Everything recorded so far is being saved to {}.",
                printable_path(&meeting)
            )
        } else {
            format!(
                "scribe was only reading {}: nothing in it has changed.",
                printable_path(&meeting)
            )
        };
        say(
            &mut io::stderr(),
            &format!(
                "scribe: internal error: {info}\n{what}{}",
                report
                    .map(|p| format!(" A crash report is in {}.", printable_path(&p)))
                    .unwrap_or_default()
            ),
        );
    }));
    enter()?;
    Terminal::new(LeanBackend::new(Term(io::stdout())))
}

/// Raw mode, the alternate screen, bracketed paste and (when asked for) the mouse.
fn enter() -> io::Result<()> {
    enable_raw_mode()?;
    SET_UP.store(true, Ordering::SeqCst);
    execute!(io::stdout(), EnterAlternateScreen, EnableBracketedPaste)?;
    if MOUSE.load(Ordering::SeqCst) {
        execute!(io::stdout(), EnableMouseCapture)?;
    }
    Ok(())
}

/// Whether the mouse is captured (the settings turned it on).
static MOUSE: AtomicBool = AtomicBool::new(false);

/// Captures the mouse (the wheel scrolls the minutes; selecting text then needs Shift).
pub fn capture_mouse(screen: &mut Screen) -> io::Result<()> {
    MOUSE.store(true, Ordering::SeqCst);
    execute!(screen.backend_mut(), EnableMouseCapture)
}

/// Ctrl-Z: gives the terminal back, stops the process as the shell's job control expects,
/// and when `fg` continues it, takes the terminal again with a clear screen.
pub fn suspend(screen: &mut Screen) -> io::Result<()> {
    let _ = screen.backend_mut().reset_state();
    restore_terminal();
    // SIGTSTP's default action stops the process; SIGCONT (`fg`) returns from here.
    // SAFETY: raise only sends a signal to this process.
    unsafe {
        libc::raise(libc::SIGTSTP);
    }
    enter()?;
    screen.backend_mut().forget_state();
    // A clean screen, so the next frame writes everything: the caller tells the painter
    // (`Painter::cleared`). (`Terminal::clear` would ask the terminal where its cursor is, and
    // the input thread takes the answer.)
    ratatui::backend::Backend::clear(screen.backend_mut())
}

/// Puts text on the clipboard of the terminal the note-taker sits at, over SSH too: OSC 52
/// (tmux passes it on with `set -g set-clipboard on`). The text is cleaned by the caller.
pub fn copy_to_clipboard(screen: &mut Screen, text: &str) -> io::Result<()> {
    use base64::Engine;
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    let backend = screen.backend_mut();
    write!(backend, "\x1b]52;c;{encoded}\x07")?;
    backend.flush()
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
        // A new file, never through a link planted at its name.
        store::file::write_new(&path, text.as_bytes()).ok()?;
        Some(path)
    })
}

/// Writes a line to the terminal after the console, through the cleaning gate, ignoring
/// failures: the terminal may be gone (a hang-up), and `println!` would panic then.
pub fn say(out: &mut impl Write, line: &str) {
    let _ = writeln!(out, "{}", printable(line));
    let _ = out.flush();
}

/// Like [`say`], without the line break (a question).
pub fn ask(question: &str) {
    let mut err = io::stderr();
    let _ = write!(err, "{}", printable(question));
    let _ = err.flush();
}

/// Whether the console's terminal modes are on (set up and not yet given back).
static SET_UP: AtomicBool = AtomicBool::new(false);

/// Gives the terminal back as it was; safe to call more than once, and when it is gone. Only
/// the first call after the setup writes anything: leaving the alternate screen a second time
/// would move the cursor back to where it was when the console started, and what was said in
/// between (a panic's message) would be written over.
pub fn restore_terminal() {
    if !SET_UP.swap(false, Ordering::SeqCst) {
        return;
    }
    if MOUSE.load(Ordering::SeqCst) {
        let _ = execute!(io::stdout(), DisableMouseCapture);
    }
    let _ = execute!(
        io::stdout(),
        DisableBracketedPaste,
        LeaveAlternateScreen,
        Show
    );
    let _ = disable_raw_mode();
}
