//! Support agents settle requests. Approving a refund re-checks the limit and,
//! in one transaction, books the refund, cancels the reservation and records
//! it; approving an exchange closes the old reservation and creates the new
//! order and reservation. The write lock serialises approvals, so two agents
//! approving at once can never together pass a customer's limit.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use super::exchange;
use super::queue::{after, detail_page};
use super::quoting::{self, in_force};
use crate::db::columns::DbMoney;
use crate::db::ledger::{NewExchange, NewRefund};
use crate::db::{self, audit::NewEntry};
use crate::domain::policy::{self, Refusal};
use crate::domain::reservation::ProvisioningState;
use crate::domain::support::{RequestFields, RequestKind, RequestStatus};
use crate::error::AppError;
use crate::web::confirm::{self, Confirmation};
use crate::web::context::Nav;
use crate::web::session::{self, SignedIn};
use crate::web::{AppState, client_address, paths, render_with_status, see_other, with_conn};

/// Why an approval did not go through.
enum Stopped {
    NotOpen,
    Refused(Refusal),
    Other,
}

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
            action: &format!("/requests/{number}/{verb}"),
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
    let actor = signed_in.user.clone();
    let address = client_address(&req, &state.config);
    let today = state.today();
    let lookup = number.clone();
    let outcome = with_conn(&state, move |conn| {
        conn.immediate_transaction(|conn| {
            let request = db::requests::find_by_number(conn, &lookup)?;
            if request.status != RequestStatus::Open {
                return Ok::<_, AppError>(Err(Stopped::NotOpen));
            }
            let reservation = db::reservations::find(conn, request.reservation_id)?;
            let order = db::orders::find(conn, reservation.order_id)?;
            let settings = quoting::settings(conn)?;
            let holding = quoting::holding(conn, &reservation, &order)?;
            let live = in_force(&reservation, today);
            let now = session::now();
            let guid = reservation.reservation_guid.to_string();
            match request.kind {
                RequestKind::Other => return Ok(Err(Stopped::Other)),
                RequestKind::Refund => {
                    let ledger = db::ledger::booked(conn, reservation.customer_id, today)?;
                    let quote = policy::refund_quote(&holding, today, &settings);
                    if let Err(refusal) =
                        policy::check_refund(&holding, live, &quote, &ledger, today, &settings)
                    {
                        return Ok(Err(Stopped::Refused(refusal)));
                    }
                    db::ledger::book_refund(
                        conn,
                        &NewRefund {
                            request_id: request.id,
                            customer_id: reservation.customer_id,
                            reservation_id: reservation.id,
                            booked_on: today,
                            cancelled_commitment: DbMoney(quote.cancelled_commitment),
                            fee: DbMoney(quote.fee),
                            refund: DbMoney(quote.refund),
                        },
                    )?;
                    db::reservations::set_state(
                        conn,
                        reservation.id,
                        ProvisioningState::Cancelled,
                        now,
                    )?;
                    // Kept as data, so that each reader sees it in their language.
                    let note = serde_json::json!({
                        "refund": quote.refund.to_string(),
                        "fee": quote.fee.to_string(),
                        "counts": quote.cancelled_commitment.to_string(),
                    })
                    .to_string();
                    db::requests::add_event(
                        conn,
                        request.id,
                        &actor.email,
                        "approved",
                        Some(&note),
                    )?;
                    let entry = NewEntry::new(
                        (Some(actor.id), &actor.email),
                        "refund-approved",
                        ("reservation", &guid),
                        &address,
                    )
                    .change(
                        ProvisioningState::Succeeded.as_str(),
                        format!(
                            "{} ({})",
                            ProvisioningState::Cancelled.as_str(),
                            request.number
                        ),
                    );
                    db::audit::record(conn, &entry)?;
                }
                RequestKind::Exchange => {
                    let fields: RequestFields =
                        serde_json::from_str(&request.details).unwrap_or_default();
                    let Some(wanted) = quoting::wanted(conn, reservation.resource_type, &fields)?
                    else {
                        return Ok(Err(Stopped::Refused(Refusal::TooSmall)));
                    };
                    let quote =
                        match policy::exchange_quote(&holding, live, &wanted, today, &settings) {
                            Ok(q) => q,
                            Err(refusal) => return Ok(Err(Stopped::Refused(refusal))),
                        };
                    let new_id = exchange::replacement(
                        conn,
                        &reservation,
                        &order,
                        &fields,
                        &quote,
                        today,
                        &actor.email,
                    )?;
                    db::reservations::set_state(
                        conn,
                        reservation.id,
                        ProvisioningState::Exchanged,
                        now,
                    )?;
                    db::ledger::book_exchange(
                        conn,
                        &NewExchange {
                            request_id: request.id,
                            customer_id: reservation.customer_id,
                            old_reservation_id: reservation.id,
                            new_reservation_id: new_id.0,
                            booked_on: today,
                            value_returned: DbMoney(quote.value_returned),
                            new_commitment: DbMoney(quote.new_commitment),
                        },
                    )?;
                    let note = serde_json::json!({
                        "reservation": new_id.1.to_string(),
                        "returned": quote.value_returned.to_string(),
                        "commitment": quote.new_commitment.to_string(),
                    })
                    .to_string();
                    db::requests::add_event(
                        conn,
                        request.id,
                        &actor.email,
                        "approved",
                        Some(&note),
                    )?;
                    let entry = NewEntry::new(
                        (Some(actor.id), &actor.email),
                        "exchange-approved",
                        ("reservation", &guid),
                        &address,
                    )
                    .change(
                        ProvisioningState::Succeeded.as_str(),
                        format!("{} ({})", ProvisioningState::Exchanged.as_str(), new_id.1),
                    );
                    db::audit::record(conn, &entry)?;
                }
            }
            db::requests::decide(
                conn,
                request.id,
                RequestStatus::Approved,
                &actor.email,
                now,
                None,
            )?;
            // The reservation is no longer in force: whatever else was open
            // on it is closed, saying which request closed it.
            for other in db::requests::open_others(conn, reservation.id, request.id)? {
                db::requests::decide(
                    conn,
                    other.id,
                    RequestStatus::Rejected,
                    &actor.email,
                    now,
                    Some(&request.number),
                )?;
                db::requests::add_event(
                    conn,
                    other.id,
                    &actor.email,
                    "closed",
                    Some(&request.number),
                )?;
            }
            Ok(Ok(()))
        })
    })
    .await?;
    match outcome {
        Ok(()) => Ok(see_other(&after(&number, Some("approved"), None))),
        Err(stopped) => {
            let key = match stopped {
                Stopped::NotOpen => "settle-not-open",
                Stopped::Refused(r) => r.message_id(),
                Stopped::Other => "settle-other-kind",
            };
            Ok(see_other(&after(&number, None, Some(key))))
        }
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
    let reason = fields.reason.trim().to_string();
    let lang = &signed_in.lang;
    if reason.is_empty() || reason.chars().count() > 1000 {
        let kept: String = fields.reason.chars().take(2000).collect();
        let key = if reason.is_empty() {
            "reject-reason-required"
        } else {
            "reject-reason-too-long"
        };
        let page = detail_page(&state, &signed_in, number, Some(lang.t(key)), kept).await?;
        return render_with_status(&page, StatusCode::UNPROCESSABLE_ENTITY);
    }
    if !confirm::is_confirmed(&fields.confirmed) {
        let fields = vec![("reason".into(), reason)];
        return ask(&state, &signed_in, number, Decision::Reject, fields).await;
    }
    let actor = signed_in.user.clone();
    let address = client_address(&req, &state.config);
    let lookup = number.clone();
    let decided = with_conn(&state, move |conn| {
        conn.immediate_transaction(|conn| {
            let request = db::requests::find_by_number(conn, &lookup)?;
            let reservation = db::reservations::find(conn, request.reservation_id)?;
            if !db::requests::decide(
                conn,
                request.id,
                RequestStatus::Rejected,
                &actor.email,
                session::now(),
                Some(&reason),
            )? {
                return Ok::<_, AppError>(false);
            }
            db::requests::add_event(conn, request.id, &actor.email, "rejected", Some(&reason))?;
            let entry = NewEntry::new(
                (Some(actor.id), &actor.email),
                "request-rejected",
                ("reservation", &reservation.reservation_guid.to_string()),
                &address,
            )
            .change("Open", format!("Rejected ({})", request.number));
            db::audit::record(conn, &entry)?;
            Ok(true)
        })
    })
    .await?;
    Ok(see_other(&if decided {
        after(&number, Some("rejected"), None)
    } else {
        after(&number, None, Some("settle-not-open"))
    }))
}
