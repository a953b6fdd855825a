//! The body of `word/document.xml`, built from the format-neutral [`Minutes`] in the same order
//! and with the same words as the other formats: paragraphs in named styles (so a reference
//! document's house style applies), real lists, bold labels, tables for the action points and
//! the statistics. Every string is XML-escaped on its way in; the labels are the catalogue's.

use std::fmt::Write as _;

use super::escape_into;
use super::styles::{Numbering, Style, StyleMap};
use crate::export::model::{Block, BlockKind, List, Minutes, Paragraph, Section};

/// Column widths of tables, in twentieths of a point; they add up to the text width of an A4
/// page with 2.5 cm margins (9026). Tables are 100% wide, so other pages scale them.
const ACTION_COLUMNS: [u32; 6] = [600, 1600, 3326, 1300, 800, 1400];
const ATTENDEE_COLUMNS: [u32; 4] = [3726, 1700, 1900, 1700];
const ITEM_COLUMNS: [u32; 4] = [4026, 1700, 1900, 1400];

/// A line to write on, in signature blocks.
const BLANK: &str = "______________________________";

/// Writes the body (everything inside `w:body` but the section properties).
pub fn body(minutes: &Minutes, styles: &StyleMap, numbering: &mut Numbering) -> String {
    let mut xml = Vec::with_capacity(8192 + minutes.items.len() * 4096);
    // Writing into a Vec cannot fail.
    let _ = write_body(minutes, styles, numbering, &mut xml);
    String::from_utf8(xml).unwrap_or_default()
}

/// [`body`], written to `out` a section at a time (rather than made whole, then copied).
pub fn write_body(
    minutes: &Minutes,
    styles: &StyleMap,
    numbering: &mut Numbering,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    write_body_with(minutes, &minutes.items, styles, numbering, out)
}

/// [`write_body`] with the agenda items' sections given apart (`minutes.items` is not read):
/// they may be arriving one at a time, each let go once written.
pub fn write_body_with<S: std::borrow::Borrow<Section>>(
    minutes: &Minutes,
    items: impl IntoIterator<Item = S>,
    styles: &StyleMap,
    numbering: &mut Numbering,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut d = Doc {
        xml: String::with_capacity(64 * 1024),
        minutes,
        styles,
        numbering,
    };
    d.title_block();
    d.attendance();
    d.agenda();
    if let Some(opening) = &minutes.opening {
        d.section(opening);
    }
    for item in items {
        d.section(item.borrow());
        if d.xml.len() >= 64 * 1024 {
            out.write_all(d.xml.as_bytes())?;
            d.xml.clear();
        }
    }
    d.actions();
    d.decisions();
    d.closing();
    d.stats();
    out.write_all(d.xml.as_bytes())
}

/// A run of text with its emphasis. Line breaks in the text become `<w:br/>`.
#[derive(Clone, Copy)]
struct Run<'a> {
    text: &'a str,
    bold: bool,
    italic: bool,
}

impl<'a> Run<'a> {
    fn plain(text: &'a str) -> Self {
        Run {
            text,
            bold: false,
            italic: false,
        }
    }

    fn bold(text: &'a str) -> Self {
        Run {
            bold: true,
            ..Run::plain(text)
        }
    }

    fn italic(text: &'a str) -> Self {
        Run {
            italic: true,
            ..Run::plain(text)
        }
    }
}

/// How a paragraph is set.
#[derive(Clone, Copy, Default)]
struct Props {
    style: Option<Style>,
    /// (numId, level)
    list: Option<(u32, u32)>,
    keep_next: bool,
}

impl Props {
    fn style(style: Style) -> Self {
        Props {
            style: Some(style),
            ..Props::default()
        }
    }

    fn list(num: u32, level: u32) -> Self {
        Props {
            style: Some(Style::ListParagraph),
            list: Some((num, level)),
            keep_next: false,
        }
    }
}

struct Doc<'a> {
    xml: String,
    minutes: &'a Minutes,
    styles: &'a StyleMap,
    numbering: &'a mut Numbering,
}

impl Doc<'_> {
    fn label(&self, key: &str) -> String {
        self.minutes
            .labels
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }

    /// "Label: " with the language's colon.
    fn lead(&self, text: &str) -> String {
        format!("{text}{} ", self.label("colon"))
    }

    fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        crate::export::i18n::fill(&self.label(key), values)
    }

    fn paragraph(&mut self, props: Props, runs: &[Run]) {
        self.xml.push_str("<w:p>");
        if props.style.is_some() || props.list.is_some() || props.keep_next {
            self.xml.push_str("<w:pPr>");
            if let Some(style) = props.style {
                let _ = write!(self.xml, "<w:pStyle w:val=\"{}\"/>", self.styles.id(style));
            }
            if props.keep_next {
                self.xml.push_str("<w:keepNext/>");
            }
            if let Some((num, level)) = props.list {
                let _ = write!(
                    self.xml,
                    "<w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"{num}\"/></w:numPr>"
                );
            }
            self.xml.push_str("</w:pPr>");
        }
        self.runs(runs);
        self.xml.push_str("</w:p>");
    }

    fn heading(&mut self, style: Style, text: &str) {
        self.paragraph(Props::style(style), &[Run::plain(text)]);
    }

    fn runs(&mut self, runs: &[Run]) {
        for run in runs.iter().filter(|r| !r.text.is_empty()) {
            self.xml.push_str("<w:r>");
            match (run.bold, run.italic) {
                (true, true) => self.xml.push_str("<w:rPr><w:b/><w:i/></w:rPr>"),
                (true, false) => self.xml.push_str("<w:rPr><w:b/></w:rPr>"),
                (false, true) => self.xml.push_str("<w:rPr><w:i/></w:rPr>"),
                (false, false) => {}
            }
            for (i, line) in run.text.split('\n').enumerate() {
                if i > 0 {
                    self.xml.push_str("<w:br/>");
                }
                self.xml.push_str("<w:t xml:space=\"preserve\">");
                escape_into(&mut self.xml, line);
                self.xml.push_str("</w:t>");
            }
            self.xml.push_str("</w:r>");
        }
    }

    fn list(&mut self, list: &List, level: u32) {
        let num = if list.ordered {
            self.numbering.ordered_list(list.start)
        } else {
            self.numbering.bullets()
        };
        for item in &list.items {
            self.paragraph(Props::list(num, level), &[Run::plain(item)]);
        }
    }

    fn title_block(&mut self) {
        let m = self.minutes;
        self.heading(Style::Title, &m.title);
        if !m.subtitle.is_empty() {
            self.heading(Style::Subtitle, &m.subtitle);
        }
        let when = [m.date.as_str(), m.time.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        for line in [when.as_str(), m.place.as_str()] {
            if !line.is_empty() {
                self.paragraph(Props::default(), &[Run::italic(line)]);
            }
        }
        for (key, value) in [
            ("symbol", &m.symbol),
            ("status", &m.status_label),
            ("issued", &m.issued),
        ] {
            if !value.is_empty() {
                let lead = self.lead(&self.label(key));
                self.paragraph(Props::default(), &[Run::bold(&lead), Run::plain(value)]);
            }
        }
    }

    fn attendance(&mut self) {
        let m = self.minutes;
        if !m.chair.is_empty() {
            let lead = self.lead(&self.label("in_the_chair"));
            self.paragraph(Props::default(), &[Run::bold(&lead), Run::plain(&m.chair)]);
        }
        if m.attendance.iter().any(|g| !g.attendees.is_empty()) {
            self.heading(Style::Heading1, &self.label("attendees"));
            for group in &m.attendance {
                if !group.title.is_empty() {
                    self.heading(Style::Heading3, &group.title);
                }
                for a in &group.attendees {
                    let presence = if a.presence.is_empty() {
                        String::new()
                    } else {
                        format!(" – {}", a.presence)
                    };
                    let num = self.numbering.bullets();
                    self.paragraph(
                        Props::list(num, 0),
                        &[Run::plain(&a.text), Run::italic(&presence)],
                    );
                }
            }
        }
        if !m.regrets.is_empty() {
            let lead = format!("{}{}", self.label("regrets"), self.label("colon"));
            let props = Props {
                keep_next: true,
                ..Props::default()
            };
            self.paragraph(props, &[Run::bold(&lead)]);
            for name in &m.regrets {
                let num = self.numbering.bullets();
                self.paragraph(Props::list(num, 0), &[Run::plain(name)]);
            }
        }
    }

    fn agenda(&mut self) {
        let m = self.minutes;
        if !m.agenda.is_empty() {
            self.heading(Style::Heading1, &self.label("agenda"));
            let num = self.numbering.ordered_list(1);
            for line in &m.agenda {
                self.paragraph(Props::list(num, 0), &[Run::plain(&line.title)]);
            }
        }
        if !m.opened.is_empty() {
            let text = self.fill("called_to_order", &[("time", &m.opened)]);
            self.paragraph(Props::default(), &[Run::plain(&text)]);
        }
    }

    /// An agenda item (or the opening): heading, the chair's introduction as bullets (or
    /// numbered paragraphs), then the discussion.
    fn section(&mut self, section: &Section) {
        self.heading(Style::Heading1, &section.heading);
        for p in &section.introduction {
            let time = time_prefix(p);
            let props = if p.number > 0 {
                Props::list(self.numbering.paragraphs(), 0)
            } else {
                Props::list(self.numbering.bullets(), 0)
            };
            if p.text.is_empty() && p.number == 0 {
                // A list typed on its own: its items are the bullets.
                if let Some(list) = &p.list {
                    self.list(list, 0);
                }
                continue;
            }
            self.paragraph(props, &[Run::italic(&time), Run::plain(&p.text)]);
            if let Some(list) = &p.list {
                self.list(list, 1);
            }
        }
        if section.discussion.is_empty() {
            return;
        }
        self.heading(Style::Heading2, &self.label("discussion"));
        for block in &section.discussion {
            self.block(block);
        }
    }

    fn block(&mut self, block: &Block) {
        let lead = match block.kind {
            BlockKind::Statement | BlockKind::Decision => self.lead(&block.label),
            BlockKind::Note => String::new(),
        };
        let prefix = if block.prefix.is_empty() {
            String::new()
        } else {
            self.lead(&block.prefix)
        };
        for (i, p) in block.paragraphs.iter().enumerate() {
            let time = time_prefix(p);
            let (lead, prefix) = if i == 0 {
                (lead.as_str(), prefix.as_str())
            } else {
                ("", "")
            };
            let props = if p.number > 0 {
                Props::list(self.numbering.paragraphs(), 0)
            } else {
                Props::default()
            };
            self.paragraph(
                props,
                &[
                    Run::italic(&time),
                    Run::bold(lead),
                    Run::italic(prefix),
                    Run::plain(&p.text),
                ],
            );
            if let Some(list) = &p.list {
                self.list(list, 0);
            }
        }
    }

    fn actions(&mut self) {
        let m = self.minutes;
        if m.actions.is_empty() {
            return;
        }
        self.heading(Style::Heading1, &self.label("actions"));
        let header = [
            "action.number",
            "action.owner",
            "action.text",
            "action.due",
            "action.item",
            "action.status",
        ]
        .map(|key| self.label(key));
        let mut rows = vec![header];
        for a in &m.actions {
            let text = if a.time.is_empty() {
                a.text.clone()
            } else {
                format!("{} {}", a.time, a.text)
            };
            rows.push([
                a.number.to_string(),
                a.owner.clone(),
                text,
                a.due.clone(),
                item_ref(a.item),
                a.status.clone(),
            ]);
        }
        self.table(&ACTION_COLUMNS, &rows);
    }

    fn decisions(&mut self) {
        let m = self.minutes;
        if m.decisions.is_empty() {
            return;
        }
        self.heading(Style::Heading1, &self.label("decisions"));
        for decision in &m.decisions {
            let item = match decision.item {
                0 => String::new(),
                n => format!(" ({})", self.fill("item", &[("number", &n.to_string())])),
            };
            let time = match decision.time.as_str() {
                "" => String::new(),
                time => format!("{time} "),
            };
            let reference = match decision.reference.as_str() {
                "" => String::new(),
                r => format!("{r} "),
            };
            self.paragraph(
                Props {
                    keep_next: !decision.motion.is_empty(),
                    ..Props::default()
                },
                &[
                    Run::bold(&reference),
                    Run::italic(&time),
                    Run::plain(&decision.text),
                    Run::plain(&item),
                ],
            );
            if !decision.motion.is_empty() {
                self.paragraph(Props::default(), &[Run::italic(&decision.motion)]);
            }
        }
    }

    fn closing(&mut self) {
        let m = self.minutes;
        if !m.closed.is_empty() {
            let text = self.fill("rose", &[("time", &m.closed)]);
            self.paragraph(Props::default(), &[Run::plain(&text)]);
        }
        if !m.prepared_by.is_empty() {
            let lead = self.lead(&self.label("prepared_by"));
            let names = m.prepared_by.join(", ");
            self.paragraph(Props::default(), &[Run::bold(&lead), Run::plain(&names)]);
        }
        if let Some(approval) = &m.approval {
            self.heading(Style::Heading1, &self.label("approval"));
            let lead = self.lead(&self.label("approved_on"));
            let on = if approval.approved_on.is_empty() {
                BLANK
            } else {
                approval.approved_on.as_str()
            };
            self.paragraph(Props::default(), &[Run::bold(&lead), Run::plain(on)]);
            for signature in &approval.signatures {
                let lead = self.lead(&signature.role);
                let keep = Props {
                    keep_next: true,
                    ..Props::default()
                };
                self.paragraph(keep, &[Run::bold(&lead), Run::plain(&signature.name)]);
                let line = format!(
                    "{}{BLANK}    {}{}",
                    self.lead(&self.label("signature")),
                    self.lead(&self.label("date")),
                    &BLANK[..16]
                );
                self.paragraph(Props::default(), &[Run::plain(&line)]);
            }
        }
    }

    fn stats(&mut self) {
        let Some(stats) = &self.minutes.stats else {
            return;
        };
        self.heading(Style::Heading1, &self.label("statistics"));
        let duration = self.fill("duration", &[("duration", &stats.duration)]);
        self.paragraph(Props::default(), &[Run::plain(&duration)]);
        self.heading(Style::Heading2, &self.label("speaking_time"));
        let header = [
            "stats.attendee",
            "speaking_time",
            "stats.interventions",
            "stats.statements",
        ]
        .map(|key| self.label(key));
        let mut rows = vec![header];
        for a in &stats.attendees {
            rows.push([
                a.name.clone(),
                match a.overruns {
                    0 => a.speaking.clone(),
                    _ => format!("{}, {}", a.speaking, a.overruns_text),
                },
                a.interventions.to_string(),
                a.statements.to_string(),
            ]);
        }
        self.table(&ATTENDEE_COLUMNS, &rows);
        self.heading(Style::Heading2, &self.label("time_per_item"));
        let header = [
            "stats.item",
            "stats.time",
            "stats.interventions",
            "stats.speakers",
        ]
        .map(|key| self.label(key));
        let mut rows = vec![header];
        for i in &stats.items {
            rows.push([
                format!("{} – {}", i.number, i.title),
                match i.planned.is_empty() {
                    true => i.time.clone(),
                    false => format!("{} ({})", i.time, i.planned_text),
                },
                i.interventions.to_string(),
                i.speakers.to_string(),
            ]);
        }
        self.table(&ITEM_COLUMNS, &rows);
        let overruns: Vec<String> = stats.overruns.iter().map(|o| o.text.clone()).collect();
        for (heading, lines) in [("speaking_limits", &stats.limits), ("overruns", &overruns)] {
            if lines.is_empty() {
                continue;
            }
            self.heading(Style::Heading2, &self.label(heading));
            let num = self.numbering.bullets();
            for line in lines {
                self.paragraph(Props::list(num, 0), &[Run::plain(line)]);
            }
        }
    }

    fn table<const N: usize>(&mut self, columns: &[u32; N], rows: &[[String; N]]) {
        let _ = write!(
            self.xml,
            "<w:tbl><w:tblPr><w:tblStyle w:val=\"{}\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/>\
             </w:tblPr><w:tblGrid>",
            self.styles.id(Style::TableGrid)
        );
        for width in columns {
            let _ = write!(self.xml, "<w:gridCol w:w=\"{width}\"/>");
        }
        self.xml.push_str("</w:tblGrid>");
        for (r, row) in rows.iter().enumerate() {
            self.xml.push_str("<w:tr>");
            if r == 0 {
                self.xml
                    .push_str("<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
            } else {
                self.xml.push_str("<w:trPr><w:cantSplit/></w:trPr>");
            }
            for (cell, width) in row.iter().zip(columns) {
                let _ = write!(
                    self.xml,
                    "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/></w:tcPr>"
                );
                let run = if r == 0 {
                    Run::bold(cell)
                } else {
                    Run::plain(cell)
                };
                self.paragraph(Props::style(Style::TableText), &[run]);
                self.xml.push_str("</w:tc>");
            }
            self.xml.push_str("</w:tr>");
        }
        self.xml.push_str("</w:tbl>");
    }
}

fn item_ref(item: usize) -> String {
    match item {
        0 => "–".to_string(),
        n => n.to_string(),
    }
}

fn time_prefix(p: &Paragraph) -> String {
    if p.time.is_empty() {
        String::new()
    } else {
        format!("{} ", p.time)
    }
}
