//! The floor of formal bodies, as a note-taker runs it from the keyboard: request kinds in
//! their order, the list of each item, closed lists, speaking limits on a fake clock,
//! timeboxes and the estimated end, motions and votes, the habits of W3C scribes.

mod common;

use common::Console;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use scribe::app::App;
use scribe::export::{Format, Options, export};
use scribe::meeting::{Countdown, EntryKind, MotionOutcome, RequestKind};

fn ok(c: &mut Console, line: &str) {
    c.line(line);
    assert!(
        !c.app.status.as_ref().is_some_and(|s| s.error),
        "{line}: {}",
        c.status()
    );
}

fn queue(c: &Console) -> Vec<String> {
    let m = c.meeting();
    m.queue
        .requests()
        .iter()
        .map(|r| m.roster.name(r.attendee).to_string())
        .collect()
}

fn render(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal
        .draw(|frame| scribe::view::draw(frame, app))
        .expect("draw");
    terminal.backend().to_string()
}

/// The seed's roster and agenda, item 1 under way (the chair has the floor).
fn meeting() -> Console {
    let mut c = Console::new();
    c.seed_setup();
    ok(&mut c, "/item 1");
    c
}

#[test]
fn requests_go_in_the_order_of_their_kind() {
    let mut c = meeting();
    ok(&mut c, "/q+ Germany to say letters");
    ok(&mut c, "/reply Croatia");
    ok(&mut c, "/q+? Mexico what date?");
    ok(&mut c, "/poo CMC: the speaker strays from the item");
    ok(&mut c, "/q+ Norway");
    ok(&mut c, "/reply Germany");
    assert!(
        c.status().contains("in the queue already"),
        "{}",
        c.status()
    );
    assert_eq!(queue(&c), ["CMC", "Mexico", "Croatia", "Germany", "Norway"]);
    let m = c.meeting();
    let cmc = m.queue.head().expect("a head");
    assert_eq!(cmc.kind, RequestKind::PointOfOrder);
    assert_eq!(
        cmc.reason.as_deref(),
        Some("the speaker strays from the item")
    );
    assert_eq!(
        m.queue.requests()[1].reason.as_deref(),
        Some("what date?"),
        "the text after the name, found where the name ends"
    );
    // The point of order gets the floor first, and the minutes say so.
    ok(&mut c, "/ack");
    ok(&mut c, "The speaker should keep to the item.");
    let last = c.meeting().entries.last().expect("an entry");
    assert!(matches!(
        last.kind,
        EntryKind::Statement {
            request: Some(RequestKind::PointOfOrder),
            ..
        }
    ));
    let screen = render(&c.app, 120, 40);
    assert!(
        screen.contains("Point of order (CMC): The speaker should keep"),
        "{screen}"
    );
}

#[test]
fn the_list_is_managed_by_hand() {
    let mut c = meeting();
    for name in ["Germany", "Croatia", "Mexico"] {
        ok(&mut c, &format!("/q+ {name}"));
    }
    ok(&mut c, "/q^ Mexico");
    assert_eq!(queue(&c), ["Mexico", "Germany", "Croatia"]);
    ok(&mut c, "/q- later Mexico");
    assert_eq!(queue(&c), ["Germany", "Croatia", "Mexico"]);
    ok(&mut c, "/q= cmc, croatia");
    assert_eq!(queue(&c), ["CMC", "Croatia"]);
    ok(&mut c, "/ack");
    c.wait(30);
    ok(&mut c, "/ack");
    // CMC spoke; /readd puts them back first.
    ok(&mut c, "/readd");
    assert_eq!(queue(&c), ["CMC"]);
    ok(&mut c, "/readd");
    assert!(
        c.status().contains("first in the queue already"),
        "{}",
        c.status()
    );
    c.line("/q^ Norway");
    assert!(c.status().contains("not in the queue"), "{}", c.status());
}

#[test]
fn each_item_has_its_own_list_and_one_key_carries_the_waiting_over() {
    let mut c = meeting();
    ok(&mut c, "/q+ Germany");
    ok(&mut c, "/reply Croatia");
    ok(&mut c, "/item 2");
    assert!(c.status().contains("2 still waiting"), "{}", c.status());
    assert!(queue(&c).is_empty(), "a new item starts an empty list");
    let screen = render(&c.app, 80, 24);
    assert!(screen.contains("left waiting"), "{screen}");
    ok(&mut c, "/q+ Mexico");
    c.key_with(KeyCode::Char('c'), KeyModifiers::ALT);
    assert_eq!(queue(&c), ["Croatia", "Mexico", "Germany"]);
    // Not carried: the next item starts empty and forgets them.
    ok(&mut c, "/agenda Any other business");
    ok(&mut c, "/item 3");
    ok(&mut c, "/item 1");
    assert!(queue(&c).is_empty());
    assert!(c.meeting().queue.left_waiting.is_empty());
}

#[test]
fn a_closed_list_refuses_new_topics_but_not_points_of_order() {
    let mut c = meeting();
    ok(&mut c, "/close-list");
    c.line("/q+ Germany");
    assert!(c.status().contains("closed"), "{}", c.status());
    c.app.composer.clear();
    ok(&mut c, "/poo Croatia");
    ok(&mut c, "/q+? Mexico");
    assert_eq!(queue(&c), ["Croatia", "Mexico"]);
    assert!(render(&c.app, 80, 24).contains("· closed"));
    ok(&mut c, "/open-list");
    ok(&mut c, "/q+ Germany");
    assert_eq!(queue(&c).len(), 3);
}

#[test]
fn fewest_contributions_first_when_asked() {
    let mut c = meeting();
    ok(&mut c, "/floor Germany");
    ok(&mut c, "/floor Croatia");
    ok(&mut c, "/floor Germany");
    ok(&mut c, "/yield");
    ok(&mut c, "/order fewest");
    for name in ["Germany", "Croatia", "Mexico"] {
        ok(&mut c, &format!("/q+ {name}"));
        c.wait(5);
    }
    assert_eq!(queue(&c), ["Mexico", "Croatia", "Germany"]);
    ok(&mut c, "/order arrival");
    assert_eq!(queue(&c), ["Germany", "Croatia", "Mexico"]);
}

#[test]
fn speaking_limits_warn_at_80_percent_and_alarm_past_them() {
    let mut c = meeting();
    ok(&mut c, "/limit 3m");
    ok(&mut c, "/limit Mexico 5m");
    ok(&mut c, "/floor Germany");
    let countdown = |c: &Console| c.meeting().floor.and_then(|f| f.countdown(c.now));
    c.wait(60);
    assert!(matches!(countdown(&c), Some(Countdown::Left(_))));
    assert!(render(&c.app, 80, 24).contains("2:00 left"));
    c.wait(84);
    assert!(matches!(countdown(&c), Some(Countdown::Warning(_))));
    let screen = render(&c.app, 80, 24);
    assert!(
        screen.contains("! Germany") && screen.contains("0:36 left"),
        "{screen}"
    );
    c.wait(40);
    let screen = render(&c.app, 80, 24);
    assert!(screen.contains("+0:04 OVER"), "{screen}");
    assert!(
        screen.contains("OVER +0:04"),
        "the header shows it: {screen}"
    );
    // An extension gives more time; the overrun counts when the turn ends.
    ok(&mut c, "/extend 1m");
    assert!(matches!(countdown(&c), Some(Countdown::Left(_))));
    c.wait(60);
    ok(&mut c, "/floor Mexico");
    let m = c.meeting();
    assert_eq!(m.overruns.len(), 1);
    assert_eq!(m.overruns[0].over.as_secs(), 4);
    assert_eq!(
        m.floor.and_then(|f| f.limit).map(|l| l.as_secs()),
        Some(300),
        "Mexico's own limit"
    );
    ok(&mut c, "/limit off");
    ok(&mut c, "/floor Croatia");
    assert_eq!(c.meeting().floor.and_then(|f| f.limit), None);
    c.line("/extend 1m");
    assert!(c.status().contains("no limit"), "{}", c.status());
    // Limits, the extension and the overrun are in the minutes' statistics, in every format.
    ok(&mut c, "/floor Germany");
    c.wait(30);
    ok(&mut c, "/close");
    let stats = Options {
        stats: true,
        ..Options::default()
    };
    let md = exported(&c, Format::Markdown, &stats);
    let txt = exported(&c, Format::Text, &stats);
    let html = exported(&c, Format::Html, &stats);
    let docx = docx_text(&export(c.meeting(), Format::Docx, &stats).expect("docx"));
    for (format, out) in [("md", &md), ("txt", &txt), ("html", &html), ("docx", &docx)] {
        // Plain text wraps its lines.
        let out = &out.split_whitespace().collect::<Vec<_>>().join(" ");
        for said in [
            "Speaking limits",
            "3 min for everyone",
            "5 min for Mexico",
            ": extended by 1 min",
            "no limit for everyone",
            "Turns beyond the limit",
            ": 4 s over a limit of 4 min, extended by 1 min",
            "1 overrun",
        ] {
            assert!(out.contains(said), "{format} lacks {said:?}:\n{out}");
        }
        assert_eq!(
            out.matches("over a limit").count(),
            1,
            "{format}: one overrun only (Mexico and Croatia kept to theirs)"
        );
    }
    let french = Options {
        language: Some("fr".into()),
        ..stats
    };
    let fr = exported(&c, Format::Markdown, &french);
    assert!(
        fr.contains("au-delà d’une limite de 4 min, prolongée de 1 min"),
        "{fr}"
    );
    assert!(!md.contains("overruns"), "no attendee overran twice: {md}");
}

fn exported(c: &Console, format: Format, options: &Options) -> String {
    String::from_utf8(export(c.meeting(), format, options).expect("export")).expect("utf-8")
}

/// The text of a DOCX's main part (runs joined).
fn docx_text(bytes: &[u8]) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("document.xml")
        .read_to_string(&mut xml)
        .expect("utf-8");
    let doc = roxmltree::Document::parse(&xml).expect("xml");
    doc.descendants()
        .filter(|n| n.has_tag_name("t"))
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join("")
}

#[test]
fn timeboxes_show_planned_against_spent_and_the_estimated_end() {
    let mut c = Console::new();
    c.seed_setup();
    ok(&mut c, "/timebox 1 20m");
    ok(&mut c, "/timebox 2 30m");
    ok(&mut c, "/agenda Any other business ~10m");
    ok(&mut c, "/item 1");
    c.wait(25 * 60);
    // At 10:25: item 1 is 5 minutes over; items 2 and 3 plan 40 minutes more.
    assert_eq!(c.meeting().agenda.remaining_plan(c.now).as_secs(), 40 * 60);
    let screen = render(&c.app, 80, 24);
    assert!(screen.contains("ends ~11:05"), "{screen}");
    assert!(screen.contains("!25m/20m"), "{screen}");
    ok(&mut c, "/item 2");
    c.wait(10 * 60);
    // 20 of item 2's 30 minutes remain, and item 3's 10.
    assert_eq!(c.meeting().agenda.remaining_plan(c.now).as_secs(), 30 * 60);
    c.line("/timebox 9 5m");
    assert!(c.status().contains("no item 9"), "{}", c.status());
    let stats = Options {
        stats: true,
        ..Options::default()
    };
    let md = exported(&c, Format::Markdown, &stats);
    assert!(
        md.contains(": 25 min 00 s (20 min planned), 0 interventions"),
        "{md}"
    );
    let txt = exported(&c, Format::Text, &stats);
    let txt = txt.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        txt.contains(": 0 s (30 min planned), 0 interventions"),
        "{txt}"
    );
    assert!(!md.contains("Speaking limits"), "no limit was set: {md}");
}

#[test]
fn motions_go_through_every_outcome_into_the_minutes() {
    let mut c = meeting();
    ok(&mut c, "/motion That the report be adopted.");
    ok(&mut c, "/moved Germany");
    ok(&mut c, "/seconded Croatia");
    ok(&mut c, "/amend That the report be adopted as amended.");
    ok(&mut c, "/vote 12-3-1");
    assert!(c.status().contains("Carried 12–3–1"), "{}", c.status());
    ok(&mut c, "/motion That the meeting adjourn.");
    ok(&mut c, "/vote 2-9-0");
    ok(&mut c, "/motion That the item be deferred.");
    ok(&mut c, "/withdrawn");
    ok(&mut c, "/motion That the secretariat write to the Parties.");
    ok(&mut c, "/consensus");
    ok(&mut c, "/motion That a working group be formed.");
    ok(&mut c, "/vote 5-5-2 failed");
    c.line("/carried");
    assert!(c.status().contains("no motion is open"), "{}", c.status());
    let outcomes: Vec<Option<MotionOutcome>> = c
        .meeting()
        .entries
        .iter()
        .filter_map(|e| match &e.kind {
            EntryKind::Motion(m) => Some(m.outcome),
            _ => None,
        })
        .collect();
    use MotionOutcome::*;
    assert_eq!(
        outcomes,
        [
            Some(Carried),
            Some(Failed),
            Some(Withdrawn),
            Some(Consensus),
            Some(Failed)
        ]
    );
    let md = String::from_utf8(
        export(c.meeting(), Format::Markdown, &Options::default()).expect("export"),
    )
    .expect("utf-8");
    assert!(md.contains("adopted as amended"), "{md}");
    assert!(md.contains("write to the Parties"), "{md}");
    // A motion while one is open is refused.
    ok(&mut c, "/motion A.");
    c.line("/motion B.");
    assert!(c.status().contains("a motion is open"), "{}", c.status());
}

#[test]
fn the_habits_of_w3c_scribes_are_understood() {
    let mut c = meeting();
    for (line, understood) in [
        ("q+ Germany", "understood as /q+ Germany"),
        (
            "q+ Croatia to say letters",
            "understood as /q+ Croatia to say letters",
        ),
        ("q?", "queue: 1. Germany, 2. Croatia"),
        ("q- croatia", "understood as /q- croatia"),
        ("ack Germany", "understood as /ack Germany"),
        (
            "topic: Late documents",
            "understood as /topic Late documents",
        ),
        (
            "RESOLUTION: The report is adopted.",
            "understood as /decision",
        ),
        (
            "ACTION: Norway to circulate the draft",
            "understood as /action Norway: circulate",
        ),
        ("scribe: Ana", "understood as /scribe Ana"),
        ("present+ Germany", "understood as /present+ Germany"),
    ] {
        ok(&mut c, line);
        assert!(c.status().contains(understood), "{line}: {}", c.status());
    }
    let m = c.meeting();
    assert_eq!(
        m.agenda.current().map(|i| i.title.as_str()),
        Some("Late documents")
    );
    assert_eq!(
        m.agenda.number(m.agenda.current_id().expect("current")),
        Some(2)
    );
    assert_eq!(m.scribe(), Some("Ana"));
    // Turned off, the same line is a statement.
    c.app.habits = false;
    ok(&mut c, "q+ Mexico");
    assert_eq!(c.last_text(), "q+ Mexico");
}

/// The queue pane with every kind of request and the figures beside the names, at 80x24 and
/// 200x50, in colour and without.
#[test]
fn the_queue_pane_with_mixed_kinds_and_figures() {
    let mut c = meeting();
    ok(&mut c, "/limit 2m");
    ok(&mut c, "/floor Germany");
    c.wait(100);
    ok(&mut c, "/floor Croatia");
    c.wait(30);
    ok(&mut c, "/q+ Germany to say the letters of invitation");
    ok(&mut c, "/reply Mexico");
    ok(&mut c, "/q+? CMC on the dates");
    ok(&mut c, "/poo Norway");
    c.wait(80);
    c.all_saved();
    insta::assert_snapshot!("queue_mixed_80x24", render(&c.app, 80, 24));
    insta::assert_snapshot!("queue_mixed_200x50", render(&c.app, 200, 50));
    let coloured = Console::on(App::new(
        c.app.events().to_vec(),
        c.now,
        true,
        "m.ron".into(),
    ));
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    terminal
        .draw(|frame| scribe::view::draw(frame, &coloured.app))
        .expect("draw");
    // The warning is marked in text and in colour.
    let screen = terminal.backend().to_string();
    assert!(screen.contains("! Croatia"), "{screen}");
    let buffer = terminal.backend().buffer();
    let row = screen
        .lines()
        .position(|l| l.contains("! Croatia"))
        .expect("the floor line") as u16;
    let warned = (0..80).any(|x| buffer[(x, row)].fg == ratatui::style::Color::Yellow);
    assert!(warned, "the warning is coloured too");
}

#[test]
fn the_statistics_overlay_opens_and_sorts() {
    let mut c = meeting();
    ok(&mut c, "/floor Germany");
    c.wait(60);
    ok(&mut c, "/floor Mexico");
    c.wait(120);
    ok(&mut c, "/stats");
    let screen = render(&c.app, 100, 30);
    assert!(screen.contains("Statistics"), "{screen}");
    let germany = screen.find("Germany").expect("Germany listed");
    let mexico = screen.find("Mexico").expect("Mexico listed");
    c.key(KeyCode::Char('s'));
    let by_total = render(&c.app, 100, 30);
    assert!(
        by_total.find("Mexico") < by_total.find("Germany"),
        "by total time, Mexico first: {by_total}"
    );
    assert!(germany < mexico, "by turns (a tie), in roster order");
}
