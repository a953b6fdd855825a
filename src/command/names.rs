//! Finding an attendee from what the note-taker typed, the way people type names: without
//! regard to case or accents ("cote" is Côte d'Ivoire), by any word of the name ("ivo", like a
//! surname), by label, alias or capacity. Also the candidates for Tab completion and for the
//! fuzzy picker, and the near miss behind a mistyped `Germny:`.
//!
//! Resolution goes in tiers, and the first tier that finds anyone decides (several found there
//! is an ambiguity that lists them):
//! 1. the whole of a name, an alias, a label or a capacity (the chair also answers to "chair");
//! 2. the start of a name or an alias (the chair's capacity counts as one of their names);
//! 3. the start of any word of a name or an alias;
//! 4. the start of a label or of a capacity.
//!
//! Tiers 3 and 4 need at least three letters: one or two are too loose to mean a name
//! ("Re:" is not the Czech Republic).

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use thiserror::Error;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::meeting::{Attendee, Id, Meeting};

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

/// Text as names are compared: lower case, accents taken off, typographic apostrophes plain.
pub fn fold(text: &str) -> String {
    text.nfkd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| {
            if matches!(c, '’' | '‘' | 'ʼ') {
                '\''
            } else {
                c
            }
        })
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .trim()
        .to_string()
}

/// The words of a folded name: split at spaces, apostrophes, hyphens and other punctuation.
fn words(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// What an attendee answers to, folded.
struct Names {
    id: Id,
    /// Name and aliases (and the chair's capacity).
    names: Vec<String>,
    /// Label and capacity.
    others: Vec<String>,
    chair: bool,
}

fn names(meeting: &Meeting, a: &Attendee) -> Names {
    let chair = meeting.chair == Some(a.id);
    let mut names: Vec<String> = std::iter::once(&a.name)
        .chain(&a.aliases)
        .map(|n| fold(n))
        .collect();
    let mut others: Vec<String> = a.label.iter().map(|l| fold(l)).collect();
    if let Some(capacity) = &a.capacity {
        if chair {
            names.push(fold(capacity));
        } else {
            others.push(fold(capacity));
        }
    }
    Names {
        id: a.id,
        names,
        others,
        chair,
    }
}

/// Does `typed` name attendee `id` whole (a name, alias, label or capacity, or "chair" for the
/// chair), rather than as the start of one?
pub fn names_whole(meeting: &Meeting, typed: &str, id: Id) -> bool {
    let wanted = fold(typed);
    meeting.roster.get(id).is_some_and(|a| {
        let n = names(meeting, a);
        n.names.iter().chain(&n.others).any(|x| *x == wanted) || (n.chair && wanted == "chair")
    })
}

/// Finds the one attendee `typed` names.
pub fn resolve(meeting: &Meeting, typed: &str) -> Result<Id, NameError> {
    let wanted = fold(typed);
    let shown = typed.trim().to_string();
    if wanted.is_empty() {
        return Err(NameError::Unknown(shown));
    }
    let roster: Vec<Names> = meeting.roster.iter().map(|a| names(meeting, a)).collect();
    let tiers: [&dyn Fn(&Names) -> bool; 4] = [
        &|n| {
            n.names.iter().chain(&n.others).any(|x| *x == wanted) || (n.chair && wanted == "chair")
        },
        &|n| n.names.iter().any(|x| x.starts_with(&wanted)),
        &|n| {
            n.names
                .iter()
                .any(|x| words(x).any(|w| w.starts_with(&wanted)))
        },
        &|n| n.others.iter().any(|x| x.starts_with(&wanted)),
    ];
    let loose_allowed = wanted.chars().count() >= 3;
    for (n, tier) in tiers.into_iter().enumerate() {
        if n >= 2 && !loose_allowed {
            break;
        }
        let found: Vec<Id> = roster.iter().filter(|n| tier(n)).map(|n| n.id).collect();
        match found.as_slice() {
            [] => continue,
            [one] => return Ok(*one),
            many => {
                return Err(NameError::Ambiguous {
                    typed: shown,
                    candidates: many
                        .iter()
                        .map(|id| meeting.roster.name(*id).to_string())
                        .collect(),
                });
            }
        }
    }
    Err(NameError::Unknown(shown))
}

/// The attendee `typed` is probably a slip for (one or two letters off a name, an alias, a
/// label or the chair's capacity), when there is exactly one such attendee and `typed` does
/// not name anyone as it is.
pub fn near_miss(meeting: &Meeting, typed: &str) -> Option<Id> {
    let wanted = fold(typed);
    let length = wanted.chars().count();
    if length < 3 || resolve(meeting, typed).is_ok() {
        return None;
    }
    let allowed = if length <= 5 { 1 } else { 2 };
    let mut best: Option<(usize, Id)> = None;
    let mut tie = false;
    for n in meeting.roster.iter().map(|a| names(meeting, a)) {
        let distance = n
            .names
            .iter()
            .chain(&n.others)
            .map(|x| strsim::damerau_levenshtein(&wanted, x))
            .min()
            .unwrap_or(usize::MAX);
        if distance > allowed {
            continue;
        }
        match best {
            Some((d, _)) if distance > d => {}
            Some((d, _)) if distance == d => tie = true,
            _ => {
                best = Some((distance, n.id));
                tie = false;
            }
        }
    }
    best.filter(|_| !tie).map(|(_, id)| id)
}

/// What Tab offers for `prefix`, in roster order: the names of attendees whose name or alias
/// (or a word of one) starts with it, and the chair's capacity when that does.
pub fn completions(meeting: &Meeting, prefix: &str) -> Vec<String> {
    let wanted = fold(prefix);
    let mut found = Vec::new();
    for a in meeting.roster.iter() {
        let n = names(meeting, a);
        let starts =
            |x: &String| x.starts_with(&wanted) || words(x).any(|w| w.starts_with(&wanted));
        // The attendee's own name, unless only the chair's capacity matched.
        let own = n.names.iter().take(1 + a.aliases.len()).any(starts);
        if own {
            found.push(a.name.clone());
        } else if n.chair
            && let Some(capacity) = &a.capacity
            && starts(&fold(capacity))
        {
            found.push(capacity.clone());
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
            let chair_capacity = a
                .capacity
                .as_deref()
                .filter(|_| meeting.chair == Some(a.id));
            let best = std::iter::once(a.name.as_str())
                .chain(a.aliases.iter().map(String::as_str))
                .chain(chair_capacity)
                .chain(a.label.as_deref())
                .filter_map(|text| pattern.score(Utf32Str::new(text, &mut buf), &mut matcher))
                .max()?;
            Some((best, order, a.id))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, _, id)| id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::MeetingBuilder;

    /// Nine attendees; Norway chairs as President.
    fn roster() -> Meeting {
        let mut b = MeetingBuilder::new();
        b.attendee_as("Germany", None, Some("Coord. Stock. Destruct."));
        b.attendee_as("Croatia", None, Some("Coord. Stock. Destruct."));
        let norway = b.attendee_as("Norway", Some("President"), None);
        b.type_line("/attendee New Zealand | | | NZ").unwrap();
        b.type_line("/attendee Bosnia and Herzegovina | | | BiH")
            .unwrap();
        b.attendee_as("UNDP", None, Some("Exec. Coord"));
        b.attendee("UNODA");
        b.attendee("Côte d'Ivoire");
        b.attendee_as("Mexico", Some("Cooperation and Assistance in 2012"), None);
        b.chair(norway);
        b.meeting()
    }

    fn name(meeting: &Meeting, typed: &str) -> Result<String, NameError> {
        resolve(meeting, typed).map(|id| meeting.roster.name(id).to_string())
    }

    #[test]
    fn exact_prefix_and_alias() {
        let m = roster();
        assert_eq!(name(&m, "germany").as_deref(), Ok("Germany"));
        assert_eq!(name(&m, "CRO").as_deref(), Ok("Croatia"));
        assert_eq!(name(&m, "nz").as_deref(), Ok("New Zealand"));
        assert_eq!(name(&m, "bih").as_deref(), Ok("Bosnia and Herzegovina"));
        assert_eq!(name(&m, "exec. coord").as_deref(), Ok("UNDP"));
        // An exact name wins over being the prefix of another.
        assert_eq!(name(&m, "undp").as_deref(), Ok("UNDP"));
        // The chair answers to their capacity and to "chair".
        assert_eq!(name(&m, "President").as_deref(), Ok("Norway"));
        assert_eq!(name(&m, "pres").as_deref(), Ok("Norway"));
        assert_eq!(name(&m, "Chair").as_deref(), Ok("Norway"));
    }

    #[test]
    fn names_are_found_the_way_people_type_them() {
        let m = roster();
        // Without accents, by any word of the name, and by part of a label or a capacity.
        assert_eq!(name(&m, "cote").as_deref(), Ok("Côte d'Ivoire"));
        assert_eq!(name(&m, "ivo").as_deref(), Ok("Côte d'Ivoire"));
        assert_eq!(name(&m, "Côte d’Ivoire").as_deref(), Ok("Côte d'Ivoire"));
        assert_eq!(name(&m, "herz").as_deref(), Ok("Bosnia and Herzegovina"));
        assert_eq!(name(&m, "zealand").as_deref(), Ok("New Zealand"));
        assert_eq!(name(&m, "exec").as_deref(), Ok("UNDP"));
        assert_eq!(name(&m, "cooperation").as_deref(), Ok("Mexico"));
        assert_eq!(
            name(&m, "Cooperation and Assistance in 2012").as_deref(),
            Ok("Mexico")
        );
    }

    #[test]
    fn ambiguous_and_unknown() {
        let m = roster();
        assert_eq!(
            name(&m, "n"),
            Err(NameError::Ambiguous {
                typed: "n".into(),
                candidates: vec!["Norway".into(), "New Zealand".into()]
            })
        );
        assert!(matches!(
            name(&m, "Coord. Stock. Destruct."),
            Err(NameError::Ambiguous { .. })
        ));
        assert_eq!(name(&m, "France"), Err(NameError::Unknown("France".into())));
        assert!(name(&m, "  ").is_err());
    }

    #[test]
    fn a_slip_of_a_letter_or_two_is_a_near_miss() {
        let m = roster();
        let near = |typed: &str| near_miss(&m, typed).map(|id| m.roster.name(id).to_string());
        assert_eq!(near("Germny").as_deref(), Some("Germany"));
        assert_eq!(near("Croaita").as_deref(), Some("Croatia"));
        assert_eq!(near("Mexcio").as_deref(), Some("Mexico"));
        // Names that resolve, words that resemble nobody, and slips too short to tell.
        assert_eq!(near("Germany"), None);
        assert_eq!(near("Note"), None);
        assert_eq!(near("Re"), None);
        assert_eq!(near("Question"), None);
    }

    #[test]
    fn completion_and_fuzzy() {
        let m = roster();
        assert_eq!(completions(&m, "n"), vec!["Norway", "New Zealand"]);
        assert_eq!(completions(&m, "un"), vec!["UNDP", "UNODA"]);
        assert_eq!(completions(&m, "pre"), vec!["President"]);
        assert_eq!(completions(&m, "cot"), vec!["Côte d'Ivoire"]);
        let first = fuzzy(&m, "nzl");
        assert_eq!(m.roster.name(first[0]), "New Zealand");
        assert_eq!(fuzzy(&m, "").len(), 9);
        assert!(fuzzy(&m, "qqq").is_empty());
    }
}
