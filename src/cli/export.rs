//! `scribe export`: the minutes of a meeting, with the note-taker's templates (or the built-in
//! ones when theirs cannot be read).

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow};

use crate::export::{ExportError, Format, Options as ExportOptions};
use crate::meeting::Meeting;
use crate::store::file::WriteBehind;
use crate::store::{self, StoreError};
use crate::text::printable_path as shown;

use crate::clock::Clock;

use super::args::ExportArgs;
use super::find::{meeting_path, read_meeting, templates_dir};
use super::out::{Closed, is_closed, tell};

/// `scribe export`: writes the minutes where asked (standard output for `-o -`, and for md,
/// html and txt without `-o`). At 100,000 events the meeting's events are let go once folded;
/// Markdown, HTML and text are written as they are built and rendered (see
/// [`crate::export::write_meeting`]), and DOCX and minutes with statistics are built whole
/// and the meeting let go before they are written: what is held at once stays a small
/// multiple of the meeting file, whatever the size of the minutes.
pub(super) fn run(dir: Option<PathBuf>, asks: ExportArgs, clock: &Clock) -> Result<()> {
    let path = meeting_path(dir, &asks.meeting)?;
    let meeting = Meeting::fold(&read_meeting(&path).context("cannot export it")?);
    give_back_freed_memory();
    // The settings' defaults, as F7 and /export take them (what they get wrong is said by
    // `scribe config` and by the console; here it is only left at its default).
    let settings = crate::config::path()
        .filter(|path| path.exists())
        .map(|path| crate::config::Settings::load(&path).0)
        .unwrap_or_default();
    let format = asks.format.unwrap_or_else(|| settings.format());
    let language = asks.lang.or_else(|| {
        settings
            .language
            .clone()
            .filter(|_| meeting.meta.language.is_none())
    });
    let mut options = ExportOptions {
        times: asks.times,
        stats: asks.stats,
        numbered: asks.numbered,
        templates: templates_dir(),
        language,
        status: asks.status,
        symbol: asks.symbol,
        issued: asks.issued.or_else(|| Some(clock.now().date_naive())),
        approved: asks.approved,
        prepared_by: asks.prepared_by,
        decision_numbers: asks.decision_numbers,
        meeting_number: asks.meeting_number,
        reference_doc: asks.reference_doc,
    };
    // As [`export`] does: the built-in templates (and catalogues) when theirs cannot be read,
    // found out before anything is built or written.
    if let Err(ExportError::ReadTemplate { path, source }) =
        crate::export::check_template(format, &options)
    {
        tell(&format!(
            "scribe: cannot read the template {} ({}): using the built-in template",
            shown(&path),
            store::file::describe(&source)
        ));
        options.templates = None;
    }
    // Minutes built while they are written need the meeting to the end; the others are built
    // whole first, and the meeting is let go before they are written.
    let prepared = if crate::export::builds_as_it_writes(format, &options) {
        Prepared::Meeting(meeting)
    } else {
        let minutes = crate::export::minutes(&meeting, &options)?;
        drop(meeting);
        give_back_freed_memory();
        Prepared::Minutes(minutes)
    };
    // `-o -` is standard output.
    let output = match asks.output {
        Some(out) if out.as_os_str() == "-" => None,
        Some(out) => Some(out),
        None => (format == Format::Docx).then(|| path.with_extension(format.extension())),
    };
    match output {
        Some(out) if is_stream(&out)? => {
            write_stream(&out, |stream| {
                prepared.write(format, &options, stream).map(drop)
            })?;
            tell(&format!("Minutes written to {}", shown(&out)));
        }
        Some(out) => {
            write_file(&out, |file| {
                prepared.write(format, &options, file).map(drop)
            })?;
            tell(&format!("Minutes written to {}", shown(&out)));
        }
        None => {
            let stdout = io::BufWriter::with_capacity(64 * 1024, io::stdout().lock());
            match prepared.write(format, &options, stdout) {
                Err(ExportError::Write(e)) if is_closed(&e) => return Err(anyhow!(Closed)),
                Err(ExportError::Write(e)) => {
                    return Err(e).context("cannot write to standard output");
                }
                other => drop(other?),
            }
        }
    }
    Ok(())
}

/// What the minutes are written from: the meeting, or the minutes already built.
enum Prepared {
    Meeting(Meeting),
    Minutes(crate::export::Minutes),
}

impl Prepared {
    fn write<W: io::Write>(
        self,
        format: Format,
        options: &ExportOptions,
        out: W,
    ) -> Result<W, ExportError> {
        match self {
            Prepared::Meeting(meeting) => {
                let written = crate::export::write_meeting(&meeting, format, options, out);
                crate::export::let_go(meeting);
                written
            }
            Prepared::Minutes(minutes) => crate::export::write(minutes, format, options, out),
        }
    }
}

/// Whether `-o` names a named pipe or a character device (`/dev/null`, a terminal): written
/// into as it is, since renaming a file over it (how files are written) would replace the
/// pipe or the device itself. A block device or a socket is refused; anything else (a file, a
/// link, nothing yet) is a file.
fn is_stream(path: &Path) -> Result<bool> {
    use std::os::unix::fs::FileTypeExt;
    let Ok(found) = std::fs::symlink_metadata(path) else {
        return Ok(false);
    };
    let kind = found.file_type();
    if kind.is_block_device() || kind.is_socket() {
        return Err(anyhow!(
            "{} is a {}: minutes go to a file, a named pipe or standard output (-o -)",
            shown(path),
            if kind.is_socket() {
                "socket"
            } else {
                "block device"
            }
        ));
    }
    Ok(kind.is_fifo() || kind.is_char_device())
}

/// Writes into the named pipe or device at `path` through `write` (see [`is_stream`]).
fn write_stream(
    path: &Path,
    write: impl FnOnce(&mut io::BufWriter<File>) -> Result<(), ExportError>,
) -> Result<()> {
    let failed = |error: io::Error| StoreError::Io {
        path: path.to_path_buf(),
        error,
    };
    let stream = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(failed)?;
    let mut buffered = io::BufWriter::with_capacity(64 * 1024, stream);
    match write(&mut buffered) {
        Ok(()) => {}
        Err(ExportError::Write(error)) => return Err(failed(error).into()),
        Err(other) => return Err(other.into()),
    }
    buffered.into_inner().map_err(|e| failed(e.into_error()))?;
    Ok(())
}

/// Writes the file at `path` through `write` as [`store::file::write_atomic_shared`] writes
/// bytes: a temporary file beside it with a name nobody can guess (made `O_EXCL`, its mode
/// what the umask makes of 0666, as for any document the note-taker makes), fsync'd, renamed
/// over `path` (a link there is replaced, never followed), and the folder fsync'd. A failure
/// leaves no file (and whatever was at `path` as it was).
fn write_file(
    path: &Path,
    write: impl FnOnce(&mut io::BufWriter<WriteBehind<'_>>) -> Result<(), ExportError>,
) -> Result<()> {
    let failed = |error: io::Error| StoreError::Io {
        path: path.to_path_buf(),
        error,
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "minutes".into());
    let folder = store::file::folder_of(path);
    let temporary = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .rand_bytes(12)
        .permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666))
        .tempfile_in(&folder)
        .map_err(failed)?;
    // Most of a long export is on its way to disk before the fsync.
    let mut buffered =
        io::BufWriter::with_capacity(64 * 1024, WriteBehind::new(temporary.as_file()));
    match write(&mut buffered) {
        Ok(()) => {}
        Err(ExportError::Write(error)) => return Err(failed(error).into()),
        Err(other) => return Err(other.into()),
    }
    buffered.into_inner().map_err(|e| failed(e.into_error()))?;
    temporary.as_file().sync_all().map_err(failed)?;
    temporary.persist(path).map_err(|e| failed(e.error))?;
    File::open(&folder)
        .and_then(|dir| dir.sync_all())
        .map_err(failed)?;
    Ok(())
}

/// Hands the memory freed so far (the file read and its events: most of what reading took)
/// back to the system before the minutes are built and rendered. The allocator keeps
/// freed memory below what is still in use for itself; rendering would then add to it.
fn give_back_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free memory of the allocator's own heap; it takes no
    // pointer and has no precondition.
    unsafe {
        libc::malloc_trim(0);
    }
}
