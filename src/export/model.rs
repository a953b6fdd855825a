//! The minutes as a document, before any format: what the reader of the minutes sees, built once
//! from a folded [`Meeting`] and rendered by every format (the templates see exactly these
//! fields). Every string in it has passed through [`crate::text`] again on its way out, so no
//! control character or bidi override from a hand-edited meeting file reaches an export. It
//! never formats for a particular output: escaping and layout belong to the formats.
//!
//! The rules it applies (the module doc of [`crate::export`] says why):
//! - an entry goes under the item that was current when it was recorded; entries recorded
//!   before any item was taken up go to the [`Minutes::opening`] section;
//! - the chair's introduction of a section is the leading run of the chair's statements and of
//!   notes, up to the first statement by anyone else or the first decision;
//! - in the discussion, consecutive statements by the same speaker form one [`Block`] under one
//!   label; a note or a decision in between starts a new block;
//! - actions are not part of the flow: they are collected in [`Minutes::actions`] with their
//!   item; decisions stay in the flow and are also collected in [`Minutes::decisions`];
//! - a multi-line entry becomes one [`Paragraph`] per non-empty line.

use std::time::Duration;

use serde::Serialize;

use crate::meeting::{Entry, EntryKind, Id, Meeting, Timestamp};
use crate::text::{clean, clean_line};

/// The whole document.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Minutes {
    /// The meeting's title, or "Minutes" when none was set.
    pub title: String,
    pub subtitle: String,
    /// "Thursday 12 March 2026", or empty.
    pub date: String,
    /// "10:00", or empty.
    pub time: String,
    pub place: String,
    /// `Name (Capacity)` for everyone on the roster, in roster order.
    pub attendees: Vec<String>,
    pub regrets: Vec<String>,
    /// The chair as `Name (Capacity)`, or empty.
    pub chair: String,
    /// Entries recorded before any item was taken up.
    pub opening: Option<Section>,
    /// One section per agenda item, in agenda order, discussed or not.
    pub items: Vec<Section>,
    pub actions: Vec<ActionPoint>,
    pub decisions: Vec<DecisionPoint>,
    /// When the meeting was closed ("11:44"), or empty while it is open.
    pub closed: String,
    /// Present with `--stats`.
    pub stats: Option<Stats>,
}

/// An agenda item (or the opening) with what was said under it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Section {
    /// 1-based; 0 for the opening.
    pub number: usize,
    pub title: String,
    /// A stable id for links and HTML anchors: `item-3`, or `opening`. Never user text.
    pub anchor: String,
    pub introduction: Vec<Paragraph>,
    pub discussion: Vec<Block>,
}

/// What a [`Block`] of the discussion is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    Statement,
    Note,
    Decision,
}

/// One labelled paragraph group of the discussion: a speaker's consecutive statements, a note,
/// or a decision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Block {
    pub kind: BlockKind,
    /// The speaker label (`Name (LABEL)`, `Name`, or the chair's capacity); empty for notes and
    /// decisions.
    pub label: String,
    pub paragraphs: Vec<Paragraph>,
}

/// One paragraph of text: one line of an entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Paragraph {
    pub text: String,
    /// With `--times`, when the entry was recorded ("10:03") on its first paragraph; else empty.
    pub time: String,
}

/// An action point, numbered in the order they were recorded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ActionPoint {
    pub number: usize,
    pub owner: String,
    /// The action's text; lines of a multi-line entry are joined by `\n`.
    pub text: String,
    /// "27 March 2026", or empty.
    pub due: String,
    /// The agenda item's number, or 0 when it was recorded before any item.
    pub item: usize,
    pub time: String,
}

/// A decision, numbered in the order they were taken.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DecisionPoint {
    pub number: usize,
    /// Lines of a multi-line entry are joined by `\n`.
    pub text: String,
    /// The agenda item's number, or 0 when it was taken before any item.
    pub item: usize,
    pub time: String,
}

/// Speaking time and interventions (`--stats`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// From the first item taken up to the close (or the last entry): "1 h 42 min".
    pub duration: String,
    /// Attendees who spoke or held the floor, in roster order.
    pub attendees: Vec<AttendeeStats>,
    /// Every agenda item, in agenda order.
    pub items: Vec<ItemStats>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AttendeeStats {
    /// `Name (Capacity)`.
    pub name: String,
    /// Runs of consecutive statements (each labelled block, and the chair's introduction).
    pub interventions: usize,
    /// Statements recorded.
    pub statements: usize,
    /// Time holding the floor, formatted ("4 min 05 s").
    pub speaking: String,
    pub speaking_seconds: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ItemStats {
    pub number: usize,
    pub title: String,
    /// Time the item was under discussion, formatted.
    pub time: String,
    pub seconds: u64,
    pub interventions: usize,
    /// Speakers with at least one statement under the item.
    pub speakers: usize,
}

/// What to put in the model beyond the minutes themselves.
#[derive(Clone, Copy, Debug, Default)]
pub struct Detail {
    pub times: bool,
    pub stats: bool,
}

/// Builds the minutes of `meeting`.
pub fn build(meeting: &Meeting, detail: Detail) -> Minutes {
    let meta = &meeting.meta;
    let title = clean_line(&meta.title);
    let mut minutes = Minutes {
        title: if title.is_empty() {
            "Minutes".to_string()
        } else {
            title
        },
        subtitle: clean_line(&meta.subtitle),
        date: meta
            .date
            .map(|d| d.format("%A %-d %B %Y").to_string())
            .unwrap_or_default(),
        time: meta
            .time
            .map(|t| t.format("%H:%M").to_string())
            .unwrap_or_default(),
        place: clean_line(&meta.place),
        attendees: meeting
            .roster
            .iter()
            .map(|a| clean_line(&a.with_capacity()))
            .collect(),
        regrets: meeting.regrets.iter().map(|r| clean_line(r)).collect(),
        chair: meeting
            .chair
            .and_then(|id| meeting.roster.get(id))
            .map(|a| clean_line(&a.with_capacity()))
            .unwrap_or_default(),
        closed: meeting.closed.map(clock).unwrap_or_default(),
        ..Minutes::default()
    };

    // Entries per section, in the order they were recorded.
    let items = meeting.agenda.items();
    let mut per_item: Vec<Vec<&Entry>> = vec![Vec::new(); items.len()];
    let mut before: Vec<&Entry> = Vec::new();
    // Struck entries stay in the log and the replay, not in the minutes.
    for entry in meeting.entries.iter().filter(|e| !e.struck) {
        match entry.item.and_then(|id| meeting.agenda.number(id)) {
            Some(n) => per_item[n - 1].push(entry),
            None => before.push(entry),
        }
        let item = entry
            .item
            .and_then(|id| meeting.agenda.number(id))
            .unwrap_or(0);
        let time = if detail.times {
            clock(entry.at)
        } else {
            String::new()
        };
        match &entry.kind {
            EntryKind::Action { owners, due, .. } => minutes.actions.push(ActionPoint {
                number: minutes.actions.len() + 1,
                owner: clean_line(&meeting.owner_names(owners)),
                text: lines(&entry.text).join("\n"),
                due: due
                    .map(|d| d.format("%-d %B %Y").to_string())
                    .unwrap_or_default(),
                item,
                time,
            }),
            EntryKind::Decision => minutes.decisions.push(DecisionPoint {
                number: minutes.decisions.len() + 1,
                text: lines(&entry.text).join("\n"),
                item,
                time,
            }),
            EntryKind::Motion(motion) if motion.outcome.is_some_and(|o| o.adopted()) => {
                minutes.decisions.push(DecisionPoint {
                    number: minutes.decisions.len() + 1,
                    text: lines(&entry.text).join("\n"),
                    item,
                    time,
                })
            }
            EntryKind::Statement { .. } | EntryKind::Note | EntryKind::Motion(_) => {}
        }
    }

    let mut interventions = Interventions::default();
    if !before.is_empty() {
        minutes.opening = Some(section(
            meeting,
            0,
            "Opening".to_string(),
            "opening".to_string(),
            &before,
            detail,
            &mut interventions,
        ));
    }
    for (index, (item, entries)) in items.iter().zip(&per_item).enumerate() {
        let number = index + 1;
        minutes.items.push(section(
            meeting,
            number,
            clean_line(&item.title),
            format!("item-{number}"),
            entries,
            detail,
            &mut interventions,
        ));
    }

    if detail.stats {
        minutes.stats = Some(stats(meeting, &minutes, &per_item, &interventions));
    }
    minutes
}

/// Interventions counted while the sections are built: (attendee, section number) per run.
#[derive(Default)]
struct Interventions {
    runs: Vec<(Id, usize)>,
}

fn section(
    meeting: &Meeting,
    number: usize,
    title: String,
    anchor: String,
    entries: &[&Entry],
    detail: Detail,
    interventions: &mut Interventions,
) -> Section {
    let in_flow = entries
        .iter()
        .filter(|e| !matches!(e.kind, EntryKind::Action { .. }));

    let mut introduction = Vec::new();
    let mut discussion: Vec<Block> = Vec::new();
    // The section opens with the chair's introduction when someone chaired as it opened.
    let mut introducing = entries
        .first()
        .is_some_and(|e| meeting.chair_at(e.id).is_some());
    // The chair who introduced the section, as an intervention of theirs.
    let mut introducer: Option<Id> = None;
    // Who spoke last, as minuted then: a run goes on while speaker and label stay the same.
    let mut last_speaker: Option<(Id, String)> = None;
    for entry in in_flow {
        let voice = entry.voice();
        let speaker = voice.map(|v| (v.id, v.label()));
        if introducing {
            let by_chair = voice.is_some_and(|v| v.chair);
            if by_chair || matches!(entry.kind, EntryKind::Note) {
                if by_chair {
                    introducer = voice.map(|v| v.id);
                }
                push_paragraphs(&mut introduction, entry, detail);
                continue;
            }
            introducing = false;
        }
        match (&entry.kind, &speaker) {
            (EntryKind::Statement { .. }, Some(_)) if last_speaker == speaker => {
                if let Some(block) = discussion.last_mut() {
                    push_paragraphs(&mut block.paragraphs, entry, detail);
                }
            }
            (EntryKind::Statement { .. }, Some((id, label))) => {
                interventions.runs.push((*id, number));
                let mut paragraphs = Vec::new();
                push_paragraphs(&mut paragraphs, entry, detail);
                discussion.push(Block {
                    kind: BlockKind::Statement,
                    label: clean_line(label),
                    paragraphs,
                });
            }
            (kind, _) => {
                let kind = match kind {
                    EntryKind::Decision => BlockKind::Decision,
                    EntryKind::Motion(m) if m.outcome.is_some_and(|o| o.adopted()) => {
                        BlockKind::Decision
                    }
                    _ => BlockKind::Note,
                };
                let mut paragraphs = Vec::new();
                push_paragraphs(&mut paragraphs, entry, detail);
                discussion.push(Block {
                    kind,
                    label: String::new(),
                    paragraphs,
                });
            }
        }
        last_speaker = speaker;
    }
    if let Some(chair) = introducer {
        interventions.runs.push((chair, number));
    }
    Section {
        number,
        title,
        anchor,
        introduction,
        discussion,
    }
}

/// The non-empty lines of an entry's text, cleaned and trimmed.
fn lines(text: &str) -> Vec<String> {
    clean(text)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

fn push_paragraphs(into: &mut Vec<Paragraph>, entry: &Entry, detail: Detail) {
    for (i, text) in lines(&entry.text).into_iter().enumerate() {
        let time = if detail.times && i == 0 {
            clock(entry.at)
        } else {
            String::new()
        };
        into.push(Paragraph { text, time });
    }
}

fn stats(
    meeting: &Meeting,
    minutes: &Minutes,
    per_item: &[Vec<&Entry>],
    interventions: &Interventions,
) -> Stats {
    let end = meeting
        .closed
        .or_else(|| meeting.entries.last().map(|e| e.at))
        .or(meeting.started);
    let duration = match (meeting.started, end) {
        (Some(start), Some(end)) => crate::meeting::agenda::elapsed(start, end),
        _ => Duration::ZERO,
    };
    let attendees = meeting
        .roster
        .iter()
        .filter_map(|a| {
            let runs = interventions
                .runs
                .iter()
                .filter(|(id, _)| *id == a.id)
                .count();
            let statements = meeting
                .entries
                .iter()
                .filter(|e| !e.struck && e.speaker() == Some(a.id))
                .count();
            (runs > 0 || statements > 0 || !a.spoken.is_zero()).then(|| AttendeeStats {
                name: clean_line(&a.with_capacity()),
                interventions: runs,
                statements,
                speaking: span(a.spoken),
                speaking_seconds: a.spoken.as_secs(),
            })
        })
        .collect();
    let items = meeting
        .agenda
        .items()
        .iter()
        .zip(per_item)
        .enumerate()
        .map(|(index, (item, entries))| {
            let number = index + 1;
            let spent = end.map_or(item.spent, |end| meeting.agenda.spent(item.id, end));
            let mut speakers: Vec<Id> = entries.iter().filter_map(|e| e.speaker()).collect();
            speakers.sort();
            speakers.dedup();
            ItemStats {
                number,
                title: minutes
                    .items
                    .get(index)
                    .map(|s| s.title.clone())
                    .unwrap_or_default(),
                time: span(spent),
                seconds: spent.as_secs(),
                interventions: interventions
                    .runs
                    .iter()
                    .filter(|(_, n)| *n == number)
                    .count(),
                speakers: speakers.len(),
            }
        })
        .collect();
    Stats {
        duration: span(duration),
        attendees,
        items,
    }
}

/// The time of day of a moment, in the meeting's own offset: "10:03".
fn clock(at: Timestamp) -> String {
    at.format("%H:%M").to_string()
}

/// A duration for people: "42 s", "4 min 05 s", "1 h 02 min".
pub fn span(d: Duration) -> String {
    let secs = d.as_secs();
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    match (h, m) {
        (0, 0) => format!("{s} s"),
        (0, _) => format!("{m} min {s:02} s"),
        _ => format!("{h} h {m:02} min"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::{Event, Stamped};

    fn at(minute: u32) -> Timestamp {
        chrono::DateTime::parse_from_rfc3339(&format!("2026-03-12T10:{minute:02}:00+01:00"))
            .expect("a valid time")
    }

    fn fold(events: Vec<Event>) -> Meeting {
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

    fn attendee(name: &str, capacity: &str, label: Option<&str>) -> Event {
        Event::AttendeeAdded {
            name: name.into(),
            capacity: Some(capacity.into()),
            label: label.map(str::to_string),
            aliases: vec![],
            group: None,
        }
    }

    fn say(speaker: u32, text: &str) -> Event {
        Event::StatementRecorded {
            speaker: Id(speaker),
            text: text.into(),
        }
    }

    #[test]
    fn chair_introduction_then_merged_discussion() {
        let meeting = fold(vec![
            attendee("Lebanon", "President", None),
            attendee("UNDP", "Exec Coord team", Some("Exec. Coord")),
            Event::ChairSet { attendee: Id(0) },
            Event::ItemAdded {
                title: "Preparations".into(),
                planned: None,
            },
            Event::NoteRecorded {
                text: "Before the item".into(),
            },
            Event::ItemTakenUp { item: Id(3) },
            say(0, "Shared her sentiments."),
            Event::NoteRecorded {
                text: "Slides shown.".into(),
            },
            say(0, "Opened the floor.\n\nSecond line."),
            say(1, "Informed CorCom."),
            say(1, "Further suggested."),
            Event::DecisionRecorded {
                text: "Agreed.".into(),
            },
            say(1, "After the decision."),
            say(0, "Thanked UNDP."),
        ]);
        let minutes = build(
            &meeting,
            Detail {
                times: true,
                stats: true,
            },
        );
        let opening = minutes.opening.expect("an opening section");
        assert_eq!(
            (opening.introduction.len(), opening.discussion.len()),
            (1, 0)
        );
        let item = &minutes.items[0];
        let intro: Vec<&str> = item.introduction.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            intro,
            [
                "Shared her sentiments.",
                "Slides shown.",
                "Opened the floor.",
                "Second line."
            ]
        );
        assert_eq!(item.introduction[3].time, "");
        assert_eq!(item.introduction[0].time, "10:06");
        let shape: Vec<(BlockKind, &str, usize)> = item
            .discussion
            .iter()
            .map(|b| (b.kind, b.label.as_str(), b.paragraphs.len()))
            .collect();
        assert_eq!(
            shape,
            [
                (BlockKind::Statement, "UNDP (Exec. Coord)", 2),
                (BlockKind::Decision, "", 1),
                (BlockKind::Statement, "UNDP (Exec. Coord)", 1),
                (BlockKind::Statement, "President", 1),
            ]
        );
        assert_eq!(minutes.decisions.len(), 1);
        assert_eq!(minutes.decisions[0].item, 1);
        let stats = minutes.stats.expect("stats");
        let undp = stats
            .attendees
            .iter()
            .find(|a| a.name.starts_with("UNDP"))
            .expect("UNDP spoke");
        assert_eq!((undp.interventions, undp.statements), (2, 3));
        let chair = &stats.attendees[0];
        assert_eq!((chair.interventions, chair.statements), (2, 3));
        assert_eq!(stats.items[0].interventions, 4);
    }

    #[test]
    fn spans_read_like_people_write_them() {
        let span = |secs| span(Duration::from_secs(secs));
        assert_eq!(span(42), "42 s");
        assert_eq!(span(245), "4 min 05 s");
        assert_eq!(span(3720), "1 h 02 min");
    }
}
