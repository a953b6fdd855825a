//! What the next meeting starts from (`scribe new --from PREVIOUS`, `scribe new --series S`):
//! the setup of the meeting or template it follows, its series, a title numbered on, and the
//! action points still open — of the series, and of the meeting it follows (which may be of no
//! series, or outside the archive) — carried in with their first origin. Reads nothing: the
//! caller has read the meeting it starts from and the archive.

use std::path::Path;

use super::actions::{Sighting, follow, to_carry};
use super::catalog::{Catalog, id_of};
use super::extract::Extract;
use super::template::{new_title, was_held};
use crate::meeting::setup::Plan;
use crate::meeting::{Meeting, Stamped};

/// The plan of a new meeting that follows `from` (the path and events of the meeting or
/// template it starts from, if any) in the archive `catalog`, of `series` when given (else
/// the series of `from`). `counts_on`: the new meeting is the next of its series, so a held
/// meeting's title is numbered on ("12th" → "13th"); a template's `{nth}` is always filled.
pub fn plan(
    catalog: &Catalog,
    from: Option<(&Path, &[Stamped])>,
    series: Option<&str>,
    counts_on: bool,
) -> Plan {
    let mut plan = Plan::default();
    if let Some((_, events)) = from {
        plan.template = Meeting::fold(events);
    }
    let series = series.map_or_else(|| plan.template.meta.series.clone(), str::to_string);
    if series != plan.template.meta.series {
        plan.series = Some(series.clone());
    }
    let previous = catalog.newest_of(&series);
    plan.title = new_title(
        &plan.template,
        previous.map(|m| m.title()),
        catalog.count_of(&series),
        counts_on,
    );
    // The meeting followed, when it was held: its own open action points count too, and
    // it is read here if the archive does not have it.
    let held = from.filter(|_| was_held(&plan.template));
    let outside = held
        .filter(|(path, _)| catalog.by_path(path).is_none())
        .and_then(|(path, events)| {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let first = events.first().map(|e| e.at);
            Extract::of(&name, Default::default(), &plan.template, first, Vec::new())
                .summary
                .ok()
                .map(|summary| (id_of(path), summary))
        });
    let mut sightings = catalog.sightings();
    if let Some((id, summary)) = &outside {
        sightings.insert(0, Sighting { id, summary });
    }
    let previous_id = held.map(|(path, _)| id_of(path));
    plan.carried = to_carry(&follow(&sightings), &series, previous_id.as_deref());
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::Archive;
    use crate::meeting::{ActionRecorded, AttendeeAdded, Event, Id, Owner};

    fn at(day: u32) -> crate::meeting::Timestamp {
        crate::testkit::moment(&format!("2026-03-{day:02}T10:00:00+01:00"))
    }

    /// A held meeting titled `title` with one open action for Norway.
    fn held(day: u32, title: &str, series: &str) -> Vec<Stamped> {
        let events = vec![
            Event::TitleSet {
                title: title.into(),
            },
            Event::SeriesSet {
                series: series.into(),
            },
            Event::AttendeeAdded(Box::new(AttendeeAdded {
                name: "Norway".into(),
                capacity: None,
                label: None,
                aliases: vec![],
                group: None,
            })),
            Event::ItemAdded {
                title: "Budget".into(),
                planned: None,
            },
            Event::ItemTakenUp { item: Id(3) },
            Event::ActionRecorded(Box::new(ActionRecorded {
                owner: Owner::Attendee(Id(2)),
                also: vec![],
                text: format!("Report on the {title}").into(),
                due: None,
            })),
        ];
        events
            .into_iter()
            .map(|event| Stamped { at: at(day), event })
            .collect()
    }

    #[test]
    fn the_next_meeting_of_a_series_and_a_meeting_followed_from_elsewhere() {
        let data = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        crate::store::save(&data.path().join("b1.ron"), &held(1, "1st Board", "Board")).unwrap();
        crate::store::save(&data.path().join("b2.ron"), &held(8, "2nd Board", "Board")).unwrap();
        let catalog = Archive::new(data.path(), None)
            .load(&mut |_, _| {})
            .unwrap();

        // The next of the series: numbered on, both open actions carried, oldest first.
        let b2 = crate::store::load(&data.path().join("b2.ron")).unwrap();
        let next = plan(
            &catalog,
            Some((&data.path().join("b2.ron"), &b2)),
            None,
            true,
        );
        assert_eq!(next.title.as_deref(), Some("3rd Board"));
        let origins: Vec<&str> = next
            .carried
            .iter()
            .map(|c| c.origin.meeting.as_str())
            .collect();
        assert_eq!(origins, ["b1", "b2"]);
        assert_eq!(next.series, None, "the series comes with the setup");

        // Copied with --from: the title stays.
        let copied = plan(
            &catalog,
            Some((&data.path().join("b2.ron"), &b2)),
            None,
            false,
        );
        assert_eq!(copied.title, None);

        // A meeting of no series, outside the archive: its own open action is carried, and
        // the new meeting joins the series it is given.
        let retreat = elsewhere.path().join("retreat.ron");
        let events = held(9, "Retreat", "");
        let next = plan(&catalog, Some((&retreat, &events)), Some("Board"), false);
        assert_eq!(next.series.as_deref(), Some("Board"));
        let origins: Vec<&str> = next
            .carried
            .iter()
            .map(|c| c.origin.meeting.as_str())
            .collect();
        assert_eq!(origins, ["b1", "b2", "retreat"]);
    }
}
