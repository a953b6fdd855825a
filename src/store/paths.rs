//! Where meetings live: the data directory (the platform's, or `--dir` / `SCRIBE_DIR`), names
//! for new meetings, and the list of meetings in it. The caller reads flags and environment
//! and passes them in, so nothing here depends on process-global state.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::disk::{draft_path, open};
use super::file::StoreError;
use super::journal::journal_path;
use super::lock::{Holder, holder, lock_path};
use crate::meeting::{Meeting, Timestamp};

/// The data directory: the override when given, else the platform's data directory for scribe
/// (`~/.local/share/scribe` on Linux). Created (mode 0700) if missing.
pub fn data_dir(overridden: Option<PathBuf>) -> Result<PathBuf, StoreError> {
    let dir = match overridden {
        Some(dir) => dir,
        None => directories::ProjectDirs::from("", "", "scribe")
            .map(|p| p.data_dir().to_path_buf())
            .ok_or_else(|| StoreError::Io {
                path: PathBuf::from("~"),
                error: std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    "no home directory to keep meetings in: use --dir or SCRIBE_DIR",
                ),
            })?,
    };
    create_private_dir(&dir)?;
    Ok(dir)
}

/// Creates a folder (and its parents) readable only by the user.
pub fn create_private_dir(dir: &Path) -> Result<(), StoreError> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir).map_err(|error| StoreError::Io {
        path: dir.to_path_buf(),
        error,
    })
}

/// A file name for a meeting started at `now` that does not exist yet in `dir`.
pub fn new_meeting_path(dir: &Path, now: Timestamp) -> PathBuf {
    let stem = now.format("%Y-%m-%d-%H%M").to_string();
    let mut path = dir.join(format!("{stem}.ron"));
    let mut n = 2;
    // Anything at the name (a link included, even a dangling one) makes another name.
    while fs::symlink_metadata(&path).is_ok() {
        path = dir.join(format!("{stem}-{n}.ron"));
        n += 1;
    }
    path
}

/// One meeting file as `scribe list` shows it.
pub struct Summary {
    pub path: PathBuf,
    /// When the meeting last changed (its file or its journal).
    pub modified: Option<SystemTime>,
    /// The meeting, or why it could not be read.
    pub meeting: Result<Meeting, String>,
    /// Who is minuting it now, if anyone.
    pub holder: Option<Holder>,
    /// It holds events not yet folded into the meeting file, or a draft: scribe did not stop
    /// cleanly.
    pub interrupted: bool,
    /// What the reader had to say: a file cut short or damaged, and where.
    pub notices: Vec<String>,
}

fn modified(path: &Path) -> Option<SystemTime> {
    fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// Reads the meeting at `path` for a list.
pub fn summary(path: PathBuf) -> Summary {
    let journal = journal_path(&path);
    let interrupted = interrupted(&path);
    let (meeting, notices) = match open(&path) {
        Ok(opened) => (
            Ok(Meeting::fold(&opened.events)),
            opened
                .notices
                .into_iter()
                .filter(|n| !n.ends_with("recovered from the journal"))
                .collect(),
        ),
        Err(e) => (Err(e.to_string()), Vec::new()),
    };
    Summary {
        modified: modified(&path).max(modified(&journal)),
        meeting,
        holder: holder(&path),
        interrupted,
        notices,
        path,
    }
}

/// The meeting files in `dir`: every `NAME.ron` that is not hidden, in no particular order.
/// Journals, drafts, locks and rescued copies (`NAME.ron.journal`, …) are not meeting files.
pub fn meeting_files(dir: &Path) -> Result<Vec<PathBuf>, StoreError> {
    let entries = fs::read_dir(dir).map_err(|error| StoreError::Io {
        path: dir.to_path_buf(),
        error,
    })?;
    Ok(entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|x| x == "ron")
                && !p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect())
}

/// The meeting files in `dir` with when each last changed, most recently changed first.
fn by_change(dir: &Path) -> Result<Vec<(PathBuf, Option<SystemTime>)>, StoreError> {
    let mut found: Vec<(PathBuf, Option<SystemTime>)> = meeting_files(dir)?
        .into_iter()
        .map(|path| {
            let changed = modified(&path).max(modified(&journal_path(&path)));
            (path, changed)
        })
        .collect();
    found.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    Ok(found)
}

/// The meeting files (`*.ron`) in `dir`, read, most recently changed first. Reads every
/// meeting: the archive (`archive::Archive`) keeps extracts for a large data directory.
pub fn list(dir: &Path) -> Result<Vec<Summary>, StoreError> {
    Ok(by_change(dir)?
        .into_iter()
        .map(|(path, _)| summary(path))
        .collect())
}

/// The meeting to offer to reopen when scribe starts with no arguments: the most recently
/// changed one in `dir`, if it holds anything, is not closed, nobody is minuting it, and it
/// either stopped without a clean quit or changed in the last 12 hours (a break in a meeting,
/// not last month's). Reads that one meeting only.
pub fn unfinished(dir: &Path) -> Option<Summary> {
    let (path, _) = by_change(dir).ok()?.into_iter().next()?;
    let newest = summary(path);
    let open = newest
        .meeting
        .as_ref()
        .is_ok_and(|m| m.closed.is_none() && *m != Meeting::default());
    let recent = newest
        .modified
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age < std::time::Duration::from_secs(12 * 3600));
    (open && newest.holder.is_none() && (newest.interrupted || recent)).then_some(newest)
}

/// Has the meeting at `path` stopped without a clean quit: events in its journal not yet
/// folded into the meeting file, or a draft beside a lock file left behind? (A clean quit
/// folds the journal in and removes the lock file; the draft it keeps is an unsent line to
/// offer back, not a sign of trouble.)
pub fn interrupted(path: &Path) -> bool {
    fs::metadata(journal_path(path)).is_ok_and(|m| m.len() > 0)
        || (draft_path(path).exists() && fs::symlink_metadata(lock_path(path)).is_ok())
}
