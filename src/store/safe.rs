//! Opening the files beside a meeting without trusting their names. A folder can be shared
//! (`/tmp`, a group share) and anyone who can write in it can plant a symbolic link, a FIFO, a
//! device or a file of their own where scribe expects its journal, draft or lock. So:
//!
//! - files scribe creates are created with `O_CREAT|O_EXCL|O_NOFOLLOW`, mode 0600, and never
//!   through a link;
//! - files scribe writes into (the journal, the lock) must be plain files of the user's own with
//!   one name (no hard link to something else), checked on the open descriptor;
//! - files scribe reads are opened with `O_NONBLOCK` (a FIFO cannot hang the open), refused
//!   unless they are plain files, and read up to a limit (never `/dev/zero` until memory runs
//!   out).
//!
//! It must never follow a link it did not make, and never block.

use std::fs::{File, Metadata, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

use super::file::StoreError;

/// A meeting file (or journal) larger than this is not read without asking: about 600,000
/// events, six times the largest meeting scribe has been measured with.
pub const MEETING_LIMIT: u64 = 64 << 20;
/// A draft larger than this is left out (the composer asks before taking a paste this size).
pub const DRAFT_LIMIT: u64 = 16 << 20;
/// A lock file holds one short line.
pub const LOCK_LIMIT: u64 = 4096;

/// Whether a link at the path itself may be followed: a meeting file the user named may be a
/// link they made; the files beside it never are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Links {
    Follow,
    Refuse,
}

/// `O_NOFOLLOW`, `O_NONBLOCK` and `O_CLOEXEC` as `custom_flags` wants them.
fn flags(links: Links) -> i32 {
    let nofollow = match links {
        Links::Refuse => libc::O_NOFOLLOW,
        Links::Follow => 0,
    };
    nofollow | libc::O_NONBLOCK | libc::O_CLOEXEC
}

fn io(path: &Path, error: io::Error) -> StoreError {
    StoreError::Io {
        path: path.to_path_buf(),
        error,
    }
}

/// What kind of thing `meta` describes, in words, when it is not a plain file.
fn kind(meta: &Metadata) -> Option<&'static str> {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_file() {
        None
    } else if t.is_dir() {
        Some("folder")
    } else if t.is_symlink() {
        Some("symbolic link")
    } else if t.is_fifo() {
        Some("FIFO (named pipe)")
    } else if t.is_char_device() || t.is_block_device() {
        Some("device")
    } else if t.is_socket() {
        Some("socket")
    } else {
        Some("special file")
    }
}

/// Refuses anything but a plain file.
fn regular(path: &Path, meta: &Metadata) -> Result<(), StoreError> {
    match kind(meta) {
        None => Ok(()),
        Some("symbolic link") => Err(StoreError::Link {
            path: path.to_path_buf(),
        }),
        Some(kind) => Err(StoreError::NotAFile {
            path: path.to_path_buf(),
            kind,
        }),
    }
}

/// Opens `path` for reading: a plain file only (checked before and after opening, so that
/// nothing can be swapped in between), never blocking on a FIFO, never through a link when
/// `links` is [`Links::Refuse`].
pub fn open_read(path: &Path, links: Links) -> Result<File, StoreError> {
    let before = match links {
        Links::Refuse => std::fs::symlink_metadata(path),
        Links::Follow => std::fs::metadata(path),
    }
    .map_err(|e| io(path, e))?;
    // Checked before opening too: opening some devices has effects of its own.
    regular(path, &before)?;
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(flags(links))
        .open(path)
        .map_err(|e| refused_link(path, e))?;
    let meta = file.metadata().map_err(|e| io(path, e))?;
    regular(path, &meta)?;
    Ok(file)
}

use std::os::unix::fs::{MetadataExt, OpenOptionsExt};

/// ELOOP from `O_NOFOLLOW` means a link where a file was expected.
fn refused_link(path: &Path, e: io::Error) -> StoreError {
    if e.raw_os_error() == Some(libc::ELOOP) {
        StoreError::Link {
            path: path.to_path_buf(),
        }
    } else {
        io(path, e)
    }
}

/// Reads at most `limit` bytes of the open `file`; more is [`StoreError::TooLarge`].
pub fn read_limited(path: &Path, file: &mut File, limit: u64) -> Result<Vec<u8>, StoreError> {
    let size = file.metadata().map_err(|e| io(path, e))?.len();
    let too_large = |size| StoreError::TooLarge {
        path: path.to_path_buf(),
        size,
        limit,
    };
    if size > limit {
        return Err(too_large(size));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| io(path, e))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Reads a plain file whole, up to `limit` bytes.
pub fn read(path: &Path, links: Links, limit: u64) -> Result<Vec<u8>, StoreError> {
    let mut file = open_read(path, links)?;
    read_limited(path, &mut file, limit)
}

/// Creates a new file, private to the user, for reading and writing: fails if anything (a
/// file, a link, a FIFO) is already there.
pub fn create_new(path: &Path) -> io::Result<File> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .create_new(true)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
        .open(path)
}

/// Opens a file scribe made earlier, to write into it: never through a link, and only a plain
/// file of the user's own with no other name ([`check_own`]).
pub fn open_own(path: &Path) -> Result<File, StoreError> {
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .custom_flags(flags(Links::Refuse))
        .open(path)
        .map_err(|e| refused_link(path, e))?;
    check_own(path, &file)?;
    Ok(file)
}

/// Opens the file scribe keeps at `path`, or creates it (private, `O_EXCL`) when there is none.
/// Returns the file and whether it was created.
pub fn open_or_create_own(path: &Path) -> Result<(File, bool), StoreError> {
    // Twice: something may appear between the two attempts (then it is checked).
    for _ in 0..2 {
        match create_new(path) {
            Ok(file) => return Ok((file, true)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(refused_link(path, e)),
        }
        match open_own(path) {
            Ok(file) => return Ok((file, false)),
            Err(StoreError::Io { error, .. }) if error.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    Err(io(
        path,
        io::Error::other("it keeps appearing and disappearing"),
    ))
}

/// Is the open `file` a plain file of the user's own with one name? A file planted by someone
/// else, or a hard link to another file, is refused: writing into it would write there.
pub fn check_own(path: &Path, file: &File) -> Result<(), StoreError> {
    let meta = file.metadata().map_err(|e| io(path, e))?;
    regular(path, &meta)?;
    // SAFETY: geteuid(2) cannot fail and touches no memory.
    let me = unsafe { libc::geteuid() };
    let why = if meta.uid() != me {
        Some(format!("it belongs to another user (uid {})", meta.uid()))
    } else if meta.nlink() > 1 {
        Some(format!(
            "it has {} names (hard links): writing into it would change another file",
            meta.nlink()
        ))
    } else {
        None
    };
    match why {
        Some(why) => Err(StoreError::NotOurs {
            path: path.to_path_buf(),
            why,
        }),
        None => Ok(()),
    }
}

/// Is `path` (not following a link) the file `file` has open?
pub fn same_file(file: &File, path: &Path) -> bool {
    match (file.metadata(), std::fs::symlink_metadata(path)) {
        (Ok(open), Ok(named)) => open.dev() == named.dev() && open.ino() == named.ino(),
        _ => false,
    }
}

/// The name of the network file system `dir` is on, if it is one: there, `flock` does not keep
/// out a scribe on another machine.
pub fn network_file_system(dir: &Path) -> Option<&'static str> {
    use std::os::unix::ffi::OsStrExt;
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let name = std::ffi::CString::new(dir.as_os_str().as_bytes()).ok()?;
    // SAFETY: statfs is plain old data; zeroed is a valid value for it.
    let mut stat: libc::statfs = unsafe { std::mem::zeroed() };
    // SAFETY: a NUL-terminated path and a pointer to a statfs, both valid for the call.
    if unsafe { libc::statfs(name.as_ptr(), &mut stat) } != 0 {
        return None;
    }
    #[allow(clippy::unnecessary_cast)] // f_type's type differs between platforms
    file_system_name(stat.f_type as i64)
}

/// The network file systems by their `statfs` magic number.
pub fn file_system_name(magic: i64) -> Option<&'static str> {
    // Magic numbers from linux/magic.h and the file systems' sources; CIFS and SMB2 are
    // 32-bit values that a signed f_type may show negative.
    let magic = magic & 0xFFFF_FFFF;
    match magic {
        0x6969 => Some("NFS"),
        0x517B => Some("SMB"),
        0xFF53_4D42 => Some("CIFS"),
        0xFE53_4D42 => Some("SMB2"),
        0x0102_1997 => Some("9P"),
        0x6573_5546 => Some("FUSE (sshfs and the like)"),
        0x5346_414F => Some("AFS"),
        0x00C3_6400 => Some("Ceph"),
        0x0116_1970 => Some("GFS2"),
        0x7461_636F => Some("OCFS2"),
        0x4737_4753 => Some("Lustre"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn links_fifos_and_devices_are_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "secret").unwrap();
        let link = dir.path().join("link");
        symlink(&victim, &link).unwrap();
        assert!(matches!(
            read(&link, Links::Refuse, 100),
            Err(StoreError::Link { .. })
        ));
        assert_eq!(read(&link, Links::Follow, 100).unwrap(), b"secret");
        let fifo = dir.path().join("fifo");
        let name = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
        let err = read(&fifo, Links::Follow, 100).unwrap_err();
        assert!(err.to_string().contains("FIFO"), "{err}");
        let err = read(Path::new("/dev/zero"), Links::Follow, 100).unwrap_err();
        assert!(err.to_string().contains("device"), "{err}");
        assert!(matches!(
            read(&victim, Links::Refuse, 3),
            Err(StoreError::TooLarge { size: 6, .. })
        ));
    }

    #[test]
    fn create_new_never_goes_through_a_link_and_open_own_refuses_hard_links() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "keep").unwrap();
        let planted = dir.path().join("planted");
        symlink(&victim, &planted).unwrap();
        assert!(create_new(&planted).is_err());
        assert!(matches!(
            open_or_create_own(&planted),
            Err(StoreError::Link { .. })
        ));
        let hard = dir.path().join("hard");
        std::fs::hard_link(&victim, &hard).unwrap();
        assert!(matches!(
            open_or_create_own(&hard),
            Err(StoreError::NotOurs { .. })
        ));
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
        let (file, created) = open_or_create_own(&dir.path().join("new")).unwrap();
        assert!(created);
        assert_eq!(file.metadata().unwrap().mode() & 0o777, 0o600);
    }

    #[test]
    fn network_file_systems_are_named() {
        assert_eq!(file_system_name(0x6969), Some("NFS"));
        assert_eq!(
            file_system_name(0xFF53_4D42_u32 as i32 as i64),
            Some("CIFS")
        );
        assert_eq!(file_system_name(0xEF53), None, "ext4");
        assert_eq!(network_file_system(&std::env::temp_dir()), None);
    }
}
