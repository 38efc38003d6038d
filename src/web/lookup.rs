//! Look-up: any reservation ID or order ID, in any shape support receives
//! it, straight to the reservation (or to the order's reservations).

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::context::{Nav, PageCtx};
use super::paging::SortHeader;
use super::reservations::{ReservationRow, ScopeNames};
use super::session::SignedIn;
use super::{AppState, paths, render, render_with_status, see_other, with_conn};
use crate::db::orders::Order;
use crate::db::{self, customers::Customer};
use crate::domain::ids::{IdError, LookupQuery, OrderId, ReservationId};
use crate::web::error::AppError;

/// Query string of the look-up.
#[derive(Debug, Deserialize)]
pub struct LookupParams {
    q: Option<String>,
}

/// The look-up page: the form, and a message when nothing was found.
#[derive(Template)]
#[template(path = "lookup/lookup.html")]
pub struct LookupPage {
    ctx: PageCtx,
    value: String,
    error: Option<&'static str>,
}

/// Where a look-up leads.
enum Found {
    Reservation(ReservationId),
    Order(OrderId),
    Nothing(&'static str),
}

/// `GET /lookup?q=…`.
pub async fn lookup(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    params: web::Query<LookupParams>,
) -> Result<HttpResponse, AppError> {
    let value: String = params
        .q
        .as_deref()
        .unwrap_or("")
        .trim()
        .chars()
        .take(300)
        .collect();
    let parsed = match LookupQuery::parse(&value) {
        Ok(q) => Some(q),
        Err(IdError::Empty) if params.q.is_none() => None,
        Err(IdError::Empty) => {
            return page(
                &signed_in,
                value,
                Some("lookup-empty"),
                StatusCode::BAD_REQUEST,
            );
        }
        Err(IdError::Malformed) => {
            return page(
                &signed_in,
                value,
                Some("lookup-malformed"),
                StatusCode::BAD_REQUEST,
            );
        }
    };
    let Some(query) = parsed else {
        return page(&signed_in, value, None, StatusCode::OK);
    };
    let found = with_conn(&state, move |conn| {
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
    })
    .await?;
    match found {
        Found::Reservation(id) => Ok(see_other(&paths::reservation(id))),
        Found::Order(id) => Ok(see_other(&paths::order(id))),
        Found::Nothing(message) => page(&signed_in, value, Some(message), StatusCode::NOT_FOUND),
    }
}

fn none_if_missing<T>(e: diesel::result::Error) -> Result<Option<T>, diesel::result::Error> {
    match e {
        diesel::result::Error::NotFound => Ok(None),
        other => Err(other),
    }
}

/// An order with one reservation leads to it; with several, to the order.
fn only_reservation(conn: &mut diesel::SqliteConnection, order: &Order) -> Result<Found, AppError> {
    let reservations = db::reservations::for_order(conn, order.id)?;
    Ok(match reservations.as_slice() {
        [only] => Found::Reservation(only.reservation_guid),
        _ => Found::Order(order.order_guid),
    })
}

fn page(
    signed_in: &SignedIn,
    value: String,
    error: Option<&'static str>,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let mut ctx = PageCtx::new(signed_in, Nav::Lookup).here(signed_in.lang.t("lookup-title"));
    ctx.lookup_value = value.clone();
    render_with_status(&LookupPage { ctx, value, error }, status)
}

/// An order and its reservations.
#[derive(Template)]
#[template(path = "lookup/order.html")]
pub struct OrderPage {
    ctx: PageCtx,
    order: Order,
    customer: Customer,
    rows: Vec<ReservationRow>,
    count: i64,
    headers: Vec<SortHeader>,
    order_path: String,
    customer_href: String,
}

/// `GET /orders/{id}`: the reservations of one order.
pub async fn order(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id: OrderId = id.parse().map_err(|_| AppError::NotFound)?;
    let today = state.today();
    let (order, customer, reservations, averages, names) = with_conn(&state, move |conn| {
        let order = db::orders::find_by_guid(conn, id)?;
        let customer = db::customers::find(conn, order.customer_id)?;
        let reservations = db::reservations::for_order(conn, order.id)?;
        let ids: Vec<i64> = reservations.iter().map(|r| r.id).collect();
        let averages = db::utilization::thirty_day_averages(conn, &ids, today)?;
        let names = ScopeNames::load(conn, customer.id)?;
        Ok((order, customer, reservations, averages, names))
    })
    .await?;
    let plan = (order.term, order.billing_plan);
    let rows: Vec<ReservationRow> = reservations
        .into_iter()
        .map(|r| {
            let avg = averages.get(&r.id).copied();
            ReservationRow::new(r, Some(&plan), &names, avg, today, &signed_in.lang)
        })
        .collect();
    let ctx = PageCtx::new(&signed_in, Nav::Customers)
        .crumb(signed_in.lang.t("nav-customers"), paths::CUSTOMERS)
        .crumb(customer.company_name.clone(), paths::customer(customer.id))
        .crumb(
            signed_in.lang.t("tab-reservations"),
            paths::customer_reservations(customer.id),
        )
        .here(order.display_name.clone());
    render(&OrderPage {
        ctx,
        order_path: crate::domain::ids::order_resource_path(order.order_guid),
        customer_href: paths::customer(customer.id),
        count: i64::try_from(rows.len()).unwrap_or(i64::MAX),
        headers: Vec::new(),
        order,
        customer,
        rows,
    })
}
