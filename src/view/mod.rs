//! The screen, drawn from the app state alone: no I/O, no clock (time comes from `app.now`),
//! no mutation. One file per pane; this one puts them where [`App::areas`] says.
//!
//! A keystroke usually changes only the composer, yet drawing the agenda, the queue and the
//! minutes again is most of a frame's work (at 200x50 nearly all of it). [`draw_reusing`]
//! keeps those three panes as last drawn, with what they were drawn from (where they are, the
//! meeting's log length or the replay's position, the time to the second, the scroll, the
//! selection, how much is saved): when none of that changed, it copies them instead of
//! drawing them again. The header, the composer, the footer and any overlay are always drawn.

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
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::scroll::Scroll;
use crate::app::{App, Mode, Session};
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
    draw_with(frame, app, None);
}

/// Draws the whole screen, copying the agenda, queue and minutes panes from `panes` when what
/// they show cannot have changed since they were drawn there.
pub fn draw_reusing(frame: &mut Frame, app: &App, panes: &mut Panes) {
    draw_with(frame, app, Some(panes));
}

/// The agenda, queue and minutes panes as last drawn, and what they were drawn from.
#[derive(Default)]
pub struct Panes {
    drawn: Option<(Drawn, Buffer)>,
}

/// Everything the agenda, queue and minutes panes read, beyond what cannot change while the
/// console runs (the theme, the layout cache): the meeting changes only by an event (a longer
/// log) or, in a replay, by a move of the player.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Drawn {
    screen: Rect,
    areas: [Rect; 3],
    meeting: (bool, usize),
    second: i64,
    scroll: Scroll,
    selected: Option<usize>,
    saved: usize,
    live: bool,
    details: bool,
}

impl Drawn {
    fn of(app: &App, screen: Rect, areas: &Areas) -> Drawn {
        let meeting = match app.replay() {
            Some(replay) => (true, replay.player.position()),
            None => (false, app.events().len()),
        };
        Drawn {
            screen,
            areas: [areas.agenda, areas.queue, areas.minutes],
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

fn draw_with(frame: &mut Frame, app: &App, panes: Option<&mut Panes>) {
    // Another meeting open over this one is what the screen shows until it is left.
    if let Some(visit) = &app.visit {
        return draw_with(frame, visit, panes);
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
    let drawn = Drawn::of(app, area, &areas);
    match panes {
        Some(panes) if panes.drawn.as_ref().is_some_and(|(was, _)| *was == drawn) => {
            if let Some((_, buffer)) = &panes.drawn {
                copy_areas(buffer, frame.buffer_mut(), &drawn.areas);
            }
        }
        panes => {
            agenda::agenda(frame, areas.agenda, &ctx);
            queue::queue(frame, areas.queue, &ctx);
            minutes::minutes(frame, areas.minutes, app, &ctx);
            if let Some(panes) = panes {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Msg, update};
    use crate::meeting::{Event, Id, Stamped};
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn key(code: KeyCode) -> Msg {
        Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    /// Whatever happens — typing, recording, time passing, saving, scrolling, selecting, an
    /// overlay, a resize — the screen drawn reusing the panes is the screen drawn whole.
    #[test]
    fn reusing_panes_draws_the_same_screen() {
        let t0 = crate::testkit::t0();
        let mut events: Vec<Stamped> = ["Norway", "Mexico"]
            .iter()
            .map(|name| Stamped {
                at: t0,
                event: Event::AttendeeAdded {
                    name: (*name).into(),
                    capacity: None,
                    label: None,
                    aliases: vec![],
                    group: None,
                },
            })
            .collect();
        events.push(Stamped {
            at: t0,
            event: Event::FloorGiven { attendee: Id(0) },
        });
        for n in 0..40 {
            events.push(Stamped {
                at: t0,
                event: Event::StatementRecorded {
                    speaker: Id(0),
                    text: format!("statement {n} of a meeting long enough to scroll").into(),
                },
            });
        }
        let mut app = App::new(events.clone(), t0, true, "m.ron".into());
        let mut panes = Panes::default();
        let mut whole = Terminal::new(TestBackend::new(100, 30)).unwrap();
        let mut reusing = Terminal::new(TestBackend::new(100, 30)).unwrap();
        let mut now = t0;
        let mut steps: Vec<Msg> = Vec::new();
        steps.push(Msg::Resize(100, 30));
        steps.extend("noted the proposal".chars().map(|c| key(KeyCode::Char(c))));
        steps.push(key(KeyCode::Enter));
        steps.push(Msg::Tick);
        steps.push(Msg::Saved {
            saved: events.len() + 1,
            error: None,
        });
        steps.extend([KeyCode::PageUp, KeyCode::PageUp, KeyCode::Esc].map(key));
        steps.extend("/q+ Mexico".chars().map(|c| key(KeyCode::Char(c))));
        steps.push(key(KeyCode::Enter));
        steps.push(key(KeyCode::F(1)));
        steps.push(key(KeyCode::Esc));
        steps.push(key(KeyCode::Up));
        steps.push(key(KeyCode::Up));
        steps.push(key(KeyCode::Esc));
        steps.push(Msg::Resize(90, 28));
        steps.extend(
            "typed after a resize"
                .chars()
                .map(|c| key(KeyCode::Char(c))),
        );
        for (i, step) in steps.into_iter().enumerate() {
            if let Msg::Resize(w, h) = step {
                whole.backend_mut().resize(w, h);
                reusing.backend_mut().resize(w, h);
            }
            if i % 5 == 0 {
                now += chrono::TimeDelta::seconds(1);
            }
            let _ = update(&mut app, step, now);
            whole.draw(|f| draw(f, &app)).unwrap();
            reusing.draw(|f| draw_reusing(f, &app, &mut panes)).unwrap();
            assert_eq!(
                whole.backend().buffer(),
                reusing.backend().buffer(),
                "step {i}"
            );
        }
    }
}
