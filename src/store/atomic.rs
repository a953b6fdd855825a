//! Writing files so that a crash leaves the old one or the new one, never half of one, and
//! nothing planted beside them can stand in for them: a temporary file with a name nobody can
//! guess (`O_EXCL`), fsync'd, renamed, the folder fsync'd. The meeting file, exports, rescued
//! copies and crash reports are all written here; `file` re-exports these for its callers.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::file::StoreError;

/// A writer to a file that asks the system to start writing each few megabytes to disk as soon
/// as they are written, instead of all of them at the fsync that ends a long write: the fsync
/// then waits only for the last of them. (`sync_file_range` on Linux only starts the
/// writeback and waits for nothing; elsewhere this is the file itself.)
pub struct WriteBehind<'f> {
    file: &'f File,
    /// Bytes written, and the offset up to which writeback was asked for.
    written: u64,
    started: u64,
}

/// How much is written before writeback of it is asked for.
const WRITE_BEHIND: u64 = 4 << 20;

impl<'f> WriteBehind<'f> {
    pub fn new(file: &'f File) -> WriteBehind<'f> {
        WriteBehind {
            file,
            written: 0,
            started: 0,
        }
    }

    fn start_writeback(&mut self) {
        #[cfg(target_os = "linux")]
        {
            use std::os::fd::AsRawFd;
            let (from, to) = (self.started, self.written);
            let (Ok(offset), Ok(length)) = (i64::try_from(from), i64::try_from(to - from)) else {
                return;
            };
            // SAFETY: the descriptor is the open file borrowed for `'f`; the call reads no
            // memory of ours and only starts writeback. A failure is not an error of the write
            // (the fsync that follows still writes everything): it is ignored.
            unsafe {
                libc::sync_file_range(
                    self.file.as_raw_fd(),
                    offset,
                    length,
                    libc::SYNC_FILE_RANGE_WRITE,
                );
            }
        }
        self.started = self.written;
    }
}

impl Write for WriteBehind<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.file.write(buf)?;
        self.written += n as u64;
        if self.written - self.started >= WRITE_BEHIND {
            self.start_writeback();
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

/// The folder a file is in (`.` for a bare name).
pub fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A temporary file beside `path`, created `O_EXCL` with a name nobody can guess
/// (`.NAME.XXXXXX.tmp`), private to the user, holding `bytes`, on disk.
fn temporary(path: &Path, bytes: &[u8]) -> io::Result<tempfile::NamedTempFile> {
    temporary_with_mode(path, bytes, 0o600)
}

/// The temporary file of a write of `path`, created with `mode` (less the umask).
fn temporary_with_mode(
    path: &Path,
    bytes: &[u8],
    mode: u32,
) -> io::Result<tempfile::NamedTempFile> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "meeting.ron".into());
    let mut file = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .rand_bytes(12)
        .permissions(std::os::unix::fs::PermissionsExt::from_mode(mode))
        .tempfile_in(folder_of(path))?;
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    Ok(file)
}

/// Replaces the file at `path` with `bytes` so that a crash at any moment leaves either the old
/// file or the new one: a temporary file in the same folder with a name nobody can guess
/// (created `O_EXCL`, so a planted link or file cannot stand in for it), fsync'd, renamed over
/// the old one, and the folder fsync'd. The file is private to the user (mode 0600). A link at
/// `path` is replaced, never followed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let write = || -> io::Result<()> {
        let file = temporary(path, bytes)?;
        file.persist(path).map_err(|e| e.error)?;
        // Make the rename itself durable.
        File::open(folder_of(path))?.sync_all()
    };
    write().map_err(|e| StoreError::io(path, e))
}

/// Like [`write_atomic`], for a document meant to be passed on (exported minutes): its mode is
/// what the user's umask makes of 0666, as for any file they make, instead of private.
pub fn write_atomic_shared(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let write = || -> io::Result<()> {
        let file = temporary_with_mode(path, bytes, 0o666)?;
        file.persist(path).map_err(|e| e.error)?;
        File::open(folder_of(path))?.sync_all()
    };
    write().map_err(|e| StoreError::io(path, e))
}

/// Like [`write_atomic`], but fails when anything is already at `path`: for files that must
/// not replace another (a rescued copy, a crash report).
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let write = || -> io::Result<()> {
        let file = temporary(path, bytes)?;
        file.persist_noclobber(path).map_err(|e| e.error)?;
        File::open(folder_of(path))?.sync_all()
    };
    write().map_err(|e| StoreError::io(path, e))
}

/// Writes `bytes` to a new file in `dir` whose name starts with `prefix` and ends with a part
/// nobody can guess (then `.ron`): for a rescue into a shared folder such as `/tmp`. Returns its
/// path.
pub fn write_unique(dir: &Path, prefix: &str, bytes: &[u8]) -> Result<PathBuf, StoreError> {
    let write = || -> io::Result<PathBuf> {
        let mut file = tempfile::Builder::new()
            .prefix(prefix)
            .suffix(".ron")
            .rand_bytes(8)
            .permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600))
            .tempfile_in(dir)?;
        file.write_all(bytes)?;
        file.as_file().sync_all()?;
        let (_, path) = file.keep().map_err(|e| e.error)?;
        Ok(path)
    };
    write().map_err(|e| StoreError::io(dir, e))
}

/// Removes the temporary files a write of `path` (or of a file beside it named from it) left
/// when scribe was killed in the middle: `.NAME.*.tmp`, plain files of the user's own only.
/// Returns how many were removed.
pub fn remove_stale_temporaries(path: &Path) -> usize {
    use std::os::unix::fs::MetadataExt;
    let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return 0;
    };
    let prefix = format!(".{name}.");
    let Ok(entries) = fs::read_dir(folder_of(path)) else {
        return 0;
    };
    // SAFETY: geteuid(2) cannot fail and touches no memory.
    let me = unsafe { libc::geteuid() };
    let mut removed = 0;
    for entry in entries.filter_map(Result::ok) {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if !(file_name.starts_with(&prefix) && file_name.ends_with(".tmp")) {
            continue;
        }
        let Ok(meta) = fs::symlink_metadata(entry.path()) else {
            continue;
        };
        if meta.file_type().is_file() && meta.uid() == me && fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Everything written reaches the file, in order, across the points where writeback is
    /// asked for.
    #[test]
    fn writing_behind_writes_everything() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("out");
        let file = File::create(&path).expect("a new file");
        let bytes: Vec<u8> = (0..(WRITE_BEHIND as usize * 2 + 12_345))
            .map(|i| (i % 251) as u8)
            .collect();
        let mut writer = WriteBehind::new(&file);
        for piece in bytes.chunks(100_003) {
            writer.write_all(piece).expect("the file takes it");
        }
        writer.flush().expect("flushed");
        assert_eq!(writer.written, bytes.len() as u64);
        // Writeback was asked for twice, each time at the end of a write.
        assert!(writer.started >= 2 * WRITE_BEHIND, "{}", writer.started);
        assert!(writer.started < 3 * WRITE_BEHIND, "{}", writer.started);
        assert_eq!(writer.started % 100_003, 0);
        assert_eq!(fs::read(&path).expect("the file reads back"), bytes);
    }
}
