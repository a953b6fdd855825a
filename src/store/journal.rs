//! The journal: an append-only file beside the meeting file (`meeting.ron.journal`), one event
//! per line with its position in the log. Committing an event is one short append and an
//! fsync, whatever the size of the meeting; the meeting file itself is rewritten only when the
//! journal is folded into it (compaction).
//!
//! Each line carries `seq`, the event's position in the log, so a crash between writing a new
//! meeting file and emptying the journal is harmless: lines the meeting file already holds are
//! skipped on reading. The journal is read line by line: a last line without its newline is a
//! write cut short (a crash, a full disk, even inside a character) and is dropped with a
//! notice; a bad line anywhere else stops the reading there, keeps the events before it and
//! says where it is (line and column); the file is left as it is.

use std::fs::File;
use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::file::{Damage, StoreError, ron_options};
use super::plain::cleaned;
use super::safe::{self, Links, MEETING_LIMIT};
use crate::meeting::{Event, Stamped, Timestamp};

/// One line of the journal.
#[derive(Serialize, Deserialize)]
struct Line {
    seq: u32,
    at: Timestamp,
    event: Event,
}

/// The journal of the meeting saved at `meeting`.
pub fn journal_path(meeting: &Path) -> PathBuf {
    sibling(meeting, "journal")
}

/// `meeting.ron` → `meeting.ron.EXT`, in the same folder.
pub fn sibling(meeting: &Path, ext: &str) -> PathBuf {
    let mut name = meeting.file_name().unwrap_or_default().to_os_string();
    name.push(".");
    name.push(ext);
    meeting.with_file_name(name)
}

/// The text of the journal lines for `events`, the first of which is at position `first` in
/// the log.
pub fn encode(first: usize, events: &[Stamped]) -> String {
    let mut out = String::new();
    for (i, stamped) in events.iter().enumerate() {
        let line = Line {
            seq: u32::try_from(first + i).unwrap_or(u32::MAX),
            at: stamped.at,
            event: stamped.event.clone(),
        };
        // Plain data always serialises; a failure would only lose this line's text.
        if let Ok(text) = ron_options().to_string(&line) {
            out.push_str(&text);
            out.push('\n');
        }
    }
    out
}

/// What a journal holds.
#[derive(Debug, Default, PartialEq)]
pub struct Contents {
    /// Events with their positions in the log, in file order.
    pub events: Vec<(usize, Stamped)>,
    /// The last line had no newline: a write cut short, left out.
    pub cut_short: bool,
    /// How many lines (with their newline) the journal holds, blank ones included: the line
    /// cut short, if any, is the next one.
    pub lines: usize,
    /// A complete line that could not be read: the events before it are in `events`, the
    /// rest of the journal was not read.
    pub damage: Option<Damage>,
    /// How many bytes were read as complete lines (up to the damage, if any).
    pub complete: usize,
}

/// Reads the journal at `path`; a missing journal is an empty one. A link, a FIFO or a device
/// where the journal should be is refused; so is a journal over [`MEETING_LIMIT`].
pub fn read(path: &Path) -> Result<Contents, StoreError> {
    match safe::read(path, Links::Refuse, MEETING_LIMIT) {
        Ok(bytes) => Ok(parse_bytes(bytes.as_slice())),
        Err(e) if e.is_not_found() => Ok(Contents::default()),
        Err(e) => Err(e),
    }
}

/// Parses a journal's text; `path` is for messages. A damaged line is an error with its line
/// and column (see [`parse_bytes`] for reading past it).
pub fn parse(path: &Path, text: &str) -> Result<Contents, StoreError> {
    let contents = parse_bytes(text.as_bytes());
    match contents.damage {
        Some(Damage {
            line,
            column,
            message,
        }) => Err(StoreError::Parse {
            path: path.to_path_buf(),
            line,
            column,
            message,
        }),
        None => Ok(contents),
    }
}

/// Parses a journal's bytes line by line, so that one bad byte costs at most its own line and
/// what follows it: every complete line before it is read. A last line without its newline is
/// a write cut short (even inside a character) and is left out; a UTF-8 byte order mark is
/// skipped.
pub fn parse_bytes(bytes: &[u8]) -> Contents {
    let bom = "\u{feff}".as_bytes();
    match bytes.strip_prefix(bom) {
        Some(rest) => {
            let mut contents = parse_lines(rest, 0);
            contents.complete += bom.len();
            contents
        }
        None => parse_lines(bytes, 0),
    }
}

/// Parses journal lines that start at line `first` (counted from 0) of the journal: what a
/// follower reads of a journal after the lines it has already read. `complete` in the result
/// is how many of `bytes` were complete lines, up to the damage if there is one (where the next
/// read starts).
pub fn parse_lines(bytes: &[u8], first: usize) -> Contents {
    let mut contents = Contents::default();
    let complete = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    contents.cut_short = bytes[complete..].iter().any(|b| !b.is_ascii_whitespace());
    contents.lines = bytes[..complete].iter().filter(|&&b| b == b'\n').count();
    let mut at = 0;
    for (number, line) in bytes[..complete].split(|&b| b == b'\n').enumerate() {
        if at >= complete {
            break;
        }
        let start = at;
        at += line.len() + 1;
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let damage = |column: usize, message: String| Damage {
            line: first + number + 1,
            column,
            message,
        };
        let text = match std::str::from_utf8(line) {
            Ok(text) => text,
            Err(e) => {
                let column = String::from_utf8_lossy(&line[..e.valid_up_to()])
                    .chars()
                    .count()
                    + 1;
                contents.damage = Some(damage(column, "not valid UTF-8 text".into()));
                contents.complete = start;
                return contents;
            }
        };
        match ron_options().from_str::<Line>(text) {
            Ok(parsed) => contents.events.push((
                parsed.seq as usize,
                Stamped {
                    at: parsed.at,
                    event: cleaned(parsed.event),
                },
            )),
            Err(e) => {
                contents.damage = Some(damage(e.span.start.col, e.code.to_string()));
                contents.complete = start;
                return contents;
            }
        }
    }
    contents.complete = complete;
    contents
}

/// An open journal, appended to.
pub struct Journal {
    file: File,
    path: PathBuf,
    /// Bytes known to be on disk: after a failed write the file is cut back to this.
    len: u64,
    /// Lines written since the journal was last emptied.
    pub lines: usize,
}

impl Journal {
    /// Opens the journal at `path` for appending, or creates it (private to the user, `O_EXCL`).
    /// Only a plain file of the user's own with one name is written into: a link, a FIFO, a
    /// file planted by someone else or a hard link is refused. A trailing line cut short by a
    /// crash is cut off first, so new lines start on a line of their own.
    pub fn open(path: &Path, lines: usize) -> Result<Journal, StoreError> {
        let io = |e| StoreError::Io {
            path: path.to_path_buf(),
            error: e,
        };
        let (mut file, _) = safe::open_or_create_own(path)?;
        let text = safe::read_limited(path, &mut file, MEETING_LIMIT)?;
        let len = text.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1) as u64;
        if len < text.len() as u64 {
            file.set_len(len).map_err(io)?;
        }
        file.seek(SeekFrom::Start(len)).map_err(io)?;
        Ok(Journal {
            file,
            path: path.to_path_buf(),
            len,
            lines,
        })
    }

    /// Appends `text` (whole lines) and waits until it is on disk. On failure the file is cut
    /// back to what it held before, so a half-written line never stays.
    pub fn append(&mut self, text: &str, lines: usize) -> Result<(), StoreError> {
        let written = self
            .file
            .write_all(text.as_bytes())
            .and_then(|()| self.file.sync_data());
        match written {
            Ok(()) => {
                self.len += text.len() as u64;
                self.lines += lines;
                Ok(())
            }
            Err(e) => {
                let _ = self.file.set_len(self.len);
                let _ = self.file.seek(SeekFrom::Start(self.len));
                Err(StoreError::Io {
                    path: self.path.clone(),
                    error: e,
                })
            }
        }
    }

    /// Empties the journal (its events are in the meeting file now).
    pub fn clear(&mut self) -> Result<(), StoreError> {
        let io = |e| StoreError::Io {
            path: self.path.clone(),
            error: e,
        };
        self.file.set_len(0).map_err(io)?;
        self.file.seek(SeekFrom::Start(0)).map_err(io)?;
        self.file.sync_all().map_err(io)?;
        self.len = 0;
        self.lines = 0;
        Ok(())
    }

    /// Does the journal's path still lead to this open file? (Not when it was deleted or
    /// replaced behind scribe's back: appending would then write into a file nobody can read.)
    pub fn is_in_place(&self) -> bool {
        same_file(&self.file, &self.path)
    }
}

/// Is `path` (not following a link) the file `file` has open?
pub fn same_file(file: &File, path: &Path) -> bool {
    safe::same_file(file, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(n: usize) -> Vec<Stamped> {
        let at = crate::testkit::t0();
        (0..n)
            .map(|i| Stamped {
                at,
                event: Event::NoteRecorded {
                    text: format!("note {i}\nwith a second line").into(),
                },
            })
            .collect()
    }

    #[test]
    fn lines_round_trip_with_their_positions() {
        let text = encode(5, &events(3));
        assert_eq!(text.lines().count(), 3);
        let read = parse(Path::new("j"), &text).unwrap();
        let seqs: Vec<usize> = read.events.iter().map(|(s, _)| *s).collect();
        assert_eq!(seqs, vec![5, 6, 7]);
        assert_eq!(read.events[2].1, events(3)[2]);
        assert!(!read.cut_short);
    }

    #[test]
    fn a_line_cut_short_is_dropped_with_a_notice() {
        let text = encode(0, &events(3));
        let cut = &text[..text.len() - 10];
        let read = parse(Path::new("j"), cut).unwrap();
        assert_eq!(read.events.len(), 2);
        assert!(read.cut_short);
    }

    #[test]
    fn a_bad_line_in_the_middle_is_an_error_with_its_line() {
        let text = encode(0, &events(3)).replacen("NoteRecorded", "NoteRecorde", 2);
        let text = text.replacen("NoteRecorde(", "NoteRecorded(", 1);
        match parse(Path::new("j"), &text) {
            Err(StoreError::Parse { line, .. }) => assert_eq!(line, 2),
            other => panic!("expected a parse error, got {other:?}"),
        }
    }

    #[test]
    fn appending_after_a_crash_starts_on_a_fresh_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.ron.journal");
        let text = encode(0, &events(2));
        std::fs::write(&path, &text[..text.len() - 5]).unwrap();
        let mut journal = Journal::open(&path, 1).unwrap();
        journal.append(&encode(1, &events(1)), 1).unwrap();
        let read = read(&path).unwrap();
        assert_eq!(read.events.len(), 2);
        assert!(!read.cut_short);
        assert!(journal.is_in_place());
        std::fs::remove_file(&path).unwrap();
        assert!(!journal.is_in_place());
    }

    /// Decoded line by line: a byte order mark is skipped, a line cut inside a character is
    /// cut short, a bad byte in the middle stops the reading there and says where.
    #[test]
    fn lines_are_decoded_one_by_one() {
        let text = encode(0, &events(3)).replace("note 1", "Côte 1");
        let with_bom = format!("\u{feff}{text}");
        let read = parse_bytes(with_bom.as_bytes());
        assert_eq!(read.events.len(), 3);
        assert_eq!(read.damage, None);
        let inside = text.find('ô').unwrap() + 1;
        let read = parse_bytes(&text.as_bytes()[..inside]);
        assert_eq!(
            (read.events.len(), read.cut_short, read.lines),
            (1, true, 1)
        );
        let mut bad = text.clone().into_bytes();
        bad[inside] = 0xff;
        let read = parse_bytes(&bad);
        assert_eq!(read.events.len(), 1);
        let damage = read.damage.unwrap();
        assert_eq!(
            (damage.line, damage.message.as_str()),
            (2, "not valid UTF-8 text")
        );
    }
}
