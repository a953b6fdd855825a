//! Decision numbers as a secretariat writes them: `12/1`, `12/2` for the decisions of the 12th
//! meeting, or any pattern the user sets with `--decision-numbers`, built from `{meeting}` (the
//! meeting's number), `{n}` (the decision's number in the meeting), `{item}` (its agenda item)
//! and `{year}`. A pattern is checked when it is given, so a typo is refused before anything
//! is written.

/// What a pattern is made of.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Part {
    Text(String),
    Meeting,
    N,
    Item,
    Year,
}

/// A decision-number pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecisionNumbers {
    parts: Vec<Part>,
}

/// The placeholders a pattern may use, for messages.
pub const PLACEHOLDERS: &str = "{meeting}, {n}, {item}, {year}";

impl DecisionNumbers {
    /// The pattern used when none is given: `{meeting}/{n}` when the meeting's number is known,
    /// else `{n}`.
    pub fn default_for(meeting_number: Option<u32>) -> DecisionNumbers {
        let parts = match meeting_number {
            Some(_) => vec![Part::Meeting, Part::Text("/".into()), Part::N],
            None => vec![Part::N],
        };
        DecisionNumbers { parts }
    }

    /// Reads a pattern such as `{meeting}/{n}` or `D.{year}.{n}`. It must hold `{n}`, so that
    /// two decisions never share a number.
    pub fn parse(pattern: &str) -> Result<DecisionNumbers, String> {
        let mut parts = Vec::new();
        let mut rest = pattern;
        while let Some(open) = rest.find('{') {
            if open > 0 {
                parts.push(Part::Text(rest[..open].to_string()));
            }
            let after = &rest[open + 1..];
            let close = after
                .find('}')
                .ok_or_else(|| format!("'{pattern}': a '{{' is not closed"))?;
            parts.push(match &after[..close] {
                "meeting" => Part::Meeting,
                "n" => Part::N,
                "item" => Part::Item,
                "year" => Part::Year,
                other => {
                    return Err(format!(
                        "'{pattern}': {{{other}}} is not a placeholder (use {PLACEHOLDERS})"
                    ));
                }
            });
            rest = &after[close + 1..];
        }
        if !rest.is_empty() {
            parts.push(Part::Text(rest.to_string()));
        }
        if !parts.contains(&Part::N) {
            return Err(format!(
                "'{pattern}' has no {{n}}: two decisions would share a number"
            ));
        }
        if parts
            .iter()
            .any(|p| matches!(p, Part::Text(t) if t.chars().any(char::is_control)))
        {
            return Err(format!("'{pattern}' holds a control character"));
        }
        Ok(DecisionNumbers { parts })
    }

    /// Whether the pattern needs the meeting's number.
    pub fn uses_meeting(&self) -> bool {
        self.parts.contains(&Part::Meeting)
    }

    /// The number of the `n`th decision (1-based), taken under `item` (0 before any item).
    pub fn format(&self, meeting: Option<u32>, n: usize, item: usize, year: Option<i32>) -> String {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Text(text) => out.push_str(text),
                Part::Meeting => out.push_str(&meeting.map(|m| m.to_string()).unwrap_or_default()),
                Part::N => out.push_str(&n.to_string()),
                Part::Item => out.push_str(&item.to_string()),
                Part::Year => out.push_str(&year.map(|y| y.to_string()).unwrap_or_default()),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_number_decisions() {
        let default = DecisionNumbers::default_for(Some(5));
        assert_eq!(default.format(Some(5), 2, 1, None), "5/2");
        assert_eq!(
            DecisionNumbers::default_for(None).format(None, 3, 1, None),
            "3"
        );
        let custom = DecisionNumbers::parse("D.{year}.{meeting}-{item}.{n}").expect("valid");
        assert!(custom.uses_meeting());
        assert_eq!(custom.format(Some(12), 4, 3, Some(2026)), "D.2026.12-3.4");
        assert!(!DecisionNumbers::parse("{n}").expect("valid").uses_meeting());
    }

    #[test]
    fn bad_patterns_are_refused_with_a_reason() {
        let err = DecisionNumbers::parse("{meeting}/{number}").expect_err("unknown");
        assert!(err.contains("{number} is not a placeholder"), "{err}");
        assert!(
            DecisionNumbers::parse("{meeting}/")
                .expect_err("no n")
                .contains("no {n}")
        );
        assert!(
            DecisionNumbers::parse("{n")
                .expect_err("open")
                .contains("not closed")
        );
        assert!(DecisionNumbers::parse("{n}\u{1b}").is_err());
    }
}
