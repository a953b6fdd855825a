//! The statistics at the end of the minutes (`--stats`): speaking time and interventions per
//! attendee, time per item against its plan, and the speaking limits with every turn that went
//! beyond one.

use super::*;

impl Builder<'_> {
    pub(super) fn stats(&self, minutes: &Minutes) -> Stats {
        let meeting = self.meeting;
        let labels = self.labels;
        let count = |key: &str, n: usize| {
            let form = if n == 1 { "one" } else { "other" };
            labels.fill(&format!("stats.{key}_{form}"), &[("count", &n.to_string())])
        };
        let end = meeting
            .closed
            .or_else(|| meeting.entries.last().map(|e| e.at))
            .or(meeting.started);
        let duration = match (meeting.started, end) {
            (Some(start), Some(end)) => crate::meeting::agenda::elapsed(start, end),
            _ => Duration::ZERO,
        };
        let interventions = &self.interventions;
        let attendees = meeting
            .roster
            .iter()
            .filter_map(|a| {
                let runs = interventions
                    .runs
                    .iter()
                    .filter(|(id, _)| *id == a.id)
                    .count();
                let statements = self
                    .entries
                    .iter()
                    .filter(|e| e.speaker() == Some(a.id))
                    .count();
                let overruns = a.overruns as usize;
                (runs > 0 || statements > 0 || !a.spoken.is_zero()).then(|| AttendeeStats {
                    name: clean_line(&a.with_capacity()),
                    interventions: runs,
                    interventions_text: count("intervention", runs),
                    statements,
                    statements_text: count("statement", statements),
                    speaking: span(a.spoken),
                    speaking_seconds: a.spoken.as_secs(),
                    overruns,
                    overruns_text: match overruns {
                        0 => String::new(),
                        n => count("overrun", n),
                    },
                })
            })
            .collect();
        let items = meeting
            .agenda
            .items()
            .iter()
            .zip(&self.per_item)
            .enumerate()
            .map(|(index, (item, entries))| {
                let number = index + 1;
                let spent = end.map_or(item.spent, |end| meeting.agenda.spent(item.id, end));
                let mut speakers: Vec<Id> = entries.iter().filter_map(|e| e.speaker()).collect();
                speakers.sort();
                speakers.dedup();
                let runs = interventions
                    .runs
                    .iter()
                    .filter(|(_, n)| *n == number)
                    .count();
                ItemStats {
                    number,
                    title: minutes
                        .items
                        .get(index)
                        .map(|s| s.title.clone())
                        .unwrap_or_default(),
                    time: span(spent),
                    seconds: spent.as_secs(),
                    planned: item.planned.map(round_span).unwrap_or_default(),
                    planned_text: item
                        .planned
                        .map(|p| labels.fill("stats.planned", &[("duration", &round_span(p))]))
                        .unwrap_or_default(),
                    interventions: runs,
                    interventions_text: count("intervention", runs),
                    speakers: speakers.len(),
                    speakers_text: count("speaker", speakers.len()),
                }
            })
            .collect();
        Stats {
            duration: span(duration),
            attendees,
            items,
            limits: self.limit_changes(),
            overruns: self.overruns(),
        }
    }

    /// `Name (Capacity)` of an attendee, or empty.
    fn name_of(&self, id: Id) -> String {
        self.meeting
            .roster
            .get(id)
            .map(|a| clean_line(&a.with_capacity()))
            .unwrap_or_default()
    }

    /// Every speaking limit set, lifted or extended, as lines of the minutes' language.
    fn limit_changes(&self) -> Vec<String> {
        self.meeting
            .limit_changes
            .iter()
            .map(|change| {
                let time = self.time(change.at);
                let name = change.attendee.map(|id| self.name_of(id));
                let duration = change.limit.map(round_span).unwrap_or_default();
                let key = match (change.extension, change.limit, &name) {
                    (true, _, _) => "stats.extension",
                    (false, Some(_), None) => "stats.limit_everyone",
                    (false, Some(_), Some(_)) => "stats.limit_attendee",
                    (false, None, None) => "stats.no_limit_everyone",
                    (false, None, Some(_)) => "stats.no_limit_attendee",
                };
                let name = name.unwrap_or_default();
                self.labels.fill(
                    key,
                    &[("time", &time), ("name", &name), ("duration", &duration)],
                )
            })
            .collect()
    }

    /// Every turn that went beyond its limit.
    fn overruns(&self) -> Vec<OverrunStats> {
        let meeting = self.meeting;
        meeting
            .overruns
            .iter()
            .map(|overrun| {
                let time = self.time(overrun.at);
                let name = self.name_of(overrun.attendee);
                let over = span(overrun.over);
                let limit = round_span(overrun.limit);
                let extended = match overrun.extended.is_zero() {
                    true => String::new(),
                    false => round_span(overrun.extended),
                };
                let key = match extended.is_empty() {
                    true => "stats.overrun",
                    false => "stats.overrun_extended",
                };
                let text = self.labels.fill(
                    key,
                    &[
                        ("time", &time),
                        ("name", &name),
                        ("over", &over),
                        ("duration", &limit),
                        ("extended", &extended),
                    ],
                );
                OverrunStats {
                    time,
                    name,
                    item: overrun
                        .item
                        .and_then(|id| meeting.agenda.number(id))
                        .unwrap_or(0),
                    over,
                    limit,
                    extended,
                    text,
                }
            })
            .collect()
    }
}
