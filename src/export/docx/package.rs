//! The OPC package around the body: the parts' content types, the relationships between them,
//! the document properties, and the zip (deflated, with a fixed time so the same minutes give
//! the same bytes). Knows nothing of the minutes beyond their title and language.

use std::io::{Cursor, Write};

use zip::CompressionMethod;
use zip::write::{SimpleFileOptions, ZipWriter};

use super::escape_into;
use crate::export::ExportError;

pub const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
pub const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

pub const REL_OFFICE_DOCUMENT: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
pub const REL_STYLES: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles";
pub const REL_NUMBERING: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering";
pub const REL_HEADER: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header";
pub const REL_FOOTER: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer";

pub const CT_MAIN: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
pub const CT_STYLES: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml";
pub const CT_NUMBERING: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml";
pub const CT_HEADER: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml";
pub const CT_FOOTER: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml";
pub const CT_CORE: &str = "application/vnd.openxmlformats-package.core-properties+xml";
pub const CT_APP: &str = "application/vnd.openxmlformats-officedocument.extended-properties+xml";
pub const CT_RELS: &str = "application/vnd.openxmlformats-package.relationships+xml";

/// One relationship of a part.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rel {
    pub id: String,
    pub kind: String,
    pub target: String,
    pub external: bool,
}

impl Rel {
    pub fn new(id: &str, kind: &str, target: &str) -> Rel {
        Rel {
            id: id.to_string(),
            kind: kind.to_string(),
            target: target.to_string(),
            external: false,
        }
    }
}

/// A `.rels` part.
pub fn relationships_xml(rels: &[Rel]) -> String {
    let mut xml = String::with_capacity(200 + rels.len() * 160);
    xml.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships \
         xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    );
    for rel in rels {
        xml.push_str("<Relationship Id=\"");
        escape_into(&mut xml, &rel.id);
        xml.push_str("\" Type=\"");
        escape_into(&mut xml, &rel.kind);
        xml.push_str("\" Target=\"");
        escape_into(&mut xml, &rel.target);
        xml.push('"');
        if rel.external {
            xml.push_str(" TargetMode=\"External\"");
        }
        xml.push_str("/>");
    }
    xml.push_str("</Relationships>");
    xml
}

/// `[Content_Types].xml`: content types by extension, and by part name (without the leading
/// slash).
pub fn content_types_xml(defaults: &[(String, String)], overrides: &[(String, String)]) -> String {
    let mut xml = String::with_capacity(400 + overrides.len() * 160);
    xml.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types \
         xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">",
    );
    for (extension, kind) in defaults {
        xml.push_str("<Default Extension=\"");
        escape_into(&mut xml, extension);
        xml.push_str("\" ContentType=\"");
        escape_into(&mut xml, kind);
        xml.push_str("\"/>");
    }
    for (part, kind) in overrides {
        xml.push_str("<Override PartName=\"/");
        escape_into(&mut xml, part);
        xml.push_str("\" ContentType=\"");
        escape_into(&mut xml, kind);
        xml.push_str("\"/>");
    }
    xml.push_str("</Types>");
    xml
}

/// The content types every package has by extension.
pub fn default_types() -> Vec<(String, String)> {
    vec![
        ("rels".to_string(), CT_RELS.to_string()),
        ("xml".to_string(), "application/xml".to_string()),
    ]
}

/// `_rels/.rels`: the document and its properties.
pub fn package_rels() -> String {
    relationships_xml(&[
        Rel::new("rId1", REL_OFFICE_DOCUMENT, "word/document.xml"),
        Rel::new(
            "rId2",
            "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
            "docProps/core.xml",
        ),
        Rel::new(
            "rId3",
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties",
            "docProps/app.xml",
        ),
    ])
}

/// `docProps/core.xml`: the title and the language.
pub fn core_xml(title: &str, lang: &str) -> String {
    let mut xml = String::with_capacity(600);
    xml.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties \
         xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>",
    );
    escape_into(&mut xml, title);
    xml.push_str("</dc:title><dc:creator>scribe</dc:creator><dc:language>");
    escape_into(&mut xml, lang);
    xml.push_str("</dc:language></cp:coreProperties>");
    xml
}

pub const APP: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"><Application>scribe</Application></Properties>";

/// `word/document.xml`: `root` is what goes in the root element's start tag besides the `w`
/// and `r` namespaces (a reference document's other namespaces).
pub fn document_xml(root: &str, body: &str, sect_pr: &str) -> String {
    let mut xml = String::with_capacity(body.len() + sect_pr.len() + 512);
    xml.push_str(&document_head(root));
    xml.push_str(body);
    xml.push_str(&document_tail(sect_pr));
    xml
}

/// What comes before the body in `word/document.xml` ([`document_xml`]).
pub fn document_head(root: &str) -> String {
    let mut xml = String::with_capacity(512);
    xml.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"",
    );
    xml.push_str(W_NS);
    xml.push_str("\" xmlns:r=\"");
    xml.push_str(R_NS);
    xml.push('"');
    xml.push_str(root);
    xml.push_str("><w:body>");
    xml
}

/// What comes after the body in `word/document.xml` ([`document_xml`]).
pub fn document_tail(sect_pr: &str) -> String {
    format!("{sect_pr}</w:body></w:document>")
}

/// Scribe's own page: A4, 2.5 cm margins at the sides, with its header and footer.
pub fn own_sect_pr(header: &str, footer: &str) -> String {
    format!(
        "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"{header}\"/><w:footerReference \
         w:type=\"default\" r:id=\"{footer}\"/><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar \
         w:top=\"1418\" w:right=\"1440\" w:bottom=\"1418\" w:left=\"1440\" w:header=\"709\" \
         w:footer=\"709\" w:gutter=\"0\"/></w:sectPr>"
    )
}

/// Zips the parts, in the order given.
pub fn zip(parts: &[(String, Vec<u8>)]) -> Result<Vec<u8>, ExportError> {
    let size: usize = parts.iter().map(|(_, data)| data.len()).sum();
    let mut zip = Zip::new(size / 4 + 1024);
    for (name, data) in parts {
        zip.part(name, data)?;
    }
    zip.finish()
}

/// A package being zipped in memory, part after part; a part can be written in pieces
/// ([`Zip::start`], then writes), so that it is never whole in memory. The deflater's output
/// depends on how its input is cut, so a part goes to it in pieces of [`Zip::PIECE`] bytes
/// whatever the writes were: the same parts give the same bytes however they are written.
pub struct Zip {
    writer: ZipWriter<Cursor<Vec<u8>>>,
    /// The start of the current part's next piece.
    pending: Vec<u8>,
}

impl Zip {
    /// How much of a part the deflater is given at a time.
    pub const PIECE: usize = 64 * 1024;

    pub fn new(capacity: usize) -> Zip {
        Zip {
            writer: ZipWriter::new(Cursor::new(Vec::with_capacity(capacity))),
            pending: Vec::new(),
        }
    }

    /// Starts the part `name`: what is written next is its content.
    pub fn start(&mut self, name: &str) -> Result<(), ExportError> {
        self.end_part()?;
        // A fixed modification time keeps the package the same for the same meeting.
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .last_modified_time(zip::DateTime::default());
        self.writer
            .start_file(name, options)
            .map_err(|e| ExportError::Docx(e.to_string()))
    }

    /// A whole part.
    pub fn part(&mut self, name: &str, data: &[u8]) -> Result<(), ExportError> {
        self.start(name)?;
        self.write_all(data)
            .map_err(|e| ExportError::Docx(e.to_string()))
    }

    /// The package's bytes.
    pub fn finish(mut self) -> Result<Vec<u8>, ExportError> {
        self.end_part()?;
        let cursor = self
            .writer
            .finish()
            .map_err(|e| ExportError::Docx(e.to_string()))?;
        Ok(cursor.into_inner())
    }

    /// Gives the deflater the current part's last piece.
    fn end_part(&mut self) -> Result<(), ExportError> {
        let last = std::mem::take(&mut self.pending);
        self.writer
            .write_all(&last)
            .map_err(|e| ExportError::Docx(e.to_string()))
    }
}

impl Write for Zip {
    fn write(&mut self, mut buf: &[u8]) -> std::io::Result<usize> {
        let written = buf.len();
        if !self.pending.is_empty() {
            let room = Zip::PIECE - self.pending.len();
            let (now, rest) = buf.split_at(room.min(buf.len()));
            self.pending.extend_from_slice(now);
            buf = rest;
            if self.pending.len() < Zip::PIECE {
                return Ok(written);
            }
            self.writer.write_all(&self.pending)?;
            self.pending.clear();
        }
        let mut pieces = buf.chunks_exact(Zip::PIECE);
        for piece in &mut pieces {
            self.writer.write_all(piece)?;
        }
        self.pending.extend_from_slice(pieces.remainder());
        Ok(written)
    }

    /// Nothing: a flush of the deflater would change its output. What is written reaches it
    /// a piece at a time, and the rest when the part ends.
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Whether a relationship type is `of`, compared by its last segment so that strict OOXML's
/// namespace matches too.
pub fn is_rel(kind: &str, of: &str) -> bool {
    kind.rsplit('/').next() == of.rsplit('/').next()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A part's bytes go to the deflater in the same pieces however they were written (whole,
    /// a byte at a time, in odd lengths across the pieces' edges), so the package is the same.
    #[test]
    fn a_part_gives_the_same_bytes_however_it_is_written() {
        let text: Vec<u8> = (0..3 * Zip::PIECE + 517)
            .map(|i| b"<w:p>minutes of the meeting</w:p>"[i % 33] ^ (i / 4099) as u8)
            .collect();
        let package = |cut: &dyn Fn(&[u8]) -> Vec<&[u8]>| {
            let mut zip = Zip::new(0);
            zip.part("a.xml", b"first").unwrap();
            zip.start("word/document.xml").unwrap();
            for piece in cut(&text) {
                zip.write_all(piece).unwrap();
                zip.flush().unwrap();
            }
            zip.part("z.xml", b"last").unwrap();
            zip.finish().unwrap()
        };
        let whole = package(&|t| vec![t]);
        for size in [1, 7, 1_000, Zip::PIECE - 1, Zip::PIECE, Zip::PIECE + 3] {
            assert!(
                package(&|t| t.chunks(size).collect()) == whole,
                "written in pieces of {size}"
            );
        }
        let mut archive = zip::ZipArchive::new(Cursor::new(whole)).unwrap();
        let mut document = Vec::new();
        std::io::Read::read_to_end(
            &mut archive.by_name("word/document.xml").unwrap(),
            &mut document,
        )
        .unwrap();
        assert!(document == text);
    }
}
