//! What the export flags of the command line parse into, so that a typo (`--status drfat`, a
//! bad date, `--decision-numbers {number}`) is refused by the argument parser with a message
//! that says what to type, before anything is read or written.

use chrono::NaiveDate;

use super::model::DocStatus;
use super::numbers::DecisionNumbers;

/// `draft` or `final`.
pub fn parse_status(text: &str) -> Result<DocStatus, String> {
    DocStatus::from_name(text)
        .ok_or_else(|| format!("'{text}' is not a status: use draft or final"))
}

/// `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("'{text}' is not a date: use YYYY-MM-DD"))
}

/// A decision-number pattern, checked and kept as typed.
pub fn parse_decision_numbers(text: &str) -> Result<String, String> {
    DecisionNumbers::parse(text).map(|_| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_parse_or_say_what_to_type() {
        assert_eq!(parse_status(" Final"), Ok(DocStatus::Final));
        assert!(
            parse_status("drfat")
                .unwrap_err()
                .contains("draft or final")
        );
        assert_eq!(
            parse_date("2026-03-20"),
            Ok(NaiveDate::from_ymd_opt(2026, 3, 20).unwrap_or_default())
        );
        assert!(parse_date("20/03/2026").unwrap_err().contains("YYYY-MM-DD"));
        assert_eq!(
            parse_decision_numbers("{meeting}/{n}"),
            Ok("{meeting}/{n}".into())
        );
        assert!(parse_decision_numbers("{number}").is_err());
    }
}
