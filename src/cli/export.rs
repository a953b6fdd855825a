//! `scribe export`: the minutes of a meeting, with the note-taker's templates (or the built-in
//! ones when theirs cannot be read).

use std::io::{self, Write};
use std::path::PathBuf;

use anyhow::{Context, Result, anyhow};

use crate::export::{ExportError, Format, Options as ExportOptions};
use crate::meeting::Meeting;
use crate::store;
use crate::text::printable_path as shown;

use crate::clock::Clock;

use super::args::ExportArgs;
use super::find::{meeting_path, read_meeting, templates_dir};
use super::out::{Closed, is_closed, tell};

/// Exports with the note-taker's templates; when their folder cannot be read, with the
/// built-in ones, saying so.
pub(super) fn export(meeting: &Meeting, format: Format, options: ExportOptions) -> Result<Vec<u8>> {
    match crate::export::export(meeting, format, &options) {
        Err(ExportError::ReadTemplate { path, source }) => {
            tell(&format!(
                "scribe: cannot read the template {} ({}): using the built-in template",
                shown(&path),
                store::file::describe(&source)
            ));
            let builtin = ExportOptions {
                templates: None,
                ..options
            };
            Ok(crate::export::export(meeting, format, &builtin)?)
        }
        other => Ok(other?),
    }
}

/// `scribe export`: writes the minutes where asked (standard output for `-o -`, and for md,
/// html and txt without `-o`).
pub(super) fn run(dir: Option<PathBuf>, asks: ExportArgs, clock: &Clock) -> Result<()> {
    let path = meeting_path(dir, &asks.meeting)?;
    let events = read_meeting(&path).context("cannot export it")?;
    let options = ExportOptions {
        times: asks.times,
        stats: asks.stats,
        numbered: asks.numbered,
        templates: templates_dir(),
        language: asks.lang,
        status: asks.status,
        symbol: asks.symbol,
        issued: asks.issued.or_else(|| Some(clock.now().date_naive())),
        approved: asks.approved,
        prepared_by: asks.prepared_by,
        decision_numbers: asks.decision_numbers,
        meeting_number: asks.meeting_number,
        reference_doc: asks.reference_doc,
    };
    let bytes = export(&Meeting::fold(&events), asks.format, options)?;
    // `-o -` is standard output.
    let output = match asks.output {
        Some(out) if out.as_os_str() == "-" => None,
        Some(out) => Some(out),
        None => (asks.format == Format::Docx).then(|| path.with_extension(asks.format.extension())),
    };
    match output {
        Some(out) => {
            store::file::write_atomic_shared(&out, &bytes)?;
            tell(&format!("Minutes written to {}", shown(&out)));
        }
        None => {
            let mut stdout = io::stdout().lock();
            match stdout.write_all(&bytes).and_then(|()| stdout.flush()) {
                Err(e) if is_closed(&e) => return Err(anyhow!(Closed)),
                other => other.context("cannot write to standard output")?,
            }
        }
    }
    Ok(())
}
