//! The meeting as it stands: a pure fold of its events. `apply` is total — an event that makes
//! no sense here (an unknown id from a hand-edited file) changes nothing — and never panics.
//! Undo is an event too: [`Meeting::fold`] drops the events it takes back before applying.
//!
//! What is recorded keeps what held when it was recorded: a statement carries the speaker's
//! [`Voice`] of that moment, so a later `/chair` or a changed label rewrites nothing.

use std::sync::Arc;
use std::time::Duration;

use chrono::{NaiveDate, NaiveTime};

use super::agenda::{Agenda, Item, elapsed};
use super::entries::Entries;
use super::entry::{ActionEntry, Entry, EntryKind, Voice};
use super::event::{
    ActionCarried, ActionEdited, ActionRecorded, AttendeeAdded, AttendeeChanged, Correction,
    DocStatus, Event, Id, Owner, Stamped, Timestamp,
};
use super::motion::Motion;
use super::queue::{Floor, Queue, Request, RequestKind};
use super::roster::{Attendee, Presence, Roster};

/// Title block of the minutes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Metadata {
    pub title: String,
    pub subtitle: String,
    pub date: Option<NaiveDate>,
    pub time: Option<NaiveTime>,
    pub place: String,
    /// The document symbol ("CCM/CC/5/2012/MIN").
    pub symbol: String,
    pub status: Option<DocStatus>,
    /// The language of the minutes (`en`, `fr`), when set.
    pub language: Option<String>,
    /// The series the meeting belongs to.
    pub series: String,
}

/// A turn at the floor that went beyond its limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Overrun {
    pub attendee: Id,
    pub item: Option<Id>,
    /// When the turn ended.
    pub at: Timestamp,
    /// By how much.
    pub over: Duration,
    /// The limit of the turn, extensions included.
    pub limit: Duration,
    /// How much the limit was extended during the turn.
    pub extended: Duration,
}

/// A speaking limit set, lifted or extended: the minutes' statistics list them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LimitChange {
    pub at: Timestamp,
    pub item: Option<Id>,
    /// Whose limit (None: everyone's). For an extension, the speaker's.
    pub attendee: Option<Id>,
    /// The new limit (None: lifted), or for an extension, by how much.
    pub limit: Option<Duration>,
    pub extension: bool,
}

/// A minute-taker, from a moment on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scribe {
    pub since: Timestamp,
    pub name: String,
}

/// Everything the screen, the export and the replay need to know about a meeting.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Meeting {
    pub meta: Metadata,
    pub roster: Roster,
    pub regrets: Vec<String>,
    pub chair: Option<Id>,
    /// Every change of chair: from which event on, who.
    pub chairs: Vec<(Id, Option<Id>)>,
    pub scribes: Vec<Scribe>,
    pub agenda: Agenda,
    pub queue: Queue,
    pub floor: Option<Floor>,
    /// The request the floor was given on (to put the speaker back with `/readd`).
    floor_request: Option<Request>,
    /// The request of the last speaker whose turn ended.
    pub last_speaker: Option<Request>,
    /// The speaking limit for everyone.
    pub limit: Option<Duration>,
    /// Every turn that went beyond its limit.
    pub overruns: Vec<Overrun>,
    /// Every limit set, lifted or extended, in order.
    pub limit_changes: Vec<LimitChange>,
    pub entries: Entries,
    /// How many action points were recorded (they are numbered in that order).
    pub actions: u32,
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
            Event::SymbolSet { symbol } => self.meta.symbol = symbol.clone(),
            Event::StatusSet { status } => self.meta.status = Some(*status),
            Event::LanguageSet { language } => self.meta.language = Some(language.clone()),
            Event::SeriesSet { series } => self.meta.series = series.clone(),
            Event::AttendeeAdded(payload) => {
                let AttendeeAdded {
                    name,
                    capacity,
                    label,
                    aliases,
                    group,
                } = &**payload;
                let mut attendee = Attendee::new(id, name.clone(), capacity.clone(), label.clone());
                attendee.aliases = aliases.clone();
                attendee.group = group.clone();
                // Added once the meeting is under way: they arrive now.
                if self.started.is_some() && self.closed.is_none() {
                    attendee.attendance.push(Presence { at, joined: true });
                }
                self.roster.push(attendee);
            }
            Event::AttendeeChanged(payload) => {
                let AttendeeChanged {
                    attendee,
                    capacity,
                    label,
                    aliases,
                    group,
                } = &**payload;
                let chair = self.chair == Some(*attendee);
                if let Some(a) = self.roster.get_mut(*attendee) {
                    a.capacity = capacity.clone();
                    a.label = label.clone();
                    a.aliases = aliases.clone();
                    a.group = group.clone();
                    a.revoice(chair);
                }
            }
            Event::AttendeeJoined { attendee } => self.presence(*attendee, at, true),
            Event::AttendeeLeft { attendee } => self.presence(*attendee, at, false),
            Event::ScribeSet { name } => self.scribes.push(Scribe {
                since: at,
                name: name.clone(),
            }),
            Event::RegretsRecorded { name } => {
                if !self.regrets.iter().any(|r| r.eq_ignore_ascii_case(name)) {
                    self.regrets.push(name.clone());
                }
            }
            Event::ChairSet { attendee } => self.set_chair(id, *attendee),
            Event::ItemAdded { title, planned } => {
                self.agenda
                    .push(Item::new(id, title.clone(), seconds(*planned)));
            }
            Event::ItemTimeboxed { item, planned } => {
                self.agenda.set_planned(*item, seconds(*planned));
            }
            Event::AdHocItemTakenUp { title } => {
                self.agenda
                    .insert_after_current(Item::new(id, title.clone(), None));
                self.take_up(id, at);
            }
            Event::ItemTakenUp { item } => self.take_up(*item, at),
            Event::SpeakerQueued {
                attendee,
                reason,
                kind,
                front,
            } => {
                if self.roster.contains(*attendee) {
                    let request = Request {
                        attendee: *attendee,
                        kind: *kind,
                        reason: reason.clone(),
                        since: at,
                    };
                    if *front {
                        self.queue.push_front(request);
                    } else {
                        let roster = &self.roster;
                        self.queue
                            .push(request, |id| roster.get(id).map_or(0, |a| a.turns));
                    }
                }
            }
            Event::SpeakerUnqueued { attendee } => {
                self.queue.remove(*attendee);
            }
            Event::QueueSet { attendees } => {
                let known: Vec<Id> = attendees
                    .iter()
                    .copied()
                    .filter(|a| self.roster.contains(*a))
                    .collect();
                self.queue.set(&known, at);
            }
            Event::SpeakerMovedToFront { attendee } => self.queue.move_to_front(*attendee),
            Event::SpeakerMovedBack { attendee } => self.queue.move_to_back(*attendee),
            Event::QueueCarriedOver => {
                let roster = &self.roster;
                self.queue
                    .carry_over(|id| roster.get(id).map_or(0, |a| a.turns));
            }
            Event::ListClosed => self.queue.closed = true,
            Event::ListOpened => self.queue.closed = false,
            Event::QueueOrderSet { order } => {
                let roster = &self.roster;
                self.queue
                    .set_order(*order, |id| roster.get(id).map_or(0, |a| a.turns));
            }
            Event::LimitSet {
                attendee,
                seconds: limit,
            } => {
                let limit = seconds(*limit);
                self.limit_changes.push(LimitChange {
                    at,
                    item: self.agenda.current_id(),
                    attendee: *attendee,
                    limit,
                    extension: false,
                });
                match attendee {
                    Some(a) => {
                        if let Some(a) = self.roster.get_mut(*a) {
                            a.limit = limit;
                        }
                    }
                    None => self.limit = limit,
                }
            }
            Event::LimitExtended { seconds: more } => {
                if let Some(floor) = &mut self.floor {
                    let more = Duration::from_secs(u64::from(*more));
                    floor.limit = floor.limit.map(|l| l.saturating_add(more));
                    floor.extended = floor.extended.saturating_add(more);
                    self.limit_changes.push(LimitChange {
                        at,
                        item: self.agenda.current_id(),
                        attendee: Some(floor.attendee),
                        limit: Some(more),
                        extension: true,
                    });
                }
            }
            Event::FloorGiven { attendee } => self.give_floor(*attendee, at),
            Event::FloorYielded => self.end_floor(at),
            Event::StatementRecorded { speaker, text } => {
                if let Some(voice) = self.voice_now(*speaker) {
                    self.agenda.mark_speaker(*speaker);
                    // Said on the floor given for a point of order, a question or a reply.
                    let request = self
                        .floor
                        .filter(|f| f.attendee == *speaker && !f.kind.is_topic())
                        .map(|f| f.kind);
                    let kind = EntryKind::Statement {
                        speaker: *speaker,
                        voice,
                        request,
                    };
                    self.record(id, at, kind, text);
                }
            }
            Event::NoteRecorded { text } => self.record(id, at, EntryKind::Note, text),
            Event::ActionRecorded(payload) => {
                let ActionRecorded {
                    owner,
                    also,
                    text,
                    due,
                } = &**payload;
                let owners: Vec<Owner> = std::iter::once(owner).chain(also).cloned().collect();
                if owners.iter().all(|o| self.valid_owner(o)) && !text.is_empty() {
                    self.actions += 1;
                    let kind = EntryKind::Action(Box::new(ActionEntry {
                        owners,
                        due: *due,
                        done: None,
                        number: self.actions,
                        carried: None,
                    }));
                    self.record(id, at, kind, text);
                }
            }
            Event::ActionCarried(payload) => {
                let ActionCarried {
                    origin,
                    owners,
                    text,
                    due,
                } = &**payload;
                // Owners on this roster by name are attendees here; the others keep their name.
                let owners: Vec<Owner> = owners
                    .iter()
                    .filter(|o| !o.is_empty())
                    .map(|name| {
                        self.roster
                            .iter()
                            .find(|a| a.name == *name)
                            .map_or_else(|| Owner::Named(name.clone()), |a| Owner::Attendee(a.id))
                    })
                    .collect();
                if !owners.is_empty() && !text.is_empty() {
                    self.actions += 1;
                    let kind = EntryKind::Action(Box::new(ActionEntry {
                        owners,
                        due: *due,
                        done: None,
                        number: self.actions,
                        carried: Some(origin.clone()),
                    }));
                    // Carried before the meeting opens an item, it belongs to the review of
                    // action points (set up with it), not to the preamble.
                    let item = self.agenda.current_id().or_else(|| {
                        self.agenda
                            .items()
                            .iter()
                            .find(|i| super::setup::is_review(&i.title))
                            .map(|i| i.id)
                    });
                    self.record_in(id, at, item, kind, text);
                }
            }
            Event::ActionEdited(payload) => {
                let ActionEdited {
                    entry,
                    owners,
                    text,
                    due,
                } = &**payload;
                let valid = !owners.is_empty()
                    && owners.iter().all(|o| self.valid_owner(o))
                    && !text.is_empty();
                if let Some(e) = self.entries.by_id_mut(*entry)
                    && valid
                    && let EntryKind::Action(action) = &mut e.kind
                {
                    action.owners = owners.clone();
                    action.due = *due;
                    e.text = Arc::clone(text);
                    e.revision = e.revision.saturating_add(1);
                }
            }
            Event::ActionDone { entry } => {
                if let Some(e) = self.entries.by_id_mut(*entry)
                    && let EntryKind::Action(action) = &mut e.kind
                {
                    action.done.get_or_insert(at);
                }
            }
            Event::DecisionRecorded { text } => self.record(id, at, EntryKind::Decision, text),
            Event::MotionProposed { text } => {
                let motion = Box::new(Motion::default());
                self.record(id, at, EntryKind::Motion(motion), text);
            }
            Event::MotionMoved { attendee } => {
                if self.roster.contains(*attendee) {
                    self.change_open_motion(|_, motion| motion.mover = Some(*attendee));
                }
            }
            Event::MotionSeconded { attendee } => {
                if self.roster.contains(*attendee) {
                    self.change_open_motion(|_, motion| motion.seconder = Some(*attendee));
                }
            }
            Event::MotionAmended { text: amended } => {
                if !amended.is_empty() {
                    self.change_open_motion(|text, motion| {
                        let before = std::mem::replace(text, Arc::clone(amended));
                        motion.amended_from.push(before.to_string());
                    });
                }
            }
            Event::MotionDecided { outcome, vote } => {
                self.change_open_motion(|_, motion| {
                    motion.outcome = Some(*outcome);
                    motion.vote = *vote;
                    motion.decided = Some(at);
                });
            }
            Event::EntryCorrected { entry, text } => self.correct(*entry, text),
            Event::EntriesCorrected { corrections } => {
                for Correction { entry, text } in corrections {
                    self.correct(*entry, text);
                }
            }
            Event::EntryInserted {
                before,
                speaker,
                text,
            } => self.insert(id, *before, *speaker, text),
            Event::EntryReattributed { entry, speaker } => self.reattribute(*entry, *speaker),
            Event::EntryStruck { entry } => self.strike(*entry, true),
            Event::EntryRestored { entry } => self.strike(*entry, false),
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

    /// Takes up an item: the floor ends, the item's clock starts, its list of speakers starts
    /// empty, and the chair gets the floor to introduce it.
    fn take_up(&mut self, item: Id, at: Timestamp) {
        if self.agenda.get(item).is_none() {
            return;
        }
        self.end_floor(at);
        self.agenda.take_up(item, at);
        self.queue.new_item();
        self.started.get_or_insert(at);
        if let Some(chair) = self.chair {
            self.give_floor(chair, at);
        }
    }

    /// Changes the motion still open (the latest, if it has no outcome yet) and its text.
    fn change_open_motion(&mut self, change: impl FnOnce(&mut Arc<str>, &mut Motion)) {
        let Some(at) = self
            .entries
            .iter()
            .rposition(|e| matches!(e.kind, EntryKind::Motion(_)))
        else {
            return;
        };
        let id = self.entries[at].id;
        if let Some(Entry { text, kind, .. }) = self.entries.by_id_mut(id)
            && let EntryKind::Motion(motion) = kind
            && motion.is_open()
        {
            change(text, motion);
        }
    }

    /// The motion still open, if any.
    pub fn open_motion(&self) -> Option<(&Entry, &Motion)> {
        let entry = self
            .entries
            .iter()
            .rev()
            .find(|e| matches!(e.kind, EntryKind::Motion(_)))?;
        match &entry.kind {
            EntryKind::Motion(motion) if motion.is_open() => Some((entry, motion)),
            _ => None,
        }
    }

    fn record(&mut self, id: Id, at: Timestamp, kind: EntryKind, text: &Arc<str>) {
        self.record_in(id, at, self.agenda.current_id(), kind, text);
    }

    fn record_in(
        &mut self,
        id: Id,
        at: Timestamp,
        item: Option<Id>,
        kind: EntryKind,
        text: &Arc<str>,
    ) {
        if text.is_empty() {
            return;
        }
        self.entries.push(Entry {
            id,
            at,
            item,
            kind,
            text: Arc::clone(text),
            revision: 0,
            struck: false,
        });
    }

    fn correct(&mut self, entry: Id, text: &Arc<str>) {
        if let Some(e) = self.entries.by_id_mut(entry)
            && !text.is_empty()
        {
            e.text = Arc::clone(text);
            e.revision = e.revision.saturating_add(1);
        }
    }

    /// A line before the entry `before`, under its item, at its time, minuted as the speaker
    /// stood then.
    fn insert(&mut self, id: Id, before: Id, speaker: Option<Id>, text: &Arc<str>) {
        let Some(target) = self.entries.by_id(before) else {
            return;
        };
        if text.is_empty() {
            return;
        }
        let (at, item) = (target.at, target.item);
        let kind = match speaker {
            Some(speaker) => match self.voice_then(speaker, before) {
                Some(voice) => EntryKind::Statement {
                    speaker,
                    voice,
                    request: None,
                },
                None => return,
            },
            None => EntryKind::Note,
        };
        let entry = Entry {
            id,
            at,
            item,
            kind,
            text: Arc::clone(text),
            revision: 0,
            struck: false,
        };
        self.entries.insert_before(before, entry);
    }

    /// Gives a statement or a note to `speaker`, minuted as they stood when it was recorded.
    fn reattribute(&mut self, entry: Id, speaker: Id) {
        let Some(voice) = self.voice_then(speaker, entry) else {
            return;
        };
        if let Some(e) = self.entries.by_id_mut(entry)
            && matches!(e.kind, EntryKind::Statement { .. } | EntryKind::Note)
        {
            let request = match &e.kind {
                EntryKind::Statement { request, .. } => *request,
                _ => None,
            };
            e.kind = EntryKind::Statement {
                speaker,
                voice,
                request,
            };
            e.revision = e.revision.saturating_add(1);
        }
    }

    fn strike(&mut self, entry: Id, struck: bool) {
        if let Some(e) = self.entries.by_id_mut(entry) {
            e.struck = struck;
        }
    }

    fn presence(&mut self, attendee: Id, at: Timestamp, joined: bool) {
        if let Some(a) = self.roster.get_mut(attendee)
            && a.present != joined
        {
            a.present = joined;
            a.attendance.push(Presence { at, joined });
        }
    }

    fn set_chair(&mut self, id: Id, attendee: Id) {
        if !self.roster.contains(attendee) {
            return;
        }
        if let Some(previous) = self.chair.replace(attendee)
            && let Some(a) = self.roster.get_mut(previous)
        {
            a.revoice(false);
        }
        if let Some(a) = self.roster.get_mut(attendee) {
            a.revoice(true);
        }
        self.chairs.push((id, Some(attendee)));
    }

    fn valid_owner(&self, owner: &Owner) -> bool {
        match owner {
            Owner::Attendee(a) => self.roster.contains(*a),
            Owner::Named(name) => !name.is_empty(),
        }
    }

    /// How `speaker` is minuted now.
    fn voice_now(&self, speaker: Id) -> Option<Arc<Voice>> {
        self.roster.get(speaker).map(|a| Arc::clone(&a.voice))
    }

    /// How `speaker` was minuted when the event `moment` happened: the chair then, their
    /// capacity and label now (a label changed since is the one case this cannot tell).
    fn voice_then(&self, speaker: Id, moment: Id) -> Option<Arc<Voice>> {
        let now = self.roster.get(speaker)?;
        let chair_then = self.chair_at(moment) == Some(speaker);
        if chair_then == now.voice.chair {
            return Some(Arc::clone(&now.voice));
        }
        Some(Arc::new(Voice {
            chair: chair_then,
            ..Voice::clone(&now.voice)
        }))
    }

    /// Who chaired when the event `moment` happened.
    pub fn chair_at(&self, moment: Id) -> Option<Id> {
        let after = self.chairs.partition_point(|(from, _)| *from <= moment);
        after
            .checked_sub(1)
            .and_then(|i| self.chairs.get(i))
            .and_then(|(_, chair)| *chair)
    }

    fn give_floor(&mut self, attendee: Id, at: Timestamp) {
        let Some(limit) = self.roster.get(attendee).map(|a| a.limit.or(self.limit)) else {
            return;
        };
        self.end_floor(at);
        let request = self.queue.remove(attendee).unwrap_or(Request {
            attendee,
            kind: RequestKind::Topic,
            reason: None,
            since: at,
        });
        self.floor = Some(Floor {
            attendee,
            since: at,
            kind: request.kind,
            limit,
            extended: Duration::ZERO,
        });
        self.floor_request = Some(request);
        if let Some(a) = self.roster.get_mut(attendee) {
            a.turns += 1;
        }
        self.agenda.mark_speaker(attendee);
        self.agenda.count_turn(attendee);
    }

    /// The turn at the floor ends at `at`: its time counts, and an overrun is noted.
    fn end_floor(&mut self, at: Timestamp) {
        let Some(floor) = self.floor.take() else {
            return;
        };
        self.last_speaker = self.floor_request.take();
        let spoken = elapsed(floor.since, at);
        self.agenda.add_spoken(floor.attendee, spoken);
        let over = floor.limit.and_then(|limit| {
            let over = spoken.checked_sub(limit).filter(|over| !over.is_zero())?;
            Some((over, limit))
        });
        if let Some((over, limit)) = over {
            self.overruns.push(Overrun {
                attendee: floor.attendee,
                item: self.agenda.current_id(),
                at,
                over,
                limit,
                extended: floor.extended,
            });
        }
        if let Some(a) = self.roster.get_mut(floor.attendee) {
            // Times from a file can be anything: durations saturate rather than overflow.
            a.spoken = a.spoken.saturating_add(spoken);
            a.overruns += u32::from(over.is_some());
        }
    }

    /// The entry with this id.
    pub fn entry(&self, id: Id) -> Option<&Entry> {
        self.entries.by_id(id)
    }

    /// Action point number `n` (1-based, as the console numbers them).
    pub fn action(&self, n: u32) -> Option<&Entry> {
        self.entries
            .iter()
            .find(|e| matches!(&e.kind, EntryKind::Action(action) if action.number == n))
    }

    /// The label a speaker goes by in the minutes if they spoke now: the chair speaks under
    /// their capacity ("President"), others as `Name (LABEL)` or just `Name`.
    pub fn speaker_label(&self, id: Id) -> String {
        self.roster
            .get(id)
            .map_or_else(|| "(unknown)".to_string(), |a| a.voice.label())
    }

    /// A short name for lists (who spoke, the queue): the chair by their capacity, others by
    /// name.
    pub fn short_name(&self, id: Id) -> String {
        self.roster
            .get(id)
            .map_or_else(|| "(unknown)".to_string(), |a| a.voice.short())
    }

    /// How an action's owner is named in the minutes.
    pub fn owner_name(&self, owner: &Owner) -> String {
        match owner {
            Owner::Attendee(id) => self.roster.name(*id).to_string(),
            Owner::Named(name) => name.clone(),
        }
    }

    /// Several owners as the minutes name them: "Norway, Mexico".
    pub fn owner_names(&self, owners: &[Owner]) -> String {
        owners
            .iter()
            .map(|o| self.owner_name(o))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The minute-taker now.
    pub fn scribe(&self) -> Option<&str> {
        self.scribes.last().map(|s| s.name.as_str())
    }

    /// How many on the roster are in the room.
    pub fn present(&self) -> usize {
        self.roster.iter().filter(|a| a.present).count()
    }

    /// Time since the meeting started, up to `now` or to its close.
    pub fn elapsed(&self, now: Timestamp) -> Option<Duration> {
        let started = self.started?;
        Some(elapsed(started, self.closed.unwrap_or(now)))
    }
}

/// Seconds from a file as a duration.
fn seconds(seconds: Option<u32>) -> Option<Duration> {
    seconds.map(|s| Duration::from_secs(u64::from(s)))
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
