//! What the statistics overlay says: per attendee, contributions (turns at the floor), total
//! and mean speaking time, and overruns of the limit; per item, the time planned, the time
//! spent and the number of speakers. The attendee table is sorted by the column chosen.

use std::time::Duration;

use super::help::Part;
use crate::meeting::{Meeting, Timestamp};
use crate::text::truncate;

/// The column the attendee table is sorted by (most first, names A–Z).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortBy {
    #[default]
    Turns,
    Total,
    Mean,
    Overruns,
    Name,
}

impl SortBy {
    /// The next column, for the sort key.
    pub fn next(self) -> SortBy {
        match self {
            SortBy::Turns => SortBy::Total,
            SortBy::Total => SortBy::Mean,
            SortBy::Mean => SortBy::Overruns,
            SortBy::Overruns => SortBy::Name,
            SortBy::Name => SortBy::Turns,
        }
    }
}

/// One attendee's figures, the running turn included.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Figures {
    pub name: String,
    pub turns: u32,
    pub total: Duration,
    pub overruns: u32,
}

impl Figures {
    pub fn mean(&self) -> Duration {
        if self.turns == 0 {
            Duration::ZERO
        } else {
            self.total / self.turns
        }
    }
}

/// Everyone who held the floor, with their figures up to `now`, sorted.
pub fn attendees(meeting: &Meeting, now: Timestamp, sort: SortBy) -> Vec<Figures> {
    let mut rows: Vec<Figures> = meeting
        .roster
        .iter()
        .filter(|a| a.turns > 0)
        .map(|a| {
            let running = meeting
                .floor
                .filter(|f| f.attendee == a.id && meeting.closed.is_none())
                .map_or(Duration::ZERO, |f| {
                    crate::meeting::agenda::elapsed(f.since, now)
                });
            Figures {
                name: a.name.clone(),
                turns: a.turns,
                total: a.spoken + running,
                overruns: a.overruns,
            }
        })
        .collect();
    match sort {
        SortBy::Turns => rows.sort_by_key(|a| std::cmp::Reverse(a.turns)),
        SortBy::Total => rows.sort_by_key(|a| std::cmp::Reverse(a.total)),
        SortBy::Mean => rows.sort_by_key(|a| std::cmp::Reverse(a.mean())),
        SortBy::Overruns => rows.sort_by_key(|a| std::cmp::Reverse(a.overruns)),
        SortBy::Name => rows.sort_by_key(|a| a.name.to_lowercase()),
    }
    rows
}

/// `4:05`, `1:02:05`.
fn clock(d: Duration) -> String {
    let s = d.as_secs();
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}

/// The statistics, as overlay lines.
pub fn document(meeting: &Meeting, now: Timestamp, sort: SortBy) -> Vec<Part> {
    let mut parts = vec![Part::Heading("Speakers")];
    let rows = attendees(meeting, now, sort);
    if rows.is_empty() {
        parts.push(Part::Text("Nobody has had the floor yet.".into()));
    } else {
        let mark = |column: SortBy| if sort == column { "▼" } else { " " };
        parts.push(Part::Text(format!(
            "{:<24} {}Turns {}Total  {}Mean {}Over",
            format!("{}Attendee", mark(SortBy::Name)),
            mark(SortBy::Turns),
            mark(SortBy::Total),
            mark(SortBy::Mean),
            mark(SortBy::Overruns),
        )));
        for row in &rows {
            parts.push(Part::Text(format!(
                "{:<24} {:>6} {:>6} {:>6} {:>5}",
                truncate(&row.name, 24),
                row.turns,
                clock(row.total),
                clock(row.mean()),
                row.overruns
            )));
        }
    }
    parts.push(Part::Blank);
    parts.push(Part::Heading("Items"));
    parts.push(Part::Text(format!(
        "{:<30} {:>7} {:>7} {:>8}",
        "Item", "Planned", "Spent", "Speakers"
    )));
    for (n, item) in meeting.agenda.items().iter().enumerate() {
        let spent = meeting.agenda.spent(item.id, meeting.closed.unwrap_or(now));
        let over = item.planned.is_some_and(|p| spent > p);
        parts.push(Part::Text(format!(
            "{:<30} {:>7} {:>7} {:>8}{}",
            truncate(&format!("{}. {}", n + 1, item.title), 30),
            item.planned.map(clock).unwrap_or_else(|| "-".into()),
            clock(spent),
            item.speakers.len(),
            if over { " over" } else { "" }
        )));
    }
    parts.push(Part::Blank);
    parts.push(Part::Text("s sorts by the next column.".into()));
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::MeetingBuilder;

    #[test]
    fn figures_on_a_scripted_meeting() {
        let mut b = MeetingBuilder::new();
        let germany = b.attendee("Germany");
        let mexico = b.attendee("Mexico");
        b.event(crate::meeting::Event::LimitSet {
            attendee: None,
            seconds: Some(60),
        });
        let item = b.item("Letters");
        b.take_up(item);
        b.floor(germany);
        b.wait(90);
        b.floor(mexico);
        b.wait(30);
        b.floor(germany);
        b.wait(30);
        b.event(crate::meeting::Event::FloorYielded);
        let m = b.meeting();
        let rows = attendees(&m, b.now(), SortBy::Turns);
        assert_eq!(
            rows,
            [
                Figures {
                    name: "Germany".into(),
                    turns: 2,
                    total: Duration::from_secs(120),
                    overruns: 1,
                },
                Figures {
                    name: "Mexico".into(),
                    turns: 1,
                    total: Duration::from_secs(30),
                    overruns: 0,
                },
            ]
        );
        assert_eq!(rows[0].mean(), Duration::from_secs(60));
        let by_name = attendees(&m, b.now(), SortBy::Name);
        assert_eq!(by_name[0].name, "Germany");
        let text = format!("{:?}", document(&m, b.now(), SortBy::Total));
        assert!(text.contains("1. Letters"), "{text}");
    }
}
