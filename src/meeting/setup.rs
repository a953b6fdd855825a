//! A meeting's setup (title, place, series, language, roster, chair, agenda) as events for a new meeting: what
//! `scribe new --from TEMPLATE.ron` starts from. Ids in the new log differ from the template's,
//! so the chair is found again by position.

use super::event::{Event, Id};
use super::state::Meeting;

/// The events that set up a new meeting like `template`, in order.
pub fn setup_events(template: &Meeting) -> Vec<Event> {
    let mut events = Vec::new();
    let meta = &template.meta;
    if !meta.title.is_empty() {
        events.push(Event::TitleSet {
            title: meta.title.clone(),
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
    if !meta.series.is_empty() {
        events.push(Event::SeriesSet {
            series: meta.series.clone(),
        });
    }
    if let Some(language) = &meta.language {
        events.push(Event::LanguageSet {
            language: language.clone(),
        });
    }
    let mut chair = None;
    for attendee in template.roster.iter() {
        if template.chair == Some(attendee.id) {
            chair = Some(Id(events.len() as u32));
        }
        events.push(Event::AttendeeAdded {
            name: attendee.name.clone(),
            capacity: attendee.capacity.clone(),
            label: attendee.label.clone(),
            aliases: attendee.aliases.clone(),
            group: attendee.group.clone(),
        });
    }
    if let Some(attendee) = chair {
        events.push(Event::ChairSet { attendee });
    }
    for item in template.agenda.items() {
        events.push(Event::ItemAdded {
            title: item.title.clone(),
            planned: item
                .planned
                .map(|d| u32::try_from(d.as_secs()).unwrap_or(u32::MAX)),
        });
    }
    events
}
