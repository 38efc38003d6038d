//! Recommendations from a reservation's last 30 days of use: an under-used
//! reservation is better exchanged for fewer units of the same SKU, a
//! single unit for a smaller size of the same type (or, when no such
//! exchange is allowed, refunded); one fully used that
//! expires soon and does not renew should be renewed.

use rust_decimal::Decimal;

use super::money::Money;
use super::utilization::Permille;

/// Average use from which a reservation counts as fully used (95%).
pub const FULLY_USED: u16 = 950;

/// Days before expiry within which a fully used reservation is advised to
/// renew.
pub const RENEW_WITHIN_DAYS: i64 = 60;

/// What to do about a reservation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Exchange it for fewer units of the same SKU.
    Exchange,
    /// Refund it.
    Refund,
    /// Renew it (turn auto-renew on).
    Renew,
}

impl Kind {
    /// The stored spelling.
    pub fn as_str(&self) -> &'static str {
        match self {
            Kind::Exchange => "Exchange",
            Kind::Refund => "Refund",
            Kind::Renew => "Renew",
        }
    }

    /// Parses the stored spelling.
    pub fn parse(text: &str) -> Option<Kind> {
        [Kind::Exchange, Kind::Refund, Kind::Renew]
            .into_iter()
            .find(|k| k.as_str() == text)
    }
}

/// What the advice looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facts {
    /// Whether it is in force.
    pub in_force: bool,
    /// Its quantity.
    pub quantity: i32,
    /// Average use over the last 30 days (none: no figures).
    pub average: Option<Permille>,
    /// Under-use threshold, in tenths of a percent.
    pub threshold: u16,
    /// Days until it expires.
    pub days_left: i64,
    /// Whether it renews by itself.
    pub renews: bool,
}

/// What the figures suggest, before the policy has its say: an exchange
/// for `needed` units (fewer than now), a refund (when even one unit is too
/// many for a single-unit reservation), or a renewal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Suggestion {
    /// Exchange for this many units.
    Fewer(i32),
    /// Refund it.
    Refund,
    /// Renew it.
    Renew,
}

/// The units that would have covered the use: the quantity times the
/// average use, rounded up, at least 1.
pub fn needed_units(quantity: i32, average: Permille) -> i32 {
    let used = i64::from(quantity) * i64::from(average.value());
    i32::try_from((used + 999) / 1000)
        .unwrap_or(quantity)
        .clamp(1, quantity.max(1))
}

/// What the figures suggest for `f`, if anything.
pub fn suggest(f: &Facts) -> Option<Suggestion> {
    if !f.in_force {
        return None;
    }
    let average = f.average?;
    if average.value() < f.threshold {
        let needed = needed_units(f.quantity, average);
        return Some(if needed < f.quantity {
            Suggestion::Fewer(needed)
        } else {
            Suggestion::Refund
        });
    }
    if average.value() >= FULLY_USED && !f.renews && f.days_left <= RENEW_WITHIN_DAYS {
        return Some(Suggestion::Renew);
    }
    None
}

/// For a single unit of price `unit` used `average`: the smaller size
/// of the same type, region and term among `candidates` (SKU, unit
/// price) that would have covered that use, if one is cheaper. Within a
/// type the catalogue's price is the measure of size, so that is the
/// cheapest candidate whose price is still at least the share used of
/// `unit`.
pub fn smaller_size(
    unit: Money,
    average: Permille,
    candidates: &[(String, Money)],
) -> Option<&(String, Money)> {
    let used = unit.amount() * Decimal::from(average.value()) / Decimal::from(1000);
    candidates
        .iter()
        .filter(|(_, price)| *price < unit && price.amount() >= used)
        .min_by_key(|(_, price)| *price)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sizes() -> Vec<(String, Money)> {
        [
            ("B2ms", 37_843),
            ("D2s", 66_226),
            ("D4s", 132_452),
            ("E8s", 331_128),
        ]
        .into_iter()
        .map(|(s, cents)| (s.to_string(), Money::from_cents(cents)))
        .collect()
    }

    #[test]
    fn the_smaller_size_is_the_cheapest_that_covers_the_use() {
        let d4s = Money::from_cents(132_452);
        let all = sizes();
        let at = |permille| smaller_size(d4s, Permille::new(permille), &all).map(|c| c.0.clone());
        assert_eq!(at(400).as_deref(), Some("D2s"));
        assert_eq!(at(200).as_deref(), Some("B2ms"));
        assert_eq!(at(600), None, "no size between a half and the whole");
        assert_eq!(
            smaller_size(Money::from_cents(37_843), Permille::new(100), &sizes()),
            None
        );
    }

    fn facts(quantity: i32, average: i64) -> Facts {
        Facts {
            in_force: true,
            quantity,
            average: Some(Permille::new(average)),
            threshold: 500,
            days_left: 200,
            renews: false,
        }
    }

    #[test]
    fn under_use_suggests_fewer_units_or_a_refund_and_full_use_near_expiry_a_renewal() {
        assert_eq!(suggest(&facts(8, 310)), Some(Suggestion::Fewer(3)));
        assert_eq!(suggest(&facts(1, 310)), Some(Suggestion::Refund));
        assert_eq!(suggest(&facts(8, 700)), None);
        assert_eq!(suggest(&facts(8, 980)), None, "far from expiry");
        let soon = Facts {
            days_left: 45,
            ..facts(8, 980)
        };
        assert_eq!(suggest(&soon), Some(Suggestion::Renew));
        assert_eq!(
            suggest(&Facts {
                renews: true,
                ..soon
            }),
            None
        );
        assert_eq!(
            suggest(&Facts {
                in_force: false,
                ..soon
            }),
            None
        );
        assert_eq!(
            suggest(&Facts {
                average: None,
                ..soon
            }),
            None
        );
        assert_eq!(Kind::parse(Kind::Renew.as_str()), Some(Kind::Renew));
    }

    proptest::proptest! {
        /// The smaller size is cheaper than what is held, covers the share
        /// used of it, and no cheaper candidate does.
        #[test]
        fn the_smaller_size_covers_the_use(
            unit in 1i64..10_000_000,
            average in 0i64..=1000,
            prices in proptest::collection::vec(1i64..10_000_000, 0..8),
        ) {
            let unit = Money::from_cents(unit);
            let candidates: Vec<(String, Money)> = prices
                .iter()
                .enumerate()
                .map(|(i, p)| (format!("s{i}"), Money::from_cents(*p)))
                .collect();
            let used = unit.amount() * Decimal::from(average) / Decimal::from(1000);
            match smaller_size(unit, Permille::new(average), &candidates) {
                Some((_, price)) => {
                    proptest::prop_assert!(*price < unit && price.amount() >= used);
                    proptest::prop_assert!(candidates.iter().all(|(_, p)| !(*p < *price && p.amount() >= used)));
                }
                None => proptest::prop_assert!(candidates.iter().all(|(_, p)| !(*p < unit && p.amount() >= used))),
            }
        }

        /// The units needed cover the use and are never more than held.
        #[test]
        fn needed_units_cover_the_use(quantity in 1i32..10_000, average in 0i64..=1000) {
            let needed = needed_units(quantity, Permille::new(average));
            proptest::prop_assert!(needed >= 1 && needed <= quantity);
            proptest::prop_assert!(i64::from(needed) * 1000 >= i64::from(quantity) * average);
            proptest::prop_assert!(needed == 1 || i64::from(needed - 1) * 1000 < i64::from(quantity) * average);
        }
    }
}
