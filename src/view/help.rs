//! The help overlay: the help document ([`crate::app::help`]) laid out and scrolled.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::centered;
use crate::app::App;
use crate::app::help::document;
use crate::layout::help::{MAX_WIDTH, inner_width, lines};

pub fn help(frame: &mut Frame, screen: Rect, scroll: u16, app: &App) {
    let area = centered(screen, MAX_WIDTH, screen.height.saturating_sub(2));
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(app.theme.pane_title)
        .title(Line::styled(
            " Help · Esc closes · ↑↓ scroll ",
            app.theme.pane_title,
        ));
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines(&document(app), &app.theme, inner_width(screen.width)))
            .block(block)
            .scroll((scroll, 0)),
        area,
    );
}
