//! What the archive's commands print: `scribe list` and `scribe actions` in columns, a search
//! hit as a heading and a line with the words marked, and each of them as JSON. Text only: the
//! command line passes every piece through the cleaning gate (`text::printable`) on its way
//! out, and decides how a match is marked (bold on a terminal, `**` otherwise).
//!
//! JSON is escaped so that nothing in it can act on a terminal either: besides what JSON itself
//! escapes, C1 controls and bidi controls are written `\uXXXX`.

use chrono::NaiveDate;
use serde_json::{Value, json};

use super::actions::ActionPoint;
use super::catalog::{Catalog, Filter, Listed, State};
use super::search::Hit;
use crate::text::{is_bidi_control, printable_path, truncate, width};

/// Bytes in words: `812 B`, `12 KB`, `3.1 MB`.
pub fn size(bytes: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * 1024;
    if bytes < KB {
        format!("{bytes} B")
    } else if bytes < 10 * MB {
        if bytes < MB {
            format!("{} KB", bytes.div_ceil(KB))
        } else {
            format!("{:.1} MB", bytes as f64 / MB as f64)
        }
    } else {
        format!("{} MB", bytes.div_ceil(MB))
    }
}

/// Rows of cells as columns: each column as wide as its widest cell (in terminal cells), two
/// spaces between, nothing after the last.
pub fn columns(rows: &[Vec<String>]) -> Vec<String> {
    let count = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..count)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|cell| width(cell))
                .max()
                .unwrap_or(0)
        })
        .collect();
    rows.iter()
        .map(|row| {
            let mut line = String::new();
            for (c, cell) in row.iter().enumerate() {
                line.push_str(cell);
                if c + 1 < row.len() {
                    let pad = widths[c].saturating_sub(width(cell)) + 2;
                    line.extend(std::iter::repeat_n(' ', pad));
                }
            }
            line.trim_end().to_string()
        })
        .collect()
}

/// The widest a title is shown in a list.
const TITLE: usize = 48;

fn date(date: Option<NaiveDate>) -> String {
    date.map_or_else(|| "-".to_string(), |d| d.to_string())
}

/// What a list says under a meeting's row: who is minuting it, how to recover it, what the
/// reader found.
fn notes(meeting: &Listed) -> Vec<String> {
    let mut notes = Vec::new();
    match meeting.state() {
        State::BeingMinuted(holder) => notes.push(format!("being minuted by {holder}")),
        State::Interrupted => notes.push(format!(
            "did not stop cleanly (`scribe open {}` recovers it)",
            meeting.id
        )),
        State::Unreadable => {
            if let Err(e) = &meeting.summary {
                notes.push(format!("cannot be read: {e}"));
            }
        }
        State::Open | State::Closed => {}
    }
    if let Ok(summary) = &meeting.summary {
        notes.extend(summary.notices.iter().cloned());
    }
    notes
}

/// `scribe list`: the meetings a filter lets through, newest first, in columns (number, date,
/// title, series, size in entries, state, file — its name without `.ron` is the meeting's id),
/// each followed by what is worth knowing about it.
pub fn list(catalog: &Catalog, filter: &Filter) -> Vec<String> {
    let meetings: Vec<&Listed> = catalog.filtered(filter).collect();
    let mut rows = vec![vec![
        "#".to_string(),
        "date".into(),
        "title".into(),
        "series".into(),
        "size".into(),
        "state".into(),
        "file".into(),
    ]];
    for m in &meetings {
        let title = match &m.summary {
            Ok(s) if s.title.is_empty() => "(untitled)".to_string(),
            Ok(s) => truncate(&s.title, TITLE),
            Err(_) => "(cannot be read)".to_string(),
        };
        rows.push(vec![
            m.number.to_string(),
            date(m.date()),
            title,
            if m.series().is_empty() {
                "-".into()
            } else {
                truncate(m.series(), 24)
            },
            match &m.summary {
                Ok(s) if s.entries == 1 => "1 entry".to_string(),
                Ok(s) => format!("{} entries", s.entries),
                Err(_) => size(m.size),
            },
            m.state().word().to_string(),
            m.path
                .file_name()
                .map_or_else(|| m.id.clone(), |n| n.to_string_lossy().into_owned()),
        ]);
    }
    let lines = columns(&rows);
    let mut out = Vec::with_capacity(lines.len());
    let mut lines = lines.into_iter();
    out.extend(lines.next());
    for (line, m) in lines.zip(&meetings) {
        out.push(line);
        out.extend(notes(m).into_iter().map(|n| format!("    {n}")));
    }
    out
}

/// A piece of a line: text, or text that matched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    Match(String),
}

/// The heading of a hit: meeting id and number, date and time, item, speaker.
pub fn hit_heading(hit: &Hit) -> String {
    let mut parts = vec![format!("{} ({})", hit.id, hit.number)];
    let when = match hit.date {
        Some(d) if d != hit.at.date_naive() => format!("{d}, {}", hit.at.format("%Y-%m-%d %H:%M")),
        _ => hit.at.format("%Y-%m-%d %H:%M").to_string(),
    };
    parts.push(when);
    if !hit.title.is_empty() {
        parts.push(truncate(&hit.title, TITLE));
    }
    if let Some((n, title)) = &hit.item {
        parts.push(format!("item {n} {}", truncate(title, 40)));
    }
    parts.push(match &hit.speaker {
        Some(speaker) => speaker.clone(),
        None => hit.kind.name().to_string(),
    });
    parts.join(" · ")
}

/// The entry's text on one line, at most about `room` characters, around the first match,
/// with the matches as [`Piece::Match`].
pub fn hit_line(hit: &Hit, room: usize) -> Vec<Piece> {
    let text = &hit.text;
    let mut start = 0;
    let mut end = text.len();
    let mut before = false;
    let mut after = false;
    if text.chars().count() > room {
        let first = hit.matches.first().map_or(0, |m| m.start);
        // Some context before the first match, then as much as fits.
        let context = room / 4;
        let from = text[..first]
            .char_indices()
            .rev()
            .nth(context.saturating_sub(1))
            .map_or(0, |(i, _)| i);
        start = if first == 0 { 0 } else { from };
        end = text[start..]
            .char_indices()
            .nth(room)
            .map_or(text.len(), |(i, _)| start + i);
        before = start > 0;
        after = end < text.len();
    }
    let mut pieces = Vec::new();
    if before {
        pieces.push(Piece::Text("…".into()));
    }
    let mut at = start;
    let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let keep_space = |s: &str, piece: String| {
        // White space at the ends of a piece stays one space.
        let lead = if s.starts_with(char::is_whitespace) && !piece.is_empty() {
            " "
        } else {
            ""
        };
        let trail = if s.ends_with(char::is_whitespace) && !piece.is_empty() {
            " "
        } else {
            ""
        };
        format!("{lead}{piece}{trail}")
    };
    for m in &hit.matches {
        if m.start < at || m.end > end {
            continue;
        }
        let plain = &text[at..m.start];
        if !plain.is_empty() {
            pieces.push(Piece::Text(keep_space(plain, flat(plain))));
        }
        pieces.push(Piece::Match(flat(&text[m.start..m.end])));
        at = m.end;
    }
    let rest = &text[at..end];
    if !rest.is_empty() {
        pieces.push(Piece::Text(keep_space(rest, flat(rest))));
    }
    if after {
        pieces.push(Piece::Text("…".into()));
    }
    pieces
}

/// Writes `\uXXXX` for what could act on a terminal and JSON leaves as it is (C1 controls,
/// bidi controls); everything else unchanged.
pub fn json_text(value: &Value) -> String {
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if (c.is_control() && c != '\n') || is_bidi_control(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// A hit as JSON.
pub fn hit_json(hit: &Hit) -> Value {
    json!({
        "meeting": printable_path(&hit.meeting),
        "id": hit.id,
        "number": hit.number,
        "title": hit.title,
        "date": hit.date.map(|d| d.to_string()),
        "series": hit.series,
        "at": hit.at.to_rfc3339(),
        "entry": hit.entry.0,
        "item": hit.item.as_ref().map(|(n, t)| json!({ "number": n, "title": t })),
        "kind": hit.kind.name(),
        "speaker": hit.speaker,
        "text": hit.text,
        "matches": hit.matches.iter().map(|m| json!({ "start": m.start, "end": m.end })).collect::<Vec<_>>(),
        "replay": format!("scribe replay {} --at {}", hit.id, hit.at.format("%H:%M:%S")),
    })
}

/// `scribe actions`: in columns (status, due, owners, where agreed, the action), newest
/// meeting first; an open action due before `today` is marked overdue.
pub fn actions(points: &[&ActionPoint], today: NaiveDate) -> Vec<String> {
    let mut rows = vec![vec![
        "status".to_string(),
        "due".into(),
        "owners".into(),
        "agreed in".into(),
        "action".into(),
    ]];
    for p in points {
        let status = if p.is_open() { "open" } else { "done" };
        let due = match p.due {
            Some(due) if p.overdue(today) => format!("{due} OVERDUE"),
            Some(due) => due.to_string(),
            None => "-".into(),
        };
        let mut text = p.text.split_whitespace().collect::<Vec<_>>().join(" ");
        if let Some(done) = &p.done {
            text.push_str(&format!(
                " (done {} in {})",
                done.at.format("%Y-%m-%d"),
                done.meeting
            ));
        } else if let Some(last) = p.carried_into.last() {
            let times = p.carried_into.len();
            text.push_str(&format!(
                " (carried {} time{}, last into {last})",
                times,
                if times == 1 { "" } else { "s" }
            ));
        }
        rows.push(vec![
            status.to_string(),
            due,
            truncate(&p.owners.join(", "), 32),
            format!("{} #{}", p.origin.meeting, p.origin.number),
            text,
        ]);
    }
    columns(&rows)
}

/// An action point as JSON.
pub fn action_json(p: &ActionPoint, today: NaiveDate) -> Value {
    json!({
        "origin": { "meeting": p.origin.meeting, "number": p.origin.number },
        "title": p.title,
        "date": p.date.map(|d| d.to_string()),
        "series": p.series,
        "owners": p.owners,
        "text": p.text,
        "due": p.due.map(|d| d.to_string()),
        "status": if p.is_open() { "open" } else { "done" },
        "overdue": p.overdue(today),
        "done": p.done.as_ref().map(|d| json!({ "at": d.at.to_rfc3339(), "meeting": d.meeting })),
        "carried_into": p.carried_into,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::search::Kind;
    use crate::meeting::Id;

    #[test]
    fn columns_line_up_by_display_width() {
        let rows = vec![
            vec!["a".to_string(), "Côte".into(), "x".into()],
            vec!["bb".to_string(), "日本".into(), "y".into()],
        ];
        assert_eq!(columns(&rows), ["a   Côte  x", "bb  日本  y"]);
        assert_eq!(size(900), "900 B");
        assert_eq!(size(12_000), "12 KB");
        assert_eq!(size(3_300_000), "3.1 MB");
    }

    fn hit(text: &str, first: std::ops::Range<usize>) -> Hit {
        Hit {
            meeting: "m.ron".into(),
            id: "m".into(),
            number: 1,
            title: "Board".into(),
            date: NaiveDate::from_ymd_opt(2026, 3, 12),
            series: String::new(),
            at: crate::testkit::moment("2026-03-12T10:42:00+01:00"),
            entry: Id(4),
            item: Some((2, "Budget".into())),
            kind: Kind::Statement,
            speaker: Some("Germany (CSD)".into()),
            text: text.into(),
            matches: vec![first],
        }
    }

    #[test]
    fn a_hit_shows_where_when_who_and_the_words_marked() {
        let h = hit("Asked about the\ninvitation letter.", 16..33);
        assert_eq!(
            hit_heading(&h),
            "m (1) · 2026-03-12 10:42 · Board · item 2 Budget · Germany (CSD)"
        );
        assert_eq!(
            hit_line(&h, 200),
            [
                Piece::Text("Asked about the ".into()),
                Piece::Match("invitation letter".into()),
                Piece::Text(".".into())
            ]
        );
        let long = format!("{} needle {}", "word ".repeat(100), "more ".repeat(100));
        let at = long.find("needle").unwrap();
        let h = hit(&long, at..at + 6);
        let pieces = hit_line(&h, 80);
        assert_eq!(pieces.first(), Some(&Piece::Text("…".into())));
        assert_eq!(pieces.last(), Some(&Piece::Text("…".into())));
        assert!(pieces.contains(&Piece::Match("needle".into())));
    }

    #[test]
    fn json_escapes_what_could_act_on_a_terminal() {
        let text = json_text(&json!({ "t": "a\u{9b}b\u{202e}c\u{1b}" }));
        assert!(text.contains("a\\u009bb\\u202ec\\u001b"), "{text}");
        let parsed: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(parsed["t"], "a\u{9b}b\u{202e}c\u{1b}");
    }
}
