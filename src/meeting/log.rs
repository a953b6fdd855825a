//! The log of a meeting together with its folded state, kept in step: appending an event
//! applies it, and the state always equals `Meeting::fold(events)`.
//!
//! An undo takes back the latest event in effect. Folding the whole log again would cost a
//! frame or more at 100,000 events, so the log keeps what taking back a recent event needs:
//! every [`EVERY`] events in effect a checkpoint of the meeting without its entries (its small
//! part: roster, agenda, queue…), the last [`KEEP`] of them, and for each event in effect since
//! the oldest, how it changed the entries (how many there were, the entries it changed as they
//! were, the one it inserted). An undo puts the entries back as they were at the newest
//! checkpoint before the event, takes the rest of the meeting from the checkpoint, and applies
//! the events in effect between them again: at most [`EVERY`] events, whatever the size of the
//! meeting. Only an undo reaching back past every checkpoint folds the whole log again.
//!
//! Which entries an event changes is said by [`changes`], a `match` over every event with no
//! catch-all: a new event does not compile until it says (a test folds random logs with undos
//! both ways and compares).

use std::collections::VecDeque;

use super::entry::{Entry, EntryKind};
use super::event::{Correction, Event, Id, Stamped};
use super::state::{Meeting, effective_events, seq_id};

/// A checkpoint every this many events in effect...
const EVERY: usize = 64;
/// ...and this many kept (so an undo reaches back at least `EVERY * (KEEP - 1)` events before
/// it folds the whole log again).
const KEEP: usize = 4;

#[derive(Clone, Debug, Default)]
pub struct Log {
    events: Vec<Stamped>,
    meeting: Meeting,
    /// Positions of the events in effect, in order.
    effective: Vec<usize>,
    history: History,
}

/// What taking back recent events needs.
#[derive(Clone, Debug, Default)]
struct History {
    /// The meeting without its entries after the first `.0` events in effect, oldest first.
    checkpoints: VecDeque<(usize, Meeting)>,
    /// How each event in effect from position `base` on changed the entries.
    changes: VecDeque<EntryChange>,
    base: usize,
}

/// How one event changed the entries, to take it back.
#[derive(Clone, Debug)]
struct EntryChange {
    /// How many entries there were before it.
    len: usize,
    /// The entries it may have changed, as they were before it.
    changed: Vec<Entry>,
    /// The entry it put before an earlier one, if it did.
    inserted: Option<Id>,
}

impl Log {
    pub fn new(events: Vec<Stamped>) -> Log {
        let mut log = Log {
            events,
            ..Log::default()
        };
        log.refold();
        log
    }

    pub fn events(&self) -> &[Stamped] {
        &self.events
    }

    pub fn meeting(&self) -> &Meeting {
        &self.meeting
    }

    /// The id the next appended event will get.
    pub fn next_id(&self) -> Id {
        seq_id(self.events.len())
    }

    /// Appends an event and brings the state up to date. Returns the event's id.
    pub fn push(&mut self, stamped: Stamped) -> Id {
        let id = self.next_id();
        let index = self.events.len();
        let undo = matches!(stamped.event, Event::LastEventUndone);
        self.events.push(stamped);
        if undo {
            self.take_back();
        } else {
            self.apply(index, true);
        }
        id
    }

    /// The event an undo would take back now, if any.
    pub fn undoable(&self) -> Option<&Stamped> {
        self.effective.last().map(|&index| &self.events[index])
    }

    /// Folds the whole log again, keeping checkpoints and changes for the last events only.
    fn refold(&mut self) {
        self.meeting = Meeting::default();
        self.effective = Vec::with_capacity(self.events.len());
        let effective = effective_events(&self.events);
        // Checkpoints from here on (a multiple of EVERY, so they fall where later ones do).
        let first = effective.len().saturating_sub(EVERY * KEEP) / EVERY * EVERY;
        self.history = History {
            checkpoints: VecDeque::new(),
            changes: VecDeque::new(),
            base: first,
        };
        for (position, index) in effective.into_iter().enumerate() {
            self.apply(index, position >= first);
        }
    }

    /// Applies the event at `index`, in effect; with `tracked`, keeps how it changed the
    /// entries and makes checkpoints.
    fn apply(&mut self, index: usize, tracked: bool) {
        let position = self.effective.len();
        if tracked && position.is_multiple_of(EVERY) {
            self.checkpoint(position);
        }
        let stamped = &self.events[index];
        if !tracked {
            self.meeting.apply(seq_id(index), stamped);
            self.effective.push(index);
            return;
        }
        let entries = &self.meeting.entries;
        let len = entries.len();
        let changed = changes(&stamped.event, &self.meeting)
            .into_iter()
            .filter_map(|id| entries.by_id(id).cloned())
            .collect();
        self.meeting.apply(seq_id(index), stamped);
        let id = seq_id(index);
        let inserted = (self.meeting.entries.len() > len)
            .then(|| self.meeting.entries.position(id))
            .flatten()
            .filter(|&at| at < len)
            .map(|_| id);
        self.history.changes.push_back(EntryChange {
            len,
            changed,
            inserted,
        });
        self.effective.push(index);
    }

    /// Keeps the meeting without its entries after the first `position` events in effect.
    fn checkpoint(&mut self, position: usize) {
        let entries = std::mem::take(&mut self.meeting.entries);
        let rest = self.meeting.clone();
        self.meeting.entries = entries;
        let history = &mut self.history;
        history.checkpoints.push_back((position, rest));
        if history.checkpoints.len() > KEEP {
            history.checkpoints.pop_front();
            let oldest = history.checkpoints.front().map_or(position, |(at, _)| *at);
            let drop = oldest
                .saturating_sub(history.base)
                .min(history.changes.len());
            history.changes.drain(..drop);
            history.base = oldest;
        }
    }

    /// Takes back the latest event in effect (an undo just appended to the log).
    fn take_back(&mut self) {
        if self.effective.pop().is_none() {
            return;
        }
        let target = self.effective.len();
        let history = &mut self.history;
        while history
            .checkpoints
            .back()
            .is_some_and(|(at, _)| *at > target)
        {
            history.checkpoints.pop_back();
        }
        let usable =
            history.checkpoints.back().map(|(at, _)| *at).filter(|&at| {
                at >= history.base && target + 1 - history.base <= history.changes.len()
            });
        let Some(from) = usable else {
            self.refold();
            return;
        };
        // The entries as they were after the first `from` events in effect.
        let mut entries = std::mem::take(&mut self.meeting.entries);
        for _ in from..=target {
            if let Some(change) = history.changes.pop_back() {
                if let Some(id) = change.inserted {
                    entries.remove(id);
                } else {
                    entries.truncate(change.len);
                }
                for entry in change.changed.into_iter().rev() {
                    if let Some(slot) = entries.by_id_mut(entry.id) {
                        *slot = entry;
                    }
                }
            }
        }
        let (_, rest) = history.checkpoints.pop_back().unwrap_or_default();
        self.meeting = rest;
        self.meeting.entries = entries;
        // The events in effect since, again (the checkpoint is made again on the way).
        let again: Vec<usize> = self.effective.drain(from..).collect();
        for index in again {
            self.apply(index, true);
        }
    }
}

/// The entries `event` may change other than by adding one (by id), in `meeting` as it stands
/// before it. Every event is listed: a new one must say what it changes.
fn changes(event: &Event, meeting: &Meeting) -> Vec<Id> {
    match event {
        Event::ActionEdited(edit) => vec![edit.entry],
        Event::ActionDone { entry }
        | Event::EntryCorrected { entry, .. }
        | Event::EntryReattributed { entry, .. }
        | Event::EntryStruck { entry }
        | Event::EntryRestored { entry } => vec![*entry],
        Event::EntriesCorrected { corrections } => corrections
            .iter()
            .map(|Correction { entry, .. }| *entry)
            .collect(),
        // The latest motion, if it is still open.
        Event::MotionMoved { .. }
        | Event::MotionSeconded { .. }
        | Event::MotionAmended { .. }
        | Event::MotionDecided { .. } => meeting
            .entries
            .iter()
            .rev()
            .find(|e| matches!(e.kind, EntryKind::Motion(_)))
            .map(|e| e.id)
            .into_iter()
            .collect(),
        // Entries added (at the end, or before another): taken back by count or by id.
        Event::StatementRecorded { .. }
        | Event::NoteRecorded { .. }
        | Event::ActionRecorded(_)
        | Event::ActionCarried(_)
        | Event::DecisionRecorded { .. }
        | Event::MotionProposed { .. }
        | Event::EntryInserted { .. } => Vec::new(),
        // Nothing in the entries.
        Event::TitleSet { .. }
        | Event::SubtitleSet { .. }
        | Event::DateSet { .. }
        | Event::TimeSet { .. }
        | Event::PlaceSet { .. }
        | Event::AttendeeAdded(_)
        | Event::AttendeeChanged(_)
        | Event::AttendeeJoined { .. }
        | Event::AttendeeLeft { .. }
        | Event::ScribeSet { .. }
        | Event::SymbolSet { .. }
        | Event::StatusSet { .. }
        | Event::LanguageSet { .. }
        | Event::SeriesSet { .. }
        | Event::RegretsRecorded { .. }
        | Event::ChairSet { .. }
        | Event::ItemAdded { .. }
        | Event::ItemTimeboxed { .. }
        | Event::AdHocItemTakenUp { .. }
        | Event::ItemTakenUp { .. }
        | Event::SpeakerQueued { .. }
        | Event::SpeakerUnqueued { .. }
        | Event::QueueSet { .. }
        | Event::SpeakerMovedToFront { .. }
        | Event::SpeakerMovedBack { .. }
        | Event::QueueCarriedOver
        | Event::ListClosed
        | Event::ListOpened
        | Event::QueueOrderSet { .. }
        | Event::LimitSet { .. }
        | Event::LimitExtended { .. }
        | Event::FloorGiven { .. }
        | Event::FloorYielded
        | Event::MeetingClosed
        | Event::LastEventUndone => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::{ActionRecorded, AttendeeAdded, MotionOutcome, Owner};

    /// xorshift64*, seeded.
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n.max(1) as u64) as usize
        }
    }

    /// A random event that can make sense after `log` (ids of what it has, or not).
    fn random_event(rng: &mut Rng, log: &Log) -> Event {
        let n = log.events().len().max(1);
        let any = |rng: &mut Rng| Id(rng.below(n) as u32);
        match rng.below(24) {
            0 => Event::AttendeeAdded(Box::new(AttendeeAdded {
                name: format!("A{}", rng.below(9)),
                capacity: None,
                label: None,
                aliases: vec![],
                group: None,
            })),
            1 => Event::ItemAdded {
                title: "Item".into(),
                planned: None,
            },
            2 => Event::ItemTakenUp { item: any(rng) },
            3 => Event::FloorGiven { attendee: any(rng) },
            4 => Event::FloorYielded,
            5 => Event::SpeakerQueued {
                attendee: any(rng),
                reason: None,
                kind: Default::default(),
                front: false,
            },
            6 | 7 => Event::StatementRecorded {
                speaker: any(rng),
                text: format!("said {}", rng.below(100)).into(),
            },
            8 => Event::NoteRecorded {
                text: "noted".into(),
            },
            9 => Event::EntryCorrected {
                entry: any(rng),
                text: "corrected".into(),
            },
            10 => Event::EntryStruck { entry: any(rng) },
            11 => Event::EntryRestored { entry: any(rng) },
            12 => Event::EntryInserted {
                before: any(rng),
                speaker: None,
                text: "inserted".into(),
            },
            13 => Event::ActionRecorded(Box::new(ActionRecorded {
                owner: Owner::Named("All".into()),
                also: vec![],
                text: "to do".into(),
                due: None,
            })),
            14 => Event::ActionDone { entry: any(rng) },
            15 => Event::MotionProposed {
                text: "that".into(),
            },
            16 => Event::MotionAmended {
                text: "that, amended".into(),
            },
            17 => Event::MotionDecided {
                outcome: MotionOutcome::Carried,
                vote: None,
            },
            18 => Event::EntriesCorrected {
                corrections: vec![Correction {
                    entry: any(rng),
                    text: "s///g".into(),
                }],
            },
            19 => Event::ChairSet { attendee: any(rng) },
            20 => Event::EntryReattributed {
                entry: any(rng),
                speaker: any(rng),
            },
            21 => Event::MeetingClosed,
            _ => Event::LastEventUndone,
        }
    }

    /// Random logs with undos, runs of them too, long enough to cross checkpoints: the state
    /// after each push is the whole log folded.
    #[test]
    fn undo_keeps_the_state_the_fold_of_the_log() {
        let at = crate::testkit::t0();
        for seed in 1..12u64 {
            let mut rng = Rng(seed * 0x9E37_79B9);
            let mut log = Log::default();
            for step in 0..700 {
                let event = if step % 97 > 90 {
                    // A run of undos, reaching back past checkpoints.
                    Event::LastEventUndone
                } else {
                    random_event(&mut rng, &log)
                };
                log.push(Stamped { at, event });
                if step % 7 == 0
                    || matches!(log.events().last(), Some(s) if s.event == Event::LastEventUndone)
                {
                    assert_eq!(
                        log.meeting(),
                        &Meeting::fold(log.events()),
                        "seed {seed}, step {step}"
                    );
                }
            }
            // A log opened from these events undoes the same way.
            let mut opened = Log::new(log.events().to_vec());
            for _ in 0..300 {
                let undo = Stamped {
                    at,
                    event: Event::LastEventUndone,
                };
                log.push(undo.clone());
                opened.push(undo);
                assert_eq!(log.meeting(), opened.meeting());
                assert_eq!(opened.meeting(), &Meeting::fold(opened.events()));
            }
        }
    }
}
