//! Where things go on the screen, shared by the console (to scroll and page by what is shown)
//! and the view (to draw it): the panes' rectangles, text wrapped to a width, the minutes as
//! rows. Pure functions of sizes and text; nothing here draws or changes state.

pub mod help;
pub mod minutes;
pub mod wrap;

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::text::truncate;

/// The smallest window the console draws in.
pub const MIN_WIDTH: u16 = 50;
pub const MIN_HEIGHT: u16 = 12;

/// Most rows the composer grows to for a long or multi-line entry.
pub const COMPOSER_MAX_ROWS: u16 = 6;

/// Most rows a footer message takes; longer ones are cut.
pub const FOOTER_MAX_ROWS: u16 = 3;

/// Rows the body keeps at least, whatever the composer and the footer want.
const BODY_MIN_ROWS: u16 = 6;

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

/// What the panes ask for, in rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Wanted {
    /// The footer's message (at least 1).
    pub footer: u16,
    /// The composer's text, or the replay's timeline (at least 1; a rule is added above).
    pub composer: u16,
    /// Agenda items.
    pub agenda_items: usize,
}

/// Lays out the panes, or None when the window is too small for them.
pub fn areas(area: Rect, wanted: Wanted) -> Option<Areas> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    // The body keeps at least six rows; the footer and the composer grow into what is left.
    let footer = wanted
        .footer
        .clamp(1, FOOTER_MAX_ROWS)
        .min(area.height - 1 - BODY_MIN_ROWS - 2);
    let composer = wanted
        .composer
        .clamp(1, COMPOSER_MAX_ROWS)
        .min(area.height - 1 - footer - BODY_MIN_ROWS - 1)
        + 1;
    let [header, body, composer, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(composer),
        Constraint::Length(footer),
    ])
    .areas(area);
    // The left column grows with the window (a third of it, up to 72 columns).
    let left_width = (area.width / 3).clamp(22, 72);
    let [left, minutes] =
        Layout::horizontal([Constraint::Length(left_width), Constraint::Fill(1)]).areas(body);
    let agenda_rows = u16::try_from(wanted.agenda_items.saturating_add(2))
        .unwrap_or(u16::MAX)
        .clamp(3, (left.height / 2).max(3))
        .min(left.height);
    let [agenda, queue] =
        Layout::vertical([Constraint::Length(agenda_rows), Constraint::Fill(1)]).areas(left);
    Some(Areas {
        header,
        agenda,
        queue,
        minutes,
        composer,
        footer,
    })
}

/// The inner size of a bordered pane (borders taken off), at least 1x1.
pub fn inner_size(area: Rect) -> (usize, usize) {
    (
        usize::from(area.width.saturating_sub(2)).max(1),
        usize::from(area.height.saturating_sub(2)).max(1),
    )
}

/// A footer message wrapped to the window's width with a one-cell margin, cut to
/// [`FOOTER_MAX_ROWS`] rows (the last one ending in `…` when cut).
pub fn message_lines(text: &str, style: Style, width: u16) -> Vec<Line<'static>> {
    let room = usize::from(width.saturating_sub(1)).max(1);
    let mut lines = wrap::wrap(&[(text, style)], room, 0);
    let max = usize::from(FOOTER_MAX_ROWS);
    if lines.len() > max {
        lines.truncate(max);
        if let Some(last) = lines.last_mut() {
            *last = Line::styled(truncate(&format!("{last}…"), room), style);
        }
    }
    lines
        .into_iter()
        .map(|line| {
            let mut spans = vec![Span::raw(" ")];
            spans.extend(line.spans);
            Line::from(spans)
        })
        .collect()
}
