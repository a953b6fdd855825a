//! The keys as data: one row per binding (mode, keys, condition, action, help, footer hint).
//! The keymap ([`super::keymap`]), the help overlay, the footer hints and the README key
//! tables all read [`BINDINGS`] (a test compares the README with it), and every action has a
//! stable name (`queue.add`, `floor.next`, `replay.seek_back`, …) by which the settings file
//! rebinds it.

/// Which set of bindings applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyMode {
    /// Typing in the composer.
    Compose,
    /// Correcting an entry's text in the composer.
    Edit,
    /// Moving through the minutes to pick an entry.
    Select,
    /// Choosing an attendee from the fuzzy list.
    Picker,
    /// A line began with a name nearly on the roster: whose is it?
    Confirm,
    /// A very long paste waits: insert it?
    Paste,
    /// Ctrl-C on an empty line: leave?
    QuitConfirm,
    /// Searching the minutes.
    Search,
    /// The help, the roster and other overlays that are read and scrolled.
    Overlay,
    /// Watching a meeting minuted elsewhere: nothing can be typed.
    Follow,
    /// Playing a meeting back.
    Replay,
    /// Typing a search in a replay.
    ReplaySearch,
    /// Every mode (checked after the mode's own bindings).
    Any,
}

impl KeyMode {
    /// Modes where a key that is bound to nothing is typed into the text being edited.
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            KeyMode::Compose
                | KeyMode::Edit
                | KeyMode::Picker
                | KeyMode::ReplaySearch
                | KeyMode::Search
        )
    }

    /// The heading of the mode's keys in the help and the README.
    pub fn title(self) -> &'static str {
        match self {
            KeyMode::Compose => "Typing",
            KeyMode::Edit => "Correcting an entry",
            KeyMode::Select => "Selecting an entry",
            KeyMode::Picker => "The name picker",
            KeyMode::Confirm => "A name nearly on the roster",
            KeyMode::Paste => "A very long paste",
            KeyMode::QuitConfirm => "Leaving with Ctrl-C",
            KeyMode::Search => "Searching the minutes",
            KeyMode::Overlay => "Help, the roster",
            KeyMode::Follow => "Following",
            KeyMode::Replay => "Replay",
            KeyMode::ReplaySearch => "Searching a replay",
            KeyMode::Any => "Everywhere",
        }
    }
}

/// When a binding applies, beyond its mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    Always,
    /// Only while the composer holds no text (the key types itself otherwise).
    ComposerEmpty,
}

macro_rules! actions {
    ($($variant:ident = $name:literal,)*) => {
        /// What a key asks the console to do. Each has a stable name.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Action {
            $($variant,)*
        }

        impl Action {
            /// Every action.
            pub const ALL: &[Action] = &[$(Action::$variant,)*];

            /// The stable name a keymap file uses.
            pub fn name(self) -> &'static str {
                match self {
                    $(Action::$variant => $name,)*
                }
            }

            /// The action with this stable name.
            pub fn from_name(name: &str) -> Option<Action> {
                Action::ALL.iter().copied().find(|a| a.name() == name)
            }
        }
    };
}

actions! {
    Submit = "composer.submit",
    Newline = "composer.newline",
    Complete = "composer.complete",
    QueueAdd = "queue.add",
    FloorNext = "floor.next",
    FloorGive = "floor.give",
    FloorYield = "floor.yield",
    ItemNext = "item.next",
    Export = "minutes.export",
    PageUp = "minutes.page_up",
    PageDown = "minutes.page_down",
    Newest = "minutes.newest",
    SelectEntry = "entry.select",
    HelpOpen = "help.open",
    RosterOpen = "roster.open",
    StatsOpen = "stats.open",
    CarryOver = "queue.carry_over",
    Interrupt = "app.interrupt",
    Quit = "app.quit",
    QuitCancel = "app.stay",
    Suspend = "app.suspend",
    Details = "panes.details",
    CopyMinutes = "minutes.copy",
    SelectCopy = "select.copy",
    SearchOpen = "search.open",
    SearchUp = "search.up",
    SearchDown = "search.down",
    SearchGo = "search.go",
    SearchClose = "search.close",
    SearchArchive = "search.archive",
    EditCancel = "edit.cancel",
    SelectUp = "select.up",
    SelectDown = "select.down",
    SelectPageUp = "select.page_up",
    SelectPageDown = "select.page_down",
    SelectEdit = "select.edit",
    SelectGive = "select.give",
    SelectStrike = "select.strike",
    SelectBack = "select.back",
    PickerUp = "picker.up",
    PickerDown = "picker.down",
    PickerPick = "picker.pick",
    PickerCancel = "picker.cancel",
    ConfirmAccept = "confirm.accept",
    ConfirmAsTyped = "confirm.as_typed",
    ConfirmBack = "confirm.back",
    PasteAccept = "paste.accept",
    PasteCancel = "paste.cancel",
    OverlayClose = "overlay.close",
    OverlaySort = "overlay.sort",
    OverlayUp = "overlay.up",
    OverlayDown = "overlay.down",
    OverlayPageUp = "overlay.page_up",
    OverlayPageDown = "overlay.page_down",
    ReplayPlayPause = "replay.play_pause",
    ReplayFaster = "replay.faster",
    ReplaySlower = "replay.slower",
    ReplayIdle = "replay.idle_limit",
    ReplayStepForward = "replay.step_forward",
    ReplayStepBack = "replay.step_back",
    ReplaySeekForward = "replay.seek_forward",
    ReplaySeekBack = "replay.seek_back",
    ReplayMinuteForward = "replay.minute_forward",
    ReplayMinuteBack = "replay.minute_back",
    ReplayNextItem = "replay.next_item",
    ReplayPreviousItem = "replay.previous_item",
    ReplayNextSpeaker = "replay.next_speaker",
    ReplayPreviousSpeaker = "replay.previous_speaker",
    ReplayStart = "replay.start",
    ReplayEnd = "replay.end",
    ReplaySearch = "replay.search",
    ReplayNextMatch = "replay.next_match",
    ReplayPreviousMatch = "replay.previous_match",
    SearchRun = "search.run",
    SearchCancel = "search.cancel",
}

/// One binding: in `mode`, any of `keys` (when `when` holds) does `action`.
pub struct Binding {
    pub mode: KeyMode,
    pub keys: &'static [&'static str],
    pub when: When,
    pub action: Action,
    /// What it does, for the help and the README.
    pub help: &'static str,
    /// A word or two for the footer, for the keys worth showing there.
    pub hint: Option<&'static str>,
}

const fn bind(
    mode: KeyMode,
    keys: &'static [&'static str],
    action: Action,
    help: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        mode,
        keys,
        when: When::Always,
        action,
        help,
        hint,
    }
}

const fn when_empty(mut binding: Binding) -> Binding {
    binding.when = When::ComposerEmpty;
    binding
}

use Action as A;
use KeyMode as M;

/// Every binding, mode by mode, in the order the help, the footer and the README list them.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    // Typing.
    bind(M::Compose, &["F1"], A::HelpOpen, "help: every key and command", Some("help")),
    bind(M::Compose, &["Ctrl-Q"], A::Quit, "save and quit (as `/quit`)", Some("quit")),
    when_empty(bind(M::Compose, &["?"], A::HelpOpen, "help", None)),
    bind(M::Compose, &["Enter"], A::Submit, "record the line (or run the command)", Some("record")),
    bind(M::Compose, &["Alt-Enter"], A::Newline, "a new line inside the same entry", None),
    bind(M::Compose, &["Tab"], A::Complete, "complete a command or attendee name (again: cycle through candidates)", Some("complete")),
    bind(M::Compose, &["F2", "Alt-q"], A::QueueAdd, "add to the queue through a fuzzy name picker", Some("queue")),
    bind(M::Compose, &["F3", "Alt-a"], A::FloorNext, "give the floor to the next in the queue (`/ack`)", Some("next speaker")),
    bind(M::Compose, &["F4", "Alt-g"], A::FloorGive, "give the floor to anyone (picker; `/floor`)", Some("floor")),
    bind(M::Compose, &["F5", "Alt-y"], A::FloorYield, "the speaker yields (`/yield`)", Some("yield")),
    bind(M::Compose, &["F6", "Alt-n"], A::ItemNext, "take up the next agenda item (`/item next`); the chair gets the floor", Some("next item")),
    bind(M::Compose, &["F7"], A::Export, "write the minutes (Markdown) next to the meeting file (`/export md`)", None),
    bind(M::Compose, &["F8", "Alt-r"], A::RosterOpen, "the roster: who is present, who left, regrets (`/roster`)", None),
    bind(M::Compose, &["F9", "Alt-s"], A::StatsOpen, "speaking statistics per attendee and per item (`/stats`)", None),
    bind(M::Compose, &["Alt-c"], A::CarryOver, "carry those still waiting on the previous item over to this one (`/carry`)", None),
    bind(M::Compose, &["PgUp"], A::PageUp, "scroll the minutes back", Some("scroll")),
    bind(M::Compose, &["PgDn"], A::PageDown, "scroll the minutes forward", None),
    bind(M::Compose, &["Esc"], A::Newest, "back to the newest minutes", None),
    when_empty(bind(M::Compose, &["Up"], A::SelectEntry, "select an entry to correct", Some("select"))),
    bind(M::Compose, &["F10", "Alt-d"], A::Details, "the agenda's and the queue's lines in full, or cut to fit again", None),
    bind(M::Compose, &["Ctrl-F"], A::SearchOpen, "search the minutes (`/search`)", Some("search")),
    bind(M::Compose, &["Alt-w"], A::CopyMinutes, "copy the whole minutes (Markdown) to the clipboard, over SSH too (`/copy`)", None),
    bind(M::Compose, &["Ctrl-C"], A::Interrupt, "clear the line; on an empty line, save and quit (it asks first)", None),
    // Correcting an entry.
    bind(M::Edit, &["Enter"], A::Submit, "save the correction", Some("save correction")),
    bind(M::Edit, &["Alt-Enter"], A::Newline, "a new line inside the entry", None),
    bind(M::Edit, &["Tab"], A::Complete, "complete an attendee name", None),
    bind(M::Edit, &["Esc", "Ctrl-C"], A::EditCancel, "cancel: the entry stays as it was", Some("cancel")),
    bind(M::Edit, &["F1"], A::HelpOpen, "help", None),
    // Selecting an entry.
    bind(M::Select, &["Up", "k"], A::SelectUp, "the entry above", Some("choose")),
    bind(M::Select, &["Down", "j"], A::SelectDown, "the entry below", None),
    bind(M::Select, &["PgUp"], A::SelectPageUp, "half a page up", None),
    bind(M::Select, &["PgDn"], A::SelectPageDown, "half a page down", None),
    bind(M::Select, &["Enter", "e"], A::SelectEdit, "correct the selected entry in the composer (an action: its owners and due date too)", Some("correct")),
    bind(M::Select, &["b"], A::SelectGive, "give the selected statement to another speaker (picker)", Some("give")),
    bind(M::Select, &["x", "Delete"], A::SelectStrike, "strike the selected entry from the minutes, or restore it", Some("strike")),
    bind(M::Select, &["y"], A::SelectCopy, "copy the selected entry to the clipboard", Some("copy")),
    bind(M::Select, &["Esc", "q", "Ctrl-C"], A::SelectBack, "back to typing", Some("back")),
    bind(M::Select, &["F1", "?"], A::HelpOpen, "help", None),
    // The name picker.
    bind(M::Picker, &["Up", "Ctrl-p"], A::PickerUp, "the name above", Some("choose")),
    bind(M::Picker, &["Down", "Tab", "Ctrl-n"], A::PickerDown, "the name below", None),
    bind(M::Picker, &["Enter"], A::PickerPick, "pick the highlighted name", Some("pick")),
    bind(M::Picker, &["Esc", "Ctrl-C"], A::PickerCancel, "close the picker", Some("cancel")),
    // A name nearly on the roster.
    bind(M::Confirm, &["Enter", "y"], A::ConfirmAccept, "record the line for the name proposed", Some("record for them")),
    bind(M::Confirm, &["n"], A::ConfirmAsTyped, "record the line as typed, for the speaker with the floor", Some("as typed")),
    bind(M::Confirm, &["Esc", "Ctrl-C"], A::ConfirmBack, "back to the line, to change it", Some("edit")),
    // A very long paste.
    bind(M::Paste, &["Enter", "y"], A::PasteAccept, "insert it", Some("insert")),
    bind(M::Paste, &["Esc", "n", "Ctrl-C"], A::PasteCancel, "drop it", Some("drop")),
    // Searching the minutes.
    bind(M::Search, &["Up", "Ctrl-p"], A::SearchUp, "the newer match", Some("choose")),
    bind(M::Search, &["Down", "Ctrl-n"], A::SearchDown, "the older match", None),
    bind(M::Search, &["Enter"], A::SearchGo, "go to the entry (selected in the minutes)", Some("go")),
    bind(M::Search, &["Tab"], A::SearchArchive, "search every meeting of the archive too (Tab again: this meeting only); Enter on another meeting's entry opens it read-only there", Some("archive")),
    bind(M::Search, &["Esc", "Ctrl-C"], A::SearchClose, "close the search", Some("close")),
    // Leaving with Ctrl-C.
    bind(M::QuitConfirm, &["Ctrl-C", "y"], A::Quit, "save and leave", Some("leave")),
    bind(M::QuitConfirm, &["Esc", "n"], A::QuitCancel, "stay (so does any other key)", Some("stay")),
    // Overlays.
    bind(M::Overlay, &["Up", "k"], A::OverlayUp, "scroll up", Some("scroll")),
    bind(M::Overlay, &["Down", "j"], A::OverlayDown, "scroll down", None),
    bind(M::Overlay, &["PgUp"], A::OverlayPageUp, "a page up", None),
    bind(M::Overlay, &["PgDn", "Space"], A::OverlayPageDown, "a page down", None),
    bind(M::Overlay, &["s"], A::OverlaySort, "statistics: sort by the next column", None),
    bind(M::Overlay, &["Esc", "F1", "q", "?"], A::OverlayClose, "close it", Some("close")),
    // Following.
    bind(M::Follow, &["q", "Ctrl-C"], A::Quit, "leave the follow view", Some("quit")),
    bind(M::Follow, &["PgUp"], A::PageUp, "scroll the minutes back", Some("scroll")),
    bind(M::Follow, &["PgDn"], A::PageDown, "scroll the minutes forward", None),
    bind(M::Follow, &["End", "Esc"], A::Newest, "back to the newest minutes", Some("newest")),
    bind(M::Follow, &["F1", "?"], A::HelpOpen, "help", Some("help")),
    // Replay: how to leave first, so the footer always says it.
    bind(M::Replay, &["q", "Ctrl-C"], A::Quit, "leave the replay", Some("quit")),
    bind(M::Replay, &["Space"], A::ReplayPlayPause, "play / pause (at the end: from the start)", Some("play/pause")),
    bind(M::Replay, &["+", "="], A::ReplayFaster, "twice as fast (up to 64x)", Some("faster")),
    bind(M::Replay, &["-", "_"], A::ReplaySlower, "half as fast (down to 0.5x)", None),
    bind(M::Replay, &["i"], A::ReplayIdle, "shorten long silences on / off (to `--idle-limit`, or 2 s)", None),
    bind(M::Replay, &["."], A::ReplayStepForward, "one event forward (pauses)", Some("step")),
    bind(M::Replay, &[","], A::ReplayStepBack, "one event back (pauses)", None),
    bind(M::Replay, &["Right", "l"], A::ReplaySeekForward, "10 seconds forward", Some("+10s")),
    bind(M::Replay, &["Left", "h"], A::ReplaySeekBack, "10 seconds back", None),
    bind(M::Replay, &["Shift-Right", "L"], A::ReplayMinuteForward, "1 minute forward", None),
    bind(M::Replay, &["Shift-Left", "H"], A::ReplayMinuteBack, "1 minute back", None),
    bind(M::Replay, &["]"], A::ReplayNextItem, "next agenda item", Some("item")),
    bind(M::Replay, &["["], A::ReplayPreviousItem, "previous agenda item", None),
    bind(M::Replay, &["}"], A::ReplayNextSpeaker, "next change of speaker", Some("speaker")),
    bind(M::Replay, &["{"], A::ReplayPreviousSpeaker, "previous change of speaker", None),
    bind(M::Replay, &["Home"], A::ReplayStart, "the start", None),
    bind(M::Replay, &["End"], A::ReplayEnd, "the end", None),
    bind(M::Replay, &["/"], A::ReplaySearch, "search the entries (case ignored); Enter jumps to the first match and pauses", Some("search")),
    bind(M::Replay, &["n"], A::ReplayNextMatch, "next match", None),
    bind(M::Replay, &["N"], A::ReplayPreviousMatch, "previous match", None),
    bind(M::Replay, &["PgUp"], A::PageUp, "scroll the minutes back", None),
    bind(M::Replay, &["PgDn"], A::PageDown, "scroll the minutes forward", None),
    bind(M::Replay, &["Esc"], A::Newest, "back to the newest minutes played", None),
    bind(M::Replay, &["F1", "?"], A::HelpOpen, "help", Some("help")),
    // Searching a replay.
    bind(M::ReplaySearch, &["Enter"], A::SearchRun, "search", Some("search")),
    bind(M::ReplaySearch, &["Esc", "Ctrl-C"], A::SearchCancel, "cancel the search", Some("cancel")),
    // Everywhere.
    bind(M::Any, &["Ctrl-Q"], A::Quit, "save and quit (as `/quit`); in a replay or the follow view, leave", None),
    bind(M::Any, &["Ctrl-Z"], A::Suspend, "suspend to the shell; `fg` comes back", None),
];
