//! How the minutes pane is scrolled: following the newest entries, or held at a position, and
//! the arithmetic that moves it (by rows, by pages, to show a chosen entry). Heights come from
//! the shared [`MinutesLayout`], so what the console scrolls by is exactly what the view draws.

use crate::layout::minutes::MinutesLayout;
use crate::meeting::Meeting;

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

/// The minutes as the scrolling sees them: the layout, the meeting and the pane's inner size.
pub struct Pane<'a> {
    pub layout: &'a MinutesLayout,
    pub meeting: &'a Meeting,
    pub width: usize,
    pub height: usize,
}

impl Pane<'_> {
    fn block_height(&self, index: usize) -> usize {
        self.layout.block_height(self.meeting, index, self.width)
    }

    /// How many blocks there are to scroll through.
    pub fn blocks(&self) -> usize {
        self.layout.blocks(self.meeting)
    }

    /// The top position when following the newest entry.
    pub fn follow_top(&self) -> Position {
        let mut remaining = self.height;
        for index in (0..self.blocks()).rev() {
            let h = self.block_height(index);
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

    /// The top position a scroll stands for.
    pub fn top(&self, scroll: Scroll) -> Position {
        match scroll {
            Scroll::Follow => self.follow_top(),
            Scroll::At(pos) => pos,
        }
    }

    /// Scrolls by `delta` rows (negative: back in time). Reaching the newest entries follows
    /// them again.
    pub fn scroll_by(&self, scroll: Scroll, delta: isize) -> Scroll {
        let last = self.follow_top();
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
                pos.line = self.block_height(pos.entry);
            }
        } else {
            pos.line += delta.unsigned_abs();
            while pos < last {
                let h = self.block_height(pos.entry);
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
    pub fn reveal(&self, scroll: Scroll, index: usize) -> Scroll {
        let top = self.top(scroll);
        // The entry's first row, and where to put the top when scrolling up to it: its item
        // heading too, when it opens one (without the blank row above the heading).
        let heading = self.layout.heading(self.meeting, index, self.width).len();
        let entry_start = Position {
            entry: index,
            line: heading,
        };
        let shown_from = Position {
            entry: index,
            line: usize::from(heading > 0 && index > 0),
        };
        if entry_start < top {
            return self.scroll_by(Scroll::At(shown_from), 0);
        }
        // Rows from the top of the pane to the end of the entry.
        let mut rows = 0;
        let mut i = top.entry;
        while i <= index && i < self.blocks() {
            rows += self.block_height(i);
            i += 1;
        }
        rows = rows.saturating_sub(top.line);
        if rows <= self.height {
            return scroll;
        }
        // Never push the entry's first line above the top.
        let down = (rows - self.height).min(self.rows_between(top, entry_start));
        self.scroll_by(Scroll::At(top), down as isize)
    }

    fn rows_between(&self, from: Position, to: Position) -> usize {
        let rows: usize = (from.entry..to.entry).map(|i| self.block_height(i)).sum();
        (rows + to.line).saturating_sub(from.line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::MeetingBuilder;
    use crate::theme::Theme;

    fn meeting_with(entries: usize, words: usize) -> Meeting {
        let mut b = MeetingBuilder::new();
        let item = b.item("Welcome");
        b.take_up(item);
        for i in 0..entries {
            b.note(&format!("entry {i} {}", "word ".repeat(words)));
        }
        b.meeting()
    }

    fn pane<'a>(layout: &'a MinutesLayout, meeting: &'a Meeting) -> Pane<'a> {
        Pane {
            layout,
            meeting,
            width: 40,
            height: 10,
        }
    }

    #[test]
    fn follow_shows_the_newest_and_scrolling_back_returns() {
        let meeting = meeting_with(50, 0);
        let layout = MinutesLayout::new(Theme::new(false));
        let pane = pane(&layout, &meeting);
        assert_eq!(pane.follow_top(), Position { entry: 40, line: 0 });
        let back = pane.scroll_by(Scroll::Follow, -5);
        assert_eq!(back, Scroll::At(Position { entry: 35, line: 0 }));
        assert_eq!(pane.scroll_by(back, 5), Scroll::Follow);
        let top_of_all = pane.scroll_by(back, -1000);
        assert_eq!(top_of_all, Scroll::At(Position { entry: 0, line: 0 }));
    }

    #[test]
    fn only_visible_entries_are_wrapped() {
        let meeting = meeting_with(10_000, 30);
        let layout = MinutesLayout::new(Theme::new(false));
        let pane = Pane {
            layout: &layout,
            meeting: &meeting,
            width: 60,
            height: 20,
        };
        assert!(pane.follow_top().entry > 9_990);
        assert!(layout.cached() <= 10, "wrapped {} entries", layout.cached());
    }

    #[test]
    fn reveal_brings_an_entry_into_view() {
        let meeting = meeting_with(50, 0);
        let layout = MinutesLayout::new(Theme::new(false));
        let pane = pane(&layout, &meeting);
        let scroll = pane.reveal(Scroll::Follow, 10);
        assert_eq!(scroll, Scroll::At(Position { entry: 10, line: 0 }));
        // Already visible: nothing moves.
        assert_eq!(pane.reveal(scroll, 12), scroll);
        // Below the pane: scrolls just enough.
        assert_eq!(
            pane.reveal(scroll, 25),
            Scroll::At(Position { entry: 16, line: 0 })
        );
    }
}
