//! How a draft ends: Create makes its request once, however often it is
//! sent; Cancel discards it after asking.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};

use super::{Loaded, Step, check, leave_wizard, load, own_draft, render_step, step_path};
use crate::db::requests::NewRequest;
use crate::db::{self, audit::NewEntry};
use crate::domain::support::{FieldErrors, RequestKind, RequestStatus, request_number};
use crate::error::AppError;
use crate::web::requests::quoting;
use crate::web::session::{self, SignedIn};
use crate::web::{AppState, client_address, with_conn};

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
    let draft_id = current.draft.id;
    with_conn(state, move |conn| {
        db::requests::delete_draft(conn, draft_id)?;
        Ok(())
    })
    .await?;
    Ok(leave_wizard(req, &back))
}

/// What Create came to.
enum Creation {
    Done(String),
    /// Another refund or exchange of the reservation is open (shown instead).
    AlreadyOpen(String),
    Invalid,
}

pub(super) async fn create(
    state: &AppState,
    req: &HttpRequest,
    signed_in: &SignedIn,
    token: String,
    loaded: Loaded,
) -> Result<HttpResponse, AppError> {
    let today = state.today();
    let errors = check(Step::Review, &loaded.fields, &loaded, today);
    if !errors.is_empty() {
        return render_step(
            state,
            signed_in,
            loaded,
            Step::Review,
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    }
    let user = signed_in.user.clone();
    let address = client_address(req, &state.config);
    let lookup_token = token.clone();
    let outcome = with_conn(state, move |conn| {
        conn.immediate_transaction(|conn| {
            // Inside the write lock: a second Create finds the first one's request.
            let (draft, fields) = own_draft(conn, &lookup_token, user.id)?;
            if let Some(id) = draft.request_id {
                return Ok::<_, AppError>(Creation::Done(db::requests::find(conn, id)?.number));
            }
            let reservation = db::reservations::find(conn, draft.reservation_id)?;
            if draft.kind != RequestKind::Other
                && let Some(open) = db::requests::open_settlement(conn, reservation.id)?
            {
                return Ok(Creation::AlreadyOpen(open.number));
            }
            let order = db::orders::find(conn, reservation.order_id)?;
            let quote = quoting::quote(conn, draft.kind, &reservation, &order, &fields, today)?;
            if quote.as_ref().is_some_and(|q| !q.allowed())
                || (draft.kind == RequestKind::Exchange && quote.is_none())
            {
                return Ok(Creation::Invalid);
            }
            let id = db::requests::create(
                conn,
                &NewRequest {
                    number: format!("pending-{}", draft.id),
                    draft_id: draft.id,
                    reservation_id: reservation.id,
                    customer_id: reservation.customer_id,
                    kind: draft.kind.as_str().to_string(),
                    status: RequestStatus::Open.as_str().to_string(),
                    title: fields.summary.trim().to_string(),
                    details: serde_json::to_string(&fields).map_err(AppError::internal)?,
                    quote: serde_json::to_string(&quote).map_err(AppError::internal)?,
                    created_by: user.id,
                    created_at: session::now(),
                },
            )?;
            let number = request_number(today, id);
            db::requests::set_number(conn, id, &number)?;
            db::requests::add_event(conn, id, &user.email, "created", None)?;
            let entry = NewEntry::new(
                (Some(user.id), &user.email),
                "request-created",
                ("reservation", &reservation.reservation_guid.to_string()),
                &address,
            )
            .change("", format!("{} ({number})", draft.kind.as_str()));
            db::audit::record(conn, &entry)?;
            Ok(Creation::Done(number))
        })
    })
    .await?;
    match outcome {
        Creation::Done(number) => Ok(leave_wizard(
            req,
            &crate::web::requests::queue::after(&number, Some("created"), None),
        )),
        Creation::AlreadyOpen(number) => Ok(leave_wizard(
            req,
            &crate::web::requests::queue::after(&number, Some("already-open"), None),
        )),
        Creation::Invalid => {
            let loaded = load(state, signed_in, token, None).await?;
            let mut errors = FieldErrors::new();
            errors.insert("quote", "quote-refused");
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
