//! Key → action, by mode: one table per mode, pure, so flows can be tested with plain key
//! events. Fast keys that act on the meeting map to the same [`Command`]s as typed commands.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::command::{Command, ItemTarget};

/// Which table applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    /// Typing in the composer; `empty` tells whether it holds any text.
    Compose {
        empty: bool,
    },
    /// Correcting an entry's text in the composer.
    Edit,
    /// Moving through the minutes to pick an entry.
    Select,
    /// Choosing an attendee from the fuzzy list.
    Picker,
    Help,
    /// Watching a meeting minuted elsewhere: nothing can be typed.
    Follow,
    /// Playing a meeting back; `searching` while a search is typed after `/`.
    Replay {
        searching: bool,
    },
}

/// The replay controls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReplayKey {
    PlayPause,
    /// Twice as fast (true) or half as fast.
    Faster(bool),
    ToggleIdle,
    /// One event forward (true) or back.
    Step(bool),
    /// Seconds of meeting time forward (positive) or back.
    Seek(i64),
    /// The next (true) or previous agenda item.
    Item(bool),
    /// The next (true) or previous change of speaker.
    Speaker(bool),
    Start,
    End,
    Search,
    /// The next (true) or previous match of the search.
    NextMatch(bool),
}

/// The replay keys, as the help and the README list them.
pub const REPLAY_KEYS: &[FastKey] = &[
    FastKey {
        keys: "Space",
        help: "play / pause",
    },
    FastKey {
        keys: "+ / -",
        help: "twice / half as fast (0.5x to 64x)",
    },
    FastKey {
        keys: "i",
        help: "shorten long silences (idle limit) on / off",
    },
    FastKey {
        keys: ". / ,",
        help: "one event forward / back",
    },
    FastKey {
        keys: "→ / ←",
        help: "10 seconds forward / back",
    },
    FastKey {
        keys: "Shift-→ / Shift-← (L / H)",
        help: "1 minute forward / back",
    },
    FastKey {
        keys: "] / [",
        help: "next / previous agenda item",
    },
    FastKey {
        keys: "} / {",
        help: "next / previous change of speaker",
    },
    FastKey {
        keys: "Home / End",
        help: "start / end",
    },
    FastKey {
        keys: "/ then Enter",
        help: "search the entries; n / N next / previous match",
    },
    FastKey {
        keys: "PgUp / PgDn",
        help: "scroll the minutes",
    },
    FastKey {
        keys: "q",
        help: "quit",
    },
];

/// What the picker is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PickerPurpose {
    Queue,
    Floor,
}

/// What a key asks the app to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Enter: record the line, run the command, or save the correction.
    Submit,
    InsertNewline,
    Complete,
    /// A key for the text editor (or the picker's query).
    Edit(KeyEvent),
    /// A meeting command bound to a key.
    Run(Command),
    OpenHelp,
    OpenPicker(PickerPurpose),
    /// Esc: leave the overlay or mode, or go back to the newest minutes.
    Back,
    PageUp,
    PageDown,
    Up,
    Down,
    /// Start picking an entry to correct.
    Select,
    /// Correct the selected entry.
    EditSelected,
    /// Ctrl-C: clear the composer, or leave when it is empty.
    Interrupt,
    /// A replay control.
    Replay(ReplayKey),
    Quit,
    Ignore,
}

/// A fast key: its binding for the help screen and the action.
pub struct FastKey {
    pub keys: &'static str,
    pub help: &'static str,
}

/// The fast keys of the console, as listed in the help and the README.
pub const FAST_KEYS: &[FastKey] = &[
    FastKey {
        keys: "F2 / Alt-q",
        help: "add to the queue (fuzzy name picker)",
    },
    FastKey {
        keys: "F3 / Alt-a",
        help: "give the floor to the next in the queue",
    },
    FastKey {
        keys: "F4 / Alt-g",
        help: "give the floor to anyone (picker)",
    },
    FastKey {
        keys: "F5 / Alt-y",
        help: "the speaker yields the floor",
    },
    FastKey {
        keys: "F6 / Alt-n",
        help: "take up the next agenda item",
    },
    FastKey {
        keys: "F7",
        help: "write the minutes (Markdown) next to the meeting",
    },
    FastKey {
        keys: "PgUp / PgDn",
        help: "scroll the minutes (Esc: back to the newest)",
    },
    FastKey {
        keys: "Up (empty line)",
        help: "select an entry: Up/Down, Enter to correct it",
    },
    FastKey {
        keys: "Tab",
        help: "complete a command or attendee name",
    },
    FastKey {
        keys: "Alt-Enter",
        help: "new line inside an entry",
    },
    FastKey {
        keys: "F1 / ? (empty line)",
        help: "this help",
    },
    FastKey {
        keys: "Ctrl-Q",
        help: "save and quit (as /quit)",
    },
];

/// The action for a key in a context.
pub fn action(context: Context, key: KeyEvent) -> Action {
    if key.kind == KeyEventKind::Release {
        return Action::Ignore;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    if ctrl && key.code == KeyCode::Char('q') {
        return Action::Quit;
    }
    match context {
        Context::Replay { searching: true } => match key.code {
            KeyCode::Esc => Action::Back,
            KeyCode::Enter => Action::Submit,
            KeyCode::Char('c') if ctrl => Action::Back,
            _ => Action::Edit(key),
        },
        Context::Replay { searching: false } => replay(key, ctrl),
        Context::Follow => match key.code {
            KeyCode::Char('q') | KeyCode::Esc => Action::Quit,
            KeyCode::Char('c') if ctrl => Action::Quit,
            KeyCode::PageUp => Action::PageUp,
            KeyCode::PageDown => Action::PageDown,
            KeyCode::End => Action::Back,
            KeyCode::F(1) | KeyCode::Char('?') => Action::OpenHelp,
            _ => Action::Ignore,
        },
        Context::Help => match key.code {
            KeyCode::Esc | KeyCode::F(1) | KeyCode::Char('q' | '?') => Action::Back,
            KeyCode::Up | KeyCode::Char('k') => Action::Up,
            KeyCode::Down | KeyCode::Char('j') => Action::Down,
            KeyCode::PageUp => Action::PageUp,
            KeyCode::PageDown | KeyCode::Char(' ') => Action::PageDown,
            _ => Action::Ignore,
        },
        Context::Picker => match key.code {
            KeyCode::Esc => Action::Back,
            KeyCode::Enter => Action::Submit,
            KeyCode::Up => Action::Up,
            KeyCode::Down | KeyCode::Tab => Action::Down,
            KeyCode::Char('p') if ctrl => Action::Up,
            KeyCode::Char('n') if ctrl => Action::Down,
            KeyCode::Char('c') if ctrl => Action::Back,
            _ => Action::Edit(key),
        },
        Context::Select => match key.code {
            KeyCode::Esc | KeyCode::Char('q') => Action::Back,
            KeyCode::Up | KeyCode::Char('k') => Action::Up,
            KeyCode::Down | KeyCode::Char('j') => Action::Down,
            KeyCode::PageUp => Action::PageUp,
            KeyCode::PageDown => Action::PageDown,
            KeyCode::Enter | KeyCode::Char('e') => Action::EditSelected,
            KeyCode::F(1) | KeyCode::Char('?') => Action::OpenHelp,
            KeyCode::Char('c') if ctrl => Action::Back,
            _ => Action::Ignore,
        },
        Context::Edit => match key.code {
            KeyCode::Esc => Action::Back,
            KeyCode::Enter if alt => Action::InsertNewline,
            KeyCode::Enter => Action::Submit,
            KeyCode::Tab => Action::Complete,
            KeyCode::F(1) => Action::OpenHelp,
            KeyCode::Char('c') if ctrl => Action::Back,
            _ => Action::Edit(key),
        },
        Context::Compose { empty } => compose(key, empty, ctrl, alt),
    }
}

fn replay(key: KeyEvent, ctrl: bool) -> Action {
    let shift = key.modifiers.contains(KeyModifiers::SHIFT);
    let key = match key.code {
        KeyCode::Char(' ') => ReplayKey::PlayPause,
        KeyCode::Char('+' | '=') => ReplayKey::Faster(true),
        KeyCode::Char('-' | '_') => ReplayKey::Faster(false),
        KeyCode::Char('i') => ReplayKey::ToggleIdle,
        KeyCode::Char('.') => ReplayKey::Step(true),
        KeyCode::Char(',') => ReplayKey::Step(false),
        KeyCode::Right if shift => ReplayKey::Seek(60),
        KeyCode::Left if shift => ReplayKey::Seek(-60),
        KeyCode::Char('L') => ReplayKey::Seek(60),
        KeyCode::Char('H') => ReplayKey::Seek(-60),
        KeyCode::Right | KeyCode::Char('l') => ReplayKey::Seek(10),
        KeyCode::Left | KeyCode::Char('h') => ReplayKey::Seek(-10),
        KeyCode::Char(']') => ReplayKey::Item(true),
        KeyCode::Char('[') => ReplayKey::Item(false),
        KeyCode::Char('}') => ReplayKey::Speaker(true),
        KeyCode::Char('{') => ReplayKey::Speaker(false),
        KeyCode::Home => ReplayKey::Start,
        KeyCode::End => ReplayKey::End,
        KeyCode::Char('/') => ReplayKey::Search,
        KeyCode::Char('n') => ReplayKey::NextMatch(true),
        KeyCode::Char('N') => ReplayKey::NextMatch(false),
        KeyCode::Char('q') | KeyCode::Esc => return Action::Quit,
        KeyCode::Char('c') if ctrl => return Action::Quit,
        KeyCode::F(1) | KeyCode::Char('?') => return Action::OpenHelp,
        KeyCode::PageUp => return Action::PageUp,
        KeyCode::PageDown => return Action::PageDown,
        _ => return Action::Ignore,
    };
    Action::Replay(key)
}

fn compose(key: KeyEvent, empty: bool, ctrl: bool, alt: bool) -> Action {
    match key.code {
        KeyCode::Enter if alt => Action::InsertNewline,
        KeyCode::Enter => Action::Submit,
        KeyCode::Tab => Action::Complete,
        KeyCode::F(1) => Action::OpenHelp,
        KeyCode::Char('?') if empty && !ctrl && !alt => Action::OpenHelp,
        KeyCode::F(2) => Action::OpenPicker(PickerPurpose::Queue),
        KeyCode::F(3) => Action::Run(Command::Ack(None)),
        KeyCode::F(4) => Action::OpenPicker(PickerPurpose::Floor),
        KeyCode::F(5) => Action::Run(Command::Yield),
        KeyCode::F(6) => Action::Run(Command::Item(ItemTarget::Next)),
        KeyCode::F(7) => Action::Run(Command::Export(crate::export::Format::Markdown)),
        KeyCode::Char('q') if alt => Action::OpenPicker(PickerPurpose::Queue),
        KeyCode::Char('a') if alt => Action::Run(Command::Ack(None)),
        KeyCode::Char('g') if alt => Action::OpenPicker(PickerPurpose::Floor),
        KeyCode::Char('y') if alt => Action::Run(Command::Yield),
        KeyCode::Char('n') if alt => Action::Run(Command::Item(ItemTarget::Next)),
        KeyCode::PageUp => Action::PageUp,
        KeyCode::PageDown => Action::PageDown,
        KeyCode::Up if empty => Action::Select,
        KeyCode::Esc => Action::Back,
        KeyCode::Char('c') if ctrl => Action::Interrupt,
        _ => Action::Edit(key),
    }
}
