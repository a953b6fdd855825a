//! The composer pane: the text being typed, under a rule that says where Enter will put it
//! (which speaker, a note, a command, a correction).

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders};

use crate::app::{App, Mode};
use crate::command::decide::attributed;

/// Where Enter puts what is typed, for the rule above the composer.
fn target(app: &App) -> String {
    let meeting = app.meeting();
    let current = || match meeting.floor {
        Some(floor) => format!("→ {}", meeting.speaker_label(floor.attendee)),
        None if meeting.closed.is_some() => "→ note (the meeting is closed)".to_string(),
        None => "→ note (nobody has the floor)".to_string(),
    };
    if !app.is_live() {
        return match (&app.writer, meeting.closed) {
            (_, Some(at)) => format!(
                "read-only: the meeting was closed at {}",
                at.format("%H:%M")
            ),
            (Some(who), None) => format!("read-only: minuted by {who}"),
            (None, None) => "read-only: nobody is minuting this meeting now".to_string(),
        };
    }
    if let Mode::Edit { entry } = &app.mode {
        return match meeting.entry(*entry) {
            Some(e) => format!("correcting the entry of {}", e.at.format("%H:%M")),
            None => "correcting an entry".to_string(),
        };
    }
    let text = app.composer.text();
    let trimmed = text.trim_start();
    if trimmed.starts_with('/') {
        "command".to_string()
    } else if trimmed.starts_with('\\') {
        current()
    } else if let Some((speaker, _)) = attributed(meeting, &text) {
        format!("→ {} (this line)", meeting.speaker_label(speaker))
    } else {
        current()
    }
}

/// Draws the composer; where the cursor goes when something can be typed in it.
pub fn composer(frame: &mut Frame, area: Rect, app: &App) -> Option<Position> {
    let theme = &app.theme;
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(theme.border)
        .title(Line::styled(title(app), theme.pane_title));
    frame.render_widget(block, area);
    text(frame, area, app)
}

/// The title of the rule above the text: where Enter puts it.
pub fn title(app: &App) -> String {
    format!(" {} ", target(app))
}

/// The rows of `area` (the composer's) that hold the text, under the rule.
pub fn text_area(area: Rect) -> Rect {
    Block::default().borders(Borders::TOP).inner(area)
}

/// Draws only the text of the composer in `area` (the composer's), not the rule above it;
/// where the cursor goes when something can be typed in it.
pub fn text(frame: &mut Frame, area: Rect, app: &App) -> Option<Position> {
    let inner = text_area(area);
    let textarea = app.composer.textarea();
    frame.render_widget(textarea, inner);
    if !(matches!(app.mode, Mode::Compose | Mode::Edit { .. }) && app.is_live()) {
        return None;
    }
    let cursor = textarea.screen_cursor();
    let (top, left) = textarea.scroll_offset();
    let row = cursor.row.saturating_sub(usize::from(top));
    let col = cursor.col.saturating_sub(usize::from(left));
    let x = inner.x
        + u16::try_from(col)
            .unwrap_or(0)
            .min(inner.width.saturating_sub(1));
    let y = inner.y
        + u16::try_from(row)
            .unwrap_or(0)
            .min(inner.height.saturating_sub(1));
    Some(Position::new(x, y))
}
