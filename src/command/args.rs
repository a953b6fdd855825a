//! The parsers of commands' arguments that are more than one line of text: attendees, action
//! points and their owners, requests with their topic, votes, lengths of time, dates, and the
//! `/s/OLD/NEW/` and `/i/BEFORE/TEXT` patterns. The command table ([`super::table`]) names
//! them in its rows.

use chrono::{NaiveDate, NaiveTime};

use super::parse::ParseError;
use super::table::Args;
use super::{Command, ConsoleCommand, ItemTarget, MeetingCommand, OwnerSpec, due};
use crate::export::Format;
use crate::meeting::{DocStatus, MotionOutcome, QueueOrder, RequestKind, Vote};
use crate::text::{clean, clean_line};

fn meeting(command: MeetingCommand) -> Result<Command, ParseError> {
    Ok(Command::Meeting(command))
}

/// `/time`.
pub(super) fn parse_time(a: &Args) -> Result<Command, ParseError> {
    let value = a.line()?;
    NaiveTime::parse_from_str(&value, "%H:%M")
        .map(|t| Command::Meeting(MeetingCommand::Time(t)))
        .map_err(|_| ParseError::BadTime(value))
}

/// `/status`.
pub(super) fn parse_status(a: &Args) -> Result<Command, ParseError> {
    let status = match a.line()?.to_lowercase().as_str() {
        "draft" => DocStatus::Draft,
        "final" => DocStatus::Final,
        _ => return Err(a.usage()),
    };
    meeting(MeetingCommand::Status(status))
}

/// `/lang`.
pub(super) fn parse_lang(a: &Args) -> Result<Command, ParseError> {
    let code = a.line()?.to_lowercase();
    if code.len() > 12 || !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(ParseError::Usage(format!(
            "'{code}' is not a language code: use en, fr, es, …"
        )));
    }
    meeting(MeetingCommand::Language(code))
}

/// `/agenda`.
pub(super) fn parse_agenda(a: &Args) -> Result<Command, ParseError> {
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
}

/// `/timebox`.
pub(super) fn parse_timebox(a: &Args) -> Result<Command, ParseError> {
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
}

/// `/item`.
pub(super) fn parse_item(a: &Args) -> Result<Command, ParseError> {
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
}

/// `/q+`.
pub(super) fn queue_add(a: &Args) -> Result<Command, ParseError> {
    let (name, reason) = split_reason(&a.line()?);
    if name.is_empty() {
        return Err(a.usage());
    }
    meeting(MeetingCommand::QueueAdd {
        name,
        reason,
        kind: RequestKind::Topic,
    })
}

/// `/q-`.
pub(super) fn queue_remove(a: &Args) -> Result<Command, ParseError> {
    let line = a.line()?;
    match line.strip_prefix("later ") {
        Some(name) => meeting(MeetingCommand::QueueBack(name.trim().to_string())),
        None => meeting(MeetingCommand::QueueRemove(line)),
    }
}

/// `/q=`.
pub(super) fn queue_set(a: &Args) -> Result<Command, ParseError> {
    let names: Vec<String> = a
        .line()?
        .split(',')
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .collect();
    meeting(MeetingCommand::QueueSet(names))
}

/// `/order`.
pub(super) fn parse_order(a: &Args) -> Result<Command, ParseError> {
    let order = match a.line()?.to_lowercase().as_str() {
        "fewest" => QueueOrder::Fewest,
        "arrival" => QueueOrder::Arrival,
        _ => return Err(a.usage()),
    };
    meeting(MeetingCommand::Order(order))
}

/// `/limit`.
pub(super) fn parse_limit(a: &Args) -> Result<Command, ParseError> {
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
}

/// `/extend`.
pub(super) fn parse_extend(a: &Args) -> Result<Command, ParseError> {
    let line = a.line()?;
    let seconds = duration(&line)
        .filter(|&s| s > 0)
        .ok_or_else(|| bad_duration(&line))?;
    meeting(MeetingCommand::Extend(seconds))
}

/// `/action`.
pub(super) fn parse_action(a: &Args) -> Result<Command, ParseError> {
    let (owners, text, due) = action(&a.text()?).ok_or_else(|| a.usage())??;
    meeting(MeetingCommand::Action { owners, text, due })
}

/// `/done`.
pub(super) fn parse_done(a: &Args) -> Result<Command, ParseError> {
    let n = a.line()?.trim_start_matches('#').parse::<u32>();
    meeting(MeetingCommand::Done(
        n.ok().filter(|&n| n > 0).ok_or_else(|| a.usage())?,
    ))
}

/// `/export`.
pub(super) fn parse_export(a: &Args) -> Result<Command, ParseError> {
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
}

/// `/poo`, `/q+?`, `/reply`: `NAME [TEXT]`, the text after `:` or `to say` when one is
/// there (otherwise decide finds where the name ends).
pub(super) fn request(args: &Args, kind: RequestKind) -> Result<Command, ParseError> {
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

pub(super) fn decided(outcome: MotionOutcome) -> MeetingCommand {
    MeetingCommand::Decide {
        outcome,
        vote: None,
    }
}

/// `FOR-AGAINST-ABSTAIN [carried|failed]`.
pub(super) fn vote(args: &Args) -> Result<Command, ParseError> {
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

pub(super) fn bad_duration(text: &str) -> ParseError {
    ParseError::Usage(format!(
        "'{text}' is not a length of time: write 3m, 90s, 1m30s, 1h or 2:30"
    ))
}

pub(super) fn date(value: &str) -> Result<NaiveDate, ParseError> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| ParseError::BadDate(value.into()))
}

/// `NAME | CAPACITY | LABEL | ALIAS, ALIAS`: all but the name optional.
pub(super) fn attendee(value: &str) -> Option<Command> {
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
pub(super) fn split_reason(value: &str) -> (String, Option<String>) {
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
pub(super) fn owners(value: &str) -> Option<(Vec<OwnerSpec>, &str)> {
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
pub(super) fn slash_parts(rest: &str) -> Vec<String> {
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
pub(super) fn insert(args: &Args) -> Result<Command, ParseError> {
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
pub(super) fn substitute(args: &Args) -> Result<Command, ParseError> {
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
