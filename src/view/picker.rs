//! The fuzzy attendee picker: type a few letters of a name, label or alias, pick with Enter.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::centered;
use crate::app::{App, Picker, PickerPurpose};
use crate::text::{truncate, width};

/// Draws the picker; where the cursor goes (after the query).
pub fn picker(frame: &mut Frame, screen: Rect, picker: &Picker, app: &App) -> Position {
    let theme = &app.theme;
    let meeting = app.meeting();
    let matches = &picker.matches;
    let height = (matches.len() as u16 + 4).clamp(5, screen.height.saturating_sub(2));
    let area = centered(screen, 56, height);
    let title = match picker.purpose {
        PickerPurpose::Queue => " Add to the queue ",
        PickerPurpose::Floor => " Give the floor to ",
        PickerPurpose::Give(_) => " Give the entry to ",
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.pane_title)
        .title(Line::styled(title, theme.pane_title));
    let inner = block.inner(area);
    let room = usize::from(inner.width);
    let prompt = "find: ";
    let mut lines = vec![Line::from(vec![
        Span::styled(prompt, theme.dim),
        Span::raw(truncate(
            &picker.query,
            room.saturating_sub(prompt.len() + 1),
        )),
    ])];
    let rows = usize::from(inner.height.saturating_sub(1));
    let first = picker.selected.saturating_sub(rows.saturating_sub(1));
    for (i, id) in matches.iter().enumerate().skip(first).take(rows) {
        let attendee = meeting.roster.get(*id);
        let text = attendee.map(|a| a.with_capacity()).unwrap_or_default();
        let mut line = Line::raw(truncate(&format!(" {text}"), room));
        if i == picker.selected {
            line = line.patch_style(theme.selected);
        }
        lines.push(line);
    }
    if matches.is_empty() {
        lines.push(Line::styled(" no attendee matches", theme.dim));
    }
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(block), area);
    let x = inner.x + u16::try_from(prompt.len() + width(&picker.query)).unwrap_or(0);
    Position::new(x.min(inner.right().saturating_sub(1)), inner.y)
}
