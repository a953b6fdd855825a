//! The archive's commands: `list`, `search`, `actions`, `template`, `archive init|sync`. Each
//! asks the library (`crate::archive`) and prints what it returns.

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow};

use crate::archive::actions::Wanted;
use crate::archive::catalog::Filter;
use crate::archive::report::{self, Piece};
use crate::archive::{Catalog, Query, git};
use crate::store::{self, paths};
use crate::text::{printable, printable_path as shown};

use crate::clock::Clock;
use crate::meeting::Meeting;

use super::args::ArchiveCommand;
use super::find::{catalog, meeting_path, read_meeting};
use super::out::{print, print_raw, tell};

/// The closed meetings of the archive that nobody is minuting: what git commits.
pub(super) fn closed_meetings(catalog: &Catalog) -> Vec<git::Closed> {
    catalog
        .meetings
        .iter()
        .filter(|m| m.holder.is_none())
        .filter_map(|m| {
            let summary = m.summary.as_ref().ok()?;
            summary.closed?;
            Some(git::Closed {
                path: m.path.clone(),
                title: summary.title.clone(),
                date: summary.date,
            })
        })
        .collect()
}

pub(super) fn tell_synced(synced: &git::Synced) {
    let received = match synced.received.len() {
        0 => "no new meeting arrived".to_string(),
        1 => format!("1 meeting arrived ({})", synced.received[0]),
        n => format!("{n} meetings arrived ({})", synced.received.join(", ")),
    };
    tell(&format!(
        "Synced: {} committed, {received}, {} commit{} sent.",
        synced.committed,
        synced.sent,
        if synced.sent == 1 { "" } else { "s" }
    ));
}

pub(super) fn list(dir: Option<PathBuf>, filter: &Filter) -> Result<()> {
    let dir = paths::data_dir(dir)?;
    let catalog = catalog(&dir)?;
    if catalog.meetings.is_empty() {
        return print(&format!(
            "No meetings in {} yet: `scribe` starts one.",
            shown(&dir)
        ));
    }
    let lines = report::list(&catalog, filter);
    if lines.len() <= 1 {
        tell(&format!(
            "No meeting in {} fits ({} in all: `scribe list` shows them).",
            shown(&dir),
            catalog.meetings.len()
        ));
        return Ok(());
    }
    for line in lines {
        print(&line)?;
    }
    Ok(())
}

/// The hits' text with the matches marked: bold and underlined on a terminal with colours,
/// `**` around them otherwise. Every piece goes through the cleaning gate.
pub(super) fn marked(pieces: &[Piece], styled: bool) -> String {
    let (open, close) = if styled {
        ("\u{1b}[1;4m", "\u{1b}[0m")
    } else {
        ("**", "**")
    };
    pieces
        .iter()
        .map(|piece| match piece {
            Piece::Text(text) => printable(text),
            Piece::Match(text) => format!("{open}{}{close}", printable(text)),
        })
        .collect()
}

pub(super) fn search(dir: Option<PathBuf>, query: &Query, json: bool, color: bool) -> Result<()> {
    let dir = paths::data_dir(dir)?;
    let catalog = catalog(&dir)?;
    let found = catalog.search(query);
    for (path, why) in &found.skipped {
        tell(&format!("scribe: {} was not searched: {why}", shown(path)));
    }
    if json {
        let hits: Vec<_> = found.hits.iter().map(report::hit_json).collect();
        return print(&report::json_text(&serde_json::Value::Array(hits)));
    }
    let styled = color && io::stdout().is_terminal();
    for hit in &found.hits {
        print(&report::hit_heading(hit))?;
        print_raw(&format!(
            "    {}",
            marked(&report::hit_line(hit, 160), styled)
        ))?;
    }
    let meetings = found
        .hits
        .iter()
        .map(|h| &h.meeting)
        .collect::<std::collections::HashSet<_>>()
        .len();
    tell(&match found.hits.len() {
        0 => format!("Nothing found in {} meetings.", found.searched),
        n => format!(
            "{n} entr{} in {meetings} of {} meetings{}.",
            if n == 1 { "y" } else { "ies" },
            found.searched,
            if found.truncated {
                " (the limit; there may be more)"
            } else {
                ""
            }
        ),
    });
    Ok(())
}

pub(super) fn actions(
    dir: Option<PathBuf>,
    wanted: &Wanted,
    json: bool,
    today: chrono::NaiveDate,
) -> Result<()> {
    let dir = paths::data_dir(dir)?;
    let catalog = catalog(&dir)?;
    let points = catalog.actions();
    let shown_points: Vec<_> = points.iter().filter(|p| wanted.matches(p)).collect();
    if json {
        let values: Vec<_> = shown_points
            .iter()
            .map(|p| report::action_json(p, today))
            .collect();
        return print(&report::json_text(&serde_json::Value::Array(values)));
    }
    if shown_points.is_empty() {
        tell(&format!(
            "No action points{} ({} in all).",
            if wanted.open { " open" } else { "" },
            points.len()
        ));
        return Ok(());
    }
    for line in report::actions(&shown_points, today) {
        print(&line)?;
    }
    let open = shown_points.iter().filter(|p| p.is_open()).count();
    let overdue = shown_points.iter().filter(|p| p.overdue(today)).count();
    tell(&format!(
        "{} action point{}: {open} open ({overdue} overdue), {} done.",
        shown_points.len(),
        if shown_points.len() == 1 { "" } else { "s" },
        shown_points.len() - open
    ));
    Ok(())
}

/// `scribe template`: a meeting's setup kept as a template, never over an existing file.
pub(super) fn template(
    dir: Option<PathBuf>,
    name: &str,
    output: &Path,
    clock: &Clock,
) -> Result<()> {
    let path = meeting_path(dir, name)?;
    let events = read_meeting(&path).context("cannot make a template of it")?;
    let meeting = Meeting::fold(&events);
    let text = crate::archive::template::file(&meeting, clock.now());
    store::file::write_new(output, text.as_bytes()).map_err(|e| {
        if std::fs::symlink_metadata(output).is_ok() {
            anyhow!("{} already exists: choose another name", shown(output))
        } else {
            anyhow!(e)
        }
    })?;
    tell(&format!(
        "Template written to {}: \"{}\", {} attendees, {} items (`scribe new --from {}` \
         starts a meeting from it)",
        shown(output),
        crate::archive::title::pattern(&meeting.meta.title),
        meeting.roster.len(),
        meeting.agenda.items().len(),
        shown(output)
    ));
    Ok(())
}

/// `scribe archive init|sync`.
pub(super) fn share(dir: Option<PathBuf>, command: ArchiveCommand) -> Result<()> {
    let dir = paths::data_dir(dir)?;
    let catalog = catalog(&dir)?;
    let closed = closed_meetings(&catalog);
    match command {
        ArchiveCommand::Init { remote } => {
            let done = git::init(&dir, remote.as_deref(), &closed)?;
            tell(&format!(
                "{} {} as the archive: closed meetings are committed to it ({} now).",
                if done.created { "Made" } else { "Adopted" },
                if done.created {
                    format!("a git repository in {}", shown(&dir))
                } else {
                    format!("the git repository {}", shown(&done.top))
                },
                done.committed
            ));
            if let Some(synced) = &done.synced {
                tell_synced(synced);
            }
            Ok(())
        }
        ArchiveCommand::Sync => {
            let synced = git::sync(&dir, &closed)?;
            tell_synced(&synced);
            Ok(())
        }
    }
}
