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
use super::{Command, ConsoleCommand, ItemTarget, MeetingCommand, OwnerSpec};
use crate::export::Format;
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
        name: "attendee",
        aliases: &[],
        arg: Arg::Text,
        usage: "/attendee NAME [| CAPACITY [| LABEL [| ALIAS, ...]]]",
        help: "add to the roster; the label is used in the discussion",
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
        name: "chair",
        aliases: &[],
        arg: Arg::Attendee,
        usage: "/chair NAME",
        help: "who chairs; the chair speaks under their capacity",
        parse: |a| meeting(MeetingCommand::Chair(a.line()?)),
    },
    Spec {
        name: "agenda",
        aliases: &[],
        arg: Arg::Text,
        usage: "/agenda TITLE",
        help: "append an agenda item",
        parse: |a| meeting(MeetingCommand::Agenda(a.line()?)),
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
            meeting(MeetingCommand::QueueAdd { name, reason })
        },
    },
    Spec {
        name: "q-",
        aliases: &[],
        arg: Arg::Attendee,
        usage: "/q- NAME",
        help: "take off the queue",
        parse: |a| meeting(MeetingCommand::QueueRemove(a.line()?)),
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
        usage: "/action OWNER: TEXT [due YYYY-MM-DD]",
        help: "an action point; \"quote\" an owner not on the roster",
        parse: |a| action(&a.text()?).unwrap_or_else(|| Err(a.usage())),
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
        name: "s",
        aliases: &[],
        arg: Arg::Pattern,
        usage: "/s/OLD/NEW/",
        help: "correct the last entry (a recorded correction)",
        parse: substitute,
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
        name: "export",
        aliases: &[],
        arg: Arg::Format,
        usage: "/export [md|html|txt|docx]",
        help: "write the minutes next to the meeting file (default md)",
        parse: |a| {
            let name = clean_line(a.rest);
            if name.is_empty() {
                return Ok(ConsoleCommand::Export(Format::Markdown).into());
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

pub(super) fn date(value: &str) -> Result<NaiveDate, ParseError> {
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
    Some(Command::Meeting(MeetingCommand::Attendee {
        name,
        capacity,
        label,
        aliases,
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

/// `OWNER: TEXT [due YYYY-MM-DD]`, with `"OWNER"` for an owner taken literally.
fn action(value: &str) -> Option<Result<Command, ParseError>> {
    let (owner, rest) = if let Some(quoted) = value.strip_prefix('"') {
        let end = quoted.find('"')?;
        let rest = quoted[end + 1..].trim_start().strip_prefix(':')?;
        (OwnerSpec::Literal(clean_line(&quoted[..end])), rest)
    } else {
        let colon = value.find(':')?;
        (
            OwnerSpec::Name(clean_line(&value[..colon])),
            &value[colon + 1..],
        )
    };
    if matches!(&owner, OwnerSpec::Name(n) | OwnerSpec::Literal(n) if n.is_empty()) {
        return None;
    }
    let mut text = rest.trim().to_string();
    let mut due = None;
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() >= 2 && words[words.len() - 2].eq_ignore_ascii_case("due") {
        let when = words[words.len() - 1];
        match date(when) {
            Ok(d) => due = Some(d),
            Err(e) => return Some(Err(e)),
        }
        let cut = text.rfind(words[words.len() - 2]).unwrap_or(text.len());
        text = text[..cut].trim_end().to_string();
    }
    if text.is_empty() {
        return None;
    }
    Some(Ok(Command::Meeting(MeetingCommand::Action {
        owner,
        text,
        due,
    })))
}

/// `/OLD/NEW/` right after `s`, with `\/` for a slash inside OLD or NEW.
fn substitute(args: &Args) -> Result<Command, ParseError> {
    let Some(rest) = args.rest.strip_prefix('/') else {
        return Err(args.usage());
    };
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
    let flags_ok = parts.len() < 3 || (parts.len() == 3 && parts[2].trim().is_empty());
    if parts.len() < 2 || !flags_ok || parts[0].is_empty() {
        return Err(args.usage());
    }
    meeting(MeetingCommand::Substitute {
        old: clean_line(&parts[0]),
        new: clean(&parts[1]),
    })
}
