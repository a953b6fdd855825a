//! Minutes as one standalone HTML file, laid out by the `minutes.html.j2` template: no
//! external resources, a print style sheet, an id on every heading. Every value the template
//! prints is HTML-escaped by the template engine (auto-escape for `.html.j2`), so a name such as
//! `<script>` or `"A & B"` can only ever show as text.

use std::path::Path;

use super::ExportError;
use super::model::Minutes;
use super::template;

/// Renders the minutes as HTML.
pub fn render(minutes: &Minutes, overrides: Option<&Path>) -> Result<String, ExportError> {
    template::render(&template::HTML, overrides, minutes)
}

/// Appends `text` with the characters that mean something in HTML (and XML) escaped.
pub fn escape_into(out: &mut String, text: &str) {
    // Everything escaped is ASCII, and an ASCII byte is a whole character: the text between
    // two escapes is copied as it is.
    let mut copied = 0;
    for (i, b) in text.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[copied..i]);
        out.push_str(entity);
        copied = i + 1;
    }
    out.push_str(&text[copied..]);
}

#[cfg(test)]
mod tests {
    #[test]
    fn markup_is_escaped() {
        let mut out = String::new();
        super::escape_into(&mut out, "<b>\"A\" & 'B'</b>");
        assert_eq!(out, "&lt;b&gt;&quot;A&quot; &amp; &#39;B&#39;&lt;/b&gt;");
        out.clear();
        super::escape_into(&mut out, "é&日<");
        assert_eq!(out, "é&amp;日&lt;");
        out.clear();
        super::escape_into(&mut out, "plain");
        assert_eq!(out, "plain");
    }
}
