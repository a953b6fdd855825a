//! A meeting's setup (title, place, series, language, roster, chair, agenda) as events for a new
//! meeting: what `scribe new --from TEMPLATE.ron` starts from, with what the command line adds
//! (a series, a roster from a spreadsheet, an agenda from a list) and, for a meeting of a
//! series, the action points still open, carried in under a first item that reviews them.
//! Ids in the new log differ from the template's, so the chair is found again by name.
//!
//! Pure: what to carry and from where is decided by the caller (the archive); this only turns
//! it into events.

use chrono::NaiveDate;

use super::entry::Origin;
use super::event::{ActionCarried, AttendeeAdded, Event, Id};
use super::state::Meeting;

/// The first item of a meeting that carries action points.
pub const REVIEW_ITEM: &str = "Review of action points";

/// Someone for the roster of a new meeting.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Newcomer {
    pub name: String,
    pub capacity: Option<String>,
    pub label: Option<String>,
    pub aliases: Vec<String>,
    pub group: Option<String>,
}

/// An item for the agenda of a new meeting, with the time planned for it in seconds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlannedItem {
    pub title: String,
    pub planned: Option<u32>,
}

/// An action point still open from an earlier meeting, to carry into the new one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Carry {
    /// Where it was first agreed.
    pub origin: Origin,
    /// Its owners, by name.
    pub owners: Vec<String>,
    pub text: String,
    pub due: Option<NaiveDate>,
}

/// What a new meeting starts from.
#[derive(Clone, Debug, Default)]
pub struct Plan {
    /// The meeting (or template) whose setup is copied; an empty one for none.
    pub template: Meeting,
    /// The title, instead of the template's.
    pub title: Option<String>,
    /// The series, instead of the template's.
    pub series: Option<String>,
    /// The roster, instead of the template's (the chair stays if someone of that name is on
    /// it).
    pub roster: Option<Vec<Newcomer>>,
    /// The agenda, instead of the template's.
    pub agenda: Option<Vec<PlannedItem>>,
    /// Open action points to carry, in the order they are to be numbered.
    pub carried: Vec<Carry>,
}

/// The events that set up a new meeting like `template`, in order.
pub fn setup_events(template: &Meeting) -> Vec<Event> {
    Plan {
        template: template.clone(),
        ..Plan::default()
    }
    .events()
}

/// Is this the item that reviews action points (case and accents aside)?
pub(crate) fn is_review(title: &str) -> bool {
    crate::command::names::fold(title) == crate::command::names::fold(REVIEW_ITEM)
}

impl Plan {
    /// The template's roster as newcomers.
    fn template_roster(&self) -> Vec<Newcomer> {
        self.template
            .roster
            .iter()
            .map(|a| Newcomer {
                name: a.name.clone(),
                capacity: a.capacity.clone(),
                label: a.label.clone(),
                aliases: a.aliases.clone(),
                group: a.group.clone(),
            })
            .collect()
    }

    /// The template's agenda as planned items.
    fn template_agenda(&self) -> Vec<PlannedItem> {
        self.template
            .agenda
            .items()
            .iter()
            .map(|item| PlannedItem {
                title: item.title.clone(),
                planned: item
                    .planned
                    .map(|d| u32::try_from(d.as_secs()).unwrap_or(u32::MAX)),
            })
            .collect()
    }

    /// The events that set the new meeting up, in order: title block, roster, chair, agenda
    /// (the review of action points first when some are carried), then the carried actions.
    pub fn events(&self) -> Vec<Event> {
        let mut events = Vec::new();
        let meta = &self.template.meta;
        let title = self.title.as_ref().unwrap_or(&meta.title);
        if !title.is_empty() {
            events.push(Event::TitleSet {
                title: title.clone(),
            });
        }
        if !meta.subtitle.is_empty() {
            events.push(Event::SubtitleSet {
                subtitle: meta.subtitle.clone(),
            });
        }
        if let Some(time) = meta.time {
            events.push(Event::TimeSet { time });
        }
        if !meta.place.is_empty() {
            events.push(Event::PlaceSet {
                place: meta.place.clone(),
            });
        }
        let series = self.series.as_ref().unwrap_or(&meta.series);
        if !series.is_empty() {
            events.push(Event::SeriesSet {
                series: series.clone(),
            });
        }
        if let Some(language) = &meta.language {
            events.push(Event::LanguageSet {
                language: language.clone(),
            });
        }
        let chair_name = self
            .template
            .chair
            .and_then(|id| self.template.roster.get(id))
            .map(|a| a.name.clone());
        let roster = self
            .roster
            .clone()
            .unwrap_or_else(|| self.template_roster());
        let mut chair = None;
        for person in roster {
            if chair.is_none() && chair_name.as_deref() == Some(person.name.as_str()) {
                chair = Some(Id(events.len() as u32));
            }
            events.push(Event::AttendeeAdded(Box::new(AttendeeAdded {
                name: person.name,
                capacity: person.capacity,
                label: person.label,
                aliases: person.aliases,
                group: person.group,
            })));
        }
        if let Some(attendee) = chair {
            events.push(Event::ChairSet { attendee });
        }
        let agenda = self
            .agenda
            .clone()
            .unwrap_or_else(|| self.template_agenda());
        if !self.carried.is_empty() && !agenda.iter().any(|i| is_review(&i.title)) {
            events.push(Event::ItemAdded {
                title: REVIEW_ITEM.to_string(),
                planned: None,
            });
        }
        for item in agenda {
            events.push(Event::ItemAdded {
                title: item.title,
                planned: item.planned,
            });
        }
        for carry in &self.carried {
            events.push(Event::ActionCarried(Box::new(ActionCarried {
                origin: carry.origin.clone(),
                owners: carry.owners.clone(),
                text: carry.text.as_str().into(),
                due: carry.due,
            })));
        }
        events
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::{ActionEntry, EntryKind, Owner, Stamped};

    fn fold(events: Vec<Event>) -> Meeting {
        let at = crate::testkit::moment("2026-03-12T10:00:00+01:00");
        let stamped: Vec<Stamped> = events
            .into_iter()
            .map(|event| Stamped { at, event })
            .collect();
        Meeting::fold(&stamped)
    }

    fn template() -> Meeting {
        fold(vec![
            Event::TitleSet {
                title: "Board".into(),
            },
            Event::PlaceSet {
                place: "Geneva".into(),
            },
            Event::AttendeeAdded(Box::new(AttendeeAdded {
                name: "Lebanon".into(),
                capacity: Some("President".into()),
                label: None,
                aliases: vec![],
                group: None,
            })),
            Event::AttendeeAdded(Box::new(AttendeeAdded {
                name: "Norway".into(),
                capacity: None,
                label: None,
                aliases: vec!["NO".into()],
                group: None,
            })),
            Event::ChairSet { attendee: Id(2) },
            Event::ItemAdded {
                title: "Budget".into(),
                planned: Some(1200),
            },
        ])
    }

    #[test]
    fn a_template_is_set_up_again_as_it_was() {
        let copy = fold(setup_events(&template()));
        let original = template();
        assert_eq!(copy.meta, original.meta);
        assert_eq!(copy.roster.len(), 2);
        assert_eq!(copy.roster.name(copy.chair.unwrap()), "Lebanon");
        assert_eq!(copy.agenda.items()[0].title, "Budget");
        assert_eq!(
            copy.agenda.items()[0].planned,
            Some(std::time::Duration::from_secs(1200))
        );
    }

    #[test]
    fn carried_actions_come_under_a_first_review_item_numbered_first() {
        let plan = Plan {
            template: template(),
            series: Some("Board".into()),
            roster: Some(vec![
                Newcomer {
                    name: "Lebanon".into(),
                    ..Newcomer::default()
                },
                Newcomer {
                    name: "Chile".into(),
                    ..Newcomer::default()
                },
            ]),
            carried: vec![Carry {
                origin: Origin {
                    meeting: "2026-03-01-1000".into(),
                    number: 2,
                },
                owners: vec!["Chile".into(), "All coordinators".into()],
                text: "Send the letters".into(),
                due: None,
            }],
            ..Plan::default()
        };
        let m = fold(plan.events());
        assert_eq!(m.meta.series, "Board");
        let titles: Vec<&str> = m.agenda.items().iter().map(|i| i.title.as_str()).collect();
        assert_eq!(titles, [REVIEW_ITEM, "Budget"]);
        assert_eq!(
            m.roster.name(m.chair.unwrap()),
            "Lebanon",
            "the chair stays"
        );
        let carried = m.action(1).unwrap();
        assert_eq!(
            carried.item,
            Some(m.agenda.items()[0].id),
            "set up before any item is taken up, it is minuted under the review of action points"
        );
        match &carried.kind {
            EntryKind::Action(action) => {
                let ActionEntry {
                    owners, carried, ..
                } = &**action;
                assert!(matches!(owners[0], Owner::Attendee(_)));
                assert_eq!(owners[1], Owner::Named("All coordinators".into()));
                assert_eq!(carried.as_ref().unwrap().number, 2);
            }
            other => panic!("{other:?}"),
        }
    }
}
