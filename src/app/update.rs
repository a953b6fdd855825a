//! update: one message (a key, a paste, a resize, a tick, a save report) and the time it
//! arrived → the new state of the console, and the [`Effects`] the runtime must carry out
//! (save these events, write these minutes, stop). Keys go through the key table; meeting
//! commands go through `command::decide`, so a fast key and a typed command behave the same.
//! Nothing here touches the disk, the terminal or the real clock.

use chrono::SubsecRound;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::{App, Confirm, Mode, Overlay, Picker, PickerPurpose, Session, Status};
use crate::command::{
    Command, CommandError, ConsoleCommand, ItemTarget, MeetingCommand, Outcome, decide, parse,
};
use crate::export::Format;
use crate::input::keymap::{Action, Lookup};
use crate::layout::help;
use crate::meeting::{EntryKind, Event, Owner, Stamped, Timestamp};
use crate::text::clean_line;

use super::composer::PASTE_ASK;
use super::scroll::Scroll;

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
}

impl Effects {
    fn redraw() -> Effects {
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
    }
}

/// Applies a message.
pub fn update(app: &mut App, msg: Msg, now: Timestamp) -> Effects {
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

fn act(app: &mut App, action: Action) -> Effects {
    let mut effects = Effects::redraw();
    match action {
        Action::Submit => submit(app, &mut effects),
        Action::Newline => app.composer.insert_newline(),
        Action::Complete => complete(app),
        Action::QueueAdd => open_picker(app, PickerPurpose::Queue),
        Action::FloorGive => open_picker(app, PickerPurpose::Floor),
        Action::FloorNext => {
            run(app, MeetingCommand::Ack(None).into(), &mut effects);
        }
        Action::FloorYield => {
            run(app, MeetingCommand::Yield.into(), &mut effects);
        }
        Action::ItemNext => {
            run(
                app,
                MeetingCommand::Item(ItemTarget::Next).into(),
                &mut effects,
            );
        }
        Action::Export => {
            run(app, ConsoleCommand::ExportDefault.into(), &mut effects);
        }
        Action::PageUp => page(app, -1),
        Action::PageDown => page(app, 1),
        Action::Newest => {
            if app.scroll == Scroll::Follow {
                app.status = None;
            }
            app.scroll = Scroll::Follow;
        }
        Action::SelectEntry => {
            let count = app.meeting().entries.len();
            if count == 0 {
                error_status(app, "there are no entries to select yet");
            } else {
                select(app, count - 1);
            }
        }
        Action::HelpOpen => open_overlay(app, Overlay::Help),
        Action::RosterOpen => {
            run(app, ConsoleCommand::Roster.into(), &mut effects);
        }
        Action::Interrupt => {
            if !app.composer.is_empty() {
                app.composer.clear();
            } else if app.events().is_empty() {
                run(app, ConsoleCommand::Quit.into(), &mut effects);
            } else {
                // Ctrl-C is pressed "to make sure the line is clear": leaving needs a second.
                app.mode = Mode::QuitConfirm;
                warn(
                    app,
                    "leave the meeting? Ctrl-C again or y saves and leaves; any other key stays",
                );
            }
        }
        Action::QuitCancel => {
            app.mode = Mode::Compose;
            app.status = None;
        }
        Action::Suspend => effects.suspend = true,
        Action::Details => {
            app.details = !app.details;
            info(
                app,
                if app.details {
                    "agenda and queue in full (F10 again cuts them to fit)"
                } else {
                    "agenda and queue cut to fit"
                },
            );
        }
        Action::CopyMinutes => {
            run(app, ConsoleCommand::Copy.into(), &mut effects);
        }
        Action::SearchOpen => {
            run(
                app,
                ConsoleCommand::Search(String::new()).into(),
                &mut effects,
            );
        }
        Action::SearchUp | Action::SearchDown => {
            if let Mode::Search(search) = &mut app.mode {
                let last = search.hits.len().saturating_sub(1);
                search.selected = match action {
                    Action::SearchUp => search.selected.saturating_sub(1),
                    _ => (search.selected + 1).min(last),
                };
            }
        }
        Action::SearchGo => {
            let chosen = match &app.mode {
                Mode::Search(search) => search.hits.get(search.selected).map(|h| h.index),
                _ => None,
            };
            match chosen {
                Some(index) => select(app, index),
                None => error_status(app, "nothing found to go to"),
            }
        }
        Action::SearchClose => {
            app.mode = Mode::Compose;
            app.status = None;
        }
        Action::SelectCopy => {
            if let Mode::Select { index } = app.mode
                && let Some(entry) = app.meeting().entries.get(index)
            {
                let label = match &entry.kind {
                    EntryKind::Statement { voice, .. } => format!("{}: ", voice.label()),
                    _ => String::new(),
                };
                effects.copy = Some(crate::text::clean(&format!("{label}{}", entry.text)));
                info(app, "the entry is on the clipboard");
            }
        }
        Action::Quit => {
            run(app, ConsoleCommand::Quit.into(), &mut effects);
        }
        Action::EditCancel => {
            app.mode = Mode::Compose;
            app.composer.clear();
            app.status = None;
        }
        Action::SelectUp => move_selection(app, -1),
        Action::SelectDown => move_selection(app, 1),
        Action::SelectPageUp => move_selection(app, -half_page(app)),
        Action::SelectPageDown => move_selection(app, half_page(app)),
        Action::SelectEdit => edit_selected(app),
        Action::SelectGive => {
            if let Mode::Select { index } = app.mode
                && let Some(entry) = app.meeting().entries.get(index)
            {
                if matches!(entry.kind, EntryKind::Statement { .. } | EntryKind::Note) {
                    let id = entry.id;
                    open_picker(app, PickerPurpose::Give(id));
                } else {
                    error_status(app, "only a statement or a note can be given to a speaker");
                }
            }
        }
        Action::SelectStrike => {
            if let Mode::Select { index } = app.mode
                && let Some(entry) = app.meeting().entries.get(index)
            {
                let command = if entry.struck {
                    MeetingCommand::RestoreEntry(entry.id)
                } else {
                    MeetingCommand::StrikeEntry(entry.id)
                };
                run(app, command.into(), &mut effects);
            }
        }
        Action::SelectBack => {
            app.mode = Mode::Compose;
            app.scroll = Scroll::Follow;
        }
        Action::PickerUp | Action::PickerDown => {
            if let Mode::Picker(picker) = &mut app.mode {
                let last = picker.matches.len().saturating_sub(1);
                picker.selected = match action {
                    Action::PickerUp => picker.selected.saturating_sub(1),
                    _ => (picker.selected + 1).min(last),
                };
            }
        }
        Action::PickerPick => pick(app, &mut effects),
        Action::PickerCancel => app.mode = back_from_picker(app),
        Action::OverlayClose => app.mode = Mode::Compose,
        Action::OverlaySort => {
            if let Mode::Overlay {
                kind: Overlay::Stats(sort),
                ..
            } = &mut app.mode
            {
                *sort = sort.next();
            }
        }
        Action::StatsOpen => {
            run(app, ConsoleCommand::Stats.into(), &mut effects);
        }
        Action::CarryOver => {
            run(app, MeetingCommand::CarryOver.into(), &mut effects);
        }
        Action::OverlayUp => scroll_overlay(app, -1),
        Action::OverlayDown => scroll_overlay(app, 1),
        Action::OverlayPageUp => scroll_overlay(app, -page_rows(app)),
        Action::OverlayPageDown => scroll_overlay(app, page_rows(app)),
        Action::ConfirmAccept | Action::ConfirmAsTyped => {
            if let Mode::Confirm(confirm) = std::mem::replace(&mut app.mode, Mode::Compose) {
                let command = if action == Action::ConfirmAccept {
                    MeetingCommand::Say(format!("{}: {}", confirm.name, confirm.rest))
                } else {
                    MeetingCommand::SayLiteral(confirm.line)
                };
                if run(app, command.into(), &mut effects) {
                    app.composer.clear();
                    app.scroll = Scroll::Follow;
                }
            }
        }
        Action::PasteAccept | Action::PasteCancel => {
            if let Mode::Paste(text) = std::mem::replace(&mut app.mode, Mode::Compose) {
                if action == Action::PasteAccept {
                    app.composer.paste(&text);
                }
                app.status = None;
            }
        }
        Action::ConfirmBack => {
            app.mode = Mode::Compose;
            app.status = None;
        }
        Action::SearchRun => {
            if let Session::Replay(replay) = &mut app.session {
                let message = replay.search();
                app.status = message.map(|text| Status { text, error: false });
            }
        }
        Action::SearchCancel => {
            if let Session::Replay(replay) = &mut app.session {
                replay.typing = None;
            }
        }
        replay_action => {
            if let Session::Replay(replay) = &mut app.session {
                let message = replay.press(replay_action);
                app.status = message.map(|text| Status { text, error: false });
            }
        }
    }
    effects
}

/// Enter in the composer: a line or a command, or the correction being made.
fn submit(app: &mut App, effects: &mut Effects) {
    match app.mode.clone() {
        Mode::Compose => {
            let text = app.composer.text();
            if text.trim().is_empty() {
                return;
            }
            // A W3C habit (`q+ Germany`, `RESOLUTION: …`) is read as the command it stands for.
            let habit = app
                .habits
                .then(|| crate::command::habits::as_command(&text))
                .flatten();
            let accepted = match parse(habit.as_deref().unwrap_or(&text)) {
                Ok(command) => run(app, command, effects),
                Err(e) => {
                    error_status(app, e.to_string());
                    false
                }
            };
            if let Some(read_as) = habit {
                match &mut app.status {
                    Some(status) => {
                        status.text = format!("understood as {read_as}: {}", status.text);
                    }
                    None => info(app, format!("understood as {read_as}")),
                }
            }
            if accepted {
                app.composer.clear();
                app.scroll = Scroll::Follow;
            } else if matches!(app.mode, Mode::Compose) {
                // Nothing typed after a refusal is glued onto it.
                app.composer.hold_refused();
            }
        }
        Mode::Edit { entry } => {
            let text = crate::text::clean(&app.composer.text());
            let is_action = app
                .meeting()
                .entry(entry)
                .is_some_and(|e| matches!(e.kind, EntryKind::Action { .. }));
            let command = if is_action {
                match crate::command::table::action(&text) {
                    Some(Ok((owners, text, due))) => MeetingCommand::EditAction {
                        entry,
                        owners,
                        text,
                        due,
                    },
                    Some(Err(e)) => return error_status(app, e.to_string()),
                    None => {
                        return error_status(
                            app,
                            "an action reads OWNER[, OWNER]: TEXT [due WHEN]",
                        );
                    }
                }
            } else {
                MeetingCommand::Correct { entry, text }
            };
            if run(app, command.into(), effects) {
                app.composer.clear();
                app.mode = Mode::Compose;
            }
        }
        Mode::Overlay { .. }
        | Mode::Select { .. }
        | Mode::Picker(_)
        | Mode::Confirm(_)
        | Mode::Paste(_)
        | Mode::QuitConfirm
        | Mode::Search(_) => {}
    }
}

/// Runs a command; returns whether it was accepted.
fn run(app: &mut App, command: Command, effects: &mut Effects) -> bool {
    match command {
        Command::Console(ConsoleCommand::Quit) => {
            effects.stop = Some(Stop::Asked);
            true
        }
        Command::Console(ConsoleCommand::Roster) => {
            open_overlay(app, Overlay::Roster);
            true
        }
        Command::Console(ConsoleCommand::ShowQueue) => {
            let meeting = app.meeting();
            let waiting: Vec<String> = meeting
                .queue
                .requests()
                .iter()
                .enumerate()
                .map(|(n, r)| format!("{}. {}", n + 1, meeting.short_name(r.attendee)))
                .collect();
            let text = if waiting.is_empty() {
                "the queue is empty".to_string()
            } else {
                format!("queue: {}", waiting.join(", "))
            };
            info(app, text);
            true
        }
        Command::Console(ConsoleCommand::Stats) => {
            open_overlay(app, Overlay::Stats(Default::default()));
            true
        }
        Command::Console(ConsoleCommand::Search(query)) => {
            let mut search = super::search::Search::default();
            search.set_query(app.meeting(), query);
            app.mode = Mode::Search(search);
            true
        }
        Command::Console(ConsoleCommand::Copy) => {
            let options = crate::export::Options {
                language: app
                    .meeting()
                    .meta
                    .language
                    .clone()
                    .or(app.export_language.clone()),
                ..Default::default()
            };
            match crate::export::export(app.meeting(), Format::Markdown, &options) {
                Ok(bytes) => {
                    effects.copy = Some(crate::text::clean(&String::from_utf8_lossy(&bytes)));
                    info(app, "the minutes (Markdown) are on the clipboard");
                }
                Err(e) => error_status(app, format!("cannot copy the minutes: {e}")),
            }
            true
        }
        Command::Console(ConsoleCommand::ExportDefault) => {
            let format = app.export_format;
            run(app, ConsoleCommand::Export(format).into(), effects)
        }
        Command::Console(ConsoleCommand::Export(format)) => {
            effects.export.push(format);
            info(
                app,
                format!("writing the minutes ({})…", format.extension()),
            );
            true
        }
        Command::Meeting(command) => {
            let Session::Live(live) = &mut app.session else {
                return false;
            };
            match decide(&live.log, command) {
                Ok(Outcome::Record { event, message }) => {
                    record(app, event, effects);
                    if message.is_empty() {
                        app.status = None;
                    } else {
                        info(app, message);
                    }
                    true
                }
                Ok(Outcome::Unchanged(message)) => {
                    info(app, message);
                    true
                }
                Err(CommandError::Unsure {
                    typed,
                    speaker,
                    name,
                    rest,
                }) => {
                    let line = app.composer.text();
                    warn(
                        app,
                        format!(
                            "'{typed}' is not on the roster: Enter records the line for {name}, \
                             n records it as typed, Esc goes back to it"
                        ),
                    );
                    app.mode = Mode::Confirm(Confirm {
                        line,
                        speaker,
                        name,
                        rest,
                    });
                    false
                }
                Err(e) => {
                    error_status(app, e.to_string());
                    false
                }
            }
        }
    }
}

/// Records an event at `now`, to the second (the file stays readable, and nothing on screen
/// shows finer time), and hands it to the saver.
fn record(app: &mut App, event: Event, effects: &mut Effects) {
    if let Session::Live(live) = &mut app.session {
        let stamped = Stamped {
            at: app.now.trunc_subsecs(0),
            event,
        };
        effects.save.push(stamped.clone());
        live.log.push(stamped);
    }
}

fn open_picker(app: &mut App, purpose: PickerPurpose) {
    if app.meeting().roster.is_empty() {
        error_status(app, "the roster is empty: add attendees with /attendee");
    } else {
        app.mode = Mode::Picker(Picker::new(purpose, app.meeting()));
    }
}

/// Enter in the picker: queue the highlighted attendee, or give them the floor.
fn pick(app: &mut App, effects: &mut Effects) {
    let Mode::Picker(picker) = &app.mode else {
        return;
    };
    let Some(&id) = picker.matches.get(picker.selected) else {
        error_status(app, "no attendee matches");
        return;
    };
    let name = app.meeting().roster.name(id).to_string();
    let (command, back) = match picker.purpose {
        PickerPurpose::Queue => (
            MeetingCommand::QueueAdd {
                name,
                reason: None,
                kind: crate::meeting::RequestKind::Topic,
            },
            Mode::Compose,
        ),
        PickerPurpose::Floor => (MeetingCommand::Floor(name), Mode::Compose),
        PickerPurpose::Give(entry) => (
            MeetingCommand::GiveEntry { entry, name },
            back_from_picker(app),
        ),
    };
    app.mode = back;
    run(app, command.into(), effects);
}

/// Where the picker goes back to: the selection it was opened from, or typing.
fn back_from_picker(app: &App) -> Mode {
    match &app.mode {
        Mode::Picker(Picker {
            purpose: PickerPurpose::Give(entry),
            ..
        }) => match app.meeting().entries.position(*entry) {
            Some(index) => Mode::Select { index },
            None => Mode::Compose,
        },
        _ => Mode::Compose,
    }
}

fn open_overlay(app: &mut App, kind: Overlay) {
    app.mode = Mode::Overlay { kind, scroll: 0 };
}

fn set_query(app: &mut App, query: String) {
    let meeting = match &app.session {
        Session::Live(live) => live.log.meeting(),
        Session::Follow(log) => log.meeting(),
        Session::Replay(replay) => replay.player.meeting(),
    };
    if let Mode::Picker(picker) = &mut app.mode {
        picker.set_query(meeting, query);
    }
}

fn complete(app: &mut App) {
    use super::composer::Completion;
    let Session::Live(live) = &app.session else {
        return;
    };
    match app.composer.complete(live.log.meeting()) {
        Completion::Several(names) => info(app, format!("Tab again: {}", names.join(", "))),
        Completion::Completed | Completion::Nothing => {}
    }
}

/// A key for the text being edited: the composer, the picker's query or a replay's search.
fn edit(app: &mut App, key: KeyEvent) {
    // A query keeps its spaces as they are typed ("new z"); a control or bidi character
    // never gets in.
    let typed = |text: &str| -> Option<String> {
        let mut text = text.to_string();
        match key.code {
            KeyCode::Char(c) if c.is_control() || crate::text::is_bidi_control(c) => {}
            KeyCode::Char(c) => text.push(c),
            KeyCode::Backspace => {
                text.pop();
            }
            _ => return None,
        }
        Some(text)
    };
    if let Session::Replay(replay) = &mut app.session {
        if let Some(search) = &mut replay.typing
            && let Some(text) = typed(search)
        {
            *search = text;
        }
        return;
    }
    match &app.mode {
        Mode::Picker(picker) => {
            if let Some(query) = typed(&picker.query) {
                set_query(app, query);
            }
        }
        Mode::Search(search) => {
            if let Some(query) = typed(&search.query) {
                let meeting = match &app.session {
                    Session::Live(live) => live.log.meeting(),
                    Session::Follow(log) => log.meeting(),
                    Session::Replay(replay) => replay.player.meeting(),
                };
                if let Mode::Search(search) = &mut app.mode {
                    search.set_query(meeting, query);
                }
            }
        }
        _ if app.is_live() => app.composer.input(key),
        _ => {}
    }
}

fn edit_selected(app: &mut App) {
    if let Mode::Select { index } = app.mode
        && let Some(entry) = app.meeting().entries.get(index)
    {
        let text = match &entry.kind {
            // An action is edited whole: owners, text and due date, read again on Enter.
            EntryKind::Action { owners, due, .. } => {
                let meeting = app.meeting();
                let owners: Vec<String> = owners
                    .iter()
                    .map(|o| match o {
                        Owner::Attendee(id) => meeting.roster.name(*id).to_string(),
                        Owner::Named(name) => format!("\"{name}\""),
                    })
                    .collect();
                let due = due.map(|d| format!(" due {d}")).unwrap_or_default();
                format!("{}: {}{due}", owners.join(", "), entry.text)
            }
            _ => entry.text.clone(),
        };
        let id = entry.id;
        // The composer is empty here: selecting starts only from an empty line.
        app.composer.set_text(&text);
        app.mode = Mode::Edit { entry: id };
        info(app, "correcting the entry: Enter saves, Esc cancels");
    }
}

fn move_selection(app: &mut App, step: isize) {
    if let Mode::Select { index } = app.mode {
        let count = app.meeting().entries.len();
        let next = (index as isize + step).clamp(0, count.saturating_sub(1) as isize);
        select(app, usize::try_from(next).unwrap_or(0));
    }
}

fn select(app: &mut App, index: usize) {
    app.scroll = app.minutes_pane().reveal(app.scroll, index);
    app.mode = Mode::Select { index };
    info(
        app,
        "Up/Down choose an entry, Enter corrects it, Esc goes back",
    );
}

/// Scrolls the minutes half a page back (-1) or forward (1).
fn page(app: &mut App, direction: isize) {
    let rows = direction * half_page(app);
    app.scroll = app.minutes_pane().scroll_by(app.scroll, rows);
}

fn scroll_overlay(app: &mut App, rows: isize) {
    let width = help::inner_width(app.size.0);
    let Mode::Overlay { kind, .. } = app.mode else {
        return;
    };
    let count = help::lines(&app.overlay(kind), &app.theme, width).len();
    // The last line may come up to the bottom of the overlay, no further.
    let shown = usize::from(app.size.1.saturating_sub(4)).max(1);
    if let Mode::Overlay { scroll, .. } = &mut app.mode {
        let max = count.saturating_sub(shown) as isize;
        let next = (*scroll as isize + rows).clamp(0, max);
        *scroll = u16::try_from(next).unwrap_or(0);
    }
}

/// Rows in a page of the minutes pane.
fn page_rows(app: &App) -> isize {
    isize::try_from(app.minutes_pane().height)
        .unwrap_or(10)
        .max(2)
}

fn half_page(app: &App) -> isize {
    page_rows(app) / 2
}

fn info(app: &mut App, text: impl Into<String>) {
    app.status = Some(Status {
        text: text.into(),
        error: false,
    });
}

/// A question in the footer (shown as an error would be: it needs an answer).
fn warn(app: &mut App, text: impl Into<String>) {
    error_status(app, text);
}

fn error_status(app: &mut App, text: impl Into<String>) {
    app.status = Some(Status {
        text: text.into(),
        error: true,
    });
}
