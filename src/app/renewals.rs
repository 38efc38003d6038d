//! Renewing reservations set to renew on their expiry day: each gets its
//! successor (a new order and reservation bought by its renewal plan at
//! the catalogue's price, with its roles), linked both ways ("renewed
//! from", "renewed as"). Idempotent: a reservation is renewed once however
//! often or on however many nodes the job runs (a unique index on the
//! renewal link decides).
//!
//! When connected to Azure, Azure renews by itself (the plan reached it
//! as `renewProperties`); the next sync brings the successor.

use chrono::Days;

use super::reservations::reshape::{self, Made, carry_over};
use crate::app::system::Receipt;
use crate::app::{Ctx, Error};
use crate::db::audit::Action;
use crate::db::links::LinkKind;
use crate::db::orders::NewOrder;
use crate::db::reservations::Reservation;
use crate::db::{self};
use crate::domain::ids::{OrderId, ReservationId};
use crate::domain::renewal::price;

/// How many days after its expiry a reservation that was not renewed on
/// the day (the server was down) is still renewed.
pub const GRACE_DAYS: u64 = 7;

/// What a run of the renewal job did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Renewed {
    /// Each reservation renewed, with its successor.
    pub renewed: Vec<(ReservationId, ReservationId)>,
    /// Reservations due that could not be renewed, and why.
    pub failed: Vec<(ReservationId, String)>,
}

/// Renews every reservation set to renew whose expiry day has come (within
/// [`GRACE_DAYS`]) and that has no successor yet.
pub fn renew_due(ctx: &mut Ctx<'_>) -> Result<Renewed, Error> {
    let mut out = Renewed::default();
    if ctx.system.is_remote() {
        return Ok(out);
    }
    let today = ctx.clock.today();
    let since = today
        .checked_sub_days(Days::new(GRACE_DAYS))
        .unwrap_or(today);
    for due in db::reservations::due_for_renewal(ctx.conn, since, today)? {
        let id = due.reservation_guid;
        match renew(ctx, &due) {
            Ok(Some(successor)) => out.renewed.push((id, successor)),
            // Another run renewed it first.
            Ok(None) | Err(Error::Conflict) => {}
            Err(e) => {
                tracing::warn!(reservation = %id, cause = %e, "renewing a reservation failed");
                out.failed.push((id, e.to_string()));
            }
        }
    }
    Ok(out)
}

/// Renews `old`, in one transaction: none if it has a successor already.
fn renew(ctx: &mut Ctx<'_>, old: &Reservation) -> Result<Option<ReservationId>, Error> {
    let order = db::orders::find(ctx.conn, old.order_id)?;
    let plan = old.renewal_plan(order.term, order.billing_plan);
    let Some(unit) = db::catalogue::find(
        ctx.conn,
        old.resource_type,
        &old.sku,
        &old.region,
        plan.term,
    )?
    else {
        return Err(Error::Internal(format!(
            "the catalogue has no {} price for {} in {}",
            plan.term.as_str(),
            old.sku,
            old.region
        )));
    };
    let cost = price(unit.unit_price, &plan);
    let (new_order, new_id) = (OrderId::new_random(), ReservationId::new_random());
    ctx.transaction(|ctx| {
        if db::links::renewal_of(ctx.conn, old.id)?.is_some() {
            return Ok(None);
        }
        let now = ctx.clock.now();
        let start = old.expiry_date;
        let expiry = plan.term.expiry_from(start);
        let order_row = db::orders::insert_numbered(ctx.conn, |id| NewOrder {
            id,
            order_guid: new_order.to_string(),
            customer_id: old.customer_id,
            display_name: format!(
                "{}_RN_{}",
                old.resource_type.as_str(),
                start.format("%m-%d-%Y")
            ),
            term: plan.term,
            billing_plan: plan.billing_plan,
            original_quantity: plan.quantity,
            purchase_date: start,
            benefit_start_date: start,
            expiry_date: expiry,
            currency: order.currency.clone(),
            created_at: now,
        })?;
        let made = Made {
            like: old,
            id: new_id,
            order_id: order_row,
            name: old.display_name.clone(),
            quantity: plan.quantity,
            price: cost.total,
            dates: (start, start, expiry),
            // The successor is bought once; whether it renews too is set
            // on it, as in Azure.
            renew: false,
        };
        let row = reshape::insert(ctx, &made, now)?;
        carry_over(ctx, &[old], (row, LinkKind::Renewal), now)?;
        let receipt = Receipt::default();
        let entry = |action, object: String, before: String, after: String| {
            reshape::entry(ctx, (action, object), now, &receipt).change(before, after)
        };
        let entries = [
            entry(
                Action::ReservationRenewed,
                old.reservation_guid.to_string(),
                plan.audit_text(),
                format!("{} ({})", made.name, cost.total),
            ),
            entry(
                Action::RenewalMade,
                new_id.to_string(),
                format!("{} ({})", old.display_name, old.reservation_guid),
                plan.audit_text(),
            ),
        ];
        for e in &entries {
            ctx.audit(e)?;
        }
        Ok(Some(new_id))
    })
}
