//! Finished minutes written as the template renders them, instead of built whole in memory and
//! then passed over: what [`super::render`] does to a whole text, done here a line at a time on
//! the way to the file. For each raw line the format's own pass ([`Shape`]: Markdown folds runs
//! of blank lines, plain text wraps at 72 columns), then [`crate::text::clean`] as a stream
//! ([`Cleaner`]: the same escape sequences, controls and bidi controls dropped, the same line
//! ends trimmed, the same blank lines dropped at both ends), then the final line break. The
//! bytes are exactly those of the whole-text functions (tests compare them on hostile text cut
//! at every point).

use std::io::{self, Write};

use crate::text::is_bidi_control;

/// The format's own pass over each line of the rendered template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// As rendered (HTML).
    Plain,
    /// Runs of blank lines folded into one ([`super::markdown::single_blank_lines`]).
    Markdown,
    /// Lines wrapped at this many columns ([`super::text::wrap`]).
    Wrapped(usize),
}

/// An [`io::Write`] that finishes minutes on their way to `out`: give it what the template
/// renders, then call [`Finisher::finish`].
pub struct Finisher<W: Write> {
    shape: Shape,
    /// The start of a raw line whose end has not come yet.
    pending: Vec<u8>,
    /// Markdown: blank lines in the current run.
    blanks: usize,
    /// Wrapped text: something was written already.
    wrote: bool,
    shaped: String,
    cleaner: Cleaner,
    out: W,
    /// The first error `out` gave (the template engine only learns that writing failed).
    error: Option<io::Error>,
}

impl<W: Write> Finisher<W> {
    pub fn new(shape: Shape, out: W) -> Finisher<W> {
        Finisher {
            shape,
            pending: Vec::new(),
            blanks: 0,
            wrote: false,
            shaped: String::new(),
            cleaner: Cleaner::default(),
            out,
            error: None,
        }
    }

    /// Ends the minutes (the last line, the final line break) and gives back the writer,
    /// flushed.
    pub fn finish(mut self) -> io::Result<W> {
        if let Some(error) = self.error.take() {
            return Err(error);
        }
        let last = std::mem::take(&mut self.pending);
        self.raw_line(&last, false)?;
        self.cleaner.finish(&mut self.out)?;
        self.out.write_all(b"\n")?;
        self.out.flush()?;
        Ok(self.out)
    }

    /// The error writing gave, once rendering stopped because of it.
    pub fn take_error(&mut self) -> Option<io::Error> {
        self.error.take()
    }

    /// One raw line (without its line break; `ended` when one followed it).
    fn raw_line(&mut self, line: &[u8], ended: bool) -> io::Result<()> {
        // Most lines need neither shaping nor cleaning: they go out as they are.
        if self.cleaner.in_text() {
            let ascii = crate::text::is_printable_ascii(line);
            if (ascii || !crate::text::needs_cleaning(line))
                && let Ok(line) = std::str::from_utf8(line)
            {
                return self.clean_line(line, ended, ascii);
            }
        }
        let line = String::from_utf8_lossy(line);
        let mut shaped = std::mem::take(&mut self.shaped);
        shaped.clear();
        match self.shape {
            Shape::Plain => {
                shaped.push_str(&line);
                if ended {
                    shaped.push('\n');
                }
            }
            Shape::Markdown => {
                if line.trim().is_empty() {
                    self.blanks += 1;
                    if self.blanks == 1 {
                        shaped.push('\n');
                    }
                } else {
                    self.blanks = 0;
                    shaped.push_str(&line);
                    shaped.push('\n');
                }
            }
            Shape::Wrapped(width) => {
                if self.wrote {
                    shaped.push('\n');
                }
                shaped.push_str(&super::text::wrap(&line, width));
                self.wrote |= !shaped.is_empty();
            }
        }
        let done = self.cleaner.feed(&shaped, &mut self.out);
        self.shaped = shaped;
        done
    }

    /// [`Self::raw_line`] for a line that has nothing to clean, met outside any escape
    /// sequence: the same shaping, and text that goes to the output as it is (no pass over it
    /// character by character, no copy when it is not wrapped).
    fn clean_line(&mut self, line: &str, ended: bool, ascii: bool) -> io::Result<()> {
        let (cleaner, out) = (&mut self.cleaner, &mut self.out);
        match self.shape {
            Shape::Plain => {
                cleaner.clean_text(line, out)?;
                if ended {
                    cleaner.clean_text("\n", out)?;
                }
            }
            Shape::Markdown => {
                if line.trim().is_empty() {
                    self.blanks += 1;
                    if self.blanks == 1 {
                        cleaner.clean_text("\n", out)?;
                    }
                } else {
                    self.blanks = 0;
                    cleaner.clean_text(line, out)?;
                    cleaner.clean_text("\n", out)?;
                }
            }
            Shape::Wrapped(width) => {
                if self.wrote {
                    cleaner.clean_text("\n", out)?;
                }
                self.wrote |= !line.is_empty();
                let fits = match ascii {
                    true => line.len() <= width,
                    false => crate::text::width(line) <= width,
                };
                if fits {
                    cleaner.clean_text(line, out)?;
                } else {
                    let mut wrapped = std::mem::take(&mut self.shaped);
                    wrapped.clear();
                    super::text::wrap_line(&mut wrapped, line, width);
                    let written = cleaner.clean_text(&wrapped, out);
                    self.shaped = wrapped;
                    written?;
                }
            }
        }
        Ok(())
    }

    fn write_lines(&mut self, buf: &[u8]) -> io::Result<()> {
        let mut start = 0;
        for end in memchr::memchr_iter(b'\n', buf) {
            if self.pending.is_empty() {
                self.raw_line(&buf[start..end], true)?;
            } else {
                let mut line = std::mem::take(&mut self.pending);
                line.extend_from_slice(&buf[start..end]);
                self.raw_line(&line, true)?;
            }
            start = end + 1;
        }
        self.pending.extend_from_slice(&buf[start..]);
        Ok(())
    }
}

impl<W: Write> Write for Finisher<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if let Some(error) = &self.error {
            return Err(io::Error::from(error.kind()));
        }
        match self.write_lines(buf) {
            Ok(()) => Ok(buf.len()),
            Err(error) => {
                let kind = error.kind();
                self.error = Some(error);
                Err(io::Error::from(kind))
            }
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        // Lines are written when they end; the last one at `finish`.
        Ok(())
    }
}

/// Where [`Cleaner`] is in an escape sequence (or after a carriage return).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum State {
    #[default]
    Text,
    /// After a carriage return: a line break unless a line feed follows.
    Return,
    /// After ESC.
    Escape,
    /// In a CSI sequence's parameters and intermediates.
    Csi,
    /// In a string sequence (OSC, DCS, SOS, PM, APC) up to its terminator.
    String,
    /// After ESC in a string sequence (`ESC \` ends it).
    StringEscape,
    /// In an nF sequence's intermediates.
    Intermediates,
}

/// [`crate::text::clean`] as a stream: characters in, lines out.
#[derive(Debug, Default)]
pub struct Cleaner {
    state: State,
    /// The line being read, cleaned.
    line: String,
    /// Blank lines read since the last line written (written only if another line follows).
    blanks: usize,
    /// A line was written.
    started: bool,
}

impl Cleaner {
    /// Cleans `text`, writing the lines it ends to `out`.
    pub fn feed(&mut self, text: &str, out: &mut impl Write) -> io::Result<()> {
        let mut rest = text;
        while !rest.is_empty() {
            if self.state == State::Text {
                // Runs of printable ASCII go as they are.
                let run = rest
                    .bytes()
                    .position(|b| !(0x20..0x7f).contains(&b))
                    .unwrap_or(rest.len());
                self.line.push_str(&rest[..run]);
                rest = &rest[run..];
            }
            let mut chars = rest.chars();
            if let Some(c) = chars.next() {
                self.char(c, out)?;
            }
            rest = chars.as_str();
        }
        Ok(())
    }

    /// Ends the text: its last line, and nothing of the blank lines before it.
    pub fn finish(&mut self, out: &mut impl Write) -> io::Result<()> {
        if self.state == State::Return {
            self.end_line(out)?;
        }
        self.state = State::Text;
        self.end_line(out)
    }

    fn char(&mut self, c: char, out: &mut impl Write) -> io::Result<()> {
        match self.state {
            State::Text => self.text(c, out),
            State::Return => {
                self.state = State::Text;
                if c != '\n' {
                    self.end_line(out)?;
                }
                self.text(c, out)
            }
            State::Escape => {
                self.state = match c {
                    '[' => State::Csi,
                    ']' | 'P' | 'X' | '^' | '_' => State::String,
                    '\u{20}'..='\u{2f}' => State::Intermediates,
                    _ => State::Text,
                };
                Ok(())
            }
            State::Csi => {
                if ('\u{40}'..='\u{7e}').contains(&c) || !('\u{20}'..='\u{3f}').contains(&c) {
                    self.state = State::Text;
                }
                Ok(())
            }
            State::String => {
                match c {
                    '\u{07}' | '\u{9c}' => self.state = State::Text,
                    '\u{1b}' => self.state = State::StringEscape,
                    _ => {}
                }
                Ok(())
            }
            State::StringEscape => {
                self.state = State::Text;
                if c == '\\' { Ok(()) } else { self.text(c, out) }
            }
            State::Intermediates => {
                if !('\u{20}'..='\u{2f}').contains(&c) {
                    self.state = State::Text;
                }
                Ok(())
            }
        }
    }

    fn text(&mut self, c: char, out: &mut impl Write) -> io::Result<()> {
        match c {
            '\u{1b}' => self.state = State::Escape,
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => self.state = State::String,
            '\u{9b}' => self.state = State::Csi,
            '\r' => self.state = State::Return,
            '\n' => return self.end_line(out),
            '\t' => self.line.push(' '),
            c if c.is_control() || is_bidi_control(c) => {}
            c => self.line.push(c),
        }
        Ok(())
    }

    /// A line read: written with its end trimmed after the blank lines before it, unless it
    /// is blank (held back: blank lines at either end of the text are dropped).
    fn end_line(&mut self, out: &mut impl Write) -> io::Result<()> {
        let mut line = std::mem::take(&mut self.line);
        let written = self.write_line(&line, out);
        line.clear();
        self.line = line;
        written
    }

    /// Outside any escape sequence or line break: [`Self::clean_text`] may be used.
    pub fn in_text(&self) -> bool {
        self.state == State::Text
    }

    /// [`Self::feed`] of text that has nothing to clean (see [`crate::text::needs_cleaning`];
    /// line breaks are allowed), when [`Self::in_text`] holds: the same lines, without passing
    /// the text character by character, and a line that ends here written without a copy.
    pub fn clean_text(&mut self, text: &str, out: &mut impl Write) -> io::Result<()> {
        debug_assert!(self.in_text() && !crate::text::needs_cleaning(text.as_bytes()));
        let mut rest = text;
        while let Some(end) = memchr::memchr(b'\n', rest.as_bytes()) {
            if self.line.is_empty() {
                self.write_line(&rest[..end], out)?;
            } else {
                self.line.push_str(&rest[..end]);
                self.end_line(out)?;
            }
            rest = &rest[end + 1..];
        }
        self.line.push_str(rest);
        Ok(())
    }

    fn write_line(&mut self, line: &str, out: &mut impl Write) -> io::Result<()> {
        let line = line.trim_end();
        if line.trim_start().is_empty() {
            self.blanks += usize::from(self.started);
        } else {
            if self.started {
                for _ in 0..=self.blanks {
                    out.write_all(b"\n")?;
                }
            }
            out.write_all(line.as_bytes())?;
            self.started = true;
            self.blanks = 0;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What [`super::super::render`] makes of a whole rendered text.
    fn whole(text: &str, shape: Shape) -> String {
        let shaped = match shape {
            Shape::Plain => text.to_string(),
            Shape::Markdown => super::super::markdown::single_blank_lines(text),
            Shape::Wrapped(width) => super::super::text::wrap(text, width),
        };
        let mut out = crate::text::clean(&shaped);
        out.push('\n');
        out
    }

    /// The same text given in pieces cut at `cuts` (byte offsets, at character boundaries).
    fn streamed(text: &str, shape: Shape, cuts: &[usize]) -> String {
        let mut finisher = Finisher::new(shape, Vec::new());
        let mut from = 0;
        let mut points: Vec<usize> = cuts
            .iter()
            .map(|&c| c % (text.len() + 1))
            .filter(|&c| text.is_char_boundary(c))
            .collect();
        points.sort_unstable();
        points.push(text.len());
        for to in points {
            if to >= from {
                finisher
                    .write_all(&text.as_bytes()[from..to])
                    .expect("a Vec takes everything");
                from = to;
            }
        }
        let bytes = finisher.finish().expect("a Vec takes everything");
        String::from_utf8(bytes).expect("UTF-8 in, UTF-8 out")
    }

    const SHAPES: [Shape; 4] = [
        Shape::Plain,
        Shape::Markdown,
        Shape::Wrapped(72),
        Shape::Wrapped(8),
    ];

    #[test]
    fn streams_as_the_whole_text_is_finished() {
        let samples = [
            "",
            "\n",
            "\n\n\n",
            "  \n# Minutes  \n\n\n\nCôte d'Ivoire \u{a0}\n\n\n  indented\t\n \n",
            "one line",
            "\u{1b}[2Jescape\u{1b}]0;title\u{7}after\u{1b}P q \u{1b}\\ kept\n",
            "an OSC never ended \u{1b}]8;;\nswallows\nthe rest",
            "c1 \u{9b}31m x \u{90}dcs\u{9c} y \u{85} next\n",
            "bidi \u{202e}x\u{2066}y\u{061c}z\u{200e}\n",
            "cr\r\nlf\rx\r",
            "\r\r\n\r",
            "nF \u{1b} (B done \u{1b}\u{20}\u{21}Z ok",
            "- a list item long enough to be wrapped at eight columns\n  1. and another one\n",
            "日本語\n\n  \n終わり  \n\n",
            "\u{1b}\n\u{1b}\u{1b}\\x",
        ];
        for text in samples {
            for shape in SHAPES {
                let expected = whole(text, shape);
                assert_eq!(streamed(text, shape, &[]), expected, "{text:?} {shape:?}");
                for cut in 0..=text.len() {
                    assert_eq!(
                        streamed(text, shape, &[cut, cut / 2]),
                        expected,
                        "{text:?} {shape:?} cut at {cut}"
                    );
                }
            }
        }
    }

    fn hostile() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "a", "b c", " ", "\t", "\n", "\r", "\r\n", "\u{1b}", "[", "]", "\\", "\u{7}", "P", "(",
            " ", "m", "0;", "\u{9b}", "\u{9c}", "\u{90}", "\u{85}", "\u{a0}", "\u{202e}", "é",
            "日", "- ", "1. ", "#", "\u{3000}", "\u{0}", "\u{7f}",
        ]);
        prop::collection::vec(pieces, 0..60).prop_map(|p| p.concat())
    }

    proptest! {
        #[test]
        fn hostile_text_cut_anywhere_finishes_as_a_whole(
            text in hostile(),
            cuts in prop::collection::vec(0usize..400, 0..6),
        ) {
            for shape in SHAPES {
                prop_assert_eq!(streamed(&text, shape, &cuts), whole(&text, shape));
            }
        }
    }

    /// A writer that fails: the error comes back from `finish`, whatever the engine did with
    /// the copy it was given.
    #[test]
    fn a_failed_write_is_kept_for_the_caller() {
        struct Closed;
        impl Write for Closed {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::Error::from(io::ErrorKind::BrokenPipe))
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let mut finisher = Finisher::new(Shape::Plain, Closed);
        assert!(finisher.write_all(b"a line\nand another\n").is_err());
        assert_eq!(
            finisher.take_error().map(|e| e.kind()),
            Some(io::ErrorKind::BrokenPipe)
        );
    }
}
