//! Buying reservations for a customer: what a cart costs. Each item is
//! priced like a renewal (the catalogue's unit price for the term times
//! the quantity, and for a monthly plan that total spread evenly over the
//! term's months); the cart's totals add the items up exactly.

use super::money::Money;
use super::renewal::RenewalPrice;

/// What a cart costs, all items together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Totals {
    /// Every item's whole commitment.
    pub total: Money,
    /// Paid on the day of purchase: the upfront items, and the first
    /// payment of each monthly one.
    pub due_today: Money,
    /// Paid each month after that, for the monthly items.
    pub monthly: Money,
}

/// The totals of items priced `lines`.
pub fn totals(lines: &[RenewalPrice]) -> Totals {
    let mut t = Totals::default();
    for line in lines {
        t.total = t.total + line.total;
        match line.monthly {
            Some(monthly) => {
                t.due_today = t.due_today + monthly;
                t.monthly = t.monthly + monthly;
            }
            None => t.due_today = t.due_today + line.total,
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use rust_decimal::Decimal;

    use super::*;
    use crate::domain::renewal::{RenewalPlan, price};
    use crate::domain::reservation::{BillingPlan, Term};

    fn plan(term: Term, monthly: bool, quantity: i32) -> RenewalPlan {
        RenewalPlan {
            term,
            billing_plan: if monthly {
                BillingPlan::Monthly
            } else {
                BillingPlan::Upfront
            },
            quantity,
        }
    }

    #[test]
    fn an_upfront_and_a_monthly_item() {
        let upfront = price(Money::from_cents(61_320), &plan(Term::P1Y, false, 2));
        let monthly = price(Money::from_cents(360_000), &plan(Term::P3Y, true, 1));
        let t = totals(&[upfront, monthly]);
        assert_eq!(t.total, Money::from_cents(122_640 + 360_000));
        assert_eq!(t.monthly, Money::from_cents(10_000));
        assert_eq!(t.due_today, Money::from_cents(122_640 + 10_000));
    }

    #[test]
    fn an_empty_cart_costs_nothing() {
        assert_eq!(totals(&[]), Totals::default());
    }

    proptest! {
        /// Over random carts, the total is exactly the sum of each item's
        /// unit price times its quantity (in cents), and what is paid
        /// today and monthly is never more than the total.
        #[test]
        fn totals_are_exact(items in proptest::collection::vec(
            (1i64..10_000_000, 0usize..3, any::<bool>(), 1i32..1000), 0..8)
        ) {
            let mut expected = Decimal::ZERO;
            let lines: Vec<RenewalPrice> = items.iter().map(|(cents, term, monthly, quantity)| {
                let unit = Money::from_cents(*cents);
                expected += unit.amount() * Decimal::from(*quantity);
                price(unit, &plan(Term::ALL[*term], *monthly, *quantity))
            }).collect();
            let t = totals(&lines);
            prop_assert_eq!(t.total.amount(), expected);
            prop_assert!(t.due_today <= t.total);
            prop_assert!(t.monthly <= t.total);
            let upfront: Decimal = lines.iter().filter(|l| l.monthly.is_none()).map(|l| l.total.amount()).sum();
            let first: Decimal = lines.iter().filter_map(|l| l.monthly).map(|m| m.amount()).sum();
            prop_assert_eq!(t.due_today.amount(), upfront + first);
        }
    }
}
