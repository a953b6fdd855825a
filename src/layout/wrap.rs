//! Word wrapping of styled text by display width (not bytes, not chars): "José" is four cells,
//! "日本" four. Words longer than a line are broken between graphemes. Used for the minutes,
//! where the speaker label is styled differently from the statement.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;

use crate::text::width;

/// Wraps styled pieces of text into lines of at most `width` cells; lines after the first are
/// indented by `indent` cells. A `\n` in the text starts a new line.
pub fn wrap(pieces: &[(&str, Style)], width: usize, indent: usize) -> Vec<Line<'static>> {
    let width = width.max(1);
    let indent = if indent * 2 > width { 0 } else { indent };
    let mut out = Lines {
        lines: Vec::new(),
        current: Vec::new(),
        used: 0,
        width,
        indent,
    };
    for (text, style) in pieces {
        for (i, paragraph) in text.split('\n').enumerate() {
            if i > 0 {
                out.break_line();
            }
            for token in whitespace_runs(paragraph) {
                out.push_token(token, *style);
            }
        }
    }
    out.finish()
}

/// Splits text into runs of spaces and runs of everything else: lines break only at spaces,
/// so "10:05" or "e-mail" stay whole.
fn whitespace_runs(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let first = rest.chars().next()?;
        let space = first.is_whitespace();
        let end = rest
            .char_indices()
            .find(|(_, c)| c.is_whitespace() != space)
            .map_or(rest.len(), |(i, _)| i);
        let (run, tail) = rest.split_at(end);
        rest = tail;
        Some(run)
    })
}

struct Lines {
    lines: Vec<Line<'static>>,
    current: Vec<Span<'static>>,
    used: usize,
    width: usize,
    indent: usize,
}

impl Lines {
    fn push_token(&mut self, token: &str, style: Style) {
        let w = width(token);
        let is_space = token.chars().all(char::is_whitespace);
        if is_space {
            // Spaces at the start of a wrapped line are dropped; elsewhere kept if they fit.
            if self.used > self.line_start() && self.used + w <= self.width {
                self.push_span(token, w, style);
            }
            return;
        }
        if self.used + w > self.width && self.used > self.line_start() {
            self.break_line();
        }
        if self.used + w <= self.width {
            self.push_span(token, w, style);
            return;
        }
        // Longer than a whole line: break between graphemes.
        for g in token.graphemes(true) {
            let gw = width(g);
            if self.used + gw > self.width && self.used > self.line_start() {
                self.break_line();
            }
            self.push_span(g, gw, style);
        }
    }

    fn line_start(&self) -> usize {
        if self.lines.is_empty() {
            0
        } else {
            self.indent
        }
    }

    fn push_span(&mut self, text: &str, w: usize, style: Style) {
        match self.current.last_mut() {
            Some(last) if last.style == style => last.content.to_mut().push_str(text),
            _ => self.current.push(Span::styled(text.to_string(), style)),
        }
        self.used += w;
    }

    fn break_line(&mut self) {
        let spans = std::mem::take(&mut self.current);
        self.lines.push(trim_end(Line::from(spans)));
        self.used = self.indent;
        if self.indent > 0 {
            self.current.push(Span::raw(" ".repeat(self.indent)));
        }
    }

    fn finish(mut self) -> Vec<Line<'static>> {
        let spans = std::mem::take(&mut self.current);
        self.lines.push(trim_end(Line::from(spans)));
        self.lines
    }
}

/// Drops trailing spaces of the last span (they only cost bytes on the terminal).
fn trim_end(mut line: Line<'static>) -> Line<'static> {
    loop {
        let count = line.spans.len();
        let Some(last) = line.spans.last_mut() else {
            break;
        };
        let trimmed = last.content.trim_end().len();
        if trimmed == 0 && count > 1 {
            line.spans.pop();
            continue;
        }
        last.content.to_mut().truncate(trimmed);
        break;
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn breaks_only_at_spaces() {
        let lines = wrap(&[("opened at 10:05. See e-mail", Style::default())], 14, 0);
        assert_eq!(plain(&lines), vec!["opened at", "10:05. See", "e-mail"]);
    }

    #[test]
    fn wraps_at_words_with_indent() {
        let lines = wrap(&[("the quick brown fox jumps", Style::default())], 12, 2);
        assert_eq!(plain(&lines), vec!["the quick", "  brown fox", "  jumps"]);
        for line in &lines {
            assert!(line.width() <= 12);
        }
    }

    #[test]
    fn long_words_break_and_wide_glyphs_count_double() {
        let lines = wrap(&[("日本語日本語", Style::default())], 5, 0);
        assert_eq!(plain(&lines), vec!["日本", "語日", "本語"]);
        let lines = wrap(&[("abcdefghij", Style::default())], 4, 0);
        assert_eq!(plain(&lines), vec!["abcd", "efgh", "ij"]);
    }

    #[test]
    fn styles_are_kept_per_piece_and_newlines_break() {
        let bold = Style::default().add_modifier(ratatui::style::Modifier::BOLD);
        let lines = wrap(&[("Label:", bold), (" one\ntwo", Style::default())], 40, 0);
        assert_eq!(plain(&lines), vec!["Label: one", "two"]);
        assert_eq!(lines[0].spans[0].style, bold);
        assert_eq!(lines[0].spans[0].content, "Label:");
    }
}
