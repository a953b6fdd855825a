//! The screen, drawn from the app state alone: no I/O, no clock (time comes from `app.now`),
//! no mutation. One file per pane; this one lays them out.

pub mod agenda;
pub mod composer;
pub mod footer;
pub mod format;
pub mod header;
pub mod help;
pub mod minutes;
pub mod picker;
pub mod queue;
pub mod theme;
pub mod timeline;
pub mod wrap;

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::{App, Mode};
use minutes::MinutesView;

/// The smallest window the console draws in.
pub const MIN_WIDTH: u16 = 50;
pub const MIN_HEIGHT: u16 = 12;

/// Most rows the composer grows to for a long or multi-line entry.
const COMPOSER_MAX_ROWS: u16 = 6;

/// Where each pane goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    pub agenda: Rect,
    pub queue: Rect,
    pub minutes: Rect,
    pub composer: Rect,
    pub footer: Rect,
}

/// Lays out the panes, or None when the window is too small for them.
pub fn areas(area: Rect, app: &App) -> Option<Areas> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    // The body keeps at least six rows; the footer and the composer grow into what is left.
    let footer_rows = footer::rows(app, area.width).min(area.height - 1 - 6 - 2);
    let composer_rows = composer::rows(app, area.width)
        .min(COMPOSER_MAX_ROWS)
        .min(area.height - 1 - footer_rows - 6 - 1)
        + 1;
    let body_height = area.height.saturating_sub(1 + footer_rows + composer_rows);
    let left_width = (area.width / 3).clamp(22, 48);
    let agenda_height = (app.meeting().agenda.items().len() as u16 + 2)
        .clamp(3, (body_height / 2).max(3))
        .min(body_height);
    let body_y = area.y + 1;
    Some(Areas {
        header: Rect::new(area.x, area.y, area.width, 1),
        agenda: Rect::new(area.x, body_y, left_width, agenda_height),
        queue: Rect::new(
            area.x,
            body_y + agenda_height,
            left_width,
            body_height - agenda_height,
        ),
        minutes: Rect::new(
            area.x + left_width,
            body_y,
            area.width - left_width,
            body_height,
        ),
        composer: Rect::new(area.x, body_y + body_height, area.width, composer_rows),
        footer: Rect::new(
            area.x,
            area.y + area.height - footer_rows,
            area.width,
            footer_rows,
        ),
    })
}

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let Some(areas) = areas(area, app) else {
        let message = format!(
            "scribe needs a window of at least {MIN_WIDTH}x{MIN_HEIGHT}; this one is {}x{}. \
             Enlarge it: nothing is lost meanwhile.",
            area.width, area.height
        );
        frame.render_widget(
            Paragraph::new(message)
                .alignment(Alignment::Center)
                .wrap(Wrap { trim: true }),
            area,
        );
        return;
    };
    let meeting = app.meeting();
    let theme = &app.theme;
    header::header(frame, areas.header, app);
    agenda::agenda(frame, areas.agenda, meeting, app.now, theme);
    let live = app.replay.is_none() && !app.following;
    queue::queue(frame, areas.queue, meeting, app.now, theme, live);
    let selected = match app.mode {
        Mode::Select { index } => Some(index),
        _ => None,
    };
    let view = MinutesView {
        meeting,
        layout: &app.minutes_layout,
        scroll: app.scroll,
        selected,
        // A replay or a follow view shows only what is on disk.
        saved: if live { app.save.saved } else { usize::MAX },
        live,
    };
    minutes::minutes(frame, areas.minutes, &view, theme);
    match &app.replay {
        Some(replay) => timeline::timeline(frame, areas.composer, replay, theme),
        None => composer::composer(frame, areas.composer, app),
    }
    footer::footer(frame, areas.footer, app);
    match &app.mode {
        Mode::Help { scroll } => help::help(frame, area, *scroll, app),
        Mode::Picker(picker) => picker::picker(frame, area, picker, app),
        _ => {}
    }
}

/// A rectangle of at most `width` x `height` centred in `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}
