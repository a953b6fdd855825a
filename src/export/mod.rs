//! Export: a meeting as minutes, in the shape of the real minutes the product is modelled on
//! (title block, list of attendees, each agenda item with the chair's introduction and the
//! discussion, action points, decisions, the closing time), as Markdown, HTML, plain text or
//! DOCX. It exists so that the command line and the console write the same minutes from the
//! same folded [`Meeting`].
//!
//! It is pure: it reads a [`Meeting`] and returns bytes. It never touches the screen, never
//! writes a file, and reads nothing from disk but override templates from the folder the
//! caller passes in [`Options::templates`]. It never trusts the text it is given: every string
//! passes through [`crate::text`] again on its way out, and the finished Markdown, HTML and
//! text pass through [`crate::text::clean`] once more, so no control character, escape
//! sequence or bidi override reaches an export, whatever a meeting file or a template holds.
//!
//! # How it works
//!
//! [`model::build`] turns the meeting into a format-neutral [`Minutes`]; each format renders
//! that. Markdown, HTML and text are laid out by minijinja templates (`assets/templates/`,
//! built in; a file of the same name in the override folder wins), and escaping is done in
//! Rust by the template engine so a template author cannot forget it. DOCX is written in Rust.
//!
//! # Decisions
//!
//! - **Sections.** Each entry goes under the item that was current when it was recorded.
//!   Entries recorded before any item was taken up go to an *Opening* section before the first
//!   item. Items that were never discussed keep their heading, with nothing under it.
//! - **The chair's introduction** of a section is its leading run of the chair's statements
//!   and of notes, before anyone else speaks (and before the first decision). It is rendered
//!   as narrative without a label, one bullet per paragraph, as in the seed minutes. Without a
//!   chair there is no introduction. Whatever follows is the *Discussion*.
//! - **Labels and merging.** A statement is labelled as its speaker stood when it was
//!   recorded ([`crate::meeting::Voice::label`]):
//!   `Name (LABEL)`, `Name`, or the chair's capacity. Consecutive statements by the same
//!   speaker share one label: the first paragraph carries it, the following ones stand
//!   unlabelled below (as the seed does for the Executive Coordinator). A note or a decision
//!   in between ends the run.
//! - **Notes** are narrative paragraphs; **decisions** stay in the flow, marked "Decision:",
//!   and are listed again, numbered, in a closing *Decisions* summary. **Actions** are not
//!   repeated in the flow: they are listed under *Action Points* with owner, text, due date
//!   and the item they were agreed under.
//! - **Text.** Corrected entries show their corrected text. A multi-line entry becomes one
//!   paragraph per non-empty line (in lists and tables, line breaks).
//! - **`--times`** puts the time each entry was recorded (`10:03`, in the meeting's own UTC
//!   offset) before its first paragraph, and on action points and decisions.
//! - **`--stats`** adds *Statistics*: the meeting's duration (first item taken up to the
//!   close); per attendee who spoke, the speaking time (time holding the floor, from
//!   `/floor`/`/ack` to the next floor change, `/yield`, `/item` or `/close`), the number of
//!   interventions (runs of consecutive statements: one labelled block of the discussion, or
//!   the chair's introduction) and of statements; per item, the time it was under discussion,
//!   its interventions and the number of distinct speakers. Statements recorded as `Name:`
//!   while someone else held the floor count as interventions but add no speaking time.

pub mod docx;
pub mod html;
pub mod markdown;
pub mod model;
mod template;
pub mod text;

use std::path::PathBuf;

use thiserror::Error;

use crate::meeting::Meeting;

pub use model::Minutes;

/// An export format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Markdown,
    Html,
    Text,
    Docx,
}

impl Format {
    /// Every format, in the order they are offered.
    pub const ALL: [Format; 4] = [Format::Markdown, Format::Html, Format::Text, Format::Docx];

    /// The format for a name as typed after `--format` or `/export`: `md`, `html`, `txt`,
    /// `docx` (also `markdown`, `htm`, `text`), in any case.
    pub fn from_name(name: &str) -> Option<Format> {
        match name.trim().to_ascii_lowercase().as_str() {
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" => Some(Format::Html),
            "txt" | "text" => Some(Format::Text),
            "docx" => Some(Format::Docx),
            _ => None,
        }
    }

    /// The file extension, without the dot; also the format's short name.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Text => "txt",
            Format::Docx => "docx",
        }
    }

    /// The built-in template of the format as (file name, text), for showing or copying into
    /// the override folder; `None` for DOCX, which has no template.
    pub fn builtin_template(self) -> Option<(&'static str, &'static str)> {
        let builtin = match self {
            Format::Markdown => &template::MARKDOWN,
            Format::Html => &template::HTML,
            Format::Text => &template::TEXT,
            Format::Docx => return None,
        };
        Some((builtin.name, builtin.source))
    }
}

/// How to export.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// A timestamp on each entry.
    pub times: bool,
    /// Speaking time per attendee, time per item, number of interventions.
    pub stats: bool,
    /// A folder whose `minutes.md.j2`, `minutes.html.j2` and `minutes.txt.j2` replace the
    /// built-in templates (the caller passes the user's config directory). A missing folder or
    /// file means the built-in template.
    pub templates: Option<PathBuf>,
}

/// Why an export failed. The messages name the template file and line to fix.
#[derive(Debug, Error)]
pub enum ExportError {
    #[error("{file}{}: {message}", at_line(.line))]
    Template {
        file: String,
        line: Option<usize>,
        message: String,
    },
    #[error("cannot read the template {}: {source}", .path.display())]
    ReadTemplate {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot build the DOCX file: {0}")]
    Docx(String),
}

fn at_line(line: &Option<usize>) -> String {
    line.map(|l| format!(", line {l}")).unwrap_or_default()
}

/// The minutes of `meeting` in `format`, as the bytes of a file.
pub fn export(
    meeting: &Meeting,
    format: Format,
    options: &Options,
) -> Result<Vec<u8>, ExportError> {
    let minutes = model::build(
        meeting,
        model::Detail {
            times: options.times,
            stats: options.stats,
        },
    );
    render(&minutes, format, options)
}

/// Renders minutes already built (the model can be inspected or adjusted first).
pub fn render(
    minutes: &Minutes,
    format: Format,
    options: &Options,
) -> Result<Vec<u8>, ExportError> {
    let overrides = options.templates.as_deref();
    let text = match format {
        Format::Markdown => markdown::render(minutes, overrides)?,
        Format::Html => html::render(minutes, overrides)?,
        Format::Text => text::render(minutes, overrides)?,
        Format::Docx => return docx::render(minutes),
    };
    let mut out = crate::text::clean(&text);
    out.push('\n');
    Ok(out.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_name_and_extension() {
        for format in Format::ALL {
            assert_eq!(Format::from_name(format.extension()), Some(format));
        }
        assert_eq!(Format::from_name(" Markdown "), Some(Format::Markdown));
        assert_eq!(Format::from_name("pdf"), None);
        assert!(Format::Docx.builtin_template().is_none());
        assert_eq!(
            Format::Html.builtin_template().map(|(name, _)| name),
            Some("minutes.html.j2")
        );
    }

    #[test]
    fn template_errors_name_the_file_and_line() {
        let err = ExportError::Template {
            file: "/home/a/minutes.md.j2".into(),
            line: Some(3),
            message: "syntax error: unexpected end of input".into(),
        };
        assert_eq!(
            err.to_string(),
            "/home/a/minutes.md.j2, line 3: syntax error: unexpected end of input"
        );
    }
}
