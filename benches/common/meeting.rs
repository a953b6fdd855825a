//! Realistic meetings of any size, for the benchmarks and the tests that need a large meeting:
//! a roster of 40 delegations, an agenda that grows with the meeting, and the mix of a long
//! formal meeting — requests for the floor, the floor given and yielded, statements of about
//! 200 characters (some with accents), notes, action points (some done later), decisions, a
//! correction or a struck line now and then, an undo, people arriving and leaving. About 200
//! bytes per event on disk: 100,000 events make a meeting file of about 20 MB.
//!
//! [`write`] saves a meeting through the real store (the same writer the console commits
//! with, its journal and its compactions), so the files follow the format as it evolves.
//! Everything is deterministic: the same size gives the same meeting.

#![allow(dead_code)]

use std::path::Path;

use chrono::TimeDelta;
use scribe::meeting::{
    ActionRecorded, AttendeeAdded, Event, Id, Owner, RequestKind, Stamped, Timestamp,
};
use scribe::store::StoreError;
use scribe::store::disk::{Writer, open};
use scribe::store::save;

/// When every generated meeting starts.
pub fn start() -> Timestamp {
    scribe::testkit::moment("2026-03-12T09:30:00+01:00")
}

/// How many attendees the roster has.
pub const ROSTER: usize = 40;

/// xorshift64*: small, seeded, good enough for a meeting.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// True about `percent` times in a hundred.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const DELEGATIONS: [&str; 20] = [
    "Norway",
    "Mexico",
    "Côte d'Ivoire",
    "Lebanon",
    "Japan",
    "Brazil",
    "Germany",
    "Kenya",
    "Chile",
    "Viet Nam",
    "New Zealand",
    "Senegal",
    "Türkiye",
    "Austria",
    "Peru",
    "Jordan",
    "Philippines",
    "Iceland",
    "Ghana",
    "Uruguay",
];

const OPENINGS: [&str; 8] = [
    "Thanked the Presidency for outlining the procedure and",
    "Welcomed the progress report presented by the Coordinators and",
    "Recalled the decision taken at the previous meeting and",
    "Expressed support for the draft recommendations and",
    "Noted with appreciation the work of the Implementation Support Unit and",
    "Aligned itself with the statement made on behalf of the regional group and",
    "Stressed the importance of national ownership and",
    "Speaking in its national capacity, the delegation",
];

const MIDDLES: [&str; 8] = [
    "inquired when the invitation letter and the information package will be sent out,",
    "asked whether the financial implications had been assessed by the Secretariat,",
    "proposed that the working paper be circulated in all official languages,",
    "underlined the need for an early circulation of the documents to capitals,",
    "suggested that the timeline be reviewed at the intersessional meeting in June,",
    "requested clarification on the role of the Friends of the Chair in the process,",
    "indicated that consultations with the relevant ministries were still under way,",
    "reported on the survey of mine-affected areas completed in the northern provinces,",
];

const ENDINGS: [&str; 8] = [
    "noting that the matter would be taken up again under the next item.",
    "and offered to share its experience with interested delegations.",
    "and reserved the right to come back to the question at a later stage.",
    "while stressing that no precedent should be set for future meetings.",
    "and hoped that a decision could be reached by consensus before the end of the week.",
    "adding that a written contribution would follow by the end of the month.",
    "and thanked the host country for its generous hospitality.",
    "and called on all States to submit their reports before the deadline.",
];

/// A statement of about 200 characters.
fn statement(rng: &mut Rng) -> String {
    format!(
        "{} {} {}",
        OPENINGS[rng.below(OPENINGS.len())],
        MIDDLES[rng.below(MIDDLES.len())],
        ENDINGS[rng.below(ENDINGS.len())]
    )
}

/// Builds the log event by event, keeping what the next events need to refer to.
struct Builder {
    events: Vec<Stamped>,
    at: Timestamp,
    rng: Rng,
    items: Vec<Id>,
    next_item: usize,
    queue: Vec<Id>,
    floor: Option<Id>,
    /// Recent entries (statements and notes) that a correction or a strike may name.
    recent: Vec<Id>,
    /// Action points not done yet.
    open_actions: Vec<Id>,
    away: Vec<Id>,
}

impl Builder {
    fn push(&mut self, event: Event) -> Id {
        let id = Id(self.events.len() as u32);
        self.at += TimeDelta::seconds(5 + self.rng.below(35) as i64);
        self.events.push(Stamped { at: self.at, event });
        id
    }

    fn attendee(&mut self) -> Id {
        Id(self.rng.below(ROSTER) as u32 + 4)
    }

    fn setup(&mut self, items: usize) {
        self.push(Event::TitleSet {
            title: "12th Meeting of the Standing Committee on Victim Assistance".into(),
        });
        self.push(Event::DateSet {
            date: start().date_naive(),
        });
        self.push(Event::PlaceSet {
            place: "Palais des Nations, Room XVII, Geneva".into(),
        });
        self.push(Event::SymbolSet {
            symbol: "SC/VA/12/2026/MIN".into(),
        });
        for n in 0..ROSTER {
            let name = DELEGATIONS[n % DELEGATIONS.len()];
            let (name, capacity) = if n < DELEGATIONS.len() {
                (name.to_string(), None)
            } else {
                (
                    format!("{name} (Coordinator {})", n - DELEGATIONS.len() + 1),
                    Some(format!("Coordinator on Theme {} in 2026", n % 7 + 1)),
                )
            };
            self.push(Event::AttendeeAdded(Box::new(AttendeeAdded {
                label: capacity.as_ref().map(|_| format!("Coord. {}", n % 7 + 1)),
                name,
                capacity,
                aliases: vec![],
                group: None,
            })));
        }
        self.push(Event::ChairSet { attendee: Id(4) });
        self.push(Event::ScribeSet {
            name: "Secretariat".into(),
        });
        for n in 0..items {
            let id = self.push(Event::ItemAdded {
                title: format!(
                    "Item {}: review of the implementation plan, part {n}",
                    n + 1
                ),
                planned: Some(1800),
            });
            self.items.push(id);
        }
    }

    /// One step of the meeting: a handful of events.
    fn step(&mut self, per_item: usize) {
        let since_item = self.events.len() % per_item.max(1);
        // The first item at the start, the next one every `per_item` events.
        if (self.next_item == 0 || since_item == 0)
            && let Some(&item) = self.items.get(self.next_item)
        {
            self.next_item += 1;
            self.push(Event::ItemTakenUp { item });
            self.floor = Some(Id(4));
            self.queue.clear();
            return;
        }
        match self.rng.below(100) {
            0..=17 => {
                let who = self.attendee();
                if !self.queue.contains(&who) && Some(who) != self.floor {
                    let kind = match self.rng.below(20) {
                        0 => RequestKind::PointOfOrder,
                        1 | 2 => RequestKind::Question,
                        3 | 4 => RequestKind::Reply,
                        _ => RequestKind::Topic,
                    };
                    self.push(Event::SpeakerQueued {
                        attendee: who,
                        reason: None,
                        kind,
                        front: false,
                    });
                    self.queue.push(who);
                }
            }
            18..=29 => {
                let next = if self.queue.is_empty() {
                    self.attendee()
                } else {
                    self.queue.remove(0)
                };
                self.push(Event::FloorGiven { attendee: next });
                self.floor = Some(next);
            }
            30..=31 if self.queue.len() > 1 => {
                let who = self.queue.remove(self.queue.len() - 1);
                self.push(Event::SpeakerMovedToFront { attendee: who });
                self.queue.insert(0, who);
            }
            32 if !self.queue.is_empty() => {
                let at = self.rng.below(self.queue.len());
                let who = self.queue.remove(at);
                self.push(Event::SpeakerUnqueued { attendee: who });
            }
            33..=34 if self.floor.is_some() => {
                self.push(Event::FloorYielded);
                self.floor = None;
            }
            35..=37 => {
                let ending = ENDINGS[self.rng.below(ENDINGS.len())];
                let id = self.push(Event::NoteRecorded {
                    text: format!(
                        "The Chair suspended the discussion for informal consultations; {ending}"
                    )
                    .into(),
                });
                self.remember(id);
            }
            38..=39 => {
                let owner = Owner::Attendee(self.attendee());
                let due = start().date_naive() + TimeDelta::days(7 + self.rng.below(60) as i64);
                let id = self.push(Event::ActionRecorded(Box::new(ActionRecorded {
                    owner,
                    also: vec![],
                    text: format!(
                        "To circulate a revised draft of the working paper to all delegations {}",
                        "and collect comments before the intersessional meeting."
                    )
                    .into(),
                    due: Some(due),
                })));
                self.open_actions.push(id);
            }
            40 if !self.open_actions.is_empty() => {
                let at = self.rng.below(self.open_actions.len());
                let entry = self.open_actions.remove(at);
                self.push(Event::ActionDone { entry });
            }
            41 => {
                self.push(Event::DecisionRecorded {
                    text: "The Committee agreed to take note of the report and to consider the \
                           recommendations at its next meeting."
                        .into(),
                });
            }
            42 if !self.recent.is_empty() => {
                let at = self.rng.below(self.recent.len());
                let entry = self.recent[at];
                let text = statement(&mut self.rng);
                self.push(Event::EntryCorrected {
                    entry,
                    text: text.into(),
                });
            }
            43 if self.rng.chance(30) && !self.recent.is_empty() => {
                let at = self.rng.below(self.recent.len());
                let entry = self.recent[at];
                self.push(Event::EntryStruck { entry });
            }
            44 if self.rng.chance(30) => {
                // A statement recorded by mistake, taken back.
                let speaker = self.floor.unwrap_or(Id(4));
                let text = statement(&mut self.rng);
                self.push(Event::StatementRecorded {
                    speaker,
                    text: text.into(),
                });
                self.push(Event::LastEventUndone);
            }
            45 => {
                if let Some(back) = self.away.pop() {
                    self.push(Event::AttendeeJoined { attendee: back });
                } else {
                    let who = self.attendee();
                    if who != Id(4) {
                        self.push(Event::AttendeeLeft { attendee: who });
                        self.away.push(who);
                    }
                }
            }
            _ => {
                let speaker = self.floor.unwrap_or(Id(4));
                let text = statement(&mut self.rng);
                let id = self.push(Event::StatementRecorded {
                    speaker,
                    text: text.into(),
                });
                self.remember(id);
            }
        }
    }

    fn remember(&mut self, id: Id) {
        self.recent.push(id);
        if self.recent.len() > 50 {
            self.recent.remove(0);
        }
    }
}

/// The events of a meeting of `n` events (exactly).
pub fn events(n: usize) -> Vec<Stamped> {
    let items = (n / 400).clamp(2, 500);
    let mut builder = Builder {
        events: Vec::with_capacity(n + 4),
        at: start(),
        rng: Rng(0x5C81_BE00_0000_0001 ^ n as u64),
        items: Vec::new(),
        next_item: 0,
        queue: Vec::new(),
        floor: None,
        recent: Vec::new(),
        open_actions: Vec::new(),
        away: Vec::new(),
    };
    builder.setup(items);
    let per_item = n.saturating_sub(builder.events.len()) / items + 1;
    while builder.events.len() < n {
        builder.step(per_item);
    }
    builder.events.truncate(n);
    builder.events
}

/// Writes a meeting of `n` events at `path` through the real store: a new meeting file, then
/// the events committed in batches of `batch` as the console commits them (journal, fsync,
/// compactions when due), then closed as at quit. Returns the meeting file's size in bytes.
pub fn write(path: &Path, n: usize) -> Result<u64, StoreError> {
    write_events(path, events(n), 1000)
}

/// [`write`] with given events and batch size.
pub fn write_events(path: &Path, events: Vec<Stamped>, batch: usize) -> Result<u64, StoreError> {
    save(path, &[])?;
    let mut writer = Writer::new(path, &open(path)?);
    let mut events = events.into_iter().peekable();
    while events.peek().is_some() {
        writer.push(events.by_ref().take(batch.max(1)).collect());
        writer.flush()?;
        if writer.should_compact() {
            writer.compact()?;
        }
    }
    writer.close()?;
    Ok(std::fs::metadata(path).map(|m| m.len()).unwrap_or(0))
}

/// Statement `n` of about 160 characters by attendee 4, at the meeting's start: what the
/// benches commit one by one.
pub fn numbered_statement(n: usize) -> Stamped {
    Stamped {
        at: start(),
        event: Event::StatementRecorded {
            speaker: Id(4),
            text: format!(
                "Statement {n}: thanked the Presidency for outlining the procedure and inquired \
                 when the invitation letter and the information package will be sent out."
            )
            .into(),
        },
    }
}
