//! Keeping an extract of every meeting in the platform's cache folder (`~/.cache/scribe` on
//! Linux), one file per meeting, made again when the meeting's files change (their size, time
//! or inode, the journal's included). The first look at a large archive reads and folds every
//! meeting, on every core, reporting its progress; after that only the meetings that changed
//! are read again, and a search reads the extracts.
//!
//! The cache is a convenience, never the record: when it cannot be written (a read-only home)
//! the extracts are kept in memory for this run and a notice says so; an extract that cannot
//! be read is made again. The cache folder is private (0700), its files 0600, written whole
//! under a temporary name and renamed, and opened never through a link.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::catalog::{Catalog, Listed};
use super::extract::{Extract, Head, Identity, Source};
use crate::meeting::Meeting;
use crate::store::file::StoreError;
use crate::store::paths;
use crate::text::printable_path as shown;

/// The archive of meetings in a data directory, with the cache folder its extracts go to.
#[derive(Clone, Debug)]
pub struct Archive {
    dir: PathBuf,
    /// Where this data directory's extracts are kept; None keeps them in memory.
    cache: Option<PathBuf>,
}

/// A short, stable name for a path (FNV-1a, 64 bits), for file names in the cache.
fn hash(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

fn os_bytes(path: &Path) -> &[u8] {
    use std::os::unix::ffi::OsStrExt;
    path.as_os_str().as_bytes()
}

impl Archive {
    /// The archive in `dir`, its extracts under `cache_root` (the platform's cache folder for
    /// scribe, see [`Archive::default_cache_root`]; None keeps them in memory).
    pub fn new(dir: &Path, cache_root: Option<PathBuf>) -> Archive {
        let canonical = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        let cache = cache_root.map(|root| root.join("archive").join(hash(os_bytes(&canonical))));
        Archive {
            dir: dir.to_path_buf(),
            cache,
        }
    }

    /// The platform's cache folder for scribe (`~/.cache/scribe`, or under `XDG_CACHE_HOME`).
    pub fn default_cache_root() -> Option<PathBuf> {
        directories::ProjectDirs::from("", "", "scribe").map(|p| p.cache_dir().to_path_buf())
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where this archive's extracts are kept.
    pub fn cache(&self) -> Option<&Path> {
        self.cache.as_deref()
    }

    /// Every meeting in the data directory, newest first, with its extract up to date.
    /// `progress(done, total)` is called while extracts are being made (not at all when none
    /// is). Fails only when the data directory cannot be read.
    pub fn load(&self, progress: &mut dyn FnMut(usize, usize)) -> Result<Catalog, StoreError> {
        let files = paths::meeting_files(&self.dir)?;
        let mut notices = Vec::new();
        let cache =
            self.cache
                .as_ref()
                .and_then(|folder| match paths::create_private_dir(folder) {
                    Ok(()) => Some(folder.clone()),
                    Err(e) => {
                        notices.push(format!("the search cache cannot be kept ({e})"));
                        None
                    }
                });
        let mut found: Vec<Option<(Head, Source)>> = parallel(&files, |path| {
            cache
                .as_ref()
                .and_then(|folder| cached(folder, path, Identity::of(path)?))
        });
        let stale: Vec<usize> = (0..files.len()).filter(|&i| found[i].is_none()).collect();
        let mut unwritable = None;
        // Each extract goes to the cache as soon as it is made: only a few are in memory at
        // once (all of them only when the cache cannot be written).
        build(&files, &stale, progress, &mut |index, extract| {
            let bytes = extract.encode();
            drop(extract);
            let stored = cache.as_ref().and_then(|folder| {
                let file = folder.join(cache_name(&files[index]));
                match write(&file, &bytes) {
                    Ok(()) => Some(Source::File(file)),
                    Err(e) => {
                        unwritable.get_or_insert_with(|| {
                            format!(
                                "the search cache cannot be written in {} ({e})",
                                shown(folder)
                            )
                        });
                        None
                    }
                }
            });
            let size = bytes.len() as u64;
            let source = stored.unwrap_or_else(|| Source::Memory(Arc::new(bytes)));
            found[index] = Head::read(&source, size).ok().map(|head| (head, source));
        });
        notices.extend(unwritable);
        if let Some(folder) = &cache {
            forget_others(folder, &files);
            forget_gone_archives(folder, &self.dir);
        }
        let pairs: Vec<(PathBuf, Option<(Head, Source)>)> = files.into_iter().zip(found).collect();
        let meetings = parallel(&pairs, |(path, extract)| {
            Listed::new(path.clone(), extract.clone())
        });
        Ok(Catalog::new(self.dir.clone(), meetings, notices))
    }
}

/// `f` of every item, in order, the items shared among the cores.
fn parallel<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    if cores < 2 || items.len() < 16 {
        return items.iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(cores);
    let f = &f;
    std::thread::scope(|scope| {
        let parts: Vec<_> = items
            .chunks(chunk)
            .map(|part| {
                (
                    part,
                    scope.spawn(move || part.iter().map(f).collect::<Vec<R>>()),
                )
            })
            .collect();
        // A part whose thread failed is done again here: one result for every item, always.
        parts
            .into_iter()
            .flat_map(|(part, thread)| {
                thread
                    .join()
                    .unwrap_or_else(|_| part.iter().map(f).collect())
            })
            .collect()
    })
}

/// The cache file's name for the meeting at `path`.
fn cache_name(path: &Path) -> String {
    let name = path.file_name().map(Path::new).unwrap_or(path);
    format!("{}.x", hash(os_bytes(name)))
}

/// The extract in the cache for the meeting at `path`, if it is there and up to date.
fn cached(folder: &Path, path: &Path, identity: Identity) -> Option<(Head, Source)> {
    let file = folder.join(cache_name(path));
    let size = std::fs::symlink_metadata(&file).ok()?.len();
    let source = Source::File(file);
    let head = Head::read(&source, size).ok()?;
    let name = path.file_name()?.to_string_lossy();
    (head.identity == identity && head.name == name).then_some((head, source))
}

/// Makes the extracts of `files[stale]` on every core, handing each to `keep` (on this
/// thread) as it is made.
fn build(
    files: &[PathBuf],
    stale: &[usize],
    progress: &mut dyn FnMut(usize, usize),
    keep: &mut dyn FnMut(usize, Extract),
) {
    if stale.is_empty() {
        return;
    }
    let total = stale.len();
    progress(0, total);
    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(total);
    // Bounded: the workers wait rather than pile extracts up in memory.
    let (sender, receiver) = std::sync::mpsc::sync_channel(workers);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let sender = sender.clone();
            let next = &next;
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(&index) = stale.get(i) else { break };
                    if sender.send((index, extract_of(&files[index]))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        for (done, (index, extract)) in receiver.into_iter().enumerate() {
            keep(index, extract);
            progress(done + 1, total);
        }
    });
}

/// Reads the meeting at `path` and makes its extract (one that says why, when it cannot be
/// read).
pub fn extract_of(path: &Path) -> Extract {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // Looked at before reading: a change while reading makes it stale at the next look.
    let identity = Identity::of(path).unwrap_or_default();
    match crate::store::disk::open(path) {
        Ok(opened) => {
            let meeting = Meeting::fold(&opened.events);
            let notices = opened
                .notices
                .into_iter()
                .filter(|n| !n.ends_with("recovered from the journal"))
                .collect();
            let first = opened.events.first().map(|e| e.at);
            Extract::of(&name, identity, &meeting, first, notices)
        }
        Err(e) => Extract::unreadable(&name, identity, e.to_string()),
    }
}

/// Writes a cache file whole: a private temporary file in the same folder, renamed over the
/// old one (a link there is replaced, never followed). No fsync: it is a cache.
fn write(file: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let folder = file.parent().unwrap_or(Path::new("."));
    let mut temporary = tempfile::Builder::new()
        .prefix(".x.")
        .suffix(".tmp")
        .permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600))
        .tempfile_in(folder)?;
    temporary.write_all(bytes)?;
    temporary.persist(file).map_err(|e| e.error)?;
    Ok(())
}

/// The file in an archive's cache folder that says which data directory it is for.
const SOURCE: &str = "source";

/// Notes which data directory `folder` is for, and removes the cache folders of data
/// directories that no longer exist (a temporary `--dir`, a folder deleted): the cache cleans
/// up after itself.
fn forget_gone_archives(folder: &Path, dir: &Path) {
    use std::os::unix::ffi::OsStrExt;
    let canonical = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let note = folder.join(SOURCE);
    if crate::store::safe::read(&note, crate::store::safe::Links::Refuse, 4096)
        .ok()
        .as_deref()
        != Some(os_bytes(&canonical))
    {
        let _ = write(&note, os_bytes(&canonical));
    }
    let Some(archives) = folder.parent() else {
        return;
    };
    let Ok(entries) = std::fs::read_dir(archives) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let other = entry.path();
        if other == folder || !entry.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let Ok(source) =
            crate::store::safe::read(&other.join(SOURCE), crate::store::safe::Links::Refuse, 4096)
        else {
            continue;
        };
        let source = Path::new(std::ffi::OsStr::from_bytes(&source));
        // Only what scribe put there: extracts, the note, temporary files.
        if !source.exists() && other.file_name().is_some_and(|n| n.len() == 16) {
            if let Ok(files) = std::fs::read_dir(&other) {
                for file in files.filter_map(Result::ok) {
                    let name = file.file_name().to_string_lossy().into_owned();
                    if name.ends_with(".x") || name == SOURCE || name.ends_with(".tmp") {
                        let _ = std::fs::remove_file(file.path());
                    }
                }
            }
            let _ = std::fs::remove_dir(&other);
        }
    }
}

/// Removes the extracts of meetings that are no longer in the data directory.
fn forget_others(folder: &Path, files: &[PathBuf]) {
    let keep: HashSet<String> = files.iter().map(|p| cache_name(p)).collect();
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".x") && !keep.contains(&name) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::{Event, Stamped};

    fn note(text: &str) -> Stamped {
        Stamped {
            at: crate::testkit::moment("2026-03-12T10:00:00+01:00"),
            event: Event::NoteRecorded { text: text.into() },
        }
    }

    #[test]
    fn extracts_are_kept_and_made_again_when_a_meeting_changes() {
        let data = tempfile::tempdir().unwrap();
        let cache = tempfile::tempdir().unwrap();
        let a = data.path().join("a.ron");
        crate::store::save(&a, &[note("first")]).unwrap();
        crate::store::save(&data.path().join("b.ron"), &[note("second")]).unwrap();
        let archive = Archive::new(data.path(), Some(cache.path().to_path_buf()));
        let mut calls = Vec::new();
        let catalog = archive.load(&mut |d, t| calls.push((d, t))).unwrap();
        assert_eq!(catalog.meetings.len(), 2);
        assert_eq!(calls.last(), Some(&(2, 2)));
        let folder = archive.cache().unwrap();
        let extracts = || -> Vec<PathBuf> {
            std::fs::read_dir(folder)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|x| x == "x"))
                .collect()
        };
        assert_eq!(extracts().len(), 2);

        // Nothing changed: nothing is made again.
        calls.clear();
        archive.load(&mut |d, t| calls.push((d, t))).unwrap();
        assert!(calls.is_empty(), "{calls:?}");

        // One meeting changes (a longer file), another goes away.
        crate::store::save(&a, &[note("first"), note("third")]).unwrap();
        std::fs::remove_file(data.path().join("b.ron")).unwrap();
        calls.clear();
        let catalog = archive.load(&mut |d, t| calls.push((d, t))).unwrap();
        assert_eq!(calls.last(), Some(&(1, 1)));
        assert_eq!(catalog.meetings.len(), 1);
        assert_eq!(
            catalog.meetings[0].summary.as_ref().unwrap().entries,
            2,
            "the new extract"
        );
        assert_eq!(extracts().len(), 1, "b's is gone");

        // A damaged cache file is made again, not believed.
        std::fs::write(&extracts()[0], b"SCRBXT03garbage").unwrap();
        calls.clear();
        let catalog = archive.load(&mut |d, t| calls.push((d, t))).unwrap();
        assert_eq!(calls.last(), Some(&(1, 1)));
        assert_eq!(catalog.meetings[0].summary.as_ref().unwrap().entries, 2);
    }

    #[test]
    fn the_cache_of_a_data_directory_that_is_gone_is_removed() {
        let root = tempfile::tempdir().unwrap();
        let cache = tempfile::tempdir().unwrap();
        let (one, two) = (root.path().join("one"), root.path().join("two"));
        for dir in [&one, &two] {
            std::fs::create_dir_all(dir).unwrap();
            crate::store::save(&dir.join("a.ron"), &[note("x")]).unwrap();
        }
        let first = Archive::new(&one, Some(cache.path().to_path_buf()));
        first.load(&mut |_, _| {}).unwrap();
        let kept = first.cache().unwrap().to_path_buf();
        assert!(kept.join("source").exists());
        std::fs::remove_dir_all(&one).unwrap();
        let second = Archive::new(&two, Some(cache.path().to_path_buf()));
        second.load(&mut |_, _| {}).unwrap();
        assert!(!kept.exists(), "the cache of a folder that is gone");
        assert!(second.cache().unwrap().exists());
    }

    #[test]
    fn without_a_cache_everything_is_kept_in_memory() {
        let data = tempfile::tempdir().unwrap();
        crate::store::save(&data.path().join("a.ron"), &[note("first")]).unwrap();
        let blocked = data.path().join("not-a-folder");
        std::fs::write(&blocked, "x").unwrap();
        let archive = Archive::new(data.path(), Some(blocked));
        let catalog = archive.load(&mut |_, _| {}).unwrap();
        assert_eq!(catalog.meetings.len(), 1);
        assert!(
            catalog.notices.iter().any(|n| n.contains("cannot be kept")),
            "{:?}",
            catalog.notices
        );
        assert!(catalog.meetings[0].summary.is_ok());
    }
}
