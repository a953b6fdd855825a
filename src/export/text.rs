//! Minutes as plain text for the body of an email, laid out by the `minutes.txt.j2` template and
//! wrapped here at 72 columns. The template writes one logical line per paragraph or list
//! item; [`wrap`] then folds every longer line by display width (so "José" and "日本" count
//! right), continuing list items (`- `, `* `, `• `, `1. `) under their text and keeping a
//! number with the word after it ("26 February", "4 min"). A word longer than the line (a long
//! address) is left whole rather than cut.

use std::path::Path;

use super::ExportError;
use super::model::Minutes;
use super::template;
use crate::text::width;

/// The width of a line of the text export, in columns.
pub const WIDTH: usize = 72;

/// Renders the minutes as plain text.
pub fn render(minutes: &Minutes, overrides: Option<&Path>) -> Result<String, ExportError> {
    template::render(&template::TEXT, overrides, minutes).map(|text| wrap(&text, WIDTH))
}

/// Folds every line of `text` longer than `max` columns at spaces.
pub fn wrap(text: &str, max: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    for line in text.split('\n') {
        if !out.is_empty() {
            out.push('\n');
        }
        if width(line) <= max {
            out.push_str(line);
        } else {
            wrap_line(&mut out, line, max);
        }
    }
    out
}

/// The leading part of a line that its continuation lines are indented under: spaces and a
/// list marker.
fn hanging_prefix(line: &str) -> &str {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let rest = &line[indent..];
    let marker = ["- ", "* ", "• "]
        .iter()
        .find(|m| rest.starts_with(*m))
        .map(|m| m.len())
        .or_else(|| {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            let after = rest.get(digits..)?;
            (digits > 0 && (after.starts_with(". ") || after.starts_with(") ")))
                .then_some(digits + 2)
        })
        .unwrap_or(0);
    &line[..indent + marker]
}

/// Folds `line` (one line, wider than `max` columns) into `out`.
pub(super) fn wrap_line(out: &mut String, line: &str, max: usize) {
    // Printable ASCII, most text, is a column a byte: no word needs measuring.
    let ascii = crate::text::is_printable_ascii(line.as_bytes());
    if ascii && memchr::memmem::find(line.as_bytes(), b"  ").is_none() {
        wrap_single_spaced(out, line, max);
    } else {
        wrap_words(out, line, max, ascii);
    }
}

/// [`wrap_line`] of printable ASCII with single spaces between its words: a column is a byte
/// and the words of one line of the output stand in `line` as they are printed, so each line
/// of the output is found by looking back from its last column for a space, and copied at
/// once, rather than word by word.
fn wrap_single_spaced(out: &mut String, line: &str, max: usize) {
    let bytes = line.as_bytes();
    let prefix = hanging_prefix(line);
    out.push_str(prefix);
    // The words end here (a space at the end is left out).
    let text_end = bytes.len() - usize::from(bytes.last() == Some(&b' '));
    // Where the next line's first word starts, and the columns before it.
    let (mut at, mut used) = (prefix.len(), prefix.len());
    while at < text_end {
        let room = max.saturating_sub(used);
        if text_end - at <= room {
            out.push_str(&line[at..text_end]);
            return;
        }
        // The line ends at the last space that leaves its words within `room`; a first word
        // longer than that stands alone.
        let space = if bytes[at + room] == b' ' {
            Some(at + room)
        } else {
            memchr::memrchr(b' ', &bytes[at..at + room])
                .map(|i| at + i)
                .or_else(|| memchr::memchr(b' ', &bytes[at..text_end]).map(|i| at + i))
        };
        let Some(space) = space else {
            out.push_str(&line[at..text_end]);
            return;
        };
        // A number stays with the word after it ("26 February", "4 min"): the line ends
        // before the space before it, unless it is the line's only word.
        let carried = memchr::memrchr(b' ', &bytes[at..space])
            .map(|i| at + i)
            .filter(|&before| bytes[before + 1..space].iter().all(u8::is_ascii_digit));
        let (end, next) = match carried {
            Some(before) => (before, before + 1),
            None => (space, space + 1),
        };
        out.push_str(&line[at..end]);
        out.push('\n');
        for _ in 0..prefix.len() {
            out.push(' ');
        }
        at = next;
        used = prefix.len();
    }
}

/// [`wrap_line`] word by word, measuring each word (`ascii`: every word is a column a byte).
fn wrap_words(out: &mut String, line: &str, max: usize, ascii: bool) {
    let prefix = hanging_prefix(line);
    let hang = " ".repeat(width(prefix));
    let mut used = width(prefix);
    let mut words_on_line = 0;
    // Where the last word on the line starts in `out`, and whether it is a bare number.
    let mut last_start = out.len();
    let mut last_is_number = false;
    out.push_str(prefix);
    for word in words(&line[prefix.len()..]) {
        let w = if ascii { word.len() } else { width(word) };
        if words_on_line > 0 && used + 1 + w > max {
            // A number stays with the word after it ("26 February", "4 min").
            let carried = (last_is_number && words_on_line > 1).then(|| {
                let number = out.split_off(last_start);
                out.pop(); // the space before it
                number
            });
            out.push('\n');
            out.push_str(&hang);
            used = hang.len();
            words_on_line = 0;
            if let Some(number) = carried {
                out.push_str(&number);
                used += width(&number);
                words_on_line = 1;
                if used + 1 + w > max {
                    out.push('\n');
                    out.push_str(&hang);
                    used = hang.len();
                    words_on_line = 0;
                }
            }
        }
        if words_on_line > 0 {
            out.push(' ');
            used += 1;
        }
        last_start = out.len();
        last_is_number = word.bytes().all(|b| b.is_ascii_digit());
        out.push_str(word);
        used += w;
        words_on_line += 1;
    }
}

/// The words of `text`: what lies between its spaces. (The same as splitting at every space
/// and leaving out the empty pieces.)
fn words(text: &str) -> impl Iterator<Item = &str> {
    word_spans(text).map(|(start, end)| &text[start..end])
}

/// Where the words of `text` start and end (a plain walk over the bytes, as words are short).
/// Both ends are at a space or at an end of the text: character boundaries.
fn word_spans(text: &str) -> impl Iterator<Item = (usize, usize)> {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while bytes.get(at) == Some(&b' ') {
            at += 1;
        }
        let start = at;
        while bytes.get(at).is_some_and(|&b| b != b' ') {
            at += 1;
        }
        (at > start).then_some((start, at))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Copying a line's words a line at a time folds single-spaced ASCII exactly as
        /// placing them word by word does: list markers, numbers kept with the next word,
        /// words longer than the line, a space at the end.
        #[test]
        fn single_spaced_lines_fold_as_word_by_word(
            marker in proptest::sample::select(vec!["", "- ", "* ", "12. ", "3) "]),
            words in proptest::collection::vec(
                "[0-9]{1,3}|[a-z]{1,12}|[A-Z][a-z]{0,30}|[.,;:!?()#*-]{1,2}", 0..40),
            trailing in proptest::bool::ANY,
            max in 1usize..40,
        ) {
            let mut line = format!("{marker}{}", words.join(" "));
            if trailing {
                line.push(' ');
            }
            proptest::prop_assume!(!line.contains("  "));
            let (mut copied, mut placed) = (String::from("before\n"), String::from("before\n"));
            wrap_single_spaced(&mut copied, &line, max);
            wrap_words(&mut placed, &line, max, true);
            proptest::prop_assert_eq!(copied, placed, "{:?} at {}", line, max);
        }
    }

    #[test]
    fn words_are_what_lies_between_spaces() {
        for text in ["", " ", "a", "  a  b   cé ", "日本 語", "a\tb c", "  "] {
            let split: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
            assert_eq!(words(text).collect::<Vec<_>>(), split, "{text:?}");
        }
    }

    #[test]
    fn long_lines_fold_at_the_width() {
        let line = "word ".repeat(40);
        let wrapped = wrap(line.trim_end(), 20);
        assert!(wrapped.lines().all(|l| width(l) <= 20), "{wrapped}");
        assert_eq!(wrapped.split_whitespace().count(), 40);
    }

    #[test]
    fn list_items_hang_under_their_text() {
        let wrapped = wrap("- alpha beta gamma delta\n12. one two three four", 14);
        assert_eq!(
            wrapped,
            "- alpha beta\n  gamma delta\n12. one two\n    three four"
        );
    }

    #[test]
    fn a_number_stays_with_the_word_after_it() {
        assert_eq!(wrap("due on 26 February", 13), "due on\n26 February");
        assert_eq!(wrap("26 February", 5), "26\nFebruary");
    }

    #[test]
    fn width_is_measured_on_screen() {
        let wrapped = wrap("日本語 日本語 日本語", 14);
        assert_eq!(wrapped, "日本語 日本語\n日本語");
    }

    #[test]
    fn a_word_longer_than_the_line_stays_whole() {
        let url = "https://example.org/a/very/long/address/that/does/not/fit";
        assert_eq!(
            wrap(&format!("see {url} now"), 20),
            format!("see\n{url}\nnow")
        );
    }
}
