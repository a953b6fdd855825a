//! Minutes as a Word document (DOCX) that opens in Word and LibreOffice with real heading styles
//! (`Title`, `Heading 1`, `Heading 2`, so the navigation pane and a table of contents work),
//! real lists (bullets and numbering from `numbering.xml`), bold speaker labels and tables for
//! the action points and the statistics. The WordprocessingML is written here by hand and
//! zipped with deflate: a few hundred lines instead of a DOCX library and its dependency tree.
//! Every string from the meeting is XML-escaped on its way into a part; the layout is fixed
//! (the house style of DOCX lives in Word's styles, which a user can change in the document).

use std::io::{Cursor, Write};

use zip::CompressionMethod;
use zip::write::{SimpleFileOptions, ZipWriter};

use super::ExportError;
use super::html::escape_into;
use super::model::{Block, BlockKind, Minutes, Paragraph, Section};

/// Builds the DOCX package of the minutes.
pub fn render(minutes: &Minutes) -> Result<Vec<u8>, ExportError> {
    let document = document(minutes);
    let mut core = String::with_capacity(512);
    core.push_str(CORE_START);
    escape_into(&mut core, &minutes.title);
    core.push_str(CORE_END);

    let parts: [(&str, &str); 8] = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", PACKAGE_RELS),
        ("docProps/core.xml", &core),
        ("docProps/app.xml", APP),
        ("word/document.xml", &document),
        ("word/styles.xml", STYLES),
        ("word/numbering.xml", NUMBERING),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS),
    ];
    let mut zip = ZipWriter::new(Cursor::new(Vec::with_capacity(document.len() / 4)));
    // A fixed modification time keeps the package the same for the same meeting.
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for (name, text) in parts {
        zip.start_file(name, options).map_err(package_error)?;
        zip.write_all(text.as_bytes())
            .map_err(|e| ExportError::Docx(e.to_string()))?;
    }
    let cursor = zip.finish().map_err(package_error)?;
    Ok(cursor.into_inner())
}

fn package_error(err: zip::result::ZipError) -> ExportError {
    ExportError::Docx(err.to_string())
}

/// Numbering instances of `numbering.xml`.
const BULLETS: u32 = 1;
const NUMBERED: u32 = 2;

/// Column widths of tables, in twentieths of a point; they add up to the text width of an A4
/// page with 2.5 cm margins (9026).
const ACTION_COLUMNS: [u32; 5] = [640, 1800, 3786, 2000, 800];
const ATTENDEE_COLUMNS: [u32; 4] = [3726, 1700, 1900, 1700];
const ITEM_COLUMNS: [u32; 4] = [4026, 1700, 1900, 1400];

/// `word/document.xml`.
fn document(minutes: &Minutes) -> String {
    let mut d = Doc {
        xml: String::with_capacity(4096 + minutes.items.len() * 4096),
    };
    d.xml.push_str(DOCUMENT_START);

    d.paragraph(Some("Title"), &[Run::plain(&minutes.title)]);
    if !minutes.subtitle.is_empty() {
        d.paragraph(Some("Subtitle"), &[Run::plain(&minutes.subtitle)]);
    }
    let when = [minutes.date.as_str(), minutes.time.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    for line in [when.as_str(), minutes.place.as_str()] {
        if !line.is_empty() {
            d.paragraph(None, &[Run::italic(line)]);
        }
    }

    d.paragraph(Some("Heading1"), &[Run::plain("List of Attendees")]);
    for attendee in &minutes.attendees {
        d.list_item(BULLETS, &[Run::plain(attendee)]);
    }
    if !minutes.regrets.is_empty() {
        d.paragraph(None, &[Run::bold("Regrets:")]);
        for name in &minutes.regrets {
            d.list_item(BULLETS, &[Run::plain(name)]);
        }
    }
    if !minutes.chair.is_empty() {
        d.paragraph(None, &[Run::bold("Chair: "), Run::plain(&minutes.chair)]);
    }

    if let Some(opening) = &minutes.opening {
        d.section("Opening", opening);
    }
    for item in &minutes.items {
        let heading = format!("Agenda Item {} – {}", item.number, item.title);
        d.section(&heading, item);
    }

    if !minutes.actions.is_empty() {
        d.paragraph(Some("Heading1"), &[Run::plain("Action Points")]);
        let mut rows = vec![["No.", "Owner", "Action", "Due", "Item"].map(|s| s.to_string())];
        for a in &minutes.actions {
            rows.push([
                a.number.to_string(),
                a.owner.clone(),
                a.text.clone(),
                a.due.clone(),
                item_ref(a.item),
            ]);
        }
        d.table(&ACTION_COLUMNS, &rows);
    }
    if !minutes.decisions.is_empty() {
        d.paragraph(Some("Heading1"), &[Run::plain("Decisions")]);
        for decision in &minutes.decisions {
            let item = match decision.item {
                0 => String::new(),
                n => format!(" (item {n})"),
            };
            let time = match decision.time.as_str() {
                "" => String::new(),
                time => format!("{time} "),
            };
            d.list_item(
                NUMBERED,
                &[
                    Run::italic(&time),
                    Run::plain(&decision.text),
                    Run::plain(&item),
                ],
            );
        }
    }
    if let Some(stats) = &minutes.stats {
        d.paragraph(Some("Heading1"), &[Run::plain("Statistics")]);
        d.paragraph(
            None,
            &[Run::bold("Duration: "), Run::plain(&stats.duration)],
        );
        d.paragraph(Some("Heading2"), &[Run::plain("Speaking time")]);
        let mut rows = vec![
            ["Attendee", "Speaking time", "Interventions", "Statements"].map(|s| s.to_string()),
        ];
        for a in &stats.attendees {
            rows.push([
                a.name.clone(),
                a.speaking.clone(),
                a.interventions.to_string(),
                a.statements.to_string(),
            ]);
        }
        d.table(&ATTENDEE_COLUMNS, &rows);
        d.paragraph(Some("Heading2"), &[Run::plain("Time per item")]);
        let mut rows = vec![["Item", "Time", "Interventions", "Speakers"].map(|s| s.to_string())];
        for i in &stats.items {
            rows.push([
                format!("{} – {}", i.number, i.title),
                i.time.clone(),
                i.interventions.to_string(),
                i.speakers.to_string(),
            ]);
        }
        d.table(&ITEM_COLUMNS, &rows);
    }
    if !minutes.closed.is_empty() {
        let closing = format!("The meeting was closed at {}.", minutes.closed);
        d.paragraph(None, &[Run::plain(&closing)]);
    }

    d.xml.push_str(DOCUMENT_END);
    d.xml
}

fn item_ref(item: usize) -> String {
    match item {
        0 => "–".to_string(),
        n => n.to_string(),
    }
}

/// A run of text with its emphasis. Line breaks in the text become `<w:br/>`.
struct Run<'a> {
    text: &'a str,
    bold: bool,
    italic: bool,
}

impl<'a> Run<'a> {
    fn plain(text: &'a str) -> Self {
        Run {
            text,
            bold: false,
            italic: false,
        }
    }

    fn bold(text: &'a str) -> Self {
        Run {
            bold: true,
            ..Run::plain(text)
        }
    }

    fn italic(text: &'a str) -> Self {
        Run {
            italic: true,
            ..Run::plain(text)
        }
    }
}

/// The body of `document.xml` being written.
struct Doc {
    xml: String,
}

impl Doc {
    fn paragraph(&mut self, style: Option<&str>, runs: &[Run]) {
        self.open_paragraph(style, None);
        self.runs(runs);
        self.xml.push_str("</w:p>");
    }

    fn list_item(&mut self, numbering: u32, runs: &[Run]) {
        self.open_paragraph(Some("ListParagraph"), Some(numbering));
        self.runs(runs);
        self.xml.push_str("</w:p>");
    }

    fn open_paragraph(&mut self, style: Option<&str>, numbering: Option<u32>) {
        self.xml.push_str("<w:p>");
        if style.is_none() && numbering.is_none() {
            return;
        }
        self.xml.push_str("<w:pPr>");
        if let Some(style) = style {
            self.xml.push_str("<w:pStyle w:val=\"");
            self.xml.push_str(style);
            self.xml.push_str("\"/>");
        }
        if let Some(num) = numbering {
            self.xml
                .push_str("<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"");
            self.xml.push_str(&num.to_string());
            self.xml.push_str("\"/></w:numPr>");
        }
        self.xml.push_str("</w:pPr>");
    }

    fn runs(&mut self, runs: &[Run]) {
        for run in runs.iter().filter(|r| !r.text.is_empty()) {
            self.xml.push_str("<w:r>");
            match (run.bold, run.italic) {
                (true, true) => self.xml.push_str("<w:rPr><w:b/><w:i/></w:rPr>"),
                (true, false) => self.xml.push_str("<w:rPr><w:b/></w:rPr>"),
                (false, true) => self.xml.push_str("<w:rPr><w:i/></w:rPr>"),
                (false, false) => {}
            }
            for (i, line) in run.text.split('\n').enumerate() {
                if i > 0 {
                    self.xml.push_str("<w:br/>");
                }
                self.xml.push_str("<w:t xml:space=\"preserve\">");
                escape_into(&mut self.xml, line);
                self.xml.push_str("</w:t>");
            }
            self.xml.push_str("</w:r>");
        }
    }

    /// An agenda item (or the opening): heading, the chair's introduction as bullets, then the
    /// discussion.
    fn section(&mut self, heading: &str, section: &Section) {
        self.paragraph(Some("Heading1"), &[Run::plain(heading)]);
        for p in &section.introduction {
            let time = time_prefix(p);
            self.list_item(BULLETS, &[Run::italic(&time), Run::plain(&p.text)]);
        }
        if section.discussion.is_empty() {
            return;
        }
        self.paragraph(Some("Heading2"), &[Run::plain("Discussion")]);
        for block in &section.discussion {
            self.block(block);
        }
    }

    fn block(&mut self, block: &Block) {
        let lead = match block.kind {
            BlockKind::Statement => format!("{}: ", block.label),
            BlockKind::Decision => "Decision: ".to_string(),
            BlockKind::Note => String::new(),
        };
        for (i, p) in block.paragraphs.iter().enumerate() {
            let time = time_prefix(p);
            let lead = if i == 0 { lead.as_str() } else { "" };
            self.paragraph(
                None,
                &[Run::italic(&time), Run::bold(lead), Run::plain(&p.text)],
            );
        }
    }

    fn table<const N: usize>(&mut self, columns: &[u32; N], rows: &[[String; N]]) {
        self.xml.push_str(
            "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/>\
             <w:tblW w:w=\"5000\" w:type=\"pct\"/></w:tblPr><w:tblGrid>",
        );
        for width in columns {
            self.xml.push_str(&format!("<w:gridCol w:w=\"{width}\"/>"));
        }
        self.xml.push_str("</w:tblGrid>");
        for (r, row) in rows.iter().enumerate() {
            self.xml.push_str("<w:tr>");
            if r == 0 {
                self.xml.push_str("<w:trPr><w:tblHeader/></w:trPr>");
            }
            for (cell, width) in row.iter().zip(columns) {
                self.xml.push_str(&format!(
                    "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/></w:tcPr>"
                ));
                let run = if r == 0 {
                    Run::bold(cell)
                } else {
                    Run::plain(cell)
                };
                self.open_paragraph(Some("TableText"), None);
                self.runs(&[run]);
                self.xml.push_str("</w:p></w:tc>");
            }
            self.xml.push_str("</w:tr>");
        }
        self.xml.push_str("</w:tbl>");
    }
}

fn time_prefix(p: &Paragraph) -> String {
    if p.time.is_empty() {
        String::new()
    } else {
        format!("{} ", p.time)
    }
}

const DOCUMENT_START: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>";

const DOCUMENT_END: &str = "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/>\
<w:pgMar w:top=\"1418\" w:right=\"1440\" w:bottom=\"1418\" w:left=\"1440\" w:header=\"709\" \
w:footer=\"709\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>";

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>"#;

const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>"#;

const CORE_START: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>"#;

const CORE_END: &str = "</dc:title><dc:creator>scribe</dc:creator></cp:coreProperties>";

const APP: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>scribe</Application></Properties>"#;

/// Paragraph, table and list styles. Heading styles carry Word's built-in names ("heading 1")
/// and outline levels, so Word and LibreOffice treat them as real headings.
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:eastAsia="Calibri" w:cs="Calibri"/><w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="140" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="200"/></w:pPr><w:rPr><w:b/><w:color w:val="1F3864"/><w:sz w:val="40"/><w:szCs w:val="40"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="160"/></w:pPr><w:rPr><w:b/><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="360" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:color w:val="1F3864"/><w:sz w:val="30"/><w:szCs w:val="30"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:color w:val="1F3864"/><w:sz w:val="25"/><w:szCs w:val="25"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="60"/><w:ind w:left="720"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:before="40" w:after="40" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:left w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:right w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="808080"/></w:tblBorders></w:tblPr></w:style>
</w:styles>"#;

/// A bullet list (numbering 1) and a decimal list (numbering 2).
const NUMBERING: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"#;
