//! The meetings of the archive, newest first: what `scribe list` shows, and how a meeting is
//! named on the command line — by its number in this order (1 is the newest) or by its id, the
//! stem of its file name (`2026-03-12-1000`), which never changes as meetings are added.
//!
//! "Newest" is by the meeting's own date and time (set with `/date` and `/time`, else when its
//! first event happened), then by when its files last changed; the number of a meeting is the
//! same whatever a list is filtered on.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use chrono::{NaiveDate, NaiveDateTime};

use super::extract::{Head, Source, Summary};
use super::fold::fold;
use crate::store::journal::journal_path;
use crate::store::lock::{self, Holder};
use crate::store::paths;

/// The stable id of the meeting at `path`: its file name without `.ron`.
pub fn id_of(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Where a meeting stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum State {
    Open,
    Closed,
    /// It stopped without a clean quit (`scribe open` recovers it).
    Interrupted,
    /// Someone is minuting it now.
    BeingMinuted(Holder),
    /// It could not be read.
    Unreadable,
}

impl State {
    /// One word for a column.
    pub fn word(&self) -> &'static str {
        match self {
            State::Open => "open",
            State::Closed => "closed",
            State::Interrupted => "interrupted",
            State::BeingMinuted(_) => "in use",
            State::Unreadable => "unreadable",
        }
    }
}

/// One meeting of the archive.
#[derive(Clone, Debug)]
pub struct Listed {
    /// Its number in the archive, newest first, from 1.
    pub number: usize,
    pub path: PathBuf,
    /// The stem of its file name.
    pub id: String,
    /// Bytes on disk: the meeting file and its journal.
    pub size: u64,
    /// When its files last changed.
    pub modified: Option<SystemTime>,
    /// What it holds, or why it could not be read.
    pub summary: Result<Summary, String>,
    /// Who is minuting it now, if anyone.
    pub holder: Option<Holder>,
    /// It stopped without a clean quit.
    pub interrupted: bool,
    pub(crate) extract: Option<(Head, Source)>,
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

impl Listed {
    pub(crate) fn new(path: PathBuf, extract: Option<(Head, Source)>) -> Listed {
        let journal = journal_path(&path);
        let size = [&path, &journal]
            .into_iter()
            .filter_map(|p| std::fs::metadata(p).ok())
            .map(|m| m.len())
            .sum();
        let summary = match &extract {
            Some((head, _)) => head.summary.clone(),
            None => Err("cannot be read".to_string()),
        };
        Listed {
            number: 0,
            id: id_of(&path),
            size,
            modified: modified(&path).max(modified(&journal)),
            summary,
            holder: lock::holder(&path),
            interrupted: paths::interrupted(&path),
            extract,
            path,
        }
    }

    /// Where the meeting stands now.
    pub fn state(&self) -> State {
        match (&self.holder, &self.summary) {
            (Some(holder), _) => State::BeingMinuted(holder.clone()),
            (None, Err(_)) => State::Unreadable,
            (None, Ok(_)) if self.interrupted => State::Interrupted,
            (None, Ok(s)) if s.closed.is_some() => State::Closed,
            (None, Ok(_)) => State::Open,
        }
    }

    /// The meeting's date, when it has one.
    pub fn date(&self) -> Option<NaiveDate> {
        self.summary.as_ref().ok().and_then(|s| s.date)
    }

    pub fn title(&self) -> &str {
        self.summary.as_ref().map_or("", |s| s.title.as_str())
    }

    pub fn series(&self) -> &str {
        self.summary.as_ref().map_or("", |s| s.series.as_str())
    }

    /// When the meeting was held, for ordering: its date and time, else when its files last
    /// changed.
    fn when(&self) -> Option<NaiveDateTime> {
        let summary = self.summary.as_ref().ok();
        match summary.and_then(|s| s.date) {
            Some(date) => Some(
                date.and_time(
                    summary
                        .and_then(|s| s.time)
                        .unwrap_or(chrono::NaiveTime::MIN),
                ),
            ),
            None => self
                .modified
                .map(|t| chrono::DateTime::<chrono::Local>::from(t).naive_local()),
        }
    }
}

/// Which meetings a list shows.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// Of this series (case and accents aside).
    pub series: Option<String>,
    /// Held on or after this day.
    pub since: Option<NaiveDate>,
    /// Held on or before this day.
    pub until: Option<NaiveDate>,
    /// With this in the title, series or id (case and accents aside).
    pub text: Option<String>,
}

impl Filter {
    /// Does the series `series` (as the meeting has it) match this filter's?
    pub fn series_matches(wanted: Option<&str>, series: &str) -> bool {
        wanted.is_none_or(|w| fold(w) == fold(series))
    }

    /// Is a meeting held on `date` within the dates of this filter?
    pub fn dates_match(
        since: Option<NaiveDate>,
        until: Option<NaiveDate>,
        date: Option<NaiveDate>,
    ) -> bool {
        match date {
            Some(d) => since.is_none_or(|s| d >= s) && until.is_none_or(|u| d <= u),
            None => since.is_none() && until.is_none(),
        }
    }

    pub fn matches(&self, meeting: &Listed) -> bool {
        let text = self.text.as_deref().map(fold).filter(|t| !t.is_empty());
        Filter::series_matches(self.series.as_deref(), meeting.series())
            && Filter::dates_match(self.since, self.until, meeting.date())
            && text.is_none_or(|t| {
                [meeting.title(), meeting.series(), meeting.id.as_str()]
                    .iter()
                    .any(|field| fold(field).contains(&t))
            })
    }
}

/// The meetings of a data directory, newest first.
#[derive(Clone, Debug)]
pub struct Catalog {
    pub dir: PathBuf,
    pub meetings: Vec<Listed>,
    /// What the note-taker should know about the catalog itself (a cache that cannot be
    /// written).
    pub notices: Vec<String>,
}

impl Catalog {
    pub(crate) fn new(dir: PathBuf, mut meetings: Vec<Listed>, notices: Vec<String>) -> Catalog {
        meetings.sort_by(|a, b| {
            b.when()
                .cmp(&a.when())
                .then(b.modified.cmp(&a.modified))
                .then(a.path.cmp(&b.path))
        });
        for (i, meeting) in meetings.iter_mut().enumerate() {
            meeting.number = i + 1;
        }
        Catalog {
            dir,
            meetings,
            notices,
        }
    }

    /// The meeting named `name`: its number in the catalog (`3`) or its id (`2026-03-12-1000`,
    /// with or without `.ron`).
    pub fn find(&self, name: &str) -> Option<&Listed> {
        let name = name.trim();
        if let Ok(number) = name.parse::<usize>()
            && let Some(found) = number.checked_sub(1).and_then(|i| self.meetings.get(i))
        {
            return Some(found);
        }
        let stem = name.strip_suffix(".ron").unwrap_or(name);
        self.meetings.iter().find(|m| m.id == stem)
    }

    /// The meeting whose file is `path`, if it is in the catalog.
    pub fn by_path(&self, path: &Path) -> Option<&Listed> {
        let wanted = std::fs::canonicalize(path).ok()?;
        self.meetings
            .iter()
            .find(|m| std::fs::canonicalize(&m.path).is_ok_and(|p| p == wanted))
    }

    /// The meetings a filter lets through, newest first.
    pub fn filtered<'a>(&'a self, filter: &'a Filter) -> impl Iterator<Item = &'a Listed> + 'a {
        self.meetings.iter().filter(move |m| filter.matches(m))
    }

    /// The newest meeting of a series (case and accents aside).
    pub fn newest_of(&self, series: &str) -> Option<&Listed> {
        let wanted = fold(series);
        if wanted.is_empty() {
            return None;
        }
        self.meetings.iter().find(|m| fold(m.series()) == wanted)
    }

    /// How many meetings of a series the archive holds.
    pub fn count_of(&self, series: &str) -> usize {
        let wanted = fold(series);
        self.meetings
            .iter()
            .filter(|m| !wanted.is_empty() && fold(m.series()) == wanted)
            .count()
    }
}
