//! Quotes from the stored data: what the policy engine is given about a
//! reservation, and the quote as pages show and requests keep it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::system::Replacement;
use super::{Ctx, Error};
use crate::db::Conn;
use crate::db::orders::Order;
use crate::db::reservations::Reservation;
use crate::db::{self};
use crate::domain::money::Money;
use crate::domain::policy::{self, ExchangeQuote, Holding, RefundQuote, Refusal, Wanted};
use crate::domain::request_details::ExchangeWanted;
use crate::domain::reservation::ResourceType;
use crate::domain::support::{RequestFields, RequestKind};

/// What the policy needs about one reservation, read from the database.
pub fn holding(conn: &mut Conn, r: &Reservation, order: &Order) -> Result<Holding, Error> {
    let catalogue = db::catalogue::find(conn, r.resource_type, &r.sku, &r.region, order.term)?
        .map(|c| c.unit_price * rust_decimal::Decimal::from(r.quantity));
    Ok(Holding {
        resource_type: r.resource_type,
        term: order.term,
        plan: order.billing_plan,
        purchase_date: r.purchase_date,
        effective: r.effective_date,
        expiry: r.expiry_date,
        purchase_price: r.purchase_price,
        catalogue_price: catalogue.map(|m| m.round2()),
        used_since_purchase: db::utilization::any_use_since(conn, r.id, r.purchase_date)?,
    })
}

/// Whether the reservation is in force on `today`.
pub fn in_force(r: &Reservation, today: NaiveDate) -> bool {
    r.status(today).in_force()
}

/// A quote as shown and as kept with a request.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteView {
    /// Refund or exchange.
    pub kind: String,
    /// Days in the term.
    pub term_days: i64,
    /// Days left.
    pub remaining_days: i64,
    /// Refund basis.
    pub basis: Option<Money>,
    /// Prorated value (or unused part of the month).
    pub prorated: Option<Money>,
    /// Monthly: payments no longer collected.
    pub future_cancelled: Option<Money>,
    /// Paid monthly: the basis is the purchase price and `prorated` the
    /// unused part of the current month.
    #[serde(default)]
    pub monthly: bool,
    /// Refund: the early-termination fee (zero within the grace period); none for exchanges.
    pub fee: Option<Money>,
    /// Refund: what goes back to the customer, `prorated` less `fee`; none for exchanges.
    pub refund: Option<Money>,
    /// Counts against the limit.
    pub cancelled_commitment: Option<Money>,
    /// Inside the grace period.
    pub in_grace: bool,
    /// Everything comes back.
    pub full_refund: bool,
    /// The customer's allowance before this refund.
    pub allowance_left: Option<Money>,
    /// And after it.
    pub allowance_after: Option<Money>,
    /// Exchange: value returned.
    pub value_returned: Option<Money>,
    /// Exchange: new commitment.
    pub new_commitment: Option<Money>,
    /// Exchange: what the partner pays on top.
    pub difference: Option<Money>,
    /// Exchange: new term start.
    pub new_effective: Option<NaiveDate>,
    /// Exchange: new term end.
    pub new_expiry: Option<NaiveDate>,
    /// Message ID of why it cannot be done, if it cannot.
    pub refusal: Option<String>,
}

impl QuoteView {
    fn refund(q: &RefundQuote, allowance: Money, refusal: Option<Refusal>) -> QuoteView {
        let after = allowance - q.cancelled_commitment;
        QuoteView {
            kind: RequestKind::Refund.as_str().into(),
            term_days: q.term_days,
            remaining_days: q.remaining_days,
            basis: Some(q.basis),
            prorated: Some(q.prorated),
            future_cancelled: (q.future_cancelled > Money::ZERO).then_some(q.future_cancelled),
            monthly: q.monthly,
            fee: Some(q.fee),
            refund: Some(q.refund),
            cancelled_commitment: Some(q.cancelled_commitment),
            in_grace: q.in_grace,
            full_refund: q.full_refund,
            allowance_left: Some(allowance),
            allowance_after: Some(if after < Money::ZERO {
                Money::ZERO
            } else {
                after
            }),
            refusal: refusal.map(|r| r.message_id().to_string()),
            ..QuoteView::default()
        }
    }

    fn exchange(q: Result<ExchangeQuote, Refusal>) -> QuoteView {
        match q {
            Ok(q) => QuoteView {
                kind: RequestKind::Exchange.as_str().into(),
                value_returned: Some(q.value_returned),
                new_commitment: Some(q.new_commitment),
                difference: Some(q.difference),
                new_effective: Some(q.new_effective),
                new_expiry: Some(q.new_expiry),
                ..QuoteView::default()
            },
            Err(r) => QuoteView {
                kind: RequestKind::Exchange.as_str().into(),
                refusal: Some(r.message_id().to_string()),
                ..QuoteView::default()
            },
        }
    }

    /// Whether the request can go ahead.
    pub fn allowed(&self) -> bool {
        self.refusal.is_none()
    }
}

/// The quote of a request of `kind` for this reservation today, as the
/// system of record would pay it. `None` for other requests, and for
/// exchanges whose new reservation is not chosen yet.
pub fn quote(
    ctx: &mut Ctx<'_>,
    kind: RequestKind,
    r: &Reservation,
    order: &Order,
    fields: &RequestFields,
) -> Result<Option<QuoteView>, Error> {
    let today = ctx.clock.today();
    let conn = &mut *ctx.conn;
    let settings = db::settings::load(conn)?;
    let h = holding(conn, r, order)?;
    let live = in_force(r, today);
    match kind {
        RequestKind::Other => Ok(None),
        RequestKind::Refund => {
            let ledger = db::ledger::booked(conn, r.customer_id, today)?;
            let q = ctx.system.refund_quote(&h, today, &settings);
            let refusal = policy::check_refund(&h, live, &q, &ledger, today, &settings).err();
            Ok(Some(QuoteView::refund(
                &q,
                policy::allowance_left(&ledger, today, &settings),
                refusal,
            )))
        }
        RequestKind::Exchange => {
            let Some(wanted) = wanted(conn, r.resource_type, fields)? else {
                return Ok(None);
            };
            Ok(Some(QuoteView::exchange(policy::exchange_quote(
                &h,
                live,
                &wanted.wanted,
                today,
                &settings,
            ))))
        }
    }
}

/// The new reservation an exchange asks for, if fully and validly chosen
/// and in the catalogue.
pub fn wanted(
    conn: &mut Conn,
    resource_type: ResourceType,
    f: &RequestFields,
) -> Result<Option<Replacement>, Error> {
    match ExchangeWanted::of(f) {
        Some(wanted) => replacement(conn, resource_type, &wanted),
        None => Ok(None),
    }
}

/// The replacement `wanted` as the catalogue prices it, if it sells it.
pub fn replacement(
    conn: &mut Conn,
    resource_type: ResourceType,
    wanted: &ExchangeWanted,
) -> Result<Option<Replacement>, Error> {
    let price = db::catalogue::find(
        conn,
        resource_type,
        &wanted.sku,
        &wanted.region,
        wanted.term,
    )?;
    Ok(price.map(|p| Replacement {
        sku: wanted.sku.clone(),
        region: wanted.region.clone(),
        sku_description: p.sku_description,
        wanted: Wanted {
            resource_type,
            unit_price: p.unit_price,
            quantity: wanted.quantity,
            term: wanted.term,
        },
    }))
}
