//! The speakers' queue and the floor: who waits, for what, and who is speaking since when.

use super::event::{Id, Timestamp};

/// One place in the queue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    pub attendee: Id,
    pub reason: Option<String>,
    pub since: Timestamp,
}

/// Who has the floor and since when.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Floor {
    pub attendee: Id,
    pub since: Timestamp,
}

/// The waiting list, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Queue {
    requests: Vec<Request>,
}

impl Queue {
    pub fn requests(&self) -> &[Request] {
        &self.requests
    }

    pub fn head(&self) -> Option<&Request> {
        self.requests.first()
    }

    pub fn contains(&self, attendee: Id) -> bool {
        self.requests.iter().any(|r| r.attendee == attendee)
    }

    pub fn is_empty(&self) -> bool {
        self.requests.is_empty()
    }

    pub fn len(&self) -> usize {
        self.requests.len()
    }

    pub(super) fn push(&mut self, request: Request) {
        if !self.contains(request.attendee) {
            self.requests.push(request);
        }
    }

    pub(super) fn remove(&mut self, attendee: Id) {
        self.requests.retain(|r| r.attendee != attendee);
    }
}
