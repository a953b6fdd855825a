//! The agenda: numbered items, which one is being discussed, and the time spent on each.

use std::time::Duration;

use super::event::{Id, Timestamp};

/// One agenda item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub id: Id,
    pub title: String,
    /// Time spent on the item in closed spells (the running spell is in [`Agenda::since`]).
    pub spent: Duration,
    /// Who held the floor or had a statement recorded on this item, in order of first turn.
    pub speakers: Vec<Id>,
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

    fn index_of(&self, id: Id) -> Option<usize> {
        self.items.binary_search_by_key(&id, |item| item.id).ok()
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
        item.spent + running
    }

    pub(super) fn push(&mut self, item: Item) {
        if self.items.last().is_none_or(|last| last.id < item.id) {
            self.items.push(item);
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
            self.items[i].spent += elapsed(since, at);
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
}

/// `to - from`, or zero when the clock went backwards (a hand-edited file).
pub fn elapsed(from: Timestamp, to: Timestamp) -> Duration {
    (to - from).to_std().unwrap_or(Duration::ZERO)
}
