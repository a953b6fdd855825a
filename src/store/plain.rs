//! Telling cheaply that an event read from disk needs no cleaning. Everything read is untrusted
//! and passes through [`Event::cleaned`], which rebuilds every string character by character;
//! at 100,000 events that is a large share of opening a meeting, for text that is almost
//! always clean already. [`cleaned`] first walks the event's strings (through its `Serialize`,
//! so a new field or event is walked too) and cleans only an event with a string that cleaning
//! could change: empty, with whitespace at either end, or with any control character or bidi
//! control. Anything else is returned as it is — exactly what cleaning would have returned.
//!
//! It must never let through a string that [`crate::text::clean`] or
//! [`crate::text::clean_line`] would change (a test checks it on hostile strings).

use serde::ser::{self, Serialize};

use crate::meeting::{Event, Stamped};
use crate::text::is_bidi_control;

/// The event with its text cleaned, without the cost when it is clean already.
pub fn cleaned(event: Event) -> Event {
    if is_plain(&event) {
        event
    } else {
        event.cleaned()
    }
}

/// [`cleaned`] for a stamped event.
pub fn cleaned_stamped(stamped: Stamped) -> Stamped {
    Stamped {
        at: stamped.at,
        event: cleaned(stamped.event),
    }
}

/// Does every string in `event` come out of cleaning unchanged?
pub fn is_plain(event: &Event) -> bool {
    event.serialize(Walker).is_ok()
}

/// A string cleaning leaves as it is: not empty (an empty optional field becomes None), no
/// whitespace at either end (both cleaners trim), no control character (line breaks and tabs
/// included) and no bidi control.
pub fn plain_str(text: &str) -> bool {
    let (Some(first), Some(last)) = (text.chars().next(), text.chars().next_back()) else {
        return false;
    };
    if first.is_whitespace() || last.is_whitespace() {
        return false;
    }
    if text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return true;
    }
    !text.chars().any(|c| c.is_control() || is_bidi_control(c))
}

/// Walks a value's strings and fails at the first that is not plain.
struct Walker;

#[derive(Debug)]
struct NotPlain;

impl std::fmt::Display for NotPlain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("text that cleaning would change")
    }
}

impl std::error::Error for NotPlain {}

impl ser::Error for NotPlain {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        NotPlain
    }
}

type Walked = Result<(), NotPlain>;

impl ser::Serializer for Walker {
    type Ok = ();
    type Error = NotPlain;
    type SerializeSeq = Walker;
    type SerializeTuple = Walker;
    type SerializeTupleStruct = Walker;
    type SerializeTupleVariant = Walker;
    type SerializeMap = Walker;
    type SerializeStruct = Walker;
    type SerializeStructVariant = Walker;

    fn serialize_bool(self, _: bool) -> Walked {
        Ok(())
    }
    fn serialize_i8(self, _: i8) -> Walked {
        Ok(())
    }
    fn serialize_i16(self, _: i16) -> Walked {
        Ok(())
    }
    fn serialize_i32(self, _: i32) -> Walked {
        Ok(())
    }
    fn serialize_i64(self, _: i64) -> Walked {
        Ok(())
    }
    fn serialize_u8(self, _: u8) -> Walked {
        Ok(())
    }
    fn serialize_u16(self, _: u16) -> Walked {
        Ok(())
    }
    fn serialize_u32(self, _: u32) -> Walked {
        Ok(())
    }
    fn serialize_u64(self, _: u64) -> Walked {
        Ok(())
    }
    fn serialize_f32(self, _: f32) -> Walked {
        Ok(())
    }
    fn serialize_f64(self, _: f64) -> Walked {
        Ok(())
    }
    fn serialize_char(self, c: char) -> Walked {
        self.serialize_str(c.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, text: &str) -> Walked {
        if plain_str(text) {
            Ok(())
        } else {
            Err(NotPlain)
        }
    }
    fn serialize_bytes(self, _: &[u8]) -> Walked {
        Err(NotPlain)
    }
    fn serialize_none(self) -> Walked {
        Ok(())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Walked {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Walked {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Walked {
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> Walked {
        Ok(())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, v: &T) -> Walked {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        v: &T,
    ) -> Walked {
        v.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Walker, NotPlain> {
        Ok(Walker)
    }
    fn serialize_tuple(self, _: usize) -> Result<Walker, NotPlain> {
        Ok(Walker)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Walker, NotPlain> {
        Ok(Walker)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Walker, NotPlain> {
        Ok(Walker)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Walker, NotPlain> {
        Ok(Walker)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Walker, NotPlain> {
        Ok(Walker)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Walker, NotPlain> {
        Ok(Walker)
    }
}

impl ser::SerializeSeq for Walker {
    type Ok = ();
    type Error = NotPlain;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, v: &T) -> Walked {
        v.serialize(Walker)
    }
    fn end(self) -> Walked {
        Ok(())
    }
}

impl ser::SerializeTuple for Walker {
    type Ok = ();
    type Error = NotPlain;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, v: &T) -> Walked {
        v.serialize(Walker)
    }
    fn end(self) -> Walked {
        Ok(())
    }
}

impl ser::SerializeTupleStruct for Walker {
    type Ok = ();
    type Error = NotPlain;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, v: &T) -> Walked {
        v.serialize(Walker)
    }
    fn end(self) -> Walked {
        Ok(())
    }
}

impl ser::SerializeTupleVariant for Walker {
    type Ok = ();
    type Error = NotPlain;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, v: &T) -> Walked {
        v.serialize(Walker)
    }
    fn end(self) -> Walked {
        Ok(())
    }
}

impl ser::SerializeMap for Walker {
    type Ok = ();
    type Error = NotPlain;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, k: &T) -> Walked {
        k.serialize(Walker)
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, v: &T) -> Walked {
        v.serialize(Walker)
    }
    fn end(self) -> Walked {
        Ok(())
    }
}

impl ser::SerializeStruct for Walker {
    type Ok = ();
    type Error = NotPlain;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, _: &'static str, v: &T) -> Walked {
        v.serialize(Walker)
    }
    fn end(self) -> Walked {
        Ok(())
    }
}

impl ser::SerializeStructVariant for Walker {
    type Ok = ();
    type Error = NotPlain;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, _: &'static str, v: &T) -> Walked {
        v.serialize(Walker)
    }
    fn end(self) -> Walked {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::{ActionRecorded, AttendeeAdded, Id, Owner};
    use crate::text::{clean, clean_line};

    const HOSTILE: [&str; 16] = [
        "",
        " ",
        " lead",
        "trail ",
        "tab\there",
        "line\nbreak",
        "cr\rhere",
        "esc\u{1b}[2J",
        "c1\u{9b}31m",
        "del\u{7f}",
        "bidi\u{202e}txt",
        "isolate\u{2066}x",
        "mark\u{061c}x",
        "nbsp end\u{a0}",
        "\u{3000}ideographic",
        "bell\u{7}",
    ];

    #[test]
    fn a_plain_string_is_what_both_cleaners_return() {
        for text in HOSTILE {
            assert!(!plain_str(text), "{text:?} passed as plain");
        }
        for text in [
            "Côte d'Ivoire",
            "日本",
            "a",
            "Thanked the Presidency (see \"A/B\") — 20%",
            "x\u{feff}y",
        ] {
            assert!(plain_str(text), "{text:?}");
            assert_eq!(clean(text), text);
            assert_eq!(clean_line(text), text);
        }
    }

    #[test]
    fn events_with_hostile_text_are_cleaned_and_others_kept() {
        for text in HOSTILE {
            let events = [
                Event::StatementRecorded {
                    speaker: Id(1),
                    text: text.into(),
                },
                Event::AttendeeAdded(Box::new(AttendeeAdded {
                    name: "Norway".into(),
                    capacity: Some(text.into()),
                    label: None,
                    aliases: vec![],
                    group: None,
                })),
                Event::ActionRecorded(Box::new(ActionRecorded {
                    owner: Owner::Named(text.into()),
                    also: vec![],
                    text: "To write".into(),
                    due: None,
                })),
            ];
            for event in events {
                assert!(!is_plain(&event), "{event:?}");
                assert_eq!(cleaned(event.clone()), event.clone().cleaned());
            }
        }
        let plain = Event::AttendeeAdded(Box::new(AttendeeAdded {
            name: "Norway".into(),
            capacity: Some("President".into()),
            label: Some("Pres.".into()),
            aliases: vec!["NO".into()],
            group: None,
        }));
        assert!(is_plain(&plain));
        assert_eq!(cleaned(plain.clone()), plain.clone().cleaned());
    }
}
