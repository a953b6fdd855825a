//! The footer: the last message (an error in the error style), or the keys that matter in the
//! current mode.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::wrap::wrap;
use crate::app::{App, Mode};
use crate::text::{truncate, width};

/// Key hints per mode, most useful first (cut from the end when the window is narrow).
fn hints(app: &App) -> &'static [(&'static str, &'static str)] {
    match &app.mode {
        Mode::Compose if app.replay.as_ref().is_some_and(|r| r.typing.is_some()) => {
            &[("Enter", "search"), ("Esc", "cancel")]
        }
        Mode::Compose if app.replay.is_some() => &[
            ("Space", "play/pause"),
            ("←→", "±10s"),
            (", .", "step"),
            ("[ ]", "item"),
            ("{ }", "speaker"),
            ("/", "search"),
            ("+ -", "speed"),
            ("q", "quit"),
            ("F1", "help"),
        ],
        Mode::Compose if app.following => &[
            ("q", "quit"),
            ("PgUp PgDn", "scroll"),
            ("End", "newest"),
            ("F1", "help"),
        ],
        Mode::Compose => &[
            ("F1", "help"),
            ("Enter", "record"),
            ("/", "command"),
            ("Tab", "complete"),
            ("F2", "queue"),
            ("F3", "next speaker"),
            ("F4", "floor"),
            ("F5", "yield"),
            ("F6", "next item"),
            ("PgUp", "scroll"),
            ("↑", "select"),
        ],
        Mode::Edit { .. } => &[("Enter", "save correction"), ("Esc", "cancel")],
        Mode::Select { .. } => &[("↑↓", "choose"), ("Enter", "correct"), ("Esc", "back")],
        Mode::Picker(_) => &[
            ("type", "filter"),
            ("↑↓", "choose"),
            ("Enter", "pick"),
            ("Esc", "cancel"),
        ],
        Mode::Help { .. } => &[("↑↓ PgUp PgDn", "scroll"), ("Esc", "close")],
    }
}

/// Most rows a message takes; longer ones are cut.
const MAX_ROWS: u16 = 3;

/// The message's lines at this width (wrapped with a one-cell margin), or None without one.
fn message(app: &App, width: u16) -> Option<Vec<Line<'static>>> {
    let status = app.status.as_ref()?;
    let theme = &app.theme;
    let style = if status.error {
        theme.error
    } else {
        theme.info
    };
    let room = usize::from(width.saturating_sub(1)).max(1);
    let mut lines = wrap(&[(&status.text, style)], room, 0);
    if lines.len() > usize::from(MAX_ROWS) {
        lines.truncate(usize::from(MAX_ROWS));
        if let Some(last) = lines.last_mut() {
            let text = truncate(&format!("{last}…"), room);
            *last = Line::styled(text, style);
        }
    }
    Some(
        lines
            .into_iter()
            .map(|line| {
                let mut spans = vec![Span::raw(" ")];
                spans.extend(line.spans);
                Line::from(spans)
            })
            .collect(),
    )
}

/// Rows the footer needs: one for the keys, up to three for a long message.
pub fn rows(app: &App, width: u16) -> u16 {
    message(app, width).map_or(1, |lines| {
        lines.len().clamp(1, usize::from(MAX_ROWS)) as u16
    })
}

pub fn footer(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let room = usize::from(area.width);
    let lines = match message(app, area.width) {
        Some(lines) => lines,
        None => {
            let mut spans = vec![Span::raw(" ")];
            let mut used = 1;
            for (key, what) in hints(app) {
                let len = width(key) + width(what) + 3;
                if used + len > room {
                    break;
                }
                spans.push(Span::styled(*key, theme.key));
                spans.push(Span::raw(format!(" {what}  ")));
                used += len;
            }
            vec![Line::from(spans)]
        }
    };
    frame.render_widget(Paragraph::new(lines), area);
}
