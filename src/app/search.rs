//! The search overlay: what is typed finds the entries of this meeting that contain it,
//! without regard to case or accents, newest first, struck entries left out. Enter goes to the
//! entry chosen (selected in the minutes, as Up on an empty line would).

use crate::command::names::fold;
use crate::meeting::{EntryKind, Meeting};

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

/// The search as it stands.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Search {
    pub query: String,
    pub hits: Vec<Hit>,
    pub selected: usize,
}

impl Search {
    /// A new query: the hits again, the newest highlighted.
    pub fn set_query(&mut self, meeting: &Meeting, query: String) {
        self.hits = find(meeting, &query);
        self.query = query;
        self.selected = 0;
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
            EntryKind::Action { owners, number, .. } => {
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
}
