//! The overlays that are read and scrolled: the help ([`crate::app::help`]) and the roster
//! ([`crate::app::roster`]).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::centered;
use crate::app::{App, Overlay};
use crate::layout::help::{MAX_WIDTH, inner_width, lines};

pub fn overlay(frame: &mut Frame, screen: Rect, kind: Overlay, scroll: u16, app: &App) {
    let area = centered(screen, MAX_WIDTH, screen.height.saturating_sub(2));
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(app.theme.pane_title)
        .title(Line::styled(
            match kind {
                Overlay::Help => " Help · Esc closes · ↑↓ scroll ",
                Overlay::Roster => " Roster · Esc closes · ↑↓ scroll ",
                Overlay::Stats(_) => " Statistics · s sorts · Esc closes ",
            },
            app.theme.pane_title,
        ));
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines(
            &app.overlay(kind),
            &app.theme,
            inner_width(screen.width),
        ))
        .block(block)
        .scroll((scroll, 0)),
        area,
    );
}
