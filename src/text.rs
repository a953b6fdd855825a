//! The one gate every piece of text passes through on its way in.
//!
//! Text reaches scribe from the keyboard, from a bracketed paste, from a meeting file on disk
//! and from the command line. Any of them can carry control characters, terminal escape
//! sequences (a paste copied from a terminal, a hostile file) or bidi overrides that make a
//! statement read differently from what it says. ratatui passes such characters straight to
//! the terminal, so they must never reach the model. [`clean`] keeps the text a person meant;
//! [`clean_line`] does the same for single-line fields (names, titles, commands).
//!
//! On the way out, outside the full screen (messages on standard error, `scribe list`, paths
//! and lock contents), [`printable`] and [`printable_path`] show the same characters as
//! visible escapes, so that nothing read from a file name or a file acts on the terminal.

/// Bidi embedding, override and isolate controls (and the Arabic letter mark): they reorder
/// what is displayed without changing what is stored.
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// Cleans multi-line text: removes escape sequences (CSI, OSC, DCS and the like), C0 and C1
/// control characters and bidi controls; turns `\r\n` and lone `\r` into `\n` and tabs into
/// spaces; trims trailing spaces on each line and blank lines at both ends.
pub fn clean(input: &str) -> String {
    if is_clean(input) {
        return input.to_owned();
    }
    clean_char_by_char(input)
}

/// [`clean`] the long way, character by character.
fn clean_char_by_char(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape_sequence(&mut chars),
            // C1 introducers of string sequences (DCS, SOS, OSC, PM, APC) and CSI.
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => skip_string_body(&mut chars),
            '\u{9b}' => skip_csi_body(&mut chars),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\n' => out.push('\n'),
            '\t' => out.push(' '),
            c if c.is_control() || is_bidi_control(c) => {}
            c => out.push(c),
        }
    }
    let lines: Vec<&str> = out.split('\n').map(str::trim_end).collect();
    let first = lines.iter().position(|l| !l.trim().is_empty());
    let last = lines.iter().rposition(|l| !l.trim().is_empty());
    match (first, last) {
        (Some(first), Some(last)) => lines[first..=last].join("\n"),
        _ => String::new(),
    }
}

/// Does this text hold a character [`clean`] would remove or change: a control
/// character other than a line break (C0, DEL, C1; tabs and carriage returns too) or a bidi
/// control (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069)?
pub fn needs_cleaning(bytes: &[u8]) -> bool {
    // C0 but the line break, and DEL: a pass over the bytes the compiler vectorises (a block
    // at a time, no early exit inside one).
    let control = |b: u8| (b < 0x20 && b != b'\n') || b == 0x7f;
    if bytes
        .chunks(64)
        .any(|block| block.iter().fold(false, |found, &b| found | control(b)))
    {
        return true;
    }
    // C1 controls and bidi controls start with one of three lead bytes: only those are looked at.
    memchr::memchr3_iter(0xc2, 0xd8, 0xe2, bytes).any(|i| match bytes[i] {
        0xc2 => bytes.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)),
        0xd8 => bytes.get(i + 1) == Some(&0x9c),
        _ => match (bytes.get(i + 1), bytes.get(i + 2)) {
            (Some(0x80), Some(&c)) => c == 0x8e || c == 0x8f || (0xaa..=0xae).contains(&c),
            (Some(0x81), Some(&c)) => (0xa6..=0xa9).contains(&c),
            _ => false,
        },
    })
}

/// Is this text as [`clean`] leaves it (cleaning it would give the same text)? A scan of its
/// bytes, much cheaper than cleaning: the texts of a meeting file were cleaned when recorded.
pub fn is_clean(input: &str) -> bool {
    if input.is_empty() {
        return true;
    }
    if needs_cleaning(input.as_bytes()) {
        return false;
    }
    // In one pass over the lines: no line ends in white space, and neither the first nor the
    // last is blank.
    let blank = |line: &str| line.trim().is_empty();
    let mut last = "";
    for (i, line) in input.split('\n').enumerate() {
        if (i == 0 && blank(line)) || line.trim_end().len() != line.len() {
            return false;
        }
        last = line;
    }
    !blank(last)
}

/// Cleans single-line text: like [`clean`], with line breaks folded into single spaces and the
/// ends trimmed.
pub fn clean_line(input: &str) -> String {
    // Most are one clean line already (a clean line does not end in white space).
    if memchr::memchr(b'\n', input.as_bytes()).is_none() && is_clean(input) {
        return input.trim_start().to_owned();
    }
    clean_line_the_long_way(input)
}

/// [`clean_line`] without its shortcut for a clean line.
fn clean_line_the_long_way(input: &str) -> String {
    let cleaned = clean(input);
    let mut out = String::with_capacity(cleaned.len());
    for (i, line) in cleaned.split('\n').map(str::trim).enumerate() {
        if line.is_empty() {
            continue;
        }
        if i > 0 && !out.is_empty() {
            out.push(' ');
        }
        out.push_str(line);
    }
    out.trim().to_string()
}

/// Skips what follows an ESC: a CSI sequence, a string sequence (OSC, DCS, SOS, PM, APC) up to
/// its terminator, or a single following character (two-character escapes such as `ESC c`).
fn skip_escape_sequence(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.next() {
        Some('[') => skip_csi_body(chars),
        Some(']' | 'P' | 'X' | '^' | '_') => skip_string_body(chars),
        // nF sequences: intermediates (0x20..=0x2f) then one final byte.
        Some(c) if ('\u{20}'..='\u{2f}').contains(&c) => {
            while let Some(&next) = chars.peek() {
                chars.next();
                if !('\u{20}'..='\u{2f}').contains(&next) {
                    break;
                }
            }
        }
        _ => {}
    }
}

/// Skips CSI parameters and intermediates up to and including the final byte (0x40..=0x7e).
/// A sequence cut short by anything else ends at that character, which is kept out too.
fn skip_csi_body(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    for c in chars.by_ref() {
        if ('\u{40}'..='\u{7e}').contains(&c) || !('\u{20}'..='\u{3f}').contains(&c) {
            break;
        }
    }
}

/// Skips a string sequence body up to BEL, ST (`ESC \`) or the C1 ST.
fn skip_string_body(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(c) = chars.next() {
        match c {
            '\u{07}' | '\u{9c}' => break,
            '\u{1b}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                break;
            }
            _ => {}
        }
    }
}

/// Text to print outside the full screen (a message on standard error, a path in `scribe
/// list`): the same characters [`clean`] keeps out of the screen — escape sequences, C0 and C1
/// controls, bidi controls — are shown as visible escapes (`\u{1b}`) instead of acting on the
/// terminal. Shown rather than dropped, so that a file name can still be told apart and found.
/// Line breaks are kept (a message may have several lines).
pub fn printable(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    for c in input.chars() {
        if c == '\n' || !(c.is_control() || is_bidi_control(c)) {
            out.push(c);
        } else {
            out.push_str(&c.escape_unicode().to_string());
        }
    }
    out
}

/// A path, for printing: [`printable`], with a line break shown as `\u{a}` too (a file name
/// may hold one), and bytes that are not UTF-8 shown as `\xNN`.
pub fn printable_path(path: &std::path::Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut out = String::new();
    for chunk in path.as_os_str().as_bytes().utf8_chunks() {
        for c in chunk.valid().chars() {
            if c.is_control() || is_bidi_control(c) {
                out.push_str(&c.escape_unicode().to_string());
            } else {
                out.push(c);
            }
        }
        for byte in chunk.invalid() {
            out.push_str(&format!("\\x{byte:02x}"));
        }
    }
    out
}

/// The display width of a string in terminal cells.
pub fn width(s: &str) -> usize {
    // Printable ASCII, most text, is a cell a byte.
    if is_printable_ascii(s.as_bytes()) {
        return s.len();
    }
    unicode_width::UnicodeWidthStr::width(s)
}

/// Whether every byte is printable ASCII (a space to `~`): text that is a cell a byte and has
/// nothing to clean. A pass the compiler vectorises (a block at a time, no early exit inside
/// one).
pub fn is_printable_ascii(bytes: &[u8]) -> bool {
    bytes.chunks(64).all(|block| {
        block
            .iter()
            .fold(true, |printable, &b| printable & (0x20..0x7f).contains(&b))
    })
}

/// The longest prefix of `s` that fits in `max` cells, with `…` when something was cut.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in unicode_segmentation::UnicodeSegmentation::graphemes(s, true) {
        let w = width(g);
        if used + w + 1 > max {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The block-at-a-time scan says what a byte-by-byte look says, wherever the odd byte
        /// stands (also past the first block).
        #[test]
        fn printable_ascii_is_every_byte_printable(
            bytes in proptest::collection::vec(
                prop_oneof![8 => 0x20u8..0x7f, 1 => any::<u8>()], 0..200),
        ) {
            let each = bytes.iter().all(|b| (0x20..0x7f).contains(b));
            prop_assert_eq!(is_printable_ascii(&bytes), each);
        }
    }

    /// Text made of what cleaning cares about: letters, spaces, line breaks, tabs, carriage
    /// returns, ESC and CSI pieces, C1 controls, bidi controls, no-break spaces, accents.
    fn awkward_text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop::sample::select(vec![
                "a",
                "é",
                " ",
                "  ",
                "\n",
                "\n\n",
                "\t",
                "\r",
                "\r\n",
                "\u{1b}[31m",
                "\u{1b}",
                "\u{9b}",
                "\u{85}",
                "\u{7f}",
                "\u{202e}",
                "\u{2067}",
                "\u{a0}",
                "\u{3000}",
                "日",
                "[",
                "1.",
                "\u{61c}",
                "\u{200e}",
                "\u{200f}",
                "\u{202a}",
                "\u{2069}",
                "\u{2010}",
                "\u{2070}",
                "\u{600}",
                "\u{a9}",
            ]),
            0..24,
        )
        .prop_map(|pieces| pieces.concat())
    }

    proptest! {
        /// Counting printable ASCII a cell a byte gives what unicode-width gives.
        #[test]
        fn printable_ascii_is_a_cell_a_byte(text in "[ -~]{0,40}|.{0,10}") {
            prop_assert_eq!(width(&text), unicode_width::UnicodeWidthStr::width(text.as_str()));
        }

        /// The quick check of clean text and the character-by-character cleaning agree:
        /// `clean` gives the same text either way, and text is called clean exactly when
        /// cleaning leaves it as it is.
        #[test]
        fn the_quick_check_is_cleaning(text in awkward_text()) {
            let slow = clean_char_by_char(&text);
            prop_assert_eq!(&clean(&text), &slow);
            prop_assert_eq!(is_clean(&text), slow == text);
        }

        /// A clean line goes through `clean_line` as the long way gives it.
        #[test]
        fn the_shortcut_for_a_clean_line_is_cleaning_it(text in awkward_text()) {
            prop_assert_eq!(clean_line(&text), clean_line_the_long_way(&text));
        }
    }

    #[test]
    fn plain_text_passes_unchanged() {
        assert_eq!(
            clean("José spoke on Côte d'Ivoire"),
            "José spoke on Côte d'Ivoire"
        );
    }

    #[test]
    fn escape_sequences_are_removed() {
        assert_eq!(clean("a\u{1b}[31mred\u{1b}[0m b"), "ared b");
        assert_eq!(clean("x\u{1b}]0;title\u{7}y"), "xy");
        assert_eq!(
            clean("x\u{1b}]8;;http://e\u{1b}\\link\u{1b}]8;;\u{1b}\\y"),
            "xlinky"
        );
        assert_eq!(clean("x\u{1b}Pdcs\u{1b}\\y"), "xy");
        assert_eq!(clean("x\u{9b}2Jy"), "xy");
        assert_eq!(clean("x\u{1b}(By"), "xy");
        assert_eq!(clean("cut\u{1b}["), "cut");
    }

    #[test]
    fn controls_and_bidi_overrides_are_removed() {
        assert_eq!(clean("a\u{7}b\u{8}c\u{0}d\u{7f}e\u{85}f"), "abcdef");
        assert_eq!(clean("abc\u{202E}fed\u{202C}"), "abcfed");
        assert_eq!(clean("\u{2066}x\u{2069}"), "x");
    }

    #[test]
    fn line_breaks_are_normalised_and_ends_trimmed() {
        assert_eq!(clean("\r\n\none\r\ntwo\rthree  \n\n"), "one\ntwo\nthree");
        assert_eq!(clean("a\tb"), "a b");
        assert_eq!(clean(" \n \n"), "");
    }

    #[test]
    fn clean_line_folds_lines() {
        assert_eq!(clean_line("  New\r\nZealand \u{1b}[1m "), "New Zealand");
        assert_eq!(clean_line("a\n\n\nb"), "a b");
    }

    #[test]
    fn printable_shows_escapes_instead_of_sending_them() {
        assert_eq!(
            printable("a\u{1b}]0;pwned\u{7}b\nc\u{202e}"),
            "a\\u{1b}]0;pwned\\u{7}b\nc\\u{202e}"
        );
        assert_eq!(printable("José"), "José");
        use std::os::unix::ffi::OsStrExt;
        let path = std::path::Path::new(std::ffi::OsStr::from_bytes(b"/m\x1b[2J\n\xff.ron"));
        assert_eq!(printable_path(path), "/m\\u{1b}[2J\\u{a}\\xff.ron");
    }

    #[test]
    fn truncate_respects_display_width() {
        assert_eq!(truncate("Côte d'Ivoire", 6), "Côte …");
        assert_eq!(truncate("日本語", 4), "日…");
        assert_eq!(truncate("short", 10), "short");
    }
}
