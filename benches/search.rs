//! Searching the archive at the size the issue names: 500 meetings and a million events,
//! written with the real store writer. Measures the first look (every meeting read, folded and
//! its extract written to the cache, on every core), a look when nothing changed (what every
//! `scribe search`, `list` and `actions` pays before answering), a look after one meeting
//! changed, and searches of several kinds on the loaded catalog. The goal: a search (look and
//! search together) under 200 ms after the first run.
//!
//! Run with `cargo bench --bench search`. The archive is generated in a temporary folder (about
//! 300 MB); set SCRIBE_BENCH_ARCHIVE to a folder to keep it and reuse it between runs.

mod common;

use common::stats;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use scribe::archive::{Archive, Kind, Query};
use scribe::meeting::{ActionRecorded, AttendeeAdded, Event, Id, Owner, Stamped};

const MEETINGS: usize = 500;
const EVENTS_PER_MEETING: usize = 2000;
const ATTENDEES: u32 = 12;
const ITEMS: u32 = 6;
/// Runs of each search.
const RUNS: usize = 30;

/// A small deterministic generator of words (xorshift).
struct Words(u64);

const VOCABULARY: &[&str] = &[
    "the",
    "delegation",
    "thanked",
    "Presidency",
    "for",
    "outlining",
    "procedure",
    "and",
    "inquired",
    "when",
    "invitation",
    "letter",
    "information",
    "package",
    "will",
    "be",
    "sent",
    "out",
    "supported",
    "proposal",
    "of",
    "Secretariat",
    "on",
    "financing",
    "model",
    "basin",
    "stations",
    "water-quality",
    "parameters",
    "sampling",
    "protocol",
    "Côte",
    "d'Ivoire",
    "México",
    "Genève",
    "coordinators",
    "report",
    "draft",
    "decision",
    "budget",
    "audit",
    "timeline",
    "consultation",
    "abstraction",
    "restrictions",
    "Article",
    "twelve",
    "agreed",
    "objected",
    "welcomed",
    "noted",
    "requested",
    "clarification",
    "regarding",
    "deadline",
    "working",
    "group",
    "meeting",
    "intersessional",
    "platform",
    "data",
    "exchange",
    "flood",
    "drought",
    "warning",
    "early",
    "system",
    "pilot",
    "third",
    "funding",
    "travel",
    "support",
    "criteria",
    "allocating",
    "observer",
    "organisations",
    "side-event",
    "rooms",
    "high-level",
    "segment",
    "speaker",
    "communities",
    "licence",
    "transition",
    "arrangements",
    "lessons",
    "learned",
    "website",
    "publish",
    "revise",
    "circulate",
    "paper",
    "Parties",
    "mandate",
];

impl Words {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn sentence(&mut self, words: usize) -> String {
        let mut text = String::new();
        for i in 0..words {
            if i > 0 {
                text.push(' ');
            }
            let word = VOCABULARY[(self.next() % VOCABULARY.len() as u64) as usize];
            text.push_str(word);
        }
        text.push('.');
        text
    }
}

/// One meeting of about `EVENTS_PER_MEETING` events: roster, agenda, then items taken up,
/// speakers queued and given the floor, statements (most of it), notes, actions, decisions,
/// a struck entry now and then. Meeting 250 has a phrase found nowhere else.
fn meeting(n: usize, words: &mut Words) -> Vec<Stamped> {
    let day = chrono::NaiveDate::from_ymd_opt(2008, 1, 1)
        .and_then(|d| d.checked_add_days(chrono::Days::new(n as u64 * 7)))
        .unwrap_or_default();
    let start = scribe::testkit::moment(&format!("{day}T09:30:00+01:00"));
    let mut events = Vec::with_capacity(EVENTS_PER_MEETING);
    let push = |events: &mut Vec<Stamped>, event: Event| {
        let at = start + chrono::TimeDelta::seconds(events.len() as i64 * 7);
        events.push(Stamped { at, event });
    };
    push(
        &mut events,
        Event::TitleSet {
            title: format!(
                "{} Meeting of the Committee",
                scribe::archive::title::ordinal(n as u32 + 1)
            ),
        },
    );
    push(
        &mut events,
        Event::SeriesSet {
            series: ["Committee", "Board", "River Basins"][n % 3].into(),
        },
    );
    for a in 0..ATTENDEES {
        push(
            &mut events,
            Event::AttendeeAdded(Box::new(AttendeeAdded {
                name: format!("Delegation {a}"),
                capacity: Some(format!("Coordinator {a}")),
                label: Some(format!("D{a}")),
                aliases: vec![],
                group: None,
            })),
        );
    }
    let first_item = events.len() as u32;
    for _ in 0..ITEMS {
        push(
            &mut events,
            Event::ItemAdded {
                title: words.sentence(5),
                planned: None,
            },
        );
    }
    while events.len() < EVENTS_PER_MEETING {
        let k = events.len();
        let speaker = Id(2 + (words.next() % u64::from(ATTENDEES)) as u32);
        let event = match k % 60 {
            0 => Event::ItemTakenUp {
                item: Id(first_item + (k / 60 % ITEMS as usize) as u32),
            },
            1 => Event::SpeakerQueued {
                attendee: speaker,
                reason: None,
                kind: Default::default(),
                front: false,
            },
            2 => Event::FloorGiven { attendee: speaker },
            3 => Event::NoteRecorded {
                text: words.sentence(12).into(),
            },
            4 => Event::ActionRecorded(Box::new(ActionRecorded {
                owner: Owner::Attendee(speaker),
                also: vec![],
                text: words.sentence(14).into(),
                due: Some(day),
            })),
            5 => Event::DecisionRecorded {
                text: words.sentence(20).into(),
            },
            6 => Event::EntryStruck {
                entry: Id(k as u32 - 1),
            },
            7 if n == 250 && k < 100 => Event::NoteRecorded {
                text: "The quartermaster's zeppelin report was noted.".into(),
            },
            _ => {
                let length = 18 + (words.next() % 20) as usize;
                Event::StatementRecorded {
                    speaker,
                    text: words.sentence(length).into(),
                }
            }
        };
        push(&mut events, event);
    }
    events
}

/// The archive: generated once into `dir` (kept there when it is complete).
fn generate(dir: &Path) -> Duration {
    let done = dir.join(".complete");
    if done.exists() {
        return Duration::ZERO;
    }
    let started = Instant::now();
    let mut words = Words(0x9e37_79b9_7f4a_7c15);
    for n in 0..MEETINGS {
        let events = meeting(n, &mut words);
        let path = dir.join(format!("meeting-{n:03}.ron"));
        scribe::store::save(&path, &events).expect("save a meeting");
    }
    let _ = std::fs::write(done, "");
    started.elapsed()
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let kept = std::env::var_os("SCRIBE_BENCH_ARCHIVE").map(PathBuf::from);
    let temporary = tempfile::tempdir().expect("a temporary folder");
    let dir = kept.unwrap_or_else(|| temporary.path().join("archive"));
    std::fs::create_dir_all(&dir).expect("the archive's folder");
    let cache = temporary.path().join("cache");

    let generated = generate(&dir);
    let bytes: u64 = std::fs::read_dir(&dir)
        .expect("the archive")
        .filter_map(Result::ok)
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum();
    println!(
        "archive: {MEETINGS} meetings, {} events, {:.0} MB of meeting files{}",
        MEETINGS * EVENTS_PER_MEETING,
        bytes as f64 / 1e6,
        if generated.is_zero() {
            " (reused)".to_string()
        } else {
            format!(", generated in {:.1} s", generated.as_secs_f64())
        }
    );

    // Where the first look's time goes, for one meeting.
    let one = dir.join("meeting-000.ron");
    let started = Instant::now();
    let opened = scribe::store::disk::open(&one).expect("a meeting");
    let read = started.elapsed();
    let started = Instant::now();
    let folded = scribe::meeting::Meeting::fold(&opened.events);
    let fold = started.elapsed();
    let started = Instant::now();
    let extract = scribe::archive::extract::Extract::of(
        "meeting-000.ron",
        Default::default(),
        &folded,
        None,
        Vec::new(),
    );
    let made = started.elapsed();
    let started = Instant::now();
    let bytes = extract.encode();
    let encoded = started.elapsed();
    println!(
        "one meeting of {EVENTS_PER_MEETING} events: read {} · fold {} · extract {} · encode {} \
         ({} KB)",
        ms(read),
        ms(fold),
        ms(made),
        ms(encoded),
        bytes.len() / 1024
    );

    let archive = Archive::new(&dir, Some(cache.clone()));
    let started = Instant::now();
    let catalog = archive.load(&mut |_, _| {}).expect("the catalog");
    let first = started.elapsed();
    let extracts: u64 = std::fs::read_dir(archive.cache().expect("a cache"))
        .expect("the cache")
        .filter_map(Result::ok)
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum();
    let entries: usize = catalog
        .meetings
        .iter()
        .filter_map(|m| m.summary.as_ref().ok())
        .map(|s| s.entries)
        .sum();
    println!(
        "first look (read, fold, extract {MEETINGS} meetings, {entries} entries): {:.2} s; \
         extracts {:.0} MB",
        first.as_secs_f64(),
        extracts as f64 / 1e6
    );

    let looks: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            let catalog = archive.load(&mut |_, _| {}).expect("the catalog");
            std::hint::black_box(catalog.meetings.len());
            started.elapsed()
        })
        .collect();
    let (median, p95, max) = stats(looks);
    println!(
        "look, nothing changed: median {} · p95 {} · max {}",
        ms(median),
        ms(p95),
        ms(max)
    );

    // One meeting changes (a file written again): only its extract is made again.
    let changed = dir.join("meeting-499.ron");
    let events = scribe::store::load(&changed).expect("a meeting");
    scribe::store::save(&changed, &events).expect("save");
    let started = Instant::now();
    archive.load(&mut |_, _| {}).expect("the catalog");
    println!("look after one meeting changed: {}", ms(started.elapsed()));

    let queries: Vec<(&str, Query)> = vec![
        (
            "a rare phrase (1 hit)",
            Query {
                text: "quartermaster's zeppelin".into(),
                ..Query::default()
            },
        ),
        (
            "a word in no entry",
            Query {
                text: "xylophone".into(),
                ..Query::default()
            },
        ),
        (
            "accents aside: \"cote d'ivoire\"",
            Query {
                text: "cote d'ivoire".into(),
                limit: Some(100),
                ..Query::default()
            },
        ),
        (
            "two words, one speaker, statements",
            Query {
                text: "invitation letter".into(),
                speaker: Some("Delegation 3".into()),
                kind: Some(Kind::Statement),
                ..Query::default()
            },
        ),
        (
            "one series, since 2012",
            Query {
                text: "flood".into(),
                series: Some("Board".into()),
                since: chrono::NaiveDate::from_ymd_opt(2012, 1, 1),
                ..Query::default()
            },
        ),
        (
            "a common word, first 50 hits",
            Query {
                text: "the".into(),
                limit: Some(50),
                ..Query::default()
            },
        ),
        (
            "a common word, every hit",
            Query {
                text: "budget".into(),
                ..Query::default()
            },
        ),
    ];
    println!("search (look + search, as `scribe search` after the first run), {RUNS} runs each:");
    for (name, query) in &queries {
        let mut hits = 0;
        let samples: Vec<Duration> = (0..RUNS)
            .map(|_| {
                let started = Instant::now();
                let catalog = archive.load(&mut |_, _| {}).expect("the catalog");
                let found = catalog.search(query);
                hits = found.hits.len();
                started.elapsed()
            })
            .collect();
        let (median, p95, max) = stats(samples);
        println!(
            "  {name:<40} {hits:>7} hits  median {:>9} · p95 {:>9} · max {:>9}",
            ms(median),
            ms(p95),
            ms(max)
        );
    }
    let samples: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            let catalog = archive.load(&mut |_, _| {}).expect("the catalog");
            std::hint::black_box(catalog.actions().len());
            started.elapsed()
        })
        .collect();
    let (median, p95, _) = stats(samples);
    println!(
        "actions (look + follow every action point): median {} · p95 {}",
        ms(median),
        ms(p95)
    );
}
