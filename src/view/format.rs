//! How durations read on screen: a speaker's timer to the second, time on an item and the
//! meeting's elapsed time to the minute; and the time of day.

use std::time::Duration;

use chrono::Timelike;

use crate::meeting::Timestamp;

/// `hh:mm`, the time of day where `t` was taken (as `format("%H:%M")`, which the header would
/// otherwise run on every keystroke: chrono formats the offset too, unasked).
pub fn clock(t: Timestamp) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// `m:ss`, or `h:mm:ss` from an hour on: a speaker's running timer.
pub fn timer(d: Duration) -> String {
    let s = d.as_secs();
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}

/// `h:mm`: the meeting's elapsed time.
pub fn hours_minutes(d: Duration) -> String {
    let m = d.as_secs() / 60;
    format!("{}:{:02}", m / 60, m % 60)
}

/// `12m`, or `1h05` from an hour on: time spent on an item.
pub fn minutes(d: Duration) -> String {
    let m = d.as_secs() / 60;
    if m >= 60 {
        format!("{}h{:02}", m / 60, m % 60)
    } else {
        format!("{m}m")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(timer(Duration::from_secs(75)), "1:15");
        assert_eq!(timer(Duration::from_secs(3725)), "1:02:05");
        assert_eq!(hours_minutes(Duration::from_secs(3725)), "1:02");
        assert_eq!(minutes(Duration::from_secs(59)), "0m");
        assert_eq!(minutes(Duration::from_secs(3900)), "1h05");
        for at in ["2026-03-02T09:05:59+01:00", "2026-03-02T23:59:00-08:30"] {
            let t = crate::testkit::moment(at);
            assert_eq!(clock(t), t.format("%H:%M").to_string(), "{at}");
        }
        let midnight = crate::testkit::moment("2026-03-02T00:07:00+00:00");
        assert_eq!(clock(midnight), "00:07");
    }
}
