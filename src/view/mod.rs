//! The screen, drawn from the app state alone: no I/O, no clock (time comes from `app.now`),
//! no mutation. One file per pane; this one puts them where [`App::areas`] says.

pub mod agenda;
pub mod composer;
pub mod footer;
pub mod format;
pub mod header;
pub mod help;
pub mod minutes;
pub mod picker;
pub mod queue;
pub mod search;
pub mod timeline;

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::{App, Mode, Session};
use crate::layout::{MIN_HEIGHT, MIN_WIDTH};
use crate::meeting::{Meeting, Timestamp};
use crate::theme::Theme;

/// What the panes read: the meeting on screen, the time on screen, the styles, and whether
/// things can be typed here (a live console, not a replay or a follow view).
pub struct Ctx<'a> {
    pub meeting: &'a Meeting,
    pub now: Timestamp,
    pub theme: &'a Theme,
    pub live: bool,
    /// The agenda's and the queue's lines in full rather than cut to fit.
    pub details: bool,
}

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &App) {
    // Another meeting open over this one is what the screen shows until it is left.
    if let Some(visit) = &app.visit {
        return draw(frame, visit);
    }
    let area = frame.area();
    let Some(areas) = app.areas(area) else {
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
    let ctx = Ctx {
        meeting: app.meeting(),
        now: app.now,
        theme: &app.theme,
        live: app.is_live(),
        details: app.details,
    };
    header::header(frame, areas.header, app);
    agenda::agenda(frame, areas.agenda, &ctx);
    queue::queue(frame, areas.queue, &ctx);
    minutes::minutes(frame, areas.minutes, app, &ctx);
    match &app.session {
        Session::Replay(replay) => timeline::timeline(frame, areas.composer, replay, ctx.theme),
        _ => composer::composer(frame, areas.composer, app),
    }
    footer::footer(frame, areas.footer, app);
    match &app.mode {
        Mode::Overlay { kind, scroll } => help::overlay(frame, area, *kind, *scroll, app),
        Mode::Picker(picker) => picker::picker(frame, area, picker, app),
        Mode::Search(found) => search::search(frame, area, found, app),
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
