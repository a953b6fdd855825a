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
    /// Where the current item is in `items`: every statement and turn is counted on it, and
    /// items are only ever added at the end or just after it, so its place moves only when
    /// another item is taken up.
    current_at: Option<usize>,
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

    /// Agendas are short, and an ad-hoc item can sit between older ones: a plain search for
    /// any item but the current one.
    fn index_of(&self, id: Id) -> Option<usize> {
        if self.current == Some(id) {
            return self.current_index();
        }
        self.items.iter().position(|item| item.id == id)
    }

    /// Where the current item is.
    fn current_index(&self) -> Option<usize> {
        debug_assert_eq!(
            self.current_at,
            self.current
                .and_then(|id| self.items.iter().position(|item| item.id == id))
        );
        self.current_at
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
        match self.current_index() {
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
        let start = self.current_index().unwrap_or_default();
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
        let at = self.current_index().map_or(self.items.len(), |i| i + 1);
        self.items.insert(at, item);
    }

    pub(super) fn set_planned(&mut self, id: Id, planned: Option<Duration>) {
        if let Some(i) = self.index_of(id) {
            self.items[i].planned = planned;
        }
    }

    /// Takes up an item at `at`, closing the spell on the previous one.
    pub(super) fn take_up(&mut self, id: Id, at: Timestamp) {
        let Some(index) = self.index_of(id) else {
            return;
        };
        self.stop(at);
        self.current = Some(id);
        self.current_at = Some(index);
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
        if let Some(i) = self.current_index()
            && !self.items[i].speakers.contains(&attendee)
        {
            self.items[i].speakers.push(attendee);
        }
    }

    /// A turn at the floor on the current item (`spoken` is added when it ends).
    pub(super) fn count_turn(&mut self, attendee: Id) {
        if let Some(i) = self.current_index() {
            self.items[i].talk_mut(attendee).turns += 1;
        }
    }

    pub(super) fn add_spoken(&mut self, attendee: Id, spoken: Duration) {
        if let Some(i) = self.current_index() {
            let talk = self.items[i].talk_mut(attendee);
            talk.spoken = talk.spoken.saturating_add(spoken);
        }
    }
}

/// `to - from`, or zero when the clock went backwards (a hand-edited file).
pub fn elapsed(from: Timestamp, to: Timestamp) -> Duration {
    (to - from).to_std().unwrap_or(Duration::ZERO)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::at;

    fn agenda(ids: &[u32]) -> Agenda {
        let mut agenda = Agenda::default();
        for &id in ids {
            agenda.push(Item::new(Id(id), format!("item {id}"), None));
        }
        agenda
    }

    /// The current item's place is kept, not searched: items added after it or at the end, and
    /// items taken up in any order, leave every statement and turn on the right item.
    #[test]
    fn the_current_item_stays_found_as_items_are_added_around_it() {
        let mut agenda = agenda(&[1, 2, 3]);
        agenda.take_up(Id(2), at(0, 0));
        agenda.mark_speaker(Id(10));
        // An ad-hoc item just after the current one, and one at the end.
        agenda.insert_after_current(Item::new(Id(4), "ad hoc".into(), None));
        agenda.push(Item::new(Id(5), "last".into(), None));
        let order: Vec<u32> = agenda.items().iter().map(|i| i.id.0).collect();
        assert_eq!(order, [1, 2, 4, 3, 5]);
        agenda.mark_speaker(Id(11));
        agenda.count_turn(Id(11));
        assert_eq!(agenda.current().map(|i| i.id), Some(Id(2)));
        assert_eq!(agenda.next().map(|i| i.id), Some(Id(4)));
        agenda.take_up(Id(4), at(1, 0));
        agenda.mark_speaker(Id(12));
        agenda.take_up(Id(1), at(2, 0));
        agenda.count_turn(Id(13));
        agenda.take_up(Id(5), at(3, 0));
        agenda.stop(at(4, 0));
        let speakers = |id| agenda.get(Id(id)).map(|i| i.speakers.clone());
        assert_eq!(speakers(2), Some(vec![Id(10), Id(11)]));
        assert_eq!(speakers(4), Some(vec![Id(12)]));
        assert_eq!(agenda.get(Id(2)).map(|i| i.talk_of(Id(11)).turns), Some(1));
        assert_eq!(agenda.get(Id(1)).map(|i| i.talk_of(Id(13)).turns), Some(1));
        assert_eq!(agenda.number(Id(5)), Some(5));
        assert_eq!(agenda.spent(Id(5), at(9, 0)), Duration::from_secs(60));
        assert_eq!(agenda.spent(Id(4), at(9, 0)), Duration::from_secs(60));
        assert_eq!(agenda.next().map(|i| i.id), None);
        // Taking up an unknown item changes nothing.
        agenda.take_up(Id(99), at(5, 0));
        assert_eq!(agenda.current().map(|i| i.id), Some(Id(5)));
    }
}
