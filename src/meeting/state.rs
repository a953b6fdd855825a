//! The meeting as it stands: a pure fold of its events. `apply` is total — an event that makes
//! no sense here (an unknown id from a hand-edited file) changes nothing — and never panics.
//! Undo is an event too: [`Meeting::fold`] drops the events it takes back before applying.

use std::time::Duration;

use chrono::{NaiveDate, NaiveTime};

use super::agenda::{Agenda, Item, elapsed};
use super::entry::{Entry, EntryKind};
use super::event::{Event, Id, Owner, Stamped, Timestamp};
use super::queue::{Floor, Queue, Request};
use super::roster::{Attendee, Roster};

/// Title block of the minutes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Metadata {
    pub title: String,
    pub subtitle: String,
    pub date: Option<NaiveDate>,
    pub time: Option<NaiveTime>,
    pub place: String,
}

/// Everything the screen, the export and the replay need to know about a meeting.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Meeting {
    pub meta: Metadata,
    pub roster: Roster,
    pub regrets: Vec<String>,
    pub chair: Option<Id>,
    pub agenda: Agenda,
    pub queue: Queue,
    pub floor: Option<Floor>,
    pub entries: Vec<Entry>,
    /// When the first item was taken up: the meeting's elapsed time counts from here.
    pub started: Option<Timestamp>,
    pub closed: Option<Timestamp>,
}

impl Meeting {
    /// Folds a whole log, honouring undo: each [`Event::LastEventUndone`] takes back the latest
    /// event still in effect before it.
    pub fn fold(events: &[Stamped]) -> Meeting {
        let mut meeting = Meeting::default();
        for index in effective_events(events) {
            meeting.apply(seq_id(index), &events[index]);
        }
        meeting
    }

    /// Applies one event that the log has at position `id`. Undo markers are no-ops here: they
    /// are resolved by [`Meeting::fold`], which sees the whole log.
    pub fn apply(&mut self, id: Id, stamped: &Stamped) {
        let at = stamped.at;
        match &stamped.event {
            Event::TitleSet { title } => self.meta.title = title.clone(),
            Event::SubtitleSet { subtitle } => self.meta.subtitle = subtitle.clone(),
            Event::DateSet { date } => self.meta.date = Some(*date),
            Event::TimeSet { time } => self.meta.time = Some(*time),
            Event::PlaceSet { place } => self.meta.place = place.clone(),
            Event::AttendeeAdded {
                name,
                capacity,
                label,
                aliases,
            } => {
                let mut attendee = Attendee::new(id, name.clone(), capacity.clone(), label.clone());
                attendee.aliases = aliases.clone();
                self.roster.push(attendee);
            }
            Event::RegretsRecorded { name } => {
                if !self.regrets.iter().any(|r| r.eq_ignore_ascii_case(name)) {
                    self.regrets.push(name.clone());
                }
            }
            Event::ChairSet { attendee } => {
                if self.roster.contains(*attendee) {
                    self.chair = Some(*attendee);
                }
            }
            Event::ItemAdded { title } => self.agenda.push(Item {
                id,
                title: title.clone(),
                spent: Duration::ZERO,
                speakers: Vec::new(),
            }),
            Event::ItemTakenUp { item } => {
                if self.agenda.get(*item).is_some() {
                    self.end_floor(at);
                    self.agenda.take_up(*item, at);
                    self.started.get_or_insert(at);
                    // The chair introduces each item: taking one up gives them the floor.
                    if let Some(chair) = self.chair {
                        self.give_floor(chair, at);
                    }
                }
            }
            Event::SpeakerQueued { attendee, reason } => {
                if self.roster.contains(*attendee) {
                    self.queue.push(Request {
                        attendee: *attendee,
                        reason: reason.clone(),
                        since: at,
                    });
                }
            }
            Event::SpeakerUnqueued { attendee } => self.queue.remove(*attendee),
            Event::FloorGiven { attendee } => self.give_floor(*attendee, at),
            Event::FloorYielded => self.end_floor(at),
            Event::StatementRecorded { speaker, text } => {
                if self.roster.contains(*speaker) {
                    self.agenda.mark_speaker(*speaker);
                    self.record(id, at, EntryKind::Statement { speaker: *speaker }, text);
                }
            }
            Event::NoteRecorded { text } => self.record(id, at, EntryKind::Note, text),
            Event::ActionRecorded { owner, text, due } => {
                let valid = match owner {
                    Owner::Attendee(a) => self.roster.contains(*a),
                    Owner::Named(name) => !name.is_empty(),
                };
                if valid {
                    let kind = EntryKind::Action {
                        owner: owner.clone(),
                        due: *due,
                    };
                    self.record(id, at, kind, text);
                }
            }
            Event::DecisionRecorded { text } => self.record(id, at, EntryKind::Decision, text),
            Event::EntryCorrected { entry, text } => {
                if let Some(e) = self.entry_mut(*entry)
                    && !text.is_empty()
                {
                    e.text = text.clone();
                    e.revision = e.revision.saturating_add(1);
                }
            }
            Event::LastEventUndone => {}
            Event::MeetingClosed => {
                if self.closed.is_none() {
                    self.end_floor(at);
                    self.agenda.stop(at);
                    self.closed = Some(at);
                }
            }
        }
    }

    fn record(&mut self, id: Id, at: Timestamp, kind: EntryKind, text: &str) {
        if text.is_empty() || self.entries.last().is_some_and(|last| last.id >= id) {
            return;
        }
        self.entries.push(Entry {
            id,
            at,
            item: self.agenda.current_id(),
            kind,
            text: text.to_string(),
            revision: 0,
        });
    }

    fn give_floor(&mut self, attendee: Id, at: Timestamp) {
        if !self.roster.contains(attendee) {
            return;
        }
        self.end_floor(at);
        self.queue.remove(attendee);
        self.floor = Some(Floor {
            attendee,
            since: at,
        });
        if let Some(a) = self.roster.get_mut(attendee) {
            a.turns += 1;
        }
        self.agenda.mark_speaker(attendee);
    }

    fn end_floor(&mut self, at: Timestamp) {
        if let Some(floor) = self.floor.take()
            && let Some(a) = self.roster.get_mut(floor.attendee)
        {
            a.spoken += elapsed(floor.since, at);
        }
    }

    pub fn entry(&self, id: Id) -> Option<&Entry> {
        self.entries
            .binary_search_by_key(&id, |e| e.id)
            .ok()
            .map(|i| &self.entries[i])
    }

    fn entry_mut(&mut self, id: Id) -> Option<&mut Entry> {
        self.entries
            .binary_search_by_key(&id, |e| e.id)
            .ok()
            .map(move |i| &mut self.entries[i])
    }

    /// The label a speaker goes by in the minutes: the chair speaks under their capacity
    /// ("President"), others as `Name (LABEL)` or just `Name`.
    pub fn speaker_label(&self, id: Id) -> String {
        let Some(attendee) = self.roster.get(id) else {
            return "(unknown)".to_string();
        };
        if self.chair == Some(id) {
            return attendee
                .capacity
                .clone()
                .unwrap_or_else(|| "Chair".to_string());
        }
        match &attendee.label {
            Some(label) => format!("{} ({label})", attendee.name),
            None => attendee.name.clone(),
        }
    }

    /// A short name for lists (who spoke, the queue): the chair by their capacity, others by
    /// name.
    pub fn short_name(&self, id: Id) -> String {
        match self.roster.get(id) {
            Some(a) if self.chair == Some(id) => {
                a.capacity.clone().unwrap_or_else(|| a.name.clone())
            }
            Some(a) => a.name.clone(),
            None => "(unknown)".to_string(),
        }
    }

    /// How an action's owner is named in the minutes.
    pub fn owner_name(&self, owner: &Owner) -> String {
        match owner {
            Owner::Attendee(id) => self.roster.name(*id).to_string(),
            Owner::Named(name) => name.clone(),
        }
    }

    /// Time since the meeting started, up to `now` or to its close.
    pub fn elapsed(&self, now: Timestamp) -> Option<Duration> {
        let started = self.started?;
        Some(elapsed(started, self.closed.unwrap_or(now)))
    }
}

/// The id an event gets from its position in the log.
pub fn seq_id(index: usize) -> Id {
    Id(u32::try_from(index).unwrap_or(u32::MAX))
}

/// Positions of the events still in effect, in order: every undo marker takes back the latest
/// event in effect before it (and is itself not in effect).
pub fn effective_events(events: &[Stamped]) -> Vec<usize> {
    let mut kept: Vec<usize> = Vec::with_capacity(events.len());
    for (index, stamped) in events.iter().enumerate() {
        if matches!(stamped.event, Event::LastEventUndone) {
            kept.pop();
        } else {
            kept.push(index);
        }
    }
    kept
}
