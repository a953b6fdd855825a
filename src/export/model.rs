//! The minutes as a document, before any format: what the reader of the minutes sees, built once
//! from a folded [`Meeting`] and rendered by every format (the templates see exactly these
//! fields, DOCX reads them in Rust). Every string in it has passed through [`crate::text`] again
//! on its way out, so no control character or bidi override from a hand-edited meeting file
//! reaches an export, and every word the meeting did not supply comes from the language's
//! [`Catalogue`]. It never formats for a particular output: escaping and layout belong to the
//! formats. The meeting is read through [`super::source`], one function per datum.
//!
//! The rules it applies (the module doc of [`crate::export`] says why):
//! - an entry goes under the item that was current when it was recorded; entries recorded
//!   before any item was taken up go to the [`Minutes::opening`] section; struck entries are
//!   left out;
//! - the chair's introduction of a section is the leading run of the chair's statements and of
//!   notes, up to the first statement by anyone else or the first decision;
//! - in the discussion, consecutive statements by the same speaker form one [`Block`] under one
//!   label; a note or a decision in between starts a new block;
//! - actions are not part of the flow: they are collected in [`Minutes::actions`] with their
//!   item; decisions stay in the flow and are also collected, numbered, in
//!   [`Minutes::decisions`];
//! - a multi-line entry becomes one [`Paragraph`] per non-empty line, except that lines typed
//!   as list items (`- `, `* `, `• `, `1. `, `1) `) become a [`List`] under the paragraph
//!   before them; a one-line entry is always a paragraph, whatever it starts with;
//! - with numbered paragraphs, every paragraph of the introductions and discussions gets the
//!   next number, across the whole document.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

pub use super::build::{build, motion_line, paragraphs, span};
/// The whole document.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Minutes {
    /// The language tag of the document (`en-GB`, `fr-FR`).
    pub lang: String,
    /// Every label of the language, by key (`labels.attendees` in a template).
    pub labels: BTreeMap<String, String>,
    /// The meeting's title, or the label "Minutes" when none was set.
    pub title: String,
    pub subtitle: String,
    /// The document symbol ("WG.12/2026/1"), or empty.
    pub symbol: String,
    pub status: Option<DocStatus>,
    /// The status in words ("Draft"), or empty.
    pub status_label: String,
    /// The mark on every page of a draft ("DRAFT"), or empty for anything but a draft.
    pub draft_mark: String,
    /// What the running header of every page shows: the symbol, else the title.
    pub running_header: String,
    /// The date of issue ("13 March 2026"), or empty.
    pub issued: String,
    /// "Thursday 12 March 2026", or empty.
    pub date: String,
    /// "10:00", or empty.
    pub time: String,
    pub place: String,
    /// The chair's name (their capacity is in the attendance), or empty.
    pub chair: String,
    /// The attendance, by group: an untitled group first for the attendees in none.
    pub attendance: Vec<Group>,
    /// `Name (Capacity)` for everyone on the roster, in roster order (as in `attendance`,
    /// without the groups; kept for templates written before the groups).
    pub attendees: Vec<String>,
    pub regrets: Vec<String>,
    /// The adopted agenda.
    pub agenda: Vec<AgendaLine>,
    /// When the meeting was called to order ("10:02"), or empty.
    pub opened: String,
    /// Entries recorded before any item was taken up.
    pub opening: Option<Section>,
    /// One section per agenda item, in agenda order, discussed or not.
    pub items: Vec<Section>,
    pub actions: Vec<ActionPoint>,
    pub decisions: Vec<DecisionPoint>,
    /// When the meeting rose ("11:44"), or empty while it is open.
    pub closed: String,
    /// The minute-takers.
    pub prepared_by: Vec<String>,
    /// For final minutes: when they were approved and who signs.
    pub approval: Option<Approval>,
    /// Whether the paragraphs carry numbers ([`Paragraph::number`]).
    pub numbered: bool,
    /// Present with `--stats`.
    pub stats: Option<Stats>,
}

/// Draft or final minutes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DocStatus {
    Draft,
    Final,
}

impl DocStatus {
    /// `draft` or `final`, in any case.
    pub fn from_name(name: &str) -> Option<DocStatus> {
        match name.trim().to_ascii_lowercase().as_str() {
            "draft" => Some(DocStatus::Draft),
            "final" => Some(DocStatus::Final),
            _ => None,
        }
    }

    pub(super) fn key(self) -> &'static str {
        match self {
            DocStatus::Draft => "status.draft",
            DocStatus::Final => "status.final",
        }
    }
}

/// A group of the attendance ("Members", "Observers").
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Group {
    /// The group's heading; empty for the attendees in no group.
    pub title: String,
    pub attendees: Vec<Present>,
}

/// An attendee as the attendance lists them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Present {
    pub name: String,
    pub capacity: String,
    /// `Name (Capacity)`, or the name.
    pub text: String,
    /// When they joined after the start ("10:25"), or empty.
    pub joined: String,
    /// When they left before the end, or empty.
    pub left: String,
    /// Both in words ("joined at 10:25, left at 11:30"), or empty.
    pub presence: String,
}

/// A line of the adopted agenda.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct AgendaLine {
    pub number: usize,
    pub title: String,
    /// The id of the item's section (`item-3`).
    pub anchor: String,
}

/// An agenda item (or the opening) with what was said under it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Section {
    /// 1-based; 0 for the opening.
    pub number: usize,
    pub title: String,
    /// The heading in words: "Agenda Item 2 – Title", "Opening".
    pub heading: String,
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
    /// The speaker label (`Name (LABEL)`, `Name`, or the chair's capacity); for a decision,
    /// "Decision" or "Decision 12/1"; empty for notes.
    pub label: String,
    /// What kind of statement it was, in words ("On a point of order"), or empty.
    pub prefix: String,
    /// A decision's number ("12/1"); empty for the rest.
    pub reference: String,
    pub paragraphs: Vec<Paragraph>,
}

/// One paragraph of text: a line of an entry, with the list typed under it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Paragraph {
    /// Empty when the entry starts with a list. Shared with the entry when the entry is one
    /// clean line (most are): the text is held once.
    pub text: Arc<str>,
    /// With `--times`, when the entry was recorded ("10:03") on its first paragraph; else empty.
    pub time: String,
    /// With numbered paragraphs, the paragraph's number; else 0.
    pub number: usize,
    /// Boxed: most paragraphs have none.
    pub list: Option<Box<List>>,
}

/// A list typed in an entry.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct List {
    pub ordered: bool,
    /// The number of the first item of an ordered list.
    pub start: usize,
    pub items: Vec<String>,
}

/// Whether an action is still to be done.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ActionStatus {
    #[default]
    Open,
    Done,
}

/// An action point, numbered in the order they were recorded.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ActionPoint {
    pub number: usize,
    /// The owners, joined by ", ".
    pub owner: String,
    pub owners: Vec<String>,
    /// The action's text; lines of a multi-line entry are joined by `\n`.
    pub text: String,
    /// "27 March 2026", or empty.
    pub due: String,
    /// The agenda item's number, or 0 when it was recorded before any item.
    pub item: usize,
    pub time: String,
    /// The status in words ("Open").
    pub status: String,
    pub done: bool,
}

/// A decision, numbered in the order they were taken.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct DecisionPoint {
    pub number: usize,
    /// Its number as printed: "12/1" (see [`DecisionNumbers`]).
    pub reference: String,
    /// Lines of a multi-line entry are joined by `\n`.
    pub text: String,
    /// The agenda item's number, or 0 when it was taken before any item.
    pub item: usize,
    pub time: String,
    /// The motion it carried, in one line ("Moved by Norway, seconded by Chile; 12 in favour,
    /// 2 against, 1 abstention; carried"), or empty.
    pub motion: String,
}

/// A motion and what became of it (filled from the meeting once it records motions).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Motion {
    pub mover: Option<String>,
    pub seconder: Option<String>,
    pub vote: Option<Vote>,
    pub outcome: Option<Outcome>,
}

/// A vote: in favour, against, abstentions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Vote {
    pub favour: u32,
    pub against: u32,
    pub abstentions: u32,
}

/// What became of a motion.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Carried,
    Failed,
    Withdrawn,
    Consensus,
}

/// The kind of request a statement answered, printed before its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatementKind {
    PointOfOrder,
    Question,
    Reply,
}

impl StatementKind {
    pub(super) fn key(self) -> &'static str {
        match self {
            StatementKind::PointOfOrder => "kind.point_of_order",
            StatementKind::Question => "kind.question",
            StatementKind::Reply => "kind.reply",
        }
    }
}

/// The approval block of final minutes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Approval {
    /// When they were approved ("20 March 2026"), or empty for a line to fill in.
    pub approved_on: String,
    pub signatures: Vec<Signature>,
}

/// A signature line.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Signature {
    /// In what capacity they sign ("Chair").
    pub role: String,
    /// Who signs, or empty.
    pub name: String,
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
    /// Every speaking limit set, lifted or extended, in order: "10:05 · 3 min for everyone".
    pub limits: Vec<String>,
    /// Every turn that went beyond its limit, in order.
    pub overruns: Vec<OverrunStats>,
}

/// A turn at the floor beyond its limit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OverrunStats {
    /// When the turn ended ("10:42").
    pub time: String,
    /// `Name (Capacity)`.
    pub name: String,
    /// The agenda item's number, 0 outside any.
    pub item: usize,
    /// By how much ("1 min 05 s").
    pub over: String,
    /// The turn's limit, extensions included ("3 min").
    pub limit: String,
    /// How much it was extended during the turn, or empty.
    pub extended: String,
    /// The whole line in the language of the minutes: "10:42 · Norway (item 2): 1 min 05 s
    /// over a limit of 3 min, extended by 1 min".
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AttendeeStats {
    /// `Name (Capacity)`.
    pub name: String,
    /// Runs of consecutive statements (each labelled block, and the chair's introduction).
    pub interventions: usize,
    /// "3 interventions", in the language of the minutes.
    pub interventions_text: String,
    /// Statements recorded.
    pub statements: usize,
    pub statements_text: String,
    /// Time holding the floor, formatted ("4 min 05 s").
    pub speaking: String,
    pub speaking_seconds: u64,
    /// Turns beyond the speaking limit.
    pub overruns: usize,
    /// "1 overrun", or empty when none.
    pub overruns_text: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ItemStats {
    pub number: usize,
    pub title: String,
    /// Time the item was under discussion, formatted.
    pub time: String,
    pub seconds: u64,
    /// The time planned for it (`~20m`), formatted, or empty.
    pub planned: String,
    /// "20 min planned", or empty.
    pub planned_text: String,
    pub interventions: usize,
    pub interventions_text: String,
    /// Speakers with at least one statement under the item.
    pub speakers: usize,
    pub speakers_text: String,
}
