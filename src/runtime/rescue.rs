//! When events could not be written to the meeting's files by the time scribe stops: say so,
//! and write the whole meeting somewhere else — where the note-taker says, or beside the
//! meeting, or in the temporary folder.

use std::io::{self, BufRead};
use std::path::{Path, PathBuf};

use anyhow::Result;

use super::terminal::{ask, say};
use crate::store;

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
            path.display()
        ),
    );
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "meeting.ron".into());
    let fallbacks = [
        path.with_file_name(format!("{name}.rescued")),
        std::env::temp_dir().join(format!("scribe-rescued-{name}")),
    ];
    if interactive {
        let stdin = io::stdin();
        let mut lines = stdin.lock().lines();
        loop {
            ask(&format!(
                "Write the whole meeting to another file (empty: {}): ",
                fallbacks[0].display()
            ));
            let Some(Ok(answer)) = lines.next() else {
                break;
            };
            let answer = answer.trim();
            if answer.is_empty() {
                break;
            }
            let target = PathBuf::from(answer);
            if target.exists() {
                say(
                    &mut io::stderr(),
                    &format!("{} exists; choose another name.", target.display()),
                );
                continue;
            }
            match store::save(&target, events) {
                Ok(()) => return rescued(&target),
                Err(e) => say(
                    &mut io::stderr(),
                    &format!("Cannot write there either: {e}"),
                ),
            }
        }
    }
    for target in fallbacks {
        if !target.exists() && store::save(&target, events).is_ok() {
            return rescued(&target);
        }
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
            target.display(),
            target.display()
        ),
    );
    Err(anyhow::anyhow!(
        "the meeting was saved to {} instead",
        target.display()
    ))
}
