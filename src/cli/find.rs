//! Finding what the command line names: a meeting by file, number or id, the archive's
//! catalogue, a meeting read to look at it (asking before a very large one), the config folder.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};

use crate::archive::{Archive, Catalog};
use crate::meeting::Stamped;
use crate::store::file::StoreError;
use crate::store::safe::MEETING_LIMIT;
use crate::store::{self, paths};
use crate::text::printable_path as shown;

use super::out::{Progress, ask, tell};

/// The archive of the data directory `dir`, its extracts brought up to date (with a progress
/// bar when that takes a while); notices about the cache are said once.
pub(super) fn catalog(dir: &Path) -> Result<Catalog> {
    let archive = Archive::new(dir, Archive::default_cache_root());
    let mut progress = Progress::new();
    let loaded = archive.load(&mut |done, total| progress.draw(done, total));
    progress.finish();
    let catalog = loaded?;
    for notice in &catalog.notices {
        tell(&format!("scribe: {notice}"));
    }
    Ok(catalog)
}

/// Reads a meeting to look at it (replay, export, a template): a file larger than scribe
/// expects is read only when the note-taker says so; what the reader recovered or left out (a
/// file cut short, damage and where the rest is) is said on standard error.
pub(super) fn read_meeting(path: &Path) -> Result<Vec<Stamped>> {
    let opened = within_limit(|limit| store::disk::open_within(path, limit))?;
    for notice in &opened.notices {
        if !notice.ends_with("recovered from the journal") {
            tell(&format!("scribe: {notice}"));
        }
    }
    Ok(opened.events)
}

/// Runs `read` with the usual size limit; if the file is larger, asks (on a terminal) whether
/// to read it anyway, and reads it with a limit that lets it in.
pub(super) fn within_limit<T>(read: impl Fn(u64) -> Result<T, StoreError>) -> Result<T> {
    match read(MEETING_LIMIT) {
        Err(StoreError::TooLarge { path, size, limit }) => {
            let question = format!(
                "{} is {} MB, more than the {} MB scribe expects of a meeting. Read it anyway?",
                shown(&path),
                size.div_ceil(1 << 20),
                limit >> 20
            );
            if ask(&question, false)? {
                Ok(read(size.saturating_mul(2))?)
            } else {
                Err(StoreError::TooLarge { path, size, limit }.into())
            }
        }
        other => Ok(other?),
    }
}

/// scribe's config folder (the platform's): its `minutes.md.j2`, `minutes.html.j2` and
/// `minutes.txt.j2` replace the built-in export templates, its `i18n/CODE.ron` add languages
/// and its `reference.docx` styles the DOCX.
pub(super) fn templates_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "scribe").map(|p| p.config_dir().to_path_buf())
}

/// No meeting has that name (no file, no number, no id).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub(super) struct Unknown(String);

/// A meeting named on the command line: a file, an id (the stem of a file in the data
/// directory: `2026-03-12-1000`), or a number from `scribe list` (1 is the newest).
pub(super) fn meeting_path(dir: Option<PathBuf>, name: &str) -> Result<PathBuf> {
    let path = PathBuf::from(name);
    if std::fs::symlink_metadata(&path).is_ok() {
        return Ok(path);
    }
    let dir = paths::data_dir(dir)?;
    // An id (a stem: no folder, no `.ron`, which would make it a path) names a file in the
    // data directory, found without reading any.
    let id = !name.is_empty()
        && !name.contains('/')
        && !name.starts_with('.')
        && !name.ends_with(".ron");
    if id {
        let file = dir.join(format!("{name}.ron"));
        if std::fs::symlink_metadata(&file).is_ok() {
            return Ok(file);
        }
    }
    if let Ok(number) = name.parse::<usize>() {
        let catalog = catalog(&dir)?;
        return match catalog.find(name) {
            Some(found) => Ok(found.path.clone()),
            None => bail!(
                "there is no meeting {number} in {} ({} there; `scribe list` numbers them)",
                shown(&dir),
                catalog.meetings.len()
            ),
        };
    }
    Err(anyhow!(Unknown(format!(
        "{} does not exist, and no meeting in {} has that id (`scribe list` shows them)",
        shown(&path),
        shown(&dir)
    ))))
}

/// The meeting file to write: a link the note-taker made is followed once, here, so that every
/// write goes to the file it leads to (and the files beside that one), never replacing the link
/// with a file. Returns the path and, for a link, a notice saying where the meeting is saved.
pub(super) fn resolve(file: &Path) -> Result<(PathBuf, Option<String>)> {
    match std::fs::symlink_metadata(file) {
        Ok(meta) if meta.file_type().is_symlink() => {
            let target = std::fs::canonicalize(file)
                .with_context(|| format!("{} is a link that leads nowhere", shown(file)))?;
            let notice = format!(
                "{} is a link: the meeting is saved in {}",
                shown(file),
                shown(&target)
            );
            Ok((target, Some(notice)))
        }
        _ => Ok((file.to_path_buf(), None)),
    }
}
