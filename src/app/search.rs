//! The search overlay: what is typed finds the entries of this meeting that contain it,
//! without regard to case or accents, newest first, struck entries left out. Enter goes to the
//! entry chosen (selected in the minutes, as Up on an empty line would).
//!
//! Tab widens the search to the archive (every meeting in the data directory): the runtime
//! searches it on another thread and sends the hits of the other meetings back, which are
//! listed after this meeting's; Enter on one of them opens that meeting read-only at that
//! moment (a visit, see `App::visit`).

use std::path::PathBuf;

use crate::command::names::fold;
use crate::meeting::{EntryKind, Meeting, Timestamp};

/// How many hits the overlay keeps.
const MOST: usize = 200;

/// One entry that matches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Where the entry is in the minutes.
    pub index: usize,
    /// `10:42 Germany (Coord.): …` as a line, and where the match is in it (byte range).
    pub line: String,
    pub range: (usize, usize),
}

/// An entry of another meeting of the archive that matches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArchiveHit {
    /// The meeting's file, to open read-only.
    pub path: PathBuf,
    /// When the entry was recorded: the moment the meeting is opened at.
    pub at: Timestamp,
    /// `2026-03-12 10:42 · Board · Germany: …` as a line, and where the match is in it.
    pub line: String,
    pub range: (usize, usize),
}

/// The archive's side of a search.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Archived {
    /// The query last sent to the runtime.
    pub asked: Option<String>,
    /// The query the hits answer (None: none arrived yet).
    pub answered: Option<String>,
    pub hits: Vec<ArchiveHit>,
    /// How many meetings were searched, and anything to say (indexing, a failure).
    pub searched: usize,
    pub note: Option<String>,
}

impl Archived {
    /// Is an answer to the current query still to come?
    pub fn searching(&self, query: &str) -> bool {
        self.answered.as_deref() != Some(query)
    }
}

/// One row of the overlay: an entry of this meeting, or of another.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Row<'a> {
    Here(&'a Hit),
    There(&'a ArchiveHit),
}

/// The search as it stands.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Search {
    pub query: String,
    pub hits: Vec<Hit>,
    pub selected: usize,
    /// Widened to the archive (Tab): its hits, once they come.
    pub archive: Option<Archived>,
}

impl Search {
    /// A new query: the hits again, the newest highlighted.
    pub fn set_query(&mut self, meeting: &Meeting, query: String) {
        self.hits = find(meeting, &query);
        self.query = query;
        self.selected = 0;
    }

    /// This meeting's hits, then the archive's.
    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        let there = self.archive.iter().flat_map(|a| {
            // Hits for an older query are not shown under a newer one.
            let current = a.answered.as_deref() == Some(self.query.as_str());
            a.hits.iter().filter(move |_| current).map(Row::There)
        });
        self.hits.iter().map(Row::Here).chain(there)
    }

    pub fn len(&self) -> usize {
        self.rows().count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn chosen(&self) -> Option<Row<'_>> {
        self.rows().nth(self.selected)
    }

    /// Widens the search to the archive, or narrows it back to this meeting.
    pub fn toggle_archive(&mut self) {
        self.archive = match self.archive {
            Some(_) => None,
            None => Some(Archived::default()),
        };
        self.selected = self.selected.min(self.len().saturating_sub(1));
    }

    /// The query to send to the archive, when the archive is searched and has not been asked
    /// it yet; marks it asked.
    pub fn take_archive_query(&mut self) -> Option<String> {
        let archive = self.archive.as_mut()?;
        if archive.asked.as_deref() == Some(self.query.as_str()) || self.query.trim().is_empty() {
            return None;
        }
        archive.asked = Some(self.query.clone());
        Some(self.query.clone())
    }

    /// The archive's answer to `query` (dropped if the query has changed since, or the search
    /// was narrowed back).
    pub fn archive_found(
        &mut self,
        query: &str,
        hits: Vec<ArchiveHit>,
        searched: usize,
        note: Option<String>,
    ) {
        if let Some(archive) = &mut self.archive
            && archive.asked.as_deref() == Some(query)
        {
            archive.answered = Some(query.to_string());
            archive.hits = hits;
            archive.searched = searched;
            archive.note = note;
        }
    }

    /// Progress of the archive's indexing, for the overlay's title.
    pub fn archive_progress(&mut self, done: usize, total: usize) {
        if let Some(archive) = &mut self.archive {
            archive.note = Some(format!("indexing the archive {done}/{total}"));
        }
    }
}

/// The entries that contain `query`, newest first.
pub fn find(meeting: &Meeting, query: &str) -> Vec<Hit> {
    let wanted = fold(query);
    if wanted.is_empty() {
        return Vec::new();
    }
    let mut hits = Vec::new();
    for (index, entry) in meeting.entries.iter().enumerate().rev() {
        if entry.struck {
            continue;
        }
        let who = match &entry.kind {
            EntryKind::Statement { voice, .. } => format!("{}: ", voice.label()),
            EntryKind::Note => "NOTE ".into(),
            EntryKind::Action(action) => {
                let (number, owners) = (action.number, &action.owners);
                format!("ACTION {number} {}: ", meeting.owner_names(owners))
            }
            EntryKind::Decision => "DECISION ".into(),
            EntryKind::Motion(_) => "MOTION ".into(),
        };
        let text = entry.text.replace('\n', " ");
        let line = format!("{} {who}{text}", entry.at.format("%H:%M"));
        if let Some(range) = locate(&line, &wanted) {
            hits.push(Hit { index, line, range });
            if hits.len() == MOST {
                break;
            }
        }
    }
    hits
}

/// Where the folded `wanted` is in `line`, as a byte range of `line` itself (folding can
/// change lengths, so the range is found character by character).
pub fn locate(line: &str, wanted: &str) -> Option<(usize, usize)> {
    if wanted.is_empty() || !fold(line).contains(wanted) {
        return None;
    }
    let bounds: Vec<usize> = line
        .char_indices()
        .map(|(i, _)| i)
        .chain([line.len()])
        .collect();
    for (n, &start) in bounds.iter().enumerate() {
        if line[start..].starts_with(char::is_whitespace) {
            continue;
        }
        for &end in &bounds[n + 1..] {
            let folded = fold(&line[start..end]);
            if folded.len() >= wanted.len() {
                if folded.starts_with(wanted) {
                    return Some((start, end));
                }
                break;
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::MeetingBuilder;

    #[test]
    fn entries_are_found_without_case_or_accents_newest_first() {
        let mut b = MeetingBuilder::new();
        let germany = b.attendee("Germany");
        b.floor(germany);
        b.say(germany, "The Café opens at ten.");
        b.note("Nothing here.");
        b.say(germany, "Another cafe later.");
        let struck = b.say(germany, "A cafe struck.");
        b.event(crate::meeting::Event::EntryStruck { entry: struck });
        let m = b.meeting();
        let hits = find(&m, "CAFE");
        assert_eq!(hits.len(), 2);
        assert_eq!(hits[0].index, 2, "newest first");
        let first = &hits[1];
        assert_eq!(&first.line[first.range.0..first.range.1], "Café");
        assert!(find(&m, "  ").is_empty());
        assert!(find(&m, "tea").is_empty());
    }

    fn elsewhere(line: &str) -> ArchiveHit {
        ArchiveHit {
            path: PathBuf::from("other.ron"),
            at: crate::testkit::t0(),
            line: line.into(),
            range: (0, 4),
        }
    }

    #[test]
    fn the_archive_is_asked_once_per_query_and_its_hits_follow_this_meetings() {
        let mut b = MeetingBuilder::new();
        let germany = b.attendee("Germany");
        b.floor(germany);
        b.say(germany, "The audit is late.");
        let m = b.meeting();
        let mut search = Search::default();
        search.set_query(&m, "audit".into());
        assert_eq!(search.take_archive_query(), None, "not widened yet");
        search.toggle_archive();
        assert_eq!(search.take_archive_query().as_deref(), Some("audit"));
        assert_eq!(search.take_archive_query(), None, "asked once");
        assert!(search.archive.as_ref().unwrap().searching("audit"));

        // An answer to an older query is dropped.
        search.archive_found("aud", vec![elsewhere("old")], 3, None);
        assert_eq!(search.len(), 1);
        search.archive_found("audit", vec![elsewhere("audit elsewhere")], 3, None);
        assert_eq!(search.len(), 2);
        assert!(matches!(search.rows().next(), Some(Row::Here(_))));
        search.selected = 1;
        assert!(matches!(search.chosen(), Some(Row::There(h)) if h.line == "audit elsewhere"));

        // A new query hides the old answer until its own comes.
        search.set_query(&m, "audits".into());
        assert_eq!(search.len(), 0);
        assert_eq!(search.take_archive_query().as_deref(), Some("audits"));

        search.toggle_archive();
        assert_eq!(search.archive, None, "narrowed back to this meeting");
    }
}
