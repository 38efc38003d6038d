//! The Activity log blade: every change to the reservation (scope, name,
//! flags, access), newest first, with the values before and after.

use actix_web::{HttpResponse, web};
use askama::Template;

use super::record::{Blade, RecordHeader, header, page_ctx, parse_id};
use crate::app::reservations::view;
use crate::db::audit::Entry;
use crate::domain::roles::Rights;
use crate::web::context::PageCtx;
use crate::web::error::AppError;
use crate::web::session::SignedIn;
use crate::web::{AppState, call, render};

/// Entries shown.
const SHOWN: i64 = 200;

/// The blade.
#[derive(Template)]
#[template(path = "reservations/activity.html")]
pub struct ActivityPage {
    ctx: PageCtx,
    header: RecordHeader,
    entries: Vec<Entry>,
}

impl ActivityPage {
    /// Message ID describing an action.
    pub fn action_key(&self, action: &crate::domain::audit::Action) -> String {
        format!("activity-{}", action.as_str())
    }
}

/// `GET /reservations/{id}/activity`.
pub async fn page(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    rights: web::ReqData<Rights>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&id)?;
    let actor = signed_in.user_actor();
    let (record, entries) = call(&state, actor, move |ctx| view::activity(ctx, id, SHOWN)).await?;
    render(&ActivityPage {
        ctx: page_ctx(&signed_in, &record, "blade-activity"),
        header: header(&record, Blade::Activity, state.today(), &signed_in, *rights),
        entries,
    })
}
