//! The terminal for the console: raw mode, the alternate screen and bracketed paste on the way
//! in; all of it undone on the way out, on a panic too (with a crash report written beside the
//! meeting); and writing to it afterwards without panicking when it has gone.

use std::io::{self, Stdout, Write};
use std::path::{Path, PathBuf};

use ratatui::Terminal;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::execute;
use ratatui::crossterm::style::{Attribute, SetAttribute};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

use crate::lean_backend::LeanBackend;
use crate::store;

pub type Screen = Terminal<LeanBackend<Stdout>>;

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
pub fn say(out: &mut impl Write, line: &str) {
    let _ = writeln!(out, "{line}");
    let _ = out.flush();
}

/// Like [`say`], without the line break (a question).
pub fn ask(question: &str) {
    let mut err = io::stderr();
    let _ = write!(err, "{question}");
    let _ = err.flush();
}

/// Gives the terminal back as it was; safe to call more than once, and when it is gone.
pub fn restore_terminal() {
    let _ = execute!(
        io::stdout(),
        DisableBracketedPaste,
        LeaveAlternateScreen,
        Show
    );
    let _ = disable_raw_mode();
}
