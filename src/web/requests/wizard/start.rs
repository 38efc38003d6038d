//! Starting a request: a new draft (or the one left unfinished), pre-filled
//! for refunds and exchanges, unless a refund or exchange is open already.

use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::{Step, step_path};
use crate::db::{self, requests::NewDraft};
use crate::domain::support::{RequestFields, RequestKind};
use crate::error::AppError;
use crate::web::reservations::record::{Record, load_record, parse_id};
use crate::web::session::{self, SignedIn};
use crate::web::{AppState, see_other, with_conn};

/// The start form (a Refund, Exchange or New support request button).
#[derive(Debug, Deserialize)]
pub struct StartFields {
    #[serde(default)]
    kind: String,
}

/// `POST /reservations/{id}/support`: starts (or resumes) a draft and opens
/// its first step, pre-filled for refunds and exchanges.
pub async fn start(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<String>,
    fields: web::Form<StartFields>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&id)?;
    let kind = RequestKind::parse(&fields.kind)
        .filter(|k| k.as_str() == fields.kind)
        .ok_or(AppError::BadRequest("error-bad-request"))?;
    let user = signed_in.user.clone();
    let lang = signed_in.lang.clone();
    let today = state.today();
    let started = with_conn(&state, move |conn| {
        let record = load_record(conn, id)?;
        conn.immediate_transaction(|conn| {
            // One refund or exchange at a time: the open one is shown instead.
            if kind != RequestKind::Other
                && let Some(open) = db::requests::open_settlement(conn, record.reservation.id)?
            {
                return Ok::<_, AppError>(Err(open.number));
            }
            if let Some(draft) =
                db::requests::open_draft(conn, user.id, record.reservation.id, kind)?
            {
                return Ok(Ok(draft.token));
            }
            let fields = prefill(&record, kind, &user, &lang, today);
            let token = session::random_token();
            let now = session::now();
            db::requests::insert_draft(
                conn,
                &NewDraft {
                    token: token.clone(),
                    user_id: user.id,
                    reservation_id: record.reservation.id,
                    kind: kind.as_str().to_string(),
                    data: serde_json::to_string(&fields).map_err(AppError::internal)?,
                    created_at: now,
                    updated_at: now,
                },
            )?;
            Ok(Ok(token))
        })
    })
    .await?;
    match started {
        Ok(token) => Ok(see_other(&step_path(&token, Step::Basics))),
        Err(open) => Ok(see_other(&crate::web::requests::queue::after(
            &open,
            Some("already-open"),
            None,
        ))),
    }
}

/// What a refund or an exchange starts with; other requests start blank
/// but for the contact details.
fn prefill(
    record: &Record,
    kind: RequestKind,
    user: &crate::db::users::User,
    lang: &crate::i18n::Lang,
    today: chrono::NaiveDate,
) -> RequestFields {
    let mut names = user.display_name.splitn(2, ' ');
    let contact = RequestFields {
        first_name: names.next().unwrap_or_default().to_string(),
        last_name: names.next().unwrap_or_default().to_string(),
        email: user.email.clone(),
        contact_method: "Email".into(),
        time_zone: "UTC".into(),
        country: record.customer.country.clone(),
        language: lang.tag(),
        ..RequestFields::default()
    };
    if kind == RequestKind::Other {
        return contact;
    }
    let name = &record.reservation.display_name;
    let summary_key = if kind == RequestKind::Refund {
        "request-summary-refund"
    } else {
        "request-summary-exchange"
    };
    RequestFields {
        issue_type: "Billing".into(),
        subscription: record.billing.id.to_string(),
        summary: lang.ts(summary_key, "name", name),
        problem_type: "Reservation management".into(),
        category: "Exchanges and refunds".into(),
        problem_start: today.format("%Y-%m-%d").to_string(),
        severity: "Minimal".into(),
        ..contact
    }
}
