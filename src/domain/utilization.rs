//! Utilization: how much of the reserved capacity was used each day, and the
//! 1-, 7- and 30-day figures and trend the Azure API reports.

use chrono::{Days, NaiveDate};

/// Utilization of one day, in tenths of a percent (0 ..= 1000).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Permille(u16);

impl Permille {
    /// Clamps into 0 ..= 1000.
    pub fn new(value: i64) -> Self {
        Permille(value.clamp(0, 1000) as u16)
    }

    /// The raw tenths of a percent.
    pub fn value(&self) -> u16 {
        self.0
    }

    /// Percent with one decimal, e.g. `97.5`.
    pub fn percent_text(&self) -> String {
        format!("{}.{}", self.0 / 10, self.0 % 10)
    }
}

/// Direction of use, comparing the last seven days with the seven before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trend {
    /// Use grew by more than two points.
    Up,
    /// Use fell by more than two points.
    Down,
    /// Within two points.
    Same,
}

impl Trend {
    /// The API spelling (`UP`, `DOWN`, `SAME`).
    pub fn as_str(&self) -> &'static str {
        match self {
            Trend::Up => "UP",
            Trend::Down => "DOWN",
            Trend::Same => "SAME",
        }
    }

    /// Stable lower-case key for message IDs and CSS.
    pub fn key(&self) -> &'static str {
        match self {
            Trend::Up => "up",
            Trend::Down => "down",
            Trend::Same => "same",
        }
    }
}

/// The figures shown for a reservation. `None` where no day in the window
/// has data (not in force yet, or no data reported).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Yesterday's utilization (today is not over yet).
    pub one_day: Option<Permille>,
    /// Average of the last 7 days.
    pub seven_day: Option<Permille>,
    /// Average of the last 30 days.
    pub thirty_day: Option<Permille>,
    /// Last 7 days against the 7 before.
    pub trend: Option<Trend>,
    /// One entry per day of the last 30, oldest first.
    pub daily: Vec<(NaiveDate, Option<Permille>)>,
}

/// Days shown in the daily chart.
pub const CHART_DAYS: u64 = 30;

/// Builds the summary from daily values (any order, any range) as seen on
/// `today`: the windows end yesterday, since today is not over.
pub fn summarize(days: &[(NaiveDate, Permille)], today: NaiveDate) -> Summary {
    let window = |from_days_ago: u64, to_days_ago: u64| -> Option<Permille> {
        let (Some(start), Some(end)) = (
            today.checked_sub_days(Days::new(from_days_ago)),
            today.checked_sub_days(Days::new(to_days_ago)),
        ) else {
            return None;
        };
        let values: Vec<i64> = days
            .iter()
            .filter(|(d, _)| *d >= start && *d <= end)
            .map(|(_, p)| i64::from(p.value()))
            .collect();
        if values.is_empty() {
            return None;
        }
        let count = values.len() as i64;
        // Integer average, rounded half up.
        Some(Permille::new(
            (values.iter().sum::<i64>() * 2 + count) / (2 * count),
        ))
    };
    let seven_day = window(7, 1);
    let previous = window(14, 8);
    let trend = match (seven_day, previous) {
        (Some(now), Some(before)) => {
            let delta = i64::from(now.value()) - i64::from(before.value());
            Some(if delta > 20 {
                Trend::Up
            } else if delta < -20 {
                Trend::Down
            } else {
                Trend::Same
            })
        }
        _ => None,
    };
    let daily = (1..=CHART_DAYS)
        .rev()
        .filter_map(|ago| today.checked_sub_days(Days::new(ago)))
        .map(|day| (day, days.iter().find(|(d, _)| *d == day).map(|(_, p)| *p)))
        .collect();
    Summary {
        one_day: window(1, 1),
        seven_day,
        thirty_day: window(30, 1),
        trend,
        daily,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    fn series(today: NaiveDate, values: impl Fn(u64) -> i64) -> Vec<(NaiveDate, Permille)> {
        (1..=90)
            .map(|ago| (today - Days::new(ago), Permille::new(values(ago))))
            .collect()
    }

    #[test]
    fn flat_use_is_same_everywhere() {
        let today = day(2026, 11, 25);
        let s = summarize(&series(today, |_| 975), today);
        assert_eq!(s.one_day, Some(Permille::new(975)));
        assert_eq!(s.seven_day, Some(Permille::new(975)));
        assert_eq!(s.thirty_day, Some(Permille::new(975)));
        assert_eq!(s.trend, Some(Trend::Same));
        assert_eq!(s.daily.len(), 30);
        assert_eq!(s.daily.first().map(|d| d.0), Some(day(2026, 10, 26)));
        assert_eq!(s.daily.last().map(|d| d.0), Some(day(2026, 11, 24)));
    }

    #[test]
    fn falling_use_trends_down() {
        let today = day(2026, 11, 25);
        // 10 points a day lower each day closer to today.
        let s = summarize(&series(today, |ago| 100 + 10 * ago as i64), today);
        assert_eq!(s.one_day, Some(Permille::new(110)));
        assert_eq!(s.seven_day, Some(Permille::new(140)));
        assert_eq!(s.trend, Some(Trend::Down));
        assert_eq!(
            summarize(&series(today, |ago| 900 - 10 * ago as i64), today).trend,
            Some(Trend::Up)
        );
    }

    #[test]
    fn no_data_means_no_figures() {
        let today = day(2026, 11, 25);
        let s = summarize(&[], today);
        assert_eq!(
            (s.one_day, s.seven_day, s.thirty_day, s.trend),
            (None, None, None, None)
        );
        assert!(s.daily.iter().all(|(_, v)| v.is_none()));
    }

    #[test]
    fn partial_windows_average_what_exists() {
        let today = day(2026, 11, 25);
        let data = [
            (day(2026, 11, 24), Permille::new(1000)),
            (day(2026, 11, 23), Permille::new(0)),
        ];
        let s = summarize(&data, today);
        assert_eq!(s.seven_day, Some(Permille::new(500)));
        assert_eq!(s.trend, None);
        assert_eq!(Permille::new(1001).value(), 1000);
        assert_eq!(Permille::new(-3).value(), 0);
        assert_eq!(Permille::new(975).percent_text(), "97.5");
    }
}
