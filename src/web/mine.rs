//! A customer user's home: the reservations on which they hold a role, and
//! the support requests about them.

use actix_web::{HttpResponse, web};
use askama::Template;

use super::context::{Nav, PageCtx};
use super::paging::SortHeader;
use super::reservations::{ReservationRow, ScopeNames};
use super::session::SignedIn;
use super::{AppState, render, with_conn};
use crate::db;
use crate::db::requests::{ListQuery, RequestRow, Search};
use crate::web::error::AppError;

/// The page.
#[derive(Template)]
#[template(path = "mine/reservations.html")]
pub struct MinePage {
    ctx: PageCtx,
    rows: Vec<ReservationRow>,
    headers: Vec<SortHeader>,
}

/// `GET /my/reservations`.
pub async fn reservations(
    state: web::Data<AppState>,
    signed_in: SignedIn,
) -> Result<HttpResponse, AppError> {
    let email = signed_in.user.email.clone();
    let customer = signed_in.user.customer_id;
    let today = state.today();
    let (rows, plans, averages, names) = with_conn(&state, move |conn| {
        let Some(customer) = customer else {
            return Ok((
                Vec::new(),
                Default::default(),
                Default::default(),
                ScopeNames::default(),
            ));
        };
        let ids = db::role_assignments::reservations_of(conn, &email)?;
        let rows: Vec<_> = db::reservations::by_ids(conn, &ids)?
            .into_iter()
            .filter(|r| r.customer_id == customer)
            .collect();
        let order_ids: Vec<i64> = rows.iter().map(|r| r.order_id).collect();
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        Ok((
            rows,
            db::orders::plans_for(conn, &order_ids)?,
            db::utilization::thirty_day_averages(conn, &ids, today)?,
            ScopeNames::load(conn, customer)?,
        ))
    })
    .await?;
    let rows = rows
        .into_iter()
        .map(|r| {
            let avg = averages.get(&r.id).copied();
            let plan = plans.get(&r.order_id);
            ReservationRow::new(r, plan, &names, avg, today, &signed_in.lang)
        })
        .collect();
    let ctx = PageCtx::new(&signed_in, Nav::Mine).here(signed_in.lang.t("nav-my-reservations"));
    render(&MinePage {
        ctx,
        rows,
        headers: Vec::new(),
    })
}

/// The support requests about a customer user's reservations.
#[derive(Template)]
#[template(path = "mine/requests.html")]
pub struct MyRequestsPage {
    ctx: PageCtx,
    requests: Vec<RequestRow>,
}

/// `GET /my/requests`: every request about a reservation on which the user
/// holds a role (their customer's only), newest first.
pub async fn requests(
    state: web::Data<AppState>,
    signed_in: SignedIn,
) -> Result<HttpResponse, AppError> {
    let email = signed_in.user.email.clone();
    let customer = signed_in.user.customer_id;
    let requests = with_conn(&state, move |conn| {
        let Some(customer) = customer else {
            return Ok(Vec::new());
        };
        let ids = db::role_assignments::reservations_of(conn, &email)?;
        let query = ListQuery {
            status: None,
            customer_id: Some(customer),
            search: Search::Reservations(ids),
            offset: 0,
            limit: 200,
        };
        Ok(db::requests::list(conn, &query)?.0)
    })
    .await?;
    let ctx = PageCtx::new(&signed_in, Nav::MyRequests).here(signed_in.lang.t("nav-my-requests"));
    render(&MyRequestsPage { ctx, requests })
}
