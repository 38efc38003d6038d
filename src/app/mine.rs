//! What customer users see of their own: the reservations on which they
//! hold a role (their customer's only) and the requests about them.

use std::collections::HashMap;

use crate::app::reservations::scope_names::ScopeNames;
use crate::app::{Ctx, Error};
use crate::db::keys::{OrderKey, ReservationKey};
use crate::db::requests::{ListQuery, RequestRow, Search};
use crate::db::reservations::Reservation;
use crate::db::{self};
use crate::domain::reservation::{BillingPlan, Term};
use crate::domain::utilization::Permille;

/// A customer user's reservations with what their rows show.
#[derive(Default)]
pub struct Mine {
    /// The reservations.
    pub rows: Vec<Reservation>,
    /// Each order's term and plan, by order row.
    pub plans: HashMap<OrderKey, (Term, BillingPlan)>,
    /// Each one's utilization over the last 30 days, by row.
    pub averages: HashMap<ReservationKey, Permille>,
    /// The names of the customer's places.
    pub names: ScopeNames,
}

/// The acting customer user's reservations (none for anyone else),
/// archived ones only when `archived_too`.
pub fn reservations(ctx: &mut Ctx<'_>, archived_too: bool) -> Result<Mine, Error> {
    let Some(customer) = ctx.actor.customer_id else {
        return Ok(Mine::default());
    };
    let ids = db::role_assignments::reservations_of(ctx.conn, &ctx.actor.email)?;
    let rows: Vec<_> = db::reservations::by_ids(ctx.conn, &ids)?
        .into_iter()
        .filter(|r| r.customer_id == customer && (archived_too || !r.archived))
        .collect();
    let order_ids: Vec<OrderKey> = rows.iter().map(|r| r.order_id).collect();
    let ids: Vec<ReservationKey> = rows.iter().map(|r| r.id).collect();
    let today = ctx.clock.today();
    Ok(Mine {
        plans: db::orders::plans_for(ctx.conn, &order_ids)?,
        averages: db::utilization::thirty_day_averages(ctx.conn, &ids, today)?,
        names: ScopeNames::load(ctx.conn, customer)?,
        rows,
    })
}

/// The requests about the acting customer user's reservations, newest first.
pub fn requests(ctx: &mut Ctx<'_>) -> Result<Vec<RequestRow>, Error> {
    let Some(customer) = ctx.actor.customer_id else {
        return Ok(Vec::new());
    };
    let ids = db::role_assignments::reservations_of(ctx.conn, &ctx.actor.email)?;
    let query = ListQuery {
        status: None,
        customer_id: Some(customer),
        search: Search::Reservations(ids),
        offset: 0,
        limit: 200,
    };
    Ok(db::requests::list(ctx.conn, &query)?.0)
}
