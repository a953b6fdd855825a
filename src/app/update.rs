//! update: one message (a key, a paste, a resize, a tick, a save report) and the time it
//! arrived → the new state of the console. Keys go through the keymap; meeting commands go
//! through `command::decide`, so a fast key and a typed command behave the same.

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;

use super::{App, Mode, Picker, Status};
use crate::command::names::fuzzy;
use crate::command::{Command, Outcome, decide, parse};
use crate::input::keymap::{self, Action, PickerPurpose};
use crate::meeting::{Stamped, Timestamp};
use crate::text::clean_line;
use crate::view;
use crate::view::minutes::{Scroll, inner_size};

/// What the runtime hands to the console. Never persisted.
#[derive(Clone, Debug, PartialEq)]
pub enum Msg {
    Key(KeyEvent),
    Paste(String),
    Resize(u16, u16),
    /// Time passed (a timer on screen may have changed).
    Tick,
    /// The store wrote the first `saved` events, or failed to write the rest.
    Saved {
        saved: usize,
        error: Option<String>,
    },
    /// A signal or the terminal going away: save and stop.
    Stop(String),
    /// Events committed by the scribe being followed.
    Followed(Vec<Stamped>),
    /// The followed meeting could not be read.
    FollowFailed(String),
}

/// Applies a message; returns whether the screen needs drawing.
pub fn update(app: &mut App, msg: Msg, now: Timestamp) -> bool {
    if let Some(replay) = &mut app.replay {
        // A replay runs on the meeting's time: `now` is only the real clock that paces it.
        let moved = replay.catch_up(now);
        app.now = replay.player.time();
        let changed = update_msg(app, msg);
        if let Some(replay) = &app.replay {
            app.now = replay.player.time();
        }
        return moved || changed;
    }
    app.now = now;
    update_msg(app, msg)
}

fn update_msg(app: &mut App, msg: Msg) -> bool {
    match msg {
        Msg::Key(key) => {
            let action = keymap::action(app.context(), key);
            act(app, action)
        }
        Msg::Paste(text) => {
            match &mut app.mode {
                Mode::Compose | Mode::Edit { .. } => app.composer.paste(&text),
                Mode::Picker(picker) => {
                    picker.query.push_str(&clean_line(&text));
                    picker.selected = 0;
                }
                Mode::Help { .. } | Mode::Select { .. } => return false,
            }
            true
        }
        Msg::Resize(width, height) => {
            app.size = (width, height);
            true
        }
        Msg::Tick => true,
        Msg::Saved { saved, error } => {
            let changed = app.save.saved != saved || app.save.error != error;
            match (&app.save.error, &error) {
                (_, Some(e)) if app.save.error.as_ref() != Some(e) => {
                    app.status = Some(Status {
                        text: format!(
                            "cannot save: {e}. The meeting goes on in memory; saving is retried."
                        ),
                        error: true,
                    });
                }
                (Some(_), None) => {
                    app.status = Some(Status {
                        text: "saving works again: everything is on disk".into(),
                        error: false,
                    });
                }
                _ => {}
            }
            app.save.saved = app.save.saved.max(saved);
            app.save.error = error;
            changed
        }
        Msg::Stop(reason) => {
            app.stopped_by = Some(reason);
            app.quit = true;
            true
        }
        Msg::Followed(events) => {
            for stamped in events {
                app.log.push(stamped);
            }
            app.save.saved = app.log.events().len();
            app.status = None;
            true
        }
        Msg::FollowFailed(error) => {
            app.status = Some(Status {
                text: format!("cannot read the meeting: {error}"),
                error: true,
            });
            true
        }
    }
}

fn act(app: &mut App, action: Action) -> bool {
    match action {
        Action::Ignore => return false,
        Action::Submit => submit(app),
        Action::InsertNewline => app.composer.insert_newline(),
        Action::Complete => complete(app),
        Action::Edit(key) => edit(app, key),
        Action::Run(command) => {
            run(app, command);
        }
        Action::OpenHelp => app.mode = Mode::Help { scroll: 0 },
        Action::OpenPicker(purpose) => {
            if app.meeting().roster.is_empty() {
                error(app, "the roster is empty: add attendees with /attendee");
            } else {
                app.mode = Mode::Picker(Picker {
                    purpose,
                    query: String::new(),
                    selected: 0,
                });
            }
        }
        Action::Back => back(app),
        Action::PageUp | Action::PageDown | Action::Up | Action::Down => {
            let rows = match action {
                Action::Up => -1,
                Action::Down => 1,
                Action::PageUp => -page(app),
                _ => page(app),
            };
            move_by(app, rows);
        }
        Action::Select => {
            let count = app.meeting().entries.len();
            if count == 0 {
                error(app, "there are no entries to select yet");
            } else {
                select(app, count - 1);
            }
        }
        Action::EditSelected => {
            if let Mode::Select { index } = app.mode
                && let Some(entry) = app.meeting().entries.get(index)
            {
                let (id, text) = (entry.id, entry.text.clone());
                // The composer is empty here: selecting starts only from an empty line.
                app.composer.set_text(&text);
                app.mode = Mode::Edit { entry: id };
                info(app, "correcting the entry: Enter saves, Esc cancels");
            }
        }
        Action::Replay(key) => {
            if let Some(replay) = &mut app.replay {
                let message = replay.press(key);
                app.status = message.map(|text| Status { text, error: false });
            }
        }
        Action::Interrupt => {
            if app.composer.is_empty() {
                run(app, Command::Quit);
            } else {
                app.composer.clear();
            }
        }
        Action::Quit => {
            run(app, Command::Quit);
        }
    }
    true
}

/// Enter in the composer or the picker.
fn submit(app: &mut App) {
    if let Some(replay) = &mut app.replay {
        let message = replay.search();
        app.status = message.map(|text| Status { text, error: false });
        return;
    }
    match app.mode.clone() {
        Mode::Compose => {
            let text = app.composer.text();
            if text.trim().is_empty() {
                return;
            }
            match parse(&text) {
                Ok(command) => {
                    if run(app, command) {
                        app.composer.clear();
                        app.scroll = Scroll::Follow;
                    }
                }
                Err(e) => error(app, e.to_string()),
            }
        }
        Mode::Edit { entry } => {
            let text = crate::text::clean(&app.composer.text());
            if run(app, Command::Correct { entry, text }) {
                app.composer.clear();
                app.mode = Mode::Compose;
            }
        }
        Mode::Picker(picker) => {
            let meeting = app.meeting();
            let matches = fuzzy(meeting, &picker.query);
            let Some(&id) = matches.get(picker.selected) else {
                error(app, "no attendee matches");
                return;
            };
            let name = meeting.roster.name(id).to_string();
            let command = match picker.purpose {
                PickerPurpose::Queue => Command::QueueAdd { name, reason: None },
                PickerPurpose::Floor => Command::Floor(name),
            };
            app.mode = Mode::Compose;
            run(app, command);
        }
        Mode::Help { .. } | Mode::Select { .. } => {}
    }
}

/// Runs a meeting command; returns whether it was accepted.
fn run(app: &mut App, command: Command) -> bool {
    match decide(&app.log, command) {
        Ok(Outcome::Record { event, message }) => {
            app.record(event);
            if message.is_empty() {
                app.status = None;
            } else {
                info(app, message);
            }
            true
        }
        Ok(Outcome::Quit) => {
            app.quit = true;
            true
        }
        Ok(Outcome::Export(format)) => {
            app.exports.push(format);
            info(
                app,
                format!("writing the minutes ({})…", format.extension()),
            );
            true
        }
        Err(e) => {
            error(app, e.to_string());
            false
        }
    }
}

fn complete(app: &mut App) {
    use super::composer::Completion;
    match app.composer.complete(app.log.meeting()) {
        Completion::Several(names) => info(app, format!("Tab again: {}", names.join(", "))),
        Completion::Completed | Completion::Nothing => {}
    }
}

fn edit(app: &mut App, key: KeyEvent) {
    if let Some(typing) = app.replay.as_mut().and_then(|r| r.typing.as_mut()) {
        match key.code {
            KeyCode::Char(c) => typing.push(c),
            KeyCode::Backspace => {
                typing.pop();
            }
            _ => {}
        }
        *typing = clean_line(typing);
        return;
    }
    match &mut app.mode {
        Mode::Picker(picker) => {
            match key.code {
                KeyCode::Char(c) => picker.query.push(c),
                KeyCode::Backspace => {
                    picker.query.pop();
                }
                _ => return,
            }
            picker.query = clean_line(&picker.query);
            picker.selected = 0;
        }
        _ => app.composer.input(key),
    }
}

fn back(app: &mut App) {
    if let Some(typing) = app.replay.as_mut().map(|r| &mut r.typing)
        && typing.take().is_some()
    {
        return;
    }
    match std::mem::replace(&mut app.mode, Mode::Compose) {
        Mode::Edit { .. } => {
            app.composer.clear();
            app.status = None;
        }
        Mode::Select { .. } => app.scroll = Scroll::Follow,
        Mode::Compose => {
            if app.scroll == Scroll::Follow {
                app.status = None;
            }
            app.scroll = Scroll::Follow;
        }
        Mode::Help { .. } | Mode::Picker(_) => {}
    }
}

/// Up, Down and paging: what moves depends on the mode.
fn move_by(app: &mut App, rows: isize) {
    match &mut app.mode {
        Mode::Help { scroll } => {
            let max = view::help::line_count().saturating_sub(1);
            let next = (*scroll as isize + rows).clamp(0, max as isize);
            *scroll = u16::try_from(next).unwrap_or(0);
        }
        Mode::Picker(picker) => {
            let count = fuzzy(app.log.meeting(), &picker.query).len();
            let next = picker.selected as isize + rows.signum();
            picker.selected =
                usize::try_from(next.clamp(0, count.saturating_sub(1) as isize)).unwrap_or(0);
        }
        Mode::Select { index } => {
            let count = app.log.meeting().entries.len();
            let step = if rows.abs() > 1 { rows / 2 } else { rows };
            let next = (*index as isize + step).clamp(0, count.saturating_sub(1) as isize);
            select(app, usize::try_from(next).unwrap_or(0));
        }
        Mode::Compose | Mode::Edit { .. } => {
            if rows.abs() > 1 {
                let size = minutes_size(app);
                app.scroll =
                    app.minutes_layout
                        .scroll_by(app.meeting(), size, app.scroll, rows / 2);
            }
        }
    }
}

fn select(app: &mut App, index: usize) {
    let size = minutes_size(app);
    app.scroll = app
        .minutes_layout
        .reveal(app.meeting(), size, app.scroll, index);
    app.mode = Mode::Select { index };
    info(
        app,
        "Up/Down choose an entry, Enter corrects it, Esc goes back",
    );
}

/// Rows in a page of the minutes pane.
fn page(app: &App) -> isize {
    isize::try_from(minutes_size(app).1).unwrap_or(10).max(2)
}

/// Inner width and height of the minutes pane at the current terminal size.
fn minutes_size(app: &App) -> (usize, usize) {
    let area = Rect::new(0, 0, app.size.0, app.size.1);
    match view::areas(area, app) {
        Some(areas) => inner_size(areas.minutes),
        None => (40, 10),
    }
}

fn info(app: &mut App, text: impl Into<String>) {
    app.status = Some(Status {
        text: text.into(),
        error: false,
    });
}

fn error(app: &mut App, text: impl Into<String>) {
    app.status = Some(Status {
        text: text.into(),
        error: true,
    });
}
