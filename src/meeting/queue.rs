//! The speakers' list of the item under discussion and the floor: who waits, with what kind of
//! request and why, in which order, and who is speaking since when, under what limit.
//!
//! Requests are kept in order of their kind — points of order, then clarifying questions, then
//! replies to the current speaker, then new topics — and of arrival within a kind; a new request
//! goes after the last one of its kind or a higher one. The order can then be changed by hand
//! (`/q=`, `/q^`, `/q- later`), and new topics can be ordered by fewest contributions first.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::event::{Id, Timestamp};

/// What someone asks the floor for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RequestKind {
    /// A new topic (`/q+`): the plain request.
    #[default]
    Topic,
    /// A reply to the current speaker (`/reply`).
    Reply,
    /// A clarifying question (`/q+?`).
    Question,
    /// A point of order (`/poo`): before everyone else.
    PointOfOrder,
}

impl RequestKind {
    /// Higher goes first.
    pub fn priority(self) -> u8 {
        match self {
            RequestKind::Topic => 0,
            RequestKind::Reply => 1,
            RequestKind::Question => 2,
            RequestKind::PointOfOrder => 3,
        }
    }

    /// A short marker that reads without colour, for the queue pane.
    pub fn marker(self) -> &'static str {
        match self {
            RequestKind::Topic => "",
            RequestKind::Reply => "re",
            RequestKind::Question => "?",
            RequestKind::PointOfOrder => "PoO",
        }
    }

    /// How the minutes and the footer name it ("Point of order").
    pub fn name(self) -> &'static str {
        match self {
            RequestKind::Topic => "New topic",
            RequestKind::Reply => "Reply",
            RequestKind::Question => "Clarifying question",
            RequestKind::PointOfOrder => "Point of order",
        }
    }

    pub fn is_topic(self) -> bool {
        self == RequestKind::Topic
    }
}

/// How new topics are placed among the other topics.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum QueueOrder {
    /// In order of arrival.
    #[default]
    Arrival,
    /// Fewest contributions in the meeting first (a "quoted list").
    Fewest,
}

/// One place in the queue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    pub attendee: Id,
    pub kind: RequestKind,
    pub reason: Option<String>,
    pub since: Timestamp,
}

/// Who has the floor, since when, what for, and for how long they may speak.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Floor {
    pub attendee: Id,
    pub since: Timestamp,
    /// The kind of request the floor was given on (a topic when given directly).
    pub kind: RequestKind,
    /// The speaking limit, extensions included.
    pub limit: Option<Duration>,
    /// How much the limit was extended during this turn.
    pub extended: Duration,
}

/// Where a speaker stands against their limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Countdown {
    /// Time left, under 80% of the limit used.
    Left(Duration),
    /// Time left, 80% of the limit used or more: a warning.
    Warning(Duration),
    /// Over the limit by this much: an alarm.
    Over(Duration),
}

impl Floor {
    /// How the speaker stands against their limit at `now` (None without a limit).
    pub fn countdown(&self, now: Timestamp) -> Option<Countdown> {
        let limit = self.limit?;
        let spoken = super::agenda::elapsed(self.since, now);
        Some(match limit.checked_sub(spoken) {
            Some(left) if !left.is_zero() && spoken * 5 < limit * 4 => Countdown::Left(left),
            Some(left) if !left.is_zero() => Countdown::Warning(left),
            _ => Countdown::Over(spoken.saturating_sub(limit)),
        })
    }
}

/// The speakers' list of the item under discussion.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Queue {
    requests: Vec<Request>,
    /// A closed list takes no new topics.
    pub closed: bool,
    pub order: QueueOrder,
    /// Who was still waiting when the item changed (one key carries them over).
    pub left_waiting: Vec<Request>,
}

impl Queue {
    pub fn requests(&self) -> &[Request] {
        &self.requests
    }

    pub fn head(&self) -> Option<&Request> {
        self.requests.first()
    }

    pub fn get(&self, attendee: Id) -> Option<&Request> {
        self.requests.iter().find(|r| r.attendee == attendee)
    }

    pub fn contains(&self, attendee: Id) -> bool {
        self.get(attendee).is_some()
    }

    pub fn is_empty(&self) -> bool {
        self.requests.is_empty()
    }

    pub fn len(&self) -> usize {
        self.requests.len()
    }

    /// Puts a request in its place: after the last request of its kind or a higher one (among
    /// topics ordered by fewest contributions, before the first topic by someone who spoke
    /// more). Someone already waiting is not queued twice.
    pub(super) fn push(&mut self, request: Request, contributions: impl Fn(Id) -> u32) {
        if self.contains(request.attendee) {
            return;
        }
        let priority = request.kind.priority();
        let mut at = self
            .requests
            .iter()
            .rposition(|r| r.kind.priority() >= priority)
            .map_or(0, |i| i + 1);
        if request.kind.is_topic() && self.order == QueueOrder::Fewest {
            let mine = contributions(request.attendee);
            let first_more = self.requests[..at]
                .iter()
                .position(|r| r.kind.is_topic() && contributions(r.attendee) > mine);
            if let Some(i) = first_more {
                at = i;
            }
        }
        self.requests.insert(at, request);
    }

    /// Puts a request first, whatever its kind.
    pub(super) fn push_front(&mut self, request: Request) {
        self.remove(request.attendee);
        self.requests.insert(0, request);
    }

    pub(super) fn remove(&mut self, attendee: Id) -> Option<Request> {
        let at = self.requests.iter().position(|r| r.attendee == attendee)?;
        Some(self.requests.remove(at))
    }

    /// Moves someone to the front.
    pub(super) fn move_to_front(&mut self, attendee: Id) {
        if let Some(request) = self.remove(attendee) {
            self.requests.insert(0, request);
        }
    }

    /// Moves someone to the back.
    pub(super) fn move_to_back(&mut self, attendee: Id) {
        if let Some(request) = self.remove(attendee) {
            self.requests.push(request);
        }
    }

    /// The queue becomes exactly these attendees, in this order; those who were waiting keep
    /// their request, the others get a plain one made at `at`.
    pub(super) fn set(&mut self, attendees: &[Id], at: Timestamp) {
        let mut old = std::mem::take(&mut self.requests);
        for &attendee in attendees {
            if self.contains(attendee) {
                continue;
            }
            let request = match old.iter().position(|r| r.attendee == attendee) {
                Some(i) => old.remove(i),
                None => Request {
                    attendee,
                    kind: RequestKind::Topic,
                    reason: None,
                    since: at,
                },
            };
            self.requests.push(request);
        }
    }

    /// New topics ordered by fewest contributions from now on (stable within equals), or by
    /// arrival again.
    pub(super) fn set_order(&mut self, order: QueueOrder, contributions: impl Fn(Id) -> u32) {
        self.order = order;
        let topics: Vec<Request> = {
            let mut topics: Vec<Request> = self
                .requests
                .iter()
                .filter(|r| r.kind.is_topic())
                .cloned()
                .collect();
            match order {
                QueueOrder::Fewest => topics.sort_by_key(|r| contributions(r.attendee)),
                QueueOrder::Arrival => topics.sort_by_key(|r| r.since),
            }
            topics
        };
        let mut topics = topics.into_iter();
        for request in self.requests.iter_mut().filter(|r| r.kind.is_topic()) {
            if let Some(next) = topics.next() {
                *request = next;
            }
        }
    }

    /// A new item: a new, open list; who still waited is kept aside to be carried over.
    pub(super) fn new_item(&mut self) {
        self.left_waiting = std::mem::take(&mut self.requests);
        self.closed = false;
    }

    /// Those left waiting on the previous item join this item's list, in their order.
    pub(super) fn carry_over(&mut self, contributions: impl Fn(Id) -> u32) {
        for request in std::mem::take(&mut self.left_waiting) {
            self.push(request, &contributions);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::at;

    fn request(attendee: u32, kind: RequestKind, minute: i64) -> Request {
        Request {
            attendee: Id(attendee),
            kind,
            reason: None,
            since: at(minute, 0),
        }
    }

    fn order(queue: &Queue) -> Vec<u32> {
        queue.requests().iter().map(|r| r.attendee.0).collect()
    }

    use RequestKind::{PointOfOrder as Poo, Question, Reply, Topic};

    #[test]
    fn every_pair_of_kinds_is_ordered_and_ties_go_by_arrival() {
        let none = |_: Id| 0;
        let kinds = [Topic, Reply, Question, Poo];
        for (i, first) in kinds.iter().enumerate() {
            for (j, second) in kinds.iter().enumerate() {
                let mut q = Queue::default();
                q.push(request(1, *first, 0), none);
                q.push(request(2, *second, 1), none);
                let expected = if j > i { [2, 1] } else { [1, 2] };
                assert_eq!(order(&q), expected, "{first:?} then {second:?}");
            }
        }
        let mut q = Queue::default();
        for (n, kind) in [Topic, Question, Topic, Poo, Reply, Question, Poo]
            .into_iter()
            .enumerate()
        {
            q.push(request(n as u32, kind, n as i64), none);
        }
        assert_eq!(order(&q), [3, 6, 1, 5, 4, 0, 2]);
    }

    #[test]
    fn the_order_is_changed_by_hand_and_kept_for_newcomers() {
        let none = |_: Id| 0;
        let mut q = Queue::default();
        for n in 1..=4 {
            q.push(request(n, Topic, n as i64), none);
        }
        q.move_to_front(Id(3));
        q.move_to_back(Id(1));
        assert_eq!(order(&q), [3, 2, 4, 1]);
        q.push(request(5, Question, 9), none);
        assert_eq!(order(&q), [5, 3, 2, 4, 1]);
        q.set(&[Id(4), Id(9), Id(2)], at(10, 0));
        assert_eq!(order(&q), [4, 9, 2]);
        assert!(q.remove(Id(9)).is_some());
        q.push(request(2, Poo, 11), none);
        assert_eq!(order(&q), [4, 2], "someone waiting is not queued twice");
    }

    #[test]
    fn fewest_contributions_first_among_topics() {
        let turns = |id: Id| [0, 3, 0, 1, 5][id.0 as usize];
        let mut q = Queue::default();
        q.push(request(1, Topic, 0), turns);
        q.push(request(4, Topic, 1), turns);
        q.set_order(QueueOrder::Fewest, turns);
        q.push(request(2, Topic, 2), turns);
        q.push(request(3, Topic, 3), turns);
        q.push(request(0, Question, 4), turns);
        assert_eq!(order(&q), [0, 2, 3, 1, 4]);
        q.set_order(QueueOrder::Arrival, turns);
        assert_eq!(order(&q), [0, 1, 4, 2, 3]);
    }

    #[test]
    fn the_countdown_warns_at_80_percent_and_alarms_at_100() {
        let floor = Floor {
            attendee: Id(1),
            since: at(0, 0),
            kind: Topic,
            limit: Some(Duration::from_secs(100)),
            extended: Duration::ZERO,
        };
        let secs = Duration::from_secs;
        assert_eq!(floor.countdown(at(0, 79)), Some(Countdown::Left(secs(21))));
        assert_eq!(
            floor.countdown(at(0, 80)),
            Some(Countdown::Warning(secs(20)))
        );
        assert_eq!(
            floor.countdown(at(0, 99)),
            Some(Countdown::Warning(secs(1)))
        );
        assert_eq!(floor.countdown(at(0, 100)), Some(Countdown::Over(secs(0))));
        assert_eq!(floor.countdown(at(2, 5)), Some(Countdown::Over(secs(25))));
        let free = Floor {
            limit: None,
            ..floor
        };
        assert_eq!(free.countdown(at(9, 0)), None);
    }

    #[test]
    fn a_new_item_starts_an_empty_list_and_can_carry_the_old_one() {
        let none = |_: Id| 0;
        let mut q = Queue::default();
        q.push(request(1, Reply, 0), none);
        q.push(request(2, Topic, 1), none);
        q.closed = true;
        q.new_item();
        assert!(q.is_empty() && !q.closed);
        assert_eq!(q.left_waiting.len(), 2);
        q.push(request(3, Topic, 2), none);
        q.carry_over(none);
        assert_eq!(order(&q), [1, 3, 2]);
        assert!(q.left_waiting.is_empty());
    }
}
