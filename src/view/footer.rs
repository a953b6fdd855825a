//! The footer: the last message (an error in the error style), or the keys that matter in the
//! current mode.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

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

pub fn footer(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let room = usize::from(area.width);
    let line = match &app.status {
        Some(status) => {
            let style = if status.error {
                theme.error
            } else {
                theme.info
            };
            Line::styled(truncate(&format!(" {}", status.text), room), style)
        }
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
            Line::from(spans)
        }
    };
    frame.render_widget(Paragraph::new(line), area);
}
