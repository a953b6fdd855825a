//! Text as the archive compares it: lower case, accents taken off, typographic apostrophes
//! plain (as `command::names::fold` compares names), and every run of white space (line breaks
//! included) one space. The search runs on folded text; to mark a match in the text as it was
//! written, [`Folded`] keeps, for every byte of the folded text, where it came from.
//!
//! Folding works character by character (a character's decomposition never depends on its
//! neighbours once combining marks are dropped), so it can map back exactly.

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folded text and, for each of its bytes, the range of the original character it came from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Folded {
    pub text: String,
    /// `origin[i]` is the original character that folded byte `i` comes from.
    origin: Vec<Range<u32>>,
}

impl Folded {
    /// The original byte range that folded bytes `range` come from (on character boundaries).
    pub fn original(&self, range: Range<usize>) -> Option<Range<usize>> {
        if range.is_empty() {
            return None;
        }
        let first = self.origin.get(range.start)?;
        let last = self.origin.get(range.end - 1)?;
        Some(first.start as usize..last.end as usize)
    }

    /// Every place `needle` (already folded) occurs, as ranges of the original text; an empty
    /// needle occurs nowhere.
    pub fn find_all(&self, needle: &str) -> Vec<Range<usize>> {
        if needle.is_empty() {
            return Vec::new();
        }
        memchr::memmem::find_iter(self.text.as_bytes(), needle.as_bytes())
            .filter_map(|at| self.original(at..at + needle.len()))
            .collect()
    }
}

/// One character, folded, into `out`.
fn fold_char(c: char, out: &mut String) {
    for d in std::iter::once(c).nfkd() {
        if is_combining_mark(d) {
            continue;
        }
        let d = if matches!(d, '’' | '‘' | 'ʼ') {
            '\''
        } else {
            d
        };
        out.extend(d.to_lowercase());
    }
}

/// `text` folded, with where each folded byte came from.
pub fn fold_mapped(text: &str) -> Folded {
    let mut folded = Folded {
        text: String::with_capacity(text.len()),
        origin: Vec::with_capacity(text.len()),
    };
    let mut piece = String::new();
    let mut space = false;
    for (at, c) in text.char_indices() {
        let range = at as u32..(at + c.len_utf8()) as u32;
        if c.is_whitespace() {
            // A run of white space is one space, standing for the first of the run.
            if !space && !folded.text.is_empty() {
                folded.text.push(' ');
                folded.origin.push(range);
            }
            space = true;
            continue;
        }
        if c.is_ascii() {
            // Most text: no decomposition, one byte for one byte.
            space = false;
            folded.text.push(c.to_ascii_lowercase());
            folded.origin.push(range);
            continue;
        }
        piece.clear();
        fold_char(c, &mut piece);
        if piece.chars().any(char::is_whitespace) {
            // A compatibility form that decomposes to spaces (rare): one space, like any.
            if !space && !folded.text.is_empty() {
                folded.text.push(' ');
                folded.origin.push(range);
            }
            space = true;
            continue;
        }
        space = false;
        folded.text.push_str(&piece);
        folded
            .origin
            .extend(std::iter::repeat_n(range, piece.len()));
    }
    if folded.text.ends_with(' ') {
        folded.text.pop();
        folded.origin.pop();
    }
    folded
}

/// `text` folded (without the map): what is stored and searched. The same text as
/// [`fold_mapped`] gives, made without keeping where each byte came from.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// [`fold`], appended to `out`.
pub fn fold_into(text: &str, out: &mut String) {
    let start = out.len();
    let mut piece = String::new();
    let mut space = false;
    for c in text.chars() {
        let white = if c.is_whitespace() {
            true
        } else if c.is_ascii() {
            false
        } else {
            piece.clear();
            fold_char(c, &mut piece);
            piece.chars().any(char::is_whitespace)
        };
        if white {
            if !space && out.len() > start {
                out.push(' ');
            }
            space = true;
            continue;
        }
        space = false;
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.push_str(&piece);
        }
    }
    if out.len() > start && out.ends_with(' ') {
        out.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_as_names_are_folded() {
        for text in [
            "Côte d’Ivoire",
            "ÉLÉPHANT Straße",
            "José",
            "ﬁnal",
            "日本語",
            "İstanbul",
        ] {
            assert_eq!(fold(text), crate::command::names::fold(text), "{text}");
        }
    }

    #[test]
    fn folding_with_and_without_the_map_agree() {
        for text in [
            "  Two\n\nlines\tand  more  ",
            "Côte d’Ivoire — ﬁnal ½ İstanbul\u{3000}x",
            "",
            " ",
            "日本語 ÉLÉPHANT",
        ] {
            assert_eq!(fold(text), fold_mapped(text).text, "{text:?}");
        }
    }

    #[test]
    fn white_space_is_one_space() {
        assert_eq!(fold("  Two\n\nlines\tand  more  "), "two lines and more");
    }

    #[test]
    fn matches_map_back_to_the_text_as_written() {
        let text = "Le Président de la CÔTE d’Ivoire a parlé.\nPuis: côte d'ivoire!";
        let folded = fold_mapped(text);
        let found: Vec<&str> = folded
            .find_all(&fold("cote d'ivoire"))
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(found, ["CÔTE d’Ivoire", "côte d'ivoire"]);
        let across: Vec<&str> = folded
            .find_all(&fold("parle. puis"))
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(across, ["parlé.\nPuis"]);
        assert!(folded.find_all("").is_empty());
    }

    #[test]
    fn ligatures_and_decompositions_map_to_the_whole_character() {
        let text = "ﬁnal ½";
        let folded = fold_mapped(text);
        let found: Vec<&str> = folded
            .find_all("fi")
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(found, ["ﬁ"]);
        assert_eq!(folded.text, "final 1⁄2");
    }
}
