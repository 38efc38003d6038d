//! The audit log, for admins: every recorded action, newest first.

use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use crate::app;
use crate::domain::audit::Action;
use crate::web::context::{Nav, PageCtx};
use crate::web::error::AppError;
use crate::web::paging::{PER_PAGE, PageNo, Pager, url_with};
use crate::web::paths;
use crate::web::session::SignedIn;
use crate::web::{AppState, call, render};

/// An audit entry as the log shows it.
pub struct AuditRow {
    /// When it happened (UTC, to the second).
    pub at: chrono::NaiveDateTime,
    /// Email of who acted (for a failed sign-in, the email typed).
    pub actor: String,
    /// What happened, e.g. a sign-in or a role change.
    pub action: Action,
    /// Kind of object and its ID.
    pub object: String,
    /// Before → after, if a change.
    pub change: Option<(String, String)>,
    /// From where.
    pub address: String,
}

/// The audit log page.
#[derive(Template)]
#[template(path = "admin/audit.html")]
pub struct AuditPage {
    ctx: PageCtx,
    rows: Vec<AuditRow>,
    actions: Vec<(Action, bool)>,
    pager: Pager,
    notices: Vec<&'static str>,
}

/// Query string of the audit log.
#[derive(Debug, Deserialize)]
pub struct AuditQuery {
    action: Option<String>,
    page: Option<String>,
}

/// `GET /admin/audit`: every recorded action, newest first. Read only: the
/// app has no way to change or remove an entry, and the database refuses to.
pub async fn audit(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    query: web::Query<AuditQuery>,
) -> Result<HttpResponse, AppError> {
    let mut notices = Vec::new();
    let page = PageNo::parse(query.page.as_deref()).unwrap_or_else(|fallback| {
        notices.push("notice-bad-page");
        fallback
    });
    let wanted: String = query
        .action
        .as_deref()
        .unwrap_or("")
        .trim()
        .chars()
        .take(60)
        .collect();
    let asked = Action::ALL.iter().copied().find(|a| a.as_str() == wanted);
    let (known, rows, total) = call(&state, signed_in.user_actor(), move |ctx| {
        app::agents::audit_log(ctx, asked, (page.offset(), PER_PAGE))
    })
    .await?;
    let chosen = asked.filter(|a| known.contains(a));
    if !wanted.is_empty() && chosen.is_none() {
        notices.push("notice-bad-action");
    }
    let action = chosen.map(|a| a.as_str().to_string()).unwrap_or_default();
    let pager = Pager::new(page.0, total, |p| {
        url_with(
            paths::ADMIN_AUDIT,
            &[
                ("action", action.clone()),
                ("page", if p > 1 { p.to_string() } else { String::new() }),
            ],
        )
    });
    let rows = rows
        .into_iter()
        .map(|e| AuditRow {
            at: e.at,
            actor: e.actor_email,
            action: e.action,
            object: format!("{} {}", e.object_type, e.object_id),
            change: match (e.before_value, e.after_value) {
                (None, None) => None,
                (b, a) => Some((b.unwrap_or_default(), a.unwrap_or_default())),
            },
            address: e.client_address.unwrap_or_default(),
        })
        .collect();
    let ctx = PageCtx::new(&signed_in, Nav::Audit).here(signed_in.lang.t("nav-audit"));
    let actions = known.into_iter().map(|a| (a, Some(a) == chosen)).collect();
    render(&AuditPage {
        ctx,
        rows,
        actions,
        pager,
        notices,
    })
}
