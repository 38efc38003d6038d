//! The refund and exchange policy: quotes, the per-customer limit over a
//! rolling year, the types that cannot be refunded, and the exchange
//! cut-off. Pure functions of their inputs; "today" is always given.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::dates::{add_months, days_between};
use super::money::{Money, round2};
use super::reservation::{BillingPlan, ResourceType, Term};

/// The partner's policy settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Early-termination fee as a fraction (0.12 is 12 %).
    pub fee_rate: Decimal,
    /// Days after purchase during which no fee applies.
    pub grace_days: i64,
    /// Cancelled commitment allowed per customer per rolling 365 days.
    pub refund_limit: Money,
    /// Savings-plan types bought on or after this day cannot be exchanged.
    pub exchange_cutoff: NaiveDate,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            fee_rate: Decimal::new(12, 2),
            grace_days: 5,
            refund_limit: Money::from_cents(5_000_000),
            exchange_cutoff: NaiveDate::from_ymd_opt(2027, 2, 1).unwrap_or(NaiveDate::MAX),
        }
    }
}

/// Types that cannot be refunded.
pub const NOT_REFUNDABLE: &[ResourceType] = &[
    ResourceType::Databricks,
    ResourceType::SynapseAnalytics,
    ResourceType::RedHat,
    ResourceType::SuseLinux,
];

/// Types covered by savings plans (subject to the exchange cut-off).
pub const SAVINGS_PLAN_TYPES: &[ResourceType] = &[
    ResourceType::VirtualMachines,
    ResourceType::AppService,
    ResourceType::DedicatedHost,
    ResourceType::SqlDatabases,
];

/// What the policy needs to know about a reservation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holding {
    /// Reserved resource type.
    pub resource_type: ResourceType,
    /// How long the commitment runs; a monthly plan pays in `term.months()` instalments.
    pub term: Term,
    /// Billing plan.
    pub plan: BillingPlan,
    /// Purchase day.
    pub purchase_date: NaiveDate,
    /// Benefit start.
    pub effective: NaiveDate,
    /// Term end.
    pub expiry: NaiveDate,
    /// What was paid (or committed).
    pub purchase_price: Money,
    /// Today's catalogue price of the same SKU, region and term × quantity, if known.
    pub catalogue_price: Option<Money>,
    /// Whether any utilization was reported since purchase.
    pub used_since_purchase: bool,
}

/// A refund quote. `refund = prorated - fee` for upfront plans and
/// `refund = unused_current - fee` for monthly ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefundQuote {
    /// Days in the term.
    pub term_days: i64,
    /// Days left.
    pub remaining_days: i64,
    /// Lower of purchase and current catalogue price (upfront).
    pub basis: Money,
    /// Prorated value of the remaining days (upfront) or of the unused part
    /// of the current month (monthly).
    pub prorated: Money,
    /// Monthly plans: the payments not yet collected.
    pub future_cancelled: Money,
    /// Early-termination fee.
    pub fee: Money,
    /// What comes back.
    pub refund: Money,
    /// What counts against the limit.
    pub cancelled_commitment: Money,
    /// Inside the grace period (no fee).
    pub in_grace: bool,
    /// Paid monthly: `prorated` is the unused part of the current month.
    pub monthly: bool,
    /// Unused since purchase within the grace period: everything comes back.
    pub full_refund: bool,
}

/// Why a refund or exchange cannot be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The type cannot be refunded.
    NotRefundable,
    /// The reservation is not in force (expired, cancelled, exchanged).
    NotInForce,
    /// The refund would take the customer past the limit.
    OverLimit,
    /// An exchange must keep the reserved resource type.
    OtherType,
    /// The new commitment is below the value returned.
    TooSmall,
    /// A savings-plan type bought on or after the cut-off.
    PastCutoff,
}

impl Refusal {
    /// Message ID of the reason.
    pub fn message_id(&self) -> &'static str {
        match self {
            Refusal::NotRefundable => "refusal-not-refundable",
            Refusal::NotInForce => "refusal-not-in-force",
            Refusal::OverLimit => "refusal-over-limit",
            Refusal::OtherType => "refusal-other-type",
            Refusal::TooSmall => "refusal-too-small",
            Refusal::PastCutoff => "refusal-past-cutoff",
        }
    }
}

fn ratio(amount: Decimal, numerator: i64, denominator: i64) -> Decimal {
    if denominator <= 0 {
        return Decimal::ZERO;
    }
    amount * Decimal::from(numerator) / Decimal::from(denominator)
}

/// The refund quote of a reservation on `today`.
pub fn refund_quote(h: &Holding, today: NaiveDate, s: &Settings) -> RefundQuote {
    let term_days = days_between(h.effective, h.expiry).max(0);
    let remaining_days = days_between(today, h.expiry).clamp(0, term_days);
    let in_grace = days_between(h.purchase_date, today) <= s.grace_days;
    let full_refund = in_grace && !h.used_since_purchase;
    let fee_of = |amount: Money| {
        if in_grace {
            Money::ZERO
        } else {
            Money::new(round2(s.fee_rate * amount.amount()))
        }
    };
    match h.plan {
        BillingPlan::Upfront => {
            let basis = match h.catalogue_price {
                Some(c) if c < h.purchase_price => c,
                _ => h.purchase_price,
            };
            if full_refund {
                return RefundQuote {
                    term_days,
                    remaining_days,
                    basis,
                    prorated: h.purchase_price,
                    future_cancelled: Money::ZERO,
                    fee: Money::ZERO,
                    refund: h.purchase_price,
                    cancelled_commitment: h.purchase_price,
                    in_grace,
                    full_refund,
                    monthly: h.plan == BillingPlan::Monthly,
                };
            }
            let prorated = Money::new(round2(ratio(basis.amount(), remaining_days, term_days)));
            let fee = fee_of(prorated);
            RefundQuote {
                term_days,
                remaining_days,
                basis,
                prorated,
                future_cancelled: Money::ZERO,
                fee,
                refund: prorated - fee,
                cancelled_commitment: prorated,
                in_grace,
                full_refund,
                monthly: h.plan == BillingPlan::Monthly,
            }
        }
        BillingPlan::Monthly => {
            // Every amount is the price times a whole-number fraction,
            // divided once, last: a pre-divided monthly payment would carry
            // a 28-digit quotient's error into the cents.
            let price = h.purchase_price.amount();
            let months = h.term.months();
            let paid = (0..months)
                .filter(|k| add_months(h.effective, *k) <= today)
                .count() as u32;
            let future_cancelled = Money::new(round2(ratio(
                price,
                i64::from(months - paid),
                i64::from(months),
            )));
            let (period_start, period_end) = if paid == 0 {
                (h.effective, h.effective)
            } else {
                let start = add_months(h.effective, paid - 1);
                let end = if paid < months {
                    add_months(h.effective, paid)
                } else {
                    h.expiry
                };
                (start, end)
            };
            let period_days = days_between(period_start, period_end).max(0);
            let left_in_period = days_between(today, period_end).clamp(0, period_days);
            let unused_current = Money::new(round2(ratio(
                price,
                left_in_period,
                i64::from(months) * period_days,
            )));
            if full_refund {
                let paid_so_far =
                    Money::new(round2(ratio(price, i64::from(paid), i64::from(months))));
                return RefundQuote {
                    term_days,
                    remaining_days,
                    basis: h.purchase_price,
                    prorated: paid_so_far,
                    future_cancelled,
                    fee: Money::ZERO,
                    refund: paid_so_far,
                    cancelled_commitment: h.purchase_price,
                    in_grace,
                    full_refund,
                    monthly: h.plan == BillingPlan::Monthly,
                };
            }
            let fee = fee_of(unused_current);
            RefundQuote {
                term_days,
                remaining_days,
                basis: h.purchase_price,
                prorated: unused_current,
                future_cancelled,
                fee,
                refund: unused_current - fee,
                cancelled_commitment: future_cancelled + unused_current,
                in_grace,
                full_refund,
                monthly: h.plan == BillingPlan::Monthly,
            }
        }
    }
}

/// A refund booked against the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Booked {
    /// The day it was booked.
    pub on: NaiveDate,
    /// Its cancelled commitment.
    pub amount: Money,
}

/// Days a booked refund counts against the limit (day D … D+364).
pub const LIMIT_WINDOW_DAYS: i64 = 365;

/// What the customer's refunds use of the limit on `today`.
pub fn limit_used(ledger: &[Booked], today: NaiveDate) -> Money {
    ledger
        .iter()
        .filter(|b| {
            let age = days_between(b.on, today);
            (0..LIMIT_WINDOW_DAYS).contains(&age)
        })
        .map(|b| b.amount)
        .sum()
}

/// The allowance left on `today`.
pub fn allowance_left(ledger: &[Booked], today: NaiveDate, s: &Settings) -> Money {
    let left = s.refund_limit - limit_used(ledger, today);
    if left < Money::ZERO {
        Money::ZERO
    } else {
        left
    }
}

/// The day a booked refund is back in the allowance.
pub fn returns_on(booked: NaiveDate) -> NaiveDate {
    booked + chrono::Days::new(LIMIT_WINDOW_DAYS as u64)
}

/// Whether a reservation may be refunded on `today`: its type, its state
/// and the customer's limit.
pub fn check_refund(
    h: &Holding,
    in_force: bool,
    quote: &RefundQuote,
    ledger: &[Booked],
    today: NaiveDate,
    s: &Settings,
) -> Result<(), Refusal> {
    if NOT_REFUNDABLE.contains(&h.resource_type) {
        return Err(Refusal::NotRefundable);
    }
    if !in_force {
        return Err(Refusal::NotInForce);
    }
    if limit_used(ledger, today) + quote.cancelled_commitment > s.refund_limit {
        return Err(Refusal::OverLimit);
    }
    Ok(())
}

/// The reservation wanted in exchange.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wanted {
    /// Its type (must be the same).
    pub resource_type: ResourceType,
    /// Catalogue price of one unit for the new term.
    pub unit_price: Money,
    /// Units wanted (1 to 1,000); times `unit_price`, the new commitment.
    pub quantity: i32,
    /// Term of the new reservation; `unit_price` is the catalogue price for it.
    pub term: Term,
}

/// An exchange quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExchangeQuote {
    /// What the old reservation is worth (cancelled commitment, no fee).
    pub value_returned: Money,
    /// Lifetime commitment of the new reservation.
    pub new_commitment: Money,
    /// What the partner pays on top.
    pub difference: Money,
    /// The new term starts on the exchange day.
    pub new_effective: NaiveDate,
    /// The new term ends.
    pub new_expiry: NaiveDate,
}

/// The exchange quote on `today`, or why the exchange is not possible.
pub fn exchange_quote(
    h: &Holding,
    in_force: bool,
    wanted: &Wanted,
    today: NaiveDate,
    s: &Settings,
) -> Result<ExchangeQuote, Refusal> {
    if !in_force {
        return Err(Refusal::NotInForce);
    }
    if wanted.resource_type != h.resource_type {
        return Err(Refusal::OtherType);
    }
    if SAVINGS_PLAN_TYPES.contains(&h.resource_type) && h.purchase_date >= s.exchange_cutoff {
        return Err(Refusal::PastCutoff);
    }
    let no_fee = Settings {
        fee_rate: Decimal::ZERO,
        ..s.clone()
    };
    let value_returned = refund_quote(h, today, &no_fee).cancelled_commitment;
    let new_commitment = Money::new(round2(
        wanted.unit_price.amount() * Decimal::from(wanted.quantity),
    ));
    if new_commitment < value_returned {
        return Err(Refusal::TooSmall);
    }
    Ok(ExchangeQuote {
        value_returned,
        new_commitment,
        difference: new_commitment - value_returned,
        new_effective: today,
        new_expiry: wanted.term.expiry_from(today),
    })
}

#[cfg(test)]
mod tests;
