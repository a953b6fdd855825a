//! scribe's own log: what happened under the hood (saving troubles, compactions, follows,
//! exports, settings that could not be used), for the note-taker or a developer looking into a
//! problem afterwards. It goes to a file in the platform's state folder
//! (`~/.local/state/scribe/scribe.log` on Linux; `SCRIBE_LOG` names another file), never to
//! the screen, which belongs to the console. `RUST_LOG`-style filtering is not offered: the
//! log is short (warnings and a line per session), and kept below a megabyte.

use std::fs::OpenOptions;
use std::io;
use std::path::PathBuf;
use std::sync::Mutex;

use tracing::Level;

/// Above this size the log starts again (the previous one is kept as `scribe.log.old`).
const LIMIT: u64 = 1 << 20;

/// Where the log goes: `SCRIBE_LOG` when set, else `scribe.log` in the platform's state folder
/// (its data folder where the platform has none).
pub fn path() -> Option<PathBuf> {
    match std::env::var_os("SCRIBE_LOG") {
        Some(path) if !path.is_empty() => Some(PathBuf::from(path)),
        _ => directories::ProjectDirs::from("", "", "scribe").map(|dirs| {
            dirs.state_dir()
                .unwrap_or_else(|| dirs.data_dir())
                .join("scribe.log")
        }),
    }
}

/// Starts logging to the file; without a file that can be written, nothing is logged (the
/// console never fails over its log).
pub fn init() {
    let Some(path) = path() else {
        return;
    };
    let Some(file) = open(&path) else {
        return;
    };
    let _ = tracing_subscriber::fmt()
        .with_writer(Mutex::new(file))
        .with_ansi(false)
        .with_target(false)
        .with_max_level(Level::INFO)
        .try_init();
}

fn open(path: &std::path::Path) -> Option<std::fs::File> {
    if let Some(folder) = path.parent() {
        crate::store::paths::create_private_dir(folder).ok()?;
    }
    if std::fs::metadata(path).is_ok_and(|m| m.len() > LIMIT) {
        let _ = std::fs::rename(path, path.with_extension("log.old"));
    }
    let mut options = OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    }
    options.open(path).map_err(|_: io::Error| ()).ok()
}
