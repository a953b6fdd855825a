//! What a key asks for, done: each action of the key table ([`crate::input::keymap`]) on the
//! console's state — the picker, the selection, the overlays, scrolling, the replay's
//! controls — with meeting commands handed to [`super::run`].

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::run::{run, submit};
use super::scroll::Scroll;
use super::search::Row;
use super::update::{Effects, Visit, error_status, info, warn};
use super::{App, Mode, Overlay, Picker, PickerPurpose, Session, Status};
use crate::command::{ConsoleCommand, ItemTarget, MeetingCommand};
use crate::input::keymap::Action;
use crate::layout::help;
use crate::meeting::{ActionEntry, EntryKind, Owner};

pub(super) fn act(app: &mut App, action: Action) -> Effects {
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
                let last = search.len().saturating_sub(1);
                search.selected = match action {
                    Action::SearchUp => search.selected.saturating_sub(1),
                    _ => (search.selected + 1).min(last),
                };
            }
        }
        Action::SearchGo => {
            let chosen = match &app.mode {
                Mode::Search(search) => match search.chosen() {
                    Some(Row::Here(hit)) => Some(Err(hit.index)),
                    Some(Row::There(hit)) => Some(Ok(Visit {
                        path: hit.path.clone(),
                        at: hit.at,
                    })),
                    None => None,
                },
                _ => None,
            };
            match chosen {
                Some(Err(index)) => select(app, index),
                Some(Ok(visit)) => {
                    effects.visit = Some(visit);
                }
                None => error_status(app, "nothing found to go to"),
            }
        }
        Action::SearchArchive => {
            if let Mode::Search(search) = &mut app.mode {
                search.toggle_archive();
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

pub(super) fn open_overlay(app: &mut App, kind: Overlay) {
    app.mode = Mode::Overlay { kind, scroll: 0 };
}

pub(super) fn set_query(app: &mut App, query: String) {
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
pub(super) fn edit(app: &mut App, key: KeyEvent) {
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
            EntryKind::Action(action) => {
                let ActionEntry { owners, due, .. } = &**action;
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
            _ => entry.text.to_string(),
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

pub(super) fn select(app: &mut App, index: usize) {
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
