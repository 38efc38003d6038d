//! Support agents settle requests. Approving a refund re-checks the limit and,
//! in one transaction, books the refund, cancels the reservation and records
//! it; approving an exchange closes the old reservation and creates the new
//! order and reservation. The write lock serialises approvals, so two agents
//! approving at once can never together pass a customer's limit.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use super::queue::{after, detail_page};
use super::quoting::{self, in_force};
use crate::db::columns::DbMoney;
use crate::db::ledger::{NewExchange, NewRefund};
use crate::db::orders::NewOrder;
use crate::db::reservations::{NewReservation, Reservation};
use crate::db::role_assignments::NewAssignment;
use crate::db::{self, Table, audit::NewEntry};
use crate::domain::ids::{OrderId, ReservationId};
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
        let page = detail_page(&state, &signed_in, number.clone(), None, String::new()).await?;
        let lang = &signed_in.lang;
        return confirm::page(
            &signed_in,
            Nav::Requests,
            Confirmation {
                title: lang.ts("confirm-approve-title", "number", &number),
                message: page.approve_message,
                action: &format!("/requests/{number}/approve"),
                fields: Vec::new(),
                confirm_label: lang.t("settle-approve"),
                back: paths::request(&number),
            },
        );
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
                    let note = format!(
                        "refund {} (fee {}, counts {})",
                        quote.refund, quote.fee, quote.cancelled_commitment
                    );
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
                    let new_id = replacement(
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
                    let note = format!(
                        "new reservation {} (returned {}, new commitment {})",
                        new_id.1, quote.value_returned, quote.new_commitment
                    );
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
                        format!("{} for {}", ProvisioningState::Exchanged.as_str(), new_id.1),
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

/// Creates the new order and reservation of an exchange: new IDs, the new
/// term from today, the old reservation's scope, billing and access.
fn replacement(
    conn: &mut diesel::SqliteConnection,
    old: &Reservation,
    old_order: &crate::db::orders::Order,
    fields: &RequestFields,
    quote: &policy::ExchangeQuote,
    today: chrono::NaiveDate,
    actor: &str,
) -> Result<(i64, ReservationId), AppError> {
    let now = session::now();
    let order_id = db::max_id(conn, Table::Orders)? + 1;
    let reservation_id = db::max_id(conn, Table::Reservations)? + 1;
    let term = crate::domain::reservation::Term::parse(&fields.new_term).unwrap_or(old_order.term);
    let quantity: i32 = fields.new_quantity.trim().parse().unwrap_or(old.quantity);
    let order_guid = OrderId::new_random();
    let guid = ReservationId::new_random();
    db::orders::insert_all(
        conn,
        &[NewOrder {
            id: order_id,
            order_guid: order_guid.to_string(),
            customer_id: old.customer_id,
            display_name: format!(
                "{}_EX_{}",
                old.resource_type.as_str(),
                today.format("%m-%d-%Y")
            ),
            term: term.as_str().to_string(),
            billing_plan: old_order.billing_plan.as_str().to_string(),
            original_quantity: quantity,
            purchase_date: today,
            benefit_start_date: today,
            expiry_date: quote.new_expiry,
            currency: old_order.currency.clone(),
            created_at: now,
        }],
    )?;
    let sku = db::catalogue::find(
        conn,
        old.resource_type,
        fields.new_sku.trim(),
        fields.new_region.trim(),
        term,
    )?;
    db::reservations::insert_all(
        conn,
        &[NewReservation {
            id: reservation_id,
            reservation_guid: guid.to_string(),
            order_id,
            customer_id: old.customer_id,
            display_name: old.display_name.clone(),
            resource_type: old.resource_type.as_str().to_string(),
            sku: fields.new_sku.trim().to_string(),
            sku_description: sku.map(|s| s.sku_description).unwrap_or_default(),
            region: fields.new_region.trim().to_string(),
            quantity,
            scope_type: old.scope_type.as_str().to_string(),
            scope_subscription_id: old.scope_subscription_id,
            scope_resource_group_id: old.scope_resource_group_id,
            scope_management_group_id: old.scope_management_group_id,
            billing_subscription_id: old.billing_subscription_id,
            instance_flexibility: old.instance_flexibility.clone(),
            renew: old.renew,
            purchase_date: today,
            effective_date: today,
            expiry_date: quote.new_expiry,
            provisioning_state: ProvisioningState::Succeeded.as_str().to_string(),
            purchase_price: DbMoney(quote.new_commitment),
            updated_at: now,
        }],
    )?;
    for a in db::role_assignments::for_reservation(conn, old.id)? {
        db::role_assignments::insert(
            conn,
            &NewAssignment {
                reservation_id,
                principal_email: a.principal_email,
                role: a.role.as_str().to_string(),
                assigned_by: actor.to_string(),
                assigned_at: now,
            },
        )?;
    }
    Ok((reservation_id, guid))
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
        let page = detail_page(&state, &signed_in, number.clone(), None, String::new()).await?;
        return confirm::page(
            &signed_in,
            Nav::Requests,
            Confirmation {
                title: lang.ts("confirm-reject-title", "number", &number),
                message: page.reject_message,
                action: &format!("/requests/{number}/reject"),
                fields: vec![("reason".into(), reason)],
                confirm_label: lang.t("settle-reject"),
                back: paths::request(&number),
            },
        );
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
