//! Builds the format-neutral [`Minutes`] of a meeting: the frame (title block, attendance,
//! agenda, called to order and rose at, approval), the sections with the chair's introduction
//! and the discussion, the action points and numbered decisions, the statistics. The rules it
//! applies are listed in [`super::model`]; the meeting is read through [`super::source`].

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::Duration;

use chrono::Datelike;

use super::i18n::Catalogue;
use super::model::*;
use super::numbers::DecisionNumbers;
use super::{ExportError, Options, source};
use crate::meeting::{Attendee, Entry, EntryKind, Id, Meeting, Timestamp, Voice};
use crate::text::{clean, clean_line, is_clean};

mod stats;

/// Builds the minutes of `meeting` in the language of `catalogue`.
pub fn build(
    meeting: &Meeting,
    options: &Options,
    catalogue: &Catalogue,
) -> Result<Minutes, ExportError> {
    let (mut builder, mut minutes, mut runs) = begin(meeting, options, catalogue)?;
    let (items, mut item_runs) = builder.item_sections();
    minutes.items = items;
    runs.append(&mut item_runs);
    builder.interventions.runs = runs;
    if options.numbered {
        number_paragraphs(&mut minutes);
    }
    if options.stats {
        minutes.stats = Some(builder.stats(&minutes));
    }
    Ok(minutes)
}

/// [`build`] with the agenda items' sections left to come: the minutes without them (their
/// `items` empty), and what builds them, in agenda order, while the rest is rendered. The
/// sections are those [`build`] makes. Not for `--stats` (the statistics count what every
/// section holds): `None` then, and [`build`] is the way.
pub fn start<'a>(
    meeting: &'a Meeting,
    options: &'a Options,
    catalogue: &'a Catalogue,
) -> Result<Option<(Minutes, ItemSections<'a>)>, ExportError> {
    if options.stats {
        return Ok(None);
    }
    let (builder, mut minutes, _) = begin(meeting, options, catalogue)?;
    let mut numbered = options.numbered.then_some(0);
    if let (Some(next), Some(opening)) = (numbered.as_mut(), minutes.opening.as_mut()) {
        number_section(opening, next);
    }
    Ok(Some((minutes, ItemSections { builder, numbered })))
}

/// Runs of statements counted while sections are built: (speaker, section number) per run.
type Runs = Vec<(Id, usize)>;

/// The minutes up to the agenda items' sections (the frame, the action points and decisions,
/// the opening), the builder that makes those sections, and the runs of statements counted in
/// the opening.
fn begin<'a>(
    meeting: &'a Meeting,
    options: &'a Options,
    catalogue: &'a Catalogue,
) -> Result<(Builder<'a>, Minutes, Runs), ExportError> {
    let mut builder = Builder::new(meeting, options, catalogue)?;
    let mut minutes = builder.frame();
    builder.points(&mut minutes);
    let mut runs = Vec::new();
    minutes.opening = builder.opening(&mut runs);
    Ok((builder, minutes, runs))
}

/// The agenda items' sections still to be built (see [`start`]).
pub struct ItemSections<'a> {
    builder: Builder<'a>,
    /// With numbered paragraphs, the number of the last paragraph before them.
    numbered: Option<usize>,
}

impl ItemSections<'_> {
    /// How many sections there are: one per agenda item.
    pub fn len(&self) -> usize {
        self.builder.per_item.len()
    }

    /// Builds the sections in agenda order, giving each to `take`, until `take` says it
    /// wants no more (returns false).
    pub fn each(mut self, mut take: impl FnMut(Section) -> bool) {
        for index in 0..self.len() {
            let Some(mut section) = self.builder.item_section(&mut Vec::new(), index) else {
                return;
            };
            if let Some(next) = self.numbered.as_mut() {
                number_section(&mut section, next);
            }
            if !take(section) {
                return;
            }
        }
    }
}

/// From how many entries in agenda items their sections are built on two threads (below, the
/// thread would cost more than it saves).
const PARALLEL_FROM: usize = 4_000;

/// What building the minutes needs at hand.
struct Builder<'a> {
    meeting: &'a Meeting,
    options: &'a Options,
    labels: &'a Catalogue,
    decision_numbers: DecisionNumbers,
    meeting_number: Option<u32>,
    /// Entries in effect (struck ones left out), in the order they were recorded.
    entries: Vec<&'a Entry>,
    /// Per agenda item, its entries.
    per_item: Vec<Vec<&'a Entry>>,
    /// The number of each agenda item, by id.
    item_numbers: HashMap<Id, usize>,
    /// A decision's reference, by entry.
    references: BTreeMap<Id, String>,
    interventions: Interventions,
}

impl<'a> Builder<'a> {
    fn new(
        meeting: &'a Meeting,
        options: &'a Options,
        labels: &'a Catalogue,
    ) -> Result<Self, ExportError> {
        let meeting_number = source::meeting_number(meeting, options);
        let decision_numbers = match &options.decision_numbers {
            Some(pattern) => {
                DecisionNumbers::parse(pattern).map_err(ExportError::DecisionNumbers)?
            }
            None => DecisionNumbers::default_for(meeting_number),
        };
        if decision_numbers.uses_meeting() && meeting_number.is_none() {
            return Err(ExportError::DecisionNumbers(
                "the decision numbers use {meeting}, but the meeting's number is not known: \
                 give it with --meeting-number N"
                    .to_string(),
            ));
        }
        let entries: Vec<&Entry> = meeting
            .entries
            .iter()
            .filter(|e| !source::is_struck(e))
            .collect();
        // Looked up for every entry: a map rather than a search of the agenda each time.
        let item_numbers: HashMap<Id, usize> = (meeting.agenda.items().iter())
            .enumerate()
            .map(|(index, item)| (item.id, index + 1))
            .collect();
        let mut builder = Builder {
            item_numbers,
            meeting,
            options,
            labels,
            decision_numbers,
            meeting_number,
            entries,
            per_item: vec![Vec::new(); meeting.agenda.items().len()],
            references: BTreeMap::new(),
            interventions: Interventions::default(),
        };
        for index in 0..builder.entries.len() {
            let entry = builder.entries[index];
            if let Some(list) = builder
                .item_number(entry)
                .and_then(|n| builder.per_item.get_mut(n - 1))
            {
                list.push(entry);
            }
        }
        Ok(builder)
    }

    /// The agenda number of the item an entry was recorded under.
    fn item_number(&self, entry: &Entry) -> Option<usize> {
        entry
            .item
            .and_then(|id| self.item_numbers.get(&id).copied())
    }

    fn time(&self, at: Timestamp) -> String {
        self.labels.time(at)
    }

    /// Everything but the items: title block, attendance, agenda, times, signatures.
    fn frame(&self) -> Minutes {
        let meeting = self.meeting;
        let meta = &meeting.meta;
        let labels = self.labels;
        let title = clean_line(&meta.title);
        let title = if title.is_empty() {
            labels.label("minutes").to_string()
        } else {
            title
        };
        let symbol = source::symbol(meeting, self.options)
            .map(|s| clean_line(&s))
            .unwrap_or_default();
        let status = source::status(meeting, self.options);
        let chair = source::chair(meeting);
        let prepared_by: Vec<String> = source::minute_takers(meeting, self.options)
            .iter()
            .map(|n| clean_line(n))
            .filter(|n| !n.is_empty())
            .collect();
        let approval = (status == Some(DocStatus::Final)).then(|| Approval {
            approved_on: source::approved(self.options)
                .map(|d| labels.date(d))
                .unwrap_or_default(),
            signatures: signatures(labels, chair, &prepared_by),
        });
        Minutes {
            lang: labels.tag.clone(),
            labels: labels.labels.clone(),
            running_header: if symbol.is_empty() {
                title.clone()
            } else {
                symbol.clone()
            },
            title,
            subtitle: clean_line(&meta.subtitle),
            symbol,
            status,
            status_label: status
                .map(|s| labels.label(s.key()).to_string())
                .unwrap_or_default(),
            draft_mark: match status {
                Some(DocStatus::Draft) => labels.label("draft_mark").to_string(),
                _ => String::new(),
            },
            issued: source::issued(self.options)
                .map(|d| labels.date(d))
                .unwrap_or_default(),
            date: meta.date.map(|d| labels.long_date(d)).unwrap_or_default(),
            time: meta.time.map(|t| labels.time(t)).unwrap_or_default(),
            place: clean_line(&meta.place),
            chair: chair.map(|a| clean_line(&a.name)).unwrap_or_default(),
            attendance: self.attendance(),
            attendees: meeting
                .roster
                .iter()
                .map(|a| clean_line(&a.with_capacity()))
                .collect(),
            regrets: source::regrets(meeting)
                .iter()
                .map(|r| clean_line(r))
                .collect(),
            agenda: meeting
                .agenda
                .items()
                .iter()
                .enumerate()
                .map(|(i, item)| AgendaLine {
                    number: i + 1,
                    title: clean_line(&item.title),
                    anchor: format!("item-{}", i + 1),
                })
                .collect(),
            opened: source::called_to_order(meeting)
                .map(|at| self.time(at))
                .unwrap_or_default(),
            closed: source::rose(meeting)
                .map(|at| self.time(at))
                .unwrap_or_default(),
            prepared_by,
            approval,
            numbered: self.options.numbered,
            ..Minutes::default()
        }
    }

    /// The attendance by group, the ungrouped first, then the groups in the order they first
    /// appear in the roster.
    fn attendance(&self) -> Vec<Group> {
        let mut groups: Vec<(Option<String>, Group)> = vec![(None, Group::default())];
        for attendee in self.meeting.roster.iter() {
            let key = source::attendee_group(self.meeting, attendee)
                .map(|g| clean_line(&g))
                .filter(|g| !g.is_empty());
            let present = self.present(attendee);
            match groups.iter_mut().find(|(k, _)| *k == key) {
                Some((_, group)) => group.attendees.push(present),
                None => {
                    let title = group_title(self.labels, key.as_deref().unwrap_or_default());
                    groups.push((
                        key,
                        Group {
                            title,
                            attendees: vec![present],
                        },
                    ));
                }
            }
        }
        groups
            .into_iter()
            .map(|(_, g)| g)
            .filter(|g| !g.attendees.is_empty())
            .collect()
    }

    fn present(&self, attendee: &Attendee) -> Present {
        let joined = source::joined(self.meeting, attendee)
            .map(|at| self.time(at))
            .unwrap_or_default();
        let left = source::left(self.meeting, attendee)
            .map(|at| self.time(at))
            .unwrap_or_default();
        let presence = [("joined", &joined), ("left", &left)]
            .into_iter()
            .filter(|(_, time)| !time.is_empty())
            .map(|(key, time)| self.labels.fill(key, &[("time", time)]))
            .collect::<Vec<_>>()
            .join(", ");
        Present {
            name: clean_line(&attendee.name),
            capacity: attendee
                .capacity
                .as_deref()
                .map(clean_line)
                .unwrap_or_default(),
            text: clean_line(&attendee.with_capacity()),
            joined,
            left,
            presence,
        }
    }

    /// The action points and the decisions (which the sections then refer to).
    fn points(&mut self, minutes: &mut Minutes) {
        let meeting = self.meeting;
        let year = meeting
            .meta
            .date
            .map(|d| d.year())
            .or_else(|| meeting.entries.first().map(|e| e.at.year()));
        for entry in self.entries.clone() {
            let item = self.item_number(entry).unwrap_or(0);
            let time = if self.options.times {
                self.time(entry.at)
            } else {
                String::new()
            };
            match &entry.kind {
                EntryKind::Action(action) => {
                    let due = &action.due;
                    let owners: Vec<String> = source::action_owners(meeting, entry)
                        .iter()
                        .map(|o| clean_line(o))
                        .collect();
                    let status = source::action_status(meeting, entry);
                    let mut text = lines(&entry.text).join("\n");
                    // A carried action says where it was first agreed.
                    if let Some((origin, number)) = source::carried_from(entry) {
                        let from = self.labels.fill(
                            "action.carried",
                            &[
                                ("meeting", &clean_line(&origin)),
                                ("number", &number.to_string()),
                            ],
                        );
                        text = format!("{text} ({from})");
                    }
                    minutes.actions.push(ActionPoint {
                        number: minutes.actions.len() + 1,
                        owner: owners.join(", "),
                        owners,
                        text,
                        due: due.map(|d| self.labels.date(d)).unwrap_or_default(),
                        item,
                        time,
                        status: self
                            .labels
                            .label(match status {
                                ActionStatus::Open => "action.open",
                                ActionStatus::Done => "action.done",
                            })
                            .to_string(),
                        done: status == ActionStatus::Done,
                    });
                }
                _ if source::is_decision(entry) => {
                    let number = minutes.decisions.len() + 1;
                    let reference = clean_line(&self.decision_numbers.format(
                        self.meeting_number,
                        number,
                        item,
                        year,
                    ));
                    self.references.insert(entry.id, reference.clone());
                    minutes.decisions.push(DecisionPoint {
                        number,
                        reference,
                        text: lines(&entry.text).join("\n"),
                        item,
                        time,
                        motion: source::motion(meeting, entry)
                            .map(|m| motion_line(self.labels, &m))
                            .unwrap_or_default(),
                    });
                }
                _ => {}
            }
        }
    }

    /// The section of the entries recorded before any item was taken up, if any, with its
    /// runs of statements counted into `runs`.
    fn opening(&self, runs: &mut Runs) -> Option<Section> {
        let before: Vec<&Entry> = self
            .entries
            .iter()
            .copied()
            .filter(|e| self.item_number(e).is_none())
            .collect();
        if before.is_empty() {
            return None;
        }
        let heading = self.labels.label("opening").to_string();
        let anchor = "opening".to_string();
        Some(self.section(runs, 0, heading.clone(), heading, anchor, &before))
    }

    /// The sections of the agenda items, with the runs of statements counted in them.
    fn item_sections(&self) -> (Vec<Section>, Runs) {
        // A long meeting's sections are built on two threads, each taking about half of the
        // entries; the sections and the runs counted are then put together in agenda order.
        let total: usize = self.per_item.iter().map(Vec::len).sum();
        let split = match total {
            0..PARALLEL_FROM => self.per_item.len(),
            _ => {
                let mut seen = 0;
                self.per_item
                    .iter()
                    .position(|entries| {
                        seen += entries.len();
                        seen * 2 >= total
                    })
                    .map_or(self.per_item.len(), |at| at + 1)
            }
        };
        let (mut first, second) = std::thread::scope(|scope| {
            let second = (split < self.per_item.len())
                .then(|| scope.spawn(move || self.sections(split..self.per_item.len())));
            let first = self.sections(0..split);
            let second = second.map(|thread| match thread.join() {
                Ok(built) => built,
                Err(panic) => std::panic::resume_unwind(panic),
            });
            (first, second)
        });
        if let Some((mut sections, mut runs)) = second {
            first.0.append(&mut sections);
            first.1.append(&mut runs);
        }
        first
    }

    /// The sections of the agenda items numbered `range.start + 1` to `range.end`, with the
    /// runs of statements counted in them.
    fn sections(&self, range: std::ops::Range<usize>) -> (Vec<Section>, Runs) {
        let mut runs = Vec::new();
        let sections = range
            .filter_map(|index| self.item_section(&mut runs, index))
            .collect();
        (sections, runs)
    }

    /// The section of the agenda item at `index` (numbered `index + 1`), with its runs of
    /// statements counted into `runs`.
    fn item_section(&self, runs: &mut Runs, index: usize) -> Option<Section> {
        let item = self.meeting.agenda.items().get(index)?;
        let entries = self.per_item.get(index)?;
        let number = index + 1;
        let title = clean_line(&item.title);
        let heading = self.labels.fill(
            "item_heading",
            &[("number", &number.to_string()), ("title", &title)],
        );
        let anchor = format!("item-{number}");
        Some(self.section(runs, number, title, heading, anchor, entries))
    }

    /// The section of the agenda item `number` (0 for the opening), with its runs of
    /// statements counted into `runs`.
    fn section(
        &self,
        runs: &mut Runs,
        number: usize,
        title: String,
        heading: String,
        anchor: String,
        entries: &[&Entry],
    ) -> Section {
        let meeting = self.meeting;
        let times = self.options.times;
        let in_flow = entries
            .iter()
            .filter(|e| !matches!(e.kind, EntryKind::Action(_)));

        let mut introduction = Vec::new();
        let mut discussion: Vec<Block> = Vec::new();
        // The section opens with the introduction of whoever chaired then.
        let mut introducing = entries.first().is_some_and(|e| source::chaired(meeting, e));
        let mut introducer: Option<Id> = None;
        let mut last_speaker: Option<(Id, String)> = None;
        // The voice `last_speaker`'s label was made from: the same voice makes the same label,
        // so a run of statements by one speaker makes it once.
        let mut last_voice: Option<&Voice> = None;
        for entry in in_flow {
            let speaker = entry.speaker();
            if introducing {
                let by_chair = source::by_chair(entry);
                if by_chair || matches!(entry.kind, EntryKind::Note) {
                    if by_chair {
                        introducer = speaker;
                    }
                    push_paragraphs(&mut introduction, entry, times.then(|| self.time(entry.at)));
                    continue;
                }
                introducing = false;
            }
            // A run goes on while the speaker and the label they spoke under stay the same.
            let same_voice = entry.voice().is_some()
                && entry.voice() == last_voice
                && speaker.is_some()
                && speaker == last_speaker.as_ref().map(|(id, _)| *id);
            let voiced = match same_voice {
                true => last_speaker.clone(),
                false => speaker.map(|id| (id, source::speaker_label(meeting, entry, id))),
            };
            let time = times.then(|| self.time(entry.at));
            let prefix = source::statement_kind(entry)
                .map(|k| self.labels.label(k.key()).to_string())
                .unwrap_or_default();
            match (&entry.kind, speaker) {
                (EntryKind::Statement { .. }, Some(_))
                    if last_speaker.is_some() && last_speaker == voiced && prefix.is_empty() =>
                {
                    if let Some(block) = discussion.last_mut() {
                        push_paragraphs(&mut block.paragraphs, entry, time);
                    }
                }
                (EntryKind::Statement { .. }, Some(id)) => {
                    runs.push((id, number));
                    let mut paragraphs = Vec::new();
                    push_paragraphs(&mut paragraphs, entry, time);
                    discussion.push(Block {
                        kind: BlockKind::Statement,
                        label: voiced
                            .as_ref()
                            .map_or_else(String::new, |(_, l)| clean_line(l)),
                        prefix,
                        reference: String::new(),
                        paragraphs,
                    });
                }
                (kind, _) => {
                    let mut paragraphs = Vec::new();
                    push_paragraphs(&mut paragraphs, entry, time);
                    let (kind, label, reference) = match kind {
                        _ if source::is_decision(entry) => {
                            let reference =
                                self.references.get(&entry.id).cloned().unwrap_or_default();
                            let label = if reference.is_empty() {
                                self.labels.label("decision").to_string()
                            } else {
                                self.labels
                                    .fill("decision_ref", &[("reference", &reference)])
                            };
                            (BlockKind::Decision, label, reference)
                        }
                        // A motion not adopted stays in the flow, with what became of it.
                        EntryKind::Motion(_) => {
                            if let Some(motion) = source::motion(meeting, entry) {
                                let summary = motion_line(self.labels, &motion);
                                if !summary.is_empty() {
                                    paragraphs.push(Paragraph {
                                        text: clean_line(&summary).into(),
                                        ..Paragraph::default()
                                    });
                                }
                            }
                            let label = self.labels.label("motion").to_string();
                            (BlockKind::Note, label, String::new())
                        }
                        _ => (BlockKind::Note, String::new(), String::new()),
                    };
                    discussion.push(Block {
                        kind,
                        label,
                        prefix: String::new(),
                        reference,
                        paragraphs,
                    });
                }
            }
            last_speaker = voiced;
            last_voice = entry.voice();
        }
        if let Some(chair) = introducer {
            runs.push((chair, number));
        }
        Section {
            number,
            title,
            heading,
            anchor,
            introduction,
            discussion,
        }
    }
}

/// Interventions counted while the sections are built: (attendee, section number) per run.
#[derive(Default)]
struct Interventions {
    runs: Runs,
}

/// A group's heading: the language's word for the groups it knows (members, observers,
/// secretariat), else the roster's own name for it.
fn group_title(labels: &Catalogue, group: &str) -> String {
    let key = format!("group.{}", group.to_lowercase());
    match labels.labels.get(&key) {
        Some(title) => title.clone(),
        None => group.to_string(),
    }
}

/// Who signs final minutes: the chair, then each minute-taker as secretary (one line for the
/// secretary when nobody is named).
fn signatures(
    labels: &Catalogue,
    chair: Option<&Attendee>,
    prepared_by: &[String],
) -> Vec<Signature> {
    let mut out = vec![Signature {
        role: labels.label("signature.chair").to_string(),
        name: chair.map(|a| clean_line(&a.name)).unwrap_or_default(),
    }];
    let secretary = labels.label("signature.secretary").to_string();
    if prepared_by.is_empty() {
        out.push(Signature {
            role: secretary.clone(),
            name: String::new(),
        });
    }
    for name in prepared_by {
        out.push(Signature {
            role: secretary.clone(),
            name: name.clone(),
        });
    }
    out
}

/// A motion in one line: "Moved by Norway, seconded by Chile; 12 in favour, 2 against,
/// 1 abstention; carried".
pub fn motion_line(labels: &Catalogue, motion: &Motion) -> String {
    let mut who = Vec::new();
    if let Some(mover) = &motion.mover {
        who.push(labels.fill("motion.moved", &[("name", &clean_line(mover))]));
    }
    if let Some(seconder) = &motion.seconder {
        who.push(labels.fill("motion.seconded", &[("name", &clean_line(seconder))]));
    }
    let mut parts = Vec::new();
    if !who.is_empty() {
        parts.push(who.join(", "));
    }
    if let Some(vote) = motion.vote {
        let key = match vote.abstentions {
            1 => "motion.vote_one_abstention",
            _ => "motion.vote",
        };
        parts.push(labels.fill(
            key,
            &[
                ("for", &vote.favour.to_string()),
                ("against", &vote.against.to_string()),
                ("abstentions", &vote.abstentions.to_string()),
            ],
        ));
    }
    if let Some(outcome) = motion.outcome {
        parts.push(
            labels
                .label(match outcome {
                    Outcome::Carried => "motion.carried",
                    Outcome::Failed => "motion.failed",
                    Outcome::Withdrawn => "motion.withdrawn",
                    Outcome::Consensus => "motion.consensus",
                })
                .to_string(),
        );
    }
    parts.join("; ")
}

/// Numbers every paragraph of the introductions and discussions, across the document.
fn number_paragraphs(minutes: &mut Minutes) {
    let mut n = 0;
    let sections = minutes.opening.iter_mut().chain(minutes.items.iter_mut());
    for section in sections {
        number_section(section, &mut n);
    }
}

/// Numbers the paragraphs of `section` on from the number `last`, leaving it at the last one.
fn number_section(section: &mut Section, last: &mut usize) {
    let blocks = section
        .discussion
        .iter_mut()
        .flat_map(|b| b.paragraphs.iter_mut());
    for p in section.introduction.iter_mut().chain(blocks) {
        *last += 1;
        p.number = *last;
    }
}

/// The non-empty lines of an entry's text, cleaned and trimmed.
fn lines(text: &str) -> Vec<String> {
    clean(text)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// A line typed as a list item: (ordered, number, text).
fn list_item(line: &str) -> Option<(bool, usize, &str)> {
    for marker in ["- ", "* ", "• "] {
        if let Some(text) = line.strip_prefix(marker) {
            return Some((false, 0, text.trim()));
        }
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=9).contains(&digits) {
        let rest = &line[digits..];
        if let Some(text) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            let number = line[..digits].parse().unwrap_or(1);
            return Some((true, number, text.trim()));
        }
    }
    None
}

/// The paragraphs of an entry's text: one per line, lines typed as list items gathered into a
/// list under the paragraph before them. A one-line entry is one paragraph.
pub fn paragraphs(text: &str) -> Vec<Paragraph> {
    let lines = lines(text);
    let mut out: Vec<Paragraph> = Vec::with_capacity(lines.len());
    let structured = lines.len() > 1;
    for line in lines {
        let item = if structured { list_item(&line) } else { None };
        let Some((ordered, number, item)) = item.filter(|(_, _, t)| !t.is_empty()) else {
            out.push(Paragraph {
                text: line.into(),
                ..Paragraph::default()
            });
            continue;
        };
        let item = item.to_string();
        match out.last_mut() {
            Some(Paragraph {
                list: Some(list), ..
            }) if list.ordered == ordered => list.items.push(item),
            Some(p) if p.list.is_none() => {
                p.list = Some(Box::new(List {
                    ordered,
                    start: number.max(1),
                    items: vec![item],
                }));
            }
            _ => out.push(Paragraph {
                list: Some(Box::new(List {
                    ordered,
                    start: number.max(1),
                    items: vec![item],
                })),
                ..Paragraph::default()
            }),
        }
    }
    out
}

/// The one paragraph of a text that is a single clean line, sharing the text: what
/// [`paragraphs`] would make of it, without a copy. None for any other text.
fn shared_paragraph(text: &Arc<str>) -> Option<Paragraph> {
    let one_clean_line = !text.is_empty()
        && !text.contains('\n')
        && text.trim_start().len() == text.len()
        && is_clean(text);
    one_clean_line.then(|| Paragraph {
        text: Arc::clone(text),
        ..Paragraph::default()
    })
}

fn push_paragraphs(into: &mut Vec<Paragraph>, entry: &Entry, time: Option<String>) {
    if let Some(mut paragraph) = shared_paragraph(&entry.text) {
        paragraph.time = time.unwrap_or_default();
        into.push(paragraph);
        return;
    }
    let mut new = paragraphs(&entry.text);
    if let (Some(first), Some(time)) = (new.first_mut(), time) {
        first.time = time;
    }
    into.append(&mut new);
}

/// A limit or a plan for people: whole minutes without their seconds ("3 min", "1 h 30 min"),
/// anything else as [`span`] says it.
pub fn round_span(d: Duration) -> String {
    let secs = d.as_secs();
    match (secs / 3600, secs / 60 % 60, secs % 60) {
        (0, 0, _) | (_, _, 1..) => span(d),
        (0, m, 0) => format!("{m} min"),
        (h, m, 0) => format!("{h} h {m:02} min"),
    }
}

/// A duration for people: "42 s", "4 min 05 s", "1 h 02 min".
pub fn span(d: Duration) -> String {
    let secs = d.as_secs();
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    match (h, m) {
        (0, 0) => format!("{s} s"),
        (0, _) => format!("{m} min {s:02} s"),
        _ => format!("{h} h {m:02} min"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::{AttendeeAdded, Event, Stamped};
    use chrono::NaiveDate;

    fn at(minute: u32) -> Timestamp {
        crate::testkit::moment(&format!("2026-03-12T10:{minute:02}:00+01:00"))
    }

    fn fold(events: Vec<Event>) -> Meeting {
        let stamped: Vec<Stamped> = events
            .into_iter()
            .enumerate()
            .map(|(i, event)| Stamped {
                at: at(i as u32),
                event,
            })
            .collect();
        Meeting::fold(&stamped)
    }

    fn attendee(name: &str, capacity: &str, label: Option<&str>) -> Event {
        Event::AttendeeAdded(Box::new(AttendeeAdded {
            name: name.into(),
            capacity: Some(capacity.into()),
            label: label.map(str::to_string),
            aliases: vec![],
            group: None,
        }))
    }

    fn say(speaker: u32, text: &str) -> Event {
        Event::StatementRecorded {
            speaker: Id(speaker),
            text: text.into(),
        }
    }

    fn english(meeting: &Meeting, options: &Options) -> Minutes {
        build(meeting, options, &Catalogue::english()).expect("minutes")
    }

    #[test]
    fn chair_introduction_then_merged_discussion() {
        let meeting = fold(vec![
            attendee("Lebanon", "President", None),
            attendee("UNDP", "Exec Coord team", Some("Exec. Coord")),
            Event::ChairSet { attendee: Id(0) },
            Event::ItemAdded {
                title: "Preparations".into(),
                planned: None,
            },
            Event::NoteRecorded {
                text: "Before the item".into(),
            },
            Event::ItemTakenUp { item: Id(3) },
            say(0, "Shared her sentiments."),
            Event::NoteRecorded {
                text: "Slides shown.".into(),
            },
            say(0, "Opened the floor.\n\nSecond line."),
            say(1, "Informed CorCom."),
            say(1, "Further suggested."),
            Event::DecisionRecorded {
                text: "Agreed.".into(),
            },
            say(1, "After the decision."),
            say(0, "Thanked UNDP."),
        ]);
        let options = Options {
            times: true,
            stats: true,
            ..Options::default()
        };
        let minutes = english(&meeting, &options);
        let opening = minutes.opening.expect("an opening section");
        assert_eq!(
            (opening.introduction.len(), opening.discussion.len()),
            (1, 0)
        );
        let item = &minutes.items[0];
        let intro: Vec<&str> = item.introduction.iter().map(|p| &*p.text).collect();
        assert_eq!(
            intro,
            [
                "Shared her sentiments.",
                "Slides shown.",
                "Opened the floor.",
                "Second line."
            ]
        );
        assert_eq!(item.introduction[3].time, "");
        assert_eq!(item.introduction[0].time, "10:06");
        let shape: Vec<(BlockKind, &str, usize)> = item
            .discussion
            .iter()
            .map(|b| (b.kind, b.label.as_str(), b.paragraphs.len()))
            .collect();
        assert_eq!(
            shape,
            [
                (BlockKind::Statement, "UNDP (Exec. Coord)", 2),
                (BlockKind::Decision, "Decision 1", 1),
                (BlockKind::Statement, "UNDP (Exec. Coord)", 1),
                (BlockKind::Statement, "President", 1),
            ]
        );
        assert_eq!(minutes.decisions.len(), 1);
        assert_eq!(minutes.decisions[0].item, 1);
        assert_eq!(minutes.decisions[0].reference, "1");
        let stats = minutes.stats.expect("stats");
        let undp = stats
            .attendees
            .iter()
            .find(|a| a.name.starts_with("UNDP"))
            .expect("UNDP spoke");
        assert_eq!((undp.interventions, undp.statements), (2, 3));
        assert_eq!(undp.interventions_text, "2 interventions");
        let chair = &stats.attendees[0];
        assert_eq!((chair.interventions, chair.statements), (2, 3));
        assert_eq!(stats.items[0].interventions, 4);
        // The frame.
        assert_eq!(minutes.chair, "Lebanon");
        assert_eq!(minutes.opened, "10:05");
        assert_eq!(minutes.agenda.len(), 1);
        assert_eq!(minutes.attendance.len(), 1);
        assert_eq!(minutes.attendance[0].title, "");
        assert!(minutes.approval.is_none());
    }

    #[test]
    fn lines_typed_as_a_list_become_a_list_under_their_paragraph() {
        let ps = paragraphs(
            "Proposed three measures:\n- a common scale\n* a procedure\n• an exercise\nThen:\n3. first\n4) second\n- other kind\nAfter.",
        );
        type Shape<'a> = (&'a str, Option<(bool, usize, usize)>);
        let shape: Vec<Shape> = ps
            .iter()
            .map(|p| {
                (
                    &*p.text,
                    p.list.as_ref().map(|l| (l.ordered, l.start, l.items.len())),
                )
            })
            .collect();
        assert_eq!(
            shape,
            [
                ("Proposed three measures:", Some((false, 1, 3))),
                ("Then:", Some((true, 3, 2))),
                ("", Some((false, 1, 1))),
                ("After.", None),
            ]
        );
        assert_eq!(
            ps[0].list.as_ref().map(|l| l.items.clone()),
            Some(vec![
                "a common scale".to_string(),
                "a procedure".to_string(),
                "an exercise".to_string()
            ])
        );
        // One line is a paragraph, whatever it starts with.
        assert_eq!(&*paragraphs("- not a list")[0].text, "- not a list");
        assert!(paragraphs("- not a list")[0].list.is_none());
        // An entry that starts with a list has an empty lead.
        let ps = paragraphs("1. one\n2. two");
        assert_eq!(ps.len(), 1);
        assert_eq!(&*ps[0].text, "");
        assert_eq!(ps[0].list.as_ref().map(|l| l.start), Some(1));
        // "-" alone or "2026. was a year" with nothing after the marker stay text.
        assert_eq!(paragraphs("a\n-\nb").len(), 3);
    }

    #[test]
    fn motions_read_as_one_line() {
        let labels = Catalogue::english();
        let motion = Motion {
            mover: Some("Norway".into()),
            seconder: Some("Chile".into()),
            vote: Some(Vote {
                favour: 12,
                against: 2,
                abstentions: 1,
            }),
            outcome: Some(Outcome::Carried),
        };
        assert_eq!(
            motion_line(&labels, &motion),
            "Moved by Norway, seconded by Chile; 12 in favour, 2 against, 1 abstention; carried"
        );
        assert_eq!(motion_line(&labels, &Motion::default()), "");
        let consensus = Motion {
            outcome: Some(Outcome::Consensus),
            ..Motion::default()
        };
        assert_eq!(motion_line(&labels, &consensus), "adopted by consensus");
    }

    #[test]
    fn numbered_paragraphs_run_across_the_document() {
        let meeting = fold(vec![
            attendee("Lebanon", "President", None),
            attendee("Norway", "Member", None),
            Event::ChairSet { attendee: Id(0) },
            Event::ItemAdded {
                title: "A".into(),
                planned: None,
            },
            Event::ItemAdded {
                title: "B".into(),
                planned: None,
            },
            Event::ItemTakenUp { item: Id(3) },
            say(0, "One.\nTwo."),
            say(1, "Three.\n- a list item is not a paragraph"),
            Event::ItemTakenUp { item: Id(4) },
            say(0, "Four."),
        ]);
        let options = Options {
            numbered: true,
            ..Options::default()
        };
        let minutes = english(&meeting, &options);
        let numbers: Vec<usize> = minutes
            .items
            .iter()
            .flat_map(|s| {
                s.introduction
                    .iter()
                    .chain(s.discussion.iter().flat_map(|b| &b.paragraphs))
            })
            .map(|p| p.number)
            .collect();
        assert_eq!(numbers, [1, 2, 3, 4]);
        assert!(english(&meeting, &Options::default()).items[0].introduction[0].number == 0);
    }

    #[test]
    fn decision_numbers_follow_the_meeting_number_or_the_pattern() {
        let meeting = fold(vec![
            Event::TitleSet {
                title: "5th Meeting of the CCM Coordination Committee".into(),
            },
            Event::ItemAdded {
                title: "A".into(),
                planned: None,
            },
            Event::ItemTakenUp { item: Id(1) },
            Event::DecisionRecorded {
                text: "One.".into(),
            },
            Event::DecisionRecorded {
                text: "Two.".into(),
            },
        ]);
        let refs = |options: &Options| -> Vec<String> {
            english(&meeting, options)
                .decisions
                .into_iter()
                .map(|d| d.reference)
                .collect()
        };
        assert_eq!(refs(&Options::default()), ["5/1", "5/2"]);
        let pattern = Options {
            decision_numbers: Some("D{item}.{n}".into()),
            ..Options::default()
        };
        assert_eq!(refs(&pattern), ["D1.1", "D1.2"]);
        let numbered = Options {
            meeting_number: Some(7),
            ..Options::default()
        };
        assert_eq!(refs(&numbered), ["7/1", "7/2"]);
        let minutes = english(&meeting, &Options::default());
        assert_eq!(minutes.items[0].discussion[0].label, "Decision 5/1");

        let untitled = fold(vec![Event::DecisionRecorded { text: "x".into() }]);
        let err = build(
            &untitled,
            &Options {
                decision_numbers: Some("{meeting}/{n}".into()),
                ..Options::default()
            },
            &Catalogue::english(),
        )
        .expect_err("no meeting number");
        assert!(err.to_string().contains("--meeting-number"), "{err}");
        assert_eq!(
            english(&untitled, &Options::default()).decisions[0].reference,
            "1"
        );
    }

    #[test]
    fn final_minutes_have_an_approval_block_and_drafts_a_mark() {
        let meeting = fold(vec![
            attendee("Maren Solberg", "Chair", Some("Chair")),
            Event::ChairSet { attendee: Id(0) },
        ]);
        let final_ = Options {
            status: Some(DocStatus::Final),
            prepared_by: vec!["Leila Nasser".into()],
            approved: NaiveDate::from_ymd_opt(2026, 3, 20),
            symbol: Some("WG.12/2026/1".into()),
            ..Options::default()
        };
        let minutes = english(&meeting, &final_);
        let approval = minutes.approval.expect("an approval block");
        assert_eq!(approval.approved_on, "20 March 2026");
        let signatures: Vec<(&str, &str)> = approval
            .signatures
            .iter()
            .map(|s| (s.role.as_str(), s.name.as_str()))
            .collect();
        assert_eq!(
            signatures,
            [("Chair", "Maren Solberg"), ("Secretary", "Leila Nasser")]
        );
        assert_eq!(minutes.draft_mark, "");
        assert_eq!(minutes.running_header, "WG.12/2026/1");
        // "In the chair" names the chair without repeating the capacity.
        assert_eq!(minutes.chair, "Maren Solberg");

        let draft = Options {
            status: Some(DocStatus::Draft),
            ..Options::default()
        };
        let minutes = english(&meeting, &draft);
        assert_eq!(minutes.draft_mark, "DRAFT");
        assert_eq!(minutes.status_label, "Draft");
        assert!(minutes.approval.is_none());
        assert_eq!(minutes.running_header, "Minutes");
    }

    mod shared {
        use super::super::{Arc, paragraphs, shared_paragraph};
        use proptest::prelude::*;

        proptest! {
            /// A paragraph that shares the entry's text is exactly the one paragraph the text
            /// would have made, and texts of one clean line are shared.
            #[test]
            fn a_shared_paragraph_is_the_paragraph_made(
                text in r"( |\t|\n|\r|a|é|- |1\. |\x1b|\u{202e}|\u{a0}|x y){0,8}"
            ) {
                let text: Arc<str> = text.into();
                let made = paragraphs(&text);
                match shared_paragraph(&text) {
                    Some(shared) => {
                        prop_assert!(Arc::ptr_eq(&shared.text, &text));
                        prop_assert_eq!(made, vec![shared]);
                    }
                    None => prop_assert!(
                        made.len() != 1 || made[0].list.is_some() || *made[0].text != *text,
                        "{:?} could have been shared", text
                    ),
                }
            }
        }
    }
}
