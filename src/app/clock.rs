//! The one clock. Every "now" and "today" in the application comes from a
//! [`Clock`] held in the application state, so a pinned day (`--today`, the
//! tests, the demo) reaches audit entries, sessions and activity alike.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Timelike, Utc};

/// Where the time comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Clock {
    /// The system's UTC time.
    #[default]
    System,
    /// A pinned day; the time of day still runs, so that sessions age and
    /// events keep their order. Demos and end-to-end tests use it.
    Pinned(NaiveDate),
    /// A fixed instant, for tests of the service layer that compare times.
    Fixed(NaiveDateTime),
}

impl Clock {
    /// A clock pinned to `day`, or the system's when `None`.
    pub fn pinned_or_system(day: Option<NaiveDate>) -> Clock {
        day.map_or(Clock::System, Clock::Pinned)
    }

    /// The current UTC time, to the second (what the database stores).
    pub fn now(&self) -> NaiveDateTime {
        let at = match self {
            Clock::System => Utc::now().naive_utc(),
            Clock::Pinned(day) => day.and_time(Utc::now().time()),
            Clock::Fixed(at) => *at,
        };
        at.with_nanosecond(0).unwrap_or(at)
    }

    /// Today, as the policy sees it: a UTC calendar day.
    pub fn today(&self) -> NaiveDate {
        match self {
            Clock::System => Utc::now().date_naive(),
            Clock::Pinned(day) => *day,
            Clock::Fixed(at) => at.date(),
        }
    }

    /// Midnight (UTC) at the start of today.
    pub fn start_of_today(&self) -> NaiveDateTime {
        self.today().and_time(NaiveTime::MIN)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pinned_day_is_today_and_the_day_of_now() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 25).expect("valid date");
        let clock = Clock::Pinned(day);
        assert_eq!(clock.today(), day);
        assert_eq!(clock.now().date(), day);
        assert_eq!(clock.now().nanosecond(), 0);
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
