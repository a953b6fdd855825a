//! Action points across meetings. An action point is agreed in one meeting (its origin: that
//! meeting's id and the action's number there); while it stays open, each later meeting of the
//! series carries it (`Event::ActionCarried`, with the same origin), and it is done once it is
//! marked done in its meeting or in any meeting it was carried into. This follows every action
//! point of the archive through those meetings: who owns it, when it is due, where it was
//! agreed, carried and done.
//!
//! A carried copy that names an origin which was itself a carried copy (a file from an older
//! scribe, or one edited by hand) is followed back to the first origin. An action struck from
//! the minutes does not count. Owners, text and due date are the latest the meetings say.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::catalog::{Catalog, Filter};
use super::extract::Summary;
use super::fold::fold;
use crate::meeting::Origin;
use crate::meeting::Timestamp;
use crate::meeting::setup::Carry;

/// One meeting as the follower of action points sees it.
#[derive(Clone, Copy, Debug)]
pub struct Sighting<'a> {
    /// The meeting's id (its file's stem).
    pub id: &'a str,
    pub summary: &'a Summary,
}

/// Where and when an action point was marked done.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Done {
    pub at: Timestamp,
    /// The id of the meeting it was marked done in.
    pub meeting: String,
}

/// An action point, followed through every meeting that has it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActionPoint {
    /// Where it was first agreed.
    pub origin: Origin,
    /// The title of the meeting it was agreed in (empty when that meeting is not in the
    /// archive).
    pub title: String,
    /// The date of the meeting it was agreed in (or first seen in).
    pub date: Option<NaiveDate>,
    /// The series of that meeting (or of a meeting it was carried into).
    pub series: String,
    /// The owners, as the latest meeting that has it names them.
    pub owners: Vec<String>,
    pub text: String,
    pub due: Option<NaiveDate>,
    pub done: Option<Done>,
    /// The ids of the meetings it was carried into, oldest first.
    pub carried_into: Vec<String>,
    /// Its position in the catalog order (newest meetings first), for sorting.
    order: usize,
}

impl ActionPoint {
    pub fn is_open(&self) -> bool {
        self.done.is_none()
    }

    /// Open and due before `today`.
    pub fn overdue(&self, today: NaiveDate) -> bool {
        self.is_open() && self.due.is_some_and(|due| due < today)
    }

    /// Has this point been in the meeting `id` (agreed or carried there)?
    pub fn seen_in(&self, id: &str) -> bool {
        self.origin.meeting == id || self.carried_into.iter().any(|m| m == id)
    }

    /// What a new meeting carries of it.
    pub fn carry(&self) -> Carry {
        Carry {
            origin: self.origin.clone(),
            owners: self.owners.clone(),
            text: self.text.clone(),
            due: self.due,
        }
    }
}

/// Follows the action points of `meetings`, given newest first (the catalog's order). Points
/// come out by the meeting they were agreed in, newest first, then by number.
pub fn follow(meetings: &[Sighting]) -> Vec<ActionPoint> {
    let mut points: Vec<ActionPoint> = Vec::new();
    let mut index: HashMap<Origin, usize> = HashMap::new();
    // A carried copy's own (meeting, number), to the first origin it stands for.
    let mut alias: HashMap<Origin, Origin> = HashMap::new();
    // Oldest first, so that a carried copy comes after what it carries.
    for (order, sighting) in meetings.iter().enumerate().rev() {
        let summary = sighting.summary;
        for action in summary.actions.iter().filter(|a| !a.struck) {
            let here = Origin {
                meeting: sighting.id.to_string(),
                number: action.number,
            };
            let origin = match &action.carried {
                Some(carried) => {
                    let mut origin = carried.clone();
                    // Followed back, at most as many steps as there are aliases.
                    for _ in 0..=alias.len() {
                        match alias.get(&origin) {
                            Some(first) if *first != origin => origin = first.clone(),
                            _ => break,
                        }
                    }
                    alias.insert(here, origin.clone());
                    origin
                }
                None => here,
            };
            let at = *index.entry(origin.clone()).or_insert_with(|| {
                points.push(ActionPoint {
                    origin: origin.clone(),
                    title: String::new(),
                    date: summary.date,
                    series: String::new(),
                    owners: Vec::new(),
                    text: String::new(),
                    due: None,
                    done: None,
                    carried_into: Vec::new(),
                    order,
                });
                points.len() - 1
            });
            let point = &mut points[at];
            if action.carried.is_some() {
                if !point.carried_into.iter().any(|m| m == sighting.id) {
                    point.carried_into.push(sighting.id.to_string());
                }
            } else {
                point.title = summary.title.clone();
                point.date = summary.date;
                point.order = order;
            }
            // The series of the meeting that agreed it, else of the first that carried it.
            if (point.series.is_empty() || action.carried.is_none()) && !summary.series.is_empty() {
                point.series = summary.series.clone();
            }
            point.owners = action.owners.clone();
            point.text = action.text.clone();
            point.due = action.due;
            if let Some(done) = action.done
                && point.done.is_none()
            {
                point.done = Some(Done {
                    at: done,
                    meeting: sighting.id.to_string(),
                });
            }
        }
    }
    points.sort_by(|a, b| {
        a.order
            .cmp(&b.order)
            .then(a.origin.meeting.cmp(&b.origin.meeting))
            .then(a.origin.number.cmp(&b.origin.number))
    });
    points
}

/// Which action points a list shows.
#[derive(Clone, Debug, Default)]
pub struct Wanted {
    /// Only those still open.
    pub open: bool,
    /// Owned by someone whose name contains this (case and accents aside).
    pub owner: Option<String>,
    /// Of this series.
    pub series: Option<String>,
}

impl Wanted {
    pub fn matches(&self, point: &ActionPoint) -> bool {
        let owner = self.owner.as_deref().map(fold).filter(|o| !o.is_empty());
        (!self.open || point.is_open())
            && owner.is_none_or(|o| point.owners.iter().any(|name| fold(name).contains(&o)))
            && Filter::series_matches(self.series.as_deref(), &point.series)
    }
}

impl Catalog {
    /// The meetings that can be read, newest first, as the follower of action points sees
    /// them.
    pub fn sightings(&self) -> Vec<Sighting<'_>> {
        self.meetings
            .iter()
            .filter_map(|m| {
                m.summary
                    .as_ref()
                    .ok()
                    .map(|summary| Sighting { id: &m.id, summary })
            })
            .collect()
    }

    /// Every action point of the archive, followed through its meetings.
    pub fn actions(&self) -> Vec<ActionPoint> {
        follow(&self.sightings())
    }
}

/// The action points a new meeting carries: those still open of `series` (when it has one),
/// and those still open that were agreed in or carried into the meeting `previous` (its id).
pub fn to_carry(points: &[ActionPoint], series: &str, previous: Option<&str>) -> Vec<Carry> {
    let series = fold(series);
    let mut open: Vec<&ActionPoint> = points
        .iter()
        .filter(|p| p.is_open())
        .filter(|p| {
            (!series.is_empty() && fold(&p.series) == series)
                || previous.is_some_and(|id| p.seen_in(id))
        })
        .collect();
    // Oldest meeting first, then by number: they are numbered in this order in the new
    // meeting.
    open.sort_by(|a, b| {
        b.order
            .cmp(&a.order)
            .then(a.origin.meeting.cmp(&b.origin.meeting))
            .then(a.origin.number.cmp(&b.origin.number))
    });
    open.into_iter().map(ActionPoint::carry).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::extract::Action;

    fn time(day: u32) -> Timestamp {
        crate::testkit::moment(&format!("2026-03-{day:02}T10:00:00+01:00"))
    }

    fn action(number: u32, carried: Option<(&str, u32)>, done: Option<u32>) -> Action {
        Action {
            number,
            carried: carried.map(|(meeting, number)| Origin {
                meeting: meeting.into(),
                number,
            }),
            owners: vec!["Norway".into()],
            text: format!("Task {number}"),
            due: NaiveDate::from_ymd_opt(2026, 3, 20),
            done: done.map(time),
            at: time(1),
            item: None,
            struck: false,
        }
    }

    fn summary(day: u32, actions: Vec<Action>) -> Summary {
        Summary {
            title: format!("Meeting of March {day}"),
            date: Some(time(day).date_naive()),
            series: "Board".into(),
            actions,
            ..Summary::default()
        }
    }

    #[test]
    fn done_in_a_later_meeting_counts_and_chains_lead_to_the_first_origin() {
        let first = summary(
            1,
            vec![
                action(1, None, None),
                action(2, None, None),
                action(3, None, None),
            ],
        );
        // The second meeting carries both; action 1 (its number 1 there) is done there.
        let second = summary(
            8,
            vec![
                action(1, Some(("m1", 1)), Some(8)),
                action(2, Some(("m1", 2)), None),
                action(3, None, None),
            ],
        );
        // An older file carried from the copy in m2 rather than from m1.
        let third = summary(15, vec![action(1, Some(("m2", 2)), None)]);
        let meetings = [
            Sighting {
                id: "m3",
                summary: &third,
            },
            Sighting {
                id: "m2",
                summary: &second,
            },
            Sighting {
                id: "m1",
                summary: &first,
            },
        ];
        let points = follow(&meetings);
        let origins: Vec<(String, u32)> = points
            .iter()
            .map(|p| (p.origin.meeting.clone(), p.origin.number))
            .collect();
        assert_eq!(
            origins,
            [
                ("m2".into(), 3),
                ("m1".into(), 1),
                ("m1".into(), 2),
                ("m1".into(), 3)
            ],
            "newest meeting first"
        );
        let one = &points[1];
        assert_eq!(
            one.done.as_ref().map(|d| d.meeting.as_str()),
            Some("m2"),
            "done where it was carried"
        );
        let two = &points[2];
        assert!(two.is_open());
        assert_eq!(two.carried_into, ["m2", "m3"]);
        assert!(two.overdue(NaiveDate::from_ymd_opt(2026, 3, 21).unwrap()));
        assert!(!two.overdue(NaiveDate::from_ymd_opt(2026, 3, 20).unwrap()));
        let carry = to_carry(&points, "board", None);
        let carried: Vec<(String, u32)> = carry
            .iter()
            .map(|c| (c.origin.meeting.clone(), c.origin.number))
            .collect();
        assert_eq!(
            carried,
            [("m1".into(), 2), ("m1".into(), 3), ("m2".into(), 3)],
            "oldest meeting first, then by number"
        );
        assert!(to_carry(&points, "Other series", None).is_empty());
        assert_eq!(to_carry(&points, "", Some("m3")).len(), 1);
        assert_eq!(to_carry(&points, "", Some("m1")).len(), 2, "agreed in m1");
    }
}
