//! Table-driven tests of the policy, edges included.

use super::*;

mod exact;
mod exchange;

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
