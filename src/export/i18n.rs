//! The words of the minutes in the reader's language: one message catalogue per language, from
//! which every format takes every label ("List of Attendees", "Ordre du jour"), sentence ("The
//! meeting rose at {time}."), date ("28 février 2012") and time ("10 h 02"). English and French
//! ship in `assets/i18n/`; a user adds a language, or changes a shipped one, by dropping
//! `i18n/CODE.ron` into scribe's config folder. What such a file leaves out falls back to the
//! shipped catalogue of that language, then to English; an unknown key is an error, so a typo
//! does not silently print English.
//!
//! It never formats for a format: labels are plain text that each format escapes like any
//! other string. It reads catalogue files and nothing else, and never panics on a bad file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate, Timelike};
use serde::Deserialize;

use super::ExportError;
use crate::text::clean_line;

/// The catalogues that ship with scribe, by language code.
const BUILTIN: [(&str, &str); 2] = [
    ("en", include_str!("../../assets/i18n/en.ron")),
    ("fr", include_str!("../../assets/i18n/fr.ron")),
];

/// The language used when none is asked for.
pub const DEFAULT_LANGUAGE: &str = "en";

/// A catalogue file as written: every field may be left out.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    tag: Option<String>,
    months: Option<Vec<String>>,
    weekdays: Option<Vec<String>>,
    long_date: Option<String>,
    date: Option<String>,
    first_day: Option<String>,
    time: Option<String>,
    #[serde(default)]
    labels: BTreeMap<String, String>,
}

/// The words of one language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Catalogue {
    /// The language tag put in the documents: `en-GB`, `fr-FR`.
    pub tag: String,
    months: Vec<String>,
    weekdays: Vec<String>,
    long_date: String,
    date: String,
    first_day: Option<String>,
    time: String,
    /// Every label, by key (`attendees`, `item_heading`, ...).
    pub labels: BTreeMap<String, String>,
}

/// Patterns with a form of their own for a count of one: (pattern, its singular form).
const SINGULAR_FORMS: &[(&str, &str)] = &[("motion.vote", "motion.vote_one_abstention")];

impl Catalogue {
    /// The shipped English catalogue.
    pub fn english() -> Catalogue {
        let mut catalogue = Catalogue {
            tag: "en".to_string(),
            months: Vec::new(),
            weekdays: Vec::new(),
            long_date: "{day} {month} {year}".to_string(),
            date: "{day} {month} {year}".to_string(),
            first_day: None,
            time: "{hh}:{mm}".to_string(),
            labels: BTreeMap::new(),
        };
        // The shipped file is tested; should it ever fail to parse, labels print as their keys.
        if let Ok(file) = parse(BUILTIN[0].1) {
            catalogue.merge(file);
        }
        catalogue
    }

    /// The catalogue of `language` (a code such as `fr` or `pt-BR`): the user's
    /// `i18n/CODE.ron` in `config` over the shipped catalogue of that language (by its primary
    /// subtag) over English.
    pub fn load(language: &str, config: Option<&Path>) -> Result<Catalogue, ExportError> {
        let code = language.trim();
        if code.is_empty()
            || code.len() > 35
            || !code
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            return Err(ExportError::Language {
                language: clean_line(language),
                looked_in: None,
            });
        }
        let mut catalogue = Catalogue::english();
        let primary = code
            .split(['-', '_'])
            .next()
            .unwrap_or(code)
            .to_ascii_lowercase();
        let builtin = BUILTIN.iter().find(|(name, _)| *name == primary);
        if let Some((name, source)) = builtin
            && *name != "en"
        {
            let file = parse(source).map_err(|message| ExportError::Catalogue {
                path: PathBuf::from(format!("assets/i18n/{name}.ron")),
                message,
            })?;
            catalogue.merge(file);
        }
        let user = config.map(|dir| dir.join("i18n").join(format!("{code}.ron")));
        let mut found = builtin.is_some();
        if let Some(path) = &user {
            match std::fs::read_to_string(path) {
                Ok(text) => {
                    let file = parse(&text).map_err(|message| ExportError::Catalogue {
                        path: path.clone(),
                        message,
                    })?;
                    catalogue
                        .check(&file)
                        .map_err(|message| ExportError::Catalogue {
                            path: path.clone(),
                            message,
                        })?;
                    catalogue.merge(file);
                    found = true;
                }
                Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
                Err(err) => {
                    return Err(ExportError::Catalogue {
                        path: path.clone(),
                        message: err.to_string(),
                    });
                }
            }
        }
        if !found {
            return Err(ExportError::Language {
                language: code.to_string(),
                looked_in: user,
            });
        }
        Ok(catalogue)
    }

    /// What is wrong with a user's file: a key English does not have, or a month or weekday
    /// list of the wrong length.
    fn check(&self, file: &File) -> Result<(), String> {
        if let Some(key) = file.labels.keys().find(|k| !self.labels.contains_key(*k)) {
            return Err(format!(
                "unknown label \"{}\" (the keys are those of the shipped en.ron)",
                clean_line(key)
            ));
        }
        if file.months.as_ref().is_some_and(|m| m.len() != 12) {
            return Err("months must list the 12 months, January first".to_string());
        }
        if file.weekdays.as_ref().is_some_and(|d| d.len() != 7) {
            return Err("weekdays must list the 7 days, Monday first".to_string());
        }
        Ok(())
    }

    /// Lays `file` over this catalogue, cleaning every string on its way in.
    fn merge(&mut self, file: File) {
        let line = |s: String| clean_line(&s);
        if let Some(tag) = file.tag.map(line).filter(|t| is_tag(t)) {
            self.tag = tag;
        }
        if let Some(months) = file.months.filter(|m| m.len() == 12) {
            self.months = months.into_iter().map(line).collect();
        }
        if let Some(days) = file.weekdays.filter(|d| d.len() == 7) {
            self.weekdays = days.into_iter().map(line).collect();
        }
        if let Some(p) = file.long_date {
            self.long_date = line(p);
        }
        if let Some(p) = file.date {
            self.date = line(p);
        }
        if let Some(p) = file.first_day {
            self.first_day = Some(line(p)).filter(|s| !s.is_empty());
        }
        if let Some(p) = file.time {
            self.time = line(p);
        }
        // A catalogue that words a pattern but not its singular form (written before the form
        // existed) keeps its own wording for one rather than English's.
        for (pattern, singular) in SINGULAR_FORMS {
            if let Some(value) = file.labels.get(*pattern)
                && !file.labels.contains_key(*singular)
            {
                self.labels
                    .insert((*singular).to_string(), clean_label(value));
            }
        }
        for (key, value) in file.labels {
            self.labels.insert(key, clean_label(&value));
        }
    }

    /// The label for `key`, or the key itself when no catalogue has it.
    pub fn label<'a>(&'a self, key: &'a str) -> &'a str {
        self.labels.get(key).map_or(key, String::as_str)
    }

    /// The label for `key` with its `{placeholders}` filled.
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        fill(self.label(key), values)
    }

    /// The meeting's date: "Thursday 12 March 2026", "jeudi 12 mars 2026".
    pub fn long_date(&self, date: NaiveDate) -> String {
        self.format_date(&self.long_date, date)
    }

    /// Any other date: "27 March 2026", "1er avril 2026".
    pub fn date(&self, date: NaiveDate) -> String {
        self.format_date(&self.date, date)
    }

    fn format_date(&self, pattern: &str, date: NaiveDate) -> String {
        let day = match (&self.first_day, date.day()) {
            (Some(first), 1) => first.clone(),
            (_, d) => d.to_string(),
        };
        let month = self
            .months
            .get(date.month0() as usize)
            .cloned()
            .unwrap_or_else(|| date.month().to_string());
        let weekday = self
            .weekdays
            .get(date.weekday().num_days_from_monday() as usize)
            .cloned()
            .unwrap_or_default();
        let year = date.year().to_string();
        fill(
            pattern,
            &[
                ("weekday", &weekday),
                ("day", &day),
                ("month", &month),
                ("year", &year),
            ],
        )
        .trim()
        .to_string()
    }

    /// A time of day: "10:02", "10 h 02".
    pub fn time(&self, time: impl Timelike) -> String {
        let hh = format!("{:02}", time.hour());
        let mm = format!("{:02}", time.minute());
        fill(&self.time, &[("hh", &hh), ("mm", &mm)])
    }
}

/// A label cleaned like any single line, but keeping the no-break spaces at its ends that some
/// typographies want (French puts one before a colon: "Présidence\u{a0}:").
fn clean_label(value: &str) -> String {
    const KEEP: char = '\u{E000}';
    let protected: String = value
        .chars()
        .map(|c| match c {
            '\u{a0}' | '\u{202f}' => KEEP,
            KEEP => ' ',
            c => c,
        })
        .collect();
    let cleaned = clean_line(&protected);
    let mut out = String::with_capacity(cleaned.len());
    let mut chars = value.chars().filter(|c| matches!(c, '\u{a0}' | '\u{202f}'));
    for c in cleaned.chars() {
        match c {
            KEEP => out.push(chars.next().unwrap_or('\u{a0}')),
            c => out.push(c),
        }
    }
    out
}

/// A BCP 47-looking tag: letters, digits and hyphens.
fn is_tag(tag: &str) -> bool {
    !tag.is_empty() && tag.len() <= 35 && tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

fn parse(source: &str) -> Result<File, String> {
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(source)
        .map_err(|err| err.to_string())
}

/// `pattern` with each `{name}` of `values` replaced by its value; other braces stay as they
/// are. A value is never searched for placeholders itself.
pub fn fill(pattern: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(pattern.len() + 32);
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            values
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| (*value, close))
        });
        match value {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
    }

    #[test]
    fn shipped_catalogues_parse_and_have_the_same_keys() {
        let english = parse(BUILTIN[0].1).expect("en.ron parses");
        for (name, source) in BUILTIN {
            let file = parse(source).unwrap_or_else(|e| panic!("{name}.ron: {e}"));
            let keys: Vec<&String> = file.labels.keys().collect();
            let english: Vec<&String> = english.labels.keys().collect();
            assert_eq!(keys, english, "{name}.ron has other keys than en.ron");
            assert_eq!(file.months.map(|m| m.len()), Some(12), "{name}");
            assert_eq!(file.weekdays.map(|d| d.len()), Some(7), "{name}");
        }
    }

    #[test]
    fn dates_and_times_in_english_and_french() {
        let en = Catalogue::english();
        assert_eq!(en.long_date(date(2012, 2, 28)), "Tuesday 28 February 2012");
        assert_eq!(en.date(date(2026, 4, 1)), "1 April 2026");
        assert_eq!(en.tag, "en-GB");
        let fr = Catalogue::load("fr", None).expect("French ships");
        assert_eq!(fr.long_date(date(2012, 2, 28)), "mardi 28 février 2012");
        assert_eq!(fr.date(date(2026, 4, 1)), "1er avril 2026");
        let time = chrono::NaiveTime::from_hms_opt(9, 5, 0).expect("a time");
        assert_eq!(en.time(time), "09:05");
        assert_eq!(fr.time(time), "09\u{a0}h\u{a0}05");
        assert_eq!(fr.label("agenda"), "Ordre du jour");
        assert_eq!(fr.label("colon"), "\u{a0}:");
        assert_eq!(fr.tag, "fr-FR");
        // A region falls back to the language.
        assert_eq!(
            Catalogue::load("fr-CA", None).map(|c| c.tag).ok(),
            Some("fr-FR".into())
        );
    }

    #[test]
    fn placeholders_are_filled_once() {
        assert_eq!(
            fill("{a} and {b} {c} {", &[("a", "{b}"), ("b", "B")]),
            "{b} and B {c} {"
        );
        assert_eq!(fill("", &[]), "");
        assert_eq!(fill("{}", &[("", "x")]), "x");
    }

    #[test]
    fn a_catalogue_without_the_singular_form_keeps_its_own_wording_for_one() {
        let dir = tempfile::tempdir().expect("a folder");
        std::fs::create_dir(dir.path().join("i18n")).expect("i18n");
        std::fs::write(
            dir.path().join("i18n/de.ron"),
            "(labels: {\"motion.vote\": \"{for} dafür, {against} dagegen, {abstentions} Enthaltungen\"})",
        )
        .expect("write");
        let de = Catalogue::load("de", Some(dir.path())).expect("German from the user");
        assert_eq!(
            de.label("motion.vote_one_abstention"),
            "{for} dafür, {against} dagegen, {abstentions} Enthaltungen"
        );
        let en = Catalogue::english();
        assert!(
            en.label("motion.vote_one_abstention")
                .ends_with("1 abstention")
        );
    }

    #[test]
    fn a_user_catalogue_adds_a_language_and_falls_back_to_english() {
        let dir = tempfile::tempdir().expect("a folder");
        std::fs::create_dir(dir.path().join("i18n")).expect("i18n");
        std::fs::write(
            dir.path().join("i18n/de.ron"),
            "(tag: \"de-DE\", months: [\"Januar\", \"Februar\", \"März\", \"April\", \"Mai\", \
             \"Juni\", \"Juli\", \"August\", \"September\", \"Oktober\", \"November\", \
             \"Dezember\"], date: \"{day}. {month} {year}\", \
             labels: {\"agenda\": \"Tagesordnung\x1b[31m\"})",
        )
        .expect("write");
        let de = Catalogue::load("de", Some(dir.path())).expect("German from the user");
        assert_eq!(de.tag, "de-DE");
        assert_eq!(de.label("agenda"), "Tagesordnung");
        assert_eq!(de.label("attendees"), "List of Attendees");
        assert_eq!(de.date(date(2026, 3, 12)), "12. März 2026");

        std::fs::write(
            dir.path().join("i18n/xx.ron"),
            "(labels: {\"agenda_\": \"A\"})",
        )
        .expect("write");
        let err = Catalogue::load("xx", Some(dir.path())).expect_err("a typo");
        assert!(
            err.to_string().contains("unknown label \"agenda_\""),
            "{err}"
        );
        std::fs::write(dir.path().join("i18n/yy.ron"), "(labels: {\"agenda\": 3})").expect("write");
        let err = Catalogue::load("yy", Some(dir.path())).expect_err("not a string");
        assert!(err.to_string().contains("yy.ron"), "{err}");

        let err = Catalogue::load("zz", Some(dir.path())).expect_err("no such language");
        assert!(err.to_string().contains("zz.ron"), "{err}");
        assert!(Catalogue::load("../etc/passwd", Some(dir.path())).is_err());
    }
}
