//! What the minutes take from the meeting, one function per datum, so that the export reads
//! the domain in one place. Several of these the meeting does not record yet (attendance
//! groups and times, the minute-taker, the document's symbol and status, struck entries, the
//! label a statement was recorded under, request kinds, several owners and a status per action,
//! motions): until it does, they come from the export [`Options`] or are empty, and each says
//! which domain datum should fill it. Nothing here formats or escapes: that is
//! [`super::model`]'s job.

use chrono::NaiveDate;

use super::Options;
use super::model::{ActionStatus, DocStatus, Motion, StatementKind};
use crate::meeting::{Attendee, Entry, EntryKind, Id, Meeting, Timestamp};

/// The document symbol ("WG.12/2026/1"): `--symbol`; later the meeting's `/symbol`, which the
/// option overrides.
pub fn symbol(_meeting: &Meeting, options: &Options) -> Option<String> {
    options.symbol.clone()
}

/// Draft or final: `--status`; later the meeting's `/status`, which the option overrides.
pub fn status(_meeting: &Meeting, options: &Options) -> Option<DocStatus> {
    options.status
}

/// The language of the minutes: `--lang`; later the meeting's default language.
pub fn language(_meeting: &Meeting, options: &Options) -> String {
    options
        .language
        .clone()
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
/// "secretariat" or the roster's own name for it); `None` for the ungrouped list. Waits for
/// the roster's groups.
pub fn attendee_group(_meeting: &Meeting, _attendee: &Attendee) -> Option<String> {
    None
}

/// When an attendee joined after the start (`/joined`). Waits for attendance over time.
pub fn joined(_meeting: &Meeting, _attendee: &Attendee) -> Option<Timestamp> {
    None
}

/// When an attendee left before the end (`/left`). Waits for attendance over time.
pub fn left(_meeting: &Meeting, _attendee: &Attendee) -> Option<Timestamp> {
    None
}

/// Apologies for absence, as recorded.
pub fn regrets(meeting: &Meeting) -> &[String] {
    &meeting.regrets
}

/// Who took the minutes ("Prepared by"): `--prepared-by`; later the meeting's `/scribe`.
pub fn minute_takers(_meeting: &Meeting, options: &Options) -> Vec<String> {
    options.prepared_by.clone()
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
/// Waits for strikes.
pub fn is_struck(_entry: &Entry) -> bool {
    false
}

/// The label a statement is printed under. It should be the label *as it was when the
/// statement was recorded* (the chair at that time); until the entry keeps it, today's.
pub fn speaker_label(meeting: &Meeting, _entry: &Entry, speaker: Id) -> String {
    meeting.speaker_label(speaker)
}

/// The kind of request a statement answered (point of order, question, reply); `None` for a
/// plain statement. Waits for request kinds on entries.
pub fn statement_kind(_entry: &Entry) -> Option<StatementKind> {
    None
}

/// The owners of an action, in the order given. Today one owner.
pub fn action_owners(meeting: &Meeting, entry: &Entry) -> Vec<String> {
    match &entry.kind {
        EntryKind::Action { owner, .. } => vec![meeting.owner_name(owner)],
        _ => Vec::new(),
    }
}

/// Whether an action is open or done (`/done N`). Until the meeting records it, open: the
/// state of every action when the minutes are taken.
pub fn action_status(_meeting: &Meeting, _entry: &Entry) -> ActionStatus {
    ActionStatus::Open
}

/// The motion a decision carried, with its mover, seconder, vote and outcome. Waits for
/// motions.
pub fn motion(_meeting: &Meeting, _entry: &Entry) -> Option<Motion> {
    None
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
