//! When events could not be written to the meeting's files by the time scribe stops: say so,
//! and write the whole meeting somewhere else — where the note-taker says, or beside the
//! meeting, or in the temporary folder.

use std::io::{self, BufRead};
use std::path::{Path, PathBuf};

use anyhow::Result;

use super::terminal::{ask, say};
use crate::store::file::{to_ron, write_new, write_unique};
use crate::text::printable_path as shown;

/// Is anything (a file, a link, even a dangling one) at `path`?
fn taken(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// Events could not be written to the meeting's files: write the whole meeting elsewhere.
/// Asks where when someone is there to answer; otherwise tries beside the meeting, then the
/// temporary folder.
pub fn rescue(
    path: &Path,
    events: &[crate::meeting::Stamped],
    unsaved: usize,
    error: &str,
    interactive: bool,
) -> Result<()> {
    say(
        &mut io::stderr(),
        &format!(
            "scribe could not save the last {unsaved} events to {}: {error}",
            shown(path)
        ),
    );
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "meeting.ron".into());
    let beside = path.with_file_name(format!("{name}.rescued"));
    let bytes = to_ron(events);
    if interactive {
        let stdin = io::stdin();
        let mut lines = stdin.lock().lines();
        loop {
            ask(&format!(
                "Write the whole meeting to another file (empty: {}): ",
                shown(&beside)
            ));
            let Some(Ok(answer)) = lines.next() else {
                break;
            };
            let answer = answer.trim();
            if answer.is_empty() {
                break;
            }
            let target = PathBuf::from(answer);
            if taken(&target) {
                say(
                    &mut io::stderr(),
                    &format!("{} exists; choose another name.", shown(&target)),
                );
                continue;
            }
            match write_new(&target, bytes.as_bytes()) {
                Ok(()) => return rescued(&target),
                Err(e) => say(
                    &mut io::stderr(),
                    &format!("Cannot write there either: {e}"),
                ),
            }
        }
    }
    // Beside the meeting, never replacing anything there; else in the temporary folder,
    // under a name nobody can guess (a shared folder: someone may have planted one).
    if !taken(&beside) && write_new(&beside, bytes.as_bytes()).is_ok() {
        return rescued(&beside);
    }
    let prefix = format!("scribe-rescued-{name}-");
    if let Ok(target) = write_unique(&std::env::temp_dir(), &prefix, bytes.as_bytes()) {
        return rescued(&target);
    }

    Err(anyhow::anyhow!(
        "the meeting could not be saved anywhere: {error}"
    ))
}

fn rescued(target: &Path) -> Result<()> {
    say(
        &mut io::stderr(),
        &format!(
            "The whole meeting was written to {}; `scribe open {}` continues it.",
            shown(target),
            shown(target)
        ),
    );
    Err(anyhow::anyhow!(
        "the meeting was saved to {} instead",
        shown(target)
    ))
}
