//! Exports, read back as a reader (or a program) would read them: snapshots of every format for
//! the example meetings; Markdown parsed with a CommonMark parser; HTML and Markdown fed
//! hostile names and statements; the DOCX package unzipped and every part parsed as XML; the
//! seed minutes typed through the command language and found again in the Markdown; control
//! characters put straight into events; templates overridden and broken.

mod common;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use common::seed::{ATTENDEES, INTRODUCTION, ITEM_1, ITEM_2};
use pulldown_cmark::{Event as Md, HeadingLevel, Parser, Tag, TagEnd};
use scribe::export::{ExportError, Format, Options, export};
use scribe::meeting::{EntryKind, Event, Id, Log, Meeting, Owner, Stamped, Timestamp};

fn start() -> Timestamp {
    chrono::DateTime::parse_from_rfc3339("2026-03-12T10:00:00+01:00").unwrap()
}

/// The example meetings in `sessions/`, by file stem.
fn example_meetings() -> Vec<(String, Meeting)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    paths.sort();
    assert!(
        !paths.is_empty(),
        "no example meetings in {}",
        dir.display()
    );
    paths
        .into_iter()
        .map(|path| {
            let events = scribe::store::load(&path).unwrap();
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            (stem, Meeting::fold(&events))
        })
        .collect()
}

fn river_basins() -> Meeting {
    example_meetings()
        .into_iter()
        .find(|(stem, _)| stem == "river-basins-12th")
        .expect("sessions/river-basins-12th.ron")
        .1
}

fn text(meeting: &Meeting, format: Format, options: &Options) -> String {
    String::from_utf8(export(meeting, format, options).unwrap()).unwrap()
}

fn detailed() -> Options {
    Options {
        times: true,
        stats: true,
        templates: None,
    }
}

/// A meeting from events, one minute apart.
fn fold(events: Vec<Event>) -> Meeting {
    let stamped: Vec<Stamped> = events
        .into_iter()
        .enumerate()
        .map(|(i, event)| Stamped {
            at: start() + chrono::TimeDelta::minutes(i as i64),
            event,
        })
        .collect();
    Meeting::fold(&stamped)
}

// ---------------------------------------------------------------------------------------------
// Snapshots

#[test]
fn snapshots_of_every_format_for_the_example_meetings() {
    for (stem, meeting) in example_meetings() {
        for (suffix, options) in [("", Options::default()), ("_times_stats", detailed())] {
            for format in [Format::Markdown, Format::Html, Format::Text] {
                let name = format!("{stem}{suffix}.{}", format.extension());
                insta::assert_snapshot!(name, text(&meeting, format, &options));
            }
            let docx = export(&meeting, Format::Docx, &options).unwrap();
            let name = format!("{stem}{suffix}.docx");
            insta::assert_snapshot!(name, docx_outline(&docx));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Markdown, read back with a CommonMark parser

/// A block of a Markdown document as a reader sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Block {
    Heading(u8, String),
    /// A paragraph: the text of a leading bold run (without its colon), and the rest.
    Paragraph(Option<String>, String),
    Item(String),
}

/// The blocks of a Markdown document, with every construct other than headings, paragraphs,
/// list items and bold labels reported as an error.
fn blocks(markdown: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut label: Option<String> = None;
    let mut strong_at_start = false;
    for event in Parser::new(markdown) {
        match event {
            Md::Start(Tag::Heading { .. } | Tag::Paragraph | Tag::Item) => {
                text.clear();
                label = None;
            }
            Md::End(TagEnd::Heading(level)) => {
                let level = match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    HeadingLevel::H3 => 3,
                    other => panic!("unexpected heading level {other:?}"),
                };
                out.push(Block::Heading(level, std::mem::take(&mut text)));
            }
            Md::End(TagEnd::Paragraph) => {
                out.push(labelled(label.take(), std::mem::take(&mut text)));
            }
            // A list item that starts with a bold label reads as a labelled paragraph.
            Md::End(TagEnd::Item) if label.is_some() => {
                out.push(labelled(label.take(), std::mem::take(&mut text)));
            }
            Md::End(TagEnd::Item) => {
                if !text.is_empty() {
                    out.push(Block::Item(std::mem::take(&mut text)));
                }
            }
            Md::Start(Tag::Strong) => strong_at_start = text.is_empty(),
            Md::End(TagEnd::Strong) => {
                if strong_at_start {
                    let bold = std::mem::take(&mut text);
                    label = Some(bold.trim_end_matches(':').to_string());
                }
            }
            Md::Start(Tag::Emphasis) | Md::End(TagEnd::Emphasis) => {}
            Md::Start(Tag::List(_)) | Md::End(TagEnd::List(_)) => {}
            Md::Text(t) => text.push_str(&t),
            Md::SoftBreak => text.push(' '),
            Md::HardBreak => text.push('\n'),
            other => panic!("unexpected Markdown construct {other:?} in:\n{markdown}"),
        }
    }
    out
}

fn labelled(label: Option<String>, text: String) -> Block {
    match label {
        Some(label) => Block::Paragraph(Some(label), text.trim_start().to_string()),
        None => Block::Paragraph(None, text),
    }
}

/// The paragraphs of the section under `heading`, up to the next heading of the same level or
/// higher.
fn section<'a>(blocks: &'a [Block], heading: &str) -> &'a [Block] {
    let at = blocks
        .iter()
        .position(|b| matches!(b, Block::Heading(_, h) if h == heading))
        .unwrap_or_else(|| panic!("no heading '{heading}' in {blocks:#?}"));
    let Block::Heading(level, _) = &blocks[at] else {
        unreachable!()
    };
    let end = blocks[at + 1..]
        .iter()
        .position(|b| matches!(b, Block::Heading(l, _) if l <= level))
        .map_or(blocks.len(), |n| at + 1 + n);
    &blocks[at + 1..end]
}

#[test]
fn markdown_parses_back_to_the_headings_and_text_of_the_meeting() {
    let meeting = river_basins();
    let markdown = text(&meeting, Format::Markdown, &Options::default());
    let blocks = blocks(&markdown);

    let headings: Vec<(u8, String)> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(level, text) => Some((*level, text.clone())),
            _ => None,
        })
        .collect();
    let mut expected = vec![
        (1, meeting.meta.title.clone()),
        (2, "List of Attendees".to_string()),
    ];
    for (i, item) in meeting.agenda.items().iter().enumerate() {
        expected.push((2, format!("Agenda Item {} – {}", i + 1, item.title)));
        expected.push((3, "Discussion".to_string()));
    }
    expected.push((2, "Action Points".to_string()));
    expected.push((2, "Decisions".to_string()));
    assert_eq!(headings, expected);

    let attendees = section(&blocks, "List of Attendees");
    for a in meeting.roster.iter() {
        assert!(
            attendees.contains(&Block::Item(a.with_capacity())),
            "{} missing from the attendees",
            a.name
        );
    }

    // Every entry is found, with its label, under its own item.
    for entry in meeting.entries.iter() {
        let n = entry.item.and_then(|id| meeting.agenda.number(id)).unwrap();
        let title = &meeting.agenda.by_number(n).unwrap().title;
        let under = section(&blocks, &format!("Agenda Item {n} – {title}"));
        let found = match &entry.kind {
            EntryKind::Statement { voice, .. } => {
                let label = voice.label();
                under.iter().any(|b| match b {
                    Block::Item(t) => *t == entry.text && voice.chair,
                    Block::Paragraph(Some(l), t) => *l == label && *t == entry.text,
                    // A statement merged under the label of the one before it.
                    Block::Paragraph(None, t) => *t == entry.text,
                    _ => false,
                })
            }
            EntryKind::Note => under
                .iter()
                .any(|b| matches!(b, Block::Paragraph(None, t) | Block::Item(t) if *t == entry.text)),
            EntryKind::Decision | EntryKind::Motion(_) => under.iter().any(
                |b| matches!(b, Block::Paragraph(Some(l), t) if l == "Decision" && *t == entry.text),
            ),
            EntryKind::Action { owners, .. } => {
                let owner = meeting.owner_names(owners);
                section(&blocks, "Action Points").iter().any(|b| {
                    matches!(b, Block::Paragraph(Some(l), t) if *l == owner && t.starts_with(&entry.text) && t.ends_with(&format!("(item {n})")))
                })
            }
        };
        assert!(found, "entry not found under item {n}: {entry:?}");
    }
}

/// A meeting whose every text tries to make Markdown, HTML or XML structure.
fn hostile_meeting() -> Meeting {
    let name = "Evil \"Corp\" <script>alert('x')</script> & *Sons*";
    let statements = [
        "# not a heading",
        "- not a list",
        "1. not a numbered list",
        "2) nor this",
        "+ plus",
        "> not a quote",
        "---",
        "===",
        "*stars* and _under_ and __double__",
        "<b>bold</b> <script>alert(1)</script> <!-- comment -->",
        "| a | b |",
        "[a link](http://example.org) and ![an image](x.png)",
        "`code` and ``more``",
        "&amp; &copy; &#169; AT&T",
        "back\\slash at the end\\",
        "~~struck~~",
        "a line\n    indented code\n- and a dash",
        "<http://example.org> and https://example.org",
        "\"quoted\" and 'single'",
    ];
    let mut events = vec![
        Event::TitleSet {
            title: "# Title <i>with</i> *markup* & \"quotes\"".into(),
        },
        Event::SubtitleSet {
            subtitle: "_sub_ <sub>".into(),
        },
        Event::PlaceSet {
            place: "[Room](javascript:alert(1))".into(),
        },
        Event::AttendeeAdded {
            name: name.into(),
            capacity: Some("<b>Capacity</b> & \"more\"".into()),
            label: Some("*L*".into()),
            aliases: vec!["evil".into()],
            group: None,
        },
        Event::AttendeeAdded {
            name: "1. Chair".into(),
            capacity: Some("_President_".into()),
            label: None,
            aliases: vec![],
            group: None,
        },
        Event::ChairSet { attendee: Id(4) },
        Event::RegretsRecorded {
            name: "<img src=x onerror=alert(1)>".into(),
        },
        Event::ItemAdded {
            title: "## <em>Item</em> | one #".into(),
            planned: None,
        },
        Event::ItemTakenUp { item: Id(7) },
    ];
    for text in statements {
        events.push(Event::StatementRecorded {
            speaker: Id(3),
            text: text.into(),
        });
        events.push(Event::NoteRecorded { text: text.into() });
    }
    events.push(Event::ActionRecorded {
        owner: Owner::Named("<All> & \"everyone\"".into()),
        also: vec![],
        text: "*do* <it>\n- now".into(),
        due: None,
    });
    events.push(Event::DecisionRecorded {
        text: "# <decided> & done".into(),
    });
    events.push(Event::MeetingClosed);
    fold(events)
}

#[test]
fn markdown_escapes_whatever_would_change_the_structure() {
    let meeting = hostile_meeting();
    let markdown = text(&meeting, Format::Markdown, &Options::default());
    // `blocks` panics on any construct but headings, paragraphs, list items and bold labels:
    // no emphasis from the text, no HTML, no links, no code, no rules, no quotes.
    let with_times = blocks(&text(&meeting, Format::Markdown, &detailed()));
    let headings = with_times
        .iter()
        .filter(|b| matches!(b, Block::Heading(..)));
    assert_eq!(headings.count(), 9, "{with_times:#?}");
    let blocks = blocks(&markdown);
    let item = meeting.agenda.items()[0].title.clone();
    let headings: Vec<&Block> = blocks
        .iter()
        .filter(|b| matches!(b, Block::Heading(..)))
        .collect();
    assert_eq!(
        headings,
        [
            &Block::Heading(1, meeting.meta.title.clone()),
            &Block::Heading(2, "List of Attendees".into()),
            &Block::Heading(2, format!("Agenda Item 1 – {item}")),
            &Block::Heading(3, "Discussion".into()),
            &Block::Heading(2, "Action Points".into()),
            &Block::Heading(2, "Decisions".into()),
        ]
    );
    let label = meeting.speaker_label(Id(3));
    let discussion = section(&blocks, "Discussion");
    for entry in meeting.entries.iter() {
        let lines: Vec<&str> = entry.text.lines().map(str::trim).collect();
        match entry.kind {
            EntryKind::Statement { .. } => {
                let first = lines[0].to_string();
                assert!(
                    discussion.contains(&Block::Paragraph(Some(label.clone()), first.clone())),
                    "{first:?} not found as a statement of {label:?} in {discussion:#?}"
                );
                for line in &lines[1..] {
                    assert!(discussion.contains(&Block::Paragraph(None, line.to_string())));
                }
            }
            EntryKind::Note => {
                for line in &lines {
                    assert!(
                        discussion.contains(&Block::Paragraph(None, line.to_string())),
                        "{line:?} not found as a note"
                    );
                }
            }
            _ => {}
        }
    }
    assert!(
        section(&blocks, "Action Points").contains(&Block::Paragraph(
            Some("<All> & \"everyone\"".into()),
            "*do* <it>\n- now (item 1)".into()
        ))
    );
    assert!(
        section(&blocks, "Decisions").contains(&Block::Paragraph(
            None,
            "# <decided> & done (item 1)".into()
        )) || section(&blocks, "Decisions")
            .contains(&Block::Item("# <decided> & done (item 1)".into()))
    );
}

// ---------------------------------------------------------------------------------------------
// HTML

#[test]
fn html_escapes_every_user_string() {
    let meeting = hostile_meeting();
    for options in [Options::default(), detailed()] {
        let html = text(&meeting, Format::Html, &options);
        for raw in [
            "<script",
            "<b>",
            "<i>",
            "<em>",
            "<img",
            "<sub>",
            "<it>",
            "<All>",
            "<!--",
            "\"Corp\"",
            "\"quotes\"",
            "'x'",
            "AT&T",
            "& *Sons*",
        ] {
            assert!(!html.contains(raw), "{raw} is in the HTML unescaped");
        }
        assert!(html.contains("&lt;script&gt;alert("));
        // Every & starts an entity.
        for (at, _) in html.match_indices('&') {
            let rest = &html[at..];
            let end = rest.find(';').expect("an entity ends with ;");
            let entity = &rest[1..end];
            assert!(
                entity
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '#')
                    && end < 12,
                "a bare & at {}",
                &rest[..rest.len().min(20)]
            );
        }
    }
}

#[test]
fn html_is_standalone_with_an_id_on_every_heading() {
    let html = text(&river_basins(), Format::Html, &detailed());
    assert!(html.starts_with("<!DOCTYPE html>"));
    for external in ["<link", "<script", "src=", "@import", "url(", "href=\"http"] {
        assert!(!html.contains(external), "{external} in a standalone file");
    }
    assert!(html.contains("@media print"));
    let headings = html.matches("<h1").count() + html.matches("<h2").count();
    let headings = headings + html.matches("<h3").count();
    let with_id = html.matches("<h1 id=\"").count()
        + html.matches("<h2 id=\"").count()
        + html.matches("<h3 id=\"").count();
    assert!(headings > 10);
    assert_eq!(headings, with_id);
    // The ids are unique.
    let mut ids: Vec<&str> = html
        .split(" id=\"")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .collect();
    let count = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), count, "duplicate ids");
}

// ---------------------------------------------------------------------------------------------
// Text

#[test]
fn text_is_wrapped_at_72_columns() {
    for options in [Options::default(), detailed()] {
        let txt = text(&river_basins(), Format::Text, &options);
        for line in txt.lines() {
            let width = unicode_width::UnicodeWidthStr::width(line);
            assert!(
                width <= 72 || !line.trim().contains(' '),
                "{width} columns: {line}"
            );
        }
        assert!(txt.contains("Agenda Item 2 – Preparations for the Fourth Meeting"));
    }
}

// ---------------------------------------------------------------------------------------------
// DOCX

const PARTS: [&str; 8] = [
    "[Content_Types].xml",
    "_rels/.rels",
    "docProps/core.xml",
    "docProps/app.xml",
    "word/document.xml",
    "word/styles.xml",
    "word/numbering.xml",
    "word/_rels/document.xml.rels",
];

/// The parts of a DOCX package, by name.
fn unzip(docx: &[u8]) -> BTreeMap<String, String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut parts = BTreeMap::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let mut text = String::new();
        file.read_to_string(&mut text).unwrap();
        parts.insert(file.name().to_string(), text);
    }
    parts
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// The text of a paragraph or cell.
fn text_of(node: roxmltree::Node) -> String {
    let mut out = String::new();
    for n in node.descendants() {
        if n.has_tag_name((W, "t")) {
            out.push_str(n.text().unwrap_or_default());
        } else if n.has_tag_name((W, "br")) {
            out.push('\n');
        }
    }
    out
}

/// A readable outline of `document.xml`: one line per paragraph, with its style, its list,
/// and bold runs in `**`; one line per table row.
fn docx_outline(docx: &[u8]) -> String {
    let parts = unzip(docx);
    let xml = roxmltree::Document::parse(&parts["word/document.xml"]).unwrap();
    let body = xml
        .descendants()
        .find(|n| n.has_tag_name((W, "body")))
        .unwrap();
    let mut out = String::new();
    for node in body.children().filter(|n| n.is_element()) {
        if node.has_tag_name((W, "p")) {
            let style = node
                .descendants()
                .find(|n| n.has_tag_name((W, "pStyle")))
                .and_then(|n| n.attribute((W, "val")))
                .unwrap_or("Normal");
            let list = node
                .descendants()
                .find(|n| n.has_tag_name((W, "numId")))
                .and_then(|n| n.attribute((W, "val")));
            out.push_str(&format!("[{style}"));
            if let Some(list) = list {
                out.push_str(&format!(" list {list}"));
            }
            out.push_str("] ");
            for run in node.children().filter(|n| n.has_tag_name((W, "r"))) {
                let bold = run.descendants().any(|n| n.has_tag_name((W, "b")));
                let italic = run.descendants().any(|n| n.has_tag_name((W, "i")));
                let t = text_of(run);
                match (bold, italic) {
                    (true, _) => out.push_str(&format!("**{t}**")),
                    (false, true) => out.push_str(&format!("_{t}_")),
                    _ => out.push_str(&t),
                }
            }
            out.push('\n');
        } else if node.has_tag_name((W, "tbl")) {
            for row in node.children().filter(|n| n.has_tag_name((W, "tr"))) {
                let cells: Vec<String> = row
                    .children()
                    .filter(|n| n.has_tag_name((W, "tc")))
                    .map(|c| text_of(c).replace('\n', " / "))
                    .collect();
                out.push_str(&format!("| {} |\n", cells.join(" | ")));
            }
        } else if node.has_tag_name((W, "sectPr")) {
            out.push_str("[section]\n");
        }
    }
    out
}

#[test]
fn docx_is_a_package_of_well_formed_parts_with_the_statements() {
    let meeting = river_basins();
    let docx = export(&meeting, Format::Docx, &detailed()).unwrap();
    let parts = unzip(&docx);
    let names: Vec<&str> = parts.keys().map(String::as_str).collect();
    let mut expected = PARTS.to_vec();
    expected.sort();
    assert_eq!(names, expected);
    for (name, xml) in &parts {
        if let Err(err) = roxmltree::Document::parse(xml) {
            panic!("{name} is not well-formed: {err}");
        }
    }

    let document = roxmltree::Document::parse(&parts["word/document.xml"]).unwrap();
    let paragraphs: Vec<roxmltree::Node> = document
        .descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .collect();
    let all_text: Vec<String> = paragraphs.iter().map(|p| text_of(*p)).collect();
    for entry in meeting.entries.iter() {
        assert!(
            all_text.iter().any(|t| t.contains(&entry.text)),
            "not in document.xml: {}",
            entry.text
        );
    }
    // Every paragraph style used is defined, and headings are real headings.
    let styles = roxmltree::Document::parse(&parts["word/styles.xml"]).unwrap();
    let defined: Vec<&str> = styles
        .descendants()
        .filter(|n| n.has_tag_name((W, "style")))
        .filter_map(|n| n.attribute((W, "styleId")))
        .collect();
    for used in document
        .descendants()
        .filter(|n| n.has_tag_name((W, "pStyle")) || n.has_tag_name((W, "tblStyle")))
        .filter_map(|n| n.attribute((W, "val")))
    {
        assert!(defined.contains(&used), "style {used} is not defined");
    }
    for heading in ["heading 1", "heading 2", "Title", "List Paragraph"] {
        assert!(parts["word/styles.xml"].contains(&format!("<w:name w:val=\"{heading}\"/>")));
    }
    // Labels are bold runs.
    let bold_runs: Vec<String> = document
        .descendants()
        .filter(|n| n.has_tag_name((W, "r")))
        .filter(|r| r.descendants().any(|n| n.has_tag_name((W, "b"))))
        .map(text_of)
        .collect();
    assert!(bold_runs.contains(&"Hanna Virtanen (Legal Adviser): ".to_string()));
    assert!(bold_runs.contains(&"Chair: ".to_string()));
    // Lists refer to numbering definitions that exist.
    for id in ["1", "2"] {
        assert!(parts["word/numbering.xml"].contains(&format!("<w:num w:numId=\"{id}\">")));
    }
}

#[test]
fn hostile_text_stays_text_in_the_docx() {
    let meeting = hostile_meeting();
    let parts = unzip(&export(&meeting, Format::Docx, &detailed()).unwrap());
    for (name, xml) in &parts {
        assert!(roxmltree::Document::parse(xml).is_ok(), "{name}");
    }
    let document = roxmltree::Document::parse(&parts["word/document.xml"]).unwrap();
    let texts: Vec<String> = document
        .descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .map(text_of)
        .collect();
    assert!(
        texts
            .iter()
            .any(|t| t.ends_with("<b>bold</b> <script>alert(1)</script> <!-- comment -->"))
    );
    assert!(parts["docProps/core.xml"].contains("# Title &lt;i&gt;with&lt;/i&gt;"));
}

// ---------------------------------------------------------------------------------------------
// The seed minutes, typed

const INTRODUCTION_2: &[&str] = &[
    "The President shared her sentiments towards CorCom about the future CCM ISU: there is a common feeling and understanding that the future CCM ISU is an important means to assist the states in translating the implementation efforts into practices that will change realities on the ground and assist them in fulfilling their treaty obligations. Pointed to the increasing number of States Parties, and the consequently growing need to institutionalize the work on the Convention in order to effectively feed into assisting victims, clearing contaminated lands and destroying stockpiles.",
    "The President then indicated that the working paper (submitted by the President) reflected in her opinion a coherent basis on which they would like to place the corner stone of future activities in this regard. The President stated that she has taken into consideration all the remarks and comments which have been highlighted, and remains open to any other later on.",
    "The President underlined that the establishment of the ISU will inevitably involve an agreement on its financing. It would thus be essential to identify a practical and sustainable solution to this issue so as to guarantee its budget and its capacity to enact the mandate that it has already received from States Parties. Referring to on-going consultations with States on a potential financial model for an ISU, the President shared that positions regarding a suitable financing model range from fully assessed to fully voluntary. The President added, however, that she was confident that weighted against the collaborative spirit and openness generally displayed and bearing in mind all the elements that would be conducive to a functional, independent, effective and inclusive ISU, there is a way to find options that all can agree on.",
    "The President stated that in addition to the working paper that has been circulated to all States Parties and Signatories, three financial models with the necessary clarifications will be presented during the “Open-ended consultations on the ISU Mandate and the CCM” on 29 February. She further added that the “Elements for a Draft Decision on the President’s Proposals for the Hosting Agreement of and the Financing Model for an Implementation Support Unit for the Convention on Cluster Munitions” will be mentioned in the presentation but not be circulated. As this paper remains a work in progress, it would first be necessary to gauge feelings within the Coordination Committee on the document in its entirety, with a view to amending the proposals if necessary before then putting it forward to the wider circle of States Parties.",
    "The President indicated that the discussions on the ISU and the financing aspect would consume the most time and asked the CorCom to be prepared to present briefly during the next day’s meeting on their respective thematic areas. She further mentioned that the provisional programme of work of the Intersessionals would be presented and asked Norway to prepare a briefing about the ongoing preparations for the Third MSP. The President informed the CorCom that a letter will be sent out to those Coordinators whose terms will come to an end by the 3 MSP, which will include, a request to start consultations identifying their respective replacements.",
    "The President then opened the floor for discussions.",
];

/// The discussion of item 2: who has the floor (`/floor NAME`, or `NAME:` for one line while
/// someone else has it) and what they said.
const DISCUSSION: &[(&str, &str)] = &[
    (
        "/floor Germany",
        "Thanked the Presidency for outlining the next day's meeting procedure. Inquired when the Invitation letter for the Intersessional Meeting and an information package for the participants will be sent out.",
    ),
    (
        "/floor Croatia",
        "Would like to clarify whether specific invitation letters to the Intersessional Meetings by the respective Coordinators should be sent out individually or in a complete package.",
    ),
    (
        "President:",
        "Underlined importance of States Parties' input on their needs at the Intersessionals. Hence, would like to convene another meeting before the Intersessionals to compile a \"Road Map for the Intersessionals\". Concerning the specific invitation letters, pointed to Spain and Portugal that have already sent out invitation letters. Considers this is a good way of proceeding if Coordinators could jointly sign and directly send the letters.",
    ),
    (
        "/floor UNDP",
        "Informed CorCom that the invitations for the Intersessionals will be sent out during the second week of March. Underlines that UNDP would be pleased to gather the invitations for the meetings and send them as a preparatory package before the Intersessionals.",
    ),
    (
        "",
        "Further suggested to the participants a working level meeting in mid-March to discuss how the individual sessions will be run and how topics will feed into each other.",
    ),
    (
        "/floor Croatia",
        "Extended her thanks for the meeting and praised the positive dynamics of the Intersessional preparations. Apologized for not being able to attend the next day's \"Open-ended consultations\" due to an official visit. Regarding the Coordinators' letters for the Intersessionals, would prefer to bundle the letters at the Executive Coordinator's Team as sending it directly would require involving the Capital and hence take too much time.",
    ),
    (
        "/floor Austria",
        "Thanked the Presidency and her team for convening the meeting and preparing the papers on the ISU and financial models. Expressed her enthusiasm for a working-level meeting that should be very useful for identifying cross-cutting points and how to support each other.",
    ),
    (
        "President:",
        "Thanked Austria for contribution and promised to come back with dates for a working-level meeting.",
    ),
    (
        "/floor Mexico",
        "Thanked the President and Ahmad for their work and the closeness in preparations. Would like to clarify that letters sent out by Mexico and Spain were requesting very specific contributions for a specific project and was not intended to establish a precedent. Would like to get clarification on the working level meeting and hoped that another meeting of the Coordination Committee will be held before the Intersessionals. Underlined that Intersessional invitations would have to be sent out before such a meeting and wondered when invitations would be circulated if the Coordination Committee Meeting is that close the Intersessionals.",
    ),
    (
        "/floor UNDP",
        "Clarified that the invitations for the Intersessionals will be send out next week and that the Working level meeting will be more informal and doesn't change the schedule of the Coordination Committee meetings.",
    ),
    (
        "/floor CMC",
        "Referring to the invitation letters, encouraged the Coordinators to prepare similar letters that focus not only on progress but also provides details on what remains to be done and how SPs plan to fulfill their obligations under the Convention. Insisted on the need to send the letters as soon as possible, this will increase the involvement of people.",
    ),
    (
        "/floor Germany",
        "Referring to outgoing Coordinators, inquired how far these will be tasked with finding a replacement. Inquired whether letters encouraging this will be sent out. Emphasized that it would be helpful to conduct the replacement in a transparent procedure and that this would serve as a good basis for further consultations with interested states.",
    ),
    (
        "President:",
        "Mentioned that Norway will also work on that and hopes to collaborate with them in this regard.",
    ),
];

const CLOSING: &str = "The President declared the meeting closed and reiterated that, along with the Executive Coordination team, she would remain at their disposal in the lead up to upcoming events.";

/// Types `lines` into a new meeting as the console does: parse, decide, record.
fn type_lines(lines: &[String]) -> Log {
    let mut meeting = scribe::testkit::MeetingBuilder::new();
    for line in lines {
        meeting.wait(40);
        meeting
            .type_line(line)
            .unwrap_or_else(|e| panic!("{line}: {e}"));
    }
    meeting.log().clone()
}

#[test]
fn the_seed_minutes_typed_through_the_command_language_export_in_their_shape() {
    let mut lines: Vec<String> = vec![
        "/title 5th Meeting of the CCM Coordination Committee".into(),
        "/subtitle Minutes and Action Points".into(),
        "/date 2012-02-28".into(),
    ];
    lines.extend(ATTENDEES.iter().map(|a| format!("/attendee {a}")));
    lines.push("/chair Lebanon".into());
    lines.push(format!("/agenda {ITEM_1}"));
    lines.push(format!("/agenda {ITEM_2}"));
    // Taking up an item gives the chair the floor.
    lines.push("/item 1".into());
    lines.push(INTRODUCTION.into());
    lines.push("/item next".into());
    lines.extend(INTRODUCTION_2.iter().map(|s| s.to_string()));
    for (who, said) in DISCUSSION {
        if who.starts_with('/') {
            lines.push(who.to_string());
            lines.push(said.to_string());
        } else if who.is_empty() {
            lines.push(said.to_string());
        } else {
            lines.push(format!("{who} {said}"));
        }
    }
    lines.push("/yield".into());
    lines.push(format!("/note {CLOSING}"));
    lines.push("/close".into());
    let log = type_lines(&lines);
    let meeting = log.meeting();

    let markdown = text(meeting, Format::Markdown, &Options::default());
    let blocks = blocks(&markdown);

    // The title block.
    assert_eq!(
        blocks[0],
        Block::Heading(1, "5th Meeting of the CCM Coordination Committee".into())
    );
    assert!(blocks[..4].contains(&Block::Paragraph(
        Some("Minutes and Action Points".into()),
        String::new()
    )));
    assert!(blocks[..4].contains(&Block::Paragraph(None, "Tuesday 28 February 2012".into())));

    // "List of Attendees" as `Name (Capacity)`, then the chair.
    let attendees: Vec<&Block> = section(&blocks, "List of Attendees").iter().collect();
    let expected: Vec<Block> = ATTENDEES
        .iter()
        .map(|a| {
            let mut parts = a.split('|').map(str::trim);
            let name = parts.next().unwrap();
            match parts.next() {
                Some(capacity) => Block::Item(format!("{name} ({capacity})")),
                None => Block::Item(name.to_string()),
            }
        })
        .collect();
    assert_eq!(
        attendees[..ATTENDEES.len()],
        expected.iter().collect::<Vec<_>>()[..]
    );
    assert_eq!(
        attendees[ATTENDEES.len()],
        &Block::Paragraph(Some("Chair".into()), "Lebanon (President)".into())
    );

    // Item 1: the chair's introduction, without a label.
    let item_1 = section(&blocks, &format!("Agenda Item 1 – {ITEM_1}"));
    assert_eq!(item_1, [Block::Item(INTRODUCTION.into())]);

    // Item 2: the introduction, then the discussion with the right labels, consecutive
    // statements by the same speaker under one label, and the closing narrative.
    let item_2 = section(&blocks, &format!("Agenda Item 2 – {ITEM_2}"));
    let introduction: Vec<Block> = INTRODUCTION_2
        .iter()
        .map(|s| Block::Item(s.to_string()))
        .collect();
    assert_eq!(item_2[..introduction.len()], introduction[..]);
    assert_eq!(
        item_2[introduction.len()],
        Block::Heading(3, "Discussion".into())
    );
    let label = |who: &str| match who {
        "/floor Germany" => Some("Germany (Coord. Stock. Destruct.)"),
        "/floor Croatia" => Some("Croatia (Coord. Stock. Destruct.)"),
        "President:" => Some("President"),
        "/floor UNDP" => Some("UNDP (Exec. Coord)"),
        "/floor Austria" => Some("Austria (Coord. Vict. Assist.)"),
        "/floor Mexico" => Some("Mexico (Coop. and Assist.)"),
        "/floor CMC" => Some("CMC"),
        "" => None,
        other => panic!("no label for {other}"),
    };
    let mut discussion: Vec<Block> = DISCUSSION
        .iter()
        .map(|(who, said)| Block::Paragraph(label(who).map(str::to_string), said.to_string()))
        .collect();
    discussion.push(Block::Paragraph(None, CLOSING.into()));
    // The closing time ends the minutes.
    let closed = meeting.closed.unwrap().format("%H:%M").to_string();
    discussion.push(Block::Paragraph(
        None,
        format!("The meeting was closed at {closed}."),
    ));
    assert_eq!(item_2[introduction.len() + 1..], discussion[..]);
}

// ---------------------------------------------------------------------------------------------
// Control characters

#[test]
fn no_control_character_or_bidi_override_reaches_an_export() {
    let bad =
        "a\u{202e}b\u{1b}[31mc\u{7}d\u{0}e\u{9b}2Jf\u{2066}g\u{1b}]0;title\u{7}h\u{85}i\u{200f}";
    let meeting = fold(vec![
        Event::TitleSet { title: bad.into() },
        Event::SubtitleSet {
            subtitle: bad.into(),
        },
        Event::PlaceSet { place: bad.into() },
        Event::AttendeeAdded {
            name: bad.into(),
            capacity: Some(bad.into()),
            label: Some(bad.into()),
            aliases: vec![],
            group: None,
        },
        Event::AttendeeAdded {
            name: format!("chair {bad}"),
            capacity: Some(bad.into()),
            label: None,
            aliases: vec![],
            group: None,
        },
        Event::ChairSet { attendee: Id(4) },
        Event::RegretsRecorded { name: bad.into() },
        Event::ItemAdded {
            title: bad.into(),
            planned: None,
        },
        Event::NoteRecorded {
            text: format!("before {bad}"),
        },
        Event::ItemTakenUp { item: Id(7) },
        Event::FloorGiven { attendee: Id(4) },
        Event::StatementRecorded {
            speaker: Id(4),
            text: format!("{bad}\r\n{bad}\tend"),
        },
        Event::FloorGiven { attendee: Id(3) },
        Event::StatementRecorded {
            speaker: Id(3),
            text: bad.into(),
        },
        Event::NoteRecorded { text: bad.into() },
        Event::ActionRecorded {
            owner: Owner::Named(bad.into()),
            also: vec![],
            text: format!("{bad}\n{bad}"),
            due: None,
        },
        Event::ActionRecorded {
            owner: Owner::Attendee(Id(3)),
            also: vec![],
            text: bad.into(),
            due: None,
        },
        Event::DecisionRecorded {
            text: format!("{bad}\n{bad}"),
        },
        Event::EntryCorrected {
            entry: Id(13),
            text: format!("corrected {bad}"),
        },
        Event::MeetingClosed,
    ]);
    let is_bad = |c: char| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
    for options in [Options::default(), detailed()] {
        for format in [Format::Markdown, Format::Html, Format::Text] {
            let out = text(&meeting, format, &options);
            if let Some(c) = out.chars().find(|c| is_bad(*c)) {
                panic!("{format:?} holds U+{:04X}:\n{out}", c as u32);
            }
            assert!(out.contains("corrected ab"), "{format:?}:\n{out}");
        }
        let parts = unzip(&export(&meeting, Format::Docx, &options).unwrap());
        for (name, xml) in parts {
            if let Some(c) = xml.chars().find(|c| is_bad(*c)) {
                panic!("{name} holds U+{:04X}", c as u32);
            }
            assert!(roxmltree::Document::parse(&xml).is_ok(), "{name}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Templates

#[test]
fn an_override_template_replaces_the_built_in_one_and_keeps_escaping() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("minutes.md.j2"),
        "HOUSE STYLE: {{ title }}\n{% for item in items %}* {{ item.number }}. {{ item.title }}\n{% endfor %}",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("minutes.html.j2"),
        "<h1>{{ title }}</h1>{% for name in attendees %}<p>{{ name }}</p>{% endfor %}",
    )
    .unwrap();
    let options = Options {
        templates: Some(dir.path().to_path_buf()),
        ..Options::default()
    };
    let meeting = river_basins();
    let md = text(&meeting, Format::Markdown, &options);
    assert!(md.starts_with(
        "HOUSE STYLE: 12th Meeting of the Working Group on Shared River Basins\n* 1. Opening"
    ));
    // The text template was not overridden: the built-in one is used.
    let txt = text(&meeting, Format::Text, &options);
    assert!(txt.starts_with("12th Meeting of the Working Group"));

    let hostile = hostile_meeting();
    let html = text(&hostile, Format::Html, &options);
    assert!(html.starts_with("<h1># Title &lt;i&gt;with&lt;"), "{html}");
    assert!(!html.contains("<script"));
    let md = text(&hostile, Format::Markdown, &options);
    assert!(md.starts_with("HOUSE STYLE: \\# Title \\<i\\>with"), "{md}");
}

#[test]
fn a_broken_override_template_is_named_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("minutes.txt.j2");
    std::fs::write(
        &path,
        "{{ title }}\n\n{% for item in items %}\n{{ item.title }\n{% endfor %}\n",
    )
    .unwrap();
    let options = Options {
        templates: Some(dir.path().to_path_buf()),
        ..Options::default()
    };
    let err = export(&river_basins(), Format::Text, &options).unwrap_err();
    let ExportError::Template { file, line, .. } = &err else {
        panic!("not a template error: {err:?}");
    };
    assert_eq!(file, &path.display().to_string());
    assert_eq!(*line, Some(4));
    let message = err.to_string();
    assert!(
        message.starts_with(&format!("{}, line 4: syntax error", path.display())),
        "{message}"
    );

    // An error while rendering names the line too.
    std::fs::write(&path, "{{ title }}\n{{ title|no_such_filter }}\n").unwrap();
    let err = export(&river_basins(), Format::Text, &options).unwrap_err();
    assert!(
        err.to_string().contains("minutes.txt.j2, line 2: "),
        "{err}"
    );

    // A template that cannot be read is named.
    std::fs::remove_file(&path).unwrap();
    std::fs::create_dir(&path).unwrap();
    let err = export(&river_basins(), Format::Text, &options).unwrap_err();
    assert!(matches!(err, ExportError::ReadTemplate { .. }), "{err:?}");
    assert!(err.to_string().contains("minutes.txt.j2"), "{err}");

    // Other formats are not affected.
    assert!(export(&river_basins(), Format::Markdown, &options).is_ok());
}

// ---------------------------------------------------------------------------------------------
// Edge cases

#[test]
fn an_empty_meeting_and_an_open_one_export_in_every_format() {
    let empty = Meeting::default();
    let open = fold(vec![
        Event::AttendeeAdded {
            name: "Norway".into(),
            capacity: None,
            label: None,
            aliases: vec![],
            group: None,
        },
        Event::ItemAdded {
            title: "Only item".into(),
            planned: None,
        },
        Event::ItemTakenUp { item: Id(1) },
        Event::FloorGiven { attendee: Id(0) },
        Event::StatementRecorded {
            speaker: Id(0),
            text: "Still speaking.".into(),
        },
    ]);
    for meeting in [&empty, &open] {
        for format in Format::ALL {
            for options in [Options::default(), detailed()] {
                let out = export(meeting, format, &options).unwrap();
                assert!(!out.is_empty());
            }
        }
    }
    let md = text(&open, Format::Markdown, &Options::default());
    // Without a chair there is no introduction: the statement is labelled.
    assert!(md.contains("**Norway:** Still speaking."), "{md}");
    assert!(!md.contains("closed at"));
    let md = text(&empty, Format::Markdown, &Options::default());
    assert!(md.starts_with("# Minutes\n"), "{md}");
}
