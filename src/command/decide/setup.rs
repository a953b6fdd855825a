//! The meeting's setup and who is there: the roster, regrets, attendance over time, the chair,
//! the minute-taker and the agenda.

use super::{Decided, record, refuse, unchanged};
use crate::command::names::{fold, resolve};
use crate::meeting::{AttendeeAdded, AttendeeChanged, DocStatus, Event, Meeting};

/// A new attendee, or new particulars for one already on the roster (from now on).
pub(super) fn attendee(
    meeting: &Meeting,
    name: String,
    capacity: Option<String>,
    label: Option<String>,
    aliases: Vec<String>,
    group: Option<String>,
) -> Decided {
    let existing = meeting.roster.iter().find(|a| fold(&a.name) == fold(&name));
    let Some(attendee) = existing else {
        let message = if meeting.started.is_some() && meeting.closed.is_none() {
            format!("{name} added to the roster, joining now")
        } else {
            format!("{name} added to the roster")
        };
        return record(
            Event::AttendeeAdded(Box::new(AttendeeAdded {
                name,
                capacity,
                label,
                aliases,
                group,
            })),
            message,
        );
    };
    let same = attendee.capacity == capacity
        && attendee.label == label
        && attendee.aliases == aliases
        && attendee.group == group;
    if same {
        return unchanged(format!(
            "{} is on the roster as that already",
            attendee.name
        ));
    }
    record(
        Event::AttendeeChanged(Box::new(AttendeeChanged {
            attendee: attendee.id,
            capacity,
            label,
            aliases,
            group,
        })),
        format!(
            "{} changed from now on (what they said before keeps its label)",
            attendee.name
        ),
    )
}

pub(super) fn regrets(meeting: &Meeting, name: String) -> Decided {
    if meeting.regrets.iter().any(|r| fold(r) == fold(&name)) {
        return unchanged(format!("regrets of {name} are recorded already"));
    }
    let message = format!("regrets recorded for {name}");
    record(Event::RegretsRecorded { name }, message)
}

/// `/joined` (`joined: true`) and `/left`.
pub(super) fn presence(meeting: &Meeting, typed: &str, joined: bool) -> Decided {
    let attendee = resolve(meeting, typed)?;
    let Some(a) = meeting.roster.get(attendee) else {
        return refuse("that attendee is no longer on the roster");
    };
    match (a.present, joined) {
        (true, true) => unchanged(format!("{} is present already", a.name)),
        (false, false) => unchanged(format!("{} has left already", a.name)),
        (_, true) => record(
            Event::AttendeeJoined { attendee },
            format!("{} joins ({} present)", a.name, meeting.present() + 1),
        ),
        (_, false) => record(
            Event::AttendeeLeft { attendee },
            format!(
                "{} leaves ({} present)",
                a.name,
                meeting.present().saturating_sub(1)
            ),
        ),
    }
}

pub(super) fn chair(meeting: &Meeting, typed: &str) -> Decided {
    let attendee = resolve(meeting, typed)?;
    let name = meeting.roster.name(attendee);
    if meeting.chair == Some(attendee) {
        return unchanged(format!("{name} chairs already"));
    }
    record(Event::ChairSet { attendee }, format!("{name} chairs"))
}

/// The minute-taker: a name on the roster is written as it is there; anyone else as typed.
pub(super) fn scribe(meeting: &Meeting, typed: String) -> Decided {
    let name = match resolve(meeting, &typed) {
        Ok(id) => meeting.roster.name(id).to_string(),
        Err(_) => typed,
    };
    if meeting.scribe() == Some(name.as_str()) {
        return unchanged(format!("{name} takes the minutes already"));
    }
    let message = format!("{name} takes the minutes");
    record(Event::ScribeSet { name }, message)
}

pub(super) fn agenda(meeting: &Meeting, title: String, planned: Option<u32>) -> Decided {
    let n = meeting.agenda.items().len() + 1;
    let time = planned
        .map(|s| format!(", {} planned", minutes(s)))
        .unwrap_or_default();
    record(
        Event::ItemAdded { title, planned },
        format!("item {n} added{time}"),
    )
}

pub(super) fn timebox(meeting: &Meeting, n: usize, planned: Option<u32>) -> Decided {
    let Some(item) = meeting.agenda.by_number(n) else {
        return refuse(format!(
            "there is no item {n}: the agenda has {}",
            meeting.agenda.items().len()
        ));
    };
    let was = item
        .planned
        .map(|d| u32::try_from(d.as_secs()).unwrap_or(u32::MAX));
    if was == planned {
        return unchanged(format!("item {n} has that time planned already"));
    }
    let message = match planned {
        Some(s) => format!("item {n}: {} planned", minutes(s)),
        None => format!("item {n}: no time planned"),
    };
    record(
        Event::ItemTimeboxed {
            item: item.id,
            planned,
        },
        message,
    )
}

/// `20 min`, `1 h 30 min`, `45 s`.
fn minutes(seconds: u32) -> String {
    match (seconds / 3600, seconds / 60 % 60, seconds % 60) {
        (0, 0, s) => format!("{s} s"),
        (0, m, 0) => format!("{m} min"),
        (0, m, s) => format!("{m} min {s} s"),
        (h, 0, _) => format!("{h} h"),
        (h, m, _) => format!("{h} h {m} min"),
    }
}

/// A status as the footer says it.
pub(super) fn status_name(status: DocStatus) -> &'static str {
    match status {
        DocStatus::Draft => "a draft",
        DocStatus::Final => "final",
    }
}
