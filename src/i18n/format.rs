//! Numbers, money, utilization and dates in the reader's language.

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use super::Lang;
use crate::domain::money::{Money, group_digits, split_for_display};
use crate::domain::utilization::Permille;

impl Lang {
    /// Money with its currency sign and grouping: `$50,000.00` in English,
    /// `US$ 50.000,00` in Portuguese.
    pub fn money(&self, amount: &Money) -> String {
        let (negative, whole, cents) = split_for_display(*amount);
        let sign = if negative { "-" } else { "" };
        if self.is_portuguese() {
            format!("{sign}US$ {},{cents}", group_digits(&whole, '.'))
        } else {
            format!("{sign}${}.{cents}", group_digits(&whole, ','))
        }
    }

    /// A whole number with grouping: `50,000` / `50.000`.
    pub fn number(&self, n: i64) -> String {
        let digits = n.unsigned_abs().to_string();
        let sign = if n < 0 { "-" } else { "" };
        let separator = if self.is_portuguese() { '.' } else { ',' };
        format!("{sign}{}", group_digits(&digits, separator))
    }

    /// A utilization figure: `97.5%` / `97,5%`.
    pub fn percent(&self, p: &Permille) -> String {
        let text = p.percent_text();
        if self.is_portuguese() {
            format!("{}%", text.replace('.', ","))
        } else {
            format!("{text}%")
        }
    }

    /// A day: `Nov 25, 2026` / `25/11/2026`.
    pub fn date(&self, d: &NaiveDate) -> String {
        if self.is_portuguese() {
            return d.format("%d/%m/%Y").to_string();
        }
        let month = self.t(&format!("month-short-{}", d.month()));
        format!("{month} {}, {}", d.day(), d.year())
    }

    /// A UTC time, e.g. `Nov 25, 2026 14:05 UTC`.
    pub fn datetime(&self, t: &NaiveDateTime) -> String {
        format!("{} {} UTC", self.date(&t.date()), t.format("%H:%M"))
    }
}
