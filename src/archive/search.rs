//! Searching the minutes of every meeting at once: what was said on a subject, by whom, when.
//! The text is found accent- and case-insensitively ("cote d'ivoire" finds "Côte d’Ivoire"),
//! as a phrase (white space counts as one space); struck entries are never found. Each hit
//! says which meeting, when, under which item, who spoke (labelled as they were then), and
//! where in the entry's text the words are.
//!
//! The search reads the extracts (`extract`): for each meeting whose series and date fit, its
//! folded text is scanned; only a meeting with a hit has its records and text read. It never
//! reads a meeting file.

use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;

use super::catalog::{Catalog, Filter, Listed, id_of};
use super::extract::{Extract, Head, Identity, Record, Source};
use super::fold::{fold, fold_mapped};
use crate::meeting::{Id, Meeting, Timestamp};

pub use super::extract::Kind;

/// What to look for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    /// The words, as a phrase; empty finds every entry (that the other conditions let
    /// through).
    pub text: String,
    /// Said by a speaker whose label (as it was then) contains this.
    pub speaker: Option<String>,
    pub kind: Option<Kind>,
    /// In meetings of this series.
    pub series: Option<String>,
    /// In meetings held on or after this day.
    pub since: Option<NaiveDate>,
    /// In meetings held on or before this day.
    pub until: Option<NaiveDate>,
    /// Stop after this many hits.
    pub limit: Option<usize>,
}

/// One entry found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// The meeting file (for `scribe replay FILE --at`).
    pub meeting: PathBuf,
    /// The meeting's id (its file's stem).
    pub id: String,
    /// Its number in the catalog (0 for a meeting searched on its own).
    pub number: usize,
    pub title: String,
    pub date: Option<NaiveDate>,
    pub series: String,
    /// When the entry was recorded: `at.time()` is the moment to replay from.
    pub at: Timestamp,
    /// The entry's id in its meeting.
    pub entry: Id,
    /// The item it was recorded under: its number and title.
    pub item: Option<(usize, String)>,
    pub kind: Kind,
    /// The speaker as labelled when the entry was recorded (`Voice::label`).
    pub speaker: Option<String>,
    /// The entry's text, as written.
    pub text: String,
    /// Where the words are in `text` (byte ranges on character boundaries); empty when the
    /// query had no text.
    pub matches: Vec<Range<usize>>,
}

/// What a search found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Found {
    pub hits: Vec<Hit>,
    /// How many meetings were searched.
    pub searched: usize,
    /// Meetings that could not be searched, and why.
    pub skipped: Vec<(PathBuf, String)>,
    /// The limit was reached: there may be more.
    pub truncated: bool,
}

/// The query, folded once.
struct Prepared<'a> {
    query: &'a Query,
    needle: String,
    speaker: Option<String>,
}

impl<'a> Prepared<'a> {
    fn new(query: &'a Query) -> Prepared<'a> {
        Prepared {
            query,
            needle: fold(&query.text),
            speaker: query.speaker.as_deref().map(fold).filter(|s| !s.is_empty()),
        }
    }

    fn full(&self, hits: &[Hit]) -> bool {
        self.query.limit.is_some_and(|limit| hits.len() >= limit)
    }
}

/// Up to this many hits in a meeting, their texts are read one by one.
const FEW: usize = 32;

/// How many meetings are searched at once, per core, before the hits so far are counted
/// against the limit.
const WAVE_PER_CORE: usize = 8;

impl Catalog {
    /// Searches every meeting of the catalog, newest first (entries in reading order within a
    /// meeting). The meetings are scanned on every core, in waves in catalog order, so that a
    /// search with a limit stops soon after it has its hits.
    pub fn search(&self, query: &Query) -> Found {
        let prepared = Prepared::new(query);
        let mut found = Found::default();
        let filter = Filter {
            series: query.series.clone(),
            since: query.since,
            until: query.until,
            text: None,
        };
        let mut meetings: Vec<(&Listed, &Head, &Source)> = Vec::new();
        for meeting in self.filtered(&filter) {
            match &meeting.extract {
                Some((head, source)) => match &head.summary {
                    Ok(_) => meetings.push((meeting, head, source)),
                    Err(why) => found.skipped.push((meeting.path.clone(), why.clone())),
                },
                None => found
                    .skipped
                    .push((meeting.path.clone(), "cannot be read".into())),
            }
        }
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let mut buffers: Vec<Vec<u8>> = vec![Vec::new(); cores];
        for wave in meetings.chunks(cores * WAVE_PER_CORE) {
            if prepared.full(&found.hits) {
                found.truncated = true;
                break;
            }
            let results = scan(wave, &prepared, &mut buffers);
            for ((meeting, _, _), result) in wave.iter().zip(results) {
                found.searched += 1;
                match result {
                    Ok(hits) => found.hits.extend(hits),
                    Err(e) => found.skipped.push((
                        meeting.path.clone(),
                        format!("its search extract cannot be read ({e})"),
                    )),
                }
            }
        }
        if let Some(limit) = query.limit
            && found.hits.len() >= limit
        {
            found.hits.truncate(limit);
            found.truncated = true;
        }
        found
    }
}

/// The hits of each meeting of a wave, in its order, the meetings shared among the cores (one
/// buffer each).
fn scan(
    wave: &[(&Listed, &Head, &Source)],
    query: &Prepared,
    buffers: &mut [Vec<u8>],
) -> Vec<io::Result<Vec<Hit>>> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut results: Vec<Option<io::Result<Vec<Hit>>>> = (0..wave.len()).map(|_| None).collect();
    let done = std::sync::Mutex::new(Vec::with_capacity(wave.len()));
    std::thread::scope(|scope| {
        for buffer in buffers.iter_mut().take(wave.len()) {
            let (next, done) = (&next, &done);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some((meeting, head, source)) = wave.get(i) else {
                        break;
                    };
                    let mut hits = Vec::new();
                    let result =
                        search_one(meeting, head, source, query, &mut hits, buffer).map(|()| hits);
                    if let Ok(mut done) = done.lock() {
                        done.push((i, result));
                    }
                }
            });
        }
    });
    for (i, result) in done.into_inner().unwrap_or_default() {
        results[i] = Some(result);
    }
    results
        .into_iter()
        .map(|r| r.unwrap_or_else(|| Err(io::Error::other("not searched"))))
        .collect()
}

/// Searches one meeting held in memory (the one being minuted, say) the same way: the hits
/// carry `path` and number 0. Its series and dates are not checked against the query.
pub fn search_meeting(path: &Path, meeting: &Meeting, query: &Query) -> Vec<Hit> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let extract = Extract::of(&name, Identity::default(), meeting, None, Vec::new());
    let bytes = extract.encode();
    let size = bytes.len() as u64;
    let source = Source::Memory(Arc::new(bytes));
    let Ok(head) = Head::read(&source, size) else {
        return Vec::new();
    };
    // Described, not looked at: the meeting may be the one this process is minuting.
    let listed = Listed {
        number: 0,
        path: path.to_path_buf(),
        id: id_of(path),
        size: 0,
        modified: None,
        summary: head.summary.clone(),
        holder: None,
        interrupted: false,
        extract: None,
    };
    let prepared = Prepared::new(query);
    let mut hits = Vec::new();
    // Read from memory: it cannot fail.
    let _ = search_one(
        &listed,
        &head,
        &source,
        &prepared,
        &mut hits,
        &mut Vec::new(),
    );
    if let Some(limit) = query.limit {
        hits.truncate(limit);
    }
    hits
}

/// The hits in one meeting, appended to `hits`.
fn search_one(
    meeting: &Listed,
    head: &Head,
    source: &Source,
    query: &Prepared,
    hits: &mut Vec<Hit>,
    buffer: &mut Vec<u8>,
) -> io::Result<()> {
    let Ok(summary) = &head.summary else {
        return Ok(());
    };
    // Which of the meeting's speakers the query wants.
    let speakers: Option<Vec<bool>> = query.speaker.as_ref().map(|wanted| {
        summary
            .speakers
            .iter()
            .map(|label| fold(label).contains(wanted.as_str()))
            .collect()
    });
    if speakers.as_ref().is_some_and(|s| !s.contains(&true)) {
        return Ok(());
    }
    let candidates: Vec<Record> = if query.needle.is_empty() {
        head.records(source)?
    } else {
        if !super::trigrams::may_contain(head.filter(source, buffer)?, query.needle.as_bytes()) {
            return Ok(());
        }
        let haystack = head.haystack(source, buffer)?;
        let mut at = memchr::memmem::find_iter(haystack, query.needle.as_bytes()).peekable();
        if at.peek().is_none() {
            return Ok(());
        }
        let records = head.records(source)?;
        let mut found: Vec<Record> = Vec::new();
        for position in at {
            let index = records
                .partition_point(|r| r.folded as usize <= position)
                .saturating_sub(1);
            let Some(record) = records.get(index) else {
                continue;
            };
            if found.last() != Some(record) {
                found.push(*record);
            }
        }
        found
    };
    let wanted = |r: &Record| {
        query.query.kind.is_none_or(|k| k == r.kind)
            && speakers
                .as_ref()
                .is_none_or(|s| r.speaker().is_some_and(|i| s.get(i) == Some(&true)))
    };
    let candidates: Vec<Record> = candidates.into_iter().filter(wanted).collect();
    if candidates.is_empty() {
        return Ok(());
    }
    // A few entries are read one by one; many, with the whole text at once.
    let whole = if candidates.len() > FEW {
        Some(head.text(source)?)
    } else {
        None
    };
    for record in candidates {
        if query.full(hits) {
            break;
        }
        let one;
        let entry_text = match &whole {
            Some(text) => text.get(record.text_range()),
            None => {
                one = head.text_of(source, &record)?;
                Some(one.as_str())
            }
        };
        let (Some(entry_text), Some(at)) = (entry_text, record.at()) else {
            continue;
        };
        let matches = fold_mapped(entry_text).find_all(&query.needle);
        if !query.needle.is_empty() && matches.is_empty() {
            // The extract does not agree with itself: not a hit.
            continue;
        }
        hits.push(Hit {
            meeting: meeting.path.clone(),
            id: meeting.id.clone(),
            number: meeting.number,
            title: summary.title.clone(),
            date: summary.date,
            series: summary.series.clone(),
            at,
            entry: record.entry(),
            item: record
                .item()
                .and_then(|i| summary.items.get(i).map(|t| (i + 1, t.clone()))),
            kind: record.kind,
            speaker: record
                .speaker()
                .and_then(|i| summary.speakers.get(i).cloned()),
            text: entry_text.to_string(),
            matches,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::{AttendeeAdded, Event, Stamped};

    #[test]
    fn the_meeting_being_minuted_is_searched_the_same_way() {
        let at = crate::testkit::moment("2026-03-12T10:00:00+01:00");
        let events: Vec<Stamped> = [
            Event::AttendeeAdded(Box::new(AttendeeAdded {
                name: "Chile".into(),
                capacity: None,
                label: None,
                aliases: vec![],
                group: None,
            })),
            Event::StatementRecorded {
                speaker: Id(0),
                text: "Asked about the Élan report.".into(),
            },
            Event::NoteRecorded {
                text: "The élan report was circulated.".into(),
            },
        ]
        .into_iter()
        .map(|event| Stamped { at, event })
        .collect();
        let meeting = Meeting::fold(&events);
        let path = Path::new("/meetings/board-04.ron");
        let query = Query {
            text: "elan report".into(),
            ..Query::default()
        };
        let hits = search_meeting(path, &meeting, &query);
        assert_eq!(hits.len(), 2);
        assert_eq!(hits[0].id, "board-04");
        assert_eq!(hits[0].speaker.as_deref(), Some("Chile"));
        assert_eq!(&hits[0].text[hits[0].matches[0].clone()], "Élan report");
        assert_eq!(hits[1].kind, Kind::Note);
        let only_chile = Query {
            speaker: Some("chi".into()),
            limit: Some(5),
            ..query
        };
        assert_eq!(search_meeting(path, &meeting, &only_chile).len(), 1);
    }
}
