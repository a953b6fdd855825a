//! The agenda items' sections as template values that read the minutes where they are, instead
//! of copies of them. Nearly all of a long meeting's minutes are its paragraphs; made into
//! template values through serde, each would be copied into a new map with a new string, only
//! to be printed once. Here a section, a block of its discussion and a paragraph are small
//! views (the section shared, an index) that answer the template's questions from the section
//! itself: a paragraph's text is handed over without copying it. A template sees exactly the
//! fields, names, order and values that serde gives (tests compare both, field by field).

use std::sync::mpsc::Receiver;
use std::sync::{Arc, Mutex, PoisonError};

use minijinja::value::{Enumerator, Object, ObjectRepr, Serde, Value};

use super::model::{Block, BlockKind, Paragraph, Section};

/// The agenda items' sections as a template sequence: all of them at hand, or arriving in
/// agenda order while they are rendered (the template waits for one it reaches before it came).
#[derive(Debug)]
pub(super) struct Sections {
    len: usize,
    arrived: Mutex<Arrived>,
}

#[derive(Debug)]
struct Arrived {
    sections: Vec<Arc<Section>>,
    /// Where the others come from; `None` once all came (or their builder stopped).
    coming: Option<Receiver<Section>>,
}

impl Sections {
    pub(super) fn built(sections: Vec<Section>) -> Sections {
        Sections {
            len: sections.len(),
            arrived: Mutex::new(Arrived {
                sections: sections.into_iter().map(Arc::new).collect(),
                coming: None,
            }),
        }
    }

    /// `len` sections, to be received from `coming` in order.
    pub(super) fn arriving(len: usize, coming: Receiver<Section>) -> Sections {
        Sections {
            len,
            arrived: Mutex::new(Arrived {
                sections: Vec::with_capacity(len),
                coming: Some(coming),
            }),
        }
    }

    /// The section at `index`, waiting for it if it has not come yet.
    fn get(&self, index: usize) -> Option<Arc<Section>> {
        let mut arrived = self.arrived.lock().unwrap_or_else(PoisonError::into_inner);
        while arrived.sections.len() <= index && index < self.len {
            match arrived.coming.as_ref()?.recv() {
                Ok(section) => arrived.sections.push(Arc::new(section)),
                Err(_) => arrived.coming = None,
            }
        }
        arrived.sections.get(index).cloned()
    }
}

impl Object for Sections {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Seq
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        Some(section_value(&self.get(key.as_usize()?)?))
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Seq(self.len)
    }
}

/// `section` as a template value.
pub(super) fn section_value(section: &Arc<Section>) -> Value {
    Value::from_dyn_object(Arc::clone(section))
}

/// A [`Section`]'s fields, in the order serde gives them.
const SECTION_FIELDS: &[&str] = &[
    "number",
    "title",
    "heading",
    "anchor",
    "introduction",
    "discussion",
];

impl Object for Section {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        Some(match key.as_str()? {
            "number" => Value::from(self.number),
            "title" => Value::from(self.title.as_str()),
            "heading" => Value::from(self.heading.as_str()),
            "anchor" => Value::from(self.anchor.as_str()),
            "introduction" => Value::from_object(Paragraphs {
                section: Arc::clone(self),
                block: None,
            }),
            "discussion" => Value::from_object(Blocks(Arc::clone(self))),
            _ => return None,
        })
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Str(SECTION_FIELDS)
    }
}

/// A section's discussion.
#[derive(Debug)]
struct Blocks(Arc<Section>);

impl Object for Blocks {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Seq
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let index = key.as_usize()?;
        self.0.discussion.get(index)?;
        Some(Value::from_object(BlockView {
            section: Arc::clone(&self.0),
            index,
        }))
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Seq(self.0.discussion.len())
    }
}

/// One block of a section's discussion.
#[derive(Debug)]
struct BlockView {
    section: Arc<Section>,
    index: usize,
}

impl BlockView {
    fn block(&self) -> Option<&Block> {
        self.section.discussion.get(self.index)
    }
}

/// A [`Block`]'s fields, in the order serde gives them.
const BLOCK_FIELDS: &[&str] = &["kind", "label", "prefix", "reference", "paragraphs"];

impl Object for BlockView {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let block = self.block()?;
        Some(match key.as_str()? {
            "kind" => Value::from(match block.kind {
                BlockKind::Statement => "statement",
                BlockKind::Note => "note",
                BlockKind::Decision => "decision",
            }),
            "label" => Value::from(block.label.as_str()),
            "prefix" => Value::from(block.prefix.as_str()),
            "reference" => Value::from(block.reference.as_str()),
            "paragraphs" => Value::from_object(Paragraphs {
                section: Arc::clone(&self.section),
                block: Some(self.index),
            }),
            _ => return None,
        })
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Str(BLOCK_FIELDS)
    }
}

/// The paragraphs of a section's introduction (`block` is `None`) or of a block of its
/// discussion.
#[derive(Debug)]
struct Paragraphs {
    section: Arc<Section>,
    block: Option<usize>,
}

impl Paragraphs {
    fn paragraphs(&self) -> &[Paragraph] {
        match self.block {
            None => &self.section.introduction,
            Some(index) => self
                .section
                .discussion
                .get(index)
                .map_or(&[], |block| &block.paragraphs),
        }
    }
}

impl Object for Paragraphs {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Seq
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let index = key.as_usize()?;
        self.paragraphs().get(index)?;
        Some(Value::from_object(ParagraphView {
            paragraphs: Arc::clone(self),
            index,
        }))
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Seq(self.paragraphs().len())
    }
}

/// One paragraph.
#[derive(Debug)]
struct ParagraphView {
    paragraphs: Arc<Paragraphs>,
    index: usize,
}

/// A [`Paragraph`]'s fields, in the order serde gives them.
const PARAGRAPH_FIELDS: &[&str] = &["text", "time", "number", "list"];

impl Object for ParagraphView {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let paragraph = self.paragraphs.paragraphs().get(self.index)?;
        Some(match key.as_str()? {
            "text" => Value::from(Arc::clone(&paragraph.text)),
            "time" => Value::from(paragraph.time.as_str()),
            "number" => Value::from(paragraph.number),
            // Lists are few and small: copied.
            "list" => match &paragraph.list {
                None => Value::from(()),
                Some(list) => Value::from(Serde(&**list)),
            },
            _ => return None,
        })
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Str(PARAGRAPH_FIELDS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::model::List;

    fn paragraph(text: &str, time: &str, number: usize, list: Option<List>) -> Paragraph {
        Paragraph {
            text: Arc::from(text),
            time: time.to_string(),
            number,
            list: list.map(Box::new),
        }
    }

    fn section() -> Section {
        Section {
            number: 3,
            title: "Budget".into(),
            heading: "Agenda Item 3 – Budget".into(),
            anchor: "item-3".into(),
            introduction: vec![
                paragraph("The Chair opened the item.", "10:03", 4, None),
                paragraph(
                    "",
                    "",
                    0,
                    Some(List {
                        ordered: true,
                        start: 2,
                        items: vec!["one".into(), "two *bold*".into()],
                    }),
                ),
            ],
            discussion: vec![
                Block {
                    kind: BlockKind::Statement,
                    label: "Norway (Member)".into(),
                    prefix: "On a point of order".into(),
                    reference: String::new(),
                    paragraphs: vec![
                        paragraph("We agree.", "", 5, None),
                        paragraph("A long second paragraph, with *stars*.", "", 6, None),
                    ],
                },
                Block {
                    kind: BlockKind::Decision,
                    label: "Decision 12/1".into(),
                    prefix: String::new(),
                    reference: "12/1".into(),
                    paragraphs: vec![paragraph("Adopted.", "10:40", 0, None)],
                },
                Block {
                    kind: BlockKind::Note,
                    label: String::new(),
                    prefix: String::new(),
                    reference: String::new(),
                    paragraphs: vec![],
                },
            ],
        }
    }

    /// Every template expression a layout could use on a section gives the same output from
    /// the view as from the serde copy: each field, each element, lengths, truth, and the
    /// whole value printed and as JSON-like text.
    #[test]
    fn a_section_reads_the_same_as_its_serde_copy() {
        let section = Arc::new(section());
        let mut env = minijinja::Environment::new();
        let probe = "{{ s }}|{{ s|length }}|{% for k, v in s|items %}{{ k }}={{ v }};{% endfor %}\
            |{{ s.number + 1 }}|{{ s.title }}|{{ s.heading }}|{{ s.anchor }}\
            |{{ s.introduction|length }}|{% for p in s.introduction %}[{{ p.text }}/{{ p.time }}\
            /{{ p.number }}/{{ p.list }}/{{ p.list.items if p.list else '-' }}/{{ p|length }}]{% endfor %}\
            |{% for b in s.discussion %}<{{ b }}|{{ b.kind }}|{{ b.label }}|{{ b.prefix }}\
            |{{ b.reference }}|{{ b.paragraphs|length }}|{{ b.paragraphs[0].text if b.paragraphs }}\
            |{{ 'y' if b.paragraphs else 'n' }}|{{ b.paragraphs|map(attribute='number')|list }}>{% endfor %}\
            |{{ s.discussion[1].paragraphs[0].time }}|{{ s.missing is undefined }}\
            |{{ s.discussion[7] is undefined }}|{{ s['title'] }}";
        env.add_template("probe", probe)
            .expect("the probe compiles");
        let template = env.get_template("probe").expect("it was added");
        let from_view = template
            .render(minijinja::context! { s => section_value(&section) })
            .expect("the view renders");
        let from_serde = template
            .render(minijinja::context! { s => Value::from(Serde(&*section)) })
            .expect("the copy renders");
        assert_eq!(from_view, from_serde);
        assert!(from_view.contains("A long second paragraph"), "{from_view}");
    }

    #[test]
    fn sections_are_a_sequence_of_sections() {
        let sections = Value::from_object(Sections::built(vec![section(), section()]));
        assert_eq!(sections.len(), Some(2));
        let second = sections.get_item(&Value::from(1)).expect("a section");
        assert_eq!(
            second.get_attr("anchor").expect("an anchor").as_str(),
            Some("item-3")
        );
        assert!(
            sections
                .get_item(&Value::from(2))
                .expect("no error")
                .is_undefined()
        );
    }

    #[test]
    fn arriving_sections_are_waited_for_in_order() {
        let (sender, receiver) = std::sync::mpsc::sync_channel(1);
        let sections = Value::from_object(Sections::arriving(3, receiver));
        let sent = std::thread::spawn(move || {
            for number in 1..=3 {
                let section = Section {
                    number,
                    ..section()
                };
                sender.send(section).expect("the sections are received");
            }
        });
        assert_eq!(sections.len(), Some(3));
        let numbers: Vec<String> = sections
            .try_iter()
            .expect("a sequence")
            .map(|s| s.get_attr("number").expect("a number").to_string())
            .collect();
        assert_eq!(numbers, ["1", "2", "3"]);
        sent.join().expect("the sender ran");
    }

    #[test]
    fn sections_that_never_came_are_undefined() {
        let (sender, receiver) = std::sync::mpsc::sync_channel(1);
        sender.send(section()).expect("one section");
        drop(sender);
        let sections = Value::from_object(Sections::arriving(3, receiver));
        assert!(
            !sections
                .get_item(&Value::from(0))
                .expect("no error")
                .is_undefined()
        );
        assert!(
            sections
                .get_item(&Value::from(1))
                .expect("no error")
                .is_undefined()
        );
        assert!(
            sections
                .get_item(&Value::from(2))
                .expect("no error")
                .is_undefined()
        );
    }
}
