//! Minutes as a Word document (DOCX) that opens in Word and LibreOffice with real heading styles
//! (`Title`, `Heading 1`, `Heading 2`, so the navigation pane and a table of contents work),
//! real lists (bullets and numbering from `numbering.xml`), bold speaker labels, tables for the
//! action points and the statistics, a running header on every page (the symbol, and "DRAFT"
//! on a draft) and "Page N of M" in the footer. The WordprocessingML is written here by hand and
//! zipped with deflate: a few hundred lines instead of a DOCX library and its dependency tree.
//!
//! - [`body`] writes the body from the format-neutral [`Minutes`];
//! - [`styles`] holds scribe's styles and list definitions;
//! - [`page`] writes the running header and the page footer;
//! - [`package`] assembles the parts, their content types and relationships, and zips them;
//! - [`reference`] puts the body into the user's own Word document (`--reference-doc`, or
//!   `reference.docx` in the config folder), keeping its styles, page set-up, header, footer
//!   and letterhead.
//!
//! Every string from the meeting is XML-escaped on its way into a part.

pub mod body;
pub mod package;
pub mod page;
pub mod reference;
pub mod styles;

use std::io::Write;
use std::path::Path;

use super::model::{Minutes, Section};
use super::{ExportError, alongside};
use package::{CT_APP, CT_CORE, CT_FOOTER, CT_HEADER, CT_MAIN, CT_NUMBERING, CT_STYLES, Rel};
use styles::{Numbering, StyleMap};

pub use super::html::escape_into;

/// Builds the DOCX package of the minutes, in the reference document at `reference` if given.
pub fn render(minutes: &Minutes, reference: Option<&Path>) -> Result<Vec<u8>, ExportError> {
    let parts = match reference {
        None => own_package(minutes),
        Some(path) => {
            let error = |message: String| ExportError::Reference {
                path: path.to_path_buf(),
                message,
            };
            let bytes = std::fs::read(path).map_err(|e| error(e.to_string()))?;
            reference::Reference::read(&bytes)
                .and_then(|r| r.package(minutes))
                .map_err(error)?
        }
    };
    package::zip(&parts)
}

/// [`render`], written to `out`. Scribe's own package streams its document's XML into the zip
/// as it is written, deflated on another thread; a reference document's is made as [`render`]
/// makes it. The bytes are those of [`render`] ([`package::Zip`] cuts every part alike).
pub fn write<W: std::io::Write>(
    minutes: &Minutes,
    reference: Option<&Path>,
    mut out: W,
) -> Result<W, ExportError> {
    let bytes = match reference {
        None => own_zip(minutes)?,
        Some(_) => render(minutes, reference)?,
    };
    out.write_all(&bytes)
        .and_then(|()| out.flush())
        .map_err(ExportError::Write)?;
    Ok(out)
}

/// [`write`] in scribe's own package (no reference document) of minutes whose agenda items'
/// sections are given apart (`minutes.items` is not read): they may be arriving one at a time,
/// each written into the document when it comes and let go. The same bytes as [`write`].
pub fn write_with<W: std::io::Write, S: std::borrow::Borrow<Section>>(
    minutes: &Minutes,
    items: impl IntoIterator<Item = S>,
    mut out: W,
) -> Result<W, ExportError> {
    let bytes = own_zip_with(minutes, items)?;
    out.write_all(&bytes)
        .and_then(|()| out.flush())
        .map_err(ExportError::Write)?;
    Ok(out)
}

/// [`own_package`] zipped: the same parts, in the same order, so the same bytes.
fn own_zip(minutes: &Minutes) -> Result<Vec<u8>, ExportError> {
    own_zip_with(minutes, &minutes.items)
}

/// [`own_zip`] with the agenda items' sections given apart.
fn own_zip_with<S: std::borrow::Borrow<Section>>(
    minutes: &Minutes,
    items: impl IntoIterator<Item = S>,
) -> Result<Vec<u8>, ExportError> {
    let styles = StyleMap::default();
    let mut numbering = Numbering::new(0, 0);
    let sect_pr = package::own_sect_pr("rId3", "rId4");
    let header = page::header_part(&page::header_paragraphs(minutes, &styles, false));
    let footer = page::footer_part(&page::footer_paragraph(minutes, &styles, false));
    let mut zip = package::Zip::new(1 << 20);
    zip.part(
        "[Content_Types].xml",
        package::content_types_xml(&package::default_types(), &own_overrides()).as_bytes(),
    )?;
    zip.part("_rels/.rels", package::package_rels().as_bytes())?;
    zip.part(
        "docProps/core.xml",
        package::core_xml(&minutes.title, &minutes.lang).as_bytes(),
    )?;
    zip.part("docProps/app.xml", package::APP.as_bytes())?;
    // The document is deflated on another thread as it is written.
    zip.start("word/document.xml")?;
    let (written, zipped) = alongside::write_alongside(&mut zip, |document| {
        document.write_all(package::document_head("").as_bytes())?;
        body::write_body_with(minutes, items, &styles, &mut numbering, document)?;
        document.write_all(package::document_tail(&sect_pr).as_bytes())
    });
    zipped
        .and(written)
        .map_err(|e| ExportError::Docx(e.to_string()))?;
    zip.part(
        "word/styles.xml",
        styles::styles_xml(&minutes.lang).as_bytes(),
    )?;
    zip.part("word/numbering.xml", numbering.xml().as_bytes())?;
    zip.part("word/header1.xml", header.as_bytes())?;
    zip.part("word/footer1.xml", footer.as_bytes())?;
    zip.part(
        "word/_rels/document.xml.rels",
        package::relationships_xml(&own_rels()).as_bytes(),
    )?;
    zip.finish()
}

/// The relationships of scribe's own `document.xml`.
fn own_rels() -> [Rel; 4] {
    [
        Rel::new("rId1", package::REL_STYLES, "styles.xml"),
        Rel::new("rId2", package::REL_NUMBERING, "numbering.xml"),
        Rel::new("rId3", package::REL_HEADER, "header1.xml"),
        Rel::new("rId4", package::REL_FOOTER, "footer1.xml"),
    ]
}

/// The content types of scribe's own parts.
fn own_overrides() -> Vec<(String, String)> {
    [
        ("word/document.xml", CT_MAIN),
        ("word/styles.xml", CT_STYLES),
        ("word/numbering.xml", CT_NUMBERING),
        ("word/header1.xml", CT_HEADER),
        ("word/footer1.xml", CT_FOOTER),
        ("docProps/core.xml", CT_CORE),
        ("docProps/app.xml", CT_APP),
    ]
    .iter()
    .map(|(part, kind)| (part.to_string(), kind.to_string()))
    .collect()
}

/// Scribe's own package: its styles, lists, header and footer.
fn own_package(minutes: &Minutes) -> Vec<(String, Vec<u8>)> {
    let styles = StyleMap::default();
    let mut numbering = Numbering::new(0, 0);
    let body = body::body(minutes, &styles, &mut numbering);
    let sect_pr = package::own_sect_pr("rId3", "rId4");
    let document = package::document_xml("", &body, &sect_pr);
    let header = page::header_part(&page::header_paragraphs(minutes, &styles, false));
    let footer = page::footer_part(&page::footer_paragraph(minutes, &styles, false));
    let rels = own_rels();
    let overrides = own_overrides();
    let parts: [(&str, String); 10] = [
        (
            "[Content_Types].xml",
            package::content_types_xml(&package::default_types(), &overrides),
        ),
        ("_rels/.rels", package::package_rels()),
        (
            "docProps/core.xml",
            package::core_xml(&minutes.title, &minutes.lang),
        ),
        ("docProps/app.xml", package::APP.to_string()),
        ("word/document.xml", document),
        ("word/styles.xml", styles::styles_xml(&minutes.lang)),
        ("word/numbering.xml", numbering.xml()),
        ("word/header1.xml", header),
        ("word/footer1.xml", footer),
        (
            "word/_rels/document.xml.rels",
            package::relationships_xml(&rels),
        ),
    ];
    parts
        .into_iter()
        .map(|(name, text)| (name.to_string(), text.into_bytes()))
        .collect()
}
