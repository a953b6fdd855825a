//! The state of the console around the meeting: the composer, the mode (help, picker,
//! selecting an entry), the footer message, how the minutes are scrolled and what has been
//! saved. `update` is the only thing that changes it; the view only reads it.

pub mod composer;
pub mod replay;
pub mod update;

use std::time::Duration;

use crate::input::keymap::{Context, PickerPurpose};
use crate::meeting::{Id, Log, Meeting, Stamped, Timestamp};
use crate::view::minutes::{MinutesLayout, Scroll};
use crate::view::theme::Theme;
pub use composer::Composer;
pub use replay::Replay;
pub use update::{Msg, update};

/// What the keyboard is driving.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    Compose,
    Help {
        scroll: u16,
    },
    Picker(Picker),
    /// Picking an entry (index into the meeting's entries) to correct.
    Select {
        index: usize,
    },
    /// Correcting an entry in the composer.
    Edit {
        entry: Id,
    },
}

/// The fuzzy attendee picker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Picker {
    pub purpose: PickerPurpose,
    pub query: String,
    pub selected: usize,
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

pub struct App {
    pub log: Log,
    pub composer: Composer,
    pub mode: Mode,
    pub status: Option<Status>,
    pub scroll: Scroll,
    pub save: SaveState,
    /// The clock, as of the last message (the view reads time from here only).
    pub now: Timestamp,
    /// The terminal size, for paging the minutes.
    pub size: (u16, u16),
    pub theme: Theme,
    pub minutes_layout: MinutesLayout,
    /// File the meeting is saved to, for the help screen.
    pub file_name: String,
    /// Events recorded since the runtime last took them for saving.
    outbox: Vec<Stamped>,
    /// Read-only: following a meeting minuted elsewhere.
    pub following: bool,
    /// Read-only: playing a meeting back.
    pub replay: Option<Replay>,
    /// Minutes asked for with `/export` (or F7), for the runtime to write.
    pub exports: Vec<crate::export::Format>,
    pub quit: bool,
    /// Why the console is stopping, when it was not the note-taker's choice (a signal, the
    /// terminal gone).
    pub stopped_by: Option<String>,
}

impl App {
    /// A console on a meeting whose `events` are already on disk.
    pub fn new(events: Vec<Stamped>, now: Timestamp, color: bool, file_name: String) -> App {
        let theme = Theme::new(color);
        let saved = events.len();
        App {
            log: Log::new(events),
            composer: Composer::new(),
            mode: Mode::Compose,
            status: None,
            scroll: Scroll::Follow,
            save: SaveState { saved, error: None },
            now,
            size: (80, 24),
            minutes_layout: MinutesLayout::new(theme.clone()),
            theme,
            file_name,
            outbox: Vec::new(),
            following: false,
            replay: None,
            exports: Vec::new(),
            quit: false,
            stopped_by: None,
        }
    }

    /// A read-only console following a meeting minuted elsewhere.
    pub fn follower(events: Vec<Stamped>, now: Timestamp, color: bool, file_name: String) -> App {
        let mut app = App::new(events, now, color, file_name);
        app.following = true;
        app
    }

    /// A read-only console playing a meeting back.
    pub fn replaying(replay: Replay, color: bool, file_name: String) -> App {
        let now = replay.player.time();
        let mut app = App::new(Vec::new(), now, color, file_name);
        app.replay = Some(replay);
        app
    }

    /// The meeting on screen: the one being minuted or followed, or the replay's at its
    /// current moment.
    pub fn meeting(&self) -> &Meeting {
        match &self.replay {
            Some(replay) => replay.player.meeting(),
            None => self.log.meeting(),
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

    /// Records an event at `now`, to the second (the file stays readable, and nothing on
    /// screen shows finer time).
    pub(crate) fn record(&mut self, event: crate::meeting::Event) {
        let at = chrono::SubsecRound::trunc_subsecs(self.now, 0);
        let stamped = Stamped { at, event };
        self.outbox.push(stamped.clone());
        self.log.push(stamped);
    }

    /// Takes the events recorded since the last call, for the saver.
    pub fn take_outbox(&mut self) -> Vec<Stamped> {
        std::mem::take(&mut self.outbox)
    }

    /// Is every recorded event on disk?
    pub fn all_saved(&self) -> bool {
        self.save.saved >= self.log.events().len() && self.save.error.is_none()
    }

    /// The keymap context for the current mode.
    pub fn context(&self) -> Context {
        match &self.mode {
            Mode::Compose if self.replay.is_some() => Context::Replay {
                searching: self.replay.as_ref().is_some_and(|r| r.typing.is_some()),
            },
            Mode::Compose if self.following => Context::Follow,
            Mode::Compose => Context::Compose {
                empty: self.composer.is_empty(),
            },
            Mode::Help { .. } => Context::Help,
            Mode::Picker(_) => Context::Picker,
            Mode::Select { .. } => Context::Select,
            Mode::Edit { .. } => Context::Edit,
        }
    }

    /// How long until something on screen changes by itself: the clock and the elapsed time
    /// (each minute), the time on the current item (each minute from when it was taken up),
    /// the speaker's timer (each second from when they got the floor). The runtime sleeps
    /// until then, so an idle console wakes only when there is something new to draw.
    pub fn next_tick(&self) -> Duration {
        if let Some(replay) = &self.replay {
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
