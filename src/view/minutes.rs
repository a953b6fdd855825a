//! The minutes pane: entries grouped under item headings, following the newest entry or
//! scrolled back. Only the visible entries are wrapped and drawn, and wrapped entries are kept
//! in a cache, so a meeting of 10,000 entries draws as fast as an empty one.
//!
//! The cache is a memo of a pure function (entry, width → lines), so it lives behind a
//! `RefCell` and the view still takes the app by shared reference.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::theme::Theme;
use super::wrap::wrap;
use crate::meeting::{EntryKind, Id, Meeting};

/// Where the top row of the pane is: a line of an entry's block (heading rows included).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub entry: usize,
    pub line: usize,
}

/// How the pane is scrolled.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Scroll {
    /// Showing the newest entries.
    #[default]
    Follow,
    /// Scrolled back, with this position at the top.
    At(Position),
}

/// Width of the `HH:MM ` column; wrapped lines are indented by it.
const TIME_COLUMN: usize = 6;

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
    fn entry_lines(&self, meeting: &Meeting, index: usize, width: usize) -> Rc<Vec<Line<'static>>> {
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
    fn heading(&self, meeting: &Meeting, index: usize, width: usize) -> Vec<Line<'static>> {
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

    fn block_height(&self, meeting: &Meeting, index: usize, width: usize) -> usize {
        self.heading(meeting, index, width).len() + self.entry_lines(meeting, index, width).len()
    }

    /// The top position when following the newest entry in a pane of `height` rows.
    pub fn follow_top(&self, meeting: &Meeting, width: usize, height: usize) -> Position {
        let mut remaining = height;
        for index in (0..meeting.entries.len()).rev() {
            let h = self.block_height(meeting, index, width);
            if h >= remaining {
                return Position {
                    entry: index,
                    line: h - remaining,
                };
            }
            remaining -= h;
        }
        Position { entry: 0, line: 0 }
    }

    /// Scrolls by `delta` rows (negative: back in time). Reaching the newest entries follows
    /// them again.
    pub fn scroll_by(
        &self,
        meeting: &Meeting,
        (width, height): (usize, usize),
        scroll: Scroll,
        delta: isize,
    ) -> Scroll {
        let last = self.follow_top(meeting, width, height);
        let mut pos = match scroll {
            Scroll::Follow => last,
            Scroll::At(pos) => pos.min(last),
        };
        if delta < 0 {
            let mut up = delta.unsigned_abs();
            while up > 0 {
                if pos.line >= up {
                    pos.line -= up;
                    break;
                }
                up -= pos.line;
                if pos.entry == 0 {
                    pos.line = 0;
                    break;
                }
                pos.entry -= 1;
                pos.line = self.block_height(meeting, pos.entry, width);
            }
        } else {
            pos.line += delta.unsigned_abs();
            while pos < last {
                let h = self.block_height(meeting, pos.entry, width);
                if pos.line < h {
                    break;
                }
                pos.line -= h;
                pos.entry += 1;
            }
        }
        if pos >= last {
            Scroll::Follow
        } else {
            Scroll::At(pos)
        }
    }

    /// The scroll that shows entry `index` whole (or its start, when it is taller than the
    /// pane), moving as little as possible.
    pub fn reveal(
        &self,
        meeting: &Meeting,
        (width, height): (usize, usize),
        scroll: Scroll,
        index: usize,
    ) -> Scroll {
        let top = match scroll {
            Scroll::Follow => self.follow_top(meeting, width, height),
            Scroll::At(pos) => pos,
        };
        // The entry's first row, and where to put the top when scrolling up to it: its item
        // heading too, when it opens one (without the blank row above the heading).
        let heading = self.heading(meeting, index, width).len();
        let entry_start = Position {
            entry: index,
            line: heading,
        };
        let shown_from = Position {
            entry: index,
            line: usize::from(heading > 0 && index > 0),
        };
        if entry_start < top {
            return self.scroll_by(meeting, (width, height), Scroll::At(shown_from), 0);
        }
        // Rows from the top of the pane to the end of the entry.
        let mut rows = 0;
        let mut i = top.entry;
        while i <= index && i < meeting.entries.len() {
            rows += self.block_height(meeting, i, width);
            i += 1;
        }
        rows = rows.saturating_sub(top.line);
        if rows <= height {
            return scroll;
        }
        let down = (rows - height).min(
            // never push the entry's first line above the top
            self.rows_between(meeting, width, top, entry_start),
        );
        self.scroll_by(meeting, (width, height), Scroll::At(top), down as isize)
    }

    fn rows_between(&self, meeting: &Meeting, width: usize, from: Position, to: Position) -> usize {
        let mut rows = 0;
        for i in from.entry..to.entry {
            rows += self.block_height(meeting, i, width);
        }
        (rows + to.line).saturating_sub(from.line)
    }
}

/// What the minutes pane needs to draw itself.
pub struct MinutesView<'a> {
    pub meeting: &'a Meeting,
    pub layout: &'a MinutesLayout,
    pub scroll: Scroll,
    pub selected: Option<usize>,
    /// How many events of the log are on disk (later entries are marked).
    pub saved: usize,
    /// Entries can be typed here (not a replay or a follow view): the empty pane says how.
    pub live: bool,
}

/// The inner size of the minutes pane for a pane area (borders taken off).
pub fn inner_size(area: Rect) -> (usize, usize) {
    (
        usize::from(area.width.saturating_sub(2)).max(1),
        usize::from(area.height.saturating_sub(2)).max(1),
    )
}

/// Draws the minutes pane.
pub fn minutes(frame: &mut Frame, area: Rect, view: &MinutesView, theme: &Theme) {
    let title = match view.scroll {
        Scroll::Follow => Line::styled(" Minutes ", theme.pane_title),
        Scroll::At(_) => Line::from(vec![
            Span::styled(" Minutes ", theme.pane_title),
            Span::styled("· scrolled back, Esc for the newest ", theme.warn),
        ]),
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(title);
    let (width, height) = inner_size(area);
    let meeting = view.meeting;
    let layout = view.layout;
    let mut rows: Vec<Line> = Vec::with_capacity(height);
    if meeting.entries.is_empty() {
        let hint = if view.live {
            "No entries yet: type what is said and press Enter. F1 for help."
        } else {
            "No entries yet."
        };
        rows.extend(wrap(&[(hint, theme.dim)], width, 0));
    } else {
        let top = match view.scroll {
            Scroll::Follow => layout.follow_top(meeting, width, height),
            Scroll::At(pos) => pos,
        };
        let mut skip = top.line;
        let mut index = top.entry;
        while rows.len() < height && index < meeting.entries.len() {
            let heading = layout.heading(meeting, index, width);
            let lines = layout.entry_lines(meeting, index, width);
            let highlight = view.selected == Some(index);
            let unsaved = (meeting.entries[index].id.0 as usize) >= view.saved;
            let block = heading
                .into_iter()
                .chain(lines.iter().enumerate().map(|(i, line)| {
                    let mut line = line.clone();
                    if unsaved && i == 0 {
                        line = mark_unsaved(line, theme);
                    }
                    if highlight {
                        line = line.patch_style(theme.selected);
                    }
                    line
                }));
            for line in block {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                if rows.len() == height {
                    break;
                }
                rows.push(line);
            }
            index += 1;
        }
    }
    frame.render_widget(Paragraph::new(rows).block(block), area);
}

/// Puts a `*` in place of the space after the time of an entry not yet on disk.
fn mark_unsaved(mut line: Line<'static>, theme: &Theme) -> Line<'static> {
    let Some(first) = line.spans.first() else {
        return line;
    };
    if first.content.len() < TIME_COLUMN || !first.content.is_char_boundary(TIME_COLUMN) {
        return line;
    }
    let style = first.style;
    let time = first.content[..TIME_COLUMN - 1].to_string();
    let rest = first.content[TIME_COLUMN..].to_string();
    let mut spans = vec![Span::styled(time, style), Span::styled("*", theme.warn)];
    if !rest.is_empty() {
        spans.push(Span::styled(rest, style));
    }
    spans.extend(line.spans.drain(1..));
    line.spans = spans;
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::{Event, Log, Stamped};

    fn meeting_with(entries: usize, words: usize) -> Meeting {
        let at = chrono::DateTime::parse_from_rfc3339("2012-02-28T10:00:00+01:00").unwrap();
        let mut events = vec![
            Stamped {
                at,
                event: Event::ItemAdded {
                    title: "Welcome".into(),
                },
            },
            Stamped {
                at,
                event: Event::ItemTakenUp { item: Id(0) },
            },
        ];
        for i in 0..entries {
            events.push(Stamped {
                at,
                event: Event::NoteRecorded {
                    text: format!("entry {i} {}", "word ".repeat(words)),
                },
            });
        }
        Log::new(events).meeting().clone()
    }

    #[test]
    fn follow_shows_the_newest_and_scrolling_back_returns() {
        let meeting = meeting_with(50, 0);
        let layout = MinutesLayout::new(Theme::new(false));
        let size = (40, 10);
        let top = layout.follow_top(&meeting, size.0, size.1);
        assert_eq!(top, Position { entry: 40, line: 0 });
        let back = layout.scroll_by(&meeting, size, Scroll::Follow, -5);
        assert_eq!(back, Scroll::At(Position { entry: 35, line: 0 }));
        assert_eq!(layout.scroll_by(&meeting, size, back, 5), Scroll::Follow);
        let top_of_all = layout.scroll_by(&meeting, size, back, -1000);
        assert_eq!(top_of_all, Scroll::At(Position { entry: 0, line: 0 }));
    }

    #[test]
    fn only_visible_entries_are_wrapped() {
        let meeting = meeting_with(10_000, 30);
        let layout = MinutesLayout::new(Theme::new(false));
        let top = layout.follow_top(&meeting, 60, 20);
        assert!(top.entry > 9_990);
        assert!(layout.cached() <= 10, "wrapped {} entries", layout.cached());
    }

    #[test]
    fn reveal_brings_an_entry_into_view() {
        let meeting = meeting_with(50, 0);
        let layout = MinutesLayout::new(Theme::new(false));
        let size = (40, 10);
        let scroll = layout.reveal(&meeting, size, Scroll::Follow, 10);
        assert_eq!(scroll, Scroll::At(Position { entry: 10, line: 0 }));
        // Already visible: nothing moves.
        assert_eq!(layout.reveal(&meeting, size, scroll, 12), scroll);
        // Below the pane: scrolls just enough.
        assert_eq!(
            layout.reveal(&meeting, size, scroll, 25),
            Scroll::At(Position { entry: 16, line: 0 })
        );
    }
}
