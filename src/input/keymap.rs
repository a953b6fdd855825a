//! Key → action, by mode: the built-in bindings ([`super::bindings::BINDINGS`]) with the
//! note-taker's own keys from the settings file put in their place, compiled for matching.
//! The help, the footer and the README read the bindings through it, so they always show the
//! keys that work. Pure: a key and the console's mode give an action; nothing here changes
//! state.

use std::collections::BTreeMap;

use ratatui::crossterm::event::{KeyEvent, KeyEventKind};

pub use super::bindings::{Action, BINDINGS, Binding, KeyMode, When};
use super::keys::KeySpec;

/// One binding as it stands: the built-in row, with the keys the settings gave its action.
#[derive(Clone, Debug)]
pub struct Bound {
    pub mode: KeyMode,
    pub keys: Vec<String>,
    pub when: When,
    pub action: Action,
    pub help: &'static str,
    pub hint: Option<&'static str>,
}

impl Bound {
    /// The keys as the help and the README show them: `F2 / Alt-q`, `? (empty line)`.
    pub fn keys_text(&self) -> String {
        let keys = self.keys.join(" / ");
        match self.when {
            When::Always => keys,
            When::ComposerEmpty => format!("{keys} (empty line)"),
        }
    }
}

/// What a key comes to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lookup {
    Action(Action),
    /// A key for the text being edited (the composer, the picker's query, a search).
    Text(KeyEvent),
    Ignore,
}

/// The bindings, compiled for matching.
#[derive(Clone, Debug)]
pub struct Keymap {
    bound: Vec<Bound>,
    rows: Vec<(KeyMode, KeySpec, When, Action)>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap::standard()
    }
}

impl Keymap {
    /// The built-in bindings.
    pub fn standard() -> Keymap {
        Keymap::with(&BTreeMap::new()).0
    }

    /// The built-in bindings with the keys of some actions replaced (by action name, as the
    /// settings file gives them), and what could not be taken: an unknown action, a key that
    /// is not one, a key taken from another action of the same mode (the new binding wins).
    pub fn with(keys: &BTreeMap<String, Vec<String>>) -> (Keymap, Vec<String>) {
        let mut problems = Vec::new();
        let mut replaced: BTreeMap<Action, Vec<String>> = BTreeMap::new();
        for (name, wanted) in keys {
            let Some(action) = Action::from_name(name) else {
                problems.push(format!("there is no action '{name}' to bind"));
                continue;
            };
            let mut good = Vec::new();
            for key in wanted {
                match KeySpec::parse(key) {
                    Ok(_) => good.push(key.clone()),
                    Err(e) => problems.push(format!("{name}: {e}")),
                }
            }
            if !good.is_empty() {
                replaced.insert(action, good);
            }
        }
        let bound: Vec<Bound> = BINDINGS
            .iter()
            .map(|b| Bound {
                mode: b.mode,
                keys: replaced
                    .get(&b.action)
                    .cloned()
                    .unwrap_or_else(|| b.keys.iter().map(|k| k.to_string()).collect()),
                when: b.when,
                action: b.action,
                help: b.help,
                hint: b.hint,
            })
            .collect();
        // Rebound actions are matched first, so a key the note-taker gave wins.
        let mut rows = Vec::new();
        for first in [true, false] {
            for b in bound
                .iter()
                .filter(|b| replaced.contains_key(&b.action) == first)
            {
                for key in &b.keys {
                    // Built-in keys are checked by a test, rebound ones above: all parse.
                    if let Ok(spec) = KeySpec::parse(key) {
                        rows.push((b.mode, spec, b.when, b.action));
                    }
                }
            }
        }
        for (i, (mode, spec, when, action)) in rows.iter().enumerate() {
            let taken = rows[..i]
                .iter()
                .find(|(m, s, w, a)| m == mode && s == spec && w == when && a != action);
            if let Some((_, _, _, winner)) = taken {
                problems.push(format!(
                    "{}: its key is {}'s now in {}",
                    action.name(),
                    winner.name(),
                    mode.title()
                ));
            }
        }
        problems.dedup();
        (Keymap { bound, rows }, problems)
    }

    /// The bindings of a mode, in table order.
    pub fn bindings(&self, mode: KeyMode) -> impl Iterator<Item = &Bound> {
        self.bound.iter().filter(move |b| b.mode == mode)
    }

    /// The footer's hints for a mode: the first key of each binding that has a hint, with it.
    pub fn hints(&self, mode: KeyMode) -> impl Iterator<Item = (&str, &'static str)> {
        self.bindings(mode)
            .filter_map(|b| Some((b.keys.first()?.as_str(), b.hint?)))
    }

    /// The action for `key` in `mode`; `composer_empty` tells whether the composer holds text.
    pub fn lookup(&self, mode: KeyMode, composer_empty: bool, key: KeyEvent) -> Lookup {
        if key.kind == KeyEventKind::Release {
            return Lookup::Ignore;
        }
        let applies = |when: When| match when {
            When::Always => true,
            When::ComposerEmpty => composer_empty,
        };
        for wanted in [mode, KeyMode::Any] {
            let found = self
                .rows
                .iter()
                .find(|(m, spec, when, _)| *m == wanted && applies(*when) && spec.matches(&key));
            if let Some((_, _, _, action)) = found {
                return Lookup::Action(*action);
            }
        }
        if mode.takes_text() {
            Lookup::Text(key)
        } else {
            Lookup::Ignore
        }
    }
}

/// A mode's built-in keys as the README shows them: a Markdown table.
pub fn markdown(mode: KeyMode) -> String {
    let mut out = String::from("| key | does | action (for the settings) |\n| --- | --- | --- |\n");
    for binding in Keymap::standard().bindings(mode) {
        out.push_str(&format!(
            "| {} | {} | `{}` |\n",
            binding.keys_text().replace('|', "\\|"),
            binding.help.replace('|', "\\|"),
            binding.action.name()
        ));
    }
    out
}

/// Every action name with its built-in keys and what it does, one a line, as comments of the
/// settings file (`scribe config --default` ends with them).
pub fn actions_comment() -> String {
    let mut names: Vec<&str> = Vec::new();
    let mut keys: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let mut help: BTreeMap<&str, &str> = BTreeMap::new();
    for binding in super::bindings::BINDINGS {
        let name = binding.action.name();
        if !keys.contains_key(name) {
            names.push(name);
            help.insert(name, binding.help);
        }
        let list = keys.entry(name).or_default();
        for key in binding.keys {
            if !list.contains(key) {
                list.push(key);
            }
        }
    }
    let mut out =
        String::from("\n// Every action and its built-in keys (\"keys\" above replaces them):\n");
    for name in names {
        let bound = keys.get(name).map(|k| k.join(", ")).unwrap_or_default();
        let does = help.get(name).copied().unwrap_or_default();
        out.push_str(&format!("//   {name:<24} {bound:<22} {does}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn every_key_in_the_table_parses_and_every_action_has_a_unique_name() {
        for binding in BINDINGS {
            for key in binding.keys {
                assert!(KeySpec::parse(key).is_ok(), "{key}");
            }
        }
        let mut names: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Action::ALL.len());
        for action in Action::ALL {
            assert_eq!(Action::from_name(action.name()), Some(*action));
        }
    }

    #[test]
    fn no_key_is_bound_twice_in_one_mode() {
        let keymap = Keymap::standard();
        for (i, (mode, spec, when, _)) in keymap.rows.iter().enumerate() {
            for (other_mode, other, other_when, _) in &keymap.rows[i + 1..] {
                assert!(
                    !(mode == other_mode && spec == other && when == other_when),
                    "{mode:?} {spec:?} is bound twice"
                );
            }
        }
    }

    #[test]
    fn conditions_and_fallbacks() {
        let keymap = Keymap::standard();
        let up = press(KeyCode::Up, KeyModifiers::NONE);
        assert_eq!(
            keymap.lookup(KeyMode::Compose, true, up),
            Lookup::Action(Action::SelectEntry)
        );
        assert_eq!(keymap.lookup(KeyMode::Compose, false, up), Lookup::Text(up));
        let q = press(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(keymap.lookup(KeyMode::Compose, true, q), Lookup::Text(q));
        assert_eq!(
            keymap.lookup(KeyMode::Replay, true, q),
            Lookup::Action(Action::Quit)
        );
        let x = press(KeyCode::Char('z'), KeyModifiers::NONE);
        assert_eq!(keymap.lookup(KeyMode::Select, true, x), Lookup::Ignore);
        let ctrl_q = press(KeyCode::Char('q'), KeyModifiers::CONTROL);
        for mode in [
            KeyMode::Compose,
            KeyMode::Picker,
            KeyMode::Overlay,
            KeyMode::Replay,
        ] {
            assert_eq!(
                keymap.lookup(mode, false, ctrl_q),
                Lookup::Action(Action::Quit)
            );
        }
    }
}
