//! Who attends: the roster of attendees, each with a capacity, a label and aliases. Names are
//! looked up here by id; finding an attendee from what the note-taker typed is the command
//! layer's job (`command::names`).

use std::sync::Arc;
use std::time::Duration;

use super::entry::Voice;
use super::event::{Id, Timestamp};

/// An arrival or a departure during the meeting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Presence {
    pub at: Timestamp,
    /// Joined (true) or left (false).
    pub joined: bool,
}

/// Someone on the roster: a delegation, an organisation or a person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attendee {
    pub id: Id,
    pub name: String,
    /// What they are there as ("Victim Assistance in 2012", "President").
    pub capacity: Option<String>,
    /// The short form used in the discussion ("Coord. Vict. Assist.").
    pub label: Option<String>,
    /// Other names the note-taker may type to find them.
    pub aliases: Vec<String>,
    /// The part of the attendance they are listed under ("Members", "Observers").
    pub group: Option<String>,
    /// In the room now.
    pub present: bool,
    /// Arrivals and departures once the meeting was under way, in order.
    pub attendance: Vec<Presence>,
    /// How they would be minuted if they spoke now (shared by their statements).
    pub voice: Arc<Voice>,
    /// Their own speaking limit, over the one for everyone.
    pub limit: Option<Duration>,
    /// How many times they spoke beyond their limit.
    pub overruns: u32,
    /// Total time they have held the floor (closed turns only).
    pub spoken: Duration,
    /// How many times they were given the floor.
    pub turns: u32,
}

impl Attendee {
    pub fn new(id: Id, name: String, capacity: Option<String>, label: Option<String>) -> Self {
        let mut attendee = Attendee {
            id,
            name,
            capacity,
            label,
            aliases: Vec::new(),
            group: None,
            present: true,
            attendance: Vec::new(),
            voice: Arc::new(Voice {
                id,
                name: String::new(),
                capacity: None,
                label: None,
                chair: false,
            }),
            limit: None,
            overruns: 0,
            spoken: Duration::ZERO,
            turns: 0,
        };
        attendee.revoice(false);
        attendee
    }

    /// Makes the voice their statements get from now on match who they are now.
    pub(super) fn revoice(&mut self, chair: bool) {
        self.voice = Arc::new(Voice {
            id: self.id,
            name: self.name.clone(),
            capacity: self.capacity.clone(),
            label: self.label.clone(),
            chair,
        });
    }

    /// `Name (Capacity)` as in a list of attendees, or just the name.
    pub fn with_capacity(&self) -> String {
        match &self.capacity {
            Some(capacity) => format!("{} ({capacity})", self.name),
            None => self.name.clone(),
        }
    }
}

/// The attendees in the order they were added. Ids grow with the log, so the list is sorted by
/// id and lookups are a binary search.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Roster {
    attendees: Vec<Attendee>,
}

impl Roster {
    pub fn get(&self, id: Id) -> Option<&Attendee> {
        self.index_of(id).map(|i| &self.attendees[i])
    }

    pub fn get_mut(&mut self, id: Id) -> Option<&mut Attendee> {
        self.index_of(id).map(move |i| &mut self.attendees[i])
    }

    fn index_of(&self, id: Id) -> Option<usize> {
        self.attendees.binary_search_by_key(&id, |a| a.id).ok()
    }

    pub fn contains(&self, id: Id) -> bool {
        self.index_of(id).is_some()
    }

    /// Adds an attendee; ids out of order (a hand-edited file) are ignored.
    pub fn push(&mut self, attendee: Attendee) {
        if self
            .attendees
            .last()
            .is_none_or(|last| last.id < attendee.id)
        {
            self.attendees.push(attendee);
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = &Attendee> {
        self.attendees.iter()
    }

    pub fn len(&self) -> usize {
        self.attendees.len()
    }

    pub fn is_empty(&self) -> bool {
        self.attendees.is_empty()
    }

    /// The display name of an attendee, or a placeholder for an id that is not on the roster.
    pub fn name(&self, id: Id) -> &str {
        self.get(id).map_or("(unknown)", |a| a.name.as_str())
    }
}
