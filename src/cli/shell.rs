//! What scribe says about itself for the shell: the settings file (where, whether it reads
//! well, a commented default), completion scripts and the manual page, all made from the same
//! command line clap parses, so they never disagree with it.

use std::io::{self, Write};

use anyhow::{Result, anyhow};

use crate::config::{DEFAULT_FILE, Settings};
use crate::text::printable_path as shown;

use super::out::{Closed, is_closed, print, tell};

/// `scribe config`: the default file (`--default`), the path (`--path`), or both the path and
/// what scribe makes of the file there.
pub(super) fn config(default: bool, path_only: bool) -> Result<()> {
    if default {
        let file = format!("{DEFAULT_FILE}{}", crate::input::keymap::actions_comment());
        return write_out(file.as_bytes());
    }
    let Some(path) = crate::config::path() else {
        return Err(anyhow!(
            "this system has no config folder for scribe: set SCRIBE_CONFIG to a file"
        ));
    };
    if path_only {
        return print(&shown(&path));
    }
    print(&shown(&path))?;
    if !path.exists() {
        tell(
            "No settings file there: scribe uses the defaults (`scribe config --default` prints them).",
        );
        return Ok(());
    }
    let (settings, mut problems) = Settings::load(&path);
    // What only the console would find out: keys, action names and colours it cannot use.
    problems.extend(crate::input::keymap::Keymap::with(&settings.keys).1);
    let theme = crate::theme::Theme::named(settings.theme, true);
    problems.extend(theme.with_colors(&settings.colors).1);
    if problems.is_empty() {
        tell("The settings read well.");
    } else {
        for problem in &problems {
            tell(&format!("scribe: {problem}"));
        }
        return Err(anyhow!(
            "{} has {} problem{} (what could not be read is left at its default)",
            shown(&path),
            problems.len(),
            if problems.len() == 1 { "" } else { "s" }
        ));
    }
    Ok(())
}

/// `scribe completions SHELL`: the script on standard output.
pub(super) fn completions(shell: clap_complete::Shell) -> Result<()> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut super::command(), "scribe", &mut script);
    write_out(&script)
}

/// `scribe man`: the manual page, roff, on standard output.
pub(super) fn man() -> Result<()> {
    let mut page = Vec::new();
    clap_mangen::Man::new(super::command())
        .render(&mut page)
        .map_err(|e| anyhow!(e).context("cannot make the manual page"))?;
    write_out(&page)
}

/// Writes bytes of our own making to standard output; a closed stream is [`Closed`].
fn write_out(bytes: &[u8]) -> Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(|e| {
            if is_closed(&e) {
                anyhow!(Closed)
            } else {
                anyhow!(e).context("cannot write to standard output")
            }
        })
}
