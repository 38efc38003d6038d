//! The one clock. Every "now" and "today" in the application comes from a
//! [`Clock`] held in the application state, so a pinned day (`--today`, the
//! tests, the demo) reaches audit entries, sessions and activity alike.

use chrono::{NaiveDate, NaiveDateTime, TimeDelta, Timelike, Utc};

/// Where the time comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Clock {
    /// The system's UTC time.
    #[default]
    System,
    /// A pinned day: "today" stays `day`, and "now" runs as the system's
    /// time moved by `offset` (whole days), so that it starts on the pinned
    /// day and never goes back: sessions age and events keep their order,
    /// also past midnight. Demos and end-to-end tests use it.
    Pinned {
        /// Today, as the policy sees it.
        day: NaiveDate,
        /// From the system's day to the pinned one when the clock was made.
        offset: TimeDelta,
    },
    /// A fixed instant, for tests of the service layer that compare times.
    Fixed(NaiveDateTime),
}

impl Clock {
    /// A clock pinned to `day` from now on.
    pub fn pinned(day: NaiveDate) -> Clock {
        Clock::Pinned {
            day,
            offset: day - Utc::now().date_naive(),
        }
    }

    /// A clock pinned to `day`, or the system's when `None`.
    pub fn pinned_or_system(day: Option<NaiveDate>) -> Clock {
        day.map_or(Clock::System, Clock::pinned)
    }

    /// The current UTC time, to the second (what the database stores).
    pub fn now(&self) -> NaiveDateTime {
        let at = match self {
            Clock::System => Utc::now().naive_utc(),
            Clock::Pinned { offset, .. } => Utc::now().naive_utc() + *offset,
            Clock::Fixed(at) => *at,
        };
        at.with_nanosecond(0).unwrap_or(at)
    }

    /// Today, as the policy sees it: a UTC calendar day.
    pub fn today(&self) -> NaiveDate {
        match self {
            Clock::System => Utc::now().date_naive(),
            Clock::Pinned { day, .. } => *day,
            Clock::Fixed(at) => at.date(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pinned_day_is_today_and_the_day_of_now() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 25).expect("valid date");
        let clock = Clock::pinned(day);
        assert_eq!(clock.today(), day);
        let first = clock.now();
        assert!(first.date() == day || first.date() == day.succ_opt().expect("next day"));
        assert_eq!(first.nanosecond(), 0);
        assert!(clock.now() >= first, "never goes back");
    }

    #[test]
    fn a_fixed_instant_never_moves() {
        let at = NaiveDate::from_ymd_opt(2026, 1, 2)
            .and_then(|d| d.and_hms_opt(3, 4, 5))
            .expect("valid time");
        let clock = Clock::Fixed(at);
        assert_eq!(clock.now(), at);
        assert_eq!(clock.today(), at.date());
    }

    #[test]
    fn the_system_clock_has_no_fraction_of_a_second() {
        assert_eq!(Clock::System.now().nanosecond(), 0);
    }
}
