//! The minutes laid out as rows of styled text: each entry wrapped to a width, under the heading
//! of its item when the item changes. The console scrolls by these rows (`app::scroll`) and the
//! view draws them (`view::minutes`), so both read this one layout and always agree on how tall
//! an entry is.
//!
//! Only the entries that are looked at get wrapped, and wrapped entries are kept in a cache, so
//! a meeting of 100,000 entries lays out as fast as an empty one. The cache is a memo of a pure
//! function (entry, width → lines), so it lives behind a `RefCell` and readers take the layout
//! by shared reference.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use ratatui::style::Style;
use ratatui::text::Line;

use super::wrap::wrap;
use crate::meeting::{ActionEntry, EntryKind, Id, Meeting};
use crate::theme::Theme;

/// Width of the `HH:MM ` column; wrapped lines are indented by it.
pub const TIME_COLUMN: usize = 6;

struct Cached {
    width: usize,
    /// What the lines were made from, besides the text's revision: struck, done.
    revision: u32,
    struck: bool,
    done: bool,
    lines: Rc<Vec<Line<'static>>>,
}

/// Wrapped entries, by entry id.
pub struct MinutesLayout {
    theme: Theme,
    cache: RefCell<HashMap<Id, Cached>>,
}

impl MinutesLayout {
    pub fn new(theme: Theme) -> MinutesLayout {
        MinutesLayout {
            theme,
            cache: RefCell::new(HashMap::new()),
        }
    }

    /// How many entries are wrapped and kept.
    pub fn cached(&self) -> usize {
        self.cache.borrow().len()
    }

    /// The wrapped text lines of entry `index` (without its heading); none for the trailing
    /// heading block.
    pub fn entry_lines(
        &self,
        meeting: &Meeting,
        index: usize,
        width: usize,
    ) -> Rc<Vec<Line<'static>>> {
        let Some(entry) = meeting.entries.get(index) else {
            return Rc::new(Vec::new());
        };
        // What changes an entry's lines besides its text: done, and a motion's progress.
        let done = match &entry.kind {
            EntryKind::Action(action) => action.done.is_some(),
            EntryKind::Motion(_) => true,
            _ => false,
        };
        let motion_changes = matches!(entry.kind, EntryKind::Motion(_));
        if let Some(hit) = self.cache.borrow().get(&entry.id)
            && !motion_changes
            && hit.width == width
            && hit.revision == entry.revision
            && hit.struck == entry.struck
            && hit.done == done
        {
            return Rc::clone(&hit.lines);
        }
        let t = &self.theme;
        let time = entry.at.format("%H:%M ").to_string();
        let plain = Style::default();
        let mut pieces: Vec<(&str, Style)> = vec![(&time, t.dim)];
        if entry.struck {
            pieces.push(("[struck] ", t.warn));
        }
        let (label, head, tail);
        match &entry.kind {
            EntryKind::Statement { voice, request, .. } => {
                // "Point of order (Germany)" where the kind of request matters.
                label = match request {
                    Some(kind) => format!("{} ({})", kind.name(), voice.short()),
                    None => voice.label(),
                };
                pieces.extend([
                    (label.as_str(), t.speaker),
                    (": ", plain),
                    (&entry.text, plain),
                ]);
            }
            // Marked in text too: without colour a note must not read like a statement.
            EntryKind::Note => pieces.extend([("NOTE ", t.note), (&entry.text, t.note)]),
            EntryKind::Action(action) => {
                let ActionEntry {
                    owners,
                    due,
                    done,
                    number,
                    carried,
                } = &**action;
                head = match carried {
                    Some(origin) => format!(
                        "ACTION {number} (from {} #{}) ",
                        origin.meeting, origin.number
                    ),
                    None => format!("ACTION {number} "),
                };
                label = meeting.owner_names(owners);
                pieces.extend([
                    (head.as_str(), t.action),
                    (label.as_str(), t.speaker),
                    (": ", plain),
                    (&entry.text, plain),
                ]);
                tail = match (due, done) {
                    (Some(due), Some(_)) => format!(" (due {due}) ✓ done"),
                    (Some(due), None) => format!(" (due {due})"),
                    (None, Some(_)) => " ✓ done".to_string(),
                    (None, None) => String::new(),
                };
                pieces.push((&tail, t.dim));
            }
            EntryKind::Decision => pieces.extend([("DECISION ", t.decision), (&entry.text, plain)]),
            EntryKind::Motion(motion) => {
                pieces.extend([("MOTION ", t.decision), (&entry.text, plain)]);
                tail = motion_summary(meeting, motion);
                pieces.push((&tail, t.dim));
            }
        }
        if entry.revision > 0 {
            pieces.push((" (corrected)", t.dim));
        }
        if entry.struck {
            for piece in pieces.iter_mut().skip(2) {
                piece.1 = piece.1.patch(t.struck);
            }
        }
        let lines = Rc::new(wrap(&pieces, width, TIME_COLUMN));
        self.cache.borrow_mut().insert(
            entry.id,
            Cached {
                width,
                revision: entry.revision,
                struck: entry.struck,
                done,
                lines: Rc::clone(&lines),
            },
        );
        lines
    }

    /// How many blocks the minutes have: one per entry, and one more for the heading of the
    /// item under discussion when nothing is recorded under it yet.
    pub fn blocks(&self, meeting: &Meeting) -> usize {
        meeting.entries.len() + usize::from(trailing_item(meeting).is_some())
    }

    /// The heading rows that open entry `index`'s block: a blank line and the item's title when
    /// the item changes from the entry before.
    pub fn heading(&self, meeting: &Meeting, index: usize, width: usize) -> Vec<Line<'static>> {
        let previous = index.checked_sub(1).and_then(|i| meeting.entries.get(i));
        let item = match meeting.entries.get(index) {
            Some(entry) if previous.is_some_and(|p| p.item == entry.item) => return Vec::new(),
            Some(entry) => entry.item,
            None if index == meeting.entries.len() => trailing_item(meeting),
            None => None,
        };
        let Some(item) = item.and_then(|id| meeting.agenda.get(id)) else {
            return Vec::new();
        };
        let number = meeting.agenda.number(item.id).unwrap_or(0);
        let title = format!("Item {number} · {}", item.title);
        let mut rows = Vec::new();
        if previous.is_some() {
            rows.push(Line::default());
        }
        rows.extend(wrap(&[(&title, self.theme.heading)], width, 2));
        rows
    }

    /// Rows of entry `index`'s block: its heading, if it opens one, and its lines.
    pub fn block_height(&self, meeting: &Meeting, index: usize, width: usize) -> usize {
        self.heading(meeting, index, width).len() + self.entry_lines(meeting, index, width).len()
    }
}

/// The item under discussion when nothing is recorded under it since it was taken up: its
/// heading closes the minutes.
fn trailing_item(meeting: &Meeting) -> Option<Id> {
    let current = meeting.agenda.current_id()?;
    match meeting.entries.last() {
        Some(last) if last.item == Some(current) => None,
        _ => Some(current),
    }
}

/// " (moved by Norway, seconded by Chile; carried 12–3–1)" for a motion in the minutes pane.
fn motion_summary(meeting: &Meeting, motion: &crate::meeting::Motion) -> String {
    let mut parts = Vec::new();
    if let Some(mover) = motion.mover {
        parts.push(format!("moved by {}", meeting.roster.name(mover)));
    }
    if let Some(seconder) = motion.seconder {
        parts.push(format!("seconded by {}", meeting.roster.name(seconder)));
    }
    if !motion.amended_from.is_empty() {
        parts.push("amended".to_string());
    }
    match (motion.outcome, motion.vote) {
        (Some(outcome), Some(vote)) => parts.push(format!("{} {}", outcome.name(), vote.tally())),
        (Some(outcome), None) => parts.push(outcome.name().to_string()),
        (None, _) => parts.push("open".to_string()),
    }
    format!(" ({})", parts.join("; "))
}
