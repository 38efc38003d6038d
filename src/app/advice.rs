//! Recommendations on a reservation from its last 30 days of use, checked
//! against the refund and exchange policy: exchange an under-used one for
//! fewer units of the same SKU, or a single unit for a smaller size of the
//! same type (with the exchange quote), or refund it (with the refund quote
//! and the allowance left) when no such exchange is allowed; renew a fully used one that expires within 60 days. A
//! dismissed recommendation stays dismissed, with who dismissed it.

use chrono::NaiveDateTime;

use super::quoting::{self, QuoteView};
use super::reservations::record::{Record, load_record};
use super::{Ctx, Error, access};
use crate::db::audit::{Action, NewEntry};
use crate::db::catalogue::CataloguePrice;
use crate::db::{self};
use crate::domain::advice::{self, Facts, Kind, Suggestion};
use crate::domain::dates::days_between;
use crate::domain::ids::ReservationId;
use crate::domain::money::Money;
use crate::domain::roles::Right;
use crate::domain::support::{RequestFields, RequestKind};
use crate::domain::utilization::Permille;

/// A recommendation, with the figures behind it.
#[derive(Debug, Clone)]
pub struct Recommendation {
    /// What to do.
    pub kind: Kind,
    /// Average use over the last 30 days.
    pub average: Permille,
    /// Units held.
    pub quantity: i32,
    /// Exchange: the units that would have covered the use.
    pub needed: i32,
    /// Days until it expires.
    pub days_left: i64,
    /// The quote of the exchange or the refund, as the policy gives it.
    pub quote: Option<QuoteView>,
    /// Who dismissed it and when, if someone did.
    pub dismissed: Option<(String, NaiveDateTime)>,
    /// Exchange for a smaller size: the SKU and its description.
    pub smaller: Option<(String, String)>,
}

/// What the wizard of an exchange for fewer units is filled with.
pub fn exchange_fields(record: &Record, quantity: i32) -> RequestFields {
    RequestFields {
        new_sku: record.reservation.sku.clone(),
        new_region: record.reservation.region.clone(),
        new_term: record.order.term.as_str().to_string(),
        new_quantity: quantity.to_string(),
        ..RequestFields::default()
    }
}

/// The recommendation on reservation `id`, if its use suggests one that
/// the policy allows.
pub fn for_reservation(
    ctx: &mut Ctx<'_>,
    id: ReservationId,
) -> Result<(Record, Option<Recommendation>), Error> {
    access::reservation_with(ctx, id, Right::Read)?;
    let record = load_record(ctx.conn, id)?;
    let recommendation = recommend(ctx, &record)?;
    Ok((record, recommendation))
}

fn recommend(ctx: &mut Ctx<'_>, record: &Record) -> Result<Option<Recommendation>, Error> {
    let today = ctx.clock.today();
    let r = &record.reservation;
    let averages = db::utilization::thirty_day_averages(ctx.conn, &[r.id], today)?;
    let threshold = db::settings::underused_percent(ctx.conn)?;
    let facts = Facts {
        in_force: r.status(today).in_force(),
        quantity: r.quantity,
        average: averages.get(&r.id).copied(),
        threshold: u16::try_from(threshold * 10).unwrap_or(1000),
        days_left: days_between(today, r.expiry_date),
        renews: r.renew,
    };
    let Some(suggestion) = advice::suggest(&facts) else {
        return Ok(None);
    };
    let Some(average) = facts.average else {
        return Ok(None);
    };
    let refund = |ctx: &mut Ctx<'_>| {
        quoting::quote(
            ctx,
            RequestKind::Refund,
            r,
            &record.order,
            &RequestFields::default(),
        )
    };
    let mut smaller = None;
    let (kind, needed, quote) = match suggestion {
        Suggestion::Fewer(needed) => {
            let fields = exchange_fields(record, needed);
            let exchange = quoting::quote(ctx, RequestKind::Exchange, r, &record.order, &fields)?;
            match exchange {
                Some(q) if q.allowed() => (Kind::Exchange, needed, Some(q)),
                // No smaller exchange is allowed: a refund, if it is.
                _ => match refund(ctx)? {
                    Some(q) if q.allowed() => (Kind::Refund, needed, Some(q)),
                    _ => return Ok(None),
                },
            }
        }
        // A single unit: a smaller size if one is allowed, else a refund.
        Suggestion::Refund => match smaller_size(ctx, record, average)? {
            Some((offer, q)) => {
                smaller = Some((offer.sku, offer.sku_description));
                (Kind::Exchange, 1, Some(q))
            }
            None => match refund(ctx)? {
                Some(q) if q.allowed() => (Kind::Refund, r.quantity, Some(q)),
                _ => return Ok(None),
            },
        },
        Suggestion::Renew => (Kind::Renew, r.quantity, None),
    };
    Ok(Some(Recommendation {
        kind,
        average,
        quantity: r.quantity,
        needed,
        days_left: facts.days_left,
        quote,
        dismissed: db::dismissals::find(ctx.conn, r.id, kind.as_str())?,
        smaller,
    }))
}

/// One unit of a smaller size of the same type, region and term that
/// would have covered the use `average` of the single unit of `record`,
/// with its exchange quote, if the catalogue has one and the policy allows
/// the exchange.
fn smaller_size(
    ctx: &mut Ctx<'_>,
    record: &Record,
    average: Permille,
) -> Result<Option<(CataloguePrice, QuoteView)>, Error> {
    let r = &record.reservation;
    let term = record.order.term;
    let Some(current) = db::catalogue::find(ctx.conn, r.resource_type, &r.sku, &r.region, term)?
    else {
        return Ok(None);
    };
    let offers =
        db::catalogue::filtered(ctx.conn, Some(r.resource_type), Some(&r.region), Some(term))?;
    let candidates: Vec<(String, Money)> = offers
        .iter()
        .map(|o| (o.sku.clone(), o.unit_price))
        .collect();
    let Some((sku, _)) = advice::smaller_size(current.unit_price, average, &candidates) else {
        return Ok(None);
    };
    let Some(offer) = offers.into_iter().find(|o| o.sku == *sku) else {
        return Ok(None);
    };
    let fields = RequestFields {
        new_sku: offer.sku.clone(),
        ..exchange_fields(record, 1)
    };
    Ok(
        match quoting::quote(ctx, RequestKind::Exchange, r, &record.order, &fields)? {
            Some(q) if q.allowed() => Some((offer, q)),
            _ => None,
        },
    )
}

/// Dismisses the recommendation of `kind` on reservation `id`, for good;
/// audited once.
pub fn dismiss(ctx: &mut Ctx<'_>, id: ReservationId, kind: Kind) -> Result<(), Error> {
    let (reservation, _) = access::reservation_with(ctx, id, Right::Request)?;
    ctx.transaction(|ctx| {
        let now = ctx.clock.now();
        let by = ctx.actor.email.clone();
        if db::dismissals::insert(ctx.conn, reservation.id, kind.as_str(), &by, now)? {
            ctx.audit(
                &NewEntry::new(
                    ctx.actor.audit_name(),
                    Action::RecommendationDismissed,
                    ("reservation", &id.to_string()),
                    &ctx.actor.address,
                    now,
                )
                .change("", kind.as_str()),
            )?;
        }
        Ok(())
    })
}
