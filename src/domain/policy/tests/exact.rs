//! Quotes checked against exact arithmetic in whole cents, over random
//! cases as well as the ones reported.

use super::*;

/// Exact arithmetic in whole cents: `n / d` rounded half away from zero
/// (both non-negative), as the formulas of DESIGN.md say.
fn exact_cents(n: i128, d: i128) -> i128 {
    if d == 0 { 0 } else { (2 * n + d) / (2 * d) }
}

fn cents(m: Money) -> i128 {
    let scaled = m.amount() * Decimal::from(100);
    assert_eq!(scaled.fract(), Decimal::ZERO, "{m:?} has whole cents");
    scaled.mantissa() / 10i128.pow(scaled.scale())
}

#[test]
fn monthly_quotes_reported_a_cent_off_are_exact() {
    let s = Settings::default();
    // 1000.11 over three years with 18 payments left: 1000.11 × 18 / 36 = 500.055.
    let effective = day(2024, 1, 10);
    let h = Holding {
        plan: BillingPlan::Monthly,
        ..upfront("1000.11", None, effective, Term::P3Y)
    };
    let q = refund_quote(&h, day(2025, 6, 20), &s);
    assert_eq!(q.future_cancelled, money("500.06"));
    // 1200.01 over a year, 18 of 31 days left in the period:
    // 1200.01 × 18 / (12 × 31) = 58.0650…
    let effective = day(2026, 1, 1);
    let h = Holding {
        plan: BillingPlan::Monthly,
        ..upfront("1200.01", None, effective, Term::P1Y)
    };
    let q = refund_quote(&h, day(2026, 3, 14), &s);
    assert_eq!(q.prorated, money("58.07"));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]

    /// Every monthly quote equals the exact rational result, rounded once.
    #[test]
    fn monthly_quotes_are_exact(
        price_cents in 1i64..1_000_000_000,
        term in 0usize..3,
        start in 0i64..3000,
        into_term in 0i64..1900,
        fee_percent in 0i64..=100,
        used in proptest::bool::ANY,
    ) {
        let term = Term::ALL[term];
        let effective = day(2018, 1, 1) + chrono::Duration::days(start);
        let price = Money::new(Decimal::new(price_cents, 2));
        let h = Holding {
            plan: BillingPlan::Monthly,
            purchase_price: price,
            used_since_purchase: used,
            ..upfront("1.00", None, effective, term)
        };
        let today = effective + chrono::Duration::days(into_term % (days_between(effective, h.expiry) + 30));
        let settings = Settings { fee_rate: Decimal::new(fee_percent, 2), ..Settings::default() };
        let q = refund_quote(&h, today, &settings);

        let p = i128::from(price_cents);
        let months = i128::from(term.months());
        let paid = (0..term.months()).filter(|k| add_months(effective, *k) <= today).count() as i128;
        proptest::prop_assert_eq!(cents(q.future_cancelled), exact_cents(p * (months - paid), months));
        let (start, end) = if paid == 0 {
            (effective, effective)
        } else if paid < months {
            (add_months(effective, paid as u32 - 1), add_months(effective, paid as u32))
        } else {
            (add_months(effective, paid as u32 - 1), h.expiry)
        };
        let period = i128::from(days_between(start, end).max(0));
        let left = i128::from(days_between(today, end)).clamp(0, period);
        let in_grace = days_between(effective, today) <= settings.grace_days;
        if in_grace && !used {
            proptest::prop_assert_eq!(cents(q.refund), exact_cents(p * paid, months));
            proptest::prop_assert_eq!(q.cancelled_commitment, price);
        } else {
            let unused = exact_cents(p * left, months * period);
            proptest::prop_assert_eq!(cents(q.prorated), unused);
            let fee = if in_grace { 0 } else { exact_cents(unused * i128::from(fee_percent), 100) };
            proptest::prop_assert_eq!(cents(q.fee), fee);
            proptest::prop_assert_eq!(cents(q.refund), unused - fee);
            proptest::prop_assert_eq!(
                cents(q.cancelled_commitment),
                exact_cents(p * (months - paid), months) + unused
            );
        }
    }

    /// Every upfront quote equals the exact rational result, rounded once.
    #[test]
    fn upfront_quotes_are_exact(
        price_cents in 1i64..1_000_000_000,
        catalogue_cents in proptest::option::of(1i64..1_000_000_000),
        term in 0usize..3,
        into_term in 6i64..1900,
        fee_percent in 0i64..=100,
    ) {
        let term = Term::ALL[term];
        let effective = day(2022, 3, 31);
        let h = Holding {
            purchase_price: Money::new(Decimal::new(price_cents, 2)),
            catalogue_price: catalogue_cents.map(|c| Money::new(Decimal::new(c, 2))),
            ..upfront("1.00", None, effective, term)
        };
        let term_days = days_between(effective, h.expiry);
        let today = effective + chrono::Duration::days(into_term % (term_days + 30));
        let settings = Settings { fee_rate: Decimal::new(fee_percent, 2), ..Settings::default() };
        let q = refund_quote(&h, today, &settings);
        let basis = i128::from(catalogue_cents.map_or(price_cents, |c| c.min(price_cents)));
        let remaining = i128::from(days_between(today, h.expiry).clamp(0, term_days));
        let prorated = exact_cents(basis * remaining, i128::from(term_days));
        proptest::prop_assert_eq!(cents(q.prorated), prorated);
        let in_grace = days_between(effective, today) <= settings.grace_days;
        let fee = if in_grace { 0 } else { exact_cents(prorated * i128::from(fee_percent), 100) };
        proptest::prop_assert_eq!(cents(q.fee), fee);
        proptest::prop_assert_eq!(cents(q.refund), prorated - fee);
    }
}
