//! The meeting's setup: the roster, regrets, the chair and the agenda.

use super::{Decided, record, refuse};
use crate::command::names::resolve;
use crate::meeting::{Event, Meeting};

pub(super) fn attendee(
    meeting: &Meeting,
    name: String,
    capacity: Option<String>,
    label: Option<String>,
    aliases: Vec<String>,
) -> Decided {
    let taken = meeting
        .roster
        .iter()
        .any(|a| a.name.to_lowercase() == name.to_lowercase());
    if taken {
        return refuse(format!("{name} is already on the roster"));
    }
    let message = format!("{name} added to the roster");
    record(
        Event::AttendeeAdded {
            name,
            capacity,
            label,
            aliases,
        },
        message,
    )
}

pub(super) fn regrets(name: String) -> Decided {
    let message = format!("regrets recorded for {name}");
    record(Event::RegretsRecorded { name }, message)
}

pub(super) fn chair(meeting: &Meeting, typed: &str) -> Decided {
    let attendee = resolve(meeting, typed)?;
    record(
        Event::ChairSet { attendee },
        format!("{} chairs", meeting.roster.name(attendee)),
    )
}

pub(super) fn agenda(meeting: &Meeting, title: String) -> Decided {
    let n = meeting.agenda.items().len() + 1;
    record(Event::ItemAdded { title }, format!("item {n} added"))
}
