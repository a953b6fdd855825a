//! Text → [`Command`]: the grammar of the command language. Pure and total: any input gives a
//! command or a [`ParseError`] that says what to type instead. Every argument is cleaned here,
//! so nothing typed or pasted reaches the meeting without passing through `text`.

use chrono::{NaiveDate, NaiveTime};
use thiserror::Error;

use super::{COMMANDS, Command, ItemTarget, OwnerSpec};
use crate::export::Format;
use crate::text::{clean, clean_line};

/// Why a line is not a command. The message is shown in the footer as it is.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ParseError {
    #[error("nothing to record")]
    Empty,
    #[error("unknown command /{0} (F1 lists the commands)")]
    UnknownCommand(String),
    #[error("{0}")]
    Usage(String),
    #[error("'{0}' is not a date: use YYYY-MM-DD")]
    BadDate(String),
    #[error("'{0}' is not a time: use HH:MM")]
    BadTime(String),
}

/// Parses one composer line (or several, for a multi-line paste).
pub fn parse(input: &str) -> Result<Command, ParseError> {
    let trimmed = input.trim_start();
    if let Some(literal) = trimmed.strip_prefix('\\') {
        return non_empty(clean(literal)).map(Command::SayLiteral);
    }
    let Some(body) = trimmed.strip_prefix('/') else {
        return non_empty(clean(input)).map(Command::Say);
    };
    if let Some(rest) = body.strip_prefix("s/") {
        return substitute(rest);
    }
    let (word, rest) = match body.find(char::is_whitespace) {
        Some(at) => (&body[..at], body[at..].trim()),
        None => (body, ""),
    };
    let name = word.to_lowercase();
    let Some(spec) = COMMANDS.iter().find(|spec| spec.name == name) else {
        return Err(ParseError::UnknownCommand(clean_line(word)));
    };
    let usage = || ParseError::Usage(format!("usage: {}", spec.usage));
    let line = || non_empty(clean_line(rest)).map_err(|_| usage());
    let text = || non_empty(clean(rest)).map_err(|_| usage());
    let none = |command: Command| {
        if rest.is_empty() {
            Ok(command)
        } else {
            Err(ParseError::Usage(format!(
                "/{} takes nothing after it",
                spec.name
            )))
        }
    };
    match spec.name {
        "title" => line().map(Command::Title),
        "subtitle" => line().map(Command::Subtitle),
        "date" => date(&line()?).map(Command::Date),
        "time" => {
            let value = line()?;
            NaiveTime::parse_from_str(&value, "%H:%M")
                .map(Command::Time)
                .map_err(|_| ParseError::BadTime(value))
        }
        "place" => line().map(Command::Place),
        "attendee" => attendee(&line()?).ok_or_else(usage),
        "regrets" => line().map(Command::Regrets),
        "chair" => line().map(Command::Chair),
        "agenda" => line().map(Command::Agenda),
        "item" => {
            let value = line()?;
            if value.eq_ignore_ascii_case("next") {
                Ok(Command::Item(ItemTarget::Next))
            } else {
                value
                    .parse::<usize>()
                    .ok()
                    .filter(|&n| n > 0)
                    .map(|n| Command::Item(ItemTarget::Number(n)))
                    .ok_or_else(usage)
            }
        }
        "q+" => {
            let value = line()?;
            let (name, reason) = split_reason(&value);
            if name.is_empty() {
                return Err(usage());
            }
            Ok(Command::QueueAdd { name, reason })
        }
        "q-" => line().map(Command::QueueRemove),
        "ack" => Ok(Command::Ack(non_empty(clean_line(rest)).ok())),
        "floor" => line().map(Command::Floor),
        "yield" => none(Command::Yield),
        "note" => text().map(Command::Note),
        "action" => action(&text()?).ok_or_else(usage)?,
        "decision" => text().map(Command::Decision),
        "undo" => none(Command::Undo),
        "close" => none(Command::Close),
        "export" => {
            let name = clean_line(rest);
            if name.is_empty() {
                return Ok(Command::Export(Format::Markdown));
            }
            Format::from_name(&name)
                .map(Command::Export)
                .ok_or_else(|| {
                    ParseError::Usage(format!(
                        "'{name}' is not a format: use md, html, txt or docx"
                    ))
                })
        }
        "quit" => none(Command::Quit),
        // "s" is only valid in its /s/OLD/NEW/ form, handled above.
        _ => Err(usage()),
    }
}

fn non_empty(s: String) -> Result<String, ParseError> {
    if s.trim().is_empty() {
        Err(ParseError::Empty)
    } else {
        Ok(s)
    }
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
    Some(Command::Attendee {
        name,
        capacity,
        label,
        aliases,
    })
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
    Some(Ok(Command::Action { owner, text, due }))
}

/// `OLD/NEW/` (the `/s/` already taken), with `\/` for a slash inside OLD or NEW.
fn substitute(rest: &str) -> Result<Command, ParseError> {
    let usage = || ParseError::Usage("usage: /s/OLD/NEW/".into());
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
        return Err(usage());
    }
    Ok(Command::Substitute {
        old: clean_line(&parts[0]),
        new: clean(&parts[1]),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> Command {
        parse(s).unwrap_or_else(|e| panic!("{s:?} should parse: {e}"))
    }

    #[test]
    fn plain_lines_are_said() {
        assert_eq!(
            ok("Thanked the Presidency."),
            Command::Say("Thanked the Presidency.".into())
        );
        assert_eq!(
            ok("\\/etc is a path"),
            Command::SayLiteral("/etc is a path".into())
        );
        assert_eq!(parse("   "), Err(ParseError::Empty));
    }

    #[test]
    fn metadata_commands() {
        assert_eq!(
            ok("/title 5th Meeting"),
            Command::Title("5th Meeting".into())
        );
        assert_eq!(
            ok("/date 2012-02-28"),
            Command::Date(NaiveDate::from_ymd_opt(2012, 2, 28).unwrap())
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
            Command::Attendee {
                name: "Germany".into(),
                capacity: Some("Stockpile Destruction in 2012".into()),
                label: Some("Coord. Stock. Destruct.".into()),
                aliases: vec![],
            }
        );
        assert_eq!(
            ok("/attendee CMC"),
            Command::Attendee {
                name: "CMC".into(),
                capacity: None,
                label: None,
                aliases: vec![]
            }
        );
        assert_eq!(
            ok("/attendee Bosnia and Herzegovina | | | BiH, Bosnia"),
            Command::Attendee {
                name: "Bosnia and Herzegovina".into(),
                capacity: None,
                label: None,
                aliases: vec!["BiH".into(), "Bosnia".into()]
            }
        );
        assert!(parse("/attendee | President").is_err());
    }

    #[test]
    fn queue_commands() {
        assert_eq!(
            ok("/q+ New Zealand to say invitation letters"),
            Command::QueueAdd {
                name: "New Zealand".into(),
                reason: Some("invitation letters".into())
            }
        );
        assert_eq!(
            ok("/q+ ger"),
            Command::QueueAdd {
                name: "ger".into(),
                reason: None
            }
        );
        assert_eq!(ok("/ack"), Command::Ack(None));
        assert_eq!(ok("/ack cro"), Command::Ack(Some("cro".into())));
        assert_eq!(ok("/yield"), Command::Yield);
        assert!(parse("/yield now").is_err());
        assert_eq!(ok("/item next"), Command::Item(ItemTarget::Next));
        assert_eq!(ok("/item 2"), Command::Item(ItemTarget::Number(2)));
        assert!(parse("/item 0").is_err());
    }

    #[test]
    fn action_forms() {
        assert_eq!(
            ok("/action Norway: brief on the Third MSP due 2012-03-15"),
            Command::Action {
                owner: OwnerSpec::Name("Norway".into()),
                text: "brief on the Third MSP".into(),
                due: NaiveDate::from_ymd_opt(2012, 3, 15),
            }
        );
        assert_eq!(
            ok("/action \"All coordinators\": send letters"),
            Command::Action {
                owner: OwnerSpec::Literal("All coordinators".into()),
                text: "send letters".into(),
                due: None,
            }
        );
        assert_eq!(
            parse("/action Norway: x due tomorrow"),
            Err(ParseError::BadDate("tomorrow".into()))
        );
        assert!(parse("/action Norway brief").is_err());
        assert!(parse("/action Norway:").is_err());
    }

    #[test]
    fn substitution() {
        assert_eq!(
            ok("/s/Stockpile/Stockpiles/"),
            Command::Substitute {
                old: "Stockpile".into(),
                new: "Stockpiles".into()
            }
        );
        assert_eq!(
            ok("/s/a\\/b/c"),
            Command::Substitute {
                old: "a/b".into(),
                new: "c".into()
            }
        );
        assert!(parse("/s//x/").is_err());
        assert!(parse("/s/x").is_err());
        assert!(parse("/s/a/b/c/d").is_err());
    }

    #[test]
    fn export_formats() {
        assert_eq!(ok("/export"), Command::Export(Format::Markdown));
        assert_eq!(ok("/export DOCX"), Command::Export(Format::Docx));
        assert!(matches!(parse("/export pdf"), Err(ParseError::Usage(m)) if m.contains("'pdf'")));
    }

    #[test]
    fn unknown_commands_are_named() {
        assert_eq!(
            parse("/frobnicate x"),
            Err(ParseError::UnknownCommand("frobnicate".into()))
        );
        assert_eq!(ok("/TITLE Upper"), Command::Title("Upper".into()));
    }

    #[test]
    fn arguments_are_cleaned() {
        assert_eq!(ok("/title a\u{1b}[2Jb"), Command::Title("ab".into()));
        assert_eq!(ok("x\u{202e}y"), Command::Say("xy".into()));
    }
}
