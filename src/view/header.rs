//! The header: title and date on the left; clock, elapsed time and save state on the right.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::format::{clock, hours_minutes};
use crate::app::{App, Session};
use crate::text::{truncate, width as text_width};

pub fn header(frame: &mut Frame, area: Rect, app: &App) {
    draw(frame, area, line(app, area.width), app);
}

/// Draws the header's line (from [`line`]).
pub fn draw(frame: &mut Frame, area: Rect, line: Line<'static>, app: &App) {
    frame.render_widget(Paragraph::new(line).style(app.theme.header), area);
}

/// The header's line, `width` cells wide: all it shows.
pub fn line(app: &App, width: u16) -> Line<'static> {
    let meeting = app.meeting();
    let theme = &app.theme;
    let time = clock(app.now);
    let elapsed = match (meeting.elapsed(app.now), meeting.closed) {
        (Some(d), Some(at)) => format!("closed {} after {}", clock(at), hours_minutes(d)),
        (Some(d), None) => format!("elapsed {}", hours_minutes(d)),
        (None, _) => "not started".to_string(),
    };
    let (save, save_style) = match &app.session {
        Session::Replay(_) => ("REPLAY".to_string(), theme.title),
        Session::Follow(_) => ("following, read-only".to_string(), theme.header),
        Session::Live(live) if live.save.error.is_some() => ("NOT SAVED".to_string(), theme.error),
        Session::Live(_) if app.all_saved() => ("saved".to_string(), theme.header),
        Session::Live(_) => ("saving…".to_string(), theme.header),
    };
    // A speaker past their limit shows in the header too.
    let over = match meeting.floor.and_then(|f| f.countdown(app.now)) {
        Some(crate::meeting::Countdown::Over(over)) => {
            format!("OVER +{} · ", super::format::timer(over))
        }
        _ => String::new(),
    };
    let right = format!("{over}{time} · {elapsed} · ");
    let right_width = text_width(&right) + text_width(&save) + 1;
    let title = if meeting.meta.title.is_empty() && app.is_live() {
        "Untitled meeting (/title to name it)"
    } else if meeting.meta.title.is_empty() {
        "Untitled meeting"
    } else {
        meeting.meta.title.as_str()
    };
    let date = meeting
        .meta
        .date
        .map(|d| format!(" · {}", d.format("%Y-%m-%d")))
        .unwrap_or_default();
    let left_room = usize::from(width).saturating_sub(right_width + 1);
    let left = truncate(&format!(" {title}{date}"), left_room);
    let pad = usize::from(width).saturating_sub(text_width(&left) + right_width);
    Line::from(vec![
        Span::styled(left, theme.title),
        Span::styled(" ".repeat(pad), theme.header),
        Span::styled(right, theme.header),
        Span::styled(save, save_style),
        Span::styled(" ", theme.header),
    ])
}
