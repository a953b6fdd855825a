//! Finding an attendee from what the note-taker typed: case-insensitive, by exact name, label
//! or alias first, then by unique prefix of a name or alias. The chair is also found by their
//! capacity ("President") and by the word "chair", as the minutes call them. Also the
//! candidates for Tab completion and for the fuzzy picker.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use thiserror::Error;

use crate::meeting::{Attendee, Id, Meeting, Roster};

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum NameError {
    #[error("no one called '{0}' on the roster (add them with /attendee)")]
    Unknown(String),
    #[error("'{typed}' could be {}", .candidates.join(", "))]
    Ambiguous {
        typed: String,
        candidates: Vec<String>,
    },
}

/// Finds the one attendee `typed` names.
pub fn resolve(meeting: &Meeting, typed: &str) -> Result<Id, NameError> {
    let roster = &meeting.roster;
    let wanted = typed.trim().to_lowercase();
    if wanted.is_empty() {
        return Err(NameError::Unknown(String::new()));
    }
    let exact = matching(roster, |a| {
        names_of(meeting, a).any(|n| n.to_lowercase() == wanted)
            || a.label.as_ref().is_some_and(|l| l.to_lowercase() == wanted)
            || (meeting.chair == Some(a.id) && wanted == "chair")
    });
    let found = if exact.is_empty() {
        matching(roster, |a| {
            names_of(meeting, a).any(|n| n.to_lowercase().starts_with(&wanted))
        })
    } else {
        exact
    };
    match found.as_slice() {
        [one] => Ok(one.id),
        [] => Err(NameError::Unknown(typed.trim().to_string())),
        many => Err(NameError::Ambiguous {
            typed: typed.trim().to_string(),
            candidates: many.iter().map(|a| a.name.clone()).collect(),
        }),
    }
}

/// What Tab offers for `prefix` (case-insensitive), in roster order: the names of attendees
/// whose name or alias starts with it, and the chair's capacity when that does.
pub fn completions(meeting: &Meeting, prefix: &str) -> Vec<String> {
    let wanted = prefix.to_lowercase();
    let mut found = Vec::new();
    for a in meeting.roster.iter() {
        if let Some(n) = names_of(meeting, a).find(|n| n.to_lowercase().starts_with(&wanted)) {
            // The attendee's own name, unless only the chair's capacity matched.
            let own = std::iter::once(a.name.as_str())
                .chain(a.aliases.iter().map(String::as_str))
                .any(|x| x.to_lowercase().starts_with(&wanted));
            found.push(if own { a.name.clone() } else { n.to_string() });
        }
    }
    found
}

/// Attendees that fuzzily match `query`, best first (all of them, in roster order, for an
/// empty query): what the picker lists.
pub fn fuzzy(meeting: &Meeting, query: &str) -> Vec<Id> {
    let roster = &meeting.roster;
    if query.trim().is_empty() {
        return roster.iter().map(|a| a.id).collect();
    }
    let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buf = Vec::new();
    let mut scored: Vec<(u32, usize, Id)> = roster
        .iter()
        .enumerate()
        .filter_map(|(order, a)| {
            let best = searchable(meeting, a)
                .filter_map(|text| pattern.score(Utf32Str::new(text, &mut buf), &mut matcher))
                .max()?;
            Some((best, order, a.id))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, _, id)| id).collect()
}

/// The names an attendee answers to: their name, their aliases and, for the chair, their
/// capacity.
fn names_of<'a>(meeting: &Meeting, a: &'a Attendee) -> impl Iterator<Item = &'a str> {
    let capacity = a
        .capacity
        .as_deref()
        .filter(|_| meeting.chair == Some(a.id));
    std::iter::once(a.name.as_str())
        .chain(a.aliases.iter().map(String::as_str))
        .chain(capacity)
}

fn searchable<'a>(meeting: &Meeting, a: &'a Attendee) -> impl Iterator<Item = &'a str> {
    names_of(meeting, a).chain(a.label.as_deref())
}

fn matching(roster: &Roster, keep: impl Fn(&Attendee) -> bool) -> Vec<&Attendee> {
    roster.iter().filter(|a| keep(a)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::{Event, Log, Stamped};

    /// Seven attendees; Norway chairs as President.
    fn roster() -> Log {
        let at = crate::testkit::t0();
        let add = |name: &str, label: Option<&str>, aliases: &[&str]| Stamped {
            at,
            event: Event::AttendeeAdded {
                name: name.into(),
                capacity: (name == "Norway").then(|| "President".to_string()),
                label: label.map(Into::into),
                aliases: aliases.iter().map(|a| a.to_string()).collect(),
            },
        };
        Log::new(vec![
            add("Germany", Some("Coord. Stock. Destruct."), &[]),
            add("Croatia", Some("Coord. Stock. Destruct."), &[]),
            add("Norway", None, &[]),
            add("New Zealand", None, &["NZ"]),
            add("Bosnia and Herzegovina", None, &["BiH"]),
            add("UNDP", Some("Exec. Coord"), &[]),
            add("UNODA", None, &[]),
            Stamped {
                at,
                event: Event::ChairSet { attendee: Id(2) },
            },
        ])
    }

    fn name(log: &Log, typed: &str) -> Result<String, NameError> {
        resolve(log.meeting(), typed).map(|id| log.meeting().roster.name(id).to_string())
    }

    #[test]
    fn exact_prefix_and_alias() {
        let log = roster();
        assert_eq!(name(&log, "germany").as_deref(), Ok("Germany"));
        assert_eq!(name(&log, "CRO").as_deref(), Ok("Croatia"));
        assert_eq!(name(&log, "nz").as_deref(), Ok("New Zealand"));
        assert_eq!(name(&log, "bih").as_deref(), Ok("Bosnia and Herzegovina"));
        assert_eq!(name(&log, "exec. coord").as_deref(), Ok("UNDP"));
        // An exact name wins over being the prefix of another.
        assert_eq!(name(&log, "undp").as_deref(), Ok("UNDP"));
        // The chair answers to their capacity and to "chair".
        assert_eq!(name(&log, "President").as_deref(), Ok("Norway"));
        assert_eq!(name(&log, "pres").as_deref(), Ok("Norway"));
        assert_eq!(name(&log, "Chair").as_deref(), Ok("Norway"));
    }

    #[test]
    fn ambiguous_and_unknown() {
        let log = roster();
        assert_eq!(
            name(&log, "n"),
            Err(NameError::Ambiguous {
                typed: "n".into(),
                candidates: vec!["Norway".into(), "New Zealand".into()]
            })
        );
        assert!(matches!(
            name(&log, "Coord. Stock. Destruct."),
            Err(NameError::Ambiguous { .. })
        ));
        assert_eq!(
            name(&log, "France"),
            Err(NameError::Unknown("France".into()))
        );
        assert!(name(&log, "  ").is_err());
    }

    #[test]
    fn completion_and_fuzzy() {
        let log = roster();
        let meeting = log.meeting();
        assert_eq!(completions(meeting, "n"), vec!["Norway", "New Zealand"]);
        assert_eq!(completions(meeting, "un"), vec!["UNDP", "UNODA"]);
        assert_eq!(completions(meeting, "pre"), vec!["President"]);
        let first = fuzzy(meeting, "nzl");
        assert_eq!(meeting.roster.name(first[0]), "New Zealand");
        assert_eq!(fuzzy(meeting, "").len(), 7);
        assert!(fuzzy(meeting, "qqq").is_empty());
    }
}
