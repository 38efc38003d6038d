//! Look-up: any reservation ID or order ID, in any shape support receives
//! it, to the reservation (or to the order, when it has several), and an
//! order with its reservations.

use std::collections::HashMap;

use crate::app::reservations::scope_names::ScopeNames;
use crate::app::{Ctx, Error};
use crate::db::customers::Customer;
use crate::db::keys::ReservationKey;
use crate::db::orders::Order;
use crate::db::reservations::Reservation;
use crate::db::{self};
use crate::domain::ids::{LookupQuery, OrderId, ReservationId};
use crate::domain::roles::Permission;
use crate::domain::utilization::Permille;

/// Where a look-up leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// To this reservation.
    Reservation(ReservationId),
    /// To this order (it has several reservations).
    Order(OrderId),
    /// Nowhere; the message ID says why.
    Nothing(&'static str),
}

fn none_if_missing<T>(e: diesel::result::Error) -> Result<Option<T>, diesel::result::Error> {
    match e {
        diesel::result::Error::NotFound => Ok(None),
        other => Err(other),
    }
}

/// Finds what `query` names.
pub fn find(ctx: &mut Ctx<'_>, query: LookupQuery) -> Result<Found, Error> {
    ctx.actor.require(Permission::LookUp)?;
    let conn = &mut *ctx.conn;
    let reservation = |conn: &mut _, id| {
        db::reservations::find_by_guid(conn, id)
            .map(Some)
            .or_else(none_if_missing)
    };
    let order = |conn: &mut _, id| {
        db::orders::find_by_guid(conn, id)
            .map(Some)
            .or_else(none_if_missing)
    };
    Ok(match query {
        LookupQuery::Guid(uuid) => {
            if let Some(r) = reservation(conn, ReservationId::from_uuid(uuid))? {
                Found::Reservation(r.reservation_guid)
            } else if let Some(o) = order(conn, OrderId::from_uuid(uuid))? {
                only_reservation(conn, &o)?
            } else {
                Found::Nothing("lookup-not-found")
            }
        }
        LookupQuery::Order(id) => match order(conn, id)? {
            Some(o) => only_reservation(conn, &o)?,
            None => Found::Nothing("lookup-not-found"),
        },
        LookupQuery::Reservation(order_id, id) => match reservation(conn, id)? {
            Some(r) => match order(conn, order_id)? {
                Some(o) if o.id == r.order_id => Found::Reservation(r.reservation_guid),
                _ => Found::Nothing("lookup-order-mismatch"),
            },
            None => Found::Nothing("lookup-not-found"),
        },
    })
}

/// An order with one reservation leads to it; with several, to the order.
fn only_reservation(conn: &mut crate::db::Conn, order: &Order) -> Result<Found, Error> {
    let reservations = db::reservations::for_order(conn, order.id)?;
    Ok(match reservations.as_slice() {
        [only] => Found::Reservation(only.reservation_guid),
        _ => Found::Order(order.order_guid),
    })
}

/// An order with its customer and reservations.
pub struct OrderView {
    /// The order.
    pub order: Order,
    /// Its customer.
    pub customer: Customer,
    /// Its reservations.
    pub reservations: Vec<Reservation>,
    /// Each one's utilization over the last 30 days, by row.
    pub averages: HashMap<ReservationKey, Permille>,
    /// The names of the customer's places.
    pub names: ScopeNames,
}

/// Order `id` with its reservations.
pub fn order(ctx: &mut Ctx<'_>, id: OrderId) -> Result<OrderView, Error> {
    ctx.actor.require(Permission::ViewCustomers)?;
    let today = ctx.clock.today();
    let order = db::orders::find_by_guid(ctx.conn, id)?;
    let customer = db::customers::find(ctx.conn, order.customer_id)?;
    let reservations = db::reservations::for_order(ctx.conn, order.id)?;
    let ids: Vec<ReservationKey> = reservations.iter().map(|r| r.id).collect();
    let averages = db::utilization::thirty_day_averages(ctx.conn, &ids, today)?;
    let names = ScopeNames::load(ctx.conn, customer.id)?;
    Ok(OrderView {
        order,
        customer,
        reservations,
        averages,
        names,
    })
}
