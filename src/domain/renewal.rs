//! Renewing a reservation at expiry: what the successor is bought with
//! (term, billing plan, quantity; by default the same as now) and what it
//! costs from the catalogue.

use rust_decimal::Decimal;

use super::money::{Money, round2};
use super::reservation::{BillingPlan, Term};

/// The most units a renewal may ask for.
pub const MAX_QUANTITY: i32 = 1000;

/// How a reservation renews.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RenewalPlan {
    /// The successor's term.
    pub term: Term,
    /// How it is paid.
    pub billing_plan: BillingPlan,
    /// Its quantity.
    pub quantity: i32,
}

impl RenewalPlan {
    /// The plan as stored, or, for what is not stored, the reservation's
    /// own term, plan and quantity.
    pub fn stored_or(
        stored: (Option<&str>, Option<&str>, Option<i32>),
        same: (Term, BillingPlan, i32),
    ) -> RenewalPlan {
        RenewalPlan {
            term: stored.0.and_then(Term::parse).unwrap_or(same.0),
            billing_plan: stored.1.and_then(BillingPlan::parse).unwrap_or(same.1),
            quantity: stored.2.filter(|q| *q > 0).unwrap_or(same.2),
        }
    }

    /// The plan in a few words, for the audit log: `P3Y · Monthly · 4`.
    pub fn audit_text(&self) -> String {
        format!(
            "{} · {} · {}",
            self.term.as_str(),
            self.billing_plan.as_str(),
            self.quantity
        )
    }
}

/// What a renewal costs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RenewalPrice {
    /// The whole term.
    pub total: Money,
    /// Each month, on the monthly plan.
    pub monthly: Option<Money>,
}

/// The price of renewing by `plan` at the catalogue's `unit_price` for the
/// plan's term: unit price times quantity, to the cent; on the monthly
/// plan, that total spread over the term's months, to the cent.
pub fn price(unit_price: Money, plan: &RenewalPlan) -> RenewalPrice {
    let total = Money::new(round2(unit_price.amount() * Decimal::from(plan.quantity)));
    let monthly = (plan.billing_plan == BillingPlan::Monthly)
        .then(|| Money::new(round2(total.amount() / Decimal::from(plan.term.months()))));
    RenewalPrice { total, monthly }
}

/// A renewal quantity as typed: a whole number from 1 to [`MAX_QUANTITY`];
/// the message ID of the problem otherwise.
pub fn check_quantity(text: &str) -> Result<i32, &'static str> {
    match text.trim().parse::<i32>() {
        Ok(q) if (1..=MAX_QUANTITY).contains(&q) => Ok(q),
        _ => Err("renew-quantity-invalid"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_renewal_costs_the_catalogue_price_of_its_quantity() {
        let plan = RenewalPlan {
            term: Term::P3Y,
            billing_plan: BillingPlan::Monthly,
            quantity: 3,
        };
        let p = price(Money::from_cents(100_001), &plan);
        assert_eq!(p.total, Money::from_cents(300_003));
        assert_eq!(p.monthly, Some(Money::from_cents(8_333)));
        let upfront = RenewalPlan {
            billing_plan: BillingPlan::Upfront,
            ..plan
        };
        assert_eq!(price(Money::from_cents(100_001), &upfront).monthly, None);
        assert_eq!(check_quantity(" 4 "), Ok(4));
        for bad in ["0", "-1", "1001", "x", "", "2\u{0}"] {
            assert_eq!(
                check_quantity(bad),
                Err("renew-quantity-invalid"),
                "{bad:?}"
            );
        }
        let same = (Term::P1Y, BillingPlan::Upfront, 5);
        assert_eq!(
            RenewalPlan::stored_or((None, None, None), same),
            RenewalPlan {
                term: Term::P1Y,
                billing_plan: BillingPlan::Upfront,
                quantity: 5
            }
        );
        assert_eq!(
            RenewalPlan::stored_or((Some("P3Y"), Some("Monthly"), Some(2)), same).audit_text(),
            "P3Y · Monthly · 2"
        );
    }

    proptest::proptest! {
        /// The monthly payments add up to the total within a cent a month.
        #[test]
        fn monthly_payments_add_up_to_the_total(cents in 0i64..1_000_000_000, quantity in 1i32..1000) {
            for term in [Term::P1Y, Term::P3Y, Term::P5Y] {
                let plan = RenewalPlan { term, billing_plan: BillingPlan::Monthly, quantity };
                let p = price(Money::from_cents(cents), &plan);
                let months = Decimal::from(term.months());
                let monthly = p.monthly.expect("monthly").amount();
                let gap = (monthly * months - p.total.amount()).abs();
                proptest::prop_assert!(gap <= months * Decimal::new(5, 3), "{gap}");
                proptest::prop_assert_eq!(p.total.amount(), Decimal::from(cents) / Decimal::from(100) * Decimal::from(quantity));
            }
        }
    }
}
