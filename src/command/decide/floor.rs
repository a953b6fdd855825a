//! The floor: taking up items, the list of speakers of the item (request kinds, order, closed
//! lists), giving and yielding the floor, speaking limits.

use super::{CommandError, Decided, record, refuse, unchanged};
use crate::command::ItemTarget;
use crate::command::names::{NameError, resolve};
use crate::meeting::{Event, Id, Meeting, QueueOrder, RequestKind};

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
    let waiting = meeting.queue.len();
    let carried = if waiting > 0 {
        format!(" ({waiting} still waiting: /carry keeps them on the list)")
    } else {
        String::new()
    };
    record(
        Event::ItemTakenUp { item: item.id },
        format!("item {n}: {}{carried}", item.title),
    )
}

/// `topic: TEXT`: an item after the current one, taken up at once.
pub(super) fn topic(meeting: &Meeting, title: String) -> Decided {
    open(meeting)?;
    let n = meeting
        .agenda
        .current_id()
        .and_then(|id| meeting.agenda.number(id))
        .map_or(meeting.agenda.items().len() + 1, |n| n + 1);
    let message = format!("item {n} (added): {title}");
    record(Event::AdHocItemTakenUp { title }, message)
}

/// The attendee a request names, and its text: when the whole of `typed` names nobody, the
/// longest run of its first words that names someone, and the rest as the text
/// (`/poo Germany the speaker strays from the item`).
fn name_and_text(
    meeting: &Meeting,
    typed: &str,
    reason: Option<String>,
) -> Result<(Id, Option<String>), CommandError> {
    let whole = match resolve(meeting, typed) {
        Ok(id) => return Ok((id, reason)),
        Err(e) => e,
    };
    if reason.is_none() {
        let words: Vec<&str> = typed.split_whitespace().collect();
        for take in (1..words.len().min(7)).rev() {
            if let Ok(id) = resolve(meeting, &words[..take].join(" ")) {
                return Ok((id, Some(words[take..].join(" "))));
            }
        }
    }
    Err(whole.into())
}

pub(super) fn queue_add(
    meeting: &Meeting,
    name: &str,
    reason: Option<String>,
    kind: RequestKind,
) -> Decided {
    open(meeting)?;
    let (attendee, reason) = name_and_text(meeting, name, reason)?;
    let who = meeting.roster.name(attendee);
    if let Some(place) = meeting
        .queue
        .requests()
        .iter()
        .position(|r| r.attendee == attendee)
    {
        return unchanged(format!("{who} is in the queue already ({})", place + 1));
    }
    if meeting.queue.closed && kind.is_topic() {
        return refuse(
            "the list of speakers is closed: no new topics (/poo, /q+? and /reply still \
             go in; /open-list opens it)",
        );
    }
    let what = match kind {
        RequestKind::Topic => String::new(),
        other => format!("{} by ", other.name().to_lowercase()),
    };
    let message = format!("{what}{who} queued ({} waiting)", meeting.queue.len() + 1);
    record(
        Event::SpeakerQueued {
            attendee,
            reason,
            kind,
            front: false,
        },
        message,
    )
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

/// `/q= A, B, C`.
pub(super) fn queue_set(meeting: &Meeting, names: &[String]) -> Decided {
    open(meeting)?;
    let mut attendees = Vec::new();
    for name in names {
        let id = resolve(meeting, name)?;
        if !attendees.contains(&id) {
            attendees.push(id);
        }
    }
    let now: Vec<Id> = meeting
        .queue
        .requests()
        .iter()
        .map(|r| r.attendee)
        .collect();
    if now == attendees {
        return unchanged("the queue is in that order already");
    }
    let listed: Vec<&str> = attendees.iter().map(|a| meeting.roster.name(*a)).collect();
    let message = if listed.is_empty() {
        "the queue is empty".to_string()
    } else {
        format!("queue: {}", listed.join(", "))
    };
    record(Event::QueueSet { attendees }, message)
}

/// `/q^ NAME` (`front: true`) and `/q- later NAME`.
pub(super) fn queue_move(meeting: &Meeting, name: &str, front: bool) -> Decided {
    let attendee = resolve(meeting, name)?;
    let who = meeting.roster.name(attendee);
    let requests = meeting.queue.requests();
    let Some(place) = requests.iter().position(|r| r.attendee == attendee) else {
        return refuse(format!("{who} is not in the queue (/q+ adds them)"));
    };
    if front && place == 0 {
        return unchanged(format!("{who} is first already"));
    }
    if !front && place + 1 == requests.len() {
        return unchanged(format!("{who} is last already"));
    }
    if front {
        record(
            Event::SpeakerMovedToFront { attendee },
            format!("{who} first in the queue"),
        )
    } else {
        record(
            Event::SpeakerMovedBack { attendee },
            format!("{who} last in the queue"),
        )
    }
}

/// `/readd`: the last speaker whose turn ended, first in the queue with their request.
pub(super) fn readd(meeting: &Meeting) -> Decided {
    open(meeting)?;
    let Some(last) = &meeting.last_speaker else {
        return refuse("nobody has spoken yet");
    };
    let who = meeting.roster.name(last.attendee);
    if meeting.floor.is_some_and(|f| f.attendee == last.attendee) {
        return unchanged(format!("{who} has the floor"));
    }
    if meeting
        .queue
        .head()
        .is_some_and(|r| r.attendee == last.attendee)
    {
        return unchanged(format!("{who} is first in the queue already"));
    }
    record(
        Event::SpeakerQueued {
            attendee: last.attendee,
            reason: last.reason.clone(),
            kind: last.kind,
            front: true,
        },
        format!("{who} back, first in the queue"),
    )
}

pub(super) fn carry_over(meeting: &Meeting) -> Decided {
    open(meeting)?;
    match meeting.queue.left_waiting.len() {
        0 => unchanged("nobody was left waiting on the previous item"),
        n => record(
            Event::QueueCarriedOver,
            format!("{n} carried over to this item's list"),
        ),
    }
}

/// `/close-list` (`close: true`) and `/open-list`.
pub(super) fn list(meeting: &Meeting, close: bool) -> Decided {
    match (meeting.queue.closed, close) {
        (true, true) => unchanged("the list is closed already"),
        (false, false) => unchanged("the list is open"),
        (_, true) => record(Event::ListClosed, "list of speakers closed: no new topics"),
        (_, false) => record(Event::ListOpened, "list of speakers open again"),
    }
}

pub(super) fn order(meeting: &Meeting, order: QueueOrder) -> Decided {
    if meeting.queue.order == order {
        return unchanged("the queue is in that order already");
    }
    let message = match order {
        QueueOrder::Fewest => "new topics: fewest contributions first",
        QueueOrder::Arrival => "new topics: in order of arrival",
    };
    record(Event::QueueOrderSet { order }, message)
}

/// `/limit [NAME] 3m`.
pub(super) fn limit(meeting: &Meeting, name: Option<&str>, seconds: Option<u32>) -> Decided {
    let attendee = match name {
        Some(name) => Some(resolve(meeting, name).map_err(|e| match e {
            NameError::Unknown(typed) => CommandError::Refused(format!(
                "no one called '{typed}' on the roster: /limit 3m for everyone, \
                 /limit NAME 3m for one"
            )),
            other => other.into(),
        })?),
        None => None,
    };
    let now = match attendee {
        Some(a) => meeting.roster.get(a).and_then(|a| a.limit),
        None => meeting.limit,
    };
    let wanted = seconds.map(|s| std::time::Duration::from_secs(u64::from(s)));
    let who = attendee.map_or("everyone".to_string(), |a| {
        meeting.roster.name(a).to_string()
    });
    if now == wanted {
        return unchanged(format!("that is the limit for {who} already"));
    }
    let message = match seconds {
        Some(s) => format!("{} for {who}", clock(s)),
        None => format!("no limit for {who}"),
    };
    record(Event::LimitSet { attendee, seconds }, message)
}

pub(super) fn extend(meeting: &Meeting, seconds: u32) -> Decided {
    let Some(floor) = meeting.floor else {
        return refuse("nobody has the floor");
    };
    if floor.limit.is_none() {
        return refuse("the speaker has no limit to extend (/limit sets one)");
    }
    record(
        Event::LimitExtended { seconds },
        format!(
            "{} more for {}",
            clock(seconds),
            meeting.roster.name(floor.attendee)
        ),
    )
}

/// `3:00`.
fn clock(seconds: u32) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
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
    let on = match meeting.queue.get(attendee).map(|r| r.kind) {
        Some(kind) if !kind.is_topic() => format!(" ({})", kind.name().to_lowercase()),
        _ => String::new(),
    };
    record(
        Event::FloorGiven { attendee },
        format!("{name} has the floor{on}"),
    )
}
