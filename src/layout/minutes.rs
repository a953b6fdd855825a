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
use crate::meeting::{EntryKind, Id, Meeting};
use crate::theme::Theme;

/// Width of the `HH:MM ` column; wrapped lines are indented by it.
pub const TIME_COLUMN: usize = 6;

struct Cached {
    width: usize,
    revision: u32,
    /// The speaker label or owner name the lines were made with (the chair can change).
    label: String,
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

    /// The wrapped text lines of entry `index` (without its heading).
    pub fn entry_lines(
        &self,
        meeting: &Meeting,
        index: usize,
        width: usize,
    ) -> Rc<Vec<Line<'static>>> {
        let Some(entry) = meeting.entries.get(index) else {
            return Rc::new(Vec::new());
        };
        let label = match &entry.kind {
            EntryKind::Statement { speaker } => meeting.speaker_label(*speaker),
            EntryKind::Action { owner, .. } => meeting.owner_name(owner),
            EntryKind::Note | EntryKind::Decision => String::new(),
        };
        if let Some(hit) = self.cache.borrow().get(&entry.id)
            && hit.width == width
            && hit.revision == entry.revision
            && hit.label == label
        {
            return Rc::clone(&hit.lines);
        }
        let t = &self.theme;
        let time = entry.at.format("%H:%M ").to_string();
        let plain = Style::default();
        let mut pieces: Vec<(&str, Style)> = vec![(&time, t.dim)];
        let due;
        match &entry.kind {
            EntryKind::Statement { .. } => {
                pieces.extend([
                    (label.as_str(), t.speaker),
                    (": ", plain),
                    (&entry.text, plain),
                ]);
            }
            EntryKind::Note => pieces.push((&entry.text, t.note)),
            EntryKind::Action { due: when, .. } => {
                pieces.extend([
                    ("ACTION ", t.action),
                    (label.as_str(), t.speaker),
                    (": ", plain),
                    (&entry.text, plain),
                ]);
                if let Some(when) = when {
                    due = format!(" (due {when})");
                    pieces.push((&due, t.dim));
                }
            }
            EntryKind::Decision => pieces.extend([("DECISION ", t.decision), (&entry.text, plain)]),
        }
        if entry.revision > 0 {
            pieces.push((" (corrected)", t.dim));
        }
        let lines = Rc::new(wrap(&pieces, width, TIME_COLUMN));
        self.cache.borrow_mut().insert(
            entry.id,
            Cached {
                width,
                revision: entry.revision,
                label,
                lines: Rc::clone(&lines),
            },
        );
        lines
    }

    /// The heading rows that open entry `index`'s block: a blank line and the item's title when
    /// the item changes from the entry before.
    pub fn heading(&self, meeting: &Meeting, index: usize, width: usize) -> Vec<Line<'static>> {
        let Some(entry) = meeting.entries.get(index) else {
            return Vec::new();
        };
        let previous = index.checked_sub(1).and_then(|i| meeting.entries.get(i));
        if previous.is_some_and(|p| p.item == entry.item) {
            return Vec::new();
        }
        let Some(item) = entry.item.and_then(|id| meeting.agenda.get(id)) else {
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
