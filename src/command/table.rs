//! The command language as data: one row per command, in the order the help and the README list
//! them. A row holds everything about a command except what it does to the meeting (that is its
//! arm in [`super::decide`]): its name and aliases, the shape of its argument (what Tab
//! completes), its usage and one line of help, and the function that parses its arguments.
//!
//! Adding a command is one row here, its variant in [`super::MeetingCommand`] (or
//! [`super::ConsoleCommand`]) and its arm in `decide`; parsing, completion, the help overlay,
//! the suggestion for a mistyped name and the README's command table (a test compares them)
//! follow from the row. The spelling is the contract of PRODUCT.md.

use super::args::*; // the parsers the rows name
use super::parse::ParseError;
use super::{Command, ConsoleCommand, MeetingCommand};
use crate::meeting::{MotionOutcome, RequestKind};
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
        parse: parse_time,
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
        parse: parse_status,
    },
    Spec {
        name: "lang",
        aliases: &["language"],
        arg: Arg::Text,
        usage: "/lang CODE",
        help: "the language of the minutes (en, fr, …) for exports",
        parse: parse_lang,
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
        parse: parse_agenda,
    },
    Spec {
        name: "timebox",
        aliases: &[],
        arg: Arg::Text,
        usage: "/timebox N 20m",
        help: "the time planned for item N (`off` takes it away)",
        parse: parse_timebox,
    },
    Spec {
        name: "item",
        aliases: &[],
        arg: Arg::Item,
        usage: "/item N | /item next",
        help: "take up item N, or the next one; the chair gets the floor",
        parse: parse_item,
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
        parse: queue_add,
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
        parse: queue_remove,
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
        parse: queue_set,
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
        parse: parse_order,
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
        parse: parse_limit,
    },
    Spec {
        name: "extend",
        aliases: &[],
        arg: Arg::Text,
        usage: "/extend 1m",
        help: "more time for the speaker who has the floor",
        parse: parse_extend,
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
        parse: parse_action,
    },
    Spec {
        name: "done",
        aliases: &[],
        arg: Arg::Text,
        usage: "/done N",
        help: "mark action point N done",
        parse: parse_done,
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
        parse: parse_export,
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
