//! A customer user's home: the reservations on which they hold a role, and
//! the support requests about them.

use actix_web::{HttpResponse, web};
use askama::Template;

use super::context::{Nav, PageCtx};
use super::paging::SortHeader;
use super::reservations::ReservationRow;
use super::session::SignedIn;
use super::{AppState, call, render};
use crate::app::mine;
use crate::db::requests::RequestRow;
use crate::web::error::AppError;

/// The page.
#[derive(Template)]
#[template(path = "mine/reservations.html")]
pub struct MinePage {
    ctx: PageCtx,
    rows: Vec<ReservationRow>,
    headers: Vec<SortHeader>,
    archived_too: bool,
}

/// Query of `GET /my/reservations`.
#[derive(Debug, serde::Deserialize)]
pub struct MineQuery {
    archived: Option<String>,
}

/// `GET /my/reservations`.
pub async fn reservations(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    query: web::Query<MineQuery>,
) -> Result<HttpResponse, AppError> {
    let today = state.today();
    let archived_too = crate::web::paging::is_on(query.archived.as_deref());
    let mine::Mine {
        rows,
        plans,
        averages,
        names,
    } = call(&state, signed_in.user_actor(), move |ctx| {
        mine::reservations(ctx, archived_too)
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
        archived_too,
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
    let requests = call(&state, signed_in.user_actor(), mine::requests).await?;
    let ctx = PageCtx::new(&signed_in, Nav::MyRequests).here(signed_in.lang.t("nav-my-requests"));
    render(&MyRequestsPage { ctx, requests })
}
