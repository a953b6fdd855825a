//! The screen, drawn from the app state alone: no I/O, no clock (time comes from `app.now`),
//! no mutation. One file per pane; this one puts them where [`App::areas`] says.
//!
//! A keystroke usually changes only the composer, yet drawing the agenda, the queue and the
//! minutes again is most of a frame's work (at 200x50 nearly all of it). [`draw_reusing`]
//! remembers what the panes were drawn from (where they are, the meeting's log length or the
//! replay's position, the time to the second, the scroll, the selection, how much is saved):
//! when none of that changed since the last frame and no overlay was or is over them, it draws
//! only the lines around them — the header, the composer and the footer — and says so
//! ([`Painted::rows`]); the rest of the screen is left as it is, and [`paint`] writes out only
//! those rows. Under an overlay, the panes are copied from where they were last drawn rather
//! than drawn again.

pub mod agenda;
pub mod composer;
mod finder;
pub mod footer;
pub mod format;
pub mod header;
pub mod help;
pub mod minutes;
pub mod paint;
pub mod picker;
pub mod queue;
pub mod search;
pub mod timeline;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use std::ops::Range;

use ratatui::layout::{Alignment, Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::scroll::Scroll;
use crate::app::{App, Mode, Session, Status};
use crate::input::bindings::KeyMode;
use crate::layout::{Areas, MIN_HEIGHT, MIN_WIDTH};
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
    draw_with(frame, app, None, false);
}

/// Draws the screen, knowing through `panes` what the last frame drawn with them showed: only
/// what changed of the header, the composer and the footer when nothing else can have changed
/// (into an otherwise blank frame: see [`Painted::rows`]); otherwise everything, with the
/// agenda, queue and minutes copied rather than drawn again when they cannot have changed. The
/// caller must put every frame drawn so on the screen (or call [`Panes::forget_screen`]).
pub fn draw_reusing(frame: &mut Frame, app: &App, panes: &mut Panes) -> Painted {
    draw_with(frame, app, Some(panes), false)
}

/// What [`draw_reusing`] drew.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Painted {
    /// Where the cursor shows (None: hidden). Also set on the frame.
    pub cursor: Option<Position>,
    /// None: the whole frame was drawn. Some: only these rows were (of the header, the
    /// composer, the footer: those that changed), in order; the frame's other rows were left
    /// alone, and the screen's must stay as the last frame left them.
    pub rows: Option<Vec<Range<u16>>>,
}

/// What [`draw_reusing`] keeps between frames.
#[derive(Default)]
pub struct Panes {
    /// The agenda, queue and minutes panes as last drawn under an overlay (where they cannot
    /// be taken from the screen), and what they were drawn from.
    drawn: Option<(Drawn, Buffer)>,
    /// What the last frame showed, when it was the console with no overlay: the next frame
    /// may then draw only its lines, and of them only those that changed.
    screen: Option<(Plain, Lines)>,
}

impl Panes {
    /// The screen no longer shows the last frame (it was cleared, or resized): the next frame
    /// is drawn whole.
    pub fn forget_screen(&mut self) {
        self.screen = None;
    }
}

/// A frame of the console with no overlay: what its panes were drawn from, and where its
/// lines are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Plain {
    drawn: Drawn,
    lines: [Rect; 3],
}

/// What the header, the rule above the composer and the footer showed (their areas are in
/// [`Plain`]): each is drawn again only when what it shows changed.
#[derive(Clone, Debug, PartialEq)]
struct Lines {
    header: Line<'static>,
    /// None in a replay, where the timeline takes the composer's place, always drawn.
    title: Option<String>,
    footer: Vec<Line<'static>>,
    /// What the footer's lines were made from (with the width, in [`Plain`], and the key
    /// table and the theme, which do not change): the same again, they are not made again.
    footer_from: (Option<Status>, KeyMode),
}

/// Everything the agenda, queue and minutes panes read, beyond what cannot change while the
/// console runs (the theme, the layout cache): the meeting changes only by an event (a longer
/// log) or, in a replay, by a move of the player.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Drawn {
    screen: Rect,
    areas: [Rect; 3],
    /// Another meeting opened over the console (from the archive search) is on screen.
    visit: bool,
    meeting: (bool, usize),
    second: i64,
    scroll: Scroll,
    selected: Option<usize>,
    saved: usize,
    live: bool,
    details: bool,
}

impl Drawn {
    fn of(app: &App, screen: Rect, areas: &Areas, visit: bool) -> Drawn {
        let meeting = match app.replay() {
            Some(replay) => (true, replay.player.position()),
            None => (false, app.events().len()),
        };
        Drawn {
            screen,
            areas: [areas.agenda, areas.queue, areas.minutes],
            visit,
            meeting,
            second: app.now.timestamp(),
            scroll: app.scroll,
            selected: match app.mode {
                Mode::Select { index } => Some(index),
                _ => None,
            },
            saved: app.saved(),
            live: app.is_live(),
            details: app.details,
        }
    }
}

/// Copies the cells of `areas` from `from` into `to` (buffers of the same screen).
fn copy_areas(from: &Buffer, to: &mut Buffer, areas: &[Rect]) {
    for area in areas {
        let area = area.intersection(to.area).intersection(from.area);
        for y in area.top()..area.bottom() {
            let start = to.index_of(area.left(), y);
            let end = start + usize::from(area.width);
            to.content[start..end].clone_from_slice(&from.content[start..end]);
        }
    }
}

fn draw_with(frame: &mut Frame, app: &App, mut panes: Option<&mut Panes>, visit: bool) -> Painted {
    // Another meeting open over this one is what the screen shows until it is left.
    if let Some(visited) = &app.visit {
        return draw_with(frame, visited, panes, true);
    }
    let area = frame.area();
    let Some(areas) = app.areas(area) else {
        if let Some(panes) = panes {
            panes.forget_screen();
        }
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
        return Painted {
            cursor: None,
            rows: None,
        };
    };
    let ctx = Ctx {
        meeting: app.meeting(),
        now: app.now,
        theme: &app.theme,
        live: app.is_live(),
        details: app.details,
    };
    let drawn = Drawn::of(app, area, &areas, visit);
    let overlay = matches!(
        app.mode,
        Mode::Overlay { .. } | Mode::Picker(_) | Mode::Search(_)
    );
    let plain = (!overlay).then_some(Plain {
        drawn,
        lines: [areas.header, areas.composer, areas.footer],
    });
    // The screen shows the panes as they are now: only the lines that changed are drawn.
    let mut shown = match (plain, panes.as_deref_mut().and_then(|p| p.screen.take())) {
        (Some(plain), Some((was, lines))) if was == plain => Some(lines),
        _ => None,
    };
    let footer_from = (app.status.clone(), app.key_mode());
    let footer = match shown.as_mut() {
        Some(shown) if shown.footer_from == footer_from => std::mem::take(&mut shown.footer),
        _ => footer::lines(app, areas.footer.width),
    };
    let lines = Lines {
        header: header::line(app, areas.header.width),
        title: match &app.session {
            Session::Replay(_) => None,
            _ => Some(composer::title(app)),
        },
        footer,
        footer_from,
    };
    let shown = shown.as_ref();
    let rows = |area: Rect| area.top()..area.bottom();
    let mut drawn_rows = Vec::new();
    if shown.is_none_or(|shown| shown.header != lines.header) {
        header::draw(frame, areas.header, lines.header.clone(), app);
        drawn_rows.push(rows(areas.header));
    }
    if shown.is_none() {
        match panes.as_deref_mut() {
            Some(panes) if panes.drawn.as_ref().is_some_and(|(was, _)| *was == drawn) => {
                if let Some((_, buffer)) = &panes.drawn {
                    copy_areas(buffer, frame.buffer_mut(), &drawn.areas);
                }
            }
            panes => {
                agenda::agenda(frame, areas.agenda, &ctx);
                queue::queue(frame, areas.queue, &ctx);
                minutes::minutes(frame, areas.minutes, app, &ctx);
                // Kept for the next frames under the overlay, and the one after it.
                if let Some(panes) = panes.filter(|_| overlay) {
                    match &mut panes.drawn {
                        Some((was, buffer)) if buffer.area == *frame.buffer_mut().area() => {
                            copy_areas(frame.buffer_mut(), buffer, &drawn.areas);
                            *was = drawn;
                        }
                        _ => panes.drawn = Some((drawn, frame.buffer_mut().clone())),
                    }
                }
            }
        }
    }
    let mut cursor = match &app.session {
        Session::Replay(replay) => {
            drawn_rows.push(rows(areas.composer));
            timeline::timeline(frame, areas.composer, replay, ctx.theme)
        }
        // The rule above the text as it was: only the text.
        _ if shown.is_some_and(|shown| shown.title == lines.title) => {
            drawn_rows.push(rows(composer::text_area(areas.composer)));
            composer::text(frame, areas.composer, app)
        }
        _ => {
            drawn_rows.push(rows(areas.composer));
            composer::composer(frame, areas.composer, app)
        }
    };
    if shown
        .is_none_or(|shown| shown.footer_from != lines.footer_from && shown.footer != lines.footer)
    {
        footer::draw(frame, areas.footer, lines.footer.clone());
        drawn_rows.push(rows(areas.footer));
    }
    match &app.mode {
        Mode::Overlay { kind, scroll } => help::overlay(frame, area, *kind, *scroll, app),
        Mode::Picker(picker) => cursor = Some(picker::picker(frame, area, picker, app)),
        Mode::Search(found) => cursor = Some(search::search(frame, area, found, app)),
        _ => {}
    }
    if let Some(position) = cursor {
        frame.set_cursor_position(position);
    }
    let lines_only = shown.is_some();
    if let Some(panes) = panes {
        panes.screen = plain.map(|plain| (plain, lines));
    }
    Painted {
        cursor,
        rows: lines_only.then_some(drawn_rows),
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
