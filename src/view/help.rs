//! The help overlay: every key and every command, from the same tables the keymap and the
//! parser use, so it cannot drift from what the program does.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::centered;
use super::theme::Theme;
use crate::app::App;
use crate::command::COMMANDS;
use crate::input::keymap::{FAST_KEYS, REPLAY_KEYS};

/// Width of the first column.
const COLUMN: usize = 26;

fn lines(theme: &Theme, file: &str) -> Vec<Line<'static>> {
    let mut out = vec![
        Line::styled("Typing", theme.pane_title),
        Line::raw("  A line + Enter records what the speaker with the floor said"),
        Line::raw("  (a note when nobody has the floor). `Name: text` gives one"),
        Line::raw("  line to Name; a leading \\ takes the line as written."),
        Line::raw(""),
        Line::styled("Keys", theme.pane_title),
    ];
    for key in FAST_KEYS {
        out.push(row(key.keys, key.help, theme));
    }
    out.push(Line::raw(""));
    out.push(Line::styled(
        "Replay (scribe replay FILE)",
        theme.pane_title,
    ));
    for key in REPLAY_KEYS {
        out.push(row(key.keys, key.help, theme));
    }
    out.push(Line::raw(""));
    out.push(Line::styled("Commands", theme.pane_title));
    for spec in COMMANDS {
        if spec.usage.len() > COLUMN - 2 {
            out.push(Line::styled(format!("  {}", spec.usage), theme.key));
            out.push(Line::raw(format!("  {:COLUMN$}{}", "", spec.help)));
        } else {
            out.push(row(spec.usage, spec.help, theme));
        }
    }
    out.push(Line::raw(""));
    out.push(Line::styled("File", theme.pane_title));
    out.push(Line::raw(format!("  {file}")));
    out.push(Line::raw(
        "  Saved after every event; /quit and `scribe open FILE` resume.",
    ));
    out
}

fn row(keys: &str, help: &str, theme: &Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("  {keys:COLUMN$}"), theme.key),
        Span::raw(help.to_string()),
    ])
}

/// How many lines the help has (for scrolling).
pub fn line_count() -> usize {
    lines(&Theme::new(false), "").len()
}

pub fn help(frame: &mut Frame, screen: Rect, scroll: u16, app: &App) {
    let area = centered(screen, 84, screen.height.saturating_sub(2));
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(app.theme.pane_title)
        .title(Line::styled(
            " Help · Esc closes · ↑↓ scroll ",
            app.theme.pane_title,
        ));
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines(&app.theme, &app.file_name))
            .block(block)
            .scroll((scroll, 0)),
        area,
    );
}
