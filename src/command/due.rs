//! Due dates as people say them — `2026-12-04`, `4 December`, `December 4`, `tomorrow`,
//! `friday`, `next friday`, `in 2 weeks`, `end of month` — resolved against the meeting's date
//! (never the wall clock, so replaying or exporting a meeting later gives the same dates).
//!
//! Splitting an action's text from its due date is done here too: `TEXT due WHEN` at the end of
//! the line. A `due` followed by words that are plainly not a date ("due diligence") stays in
//! the text; words that look like a date mistyped ("due fridy") are refused with the forms that
//! work, so a date is never silently lost in the text.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// The forms that work, for messages.
pub const FORMS: &str =
    "2026-12-04, 4 December, tomorrow, friday, next friday, in 2 weeks, end of month";

const WEEKDAYS: [(&str, Weekday); 7] = [
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Words that only make sense in a date.
const KEYWORDS: [&str; 8] = [
    "today", "tomorrow", "next", "in", "end", "week", "weeks", "month",
];

/// Splits `TEXT due WHEN` into the text and the words after the last `due`, when those words
/// are a date or meant to be one; `Err` with a message when they look like a date but are not
/// one.
pub fn split(text: &str) -> Result<(String, Option<String>), String> {
    let lower = text.to_lowercase();
    let Some(at) = find_due(&lower) else {
        return Ok((text.to_string(), None));
    };
    // Lower-casing can change byte lengths outside ASCII; only split where it did not.
    if lower.len() != text.len() {
        return Ok((text.to_string(), None));
    }
    let when = text[at + " due ".len()..].trim();
    if when.is_empty() {
        return Ok((text.to_string(), None));
    }
    let head = text[..at].trim_end().to_string();
    if parses(when) {
        return Ok((head, Some(when.to_string())));
    }
    if looks_like_a_date(when) {
        return Err(format!(
            "'{when}' is not a date: write the due date as {FORMS}"
        ));
    }
    Ok((text.to_string(), None))
}

/// The byte position of the last ` due ` in `lower`.
fn find_due(lower: &str) -> Option<usize> {
    lower.rfind(" due ")
}

/// Does `when` read as a date against any day?
fn parses(when: &str) -> bool {
    // Any ordinary day will do: whether the words read as a date does not depend on it.
    NaiveDate::from_ymd_opt(2024, 1, 1).is_some_and(|day| resolve(when, day).is_ok())
}

/// Words a date would use, or nearly: a number, a weekday, a month, a keyword, or one of those
/// one or two letters off.
fn looks_like_a_date(when: &str) -> bool {
    let vocabulary = WEEKDAYS
        .iter()
        .map(|(w, _)| *w)
        .chain(MONTHS)
        .chain(KEYWORDS);
    let words: Vec<String> = when.split_whitespace().map(str::to_lowercase).collect();
    words.len() <= 4
        && words.iter().any(|word| {
            word.chars().any(|c| c.is_ascii_digit())
                || vocabulary.clone().any(|v| {
                    let allowed = if v.len() <= 4 { 0 } else { 2 };
                    strsim::damerau_levenshtein(word, v) <= allowed
                })
        })
}

/// The date `when` means, for a meeting held on `today`.
pub fn resolve(when: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let words: Vec<String> = when
        .split_whitespace()
        .map(|w| w.trim_end_matches([',', '.']).to_lowercase())
        .collect();
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    read(&words, today)
        .ok_or_else(|| format!("'{when}' is not a date: write the due date as {FORMS}"))
}

fn read(words: &[&str], today: NaiveDate) -> Option<NaiveDate> {
    match words {
        [iso] if iso.contains('-') => NaiveDate::parse_from_str(iso, "%Y-%m-%d").ok(),
        ["today"] => Some(today),
        ["tomorrow"] => today.succ_opt(),
        [day] => weekday(day).and_then(|w| next_weekday(today, w, false)),
        ["next", "week"] => today.checked_add_signed(Duration::weeks(1)),
        ["next", "month"] => add_months(today, 1),
        ["next", day] => weekday(day).and_then(|w| next_weekday(today, w, true)),
        ["in", n, unit] => {
            let n: u32 = n.parse().ok().filter(|n| *n <= 3650)?;
            match *unit {
                "day" | "days" => today.checked_add_signed(Duration::days(i64::from(n))),
                "week" | "weeks" => today.checked_add_signed(Duration::weeks(i64::from(n))),
                "month" | "months" => add_months(today, n),
                _ => None,
            }
        }
        ["end", "of", "month"] | ["end", "of", "the", "month"] => end_of_month(today),
        ["end", "of", "week"] | ["end", "of", "the", "week"] => {
            next_weekday(today, Weekday::Fri, false)
        }
        [a, b] => day_and_month(a, b, today).or_else(|| day_and_month(b, a, today)),
        [a, b, year] => {
            let year: i32 = year.parse().ok().filter(|y| (1900..=2200).contains(y))?;
            day_month_year(a, b, year).or_else(|| day_month_year(b, a, year))
        }
        _ => None,
    }
}

fn weekday(word: &str) -> Option<Weekday> {
    WEEKDAYS
        .iter()
        .find(|(name, _)| *name == word || (word.len() >= 3 && name.starts_with(word)))
        .map(|(_, w)| *w)
}

fn month(word: &str) -> Option<u32> {
    MONTHS
        .iter()
        .position(|name| *name == word || (word.len() >= 3 && name.starts_with(word)))
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// The next `day` after `today` (a week later when `today` is that day); with `next`, the one
/// in the week after (`next friday` on a Monday is the Friday eleven days later, as people
/// mean it: not this week's).
fn next_weekday(today: NaiveDate, day: Weekday, next: bool) -> Option<NaiveDate> {
    let from = i64::from(today.weekday().num_days_from_monday());
    let to = i64::from(day.num_days_from_monday());
    let mut ahead = (to - from).rem_euclid(7);
    if ahead == 0 {
        ahead = 7;
    }
    if next && ahead < 7 && to > from {
        ahead += 7;
    }
    today.checked_add_signed(Duration::days(ahead))
}

fn add_months(today: NaiveDate, months: u32) -> Option<NaiveDate> {
    today.checked_add_months(chrono::Months::new(months))
}

fn end_of_month(today: NaiveDate) -> Option<NaiveDate> {
    let first = today.with_day(1)?;
    add_months(first, 1)?.pred_opt()
}

/// `4 december` (or `4th`) in the year of `today`, or the next year when that day has passed.
fn day_and_month(day: &str, name: &str, today: NaiveDate) -> Option<NaiveDate> {
    let day: u32 = day
        .trim_end_matches(|c: char| c.is_ascii_alphabetic())
        .parse()
        .ok()?;
    let month = month(name)?;
    let this_year = NaiveDate::from_ymd_opt(today.year(), month, day)?;
    if this_year >= today {
        Some(this_year)
    } else {
        NaiveDate::from_ymd_opt(today.year() + 1, month, day)
    }
}

fn day_month_year(day: &str, name: &str, year: i32) -> Option<NaiveDate> {
    let day: u32 = day
        .trim_end_matches(|c: char| c.is_ascii_alphabetic())
        .parse()
        .ok()?;
    NaiveDate::from_ymd_opt(year, month(name)?, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Friday 18 December 2026: a meeting near the end of a year.
    fn meeting_day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 18).unwrap()
    }

    fn on(when: &str) -> String {
        resolve(when, meeting_day())
            .map(|d| d.to_string())
            .unwrap_or_else(|e| e)
    }

    #[test]
    fn every_form_against_a_fixed_meeting_date() {
        assert_eq!(on("2027-01-15"), "2027-01-15");
        assert_eq!(on("today"), "2026-12-18");
        assert_eq!(on("tomorrow"), "2026-12-19");
        // Friday on a Friday is the next one; next friday too.
        assert_eq!(on("friday"), "2026-12-25");
        assert_eq!(on("Friday"), "2026-12-25");
        assert_eq!(on("monday"), "2026-12-21");
        assert_eq!(on("next monday"), "2026-12-21");
        assert_eq!(on("next friday"), "2026-12-25");
        assert_eq!(on("in 2 weeks"), "2027-01-01");
        assert_eq!(on("in 3 days"), "2026-12-21");
        assert_eq!(on("in 1 month"), "2027-01-18");
        assert_eq!(on("end of month"), "2026-12-31");
        assert_eq!(on("end of the week"), "2026-12-25");
        // Across the year boundary: 12 March is next year's, 20 December this year's.
        assert_eq!(on("12 March"), "2027-03-12");
        assert_eq!(on("March 12"), "2027-03-12");
        assert_eq!(on("20 December"), "2026-12-20");
        assert_eq!(on("4 Dec 2026"), "2026-12-04");
        assert_eq!(on("1st jan"), "2027-01-01");
    }

    #[test]
    fn next_weekday_means_the_following_week_midweek() {
        // Monday 14 December 2026.
        let monday = NaiveDate::from_ymd_opt(2026, 12, 14).unwrap();
        let day = |w| resolve(w, monday).unwrap().to_string();
        assert_eq!(day("friday"), "2026-12-18");
        assert_eq!(day("next friday"), "2026-12-25");
        assert_eq!(day("monday"), "2026-12-21");
    }

    #[test]
    fn nonsense_is_refused_with_the_forms() {
        for bad in [
            "fridy",
            "31 february",
            "in many weeks",
            "2026-13-01",
            "soon",
        ] {
            let e = on(bad);
            assert!(e.contains("next friday"), "{bad}: {e}");
        }
    }

    #[test]
    fn the_due_date_is_split_from_the_text_or_left_in_it() {
        let ok = |t: &str| split(t).unwrap();
        assert_eq!(
            ok("send the letters due next friday"),
            ("send the letters".into(), Some("next friday".into()))
        );
        assert_eq!(
            ok("brief on the MSP due 2012-03-15"),
            ("brief on the MSP".into(), Some("2012-03-15".into()))
        );
        assert_eq!(
            ok("complete the due diligence report"),
            ("complete the due diligence report".into(), None)
        );
        assert_eq!(ok("no date here"), ("no date here".into(), None));
        let refused = split("send the letters due fridy").unwrap_err();
        assert!(refused.contains("'fridy' is not a date"), "{refused}");
        let refused = split("send it due 2026-02-30").unwrap_err();
        assert!(refused.contains("'2026-02-30'"), "{refused}");
    }
}
