//! The extract of one meeting: what the archive needs to list, search and follow action points
//! without reading and folding the meeting again. A summary (title, date, series, state,
//! agenda, the speakers as labelled then, the action points) and the entries of the minutes as
//! fixed-size records, their text, and their text folded and joined into one haystack that a
//! search scans with `memchr::memmem`.
//!
//! On disk it is one file, laid out so that a search reads only the summary and the haystack,
//! and the records and text only of a meeting with a hit:
//!
//! ```text
//! MAGIC (8) · identity (8 × u64) · lengths (6 × u64: name, summary, records, text, haystack,
//! filter) · name · summary (JSON) · records (count × 40 bytes) · text · haystack · filter
//! ```
//!
//! The filter (`trigrams`) lets a search skip a meeting without reading its haystack.
//!
//! An extract is a cache of the meeting, never the record: one that cannot be read, is cut
//! short or holds offsets outside itself is simply made again. Nothing in it is trusted.

use std::borrow::Cow;
use std::io;
use std::ops::Range;
use std::path::Path;
use std::time::SystemTime;

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use super::fold::fold_into;
use crate::meeting::{ActionEntry, EntryKind, Id, Meeting, Origin, Timestamp};

/// Starts every extract file; the last two characters are the layout's version.
pub const MAGIC: &[u8; 8] = b"SCRBXT03";
const IDENTITY: usize = 8 * 8;
const LENGTHS: usize = 6 * 8;
/// Where the name starts.
pub const HEAD: usize = MAGIC.len() + IDENTITY + LENGTHS;
/// The size of one record.
pub const RECORD: usize = 40;
/// How much of an extract is read at first: its head, almost always.
const FIRST_READ: u64 = 64 << 10;
/// No item, no speaker.
const NONE: u32 = u32::MAX;

/// What the files of a meeting looked like when its extract was made: when any of it differs,
/// the extract is made again.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Identity {
    pub size: u64,
    pub modified: (u64, u64),
    pub inode: u64,
    pub journal_size: u64,
    pub journal_modified: (u64, u64),
    /// 1 when the meeting has a journal.
    pub journal: u64,
}

fn stamp(time: Option<SystemTime>) -> (u64, u64) {
    time.and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
        .map_or((0, 0), |d| (d.as_secs(), u64::from(d.subsec_nanos())))
}

impl Identity {
    /// The identity of the meeting at `path` and its journal, now. None when the meeting file
    /// cannot be looked at.
    pub fn of(path: &Path) -> Option<Identity> {
        use std::os::unix::fs::MetadataExt;
        let meta = std::fs::metadata(path).ok()?;
        let journal = std::fs::symlink_metadata(crate::store::journal::journal_path(path)).ok();
        Some(Identity {
            size: meta.len(),
            modified: stamp(meta.modified().ok()),
            inode: meta.ino(),
            journal_size: journal.as_ref().map_or(0, |j| j.len()),
            journal_modified: stamp(journal.as_ref().and_then(|j| j.modified().ok())),
            journal: u64::from(journal.is_some()),
        })
    }

    fn words(&self) -> [u64; 8] {
        [
            self.size,
            self.modified.0,
            self.modified.1,
            self.inode,
            self.journal_size,
            self.journal_modified.0,
            self.journal_modified.1,
            self.journal,
        ]
    }

    fn from_words(w: [u64; 8]) -> Identity {
        Identity {
            size: w[0],
            modified: (w[1], w[2]),
            inode: w[3],
            journal_size: w[4],
            journal_modified: (w[5], w[6]),
            journal: w[7],
        }
    }
}

/// An action point as its meeting recorded it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Action {
    /// Its number in this meeting.
    pub number: u32,
    /// Where it was first agreed, when it was carried into this meeting.
    pub carried: Option<Origin>,
    /// The owners, named as the meeting names them.
    pub owners: Vec<String>,
    pub text: String,
    pub due: Option<NaiveDate>,
    /// When it was marked done in this meeting.
    pub done: Option<Timestamp>,
    /// When it was recorded.
    pub at: Timestamp,
    /// The number of the item it was recorded under.
    pub item: Option<u32>,
    /// Struck from the minutes.
    pub struck: bool,
}

/// What the archive knows of a meeting without reading it again.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub title: String,
    /// The meeting's date: the one set with `/date`, else the day its first event happened.
    pub date: Option<NaiveDate>,
    pub time: Option<NaiveTime>,
    pub series: String,
    pub symbol: String,
    pub started: Option<Timestamp>,
    pub closed: Option<Timestamp>,
    /// Entries in the minutes (struck ones included).
    pub entries: usize,
    pub attendees: usize,
    /// The agenda's item titles, in order (item N is `items[N - 1]`).
    pub items: Vec<String>,
    /// The speakers as labelled when they spoke, each once; records point into it.
    pub speakers: Vec<String>,
    /// Every action point, in the order they are numbered.
    pub actions: Vec<Action>,
    /// What the reader had to say (a file cut short, damaged, and where).
    pub notices: Vec<String>,
}

/// What an entry is, for a search.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Statement,
    Note,
    Action,
    Decision,
    Motion,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Statement,
        Kind::Note,
        Kind::Action,
        Kind::Decision,
        Kind::Motion,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Statement => "statement",
            Kind::Note => "note",
            Kind::Action => "action",
            Kind::Decision => "decision",
            Kind::Motion => "motion",
        }
    }

    /// `statement`, `note`, `action`, `decision` or `motion` (any case).
    pub fn from_name(name: &str) -> Option<Kind> {
        let name = name.trim().to_lowercase();
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }

    fn code(self) -> u8 {
        match self {
            Kind::Statement => 0,
            Kind::Note => 1,
            Kind::Action => 2,
            Kind::Decision => 3,
            Kind::Motion => 4,
        }
    }

    fn from_code(code: u8) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// One entry of the minutes, as the search needs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Record {
    /// When it was said: seconds since the epoch and the offset from UTC it was said at.
    pub seconds: i64,
    pub offset: i32,
    /// The entry's id (the position of the event that recorded it).
    pub id: u32,
    pub kind: Kind,
    /// Index into [`Summary::items`], or none.
    pub item: u32,
    /// Index into [`Summary::speakers`], or none.
    pub speaker: u32,
    /// Where its text is in the text section.
    pub text: u32,
    pub text_len: u32,
    /// Where its folded text starts in the haystack.
    pub folded: u32,
}

impl Record {
    pub fn at(&self) -> Option<Timestamp> {
        let offset = chrono::FixedOffset::east_opt(self.offset)?;
        chrono::DateTime::from_timestamp(self.seconds, 0).map(|t| t.with_timezone(&offset))
    }

    pub fn entry(&self) -> Id {
        Id(self.id)
    }

    pub fn item(&self) -> Option<usize> {
        (self.item != NONE).then_some(self.item as usize)
    }

    pub fn speaker(&self) -> Option<usize> {
        (self.speaker != NONE).then_some(self.speaker as usize)
    }

    pub fn text_range(&self) -> Range<usize> {
        let start = self.text as usize;
        start..start.saturating_add(self.text_len as usize)
    }

    fn encode(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.seconds.to_le_bytes());
        out.extend_from_slice(&self.offset.to_le_bytes());
        out.extend_from_slice(&self.id.to_le_bytes());
        out.extend_from_slice(&[self.kind.code(), 0, 0, 0]);
        for word in [
            self.item,
            self.speaker,
            self.text,
            self.text_len,
            self.folded,
        ] {
            out.extend_from_slice(&word.to_le_bytes());
        }
    }

    fn decode(bytes: &[u8]) -> Option<Record> {
        let u32_at = |at: usize| -> Option<u32> {
            Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
        };
        Some(Record {
            seconds: i64::from_le_bytes(bytes.get(0..8)?.try_into().ok()?),
            offset: i32::from_le_bytes(bytes.get(8..12)?.try_into().ok()?),
            id: u32_at(12)?,
            kind: Kind::from_code(*bytes.get(16)?)?,
            item: u32_at(20)?,
            speaker: u32_at(24)?,
            text: u32_at(28)?,
            text_len: u32_at(32)?,
            folded: u32_at(36)?,
        })
    }
}

/// A meeting's extract, whole, as made from the meeting.
#[derive(Clone, Debug, PartialEq)]
pub struct Extract {
    pub identity: Identity,
    /// The meeting file's name.
    pub name: String,
    /// The summary, or why the meeting could not be read.
    pub summary: Result<Summary, String>,
    pub records: Vec<Record>,
    pub text: String,
    /// The folded text of every record, each followed by a line break.
    pub haystack: String,
    /// Which three-byte sequences the haystack holds (`trigrams`).
    pub filter: Vec<u8>,
}

/// The date of a meeting: the one it was given, else the day of its first event.
pub fn meeting_date(meeting: &Meeting, first: Option<Timestamp>) -> Option<NaiveDate> {
    meeting
        .meta
        .date
        .or_else(|| meeting.started.map(|s| s.date_naive()))
        .or_else(|| first.map(|f| f.date_naive()))
}

impl Extract {
    /// The extract of a meeting file that could not be read.
    pub fn unreadable(name: &str, identity: Identity, error: String) -> Extract {
        Extract {
            identity,
            name: name.to_string(),
            summary: Err(error),
            records: Vec::new(),
            text: String::new(),
            haystack: String::new(),
            filter: Vec::new(),
        }
    }

    /// The extract of `meeting`, read from the file `name` with `identity`; `first` is when
    /// its first event happened, `notices` what the reader said.
    pub fn of(
        name: &str,
        identity: Identity,
        meeting: &Meeting,
        first: Option<Timestamp>,
        notices: Vec<String>,
    ) -> Extract {
        let items: Vec<String> = meeting
            .agenda
            .items()
            .iter()
            .map(|i| i.title.clone())
            .collect();
        let item_index = |id: Option<Id>| -> u32 {
            id.and_then(|id| meeting.agenda.items().iter().position(|i| i.id == id))
                .and_then(|i| u32::try_from(i).ok())
                .unwrap_or(NONE)
        };
        let mut speakers: Vec<String> = Vec::new();
        let mut speaker_index = std::collections::HashMap::<String, u32>::new();
        let mut records = Vec::new();
        let mut text = String::new();
        let mut haystack = String::new();
        let mut actions = Vec::new();
        for entry in meeting.entries.iter() {
            if let EntryKind::Action(action) = &entry.kind {
                let ActionEntry {
                    owners,
                    due,
                    done,
                    number,
                    carried,
                } = &**action;
                actions.push(Action {
                    number: *number,
                    carried: carried.clone(),
                    owners: owners.iter().map(|o| meeting.owner_name(o)).collect(),
                    text: entry.text.to_string(),
                    due: *due,
                    done: *done,
                    at: entry.at,
                    item: entry
                        .item
                        .and_then(|id| meeting.agenda.number(id))
                        .and_then(|n| u32::try_from(n).ok()),
                    struck: entry.struck,
                });
            }
            if entry.struck {
                continue;
            }
            let kind = match &entry.kind {
                EntryKind::Statement { .. } => Kind::Statement,
                EntryKind::Note => Kind::Note,
                EntryKind::Action(_) => Kind::Action,
                EntryKind::Decision => Kind::Decision,
                EntryKind::Motion(_) => Kind::Motion,
            };
            let speaker = match entry.voice() {
                Some(voice) => {
                    let label = voice.label();
                    match speaker_index.get(&label) {
                        Some(&i) => i,
                        None => {
                            let i = u32::try_from(speakers.len()).unwrap_or(NONE);
                            speaker_index.insert(label.clone(), i);
                            speakers.push(label);
                            i
                        }
                    }
                }
                None => NONE,
            };
            let (Ok(start), Ok(len), Ok(folded)) = (
                u32::try_from(text.len()),
                u32::try_from(entry.text.len()),
                u32::try_from(haystack.len()),
            ) else {
                // Beyond 4 GB of text: the rest is not searchable (no meeting comes near).
                break;
            };
            text.push_str(&entry.text);
            fold_into(&entry.text, &mut haystack);
            haystack.push('\n');
            records.push(Record {
                seconds: entry.at.timestamp(),
                offset: entry.at.offset().local_minus_utc(),
                id: entry.id.0,
                kind,
                item: item_index(entry.item),
                speaker,
                text: start,
                text_len: len,
                folded,
            });
        }
        let meta = &meeting.meta;
        let summary = Summary {
            title: meta.title.clone(),
            date: meeting_date(meeting, first),
            time: meta
                .time
                .or_else(|| meeting.started.map(|s| s.time()))
                .or_else(|| first.map(|f| f.time())),
            series: meta.series.clone(),
            symbol: meta.symbol.clone(),
            started: meeting.started,
            closed: meeting.closed,
            entries: meeting.entries.len(),
            attendees: meeting.roster.len(),
            items,
            speakers,
            actions,
            notices,
        };
        let filter = super::trigrams::build(haystack.as_bytes());
        Extract {
            identity,
            name: name.to_string(),
            summary: Ok(summary),
            records,
            text,
            haystack,
            filter,
        }
    }

    /// The extract as one file.
    pub fn encode(&self) -> Vec<u8> {
        let summary = serde_json::to_vec(&self.summary).unwrap_or_default();
        let mut out = Vec::with_capacity(
            HEAD + self.name.len()
                + summary.len()
                + self.records.len() * RECORD
                + self.text.len()
                + self.haystack.len()
                + self.filter.len(),
        );
        out.extend_from_slice(MAGIC);
        for word in self.identity.words() {
            out.extend_from_slice(&word.to_le_bytes());
        }
        for len in [
            self.name.len(),
            summary.len(),
            self.records.len(),
            self.text.len(),
            self.haystack.len(),
            self.filter.len(),
        ] {
            out.extend_from_slice(&(len as u64).to_le_bytes());
        }
        out.extend_from_slice(self.name.as_bytes());
        out.extend_from_slice(&summary);
        for record in &self.records {
            record.encode(&mut out);
        }
        out.extend_from_slice(self.text.as_bytes());
        out.extend_from_slice(self.haystack.as_bytes());
        out.extend_from_slice(&self.filter);
        out
    }
}

/// Where an extract's bytes are: a file in the cache, or memory (when the cache cannot be
/// written).
#[derive(Clone, Debug)]
pub enum Source {
    File(std::path::PathBuf),
    Memory(std::sync::Arc<Vec<u8>>),
}

impl Source {
    /// Fills `target` with the bytes at `offset`.
    pub fn read_into(&self, offset: u64, target: &mut [u8]) -> io::Result<()> {
        match self {
            Source::Memory(_) => {
                let bytes = self.read(offset, target.len() as u64)?;
                target.copy_from_slice(&bytes);
                Ok(())
            }
            Source::File(path) => {
                use std::os::unix::fs::FileExt;
                let file = crate::store::safe::open_read(path, crate::store::safe::Links::Refuse)
                    .map_err(|e| io::Error::other(e.to_string()))?;
                let size = file.metadata()?.len();
                if offset
                    .checked_add(target.len() as u64)
                    .is_none_or(|end| end > size)
                {
                    return Err(io::Error::new(
                        io::ErrorKind::UnexpectedEof,
                        "extract cut short",
                    ));
                }
                file.read_exact_at(target, offset)
            }
        }
    }

    /// `len` bytes at `offset`.
    pub fn read(&self, offset: u64, len: u64) -> io::Result<Cow<'_, [u8]>> {
        let short = || io::Error::new(io::ErrorKind::UnexpectedEof, "extract cut short");
        match self {
            Source::Memory(bytes) => {
                let start = usize::try_from(offset).map_err(|_| short())?;
                let end = start
                    .checked_add(usize::try_from(len).map_err(|_| short())?)
                    .ok_or_else(short)?;
                bytes.get(start..end).map(Cow::Borrowed).ok_or_else(short)
            }
            Source::File(path) => {
                use std::os::unix::fs::FileExt;
                let file = crate::store::safe::open_read(path, crate::store::safe::Links::Refuse)
                    .map_err(|e| io::Error::other(e.to_string()))?;
                let size = file.metadata()?.len();
                if offset.checked_add(len).is_none_or(|end| end > size) {
                    return Err(short());
                }
                let mut buffer = vec![0; usize::try_from(len).map_err(|_| short())?];
                file.read_exact_at(&mut buffer, offset)?;
                Ok(Cow::Owned(buffer))
            }
        }
    }
}

/// The head of an extract: everything but the records, text and haystack, and where those
/// are.
#[derive(Clone, Debug)]
pub struct Head {
    pub identity: Identity,
    pub name: String,
    pub summary: Result<Summary, String>,
    pub count: u64,
    records_at: u64,
    text_at: u64,
    text_len: u64,
    haystack_at: u64,
    haystack_len: u64,
    filter_at: u64,
    filter_len: u64,
}

fn bad(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, what.to_string())
}

impl Head {
    /// Reads the head of the extract in `source`; an error for anything that is not one, or
    /// whose sections do not fit in it.
    pub fn read(source: &Source, file_size: u64) -> io::Result<Head> {
        // Usually the name and the summary come with the fixed part in one read.
        let first = file_size.min(FIRST_READ);
        if first < HEAD as u64 {
            return Err(bad("extract cut short"));
        }
        let start = source.read(0, first)?;
        let fixed = &start[..HEAD];
        if fixed.get(..MAGIC.len()) != Some(MAGIC.as_slice()) {
            return Err(bad("not an extract of this version"));
        }
        let word = |i: usize| -> u64 {
            let at = MAGIC.len() + i * 8;
            fixed
                .get(at..at + 8)
                .and_then(|b| b.try_into().ok())
                .map_or(0, u64::from_le_bytes)
        };
        let mut identity = [0u64; 8];
        for (i, w) in identity.iter_mut().enumerate() {
            *w = word(i);
        }
        let [
            name_len,
            summary_len,
            count,
            text_len,
            haystack_len,
            filter_len,
        ] = [word(8), word(9), word(10), word(11), word(12), word(13)];
        let records_len = count
            .checked_mul(RECORD as u64)
            .ok_or_else(|| bad("size"))?;
        let total = [
            name_len,
            summary_len,
            records_len,
            text_len,
            haystack_len,
            filter_len,
        ]
        .into_iter()
        .try_fold(HEAD as u64, u64::checked_add)
        .ok_or_else(|| bad("size"))?;
        if total != file_size {
            return Err(bad("extract of the wrong size"));
        }
        let wanted = HEAD as u64 + name_len + summary_len;
        let head: Cow<'_, [u8]> = if wanted <= first {
            Cow::Borrowed(&start[HEAD..wanted as usize])
        } else {
            source.read(HEAD as u64, name_len + summary_len)?
        };
        let split = usize::try_from(name_len).map_err(|_| bad("size"))?;
        let name = std::str::from_utf8(&head[..split])
            .map_err(|_| bad("name"))?
            .to_string();
        let summary: Result<Summary, String> =
            serde_json::from_slice(&head[split..]).map_err(|_| bad("summary"))?;
        let records_at = HEAD as u64 + name_len + summary_len;
        let text_at = records_at + records_len;
        Ok(Head {
            identity: Identity::from_words(identity),
            name,
            summary,
            count,
            records_at,
            text_at,
            text_len,
            haystack_at: text_at + text_len,
            haystack_len,
            filter_at: text_at + text_len + haystack_len,
            filter_len,
        })
    }

    /// The folded text of every record, read into `buffer` (which is reused from one meeting
    /// to the next: a search reads hundreds of these).
    pub fn haystack<'b>(&self, source: &Source, buffer: &'b mut Vec<u8>) -> io::Result<&'b [u8]> {
        let len = usize::try_from(self.haystack_len).map_err(|_| bad("size"))?;
        if buffer.len() < len {
            buffer.resize(len, 0);
        }
        let target = &mut buffer[..len];
        source.read_into(self.haystack_at, target)?;
        Ok(target)
    }

    /// The filter of three-byte sequences, read into `buffer`.
    pub fn filter<'b>(&self, source: &Source, buffer: &'b mut Vec<u8>) -> io::Result<&'b [u8]> {
        let len = usize::try_from(self.filter_len).map_err(|_| bad("size"))?;
        if buffer.len() < len {
            buffer.resize(len, 0);
        }
        let target = &mut buffer[..len];
        source.read_into(self.filter_at, target)?;
        Ok(target)
    }

    /// Every record, in reading order; an error when one is not well formed.
    pub fn records(&self, source: &Source) -> io::Result<Vec<Record>> {
        let bytes = source.read(self.records_at, self.count * RECORD as u64)?;
        bytes
            .chunks_exact(RECORD)
            .map(|chunk| Record::decode(chunk).ok_or_else(|| bad("record")))
            .collect()
    }

    /// The text of one record, read on its own.
    pub fn text_of(&self, source: &Source, record: &Record) -> io::Result<String> {
        let range = record.text_range();
        if range.end as u64 > self.text_len {
            return Err(bad("record"));
        }
        let bytes = source.read(self.text_at + range.start as u64, range.len() as u64)?;
        String::from_utf8(bytes.into_owned()).map_err(|_| bad("text"))
    }

    /// The text section.
    pub fn text(&self, source: &Source) -> io::Result<String> {
        let bytes = source.read(self.text_at, self.text_len)?;
        String::from_utf8(bytes.into_owned()).map_err(|_| bad("text"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::{ActionRecorded, AttendeeAdded, Event, Owner, Stamped};

    fn at(minute: u32) -> Timestamp {
        crate::testkit::moment(&format!("2026-03-12T10:{minute:02}:00+01:00"))
    }

    fn meeting() -> Meeting {
        let events = [
            Event::TitleSet {
                title: "12th Meeting".into(),
            },
            Event::AttendeeAdded(Box::new(AttendeeAdded {
                name: "Côte d'Ivoire".into(),
                capacity: None,
                label: Some("CI".into()),
                aliases: vec![],
                group: None,
            })),
            Event::ItemAdded {
                title: "Budget".into(),
                planned: None,
            },
            Event::ItemTakenUp { item: Id(2) },
            Event::StatementRecorded {
                speaker: Id(1),
                text: "Supported the BUDGET.".into(),
            },
            Event::NoteRecorded {
                text: "Struck line".into(),
            },
            Event::EntryStruck { entry: Id(5) },
            Event::ActionRecorded(Box::new(ActionRecorded {
                owner: Owner::Attendee(Id(1)),
                also: vec![],
                text: "Send the figures".into(),
                due: None,
            })),
        ];
        let stamped: Vec<Stamped> = events
            .into_iter()
            .enumerate()
            .map(|(i, event)| Stamped {
                at: at(i as u32),
                event,
            })
            .collect();
        Meeting::fold(&stamped)
    }

    #[test]
    fn round_trips_and_leaves_struck_entries_out_of_the_search() {
        let m = meeting();
        let extract = Extract::of("m.ron", Identity::default(), &m, Some(at(0)), vec![]);
        assert_eq!(
            extract.records.len(),
            2,
            "the struck note is not searchable"
        );
        assert_eq!(
            extract.haystack,
            "supported the budget.\nsend the figures\n"
        );
        let summary = extract.summary.as_ref().unwrap();
        assert_eq!(summary.speakers, ["Côte d'Ivoire (CI)"]);
        assert_eq!(summary.actions.len(), 1);
        assert_eq!(summary.actions[0].owners, ["Côte d'Ivoire"]);
        assert_eq!(summary.date, NaiveDate::from_ymd_opt(2026, 3, 12));
        let bytes = extract.encode();
        let source = Source::Memory(std::sync::Arc::new(bytes.clone()));
        let head = Head::read(&source, bytes.len() as u64).unwrap();
        assert_eq!(head.summary, extract.summary);
        assert_eq!(head.records(&source).unwrap(), extract.records);
        assert_eq!(head.text(&source).unwrap(), extract.text);
        let mut buffer = vec![1; 3];
        assert_eq!(
            head.haystack(&source, &mut buffer).unwrap(),
            extract.haystack.as_bytes()
        );
        assert!(!extract.filter.is_empty());
        assert_eq!(head.filter(&source, &mut buffer).unwrap(), extract.filter);
        assert_eq!(extract.records[0].at(), Some(at(4)));
    }

    #[test]
    fn a_damaged_extract_is_an_error_not_a_panic() {
        let bytes = Extract::of("m.ron", Identity::default(), &meeting(), None, vec![]).encode();
        for cut in [0, 4, HEAD, bytes.len() - 1] {
            let source = Source::Memory(std::sync::Arc::new(bytes[..cut].to_vec()));
            assert!(Head::read(&source, cut as u64).is_err(), "cut at {cut}");
        }
        let mut wrong = bytes.clone();
        wrong[MAGIC.len() + IDENTITY + 16] = 0xff; // the record count
        let source = Source::Memory(std::sync::Arc::new(wrong.clone()));
        assert!(Head::read(&source, wrong.len() as u64).is_err());
    }
}
