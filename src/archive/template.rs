//! Templates: a meeting's setup kept for the next ones (`scribe template FILE -o T.ron`). A
//! template is a meeting file holding only the setup — title as a pattern, subtitle, time,
//! place, series, language, roster, chair, agenda — so it opens, lists and replays like any
//! meeting, and `scribe new --from T.ron` starts from it. What a new meeting is called is
//! decided here too: a pattern's number filled in, or the previous meeting's counted on.

use super::title;
use crate::meeting::setup::setup_events;
use crate::meeting::{Event, Meeting, Stamped, Timestamp};

/// The events of a template of `meeting`: its setup, the title as a pattern.
pub fn events(meeting: &Meeting) -> Vec<Event> {
    setup_events(meeting)
        .into_iter()
        .map(|event| match event {
            Event::TitleSet { title } => Event::TitleSet {
                title: title::pattern(&title),
            },
            other => other,
        })
        .collect()
}

/// The template of `meeting` as a meeting file's text, stamped `at`.
pub fn file(meeting: &Meeting, at: Timestamp) -> String {
    let stamped: Vec<Stamped> = events(meeting)
        .into_iter()
        .map(|event| Stamped { at, event })
        .collect();
    crate::store::file::to_ron(&stamped)
}

/// Was `meeting` held (not a template, which only has a setup)?
pub fn was_held(meeting: &Meeting) -> bool {
    meeting.started.is_some() || !meeting.entries.is_empty() || meeting.closed.is_some()
}

/// The title of a new meeting that starts from `template`: a pattern's number filled in (the
/// number after the previous meeting of the series, `previous` its title, else one more than
/// the `held` meetings of the series), or, when `count_on` (the new meeting follows `template`
/// in its series), the number of a meeting that was held counted on. None keeps the
/// template's title.
pub fn new_title(
    template: &Meeting,
    previous: Option<&str>,
    held: usize,
    count_on: bool,
) -> Option<String> {
    let current = &template.meta.title;
    if title::is_pattern(current) {
        let n = previous
            .and_then(title::leading_ordinal)
            .map(|(n, _)| n.saturating_add(1))
            .unwrap_or_else(|| u32::try_from(held).unwrap_or(u32::MAX).saturating_add(1));
        return Some(title::fill(current, n));
    }
    (count_on && was_held(template) && title::leading_ordinal(current).is_some())
        .then(|| title::next(current))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::{AttendeeAdded, Id};

    fn at() -> Timestamp {
        crate::testkit::moment("2026-03-12T10:00:00+01:00")
    }

    fn held() -> Meeting {
        let events = vec![
            Event::TitleSet {
                title: "12th Meeting of the Board".into(),
            },
            Event::PlaceSet {
                place: "Geneva".into(),
            },
            Event::SeriesSet {
                series: "Board".into(),
            },
            Event::AttendeeAdded(Box::new(AttendeeAdded {
                name: "Lebanon".into(),
                capacity: Some("President".into()),
                label: None,
                aliases: vec![],
                group: Some("Members".into()),
            })),
            Event::ChairSet { attendee: Id(3) },
            Event::ItemAdded {
                title: "Budget".into(),
                planned: Some(600),
            },
            Event::ItemTakenUp { item: Id(5) },
            Event::NoteRecorded {
                text: "Opened.".into(),
            },
        ];
        Meeting::fold(
            &events
                .into_iter()
                .map(|event| Stamped { at: at(), event })
                .collect::<Vec<_>>(),
        )
    }

    #[test]
    fn a_template_keeps_the_setup_and_the_title_as_a_pattern() {
        let text = file(&held(), at());
        let snapshot = crate::store::file::from_ron(std::path::Path::new("t.ron"), &text).unwrap();
        let template = Meeting::fold(&snapshot.events);
        assert_eq!(template.meta.title, "{nth} Meeting of the Board");
        assert_eq!(template.meta.place, "Geneva");
        assert_eq!(template.meta.series, "Board");
        assert_eq!(template.roster.name(template.chair.unwrap()), "Lebanon");
        assert_eq!(template.agenda.items().len(), 1);
        assert!(template.entries.is_empty() && !was_held(&template));
        assert_eq!(
            new_title(&template, Some("12th Meeting of the Board"), 12, false).as_deref(),
            Some("13th Meeting of the Board")
        );
        assert_eq!(
            new_title(&template, None, 0, false).as_deref(),
            Some("1st Meeting of the Board")
        );
        assert_eq!(
            new_title(&held(), None, 0, true).as_deref(),
            Some("13th Meeting of the Board"),
            "after the previous meeting of the series"
        );
        assert_eq!(
            new_title(&held(), None, 0, false),
            None,
            "a meeting copied keeps its title"
        );
    }
}
