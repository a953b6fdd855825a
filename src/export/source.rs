//! What the minutes take from the meeting, one function per datum, so that the export reads
//! the domain in one place. Where the command line can say it too (`--symbol`, `--status`,
//! `--lang`, `--prepared-by`), the option wins over what the meeting recorded. Nothing here
//! formats or escapes: that is [`super::model`]'s job.

use chrono::NaiveDate;

use super::Options;
use super::model::{ActionStatus, DocStatus, Motion, Outcome, StatementKind, Vote};
use crate::meeting::{
    Attendee, Entry, EntryKind, Id, Meeting, MotionOutcome, RequestKind, Timestamp,
};

/// The document symbol ("WG.12/2026/1"): `--symbol`, else the meeting's `/symbol`.
pub fn symbol(meeting: &Meeting, options: &Options) -> Option<String> {
    options
        .symbol
        .clone()
        .or_else(|| Some(meeting.meta.symbol.clone()).filter(|s| !s.is_empty()))
}

/// Draft or final: `--status`, else the meeting's `/status`.
pub fn status(meeting: &Meeting, options: &Options) -> Option<DocStatus> {
    options.status.or(match meeting.meta.status {
        Some(crate::meeting::DocStatus::Draft) => Some(DocStatus::Draft),
        Some(crate::meeting::DocStatus::Final) => Some(DocStatus::Final),
        None => None,
    })
}

/// The language of the minutes: `--lang`, else the meeting's `/lang`, else English.
pub fn language(meeting: &Meeting, options: &Options) -> String {
    options
        .language
        .clone()
        .or_else(|| meeting.meta.language.clone())
        .unwrap_or_else(|| super::i18n::DEFAULT_LANGUAGE.to_string())
}

/// The date of issue of the document: `--issued` (the command line passes today).
pub fn issued(options: &Options) -> Option<NaiveDate> {
    options.issued
}

/// The date the minutes were approved, for the approval block of final minutes.
pub fn approved(options: &Options) -> Option<NaiveDate> {
    options.approved
}

/// The meeting's number in its series (12 for "12th Meeting of ..."), which decision numbers
/// use: `--meeting-number`, else the leading ordinal of the title ("12th", "5e", "3rd").
pub fn meeting_number(meeting: &Meeting, options: &Options) -> Option<u32> {
    options
        .meeting_number
        .or_else(|| leading_ordinal(&meeting.meta.title))
}

/// "12th Meeting" → 12, "5e réunion" → 5, "1st" → 1; not "2026 session" nor "12 March".
fn leading_ordinal(title: &str) -> Option<u32> {
    let word = title.split_whitespace().next()?;
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    let suffix = word[digits..].to_lowercase();
    let ordinal = matches!(
        suffix.as_str(),
        "st" | "nd" | "rd" | "th" | "e" | "er" | "re" | "ère" | "ème" | "eme" | "º" | "°" | "."
    );
    if digits == 0 || !ordinal {
        return None;
    }
    word[..digits].parse().ok()
}

/// The chair.
pub fn chair(meeting: &Meeting) -> Option<&Attendee> {
    meeting.chair.and_then(|id| meeting.roster.get(id))
}

/// The attendance group an attendee was listed under ("members", "observers",
/// "secretariat" or the roster's own name for it): the group given with `/attendee`; `None`
/// for the ungrouped list.
pub fn attendee_group(_meeting: &Meeting, attendee: &Attendee) -> Option<String> {
    attendee.group.clone()
}

/// When an attendee first arrived once the meeting was under way (`/joined`, or added then).
pub fn joined(_meeting: &Meeting, attendee: &Attendee) -> Option<Timestamp> {
    attendee.attendance.iter().find(|p| p.joined).map(|p| p.at)
}

/// When an attendee left, if they were not back by the end (`/left`).
pub fn left(_meeting: &Meeting, attendee: &Attendee) -> Option<Timestamp> {
    if attendee.present {
        return None;
    }
    attendee
        .attendance
        .iter()
        .rev()
        .find(|p| !p.joined)
        .map(|p| p.at)
}

/// Apologies for absence, as recorded.
pub fn regrets(meeting: &Meeting) -> &[String] {
    &meeting.regrets
}

/// Who took the minutes ("Prepared by"): `--prepared-by`, else everyone named with `/scribe`,
/// in order.
pub fn minute_takers(meeting: &Meeting, options: &Options) -> Vec<String> {
    if !options.prepared_by.is_empty() {
        return options.prepared_by.clone();
    }
    let mut names: Vec<String> = Vec::new();
    for scribe in &meeting.scribes {
        if !names.contains(&scribe.name) {
            names.push(scribe.name.clone());
        }
    }
    names
}

/// When the meeting was called to order: the first item taken up.
pub fn called_to_order(meeting: &Meeting) -> Option<Timestamp> {
    meeting.started
}

/// When the meeting rose: `/close`.
pub fn rose(meeting: &Meeting) -> Option<Timestamp> {
    meeting.closed
}

/// Whether an entry was struck from the minutes (`/strike`): struck entries are left out.
pub fn is_struck(entry: &Entry) -> bool {
    entry.struck
}

/// The label a statement is printed under: as it was when the statement was recorded (the
/// chair at that time speaks under their capacity).
pub fn speaker_label(meeting: &Meeting, entry: &Entry, speaker: Id) -> String {
    entry
        .voice()
        .map_or_else(|| meeting.speaker_label(speaker), |v| v.label())
}

/// Did the chair of that moment say it?
pub fn by_chair(entry: &Entry) -> bool {
    entry.voice().is_some_and(|v| v.chair)
}

/// Was someone chairing when this entry was recorded?
pub fn chaired(meeting: &Meeting, entry: &Entry) -> bool {
    meeting.chair_at(entry.id).is_some()
}

/// The kind of request a statement answered (point of order, question, reply); `None` for a
/// plain statement.
pub fn statement_kind(entry: &Entry) -> Option<StatementKind> {
    match &entry.kind {
        EntryKind::Statement {
            request: Some(kind),
            ..
        } => match kind {
            RequestKind::PointOfOrder => Some(StatementKind::PointOfOrder),
            RequestKind::Question => Some(StatementKind::Question),
            RequestKind::Reply => Some(StatementKind::Reply),
            RequestKind::Topic => None,
        },
        _ => None,
    }
}

/// The owners of an action, in the order given.
pub fn action_owners(meeting: &Meeting, entry: &Entry) -> Vec<String> {
    match &entry.kind {
        EntryKind::Action(action) => action
            .owners
            .iter()
            .map(|o| meeting.owner_name(o))
            .collect(),
        _ => Vec::new(),
    }
}

/// Whether an action is open or done (`/done N`).
pub fn action_status(_meeting: &Meeting, entry: &Entry) -> ActionStatus {
    match &entry.kind {
        EntryKind::Action(action) if action.done.is_some() => ActionStatus::Done,
        _ => ActionStatus::Open,
    }
}

/// Where a carried action was first agreed: the meeting's id and the action's number there.
pub fn carried_from(entry: &Entry) -> Option<(String, u32)> {
    match &entry.kind {
        EntryKind::Action(action) => action
            .carried
            .as_ref()
            .map(|origin| (origin.meeting.clone(), origin.number)),
        _ => None,
    }
}

/// Is the entry a decision of the meeting: a decision, or a motion carried or agreed?
pub fn is_decision(entry: &Entry) -> bool {
    match &entry.kind {
        EntryKind::Decision => true,
        EntryKind::Motion(m) => m.outcome.is_some_and(|o| o.adopted()),
        _ => false,
    }
}

/// The motion an entry records, with its mover, seconder, vote and outcome.
pub fn motion(meeting: &Meeting, entry: &Entry) -> Option<Motion> {
    let EntryKind::Motion(m) = &entry.kind else {
        return None;
    };
    let name = |id: Option<Id>| id.map(|id| meeting.roster.name(id).to_string());
    Some(Motion {
        mover: name(m.mover),
        seconder: name(m.seconder),
        vote: m.vote.map(|v| Vote {
            favour: v.favour,
            against: v.against,
            abstentions: v.abstain,
        }),
        outcome: m.outcome.map(|o| match o {
            MotionOutcome::Carried => Outcome::Carried,
            MotionOutcome::Failed => Outcome::Failed,
            MotionOutcome::Withdrawn => Outcome::Withdrawn,
            MotionOutcome::Consensus => Outcome::Consensus,
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::leading_ordinal;

    #[test]
    fn meeting_numbers_come_from_a_leading_ordinal() {
        assert_eq!(
            leading_ordinal("12th Meeting of the Working Group"),
            Some(12)
        );
        assert_eq!(leading_ordinal("5th Meeting of the CCM"), Some(5));
        assert_eq!(leading_ordinal("5e réunion du Comité"), Some(5));
        assert_eq!(leading_ordinal("1st session"), Some(1));
        assert_eq!(leading_ordinal("2026 session"), None);
        assert_eq!(leading_ordinal("Twelfth meeting"), None);
        assert_eq!(leading_ordinal(""), None);
        assert_eq!(leading_ordinal("99999999999th"), None);
    }
}
