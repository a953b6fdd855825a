//! Text → [`Command`]: a composer line read through the command table ([`super::table`]).
//! Pure and total: any input gives a command or a [`ParseError`] that says what to type
//! instead. Every argument is cleaned, so nothing typed or pasted reaches the meeting without
//! passing through `text`.

use thiserror::Error;

use super::table::{self, Args, COMMANDS};
use super::{Command, MeetingCommand};
use crate::text::{clean, clean_line};

/// Why a line is not a command. The message is shown in the footer as it is.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ParseError {
    #[error("nothing to record")]
    Empty,
    #[error("unknown command /{typed}{}", suggestion(.nearest))]
    UnknownCommand {
        typed: String,
        /// The nearest command name, when one is close.
        nearest: Option<&'static str>,
    },
    #[error("{0}")]
    Usage(String),
    #[error("'{0}' is not a date: use YYYY-MM-DD")]
    BadDate(String),
    #[error("'{0}' is not a time: use HH:MM")]
    BadTime(String),
}

fn suggestion(nearest: &Option<&'static str>) -> String {
    match nearest {
        // `/q?` and `/q+?` end in a question mark already: "did you mean /q??" misreads.
        Some(name) if name.ends_with('?') => {
            format!(" — did you mean /{name} (F1 lists the commands)")
        }
        Some(name) => format!(" — did you mean /{name}?"),
        None => " (F1 lists the commands)".to_string(),
    }
}

/// Parses one composer line (or several, for a multi-line paste).
pub fn parse(input: &str) -> Result<Command, ParseError> {
    let trimmed = input.trim_start();
    if let Some(literal) = trimmed.strip_prefix('\\') {
        return said(clean(literal))
            .map(MeetingCommand::SayLiteral)
            .map(Into::into);
    }
    let Some(body) = trimmed.strip_prefix('/') else {
        return said(clean(input)).map(MeetingCommand::Say).map(Into::into);
    };
    // The name runs to the first space or slash (`/s/OLD/NEW/` has no space).
    let end = body
        .find(|c: char| c.is_whitespace() || c == '/')
        .unwrap_or(body.len());
    let (word, rest) = body.split_at(end);
    let name = word.to_lowercase();
    let Some(spec) = table::find(&name) else {
        return Err(ParseError::UnknownCommand {
            typed: clean_line(word),
            nearest: nearest(&name),
        });
    };
    let rest = if rest.starts_with('/') {
        rest
    } else {
        rest.trim()
    };
    (spec.parse)(&Args { spec, rest })
}

fn said(text: String) -> Result<String, ParseError> {
    if text.trim().is_empty() {
        Err(ParseError::Empty)
    } else {
        Ok(text)
    }
}

/// The command name (or alias) nearest to `typed` by edit distance, when it is close enough
/// to be what was meant: at most one edit for short names, two for longer ones.
fn nearest(typed: &str) -> Option<&'static str> {
    if typed.is_empty() {
        return None;
    }
    let limit = if typed.chars().count() <= 3 { 1 } else { 2 };
    COMMANDS
        .iter()
        .flat_map(|spec| std::iter::once(&spec.name).chain(spec.aliases))
        .map(|name| (strsim::damerau_levenshtein(typed, name), *name))
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, name)| name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::{ConsoleCommand, ItemTarget, OwnerSpec};
    use crate::export::Format;
    use chrono::NaiveDate;

    /// The meeting command `s` parses to.
    fn ok(s: &str) -> MeetingCommand {
        match parse(s) {
            Ok(Command::Meeting(command)) => command,
            other => panic!("{s:?} should parse to a meeting command: {other:?}"),
        }
    }

    fn console(s: &str) -> Result<Command, ParseError> {
        parse(s)
    }

    #[test]
    fn plain_lines_are_said() {
        assert_eq!(
            ok("Thanked the Presidency."),
            MeetingCommand::Say("Thanked the Presidency.".into())
        );
        assert_eq!(
            ok("\\/etc is a path"),
            MeetingCommand::SayLiteral("/etc is a path".into())
        );
        assert_eq!(parse("   "), Err(ParseError::Empty));
    }

    #[test]
    fn metadata_commands() {
        assert_eq!(
            ok("/title 5th Meeting"),
            MeetingCommand::Title("5th Meeting".into())
        );
        assert_eq!(
            ok("/date 2012-02-28"),
            MeetingCommand::Date(NaiveDate::from_ymd_opt(2012, 2, 28).unwrap())
        );
        assert_eq!(
            parse("/date 2012-02-30"),
            Err(ParseError::BadDate("2012-02-30".into()))
        );
        assert_eq!(
            parse("/time 25:00"),
            Err(ParseError::BadTime("25:00".into()))
        );
        assert!(matches!(parse("/title"), Err(ParseError::Usage(_))));
    }

    #[test]
    fn attendee_fields() {
        assert_eq!(
            ok("/attendee Germany | Stockpile Destruction in 2012 | Coord. Stock. Destruct."),
            MeetingCommand::Attendee {
                name: "Germany".into(),
                capacity: Some("Stockpile Destruction in 2012".into()),
                label: Some("Coord. Stock. Destruct.".into()),
                aliases: vec![],
                group: None,
            }
        );
        assert_eq!(
            ok("/attendee CMC"),
            MeetingCommand::Attendee {
                name: "CMC".into(),
                capacity: None,
                label: None,
                aliases: vec![],
                group: None
            }
        );
        assert_eq!(
            ok("/attendee Bosnia and Herzegovina | | | BiH, Bosnia"),
            MeetingCommand::Attendee {
                name: "Bosnia and Herzegovina".into(),
                capacity: None,
                label: None,
                aliases: vec!["BiH".into(), "Bosnia".into()],
                group: None
            }
        );
        assert!(parse("/attendee | President").is_err());
    }

    #[test]
    fn queue_commands() {
        assert_eq!(
            ok("/q+ New Zealand to say invitation letters"),
            MeetingCommand::QueueAdd {
                name: "New Zealand".into(),
                kind: Default::default(),
                reason: Some("invitation letters".into())
            }
        );
        assert_eq!(
            ok("/q+ ger"),
            MeetingCommand::QueueAdd {
                name: "ger".into(),
                kind: Default::default(),
                reason: None
            }
        );
        assert_eq!(ok("/ack"), MeetingCommand::Ack(None));
        assert_eq!(ok("/ack cro"), MeetingCommand::Ack(Some("cro".into())));
        assert_eq!(ok("/yield"), MeetingCommand::Yield);
        assert!(parse("/yield now").is_err());
        assert_eq!(ok("/item next"), MeetingCommand::Item(ItemTarget::Next));
        assert_eq!(ok("/item 2"), MeetingCommand::Item(ItemTarget::Number(2)));
        assert!(parse("/item 0").is_err());
    }

    #[test]
    fn action_forms() {
        assert_eq!(
            ok("/action Norway: brief on the Third MSP due 2012-03-15"),
            MeetingCommand::Action {
                owners: vec![OwnerSpec::Name("Norway".into())],
                text: "brief on the Third MSP".into(),
                due: Some("2012-03-15".into()),
            }
        );
        assert_eq!(
            ok("/action \"All coordinators\": send letters"),
            MeetingCommand::Action {
                owners: vec![OwnerSpec::Literal("All coordinators".into())],
                text: "send letters".into(),
                due: None,
            }
        );
        assert_eq!(
            ok("/action Norway, \"All coordinators\", Mexico: x due tomorrow"),
            MeetingCommand::Action {
                owners: vec![
                    OwnerSpec::Name("Norway".into()),
                    OwnerSpec::Literal("All coordinators".into()),
                    OwnerSpec::Name("Mexico".into()),
                ],
                text: "x".into(),
                due: Some("tomorrow".into()),
            }
        );
        assert!(
            matches!(parse("/action Norway: x due fridy"), Err(ParseError::Usage(m)) if m.contains("'fridy' is not a date"))
        );
        assert!(parse("/action Norway brief").is_err());
        assert!(parse("/action Norway:").is_err());
    }

    #[test]
    fn substitution() {
        assert_eq!(
            ok("/s/Stockpile/Stockpiles/"),
            MeetingCommand::Substitute {
                old: "Stockpile".into(),
                new: "Stockpiles".into(),
                all: false,
            }
        );
        assert_eq!(
            ok("/s/a\\/b/c"),
            MeetingCommand::Substitute {
                old: "a/b".into(),
                new: "c".into(),
                all: false,
            }
        );
        assert!(parse("/s//x/").is_err());
        assert!(parse("/s/x").is_err());
        assert!(parse("/s/a/b/c/d").is_err());
    }

    #[test]
    fn export_formats() {
        assert_eq!(
            console("/export"),
            Ok(Command::Console(ConsoleCommand::ExportDefault))
        );
        assert_eq!(
            console("/export DOCX"),
            Ok(Command::Console(ConsoleCommand::Export(Format::Docx)))
        );
        assert!(matches!(parse("/export pdf"), Err(ParseError::Usage(m)) if m.contains("'pdf'")));
    }

    #[test]
    fn unknown_commands_are_named() {
        assert_eq!(
            parse("/frobnicate x"),
            Err(ParseError::UnknownCommand {
                typed: "frobnicate".into(),
                nearest: None
            })
        );
        assert_eq!(
            parse("/ak").map_err(|e| e.to_string()),
            Err("unknown command /ak — did you mean /ack?".to_string())
        );
        assert_eq!(
            parse("/tittle The Board").map_err(|e| e.to_string()),
            Err("unknown command /tittle — did you mean /title?".to_string())
        );
        assert_eq!(
            parse("/qq").map_err(|e| e.to_string()),
            Err("unknown command /qq — did you mean /q? (F1 lists the commands)".to_string())
        );
        assert_eq!(ok("/TITLE Upper"), MeetingCommand::Title("Upper".into()));
    }

    #[test]
    fn arguments_are_cleaned() {
        assert_eq!(ok("/title a\u{1b}[2Jb"), MeetingCommand::Title("ab".into()));
        assert_eq!(ok("x\u{202e}y"), MeetingCommand::Say("xy".into()));
    }
}
