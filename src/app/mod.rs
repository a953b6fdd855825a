//! The state of the console around the meeting: which kind of session it is (minuting live,
//! following, replaying), the composer, the mode (help, picker, selecting an entry), the footer
//! message, how the minutes are scrolled. [`update`] is the only thing that changes it, and it
//! returns what the runtime must do ([`Effects`]); the view only reads it.

mod act;
pub mod composer;
pub mod help;
pub mod replay;
pub mod roster;
mod run;
pub mod scroll;
pub mod search;
pub mod stats;
pub mod update;

use std::time::Duration;

use ratatui::layout::Rect;

use crate::input::keymap::{KeyMode, Keymap};
use crate::layout::minutes::MinutesLayout;
use crate::layout::{self, Areas, Wanted};
use crate::meeting::{Id, Log, Meeting, Stamped, Timestamp};
use crate::theme::Theme;
pub use composer::Composer;
pub use replay::Replay;
use scroll::{Pane, Scroll};
pub use update::{Effects, Msg, Stop, Visit, update};

/// What the keyboard is driving.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    Compose,
    /// An overlay to read (the help, the roster), scrolled by `scroll` lines.
    Overlay {
        kind: Overlay,
        scroll: u16,
    },
    Picker(Picker),
    /// A line began with a name nearly on the roster: asking whose it is.
    Confirm(Confirm),
    /// A paste too long to insert without asking (cleaned already).
    Paste(String),
    /// Ctrl-C on an empty line: asking before leaving.
    QuitConfirm,
    /// The search overlay.
    Search(search::Search),
    /// Picking an entry (index into the meeting's entries) to correct.
    Select {
        index: usize,
    },
    /// Correcting an entry in the composer.
    Edit {
        entry: Id,
    },
}

/// Which overlay.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overlay {
    Help,
    Roster,
    Stats(stats::SortBy),
}

/// What the picker is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PickerPurpose {
    Queue,
    Floor,
    /// Give this entry to the attendee picked.
    Give(Id),
}

/// A line held back because it starts with a name nearly on the roster.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Confirm {
    /// The line as typed.
    pub line: String,
    /// Who was probably meant, and their name as the roster has it.
    pub speaker: Id,
    pub name: String,
    /// The text after the colon.
    pub rest: String,
}

/// The fuzzy attendee picker: the query, the attendees matching it (best first) and which of
/// them is highlighted. The matches are worked out once per change of the query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Picker {
    pub purpose: PickerPurpose,
    pub query: String,
    pub matches: Vec<Id>,
    pub selected: usize,
}

impl Picker {
    pub fn new(purpose: PickerPurpose, meeting: &Meeting) -> Picker {
        let mut picker = Picker {
            purpose,
            query: String::new(),
            matches: Vec::new(),
            selected: 0,
        };
        picker.set_query(meeting, String::new());
        picker
    }

    /// A new query: the matches again, the best one highlighted.
    pub fn set_query(&mut self, meeting: &Meeting, query: String) {
        self.matches = crate::command::names::fuzzy(meeting, &query);
        self.query = query;
        self.selected = 0;
    }
}

/// The footer message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

/// Where saving stands, as told by the store.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SaveState {
    /// How many events of the log are known to be on disk.
    pub saved: usize,
    /// The last save failure, cleared by the next success.
    pub error: Option<String>,
}

/// A meeting being minuted here: its log and where saving stands.
pub struct Live {
    pub log: Log,
    pub save: SaveState,
}

/// What the console is showing.
pub enum Session {
    /// Minuting: the only kind of session that records anything.
    Live(Live),
    /// Watching a meeting minuted elsewhere, read-only: its log as read so far.
    Follow(Log),
    /// Playing a meeting back, read-only.
    Replay(Replay),
}

pub struct App {
    pub session: Session,
    pub composer: Composer,
    pub mode: Mode,
    pub status: Option<Status>,
    pub scroll: Scroll,
    /// The clock, as of the last message (the view reads time from here only).
    pub now: Timestamp,
    /// The terminal size, for paging the minutes.
    pub size: (u16, u16),
    pub theme: Theme,
    pub keymap: Keymap,
    pub minutes_layout: MinutesLayout,
    /// File the meeting is saved to, for the help screen.
    pub file_name: String,
    /// Read W3C habits typed without the slash (`q+ NAME`, `RESOLUTION: …`).
    pub habits: bool,
    /// The agenda's and the queue's lines shown in full rather than cut to fit.
    pub details: bool,
    /// The mouse wheel scrolls the minutes.
    pub mouse: bool,
    /// What F7 and `/export` write without a format.
    pub export_format: crate::export::Format,
    /// The language of exports when the meeting sets none.
    pub export_language: Option<String>,
    /// Another meeting of the archive, open read-only over this one (a replay paused at a
    /// search hit) until `q`: keys go to it, and this meeting goes on underneath (its timers,
    /// its saving).
    pub visit: Option<Box<App>>,
    /// Following: who is minuting the meeting (its lock's holder), None when nobody is (the
    /// writer quit, or crashed).
    pub writer: Option<String>,
}

impl App {
    fn with_session(session: Session, now: Timestamp, color: bool, file_name: String) -> App {
        let theme = Theme::new(color);
        App {
            session,
            composer: Composer::new(),
            mode: Mode::Compose,
            status: None,
            scroll: Scroll::Follow,
            now,
            size: (80, 24),
            minutes_layout: MinutesLayout::new(theme.clone()),
            theme,
            keymap: Keymap::standard(),
            file_name,
            habits: true,
            details: false,
            mouse: false,
            export_format: crate::export::Format::Markdown,
            export_language: None,
            visit: None,
            writer: None,
        }
    }

    /// A console minuting a meeting whose `events` are already on disk.
    pub fn new(events: Vec<Stamped>, now: Timestamp, color: bool, file_name: String) -> App {
        let save = SaveState {
            saved: events.len(),
            error: None,
        };
        let live = Live {
            log: Log::new(events),
            save,
        };
        App::with_session(Session::Live(live), now, color, file_name)
    }

    /// A read-only console following a meeting minuted elsewhere.
    pub fn follower(events: Vec<Stamped>, now: Timestamp, color: bool, file_name: String) -> App {
        App::with_session(Session::Follow(Log::new(events)), now, color, file_name)
    }

    /// A read-only console playing a meeting back.
    pub fn replaying(replay: Replay, color: bool, file_name: String) -> App {
        let now = replay.player.time();
        App::with_session(Session::Replay(replay), now, color, file_name)
    }

    /// Takes the note-taker's settings: their keys, colours, habits, mouse and export
    /// defaults. Returns what in them could not be used, to tell.
    pub fn configure(&mut self, settings: &crate::config::Settings, color: bool) -> Vec<String> {
        let (keymap, mut problems) = Keymap::with(&settings.keys);
        let (theme, colors) = Theme::named(settings.theme, color).with_colors(&settings.colors);
        problems.extend(colors);
        self.keymap = keymap;
        self.minutes_layout = MinutesLayout::new(theme.clone());
        self.theme = theme;
        self.habits = settings.habits;
        self.mouse = settings.mouse;
        self.export_format = settings.format();
        self.export_language = settings.language.clone();
        problems
    }

    /// The meeting on screen: the one being minuted or followed, or the replay's at its
    /// current moment.
    pub fn meeting(&self) -> &Meeting {
        match &self.session {
            Session::Live(live) => live.log.meeting(),
            Session::Follow(log) => log.meeting(),
            Session::Replay(replay) => replay.player.meeting(),
        }
    }

    /// The events of the meeting on screen (for a replay: all of them, played or not).
    pub fn events(&self) -> &[Stamped] {
        match &self.session {
            Session::Live(live) => live.log.events(),
            Session::Follow(log) => log.events(),
            Session::Replay(replay) => replay.player.events(),
        }
    }

    /// Can things be typed and recorded here?
    pub fn is_live(&self) -> bool {
        matches!(self.session, Session::Live(_))
    }

    /// The replay, when this console plays one.
    pub fn replay(&self) -> Option<&Replay> {
        match &self.session {
            Session::Replay(replay) => Some(replay),
            _ => None,
        }
    }

    /// What the note-taker was typing, to keep across a crash. A correction under way is not
    /// a draft (the composer was empty before it).
    pub fn draft(&self) -> String {
        match &self.mode {
            Mode::Edit { .. } => String::new(),
            _ => self.composer.text(),
        }
    }

    /// Is every recorded event on disk? (A read-only console has nothing to save.)
    pub fn all_saved(&self) -> bool {
        match &self.session {
            Session::Live(live) => {
                live.save.saved >= live.log.events().len() && live.save.error.is_none()
            }
            _ => true,
        }
    }

    /// How many events are on disk: entries after them are marked unsaved.
    pub fn saved(&self) -> usize {
        match &self.session {
            Session::Live(live) => live.save.saved,
            _ => usize::MAX,
        }
    }

    /// Which bindings the keys go by now.
    pub fn key_mode(&self) -> KeyMode {
        match (&self.mode, &self.session) {
            (Mode::Overlay { .. }, _) => KeyMode::Overlay,
            (Mode::Picker(_), _) => KeyMode::Picker,
            (Mode::Confirm(_), _) => KeyMode::Confirm,
            (Mode::Paste(_), _) => KeyMode::Paste,
            (Mode::QuitConfirm, _) => KeyMode::QuitConfirm,
            (Mode::Search(_), _) => KeyMode::Search,
            (Mode::Select { .. }, _) => KeyMode::Select,
            (Mode::Edit { .. }, _) => KeyMode::Edit,
            (Mode::Compose, Session::Live(_)) => KeyMode::Compose,
            (Mode::Compose, Session::Follow(_)) => KeyMode::Follow,
            (Mode::Compose, Session::Replay(r)) if r.typing.is_some() => KeyMode::ReplaySearch,
            (Mode::Compose, Session::Replay(_)) => KeyMode::Replay,
        }
    }

    /// What an overlay says.
    pub fn overlay(&self, kind: Overlay) -> Vec<help::Part> {
        match kind {
            Overlay::Help => help::document(self),
            Overlay::Roster => roster::document(self.meeting()),
            Overlay::Stats(sort) => stats::document(self.meeting(), self.now, sort),
        }
    }

    /// The panes' places in a window of `area`, or None when it is too small.
    pub fn areas(&self, area: Rect) -> Option<Areas> {
        let footer = match &self.status {
            Some(status) => layout::message_lines(&status.text, self.theme.info, area.width).len(),
            None => 1,
        };
        let composer = match &self.session {
            Session::Replay(_) => replay::TIMELINE_ROWS,
            _ => self.composer.rows(area.width),
        };
        layout::areas(
            area,
            Wanted {
                footer: u16::try_from(footer).unwrap_or(u16::MAX),
                composer,
                agenda_items: self.meeting().agenda.items().len(),
            },
        )
    }

    /// The minutes pane at the current terminal size, for scrolling.
    pub fn minutes_pane(&self) -> Pane<'_> {
        let area = Rect::new(0, 0, self.size.0, self.size.1);
        let (width, height) = self
            .areas(area)
            .map_or((40, 10), |areas| layout::inner_size(areas.minutes));
        Pane {
            layout: &self.minutes_layout,
            meeting: self.meeting(),
            width,
            height,
        }
    }

    /// How long until something on screen changes by itself: the clock and the elapsed time
    /// (each minute), the time on the current item (each minute from when it was taken up),
    /// the speaker's timer (each second from when they got the floor). The runtime sleeps
    /// until then, so an idle console wakes only when there is something new to draw.
    pub fn next_tick(&self) -> Duration {
        let own = self.own_next_tick();
        match &self.visit {
            Some(visit) => own.min(visit.next_tick()),
            None => own,
        }
    }

    fn own_next_tick(&self) -> Duration {
        if let Session::Replay(replay) = &self.session {
            return replay.next_tick();
        }
        let meeting = self.meeting();
        let now = self.now;
        let minute = Duration::from_secs(60);
        let wall_minute = {
            let into = u64::from(chrono::Timelike::second(&now)) * 1000
                + u64::from(now.timestamp_subsec_millis().min(999));
            Duration::from_millis(60_000 - into)
        };
        let mut next = wall_minute;
        if meeting.closed.is_none() {
            let running = [
                meeting.started.map(|t| (t, minute)),
                meeting.agenda.since().map(|t| (t, minute)),
                meeting.floor.map(|f| (f.since, Duration::from_secs(1))),
            ];
            for (origin, period) in running.into_iter().flatten() {
                next = next.min(until_next(origin, now, period));
            }
        }
        next
    }
}

/// Time from `now` until the next whole `period` counted from `origin`.
fn until_next(origin: Timestamp, now: Timestamp, period: Duration) -> Duration {
    let since = (now - origin).to_std().unwrap_or(Duration::ZERO);
    let period_ms = period.as_millis().max(1);
    let into = since.as_millis() % period_ms;
    Duration::from_millis(u64::try_from(period_ms - into).unwrap_or(1000))
}
