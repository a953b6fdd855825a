//! The log of a meeting together with its folded state, kept in step: appending an event
//! applies it, and an undo refolds from the start so the state always equals
//! `Meeting::fold(events)`.

use super::event::{Event, Id, Stamped};
use super::state::{Meeting, effective_events, seq_id};

#[derive(Clone, Debug, Default)]
pub struct Log {
    events: Vec<Stamped>,
    meeting: Meeting,
}

impl Log {
    pub fn new(events: Vec<Stamped>) -> Log {
        let meeting = Meeting::fold(&events);
        Log { events, meeting }
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
        let undo = matches!(stamped.event, Event::LastEventUndone);
        self.events.push(stamped);
        if undo {
            self.meeting = Meeting::fold(&self.events);
        } else if let Some(last) = self.events.last() {
            self.meeting.apply(id, last);
        }
        id
    }

    /// The event an undo would take back now, if any.
    pub fn undoable(&self) -> Option<&Stamped> {
        effective_events(&self.events)
            .last()
            .map(|&index| &self.events[index])
    }
}
