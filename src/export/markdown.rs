//! Minutes as CommonMark, laid out by the `minutes.md.j2` template. What the note-taker typed
//! must read as typed and never change the structure of the document: a statement that starts
//! with `#`, `-` or `1.`, or contains `*`, `_`, `<`, `|` or `[`, is escaped here, in Rust, by
//! [`escape`], which the template engine applies to every value a Markdown template prints.

use std::path::Path;

use super::ExportError;
use super::model::Minutes;
use super::template;

/// Renders the minutes as Markdown.
pub fn render(minutes: &Minutes, overrides: Option<&Path>) -> Result<String, ExportError> {
    template::render(&template::MARKDOWN, overrides, minutes).map(|md| single_blank_lines(&md))
}

/// `text` with runs of blank lines folded into one, so a template can leave a blank line after
/// each block without caring what came before it.
pub fn single_blank_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.split('\n') {
        if line.trim().is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
            out.push('\n');
        } else {
            blank = 0;
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// Characters that can start or end inline structure anywhere in a line: emphasis, code,
/// links, images, raw HTML, entities, tables and strikethrough (the last two for the common
/// extensions), and the escape character itself.
const fn escaped_anywhere(c: char) -> bool {
    matches!(
        c,
        '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '#' | '|' | '~'
    )
}

/// [`escaped_anywhere`] by byte (a table: the escaper looks at every byte of the minutes).
static ESCAPED_ANYWHERE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = escaped_anywhere(b as u8 as char);
        b += 1;
    }
    table
};

/// Whether any byte of `bytes` is [`escaped_anywhere`]: a pass the compiler vectorises (a
/// block at a time, no early exit inside one).
fn any_escaped_anywhere(bytes: &[u8]) -> bool {
    bytes.chunks(64).any(|block| {
        block.iter().fold(false, |found, &b| {
            found
                | matches!(
                    b,
                    b'\\'
                        | b'`'
                        | b'*'
                        | b'_'
                        | b'['
                        | b']'
                        | b'<'
                        | b'>'
                        | b'&'
                        | b'#'
                        | b'|'
                        | b'~'
                )
        })
    })
}

/// Characters that make a block (list, quote, thematic break, setext underline) only at the
/// start of a line.
fn escaped_at_line_start(c: char) -> bool {
    matches!(c, '-' | '+' | '=' | '>' | '#' | '*' | '_' | '~' | '`')
}

/// Escapes text for any inline position of a CommonMark document: backslashes before
/// punctuation that could make structure, and before the `.` or `)` of a line that starts like
/// an ordered list (`1.`). Leading spaces and tabs of each line are dropped (they could make a code
/// block) and line breaks become hard breaks (`\` at the end of the line), so a multi-line
/// value stays in the paragraph or list item it was printed in.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    // Writing to a String cannot fail.
    let _ = escape_to(&mut out, text);
    out
}

/// [`escape`], written to `out` (the template engine's output) without a copy in between.
pub fn escape_to(out: &mut impl std::fmt::Write, text: &str) -> std::fmt::Result {
    // Most values are one line.
    if memchr::memchr(b'\n', text.as_bytes()).is_none() {
        let line = text.trim_matches([' ', '\t']);
        return match line.is_empty() {
            true => Ok(()),
            false => escape_line(out, line),
        };
    }
    let mut first = true;
    for line in text.split('\n') {
        // Spaces and tabs only: a no-break space (French before a colon) stays.
        let line = line.trim_matches([' ', '\t']);
        if line.is_empty() {
            continue;
        }
        if !first {
            out.write_str("\\\n")?;
        }
        first = false;
        escape_line(out, line)?;
    }
    Ok(())
}

fn escape_line(out: &mut impl std::fmt::Write, line: &str) -> std::fmt::Result {
    // `1.` or `1)` at the start of a line opens an ordered list (up to nine digits).
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let list_marker = ((1..=9).contains(&digits)
        && matches!(line.as_bytes().get(digits), Some(b'.' | b')')))
    .then_some(digits);
    // Most lines hold nothing to escape past their first character: written at once.
    if list_marker.is_none()
        && !line
            .bytes()
            .next()
            .is_some_and(|b| escaped_at_line_start(char::from(b)))
        && !any_escaped_anywhere(line.as_bytes())
    {
        return out.write_str(line);
    }
    // Everything escaped is ASCII, and an ASCII byte is a whole character: the text between
    // two escapes is copied as it is.
    let mut copied = 0;
    for (i, b) in line.bytes().enumerate() {
        let c = char::from(b);
        let start = i == 0 && escaped_at_line_start(c);
        let marker = list_marker == Some(i);
        if ESCAPED_ANYWHERE[usize::from(b)] || (b.is_ascii() && (start || marker)) {
            out.write_str(&line[copied..i])?;
            out.write_str("\\")?;
            copied = i;
        }
    }
    out.write_str(&line[copied..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The escaping of a line character by character, as it was first written.
    fn escape_line_by_chars(line: &str) -> String {
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        let list_marker = ((1..=9).contains(&digits)
            && matches!(line.as_bytes().get(digits), Some(b'.' | b')')))
        .then_some(digits);
        let mut out = String::new();
        for (i, c) in line.char_indices() {
            if (i == 0 && escaped_at_line_start(c)) || list_marker == Some(i) || escaped_anywhere(c)
            {
                out.push('\\');
            }
            out.push(c);
        }
        out
    }

    proptest! {
        /// Copying the text between escapes gives what escaping each character gave.
        #[test]
        fn copying_between_escapes_is_escaping_each_character(
            line in "[-+=>#*_~`\\\\\\[\\]<&|.)0-9 aé日\u{80}\u{a0}]{0,20}"
        ) {
            let mut out = String::new();
            escape_line(&mut out, &line).expect("a String takes everything");
            prop_assert_eq!(out, escape_line_by_chars(&line));
        }
    }

    proptest! {
        /// The block-at-a-time scan finds what the table finds, wherever it stands.
        #[test]
        fn the_scan_finds_what_is_escaped_anywhere(bytes in proptest::collection::vec(
            proptest::prop_oneof![6 => b'a'..=b'z', 1 => proptest::num::u8::ANY], 0..150)
        ) {
            let each = bytes.iter().any(|&b| ESCAPED_ANYWHERE[usize::from(b)]);
            prop_assert_eq!(any_escaped_anywhere(&bytes), each);
        }
    }

    #[test]
    fn structure_is_escaped() {
        assert_eq!(escape("# not a heading"), "\\# not a heading");
        assert_eq!(escape("- not a list"), "\\- not a list");
        assert_eq!(escape("1. not a list"), "1\\. not a list");
        assert_eq!(escape("12) nor this"), "12\\) nor this");
        assert_eq!(escape("2026. A year"), "2026\\. A year");
        assert_eq!(
            escape("a *b* _c_ <d> |e| [f](g) &amp;"),
            "a \\*b\\* \\_c\\_ \\<d\\> \\|e\\| \\[f\\](g) \\&amp;"
        );
        assert_eq!(escape("a\\b"), "a\\\\b");
    }

    #[test]
    fn plain_text_is_left_alone() {
        assert_eq!(
            escape("Côte d'Ivoire: 3.5 percent (approx.) - fine!"),
            "Côte d'Ivoire: 3.5 percent (approx.) - fine!"
        );
    }

    #[test]
    fn lines_become_hard_breaks_and_lose_indentation() {
        assert_eq!(escape("one\n    two\n\n---"), "one\\\ntwo\\\n\\---");
    }
}
