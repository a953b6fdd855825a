//! The fuzzy attendee picker: type a few letters of a name, label or alias, pick with Enter.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::Line;

use super::centered;
use super::finder::Finder;
use crate::app::{App, Picker, PickerPurpose};
use crate::text::truncate;

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
    let mut finder = Finder::new(area, title.to_string(), &picker.query, theme);
    let room = finder.room;
    let (first, rows) = finder.window(picker.selected);
    for (i, id) in matches.iter().enumerate().skip(first).take(rows) {
        let attendee = meeting.roster.get(*id);
        let text = attendee.map(|a| a.with_capacity()).unwrap_or_default();
        let mut line = Line::raw(truncate(&format!(" {text}"), room));
        if i == picker.selected {
            line = line.patch_style(theme.selected);
        }
        finder.lines.push(line);
    }
    if matches.is_empty() {
        finder
            .lines
            .push(Line::styled(" no attendee matches", theme.dim));
    }
    finder.draw(frame)
}
