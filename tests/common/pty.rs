//! The real `scribe` binary in a pseudo-terminal (portable-pty), its screen read back through
//! a terminal emulator (vt100). Steps wait for their effect on screen, never on sleeps: the
//! screen is polled every 20 ms, with a generous timeout that panics with the screen as it was.
//! A guard kills the child if a test fails half-way.

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, RawFd};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

/// How long any one thing may take to show up. Generous: CI machines are slow.
pub const TIMEOUT: Duration = Duration::from_secs(20);
/// How often the screen is looked at while waiting.
pub const POLL: Duration = Duration::from_millis(20);
/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_scribe");

/// A running `scribe` in a pseudo-terminal, with the screen it has drawn so far.
pub struct Scribe {
    pub child: Box<dyn Child + Send + Sync>,
    pub writer: Box<dyn Write + Send>,
    pub output: Receiver<Vec<u8>>,
    pub parser: vt100::Parser,
    /// Every byte the child wrote, for tests of what goes over the wire.
    pub raw: Vec<u8>,
    /// Kept so the terminal stays open while the child runs; None once hung up.
    master: Option<Box<dyn MasterPty + Send>>,
    /// Tells the thread reading the terminal to let go of it (see `hang_up`).
    stop_reading: Arc<AtomicBool>,
    reading: Option<JoinHandle<()>>,
    /// Settings, log and cache of this run's own (never the user's, never in the data folder).
    _own: tempfile::TempDir,
}

impl Scribe {
    /// Starts `scribe ARGS` in a `cols`x`rows` terminal, with its data directory in `dir` and a
    /// fake clock, and waits for its first screen (only then is the terminal in raw mode).
    pub fn start(dir: &Path, args: &[&str], size: (u16, u16)) -> Scribe {
        Scribe::start_with_env(dir, args, size, &[])
    }

    /// As [`start`](Self::start), with extra environment variables (`(name, value)`).
    pub fn start_with_env(
        dir: &Path,
        args: &[&str],
        size: (u16, u16),
        env: &[(&str, &str)],
    ) -> Scribe {
        let mut scribe = Scribe::spawn_program(dir, BIN, args, size, env);
        scribe.wait_for("the first screen", |s| s.footer.starts_with("F1 help"));
        scribe
    }

    /// Starts `scribe ARGS` without waiting for the console: for what it asks before (a
    /// meeting someone else is minuting), and for screens other than the console's.
    pub fn spawn(dir: &Path, args: &[&str], size: (u16, u16)) -> Scribe {
        Scribe::spawn_program(dir, BIN, args, size, &[])
    }

    /// Starts `program ARGS` (scribe itself, or a shell that sets limits and then `exec`s
    /// scribe, so that the child's pid stays scribe's) with scribe's environment plus `env`,
    /// without waiting for anything.
    pub fn spawn_program(
        dir: &Path,
        program: &str,
        args: &[&str],
        (cols, rows): (u16, u16),
        env: &[(&str, &str)],
    ) -> Scribe {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pseudo-terminal");
        let mut command = CommandBuilder::new(program);
        command.args(args);
        command.cwd(dir);
        command.env("SCRIBE_DIR", dir);
        command.env("TERM", "xterm-256color");
        command.env("SCRIBE_CLOCK", "2012-02-28T10:00:00+01:00*10");
        // Settings, log and cache of the test's own, never the user's.
        let own = tempfile::tempdir().expect("a folder for settings, log and cache");
        command.env("SCRIBE_CONFIG", own.path().join("config.ron"));
        command.env("SCRIBE_LOG", own.path().join("scribe.log"));
        command.env("XDG_CACHE_HOME", own.path().join("cache"));
        for (name, value) in env {
            command.env(name, value);
        }
        let child = pair.slave.spawn_command(command).expect("start scribe");
        // Only the child holds the terminal's other end now, so reading ends when it exits.
        drop(pair.slave);
        // The reader and the writer are our own copies of the terminal's end, so that
        // `hang_up` can close every copy (portable-pty's writer types Enter and Ctrl-D when
        // dropped, and its reader cannot be told to stop).
        let master_fd = pair.master.as_raw_fd().expect("the pty's file descriptor");
        let mut reader = copy_fd(master_fd);
        let (sender, output) = mpsc::channel();
        let stop_reading = Arc::new(AtomicBool::new(false));
        let stop = Arc::clone(&stop_reading);
        let reading = std::thread::spawn(move || {
            let mut buffer = [0u8; 8192];
            while !stop.load(Ordering::Relaxed) {
                let mut poll = libc::pollfd {
                    fd: reader.as_raw_fd(),
                    events: libc::POLLIN,
                    revents: 0,
                };
                // SAFETY: one valid pollfd, for the duration of the call.
                let ready = unsafe { libc::poll(&mut poll, 1, 20) };
                if ready == 0 {
                    continue;
                }
                if ready < 0 {
                    if std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
                        continue;
                    }
                    break;
                }
                match reader.read(&mut buffer) {
                    Ok(n @ 1..) => {
                        if sender.send(buffer[..n].to_vec()).is_err() {
                            break;
                        }
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    // The child's end closed: it exited.
                    _ => break,
                }
            }
        });
        Scribe {
            child,
            writer: Box::new(copy_fd(master_fd)),
            output,
            parser: vt100::Parser::new(
                rows.try_into().expect("rows"),
                cols.try_into().expect("cols"),
                0,
            ),
            raw: Vec::new(),
            master: Some(pair.master),
            stop_reading,
            reading: Some(reading),
            _own: own,
        }
    }

    /// Closes the terminal, as a dropped SSH connection does: the kernel hangs up the child's
    /// end (SIGHUP, and its reads and writes fail from then on). What the child writes after
    /// this is lost; what it wrote before can still be pumped.
    pub fn hang_up(&mut self) {
        self.stop_reading.store(true, Ordering::Relaxed);
        if let Some(reading) = self.reading.take() {
            let _ = reading.join();
        }
        self.writer = Box::new(std::io::sink());
        self.master = None;
    }

    /// Resizes the terminal to `cols`x`rows`, as a window being resized does (the child gets
    /// SIGWINCH); the emulator reading the screen back takes the new size too.
    pub fn resize(&mut self, (cols, rows): (u16, u16)) {
        let master = self
            .master
            .as_ref()
            .expect("a terminal that has not hung up");
        master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize the pseudo-terminal");
        self.parser.screen_mut().set_size(
            rows.try_into().expect("rows"),
            cols.try_into().expect("cols"),
        );
    }

    /// The child's process id.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("the child's pid")
    }

    /// Sends `signal` (`libc::SIGKILL`, `libc::SIGHUP`, ...) to the child.
    pub fn signal(&self, signal: libc::c_int) {
        let pid = libc::pid_t::try_from(self.pid()).expect("a pid");
        // SAFETY: kill(2) has no memory-safety preconditions.
        let result = unsafe { libc::kill(pid, signal) };
        assert_eq!(
            result,
            0,
            "kill({pid}, {signal}): {}",
            std::io::Error::last_os_error()
        );
    }

    /// Reads everything the child wrote until its end of the terminal closed (it exited),
    /// waiting at most `TIMEOUT`; returns whether the end was reached.
    pub fn drain(&mut self) -> bool {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.output.recv_timeout(left.max(Duration::from_millis(1))) {
                Ok(bytes) => self.take(&bytes),
                Err(mpsc::RecvTimeoutError::Disconnected) => return true,
                Err(mpsc::RecvTimeoutError::Timeout) => return false,
            }
        }
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
            self.take(&bytes);
        }
        while let Ok(bytes) = self.output.try_recv() {
            self.take(&bytes);
        }
    }

    fn take(&mut self, bytes: &[u8]) {
        self.parser.process(bytes);
        self.raw.extend_from_slice(bytes);
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
        self.quit_saying("Saved ");
    }

    /// Quits with `/quit` and waits for scribe's last word, `said` (a new meeting in which
    /// nothing was recorded is not kept, and says so instead of "Saved").
    pub fn quit_saying(&mut self, said: &str) {
        self.type_line("/quit");
        let status = self.wait_exit();
        assert!(
            status.success(),
            "scribe exited with {status}; the screen:\n{}",
            self.snapshot().dump()
        );
        // The terminal is given back as it was: main screen, no bracketed paste.
        self.wait_for("scribe's last word after the console closed", |s| {
            s.contains(said) && !s.alternate_screen && !s.bracketed_paste
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

/// A file of its own on the same open terminal as `fd` (dup(2)).
fn copy_fd(fd: RawFd) -> File {
    // SAFETY: dup(2) on a descriptor we hold; the new one is owned by the returned File only.
    let copy = unsafe { libc::dup(fd) };
    assert!(copy >= 0, "dup: {}", std::io::Error::last_os_error());
    // SAFETY: `copy` is a fresh descriptor nothing else owns.
    unsafe { File::from_raw_fd(copy) }
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
    /// The footer's rows (one, or up to three for a long message), trimmed and joined.
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
        // the footer. The footer is the last row, and the rows above it whose text (after a
        // one-cell margin) is coloured: a long message wraps onto up to three rows, while the
        // composer's text has the default colour.
        let last = rows.len() - 1;
        let rule_row = rows[..last]
            .iter()
            .rposition(|row| row.starts_with('└'))
            .map_or(last, |bottom| bottom + 1);
        let coloured = |row: usize| {
            u16::try_from(row)
                .ok()
                .and_then(|row| screen.cell(row, 1))
                .is_some_and(|c| c.fgcolor() != vt100::Color::Default)
        };
        let mut footer_start = last;
        while footer_start > rule_row + 2 && coloured(footer_start - 1) {
            footer_start -= 1;
        }
        let composer = rows[(rule_row + 1).min(footer_start)..footer_start]
            .iter()
            .map(|row| row.trim().to_string())
            .filter(|row| !row.is_empty())
            .collect();
        let footer = rows[footer_start..]
            .iter()
            .map(|row| row.trim())
            .collect::<Vec<_>>()
            .join(" ");
        Snapshot {
            rule: rows[rule_row].clone(),
            composer,
            footer,
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
