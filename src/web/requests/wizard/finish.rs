//! How a draft ends: Create makes its request once, however often it is
//! sent; Cancel discards it after asking.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};

use super::{Loaded, Step, leave_wizard, load, render_step, step_path};
use crate::app::requests::drafts::{self, Creation};
use crate::domain::support::RequestKind;
use crate::web::error::AppError;
use crate::web::session::SignedIn;
use crate::web::{AppState, call};

/// What discarding a draft of `kind` for the reservation `name` means.
pub(super) fn discard_message(signed_in: &SignedIn, kind: RequestKind, name: &str) -> String {
    let lang = &signed_in.lang;
    let kind = lang.t(&format!("request-kind-{}", kind.as_str().to_lowercase()));
    lang.ts2(
        "confirm-discard",
        ("kind", &kind.to_lowercase()),
        ("name", name),
    )
}

/// Cancel: asks first; once confirmed, deletes the draft and goes back to the
/// reservation's support blade.
pub(super) async fn discard(
    state: &AppState,
    req: &HttpRequest,
    signed_in: &SignedIn,
    token: &str,
    step: Step,
    current: Loaded,
    form: &[(String, String)],
) -> Result<HttpResponse, AppError> {
    let back = crate::web::paths::reservation_support(current.record.reservation.reservation_guid);
    let confirmed = form
        .iter()
        .any(|(k, v)| k == "confirmed" && crate::web::confirm::is_confirmed(v));
    if !confirmed {
        let lang = &signed_in.lang;
        return crate::web::confirm::page(
            signed_in,
            crate::web::context::Nav::reservations_of(signed_in.role()),
            crate::web::confirm::Confirmation {
                title: lang.t("confirm-discard-title"),
                message: discard_message(
                    signed_in,
                    current.draft.kind,
                    &current.record.reservation.display_name,
                ),
                action: &step_path(token, step),
                fields: vec![("nav".into(), "discard".into())],
                confirm_label: lang.t("confirm-discard-button"),
                back: step_path(token, step),
            },
        );
    }
    let actor = signed_in.user_actor();
    let token = token.to_string();
    call(state, actor, move |ctx| drafts::discard(ctx, &token)).await?;
    Ok(leave_wizard(req, &back))
}

/// Create: makes the request (once) and leaves the wizard for its page;
/// what is wrong shows on the review step.
pub(super) async fn create(
    state: &AppState,
    req: &HttpRequest,
    signed_in: &SignedIn,
    token: String,
) -> Result<HttpResponse, AppError> {
    let actor = signed_in.actor(req, &state.config);
    let creating = token.clone();
    let outcome = call(state, actor, move |ctx| drafts::create(ctx, &creating)).await?;
    match outcome {
        Creation::Done(number) => Ok(leave_wizard(
            req,
            &crate::web::requests::detail::after(&number, Some("created"), None),
        )),
        Creation::AlreadyOpen(number) => Ok(leave_wizard(
            req,
            &crate::web::requests::detail::after(&number, Some("already-open"), None),
        )),
        Creation::Invalid(errors) => {
            let loaded = load(state, signed_in, token, None).await?;
            render_step(
                state,
                signed_in,
                loaded,
                Step::Review,
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
    }
}
