//! Export: a meeting as minutes a secretariat can circulate, in the shape of the real minutes
//! the product is modelled on (`../shared/reference/seed-minutes.md`), as Markdown, HTML, plain
//! text or DOCX. It exists so that the command line and the console write the same minutes from
//! the same folded [`Meeting`].
//!
//! It is pure but for what the user keeps in their config folder: it reads a [`Meeting`] and
//! returns bytes, never touches the screen, never writes a file, and reads nothing from disk but
//! override templates, message catalogues (`i18n/CODE.ron`) and a reference DOCX, from the
//! folder the caller passes in [`Options::templates`] (or the reference named in
//! [`Options::reference_doc`]). It never trusts the text it is given: every string passes
//! through [`crate::text`] again on its way out, and the finished Markdown, HTML and text pass
//! through [`crate::text::clean`] once more, so no control character, escape sequence or bidi
//! override reaches an export, whatever a meeting file, a catalogue or a template holds.
//!
//! # How it works
//!
//! [`model::build`] turns the meeting into a format-neutral [`Minutes`], reading the meeting
//! through [`source`] (one function per datum) and taking every word the meeting did not supply
//! from the language's [`i18n::Catalogue`]; each format renders that. Markdown, HTML and text
//! are laid out by minijinja templates (`assets/templates/`, built in; a file of the same name
//! in the override folder wins), and escaping is done in Rust by the template engine so a
//! template author cannot forget it. DOCX is written in Rust ([`docx`]), into the user's
//! reference document when there is one.
//!
//! [`write_meeting`] (what `scribe export` and the console use) makes the minutes as it writes
//! them, on up to three threads: one builds the agenda items' sections and hands each on as it
//! is built (`build::start`); the template renders on another, reading the sections through
//! views rather than copies (`values`), while the calling thread finishes each line and
//! writes it (`alongside`, `stream`); a DOCX's document is written a section at a time
//! while another thread deflates it (`alongside::write_alongside`). The
//! bytes are those of [`minutes`] then [`render`], which tests check format by format.
//!
//! # Decisions
//!
//! - **The document's parts, in the order such minutes use:** a running line (the draft mark
//!   and the symbol), the title block (title, subtitle, date, place, symbol, status, date of
//!   issue), *In the chair* (the chair's name: their capacity is in the attendance), the
//!   attendance by group with joined/left times, regrets, the adopted agenda, "The meeting was
//!   called to order at", the items, the action points (a table: number, owner, action, due,
//!   item, status), the decisions (numbered, with the motion they carried), "The meeting rose
//!   at", *Prepared by*, and for final minutes an approval block with signature lines; with
//!   `--stats` a statistics annex. A part with nothing to show is left out.
//! - **Sections.** Each entry goes under the item that was current when it was recorded.
//!   Entries recorded before any item was taken up go to an *Opening* section before the first
//!   item. Items that were never discussed keep their heading, with nothing under it. Struck
//!   entries are left out.
//! - **The chair's introduction** of a section is its leading run of the chair's statements
//!   and of notes, before anyone else speaks (and before the first decision). It is rendered
//!   as narrative without a label, one bullet per paragraph, as in the seed minutes. Without a
//!   chair there is no introduction. Whatever follows is the *Discussion*.
//! - **Labels and merging.** A statement is labelled as its speaker stood when it was recorded
//!   ([`crate::meeting::Voice::label`]): `Name (LABEL)`, `Name`, or the chair's capacity; labels are bold in every format (HTML
//!   `<strong>`). Consecutive statements by the same speaker share one label: the first
//!   paragraph carries it, the following ones stand unlabelled below (as the seed does for the
//!   Executive Coordinator). A note or a decision in between ends the run.
//! - **Notes** are narrative paragraphs; **decisions** stay in the flow, marked "Decision 12/1",
//!   and are listed again in a closing *Decisions* summary, numbered `{meeting}/{n}` when the
//!   meeting's number is known (`--meeting-number`, or the title's leading ordinal: "12th
//!   Meeting") and `{n}` otherwise, or by the user's `--decision-numbers` pattern.
//!   **Actions** are not repeated in the flow: they are listed under *Action Points*.
//! - **Text.** Corrected entries show their corrected text. A multi-line entry becomes one
//!   paragraph per non-empty line; lines typed as list items (`- `, `* `, `1. `) become a list
//!   under the paragraph before them, in every format. A one-line entry is always text.
//! - **`--numbered`** numbers every paragraph of the items across the document, as UN minutes
//!   do (list items belong to their paragraph).
//! - **Languages.** Every label, date and time comes from the catalogue of `--lang` (English by
//!   default; English and French ship; `i18n/CODE.ron` in the config folder adds or overrides
//!   one). The HTML `lang` and the DOCX `w:lang` follow.
//! - **Draft and final.** A draft is marked on every page: the DOCX page header, the top
//!   margin of every printed HTML page (CSS paged-media margin boxes, with the symbol and "Page
//!   N of M"; a banner on screen), a line at the top of Markdown and text. Final minutes get
//!   the approval block. The DOCX footer numbers pages "Page N of M" with Word's fields.
//!   Chromium misplaces a `position: fixed` element when printing (it lands at the foot of the
//!   page, over the text), so the HTML does not use one.
//! - **`--times`** puts the time each entry was recorded (`10:03`, in the meeting's own UTC
//!   offset) before its first paragraph, and on action points and decisions.
//! - **`--stats`** adds *Statistics*: the meeting's duration (first item taken up to the
//!   close); per attendee who spoke, the speaking time (time holding the floor, from
//!   `/floor`/`/ack` to the next floor change, `/yield`, `/item` or `/close`), the number of
//!   interventions (runs of consecutive statements: one labelled block of the discussion, or
//!   the chair's introduction) and of statements; per item, the time it was under discussion,
//!   its interventions and the number of distinct speakers. Statements recorded as `Name:`
//!   while someone else held the floor count as interventions but add no speaking time.

mod alongside;
pub mod args;
mod build;
pub mod docx;
pub mod html;
pub mod i18n;
pub mod markdown;
pub mod model;
pub mod numbers;
pub mod source;
mod stream;
mod template;
pub mod text;
mod values;

use std::path::PathBuf;

use chrono::NaiveDate;
use thiserror::Error;

use crate::meeting::Meeting;

pub use i18n::Catalogue;
pub use model::{DocStatus, Minutes};

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

/// How to export. The default is the plain minutes in English, with no document frame.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// A timestamp on each entry.
    pub times: bool,
    /// Speaking time per attendee, time per item, number of interventions.
    pub stats: bool,
    /// Numbered paragraphs, as UN minutes use.
    pub numbered: bool,
    /// The user's config folder: its `minutes.md.j2`, `minutes.html.j2` and `minutes.txt.j2`
    /// replace the built-in templates, its `i18n/CODE.ron` add or change languages, and its
    /// `reference.docx` gives the DOCX its house style. A missing folder or file means the
    /// built-in one.
    pub templates: Option<PathBuf>,
    /// The language of the minutes (`en`, `fr`, or a code with a catalogue in the config
    /// folder); English when `None`. The console passes the meeting's or the config's default.
    pub language: Option<String>,
    /// Draft or final; `None` prints no status.
    pub status: Option<DocStatus>,
    /// The document symbol ("WG.12/2026/1").
    pub symbol: Option<String>,
    /// The date of issue.
    pub issued: Option<NaiveDate>,
    /// When final minutes were approved (the approval block leaves a line without it).
    pub approved: Option<NaiveDate>,
    /// The minute-takers, for "Prepared by" and the signature lines.
    pub prepared_by: Vec<String>,
    /// How decisions are numbered: a pattern of `{meeting}`, `{n}`, `{item}`, `{year}` (see
    /// [`numbers::DecisionNumbers`]); `None` for `{meeting}/{n}` or `{n}`.
    pub decision_numbers: Option<String>,
    /// The meeting's number in its series, when the title does not start with it.
    pub meeting_number: Option<u32>,
    /// A Word document whose styles, page set-up, header, footer and letterhead the DOCX takes
    /// (as pandoc's `--reference-doc`); `None` for `reference.docx` in the config folder, if
    /// there is one.
    pub reference_doc: Option<PathBuf>,
}

/// Why an export failed. The messages name the file and line to fix.
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
    #[error("no labels for the language '{language}': scribe ships en and fr{}", looked_in_hint(.looked_in))]
    Language {
        language: String,
        looked_in: Option<PathBuf>,
    },
    #[error("the language file {} cannot be used: {message}", .path.display())]
    Catalogue { path: PathBuf, message: String },
    #[error("decision numbers: {0}")]
    DecisionNumbers(String),
    #[error("the reference document {} cannot be used: {message}", .path.display())]
    Reference { path: PathBuf, message: String },
    #[error("cannot build the DOCX file: {0}")]
    Docx(String),
    /// Where the minutes were being written failed (a full disk, a closed pipe).
    #[error("cannot write the minutes: {0}")]
    Write(#[source] std::io::Error),
}

fn at_line(line: &Option<usize>) -> String {
    line.map(|l| format!(", line {l}")).unwrap_or_default()
}

fn looked_in_hint(path: &Option<PathBuf>) -> String {
    match path {
        Some(path) => format!(" (add {} to write the minutes in it)", path.display()),
        None => " (a language is a code such as en, fr or pt-BR)".to_string(),
    }
}

/// The minutes of `meeting` in `format`, as the bytes of a file.
pub fn export(
    meeting: &Meeting,
    format: Format,
    options: &Options,
) -> Result<Vec<u8>, ExportError> {
    write_meeting(meeting, format, options, Vec::new())
}

/// The minutes of `meeting` as a document, before any format (what [`write`] and [`render`]
/// render); the meeting is not needed after this.
pub fn minutes(meeting: &Meeting, options: &Options) -> Result<Minutes, ExportError> {
    let language = source::language(meeting, options);
    let catalogue = Catalogue::load(&language, options.templates.as_deref())?;
    model::build(meeting, options, &catalogue)
}

/// Whether the template of `format` can be read: [`ExportError::ReadTemplate`] when the
/// override folder has one that cannot (the error [`export`] and [`write`] would give), before
/// anything is built.
pub fn check_template(format: Format, options: &Options) -> Result<(), ExportError> {
    match format.builtin_template() {
        Some(_) => template::check(template_of(format), options.templates.as_deref()),
        None => Ok(()),
    }
}

fn template_of(format: Format) -> &'static template::Builtin {
    match format {
        Format::Markdown | Format::Docx => &template::MARKDOWN,
        Format::Html => &template::HTML,
        Format::Text => &template::TEXT,
    }
}

/// Writes minutes in `format` to `out` as they are rendered, and gives `out` back: the same
/// bytes as [`render`], without the whole document in memory (Markdown, HTML and text are
/// finished a line at a time on their way out; the agenda items' sections become template
/// values one at a time; a DOCX is zipped in memory, its body written into the zip as it is
/// made). Nothing is written before the template is read and compiled; a template that fails
/// half-way leaves what it rendered before in `out`. A failure of `out` itself is
/// [`ExportError::Write`].
pub fn write<W: std::io::Write>(
    mut minutes: Minutes,
    format: Format,
    options: &Options,
    out: W,
) -> Result<W, ExportError> {
    let Some((builtin, shape)) = templated(format) else {
        let written = docx::write(&minutes, reference_doc(options).as_deref(), out);
        let_go(minutes);
        return written;
    };
    let items = template::Sections::built(std::mem::take(&mut minutes.items));
    render_into(builtin, shape, options, minutes, items, out)
}

/// How many built sections may wait for the template (see [`write_meeting`]).
const SECTIONS_AHEAD: usize = 8;

/// [`write`] of the minutes of `meeting`, made as they are written: a thread builds the agenda
/// items' sections, each handed on when it is built (the writer waits for one it reaches
/// first). For a template, it renders on another thread, and this one finishes and writes the
/// output; a DOCX's document is written here, a section at a time. The same bytes as [`write`]
/// of [`minutes`]. Minutes with statistics (which count every section), and a DOCX in the
/// user's reference document, are built whole first.
pub fn write_meeting<W: std::io::Write>(
    meeting: &Meeting,
    format: Format,
    options: &Options,
    out: W,
) -> Result<W, ExportError> {
    if !builds_as_it_writes(format, options) {
        return write(minutes(meeting, options)?, format, options, out);
    }
    let language = source::language(meeting, options);
    let catalogue = Catalogue::load(&language, options.templates.as_deref())?;
    let Some((minutes, to_come)) = build::start(meeting, options, &catalogue)? else {
        let minutes = model::build(meeting, options, &catalogue)?;
        return write(minutes, format, options, out);
    };
    std::thread::scope(|scope| {
        let (sender, receiver) = std::sync::mpsc::sync_channel(SECTIONS_AHEAD);
        let count = to_come.len();
        // It stops when the writer is done with the sections (their receiver dropped).
        let builder = scope.spawn(move || to_come.each(|section| sender.send(section).is_ok()));
        let written = match templated(format) {
            Some((builtin, shape)) => {
                let items = template::Sections::arriving(count, receiver);
                render_into(builtin, shape, options, minutes, items, out)
            }
            None => docx::write_with(&minutes, receiver.iter().take(count), out),
        };
        if let Err(panic) = builder.join() {
            std::panic::resume_unwind(panic);
        }
        written
    })
}

/// Whether [`write_meeting`] builds the minutes while it writes them (without statistics, and
/// for DOCX in scribe's own package), and so reads the meeting until the end. Otherwise it
/// builds them whole first, as [`minutes`] then [`write`] do, which lets the caller drop the
/// meeting in between.
pub fn builds_as_it_writes(format: Format, options: &Options) -> bool {
    let template = templated(format).is_some();
    let own_docx = format == Format::Docx && reference_doc(options).is_none();
    (template || own_docx) && !options.stats
}

/// Drops `value` on a thread of its own: freeing a long meeting's minutes (or the meeting)
/// takes milliseconds that nothing needs to wait for, such as the output's fsync. (A program
/// that ends meanwhile loses nothing: the system takes the memory back.) When no thread can
/// be made, it is dropped here.
pub fn let_go<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new()
        .name("let-go".into())
        .spawn(move || drop(value));
}

/// The template and the finishing of a format made from a template (all but DOCX).
fn templated(format: Format) -> Option<(&'static template::Builtin, stream::Shape)> {
    match format {
        Format::Markdown => Some((&template::MARKDOWN, stream::Shape::Markdown)),
        Format::Html => Some((&template::HTML, stream::Shape::Plain)),
        Format::Text => Some((&template::TEXT, stream::Shape::Wrapped(text::WIDTH))),
        Format::Docx => None,
    }
}

/// Renders `minutes` with `builtin` (or the user's template of that name) on another thread,
/// finishing what it renders in `shape` into `out` on this one.
fn render_into<W: std::io::Write>(
    builtin: &'static template::Builtin,
    shape: stream::Shape,
    options: &Options,
    minutes: Minutes,
    items: template::Sections,
    out: W,
) -> Result<W, ExportError> {
    let overrides = options.templates.as_deref();
    let mut finisher = stream::Finisher::new(shape, out);
    let rendered = alongside::render_alongside(&mut finisher, |pieces| {
        template::render_to(builtin, overrides, minutes, items, pieces)
    });
    match rendered {
        Ok(()) => finisher.finish().map_err(ExportError::Write),
        Err(error) => Err(finisher.take_error().map_or(error, ExportError::Write)),
    }
}

/// Renders minutes already built (the model can be inspected, adjusted or made by hand first),
/// whole in memory: the text [`write`] streams, made the plain way.
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
        Format::Docx => return docx::render(minutes, reference_doc(options).as_deref()),
    };
    let mut out = cleaned(text);
    out.push('\n');
    Ok(out.into_bytes())
}

/// [`crate::text::clean`] of finished minutes, without its cost in the usual case: text with
/// no control character but line breaks and no bidi control (anything else, which only a
/// template or a catalogue could put there, goes through `clean` itself). Cleaning such text
/// only trims the end of each line and the blank lines at both ends, done here in one pass,
/// in place: the bytes are exactly `clean`'s.
fn cleaned(text: String) -> String {
    if crate::text::needs_cleaning(text.as_bytes()) {
        return crate::text::clean(&text);
    }
    let blank = |line: &str| line.trim().is_empty();
    let Some(first) = text.split('\n').position(|l| !blank(l)) else {
        return String::new();
    };
    let lines = text.bytes().filter(|&b| b == b'\n').count() + 1;
    let last = lines - 1 - text.rsplit('\n').position(|l| !blank(l)).unwrap_or(0);
    let mut bytes = text.into_bytes();
    let (mut write, mut read, mut line) = (0, 0, 0);
    // Lines as `split('\n')` gives them; what is kept is moved back over what is not (never
    // past the line being read).
    while read <= bytes.len() {
        let end = bytes[read..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |p| read + p);
        if (first..=last).contains(&line) {
            // Valid UTF-8: a line of a `String`, split at a newline.
            let kept =
                std::str::from_utf8(&bytes[read..end]).map_or(end - read, |l| l.trim_end().len());
            if line > first {
                bytes[write] = b'\n';
                write += 1;
            }
            bytes.copy_within(read..read + kept, write);
            write += kept;
        }
        read = end + 1;
        line += 1;
    }
    bytes.truncate(write);
    String::from_utf8(bytes).unwrap_or_default()
}

/// The reference DOCX to use: the one asked for, else `reference.docx` in the config folder.
fn reference_doc(options: &Options) -> Option<PathBuf> {
    options.reference_doc.clone().or_else(|| {
        options
            .templates
            .as_deref()
            .map(|dir| dir.join(DEFAULT_REFERENCE))
            .filter(|path| path.is_file())
    })
}

/// The name of the reference document in the config folder.
pub const DEFAULT_REFERENCE: &str = "reference.docx";

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

    /// The fast path gives exactly what `clean` gives, on text that takes it and on text that
    /// does not.
    #[test]
    fn finished_text_is_cleaned_exactly_as_clean_does() {
        let samples = [
            "",
            "\n\n",
            "  \n# Minutes  \n\nCôte d'Ivoire \u{a0}\n\n\n  indented\t\n \n",
            "one line",
            "trailing spaces   \nand\u{3000}\n\n",
            "\u{1b}[2Jescape\n",
            "c1 \u{9b}31m x\n",
            "bidi \u{202e}x\u{2066}y\u{061c}z\u{200e}\n",
            "cr\r\nlf\rx",
            "del\u{7f} and \u{85} next line",
            "日本語\n\n  \n終わり  ",
        ];
        for text in samples {
            assert_eq!(
                cleaned(text.to_string()),
                crate::text::clean(text),
                "{text:?}"
            );
            let takes_fast_path = !crate::text::needs_cleaning(text.as_bytes());
            let has_controls = text
                .chars()
                .any(|c| (c.is_control() && c != '\n') || crate::text::is_bidi_control(c));
            assert_eq!(takes_fast_path, !has_controls, "{text:?}");
        }
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
