//! Support agents settle requests: each decision is confirmed first, then
//! made by `app::requests` (approve or reject); the browser goes back to the
//! request's page, which says what happened or why it did not.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use super::detail::{after, detail_page};
use crate::app::{self, requests::Reason};
use crate::web::confirm::{self, Confirmation};
use crate::web::context::Nav;
use crate::web::error::AppError;
use crate::web::session::SignedIn;
use crate::web::{AppState, call, paths, render_with_status, see_other};

/// A decision on a request, as its confirmation names it.
#[derive(Debug, Clone, Copy)]
enum Decision {
    Approve,
    Reject,
}

/// The page asking to confirm `decision` on request `number`, saying what
/// it will do (the same sentence the request's page puts in its dialog);
/// `fields` are posted again with the confirmation.
async fn ask(
    state: &AppState,
    signed_in: &SignedIn,
    number: String,
    decision: Decision,
    fields: Vec<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let page = detail_page(state, signed_in, number.clone(), None, String::new()).await?;
    let (verb, message) = match decision {
        Decision::Approve => ("approve", page.approve_message),
        Decision::Reject => ("reject", page.reject_message),
    };
    let lang = &signed_in.lang;
    confirm::page(
        signed_in,
        Nav::Requests,
        Confirmation {
            title: lang.ts(&format!("confirm-{verb}-title"), "number", &number),
            message,
            action: &match decision {
                Decision::Approve => paths::request_approve(&number),
                Decision::Reject => paths::request_reject(&number),
            },
            fields,
            confirm_label: lang.t(&format!("settle-{verb}")),
            back: paths::request(&number),
        },
    )
}

/// The approve form.
#[derive(Debug, Deserialize)]
pub struct ApproveFields {
    #[serde(default)]
    confirmed: String,
}

/// `POST /requests/{number}/approve`: asks first (what will be refunded and
/// cancelled, or exchanged), then settles; the browser goes back to the
/// request's page, which says what happened or why it did not.
pub async fn approve(
    state: web::Data<AppState>,
    req: HttpRequest,
    signed_in: SignedIn,
    number: web::Path<String>,
    fields: web::Form<ApproveFields>,
) -> Result<HttpResponse, AppError> {
    let number = number.into_inner();
    if !confirm::is_confirmed(&fields.confirmed) {
        return ask(&state, &signed_in, number, Decision::Approve, Vec::new()).await;
    }
    let actor = signed_in.actor(&req, &state.config);
    let lookup = number.clone();
    let approved = call(&state, actor, move |ctx| {
        app::requests::approve(ctx, &lookup)
    })
    .await;
    match approved {
        Ok(_) => Ok(see_other(&after(&number, Some("approved"), None))),
        Err(app::Error::Refused(refusal)) => {
            Ok(see_other(&after(&number, None, Some(refusal.message_id()))))
        }
        Err(other) => Err(other.into()),
    }
}

/// The reject form.
#[derive(Debug, Deserialize)]
pub struct RejectFields {
    #[serde(default)]
    reason: String,
    #[serde(default)]
    confirmed: String,
}

/// `POST /requests/{number}/reject`: needs a reason (1 to 1,000 characters).
pub async fn reject(
    state: web::Data<AppState>,
    req: HttpRequest,
    signed_in: SignedIn,
    number: web::Path<String>,
    fields: web::Form<RejectFields>,
) -> Result<HttpResponse, AppError> {
    let number = number.into_inner();
    let reason = match Reason::parse(&fields.reason) {
        Ok(reason) => reason,
        Err(app::Error::Invalid(key)) => {
            let kept: String = fields.reason.chars().take(2000).collect();
            let lang = &signed_in.lang;
            let page = detail_page(&state, &signed_in, number, Some(lang.t(key)), kept).await?;
            return render_with_status(&page, StatusCode::UNPROCESSABLE_ENTITY);
        }
        Err(other) => return Err(other.into()),
    };
    if !confirm::is_confirmed(&fields.confirmed) {
        let fields = vec![("reason".into(), reason.as_str().to_string())];
        return ask(&state, &signed_in, number, Decision::Reject, fields).await;
    }
    let actor = signed_in.actor(&req, &state.config);
    let lookup = number.clone();
    let rejected = call(&state, actor, move |ctx| {
        app::requests::reject(ctx, &lookup, &reason)
    })
    .await;
    match rejected {
        Ok(()) => Ok(see_other(&after(&number, Some("rejected"), None))),
        Err(app::Error::Refused(refusal)) => {
            Ok(see_other(&after(&number, None, Some(refusal.message_id()))))
        }
        Err(other) => Err(other.into()),
    }
}
