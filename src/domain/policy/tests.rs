//! Table-driven tests of the policy, edges included.

use super::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn money(s: &str) -> Money {
    s.parse().expect("money")
}

fn upfront(price: &str, catalogue: Option<&str>, effective: NaiveDate, term: Term) -> Holding {
    Holding {
        resource_type: ResourceType::VirtualMachines,
        term,
        plan: BillingPlan::Upfront,
        purchase_date: effective,
        effective,
        expiry: term.expiry_from(effective),
        purchase_price: money(price),
        catalogue_price: catalogue.map(money),
        used_since_purchase: true,
    }
}

#[test]
fn upfront_refunds_across_the_term() {
    let s = Settings::default();
    let start = day(2026, 1, 1);
    let h = upfront("1000.00", Some("1200.00"), start, Term::P1Y);
    // (today, remaining days, prorated, fee, refund, in grace)
    let cases = [
        (day(2026, 1, 1), 365, "1000.00", "0.00", "1000.00", true), // purchase day
        (day(2026, 1, 6), 360, "986.30", "0.00", "986.30", true),   // day 5: still no fee
        (day(2026, 1, 7), 359, "983.56", "118.03", "865.53", false), // day 6: fee
        (day(2026, 7, 2), 183, "501.37", "60.16", "441.21", false),
        (day(2027, 1, 1), 0, "0.00", "0.00", "0.00", false), // expiry day
        (day(2027, 3, 1), 0, "0.00", "0.00", "0.00", false), // after expiry
    ];
    for (today, remaining, prorated, fee, refund, grace) in cases {
        let q = refund_quote(&h, today, &s);
        assert_eq!(q.term_days, 365, "{today}");
        assert_eq!(q.remaining_days, remaining, "{today}");
        assert_eq!(q.prorated, money(prorated), "{today}");
        assert_eq!(q.fee, money(fee), "{today}");
        assert_eq!(q.refund, money(refund), "{today}");
        assert_eq!(
            q.fee + q.refund,
            q.prorated,
            "{today}: fee and refund add up"
        );
        assert_eq!(q.cancelled_commitment, q.prorated, "{today}");
        assert_eq!(q.in_grace, grace, "{today}");
    }
}

#[test]
fn the_lower_of_purchase_and_catalogue_price_is_the_basis() {
    let s = Settings::default();
    let start = day(2026, 1, 1);
    let cheaper_now = upfront("1000.00", Some("800.00"), start, Term::P1Y);
    let q = refund_quote(&cheaper_now, day(2026, 7, 2), &s);
    assert_eq!(q.basis, money("800.00"));
    assert_eq!(q.prorated, money("401.10")); // 800 × 183 / 365 = 401.0958…
    let unknown = upfront("1000.00", None, start, Term::P1Y);
    assert_eq!(
        refund_quote(&unknown, day(2026, 7, 2), &s).basis,
        money("1000.00")
    );
}

#[test]
fn a_leap_year_term_has_366_days() {
    let s = Settings::default();
    let h = upfront("3660.00", None, day(2028, 1, 1), Term::P1Y);
    let q = refund_quote(&h, day(2028, 7, 1), &s);
    assert_eq!((q.term_days, q.remaining_days), (366, 184));
    assert_eq!(
        (q.prorated, q.fee, q.refund),
        (money("1840.00"), money("220.80"), money("1619.20"))
    );
}

#[test]
fn unused_within_the_grace_period_everything_comes_back() {
    let s = Settings::default();
    let mut h = upfront("1000.00", Some("900.00"), day(2026, 1, 1), Term::P3Y);
    h.used_since_purchase = false;
    let q = refund_quote(&h, day(2026, 1, 6), &s);
    assert!(q.full_refund);
    assert_eq!(
        (q.refund, q.fee, q.cancelled_commitment),
        (money("1000.00"), Money::ZERO, money("1000.00"))
    );
    // Day 6: the grace period is over, unused or not.
    let q = refund_quote(&h, day(2026, 1, 7), &s);
    assert!(!q.full_refund);
    assert!(q.fee > Money::ZERO);
}

#[test]
fn a_zero_fee_rate_means_no_fee() {
    let s = Settings {
        fee_rate: Decimal::ZERO,
        ..Settings::default()
    };
    let h = upfront("1000.00", None, day(2026, 1, 1), Term::P1Y);
    let q = refund_quote(&h, day(2026, 7, 2), &s);
    assert_eq!((q.fee, q.refund), (Money::ZERO, q.prorated));
}

#[test]
fn monthly_plans_cancel_future_payments_and_refund_the_unused_month() {
    let s = Settings::default();
    let h = Holding {
        plan: BillingPlan::Monthly,
        ..upfront("1200.00", None, day(2026, 1, 15), Term::P1Y)
    };
    // (today, future cancelled, unused current, fee, refund)
    let cases = [
        // Mid-month: 3 payments made (Jan 15, Feb 15, Mar 15); 26 of 31 days unused.
        (day(2026, 3, 20), "900.00", "83.87", "10.06", "73.81"),
        // On a due day the payment is made and the whole month is unused.
        (day(2026, 4, 15), "800.00", "100.00", "12.00", "88.00"),
        // Within the grace period: no fee.
        (day(2026, 1, 20), "1100.00", "83.87", "0.00", "83.87"),
        // Expiry day: nothing left.
        (day(2027, 1, 15), "0.00", "0.00", "0.00", "0.00"),
    ];
    for (today, future, unused, fee, refund) in cases {
        let q = refund_quote(&h, today, &s);
        assert_eq!(q.future_cancelled, money(future), "{today}");
        assert_eq!(q.prorated, money(unused), "{today}");
        assert_eq!(q.fee, money(fee), "{today}");
        assert_eq!(q.refund, money(refund), "{today}");
        assert_eq!(
            q.cancelled_commitment,
            q.future_cancelled + q.prorated,
            "{today}"
        );
    }
}

#[test]
fn month_end_due_days_are_clamped() {
    let s = Settings::default();
    let h = Holding {
        plan: BillingPlan::Monthly,
        ..upfront("1200.00", None, day(2026, 1, 31), Term::P1Y)
    };
    // Due Jan 31, Feb 28, Mar 31: on Mar 1 two are paid, the period is Feb 28 → Mar 31.
    let q = refund_quote(&h, day(2026, 3, 1), &s);
    assert_eq!(q.future_cancelled, money("1000.00"));
    // The period Feb 28 → Mar 31 has 31 days, 30 of them left: 100 × 30 / 31 = 96.774…
    assert_eq!(q.prorated, money("96.77"));
}

#[test]
fn the_limit_counts_a_refund_for_365_days() {
    let booked = day(2026, 1, 10);
    let ledger = [Booked {
        on: booked,
        amount: money("40000.00"),
    }];
    let cases = [
        (day(2026, 1, 9), "0.00"),
        (booked, "40000.00"),
        (day(2027, 1, 9), "40000.00"), // day D + 364
        (day(2027, 1, 10), "0.00"),    // day D + 365: back in the allowance
    ];
    for (today, used) in cases {
        assert_eq!(limit_used(&ledger, today), money(used), "{today}");
    }
    assert_eq!(returns_on(booked), day(2027, 1, 10));
    let s = Settings::default();
    assert_eq!(allowance_left(&ledger, booked, &s), money("10000.00"));
}

#[test]
fn a_refund_may_reach_the_limit_but_not_a_cent_over() {
    let s = Settings::default();
    let today = day(2026, 6, 1);
    let ledger = [Booked {
        on: day(2026, 1, 10),
        amount: money("40000.00"),
    }];
    let h = upfront("20000.00", None, day(2026, 1, 1), Term::P1Y);
    let quote = |amount: &str| RefundQuote {
        cancelled_commitment: money(amount),
        ..refund_quote(&h, today, &s)
    };
    assert_eq!(
        check_refund(&h, true, &quote("10000.00"), &ledger, today, &s),
        Ok(())
    );
    assert_eq!(
        check_refund(&h, true, &quote("10000.01"), &ledger, today, &s),
        Err(Refusal::OverLimit)
    );
    // A year and a day later the old refund no longer counts.
    assert_eq!(
        check_refund(&h, true, &quote("10000.01"), &ledger, day(2027, 1, 10), &s),
        Ok(())
    );
}

#[test]
fn some_types_and_states_cannot_be_refunded() {
    let s = Settings::default();
    let today = day(2026, 6, 1);
    for t in [
        ResourceType::Databricks,
        ResourceType::SynapseAnalytics,
        ResourceType::RedHat,
        ResourceType::SuseLinux,
    ] {
        let h = Holding {
            resource_type: t,
            ..upfront("100.00", None, day(2026, 1, 1), Term::P1Y)
        };
        let q = refund_quote(&h, today, &s);
        assert_eq!(
            check_refund(&h, true, &q, &[], today, &s),
            Err(Refusal::NotRefundable),
            "{t}"
        );
    }
    let h = upfront("100.00", None, day(2026, 1, 1), Term::P1Y);
    let q = refund_quote(&h, today, &s);
    assert_eq!(
        check_refund(&h, false, &q, &[], today, &s),
        Err(Refusal::NotInForce)
    );
}

#[test]
fn exchanges_keep_the_type_and_need_a_bigger_commitment() {
    let s = Settings::default();
    let today = day(2026, 7, 2);
    let h = upfront("1000.00", None, day(2026, 1, 1), Term::P1Y);
    let wanted = |t: ResourceType, unit: &str, quantity: i32| Wanted {
        resource_type: t,
        unit_price: money(unit),
        quantity,
        term: Term::P3Y,
    };
    // Value returned: prorated, no fee: 1000 × 183 / 365 = 501.37.
    let q = exchange_quote(
        &h,
        true,
        &wanted(ResourceType::VirtualMachines, "250.00", 3),
        today,
        &s,
    )
    .expect("qualifies");
    assert_eq!(q.value_returned, money("501.37"));
    assert_eq!(q.new_commitment, money("750.00"));
    assert_eq!(q.difference, money("248.63"));
    assert_eq!((q.new_effective, q.new_expiry), (today, day(2029, 7, 2)));
    let exact = exchange_quote(
        &h,
        true,
        &wanted(ResourceType::VirtualMachines, "501.37", 1),
        today,
        &s,
    );
    assert_eq!(
        exact.map(|q| q.difference),
        Ok(Money::ZERO),
        "equal is enough"
    );
    assert_eq!(
        exchange_quote(
            &h,
            true,
            &wanted(ResourceType::VirtualMachines, "501.36", 1),
            today,
            &s
        ),
        Err(Refusal::TooSmall)
    );
    assert_eq!(
        exchange_quote(
            &h,
            true,
            &wanted(ResourceType::CosmosDb, "9999.00", 1),
            today,
            &s
        ),
        Err(Refusal::OtherType)
    );
    assert_eq!(
        exchange_quote(
            &h,
            false,
            &wanted(ResourceType::VirtualMachines, "9999.00", 1),
            today,
            &s
        ),
        Err(Refusal::NotInForce)
    );
}

#[test]
fn the_exchange_cutoff_stops_savings_plan_types_bought_after_it() {
    let s = Settings::default();
    let wanted = |t: ResourceType| Wanted {
        resource_type: t,
        unit_price: money("99999.00"),
        quantity: 1,
        term: Term::P1Y,
    };
    let cases = [
        (ResourceType::VirtualMachines, day(2027, 1, 31), Ok(())),
        (
            ResourceType::VirtualMachines,
            day(2027, 2, 1),
            Err(Refusal::PastCutoff),
        ),
        (
            ResourceType::AppService,
            day(2027, 3, 1),
            Err(Refusal::PastCutoff),
        ),
        (ResourceType::CosmosDb, day(2027, 3, 1), Ok(())),
    ];
    for (t, bought, expected) in cases {
        let h = Holding {
            resource_type: t,
            ..upfront("1000.00", None, bought, Term::P1Y)
        };
        let today = bought + chrono::Days::new(30);
        let got = exchange_quote(&h, true, &wanted(t), today, &s).map(|_| ());
        assert_eq!(got, expected, "{t} bought {bought}");
    }
}

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
