//! What a split and a merge share: the pieces the rules weigh, the checks
//! before the system of record is asked, and the new reservations written
//! after it, with their utilization history, their roles and their links.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;

use crate::app::system::Receipt;
use crate::app::{Ctx, Error, Refusal, remote};
use crate::db::audit::{Action, NewEntry};
use crate::db::columns::DbMoney;
use crate::db::keys::{OrderKey, ReservationKey};
use crate::db::links::LinkKind;
use crate::db::orders::Order;
use crate::db::reservations::{NewReservation, Reservation};
use crate::db::role_assignments::NewAssignment;
use crate::db::utilization::NewDay;
use crate::db::{self};
use crate::domain::ids::ReservationId;
use crate::domain::lifecycle::Piece;
use crate::domain::money::Money;
use crate::domain::reservation::ProvisioningState;

/// What the split and merge rules weigh of a reservation.
pub fn piece_of(r: &Reservation, order: &Order, today: chrono::NaiveDate) -> Piece {
    Piece {
        order: order.order_guid,
        sku: r.sku.clone(),
        region: r.region.clone(),
        term: order.term,
        scope_type: r.scope_type,
        quantity: r.quantity,
        effective_date: r.effective_date,
        expiry_date: r.expiry_date,
        status: r.status(today),
    }
}

/// Refuses when any of these reservations has an open support request: a
/// refund or an exchange in flight must be settled first.
pub fn no_open_request(ctx: &mut Ctx<'_>, rows: &[ReservationKey]) -> Result<(), Error> {
    if db::requests::open_on(ctx.conn, rows)?.is_empty() {
        Ok(())
    } else {
        Err(Refusal::OpenRequest.into())
    }
}

/// Records a refusal of the system of record against `object` and passes
/// the error on.
pub fn refused(ctx: &mut Ctx<'_>, object: ReservationId, e: Error) -> Error {
    match e {
        Error::Refused(Refusal::Azure(refusal)) => {
            match remote::audit_refusal(ctx, &object.to_string(), &refusal) {
                Ok(()) => Refusal::Azure(refusal).into(),
                Err(failed) => failed,
            }
        }
        other => other,
    }
}

/// The audit entry of `action` on reservation `object` by the acting user
/// at `at`, under the correlation ID of the call behind it.
pub fn entry(
    ctx: &Ctx<'_>,
    (action, object): (Action, String),
    at: NaiveDateTime,
    receipt: &Receipt,
) -> NewEntry {
    NewEntry::new(
        ctx.actor.audit_name(),
        action,
        ("reservation", &object),
        &ctx.actor.address,
        at,
    )
    .correlated(receipt.correlation_id.clone())
}

/// Reservations in a few words for the audit log: `name (quantity), …`.
pub fn named<'a>(items: impl Iterator<Item = (&'a str, i32)>) -> String {
    items
        .map(|(name, quantity)| format!("{name} ({quantity})"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A new reservation made from `like`: its own ID, name, quantity, price
/// and dates, and its order; everything else as `like`.
pub struct Made<'a> {
    /// What it is made from.
    pub like: &'a Reservation,
    /// Its ID in the system of record.
    pub id: ReservationId,
    /// Its order (row).
    pub order_id: OrderKey,
    /// Its name.
    pub name: String,
    /// Its quantity.
    pub quantity: i32,
    /// Its share of what was paid (or what it costs).
    pub price: Money,
    /// Purchase day, benefit start and expiry.
    pub dates: (chrono::NaiveDate, chrono::NaiveDate, chrono::NaiveDate),
    /// Whether it renews by itself.
    pub renew: bool,
}

impl<'a> Made<'a> {
    /// A part of `like` in its order, from its dates: for splits and merges.
    pub fn part_of(
        like: &'a Reservation,
        id: ReservationId,
        name: String,
        quantity: i32,
    ) -> Made<'a> {
        Made {
            like,
            id,
            order_id: like.order_id,
            name,
            quantity,
            price: like.purchase_price,
            dates: (like.purchase_date, like.effective_date, like.expiry_date),
            renew: like.renew,
        }
    }
}

/// Writes a reservation a split or a merge made, unless a sync brought it
/// in already; its row.
pub fn insert(
    ctx: &mut Ctx<'_>,
    made: &Made<'_>,
    at: NaiveDateTime,
) -> Result<ReservationKey, Error> {
    match db::reservations::find_by_guid(ctx.conn, made.id) {
        Ok(known) => return Ok(known.id),
        Err(diesel::result::Error::NotFound) => {}
        Err(e) => return Err(e.into()),
    }
    let like = made.like;
    let row = db::reservations::insert_numbered(ctx.conn, |id| NewReservation {
        id,
        reservation_guid: made.id.to_string(),
        order_id: made.order_id,
        customer_id: like.customer_id,
        display_name: made.name.clone(),
        resource_type: like.resource_type,
        sku: like.sku.clone(),
        sku_description: like.sku_description.clone(),
        region: like.region.clone(),
        quantity: made.quantity,
        scope_type: like.scope_type,
        scope_subscription_id: like.scope_subscription_id,
        scope_resource_group_id: like.scope_resource_group_id,
        scope_management_group_id: like.scope_management_group_id,
        billing_subscription_id: like.billing_subscription_id,
        instance_flexibility: like.instance_flexibility.clone(),
        renew: made.renew,
        archived: false,
        closed_by: None,
        renew_term: None,
        renew_billing_plan: None,
        renew_quantity: None,
        purchase_date: made.dates.0,
        effective_date: made.dates.1,
        expiry_date: made.dates.2,
        provisioning_state: ProvisioningState::Succeeded,
        purchase_price: DbMoney(made.price),
        updated_at: at,
    })?;
    Ok(row)
}

/// Carries the sources' roles over to `row`, and links each source to
/// it; for a split or a merge (not a renewal, which starts afresh), their
/// daily utilization too: the sources' average on each day, weighted by
/// quantity (a split's parts keep the whole's figures).
pub fn carry_over(
    ctx: &mut Ctx<'_>,
    sources: &[&Reservation],
    (row, kind): (ReservationKey, LinkKind),
    at: NaiveDateTime,
) -> Result<(), Error> {
    let keys: Vec<ReservationKey> = sources.iter().map(|s| s.id).collect();
    let mut roles = Vec::new();
    for source in &keys {
        for a in db::role_assignments::for_reservation(ctx.conn, *source)? {
            if !roles
                .iter()
                .any(|(email, role, _, _)| *email == a.principal_email && *role == a.role)
            {
                roles.push((a.principal_email, a.role, a.assigned_by, a.assigned_at));
            }
        }
    }
    let taken = db::role_assignments::for_reservation(ctx.conn, row)?;
    let rows: Vec<NewAssignment> = roles
        .into_iter()
        .filter(|(email, role, _, _)| {
            !taken
                .iter()
                .any(|t| t.principal_email == *email && t.role == *role)
        })
        .map(
            |(principal_email, role, assigned_by, assigned_at)| NewAssignment {
                reservation_id: row,
                principal_email,
                role,
                assigned_by,
                assigned_at,
            },
        )
        .collect();
    db::role_assignments::insert_all(ctx.conn, &rows)?;
    for source in &keys {
        db::links::insert(ctx.conn, *source, row, kind, at)?;
    }
    if kind == LinkKind::Renewal {
        return Ok(());
    }
    let weight: BTreeMap<ReservationKey, i64> = sources
        .iter()
        .map(|s| (s.id, i64::from(s.quantity)))
        .collect();
    let mut days: BTreeMap<chrono::NaiveDate, (i64, i64)> = BTreeMap::new();
    for (source, day, permille) in db::utilization::all_of(ctx.conn, &keys)? {
        let w = weight.get(&source).copied().unwrap_or(1);
        let sum = days.entry(day).or_default();
        sum.0 += i64::from(permille) * w;
        sum.1 += w;
    }
    let days: Vec<NewDay> = days
        .into_iter()
        .map(|(day, (sum, w))| NewDay {
            reservation_id: row,
            day,
            permille: i32::try_from((sum + w / 2) / w.max(1)).unwrap_or(1000),
        })
        .collect();
    db::utilization::upsert_all(ctx.conn, &days)?;
    Ok(())
}

/// `price` shared between parts of these quantities, to the cent, the
/// last part taking what rounding leaves so that the shares add up.
pub fn shares(price: Money, quantities: &[i32]) -> Vec<Money> {
    let whole: i32 = quantities.iter().sum();
    let mut left = price;
    let mut out = Vec::with_capacity(quantities.len());
    for (i, q) in quantities.iter().enumerate() {
        if i + 1 == quantities.len() {
            out.push(left);
        } else {
            let share = Money::new(crate::domain::money::round2(
                price.amount() * rust_decimal::Decimal::from(*q)
                    / rust_decimal::Decimal::from(whole.max(1)),
            ));
            left = left - share;
            out.push(share);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The shares of a price always add up to it exactly, and each is
        /// within a cent of its proportion.
        #[test]
        fn shares_add_up_to_the_price(cents in 0i64..10_000_000_000, a in 1i32..500, b in 1i32..500) {
            let price = Money::from_cents(cents);
            let parts = shares(price, &[a, b]);
            proptest::prop_assert_eq!(parts.iter().copied().sum::<Money>(), price);
            let exact = price.amount() * rust_decimal::Decimal::from(a) / rust_decimal::Decimal::from(a + b);
            proptest::prop_assert!((parts[0].amount() - exact).abs() <= rust_decimal::Decimal::new(5, 3));
        }
    }
}
