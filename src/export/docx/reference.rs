//! The user's own Word document as the house style of the DOCX, as pandoc's `--reference-doc`:
//! scribe keeps every part of the reference (styles, list definitions, theme, settings, fonts,
//! headers and footers with their images, the letterhead) and its page set-up (the last section
//! properties of its body), throws its body away and puts the minutes in its place.
//!
//! - **Styles** are matched by Word's name ("heading 1"), not by id, so a document made by a
//!   French Word (`Titre1`) or by LibreOffice works; the styles the reference lacks are added
//!   from scribe's own. The document's default language is set to the minutes'.
//! - **Lists** are added to the reference's `numbering.xml` with ids above its own.
//! - **Header and footer:** the reference's are kept, and the running header (symbol, draft
//!   mark) is added to each of them; "Page N of M" is added to a footer that has no page
//!   number of its own. Without a header or footer, scribe's own are used.
//!
//! Reading never panics on a damaged or hostile file: it says what is wrong. The XML is edited
//! as text at positions found by parsing it, so what scribe does not touch stays byte for byte.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read};

use roxmltree::{Document, Node};

use super::body;
use super::package::{
    self, CT_APP, CT_CORE, CT_FOOTER, CT_HEADER, CT_MAIN, CT_NUMBERING, CT_STYLES, R_NS,
    REL_FOOTER, REL_HEADER, REL_NUMBERING, REL_OFFICE_DOCUMENT, REL_STYLES, Rel, W_NS, is_rel,
};
use super::page;
use super::styles::{Numbering, Style, StyleMap, lang_element, styles_xml};
use crate::export::model::Minutes;

/// The largest part and the most parts a reference may have.
const MAX_PART: u64 = 64 * 1024 * 1024;
const MAX_PARTS: usize = 5000;

const MC_NS: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/// A reference document, read.
#[derive(Debug)]
pub struct Reference {
    /// Every part, by name.
    parts: BTreeMap<String, Vec<u8>>,
    /// The main document part ("word/document.xml").
    main: String,
    /// The main document's relationships.
    rels: Vec<Rel>,
    /// The namespace declarations (and `mc:Ignorable`) of the main document's root, but `w`
    /// and `r`, as text for the new document's root.
    root: String,
    /// The body's last section properties, as written.
    sect_pr: Option<String>,
    defaults: Vec<(String, String)>,
    overrides: BTreeMap<String, String>,
}

impl Reference {
    /// Reads a reference document; the error says what is wrong with it.
    pub fn read(bytes: &[u8]) -> Result<Reference, String> {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| format!("it is not a Word document (not a zip file: {e})"))?;
        if archive.len() > MAX_PARTS {
            return Err(format!(
                "it has {} parts, more than a document has",
                archive.len()
            ));
        }
        let mut parts = BTreeMap::new();
        for i in 0..archive.len() {
            let file = archive
                .by_index(i)
                .map_err(|e| format!("part {i} cannot be read: {e}"))?;
            if file.is_dir() {
                continue;
            }
            let name = file.name().trim_start_matches('/').to_string();
            let mut data = Vec::new();
            file.take(MAX_PART + 1)
                .read_to_end(&mut data)
                .map_err(|e| format!("{name} cannot be read: {e}"))?;
            if data.len() as u64 > MAX_PART {
                return Err(format!("{name} is larger than 64 MB"));
            }
            parts.insert(name, data);
        }

        let types = text(&parts, "[Content_Types].xml")?;
        let (defaults, overrides) = content_types(types)?;
        let main = match parts.get("_rels/.rels") {
            Some(data) => {
                let rels = relationships(utf8("_rels/.rels", data)?, "_rels/.rels")?;
                rels.iter()
                    .find(|r| is_rel(&r.kind, REL_OFFICE_DOCUMENT) && !r.external)
                    .map(|r| resolve("", &r.target))
                    .ok_or("it has no main document")?
            }
            None => "word/document.xml".to_string(),
        };
        let document = text(&parts, &main)?;
        let rels = match parts.get(&rels_name(&main)) {
            Some(data) => relationships(utf8(&main, data)?, &rels_name(&main))?,
            None => Vec::new(),
        };
        let (root, sect_pr) = document_frame(&main, document)?;
        Ok(Reference {
            parts,
            main,
            rels,
            root,
            sect_pr,
            defaults,
            overrides,
        })
    }

    /// The folder of the main document ("word").
    fn dir(&self) -> &str {
        self.main.rsplit_once('/').map_or("", |(dir, _)| dir)
    }

    /// The part a relationship of the main document points to.
    fn target(&self, rel: &Rel) -> String {
        resolve(self.dir(), &rel.target)
    }

    fn part_text(&self, name: &str) -> Result<&str, String> {
        text(&self.parts, name)
    }

    /// A relationship id the main document does not use yet.
    fn fresh_id(&self, taken: &BTreeSet<String>, stem: &str) -> String {
        let mut n = 1;
        loop {
            let id = format!("rIdScribe{stem}{n}");
            if !taken.contains(&id) {
                return id;
            }
            n += 1;
        }
    }

    /// The minutes in this document: every part of the package, in order.
    pub fn package(&self, minutes: &Minutes) -> Result<Vec<(String, Vec<u8>)>, String> {
        let dir = self.dir().to_string();
        let in_dir = |file: &str| {
            if dir.is_empty() {
                file.to_string()
            } else {
                format!("{dir}/{file}")
            }
        };
        let mut rels = self.rels.clone();
        let mut taken: BTreeSet<String> = rels.iter().map(|r| r.id.clone()).collect();
        let mut changed: BTreeMap<String, Vec<u8>> = BTreeMap::new();
        let mut added: Vec<(String, String, Vec<u8>)> = Vec::new(); // (part, content type, data)

        // Styles: the reference's, with what it lacks added.
        let styles_part = rels
            .iter()
            .find(|r| is_rel(&r.kind, REL_STYLES))
            .map(|r| self.target(r))
            .filter(|p| self.parts.contains_key(p));
        let map = match &styles_part {
            Some(part) => {
                let (xml, map) = merge_styles(self.part_text(part)?, &minutes.lang)
                    .map_err(|e| format!("{part}: {e}"))?;
                changed.insert(part.clone(), xml.into_bytes());
                map
            }
            None => {
                let part = in_dir("scribe-styles.xml");
                let id = self.fresh_id(&taken, "Styles");
                taken.insert(id.clone());
                rels.push(Rel::new(&id, REL_STYLES, "scribe-styles.xml"));
                added.push((
                    part,
                    CT_STYLES.into(),
                    styles_xml(&minutes.lang).into_bytes(),
                ));
                StyleMap::default()
            }
        };

        // Lists: scribe's, after the reference's.
        let numbering_part = rels
            .iter()
            .find(|r| is_rel(&r.kind, REL_NUMBERING))
            .map(|r| self.target(r))
            .filter(|p| self.parts.contains_key(p));
        let mut numbering = match &numbering_part {
            Some(part) => {
                let (a, n) =
                    numbering_bases(self.part_text(part)?).map_err(|e| format!("{part}: {e}"))?;
                Numbering::new(a, n)
            }
            None => Numbering::new(0, 0),
        };
        let body = body::body(minutes, &map, &mut numbering);
        match &numbering_part {
            Some(part) => {
                let xml = merge_numbering(self.part_text(part)?, &numbering)
                    .map_err(|e| format!("{part}: {e}"))?;
                changed.insert(part.clone(), xml.into_bytes());
            }
            None => {
                let id = self.fresh_id(&taken, "Numbering");
                taken.insert(id.clone());
                rels.push(Rel::new(&id, REL_NUMBERING, "scribe-numbering.xml"));
                added.push((
                    in_dir("scribe-numbering.xml"),
                    CT_NUMBERING.into(),
                    numbering.xml().into_bytes(),
                ));
            }
        }

        // The page: the reference's section properties, its headers and footers with the
        // running header and page numbers added, or scribe's where it has none.
        let mut sect_pr = self.sect_pr.clone().unwrap_or_else(|| {
            "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1418\" \
             w:right=\"1440\" w:bottom=\"1418\" w:left=\"1440\" w:header=\"709\" \
             w:footer=\"709\" w:gutter=\"0\"/></w:sectPr>"
                .to_string()
        });
        let refs = section_references(&self.root, &sect_pr)?;
        let mut new_refs = String::new();
        let has = |kind: &str, which: &str| refs.iter().any(|(k, w, _)| k == kind && w == which);
        let title_page = refs_title_page(&self.root, &sect_pr)?;
        for (kind, _, id) in &refs {
            let Some(rel) = rels.iter().find(|r| r.id == *id && !r.external) else {
                continue;
            };
            let part = self.target(rel);
            let Some(xml) = self.parts.get(&part) else {
                continue;
            };
            let xml = utf8(&part, xml)?;
            let updated = match kind.as_str() {
                "header" => add_to_part(xml, |ns| page::header_paragraphs(minutes, &map, ns)),
                _ if has_page_number(xml) => None,
                _ => add_to_part(xml, |ns| page::footer_paragraph(minutes, &map, ns)),
            };
            if let Some(updated) = updated {
                changed.insert(part, updated.into_bytes());
            }
        }
        let mut wanted: Vec<(&str, &str)> = Vec::new();
        for which in ["default", "first"] {
            if which == "first" && !title_page {
                continue;
            }
            for kind in ["header", "footer"] {
                if !has(kind, which) {
                    wanted.push((kind, which));
                }
            }
        }
        for (kind, which) in wanted {
            let file = format!("scribe-{kind}-{which}.xml");
            let (rel_kind, content_type, xml) = if kind == "header" {
                (
                    REL_HEADER,
                    CT_HEADER,
                    page::header_part(&page::header_paragraphs(minutes, &map, false)),
                )
            } else {
                (
                    REL_FOOTER,
                    CT_FOOTER,
                    page::footer_part(&page::footer_paragraph(minutes, &map, false)),
                )
            };
            let id = self.fresh_id(&taken, if kind == "header" { "Header" } else { "Footer" });
            taken.insert(id.clone());
            rels.push(Rel::new(&id, rel_kind, &file));
            added.push((in_dir(&file), content_type.into(), xml.into_bytes()));
            new_refs.push_str(&format!(
                "<w:{kind}Reference w:type=\"{which}\" r:id=\"{id}\"/>"
            ));
        }
        if !new_refs.is_empty() {
            sect_pr = prepend_children(&self.root, &sect_pr, &new_refs)?;
        }

        // The package.
        let document = package::document_xml(&self.root, &body, &sect_pr);
        let rels_part = rels_name(&self.main);
        let skip = |name: &str| {
            name == "[Content_Types].xml"
                || name == "_rels/.rels"
                || name == self.main
                || name == rels_part
                || name.starts_with("docProps/")
        };
        let mut out: Vec<(String, Vec<u8>)> = Vec::new();
        let mut overrides: Vec<(String, String)> = vec![
            ("docProps/core.xml".into(), CT_CORE.into()),
            ("docProps/app.xml".into(), CT_APP.into()),
            (self.main.clone(), CT_MAIN.into()),
        ];
        let mut kept: Vec<(String, Vec<u8>)> = Vec::new();
        for (name, data) in &self.parts {
            if skip(name) {
                continue;
            }
            if let Some(kind) = self.overrides.get(name) {
                overrides.push((name.clone(), kind.clone()));
            }
            let data = changed.remove(name).unwrap_or_else(|| data.clone());
            kept.push((name.clone(), data));
        }
        for (name, kind, _) in &added {
            overrides.push((name.clone(), kind.clone()));
        }
        let mut defaults = package::default_types();
        for (extension, kind) in &self.defaults {
            if !defaults
                .iter()
                .any(|(e, _)| e.eq_ignore_ascii_case(extension))
            {
                defaults.push((extension.clone(), kind.clone()));
            }
        }
        out.push((
            "[Content_Types].xml".into(),
            package::content_types_xml(&defaults, &overrides).into_bytes(),
        ));
        out.push(("_rels/.rels".into(), package_rels(&self.main).into_bytes()));
        out.push((
            "docProps/core.xml".into(),
            package::core_xml(&minutes.title, &minutes.lang).into_bytes(),
        ));
        out.push(("docProps/app.xml".into(), package::APP.as_bytes().to_vec()));
        out.push((self.main.clone(), document.into_bytes()));
        out.push((rels_part, package::relationships_xml(&rels).into_bytes()));
        out.extend(kept);
        out.extend(added.into_iter().map(|(name, _, data)| (name, data)));
        Ok(out)
    }
}

/// `_rels/.rels` for a main document at `main`.
fn package_rels(main: &str) -> String {
    package::package_rels().replace(
        "Target=\"word/document.xml\"",
        &format!("Target=\"{main}\""),
    )
}

/// The text of a part that must be there.
fn text<'a>(parts: &'a BTreeMap<String, Vec<u8>>, name: &str) -> Result<&'a str, String> {
    let data = parts
        .get(name)
        .ok_or_else(|| format!("it has no {name}, so it is not a Word document"))?;
    utf8(name, data)
}

fn utf8<'a>(name: &str, data: &'a [u8]) -> Result<&'a str, String> {
    let data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    std::str::from_utf8(data).map_err(|_| format!("{name} is not UTF-8 text"))
}

fn parse<'a>(name: &str, xml: &'a str) -> Result<Document<'a>, String> {
    Document::parse(xml).map_err(|e| format!("{name} is not well-formed XML: {e}"))
}

/// The relationships part of a part: `word/_rels/document.xml.rels` for `word/document.xml`.
fn rels_name(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((dir, file)) => format!("{dir}/_rels/{file}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

/// A relationship target as a part name: relative to `dir`, or absolute with a leading slash.
fn resolve(dir: &str, target: &str) -> String {
    let mut path: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        dir.split('/').filter(|s| !s.is_empty()).collect()
    };
    for segment in target.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                path.pop();
            }
            s => path.push(s),
        }
    }
    path.join("/")
}

/// Content types by extension, and by part name.
type ContentTypes = (Vec<(String, String)>, BTreeMap<String, String>);

fn content_types(xml: &str) -> Result<ContentTypes, String> {
    let doc = parse("[Content_Types].xml", xml)?;
    let mut defaults = Vec::new();
    let mut overrides = BTreeMap::new();
    for node in doc.root_element().children().filter(Node::is_element) {
        let kind = node
            .attribute("ContentType")
            .unwrap_or_default()
            .to_string();
        match node.tag_name().name() {
            "Default" => {
                if let Some(ext) = node.attribute("Extension") {
                    defaults.push((ext.to_string(), kind));
                }
            }
            "Override" => {
                if let Some(part) = node.attribute("PartName") {
                    overrides.insert(part.trim_start_matches('/').to_string(), kind);
                }
            }
            _ => {}
        }
    }
    Ok((defaults, overrides))
}

fn relationships(xml: &str, name: &str) -> Result<Vec<Rel>, String> {
    let doc = parse(name, xml)?;
    Ok(doc
        .root_element()
        .children()
        .filter(|n| n.has_tag_name("Relationship") || n.tag_name().name() == "Relationship")
        .filter_map(|n| {
            Some(Rel {
                id: n.attribute("Id")?.to_string(),
                kind: n.attribute("Type").unwrap_or_default().to_string(),
                target: n.attribute("Target").unwrap_or_default().to_string(),
                external: n
                    .attribute("TargetMode")
                    .is_some_and(|m| m.eq_ignore_ascii_case("External")),
            })
        })
        .collect())
}

/// The main document's root declarations (but `w` and `r`) and its last section properties.
fn document_frame(name: &str, xml: &str) -> Result<(String, Option<String>), String> {
    let doc = parse(name, xml)?;
    let root = doc.root_element();
    if root.tag_name().namespace() != Some(W_NS) || root.tag_name().name() != "document" {
        return Err(format!(
            "{name} is not a WordprocessingML document (a strict OOXML file? save it as a \
             Word Document, .docx)"
        ));
    }
    let mut attrs = String::new();
    for ns in root.namespaces() {
        match (ns.name(), ns.uri()) {
            (Some("w"), uri) if uri != W_NS => {
                return Err(format!("{name} binds the prefix w to {uri}"));
            }
            (Some("r"), uri) if uri != R_NS => {
                return Err(format!("{name} binds the prefix r to {uri}"));
            }
            (Some("w" | "r" | "xml"), _) => {}
            (Some(prefix), uri) => {
                attrs.push_str(" xmlns:");
                attrs.push_str(prefix);
                attrs.push_str("=\"");
                super::escape_into(&mut attrs, uri);
                attrs.push('"');
            }
            (None, _) => {}
        }
    }
    if root.lookup_prefix(W_NS) != Some("w") {
        return Err(format!(
            "{name} does not write WordprocessingML with the prefix w"
        ));
    }
    if let (Some(ignorable), Some(mc)) = (
        root.attribute((MC_NS, "Ignorable")),
        root.lookup_prefix(MC_NS),
    ) {
        attrs.push_str(&format!(" {mc}:Ignorable=\""));
        super::escape_into(&mut attrs, ignorable);
        attrs.push('"');
    }
    let sect_pr = root
        .children()
        .find(|n| n.has_tag_name((W_NS, "body")))
        .and_then(|body| body.children().rfind(Node::is_element))
        .filter(|n| n.has_tag_name((W_NS, "sectPr")))
        .map(|n| xml[n.range()].to_string());
    Ok((attrs, sect_pr))
}

/// Section properties wrapped in an element that declares the document's namespaces, so they
/// can be parsed on their own.
fn wrapped(root: &str, sect_pr: &str) -> String {
    format!("<wrap xmlns:w=\"{W_NS}\" xmlns:r=\"{R_NS}\"{root}>{sect_pr}</wrap>")
}

/// The header and footer references of section properties: (header|footer, type, id).
fn section_references(root: &str, sect_pr: &str) -> Result<Vec<(String, String, String)>, String> {
    let xml = wrapped(root, sect_pr);
    let doc = parse("the section properties", &xml)?;
    Ok(doc
        .descendants()
        .filter_map(|n| {
            let kind = match n.tag_name().name() {
                "headerReference" => "header",
                "footerReference" => "footer",
                _ => return None,
            };
            if n.tag_name().namespace() != Some(W_NS) {
                return None;
            }
            Some((
                kind.to_string(),
                n.attribute((W_NS, "type")).unwrap_or("default").to_string(),
                n.attribute((R_NS, "id"))?.to_string(),
            ))
        })
        .collect())
}

/// Whether the section has a different first page (`w:titlePg`).
fn refs_title_page(root: &str, sect_pr: &str) -> Result<bool, String> {
    let xml = wrapped(root, sect_pr);
    let doc = parse("the section properties", &xml)?;
    Ok(doc.descendants().any(|n| {
        n.has_tag_name((W_NS, "titlePg"))
            && !matches!(n.attribute((W_NS, "val")), Some("0" | "false" | "off"))
    }))
}

/// `sect_pr` with `children` put first inside it (header and footer references come first).
fn prepend_children(root: &str, sect_pr: &str, children: &str) -> Result<String, String> {
    let xml = wrapped(root, sect_pr);
    let doc = parse("the section properties", &xml)?;
    let offset = xml.len() - sect_pr.len() - "</wrap>".len();
    let Some(node) = doc.root_element().first_element_child() else {
        return Err("the section properties are empty".to_string());
    };
    let at = match node.first_child() {
        Some(child) => child.range().start,
        None => {
            let range = node.range();
            let slice = &xml[range.clone()];
            if slice.ends_with("/>") {
                let name = qualified_name(slice);
                let mut out = xml[offset..range.end - 2].to_string();
                out.push('>');
                out.push_str(children);
                out.push_str(&format!("</{name}>"));
                return Ok(out);
            }
            range.start + slice.rfind("</").unwrap_or(slice.len())
        }
    };
    let mut out = xml[offset..at].to_string();
    out.push_str(children);
    out.push_str(&xml[at..xml.len() - "</wrap>".len()]);
    Ok(out)
}

/// The element name at the start of a start tag (`w:sectPr` in `<w:sectPr w:rsid="1">`).
fn qualified_name(tag: &str) -> &str {
    let name = tag.trim_start_matches('<');
    let end = name
        .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
        .unwrap_or(name.len());
    &name[..end]
}

/// `xml` with `content(ns)` appended inside its root element; `ns` says whether the content
/// must declare the `w` prefix itself. `None` when the part cannot be parsed.
fn add_to_part(xml: &str, content: impl Fn(bool) -> String) -> Option<String> {
    let doc = Document::parse(xml).ok()?;
    let root = doc.root_element();
    let content = content(root.lookup_prefix(W_NS) != Some("w"));
    Some(append_children(xml, root, &content))
}

/// `xml` with `content` put at the end of `node`'s children.
fn append_children(xml: &str, node: Node, content: &str) -> String {
    let range = node.range();
    let slice = &xml[range.clone()];
    let mut out = String::with_capacity(xml.len() + content.len() + 32);
    if slice.ends_with("/>") {
        let name = qualified_name(slice);
        out.push_str(&xml[..range.end - 2]);
        out.push('>');
        out.push_str(content);
        out.push_str(&format!("</{name}>"));
    } else {
        let at = range.start + slice.rfind("</").unwrap_or(slice.len());
        out.push_str(&xml[..at]);
        out.push_str(content);
        out.push_str(&xml[at..range.end]);
    }
    out.push_str(&xml[range.end..]);
    out
}

/// Whether a footer already numbers its pages (a PAGE field).
fn has_page_number(xml: &str) -> bool {
    let Ok(doc) = Document::parse(xml) else {
        return true;
    };
    doc.descendants().any(|n| {
        let instr = if n.has_tag_name((W_NS, "fldSimple")) {
            n.attribute((W_NS, "instr")).unwrap_or_default()
        } else if n.has_tag_name((W_NS, "instrText")) {
            n.text().unwrap_or_default()
        } else {
            ""
        };
        instr
            .split_whitespace()
            .any(|w| w == "PAGE" || w == "NUMPAGES")
    })
}

/// The reference's `styles.xml` with scribe's missing styles added and the default language
/// set; and the style id to use for each [`Style`].
fn merge_styles(xml: &str, lang: &str) -> Result<(String, StyleMap), String> {
    let doc = parse("styles.xml", xml)?;
    let root = doc.root_element();
    if root.tag_name().namespace() != Some(W_NS) {
        return Err("it is not a WordprocessingML style sheet".to_string());
    }
    let ns = root.lookup_prefix(W_NS) != Some("w");
    struct Defined<'a> {
        kind: &'a str,
        id: &'a str,
        name: &'a str,
        default: bool,
    }
    let defined: Vec<Defined> = root
        .children()
        .filter(|n| n.has_tag_name((W_NS, "style")))
        .map(|n| Defined {
            kind: n.attribute((W_NS, "type")).unwrap_or("paragraph"),
            id: n.attribute((W_NS, "styleId")).unwrap_or_default(),
            name: n
                .children()
                .find(|c| c.has_tag_name((W_NS, "name")))
                .and_then(|c| c.attribute((W_NS, "val")))
                .unwrap_or_default(),
            default: matches!(n.attribute((W_NS, "default")), Some("1" | "true" | "on")),
        })
        .collect();
    let normal = defined
        .iter()
        .find(|d| d.kind == "paragraph" && d.default)
        .map_or("Normal", |d| d.id);
    let mut map = StyleMap::default();
    let mut additions = String::new();
    for style in Style::ALL {
        let kind = if style == Style::TableGrid {
            "table"
        } else {
            "paragraph"
        };
        let found = defined
            .iter()
            .find(|d| d.kind == kind && d.name.eq_ignore_ascii_case(style.name()))
            .or_else(|| {
                defined
                    .iter()
                    .find(|d| d.kind == kind && d.name.is_empty() && d.id == style.id())
            });
        match found {
            Some(d) if !d.id.is_empty() => map.set(style, d.id.to_string()),
            _ => {
                let mut id = style.id().to_string();
                while defined.iter().any(|d| d.id == id) {
                    id.insert_str(0, "Scribe");
                }
                let mut definition = style.definition(&id, normal);
                if ns {
                    definition = definition.replacen(
                        "<w:style ",
                        &format!("<w:style xmlns:w=\"{W_NS}\" "),
                        1,
                    );
                }
                additions.push_str(&definition);
                map.set(style, id);
            }
        }
    }

    // Edits, applied from the end so that earlier positions stay right.
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    let closing = root.range().start + xml[root.range()].rfind("</").unwrap_or(0);
    if !additions.is_empty() && closing > root.range().start {
        edits.push((closing..closing, additions));
    }
    let r_pr = root
        .children()
        .find(|n| n.has_tag_name((W_NS, "docDefaults")))
        .and_then(|d| d.children().find(|n| n.has_tag_name((W_NS, "rPrDefault"))))
        .and_then(|d| d.children().find(|n| n.has_tag_name((W_NS, "rPr"))));
    let mut lang = lang_element(lang);
    if ns {
        lang = lang.replacen("<w:lang ", &format!("<w:lang xmlns:w=\"{W_NS}\" "), 1);
    }
    if let Some(r_pr) = r_pr {
        match r_pr.children().find(|n| n.has_tag_name((W_NS, "lang"))) {
            Some(existing) => edits.push((existing.range(), lang)),
            None => {
                let slice = &xml[r_pr.range()];
                if let Some(at) = slice.rfind("</").filter(|_| !slice.ends_with("/>")) {
                    let at = r_pr.range().start + at;
                    edits.push((at..at, lang));
                }
            }
        }
    }
    edits.sort_by_key(|(range, _)| std::cmp::Reverse(range.start));
    let mut out = xml.to_string();
    for (range, text) in edits {
        out.replace_range(range, &text);
    }
    Ok((out, map))
}

/// The first free abstract list id and the highest list instance id of a `numbering.xml`.
fn numbering_bases(xml: &str) -> Result<(u32, u32), String> {
    let doc = parse("numbering.xml", xml)?;
    let max = |tag: &str, attr: &str| {
        doc.root_element()
            .children()
            .filter(|n| n.has_tag_name((W_NS, tag)))
            .filter_map(|n| n.attribute((W_NS, attr))?.parse::<u32>().ok())
            .max()
    };
    let abstract_base = max("abstractNum", "abstractNumId").map_or(0, |m| m.saturating_add(1));
    let num_base = max("num", "numId").unwrap_or(0);
    if num_base > u32::MAX / 2 || abstract_base > u32::MAX / 2 {
        return Err("its list ids are out of range".to_string());
    }
    Ok((abstract_base, num_base))
}

/// The reference's `numbering.xml` with scribe's lists added: the definitions after its own
/// definitions, the instances after its instances (the order the schema asks for).
fn merge_numbering(xml: &str, numbering: &Numbering) -> Result<String, String> {
    let doc = parse("numbering.xml", xml)?;
    let root = doc.root_element();
    let ns = root.lookup_prefix(W_NS) != Some("w");
    let declare = |s: String, tag: &str| {
        if ns {
            s.replace(
                &format!("<w:{tag} "),
                &format!("<w:{tag} xmlns:w=\"{W_NS}\" "),
            )
        } else {
            s
        }
    };
    let abstracts = declare(numbering.abstract_nums(), "abstractNum");
    let nums = declare(numbering.nums(), "num");
    let closing = root.range().start + xml[root.range()].rfind("</").unwrap_or(0);
    if xml[root.range()].ends_with("/>") {
        return Ok(append_children(xml, root, &format!("{abstracts}{nums}")));
    }
    let first_num = root
        .children()
        .find(|n| n.has_tag_name((W_NS, "num")) || n.has_tag_name((W_NS, "numIdMacAtCleanup")))
        .map_or(closing, |n| n.range().start);
    let last_num = root
        .children()
        .rfind(|n| n.has_tag_name((W_NS, "num")))
        .map_or(first_num, |n| n.range().end);
    let mut out = String::with_capacity(xml.len() + abstracts.len() + nums.len());
    out.push_str(&xml[..first_num]);
    out.push_str(&abstracts);
    out.push_str(&xml[first_num..last_num]);
    out.push_str(&nums);
    out.push_str(&xml[last_num..]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_like_paths() {
        assert_eq!(resolve("word", "styles.xml"), "word/styles.xml");
        assert_eq!(
            resolve("word", "../customXml/item1.xml"),
            "customXml/item1.xml"
        );
        assert_eq!(resolve("word", "/word/media/a.png"), "word/media/a.png");
        assert_eq!(resolve("", "word/document.xml"), "word/document.xml");
        assert_eq!(
            rels_name("word/document.xml"),
            "word/_rels/document.xml.rels"
        );
    }

    #[test]
    fn styles_are_found_by_name_and_missing_ones_added() {
        let xml = format!(
            "<w:styles xmlns:w=\"{W_NS}\"><w:docDefaults><w:rPrDefault><w:rPr><w:lang \
             w:val=\"en-US\"/></w:rPr></w:rPrDefault></w:docDefaults><w:style \
             w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Standard\"><w:name \
             w:val=\"Normal\"/></w:style><w:style w:type=\"paragraph\" w:styleId=\"Titre1\">\
             <w:name w:val=\"heading 1\"/></w:style><w:style w:type=\"character\" \
             w:styleId=\"Title\"><w:name w:val=\"Title Char\"/></w:style></w:styles>"
        );
        let (out, map) = merge_styles(&xml, "fr-FR").expect("merged");
        assert_eq!(map.id(Style::Heading1), "Titre1");
        // "Title" is taken by a character style: scribe's Title gets another id.
        assert_eq!(map.id(Style::Title), "ScribeTitle");
        let doc = Document::parse(&out).expect("well-formed");
        let ids: Vec<&str> = doc
            .descendants()
            .filter_map(|n| n.attribute((W_NS, "styleId")))
            .collect();
        assert!(ids.contains(&"ScribeTitle") && ids.contains(&"Heading2"));
        assert!(!ids.contains(&"Heading1"));
        assert!(out.contains("<w:basedOn w:val=\"Standard\"/>"));
        assert!(out.contains("<w:lang w:val=\"fr-FR\""));
        assert!(!out.contains("en-US"));
    }

    #[test]
    fn lists_go_after_the_reference_lists() {
        let xml = format!(
            "<w:numbering xmlns:w=\"{W_NS}\"><w:abstractNum w:abstractNumId=\"3\"/><w:num \
             w:numId=\"7\"><w:abstractNumId w:val=\"3\"/></w:num></w:numbering>"
        );
        let (a, n) = numbering_bases(&xml).expect("ids");
        assert_eq!((a, n), (4, 7));
        let mut numbering = Numbering::new(a, n);
        numbering.ordered_list(2);
        let out = merge_numbering(&xml, &numbering).expect("merged");
        let doc = Document::parse(&out).expect("well-formed");
        let order: Vec<&str> = doc
            .root_element()
            .children()
            .map(|n| n.tag_name().name())
            .collect();
        assert_eq!(
            order,
            [
                "abstractNum",
                "abstractNum",
                "abstractNum",
                "abstractNum",
                "num",
                "num",
                "num",
                "num"
            ]
        );
        assert!(out.contains("<w:num w:numId=\"10\"><w:abstractNumId w:val=\"5\"/>"));
    }

    #[test]
    fn references_go_first_in_the_section_and_content_at_the_end_of_a_part() {
        let sect = "<w:sectPr w:rsidR=\"1\"><w:pgSz w:w=\"1\"/></w:sectPr>";
        let out = prepend_children(
            "",
            sect,
            "<w:headerReference w:type=\"default\" r:id=\"x\"/>",
        )
        .expect("prepended");
        assert_eq!(
            out,
            "<w:sectPr w:rsidR=\"1\"><w:headerReference w:type=\"default\" r:id=\"x\"/><w:pgSz w:w=\"1\"/></w:sectPr>"
        );
        assert_eq!(
            prepend_children("", "<w:sectPr/>", "<w:titlePg/>").expect("self-closing"),
            "<w:sectPr><w:titlePg/></w:sectPr>"
        );
        let hdr = format!("<?xml version=\"1.0\"?><x:hdr xmlns:x=\"{W_NS}\"><x:p/></x:hdr>");
        let out = add_to_part(&hdr, |ns| {
            assert!(ns, "another prefix than w");
            format!("<w:p xmlns:w=\"{W_NS}\"/>")
        })
        .expect("added");
        assert!(
            out.ends_with(&format!("<x:p/><w:p xmlns:w=\"{W_NS}\"/></x:hdr>")),
            "{out}"
        );
        assert!(Document::parse(&out).is_ok());
    }

    #[test]
    fn a_footer_with_a_page_field_keeps_its_own() {
        let with = format!(
            "<w:ftr xmlns:w=\"{W_NS}\"><w:p><w:r><w:instrText> PAGE </w:instrText></w:r></w:p></w:ftr>"
        );
        assert!(has_page_number(&with));
        assert!(!has_page_number(&format!(
            "<w:ftr xmlns:w=\"{W_NS}\"><w:p/></w:ftr>"
        )));
    }

    #[test]
    fn damaged_references_are_refused_with_a_reason() {
        let err = Reference::read(b"not a zip").expect_err("not a zip");
        assert!(err.contains("not a zip file"), "{err}");
    }
}
