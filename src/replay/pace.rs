//! How real time becomes meeting time during playback: the speed (0.5x to 64x) and the idle
//! limit, which shortens every silence between two events that is longer than the limit to
//! the limit (as asciinema's `--idle-time-limit`), so a coffee break does not stall a replay.

use std::time::Duration;

use chrono::TimeDelta;

use super::Player;

/// The slowest and fastest speeds.
pub const SPEEDS: (f64, f64) = (0.5, 64.0);

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pace {
    pub speed: f64,
    pub idle_limit: Option<Duration>,
}

impl Pace {
    /// The speed clamped to [`SPEEDS`].
    pub fn new(speed: f64, idle_limit: Option<Duration>) -> Pace {
        Pace {
            speed: speed.clamp(SPEEDS.0, SPEEDS.1),
            idle_limit,
        }
    }

    /// Twice as fast (or half as fast), within [`SPEEDS`].
    pub fn faster(self, faster: bool) -> Pace {
        let speed = if faster {
            self.speed * 2.0
        } else {
            self.speed / 2.0
        };
        Pace::new(speed, self.idle_limit)
    }

    /// How much shorter the silence the player is in plays: 1 without an idle limit, or when
    /// the silence is shorter than it.
    fn squeeze(&self, player: &Player) -> f64 {
        let Some(limit) = self.idle_limit else {
            return 1.0;
        };
        let position = player.position();
        let events = player.events();
        let (Some(next), Some(previous)) = (
            events.get(position),
            position.checked_sub(1).and_then(|i| events.get(i)),
        ) else {
            return 1.0;
        };
        let silence = (next.at - previous.at).as_seconds_f64();
        let limit = limit.as_secs_f64();
        if silence > limit && silence > 0.0 {
            limit / silence
        } else {
            1.0
        }
    }

    /// Plays `real` of real time: moves the clock and applies the events whose time comes.
    /// Returns whether any event was applied.
    pub fn advance(&self, player: &mut Player, real: Duration) -> bool {
        let mut budget = real.as_secs_f64() * self.speed;
        let mut changed = false;
        while budget > 0.0 {
            let Some(gap) = player.until_next() else {
                break;
            };
            let squeeze = self.squeeze(player);
            let needed = gap.as_seconds_f64() * squeeze;
            if budget >= needed {
                changed |= player.advance_clock(gap);
                budget -= needed;
            } else {
                let meeting = budget / squeeze;
                // `as` saturates, and any i64 of microseconds is a valid TimeDelta.
                player.advance_clock(TimeDelta::microseconds((meeting * 1e6) as i64));
                break;
            }
        }
        changed
    }

    /// Real time until the next event plays, if one is left.
    pub fn until_next_event(&self, player: &Player) -> Option<Duration> {
        let gap = player.until_next()?.as_seconds_f64() * self.squeeze(player) / self.speed;
        // Never panics: a gap too long for a Duration is as good as forever.
        Some(Duration::try_from_secs_f64(gap.max(0.0)).unwrap_or(Duration::MAX))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::{Event, Stamped, Timestamp};

    fn t(s: i64) -> Timestamp {
        crate::testkit::t0() + TimeDelta::seconds(s)
    }

    fn notes(times: &[i64]) -> Player {
        Player::new(
            times
                .iter()
                .map(|&s| Stamped {
                    at: t(s),
                    event: Event::NoteRecorded {
                        text: format!("at {s}").into(),
                    },
                })
                .collect(),
        )
    }

    #[test]
    fn speed_multiplies_time() {
        let mut player = notes(&[0, 10, 20]);
        player.seek(1);
        let pace = Pace::new(4.0, None);
        assert_eq!(
            pace.until_next_event(&player),
            Some(Duration::from_millis(2500))
        );
        assert!(!pace.advance(&mut player, Duration::from_secs(2)));
        assert_eq!(player.time(), t(8));
        assert!(pace.advance(&mut player, Duration::from_millis(500)));
        assert_eq!(player.position(), 2);
    }

    #[test]
    fn the_idle_limit_shortens_long_silences_only() {
        let mut player = notes(&[0, 600, 601]);
        player.seek(1);
        let pace = Pace::new(1.0, Some(Duration::from_secs(2)));
        assert_eq!(pace.until_next_event(&player), Some(Duration::from_secs(2)));
        // Half the shortened silence: half the real silence.
        pace.advance(&mut player, Duration::from_secs(1));
        assert_eq!(player.time(), t(300));
        assert!(pace.advance(&mut player, Duration::from_secs(1)));
        assert_eq!(player.position(), 2);
        // A short silence plays as it was.
        assert_eq!(pace.until_next_event(&player), Some(Duration::from_secs(1)));
    }

    #[test]
    fn speeds_stay_within_bounds() {
        let pace = Pace::new(100.0, None);
        assert_eq!(pace.speed, 64.0);
        assert_eq!(pace.faster(true).speed, 64.0);
        assert_eq!(Pace::new(1.0, None).faster(false).faster(false).speed, 0.5);
    }
}
