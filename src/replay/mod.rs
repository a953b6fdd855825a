//! Replay: a meeting played back from its log. The state at any moment is the fold of the
//! events up to it, so the player can step and seek backwards as well as forwards, jump to the
//! next agenda item or change of speaker, and find the moment an entry was recorded — what a
//! byte-stream recorder cannot do.
//!
//! [`Player`] is pure: it knows positions in the log and the meeting's own time, never the
//! real clock. Moving forward applies the new events to the current state; moving backwards
//! (or over an undo) folds the log again from the start, which takes about 25 ms for 100,000
//! events (`benches/replay.rs`), so no checkpoints are kept.
//!
//! Times come from a file and can be anywhere chrono allows, so all time arithmetic here is
//! checked: a step past the last date there is stops at it, never panics.

pub mod pace;

use chrono::TimeDelta;

use crate::meeting::state::seq_id;
use crate::meeting::{Event, Meeting, Stamped, Timestamp};

/// A meeting being played back.
pub struct Player {
    events: Vec<Stamped>,
    /// How many events are applied: the state is the fold of `events[..position]`.
    position: usize,
    meeting: Meeting,
    /// The meeting's time now: at or after the last applied event, before the next one.
    time: Timestamp,
}

/// Where to jump.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Landmark {
    /// An agenda item taken up.
    Item,
    /// The floor given to someone, or yielded.
    Speaker,
}

impl Player {
    /// A player at the start of `events` (nothing applied yet).
    pub fn new(events: Vec<Stamped>) -> Player {
        let time = events.first().map_or_else(epoch, |e| e.at);
        Player {
            events,
            position: 0,
            meeting: Meeting::default(),
            time,
        }
    }

    pub fn events(&self) -> &[Stamped] {
        &self.events
    }

    pub fn position(&self) -> usize {
        self.position
    }

    pub fn len(&self) -> usize {
        self.events.len()
    }

    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    pub fn meeting(&self) -> &Meeting {
        &self.meeting
    }

    pub fn time(&self) -> Timestamp {
        self.time
    }

    /// The time of the first and the last event.
    pub fn span(&self) -> (Timestamp, Timestamp) {
        match (self.events.first(), self.events.last()) {
            (Some(first), Some(last)) => (first.at, last.at.max(first.at)),
            _ => (epoch(), epoch()),
        }
    }

    pub fn at_end(&self) -> bool {
        self.position == self.events.len()
    }

    /// Moves to the state after the first `position` events, the clock at the last of them.
    pub fn seek(&mut self, position: usize) {
        let position = position.min(self.events.len());
        self.move_to(position);
        self.time = match position {
            0 => self.span().0,
            n => self.events[n - 1].at,
        };
    }

    /// Moves the clock to `time`, with every event recorded at or before it applied.
    pub fn seek_time(&mut self, time: Timestamp) {
        let (start, end) = self.span();
        let time = time.clamp(start, end);
        let position = self.events.partition_point(|e| e.at <= time);
        self.move_to(position);
        self.time = time;
    }

    /// Moves the clock by `delta` of meeting time (negative: back). Saturates: at the dates
    /// chrono cannot go beyond, the clock stops at the start or the end.
    pub fn seek_by(&mut self, delta: TimeDelta) {
        let (start, end) = self.span();
        let target = self
            .time
            .checked_add_signed(delta)
            .unwrap_or(if delta < TimeDelta::zero() {
                start
            } else {
                end
            });
        self.seek_time(target);
    }

    /// One event forward or back.
    pub fn step(&mut self, forward: bool) {
        let position = if forward {
            self.position + 1
        } else {
            self.position.saturating_sub(1)
        };
        self.seek(position);
    }

    /// The position just after the next (or previous) landmark event, if there is one.
    pub fn landmark(&self, landmark: Landmark, forward: bool) -> Option<usize> {
        let is = |e: &Stamped| match landmark {
            Landmark::Item => matches!(e.event, Event::ItemTakenUp { .. }),
            Landmark::Speaker => {
                matches!(e.event, Event::FloorGiven { .. } | Event::FloorYielded)
            }
        };
        if forward {
            (self.position..self.events.len())
                .find(|&i| is(&self.events[i]))
                .map(|i| i + 1)
        } else {
            // The landmark that led to where we are is at position - 1; go to the one before.
            (0..self.position.saturating_sub(1))
                .rev()
                .find(|&i| is(&self.events[i]))
                .map(|i| i + 1)
        }
    }

    /// Positions (just after recording) of the entries whose final text contains `query`,
    /// ignoring case, in order.
    pub fn search(&self, query: &str) -> Vec<usize> {
        let wanted = query.to_lowercase();
        if wanted.trim().is_empty() {
            return Vec::new();
        }
        Meeting::fold(&self.events)
            .entries
            .iter()
            .filter(|e| e.text.to_lowercase().contains(&wanted))
            .map(|e| e.id.0 as usize + 1)
            .collect()
    }

    /// Brings the state to the fold of `events[..position]`: applying the events in between
    /// when moving forward over no undo, folding again from the start otherwise.
    fn move_to(&mut self, position: usize) {
        let forward_only = position >= self.position
            && !self.events[self.position..position]
                .iter()
                .any(|e| matches!(e.event, Event::LastEventUndone));
        if forward_only {
            for index in self.position..position {
                self.meeting.apply(seq_id(index), &self.events[index]);
            }
        } else {
            self.meeting = Meeting::fold(&self.events[..position]);
        }
        self.position = position;
    }

    /// How much meeting time lies between the clock and the next event.
    pub fn until_next(&self) -> Option<TimeDelta> {
        self.events
            .get(self.position)
            .map(|next| (next.at - self.time).max(TimeDelta::zero()))
    }

    /// Moves the clock forward by `delta` of meeting time without passing the next event,
    /// then applies the events whose time has come. Returns whether any was applied.
    pub fn advance_clock(&mut self, delta: TimeDelta) -> bool {
        crate::store::fault::trigger("panic-in-replay");
        let before = self.position;
        let (_, end) = self.span();
        let target = self.time.checked_add_signed(delta).unwrap_or(end);
        let position = self.events.partition_point(|e| e.at <= target);
        if position > self.position {
            self.move_to(position);
        }
        self.time = target.min(end).max(self.time);
        self.position != before
    }
}

fn epoch() -> Timestamp {
    chrono::DateTime::UNIX_EPOCH.fixed_offset()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::{AttendeeAdded, Id};

    fn t(s: i64) -> Timestamp {
        crate::testkit::t0() + TimeDelta::seconds(s)
    }

    fn log() -> Vec<Stamped> {
        let at = |s, event| Stamped { at: t(s), event };
        vec![
            at(
                0,
                Event::AttendeeAdded(Box::new(AttendeeAdded {
                    name: "Ana".into(),
                    capacity: None,
                    label: None,
                    aliases: vec![],
                    group: None,
                })),
            ),
            at(
                0,
                Event::ItemAdded {
                    title: "One".into(),
                    planned: None,
                },
            ),
            at(
                0,
                Event::ItemAdded {
                    title: "Two".into(),
                    planned: None,
                },
            ),
            at(10, Event::ItemTakenUp { item: Id(1) }),
            at(20, Event::FloorGiven { attendee: Id(0) }),
            at(
                30,
                Event::StatementRecorded {
                    speaker: Id(0),
                    text: "Budget first".into(),
                },
            ),
            at(
                40,
                Event::NoteRecorded {
                    text: "typo".into(),
                },
            ),
            at(41, Event::LastEventUndone),
            at(60, Event::ItemTakenUp { item: Id(2) }),
            at(
                70,
                Event::NoteRecorded {
                    text: "The budget again".into(),
                },
            ),
        ]
    }

    #[test]
    fn every_position_is_the_fold_of_its_prefix() {
        let events = log();
        let mut player = Player::new(events.clone());
        for k in (0..=events.len()).chain((0..=events.len()).rev()) {
            player.seek(k);
            assert_eq!(player.meeting(), &Meeting::fold(&events[..k]), "at {k}");
        }
    }

    #[test]
    fn the_clock_applies_events_as_their_time_comes() {
        let mut player = Player::new(log());
        player.seek_time(t(25));
        assert_eq!(player.position(), 5);
        assert_eq!(player.time(), t(25));
        assert_eq!(player.until_next(), Some(TimeDelta::seconds(5)));
        assert!(!player.advance_clock(TimeDelta::seconds(4)));
        assert!(player.advance_clock(TimeDelta::seconds(1)));
        assert_eq!(player.meeting().entries.len(), 1);
        player.seek_by(TimeDelta::seconds(-100));
        assert_eq!((player.position(), player.time()), (3, t(0)));
        player.seek_by(TimeDelta::seconds(1000));
        assert!(player.at_end());
        assert_eq!(player.time(), t(70));
    }

    /// Events at the extreme dates chrono allows: seeking and stepping by any amount stops at
    /// the ends instead of overflowing.
    #[test]
    fn extreme_dates_never_overflow() {
        let first = chrono::DateTime::<chrono::Utc>::MIN_UTC.fixed_offset();
        let last = chrono::DateTime::<chrono::Utc>::MAX_UTC.fixed_offset();
        let note = |at| Stamped {
            at,
            event: Event::NoteRecorded { text: "x".into() },
        };
        let mut player = Player::new(vec![note(first), note(last)]);
        player.seek_by(TimeDelta::MAX);
        assert_eq!(player.time(), last);
        player.seek_by(TimeDelta::seconds(10));
        player.seek_by(TimeDelta::MIN);
        assert_eq!(player.time(), first);
        player.seek_by(TimeDelta::seconds(-10));
        assert!(player.advance_clock(TimeDelta::MAX));
        assert!(player.at_end());
        assert!(!player.advance_clock(TimeDelta::MAX));
        let pace = pace::Pace::new(64.0, None);
        player.seek(1);
        assert!(pace.until_next_event(&player).is_some());
        pace.advance(&mut player, std::time::Duration::from_secs(u64::MAX / 4));
        assert!(player.at_end());
    }

    #[test]
    fn landmarks_and_search() {
        let mut player = Player::new(log());
        assert_eq!(player.landmark(Landmark::Item, true), Some(4));
        player.seek(4);
        assert_eq!(player.landmark(Landmark::Item, true), Some(9));
        assert_eq!(player.landmark(Landmark::Item, false), None);
        player.seek(9);
        assert_eq!(player.landmark(Landmark::Item, false), Some(4));
        assert_eq!(player.landmark(Landmark::Speaker, false), Some(5));
        // The undone note is not found; the search ignores case.
        assert_eq!(player.search("BUDGET"), vec![6, 10]);
        assert_eq!(player.search("typo"), Vec::<usize>::new());
    }
}
