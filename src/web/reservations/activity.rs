//! The Activity log blade: every change to the reservation (scope, name,
//! flags, access), newest first, with the values before and after.

use actix_web::{HttpResponse, web};
use askama::Template;

use super::record::{Blade, RecordHeader, header, page_ctx, parse_id};
use crate::app::reservations::revisions::{self, RevisionView};
use crate::app::reservations::view;
use crate::db::audit::Entry;
use crate::domain::reservation::Status;
use crate::domain::roles::Rights;
use crate::domain::scope::AppliedScope;
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
    revisions: Vec<RevisionView>,
}

impl ActivityPage {
    /// Message ID describing an action.
    pub fn action_key(&self, action: &crate::domain::audit::Action) -> String {
        let key = format!("activity-{}", action.as_str());
        if self.ctx.lang.has(&key) {
            key
        } else {
            action.message_id()
        }
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
    let (record, entries, revisions) = call(&state, actor, move |ctx| {
        let (record, entries) = view::activity(ctx, id, SHOWN)?;
        let (_, revisions) = revisions::list(ctx, id)?;
        Ok((record, entries, revisions))
    })
    .await?;
    render(&ActivityPage {
        ctx: page_ctx(&signed_in, &record, "blade-activity"),
        header: header(&record, Blade::Activity, state.today(), &signed_in, *rights),
        entries,
        revisions,
    })
}

/// A reservation as it was at one revision.
#[derive(Template)]
#[template(path = "reservations/revision.html")]
pub struct RevisionPage {
    ctx: PageCtx,
    header: RecordHeader,
    shown: RevisionView,
    scope: String,
    state_key: String,
    banner: String,
}

/// `GET /reservations/{id}/revisions/{version}`.
pub async fn revision(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    rights: web::ReqData<Rights>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (id, version) = path.into_inner();
    let id = parse_id(&id)?;
    let version: i32 = version.parse().map_err(|_| AppError::NotFound)?;
    let actor = signed_in.user_actor();
    let (record, shown) = call(&state, actor, move |ctx| revisions::at(ctx, id, version)).await?;
    let r = &shown.revision;
    let scope = AppliedScope::from_columns(
        r.scope_type,
        r.scope_subscription_id,
        r.scope_resource_group_id,
        r.scope_management_group_id,
    )
    .map(|s| record.names.audit_text(&s))
    .unwrap_or_default();
    let status = match r.closed_by.as_deref() {
        Some("Split") => Status::Split,
        Some(_) => Status::Merged,
        None => Status::of(r.provisioning_state, r.expiry_date, state.today()),
    };
    let state_key = format!("status-{}", status.key());
    let title = signed_in
        .lang
        .tn("revision-title", "version", i64::from(version));
    let mut ctx = page_ctx(&signed_in, &record, "blade-activity");
    ctx = ctx.here(title);
    render(&RevisionPage {
        ctx,
        header: header(&record, Blade::Activity, state.today(), &signed_in, *rights),
        banner: signed_in.lang.ts2(
            "revision-banner",
            ("when", &signed_in.lang.datetime(&shown.revision.changed_at)),
            ("latest", &record.reservation.version.to_string()),
        ),
        scope,
        state_key,
        shown,
    })
}
