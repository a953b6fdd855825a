//! The frame the attendee picker and the search overlay share: a titled box cleared over the
//! screen, the `find:` line with the query, a list under it scrolled to keep the selected row
//! in view, and the cursor after the query.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::text::{truncate, width};
use crate::theme::Theme;

const PROMPT: &str = "find: ";

/// A finder being drawn: push the list's lines, then [`Finder::draw`].
pub struct Finder<'a> {
    area: Rect,
    block: Block<'a>,
    inner: Rect,
    query_width: usize,
    /// The width a list line may take.
    pub room: usize,
    /// The `find:` line, then the list's.
    pub lines: Vec<Line<'a>>,
}

impl<'a> Finder<'a> {
    pub fn new(area: Rect, title: String, query: &str, theme: &Theme) -> Finder<'a> {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.pane_title)
            .title(Line::styled(title, theme.pane_title));
        let inner = block.inner(area);
        let room = usize::from(inner.width);
        let lines = vec![Line::from(vec![
            Span::styled(PROMPT, theme.dim),
            Span::raw(truncate(query, room.saturating_sub(PROMPT.len() + 1))),
        ])];
        Finder {
            area,
            block,
            inner,
            query_width: width(query),
            room,
            lines,
        }
    }

    /// The rows of the list to show, `selected` among them: (first, how many).
    pub fn window(&self, selected: usize) -> (usize, usize) {
        let rows = usize::from(self.inner.height.saturating_sub(1));
        (selected.saturating_sub(rows.saturating_sub(1)), rows)
    }

    /// Draws the box over the screen; where the cursor goes (after the query).
    pub fn draw(self, frame: &mut Frame) -> Position {
        frame.render_widget(Clear, self.area);
        frame.render_widget(Paragraph::new(self.lines).block(self.block), self.area);
        let x = self.inner.x + u16::try_from(PROMPT.len() + self.query_width).unwrap_or(0);
        Position::new(x.min(self.inner.right().saturating_sub(1)), self.inner.y)
    }
}
