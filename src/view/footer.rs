//! The footer: the last message (an error in the error style), or the keys that matter in the
//! current mode, as the key table's hints give them.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::App;
use crate::layout::message_lines;
use crate::text::width as text_width;

pub fn footer(frame: &mut Frame, area: Rect, app: &App) {
    draw(frame, area, lines(app, area.width));
}

/// Draws the footer's lines (from [`lines`]).
pub fn draw(frame: &mut Frame, area: Rect, lines: Vec<Line<'static>>) {
    frame.render_widget(Paragraph::new(lines), area);
}

/// The footer's lines, `width` cells wide: all it shows.
pub fn lines(app: &App, width: u16) -> Vec<Line<'static>> {
    let theme = &app.theme;
    match &app.status {
        Some(status) => {
            let style = if status.error {
                theme.error
            } else {
                theme.info
            };
            message_lines(&status.text, style, width)
        }
        None => {
            let room = usize::from(width);
            let mut spans = vec![Span::raw(" ")];
            let mut used = 1;
            for (key, what) in app.keymap.hints(app.key_mode()) {
                let key = arrows(key);
                let len = text_width(key) + text_width(what) + 3;
                if used + len > room {
                    break;
                }
                spans.push(Span::styled(key.to_string(), theme.key));
                spans.push(Span::raw(format!(" {what}  ")));
                used += len;
            }
            vec![Line::from(spans)]
        }
    }
}

/// Arrow keys as arrows: the footer is short of room.
fn arrows(key: &str) -> &str {
    match key {
        "Up" => "↑",
        "Down" => "↓",
        "Left" => "←",
        "Right" => "→",
        other => other,
    }
}
