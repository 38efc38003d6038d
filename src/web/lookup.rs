//! Look-up: any reservation ID or order ID, in any shape support receives
//! it, straight to the reservation (or to the order's reservations).

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::context::{Nav, PageCtx};
use super::paging::SortHeader;
use super::reservations::ReservationRow;
use super::session::SignedIn;
use super::{AppState, call, paths, render, render_with_status, see_other};
use crate::app::lookup::{self, Found};
use crate::db::customers::Customer;
use crate::db::orders::Order;
use crate::domain::ids::{IdError, LookupQuery, OrderId};
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
    let found = call(&state, signed_in.user_actor(), move |ctx| {
        lookup::find(ctx, query)
    })
    .await?;
    match found {
        Found::Reservation(id) => Ok(see_other(&paths::reservation(id))),
        Found::Order(id) => Ok(see_other(&paths::order(id))),
        Found::Nothing(message) => page(&signed_in, value, Some(message), StatusCode::NOT_FOUND),
    }
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
    let lookup::OrderView {
        order,
        customer,
        reservations,
        averages,
        names,
    } = call(&state, signed_in.user_actor(), move |ctx| {
        lookup::order(ctx, id)
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
