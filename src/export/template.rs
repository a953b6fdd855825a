//! The house style without code: the Markdown, HTML and text layouts are minijinja templates
//! shipped in `assets/templates/` (built into the binary) that a file of the same name in the
//! user's template folder replaces. This module finds the template, sets up the engine so that
//! escaping cannot be forgotten by a template author (HTML auto-escape for `.html.j2`, the
//! Markdown escaper for `.md.j2`; `|safe` is the only way around them) and turns the engine's
//! errors into ones that name the file and the line. It reads template files and nothing else.

use std::path::Path;
use std::sync::Arc;

use minijinja::syntax::SyntaxConfig;
use minijinja::value::{Kwargs, Serde, Value};
use minijinja::{AutoEscape, Environment, Error, ErrorKind, State, escape_formatter};

use super::ExportError;
use super::markdown::{escape as escape_markdown, escape_to as escape_markdown_to};
use super::model::Minutes;
pub(super) use super::values::Sections;
use super::values::section_value;

/// A template shipped with scribe.
pub struct Builtin {
    /// The file name, also the name of the overriding file.
    pub name: &'static str,
    pub source: &'static str,
}

pub const MARKDOWN: Builtin = Builtin {
    name: "minutes.md.j2",
    source: include_str!("../../assets/templates/minutes.md.j2"),
};

pub const HTML: Builtin = Builtin {
    name: "minutes.html.j2",
    source: include_str!("../../assets/templates/minutes.html.j2"),
};

pub const TEXT: Builtin = Builtin {
    name: "minutes.txt.j2",
    source: include_str!("../../assets/templates/minutes.txt.j2"),
};

/// The auto-escape mode of Markdown templates, handled by [`formatter`].
const MARKDOWN_ESCAPE: &str = "markdown";

/// Renders `minutes` with `builtin`, or with the file of the same name in `overrides` when
/// there is one.
pub fn render(
    builtin: &Builtin,
    overrides: Option<&Path>,
    minutes: &Minutes,
) -> Result<String, ExportError> {
    let (source, file) = source(builtin, overrides)?;
    let located = |err: Error| template_error(&file, &err);
    let env = environment(builtin.name, source).map_err(located)?;
    let template = env.get_template(builtin.name).map_err(located)?;
    template
        .render(Value::from(Serde(minutes)))
        .map_err(located)
}

/// [`render`], written to `out` as it is rendered, with the agenda items' sections given
/// apart (`minutes.items` is not read): they may still be arriving. The template sees the same
/// values, but the sections (nearly all of a long meeting's minutes) are made into template
/// values when the template reaches each, as views of the minutes rather than copies
/// ([`super::values`]).
/// Whether the template could be read is known before anything is written. When `out` fails,
/// the error is a template error: the caller's writer knows why.
pub fn render_to(
    builtin: &Builtin,
    overrides: Option<&Path>,
    mut minutes: Minutes,
    items: Sections,
    out: impl std::io::Write,
) -> Result<(), ExportError> {
    let (source, file) = source(builtin, overrides)?;
    let located = |err: Error| template_error(&file, &err);
    let env = environment(builtin.name, source).map_err(located)?;
    let template = env.get_template(builtin.name).map_err(located)?;
    let opening = minutes.opening.take().map(Arc::new);
    let items = Arc::new(items);
    let context = minijinja::context! {
        items => Value::from_dyn_object(Arc::clone(&items)),
        opening => opening.as_ref().map_or(Value::from(()), section_value),
        ..Value::from(Serde(&minutes))
    };
    drop(minutes);
    let rendered = template
        .render_captured_to(context, out)
        .map(drop)
        .map_err(located);
    // Nearly all of the minutes: freed while the caller finishes the output.
    super::let_go((items, opening));
    rendered
}

/// The engine as every template is rendered (block tags that leave no trace, escaping by file
/// type, scribe's filters), holding the template `name` compiled from `source`.
fn environment(name: &'static str, source: String) -> Result<Environment<'static>, Error> {
    let mut env = Environment::new();
    // Block tags on lines of their own leave no trace in the output.
    if let Ok(syntax) = SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .build()
    {
        env.set_syntax(syntax);
    }
    env.set_auto_escape_callback(auto_escape);
    env.set_formatter(formatter);
    env.add_filter("md", md_filter);
    env.add_filter("br", br_filter);
    env.add_filter("underline", underline_filter);
    env.add_filter("fill", fill_filter);
    env.add_filter("cell", cell_filter);
    env.add_filter("css_string", css_string_filter);
    env.add_filter("css_counters", css_counters_filter);
    env.add_template_owned(name, source)?;
    Ok(env)
}

/// Whether the template can be read (the error [`render`] would give when it cannot).
pub fn check(builtin: &Builtin, overrides: Option<&Path>) -> Result<(), ExportError> {
    source(builtin, overrides).map(drop)
}

/// The template's text and how to name its file in an error.
fn source(builtin: &Builtin, overrides: Option<&Path>) -> Result<(String, String), ExportError> {
    if let Some(dir) = overrides {
        let path = dir.join(builtin.name);
        match std::fs::read_to_string(&path) {
            Ok(text) => return Ok((text, path.display().to_string())),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => return Err(ExportError::ReadTemplate { path, source }),
        }
    }
    Ok((
        builtin.source.to_string(),
        format!("built-in template assets/templates/{}", builtin.name),
    ))
}

fn template_error(file: &str, err: &Error) -> ExportError {
    let mut message = err.kind().to_string();
    if let Some(detail) = err.detail() {
        message.push_str(": ");
        message.push_str(detail);
    }
    ExportError::Template {
        file: file.to_string(),
        line: err.line(),
        message,
    }
}

fn auto_escape(name: &str) -> AutoEscape {
    if name.ends_with(".html.j2") {
        AutoEscape::Html
    } else if name.ends_with(".md.j2") {
        AutoEscape::Custom(MARKDOWN_ESCAPE.into())
    } else {
        AutoEscape::None
    }
}

/// The default formatter, with the Markdown escaper for Markdown templates.
fn formatter(out: &mut minijinja::Output, state: &mut State, value: &Value) -> Result<(), Error> {
    match state.auto_escape() {
        AutoEscape::Custom(name) if name == MARKDOWN_ESCAPE => {
            if value.is_undefined() || value.is_none() {
                Ok(())
            } else if value.is_safe() {
                out.write_str(value.as_str().unwrap_or_default())
                    .map_err(Error::from)
            } else if let Some(text) = value.as_str() {
                escape_markdown_to(out, text).map_err(Error::from)
            } else {
                escape_markdown_to(out, &value.to_string()).map_err(Error::from)
            }
        }
        _ => escape_formatter(out, state, value),
    }
}

/// `{{ text|md }}`: the Markdown escaper, for templates that are not `.md.j2` (the output is
/// marked safe, so it is not escaped twice).
fn md_filter(value: &Value) -> Value {
    Value::from_safe_string(escape_markdown(&value.to_string()))
}

/// `{{ labels.rose|fill(time=closed) }}`: a label with its `{placeholders}` filled. The result
/// is escaped like any other value (labels come from catalogues a user can write).
fn fill_filter(value: &Value, kwargs: Kwargs) -> Result<String, Error> {
    let keys: Vec<String> = kwargs.args().map(str::to_string).collect();
    let mut values = Vec::with_capacity(keys.len());
    for key in &keys {
        let value: Value = kwargs.get(key)?;
        values.push((key.as_str(), value.to_string()));
    }
    kwargs.assert_all_used()?;
    let pairs: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
    Ok(super::i18n::fill(&value.to_string(), &pairs))
}

/// `{{ text|cell }}`: Markdown for a pipe-table cell: escaped, its lines joined by spaces (a
/// line break would end the row).
fn cell_filter(value: &Value) -> Value {
    let text = value.to_string();
    let lines: Vec<String> = text
        .split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(escape_markdown)
        .collect();
    Value::from_safe_string(lines.join(" "))
}

/// `{{ running_header|css_string }}`: the text as a quoted CSS string, for the `content` of a
/// print margin box. Quotes, backslashes and anything that could close the style sheet
/// (`<`, `>`, `&`) are written as CSS escapes, so the value is safe inside `<style>`.
fn css_string_filter(value: &Value) -> Value {
    Value::from_safe_string(css_string(&value.to_string()))
}

fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' | '\\' | '<' | '>' | '&' | '\'' => {
                let _ = std::fmt::Write::write_fmt(&mut out, format_args!("\\{:X} ", c as u32));
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `{{ labels.page|css_counters }}`: a label with `{page}` and `{pages}` as the CSS `content`
/// of a print margin box: `"Page " counter(page) " of " counter(pages)`.
fn css_counters_filter(value: &Value) -> Value {
    let text = value.to_string();
    let mut parts = Vec::new();
    let mut rest = text.as_str();
    loop {
        let next = [("{page}", "counter(page)"), ("{pages}", "counter(pages)")]
            .into_iter()
            .filter_map(|(p, counter)| rest.find(p).map(|at| (at, p, counter)))
            .min_by_key(|(at, _, _)| *at);
        let Some((at, placeholder, counter)) = next else {
            if !rest.is_empty() {
                parts.push(css_string(rest));
            }
            break;
        };
        if at > 0 {
            parts.push(css_string(&rest[..at]));
        }
        parts.push(counter.to_string());
        rest = &rest[at + placeholder.len()..];
    }
    if parts.is_empty() {
        parts.push("\"\"".to_string());
    }
    Value::from_safe_string(parts.join(" "))
}

/// `{{ text|br }}`: HTML-escapes the text and turns its line breaks into `<br>`.
fn br_filter(value: &Value) -> Value {
    if value.is_safe() {
        return value.clone();
    }
    let text = value.to_string();
    let mut out = String::with_capacity(text.len() + 16);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("<br>\n");
        }
        super::html::escape_into(&mut out, line);
    }
    Value::from_safe_string(out)
}

/// `{{ title|underline("=") }}`: a rule as wide as the text is on screen (at most 72 columns),
/// for plain-text headings.
fn underline_filter(value: &Value, rule: Option<&str>) -> Result<String, Error> {
    let rule = rule.unwrap_or("-");
    if crate::text::width(rule) != 1 {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            "underline takes a single character, such as \"=\" or \"-\"",
        ));
    }
    let width = crate::text::width(&value.to_string()).min(super::text::WIDTH);
    Ok(rule.repeat(width))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_strings_cannot_close_the_style_sheet() {
        assert_eq!(css_string("WG.12/2026/1"), "\"WG.12/2026/1\"");
        assert_eq!(
            css_string("</style>\"a\\b\"\n"),
            "\"\\3C /style\\3E \\22 a\\5C b\\22  \""
        );
        let counters = css_counters_filter(&Value::from("Page {page} sur {pages}"));
        assert_eq!(
            counters.to_string(),
            "\"Page \" counter(page) \" sur \" counter(pages)"
        );
        assert_eq!(css_counters_filter(&Value::from("")).to_string(), "\"\"");
    }
}
