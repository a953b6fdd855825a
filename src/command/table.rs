//! The command language as data: one row per command, in the order the help and the README list
//! them. A row holds everything about a command except what it does to the meeting (that is its
//! arm in [`super::decide`]): its name and aliases, the shape of its argument (what Tab
//! completes), its usage and one line of help, and the function that parses its arguments.
//!
//! Adding a command is one row here, its variant in [`super::MeetingCommand`] (or
//! [`super::ConsoleCommand`]) and its arm in `decide`; parsing, completion, the help overlay,
//! the suggestion for a mistyped name and the README's command table (a test compares them)
//! follow from the row. The spelling is the contract of PRODUCT.md.

use chrono::{NaiveDate, NaiveTime};

use super::parse::ParseError;
use super::{Command, ConsoleCommand, ItemTarget, MeetingCommand, OwnerSpec, due};
use crate::export::Format;
use crate::meeting::{DocStatus, MotionOutcome, QueueOrder, RequestKind, Vote};
use crate::text::{clean, clean_line};

/// What a command's argument is, for Tab completion.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arg {
    /// Nothing may follow the command.
    Nothing,
    /// Free text (nothing to complete).
    Text,
    /// An attendee's name.
    Attendee,
    /// An attendee's name followed by `: ` (an action's owner).
    Owner,
    /// An agenda item: a number or `next`.
    Item,
    /// A date, `YYYY-MM-DD`.
    Date,
    /// A time, `HH:MM`.
    Time,
    /// An export format.
    Format,
    /// `draft` or `final`.
    Status,
    /// `fewest` or `arrival`.
    Order,
    /// `/OLD/NEW/` right after the name.
    Pattern,
}

/// One command of the language.
pub struct Spec {
    /// What is typed after `/`.
    pub name: &'static str,
    /// Other spellings that run the same command.
    pub aliases: &'static [&'static str],
    pub arg: Arg,
    pub usage: &'static str,
    pub help: &'static str,
    /// Parses what follows the name (trimmed, except for [`Arg::Pattern`]).
    pub parse: fn(&Args) -> Result<Command, ParseError>,
}

impl Spec {
    /// Does `word` (lower-cased) name this command?
    pub fn answers_to(&self, word: &str) -> bool {
        self.name == word || self.aliases.contains(&word)
    }
}

/// What follows a command's name, with the helpers every parse function needs.
pub struct Args<'a> {
    pub spec: &'a Spec,
    pub rest: &'a str,
}

impl Args<'_> {
    /// The usage error of this command.
    pub fn usage(&self) -> ParseError {
        ParseError::Usage(format!("usage: {}", self.spec.usage))
    }

    /// One line of text, required.
    pub fn line(&self) -> Result<String, ParseError> {
        non_empty(clean_line(self.rest)).ok_or_else(|| self.usage())
    }

    /// Text that may span lines, required.
    pub fn text(&self) -> Result<String, ParseError> {
        non_empty(clean(self.rest)).ok_or_else(|| self.usage())
    }

    /// `command`, when nothing follows the name.
    pub fn nothing(&self, command: impl Into<Command>) -> Result<Command, ParseError> {
        if self.rest.trim().is_empty() {
            Ok(command.into())
        } else {
            Err(ParseError::Usage(format!(
                "/{} takes nothing after it",
                self.spec.name
            )))
        }
    }
}

fn non_empty(s: String) -> Option<String> {
    (!s.trim().is_empty()).then_some(s)
}

fn meeting(command: MeetingCommand) -> Result<Command, ParseError> {
    Ok(Command::Meeting(command))
}

/// Every command, in the order the help lists them.
pub const COMMANDS: &[Spec] = &[
    Spec {
        name: "title",
        aliases: &[],
        arg: Arg::Text,
        usage: "/title TEXT",
        help: "set the meeting title",
        parse: |a| meeting(MeetingCommand::Title(a.line()?)),
    },
    Spec {
        name: "subtitle",
        aliases: &[],
        arg: Arg::Text,
        usage: "/subtitle TEXT",
        help: "a line under the title",
        parse: |a| meeting(MeetingCommand::Subtitle(a.line()?)),
    },
    Spec {
        name: "date",
        aliases: &[],
        arg: Arg::Date,
        usage: "/date YYYY-MM-DD",
        help: "date of the meeting",
        parse: |a| meeting(MeetingCommand::Date(date(&a.line()?)?)),
    },
    Spec {
        name: "time",
        aliases: &[],
        arg: Arg::Time,
        usage: "/time HH:MM",
        help: "time of the meeting",
        parse: |a| {
            let value = a.line()?;
            NaiveTime::parse_from_str(&value, "%H:%M")
                .map(|t| Command::Meeting(MeetingCommand::Time(t)))
                .map_err(|_| ParseError::BadTime(value))
        },
    },
    Spec {
        name: "place",
        aliases: &[],
        arg: Arg::Text,
        usage: "/place TEXT",
        help: "where it is held",
        parse: |a| meeting(MeetingCommand::Place(a.line()?)),
    },
    Spec {
        name: "symbol",
        aliases: &[],
        arg: Arg::Text,
        usage: "/symbol TEXT",
        help: "the document symbol of the minutes (CCM/CC/5/2012/MIN)",
        parse: |a| meeting(MeetingCommand::Symbol(a.line()?)),
    },
    Spec {
        name: "status",
        aliases: &[],
        arg: Arg::Status,
        usage: "/status draft|final",
        help: "whether the minutes are a draft or final",
        parse: |a| {
            let status = match a.line()?.to_lowercase().as_str() {
                "draft" => DocStatus::Draft,
                "final" => DocStatus::Final,
                _ => return Err(a.usage()),
            };
            meeting(MeetingCommand::Status(status))
        },
    },
    Spec {
        name: "lang",
        aliases: &["language"],
        arg: Arg::Text,
        usage: "/lang CODE",
        help: "the language of the minutes (en, fr, …) for exports",
        parse: |a| {
            let code = a.line()?.to_lowercase();
            if code.len() > 12 || !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                return Err(ParseError::Usage(format!(
                    "'{code}' is not a language code: use en, fr, es, …"
                )));
            }
            meeting(MeetingCommand::Language(code))
        },
    },
    Spec {
        name: "series",
        aliases: &[],
        arg: Arg::Text,
        usage: "/series NAME",
        help: "the series of meetings this one belongs to",
        parse: |a| meeting(MeetingCommand::Series(a.line()?)),
    },
    Spec {
        name: "attendee",
        aliases: &[],
        arg: Arg::Text,
        usage: "/attendee NAME [| CAPACITY [| LABEL [| ALIAS, ... [| GROUP]]]]",
        help: "add to the roster, or change an attendee from now on; the label is used in the \
               discussion, the group in the attendance (Observers)",
        parse: |a| attendee(&a.line()?).ok_or_else(|| a.usage()),
    },
    Spec {
        name: "regrets",
        aliases: &[],
        arg: Arg::Text,
        usage: "/regrets NAME",
        help: "an apology for absence",
        parse: |a| meeting(MeetingCommand::Regrets(a.line()?)),
    },
    Spec {
        name: "joined",
        aliases: &["present+"],
        arg: Arg::Attendee,
        usage: "/joined NAME",
        help: "NAME arrives now",
        parse: |a| meeting(MeetingCommand::Joined(a.line()?)),
    },
    Spec {
        name: "left",
        aliases: &["present-"],
        arg: Arg::Attendee,
        usage: "/left NAME",
        help: "NAME leaves now",
        parse: |a| meeting(MeetingCommand::Left(a.line()?)),
    },
    Spec {
        name: "chair",
        aliases: &[],
        arg: Arg::Attendee,
        usage: "/chair NAME",
        help: "who chairs; the chair speaks under their capacity",
        parse: |a| meeting(MeetingCommand::Chair(a.line()?)),
    },
    Spec {
        name: "scribe",
        aliases: &[],
        arg: Arg::Attendee,
        usage: "/scribe NAME",
        help: "who takes the minutes from now on (on the roster or not)",
        parse: |a| meeting(MeetingCommand::Scribe(a.line()?)),
    },
    Spec {
        name: "agenda",
        aliases: &[],
        arg: Arg::Text,
        usage: "/agenda TITLE [~20m]",
        help: "append an agenda item, with the time planned for it",
        parse: |a| {
            let line = a.line()?;
            let (title, planned) = match line.rsplit_once(" ~") {
                Some((title, time)) => match duration(time) {
                    Some(seconds) => (title.trim().to_string(), Some(seconds)),
                    None => return Err(bad_duration(time)),
                },
                None => (line, None),
            };
            if title.is_empty() {
                return Err(a.usage());
            }
            meeting(MeetingCommand::Agenda { title, planned })
        },
    },
    Spec {
        name: "timebox",
        aliases: &[],
        arg: Arg::Text,
        usage: "/timebox N 20m",
        help: "the time planned for item N (`off` takes it away)",
        parse: |a| {
            let line = a.line()?;
            let (n, time) = line.split_once(' ').ok_or_else(|| a.usage())?;
            let item = n
                .parse::<usize>()
                .ok()
                .filter(|&n| n > 0)
                .ok_or_else(|| a.usage())?;
            let planned = match time.trim() {
                "off" | "none" => None,
                time => Some(duration(time).ok_or_else(|| bad_duration(time))?),
            };
            meeting(MeetingCommand::Timebox { item, planned })
        },
    },
    Spec {
        name: "item",
        aliases: &[],
        arg: Arg::Item,
        usage: "/item N | /item next",
        help: "take up item N, or the next one; the chair gets the floor",
        parse: |a| {
            let value = a.line()?;
            let target = if value.eq_ignore_ascii_case("next") {
                ItemTarget::Next
            } else {
                value
                    .parse::<usize>()
                    .ok()
                    .filter(|&n| n > 0)
                    .map(ItemTarget::Number)
                    .ok_or_else(|| a.usage())?
            };
            meeting(MeetingCommand::Item(target))
        },
    },
    Spec {
        name: "topic",
        aliases: &[],
        arg: Arg::Text,
        usage: "/topic TITLE",
        help: "an item after the current one, taken up at once",
        parse: |a| meeting(MeetingCommand::Topic(a.line()?)),
    },
    Spec {
        name: "q?",
        aliases: &[],
        arg: Arg::Nothing,
        usage: "/q?",
        help: "who waits, in the footer",
        parse: |a| a.nothing(ConsoleCommand::ShowQueue),
    },
    Spec {
        name: "q+",
        aliases: &[],
        arg: Arg::Attendee,
        usage: "/q+ NAME [to say TEXT]",
        help: "add to the speakers' queue",
        parse: |a| {
            let (name, reason) = split_reason(&a.line()?);
            if name.is_empty() {
                return Err(a.usage());
            }
            meeting(MeetingCommand::QueueAdd {
                name,
                reason,
                kind: RequestKind::Topic,
            })
        },
    },
    Spec {
        name: "poo",
        aliases: &[],
        arg: Arg::Attendee,
        usage: "/poo NAME [TEXT]",
        help: "a point of order: before everyone else in the queue",
        parse: |a| request(a, RequestKind::PointOfOrder),
    },
    Spec {
        name: "q+?",
        aliases: &[],
        arg: Arg::Attendee,
        usage: "/q+? NAME [TEXT]",
        help: "a clarifying question: after points of order, before replies and topics",
        parse: |a| request(a, RequestKind::Question),
    },
    Spec {
        name: "reply",
        aliases: &[],
        arg: Arg::Attendee,
        usage: "/reply NAME [TEXT]",
        help: "a reply to the current speaker: before new topics",
        parse: |a| request(a, RequestKind::Reply),
    },
    Spec {
        name: "q-",
        aliases: &[],
        arg: Arg::Attendee,
        usage: "/q- NAME | /q- later NAME",
        help: "take off the queue, or (later) move to the back of it",
        parse: |a| {
            let line = a.line()?;
            match line.strip_prefix("later ") {
                Some(name) => meeting(MeetingCommand::QueueBack(name.trim().to_string())),
                None => meeting(MeetingCommand::QueueRemove(line)),
            }
        },
    },
    Spec {
        name: "q^",
        aliases: &[],
        arg: Arg::Attendee,
        usage: "/q^ NAME",
        help: "move to the front of the queue",
        parse: |a| meeting(MeetingCommand::QueueFront(a.line()?)),
    },
    Spec {
        name: "q=",
        aliases: &[],
        arg: Arg::Attendee,
        usage: "/q= NAME, NAME, ...",
        help: "the queue becomes exactly these, in this order",
        parse: |a| {
            let names: Vec<String> = a
                .line()?
                .split(',')
                .map(|n| n.trim().to_string())
                .filter(|n| !n.is_empty())
                .collect();
            meeting(MeetingCommand::QueueSet(names))
        },
    },
    Spec {
        name: "readd",
        aliases: &[],
        arg: Arg::Nothing,
        usage: "/readd",
        help: "put the last speaker back, first in the queue",
        parse: |a| a.nothing(MeetingCommand::Readd),
    },
    Spec {
        name: "carry",
        aliases: &[],
        arg: Arg::Nothing,
        usage: "/carry",
        help: "those still waiting when the item changed join this item's list",
        parse: |a| a.nothing(MeetingCommand::CarryOver),
    },
    Spec {
        name: "close-list",
        aliases: &[],
        arg: Arg::Nothing,
        usage: "/close-list",
        help: "close the list of speakers: no new topics (points of order still)",
        parse: |a| a.nothing(MeetingCommand::CloseList),
    },
    Spec {
        name: "open-list",
        aliases: &[],
        arg: Arg::Nothing,
        usage: "/open-list",
        help: "open the list of speakers again",
        parse: |a| a.nothing(MeetingCommand::OpenList),
    },
    Spec {
        name: "order",
        aliases: &[],
        arg: Arg::Order,
        usage: "/order fewest|arrival",
        help: "new topics by fewest contributions first, or by arrival",
        parse: |a| {
            let order = match a.line()?.to_lowercase().as_str() {
                "fewest" => QueueOrder::Fewest,
                "arrival" => QueueOrder::Arrival,
                _ => return Err(a.usage()),
            };
            meeting(MeetingCommand::Order(order))
        },
    },
    Spec {
        name: "ack",
        aliases: &[],
        arg: Arg::Attendee,
        usage: "/ack [NAME]",
        help: "give the floor to NAME, by default the head of the queue",
        parse: |a| meeting(MeetingCommand::Ack(non_empty(clean_line(a.rest)))),
    },
    Spec {
        name: "floor",
        aliases: &[],
        arg: Arg::Attendee,
        usage: "/floor NAME",
        help: "give the floor directly, outside the queue",
        parse: |a| meeting(MeetingCommand::Floor(a.line()?)),
    },
    Spec {
        name: "limit",
        aliases: &[],
        arg: Arg::Attendee,
        usage: "/limit [NAME] 3m",
        help: "a speaking limit for everyone, or for NAME (`off` takes it away)",
        parse: |a| {
            let line = a.line()?;
            let (name, time) = match line.rsplit_once(' ') {
                Some((name, time)) => (Some(name.trim().to_string()), time),
                None => (None, line.as_str()),
            };
            let seconds = match time {
                "off" | "none" => None,
                time => Some(
                    duration(time)
                        .filter(|&s| s > 0)
                        .ok_or_else(|| bad_duration(time))?,
                ),
            };
            meeting(MeetingCommand::Limit { name, seconds })
        },
    },
    Spec {
        name: "extend",
        aliases: &[],
        arg: Arg::Text,
        usage: "/extend 1m",
        help: "more time for the speaker who has the floor",
        parse: |a| {
            let line = a.line()?;
            let seconds = duration(&line)
                .filter(|&s| s > 0)
                .ok_or_else(|| bad_duration(&line))?;
            meeting(MeetingCommand::Extend(seconds))
        },
    },
    Spec {
        name: "yield",
        aliases: &[],
        arg: Arg::Nothing,
        usage: "/yield",
        help: "the speaker ends; nobody has the floor",
        parse: |a| a.nothing(MeetingCommand::Yield),
    },
    Spec {
        name: "note",
        aliases: &[],
        arg: Arg::Text,
        usage: "/note TEXT",
        help: "a narrative line with no speaker",
        parse: |a| meeting(MeetingCommand::Note(a.text()?)),
    },
    Spec {
        name: "action",
        aliases: &[],
        arg: Arg::Owner,
        usage: "/action OWNER[, OWNER]: TEXT [due WHEN]",
        help: "an action point; \"quote\" an owner not on the roster; WHEN: 2026-12-04, \
               4 December, next friday, in 2 weeks, end of month",
        parse: |a| {
            let (owners, text, due) = action(&a.text()?).ok_or_else(|| a.usage())??;
            meeting(MeetingCommand::Action { owners, text, due })
        },
    },
    Spec {
        name: "done",
        aliases: &[],
        arg: Arg::Text,
        usage: "/done N",
        help: "mark action point N done",
        parse: |a| {
            let n = a.line()?.trim_start_matches('#').parse::<u32>();
            meeting(MeetingCommand::Done(
                n.ok().filter(|&n| n > 0).ok_or_else(|| a.usage())?,
            ))
        },
    },
    Spec {
        name: "decision",
        aliases: &[],
        arg: Arg::Text,
        usage: "/decision TEXT",
        help: "a decision or resolution",
        parse: |a| meeting(MeetingCommand::Decision(a.text()?)),
    },
    Spec {
        name: "motion",
        aliases: &[],
        arg: Arg::Text,
        usage: "/motion TEXT",
        help: "a motion is proposed",
        parse: |a| meeting(MeetingCommand::Motion(a.text()?)),
    },
    Spec {
        name: "moved",
        aliases: &[],
        arg: Arg::Attendee,
        usage: "/moved NAME",
        help: "who moved the open motion",
        parse: |a| meeting(MeetingCommand::Moved(a.line()?)),
    },
    Spec {
        name: "seconded",
        aliases: &[],
        arg: Arg::Attendee,
        usage: "/seconded NAME",
        help: "who seconded the open motion",
        parse: |a| meeting(MeetingCommand::Seconded(a.line()?)),
    },
    Spec {
        name: "amend",
        aliases: &[],
        arg: Arg::Text,
        usage: "/amend TEXT",
        help: "the open motion as amended",
        parse: |a| meeting(MeetingCommand::Amend(a.text()?)),
    },
    Spec {
        name: "vote",
        aliases: &[],
        arg: Arg::Text,
        usage: "/vote FOR-AGAINST-ABSTAIN [carried|failed]",
        help: "the vote on the open motion (carried when more are for than against)",
        parse: vote,
    },
    Spec {
        name: "carried",
        aliases: &[],
        arg: Arg::Nothing,
        usage: "/carried",
        help: "the open motion is carried: a decision",
        parse: |a| a.nothing(decided(MotionOutcome::Carried)),
    },
    Spec {
        name: "failed",
        aliases: &[],
        arg: Arg::Nothing,
        usage: "/failed",
        help: "the open motion failed",
        parse: |a| a.nothing(decided(MotionOutcome::Failed)),
    },
    Spec {
        name: "withdrawn",
        aliases: &[],
        arg: Arg::Nothing,
        usage: "/withdrawn",
        help: "the open motion is withdrawn",
        parse: |a| a.nothing(decided(MotionOutcome::Withdrawn)),
    },
    Spec {
        name: "consensus",
        aliases: &[],
        arg: Arg::Nothing,
        usage: "/consensus",
        help: "the open motion is agreed by consensus: a decision",
        parse: |a| a.nothing(decided(MotionOutcome::Consensus)),
    },
    Spec {
        name: "s",
        aliases: &[],
        arg: Arg::Pattern,
        usage: "/s/OLD/NEW/[g]",
        help: "correct the most recent entry containing OLD (g: every entry)",
        parse: substitute,
    },
    Spec {
        name: "i",
        aliases: &[],
        arg: Arg::Pattern,
        usage: "/i/BEFORE/TEXT",
        help: "insert a line (or `Name: text`) before the most recent entry containing BEFORE",
        parse: insert,
    },
    Spec {
        name: "by",
        aliases: &[],
        arg: Arg::Attendee,
        usage: "/by NAME",
        help: "give the last statement to NAME",
        parse: |a| meeting(MeetingCommand::By(a.line()?)),
    },
    Spec {
        name: "strike",
        aliases: &[],
        arg: Arg::Nothing,
        usage: "/strike",
        help: "strike the last entry from the minutes (kept in the log)",
        parse: |a| a.nothing(MeetingCommand::Strike),
    },
    Spec {
        name: "undo",
        aliases: &[],
        arg: Arg::Nothing,
        usage: "/undo",
        help: "take back the last event (again: the one before)",
        parse: |a| a.nothing(MeetingCommand::Undo),
    },
    Spec {
        name: "close",
        aliases: &[],
        arg: Arg::Nothing,
        usage: "/close",
        help: "close the meeting (records the end time)",
        parse: |a| a.nothing(MeetingCommand::Close),
    },
    Spec {
        name: "stats",
        aliases: &[],
        arg: Arg::Nothing,
        usage: "/stats",
        help: "speaking statistics per attendee and per item",
        parse: |a| a.nothing(ConsoleCommand::Stats),
    },
    Spec {
        name: "roster",
        aliases: &[],
        arg: Arg::Nothing,
        usage: "/roster",
        help: "everyone on the roster: present, left, regrets, times",
        parse: |a| a.nothing(ConsoleCommand::Roster),
    },
    Spec {
        name: "search",
        aliases: &[],
        arg: Arg::Text,
        usage: "/search [TEXT]",
        help: "find entries of this meeting (case and accents ignored); Enter goes to one",
        parse: |a| Ok(ConsoleCommand::Search(clean_line(a.rest)).into()),
    },
    Spec {
        name: "copy",
        aliases: &[],
        arg: Arg::Nothing,
        usage: "/copy",
        help: "copy the whole minutes (Markdown) to the clipboard, over SSH too (OSC 52)",
        parse: |a| a.nothing(ConsoleCommand::Copy),
    },
    Spec {
        name: "export",
        aliases: &[],
        arg: Arg::Format,
        usage: "/export [md|html|txt|docx]",
        help: "write the minutes next to the meeting file (default: md, or the settings' format)",
        parse: |a| {
            let name = clean_line(a.rest);
            if name.is_empty() {
                return Ok(ConsoleCommand::ExportDefault.into());
            }
            Format::from_name(&name)
                .map(|f| ConsoleCommand::Export(f).into())
                .ok_or_else(|| {
                    ParseError::Usage(format!(
                        "'{name}' is not a format: use md, html, txt or docx"
                    ))
                })
        },
    },
    Spec {
        name: "quit",
        aliases: &[],
        arg: Arg::Nothing,
        usage: "/quit",
        help: "save and leave; `scribe open FILE` continues",
        parse: |a| a.nothing(ConsoleCommand::Quit),
    },
];

/// The row for a command name or alias (lower-case).
pub fn find(word: &str) -> Option<&'static Spec> {
    COMMANDS.iter().find(|spec| spec.answers_to(word))
}

/// The command table as the README shows it: a Markdown table, one row per command.
pub fn markdown() -> String {
    let mut out = String::from("| command | effect |\n| --- | --- |\n");
    for spec in COMMANDS {
        let also: String = spec
            .aliases
            .iter()
            .map(|a| format!(" (also `/{a}`)"))
            .collect();
        out.push_str(&format!(
            "| `{}` | {}{also} |\n",
            spec.usage.replace('|', "\\|"),
            spec.help.replace('|', "\\|")
        ));
    }
    out
}

/// `/poo`, `/q+?`, `/reply`: `NAME [TEXT]`, the text after `:` or `to say` when one is
/// there (otherwise decide finds where the name ends).
fn request(args: &Args, kind: RequestKind) -> Result<Command, ParseError> {
    let line = args.line()?;
    let (name, reason) = match line.split_once(':') {
        Some((name, text)) => {
            let text = text.trim();
            (
                name.trim().to_string(),
                (!text.is_empty()).then(|| text.to_string()),
            )
        }
        None => split_reason(&line),
    };
    if name.is_empty() {
        return Err(args.usage());
    }
    meeting(MeetingCommand::QueueAdd { name, reason, kind })
}

fn decided(outcome: MotionOutcome) -> MeetingCommand {
    MeetingCommand::Decide {
        outcome,
        vote: None,
    }
}

/// `FOR-AGAINST-ABSTAIN [carried|failed]`.
fn vote(args: &Args) -> Result<Command, ParseError> {
    let line = args.line()?;
    let mut words = line.split_whitespace();
    let tally = words.next().unwrap_or_default();
    let numbers: Vec<Option<u32>> = tally
        .split(['-', '–', '/'])
        .map(|n| n.trim().parse().ok())
        .collect();
    let vote = match numbers.as_slice() {
        [Some(favour), Some(against), Some(abstain)] => Vote {
            favour: *favour,
            against: *against,
            abstain: *abstain,
        },
        [Some(favour), Some(against)] => Vote {
            favour: *favour,
            against: *against,
            abstain: 0,
        },
        _ => return Err(args.usage()),
    };
    let outcome = match words.next().map(str::to_lowercase).as_deref() {
        None => vote.outcome(),
        Some("carried") => MotionOutcome::Carried,
        Some("failed") => MotionOutcome::Failed,
        Some(_) => return Err(args.usage()),
    };
    if words.next().is_some() {
        return Err(args.usage());
    }
    meeting(MeetingCommand::Decide {
        outcome,
        vote: Some(vote),
    })
}

/// A length of time as people write it: `3m`, `90s`, `1m30s`, `1h`, `1h30`, `2:30`, or a plain
/// number of minutes. In seconds.
pub fn duration(text: &str) -> Option<u32> {
    let text = text.trim().to_lowercase();
    if text.is_empty() {
        return None;
    }
    if let Some((m, s)) = text.split_once(':') {
        let (m, s): (u32, u32) = (m.parse().ok()?, s.parse().ok()?);
        return (s < 60)
            .then(|| m.checked_mul(60)?.checked_add(s))
            .flatten();
    }
    if let Ok(minutes) = text.parse::<u32>() {
        return minutes.checked_mul(60);
    }
    let mut total: u32 = 0;
    let mut number = String::new();
    let mut last_unit = None;
    for c in text.chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let unit = match c {
            'h' => 3600,
            'm' => 60,
            's' => 1,
            _ => return None,
        };
        let n: u32 = std::mem::take(&mut number).parse().ok()?;
        total = total.checked_add(n.checked_mul(unit)?)?;
        last_unit = Some(unit);
    }
    if !number.is_empty() {
        // `1h30`, `1m30`: the next unit down.
        let unit = match last_unit? {
            3600 => 60,
            60 => 1,
            _ => return None,
        };
        total = total.checked_add(number.parse::<u32>().ok()?.checked_mul(unit)?)?;
    }
    (total <= 24 * 3600).then_some(total)
}

fn bad_duration(text: &str) -> ParseError {
    ParseError::Usage(format!(
        "'{text}' is not a length of time: write 3m, 90s, 1m30s, 1h or 2:30"
    ))
}

fn date(value: &str) -> Result<NaiveDate, ParseError> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| ParseError::BadDate(value.into()))
}

/// `NAME | CAPACITY | LABEL | ALIAS, ALIAS`: all but the name optional.
fn attendee(value: &str) -> Option<Command> {
    let mut fields = value.split('|').map(str::trim);
    let name = fields.next().filter(|n| !n.is_empty())?.to_string();
    let mut optional = || {
        fields
            .next()
            .filter(|f| !f.is_empty())
            .map(ToString::to_string)
    };
    let capacity = optional();
    let label = optional();
    let aliases = optional()
        .map(|list| {
            list.split(',')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(ToString::to_string)
                .collect()
        })
        .unwrap_or_default();
    let group = optional();
    Some(Command::Meeting(MeetingCommand::Attendee {
        name,
        capacity,
        label,
        aliases,
        group,
    }))
}

/// Splits `NAME to say REASON`.
fn split_reason(value: &str) -> (String, Option<String>) {
    let lower = value.to_lowercase();
    // Lower-casing can change byte lengths outside ASCII; only split when it did not.
    if lower.len() == value.len()
        && let Some(at) = lower.find(" to say ")
    {
        let reason = value[at + " to say ".len()..].trim().to_string();
        let name = value[..at].trim().to_string();
        return (name, Some(reason).filter(|r| !r.is_empty()));
    }
    (value.trim().to_string(), None)
}

/// An action as typed: its owners, text and the words of its due date.
pub type ActionParts = (Vec<OwnerSpec>, String, Option<String>);

/// `OWNER[, OWNER]: TEXT [due WHEN]`, with `"OWNER"` for an owner taken literally. None when
/// the shape is wrong (the caller shows the usage); an error for a due date that is not one.
pub fn action(value: &str) -> Option<Result<ActionParts, ParseError>> {
    let (owners, rest) = owners(value)?;
    let (text, due) = match due::split(rest.trim()) {
        Ok(split) => split,
        Err(message) => return Some(Err(ParseError::Usage(message))),
    };
    if text.trim().is_empty() {
        return None;
    }
    Some(Ok((owners, text, due)))
}

/// The owners before the colon, split at commas; quoted owners are taken as written.
fn owners(value: &str) -> Option<(Vec<OwnerSpec>, &str)> {
    let mut owners = Vec::new();
    let mut rest = value.trim_start();
    loop {
        let (owner, after) = if let Some(quoted) = rest.strip_prefix('"') {
            let end = quoted.find('"')?;
            (
                OwnerSpec::Literal(clean_line(&quoted[..end])),
                quoted[end + 1..].trim_start(),
            )
        } else {
            let end = rest.find([',', ':'])?;
            (OwnerSpec::Name(clean_line(&rest[..end])), &rest[end..])
        };
        if matches!(&owner, OwnerSpec::Name(n) | OwnerSpec::Literal(n) if n.is_empty()) {
            return None;
        }
        owners.push(owner);
        if let Some(next) = after.strip_prefix(',') {
            rest = next.trim_start();
        } else {
            return Some((owners, after.strip_prefix(':')?));
        }
    }
}

/// Splits `A/B/C` at unescaped slashes (`\/` is a slash inside a part).
fn slash_parts(rest: &str) -> Vec<String> {
    let mut parts: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut chars = rest.chars();
    while let Some(c) = chars.next() {
        match c {
            '/' => parts.push(std::mem::take(&mut current)),
            '\\' => match chars.next() {
                Some('/') => current.push('/'),
                Some(other) => {
                    current.push('\\');
                    current.push(other);
                }
                None => current.push('\\'),
            },
            c => current.push(c),
        }
    }
    parts.push(current);
    parts
}

/// `/BEFORE/TEXT` right after `i`: the text is everything after the second slash.
fn insert(args: &Args) -> Result<Command, ParseError> {
    let Some(rest) = args.rest.strip_prefix('/') else {
        return Err(args.usage());
    };
    let mut parts = slash_parts(rest).into_iter();
    let before = parts.next().map(|b| clean_line(&b)).unwrap_or_default();
    let text = parts.collect::<Vec<_>>().join("/");
    let text = clean(text.strip_suffix('/').unwrap_or(&text));
    if before.is_empty() || text.trim().is_empty() {
        return Err(args.usage());
    }
    meeting(MeetingCommand::Insert { before, text })
}

/// `/OLD/NEW/[g]` right after `s`, with `\/` for a slash inside OLD or NEW.
fn substitute(args: &Args) -> Result<Command, ParseError> {
    let Some(rest) = args.rest.strip_prefix('/') else {
        return Err(args.usage());
    };
    let parts = slash_parts(rest);
    let flag = parts.get(2).map(|f| f.trim()).unwrap_or("");
    if parts.len() < 2 || parts.len() > 3 || !matches!(flag, "" | "g") || parts[0].is_empty() {
        return Err(args.usage());
    }
    meeting(MeetingCommand::Substitute {
        old: clean_line(&parts[0]),
        new: clean(&parts[1]),
        all: flag == "g",
    })
}
