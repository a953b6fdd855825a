//! The titles of a series: "12th Meeting of the River Basins Committee" is followed by "13th
//! Meeting of …". A template keeps the title as a pattern, the number replaced by `{nth}`
//! ("{nth} Meeting of …"; `{n}` for a bare number), which a new meeting fills in; a new meeting
//! made from the previous one counts on from its number.

/// The ordinal of `n` in English: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 22nd, 101st.
pub fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// The number a title starts with as an ordinal ("12th Meeting" is 12), and the rest of it.
pub fn leading_ordinal(title: &str) -> Option<(u32, &str)> {
    let digits = title.len() - title.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 {
        return None;
    }
    let n: u32 = title[..digits].parse().ok()?;
    let rest = &title[digits..];
    let suffix = ["st", "nd", "rd", "th"]
        .into_iter()
        .find(|s| rest.get(..2).is_some_and(|r| r.eq_ignore_ascii_case(s)))?;
    let after = &rest[suffix.len()..];
    // A word of its own: "12th Meeting", not "12thly".
    if after.chars().next().is_some_and(char::is_alphanumeric) {
        return None;
    }
    Some((n, after))
}

/// The title as a pattern for a template: a leading ordinal becomes `{nth}`.
pub fn pattern(title: &str) -> String {
    match leading_ordinal(title) {
        Some((_, rest)) => format!("{{nth}}{rest}"),
        None => title.to_string(),
    }
}

/// Does the title hold a number to fill in?
pub fn is_pattern(title: &str) -> bool {
    title.contains("{nth}") || title.contains("{n}")
}

/// The pattern with the meeting's number `n` filled in.
pub fn fill(pattern: &str, n: u32) -> String {
    pattern
        .replace("{nth}", &ordinal(n))
        .replace("{n}", &n.to_string())
}

/// The title of the meeting after one titled `previous`: its leading ordinal plus one, when it
/// has one; else the same title.
pub fn next(previous: &str) -> String {
    match leading_ordinal(previous) {
        Some((n, rest)) => format!("{}{rest}", ordinal(n.saturating_add(1))),
        None => previous.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_in_english() {
        let shown: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111]
            .into_iter()
            .map(ordinal)
            .collect();
        assert_eq!(
            shown,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd",
                "101st", "111th"
            ]
        );
    }

    #[test]
    fn a_series_counts_on() {
        let title = "12th Meeting of the River Basins Committee";
        assert_eq!(next(title), "13th Meeting of the River Basins Committee");
        assert_eq!(
            pattern(title),
            "{nth} Meeting of the River Basins Committee"
        );
        assert_eq!(
            fill(&pattern(title), 21),
            "21st Meeting of the River Basins Committee"
        );
        assert_eq!(next("Board meeting"), "Board meeting");
        assert_eq!(pattern("12thly"), "12thly");
        assert_eq!(pattern("2026 budget"), "2026 budget");
        assert_eq!(fill("Meeting {n}", 7), "Meeting 7");
    }
}
