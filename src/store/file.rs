//! The meeting file: RON, one event per line, with a `version` field so that files keep opening
//! as the format grows. Written atomically (temporary file, fsync, rename, fsync of the
//! folder) so that a crash leaves either the old file or the new one, never half of one.
//! Everything read is untrusted: parse errors carry line and column, nesting is bounded by
//! ron's recursion limit, every string is cleaned, and a file damaged anywhere gives back the
//! events before the damage, with where it is.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use thiserror::Error;

pub use super::atomic::{
    WriteBehind, folder_of, remove_stale_temporaries, write_atomic, write_atomic_shared, write_new,
    write_unique,
};
use super::plain::cleaned_stamped;
use super::reader::{self, Halt};
use super::safe::{self, Links, MEETING_LIMIT};
use crate::meeting::Stamped;
use crate::text::printable_path as shown;

/// The format version this build writes. Files with a higher version are refused.
///
/// - 1: the first format.
/// - 2: new events (attendance, corrections, strikes, request kinds, limits, timeboxes,
///   motions, carried actions…) and new optional fields on old ones. A version-1 file reads
///   as it always did: every field it lacks has a default.
pub const VERSION: u32 = 2;

/// Why a meeting's files could not be read or written. Every message names the file (with any
/// control character in its name shown as an escape) and says what happened in words; none
/// repeats another error's text, so a chain of them prints each thing once.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("{}: {}", shown(.path), describe(.error))]
    Io { path: PathBuf, error: io::Error },
    #[error("{}:{line}:{column}: not a scribe meeting file: {message}", shown(.path))]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{} is not a scribe meeting file", shown(.path))]
    NotMeeting { path: PathBuf },
    #[error(
        "{}:{line}:{column}: {message}; the {recovered} events before it can be replayed or \
         exported, and the file is left as it is: fix or remove that line to open the meeting",
        shown(.path)
    )]
    Damaged {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
        recovered: usize,
    },
    #[error("{}: {message}", shown(.path))]
    Inconsistent { path: PathBuf, message: String },
    #[error(
        "{} was written by a newer scribe (format version {found}, this one reads up to {VERSION}): update scribe to open it",
        shown(.path)
    )]
    NewerVersion { path: PathBuf, found: u32 },
    #[error(
        "{} is a symbolic link; scribe does not follow links beside a meeting (someone may have \
         planted it): remove it to go on",
        shown(.path)
    )]
    Link { path: PathBuf },
    #[error("{} is a {kind}, not a file: scribe reads and writes plain files only", shown(.path))]
    NotAFile { path: PathBuf, kind: &'static str },
    #[error("{} was not made by scribe for you: {why}; remove it to go on", shown(.path))]
    NotOurs { path: PathBuf, why: String },
    #[error(
        "{} is {} MB, more than the {} MB scribe expects of a meeting",
        shown(.path),
        .size.div_ceil(1 << 20),
        .limit >> 20
    )]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    #[error("{message}")]
    LockLost { message: String },
}

impl StoreError {
    pub(super) fn io(path: &Path, error: io::Error) -> StoreError {
        StoreError::Io {
            path: path.to_path_buf(),
            error,
        }
    }

    /// Is this "there is no such file"?
    pub fn is_not_found(&self) -> bool {
        matches!(self, StoreError::Io { error, .. } if error.kind() == io::ErrorKind::NotFound)
    }
}

/// An I/O error in words, without the "(os error N)" that means nothing to a note-taker.
pub fn describe(error: &io::Error) -> String {
    use io::ErrorKind as K;
    let words = match error.kind() {
        K::NotFound => "does not exist",
        K::PermissionDenied => "permission denied",
        K::AlreadyExists => "already exists",
        K::StorageFull => "the disk is full",
        K::ReadOnlyFilesystem => "the file system is read-only",
        K::FileTooLarge => "File too large",
        K::InvalidData => "not valid UTF-8 text",
        K::IsADirectory => "is a folder",
        K::NotADirectory => "a part of the path is not a folder",
        _ => "",
    };
    if words.is_empty() {
        let text = error.to_string();
        match text.find(" (os error") {
            Some(at) => text[..at].to_string(),
            None => text,
        }
    } else {
        words.to_string()
    }
}

#[derive(Serialize, Deserialize)]
struct MeetingFile {
    version: u32,
    events: Vec<Stamped>,
}

/// Only the version, read first so that a newer file gets a clear message rather than a parse
/// error about an event this build does not know.
#[derive(Deserialize)]
struct VersionOnly {
    version: u32,
}

/// How scribe lays a meeting file out: this head, one event a line ([`event_line`]), then
/// [`TAIL`]. New events are written in place just before the tail (see `disk::Writer`), so the
/// file is always what [`to_ron`] would write for all of its events.
pub fn head() -> String {
    format!("(\n    version: {VERSION},\n    events: [\n")
}

/// The end of a meeting file laid out as scribe writes it.
pub const TAIL: &str = "    ],\n)\n";

/// How each event line starts.
const INDENT: &str = "        ";

/// How meeting files and journals are read and written. The large, rare events are newtype
/// variants holding a boxed struct (`AttendeeAdded(Box<AttendeeAdded>)`, to keep every event
/// small); with `UNWRAP_VARIANT_NEWTYPES` on by default, ron writes and reads them as the struct
/// variants they were (`AttendeeAdded(name: "Ana")`, not `AttendeeAdded((name: "Ana"))`) and
/// writes no `#![enable(...)]` header, so the bytes are what earlier versions wrote and read.
/// The other newtype variants in events hold a number or a string (`Owner`), which the
/// extension leaves as they were.
pub fn ron_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::UNWRAP_VARIANT_NEWTYPES)
}

/// Appends the line of the meeting file for one event (indented, with its comma and newline)
/// to `out`.
pub fn event_line(stamped: &Stamped, out: &mut String) {
    let config = ron::ser::PrettyConfig::new()
        .depth_limit(0)
        .struct_names(false);
    let text = ron_options()
        .to_string_pretty(stamped, config)
        .unwrap_or_else(|e| {
            // Serialising plain data cannot fail; keep a readable trace if it ever does.
            format!("() // serialisation failed: {e}")
        });
    out.push_str(INDENT);
    // ron escapes apostrophes (`\'`), which makes hand-editing "Côte d\'Ivoire" odd. Every
    // `\'` in its output is an escaped apostrophe (a backslash is written `\\`, and an
    // apostrophe after it is again `\'`), so the plain one reads back the same.
    if text.contains("\\'") {
        out.push_str(&text.replace("\\'", "'"));
    } else {
        out.push_str(&text);
    }
    out.push_str(",\n");
}

/// The lines of the meeting file for `events`.
pub fn event_lines(events: &[Stamped]) -> String {
    let mut out = String::with_capacity(events.len() * 256);
    for stamped in events {
        event_line(stamped, &mut out);
    }
    out
}

/// The file's text for these events.
pub fn to_ron(events: &[Stamped]) -> String {
    let mut text = head();
    text.reserve(events.len() * 256 + TAIL.len());
    for stamped in events {
        event_line(stamped, &mut text);
    }
    text.push_str(TAIL);
    text
}

/// Where reading stopped in a file damaged before its end: the line and column (both from 1)
/// of the first thing that could not be read, and what it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Damage {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// A meeting file as read: its events, and what the reader had to say about it.
#[derive(Debug, PartialEq)]
pub struct Snapshot {
    pub events: Vec<Stamped>,
    /// Set when the file was cut short or damaged and only its complete events before that
    /// point were recovered.
    pub notice: Option<String>,
    /// Set when the file is damaged before its end: what follows this point was not read.
    pub damage: Option<Damage>,
    /// Where new events can be written in the file, in bytes from its start: just after its
    /// last complete event line, when it is laid out as scribe writes it (head, one event a
    /// line) and is not damaged. None otherwise (the file is then written whole).
    pub end: Option<u64>,
}

/// The UTF-8 byte order mark some editors put at the start of a file.
pub(super) const BOM: &str = "\u{feff}";

/// Parses a meeting file's bytes; `path` is for messages. Text that is not UTF-8 is read up to
/// the first bad byte: cut inside a character at the very end, the file was cut short; a bad
/// byte before the end is damage, named by line and column.
pub fn from_bytes(path: &Path, bytes: &[u8]) -> Result<Snapshot, StoreError> {
    let error = match std::str::from_utf8(bytes) {
        Ok(text) => return from_ron(path, text),
        Err(error) => error,
    };
    let bom = if bytes.starts_with(BOM.as_bytes()) {
        BOM.len()
    } else {
        0
    };
    let valid = &bytes[bom..error.valid_up_to().max(bom)];
    // Valid by construction; `unwrap_or_default` only to avoid an unwrap.
    let text = std::str::from_utf8(valid).unwrap_or_default();
    let (line, column) = line_column(text);
    // A character cut at the very end (or bad bytes in a last line cut short): the file was
    // cut short. Anything else is damage before the end.
    let rest = &bytes[error.valid_up_to()..];
    let at_end = error.error_len().is_none() || !rest.contains(&b'\n');
    if let Some(found) = header_version(text).filter(|&v| v > VERSION) {
        return Err(StoreError::NewerVersion {
            path: path.to_path_buf(),
            found,
        });
    }
    let start_of_line = text.rfind('\n').map_or(0, |i| i + 1);
    let head = &text[..start_of_line];
    let mut snapshot = match by_lines(head, bom) {
        Some(read) => read.snapshot,
        None if line <= 3 => {
            return Err(StoreError::NotMeeting {
                path: path.to_path_buf(),
            });
        }
        None => {
            return Err(StoreError::Parse {
                path: path.to_path_buf(),
                line,
                column,
                message: "not valid UTF-8 text".into(),
            });
        }
    };
    if snapshot.damage.is_none() && !at_end {
        snapshot.damage = Some(Damage {
            line,
            column,
            message: "not valid UTF-8 text".into(),
        });
    }
    if snapshot.damage.is_some() {
        snapshot.end = None;
    }
    snapshot.notice = Some(notice(path, &snapshot));
    Ok(snapshot)
}

/// Line and column (from 1, in characters) just after `text`.
fn line_column(text: &str) -> (usize, usize) {
    let line = text.matches('\n').count() + 1;
    let column = text.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

/// What the reader tells the note-taker about a file it could read only part of.
fn notice(path: &Path, snapshot: &Snapshot) -> String {
    let n = snapshot.events.len();
    match &snapshot.damage {
        None => format!(
            "{} was cut short; its {n} complete events were recovered",
            shown(path)
        ),
        Some(d) => format!(
            "{}:{}:{}: {}; the {n} events before it were recovered, and the rest of the file, \
             from line {}, is left in it as it is",
            shown(path),
            d.line,
            d.column,
            d.message,
            d.line
        ),
    }
}

/// Parses a meeting file's text; `path` is for messages. A file laid out as scribe writes it is
/// read in one pass, line by line; any other (written by hand on fewer or more lines) is read
/// by ron as a whole, as is one whose line-by-line reading stops at damage (the damage may be
/// an event written over several lines).
pub fn from_ron(path: &Path, text: &str) -> Result<Snapshot, StoreError> {
    let (text, bom) = match text.strip_prefix(BOM) {
        Some(rest) => (rest, BOM.len()),
        None => (text, 0),
    };
    let newer = |found: u32| StoreError::NewerVersion {
        path: path.to_path_buf(),
        found,
    };
    if let Some(found) = header_version(text).filter(|&v| v > VERSION) {
        return Err(newer(found));
    }
    let lined = by_lines(text, bom);
    if let Some(read) = &lined
        && read.snapshot.damage.is_none()
    {
        let Some(read) = lined else {
            unreachable!("matched just above")
        };
        let mut snapshot = read.snapshot;
        if !read.closed {
            snapshot.notice = Some(notice(path, &snapshot));
        }
        return Ok(snapshot);
    }
    let options = ron_options();
    // The version first, so that a newer file gets a clear message rather than a parse error
    // about an event this build does not know.
    if lined.is_none()
        && let Some(found) = options
            .from_str::<VersionOnly>(text)
            .ok()
            .map(|v| v.version)
            .filter(|&v| v > VERSION)
    {
        return Err(newer(found));
    }
    match options.from_str::<MeetingFile>(text) {
        Ok(file) => Ok(Snapshot {
            events: file.events.into_iter().map(cleaned_stamped).collect(),
            notice: None,
            damage: None,
            end: None,
        }),
        Err(e) => match lined {
            Some(read) => {
                let mut snapshot = read.snapshot;
                snapshot.notice = Some(notice(path, &snapshot));
                Ok(snapshot)
            }
            None if text.trim().is_empty() || !looks_like_a_meeting(text) => {
                Err(StoreError::NotMeeting {
                    path: path.to_path_buf(),
                })
            }
            None => Err(StoreError::Parse {
                path: path.to_path_buf(),
                line: e.span.start.line,
                column: e.span.start.col,
                message: in_words(&e.code),
            }),
        },
    }
}

/// ron's message without the list of everything it expected instead (all the event names).
pub fn in_words(code: &ron::error::Error) -> String {
    let text = code.to_string();
    match text.find(", expected") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

/// Does `text` start as a meeting file does (`(` then `version:`, comments and spaces aside)?
fn looks_like_a_meeting(text: &str) -> bool {
    let significant: String = text
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<String>()
        .chars()
        .filter(|c| !c.is_whitespace())
        .take(9)
        .collect();
    significant.starts_with("(version:") || "(version:".starts_with(&significant)
}

/// The `version: N` line of a file laid out as scribe writes it.
pub(super) fn header_version(text: &str) -> Option<u32> {
    text.lines()
        .take(3)
        .find_map(|line| line.trim().strip_prefix("version:"))
        .and_then(|v| v.trim().trim_end_matches(',').parse().ok())
}

/// A file read line by line.
#[derive(Debug, PartialEq)]
pub(super) struct ByLines {
    pub(super) snapshot: Snapshot,
    /// Its closing (`],` then `)`) was read whole: the file is complete.
    pub(super) closed: bool,
}

/// Reads a file laid out as scribe writes it (its head, then one event a line) in one pass:
/// every line decoded on its own, so that a file cut short (a copy interrupted, a crash in the
/// middle of writing new events in place, a disk that filled up under another program) gives
/// back its complete events, and a damaged line the events before it and where it is. None
/// when the file is laid out differently (or has something after its closing). `offset` is
/// where `text` starts in the file (after a byte order mark), for [`Snapshot::end`].
fn by_lines(text: &str, offset: usize) -> Option<ByLines> {
    by_lines_split(text, offset, PARALLEL)
}

/// [`by_lines`], in two halves at once when the events take more than `parallel` bytes.
fn by_lines_split(text: &str, offset: usize, parallel: usize) -> Option<ByLines> {
    let mut lines = text.split_inclusive('\n');
    let head = [lines.next()?, lines.next()?, lines.next()?];
    if !head_ok(&head, text) {
        return None;
    }
    let body: usize = head.iter().map(|l| l.len()).sum();
    // A large file is read in two halves at once (each line is read on its own anyway);
    // the second half counts only if the first reads through to it.
    let middle = (text.len() - body > parallel)
        .then(|| middle_after(text.as_bytes(), body + (text.len() - body) / 2))
        .flatten();
    let (first, second) = match middle {
        Some(middle) => std::thread::scope(|scope| {
            let second = scope.spawn(|| scan(text, middle, text.len()));
            let first = scan(text, body, middle);
            let second = match first.stop {
                // Read on one thread after all when the other is gone.
                None => Some(
                    second
                        .join()
                        .unwrap_or_else(|_| scan(text, middle, text.len())),
                ),
                Some(_) => None,
            };
            (first, second)
        }),
        None => (scan(text, body, text.len()), None),
    };
    match assemble(first, second, body, offset, &Whole(text)) {
        Ok(read) => read,
        Err(never) => match never {},
    }
}

/// Are these the three lines a meeting file laid out as scribe writes it starts with (`(`,
/// `version: N,`, `events: [`)? `text` is the file's text from its first line on.
pub(super) fn head_ok(head: &[&str; 3], text: &str) -> bool {
    head[0].trim() == "("
        && head[1].trim().strip_prefix("version:").is_some()
        && header_version(text).is_some()
        && head[2].trim() == "events: ["
}

/// Where the line after the one holding byte `half` of `bytes` starts (a line's start, so
/// never inside a character); None when no line ends there.
fn middle_after(bytes: &[u8], half: usize) -> Option<usize> {
    memchr::memchr(b'\n', bytes.get(half..)?).map(|i| half + i + 1)
}

/// What follows the point where the event lines stopped, for [`assemble`]: in a text held
/// whole ([`Whole`]), or still in the file (`reader`). Positions are in the file's text, from
/// its first line (after a byte order mark).
pub(super) trait Rest {
    /// Why the rest could not be looked at (the whole text: never).
    type Halt;
    /// The characters other than whitespace from `start` to the end, as many as tell a
    /// closing (`],)`, or a part of one) from anything else: at most four.
    fn closing(&self, start: usize) -> Result<String, Self::Halt>;
    /// Is there nothing but whitespace from `start` to the end?
    fn blank_from(&self, start: usize) -> Result<bool, Self::Halt>;
    /// The number (from 1) of the line that starts at `start`.
    fn line_at(&self, start: usize) -> Result<usize, Self::Halt>;
}

/// The text of a file held whole.
struct Whole<'a>(&'a str);

impl Rest for Whole<'_> {
    type Halt = std::convert::Infallible;

    fn closing(&self, start: usize) -> Result<String, Self::Halt> {
        Ok(self.0[start..]
            .chars()
            .filter(|c| !c.is_whitespace())
            .take(4)
            .collect())
    }

    fn blank_from(&self, start: usize) -> Result<bool, Self::Halt> {
        Ok(self.0[start..].trim().is_empty())
    }

    fn line_at(&self, start: usize) -> Result<usize, Self::Halt> {
        Ok(memchr_count(&self.0.as_bytes()[..start], b'\n') + 1)
    }
}

/// Puts together what the one or two [`Scan`]s of a file's event lines read (the second, of
/// the lines after the first's, only when the first read through to it): the events, where
/// the next one goes, and how the file ends, looking at what follows where they stopped in
/// `rest`. None when the file is not laid out as scribe writes it (something after its
/// closing). `body` is where the event lines start, `offset` where the text starts in the
/// file.
pub(super) fn assemble<R: Rest>(
    first: Scan,
    second: Option<Scan>,
    body: usize,
    offset: usize,
    rest: &R,
) -> Result<Option<ByLines>, R::Halt> {
    let mut events = first.events;
    let mut end = first.end.unwrap_or(Some(body));
    let mut stop = first.stop;
    if let Some(second) = second {
        // The second half's events in the first's list: held twice only as they move.
        events.reserve_exact(second.events.len());
        events.extend(second.events);
        if let Some(later) = second.end {
            end = later;
        }
        stop = second.stop;
    }
    let read = |events, end: Option<usize>, damage: Option<Damage>, closed| {
        Some(ByLines {
            snapshot: Snapshot {
                events,
                notice: None,
                end: end
                    .filter(|_| damage.is_none())
                    .map(|e| (e + offset) as u64),
                damage,
            },
            closed,
        })
    };
    Ok(match stop {
        None => read(events, end, None, false),
        Some(Stop::Closing(start)) => {
            // The closing, whole or cut short somewhere in it; anything after it is not
            // scribe's layout.
            let tail = rest.closing(start)?;
            if !"],)".starts_with(&tail) {
                return Ok(None);
            }
            read(events, end, None, tail == "],)")
        }
        Some(Stop::Bad {
            start,
            len,
            column,
            message,
        }) => {
            // A line cut short: fine at the very end (the next event goes where it starts),
            // damage anywhere else.
            if rest.blank_from(start + len)? {
                return Ok(read(events, end.map(|_| start), None, false));
            }
            let damage = Damage {
                line: rest.line_at(start)?,
                column,
                message,
            };
            read(events, None, Some(damage), false)
        }
    })
}

/// Files larger than this are read in two halves at once.
pub(super) const PARALLEL: usize = 512 * 1024;

/// What [`scan`] read of some lines.
pub(super) struct Scan {
    pub(super) events: Vec<Stamped>,
    /// Just after the last complete event line read (None when the last was not complete);
    /// None when no event was read.
    pub(super) end: Option<Option<usize>>,
    /// Where it stopped before the end of its lines, and why.
    pub(super) stop: Option<Stop>,
}

/// Why [`scan`] stopped.
pub(super) enum Stop {
    /// At the closing, which starts here.
    Closing(usize),
    /// At a line (`start`, `len` bytes) that is not an event: where in it, and what.
    Bad {
        start: usize,
        len: usize,
        column: usize,
        message: String,
    },
}

/// What one line of a meeting file's events holds.
pub(super) enum Line {
    /// Nothing but whitespace.
    Blank,
    /// The start of the closing (`]`).
    Closing,
    /// An event, cleaned.
    Event(Stamped),
    /// Something else: where in the line (in characters, from 1), and what.
    Bad { column: usize, message: String },
}

/// Decodes one line of a meeting file's events (with its newline, if it has one).
pub(super) fn decode_line(line: &str) -> Line {
    let trimmed = line.trim();
    if trimmed.is_empty() {
        return Line::Blank;
    }
    if trimmed.starts_with(']') {
        return Line::Closing;
    }
    let entry = trimmed.strip_suffix(',').unwrap_or(trimmed);
    match ron_options().from_str::<Stamped>(entry) {
        Ok(stamped) => Line::Event(cleaned_stamped(stamped)),
        Err(e) => {
            let indent = line.chars().count() - line.trim_start().chars().count();
            Line::Bad {
                column: indent + e.span.start.col,
                message: in_words(&e.code),
            }
        }
    }
}

/// Reads the event lines of `text` from byte `from` (a line's start) to `to`, one by one.
fn scan(text: &str, from: usize, to: usize) -> Scan {
    let part = &text[from..to];
    let mut scan = Scan {
        events: Vec::with_capacity(memchr_count(part.as_bytes(), b'\n') + 1),
        end: None,
        stop: None,
    };
    let mut at = from;
    for line in part.split_inclusive('\n') {
        let start = at;
        at += line.len();
        if scan.take(line, start) {
            break;
        }
    }
    scan
}

impl Scan {
    /// Takes the line that starts at `start` (in the text), its newline included if it has
    /// one. True when the lines stop here (the closing, or a line that is not an event).
    pub(super) fn take(&mut self, line: &str, start: usize) -> bool {
        match decode_line(line) {
            Line::Blank => false,
            Line::Closing => {
                self.stop = Some(Stop::Closing(start));
                true
            }
            // A complete line (with its newline) is where the next event can go.
            Line::Event(stamped) => {
                self.events.push(stamped);
                self.end = Some(line.ends_with('\n').then_some(start + line.len()));
                false
            }
            Line::Bad { column, message } => {
                self.stop = Some(Stop::Bad {
                    start,
                    len: line.len(),
                    column,
                    message,
                });
                true
            }
        }
    }
}

/// Reads the event lines at the start of `bytes`, which start at a line of a file laid out as
/// scribe writes it: what a follower reads of a meeting file that grew in place. Stops at the
/// closing, at a line not complete yet (no newline) and at anything it cannot read (left for
/// reading the file whole). Returns the events and how many bytes they took.
pub fn more_events(bytes: &[u8]) -> (Vec<Stamped>, usize) {
    let mut events = Vec::new();
    let mut read = 0;
    for line in bytes.split_inclusive(|&b| b == b'\n') {
        if !line.ends_with(b"\n") {
            break;
        }
        let Ok(text) = std::str::from_utf8(line) else {
            break;
        };
        match decode_line(text) {
            Line::Blank => {}
            Line::Event(stamped) => events.push(stamped),
            Line::Closing | Line::Bad { .. } => break,
        }
        read += line.len();
    }
    (events, read)
}

/// Where new events can be written in place in an open meeting file: just after its last
/// complete event line, where [`from_bytes`] finds it, reading only the file's head and its
/// last lines. None when the file is not laid out as this version of scribe writes it, or its
/// last lines are neither events nor a closing.
pub fn appendable_end(file: &File) -> io::Result<Option<u64>> {
    use std::os::unix::fs::FileExt;
    let len = file.metadata()?.len();
    let head = head();
    let mut start = vec![0; (head.len() + BOM.len()).min(usize::try_from(len).unwrap_or(0))];
    file.read_exact_at(&mut start, 0)?;
    let skip = if start.starts_with(head.as_bytes()) {
        0
    } else if start.starts_with(BOM.as_bytes()) && start[BOM.len()..].starts_with(head.as_bytes()) {
        BOM.len()
    } else {
        return Ok(None);
    };
    let head_end = (skip + head.len()) as u64;
    let from = start_of_last_lines(file, len, head_end, 3)?;
    let mut region = vec![0; usize::try_from(len - from).unwrap_or(0)];
    file.read_exact_at(&mut region, from)?;
    // A character cut at the very end belongs to a line cut short.
    let region = match std::str::from_utf8(&region) {
        Ok(text) => text,
        Err(e) if e.error_len().is_none() => std::str::from_utf8(&region[..e.valid_up_to()])
            .map_err(|_| io::Error::from(io::ErrorKind::InvalidData))?,
        Err(_) => return Ok(None),
    };
    let text = format!("{head}{region}");
    let Some(read) = by_lines(&text, 0) else {
        return Ok(None);
    };
    Ok(read.snapshot.end.map(|end| end - head.len() as u64 + from))
}

/// Where the last `lines` lines of the file start (a line cut short at the end counts as
/// one), but not before `floor`.
fn start_of_last_lines(file: &File, len: u64, floor: u64, lines: usize) -> io::Result<u64> {
    use std::os::unix::fs::FileExt;
    const CHUNK: u64 = 64 * 1024;
    let mut seen = 0;
    let mut upto = len;
    while upto > floor {
        let from = upto.saturating_sub(CHUNK).max(floor);
        let mut chunk = vec![0; usize::try_from(upto - from).unwrap_or(0)];
        file.read_exact_at(&mut chunk, from)?;
        for (i, &b) in chunk.iter().enumerate().rev() {
            // The newline that ends the last line does not start a line.
            if b == b'\n' && from + (i as u64) + 1 < len {
                seen += 1;
                if seen == lines {
                    return Ok(from + i as u64 + 1);
                }
            }
        }
        upto = from;
    }
    Ok(floor)
}

/// How many times `byte` occurs in `bytes`.
fn memchr_count(bytes: &[u8], byte: u8) -> usize {
    bytes.iter().filter(|&&b| b == byte).count()
}

/// Reads a meeting file (without its journal: see `disk::open` for the whole meeting): a plain
/// file only (a FIFO or a device is refused, not waited on), at most [`MEETING_LIMIT`] bytes.
/// The meeting file itself may be a link the note-taker made.
pub fn read_snapshot(path: &Path) -> Result<Snapshot, StoreError> {
    read_snapshot_within(path, MEETING_LIMIT)
}

/// [`read_snapshot`] with another size limit (after the note-taker agreed to read a larger
/// file).
pub fn read_snapshot_within(path: &Path, limit: u64) -> Result<Snapshot, StoreError> {
    let mut file = safe::open_read(path, Links::Follow)?;
    read_open(path, &mut file, limit).map(|(snapshot, _)| snapshot)
}

/// Reads the meeting file open as `file` (`path` is for messages), at most `limit` bytes, as
/// [`from_bytes`] reads its bytes: in pieces (`reader`), never holding the file's bytes with
/// the events made from them, when it is laid out as scribe writes it; whole otherwise, for
/// the reader of the whole file to say what is wrong in it and where. Returns what was read
/// and how many bytes the file had.
pub fn read_open(path: &Path, file: &mut File, limit: u64) -> Result<(Snapshot, u64), StoreError> {
    read_open_split(path, file, limit, PARALLEL)
}

/// [`read_open`], in two halves at once when the events take more than `parallel` bytes.
fn read_open_split(
    path: &Path,
    file: &mut File,
    limit: u64,
    parallel: usize,
) -> Result<(Snapshot, u64), StoreError> {
    match reader::by_lines(path, file, limit, parallel) {
        Ok((read, len)) => {
            let mut snapshot = read.snapshot;
            if !read.closed {
                snapshot.notice = Some(notice(path, &snapshot));
            }
            Ok((snapshot, len))
        }
        Err(Halt::Failed(error)) => Err(error),
        Err(Halt::Whole) => {
            use std::io::Seek;
            file.rewind().map_err(|e| StoreError::io(path, e))?;
            let bytes = safe::read_limited(path, file, limit)?;
            let snapshot = from_bytes(path, &bytes)?;
            Ok((snapshot, bytes.len() as u64))
        }
    }
}

/// Writes a meeting file atomically, private to the user (mode 0600).
pub fn save(path: &Path, events: &[Stamped]) -> Result<(), StoreError> {
    write_atomic(path, to_ron(events).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::{ActionRecorded, AttendeeAdded, Event, Id};
    use std::fs;

    fn at() -> crate::meeting::Timestamp {
        crate::testkit::t0()
    }

    fn sample() -> Vec<Stamped> {
        vec![
            Stamped {
                at: at(),
                event: Event::TitleSet {
                    title: "5th \"Meeting\"".into(),
                },
            },
            Stamped {
                at: at(),
                event: Event::AttendeeAdded(Box::new(AttendeeAdded {
                    name: "Lebanon".into(),
                    capacity: Some("President".into()),
                    label: None,
                    aliases: vec![],
                    group: None,
                })),
            },
            Stamped {
                at: at(),
                event: Event::FloorGiven { attendee: Id(1) },
            },
            Stamped {
                at: at(),
                event: Event::FloorYielded,
            },
        ]
    }

    #[test]
    fn round_trips_one_event_per_line() {
        let text = to_ron(&sample());
        assert!(text.contains(&format!("version: {VERSION}")));
        assert_eq!(
            text.lines().filter(|l| l.contains("at:")).count(),
            4,
            "{text}"
        );
        assert_eq!(
            from_ron(Path::new("x.ron"), &text).unwrap().events,
            sample()
        );
    }

    /// What the first versions wrote: ron's pretty printer over the whole file.
    fn written_by_ron(events: &[Stamped]) -> String {
        let file = MeetingFile {
            version: VERSION,
            events: events.to_vec(),
        };
        let config = ron::ser::PrettyConfig::new()
            .depth_limit(2)
            .struct_names(false);
        let mut text = ron_options().to_string_pretty(&file, config).unwrap();
        text.push('\n');
        text.replace("\\'", "'")
    }

    fn awkward() -> Vec<Stamped> {
        let mut events = sample();
        for text in [
            "Côte d'Ivoire \\' \"q\" \\ — 日本",
            "two\nlines\tand a tab",
            "",
            "ends with a backslash \\",
        ] {
            events.push(Stamped {
                at: at(),
                event: Event::StatementRecorded {
                    speaker: Id(1),
                    text: text.into(),
                },
            });
        }
        events.push(Stamped {
            at: at(),
            event: Event::ActionRecorded(Box::new(ActionRecorded {
                owner: crate::meeting::Owner::Named("All".into()),
                also: vec![crate::meeting::Owner::Attendee(Id(1))],
                text: "To write".into(),
                due: chrono::NaiveDate::from_ymd_opt(2012, 3, 1),
            })),
        });
        events
    }

    /// The file is laid out byte for byte as the first versions wrote it, one event a line,
    /// so that new events can go in place and older files read the same.
    #[test]
    fn the_layout_is_what_ron_writes() {
        let events = awkward();
        assert_eq!(to_ron(&events), written_by_ron(&events));
        for k in 1..events.len() {
            let mut lines = head();
            lines.push_str(&event_lines(&events[..k]));
            lines.push_str(TAIL);
            assert_eq!(lines, written_by_ron(&events[..k]));
        }
        // An empty meeting has its closing on a line of its own, ready for events.
        let empty = to_ron(&[]);
        assert_eq!(empty, format!("{}{TAIL}", head()));
        let read = from_ron(Path::new("m.ron"), &empty).unwrap();
        assert_eq!(
            (read.events.len(), read.end),
            (0, Some(head().len() as u64))
        );
        // The older one-line form still reads.
        let older = written_by_ron(&[]);
        assert!(older.contains("events: []"), "{older}");
        assert_eq!(from_ron(Path::new("m.ron"), &older).unwrap().events, vec![]);
    }

    /// Where new events go: after the last complete event line, in a whole file, one cut short
    /// anywhere (inside a character too), one whose closing was cut short; nowhere in a file
    /// laid out otherwise or damaged.
    #[test]
    fn the_end_of_the_events_is_found_from_the_head_and_the_last_lines() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.ron");
        let events = awkward();
        let text = to_ron(&events);
        let check = |bytes: &[u8]| {
            std::fs::write(&path, bytes).unwrap();
            let file = File::open(&path).unwrap();
            let found = appendable_end(&file).unwrap();
            let read = from_bytes(&path, bytes).unwrap();
            assert_eq!(found, read.end, "{:?}", String::from_utf8_lossy(bytes));
            (found, read.events.len())
        };
        let last = text.len() - TAIL.len();
        assert_eq!(check(text.as_bytes()), (Some(last as u64), events.len()));
        let start_of_last = text[..last - 1].rfind('\n').unwrap() + 1;
        for cut in start_of_last + 1..text.len() {
            let (end, n) = check(&text.as_bytes()[..cut]);
            if cut < last - 2 {
                assert_eq!(
                    (end, n),
                    (Some(start_of_last as u64), events.len() - 1),
                    "{cut}"
                );
            } else if cut < last {
                // The last event whole but for its newline: read, and the file written whole.
                assert_eq!((end, n), (None, events.len()), "{cut}");
            } else {
                assert_eq!((end, n), (Some(last as u64), events.len()), "{cut}");
            }
        }
        let with_bom = format!("\u{feff}{text}");
        assert_eq!(check(with_bom.as_bytes()).0, Some(last as u64 + 3));
        // Not scribe's layout, or not this version's: written whole instead.
        let one_line = text.replace('\n', " ");
        assert_eq!(check(one_line.as_bytes()).0, None);
        std::fs::write(
            &path,
            text.replace(&format!("version: {VERSION}"), "version: 0"),
        )
        .unwrap();
        assert_eq!(appendable_end(&File::open(&path).unwrap()).unwrap(), None);
        // Damage before the last lines is the reader's to find (a damaged file is never
        // opened for writing); in the last lines, it is found here too.
        let damaged = text.replacen("FloorYielded", "FloorYelled", 1);
        assert_eq!(from_ron(&path, &damaged).unwrap().end, None);
        let damaged = text.replacen("To write", "To write\" x", 1);
        assert_eq!(check(damaged.as_bytes()).0, None);
    }

    /// Read in two halves at once or in one pass, a file gives the same: whole, cut short in
    /// either half, damaged in either half (the same line and column).
    #[test]
    fn two_halves_read_as_one() {
        let events: Vec<Stamped> = (0..400)
            .map(|i| Stamped {
                at: at(),
                event: Event::NoteRecorded {
                    text: format!("note {i}: Côte d'Ivoire").into(),
                },
            })
            .collect();
        let text = to_ron(&events);
        let near = |fraction: f64| {
            let at = (text.len() as f64 * fraction) as usize;
            at + text[at..].find("note").unwrap()
        };
        let mut variants = vec![text.clone(), text[..near(0.3)].to_string()];
        variants.push(text[..near(0.8)].to_string());
        for fraction in [0.2, 0.45, 0.55, 0.9] {
            let at = near(fraction);
            let mut damaged = text.clone();
            damaged.replace_range(at..at + 4, "n\"te");
            variants.push(damaged);
        }
        variants.push(text.replace("    ],\n)\n", "    ],\n) junk\n"));
        for variant in &variants {
            let one = by_lines_split(variant, 0, usize::MAX).map(|r| (r.snapshot, r.closed));
            let two = by_lines_split(variant, 0, 64).map(|r| (r.snapshot, r.closed));
            assert_eq!(one, two);
        }
    }

    /// Wherever the middle of the events falls, in a character of three bytes too, a file is
    /// split at a line's start (the first version sliced the text there, and panicked).
    #[test]
    fn the_halves_split_at_a_line_even_in_a_character() {
        for pad in 0..6 {
            let events: Vec<Stamped> = (0..60)
                .map(|i| Stamped {
                    at: at(),
                    event: Event::NoteRecorded {
                        text: format!("{}{i} 日本日本日本日本", "x".repeat(pad)).into(),
                    },
                })
                .collect();
            let text = to_ron(&events);
            for parallel in [0, 16, 64] {
                let two = by_lines_split(&text, 0, parallel).map(|r| (r.snapshot, r.closed));
                let one = by_lines_split(&text, 0, usize::MAX).map(|r| (r.snapshot, r.closed));
                assert_eq!(two, one, "pad {pad}, parallel {parallel}");
            }
        }
    }

    /// Files of every kind, for comparing what reading in pieces and reading whole give: whole,
    /// with a byte order mark, with blank lines and CRLF, cut at many points (inside
    /// characters, in the closing), damaged in either half, not UTF-8 in the middle and at the
    /// end, with something after the closing, of a newer version, laid out by hand, with an
    /// event longer than a piece, too short to be a meeting.
    fn files_of_every_kind() -> Vec<Vec<u8>> {
        let mut events: Vec<Stamped> = (0..300)
            .map(|i| Stamped {
                at: at(),
                event: Event::NoteRecorded {
                    text: format!("note {i}: Côte d'Ivoire — 日本").into(),
                },
            })
            .collect();
        events.extend(awkward());
        let text = to_ron(&events);
        let bytes = text.as_bytes();
        let mut files = vec![bytes.to_vec(), format!("\u{feff}{text}").into_bytes()];
        files.push(text.replace("),\n", "),\n\n  \n").into_bytes());
        files.push(text.replace('\n', "\r\n").into_bytes());
        let last_lines = text.len() - 700;
        for cut in (0..text.len()).step_by(97).chain(last_lines..text.len()) {
            files.push(bytes[..cut].to_vec());
        }
        for fraction in [0.2, 0.6, 0.9] {
            let at = (text.len() as f64 * fraction) as usize;
            let at = at + text[at..].find("note").unwrap();
            let mut damaged = text.clone();
            damaged.replace_range(at..at + 4, "n\"te");
            files.push(damaged.clone().into_bytes());
            files.push(damaged.as_bytes()[..damaged.len() - 30].to_vec());
            let mut bad = bytes.to_vec();
            bad[at] = 0xff;
            files.push(bad);
        }
        let mut bad_end = bytes[..text.len() - 40].to_vec();
        bad_end.push(0xe6);
        files.push(bad_end);
        files.push(text.replace("    ],\n)\n", "    ],\n) junk\n").into_bytes());
        files.push(
            text.replace("    ],\n)\n", "    ],\n)\n\n  \n")
                .into_bytes(),
        );
        files.push(
            text.replace(&format!("version: {VERSION}"), "version: 9")
                .into_bytes(),
        );
        files.push(text.replace('\n', " ").into_bytes());
        files.push(written_by_ron(&events[..5]).into_bytes());
        let long = Stamped {
            at: at(),
            event: Event::NoteRecorded {
                text: "long ".repeat(40_000).into(),
            },
        };
        files.push(to_ron(&[events[0].clone(), long.clone(), events[1].clone()]).into_bytes());
        let long_text = to_ron(&[long]);
        files.push(long_text.as_bytes()[..long_text.len() - 20].to_vec());
        for short in [
            "",
            "(",
            "(\n    version: 2,\n",
            "(\n    version: 2,\n    events: [",
        ] {
            files.push(short.as_bytes().to_vec());
        }
        files
    }

    /// Read in pieces (in two halves at once or not), every file gives exactly what reading
    /// its bytes whole gives, errors included; one laid out as scribe writes it, whole or cut
    /// short in a line, is read in pieces.
    #[test]
    fn reading_in_pieces_is_reading_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.ron");
        for bytes in files_of_every_kind() {
            std::fs::write(&path, &bytes).unwrap();
            let whole = from_bytes(&path, &bytes);
            let shown = String::from_utf8_lossy(&bytes[..bytes.len().min(300)]).into_owned();
            for parallel in [usize::MAX, 64, 0] {
                let mut file = File::open(&path).unwrap();
                let read = read_open_split(&path, &mut file, MEETING_LIMIT, parallel);
                match (&whole, &read) {
                    (Ok(whole), Ok((read, len))) => {
                        assert_eq!(whole, read, "{shown}");
                        assert_eq!(*len, bytes.len() as u64, "{shown}");
                    }
                    (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string(), "{shown}"),
                    _ => panic!("{whole:?} but {read:?} in pieces: {shown}"),
                }
            }
            let in_pieces = reader::by_lines(&path, &File::open(&path).unwrap(), MEETING_LIMIT, 64);
            if let Ok(whole) = &whole
                && whole.damage.is_none()
                && std::str::from_utf8(&bytes).is_ok()
                && bytes.starts_with(b"(\n    version: 2,\n    events: [\n")
                && !bytes.ends_with(b") junk\n")
            {
                assert!(in_pieces.is_ok(), "read whole: {shown}");
            }
        }
    }

    /// Too large is refused before anything is read, and when the file grew past the limit.
    #[test]
    fn reading_in_pieces_keeps_to_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.ron");
        let text = to_ron(&awkward());
        std::fs::write(&path, &text).unwrap();
        let limit = text.len() as u64 - 1;
        let err = read_open(&path, &mut File::open(&path).unwrap(), limit).unwrap_err();
        assert!(matches!(err, StoreError::TooLarge { .. }), "{err:?}");
        assert!(read_open(&path, &mut File::open(&path).unwrap(), limit + 1).is_ok());
    }

    #[test]
    fn apostrophes_are_written_plain_and_backslashes_survive() {
        let mut events = sample();
        let title = "Côte d'Ivoire \\' \\\\' \"q\" \\";
        events[0].event = Event::TitleSet {
            title: title.into(),
        };
        let text = to_ron(&events);
        assert!(text.contains("Côte d'Ivoire"), "{text}");
        assert_eq!(from_ron(Path::new("x.ron"), &text).unwrap().events, events);
    }

    #[test]
    fn errors_say_where() {
        let text = to_ron(&sample()).replace("FloorYielded", "FloorYelled");
        let snapshot = from_ron(Path::new("m.ron"), &text).unwrap();
        let damage = snapshot.damage.unwrap();
        assert_eq!((damage.line, damage.column), (7, 50));
        assert_eq!(
            damage.message,
            "Unexpected variant named `FloorYelled` in enum `Event`"
        );
        // Not laid out as scribe writes: an error with ron's line and column.
        let one_line = text.replace('\n', " ");
        match from_ron(Path::new("m.ron"), &one_line) {
            Err(StoreError::Parse { line: 1, .. }) => {}
            other => panic!("expected a parse error, got {other:?}"),
        }
        let err = from_ron(Path::new("notes.txt"), "Dear all,\nthe minutes").unwrap_err();
        assert_eq!(err.to_string(), "notes.txt is not a scribe meeting file");
    }

    #[test]
    fn a_file_cut_short_gives_back_its_complete_events() {
        let text = to_ron(&sample());
        let cuts = [
            (text.len() - 4, 4),
            (text.len() - 12, 3),
            (text.find("FloorGiven").unwrap(), 2),
        ];
        for (cut, expected) in cuts {
            let snapshot = from_ron(Path::new("m.ron"), &text[..cut]).unwrap();
            assert_eq!(
                snapshot.events,
                sample()[..expected].to_vec(),
                "cut at {cut}"
            );
            assert!(snapshot.notice.unwrap().contains("cut short"));
        }
    }

    #[test]
    fn damage_in_the_middle_gives_back_what_precedes_it_and_says_where() {
        let text = to_ron(&sample()).replacen("FloorGiven", "FloorGivne", 1);
        let cut = &text[..text.len() - 4];
        let snapshot = from_ron(Path::new("m.ron"), cut).unwrap();
        assert_eq!(snapshot.events, sample()[..2].to_vec());
        assert_eq!(snapshot.damage.as_ref().map(|d| d.line), Some(6));
        let notice = snapshot.notice.unwrap();
        assert!(notice.starts_with("m.ron:6:"), "{notice}");
        assert!(
            notice.contains("the 2 events before it were recovered"),
            "{notice}"
        );
        assert!(notice.contains("from line 6, is left in it"), "{notice}");
    }

    /// Cut anywhere, inside a multi-byte character included: every complete event comes back.
    #[test]
    fn a_file_cut_inside_a_character_gives_back_its_complete_events() {
        let mut events = sample();
        events[3].event = crate::meeting::Event::NoteRecorded {
            text: "Côte d'Ivoire — 日本".into(),
        };
        let text = to_ron(&events);
        let bytes = text.as_bytes();
        let line_of_last = text.find("NoteRecorded").unwrap();
        let end_of_last = line_of_last + text[line_of_last..].find("),").unwrap();
        for cut in line_of_last..end_of_last {
            let snapshot = from_bytes(Path::new("m.ron"), &bytes[..cut]).unwrap();
            assert_eq!(snapshot.events, events[..3].to_vec(), "cut at {cut}");
            assert!(snapshot.damage.is_none(), "cut at {cut}");
            assert!(
                snapshot.notice.unwrap().contains("cut short"),
                "cut at {cut}"
            );
        }
        // A bad byte in the middle: what precedes, and where.
        let mut damaged = bytes.to_vec();
        let at = text.find("Lebanon").unwrap();
        damaged[at + 2] = 0xff;
        let snapshot = from_bytes(Path::new("m.ron"), &damaged).unwrap();
        assert_eq!(snapshot.events, events[..1].to_vec());
        let damage = snapshot.damage.unwrap();
        assert_eq!(damage.line, 5);
        assert_eq!(damage.message, "not valid UTF-8 text");
    }

    #[test]
    fn a_byte_order_mark_is_accepted() {
        let text = format!("\u{feff}{}", to_ron(&sample()));
        assert_eq!(
            from_bytes(Path::new("m.ron"), text.as_bytes())
                .unwrap()
                .events,
            sample()
        );
        assert_eq!(
            from_ron(Path::new("m.ron"), &text).unwrap().events,
            sample()
        );
    }

    #[test]
    fn newer_versions_are_refused_clearly() {
        let text = to_ron(&sample()).replace(&format!("version: {VERSION}"), "version: 9");
        let err = from_ron(Path::new("m.ron"), &text).unwrap_err();
        assert!(matches!(err, StoreError::NewerVersion { found: 9, .. }));
        assert!(err.to_string().contains("newer scribe"));
        // Even when the newer file holds events this build cannot read.
        let unknown = text.replace("FloorYielded", "FloorPassedOn");
        let err = from_ron(Path::new("m.ron"), &unknown).unwrap_err();
        assert!(matches!(err, StoreError::NewerVersion { found: 9, .. }));
    }

    #[test]
    fn hostile_nesting_is_an_error_not_a_crash() {
        let deep = format!(
            "(version: 1, events: {}{})",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        assert!(from_ron(Path::new("m.ron"), &deep).is_err());
    }

    #[test]
    fn loaded_text_is_cleaned() {
        let mut hostile = sample();
        hostile[0].event = Event::TitleSet {
            title: "5th\u{1b}[2J \u{202e}Meeting".into(),
        };
        let events = from_ron(Path::new("m.ron"), &to_ron(&hostile))
            .unwrap()
            .events;
        assert_eq!(
            events[0].event,
            Event::TitleSet {
                title: "5th Meeting".into()
            }
        );
    }

    #[test]
    fn save_is_atomic_and_private() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.ron");
        save(&path, &sample()).unwrap();
        save(&path, &sample()[..2]).unwrap();
        assert_eq!(read_snapshot(&path).unwrap().events, sample()[..2].to_vec());
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary file left behind");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    /// A link at the name of a file written whole is replaced, never followed; a new file
    /// (a rescue, a crash report) is never written where anything already is.
    #[test]
    fn writes_never_go_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        fs::write(&victim, "keep").unwrap();
        let link = dir.path().join("m.ron.draft");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        write_atomic(&link, b"draft").unwrap();
        assert_eq!(fs::read_to_string(&victim).unwrap(), "keep");
        assert!(fs::symlink_metadata(&link).unwrap().file_type().is_file());
        let planted = dir.path().join("m.ron.rescued");
        std::os::unix::fs::symlink(&victim, &planted).unwrap();
        assert!(write_new(&planted, b"meeting").is_err());
        assert_eq!(fs::read_to_string(&victim).unwrap(), "keep");
        let unique = write_unique(dir.path(), "scribe-rescued-m.ron-", b"meeting").unwrap();
        assert!(
            unique
                .file_name()
                .unwrap()
                .to_string_lossy()
                .ends_with(".ron")
        );
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 4, "no temporary file left behind");
    }
}
