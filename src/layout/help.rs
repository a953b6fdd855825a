//! The help overlay's text laid out as lines: a column of keys (or command usages) and what
//! they do. Shared by the console (to scroll within it) and the view (to draw it).

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::wrap::wrap;

use crate::theme::Theme;

/// One line of the help, before it is laid out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    Heading(&'static str),
    Text(String),
    /// Keys (or a command's usage) and what they do.
    Row {
        keys: String,
        help: String,
    },
    Blank,
}

/// Width of the first column.
const COLUMN: usize = 24;

/// What every line but a heading starts with.
const INDENT: &str = "  ";

/// Widest the overlay gets.
pub const MAX_WIDTH: u16 = 84;

/// The overlay's inner width in a window `screen_width` wide.
pub fn inner_width(screen_width: u16) -> usize {
    usize::from(screen_width.min(MAX_WIDTH).saturating_sub(2)).max(1)
}

/// The help's lines at `width`: text and the help column wrap; a key or usage too wide for its
/// column gets a line of its own.
pub fn lines(parts: &[Part], theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let plain = Style::default();
    // Everything but headings is indented by two cells.
    let room = width.saturating_sub(INDENT.len()).max(1);
    let column = if room >= COLUMN + 20 { COLUMN } else { 2 };
    let indented = |lines: Vec<Line<'static>>| {
        lines.into_iter().map(|mut line| {
            line.spans.insert(0, Span::raw(INDENT));
            line
        })
    };
    for part in parts {
        match part {
            Part::Heading(title) => out.push(Line::styled(*title, theme.pane_title)),
            Part::Blank => out.push(Line::default()),
            Part::Text(text) => out.extend(indented(wrap(&[(text, plain)], room, 0))),
            Part::Row { keys, help } if crate::text::width(keys) >= column => {
                out.extend(indented(wrap(&[(keys, theme.key)], room, 2)));
                let pad = " ".repeat(column);
                out.extend(indented(wrap(
                    &[(&pad, plain), (help, plain)],
                    room,
                    column,
                )));
            }
            Part::Row { keys, help } => {
                let keys = format!("{keys:<column$}");
                out.extend(indented(wrap(
                    &[(&keys, theme.key), (help, plain)],
                    room,
                    column,
                )));
            }
        }
    }
    out
}
