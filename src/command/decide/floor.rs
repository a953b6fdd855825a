//! The floor: taking up items, the speakers' queue, giving and yielding the floor.

use super::{CommandError, Decided, record, refuse, unchanged};
use crate::command::ItemTarget;
use crate::command::names::resolve;
use crate::meeting::{Event, Id, Meeting};

/// Refuses when the meeting is closed: the floor and the agenda stand still after the close.
fn open(meeting: &Meeting) -> Result<(), CommandError> {
    if meeting.closed.is_some() {
        refuse("the meeting is closed (/undo reopens it)")
    } else {
        Ok(())
    }
}

pub(super) fn item(meeting: &Meeting, target: ItemTarget) -> Decided {
    open(meeting)?;
    let agenda = &meeting.agenda;
    let item = match target {
        ItemTarget::Number(n) => match agenda.by_number(n) {
            Some(item) => item,
            None => {
                return refuse(format!(
                    "there is no item {n}: the agenda has {}",
                    agenda.items().len()
                ));
            }
        },
        ItemTarget::Next => match agenda.next() {
            Some(item) => item,
            None if agenda.items().is_empty() => {
                return refuse("the agenda is empty: add items with /agenda");
            }
            None => return refuse("this is the last item"),
        },
    };
    let n = agenda.number(item.id).unwrap_or(0);
    if agenda.current_id() == Some(item.id) {
        return unchanged(format!("item {n} is under discussion already"));
    }
    record(
        Event::ItemTakenUp { item: item.id },
        format!("item {n}: {}", item.title),
    )
}

pub(super) fn queue_add(meeting: &Meeting, name: &str, reason: Option<String>) -> Decided {
    open(meeting)?;
    let attendee = resolve(meeting, name)?;
    let who = meeting.roster.name(attendee);
    if let Some(place) = meeting
        .queue
        .requests()
        .iter()
        .position(|r| r.attendee == attendee)
    {
        return unchanged(format!("{who} is in the queue already ({})", place + 1));
    }
    let place = meeting.queue.len() + 1;
    let message = format!("{who} queued ({place} waiting)");
    record(Event::SpeakerQueued { attendee, reason }, message)
}

pub(super) fn queue_remove(meeting: &Meeting, name: &str) -> Decided {
    let attendee = resolve(meeting, name)?;
    let who = meeting.roster.name(attendee);
    if !meeting.queue.contains(attendee) {
        return unchanged(format!("{who} is not in the queue"));
    }
    record(
        Event::SpeakerUnqueued { attendee },
        format!("{who} taken off the queue"),
    )
}

pub(super) fn ack(meeting: &Meeting, name: Option<&str>) -> Decided {
    open(meeting)?;
    let attendee = match name {
        Some(name) => resolve(meeting, name)?,
        None => match meeting.queue.head() {
            Some(request) => request.attendee,
            None => return refuse("the queue is empty"),
        },
    };
    give_floor(meeting, attendee)
}

pub(super) fn floor(meeting: &Meeting, name: &str) -> Decided {
    open(meeting)?;
    let attendee = resolve(meeting, name)?;
    give_floor(meeting, attendee)
}

pub(super) fn yield_floor(meeting: &Meeting) -> Decided {
    match meeting.floor {
        Some(floor) => record(
            Event::FloorYielded,
            format!("{} yields the floor", meeting.roster.name(floor.attendee)),
        ),
        None => unchanged("nobody has the floor"),
    }
}

fn give_floor(meeting: &Meeting, attendee: Id) -> Decided {
    let name = meeting.roster.name(attendee);
    if meeting.floor.is_some_and(|f| f.attendee == attendee) {
        return unchanged(format!("{name} has the floor already"));
    }
    record(
        Event::FloorGiven { attendee },
        format!("{name} has the floor"),
    )
}
