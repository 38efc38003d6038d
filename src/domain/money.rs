//! Money: US dollars as exact decimals. Never a float.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, Mul, Sub};
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};

/// An amount of US dollars, exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(Decimal);

impl Money {
    /// Zero dollars.
    pub const ZERO: Money = Money(Decimal::ZERO);

    /// Wraps an exact decimal amount.
    pub fn new(amount: Decimal) -> Self {
        Money(amount)
    }

    /// Whole cents, e.g. `Money::from_cents(123_45)` is $123.45.
    pub fn from_cents(cents: i64) -> Self {
        Money(Decimal::new(cents, 2))
    }

    /// The exact amount.
    pub fn amount(&self) -> Decimal {
        self.0
    }

    /// Rounded to cents, midpoint away from zero (the policy's `round2`).
    pub fn round2(&self) -> Money {
        Money(round2(self.0))
    }
}

/// Rounds to two decimals, midpoint away from zero.
pub fn round2(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

impl fmt::Display for Money {
    /// Plain machine form with two decimals, e.g. `1234.50` (for storage and
    /// CSV). Pages format money through the localisation layer.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.2}", round2(self.0))
    }
}

impl FromStr for Money {
    type Err = rust_decimal::Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Decimal::from_str_exact(s.trim()).map(Money)
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money(self.0 + rhs.0)
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money(self.0 - rhs.0)
    }
}

impl Mul<Decimal> for Money {
    type Output = Money;
    fn mul(self, rhs: Decimal) -> Money {
        Money(self.0 * rhs)
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

impl serde::Serialize for Money {
    /// As an exact decimal string, so no float ever carries money.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0.to_string())
    }
}

impl<'de> serde::Deserialize<'de> for Money {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// Splits a non-negative amount into its whole-dollar digits and its two-digit
/// cents, so each language can group and separate them its own way.
pub fn split_for_display(money: Money) -> (bool, String, String) {
    let rounded = round2(money.amount());
    let negative = rounded.is_sign_negative() && !rounded.is_zero();
    let text = format!("{:.2}", rounded.abs());
    let (whole, cents) = text.split_once('.').unwrap_or((&text, "00"));
    (negative, whole.to_string(), cents.to_string())
}

/// Groups digits in threes with `sep`: `group_digits("1234567", ',')` is `1,234,567`.
pub fn group_digits(digits: &str, sep: char) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).expect("decimal")
    }

    #[test]
    fn round2_is_midpoint_away_from_zero() {
        let cases = [
            ("1.005", "1.01"),
            ("1.004", "1.00"),
            ("-1.005", "-1.01"),
            ("2.675", "2.68"),
            ("0.125", "0.13"),
            ("10", "10"),
        ];
        for (input, expected) in cases {
            assert_eq!(round2(d(input)), d(expected), "{input}");
        }
    }

    #[test]
    fn parses_and_prints_exactly() {
        let m: Money = "1234.5".parse().expect("money");
        assert_eq!(m.to_string(), "1234.50");
        assert_eq!(Money::from_cents(5_000_000).to_string(), "50000.00");
        assert!("12,5".parse::<Money>().is_err());
        assert!("abc".parse::<Money>().is_err());
    }

    #[test]
    fn sums_without_drift() {
        let total: Money = std::iter::repeat_n(Money::new(d("0.1")), 10).sum();
        assert_eq!(total, Money::new(d("1.0")));
    }

    #[test]
    fn serializes_as_exact_text() {
        let m: Money = "1234.565".parse().expect("money");
        let json = serde_json::to_string(&m).expect("json");
        assert_eq!(json, "\"1234.565\"");
        assert_eq!(serde_json::from_str::<Money>(&json).expect("back"), m);
    }

    #[test]
    fn groups_digits() {
        let cases = [
            ("0", "0"),
            ("999", "999"),
            ("1000", "1,000"),
            ("50000", "50,000"),
            ("1234567", "1,234,567"),
        ];
        for (input, expected) in cases {
            assert_eq!(group_digits(input, ','), expected);
        }
    }

    #[test]
    fn splits_for_display() {
        assert_eq!(
            split_for_display(Money::new(d("50000"))),
            (false, "50000".into(), "00".into())
        );
        assert_eq!(
            split_for_display(Money::new(d("-3.456"))),
            (true, "3".into(), "46".into())
        );
    }
}
