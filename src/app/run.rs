//! Lines and commands carried out: Enter in the composer (a line, a command, a correction),
//! meeting commands decided into the events they record, console commands turned into the
//! effects the runtime carries out (export, copy, stop).

use chrono::SubsecRound;

use super::act::open_overlay;
use super::scroll::Scroll;
use super::update::{Effects, Stop, error_status, info, warn};
use super::{App, Confirm, Mode, Overlay, Session};
use crate::command::{
    Command, CommandError, ConsoleCommand, MeetingCommand, Outcome, decide, parse,
};
use crate::export::Format;
use crate::meeting::{EntryKind, Event, Stamped};

/// Enter in the composer: a line or a command, or the correction being made.
pub(super) fn submit(app: &mut App, effects: &mut Effects) {
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
                .is_some_and(|e| matches!(e.kind, EntryKind::Action(_)));
            let command = if is_action {
                match crate::command::args::action(&text) {
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
pub(super) fn run(app: &mut App, command: Command, effects: &mut Effects) -> bool {
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
