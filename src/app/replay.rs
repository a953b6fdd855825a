//! The console's side of a replay: the player, how fast it plays, whether it is playing, and
//! the search being typed. Real time comes in with each message; the player only ever sees
//! meeting time.

use std::time::Duration;

use chrono::TimeDelta;

use crate::input::keymap::Action;
use crate::meeting::{Event, Timestamp};
use crate::replay::pace::Pace;
use crate::replay::{Landmark, Player};

/// Rows the timeline takes in place of the composer, under its rule.
pub const TIMELINE_ROWS: u16 = 2;

/// Redraws while playing are at most this frequent (about 30 a second).
const FRAME: Duration = Duration::from_millis(33);

pub struct Replay {
    pub player: Player,
    pub pace: Pace,
    /// The idle limit `i` turns back on.
    pub idle_default: Duration,
    pub playing: bool,
    /// Real time of the last look at the clock while playing.
    last_real: Option<Timestamp>,
    /// The search being typed after `/`.
    pub typing: Option<String>,
    /// The last search and the positions of its matches.
    pub query: String,
    pub matches: Vec<usize>,
    /// Meeting times where an item was taken up, and where the floor changed (for the
    /// timeline's marks).
    pub item_marks: Vec<Timestamp>,
    pub speaker_marks: Vec<Timestamp>,
}

impl Replay {
    pub fn new(player: Player, pace: Pace) -> Replay {
        let marks = |keep: fn(&Event) -> bool| {
            player
                .events()
                .iter()
                .filter(|e| keep(&e.event))
                .map(|e| e.at)
                .collect()
        };
        Replay {
            item_marks: marks(|e| matches!(e, Event::ItemTakenUp { .. })),
            speaker_marks: marks(|e| matches!(e, Event::FloorGiven { .. } | Event::FloorYielded)),
            idle_default: pace.idle_limit.unwrap_or(Duration::from_secs(2)),
            player,
            pace,
            playing: false,
            last_real: None,
            typing: None,
            query: String::new(),
            matches: Vec::new(),
        }
    }

    /// Plays the real time passed since the last call, when playing. Returns whether the
    /// meeting's clock moved.
    pub fn catch_up(&mut self, real: Timestamp) -> bool {
        let last = self.last_real.replace(real);
        if !self.playing {
            return false;
        }
        let Some(last) = last else {
            return false;
        };
        let elapsed = (real - last).to_std().unwrap_or(Duration::ZERO);
        self.pace.advance(&mut self.player, elapsed);
        if self.player.at_end() {
            self.playing = false;
        }
        !elapsed.is_zero()
    }

    /// What a replay key does. Returns a message for the footer, if any. Actions that are not
    /// the replay's change nothing.
    pub fn press(&mut self, action: Action) -> Option<String> {
        let player = &mut self.player;
        match action {
            Action::ReplayPlayPause => {
                if player.at_end() && !self.playing {
                    player.seek(0);
                }
                self.playing = !self.playing;
            }
            Action::ReplayFaster | Action::ReplaySlower => {
                self.pace = self.pace.faster(action == Action::ReplayFaster);
                return Some(format!("speed {}x", self.pace.speed));
            }
            Action::ReplayIdle => {
                self.pace.idle_limit = match self.pace.idle_limit {
                    Some(_) => None,
                    None => Some(self.idle_default),
                };
                return Some(match self.pace.idle_limit {
                    Some(limit) => {
                        format!("silences longer than {}s are shortened", limit.as_secs())
                    }
                    None => "silences play at full length".to_string(),
                });
            }
            Action::ReplayStepForward | Action::ReplayStepBack => {
                // Stepping is looking closely: it stops the playback.
                self.playing = false;
                player.step(action == Action::ReplayStepForward);
            }
            Action::ReplaySeekForward => player.seek_by(TimeDelta::seconds(10)),
            Action::ReplaySeekBack => player.seek_by(TimeDelta::seconds(-10)),
            Action::ReplayMinuteForward => player.seek_by(TimeDelta::seconds(60)),
            Action::ReplayMinuteBack => player.seek_by(TimeDelta::seconds(-60)),
            Action::ReplayNextItem
            | Action::ReplayPreviousItem
            | Action::ReplayNextSpeaker
            | Action::ReplayPreviousSpeaker => {
                let (landmark, forward) = match action {
                    Action::ReplayNextItem => (Landmark::Item, true),
                    Action::ReplayPreviousItem => (Landmark::Item, false),
                    Action::ReplayNextSpeaker => (Landmark::Speaker, true),
                    _ => (Landmark::Speaker, false),
                };
                match player.landmark(landmark, forward) {
                    Some(position) => player.seek(position),
                    None if forward => return Some("no later one".into()),
                    None => return Some("no earlier one".into()),
                }
            }
            Action::ReplayStart => player.seek(0),
            Action::ReplayEnd => player.seek(player.len()),
            Action::ReplaySearch => self.typing = Some(String::new()),
            Action::ReplayNextMatch => return self.next_match(true),
            Action::ReplayPreviousMatch => return self.next_match(false),
            _ => {}
        }
        None
    }

    /// Runs the typed search and jumps to the first match from here.
    pub fn search(&mut self) -> Option<String> {
        let query = self.typing.take()?;
        self.matches = self.player.search(&query);
        self.query = query;
        if self.matches.is_empty() {
            return Some(format!("'{}' is in no entry", self.query));
        }
        // A match at the current moment counts as the first one.
        self.jump_to_match(true, self.player.position().saturating_sub(1))
    }

    /// Jumps to the next (or previous) match, wrapping around.
    fn next_match(&mut self, forward: bool) -> Option<String> {
        if self.matches.is_empty() {
            return Some("no search yet: / searches".into());
        }
        self.jump_to_match(forward, self.player.position())
    }

    /// Jumps to the first match after `here` (or the last before it), wrapping around, and
    /// pauses there so the entry can be read.
    fn jump_to_match(&mut self, forward: bool, here: usize) -> Option<String> {
        self.playing = false;
        let found = if forward {
            self.matches.iter().position(|&m| m > here).unwrap_or(0)
        } else {
            self.matches
                .iter()
                .rposition(|&m| m < here)
                .unwrap_or(self.matches.len() - 1)
        };
        self.player.seek(self.matches[found]);
        Some(format!(
            "match {} of {} for '{}'",
            found + 1,
            self.matches.len(),
            self.query
        ))
    }

    /// Real time until the screen changes by itself: the next event, or the next second of
    /// the meeting's clock, while playing; nothing while paused.
    pub fn next_tick(&self) -> Duration {
        if !self.playing {
            return Duration::from_secs(3600);
        }
        let second = Duration::from_secs_f64(1.0 / self.pace.speed);
        self.pace
            .until_next_event(&self.player)
            .map_or(second, |next| next.min(second))
            .max(FRAME)
    }
}
