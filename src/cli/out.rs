//! What the command line says: lines on standard output through the cleaning gate (a closed
//! pipe ends quietly), messages on standard error, questions asked on the terminal, a progress
//! bar while the archive is indexed.

use std::io::{self, BufRead, IsTerminal, Write};

use anyhow::{Result, anyhow, bail};

use crate::text::printable;

/// Standard output was closed under us (a pipe whose reader stopped, a terminal gone).
#[derive(Debug, thiserror::Error)]
#[error("standard output was closed")]
pub(super) struct Closed;

/// Does this error mean the other end of the stream has gone?
pub(super) fn is_closed(error: &io::Error) -> bool {
    error.kind() == io::ErrorKind::BrokenPipe || error.raw_os_error() == Some(libc::EIO)
}

/// Prints a line on standard output through the cleaning gate; a closed stream is [`Closed`].
pub(super) fn print(line: &str) -> Result<()> {
    let mut out = io::stdout().lock();
    writeln!(out, "{}", printable(line))
        .and_then(|()| out.flush())
        .map_err(|e| {
            if is_closed(&e) {
                anyhow!(Closed)
            } else {
                anyhow!(e).context("cannot write to standard output")
            }
        })
}

/// Tells the note-taker something on standard error, through the cleaning gate, ignoring a
/// closed stream (nobody is there to read it, and `eprintln!` would panic).
pub(super) fn tell(line: &str) {
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "{}", printable(line));
    let _ = err.flush();
}

/// Writes a line already through the gate (its marks are ours); a closed stream is [`Closed`].
pub(super) fn print_raw(line: &str) -> Result<()> {
    let mut out = io::stdout().lock();
    writeln!(out, "{line}")
        .and_then(|()| out.flush())
        .map_err(|e| {
            if is_closed(&e) {
                anyhow!(Closed)
            } else {
                anyhow!(e).context("cannot write to standard output")
            }
        })
}

/// A progress bar on standard error while the archive's extracts are made, when standard
/// error is a terminal; nothing otherwise.
pub(super) struct Progress {
    terminal: bool,
    shown: bool,
}

impl Progress {
    pub(super) fn new() -> Progress {
        Progress {
            terminal: io::stderr().is_terminal(),
            shown: false,
        }
    }

    pub(super) fn draw(&mut self, done: usize, total: usize) {
        if !self.terminal || total == 0 {
            return;
        }
        const WIDTH: usize = 30;
        let filled = done * WIDTH / total;
        let line = format!(
            "Indexing meetings for the search [{}{}] {done}/{total}",
            "#".repeat(filled),
            "-".repeat(WIDTH - filled)
        );
        let mut err = io::stderr().lock();
        let _ = write!(err, "\r{}", printable(&line));
        let _ = err.flush();
        self.shown = true;
    }

    pub(super) fn finish(&mut self) {
        if self.shown {
            let mut err = io::stderr().lock();
            let _ = write!(err, "\r{}\r", " ".repeat(72));
            let _ = err.flush();
            self.shown = false;
        }
    }
}

/// Asks a yes/no question on the terminal; `default` when the answer is empty. Without a
/// terminal to ask on, the answer is no.
pub(super) fn ask(question: &str, default: bool) -> Result<bool> {
    if !std::io::stdin().is_terminal() {
        return Ok(false);
    }
    let hint = if default { "[Y/n]" } else { "[y/N]" };
    {
        let mut err = io::stderr().lock();
        let _ = write!(err, "{} {hint} ", printable(question));
        let _ = err.flush();
    }
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    Ok(match answer.trim().to_lowercase().as_str() {
        "" => default,
        a => a.starts_with('y'),
    })
}

/// The console needs a terminal on both ends; checked after the arguments, before anything is
/// created.
pub(super) fn ensure_terminal() -> Result<()> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        bail!("scribe is a full-screen console and needs a terminal (`scribe list` does not)");
    }
    Ok(())
}
