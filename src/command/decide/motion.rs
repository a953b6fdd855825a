//! Motions and votes: proposed, moved, seconded, amended, then carried (a decision), failed,
//! withdrawn or agreed by consensus. The moving, seconding, amending and deciding commands act
//! on the open motion (the latest one with no outcome yet).

use super::{Decided, record, refuse, unchanged};
use crate::command::names::resolve;
use crate::meeting::{Event, Meeting, Motion, MotionOutcome, Vote};

fn open_motion(meeting: &Meeting) -> Result<&Motion, super::CommandError> {
    match meeting.open_motion() {
        Some((_, motion)) => Ok(motion),
        None => refuse("no motion is open: /motion TEXT proposes one"),
    }
}

pub(super) fn propose(meeting: &Meeting, text: String) -> Decided {
    if meeting.open_motion().is_some() {
        return refuse(
            "a motion is open: decide it first (/vote, /carried, /failed, /withdrawn, \
             /consensus)",
        );
    }
    let text = text.into();
    record(Event::MotionProposed { text }, "motion proposed")
}

/// `/moved` (`mover: true`) and `/seconded`.
pub(super) fn moved(meeting: &Meeting, typed: &str, mover: bool) -> Decided {
    let motion = open_motion(meeting)?;
    let attendee = resolve(meeting, typed)?;
    let name = meeting.roster.name(attendee);
    let (now, verb) = if mover {
        (motion.mover, "moved")
    } else {
        (motion.seconder, "seconded")
    };
    if now == Some(attendee) {
        return unchanged(format!("{name} {verb} it already"));
    }
    let event = if mover {
        Event::MotionMoved { attendee }
    } else {
        Event::MotionSeconded { attendee }
    };
    record(event, format!("{verb} by {name}"))
}

pub(super) fn amend(meeting: &Meeting, text: String) -> Decided {
    open_motion(meeting)?;
    match meeting.open_motion() {
        Some((entry, _)) if *entry.text == *text => unchanged("the motion reads so already"),
        _ => record(Event::MotionAmended { text: text.into() }, "motion amended"),
    }
}

pub(super) fn decide(meeting: &Meeting, outcome: MotionOutcome, vote: Option<Vote>) -> Decided {
    open_motion(meeting)?;
    let tally = vote.map(|v| format!(" {}", v.tally())).unwrap_or_default();
    let decision = if outcome.adopted() {
        ": a decision"
    } else {
        ""
    };
    record(
        Event::MotionDecided { outcome, vote },
        format!("{}{tally}{decision}", outcome.name()),
    )
}
