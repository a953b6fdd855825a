//! What every page of the DOCX carries: a running header (the symbol, else the title, and the
//! draft mark of a draft, so "DRAFT" is on every page) and a footer numbering the pages
//! ("Page N of M", with Word's PAGE and NUMPAGES fields, so the numbers stay right after the
//! document is edited). The same paragraphs go into scribe's own header and footer parts, or
//! are added to the reference document's.

use super::escape_into;
use super::styles::{Style, StyleMap};
use crate::export::model::Minutes;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// The paragraphs of the running header. `ns` is true when they are added to a part that binds
/// the WordprocessingML namespace to another prefix, so each declares its own.
pub fn header_paragraphs(minutes: &Minutes, styles: &StyleMap, ns: bool) -> String {
    let mut xml = String::with_capacity(512);
    let open = open_paragraph(styles, Style::Header, ns);
    if !minutes.running_header.is_empty() {
        xml.push_str(&open);
        xml.push_str("<w:r><w:t xml:space=\"preserve\">");
        escape_into(&mut xml, &minutes.running_header);
        xml.push_str("</w:t></w:r></w:p>");
    }
    if !minutes.draft_mark.is_empty() {
        xml.push_str(&open);
        xml.push_str(
            "<w:r><w:rPr><w:b/><w:color w:val=\"C00000\"/><w:spacing w:val=\"40\"/>\
             <w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr><w:t xml:space=\"preserve\">",
        );
        escape_into(&mut xml, &minutes.draft_mark);
        xml.push_str("</w:t></w:r></w:p>");
    }
    xml
}

/// The footer paragraph: "Page N of M" in the language of the minutes.
pub fn footer_paragraph(minutes: &Minutes, styles: &StyleMap, ns: bool) -> String {
    let pattern = minutes
        .labels
        .get("page")
        .map_or("{page} / {pages}", String::as_str);
    let mut xml =
        open_paragraph(styles, Style::Footer, ns).replace("w:val=\"right\"", "w:val=\"center\"");
    let mut rest = pattern;
    loop {
        let next = [("{page}", "PAGE"), ("{pages}", "NUMPAGES")]
            .into_iter()
            .filter_map(|(p, field)| rest.find(p).map(|at| (at, p, field)))
            .min_by_key(|(at, _, _)| *at);
        let Some((at, placeholder, field)) = next else {
            text_run(&mut xml, rest);
            break;
        };
        text_run(&mut xml, &rest[..at]);
        xml.push_str("<w:fldSimple w:instr=\" ");
        xml.push_str(field);
        xml.push_str(" \\* MERGEFORMAT \"><w:r><w:t>1</w:t></w:r></w:fldSimple>");
        rest = &rest[at + placeholder.len()..];
    }
    xml.push_str("</w:p>");
    xml
}

fn open_paragraph(styles: &StyleMap, style: Style, ns: bool) -> String {
    let declare = if ns {
        format!(" xmlns:w=\"{W}\"")
    } else {
        String::new()
    };
    format!(
        "<w:p{declare}><w:pPr><w:pStyle w:val=\"{}\"/><w:jc w:val=\"right\"/></w:pPr>",
        styles.id(style)
    )
}

fn text_run(xml: &mut String, text: &str) {
    if text.is_empty() {
        return;
    }
    xml.push_str("<w:r><w:t xml:space=\"preserve\">");
    escape_into(xml, text);
    xml.push_str("</w:t></w:r>");
}

/// A header part holding `paragraphs`.
pub fn header_part(paragraphs: &str) -> String {
    part("hdr", paragraphs)
}

/// A footer part holding `paragraphs`.
pub fn footer_part(paragraphs: &str) -> String {
    part("ftr", paragraphs)
}

fn part(tag: &str, paragraphs: &str) -> String {
    // A header or footer must hold at least one paragraph.
    let body = if paragraphs.is_empty() {
        "<w:p/>"
    } else {
        paragraphs
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:{tag} xmlns:w=\"{W}\" \
         xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">{body}</w:{tag}>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_footer_numbers_pages_with_fields_in_the_language() {
        let mut minutes = Minutes::default();
        minutes
            .labels
            .insert("page".into(), "Page {page} sur {pages} <&>".into());
        let xml = footer_part(&footer_paragraph(&minutes, &StyleMap::default(), false));
        let doc = roxmltree::Document::parse(&xml).expect("well-formed");
        let fields: Vec<&str> = doc
            .descendants()
            .filter_map(|n| n.attribute((W, "instr")))
            .collect();
        assert_eq!(
            fields,
            [" PAGE \\* MERGEFORMAT ", " NUMPAGES \\* MERGEFORMAT "]
        );
        let text: String = doc
            .descendants()
            .filter(|n| n.has_tag_name((W, "t")))
            .filter_map(|n| n.text())
            .collect();
        assert_eq!(text, "Page 1 sur 1 <&>");
    }

    #[test]
    fn a_draft_header_carries_the_mark() {
        let minutes = Minutes {
            running_header: "WG.12/2026/1".into(),
            draft_mark: "DRAFT".into(),
            ..Minutes::default()
        };
        let xml = header_part(&header_paragraphs(&minutes, &StyleMap::default(), false));
        assert!(roxmltree::Document::parse(&xml).is_ok());
        assert!(xml.contains(">WG.12/2026/1<") && xml.contains(">DRAFT<"));
        let empty = header_part(&header_paragraphs(
            &Minutes::default(),
            &StyleMap::default(),
            true,
        ));
        assert!(roxmltree::Document::parse(&empty).is_ok());
    }
}
