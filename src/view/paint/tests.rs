use std::convert::Infallible;

use ratatui::backend::{ClearType, TestBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Position, Size};

use super::*;
use crate::app::{Msg, update};
use crate::meeting::{AttendeeAdded, Event, Id, Stamped, Timestamp};

/// What a backend was asked to do.
#[derive(Clone, Debug, PartialEq)]
enum Op {
    Draw(Vec<(u16, u16, Cell)>),
    Hide,
    Show,
    Move(Position),
    Clear,
    Flush,
}

/// A [`TestBackend`] (the screen) that also notes every call made to it, to compare what two
/// ways of drawing ask of a terminal.
struct Noting {
    screen: TestBackend,
    ops: Vec<Op>,
}

impl Noting {
    fn new(width: u16, height: u16) -> Self {
        Self {
            screen: TestBackend::new(width, height),
            ops: Vec::new(),
        }
    }
}

impl Backend for Noting {
    type Error = Infallible;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Infallible>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let cells: Vec<(u16, u16, Cell)> = content.map(|(x, y, c)| (x, y, c.clone())).collect();
        self.ops.push(Op::Draw(cells.clone()));
        self.screen.draw(cells.iter().map(|(x, y, c)| (*x, *y, c)))
    }

    fn hide_cursor(&mut self) -> Result<(), Infallible> {
        self.ops.push(Op::Hide);
        self.screen.hide_cursor()
    }

    fn show_cursor(&mut self) -> Result<(), Infallible> {
        self.ops.push(Op::Show);
        self.screen.show_cursor()
    }

    fn get_cursor_position(&mut self) -> Result<Position, Infallible> {
        self.screen.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Infallible> {
        let position = position.into();
        self.ops.push(Op::Move(position));
        self.screen.set_cursor_position(position)
    }

    fn clear(&mut self) -> Result<(), Infallible> {
        self.ops.push(Op::Clear);
        self.screen.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Infallible> {
        self.ops.push(Op::Clear);
        self.screen.clear_region(clear_type)
    }

    fn size(&self) -> Result<Size, Infallible> {
        self.screen.size()
    }

    fn window_size(&mut self) -> Result<WindowSize, Infallible> {
        self.screen.window_size()
    }

    fn flush(&mut self) -> Result<(), Infallible> {
        self.ops.push(Op::Flush);
        Backend::flush(&mut self.screen)
    }
}

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn ctrl(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

fn typed(text: &str) -> Vec<Msg> {
    text.chars().map(|c| key(KeyCode::Char(c))).collect()
}

/// Two attendees, one with the floor, and 40 statements: enough to scroll.
fn events(t0: Timestamp) -> Vec<Stamped> {
    let mut events: Vec<Stamped> = ["Norway", "Mexico"]
        .iter()
        .map(|name| Stamped {
            at: t0,
            event: Event::AttendeeAdded(Box::new(AttendeeAdded {
                name: (*name).into(),
                capacity: None,
                label: None,
                aliases: vec![],
                group: None,
            })),
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
    events
}

/// A step of the console: a message, or the screen cleared (Ctrl-Z, then `fg`).
enum Step {
    Msg(Msg),
    Cleared,
}

/// Whatever happens — typing, a line long enough to wrap, recording, time passing, saving,
/// scrolling, selecting, overlays, a message in the footer, resizes (to too small a window
/// too), the screen cleared — the painter asks the terminal for exactly what `Terminal::draw`
/// of the whole screen asks (the same cells, cursor moves and flushes, in the same order), so
/// the screens are the same; and a typed character draws only the lines.
#[test]
fn painting_writes_what_a_whole_redraw_writes() {
    let t0 = crate::testkit::t0();
    let events = events(t0);
    let mut app = App::new(events.clone(), t0, true, "m.ron".into());
    let mut whole = Terminal::new(Noting::new(100, 30)).unwrap();
    let mut painted = Terminal::new(Noting::new(100, 30)).unwrap();
    let mut painter = Painter::new();
    // Each step, and whether it draws only the lines (None: either).
    let mut steps: Vec<(Step, Option<bool>)> = Vec::new();
    let mut push = |msgs: Vec<Msg>, lines_only: Option<bool>| {
        if msgs.is_empty() {
            steps.push((Step::Cleared, lines_only));
        }
        steps.extend(msgs.into_iter().map(|m| (Step::Msg(m), lines_only)));
    };
    push(vec![Msg::Resize(100, 30)], Some(false));
    push(typed("noted the proposal"), Some(true));
    push(
        vec![key(KeyCode::Backspace), key(KeyCode::Left)],
        Some(true),
    );
    push(vec![key(KeyCode::Enter)], Some(false));
    push(vec![Msg::Tick], Some(false));
    push(
        vec![Msg::Saved {
            saved: events.len() + 1,
            error: None,
        }],
        Some(false),
    );
    push(typed("x"), Some(true));
    // The header alone changes (and the footer says why).
    push(
        vec![Msg::Saved {
            saved: events.len() + 1,
            error: Some("disk full".into()),
        }],
        Some(true),
    );
    push(typed("y"), Some(true));
    push(
        vec![Msg::Saved {
            saved: events.len() + 1,
            error: None,
        }],
        Some(true),
    );
    push(
        vec![
            key(KeyCode::PageUp),
            key(KeyCode::PageUp),
            key(KeyCode::Esc),
        ],
        Some(false),
    );
    push(typed("/q+ Mexico"), None);
    push(vec![key(KeyCode::Enter)], Some(false));
    // An overlay, typing under it, and after it.
    push(vec![key(KeyCode::F(1))], Some(false));
    push(vec![key(KeyCode::Down)], Some(false));
    push(vec![key(KeyCode::Esc)], Some(false));
    push(typed("ab"), Some(true));
    push(vec![ctrl('f')], Some(false));
    push(typed("state"), Some(false));
    push(vec![key(KeyCode::Esc)], Some(false));
    push(vec![key(KeyCode::F(2))], Some(false));
    push(typed("me"), Some(false));
    push(vec![key(KeyCode::Esc)], Some(false));
    push(typed("c"), Some(true));
    // Selecting an entry (from an empty line).
    push(vec![ctrl('c')], Some(true));
    push(
        vec![key(KeyCode::Up), key(KeyCode::Up), key(KeyCode::Esc)],
        Some(false),
    );
    // A line long enough to take two rows: the panes get shorter.
    push(typed(&"word ".repeat(24)), None);
    push(vec![ctrl('c')], None);
    // A message in the footer.
    push(typed("/nonsense"), None);
    push(vec![key(KeyCode::Enter)], None);
    push(typed("and on"), None);
    push(vec![Msg::Resize(90, 28)], Some(false));
    push(typed("typed after a resize"), Some(true));
    push(vec![Msg::Tick], Some(false));
    push(typed("and a tick"), Some(true));
    push(vec![Msg::Resize(30, 8)], Some(false));
    push(typed("z"), Some(false));
    push(vec![Msg::Resize(100, 30)], Some(false));
    push(typed("y"), Some(true));
    // No message: the screen cleared.
    push(vec![], Some(false));
    push(typed("w"), Some(true));
    let mut now = t0;
    for (i, (step, lines_only)) in steps.into_iter().enumerate() {
        match step {
            Step::Msg(msg) => {
                if let Msg::Resize(w, h) = msg {
                    whole.backend_mut().screen.resize(w, h);
                    painted.backend_mut().screen.resize(w, h);
                }
                // Time passes by ticks.
                if matches!(msg, Msg::Tick) {
                    now += chrono::TimeDelta::seconds(1);
                }
                let _ = update(&mut app, msg, now);
            }
            Step::Cleared => {
                whole.backend_mut().clear().unwrap();
                whole.swap_buffers();
                whole.swap_buffers();
                painted.backend_mut().clear().unwrap();
                painter.cleared();
            }
        }
        whole.backend_mut().ops.clear();
        painted.backend_mut().ops.clear();
        whole.draw(|f| view_draw(f, &app)).unwrap();
        let drawn = painter.paint(&mut painted, &app).unwrap();
        assert_eq!(whole.backend().ops, painted.backend().ops, "step {i}");
        assert_eq!(
            whole.backend().screen.buffer(),
            painted.backend().screen.buffer(),
            "step {i}"
        );
        let cursor = |t: &mut Terminal<Noting>| {
            let visible = t.backend().screen.cursor_visible();
            (
                visible,
                t.backend_mut().screen.get_cursor_position().unwrap(),
            )
        };
        assert_eq!(cursor(&mut whole), cursor(&mut painted), "step {i}");
        if let Some(lines_only) = lines_only {
            assert_eq!(drawn.rows.is_some(), lines_only, "step {i}");
        }
    }
}

fn view_draw(frame: &mut ratatui::Frame, app: &App) {
    super::super::draw(frame, app);
}

/// A typed character draws only the composer's text (one row) and writes the one cell that
/// changed, at 200x50.
#[test]
fn a_typed_character_writes_one_cell() {
    let t0 = crate::testkit::t0();
    let mut app = App::new(events(t0), t0, true, "m.ron".into());
    let _ = update(&mut app, Msg::Resize(200, 50), t0);
    let mut terminal = Terminal::new(Noting::new(200, 50)).unwrap();
    let mut painter = Painter::new();
    painter.paint(&mut terminal, &app).unwrap();
    let _ = update(&mut app, key(KeyCode::Char('a')), t0);
    terminal.backend_mut().ops.clear();
    let drawn = painter.paint(&mut terminal, &app).unwrap();
    let cursor = drawn.cursor.unwrap();
    let row = cursor.y..cursor.y + 1;
    assert_eq!(drawn.rows, Some(Vec::from([row])));
    let cells: Vec<(u16, u16, String)> = terminal
        .backend()
        .ops
        .iter()
        .filter_map(|op| match op {
            Op::Draw(cells) => Some(cells),
            _ => None,
        })
        .flatten()
        .map(|(x, y, c)| (*x, *y, c.symbol().to_string()))
        .collect();
    assert_eq!(cells, [(cursor.x - 1, cursor.y, "a".to_string())]);
}
