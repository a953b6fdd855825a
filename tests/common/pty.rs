//! The real `scribe` binary in a pseudo-terminal (portable-pty), its screen read back through
//! a terminal emulator (vt100). Steps wait for their effect on screen, never on sleeps: the
//! screen is polled every 20 ms, with a generous timeout that panics with the screen as it was.
//! A guard kills the child if a test fails half-way.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

/// How long any one thing may take to show up. Generous: CI machines are slow.
pub const TIMEOUT: Duration = Duration::from_secs(20);
/// How often the screen is looked at while waiting.
pub const POLL: Duration = Duration::from_millis(20);

/// A running `scribe` in a pseudo-terminal, with the screen it has drawn so far.
pub struct Scribe {
    pub child: Box<dyn Child + Send + Sync>,
    pub writer: Box<dyn Write + Send>,
    pub output: Receiver<Vec<u8>>,
    pub parser: vt100::Parser,
    /// Kept so the terminal stays open while the child runs.
    _master: Box<dyn MasterPty + Send>,
}

impl Scribe {
    /// Starts `scribe ARGS` in a `cols`x`rows` terminal, with its data directory in `dir` and a
    /// fake clock, and waits for its first screen (only then is the terminal in raw mode).
    pub fn start(dir: &Path, args: &[&str], (cols, rows): (u16, u16)) -> Scribe {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pseudo-terminal");
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_scribe"));
        command.args(args);
        command.cwd(dir);
        command.env("SCRIBE_DIR", dir);
        command.env("TERM", "xterm-256color");
        command.env("SCRIBE_CLOCK", "2012-02-28T10:00:00+01:00*10");
        let child = pair.slave.spawn_command(command).expect("start scribe");
        // Only the child holds the terminal's other end now, so reading ends when it exits.
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let (sender, output) = mpsc::channel();
        std::thread::spawn(move || {
            let mut buffer = [0u8; 8192];
            while let Ok(n @ 1..) = reader.read(&mut buffer) {
                if sender.send(buffer[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        let mut scribe = Scribe {
            child,
            writer: pair.master.take_writer().expect("pty writer"),
            output,
            parser: vt100::Parser::new(
                rows.try_into().expect("rows"),
                cols.try_into().expect("cols"),
                0,
            ),
            _master: pair.master,
        };
        scribe.wait_for("the first screen", |s| s.footer.starts_with("F1 help"));
        scribe
    }

    /// Sends bytes as if typed.
    pub fn send(&mut self, bytes: &str) {
        self.writer
            .write_all(bytes.as_bytes())
            .expect("write to the pty");
        self.writer.flush().expect("flush the pty");
    }

    /// Types a line and presses Enter.
    pub fn type_line(&mut self, line: &str) {
        self.send(&format!("{line}\r"));
    }

    /// Types a line, presses Enter and waits until the composer is empty again and `effect`
    /// is on screen (in the minutes, whitespace aside, or anywhere else).
    pub fn enter(&mut self, line: &str, effect: &str) -> Snapshot {
        self.type_line(line);
        self.wait_for(&format!("'{effect}' after typing '{line}'"), |s| {
            s.composer.is_empty() && s.shows(effect)
        })
    }

    /// Reads what the child has written so far, waiting at most `POLL` for more.
    pub fn pump(&mut self) {
        if let Ok(bytes) = self.output.recv_timeout(POLL) {
            self.parser.process(&bytes);
        }
        while let Ok(bytes) = self.output.try_recv() {
            self.parser.process(&bytes);
        }
    }

    pub fn snapshot(&self) -> Snapshot {
        Snapshot::new(self.parser.screen())
    }

    /// Waits until `condition` holds for the screen; panics with the screen after `TIMEOUT`.
    pub fn wait_for(&mut self, what: &str, condition: impl Fn(&Snapshot) -> bool) -> Snapshot {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            self.pump();
            let snapshot = self.snapshot();
            if condition(&snapshot) {
                return snapshot;
            }
            if Instant::now() > deadline {
                panic!(
                    "timed out after {TIMEOUT:?} waiting for {what}; the screen:\n{}",
                    snapshot.dump()
                );
            }
        }
    }

    /// Waits for the child to exit; panics with the screen after `TIMEOUT`.
    pub fn wait_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().expect("poll the child") {
                return status;
            }
            if Instant::now() > deadline {
                panic!(
                    "scribe did not exit within {TIMEOUT:?}; the screen:\n{}",
                    self.snapshot().dump()
                );
            }
            self.pump();
        }
    }

    /// Types `/quit` and checks that scribe exits with success and says it saved.
    pub fn quit(&mut self) {
        self.type_line("/quit");
        let status = self.wait_exit();
        assert!(
            status.success(),
            "scribe exited with {status}; the screen:\n{}",
            self.snapshot().dump()
        );
        // The terminal is given back as it was: main screen, no bracketed paste.
        self.wait_for("the 'Saved' line after the console closed", |s| {
            s.contains("Saved ") && !s.alternate_screen && !s.bracketed_paste
        });
    }
}

impl Drop for Scribe {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The screen at one moment, cut into the parts the tests look at.
pub struct Snapshot {
    /// Every row, trailing spaces trimmed.
    pub rows: Vec<String>,
    /// The inside of the minutes pane, row by row (empty when it is not on screen).
    pub minutes: Vec<String>,
    /// The rule above the composer, which says where Enter puts the text.
    pub rule: String,
    /// The composer's non-blank rows, trimmed.
    pub composer: Vec<String>,
    pub footer: String,
    pub bracketed_paste: bool,
    pub alternate_screen: bool,
}

impl Snapshot {
    pub fn new(screen: &vt100::Screen) -> Snapshot {
        let (height, width) = screen.size();
        let (height, width) = (height.get(), width.get());
        let rows: Vec<String> = screen
            .rows(0, width)
            .map(|row| row.trim_end().to_string())
            .collect();
        let cell = |row: u16, col: u16| {
            screen
                .cell(row, col)
                .map(|c| c.contents().to_string())
                .unwrap_or_default()
        };
        // The minutes pane: its top border on the first row under the header carries the
        // title " Minutes "; its inside runs down to its bottom border.
        let mut minutes = Vec::new();
        if let Some(at) = rows.get(1).and_then(|row| row.find(" Minutes ")) {
            let left = u16::try_from(rows[1][..at].chars().count())
                .unwrap_or(0)
                .saturating_sub(1);
            let inner: Vec<String> = screen.rows(left + 1, width - left - 2).collect();
            for row in 2..height {
                if cell(row, left) == "└" {
                    break;
                }
                minutes.push(inner[usize::from(row)].trim_end().to_string());
            }
        }
        // The composer: the rows between its rule (just under the panes' bottom borders) and
        // the footer.
        let last = rows.len() - 1;
        let rule_row = rows[..last]
            .iter()
            .rposition(|row| row.starts_with('└'))
            .map_or(last, |bottom| bottom + 1);
        let composer = rows[(rule_row + 1).min(last)..last]
            .iter()
            .map(|row| row.trim().to_string())
            .filter(|row| !row.is_empty())
            .collect();
        Snapshot {
            rule: rows[rule_row].clone(),
            composer,
            footer: rows[last].trim().to_string(),
            minutes,
            rows,
            bracketed_paste: screen.bracketed_paste(),
            alternate_screen: screen.alternate_screen(),
        }
    }

    /// Is `text` anywhere on one row of the screen?
    pub fn contains(&self, text: &str) -> bool {
        self.rows.iter().any(|row| row.contains(text))
    }

    /// Do the minutes hold `text`, however it was wrapped? Whitespace is ignored on both sides,
    /// so a long statement can be checked whole.
    pub fn minutes_show(&self, text: &str) -> bool {
        squash(&self.minutes.concat()).contains(&squash(text))
    }

    /// Is `text` on screen: on one row, or in the minutes?
    pub fn shows(&self, text: &str) -> bool {
        self.contains(text) || self.minutes_show(text)
    }

    pub fn dump(&self) -> String {
        let mut out = String::new();
        for (n, row) in self.rows.iter().enumerate() {
            out.push_str(&format!("{n:>3}|{row}\n"));
        }
        out
    }
}

/// `text` without any whitespace.
pub fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Does `row` start with an entry's `HH:MM ` time?
pub fn starts_with_time(row: &str) -> bool {
    let head: Vec<char> = row.chars().take(6).collect();
    head.len() == 6
        && head[2] == ':'
        && head[5] == ' '
        && [0, 1, 3, 4].iter().all(|&i| head[i].is_ascii_digit())
}

/// A temporary data folder and the meeting file to create in it.
pub fn workspace() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let file = dir.path().join("seed.ron").display().to_string();
    (dir, file)
}
