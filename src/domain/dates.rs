//! Calendar arithmetic on UTC days.

use chrono::{Months, NaiveDate};

/// `date` plus `months` calendar months, clamped to the month's last day
/// (31 January + 1 month is 28 or 29 February).
pub fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    #[test]
    fn month_end_is_clamped() {
        let cases = [
            (day(2026, 1, 31), 1, day(2026, 2, 28)),
            (day(2028, 1, 31), 1, day(2028, 2, 29)),
            (day(2024, 2, 29), 12, day(2025, 2, 28)),
            (day(2026, 11, 25), 36, day(2029, 11, 25)),
        ];
        for (start, months, expected) in cases {
            assert_eq!(add_months(start, months), expected);
        }
    }

    #[test]
    fn counts_days() {
        assert_eq!(days_between(day(2026, 1, 1), day(2027, 1, 1)), 365);
        assert_eq!(days_between(day(2028, 1, 1), day(2029, 1, 1)), 366);
        assert_eq!(days_between(day(2026, 1, 10), day(2026, 1, 1)), -9);
    }
}
