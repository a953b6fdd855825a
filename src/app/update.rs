//! update: one message (a key, a paste, a resize, a tick, a save report) and the time it
//! arrived → the new state of the console, and the [`Effects`] the runtime must carry out
//! (save these events, write these minutes, stop). Keys go through the key table to
//! [`super::act`]; lines and commands go through [`super::run`] and `command::decide`, so a
//! fast key and a typed command behave the same. Nothing here touches the disk, the terminal
//! or the real clock.

use std::path::PathBuf;

use ratatui::crossterm::event::KeyEvent;

use super::act::{act, edit, set_query};
use super::composer::PASTE_ASK;
use super::search::ArchiveHit;
use super::{App, Mode, Session, Status};
use crate::export::Format;
use crate::input::keymap::{Action, Lookup};
use crate::meeting::{Stamped, Timestamp};
use crate::text::clean_line;

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
    /// Something the note-taker should know that is not an error (from the store: a deleted
    /// lock file made again).
    Notice(String),
    /// The mouse wheel: rows to scroll the minutes (negative: back).
    Scroll(isize),
    /// The archive's answer to a search (hits in other meetings), how many meetings were
    /// searched, and anything to say about it.
    ArchiveFound {
        query: String,
        hits: Vec<ArchiveHit>,
        searched: usize,
        note: Option<String>,
    },
    /// The archive is being indexed for a search: `done` of `total` meetings.
    ArchiveProgress(usize, usize),
    /// Following: the meeting's writer changed (who holds its lock now; None: nobody).
    Writer(Option<String>),
}

/// Why the console stops.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stop {
    /// The note-taker asked (`/quit`, Ctrl-Q, `q` in a read-only view).
    Asked,
    /// Something else did: a signal, the terminal closing.
    By(String),
}

/// What the runtime must do after a message.
#[must_use]
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Effects {
    /// Something on screen changed.
    pub redraw: bool,
    /// Events recorded, in order, for the saver.
    pub save: Vec<Stamped>,
    /// Minutes to write next to the meeting file.
    pub export: Vec<Format>,
    /// Stop the console.
    pub stop: Option<Stop>,
    /// Text for the clipboard (OSC 52), cleaned.
    pub copy: Option<String>,
    /// Suspend to the shell (Ctrl-Z); the screen is drawn again on resume.
    pub suspend: bool,
    /// Search the archive for this (the search overlay, widened with Tab).
    pub archive_search: Option<String>,
    /// Open another meeting read-only at a moment (a search hit in the archive).
    pub visit: Option<Visit>,
}

/// A meeting of the archive to open read-only over the console, at a moment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Visit {
    pub path: PathBuf,
    pub at: Timestamp,
}

impl Effects {
    pub(super) fn redraw() -> Effects {
        Effects {
            redraw: true,
            ..Effects::default()
        }
    }

    /// Adds what `later` asks to what this asks.
    pub fn merge(&mut self, later: Effects) {
        self.redraw |= later.redraw;
        self.save.extend(later.save);
        self.export.extend(later.export);
        if self.stop.is_none() {
            self.stop = later.stop;
        }
        if later.copy.is_some() {
            self.copy = later.copy;
        }
        self.suspend |= later.suspend;
        if later.archive_search.is_some() {
            self.archive_search = later.archive_search;
        }
        if later.visit.is_some() {
            self.visit = later.visit;
        }
    }
}
/// Applies a message.
pub fn update(app: &mut App, msg: Msg, now: Timestamp) -> Effects {
    if app.visit.is_some() {
        return update_visiting(app, msg, now);
    }
    let mut effects = update_own(app, msg, now);
    if let Mode::Search(search) = &mut app.mode {
        effects.archive_search = search.take_archive_query();
    }
    effects
}

/// With another meeting open over this one: what the note-taker does goes to it (`q` closes
/// it); what the store, the signals and time say goes to this meeting, which goes on.
fn update_visiting(app: &mut App, msg: Msg, now: Timestamp) -> Effects {
    let Some(visit) = app.visit.as_mut() else {
        return update_own(app, msg, now);
    };
    match msg {
        Msg::Key(_) | Msg::Paste(_) | Msg::Scroll(_) => {
            let mut effects = update(visit, msg, now);
            if effects.stop == Some(Stop::Asked) {
                app.visit = None;
                effects.stop = None;
                effects.redraw = true;
            }
            // A visit is read-only: it records, exports and opens nothing.
            effects.save.clear();
            effects.export.clear();
            effects.visit = None;
            effects.archive_search = None;
            effects
        }
        Msg::Resize(..) | Msg::Tick => {
            let mut effects = update(visit, msg.clone(), now);
            effects.merge(update_own(app, msg, now));
            effects
        }
        other => {
            let mut effects = update_own(app, other, now);
            // The visit shows on the screen, not this meeting: redraw only what it shows.
            effects.redraw = true;
            effects
        }
    }
}

fn update_own(app: &mut App, msg: Msg, now: Timestamp) -> Effects {
    if let Session::Replay(replay) = &mut app.session {
        // A replay runs on the meeting's time: `now` is only the real clock that paces it.
        let moved = replay.catch_up(now);
        app.now = replay.player.time();
        let mut effects = handle(app, msg);
        if let Session::Replay(replay) = &app.session {
            app.now = replay.player.time();
        }
        effects.redraw |= moved;
        return effects;
    }
    app.now = now;
    handle(app, msg)
}

fn handle(app: &mut App, msg: Msg) -> Effects {
    match msg {
        Msg::Key(key) => {
            let lookup = app
                .keymap
                .lookup(app.key_mode(), app.composer.is_empty(), key);
            // Asked whether to leave, any key but the ones that leave means stay.
            if app.mode == Mode::QuitConfirm && lookup != Lookup::Action(Action::Quit) {
                app.mode = Mode::Compose;
                app.status = None;
                return Effects::redraw();
            }
            match lookup {
                Lookup::Action(action) => act(app, action),
                Lookup::Text(key) => {
                    edit(app, key);
                    Effects::redraw()
                }
                Lookup::Ignore => Effects::default(),
            }
        }
        Msg::Paste(text) => {
            let live = app.is_live();
            match &app.mode {
                Mode::Compose | Mode::Edit { .. } if live && text.len() > PASTE_ASK => {
                    let text = crate::text::clean(&text);
                    let size = text.chars().count();
                    let back = std::mem::replace(&mut app.mode, Mode::Paste(text));
                    // A paste into a correction goes back to it either way.
                    if let Mode::Edit { .. } = back {
                        app.mode = back;
                        error_status(app, "pastes that long go into a new line, not a correction");
                    } else {
                        warn(
                            app,
                            format!(
                                "paste {size} characters into the composer? Enter pastes, Esc \
                                 drops it"
                            ),
                        );
                    }
                }
                Mode::Compose | Mode::Edit { .. } if live => app.composer.paste(&text),
                Mode::Picker(picker) => {
                    let query = format!("{}{}", picker.query, clean_line(&text));
                    set_query(app, query);
                }
                _ => return Effects::default(),
            }
            Effects::redraw()
        }
        Msg::Resize(width, height) => {
            app.size = (width, height);
            Effects::redraw()
        }
        Msg::Tick => Effects::redraw(),
        Msg::Saved { saved, error } => saved_report(app, saved, error),
        Msg::Stop(reason) => Effects {
            stop: Some(Stop::By(reason)),
            ..Effects::redraw()
        },
        Msg::Followed(events) => {
            if let Session::Follow(log) = &mut app.session {
                for stamped in events {
                    log.push(stamped);
                }
                app.status = None;
            }
            Effects::redraw()
        }
        Msg::Scroll(rows) => {
            if !app.mouse {
                return Effects::default();
            }
            app.scroll = app.minutes_pane().scroll_by(app.scroll, rows);
            Effects::redraw()
        }
        Msg::Notice(text) => {
            info(app, text);
            Effects::redraw()
        }
        Msg::ArchiveFound {
            query,
            hits,
            searched,
            note,
        } => {
            if let Mode::Search(search) = &mut app.mode {
                search.archive_found(&query, hits, searched, note);
                let last = search.len().saturating_sub(1);
                search.selected = search.selected.min(last);
            }
            Effects::redraw()
        }
        Msg::ArchiveProgress(done, total) => {
            if let Mode::Search(search) = &mut app.mode {
                search.archive_progress(done, total);
            }
            Effects::redraw()
        }
        Msg::Writer(writer) => {
            if app.writer != writer && matches!(app.session, Session::Follow(_)) {
                let closed = app.meeting().closed.is_some();
                let text = match (&writer, closed) {
                    (_, true) => "the meeting was closed".to_string(),
                    (Some(who), false) => format!("minuted again by {who}"),
                    (None, false) => {
                        "the scribe has quit: nobody is minuting this meeting now".to_string()
                    }
                };
                app.writer = writer;
                info(app, text);
            }
            Effects::redraw()
        }
        Msg::FollowFailed(error) => {
            error_status(app, format!("cannot read the meeting: {error}"));
            Effects::redraw()
        }
    }
}

/// What the store said about saving.
fn saved_report(app: &mut App, saved: usize, error: Option<String>) -> Effects {
    let Session::Live(live) = &mut app.session else {
        return Effects::default();
    };
    let save = &mut live.save;
    let changed = save.saved != saved || save.error != error;
    let message = match (&save.error, &error) {
        // Another scribe holds the meeting now: retrying would not help.
        (_, Some(e)) if save.error.as_ref() != Some(e) && e.starts_with("the lock") => {
            Some(Status {
                text: format!("NOT SAVED: {e}"),
                error: true,
            })
        }
        (_, Some(e)) if save.error.as_ref() != Some(e) => Some(Status {
            text: format!("cannot save: {e}. The meeting goes on in memory; saving is retried."),
            error: true,
        }),
        (Some(_), None) => Some(Status {
            text: "saving works again: everything is on disk".into(),
            error: false,
        }),
        _ => None,
    };
    save.saved = save.saved.max(saved);
    save.error = error;
    if message.is_some() {
        app.status = message;
    }
    Effects {
        redraw: changed,
        ..Effects::default()
    }
}

pub(super) fn info(app: &mut App, text: impl Into<String>) {
    app.status = Some(Status {
        text: text.into(),
        error: false,
    });
}

/// A question in the footer (shown as an error would be: it needs an answer).
pub(super) fn warn(app: &mut App, text: impl Into<String>) {
    error_status(app, text);
}

pub(super) fn error_status(app: &mut App, text: impl Into<String>) {
    app.status = Some(Status {
        text: text.into(),
        error: true,
    });
}
