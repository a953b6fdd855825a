//! The minutes pane: entries grouped under item headings, following the newest entry or
//! scrolled back, the selected entry highlighted and entries not yet on disk marked. The rows
//! come from the shared layout ([`crate::layout::minutes`]); only the visible ones are drawn.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::Ctx;
use crate::app::scroll::{Pane, Scroll};
use crate::app::{App, Mode};
use crate::layout::inner_size;
use crate::layout::minutes::TIME_COLUMN;
use crate::layout::wrap::wrap;
use crate::theme::Theme;

/// Draws the minutes pane.
pub fn minutes(frame: &mut Frame, area: Rect, app: &App, ctx: &Ctx) {
    let theme = ctx.theme;
    let title = match app.scroll {
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
    let meeting = ctx.meeting;
    let pane = Pane {
        layout: &app.minutes_layout,
        meeting,
        width,
        height,
    };
    let selected = match app.mode {
        Mode::Select { index } => Some(index),
        _ => None,
    };
    let saved = app.saved();
    let mut rows: Vec<Line> = Vec::with_capacity(height);
    if pane.blocks() == 0 {
        let hint = if ctx.live {
            "No entries yet: type what is said and press Enter. F1 for help."
        } else {
            "No entries yet."
        };
        rows.extend(wrap(&[(hint, theme.dim)], width, 0));
    } else {
        let top = pane.top(app.scroll);
        let mut skip = top.line;
        let mut index = top.entry;
        while rows.len() < height && index < pane.blocks() {
            let heading = pane.layout.heading(meeting, index, width);
            let lines = pane.layout.entry_lines(meeting, index, width);
            let highlight = selected == Some(index);
            let unsaved = meeting
                .entries
                .get(index)
                .is_some_and(|e| (e.id.0 as usize) >= saved);
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
