//! The outbox, for admins: every email alert queued, sent or given up
//! (with the mail server's last words), a test email, and Retry for what
//! was given up.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use crate::app::alerts::outbox::{Outbox, State};
use crate::app::{self};
use crate::i18n::Lang;
use crate::mail::compose::compose;
use crate::web::context::{Nav, PageCtx};
use crate::web::error::AppError;
use crate::web::paging::{PER_PAGE, PageNo, Pager, url_with};
use crate::web::paths;
use crate::web::session::SignedIn;
use crate::web::{AppState, call, render_with_status, see_other};

/// Success messages a redirect may ask the page to show.
const NOTICES: [&str; 4] = [
    "outbox-test-queued",
    "outbox-retried",
    "outbox-not-failed",
    "outbox-retried-all",
];

/// A message as the outbox lists it.
pub struct Row {
    id: i64,
    created_at: chrono::NaiveDateTime,
    recipient: String,
    kind_key: &'static str,
    subject: String,
    state: String,
    state_key: &'static str,
    attempts: i32,
    last_error: Option<String>,
    sent_at: Option<chrono::NaiveDateTime>,
    retry_action: Option<String>,
}

/// The outbox page.
#[derive(Template)]
#[template(path = "admin/outbox.html")]
pub struct OutboxPage {
    ctx: PageCtx,
    rows: Vec<Row>,
    /// The filter links: (label key, href, count, current).
    filters: Vec<(&'static str, String, i64, bool)>,
    pager: Pager,
    notices: Vec<&'static str>,
    /// The SMTP server, as the settings describe it.
    server: Option<String>,
    address: String,
    address_error: Option<&'static str>,
    /// How many were given up on (Retry all shows when some were).
    failed: i64,
}

/// Query string of the outbox.
#[derive(Debug, Deserialize)]
pub struct OutboxQuery {
    state: Option<String>,
    page: Option<String>,
    notice: Option<String>,
}

/// `GET /admin/outbox`.
pub async fn outbox(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    query: web::Query<OutboxQuery>,
) -> Result<HttpResponse, AppError> {
    let mut notices: Vec<&'static str> = query
        .notice
        .as_deref()
        .and_then(|n| NOTICES.iter().copied().find(|k| *k == n))
        .into_iter()
        .collect();
    let address = signed_in.user.email.clone();
    let shown = Shown::parse(&query, &mut notices);
    show(&state, &signed_in, shown, notices, (address, None)).await
}

/// The test email form.
#[derive(Debug, Deserialize)]
pub struct TestFields {
    #[serde(default)]
    address: String,
}

/// `POST /admin/outbox/test`: queues a test email to the address given, in
/// the admin's language.
pub async fn send_test(
    state: web::Data<AppState>,
    req: HttpRequest,
    signed_in: SignedIn,
    fields: web::Form<TestFields>,
) -> Result<HttpResponse, AppError> {
    let address = fields.into_inner().address;
    let typed = address.clone();
    let language = signed_in.lang.tag();
    let queued = call(&state, signed_in.actor(&req, &state.config), move |ctx| {
        app::alerts::outbox::queue_test(ctx, &typed, &language)
    })
    .await;
    match queued {
        Ok(_) => Ok(see_other(&url_with(
            paths::ADMIN_OUTBOX,
            &[("notice", "outbox-test-queued".into())],
        ))),
        Err(app::Error::Invalid(message)) => {
            let shown = Shown {
                state: None,
                page: PageNo(1),
            };
            show(
                &state,
                &signed_in,
                shown,
                Vec::new(),
                (address, Some(message)),
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

/// The Retry button's form: it names what it asks for.
#[derive(Debug, Deserialize)]
pub struct RetryFields {
    action: String,
}

/// `POST /admin/outbox/{id}/retry`: queues a given-up message again.
pub async fn retry(
    state: web::Data<AppState>,
    req: HttpRequest,
    signed_in: SignedIn,
    id: web::Path<String>,
    fields: web::Form<RetryFields>,
) -> Result<HttpResponse, AppError> {
    if fields.action != "retry" {
        return Err(AppError::BadRequest("error-bad-request"));
    }
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let done = call(&state, signed_in.actor(&req, &state.config), move |ctx| {
        app::alerts::outbox::retry(ctx, id)
    })
    .await;
    let notice = match done {
        Ok(()) => "outbox-retried",
        Err(app::Error::Invalid(_)) => "outbox-not-failed",
        Err(e) => return Err(e.into()),
    };
    Ok(see_other(&url_with(
        paths::ADMIN_OUTBOX,
        &[("notice", notice.into())],
    )))
}

/// `POST /admin/outbox/retry-failed`: queues every given-up message again
/// (after the settings were mended, say).
pub async fn retry_failed(
    state: web::Data<AppState>,
    req: HttpRequest,
    signed_in: SignedIn,
    fields: web::Form<RetryFields>,
) -> Result<HttpResponse, AppError> {
    if fields.action != "retry" {
        return Err(AppError::BadRequest("error-bad-request"));
    }
    call(
        &state,
        signed_in.actor(&req, &state.config),
        app::alerts::outbox::retry_all,
    )
    .await?;
    Ok(see_other(&url_with(
        paths::ADMIN_OUTBOX,
        &[("notice", "outbox-retried-all".into())],
    )))
}

/// Which messages are shown.
struct Shown {
    state: Option<State>,
    page: PageNo,
}

impl Shown {
    fn parse(query: &OutboxQuery, notices: &mut Vec<&'static str>) -> Shown {
        let page = PageNo::parse(query.page.as_deref()).unwrap_or_else(|fallback| {
            notices.push("notice-bad-page");
            fallback
        });
        let wanted = query.state.as_deref().unwrap_or("");
        let state = State::parse(wanted);
        if !wanted.is_empty() && state.is_none() {
            notices.push("outbox-bad-state");
        }
        Shown { state, page }
    }
}

async fn show(
    state: &AppState,
    signed_in: &SignedIn,
    shown: Shown,
    notices: Vec<&'static str>,
    (address, address_error): (String, Option<&'static str>),
) -> Result<HttpResponse, AppError> {
    let Shown { state: which, page } = shown;
    let outbox: Outbox = call(state, signed_in.user_actor(), move |ctx| {
        app::alerts::outbox::page(ctx, which, (page.offset(), PER_PAGE))
    })
    .await?;
    let state_key = |s: Option<State>| s.map(|s| s.as_str().to_string()).unwrap_or_default();
    let href = |s: Option<State>, p: i64| {
        url_with(
            paths::ADMIN_OUTBOX,
            &[
                ("state", state_key(s)),
                ("page", if p > 1 { p.to_string() } else { String::new() }),
            ],
        )
    };
    let filters = [
        ("outbox-all", None),
        ("outbox-queued", Some(State::Queued)),
        ("outbox-sent", Some(State::Sent)),
        ("outbox-failed", Some(State::Failed)),
    ]
    .into_iter()
    .map(|(key, s)| (key, href(s, 1), outbox.count(s), s == which))
    .collect();
    let pager = Pager::new(page.0, outbox.count(which), |p| href(which, p));
    let failed = outbox.count(Some(State::Failed));
    let site = state.config.mail.site().unwrap_or_default();
    let rows = outbox
        .messages
        .into_iter()
        .map(|m| {
            let lang = Lang::from_tag(&m.language).unwrap_or_else(|| signed_in.lang.clone());
            let subject = app::alerts::outbox::alert_of(&m)
                .ok()
                .and_then(|alert| compose(&alert, &lang, &site).ok())
                .map(|c| c.subject)
                .unwrap_or_default();
            Row {
                retry_action: (m.state == "Failed").then(|| paths::outbox_retry(m.id)),
                id: m.id,
                created_at: m.created_at,
                recipient: m.recipient,
                kind_key: kind_key(&m.kind),
                subject,
                state_key: state_message(&m.state),
                state: m.state,
                attempts: m.attempts,
                last_error: m.last_error,
                sent_at: m.sent_at,
            }
        })
        .collect();
    let status = if address_error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let ctx = PageCtx::new(signed_in, Nav::Outbox).here(signed_in.lang.t("nav-outbox"));
    render_with_status(
        &OutboxPage {
            ctx,
            rows,
            filters,
            pager,
            notices,
            server: state.config.mail.describe(),
            address,
            address_error,
            failed,
        },
        status,
    )
}

/// The message ID of a message's kind.
fn kind_key(kind: &str) -> &'static str {
    match kind {
        "Expiry" => "outbox-kind-expiry",
        "Underused" => "outbox-kind-underused",
        "NewRequest" => "outbox-kind-newrequest",
        "Settled" => "outbox-kind-settled",
        _ => "outbox-kind-test",
    }
}

/// The message ID of a message's state.
fn state_message(state: &str) -> &'static str {
    match state {
        "Sent" => "outbox-state-sent",
        "Failed" => "outbox-state-failed",
        _ => "outbox-state-queued",
    }
}
