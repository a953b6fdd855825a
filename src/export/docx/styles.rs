//! The paragraph, table and list styles the DOCX body uses, and the list definitions of
//! `numbering.xml`. Styles carry Word's built-in names ("heading 1", "List Paragraph"), so Word
//! and LibreOffice treat headings as headings, and so a reference document's own definitions of
//! them can be found by name (a French Word calls the style id of "heading 1" `Titre1`). What a
//! reference document lacks is added from here.

use std::fmt::Write as _;

/// A style the body uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Title,
    Subtitle,
    Heading1,
    Heading2,
    Heading3,
    ListParagraph,
    TableText,
    Header,
    Footer,
    TableGrid,
}

impl Style {
    pub const ALL: [Style; 10] = [
        Style::Title,
        Style::Subtitle,
        Style::Heading1,
        Style::Heading2,
        Style::Heading3,
        Style::ListParagraph,
        Style::TableText,
        Style::Header,
        Style::Footer,
        Style::TableGrid,
    ];

    /// The style id scribe gives it.
    pub fn id(self) -> &'static str {
        match self {
            Style::Title => "Title",
            Style::Subtitle => "Subtitle",
            Style::Heading1 => "Heading1",
            Style::Heading2 => "Heading2",
            Style::Heading3 => "Heading3",
            Style::ListParagraph => "ListParagraph",
            Style::TableText => "TableText",
            Style::Header => "Header",
            Style::Footer => "Footer",
            Style::TableGrid => "TableGrid",
        }
    }

    /// Word's name for it, by which a reference document's definition is found.
    pub fn name(self) -> &'static str {
        match self {
            Style::Title => "Title",
            Style::Subtitle => "Subtitle",
            Style::Heading1 => "heading 1",
            Style::Heading2 => "heading 2",
            Style::Heading3 => "heading 3",
            Style::ListParagraph => "List Paragraph",
            Style::TableText => "Table Text",
            Style::Header => "header",
            Style::Footer => "footer",
            Style::TableGrid => "Table Grid",
        }
    }

    fn index(self) -> usize {
        Style::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    /// Scribe's definition of the style under `id`, based on the paragraph style `normal`.
    pub fn definition(self, id: &str, normal: &str) -> String {
        let (kind, props) = match self {
            Style::Title => (
                "paragraph",
                r#"<w:next w:val="{normal}"/><w:qFormat/><w:pPr><w:spacing w:after="200"/></w:pPr><w:rPr><w:b/><w:color w:val="1F3864"/><w:sz w:val="40"/><w:szCs w:val="40"/></w:rPr>"#,
            ),
            Style::Subtitle => (
                "paragraph",
                r#"<w:next w:val="{normal}"/><w:qFormat/><w:pPr><w:spacing w:after="160"/></w:pPr><w:rPr><w:b/><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr>"#,
            ),
            Style::Heading1 => (
                "paragraph",
                r#"<w:next w:val="{normal}"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="360" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:color w:val="1F3864"/><w:sz w:val="30"/><w:szCs w:val="30"/></w:rPr>"#,
            ),
            Style::Heading2 => (
                "paragraph",
                r#"<w:next w:val="{normal}"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:color w:val="1F3864"/><w:sz w:val="25"/><w:szCs w:val="25"/></w:rPr>"#,
            ),
            Style::Heading3 => (
                "paragraph",
                r#"<w:next w:val="{normal}"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="200" w:after="60"/><w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:b/><w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr>"#,
            ),
            Style::ListParagraph => (
                "paragraph",
                r#"<w:qFormat/><w:pPr><w:spacing w:after="60"/><w:ind w:left="720"/></w:pPr>"#,
            ),
            Style::TableText => (
                "paragraph",
                r#"<w:qFormat/><w:pPr><w:spacing w:before="40" w:after="40" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr>"#,
            ),
            Style::Header | Style::Footer => (
                "paragraph",
                r#"<w:pPr><w:tabs><w:tab w:val="center" w:pos="4513"/><w:tab w:val="right" w:pos="9026"/></w:tabs><w:spacing w:after="0"/></w:pPr><w:rPr><w:color w:val="595959"/><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>"#,
            ),
            Style::TableGrid => (
                "table",
                r#"<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:left w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:right w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="808080"/></w:tblBorders><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr>"#,
            ),
        };
        let based_on = if kind == "paragraph" {
            format!("<w:basedOn w:val=\"{normal}\"/>")
        } else {
            String::new()
        };
        format!(
            "<w:style w:type=\"{kind}\" w:customStyle=\"{custom}\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/>{based_on}{props}</w:style>",
            custom = u8::from(self == Style::TableText),
            name = self.name(),
            props = props.replace("{normal}", normal),
        )
    }
}

/// The style id to write for each [`Style`]: scribe's own, or the reference document's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StyleMap {
    ids: Vec<String>,
}

impl Default for StyleMap {
    fn default() -> Self {
        StyleMap {
            ids: Style::ALL.iter().map(|s| s.id().to_string()).collect(),
        }
    }
}

impl StyleMap {
    pub fn id(&self, style: Style) -> &str {
        self.ids
            .get(style.index())
            .map_or(style.id(), String::as_str)
    }

    pub fn set(&mut self, style: Style, id: String) {
        if let Some(slot) = self.ids.get_mut(style.index()) {
            *slot = id;
        }
    }
}

/// Scribe's `styles.xml`, with `lang` as the document's language.
pub fn styles_xml(lang: &str) -> String {
    let mut xml = String::with_capacity(6000);
    xml.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Calibri\" w:hAnsi=\"Calibri\" \
         w:eastAsia=\"Calibri\" w:cs=\"Calibri\"/><w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/>",
    );
    xml.push_str(&lang_element(lang));
    xml.push_str(
        "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"140\" w:line=\"264\" \
         w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>\
         <w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name \
         w:val=\"Normal\"/><w:qFormat/></w:style>\
         <w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name \
         w:val=\"Normal Table\"/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar>\
         <w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom \
         w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar>\
         </w:tblPr></w:style>",
    );
    for style in Style::ALL {
        xml.push_str(&style.definition(style.id(), "Normal"));
    }
    xml.push_str("</w:styles>");
    xml
}

/// `<w:lang .../>` for a language tag (tags are letters, digits and hyphens).
pub fn lang_element(lang: &str) -> String {
    let tag: String = lang
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    format!("<w:lang w:val=\"{tag}\" w:eastAsia=\"{tag}\" w:bidi=\"{tag}\"/>")
}

/// The lists of the body: bullets, ordered lists (each restarting at its own number) and
/// numbered paragraphs. Ids start above a reference document's own, so its lists keep working.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Numbering {
    /// The first free `w:abstractNumId` and `w:numId` (0 and 0 without a reference).
    abstract_base: u32,
    num_base: u32,
    /// The start of each ordered list, in the order they were asked for.
    ordered: Vec<usize>,
}

impl Numbering {
    pub fn new(abstract_base: u32, num_base: u32) -> Self {
        Numbering {
            abstract_base,
            num_base,
            ordered: Vec::new(),
        }
    }

    /// Bullets (level 0, and level 1 under a bullet).
    pub fn bullets(&self) -> u32 {
        self.num_base + 1
    }

    /// Numbered paragraphs: "1.", "2.", ... across the document.
    pub fn paragraphs(&self) -> u32 {
        self.num_base + 2
    }

    /// A new ordered list starting at `start`.
    pub fn ordered_list(&mut self, start: usize) -> u32 {
        self.ordered.push(start);
        self.num_base + 2 + u32::try_from(self.ordered.len()).unwrap_or(u32::MAX / 2)
    }

    /// The `w:abstractNum` definitions.
    pub fn abstract_nums(&self) -> String {
        let a = self.abstract_base;
        let level = |ilvl: u32, fmt: &str, text: &str, left: u32, hanging: u32| {
            format!(
                "<w:lvl w:ilvl=\"{ilvl}\"><w:start w:val=\"1\"/><w:numFmt w:val=\"{fmt}\"/>\
                 <w:lvlText w:val=\"{text}\"/><w:lvlJc w:val=\"left\"/><w:pPr><w:ind \
                 w:left=\"{left}\" w:hanging=\"{hanging}\"/></w:pPr></w:lvl>"
            )
        };
        let mut xml = String::with_capacity(1500);
        let _ = write!(
            xml,
            "<w:abstractNum w:abstractNumId=\"{}\"><w:multiLevelType w:val=\"hybridMultilevel\"/>{}{}</w:abstractNum>",
            a,
            level(0, "bullet", "•", 720, 360),
            level(1, "bullet", "◦", 1440, 360),
        );
        let _ = write!(
            xml,
            "<w:abstractNum w:abstractNumId=\"{}\"><w:multiLevelType w:val=\"hybridMultilevel\"/>{}{}</w:abstractNum>",
            a + 1,
            level(0, "decimal", "%1.", 720, 360),
            level(1, "decimal", "%2.", 1440, 360),
        );
        let _ = write!(
            xml,
            "<w:abstractNum w:abstractNumId=\"{}\"><w:multiLevelType w:val=\"singleLevel\"/>{}</w:abstractNum>",
            a + 2,
            level(0, "decimal", "%1.", 567, 567),
        );
        xml
    }

    /// The `w:num` instances.
    pub fn nums(&self) -> String {
        let (a, n) = (self.abstract_base, self.num_base);
        let mut xml = format!(
            "<w:num w:numId=\"{}\"><w:abstractNumId w:val=\"{a}\"/></w:num>\
             <w:num w:numId=\"{}\"><w:abstractNumId w:val=\"{}\"/></w:num>",
            n + 1,
            n + 2,
            a + 2
        );
        for (i, start) in self.ordered.iter().enumerate() {
            let _ = write!(
                xml,
                "<w:num w:numId=\"{}\"><w:abstractNumId w:val=\"{}\"/><w:lvlOverride \
                 w:ilvl=\"0\"><w:startOverride w:val=\"{start}\"/></w:lvlOverride><w:lvlOverride \
                 w:ilvl=\"1\"><w:startOverride w:val=\"{start}\"/></w:lvlOverride></w:num>",
                n + 3 + i as u32,
                a + 1
            );
        }
        xml
    }

    /// Scribe's own `numbering.xml`.
    pub fn xml(&self) -> String {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:numbering \
             xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">{}{}</w:numbering>",
            self.abstract_nums(),
            self.nums()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordered_lists_get_their_own_instance_and_start() {
        let mut numbering = Numbering::new(4, 10);
        assert_eq!(numbering.bullets(), 11);
        assert_eq!(numbering.paragraphs(), 12);
        assert_eq!(numbering.ordered_list(1), 13);
        assert_eq!(numbering.ordered_list(3), 14);
        let xml = numbering.xml();
        assert!(xml.contains("<w:num w:numId=\"14\"><w:abstractNumId w:val=\"5\"/>"));
        assert!(xml.contains("<w:startOverride w:val=\"3\"/>"));
        assert!(roxmltree::Document::parse(&xml).is_ok());
    }

    #[test]
    fn scribe_styles_are_well_formed_and_named_as_word_names_them() {
        let xml = styles_xml("fr-FR\"><evil");
        let doc = roxmltree::Document::parse(&xml).expect("well-formed");
        let names: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("name"))
            .filter_map(|n| n.attributes().next().map(|a| a.value()))
            .collect();
        for style in Style::ALL {
            assert!(names.contains(&style.name()), "{}", style.name());
        }
        assert!(xml.contains("<w:lang w:val=\"fr-FRevil\""));
    }
}
