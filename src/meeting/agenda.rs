//! The agenda: numbered items, which one is being discussed, the time spent on each and the
//! time planned for it, and who spoke on it for how long.

use std::time::Duration;

use super::event::{Id, Timestamp};

/// One agenda item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub id: Id,
    pub title: String,
    /// The time planned for it (a timebox).
    pub planned: Option<Duration>,
    /// Time spent on the item in closed spells (the running spell is in [`Agenda::since`]).
    pub spent: Duration,
    /// Who held the floor or had a statement recorded on this item, in order of first turn.
    pub speakers: Vec<Id>,
    /// Turns at the floor and time held on this item, per attendee (closed turns only).
    pub talk: Vec<Talk>,
}

/// What one attendee said on one item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Talk {
    pub attendee: Id,
    pub turns: u32,
    pub spoken: Duration,
}

impl Item {
    pub fn new(id: Id, title: String, planned: Option<Duration>) -> Item {
        Item {
            id,
            title,
            planned,
            spent: Duration::ZERO,
            speakers: Vec::new(),
            talk: Vec::new(),
        }
    }

    /// What `attendee` said on this item.
    pub fn talk_of(&self, attendee: Id) -> Talk {
        self.talk
            .iter()
            .find(|t| t.attendee == attendee)
            .copied()
            .unwrap_or(Talk {
                attendee,
                turns: 0,
                spoken: Duration::ZERO,
            })
    }

    fn talk_mut(&mut self, attendee: Id) -> &mut Talk {
        if let Some(at) = self.talk.iter().position(|t| t.attendee == attendee) {
            return &mut self.talk[at];
        }
        self.talk.push(Talk {
            attendee,
            turns: 0,
            spoken: Duration::ZERO,
        });
        let last = self.talk.len() - 1;
        &mut self.talk[last]
    }
}

/// The agenda items in order, and the one taken up.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Agenda {
    items: Vec<Item>,
    current: Option<Id>,
    /// When the current item was taken up (None when none is, or the meeting is closed).
    since: Option<Timestamp>,
}

impl Agenda {
    pub fn items(&self) -> &[Item] {
        &self.items
    }

    pub fn get(&self, id: Id) -> Option<&Item> {
        self.index_of(id).map(|i| &self.items[i])
    }

    /// The 1-based number of an item.
    pub fn number(&self, id: Id) -> Option<usize> {
        self.index_of(id).map(|i| i + 1)
    }

    /// Agendas are short, and an ad-hoc item can sit between older ones: a plain search.
    fn index_of(&self, id: Id) -> Option<usize> {
        self.items.iter().position(|item| item.id == id)
    }

    /// Item `n`, counted from 1.
    pub fn by_number(&self, n: usize) -> Option<&Item> {
        n.checked_sub(1).and_then(|i| self.items.get(i))
    }

    pub fn current(&self) -> Option<&Item> {
        self.current.and_then(|id| self.get(id))
    }

    pub fn current_id(&self) -> Option<Id> {
        self.current
    }

    /// When the current spell on the current item began.
    pub fn since(&self) -> Option<Timestamp> {
        self.since
    }

    /// The item after the current one (the first item when none is current).
    pub fn next(&self) -> Option<&Item> {
        match self.current.and_then(|id| self.index_of(id)) {
            Some(i) => self.items.get(i + 1),
            None => self.items.first(),
        }
    }

    /// Time spent on an item up to `now`, counting the running spell.
    pub fn spent(&self, id: Id, now: Timestamp) -> Duration {
        let Some(item) = self.get(id) else {
            return Duration::ZERO;
        };
        let running = match (self.current, self.since) {
            (Some(current), Some(since)) if current == id => elapsed(since, now),
            _ => Duration::ZERO,
        };
        item.spent.saturating_add(running)
    }

    /// Time planned but not yet spent: what is left of the current item's timebox and the
    /// whole timebox of every item after it. Items without a timebox count nothing.
    pub fn remaining_plan(&self, now: Timestamp) -> Duration {
        let start = self
            .current
            .and_then(|id| self.index_of(id))
            .unwrap_or_default();
        self.items[start.min(self.items.len())..]
            .iter()
            .map(|item| {
                let planned = item.planned.unwrap_or(Duration::ZERO);
                planned.saturating_sub(self.spent(item.id, now))
            })
            .sum()
    }

    pub(super) fn push(&mut self, item: Item) {
        if self.index_of(item.id).is_none() {
            self.items.push(item);
        }
    }

    /// Puts an item just after the current one (at the end when none is current).
    pub(super) fn insert_after_current(&mut self, item: Item) {
        if self.index_of(item.id).is_some() {
            return;
        }
        let at = self
            .current
            .and_then(|id| self.index_of(id))
            .map_or(self.items.len(), |i| i + 1);
        self.items.insert(at, item);
    }

    pub(super) fn set_planned(&mut self, id: Id, planned: Option<Duration>) {
        if let Some(i) = self.index_of(id) {
            self.items[i].planned = planned;
        }
    }

    /// Takes up an item at `at`, closing the spell on the previous one.
    pub(super) fn take_up(&mut self, id: Id, at: Timestamp) {
        if self.index_of(id).is_none() {
            return;
        }
        self.stop(at);
        self.current = Some(id);
        self.since = Some(at);
    }

    /// Stops the clock of the current item (the meeting closed); the item stays current.
    pub(super) fn stop(&mut self, at: Timestamp) {
        if let (Some(current), Some(since)) = (self.current, self.since.take())
            && let Some(i) = self.index_of(current)
        {
            let spent = &mut self.items[i].spent;
            *spent = spent.saturating_add(elapsed(since, at));
        }
    }

    /// Notes that `attendee` spoke on the current item.
    pub(super) fn mark_speaker(&mut self, attendee: Id) {
        if let Some(i) = self.current.and_then(|id| self.index_of(id))
            && !self.items[i].speakers.contains(&attendee)
        {
            self.items[i].speakers.push(attendee);
        }
    }

    /// A turn at the floor on the current item (`spoken` is added when it ends).
    pub(super) fn count_turn(&mut self, attendee: Id) {
        if let Some(i) = self.current.and_then(|id| self.index_of(id)) {
            self.items[i].talk_mut(attendee).turns += 1;
        }
    }

    pub(super) fn add_spoken(&mut self, attendee: Id, spoken: Duration) {
        if let Some(i) = self.current.and_then(|id| self.index_of(id)) {
            let talk = self.items[i].talk_mut(attendee);
            talk.spoken = talk.spoken.saturating_add(spoken);
        }
    }
}

/// `to - from`, or zero when the clock went backwards (a hand-edited file).
pub fn elapsed(from: Timestamp, to: Timestamp) -> Duration {
    (to - from).to_std().unwrap_or(Duration::ZERO)
}
