//! The support blade of a reservation: its requests, and buttons that start
//! a new one (blank, refund or exchange).

use actix_web::{HttpResponse, web};
use askama::Template;

use super::record::{Blade, RecordHeader, header, page_ctx, parse_id};
use crate::app::reservations::view;
use crate::db::requests::RequestRow;
use crate::domain::roles::Rights;
use crate::web::context::PageCtx;
use crate::web::error::AppError;
use crate::web::session::SignedIn;
use crate::web::{AppState, call, render};

/// The blade.
#[derive(Template)]
#[template(path = "reservations/support.html")]
pub struct SupportPage {
    ctx: PageCtx,
    header: RecordHeader,
    requests: Vec<RequestRow>,
    action: String,
    /// Refund and exchange are offered only while the reservation is in force.
    is_in_force: bool,
}

/// `GET /reservations/{id}/support`.
pub async fn page(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    rights: web::ReqData<Rights>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&id)?;
    let actor = signed_in.user_actor();
    let (record, requests) = call(&state, actor, move |ctx| view::requests(ctx, id)).await?;
    render(&SupportPage {
        ctx: page_ctx(&signed_in, &record, "blade-support"),
        header: header(&record, Blade::Support, state.today(), &signed_in, *rights),
        action: crate::web::paths::reservation_support(id),
        is_in_force: crate::app::quoting::in_force(&record.reservation, state.today()),
        requests,
    })
}
