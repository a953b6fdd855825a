//! What the help overlay says, as data: read from the command table and the key table, so it
//! cannot drift from what the program does. Which parts it holds depends on the session: the
//! keys and commands for minuting, the keys of a replay or of the follow view.

use super::{App, Session};
use crate::command::COMMANDS;
use crate::input::keymap::KeyMode;
pub use crate::layout::help::Part;

/// The help for this console.
pub fn document(app: &App) -> Vec<Part> {
    let mut parts = Vec::new();
    let modes: &[KeyMode] = match &app.session {
        Session::Live(_) => {
            parts.push(Part::Heading("Typing"));
            for text in [
                "A line + Enter records what the speaker with the floor said (a note when",
                "nobody has the floor). `Name: text` gives one line to Name; a leading \\",
                "takes the line as written.",
            ] {
                parts.push(Part::Text(text.to_string()));
            }
            parts.push(Part::Blank);
            &[
                KeyMode::Compose,
                KeyMode::Select,
                KeyMode::Edit,
                KeyMode::Picker,
                KeyMode::Confirm,
                KeyMode::Paste,
                KeyMode::QuitConfirm,
                KeyMode::Search,
            ]
        }
        Session::Follow(_) => &[KeyMode::Follow],
        Session::Replay(_) => &[KeyMode::Replay, KeyMode::ReplaySearch],
    };
    for &mode in modes.iter().chain(&[KeyMode::Overlay, KeyMode::Any]) {
        parts.push(Part::Heading(mode.title()));
        for binding in app.keymap.bindings(mode) {
            parts.push(Part::Row {
                keys: binding.keys_text(),
                help: binding.help.to_string(),
            });
        }
        parts.push(Part::Blank);
    }
    if app.is_live() {
        parts.push(Part::Heading("Commands"));
        for spec in COMMANDS {
            parts.push(Part::Row {
                keys: spec.usage.to_string(),
                help: spec.help.to_string(),
            });
        }
        parts.push(Part::Blank);
    }
    parts.push(Part::Heading("File"));
    parts.push(Part::Text(app.file_name.clone()));
    if app.is_live() {
        parts.push(Part::Text(
            "Saved after every event; /quit and `scribe open FILE` resume.".into(),
        ));
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::keymap::Keymap;
    use crate::testkit::{MeetingBuilder, t0};

    fn rows(parts: &[Part]) -> Vec<(String, String)> {
        parts
            .iter()
            .filter_map(|p| match p {
                Part::Row { keys, help } => Some((keys.clone(), help.clone())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn the_help_lists_every_key_of_its_session_and_every_command() {
        let app = App::new(vec![], t0(), false, "m.ron".into());
        let live = rows(&document(&app));
        let standard = Keymap::standard();
        for binding in standard.bindings(KeyMode::Any).chain(
            [
                KeyMode::Compose,
                KeyMode::Select,
                KeyMode::Edit,
                KeyMode::Picker,
                KeyMode::Confirm,
                KeyMode::Paste,
                KeyMode::Overlay,
                KeyMode::Follow,
                KeyMode::Replay,
            ]
            .into_iter()
            .flat_map(|m| standard.bindings(m)),
        ) {
            let row = (binding.keys_text(), binding.help.to_string());
            let shown = matches!(
                binding.mode,
                KeyMode::Compose
                    | KeyMode::Select
                    | KeyMode::Edit
                    | KeyMode::Picker
                    | KeyMode::Confirm
                    | KeyMode::Paste
                    | KeyMode::Overlay
                    | KeyMode::Any
            );
            if shown {
                assert!(live.contains(&row), "{row:?}");
            }
        }
        assert!(
            !live.iter().any(|(keys, _)| keys == "Space"),
            "the replay keys are not the live console's"
        );
        assert!(
            !live.iter().any(|(keys, _)| keys == "Space"),
            "the replay keys are not the live console's"
        );
        for spec in COMMANDS {
            assert!(live.contains(&(spec.usage.to_string(), spec.help.to_string())));
        }
        let replay = crate::app::Replay::new(
            crate::replay::Player::new(MeetingBuilder::new().events()),
            crate::replay::pace::Pace::new(1.0, None),
        );
        let app = App::replaying(replay, false, "m.ron".into());
        let replay = rows(&document(&app));
        for binding in standard.bindings(KeyMode::Replay) {
            assert!(replay.contains(&(binding.keys_text(), binding.help.to_string())));
        }
        assert!(
            !replay.iter().any(|(keys, _)| keys == "/title TEXT"),
            "a replay takes no commands"
        );
    }
}
