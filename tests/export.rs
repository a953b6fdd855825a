//! Exports, read back as a reader (or a program) would read them: snapshots of every format for
//! the example meeting and the seed minutes typed through the command language, in English and
//! French, draft and final; Markdown parsed with a CommonMark parser; HTML and Markdown fed
//! hostile names, statements and labels; the DOCX package unzipped, every part parsed as XML
//! and every relationship followed; a reference DOCX (built here, and one written by
//! LibreOffice in `tests/fixtures/`, made from the `.fodt` beside it with `soffice --headless
//! --convert-to docx`) whose letterhead and styles must reach the minutes; grouped attendance,
//! motions and other data the meeting does not record yet, given to the renderers as a built
//! `Minutes`; control characters put straight into events; templates overridden and broken.

mod common;
#[path = "../benches/common/meeting.rs"]
mod generator;

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use common::seed::{ATTENDEES, INTRODUCTION, ITEM_1, ITEM_2};
use pulldown_cmark::{Event as Md, HeadingLevel, Parser, Tag, TagEnd};
use scribe::export::model::{
    ActionPoint, Group, Minutes, Motion, Outcome as MotionOutcome, Present, Vote, motion_line,
};
use scribe::export::{Catalogue, DocStatus, ExportError, Format, Options, export, render};
use scribe::meeting::{
    ActionRecorded, AttendeeAdded, EntryKind, Event, Id, Log, Meeting, Owner, Stamped, Timestamp,
};

fn start() -> Timestamp {
    scribe::testkit::moment("2026-03-12T10:00:00+01:00")
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

fn rendered(minutes: &Minutes, format: Format) -> String {
    String::from_utf8(render(minutes, format, &Options::default()).unwrap()).unwrap()
}

fn detailed() -> Options {
    Options {
        times: true,
        stats: true,
        ..Options::default()
    }
}

fn date(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The document frame a secretariat would give the minutes: symbol, status, date of issue,
/// minute-taker, and for final minutes the approval date.
fn framed(language: &str, status: DocStatus) -> Options {
    Options {
        language: Some(language.to_string()),
        status: Some(status),
        symbol: Some("WG.12/2026/1".into()),
        issued: Some(date(2026, 3, 13)),
        approved: (status == DocStatus::Final).then(|| date(2026, 6, 11)),
        prepared_by: vec!["Leila Nasser".into()],
        ..Options::default()
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

fn attendee(name: &str, capacity: Option<&str>, label: Option<&str>) -> Event {
    Event::AttendeeAdded(Box::new(AttendeeAdded {
        name: name.into(),
        capacity: capacity.map(str::to_string),
        label: label.map(str::to_string),
        aliases: vec![],
        group: None,
    }))
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

/// The seed-like example meeting and the seed minutes typed through the command language, as a
/// secretariat circulates them: in English and French, as a draft and as final minutes.
#[test]
fn snapshots_in_english_and_french_draft_and_final() {
    let meetings = [
        ("river-basins-12th", river_basins()),
        ("seed", seed_meeting()),
    ];
    for (stem, meeting) in &meetings {
        for language in ["en", "fr"] {
            for status in [DocStatus::Draft, DocStatus::Final] {
                let options = framed(language, status);
                let suffix = format!("{language}_{status:?}").to_lowercase();
                for format in [Format::Markdown, Format::Html, Format::Text] {
                    let name = format!("{stem}_{suffix}.{}", format.extension());
                    insta::assert_snapshot!(name, text(meeting, format, &options));
                }
                let docx = export(meeting, Format::Docx, &options).unwrap();
                insta::assert_snapshot!(format!("{stem}_{suffix}.docx"), docx_outline(&docx));
            }
        }
    }
}

/// The example meeting was saved by an earlier version of scribe: whatever frame the minutes
/// get, every entry, every speaker and every item it records is still in every format.
#[test]
fn a_meeting_saved_by_an_earlier_version_keeps_all_its_content_in_every_format() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/river-basins-12th.ron");
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("version: 1")
    );
    let meeting = river_basins();
    for options in [Options::default(), framed("fr", DocStatus::Final)] {
        let md = text(&meeting, Format::Markdown, &options);
        let html = text(&meeting, Format::Html, &options);
        let txt = text(&meeting, Format::Text, &options).replace('\n', " ");
        let docx = docx_text(&export(&meeting, Format::Docx, &options).unwrap());
        let unwrap_spaces = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let txt = unwrap_spaces(&txt);
        let html = html
            .replace("&#x27;", "'")
            .replace("&#39;", "'")
            .replace("&#x2f;", "/")
            .replace("&quot;", "\"")
            .replace("&amp;", "&");
        let md_text: String = Parser::new(&md)
            .filter_map(|e| match e {
                Md::Text(t) => Some(t.to_string()),
                Md::SoftBreak | Md::HardBreak => Some(" ".into()),
                Md::End(_) => Some("\n".into()),
                _ => None,
            })
            .collect();
        for entry in &meeting.entries {
            for (format, out) in [
                ("md", &md_text),
                ("html", &html),
                ("txt", &txt),
                ("docx", &docx),
            ] {
                assert!(
                    out.contains(&*entry.text),
                    "{format} lost an entry: {}",
                    entry.text
                );
            }
            if let EntryKind::Statement { voice, .. } = &entry.kind {
                let label = voice.label();
                for (format, out) in [
                    ("md", &md_text),
                    ("html", &html),
                    ("txt", &txt),
                    ("docx", &docx),
                ] {
                    assert!(out.contains(&label), "{format} lost the speaker {label}");
                }
            }
        }
        for item in meeting.agenda.items() {
            for (format, out) in [
                ("md", &md_text),
                ("html", &html),
                ("txt", &txt),
                ("docx", &docx),
            ] {
                assert!(
                    out.contains(&item.title),
                    "{format} lost the item {}",
                    item.title
                );
            }
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
    /// A row of a table, its cells.
    Row(Vec<String>),
}

fn markdown_options() -> pulldown_cmark::Options {
    pulldown_cmark::Options::ENABLE_TABLES
}

/// The blocks of a Markdown document, with every construct other than headings, paragraphs,
/// list items, tables and bold labels reported as an error.
fn blocks(markdown: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut label: Option<String> = None;
    let mut strong_at_start = false;
    let mut row: Vec<String> = Vec::new();
    for event in Parser::new_ext(markdown, markdown_options()) {
        match event {
            Md::Start(Tag::Heading { .. } | Tag::Paragraph | Tag::Item) => {
                if !text.is_empty() {
                    out.push(Block::Item(std::mem::take(&mut text)));
                }
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
            // A list nested in an item: the item's own text comes first.
            Md::Start(Tag::List(_)) => {
                if !text.is_empty() {
                    let pending = std::mem::take(&mut text);
                    out.push(match label.take() {
                        Some(l) => labelled(Some(l), pending),
                        None => Block::Item(pending),
                    });
                }
            }
            Md::End(TagEnd::List(_)) => {}
            Md::Start(Tag::Strong) => strong_at_start = text.is_empty(),
            Md::End(TagEnd::Strong) => {
                if strong_at_start {
                    let bold = std::mem::take(&mut text);
                    label = Some(
                        bold.trim_end_matches(':')
                            .trim_end_matches('\u{a0}')
                            .to_string(),
                    );
                }
            }
            Md::Start(Tag::Emphasis) | Md::End(TagEnd::Emphasis) => {}
            Md::Start(Tag::Table(_)) | Md::End(TagEnd::Table) => {}
            Md::Start(Tag::TableHead | Tag::TableRow) => row.clear(),
            Md::End(TagEnd::TableHead | TagEnd::TableRow) => {
                out.push(Block::Row(std::mem::take(&mut row)));
            }
            Md::Start(Tag::TableCell) => text.clear(),
            Md::End(TagEnd::TableCell) => {
                let cell = match label.take() {
                    Some(l) => format!("{l} {text}"),
                    None => text.clone(),
                };
                row.push(cell.trim().to_string());
                text.clear();
            }
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

/// The blocks of the section under `heading`, up to the next heading of the same level or
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

fn headings(blocks: &[Block]) -> Vec<(u8, String)> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(level, text) => Some((*level, text.clone())),
            _ => None,
        })
        .collect()
}

#[test]
fn markdown_parses_back_to_the_headings_and_text_of_the_meeting() {
    let meeting = river_basins();
    let markdown = text(&meeting, Format::Markdown, &Options::default());
    let blocks = blocks(&markdown);

    let mut expected = vec![
        (1, meeting.meta.title.clone()),
        (2, "List of Attendees".to_string()),
        (2, "Agenda".to_string()),
    ];
    for (i, item) in meeting.agenda.items().iter().enumerate() {
        expected.push((2, format!("Agenda Item {} – {}", i + 1, item.title)));
        expected.push((3, "Discussion".to_string()));
    }
    expected.push((2, "Action Points".to_string()));
    expected.push((2, "Decisions".to_string()));
    assert_eq!(headings(&blocks), expected);

    let attendees = section(&blocks, "List of Attendees");
    for a in meeting.roster.iter() {
        assert!(
            attendees.contains(&Block::Item(a.with_capacity())),
            "{} missing from the attendees",
            a.name
        );
    }
    // The adopted agenda, numbered, then the opening time.
    let agenda = section(&blocks, "Agenda");
    let titles: Vec<Block> = meeting
        .agenda
        .items()
        .iter()
        .map(|i| Block::Item(i.title.clone()))
        .collect();
    assert_eq!(agenda[..titles.len()], titles[..]);
    assert_eq!(
        agenda[titles.len()],
        Block::Paragraph(None, "The meeting was called to order at 10:02.".into())
    );
    assert!(
        markdown.contains("\n1. Opening of the meeting"),
        "{markdown}"
    );

    // Every entry is found, with its label, under its own item; decisions are numbered 12/n
    // (the 12th meeting); actions are rows of the table.
    let actions = section(&blocks, "Action Points");
    assert_eq!(
        actions[0],
        Block::Row(
            ["No.", "Owner", "Action", "Due", "Item", "Status"]
                .map(str::to_string)
                .to_vec()
        )
    );
    let mut decisions = 0;
    for entry in &meeting.entries {
        let n = entry.item.and_then(|id| meeting.agenda.number(id)).unwrap();
        let title = &meeting.agenda.by_number(n).unwrap().title;
        let under = section(&blocks, &format!("Agenda Item {n} – {title}"));
        let found = match &entry.kind {
            EntryKind::Statement { voice, .. } => {
                let label = voice.label();
                under.iter().any(|b| match b {
                    Block::Item(t) => *t == *entry.text && voice.chair,
                    Block::Paragraph(Some(l), t) => *l == label && *t == *entry.text,
                    // A statement merged under the label of the one before it.
                    Block::Paragraph(None, t) => *t == *entry.text,
                    _ => false,
                })
            }
            EntryKind::Note => under.iter().any(
                |b| matches!(b, Block::Paragraph(None, t) | Block::Item(t) if *t == *entry.text),
            ),
            EntryKind::Decision | EntryKind::Motion(_) => {
                decisions += 1;
                let label = format!("Decision 12/{decisions}");
                under.iter().any(
                    |b| matches!(b, Block::Paragraph(Some(l), t) if *l == label && *t == *entry.text),
                ) && section(&blocks, "Decisions").contains(&Block::Paragraph(
                    Some(format!("12/{decisions}")),
                    format!("{} (item {n})", entry.text),
                ))
            }
            EntryKind::Action(action) => {
                let owner = meeting.owner_names(&action.owners);
                let due = action
                    .due
                    .map(|d| d.format("%-d %B %Y").to_string())
                    .unwrap_or_default();
                actions.iter().any(|b| {
                    matches!(b, Block::Row(cells) if cells[1] == owner && cells[2] == *entry.text && cells[3] == due && cells[4] == n.to_string() && cells[5] == "Open")
                })
            }
        };
        assert!(found, "entry not found under item {n}: {entry:?}");
    }
    // The meeting rose at the close.
    assert_eq!(
        blocks.last(),
        Some(&Block::Paragraph(None, "The meeting rose at 11:42.".into()))
    );
}

/// A meeting whose every text tries to make Markdown, HTML or XML structure, with words longer
/// than any line.
fn hostile_meeting() -> Meeting {
    let name = "Evil \"Corp\" <script>alert('x')</script> & *Sons*";
    let long_word =
        "Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft"
            .repeat(40);
    let statements = [
        "# not a heading".to_string(),
        "- not a list".to_string(),
        "1. not a numbered list".to_string(),
        "2) nor this".to_string(),
        "+ plus".to_string(),
        "> not a quote".to_string(),
        "---".to_string(),
        "===".to_string(),
        "*stars* and _under_ and __double__".to_string(),
        "<b>bold</b> <script>alert(1)</script> <!-- comment -->".to_string(),
        "| a | b |".to_string(),
        "[a link](http://example.org) and ![an image](x.png)".to_string(),
        "`code` and ``more``".to_string(),
        "&amp; &copy; &#169; AT&T".to_string(),
        "back\\slash at the end\\".to_string(),
        "~~struck~~".to_string(),
        "a line\n    indented code\n- and a dash".to_string(),
        "<http://example.org> and https://example.org".to_string(),
        "\"quoted\" and 'single'".to_string(),
        format!("a {long_word} word"),
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
        attendee(name, Some("<b>Capacity</b> & \"more\""), Some("*L*")),
        attendee("1. Chair", Some("_President_"), None),
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
    for text in &statements {
        events.push(Event::StatementRecorded {
            speaker: Id(3),
            text: text.clone().into(),
        });
        events.push(Event::NoteRecorded {
            text: text.clone().into(),
        });
    }
    events.push(Event::ActionRecorded(Box::new(ActionRecorded {
        owner: Owner::Named("<All> & \"everyone\"".into()),
        also: vec![],
        text: "*do* <it>\n- now".into(),
        due: None,
    })));
    events.push(Event::DecisionRecorded {
        text: "# <decided> & done".into(),
    });
    events.push(Event::MeetingClosed);
    fold(events)
}

/// A catalogue whose every label tries to make structure, in `dir/i18n/xx.ron`.
fn hostile_catalogue(dir: &Path) -> Options {
    std::fs::create_dir_all(dir.join("i18n")).unwrap();
    let english = Catalogue::english();
    let labels: Vec<String> = english
        .labels
        .iter()
        .map(|(key, value)| {
            let evil = format!("<i>{value}</i> *{key}* & \" | #")
                .replace('\\', "\\\\")
                .replace('"', "\\\"");
            format!("\"{key}\": \"{evil}\"")
        })
        .collect();
    std::fs::write(
        dir.join("i18n/xx.ron"),
        format!("(labels: {{ {} }})", labels.join(",\n")),
    )
    .unwrap();
    Options {
        templates: Some(dir.to_path_buf()),
        language: Some("xx".into()),
        status: Some(DocStatus::Final),
        symbol: Some("<sym> & *bol*".into()),
        prepared_by: vec!["<Scribe> & *co*".into()],
        ..detailed()
    }
}

/// The lines of an entry as Markdown blocks: list items for the lines typed as a list in a
/// multi-line entry, paragraphs for the others.
fn expected_lines(text: &str) -> Vec<(bool, String)> {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let multi = lines.len() > 1;
    lines
        .iter()
        .map(|line| match line.strip_prefix("- ") {
            Some(item) if multi => (true, item.to_string()),
            _ => (false, line.to_string()),
        })
        .collect()
}

#[test]
fn markdown_escapes_whatever_would_change_the_structure() {
    let meeting = hostile_meeting();
    let markdown = text(&meeting, Format::Markdown, &Options::default());
    // `blocks` panics on any construct but headings, paragraphs, list items, tables and bold
    // labels: no emphasis from the text, no HTML, no links, no code, no rules, no quotes.
    let with_times = blocks(&text(&meeting, Format::Markdown, &detailed()));
    let headings_with_times = headings(&with_times);
    assert_eq!(headings_with_times.len(), 10, "{with_times:#?}");
    let blocks = blocks(&markdown);
    let item = meeting.agenda.items()[0].title.clone();
    assert_eq!(
        headings(&blocks),
        [
            (1, meeting.meta.title.clone()),
            (2, "List of Attendees".into()),
            (2, "Agenda".into()),
            (2, format!("Agenda Item 1 – {item}")),
            (3, "Discussion".into()),
            (2, "Action Points".into()),
            (2, "Decisions".into()),
        ]
    );
    let label = meeting.speaker_label(Id(3));
    let discussion = section(&blocks, "Discussion");
    for entry in &meeting.entries {
        let lines = expected_lines(&entry.text);
        match entry.kind {
            EntryKind::Statement { .. } => {
                let first = lines[0].1.clone();
                assert!(
                    discussion.contains(&Block::Paragraph(Some(label.clone()), first.clone())),
                    "{first:?} not found as a statement of {label:?} in {discussion:#?}"
                );
                for (item, line) in &lines[1..] {
                    let block = if *item {
                        Block::Item(line.clone())
                    } else {
                        Block::Paragraph(None, line.clone())
                    };
                    assert!(discussion.contains(&block), "{block:?}");
                }
            }
            EntryKind::Note => {
                for (item, line) in &lines {
                    let block = if *item {
                        Block::Item(line.clone())
                    } else {
                        Block::Paragraph(None, line.clone())
                    };
                    assert!(discussion.contains(&block), "{block:?} not found as a note");
                }
            }
            _ => {}
        }
    }
    assert!(
        section(&blocks, "Action Points").contains(&Block::Row(
            [
                "1",
                "<All> & \"everyone\"",
                "*do* <it> - now",
                "",
                "1",
                "Open"
            ]
            .map(str::to_string)
            .to_vec()
        )),
        "{:#?}",
        section(&blocks, "Action Points")
    );
    assert!(
        section(&blocks, "Decisions").contains(&Block::Paragraph(
            Some("1".into()),
            "# <decided> & done (item 1)".into()
        )),
        "{:#?}",
        section(&blocks, "Decisions")
    );
}

#[test]
fn hostile_labels_and_frame_stay_text_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let options = hostile_catalogue(dir.path());
    let meeting = hostile_meeting();
    // Markdown: nothing but the structure scribe makes.
    let md = text(&meeting, Format::Markdown, &options);
    let parsed = blocks(&md);
    assert!(
        headings(&parsed)
            .iter()
            .any(|(level, h)| *level == 2 && h == "<i>List of Attendees</i> *attendees* & \" | #"),
        "{parsed:#?}"
    );
    // HTML: no tag from a label.
    let html = text(&meeting, Format::Html, &options);
    for raw in ["<i>", "<sym>", "<Scribe>"] {
        assert!(!html.contains(raw), "{raw} unescaped in the HTML");
    }
    assert!(html.contains("&lt;i&gt;List of Attendees&lt;&#x2f;i&gt;"));
    // Text: wrapped, long words whole.
    let txt = text(&meeting, Format::Text, &options);
    assert!(txt.contains("Donaudampfschifffahrts"));
    // DOCX: well-formed, the labels as text.
    let docx = export(&meeting, Format::Docx, &options).unwrap();
    let parts = assert_sound_package(&docx);
    assert!(docx_text(&docx).contains("<i>List of Attendees</i>"));
    assert!(
        String::from_utf8_lossy(&parts["word/header1.xml"]).contains("&lt;sym&gt; &amp; *bol*")
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
            "<em>I",
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
fn html_is_standalone_with_an_id_on_every_heading_and_strong_labels() {
    let html = text(&river_basins(), Format::Html, &detailed());
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en-GB\">"));
    for external in ["<link", "<script", "src=", "@import", "url(", "href=\"http"] {
        assert!(!html.contains(external), "{external} in a standalone file");
    }
    assert!(html.contains("@media print"));
    assert!(html.contains("@page {\n  size: A4;"));
    let headings = html.matches("<h1").count() + html.matches("<h2").count();
    let headings = headings + html.matches("<h3").count();
    let with_id = html.matches("<h1 id=\"").count()
        + html.matches("<h2 id=\"").count()
        + html.matches("<h3 id=\"").count();
    assert!(headings > 10);
    assert_eq!(headings, with_id);
    // The ids are unique, and every link goes to one of them.
    let mut ids: Vec<&str> = html
        .split(" id=\"")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .collect();
    let count = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), count, "duplicate ids");
    for link in html.split("href=\"#").skip(1) {
        let target = &link[..link.find('"').unwrap()];
        assert!(
            ids.contains(&target),
            "a link to #{target}, which is not there"
        );
    }
    // Speaker labels are bold in the markup, not only through CSS.
    assert!(html.contains("<strong>Hanna Virtanen (Legal Adviser):</strong> Added that"));
    assert!(!html.contains("class=\"label\""));
}

#[test]
fn a_draft_is_marked_on_every_printed_page_of_the_html() {
    let html = text(
        &river_basins(),
        Format::Html,
        &framed("en", DocStatus::Draft),
    );
    assert!(html.contains(
        "<div class=\"running\"><span>WG.12&#x2f;2026&#x2f;1</span><span class=\"draft-mark\">DRAFT</span></div>"
    ));
    // Print puts the symbol and the mark in the top margin of every page, and numbers the
    // pages at the bottom (CSS paged media margin boxes); the banner is for the screen.
    let page = &html[html.find("@page {").unwrap()..html.find("@media print").unwrap()];
    assert!(
        page.contains("@top-left { content: \"WG.12/2026/1\";"),
        "{page}"
    );
    assert!(page.contains("@top-right { content: \"DRAFT\";"), "{page}");
    assert!(
        page.contains("@bottom-center { content: \"Page \" counter(page) \" of \" counter(pages);"),
        "{page}"
    );
    assert!(html.contains("@media print {\n  body { max-width: none; margin: 0; padding: 0; font-size: 11pt; }\n  .running { display: none; }"));
    let final_ = text(
        &river_basins(),
        Format::Html,
        &framed("en", DocStatus::Final),
    );
    // A fixed mark prints on every page in browsers without margin boxes too.
    assert!(html.contains("<div class=\"watermark\" aria-hidden=\"true\">DRAFT</div>"));
    assert!(html.contains(".watermark { display: block; position: fixed;"));
    assert!(!final_.contains("class=\"watermark\""));
    assert!(!final_.contains("class=\"draft-mark\""));
    assert!(!final_.contains("@top-right"));
    assert!(final_.contains("<h2 id=\"approval\">Approval of the minutes</h2>"));
}

// ---------------------------------------------------------------------------------------------
// Text

#[test]
fn text_is_wrapped_at_72_columns() {
    for options in [
        Options::default(),
        detailed(),
        framed("fr", DocStatus::Final),
    ] {
        let txt = text(&river_basins(), Format::Text, &options);
        for line in txt.lines() {
            let width = unicode_width::UnicodeWidthStr::width(line);
            assert!(
                width <= 72 || !line.trim().contains(' '),
                "{width} columns: {line}"
            );
        }
        assert!(
            txt.contains("Item 2 – Preparations for the Fourth Meeting")
                || txt.contains("Point 2 de l'ordre du jour"),
            "{txt}"
        );
    }
    let hostile = text(&hostile_meeting(), Format::Text, &Options::default());
    assert!(
        hostile
            .lines()
            .any(|l| l.len() > 1000 && !l.trim().contains(' '))
    );
}

#[test]
fn a_draft_says_so_on_its_first_line_in_markdown_and_text() {
    let options = framed("en", DocStatus::Draft);
    let md = text(&river_basins(), Format::Markdown, &options);
    assert!(
        md.starts_with("**DRAFT** · WG.12/2026/1\n\n# 12th Meeting"),
        "{md}"
    );
    let txt = text(&river_basins(), Format::Text, &options);
    assert!(
        txt.starts_with("DRAFT · WG.12/2026/1\n\n12th Meeting"),
        "{txt}"
    );
    let fr = text(
        &river_basins(),
        Format::Text,
        &framed("fr", DocStatus::Draft),
    );
    assert!(fr.starts_with("PROJET · WG.12/2026/1\n"), "{fr}");
    // Without a status or a symbol, the title comes first.
    assert!(text(&river_basins(), Format::Markdown, &Options::default()).starts_with("# 12th"));
}

// ---------------------------------------------------------------------------------------------
// DOCX

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// The parts of a DOCX package, by name.
fn unzip(docx: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut parts = BTreeMap::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let mut data = Vec::new();
        file.read_to_end(&mut data).unwrap();
        parts.insert(file.name().to_string(), data);
    }
    parts
}

fn part(parts: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(
        parts
            .get(name)
            .unwrap_or_else(|| panic!("no {name}"))
            .clone(),
    )
    .unwrap()
}

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

/// The text of every paragraph of the body, one per line.
fn docx_text(docx: &[u8]) -> String {
    let parts = unzip(docx);
    let xml = part(&parts, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .map(text_of)
        .collect::<Vec<_>>()
        .join("\n")
}

/// A relationship target as a part name.
fn resolve(dir: &str, target: &str) -> String {
    let mut path: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        dir.split('/').filter(|s| !s.is_empty()).collect()
    };
    for segment in target.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                path.pop();
            }
            s => path.push(s),
        }
    }
    path.join("/")
}

/// The relationships of `source` (a part name, or "" for the package): id → target part, for
/// those inside the package.
fn relationships(parts: &BTreeMap<String, Vec<u8>>, source: &str) -> BTreeMap<String, String> {
    let (dir, file) = source.rsplit_once('/').unwrap_or(("", source));
    let rels = if source.is_empty() {
        "_rels/.rels".to_string()
    } else if dir.is_empty() {
        format!("_rels/{file}.rels")
    } else {
        format!("{dir}/_rels/{file}.rels")
    };
    let Some(data) = parts.get(&rels) else {
        return BTreeMap::new();
    };
    let xml = String::from_utf8(data.clone()).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    doc.root_element()
        .children()
        .filter(|n| n.tag_name().name() == "Relationship")
        .filter(|n| n.attribute("TargetMode") != Some("External"))
        .map(|n| {
            (
                n.attribute("Id").unwrap().to_string(),
                resolve(dir, n.attribute("Target").unwrap()),
            )
        })
        .collect()
}

/// Checks a DOCX package as Word would: every XML part well-formed, a content type for every
/// part, every relationship pointing at a part that is there, every `r:` id a part uses
/// defined in its relationships, every style and list the body uses defined. Returns the parts.
fn assert_sound_package(docx: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let parts = unzip(docx);
    let types = part(&parts, "[Content_Types].xml");
    let types = roxmltree::Document::parse(&types).unwrap();
    let defaults: Vec<String> = types
        .descendants()
        .filter_map(|n| n.attribute("Extension"))
        .map(str::to_lowercase)
        .collect();
    let overrides: Vec<String> = types
        .descendants()
        .filter_map(|n| n.attribute("PartName"))
        .map(|p| p.trim_start_matches('/').to_string())
        .collect();
    for name in parts.keys().filter(|n| *n != "[Content_Types].xml") {
        let extension = name.rsplit('.').next().unwrap().to_lowercase();
        assert!(
            overrides.contains(name) || defaults.contains(&extension),
            "{name} has no content type"
        );
    }
    for name in &overrides {
        assert!(
            parts.contains_key(name),
            "a content type for {name}, which is not there"
        );
    }
    for (name, data) in &parts {
        if !(name.ends_with(".xml") || name.ends_with(".rels")) {
            continue;
        }
        let xml = String::from_utf8(data.clone()).unwrap_or_else(|_| panic!("{name} is not UTF-8"));
        let doc = roxmltree::Document::parse(&xml)
            .unwrap_or_else(|e| panic!("{name} is not well-formed: {e}"));
        if name.ends_with(".rels") {
            continue;
        }
        let rels = relationships(&parts, name);
        for (id, target) in &rels {
            assert!(
                parts.contains_key(target),
                "{name}: {id} points to {target}, which is not there"
            );
        }
        for node in doc.descendants().filter(|n| n.is_element()) {
            for attr in node.attributes().filter(|a| a.namespace() == Some(R)) {
                assert!(
                    rels.contains_key(attr.value()),
                    "{name}: r:{} {} has no relationship",
                    attr.name(),
                    attr.value()
                );
            }
        }
    }
    let package = relationships(&parts, "");
    for target in package.values() {
        assert!(parts.contains_key(target), "the package points to {target}");
    }
    let main = package
        .values()
        .find(|t| t.ends_with("document.xml"))
        .expect("a main document")
        .clone();
    let rels = relationships(&parts, &main);
    let document = part(&parts, &main);
    let document = roxmltree::Document::parse(&document).unwrap();
    // Styles and lists used are defined.
    let styles_part = rels
        .values()
        .find(|t| t.ends_with("styles.xml"))
        .expect("styles");
    let styles = part(&parts, styles_part);
    let styles = roxmltree::Document::parse(&styles).unwrap();
    let defined: Vec<&str> = styles
        .descendants()
        .filter(|n| n.has_tag_name((W, "style")))
        .filter_map(|n| n.attribute((W, "styleId")))
        .collect();
    let texts: Vec<String> = rels
        .values()
        .filter(|t| t.contains("header") || t.contains("footer"))
        .map(|t| part(&parts, t))
        .collect();
    let mut headers_and_body: Vec<roxmltree::Document> = texts
        .iter()
        .map(|t| roxmltree::Document::parse(t).unwrap())
        .collect();
    headers_and_body.push(document);
    for doc in &headers_and_body {
        for used in doc
            .descendants()
            .filter(|n| n.has_tag_name((W, "pStyle")) || n.has_tag_name((W, "tblStyle")))
            .filter_map(|n| n.attribute((W, "val")))
        {
            assert!(defined.contains(&used), "style {used} is not defined");
        }
    }
    let numbering_part = rels
        .values()
        .find(|t| t.ends_with("numbering.xml"))
        .expect("numbering");
    let numbering = part(&parts, numbering_part);
    let numbering = roxmltree::Document::parse(&numbering).unwrap();
    let nums: Vec<&str> = numbering
        .descendants()
        .filter(|n| n.has_tag_name((W, "num")))
        .filter_map(|n| n.attribute((W, "numId")))
        .collect();
    let abstracts: Vec<&str> = numbering
        .descendants()
        .filter(|n| n.has_tag_name((W, "abstractNum")))
        .filter_map(|n| n.attribute((W, "abstractNumId")))
        .collect();
    for num in numbering
        .descendants()
        .filter(|n| n.has_tag_name((W, "num")))
    {
        let a = num
            .children()
            .find(|n| n.has_tag_name((W, "abstractNumId")))
            .and_then(|n| n.attribute((W, "val")))
            .unwrap();
        assert!(abstracts.contains(&a), "list {a} is not defined");
    }
    let mut unique = nums.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), nums.len(), "two lists share an id");
    for used in headers_and_body
        .iter()
        .flat_map(|d| d.descendants())
        .filter(|n| n.has_tag_name((W, "numId")))
        .filter_map(|n| n.attribute((W, "val")))
    {
        assert!(nums.contains(&used), "list {used} is not defined");
    }
    parts
}

/// The header and footer parts of the document's section, as (kind and type, text with fields
/// shown as `{PAGE}`).
fn page_parts(parts: &BTreeMap<String, Vec<u8>>) -> Vec<(String, String)> {
    let document = part(parts, "word/document.xml");
    let doc = roxmltree::Document::parse(&document).unwrap();
    let rels = relationships(parts, "word/document.xml");
    let sect = doc
        .descendants()
        .rfind(|n| n.has_tag_name((W, "sectPr")))
        .unwrap();
    let mut out = Vec::new();
    for reference in sect.children().filter(|n| {
        n.has_tag_name((W, "headerReference")) || n.has_tag_name((W, "footerReference"))
    }) {
        let kind = reference.tag_name().name().trim_end_matches("Reference");
        let which = reference.attribute((W, "type")).unwrap_or("default");
        let target = &rels[reference.attribute((R, "id")).unwrap()];
        let xml = part(parts, target);
        let hdr = roxmltree::Document::parse(&xml).unwrap();
        let lines: Vec<String> = hdr
            .root_element()
            .children()
            .filter(|n| n.has_tag_name((W, "p")))
            .map(|p| {
                let mut line = String::new();
                for n in p.descendants() {
                    if n.has_tag_name((W, "fldSimple")) {
                        let instr = n.attribute((W, "instr")).unwrap_or_default();
                        line.push_str(&format!(
                            "{{{}}}",
                            instr.split_whitespace().next().unwrap_or_default()
                        ));
                    } else if n.has_tag_name((W, "t"))
                        && !n.ancestors().any(|a| a.has_tag_name((W, "fldSimple")))
                    {
                        line.push_str(n.text().unwrap_or_default());
                    }
                }
                line
            })
            .filter(|l| !l.is_empty())
            .collect();
        out.push((format!("{kind} {which}"), lines.join(" | ")));
    }
    out
}

/// A readable outline of `document.xml`: one line per paragraph, with its style, its list,
/// and bold runs in `**`; one line per table row; then the headers and footers.
fn docx_outline(docx: &[u8]) -> String {
    let parts = assert_sound_package(docx);
    let document = part(&parts, "word/document.xml");
    let xml = roxmltree::Document::parse(&document).unwrap();
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
            let level = node
                .descendants()
                .find(|n| n.has_tag_name((W, "ilvl")))
                .and_then(|n| n.attribute((W, "val")))
                .filter(|l| *l != "0");
            out.push_str(&format!("[{style}"));
            if let Some(list) = list {
                out.push_str(&format!(" list {list}"));
            }
            if let Some(level) = level {
                out.push_str(&format!(" level {level}"));
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
    for (which, text) in page_parts(&parts) {
        out.push_str(&format!("[{which}] {text}\n"));
    }
    out
}

#[test]
fn docx_is_a_sound_package_with_the_statements() {
    let meeting = river_basins();
    let docx = export(&meeting, Format::Docx, &detailed()).unwrap();
    let parts = assert_sound_package(&docx);
    let names: Vec<&str> = parts.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "[Content_Types].xml",
            "_rels/.rels",
            "docProps/app.xml",
            "docProps/core.xml",
            "word/_rels/document.xml.rels",
            "word/document.xml",
            "word/footer1.xml",
            "word/header1.xml",
            "word/numbering.xml",
            "word/styles.xml",
        ]
    );
    let text = docx_text(&docx);
    for entry in &meeting.entries {
        assert!(
            text.contains(&*entry.text),
            "not in document.xml: {}",
            entry.text
        );
    }
    let styles = part(&parts, "word/styles.xml");
    for heading in ["heading 1", "heading 2", "Title", "List Paragraph"] {
        assert!(styles.contains(&format!("<w:name w:val=\"{heading}\"/>")));
    }
    assert!(styles.contains("<w:lang w:val=\"en-GB\""));
    // Labels are bold runs.
    let document = part(&parts, "word/document.xml");
    let document = roxmltree::Document::parse(&document).unwrap();
    let bold_runs: Vec<String> = document
        .descendants()
        .filter(|n| n.has_tag_name((W, "r")))
        .filter(|r| r.descendants().any(|n| n.has_tag_name((W, "b"))))
        .map(text_of)
        .collect();
    assert!(bold_runs.contains(&"Hanna Virtanen (Legal Adviser): ".to_string()));
    assert!(bold_runs.contains(&"In the chair: ".to_string()));
    assert!(bold_runs.contains(&"Decision 12/1: ".to_string()));
    // "In the chair" does not repeat the capacity.
    assert!(text.contains("In the chair: Maren Solberg\n"), "{text}");
    // The action table has a status column.
    assert!(text.contains("No.\nOwner\nAction\nDue\nItem\nStatus\n"));
}

#[test]
fn every_page_of_a_docx_has_the_running_header_and_its_number() {
    let draft = export(
        &river_basins(),
        Format::Docx,
        &framed("en", DocStatus::Draft),
    )
    .unwrap();
    let parts = assert_sound_package(&draft);
    assert_eq!(
        page_parts(&parts),
        [
            (
                "header default".to_string(),
                "WG.12/2026/1 | DRAFT".to_string()
            ),
            (
                "footer default".to_string(),
                "Page {PAGE} of {NUMPAGES}".to_string()
            ),
        ]
    );
    let fr = export(
        &river_basins(),
        Format::Docx,
        &framed("fr", DocStatus::Final),
    )
    .unwrap();
    let parts = assert_sound_package(&fr);
    assert_eq!(
        page_parts(&parts),
        [
            ("header default".to_string(), "WG.12/2026/1".to_string()),
            (
                "footer default".to_string(),
                "Page {PAGE} sur {NUMPAGES}".to_string()
            ),
        ]
    );
    assert!(part(&parts, "word/styles.xml").contains("<w:lang w:val=\"fr-FR\""));
    assert!(part(&parts, "docProps/core.xml").contains("<dc:language>fr-FR</dc:language>"));
    // Without a symbol the running header is the title.
    let plain = export(&river_basins(), Format::Docx, &Options::default()).unwrap();
    let pages = page_parts(&unzip(&plain));
    assert_eq!(
        pages[0].1,
        "12th Meeting of the Working Group on Shared River Basins"
    );
}

#[test]
fn hostile_text_stays_text_in_the_docx() {
    let meeting = hostile_meeting();
    let docx = export(&meeting, Format::Docx, &detailed()).unwrap();
    let parts = assert_sound_package(&docx);
    let text = docx_text(&docx);
    assert!(
        text.lines()
            .any(|t| t.ends_with("<b>bold</b> <script>alert(1)</script> <!-- comment -->"))
    );
    assert!(text.contains("Donaudampfschifffahrts"));
    assert!(part(&parts, "docProps/core.xml").contains("# Title &lt;i&gt;with&lt;/i&gt;"));
}

// ---------------------------------------------------------------------------------------------
// The house style of a reference DOCX

/// A 2×2 red PNG, for the letterhead's logo.
const LOGO: [u8; 73] = [
    137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 2, 0, 0, 0, 2, 8, 2, 0,
    0, 0, 253, 212, 154, 115, 0, 0, 0, 16, 73, 68, 65, 84, 120, 218, 99, 56, 193, 192, 0, 68, 12,
    16, 10, 0, 25, 14, 3, 33, 148, 100, 205, 122, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130,
];

/// A reference document as a French Word writes one: style ids in French ("Titre1" for
/// "heading 1"), a custom "Letterhead" style, a list of its own, Letter paper, a first-page
/// letterhead with a logo, a running header, a footer without page numbers.
fn word_reference() -> Vec<u8> {
    let w = format!("xmlns:w=\"{W}\" xmlns:r=\"{R}\"");
    let wp = "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" \
              xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" \
              xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"";
    let logo = "<w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">\
        <wp:extent cx=\"914400\" cy=\"304800\"/><wp:docPr id=\"1\" name=\"Logo\"/><a:graphic>\
        <a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic>\
        <pic:nvPicPr><pic:cNvPr id=\"0\" name=\"logo.png\"/><pic:cNvPicPr/></pic:nvPicPr>\
        <pic:blipFill><a:blip r:embed=\"rIdLogo\"/><a:stretch><a:fillRect/></a:stretch>\
        </pic:blipFill><pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"914400\" \
        cy=\"304800\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr>\
        </pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>";
    let parts: Vec<(&str, String)> = vec![
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
             <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
             <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
             <Default Extension=\"png\" ContentType=\"image/png\"/>\
             <Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml\"/>\
             <Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
             <Override PartName=\"/word/numbering.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/>\
             <Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>\
             <Override PartName=\"/word/theme/theme1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.theme+xml\"/>\
             <Override PartName=\"/word/header1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>\
             <Override PartName=\"/word/header2.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>\
             <Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>\
             <Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
             </Types>".into(),
        ),
        (
            "_rels/.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
             <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
             <Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
             </Relationships>".into(),
        ),
        (
            "docProps/core.xml",
            "<?xml version=\"1.0\"?><cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>Secretariat template</dc:title></cp:coreProperties>".into(),
        ),
        (
            "word/document.xml",
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document {w} \
                 xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" \
                 xmlns:w14=\"http://schemas.microsoft.com/office/word/2010/wordml\" mc:Ignorable=\"w14\">\
                 <w:body><w:p><w:pPr><w:pStyle w:val=\"Letterhead\"/></w:pPr><w:r><w:t>Body of the template</w:t></w:r></w:p>\
                 <w:sectPr w14:dummy=\"1\"><w:headerReference w:type=\"default\" r:id=\"rId10\"/>\
                 <w:headerReference w:type=\"first\" r:id=\"rId12\"/><w:footerReference w:type=\"default\" r:id=\"rId11\"/>\
                 <w:pgSz w:w=\"12240\" w:h=\"15840\"/><w:pgMar w:top=\"1800\" w:right=\"1300\" w:bottom=\"1400\" \
                 w:left=\"1300\" w:header=\"600\" w:footer=\"600\" w:gutter=\"0\"/><w:titlePg/></w:sectPr></w:body></w:document>"
            ),
        ),
        (
            "word/_rels/document.xml.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
             <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
             <Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" Target=\"numbering.xml\"/>\
             <Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>\
             <Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme\" Target=\"theme/theme1.xml\"/>\
             <Relationship Id=\"rId10\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header1.xml\"/>\
             <Relationship Id=\"rId11\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>\
             <Relationship Id=\"rId12\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"/word/header2.xml\"/>\
             <Relationship Id=\"rId13\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink\" Target=\"https://example.org\" TargetMode=\"External\"/>\
             </Relationships>".into(),
        ),
        (
            "word/styles.xml",
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:styles {w}><w:docDefaults><w:rPrDefault><w:rPr>\
                 <w:rFonts w:ascii=\"Garamond\" w:hAnsi=\"Garamond\"/><w:lang w:val=\"en-US\"/></w:rPr></w:rPrDefault></w:docDefaults>\
                 <w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>\
                 <w:style w:type=\"paragraph\" w:styleId=\"Titre1\"><w:name w:val=\"heading 1\"/><w:basedOn w:val=\"Normal\"/>\
                 <w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr><w:color w:val=\"00703C\"/></w:rPr></w:style>\
                 <w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"Letterhead\"><w:name w:val=\"Letterhead\"/>\
                 <w:rPr><w:b/><w:color w:val=\"005493\"/></w:rPr></w:style></w:styles>"
            ),
        ),
        (
            "word/numbering.xml",
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:numbering {w}><w:abstractNum w:abstractNumId=\"0\">\
                 <w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"upperRoman\"/><w:lvlText w:val=\"%1.\"/></w:lvl></w:abstractNum>\
                 <w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>"
            ),
        ),
        (
            "word/settings.xml",
            format!("<?xml version=\"1.0\"?><w:settings {w}><w:defaultTabStop w:val=\"720\"/></w:settings>"),
        ),
        (
            "word/theme/theme1.xml",
            "<?xml version=\"1.0\"?><a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" name=\"Secretariat\"/>".into(),
        ),
        (
            "word/header1.xml",
            format!("<?xml version=\"1.0\"?><w:hdr {w}><w:p><w:pPr><w:pStyle w:val=\"Letterhead\"/></w:pPr><w:r><w:t>Basin Cooperation Secretariat</w:t></w:r></w:p></w:hdr>"),
        ),
        (
            "word/header2.xml",
            format!("<?xml version=\"1.0\"?><w:hdr {w} {wp}><w:p><w:pPr><w:pStyle w:val=\"Letterhead\"/></w:pPr>{logo}<w:r><w:t>LETTERHEAD OF THE SECRETARIAT</w:t></w:r></w:p></w:hdr>"),
        ),
        (
            "word/_rels/header2.xml.rels",
            "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
             <Relationship Id=\"rIdLogo\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"media/logo.png\"/>\
             </Relationships>".into(),
        ),
        (
            "word/footer1.xml",
            format!("<?xml version=\"1.0\"?><w:ftr {w}><w:p><w:r><w:t>Palais des Bassins, Geneva</w:t></w:r></w:p></w:ftr>"),
        ),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, text) in parts {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.start_file("word/media/logo.png", options).unwrap();
    zip.write_all(&LOGO).unwrap();
    zip.finish().unwrap().into_inner()
}

fn with_reference(path: &Path, status: DocStatus) -> Options {
    Options {
        reference_doc: Some(path.to_path_buf()),
        ..framed("fr", status)
    }
}

#[test]
fn a_reference_docx_gives_the_minutes_its_styles_page_and_letterhead() {
    let dir = tempfile::tempdir().unwrap();
    let reference = dir.path().join("house.dotx.docx");
    std::fs::write(&reference, word_reference()).unwrap();
    let options = Options {
        numbered: true,
        ..with_reference(&reference, DocStatus::Draft)
    };
    let docx = export(&river_basins(), Format::Docx, &options).unwrap();
    let parts = assert_sound_package(&docx);

    // Its parts are kept: theme, settings, the logo, and its body is gone.
    for kept in [
        "word/theme/theme1.xml",
        "word/settings.xml",
        "word/media/logo.png",
    ] {
        assert!(parts.contains_key(kept), "{kept} was dropped");
    }
    assert_eq!(parts["word/media/logo.png"], LOGO);
    let text = docx_text(&docx);
    assert!(!text.contains("Body of the template"));
    assert!(text.contains("Liste des participants"));
    // A template's content type becomes a document's.
    let types = part(&parts, "[Content_Types].xml");
    assert!(types.contains("wordprocessingml.document.main+xml"));
    assert!(!types.contains("template.main+xml"));

    // Its styles: headings in its "heading 1" (id Titre1), its custom style kept, scribe's
    // missing styles added, the document in French.
    let document = part(&parts, "word/document.xml");
    assert!(document.contains("<w:pStyle w:val=\"Titre1\"/>"));
    assert!(!document.contains("<w:pStyle w:val=\"Heading1\"/>"));
    let styles = part(&parts, "word/styles.xml");
    assert!(styles.contains("w:styleId=\"Letterhead\"><w:name w:val=\"Letterhead\"/>"));
    assert!(styles.contains("w:styleId=\"Heading2\""));
    assert!(styles.contains("<w:lang w:val=\"fr-FR\""));
    assert!(!styles.contains("en-US"));
    // Its list keeps its id; scribe's come after it.
    let numbering = part(&parts, "word/numbering.xml");
    assert!(numbering.contains("<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"));
    assert!(numbering.contains("upperRoman"));

    // Its page: Letter paper, its margins, a different first page.
    let sect = &document[document.rfind("<w:sectPr").unwrap()..];
    assert!(
        sect.contains("<w:pgSz w:w=\"12240\" w:h=\"15840\"/>"),
        "{sect}"
    );
    assert!(sect.contains("<w:titlePg/>"));
    // Its headers keep the letterhead and get the symbol and the draft mark; its footer gets
    // the page numbers; the first page, which had no footer, gets scribe's.
    let pages: BTreeMap<String, String> = page_parts(&parts).into_iter().collect();
    assert_eq!(
        pages["header default"],
        "Basin Cooperation Secretariat | WG.12/2026/1 | PROJET"
    );
    assert_eq!(
        pages["header first"],
        "LETTERHEAD OF THE SECRETARIAT | WG.12/2026/1 | PROJET"
    );
    assert_eq!(
        pages["footer default"],
        "Palais des Bassins, Geneva | Page {PAGE} sur {NUMPAGES}"
    );
    assert_eq!(pages["footer first"], "Page {PAGE} sur {NUMPAGES}");
    // The header's image relationship still resolves (checked by assert_sound_package) and the
    // document keeps the namespaces its section properties use.
    assert!(document.contains("xmlns:w14="));
}

#[test]
fn a_reference_written_by_libreoffice_keeps_its_letterhead() {
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reference-libreoffice.docx");
    let docx = export(
        &river_basins(),
        Format::Docx,
        &with_reference(&fixture, DocStatus::Final),
    )
    .unwrap();
    let parts = assert_sound_package(&docx);
    let pages: BTreeMap<String, String> = page_parts(&parts).into_iter().collect();
    assert!(
        pages["header default"]
            .trim_start()
            .starts_with("BASIN COOPERATION SECRETARIAT | WG.12/2026/1"),
        "{pages:?}"
    );
    assert!(pages["footer default"].ends_with("Page {PAGE} sur {NUMPAGES}"));
    assert!(parts.keys().any(|k| k.starts_with("word/media/")));
    let document = part(&parts, "word/document.xml");
    // LibreOffice calls it "Heading 1", id Heading1; its green colour stays in its styles.
    assert!(document.contains("<w:pStyle w:val=\"Heading1\"/>"));
    let styles = part(&parts, "word/styles.xml");
    assert!(styles.contains("00703C"));
    assert!(styles.contains("w:styleId=\"OrgNote\""));
    assert!(document.contains("<w:pgSz w:w=\"12240\" w:h=\"15840\"/>"));
    assert!(docx_text(&docx).contains("Approbation du procès-verbal"));
}

#[test]
fn reference_docx_in_the_config_folder_applies_by_default() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("reference.docx"), word_reference()).unwrap();
    let options = Options {
        templates: Some(dir.path().to_path_buf()),
        ..Options::default()
    };
    let docx = export(&river_basins(), Format::Docx, &options).unwrap();
    assert!(part(&unzip(&docx), "word/document.xml").contains("Titre1"));
    // Asked for by name, another one wins.
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reference-libreoffice.docx");
    let options = Options {
        reference_doc: Some(fixture),
        ..options
    };
    let docx = export(&river_basins(), Format::Docx, &options).unwrap();
    assert!(!part(&unzip(&docx), "word/document.xml").contains("Titre1"));
}

#[test]
fn a_damaged_reference_docx_is_named_in_the_error() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, Vec<u8>, &str); 3] = [
        ("text.docx", b"just text".to_vec(), "not a zip file"),
        (
            "empty.docx",
            {
                let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
                zip.start_file("hello.txt", zip::write::SimpleFileOptions::default())
                    .unwrap();
                zip.finish().unwrap().into_inner()
            },
            "[Content_Types].xml",
        ),
        ("missing.docx", Vec::new(), "No such file"),
    ];
    for (name, bytes, reason) in cases {
        let path = dir.path().join(name);
        if !bytes.is_empty() {
            std::fs::write(&path, bytes).unwrap();
        }
        let options = Options {
            reference_doc: Some(path.clone()),
            ..Options::default()
        };
        let err = export(&river_basins(), Format::Docx, &options).unwrap_err();
        assert!(matches!(err, ExportError::Reference { .. }), "{err:?}");
        let message = err.to_string();
        assert!(
            message.contains(name) && message.contains(reason),
            "{message}"
        );
        // Other formats do not read it.
        assert!(export(&river_basins(), Format::Markdown, &options).is_ok());
    }
}

// ---------------------------------------------------------------------------------------------
// Languages

#[test]
fn french_minutes_have_french_labels_dates_and_language_tags() {
    let options = framed("fr", DocStatus::Final);
    let meeting = river_basins();
    let md = text(&meeting, Format::Markdown, &options);
    let parsed = blocks(&md);
    let h = headings(&parsed);
    for expected in [
        (2, "Liste des participants"),
        (2, "Ordre du jour"),
        (
            2,
            "Point 1 de l'ordre du jour – Opening of the meeting and adoption of the agenda",
        ),
        (3, "Débat"),
        (2, "Suite à donner"),
        (2, "Décisions"),
        (2, "Approbation du procès-verbal"),
    ] {
        assert!(
            h.contains(&(expected.0, expected.1.to_string())),
            "{expected:?} in {h:?}"
        );
    }
    assert!(
        md.contains("*jeudi 12 mars 2026, 10\u{a0}h\u{a0}00*"),
        "{md}"
    );
    assert!(md.contains("La séance est ouverte à 10\u{a0}h\u{a0}02."));
    assert!(md.contains("**Présidence\u{a0}:** Maren Solberg"));
    assert!(md.contains("| N° | Responsable | Action | Échéance | Point | État |"));
    assert!(md.contains("| 27 mars 2026 | 2 | En cours |"));
    let html = text(&meeting, Format::Html, &options);
    assert!(html.contains("<html lang=\"fr-FR\">"));
    assert!(html.contains("<h2 id=\"attendees\">Liste des participants</h2>"));
    let txt = text(&meeting, Format::Text, &options);
    assert!(txt.contains("Date de publication\u{a0}: 13 mars 2026"));
}

/// Every word a format prints that the meeting did not supply comes from the catalogue: with
/// a catalogue whose labels are all different from English, no English label is left.
#[test]
fn every_label_in_every_format_comes_from_the_catalogue() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("i18n")).unwrap();
    let english = Catalogue::english();
    let labels: Vec<String> = english
        .labels
        .keys()
        .map(|key| format!("\"{key}\": \"⟦{key}⟧{{time}}{{number}}{{title}}{{date}}{{reference}}{{page}}{{pages}}{{count}}{{duration}}{{name}}\""))
        .collect();
    std::fs::write(
        dir.path().join("i18n/qq.ron"),
        format!(
            "(tag: \"qq\", months: [\"M1\", \"M2\", \"M3\", \"M4\", \"M5\", \"M6\", \"M7\", \"M8\", \
             \"M9\", \"M10\", \"M11\", \"M12\"], weekdays: [\"D1\", \"D2\", \"D3\", \"D4\", \"D5\", \
             \"D6\", \"D7\"], labels: {{ {} }})",
            labels.join(", ")
        ),
    )
    .unwrap();
    let meeting = river_basins();
    let options = Options {
        templates: Some(dir.path().to_path_buf()),
        language: Some("qq".into()),
        numbered: true,
        ..detailed()
    };
    // The meeting's own words, which may well contain a label ("Chair", "Secretariat").
    let mut own = vec![
        meeting.meta.title.clone(),
        meeting.meta.subtitle.clone(),
        meeting.meta.place.clone(),
    ];
    own.extend(meeting.roster.iter().map(|a| a.with_capacity()));
    own.extend(meeting.roster.iter().filter_map(|a| a.label.clone()));
    own.extend(meeting.regrets.iter().cloned());
    own.extend(meeting.agenda.items().iter().map(|i| i.title.clone()));
    own.extend(meeting.entries.iter().map(|e| e.text.to_string()));
    let own = own.join("\n");
    let english_words: Vec<&str> = english
        .labels
        .values()
        .map(|v| v.split('{').next().unwrap_or_default().trim())
        .filter(|v| v.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        .filter(|v| !own.contains(*v))
        .collect();
    assert!(english_words.len() > 40, "{english_words:?}");
    for status in [DocStatus::Draft, DocStatus::Final] {
        let options = Options {
            status: Some(status),
            symbol: Some("S/1".into()),
            issued: Some(date(2026, 3, 13)),
            prepared_by: vec!["Scribe".into()],
            ..options.clone()
        };
        let mut outputs: Vec<(String, String)> = [Format::Markdown, Format::Html, Format::Text]
            .into_iter()
            .map(|f| {
                let out = text(&meeting, f, &options);
                // The style sheet's words ("Times New Roman") are not labels.
                let out = match out.split_once("</style>") {
                    Some((_, body)) => body.to_string(),
                    None => out,
                };
                (format!("{f:?}"), out)
            })
            .collect();
        let docx = export(&meeting, Format::Docx, &options).unwrap();
        let parts = unzip(&docx);
        let mut all = docx_text(&docx);
        for (_, page) in page_parts(&parts) {
            all.push('\n');
            all.push_str(&page);
        }
        outputs.push(("Docx".into(), all));
        for (format, out) in &outputs {
            for word in &english_words {
                assert!(
                    !out.contains(word),
                    "{format} prints the English label {word:?}"
                );
            }
            for date in ["12 March 2026", "Thursday"] {
                assert!(!out.contains(date), "{format} prints the English {date}");
            }
            assert!(
                out.contains("D4 12 M3 2026"),
                "{format}: the date in the catalogue's words"
            );
            assert!(out.contains("⟦attendees⟧"), "{format}");
        }
        assert!(text(&meeting, Format::Html, &options).contains("<html lang=\"qq\">"));
    }
}

#[test]
fn an_unknown_language_or_a_broken_catalogue_is_named() {
    let err = export(
        &river_basins(),
        Format::Markdown,
        &Options {
            language: Some("de".into()),
            ..Options::default()
        },
    )
    .unwrap_err();
    assert!(err.to_string().contains("'de'"), "{err}");
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("i18n")).unwrap();
    std::fs::write(
        dir.path().join("i18n/de.ron"),
        "(labels: {\"agenda\": \"Tagesordnung\"",
    )
    .unwrap();
    let options = Options {
        language: Some("de".into()),
        templates: Some(dir.path().to_path_buf()),
        ..Options::default()
    };
    let err = export(&river_basins(), Format::Docx, &options).unwrap_err();
    assert!(matches!(err, ExportError::Catalogue { .. }), "{err:?}");
    assert!(err.to_string().contains("de.ron"), "{err}");
    std::fs::write(
        dir.path().join("i18n/de.ron"),
        "(labels: {\"agenda\": \"Tagesordnung\"})",
    )
    .unwrap();
    let md = text(&river_basins(), Format::Markdown, &options);
    assert!(md.contains("## Tagesordnung"));
    assert!(
        md.contains("## List of Attendees"),
        "English where the catalogue says nothing"
    );
}

// ---------------------------------------------------------------------------------------------
// What the meeting does not record yet, given to the renderers directly

/// The minutes of the example meeting with what the domain will record later: attendance
/// groups with joined and left times, several minute-takers, an action with two owners that
/// is done, a motion, a point of order.
fn with_future_data() -> Minutes {
    let catalogue = Catalogue::english();
    let options = framed("en", DocStatus::Final);
    let mut minutes = scribe::export::model::build(&river_basins(), &options, &catalogue).unwrap();
    let present = |text: &str, joined: &str, left: &str| {
        let mut presence = Vec::new();
        if !joined.is_empty() {
            presence.push(format!("joined at {joined}"));
        }
        if !left.is_empty() {
            presence.push(format!("left at {left}"));
        }
        Present {
            name: text.split(" (").next().unwrap().to_string(),
            text: text.to_string(),
            joined: joined.to_string(),
            left: left.to_string(),
            presence: presence.join(", "),
            ..Present::default()
        }
    };
    minutes.attendance = vec![
        Group {
            title: "Members".into(),
            attendees: vec![
                present("Maren Solberg (Chair)", "", ""),
                present("Idris Haddad (Vice-Chair)", "10:25", ""),
            ],
        },
        Group {
            title: "Observers".into(),
            attendees: vec![present("Samuel Okoth (Riverwatch Alliance)", "", "11:30")],
        },
        Group {
            title: "Secretariat".into(),
            attendees: vec![present("Claire Dubois (Executive Secretary)", "", "")],
        },
    ];
    minutes.prepared_by = vec!["Leila Nasser".into(), "Ana Beatriz Costa".into()];
    minutes.actions[0] = ActionPoint {
        owners: vec!["Claire Dubois".into(), "Hanna Virtanen".into()],
        owner: "Claire Dubois, Hanna Virtanen".into(),
        status: "Done".into(),
        done: true,
        ..minutes.actions[0].clone()
    };
    minutes.decisions[1].motion = motion_line(
        &catalogue,
        &Motion {
            mover: Some("Idris Haddad".into()),
            seconder: Some("Kirsten Albrecht".into()),
            vote: Some(Vote {
                favour: 9,
                against: 1,
                abstentions: 2,
            }),
            outcome: Some(MotionOutcome::Carried),
        },
    );
    minutes.items[1].discussion[1].prefix = "On a point of order".into();
    minutes
}

#[test]
fn grouped_attendance_with_times_in_every_format() {
    let minutes = with_future_data();
    let md = rendered(&minutes, Format::Markdown);
    let parsed = blocks(&md);
    let attendance = section(&parsed, "List of Attendees");
    assert_eq!(
        attendance,
        [
            Block::Heading(3, "Members".into()),
            Block::Item("Maren Solberg (Chair)".into()),
            Block::Item("Idris Haddad (Vice-Chair) – joined at 10:25".into()),
            Block::Heading(3, "Observers".into()),
            Block::Item("Samuel Okoth (Riverwatch Alliance) – left at 11:30".into()),
            Block::Heading(3, "Secretariat".into()),
            Block::Item("Claire Dubois (Executive Secretary)".into()),
            Block::Paragraph(Some("Regrets".into()), String::new()),
            Block::Item("Gustavo Rivas (Transboundary Aquifers in 2026)".into()),
            Block::Item("Leila Nasser (Basin Cooperation Secretariat, communications)".into()),
        ]
    );
    let html = rendered(&minutes, Format::Html);
    assert!(html.contains("<h3 id=\"attendees-2\">Observers</h3>\n<ul>\n<li>Samuel Okoth (Riverwatch Alliance) – <em>left at 11:30</em></li>"), "{html}");
    let txt = rendered(&minutes, Format::Text);
    assert!(
        txt.contains("Observers:\n- Samuel Okoth (Riverwatch Alliance) – left at 11:30\n"),
        "{txt}"
    );
    let docx = render(&minutes, Format::Docx, &Options::default()).unwrap();
    let outline = docx_outline(&docx);
    assert!(outline.contains("[Heading3] Members\n[ListParagraph list 1] Maren Solberg (Chair)\n[ListParagraph list 1] Idris Haddad (Vice-Chair)_ – joined at 10:25_\n[Heading3] Observers"), "{outline}");
}

#[test]
fn motions_several_owners_done_actions_and_points_of_order_in_every_format() {
    let minutes = with_future_data();
    let motion = "Moved by Idris Haddad, seconded by Kirsten Albrecht; 9 in favour, 1 against, 2 abstentions; carried";
    let md = rendered(&minutes, Format::Markdown);
    let parsed = blocks(&md);
    let decisions = section(&parsed, "Decisions");
    let at = decisions
        .iter()
        .position(|b| matches!(b, Block::Paragraph(Some(l), _) if l == "12/2"))
        .unwrap();
    assert_eq!(decisions[at + 1], Block::Paragraph(None, motion.into()));
    assert!(section(&parsed, "Action Points").contains(&Block::Row(
        [
            "1",
            "Claire Dubois, Hanna Virtanen",
            "Circulate a two-page note on the legal options for adopting the revised data-sharing protocol",
            "27 March 2026",
            "2",
            "Done"
        ]
        .map(str::to_string)
        .to_vec()
    )));
    assert!(
        md.contains("**Kirsten Albrecht (Coord. Data):** *On a point of order:* Welcomed"),
        "{md}"
    );
    assert!(md.contains("**Prepared by:** Leila Nasser, Ana Beatriz Costa"));
    let approval = section(&parsed, "Approval of the minutes");
    assert!(
        approval.contains(&Block::Paragraph(
            Some("Secretary".into()),
            "Leila Nasser\nSignature: ______________________________ Date: ________________".into()
        )),
        "{approval:#?}"
    );

    let html = rendered(&minutes, Format::Html);
    assert!(html.contains(&format!("<p class=\"motion\">{motion}</p>")));
    assert!(html.contains(
        "<tr class=\"done\"><td class=\"number\">1</td><td>Claire Dubois, Hanna Virtanen</td>"
    ));
    assert!(html.contains(
        "<strong>Kirsten Albrecht (Coord. Data):</strong> <em>On a point of order:</em> Welcomed"
    ));
    let txt = rendered(&minutes, Format::Text);
    assert!(
        txt.contains("     Moved by Idris Haddad, seconded by Kirsten Albrecht;"),
        "{txt}"
    );
    assert!(txt.contains("Kirsten Albrecht (Coord. Data): (On a point of order) Welcomed"));
    let docx = render(&minutes, Format::Docx, &Options::default()).unwrap();
    let outline = docx_outline(&docx);
    assert!(
        outline.contains(&format!("[Normal] _{motion}_")),
        "{outline}"
    );
    assert!(outline.contains("| 1 | Claire Dubois, Hanna Virtanen | Circulate"));
    assert!(outline.contains("| Done |"));
    assert!(
        outline.contains("**Kirsten Albrecht (Coord. Data): **_On a point of order: _Welcomed")
    );
    assert!(outline.contains("**Secretary: **Leila Nasser"));
    assert!(outline.contains("**Prepared by: **Leila Nasser, Ana Beatriz Costa"));
}

// ---------------------------------------------------------------------------------------------
// Numbers and lists

#[test]
fn numbered_paragraphs_and_decisions_in_every_format() {
    let options = Options {
        numbered: true,
        meeting_number: Some(7),
        decision_numbers: Some("WG/{meeting}/{n}".into()),
        ..Options::default()
    };
    let meeting = river_basins();
    let md = text(&meeting, Format::Markdown, &options);
    let parsed = blocks(&md);
    let item_1 = section(
        &parsed,
        "Agenda Item 1 – Opening of the meeting and adoption of the agenda",
    );
    assert_eq!(
        item_1[0],
        Block::Paragraph(None, "1. Welcomed the members to the twelfth meeting of the Working Group and thanked the Secretariat for organising it in a hybrid format at short notice. Informed the meeting that Gustavo Rivas and Leila Nasser had sent their apologies and that the Secretariat would brief them on the outcome.".into())
    );
    assert!(
        md.contains("\n3\\. **Rahul Menon (Coord. Stakeholders):** Asked"),
        "{md}"
    );
    assert!(md.contains("\n5\\. **Decision WG/7/1:** The agenda"));
    assert!(section(&parsed, "Decisions")[0]
        == Block::Paragraph(Some("WG/7/1".into()), "The agenda was adopted as circulated, with the addition under any other business of the accreditation of observer organisations to MOP-4. (item 1)".into()));
    let html = text(&meeting, Format::Html, &options);
    assert!(html.contains("<p class=\"numbered\"><span class=\"number\">1.</span>Welcomed"));
    assert!(html.contains(
        "<p class=\"statement numbered\"><span class=\"number\">3.</span><strong>Rahul Menon"
    ));
    let txt = text(&meeting, Format::Text, &options);
    assert!(txt.contains("\n3. Rahul Menon (Coord. Stakeholders): Asked"));
    assert!(txt.contains("\nWG/7/1 The agenda was adopted"));
    let docx = export(&meeting, Format::Docx, &options).unwrap();
    let outline = docx_outline(&docx);
    // Word numbers the paragraphs itself, from one list that runs through the document.
    let numbered: Vec<&str> = outline
        .lines()
        .filter(|l| l.starts_with("[ListParagraph list 2]"))
        .collect();
    let paragraphs = md
        .lines()
        .filter(|l| {
            l.split("\\. ")
                .next()
                .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        })
        .count();
    assert_eq!(numbered.len(), paragraphs);
    assert!(numbered[2].contains("**Rahul Menon (Coord. Stakeholders): **Asked"));
    let parts = unzip(&docx);
    assert!(
        part(&parts, "word/numbering.xml")
            .contains("<w:num w:numId=\"2\"><w:abstractNumId w:val=\"2\"/></w:num>")
    );
}

#[test]
fn an_entry_typed_as_a_list_is_a_list_under_its_speaker_in_every_format() {
    let meeting = fold(vec![
        attendee("Lebanon", Some("President"), None),
        attendee("Germany", Some("Stockpile Destruction"), Some("Coord. Stock. Destruct.")),
        Event::ChairSet { attendee: Id(0) },
        Event::ItemAdded { title: "Preparations".into(), planned: None },
        Event::ItemTakenUp { item: Id(3) },
        Event::StatementRecorded {
            speaker: Id(0),
            text: "Proposed three steps:\n- a road map\n- joint letters".into(),
        },
        Event::FloorGiven { attendee: Id(1) },
        Event::StatementRecorded {
            speaker: Id(1),
            text: "Asked two questions:\n1. when the invitations go out\n2. who signs them\nand thanked the Presidency.".into(),
        },
    ]);
    let md = text(&meeting, Format::Markdown, &Options::default());
    let parsed = blocks(&md);
    assert_eq!(
        section(&parsed, "Agenda Item 1 – Preparations"),
        [
            Block::Item("Proposed three steps:".into()),
            Block::Item("a road map".into()),
            Block::Item("joint letters".into()),
            Block::Heading(3, "Discussion".into()),
            Block::Paragraph(
                Some("Germany (Coord. Stock. Destruct.)".into()),
                "Asked two questions:".into()
            ),
            Block::Item("when the invitations go out".into()),
            Block::Item("who signs them".into()),
            Block::Paragraph(None, "and thanked the Presidency.".into()),
        ]
    );
    assert!(
        md.contains("- Proposed three steps:\n  - a road map\n  - joint letters\n"),
        "{md}"
    );
    assert!(md.contains("**Germany (Coord. Stock. Destruct.):** Asked two questions:\n\n1. when the invitations go out\n2. who signs them\n\nand thanked"), "{md}");
    let html = text(&meeting, Format::Html, &Options::default());
    assert!(html.contains("<li>Proposed three steps:<ul>\n<li>a road map</li>\n<li>joint letters</li>\n</ul>\n</li>"), "{html}");
    assert!(html.contains("<strong>Germany (Coord. Stock. Destruct.):</strong> Asked two questions:</p>\n<ol>\n<li>when the invitations go out</li>"), "{html}");
    let txt = text(&meeting, Format::Text, &Options::default());
    assert!(
        txt.contains("- Proposed three steps:\n  - a road map\n  - joint letters\n"),
        "{txt}"
    );
    assert!(txt.contains("Germany (Coord. Stock. Destruct.): Asked two questions:\n  1. when the invitations go out\n  2. who signs them\n"), "{txt}");
    let outline = docx_outline(&export(&meeting, Format::Docx, &Options::default()).unwrap());
    assert!(outline.contains("[ListParagraph list 1] Proposed three steps:\n[ListParagraph list 1 level 1] a road map\n[ListParagraph list 1 level 1] joint letters\n"), "{outline}");
    assert!(outline.contains("[Normal] **Germany (Coord. Stock. Destruct.): **Asked two questions:\n[ListParagraph list 4] when the invitations go out\n[ListParagraph list 4] who signs them\n[Normal] and thanked the Presidency.\n"), "{outline}");
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

/// The seed minutes typed through the command language, as the console records them.
fn seed_meeting() -> Meeting {
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
    type_lines(&lines).meeting().clone()
}

#[test]
fn the_seed_minutes_typed_through_the_command_language_export_in_their_shape() {
    let meeting = seed_meeting();
    let markdown = text(&meeting, Format::Markdown, &Options::default());
    let blocks = blocks(&markdown);

    // The title block, then who chaired, without repeating the capacity.
    assert_eq!(
        blocks[0],
        Block::Heading(1, "5th Meeting of the CCM Coordination Committee".into())
    );
    let title_block = &blocks[..5];
    assert!(title_block.contains(&Block::Paragraph(
        Some("Minutes and Action Points".into()),
        String::new()
    )));
    assert!(title_block.contains(&Block::Paragraph(None, "Tuesday 28 February 2012".into())));
    assert!(title_block.contains(&Block::Paragraph(
        Some("In the chair".into()),
        "Lebanon".into()
    )));

    // "List of Attendees" as `Name (Capacity)`.
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
    assert_eq!(attendees, expected.iter().collect::<Vec<_>>());
    // The agenda, then the time the meeting was called to order.
    let opened = meeting.started.unwrap().format("%H:%M").to_string();
    assert_eq!(
        section(&blocks, "Agenda"),
        [
            Block::Item(ITEM_1.into()),
            Block::Item(ITEM_2.into()),
            Block::Paragraph(
                None,
                format!("The meeting was called to order at {opened}.")
            ),
        ]
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
        format!("The meeting rose at {closed}."),
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
        attendee(bad, Some(bad), Some(bad)),
        attendee(&format!("chair {bad}"), Some(bad), None),
        Event::ChairSet { attendee: Id(4) },
        Event::RegretsRecorded { name: bad.into() },
        Event::ItemAdded {
            title: bad.into(),
            planned: None,
        },
        Event::NoteRecorded {
            text: format!("before {bad}").into(),
        },
        Event::ItemTakenUp { item: Id(7) },
        Event::FloorGiven { attendee: Id(4) },
        Event::StatementRecorded {
            speaker: Id(4),
            text: format!("{bad}\r\n{bad}\tend\n- {bad}").into(),
        },
        Event::FloorGiven { attendee: Id(3) },
        Event::StatementRecorded {
            speaker: Id(3),
            text: bad.into(),
        },
        Event::NoteRecorded { text: bad.into() },
        Event::ActionRecorded(Box::new(ActionRecorded {
            owner: Owner::Named(bad.into()),
            also: vec![],
            text: format!("{bad}\n{bad}").into(),
            due: None,
        })),
        Event::ActionRecorded(Box::new(ActionRecorded {
            owner: Owner::Attendee(Id(3)),
            also: vec![],
            text: bad.into(),
            due: None,
        })),
        Event::DecisionRecorded {
            text: format!("{bad}\n{bad}").into(),
        },
        Event::EntryCorrected {
            entry: Id(13),
            text: format!("corrected {bad}").into(),
        },
        Event::MeetingClosed,
    ]);
    let is_bad = |c: char| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
    let framed_badly = Options {
        symbol: Some(bad.into()),
        prepared_by: vec![bad.into()],
        status: Some(DocStatus::Final),
        numbered: true,
        ..detailed()
    };
    for options in [Options::default(), detailed(), framed_badly] {
        for format in [Format::Markdown, Format::Html, Format::Text] {
            let out = text(&meeting, format, &options);
            if let Some(c) = out.chars().find(|c| is_bad(*c)) {
                panic!("{format:?} holds U+{:04X}:\n{out}", c as u32);
            }
            assert!(out.contains("corrected ab"), "{format:?}:\n{out}");
        }
        let parts = assert_sound_package(&export(&meeting, Format::Docx, &options).unwrap());
        for (name, data) in parts {
            let xml = String::from_utf8(data).unwrap();
            if let Some(c) = xml.chars().find(|c| is_bad(*c)) {
                panic!("{name} holds U+{:04X}", c as u32);
            }
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
        "<h1>{{ title }}</h1>{% for name in attendees %}<p>{{ name }}</p>{% endfor %}<p>{{ labels.agenda }}</p>",
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
    assert!(html.ends_with("<p>Agenda</p>\n"), "{html}");
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
    // A label filled with a value it has no place for is no error.
    std::fs::write(
        &path,
        "{{ title }}\n\n{{ labels.rose|fill(time=closed, oops=1) }}\n",
    )
    .unwrap();
    assert_eq!(
        export(&river_basins(), Format::Text, &options)
            .map(|_| ())
            .ok(),
        Some(())
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
        attendee("Norway", None, None),
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
            for options in [
                Options::default(),
                detailed(),
                framed("fr", DocStatus::Final),
            ] {
                let out = export(meeting, format, &options).unwrap();
                assert!(!out.is_empty());
                if format == Format::Docx {
                    assert_sound_package(&out);
                }
            }
        }
    }
    let md = text(&open, Format::Markdown, &Options::default());
    // Without a chair there is no introduction: the statement is labelled.
    assert!(md.contains("**Norway:** Still speaking."), "{md}");
    assert!(!md.contains("rose at"));
    let md = text(&empty, Format::Markdown, &Options::default());
    // Nothing to show, nothing shown: the title alone.
    assert_eq!(md, "# Minutes\n");
    let fr = text(
        &empty,
        Format::Markdown,
        &Options {
            language: Some("fr".into()),
            ..Options::default()
        },
    );
    assert_eq!(fr, "# Procès-verbal\n");
}

#[test]
fn decision_numbers_that_need_a_meeting_number_say_how_to_give_it() {
    let options = Options {
        decision_numbers: Some("{meeting}/{n}".into()),
        ..Options::default()
    };
    let err = export(&hostile_meeting(), Format::Html, &options).unwrap_err();
    assert!(matches!(err, ExportError::DecisionNumbers(_)), "{err:?}");
    assert!(err.to_string().contains("--meeting-number"), "{err}");
}

/// What `scribe export` writes (the agenda items' sections built while the template renders
/// those before them, made into template values as views of the minutes, each line finished on
/// its way out, on three threads) is byte for byte what the minutes built and rendered whole in
/// memory give: every example meeting, the hostile one with a hostile catalogue, every format;
/// plain, with numbered paragraphs and times (built as they are rendered) and with statistics
/// (built whole first).
#[test]
fn minutes_written_as_they_render_are_the_minutes_rendered_whole() {
    let dir = tempfile::tempdir().unwrap();
    let numbered = Options {
        numbered: true,
        times: true,
        ..Options::default()
    };
    let mut cases: Vec<(Meeting, Options)> = example_meetings()
        .into_iter()
        .flat_map(|(_, m)| {
            [
                (m.clone(), Options::default()),
                (m.clone(), numbered.clone()),
                (m, detailed()),
            ]
        })
        .collect();
    cases.push((hostile_meeting(), hostile_catalogue(dir.path())));
    for (meeting, options) in cases {
        for format in Format::ALL {
            let minutes = scribe::export::minutes(&meeting, &options).unwrap();
            let whole = render(&minutes, format, &options).unwrap();
            let written = scribe::export::write(minutes, format, &options, Vec::new()).unwrap();
            assert!(whole == written, "{format:?}: {}", meeting.meta.title);
            let made = scribe::export::write_meeting(&meeting, format, &options, Vec::new());
            assert!(whole == made.unwrap(), "{format:?}: {}", meeting.meta.title);
        }
    }
}

/// A long meeting (its sections built on two threads, or handed to the template or the DOCX
/// writer one by one as they are built) gives the minutes built whole.
#[test]
fn a_long_meeting_is_written_as_built_whole() {
    let meeting = Meeting::fold(&generator::events(12_000));
    let numbered = Options {
        numbered: true,
        ..Options::default()
    };
    for options in [Options::default(), numbered, detailed()] {
        let minutes = scribe::export::minutes(&meeting, &options).unwrap();
        assert!(minutes.items.len() > 10, "{}", minutes.items.len());
        for format in [Format::Markdown, Format::Text, Format::Docx] {
            let whole = render(&minutes, format, &options).unwrap();
            let made = scribe::export::write_meeting(&meeting, format, &options, Vec::new());
            assert!(whole == made.unwrap(), "{format:?}");
        }
    }
}

/// A note-taker's template sees the agenda items as a list whatever it does with them:
/// counts them, indexes them, loops twice, filters and joins them with another list.
#[test]
fn a_template_sees_the_items_as_a_list() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("minutes.txt.j2"),
        "{{ items|length }} {{ items[0].title }} {{ items|last|attr('number') }}\n\
         {% for s in items %}{{ s.number }}{% if not loop.last %},{% endif %}{% endfor %}\n\
         {% for s in items|reverse %}{{ s.number }}{% endfor %}\n\
         {{ items|map(attribute='anchor')|join(' ') }}\n\
         {{ (([opening] if opening else []) + items)|length }} {{ items is sequence }}\n",
    )
    .unwrap();
    let options = Options {
        templates: Some(dir.path().to_path_buf()),
        ..Options::default()
    };
    let meeting = river_basins();
    let minutes = scribe::export::minutes(&meeting, &options).unwrap();
    let n = minutes.items.len();
    assert!(n > 1);
    let whole = String::from_utf8(render(&minutes, Format::Text, &options).unwrap()).unwrap();
    let written = scribe::export::write(minutes, Format::Text, &options, Vec::new()).unwrap();
    assert_eq!(String::from_utf8(written).unwrap(), whole);
    assert!(whole.starts_with(&format!("{n} ")), "{whole}");
    let numbers: Vec<String> = (1..=n).map(|i| i.to_string()).collect();
    assert!(whole.contains(&numbers.join(",")), "{whole}");
}
