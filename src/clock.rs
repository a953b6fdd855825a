//! The clock the console runs on: the local time, or for tests and demonstrations a clock that
//! starts at a given moment and may run faster (`SCRIBE_CLOCK=2012-02-28T10:00:00+01:00*20`).

use std::time::{Duration, Instant};

use chrono::{DateTime, Local, TimeDelta};

use crate::meeting::Timestamp;

#[derive(Clone, Debug)]
pub enum Clock {
    Local,
    /// Starts at `start` when created and runs `speed` times as fast as real time.
    Fixed {
        start: Timestamp,
        origin: Instant,
        speed: f64,
    },
}

impl Clock {
    /// Parses `START` or `START*SPEED` (START in RFC 3339, SPEED a positive number).
    pub fn parse(spec: &str) -> Result<Clock, String> {
        let (start, speed) = match spec.split_once('*') {
            Some((start, speed)) => (start, speed.trim()),
            None => (spec, "1"),
        };
        let start = DateTime::parse_from_rfc3339(start.trim())
            .map_err(|e| format!("SCRIBE_CLOCK: '{start}' is not an RFC 3339 time: {e}"))?;
        let speed: f64 = speed
            .parse()
            .ok()
            .filter(|s: &f64| s.is_finite() && *s > 0.0 && *s <= 10_000.0)
            .ok_or_else(|| format!("SCRIBE_CLOCK: '{speed}' is not a speed between 0 and 10000"))?;
        Ok(Clock::Fixed {
            start,
            origin: Instant::now(),
            speed,
        })
    }

    pub fn now(&self) -> Timestamp {
        match self {
            Clock::Local => Local::now().fixed_offset(),
            Clock::Fixed {
                start,
                origin,
                speed,
            } => {
                let real = origin.elapsed().as_secs_f64() * speed;
                // Saturating: a start near the last date chrono knows stops there.
                TimeDelta::try_milliseconds((real * 1000.0) as i64)
                    .and_then(|delta| start.checked_add_signed(delta))
                    .unwrap_or_else(|| DateTime::<chrono::Utc>::MAX_UTC.fixed_offset())
            }
        }
    }

    /// Real time to wait for `meeting_time` to pass on this clock.
    ///
    /// (`div_f64` by a speed between 0 and 10,000 cannot overflow a Duration a console waits.)
    pub fn real(&self, meeting_time: Duration) -> Duration {
        match self {
            Clock::Local => meeting_time,
            Clock::Fixed { speed, .. } => meeting_time.div_f64(*speed),
        }
    }
}
