//! The archive as a secretariat uses it: an archive of meetings of several series, over several
//! months, with action points owned by different attendees, carried from meeting to meeting and
//! done in later ones. Search, list and actions on it (the library and the command line); the
//! review of action points in a new meeting of a series, and `/done` there carried back into
//! `scribe actions`; a roster from a spreadsheet; templates; the archive shared through git
//! with a bare repository standing for the server.
//!
//! Meetings are written with the real store writer (`scribe::store::save`). Every run of the
//! binary gets its own cache folder (`XDG_CACHE_HOME`) and a fixed clock.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::NaiveDate;
use scribe::archive::actions::{Wanted, to_carry};
use scribe::archive::{Archive, Catalog, Kind, Query};
use scribe::meeting::setup::{Plan, REVIEW_ITEM};
use scribe::meeting::{
    ActionCarried, ActionRecorded, AttendeeAdded, AttendeeChanged, EntryKind, Event, Id, Meeting,
    Origin, Owner, Stamped, Timestamp,
};

/// Writes a meeting event by event, a minute apart, from 10:00 on its day.
struct Minutes {
    events: Vec<Stamped>,
    at: Timestamp,
}

impl Minutes {
    fn on(date: &str) -> Minutes {
        Minutes {
            events: Vec::new(),
            at: scribe::testkit::moment(&format!("{date}T10:00:00+01:00")),
        }
    }

    fn push(&mut self, event: Event) -> Id {
        let id = Id(self.events.len() as u32);
        self.events.push(Stamped { at: self.at, event });
        self.at += chrono::TimeDelta::minutes(1);
        id
    }

    fn attendee(&mut self, name: &str, label: Option<&str>) -> Id {
        self.push(Event::AttendeeAdded(Box::new(AttendeeAdded {
            name: name.into(),
            capacity: None,
            label: label.map(Into::into),
            aliases: vec![],
            group: None,
        })))
    }

    fn said(&mut self, speaker: Id, text: &str) -> Id {
        self.push(Event::StatementRecorded {
            speaker,
            text: text.into(),
        })
    }

    fn action(&mut self, owner: Id, text: &str, due: Option<&str>) -> Id {
        self.push(Event::ActionRecorded(Box::new(ActionRecorded {
            owner: Owner::Attendee(owner),
            also: vec![],
            text: text.into(),
            due: due.map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").expect("a date")),
        })))
    }

    /// Action point `number` of meeting `from`, carried in for `owner`.
    fn carried(
        &mut self,
        from: &str,
        number: u32,
        owner: &str,
        text: &str,
        due: (i32, u32, u32),
    ) -> Id {
        self.push(Event::ActionCarried(Box::new(ActionCarried {
            origin: Origin {
                meeting: from.into(),
                number,
            },
            owners: vec![owner.into()],
            text: text.into(),
            due: NaiveDate::from_ymd_opt(due.0, due.1, due.2),
        })))
    }

    fn save(self, dir: &Path, stem: &str) -> PathBuf {
        let path = dir.join(format!("{stem}.ron"));
        scribe::store::save(&path, &self.events).expect("save the meeting");
        path
    }
}

/// A board meeting of `date`: Norway and Chile, an item, what they said, actions.
fn board(date: &str, title: &str) -> (Minutes, Id, Id) {
    let mut m = Minutes::on(date);
    m.push(Event::TitleSet {
        title: title.into(),
    });
    m.push(Event::SeriesSet {
        series: "Board".into(),
    });
    let norway = m.attendee("Norway", Some("NO"));
    let chile = m.attendee("Chile", None);
    let item = m.push(Event::ItemAdded {
        title: "Budget".into(),
        planned: None,
    });
    m.push(Event::ItemTakenUp { item });
    (m, norway, chile)
}

/// The archive of the tests: three board meetings (January, February, March 2012), two of a
/// river basins group, and a meeting of no series.
///
/// - board-01 agrees actions 1 (Norway, due 2012-01-20) and 2 (Chile, due 2012-03-01).
/// - board-02 carries both, marks the carried action 1 done, and agrees action 3 (Norway).
/// - board-03 carries action 2 (its origin board-01 #2) and action 3.
/// - rivers-1 agrees one action for Mexico, done there; rivers-2 none.
fn archive(dir: &Path) {
    let (mut m, norway, chile) = board("2012-01-10", "10th Meeting of the Board");
    m.said(norway, "Supported the budget for the Côte d’Ivoire office.");
    let struck = m.said(chile, "A remark on the budget that was struck.");
    m.push(Event::EntryStruck { entry: struck });
    m.action(norway, "Circulate the audit report", Some("2012-01-20"));
    m.action(chile, "Draft the invitation letter", Some("2012-03-01"));
    m.push(Event::DecisionRecorded {
        text: "The budget for 2012 was adopted.".into(),
    });
    m.push(Event::MeetingClosed);
    m.save(dir, "board-01");

    let (mut m, norway, chile) = board("2012-02-07", "11th Meeting of the Board");
    let one = m.carried(
        "board-01",
        1,
        "Norway",
        "Circulate the audit report",
        (2012, 1, 20),
    );
    m.carried(
        "board-01",
        2,
        "Chile",
        "Draft the invitation letter",
        (2012, 3, 1),
    );
    m.push(Event::ActionDone { entry: one });
    // Norway's label changes: what it said before keeps the old one.
    m.said(norway, "Asked about the invitation letter.");
    m.push(Event::AttendeeChanged(Box::new(AttendeeChanged {
        attendee: norway,
        capacity: None,
        label: Some("NOR".into()),
        aliases: vec![],
        group: None,
    })));
    m.said(norway, "Thanked COTE D'IVOIRE for the letter.");
    m.said(chile, "Agreed.");
    m.action(norway, "Prepare the annual report", Some("2012-02-20"));
    m.push(Event::MeetingClosed);
    m.save(dir, "board-02");

    let (mut m, _, chile) = board("2012-03-06", "12th Meeting of the Board");
    m.carried(
        "board-01",
        2,
        "Chile",
        "Draft the invitation letter",
        (2012, 3, 1),
    );
    m.carried(
        "board-02",
        3,
        "Norway",
        "Prepare the annual report",
        (2012, 2, 20),
    );
    m.said(chile, "The letter is nearly ready.");
    m.save(dir, "board-03");

    for (stem, date, number) in [
        ("rivers-1", "2012-01-15", "1st"),
        ("rivers-2", "2012-02-15", "2nd"),
    ] {
        let mut m = Minutes::on(date);
        m.push(Event::TitleSet {
            title: format!("{number} Meeting on River Basins"),
        });
        m.push(Event::SeriesSet {
            series: "River Basins".into(),
        });
        let mexico = m.attendee("México", None);
        m.said(
            mexico,
            "Raised the invitation letter for the basin authorities.",
        );
        if stem == "rivers-1" {
            let action = m.action(mexico, "Map the gauging stations", None);
            m.push(Event::ActionDone { entry: action });
        }
        m.push(Event::MeetingClosed);
        m.save(dir, stem);
    }

    let mut m = Minutes::on("2011-12-01");
    m.push(Event::TitleSet {
        title: "Retreat".into(),
    });
    m.push(Event::NoteRecorded {
        text: "An invitation letter to the retreat went out.".into(),
    });
    m.save(dir, "retreat");
}

fn load(dir: &Path, cache: &Path) -> Catalog {
    Archive::new(dir, Some(cache.to_path_buf()))
        .load(&mut |_, _| {})
        .expect("the archive")
}

/// Runs the binary on the data folder `dir` with its own cache and git identity, on a fixed
/// clock (2012-03-10).
fn scribe(dir: &Path, args: &[&str]) -> Output {
    scribe_in(dir, args, &[])
}

fn scribe_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_scribe"));
    command
        .args(args)
        .env("SCRIBE_DIR", dir)
        .env("XDG_CACHE_HOME", dir.join(".cache-for-tests"))
        .env("SCRIBE_CLOCK", "2012-03-10T09:00:00+01:00")
        .env_remove("NO_COLOR");
    git_identity(&mut command);
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().expect("run scribe")
}

/// A git that reads no configuration of the machine's, with an identity of its own.
fn git_identity(command: &mut Command) {
    command
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "Test Scribe")
        .env("GIT_AUTHOR_EMAIL", "scribe@example.org")
        .env("GIT_COMMITTER_NAME", "Test Scribe")
        .env("GIT_COMMITTER_EMAIL", "scribe@example.org");
}

fn git(dir: &Path, args: &[&str]) -> String {
    let mut command = Command::new("git");
    command.arg("-C").arg(dir).args(args);
    git_identity(&mut command);
    let out = command.output().expect("run git");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn search_finds_entries_across_meetings_as_they_were_minuted() {
    let data = tempfile::tempdir().expect("a folder");
    let cache = tempfile::tempdir().expect("a folder");
    archive(data.path());
    let catalog = load(data.path(), cache.path());

    // Accents and case aside, newest meeting first, each hit where and by whom.
    let found = catalog.search(&Query {
        text: "cote d'ivoire".into(),
        ..Query::default()
    });
    let hits: Vec<(&str, Option<&str>, &str)> = found
        .hits
        .iter()
        .map(|h| {
            (
                h.id.as_str(),
                h.speaker.as_deref(),
                &h.text[h.matches[0].clone()],
            )
        })
        .collect();
    assert_eq!(
        hits,
        [
            ("board-02", Some("Norway (NOR)"), "COTE D'IVOIRE"),
            ("board-01", Some("Norway (NO)"), "Côte d’Ivoire"),
        ]
    );
    let first = &found.hits[0];
    assert_eq!(first.item, Some((1, "Budget".into())));
    assert_eq!(first.date, NaiveDate::from_ymd_opt(2012, 2, 7));
    assert_eq!(first.at.format("%H:%M").to_string(), "10:11");
    assert_eq!(found.searched, 6);

    // The speaker as labelled then: Norway was "NO" when it asked about the letter.
    let found = catalog.search(&Query {
        text: "invitation letter".into(),
        speaker: Some("norway (no)".into()),
        ..Query::default()
    });
    assert_eq!(found.hits.len(), 1);
    assert_eq!(found.hits[0].text, "Asked about the invitation letter.");

    // By kind, series and date.
    let ids = |query: Query| -> Vec<String> {
        catalog
            .search(&query)
            .hits
            .into_iter()
            .map(|h| h.id)
            .collect()
    };
    let letter = || Query {
        text: "invitation letter".into(),
        ..Query::default()
    };
    // Carried action points are entries of the meetings that review them.
    assert_eq!(
        ids(letter()),
        [
            "board-03", "rivers-2", "board-02", "board-02", "rivers-1", "board-01", "retreat"
        ]
    );
    assert_eq!(
        ids(Query {
            kind: Some(Kind::Action),
            ..letter()
        }),
        ["board-03", "board-02", "board-01"]
    );
    assert_eq!(
        ids(Query {
            series: Some("river basins".into()),
            ..letter()
        }),
        ["rivers-2", "rivers-1"]
    );
    assert_eq!(
        ids(Query {
            since: NaiveDate::from_ymd_opt(2012, 1, 12),
            until: NaiveDate::from_ymd_opt(2012, 2, 10),
            ..letter()
        }),
        ["board-02", "board-02", "rivers-1"]
    );
    assert_eq!(
        ids(Query {
            limit: Some(2),
            ..letter()
        })
        .len(),
        2
    );

    // Struck entries are not hits.
    assert!(
        catalog
            .search(&Query {
                text: "was struck".into(),
                ..Query::default()
            })
            .hits
            .is_empty()
    );
}

#[test]
fn a_search_sees_a_meeting_that_changed_since_the_last_one() {
    let data = tempfile::tempdir().expect("a folder");
    let cache = tempfile::tempdir().expect("a folder");
    archive(data.path());
    let query = Query {
        text: "gauging stations".into(),
        ..Query::default()
    };
    assert_eq!(load(data.path(), cache.path()).search(&query).hits.len(), 1);
    // A note added to the retreat, and the rivers-1 meeting gone.
    let retreat = data.path().join("retreat.ron");
    let mut events = scribe::store::load(&retreat).expect("the retreat");
    events.push(Stamped {
        at: events[0].at,
        event: Event::NoteRecorded {
            text: "Visited the gauging stations.".into(),
        },
    });
    scribe::store::save(&retreat, &events).expect("save");
    std::fs::remove_file(data.path().join("rivers-1.ron")).expect("remove");
    let hits = load(data.path(), cache.path()).search(&query).hits;
    let ids: Vec<&str> = hits.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["retreat"]);
}

#[test]
fn search_on_the_command_line_marks_the_words_and_speaks_json() {
    let data = tempfile::tempdir().expect("a folder");
    archive(data.path());
    let out = scribe(
        data.path(),
        &["search", "Invitation Letter", "--series", "board"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains(
            "board-02 (3) · 2012-02-07 10:09 · 11th Meeting of the Board · item 1 Budget · \
             Norway (NO)\n    Asked about the **invitation letter**."
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "board-01 (5) · 2012-01-10 10:10 · 10th Meeting of the Board · item 1 Budget · \
             action\n    Draft the **invitation letter**"
        ),
        "{text}"
    );
    assert!(
        stderr(&out).contains("4 entries in 3 of 3 meetings"),
        "{}",
        stderr(&out)
    );

    let out = scribe(
        data.path(),
        &["search", "côte", "--json", "--speaker", "nor"],
    );
    let hits: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    assert_eq!(hits.as_array().map(Vec::len), Some(2), "{hits}");
    // Labelled as Norway was when it spoke.
    assert_eq!(hits[0]["speaker"], "Norway (NOR)");
    assert_eq!(hits[1]["speaker"], "Norway (NO)");
    assert_eq!(hits[1]["kind"], "statement");
    assert_eq!(hits[1]["replay"], "scribe replay board-01 --at 10:06:00");
    let (start, end) = (
        hits[1]["matches"][0]["start"].as_u64().expect("start") as usize,
        hits[1]["matches"][0]["end"].as_u64().expect("end") as usize,
    );
    assert_eq!(&hits[1]["text"].as_str().expect("text")[start..end], "Côte");

    let bad = scribe(data.path(), &["search", "x", "--kind", "speech"]);
    assert!(!bad.status.success());
    assert!(stderr(&bad).contains("statement, note, action, decision or motion"));
}

#[test]
fn list_shows_columns_newest_first_and_names_meetings_by_number_or_id() {
    let data = tempfile::tempdir().expect("a folder");
    archive(data.path());
    let out = scribe(data.path(), &["list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("#  date"), "{text}");
    let ids: Vec<&str> = lines[1..]
        .iter()
        .filter(|l| !l.starts_with("    "))
        .filter_map(|l| l.split_whitespace().last())
        .map(|file| file.trim_end_matches(".ron"))
        .collect();
    assert_eq!(
        ids,
        [
            "board-03", "rivers-2", "board-02", "rivers-1", "board-01", "retreat"
        ]
    );
    let first = lines[1].split_whitespace().collect::<Vec<_>>();
    assert_eq!(&first[..2], ["1", "2012-03-06"]);
    assert!(
        lines[1].contains("12th Meeting of the Board") && lines[1].contains(" Board "),
        "{text}"
    );
    assert!(lines[1].contains(" open "), "{text}");
    assert!(lines[2].contains(" closed "), "{text}");

    let out = scribe(
        data.path(),
        &["list", "--series", "BOARD", "--since", "2012-02-01"],
    );
    let text = stdout(&out);
    assert!(
        text.contains("board-03") && text.contains("board-02"),
        "{text}"
    );
    assert!(
        !text.contains("board-01") && !text.contains("rivers"),
        "{text}"
    );
    let out = scribe(data.path(), &["list", "river", "--until", "2012-01-31"]);
    let text = stdout(&out);
    assert!(
        text.contains("rivers-1") && !text.contains("rivers-2"),
        "{text}"
    );
    let none = scribe(data.path(), &["list", "--series", "Nothing"]);
    assert!(none.status.success());
    assert!(stderr(&none).contains("No meeting"), "{}", stderr(&none));

    // By id and by number: the same meeting.
    let by_id = scribe(data.path(), &["export", "board-02", "-f", "txt"]);
    assert!(by_id.status.success(), "{}", stderr(&by_id));
    let by_number = scribe(data.path(), &["export", "3", "-f", "txt"]);
    assert_eq!(stdout(&by_id), stdout(&by_number));
    assert!(stdout(&by_id).contains("11th Meeting of the Board"));
    let missing = scribe(data.path(), &["export", "board-99"]);
    assert!(!missing.status.success());
    assert!(
        stderr(&missing).contains("no meeting in"),
        "{}",
        stderr(&missing)
    );
    let too_far = scribe(data.path(), &["replay", "42"]);
    assert!(
        stderr(&too_far).contains("there is no meeting 42"),
        "{}",
        stderr(&too_far)
    );
}

#[test]
fn actions_are_followed_through_the_meetings_that_carry_them() {
    let data = tempfile::tempdir().expect("a folder");
    let cache = tempfile::tempdir().expect("a folder");
    archive(data.path());
    let catalog = load(data.path(), cache.path());
    let points = catalog.actions();
    let summary: Vec<(String, u32, bool, Vec<String>)> = points
        .iter()
        .map(|p| {
            (
                p.origin.meeting.clone(),
                p.origin.number,
                p.is_open(),
                p.carried_into.clone(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("board-02".into(), 3, true, vec!["board-03".into()]),
            ("rivers-1".into(), 1, false, vec![]),
            ("board-01".into(), 1, false, vec!["board-02".into()]),
            (
                "board-01".into(),
                2,
                true,
                vec!["board-02".into(), "board-03".into()]
            ),
        ]
    );
    let done = points[2].done.as_ref().expect("done");
    assert_eq!(done.meeting, "board-02", "done where it was carried");

    let today = NaiveDate::from_ymd_opt(2012, 3, 10).expect("a date");
    let open_norway = Wanted {
        open: true,
        owner: Some("norw".into()),
        series: None,
    };
    let wanted: Vec<u32> = points
        .iter()
        .filter(|p| open_norway.matches(p))
        .map(|p| p.origin.number)
        .collect();
    assert_eq!(wanted, [3]);
    assert!(points[0].overdue(today));

    // The command line: columns, overdue marked against today (the clock's 2012-03-10).
    let out = scribe(data.path(), &["actions", "--open"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("status  due"), "{text}");
    assert!(
        text.contains("open    2012-02-20 OVERDUE  Norway  board-02 #3  Prepare the annual report (carried 1 time, last into board-03)"),
        "{text}"
    );
    assert!(text.contains("2012-03-01 OVERDUE  Chile"), "{text}");
    assert!(!text.contains("done"), "{text}");
    assert!(
        stderr(&out).contains("2 action points: 2 open (2 overdue), 0 done"),
        "{}",
        stderr(&out)
    );
    let out = scribe(
        data.path(),
        &["actions", "--series", "river basins", "--json"],
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    assert_eq!(json.as_array().map(Vec::len), Some(1), "{json}");
    assert_eq!(json[0]["owners"][0], "México");
    assert_eq!(json[0]["status"], "done");
    assert_eq!(json[0]["done"]["meeting"], "rivers-1");
    let out = scribe(data.path(), &["actions", "--owner", "chile"]);
    assert!(
        stdout(&out).contains("Draft the invitation letter"),
        "{}",
        stdout(&out)
    );
    assert!(!stdout(&out).contains("Norway"), "{}", stdout(&out));
}

/// The next board meeting is planned from the archive: a first item reviews the open action
/// points, carried in with their first origin and numbered first; `/done` on one of them (an
/// `ActionDone` on the carried entry) shows in `scribe actions`.
#[test]
fn a_new_meeting_of_the_series_reviews_open_actions_and_done_there_counts() {
    let data = tempfile::tempdir().expect("a folder");
    let cache = tempfile::tempdir().expect("a folder");
    archive(data.path());
    let catalog = load(data.path(), cache.path());
    let previous = catalog.newest_of("Board").expect("a board meeting");
    assert_eq!(previous.id, "board-03");
    let template = Meeting::fold(&scribe::store::load(&previous.path).expect("board-03"));
    let plan = Plan {
        title: scribe::archive::template::new_title(&template, Some(previous.title()), 3, true),
        template,
        carried: to_carry(&catalog.actions(), "Board", Some("board-03")),
        ..Plan::default()
    };
    let mut next = Minutes::on("2012-04-03");
    for event in plan.events() {
        next.push(event);
    }
    let m = Meeting::fold(&next.events);
    assert_eq!(m.meta.title, "13th Meeting of the Board");
    assert_eq!(m.meta.series, "Board");
    let items: Vec<&str> = m.agenda.items().iter().map(|i| i.title.as_str()).collect();
    assert_eq!(items, [REVIEW_ITEM, "Budget"]);
    let carried: Vec<(u32, Origin, String)> = m
        .entries
        .iter()
        .filter_map(|e| match &e.kind {
            EntryKind::Action(action) => action
                .carried
                .as_ref()
                .map(|origin| (action.number, origin.clone(), e.text.to_string())),
            _ => None,
        })
        .collect();
    let origin = |meeting: &str, number| Origin {
        meeting: meeting.into(),
        number,
    };
    assert_eq!(
        carried,
        [
            (
                1,
                origin("board-01", 2),
                "Draft the invitation letter".into()
            ),
            (2, origin("board-02", 3), "Prepare the annual report".into()),
        ],
        "the earliest origin, numbered first"
    );
    // `/done 1` in the new meeting.
    let entry = m.action(1).expect("action 1").id;
    next.push(Event::ActionDone { entry });
    next.push(Event::MeetingClosed);
    next.save(data.path(), "board-04");

    let points = load(data.path(), cache.path()).actions();
    let letter = points
        .iter()
        .find(|p| p.origin == origin("board-01", 2))
        .expect("the letter");
    assert_eq!(
        letter.done.as_ref().map(|d| d.meeting.as_str()),
        Some("board-04")
    );
    assert_eq!(letter.carried_into, ["board-02", "board-03", "board-04"]);
    let out = scribe(data.path(), &["actions", "--open"]);
    let text = stdout(&out);
    assert!(!text.contains("invitation letter"), "{text}");
    assert!(text.contains("Prepare the annual report"), "{text}");
    // And the meeting after that carries only what is still open.
    let again = to_carry(&load(data.path(), cache.path()).actions(), "Board", None);
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].origin, origin("board-02", 3));
}

#[test]
fn a_roster_from_a_spreadsheet_is_taken_whole_or_not_at_all() {
    let data = tempfile::tempdir().expect("a folder");
    let good = data.path().join("people.csv");
    std::fs::write(
        &good,
        "Name;Capacity;Label;Aliases;Group\n\
         Lebanon;President;;;\n\
         \"Côte d'Ivoire\";Member;CI;Ivory Coast;Members\n",
    )
    .expect("write");
    let roster = scribe::archive::roster::read(&good).expect("a roster");
    let plan = Plan {
        roster: Some(roster),
        ..Plan::default()
    };
    let m = Minutes::on("2012-04-03");
    let mut m = m;
    for event in plan.events() {
        m.push(event);
    }
    let meeting = Meeting::fold(&m.events);
    let names: Vec<&str> = meeting.roster.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Lebanon", "Côte d'Ivoire"]);
    let ci = meeting.roster.iter().nth(1).expect("CI");
    assert_eq!(ci.label.as_deref(), Some("CI"));
    assert_eq!(ci.aliases, ["Ivory Coast"]);
    assert_eq!(ci.group.as_deref(), Some("Members"));

    let bad = data.path().join("bad.csv");
    std::fs::write(
        &bad,
        "name,capacity\nNorway,\n,President\nNorway,again\n\"Chile\",x,y\n",
    )
    .expect("write");
    let target = data.path().join("new.ron");
    let out = scribe(
        data.path(),
        &[
            "new",
            "--roster",
            &bad.display().to_string(),
            "-o",
            &target.display().to_string(),
        ],
    );
    assert!(!out.status.success());
    let message = stderr(&out);
    assert!(
        message.contains("3 rows cannot be imported, so nothing was"),
        "{message}"
    );
    assert!(message.contains("line 3: no name"), "{message}");
    assert!(
        message.contains("line 4: Norway is already on line 2"),
        "{message}"
    );
    assert!(message.contains("line 5: 3 fields"), "{message}");
    assert!(!target.exists(), "nothing made");
    let agenda = data.path().join("agenda.txt");
    std::fs::write(&agenda, "1. Welcome ~5m\n2. Budget ~lots\n").expect("write");
    let out = scribe(
        data.path(),
        &[
            "new",
            "--agenda",
            &agenda.display().to_string(),
            "-o",
            &target.display().to_string(),
        ],
    );
    assert!(stderr(&out).contains("line 2: '~lots'"), "{}", stderr(&out));
    assert!(!target.exists(), "nothing made");
}

#[test]
fn a_template_keeps_the_setup_and_starts_the_next_meeting() {
    let data = tempfile::tempdir().expect("a folder");
    archive(data.path());
    let template = data.path().join("templates").join("board.ron");
    std::fs::create_dir_all(template.parent().expect("a folder")).expect("mkdir");
    let out = scribe(
        data.path(),
        &[
            "template",
            "board-02",
            "-o",
            &template.display().to_string(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("{nth} Meeting of the Board"),
        "{}",
        stderr(&out)
    );
    let events = scribe::store::load(&template).expect("the template");
    let kept = Meeting::fold(&events);
    let original =
        Meeting::fold(&scribe::store::load(&data.path().join("board-02.ron")).expect("board-02"));
    assert_eq!(kept.meta.title, "{nth} Meeting of the Board");
    assert_eq!(kept.meta.series, original.meta.series);
    let roster = |m: &Meeting| -> Vec<(String, Option<String>)> {
        m.roster
            .iter()
            .map(|a| (a.name.clone(), a.label.clone()))
            .collect()
    };
    assert_eq!(roster(&kept), roster(&original));
    assert_eq!(kept.agenda.items().len(), original.agenda.items().len());
    assert!(kept.entries.is_empty(), "no minutes in a template");
    // Round trip: a meeting from the template is set up as the template says, numbered on.
    let next = Plan {
        title: scribe::archive::template::new_title(
            &kept,
            Some("12th Meeting of the Board"),
            3,
            false,
        ),
        template: kept.clone(),
        ..Plan::default()
    };
    let mut m = Minutes::on("2012-04-03");
    for event in next.events() {
        m.push(event);
    }
    let made = Meeting::fold(&m.events);
    assert_eq!(made.meta.title, "13th Meeting of the Board");
    assert_eq!(roster(&made), roster(&kept));
    assert_eq!(made.meta.series, "Board");
    // Never over an existing file.
    let again = scribe(
        data.path(),
        &[
            "template",
            "board-02",
            "-o",
            &template.display().to_string(),
        ],
    );
    assert!(!again.status.success());
    assert!(
        stderr(&again).contains("already exists"),
        "{}",
        stderr(&again)
    );
}

fn git_works() -> bool {
    Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Two note-takers, two laptops, one bare repository: each minutes a meeting, both syncs bring
/// both meetings to both; a meeting changed on both is a conflict that overwrites nothing.
#[test]
fn two_clones_share_the_archive_through_a_bare_repository() {
    if !git_works() {
        eprintln!("git is not installed: skipped");
        return;
    }
    let root = tempfile::tempdir().expect("a folder");
    let remote = root.path().join("archive.git");
    git(
        root.path(),
        &["init", "--quiet", "--bare", &remote.display().to_string()],
    );
    let remote = remote.display().to_string();
    let (a, b) = (root.path().join("a"), root.path().join("b"));
    std::fs::create_dir_all(&a).expect("mkdir");
    std::fs::create_dir_all(&b).expect("mkdir");

    let (mut m, norway, _) = board("2012-01-10", "10th Meeting of the Board");
    m.said(norway, "From laptop A.");
    m.push(Event::MeetingClosed);
    m.save(&a, "board-a");
    let out = scribe(&a, &["archive", "init", &remote]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("Made a git repository"),
        "{}",
        stderr(&out)
    );
    let log = git(&a, &["log", "--format=%s"]);
    assert!(
        log.contains("10th Meeting of the Board, 2012-01-10"),
        "{log}"
    );

    let (mut m, _, chile) = board("2012-02-07", "11th Meeting of the Board");
    m.said(chile, "From laptop B.");
    m.push(Event::MeetingClosed);
    m.save(&b, "board-b");
    // An open meeting is not committed.
    let (m, _, _) = board("2012-02-08", "Still open");
    m.save(&b, "open-b");
    let out = scribe(&b, &["archive", "init", &remote]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(b.join("board-a.ron").exists(), "A's meeting arrived at B");
    assert!(b.join(".gitignore").exists());

    let out = scribe(&a, &["archive", "sync"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("1 meeting arrived (board-b.ron)"),
        "{}",
        stderr(&out)
    );
    assert!(a.join("board-b.ron").exists(), "B's meeting arrived at A");
    assert!(
        !a.join("open-b.ron").exists(),
        "an open meeting stays where it is"
    );
    let listed = stdout(&scribe(&a, &["list"]));
    assert!(
        listed.contains("board-a") && listed.contains("board-b"),
        "{listed}"
    );

    // The same meeting changed on both laptops: git reports a conflict; nothing is overwritten.
    let path_a = a.join("board-b.ron");
    let path_b = b.join("board-b.ron");
    for (path, words) in [(&path_a, "Changed on A."), (&path_b, "Changed on B.")] {
        let mut events = scribe::store::load(path).expect("the meeting");
        events.push(Stamped {
            at: events[0].at,
            event: Event::NoteRecorded { text: words.into() },
        });
        scribe::store::save(path, &events).expect("save");
    }
    let out = scribe(&b, &["archive", "sync"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let before = std::fs::read(&path_a).expect("A's copy");
    let out = scribe(&a, &["archive", "sync"]);
    assert!(!out.status.success());
    let message = stderr(&out);
    assert!(message.contains("conflict in board-b.ron"), "{message}");
    assert!(message.contains("Nothing was changed here"), "{message}");
    assert_eq!(
        std::fs::read(&path_a).expect("A's copy"),
        before,
        "not overwritten"
    );
    assert!(
        git(&a, &["status", "--porcelain", "--untracked-files=no"])
            .trim()
            .is_empty(),
        "no merge left half-done"
    );
}

#[test]
fn a_closed_meeting_is_committed_with_its_title_and_date_in_an_archive_only() {
    if !git_works() {
        eprintln!("git is not installed: skipped");
        return;
    }
    use scribe::archive::git::{Committed, commit_closed};
    let root = tempfile::tempdir().expect("a folder");
    let (mut m, norway, _) = board("2012-01-10", "10th Meeting of the Board");
    m.said(norway, "Hello.");
    m.push(Event::MeetingClosed);
    let path = m.save(root.path(), "board");
    let date = NaiveDate::from_ymd_opt(2012, 1, 10);
    // Not an archive (not even a repository): nothing happens.
    assert_eq!(
        commit_closed(root.path(), &path, "10th Meeting of the Board", date).expect("no error"),
        Committed::NotAnArchive
    );
    // A repository that is not scribe's is left alone too.
    git(root.path(), &["init", "--quiet"]);
    assert_eq!(
        commit_closed(root.path(), &path, "10th Meeting of the Board", date).expect("no error"),
        Committed::NotAnArchive
    );
    git(root.path(), &["config", "scribe.archive", "true"]);
    git(root.path(), &["config", "user.name", "Test Scribe"]);
    git(root.path(), &["config", "user.email", "scribe@example.org"]);
    assert_eq!(
        commit_closed(root.path(), &path, "10th Meeting of the Board", date).expect("a commit"),
        Committed::Yes
    );
    assert_eq!(
        commit_closed(root.path(), &path, "10th Meeting of the Board", date).expect("no error"),
        Committed::Unchanged
    );
    let log = git(root.path(), &["log", "--format=%s%n%b", "--name-only"]);
    assert!(
        log.starts_with("10th Meeting of the Board, 2012-01-10\n"),
        "{log}"
    );
    assert!(log.contains("board.ron"), "{log}");
}

#[test]
fn without_git_the_archive_commands_say_so() {
    let data = tempfile::tempdir().expect("a folder");
    let empty = tempfile::tempdir().expect("a folder");
    let out = scribe_in(
        data.path(),
        &["archive", "init"],
        &[("PATH", &empty.path().display().to_string())],
    );
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("git is not installed"),
        "{}",
        stderr(&out)
    );
    let out = scribe_in(
        data.path(),
        &["archive", "sync"],
        &[("PATH", &empty.path().display().to_string())],
    );
    assert!(
        stderr(&out).contains("git is not installed"),
        "{}",
        stderr(&out)
    );
    // Not an archive yet.
    if git_works() {
        let out = scribe(data.path(), &["archive", "sync"]);
        assert!(
            stderr(&out).contains("is not a scribe archive"),
            "{}",
            stderr(&out)
        );
    }
}

/// The whole chain in a terminal: `scribe new --series Board` in an archive shared through git
/// starts the 13th meeting with the open action points under a first review item; `/done 1`
/// there, `/close` and `/quit`: the meeting is committed, and `scribe actions` has the action
/// done.
#[test]
fn the_next_meeting_of_a_series_in_a_terminal_reviews_and_closes_an_action() {
    use common::pty::Scribe;
    if !git_works() {
        eprintln!("git is not installed: skipped");
        return;
    }
    let data = tempfile::tempdir().expect("a folder");
    archive(data.path());
    let out = scribe(data.path(), &["archive", "init"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let cache = data.path().join(".cache-for-tests").display().to_string();
    let env = [
        ("XDG_CACHE_HOME", cache.as_str()),
        ("SCRIBE_CLOCK", "2012-04-03T10:00:00+02:00*10"),
        ("GIT_CONFIG_NOSYSTEM", "1"),
        ("GIT_CONFIG_GLOBAL", "/dev/null"),
        ("GIT_AUTHOR_NAME", "Test Scribe"),
        ("GIT_AUTHOR_EMAIL", "scribe@example.org"),
        ("GIT_COMMITTER_NAME", "Test Scribe"),
        ("GIT_COMMITTER_EMAIL", "scribe@example.org"),
    ];
    let mut console =
        Scribe::start_with_env(data.path(), &["new", "--series", "Board"], (120, 40), &env);
    console.wait_for("the carried actions and the review item", |s| {
        s.contains("13th Meeting of the Board")
            && s.contains(REVIEW_ITEM)
            && s.contains("(from board-01 #2)")
            && s.contains("(from board-02 #3)")
    });
    console.type_line("/done 1");
    console.wait_for("action 1 done", |s| s.composer.is_empty());
    console.type_line("/close");
    console.wait_for("the meeting closed", |s| s.composer.is_empty());
    console.quit();
    console.wait_for("the commit", |s| {
        s.contains("Committed to the archive: 13th Meeting of the Board")
    });

    let log = git(data.path(), &["log", "--format=%s"]);
    assert!(
        log.contains("13th Meeting of the Board, 2012-04-03"),
        "{log}"
    );
    let out = scribe(data.path(), &["actions", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    let letter = json
        .as_array()
        .expect("a list")
        .iter()
        .find(|a| a["origin"]["meeting"] == "board-01" && a["origin"]["number"] == 2)
        .expect("the letter");
    assert_eq!(letter["status"], "done", "{letter}");
    assert_eq!(letter["done"]["meeting"], "2012-04-03-1000", "{letter}");
}

/// A data directory inside a larger repository (a home folder kept in git) gets a repository
/// of its own: meetings never go into the other history. One that is a repository is adopted.
#[test]
fn init_adopts_the_data_directorys_own_repository_only() {
    if !git_works() {
        eprintln!("git is not installed: skipped");
        return;
    }
    let root = tempfile::tempdir().expect("a folder");
    git(root.path(), &["init", "--quiet"]);
    let data = root.path().join("data");
    std::fs::create_dir_all(&data).expect("mkdir");
    let out = scribe(&data, &["archive", "init"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("Made a git repository"),
        "{}",
        stderr(&out)
    );
    let top = git(&data, &["rev-parse", "--show-toplevel"]);
    assert_eq!(
        std::fs::canonicalize(top.trim()).expect("the top"),
        std::fs::canonicalize(&data).expect("the data")
    );
    let outer = Command::new("git")
        .arg("-C")
        .arg(root.path())
        .args(["config", "--local", "--get", "scribe.archive"])
        .output()
        .expect("git");
    assert!(
        !outer.status.success(),
        "the outer repository is left alone"
    );
    let again = scribe(&data, &["archive", "init"]);
    assert!(
        stderr(&again).contains("Adopted the git repository"),
        "{}",
        stderr(&again)
    );
}
