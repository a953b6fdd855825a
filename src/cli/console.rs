//! The commands that run the console on a meeting to write: `new` (from a plan read whole
//! before anything is made) and `open` (taking the lock, or offering to follow), the offer to
//! reopen an unfinished meeting, and the commit of a closed meeting to the archive afterwards.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::archive::{git, next};
use crate::clock::Clock;
use crate::meeting::setup::Plan;
use crate::meeting::{Event, Meeting, Stamped};
use crate::runtime::{self, Session};
use crate::store::disk::{self, Opened};
use crate::store::lock::{self, LockError};
use crate::store::{self, paths};
use crate::text::printable_path as shown;

use super::find::{catalog, meeting_path, read_meeting, resolve, templates_dir, within_limit};
use super::out::{ask, ensure_terminal, tell};

/// What `scribe new` was asked for besides where to save.
#[derive(Default)]
pub(super) struct New {
    pub(super) from: Option<String>,
    pub(super) series: Option<String>,
    pub(super) roster: Option<PathBuf>,
    pub(super) agenda: Option<PathBuf>,
}

impl New {
    /// Does the new meeting need the archive (a meeting named by number or id, a series)?
    pub(super) fn needs_archive(&self) -> bool {
        self.series.is_some() || self.from.is_some()
    }
}

/// After the console: a closed meeting is committed to the archive its folder is (when it is
/// one). Never an error: the meeting is saved either way.
pub(super) fn commit_if_closed(path: &Path) {
    let Ok(opened) = store::disk::open(path) else {
        return;
    };
    let meeting = Meeting::fold(&opened.events);
    if meeting.closed.is_none() {
        return;
    }
    let folder = store::file::folder_of(path);
    let date = crate::archive::extract::meeting_date(&meeting, opened.events.first().map(|e| e.at));
    match git::commit_closed(&folder, path, &meeting.meta.title, date) {
        Ok(git::Committed::Yes) => tell(&format!(
            "Committed to the archive: {}",
            if meeting.meta.title.is_empty() {
                "(untitled)"
            } else {
                meeting.meta.title.as_str()
            }
        )),
        Ok(_) => {}
        Err(e) => tell(&format!(
            "scribe: the meeting is saved, but was not committed to the archive: {e}; \
             `scribe archive sync` commits it"
        )),
    }
}

/// Opens a meeting for minuting: takes its lock (or offers the follow view when someone holds
/// it), reads it back, and runs the console.
pub(super) fn open(file: &Path, clock: Clock, color: bool) -> Result<()> {
    if !file.exists() {
        bail!(
            "{} does not exist (`scribe new -o {}` starts a new meeting there)",
            shown(file),
            shown(file)
        );
    }
    // A plain file, before anything is made beside it (a FIFO or a device is refused here,
    // not waited on; no lock file is made in /dev).
    store::safe::open_read(file, store::safe::Links::Follow).context("cannot open the meeting")?;
    let (file, link) = resolve(file)?;
    let file = file.as_path();
    let (lock, previous) = match lock::acquire(file, clock.now()) {
        Ok(taken) => taken,
        Err(LockError::Held { meeting, holder }) => {
            let who = holder.map_or("another scribe".to_string(), |h| h.to_string());
            tell(&format!("{} is being minuted by {who}.", shown(&meeting)));
            if ask("Follow it read-only instead?", true)? {
                return runtime::follow(file, clock, color);
            }
            bail!(
                "{} is in use; `scribe follow` shows it read-only",
                shown(&meeting)
            );
        }
        Err(LockError::Io(e)) => return Err(e.into()),
    };
    let mut opened = within_limit(|limit| disk::open_for_writing(file, limit))
        .context("cannot open the meeting")?;
    ensure_terminal()?;
    if let Some(previous) = previous {
        opened.notices.insert(
            0,
            format!("the previous session ({previous}) had not quit cleanly"),
        );
    }
    opened.notices.extend(link);
    runtime::minute(
        Session {
            path: file.to_path_buf(),
            opened,
            lock,
            templates: templates_dir(),
        },
        clock,
        color,
    )?;
    say_saved(&format!("Saved {}", shown(file)));
    commit_if_closed(file);
    Ok(())
}

pub(super) fn new_meeting(
    dir: Option<PathBuf>,
    output: Option<PathBuf>,
    asks: New,
    clock: Clock,
    color: bool,
) -> Result<()> {
    let now = clock.now();
    // Everything that can be refused is read before anything is made.
    let plan = plan(dir.as_deref(), &asks)?;
    let path = match (output, &dir) {
        (Some(path), _) => {
            // Anything there, a link included (even one leading nowhere), is never replaced.
            if std::fs::symlink_metadata(&path).is_ok() {
                bail!(
                    "{} already exists: `scribe open {}` continues it",
                    shown(&path),
                    shown(&path)
                );
            }
            path
        }
        (None, Some(dir)) => paths::new_meeting_path(dir, now),
        (None, None) => bail!("no folder for the new meeting"),
    };
    let mut setup = plan.events();
    setup.extend(default_limit(&setup));
    let events: Vec<Stamped> = setup
        .into_iter()
        .map(|event| Stamped { at: now, event })
        .collect();
    ensure_terminal()?;
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        paths::create_private_dir(parent)?;
    }
    let (lock, _) = lock::acquire(&path, now).map_err(anyhow::Error::from)?;
    store::save(&path, &events)?;
    let setup = events.len();
    let opened = Opened {
        in_snapshot: events.len(),
        events,
        notices: disk::network_notice(&path).into_iter().collect(),
        draft: None,
    };
    let session = Session {
        path: path.clone(),
        opened,
        lock,
        templates: templates_dir(),
    };
    runtime::minute(session, clock, color)?;
    if store::abandon::remove_if_untouched(&path, setup) {
        say_saved(&format!(
            "Nothing was recorded: {} was not kept",
            shown(&path)
        ));
        return Ok(());
    }
    say_saved(&format!("Saved {}", shown(&path)));
    commit_if_closed(&path);
    Ok(())
}

/// What a new meeting starts from: the template or previous meeting (`--from`, or the newest
/// of `--series`), its open action points and those of the series, a title counted on, a
/// roster and an agenda from files. Reads everything, writes nothing; a bad file is refused
/// here, before anything is made.
pub(super) fn plan(dir: Option<&Path>, asks: &New) -> Result<Plan> {
    let catalog = match dir {
        Some(dir) if asks.needs_archive() => Some(catalog(dir)?),
        _ => None,
    };
    // The meeting to start from, and its path.
    let from: Option<PathBuf> = match (&asks.from, &asks.series, &catalog) {
        (Some(name), _, _) => Some(meeting_path(dir.map(Path::to_path_buf), name)?),
        (None, Some(series), Some(catalog)) => catalog.newest_of(series).map(|m| m.path.clone()),
        _ => None,
    };
    let mut plan = match &catalog {
        Some(catalog) => {
            let events = match &from {
                Some(path) => Some(read_meeting(path).context("cannot start from it")?),
                None => None,
            };
            let from = from.as_deref().zip(events.as_deref());
            // `--series` alone follows the newest meeting of the series: numbered on.
            next::plan(catalog, from, asks.series.as_deref(), asks.from.is_none())
        }
        None => Plan::default(),
    };
    if let Some(file) = &asks.roster {
        plan.roster = Some(crate::archive::roster::read(file)?);
    }
    if let Some(file) = &asks.agenda {
        plan.agenda = Some(crate::archive::agenda::read(file)?);
    }
    Ok(plan)
}

/// Asks before reopening the last meeting when it was left unfinished.
pub(super) fn offer_reopen(summary: &paths::Summary) -> Result<bool> {
    let (title, entries) = match &summary.meeting {
        Ok(m) if !m.meta.title.is_empty() => (m.meta.title.clone(), m.entries.len()),
        Ok(m) => ("an untitled meeting".to_string(), m.entries.len()),
        Err(_) => return Ok(false),
    };
    tell(&format!(
        "The last meeting was not closed: {title} ({entries} entries), {}.",
        shown(&summary.path)
    ));
    ask("Reopen it? (no starts a new meeting)", true)
}

/// The settings' speaking limit for everyone, recorded in a new meeting whose setup sets none
/// (a template's own limit wins), so that it holds, and replays, as if typed with `/limit`.
fn default_limit(setup: &[Event]) -> Option<Event> {
    let sets_one = setup
        .iter()
        .any(|e| matches!(e, Event::LimitSet { attendee: None, .. }));
    if sets_one {
        return None;
    }
    let (settings, _) = crate::config::Settings::load(&crate::config::path()?);
    settings.limit_seconds().map(|seconds| Event::LimitSet {
        attendee: None,
        seconds: Some(seconds),
    })
}

/// The last word after the console, on standard output (a closed stream is no matter: the
/// meeting is saved either way).
fn say_saved(line: &str) {
    let _ = super::out::print(line);
}
