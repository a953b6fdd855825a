//! The meeting file: RON, one event per line, with a `version` field so that files keep opening
//! as the format grows. Written atomically (temporary file, fsync, rename, fsync of the
//! folder) so that a crash leaves either the old file or the new one, never half of one.
//! Everything read is untrusted: parse errors carry line and column, nesting is bounded by
//! ron's recursion limit, and every string is cleaned.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::meeting::Stamped;

/// The format version this build writes. Files with a higher version are refused.
pub const VERSION: u32 = 1;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: not a scribe meeting file: {message}")]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path}: {message}")]
    Inconsistent { path: PathBuf, message: String },
    #[error(
        "{path} was written by a newer scribe (format version {found}, this one reads up to {VERSION}): update scribe to open it"
    )]
    NewerVersion { path: PathBuf, found: u32 },
}

impl StoreError {
    fn io(path: &Path, source: std::io::Error) -> StoreError {
        StoreError::Io {
            path: path.to_path_buf(),
            source,
        }
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

/// The file's text for these events.
pub fn to_ron(events: &[Stamped]) -> String {
    let file = MeetingFile {
        version: VERSION,
        events: events.to_vec(),
    };
    let config = ron::ser::PrettyConfig::new()
        .depth_limit(2)
        .struct_names(false);
    let mut text = ron::ser::to_string_pretty(&file, config).unwrap_or_else(|e| {
        // Serialising plain data cannot fail; keep a readable trace if it ever does.
        format!("// serialisation failed: {e}\n")
    });
    text.push('\n');
    // ron escapes apostrophes (`\'`), which makes hand-editing "Côte d\'Ivoire" odd. Every
    // `\'` in its output is an escaped apostrophe (a backslash is written `\\`, and an
    // apostrophe after it is again `\'`), so the plain one reads back the same.
    text.replace("\\'", "'")
}

/// A meeting file as read: its events, and what the reader had to say about it.
#[derive(Debug, PartialEq)]
pub struct Snapshot {
    pub events: Vec<Stamped>,
    /// Set when the file was cut short and only its complete events were recovered.
    pub notice: Option<String>,
}

/// Parses a meeting file's text; `path` is for messages.
pub fn from_ron(path: &Path, text: &str) -> Result<Snapshot, StoreError> {
    let options = ron::Options::default();
    let newer = |found: u32| StoreError::NewerVersion {
        path: path.to_path_buf(),
        found,
    };
    // The version first, so that a newer file gets a clear message rather than a parse error
    // about an event this build does not know.
    if let Some(found) = options
        .from_str::<VersionOnly>(text)
        .ok()
        .map(|v| v.version)
        .or_else(|| header_version(text))
        .filter(|&v| v > VERSION)
    {
        return Err(newer(found));
    }
    match options.from_str::<MeetingFile>(text) {
        Ok(file) => Ok(Snapshot {
            events: file.events.into_iter().map(clean_stamped).collect(),
            notice: None,
        }),
        Err(e) => match salvage(text) {
            Some(events) => Ok(Snapshot {
                notice: Some(format!(
                    "{} was cut short; its {} complete events were recovered",
                    path.display(),
                    events.len()
                )),
                events,
            }),
            None => Err(StoreError::Parse {
                path: path.to_path_buf(),
                line: e.span.start.line,
                column: e.span.start.col,
                message: e.code.to_string(),
            }),
        },
    }
}

/// The `version: N` line of a file laid out as scribe writes it.
fn header_version(text: &str) -> Option<u32> {
    text.lines()
        .take(3)
        .find_map(|line| line.trim().strip_prefix("version:"))
        .and_then(|v| v.trim().trim_end_matches(',').parse().ok())
}

/// The complete events of a file laid out as scribe writes it (one event a line) whose end is
/// missing: a copy cut short, a disk that filled up under another program. None when the file
/// is damaged anywhere but at its end, or laid out differently.
fn salvage(text: &str) -> Option<Vec<Stamped>> {
    let lines: Vec<&str> = text.lines().collect();
    let header_ok = lines.first()?.trim() == "("
        && header_version(text).is_some()
        && lines.get(2)?.trim() == "events: [";
    if !header_ok {
        return None;
    }
    let mut events = Vec::new();
    for (i, line) in lines.iter().enumerate().skip(3) {
        let line = line.trim();
        if line.starts_with(']') {
            // The closing, cut short somewhere in it. A whole closing means the damage that
            // stopped the reader is elsewhere.
            let tail: String = lines[i..]
                .concat()
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            return ("],)".starts_with(&tail) && tail != "],)").then_some(events);
        }
        let entry = line.strip_suffix(',').unwrap_or(line);
        match ron::Options::default().from_str::<Stamped>(entry) {
            Ok(stamped) => events.push(clean_stamped(stamped)),
            // A line cut short: fine at the very end, damage anywhere else.
            Err(_) if lines[i + 1..].iter().all(|l| l.trim().is_empty()) => return Some(events),
            Err(_) => return None,
        }
    }
    Some(events)
}

fn clean_stamped(stamped: Stamped) -> Stamped {
    Stamped {
        at: stamped.at,
        event: stamped.event.cleaned(),
    }
}

/// Reads a meeting file (without its journal: see `disk::open` for the whole meeting).
pub fn read_snapshot(path: &Path) -> Result<Snapshot, StoreError> {
    let text = fs::read_to_string(path).map_err(|e| StoreError::io(path, e))?;
    from_ron(path, &text)
}

/// Writes a meeting file atomically, private to the user (mode 0600).
pub fn save(path: &Path, events: &[Stamped]) -> Result<(), StoreError> {
    write_atomic(path, to_ron(events).as_bytes())
}

/// Replaces the file at `path` with `bytes` so that a crash at any moment leaves either the old
/// file or the new one: a temporary file in the same folder, fsync'd, renamed over the old one,
/// and the folder fsync'd. The file is private to the user (mode 0600).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "meeting.ron".into());
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let write = || -> std::io::Result<()> {
        let mut file = private_options().open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temp, path)?;
        // Make the rename itself durable.
        File::open(&dir)?.sync_all()
    };
    write().map_err(|e| {
        let _ = fs::remove_file(&temp);
        StoreError::io(path, e)
    })
}

pub(super) fn private_options() -> OpenOptions {
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::{Event, Id};

    fn at() -> crate::meeting::Timestamp {
        chrono::DateTime::parse_from_rfc3339("2012-02-28T10:00:00+01:00").unwrap()
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
                event: Event::AttendeeAdded {
                    name: "Lebanon".into(),
                    capacity: Some("President".into()),
                    label: None,
                    aliases: vec![],
                    group: None,
                },
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
        assert!(text.contains("version: 1"));
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
        match from_ron(Path::new("m.ron"), &text) {
            Err(StoreError::Parse { line, .. }) => assert_eq!(line, 7),
            other => panic!("expected a parse error, got {other:?}"),
        }
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
    fn damage_in_the_middle_is_not_salvaged() {
        let text = to_ron(&sample()).replacen("TitleSet", "TitleZet", 1);
        let cut = &text[..text.len() - 4];
        assert!(matches!(
            from_ron(Path::new("m.ron"), cut),
            Err(StoreError::Parse { line: 4, .. })
        ));
    }

    #[test]
    fn newer_versions_are_refused_clearly() {
        let text = to_ron(&sample()).replace("version: 1", "version: 9");
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
}
