//! Test support shared by the unit tests, the integration tests and the benches: one fixture
//! clock and one builder of meetings, so that every test tells its meeting the same way and
//! none parses a timestamp by hand. Not part of scribe's behaviour; nothing in the program
//! calls it.

use chrono::TimeDelta;

use crate::command::{Command, Outcome, decide, parse};
use crate::meeting::{AttendeeAdded, Event, Id, Log, Meeting, Stamped, Timestamp};

/// The moment every fixture meeting starts: the seed's 5th meeting, 28 February 2012, 10:00
/// in Geneva.
pub const T0: &str = "2012-02-28T10:00:00+01:00";

/// [`T0`] as a timestamp.
pub fn t0() -> Timestamp {
    chrono::DateTime::parse_from_rfc3339(T0).unwrap_or_default()
}

/// Another fixture moment, written as RFC 3339 (`2026-03-12T10:00:00+01:00`): the one place
/// tests turn text into a time. A moment that does not parse is a mistake in the test.
pub fn moment(rfc3339: &str) -> Timestamp {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .unwrap_or_else(|e| panic!("the fixture moment {rfc3339:?} is not RFC 3339: {e}"))
}

/// `minutes` and `seconds` after [`T0`].
pub fn at(minutes: i64, seconds: i64) -> Timestamp {
    t0() + TimeDelta::seconds(minutes * 60 + seconds)
}

/// Builds a meeting event by event, or line by line as typed, on a clock that moves only when
/// told to.
#[derive(Clone, Debug)]
pub struct MeetingBuilder {
    log: Log,
    now: Timestamp,
}

impl Default for MeetingBuilder {
    fn default() -> Self {
        MeetingBuilder::new()
    }
}

impl MeetingBuilder {
    /// An empty meeting at [`T0`].
    pub fn new() -> MeetingBuilder {
        MeetingBuilder::starting(t0())
    }

    pub fn starting(now: Timestamp) -> MeetingBuilder {
        MeetingBuilder {
            log: Log::default(),
            now,
        }
    }

    /// The clock now.
    pub fn now(&self) -> Timestamp {
        self.now
    }

    /// Moves the clock on.
    pub fn wait(&mut self, seconds: i64) -> &mut Self {
        self.now += TimeDelta::seconds(seconds);
        self
    }

    /// Records any event now; its id.
    pub fn event(&mut self, event: Event) -> Id {
        self.log.push(Stamped {
            at: self.now,
            event,
        })
    }

    /// Types a line as the console does (parse, decide, record); why it was refused, if it
    /// was. Console commands (export, quit) record nothing and are refused here.
    pub fn type_line(&mut self, line: &str) -> Result<(), String> {
        match parse(line).map_err(|e| e.to_string())? {
            Command::Meeting(command) => match decide(&self.log, command) {
                Ok(Outcome::Record { event, .. }) => {
                    self.event(event);
                    Ok(())
                }
                Ok(Outcome::Unchanged(message)) => Err(format!("records nothing: {message}")),
                Err(e) => Err(e.to_string()),
            },
            Command::Console(command) => Err(format!("{command:?} records nothing")),
        }
    }

    /// Someone on the roster with only a name.
    pub fn attendee(&mut self, name: &str) -> Id {
        self.attendee_as(name, None, None)
    }

    /// Someone on the roster with a capacity and a label.
    pub fn attendee_as(&mut self, name: &str, capacity: Option<&str>, label: Option<&str>) -> Id {
        self.event(Event::AttendeeAdded(Box::new(AttendeeAdded {
            name: name.into(),
            capacity: capacity.map(Into::into),
            label: label.map(Into::into),
            aliases: vec![],
            group: None,
        })))
    }

    pub fn chair(&mut self, attendee: Id) -> Id {
        self.event(Event::ChairSet { attendee })
    }

    /// An agenda item; its id.
    pub fn item(&mut self, title: &str) -> Id {
        self.event(Event::ItemAdded {
            title: title.into(),
            planned: None,
        })
    }

    pub fn take_up(&mut self, item: Id) -> Id {
        self.event(Event::ItemTakenUp { item })
    }

    pub fn floor(&mut self, attendee: Id) -> Id {
        self.event(Event::FloorGiven { attendee })
    }

    /// A statement by `speaker`; its entry id.
    pub fn say(&mut self, speaker: Id, text: &str) -> Id {
        self.event(Event::StatementRecorded {
            speaker,
            text: text.into(),
        })
    }

    /// A note; its entry id.
    pub fn note(&mut self, text: &str) -> Id {
        self.event(Event::NoteRecorded { text: text.into() })
    }

    pub fn events(&self) -> Vec<Stamped> {
        self.log.events().to_vec()
    }

    pub fn log(&self) -> &Log {
        &self.log
    }

    pub fn meeting(&self) -> Meeting {
        self.log.meeting().clone()
    }
}
