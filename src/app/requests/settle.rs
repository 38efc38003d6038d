//! Support agents settle requests. Approving a refund re-checks the limit
//! and, in one transaction, books the refund, returns the reservation and
//! records it; approving an exchange closes the old reservation and creates
//! the new one. Approvals are serialised (SQLite's write lock; PostgreSQL's
//! serializable transactions, one run again when it conflicts), so two
//! agents approving at once, on one node or two, can never together pass a
//! customer's limit.

use super::exchange;
use crate::app::quoting::{self, in_force};
use crate::app::reservations::changes::configuration_of;
use crate::app::reservations::scope_names::ScopeNames;
use crate::app::system::{Created, Exchanged, Place, Replacement, Returned};
use crate::app::{Ctx, Error, Refusal, remote};
use crate::db::audit::{Action, NewEntry};
use crate::db::columns::DbMoney;
use crate::db::ledger::{NewExchange, NewRefund};
use crate::db::orders::Order;
use crate::db::requests::Request;
use crate::db::reservations::Reservation;
use crate::db::{self};
use crate::domain::money::Money;
use crate::domain::policy;
use crate::domain::policy::{ExchangeQuote, RefundQuote};
use crate::domain::remote::RemoteScope;
use crate::domain::request_details::StoredDetails;
use crate::domain::reservation::ProvisioningState;
use crate::domain::roles::Permission;
use crate::domain::support::{RequestKind, RequestStatus};

/// What an approval did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Approved {
    /// The reservation was returned and this much refunded.
    Refund {
        /// Paid back.
        refund: Money,
        /// Early termination fee kept.
        fee: Money,
    },
    /// The reservation was exchanged for a new one.
    Exchange(Created),
}

/// How long the record of what Azure did is tried again while other
/// writes conflict with it.
const RECORD_FOR: std::time::Duration = std::time::Duration::from_secs(120);

/// Claims older than this were left by a server that stopped midway.
pub(super) const CLAIM_STALE_AFTER: chrono::Duration = chrono::Duration::minutes(15);

/// What the system of record answered, when it was asked outside the
/// transaction that records the approval.
#[derive(Clone)]
enum Answer {
    Returned(Returned),
    Exchanged(Exchanged),
}

/// Approves request `number`: re-checks the policy as of today, then
/// settles it, and closes the other requests open on the reservation.
///
/// On the local database all of it is one transaction, so two agents
/// approving at once can never together pass a customer's limit. With a
/// remote system of record (Azure), the request is first marked as being
/// settled (a second approval is refused meanwhile), the system is called
/// outside any transaction, and the approval is recorded after it with the
/// system's own figures; a refusal there leaves the request open and
/// unchanged here.
pub fn approve(ctx: &mut Ctx<'_>, number: &str) -> Result<Approved, Error> {
    ctx.actor.require(Permission::SettleRequests)?;
    if !ctx.system.is_remote() {
        return ctx.transaction(|ctx| settle(ctx, number, None));
    }
    let (request, prepared) = ctx.transaction(|ctx| {
        let request = db::requests::find_by_number(ctx.conn, number)?;
        let now = ctx.clock.now();
        // One refund of a customer at a time: the limit is checked against
        // every refund booked, none being carried out meanwhile.
        if request.kind == RequestKind::Refund
            && db::requests::refund_being_settled(
                ctx.conn,
                request.customer_id,
                now - CLAIM_STALE_AFTER,
            )?
        {
            return Err(Refusal::BeingSettled.into());
        }
        let prepared = prepare(ctx, &request, true)?;
        if !db::requests::claim(ctx.conn, request.id, now, now - CLAIM_STALE_AFTER)? {
            return Err(Refusal::BeingSettled.into());
        }
        Ok((request, prepared))
    })?;
    let answer = match &prepared.kind {
        Kind::Refund(quote) => ctx
            .system
            .return_reservation(&prepared.place, prepared.reservation.quantity, quote)
            .map(Answer::Returned),
        Kind::Exchange(replacement, quote) => ctx
            .system
            .exchange(&prepared.place, &prepared.reservation, replacement, quote)
            .map(Answer::Exchanged),
    };
    match answer {
        // Azure has acted: what it did is recorded however long other
        // nodes' conflicting writes make it wait, rather than dropped.
        Ok(answer) => {
            let started = std::time::Instant::now();
            loop {
                let recorded = ctx.transaction(|ctx| {
                    db::requests::release(ctx.conn, request.id, None)?;
                    settle(ctx, number, Some(answer.clone()))
                });
                match recorded {
                    Err(Error::Conflict | Error::Busy) if started.elapsed() < RECORD_FOR => {}
                    other => break other,
                }
            }
        }
        Err(e) => {
            // When Azure may have carried it out, the request stays marked
            // (no second approval sends it again); the mark grows old after
            // CLAIM_STALE_AFTER, by when a sync shows what Azure did.
            let uncertain = matches!(&e, Error::Refused(Refusal::Azure(r)) if r.uncertain);
            if !uncertain {
                ctx.transaction(|ctx| Ok(db::requests::release(ctx.conn, request.id, None)?))?;
            }
            if let Error::Refused(Refusal::Azure(refusal)) = &e {
                remote::audit_refusal(
                    ctx,
                    &prepared.reservation.reservation_guid.to_string(),
                    refusal,
                )?;
            }
            Err(e)
        }
    }
}

/// What an approval settles: where the reservation lives and, by kind, the
/// dashboard's quote (and the replacement of an exchange).
struct Prepared {
    reservation: Reservation,
    order: Order,
    place: Place,
    kind: Kind,
}

enum Kind {
    Refund(RefundQuote),
    Exchange(Replacement, ExchangeQuote),
}

/// Reads what an approval needs and, when `check`, applies the policy as of
/// today (a remote system's own answer is not second-guessed after it).
fn prepare(ctx: &mut Ctx<'_>, request: &Request, check: bool) -> Result<Prepared, Error> {
    if request.status != RequestStatus::Open {
        return Err(Refusal::NotOpen.into());
    }
    let reservation = db::reservations::find(ctx.conn, request.reservation_id)?;
    let order = db::orders::find(ctx.conn, reservation.order_id)?;
    let settings = db::settings::load(ctx.conn)?;
    let holding = quoting::holding(ctx.conn, &reservation, &order)?;
    let today = ctx.clock.today();
    let live = in_force(&reservation, today);
    let names = ScopeNames::load(ctx.conn, reservation.customer_id)?;
    let place = Place {
        // Azure buys an exchange's replacement with this scope: never a
        // guess when the reservation's own cannot be named.
        scope: match names.setup(&configuration_of(&reservation)) {
            Some(setup) => setup.scope,
            None if ctx.system.is_remote() => return Err(Error::Invalid("settle-scope-unknown")),
            None => RemoteScope::Shared,
        },
        tenant: db::customers::find(ctx.conn, reservation.customer_id)?.tenant_id,
        order: order.order_guid,
        reservation: reservation.reservation_guid,
        billing: db::subscriptions::find(ctx.conn, reservation.billing_subscription_id)?
            .subscription_guid,
    };
    let kind = match request.kind {
        RequestKind::Other => return Err(Refusal::OtherKind.into()),
        RequestKind::Refund => {
            let quote = ctx.system.refund_quote(&holding, today, &settings);
            if check {
                let ledger = db::ledger::booked(ctx.conn, reservation.customer_id, today)?;
                policy::check_refund(&holding, live, &quote, &ledger, today, &settings)
                    .map_err(Refusal::Policy)?;
            }
            Kind::Refund(quote)
        }
        RequestKind::Exchange => {
            let wanted = StoredDetails::parse(&request.details)
                .exchange()
                .ok_or(Refusal::Policy(policy::Refusal::TooSmall))?;
            let replacement = quoting::replacement(ctx.conn, reservation.resource_type, &wanted)?
                .ok_or(Refusal::Policy(policy::Refusal::TooSmall))?;
            let quote = policy::exchange_quote(
                &holding,
                live || !check,
                &replacement.wanted,
                today,
                &settings,
            )
            .map_err(Refusal::Policy)?;
            Kind::Exchange(replacement, quote)
        }
    };
    Ok(Prepared {
        reservation,
        order,
        place,
        kind,
    })
}

/// Records the approval of request `number` here, calling the system of
/// record first unless it `answered` already.
fn settle(ctx: &mut Ctx<'_>, number: &str, answered: Option<Answer>) -> Result<Approved, Error> {
    let request = db::requests::find_by_number(ctx.conn, number)?;
    let Prepared {
        reservation,
        order,
        place,
        kind,
    } = prepare(ctx, &request, answered.is_none())?;
    let today = ctx.clock.today();
    let now = ctx.clock.now();
    let guid = reservation.reservation_guid.to_string();
    let by = ctx.actor.email.clone();
    let approved = match kind {
        Kind::Refund(quote) => {
            let returned = match answered {
                Some(Answer::Returned(returned)) => returned,
                _ => ctx
                    .system
                    .return_reservation(&place, reservation.quantity, &quote)?,
            };
            db::reservations::set_state(
                ctx.conn,
                reservation.id,
                ProvisioningState::Cancelled,
                now,
            )?;
            db::ledger::book_refund(
                ctx.conn,
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
            remote::record_figures(
                ctx,
                request.id,
                &returned.receipt,
                returned.figures.as_ref(),
            )?;
            // Kept as data, so that each reader sees it in their language.
            let note = serde_json::json!({
                "refund": quote.refund.to_string(),
                "fee": quote.fee.to_string(),
                "counts": quote.cancelled_commitment.to_string(),
            })
            .to_string();
            db::request_history::add(ctx.conn, request.id, &by, "approved", Some(&note), now)?;
            ctx.audit(
                &NewEntry::new(
                    ctx.actor.audit_name(),
                    Action::RefundApproved,
                    ("reservation", &guid),
                    &ctx.actor.address,
                    now,
                )
                .change(
                    ProvisioningState::Succeeded.as_str(),
                    format!(
                        "{} ({})",
                        ProvisioningState::Cancelled.as_str(),
                        request.number
                    ),
                )
                .correlated(returned.receipt.correlation_id.clone()),
            )?;
            Approved::Refund {
                refund: quote.refund,
                fee: quote.fee,
            }
        }
        Kind::Exchange(replacement, quote) => {
            let exchanged = match answered {
                Some(Answer::Exchanged(exchanged)) => exchanged,
                _ => ctx
                    .system
                    .exchange(&place, &reservation, &replacement, &quote)?,
            };
            let created = exchange::store(
                ctx.conn,
                &reservation,
                &order,
                &replacement,
                &quote,
                (exchanged.order, exchanged.reservation),
                (today, now),
                &by,
            )?;
            db::ledger::book_exchange(
                ctx.conn,
                &NewExchange {
                    request_id: request.id,
                    customer_id: reservation.customer_id,
                    old_reservation_id: reservation.id,
                    new_reservation_id: created.row,
                    booked_on: today,
                    value_returned: DbMoney(quote.value_returned),
                    new_commitment: DbMoney(quote.new_commitment),
                },
            )?;
            remote::record_figures(
                ctx,
                request.id,
                &exchanged.receipt,
                exchanged.figures.as_ref(),
            )?;
            let note = serde_json::json!({
                "reservation": created.id.to_string(),
                "returned": quote.value_returned.to_string(),
                "commitment": quote.new_commitment.to_string(),
            })
            .to_string();
            db::request_history::add(ctx.conn, request.id, &by, "approved", Some(&note), now)?;
            ctx.audit(
                &NewEntry::new(
                    ctx.actor.audit_name(),
                    Action::ExchangeApproved,
                    ("reservation", &guid),
                    &ctx.actor.address,
                    now,
                )
                .change(
                    ProvisioningState::Succeeded.as_str(),
                    format!("{} ({})", ProvisioningState::Exchanged.as_str(), created.id),
                )
                .correlated(exchanged.receipt.correlation_id.clone()),
            )?;
            Approved::Exchange(created)
        }
    };
    db::requests::decide(
        ctx.conn,
        request.id,
        RequestStatus::Approved,
        &by,
        now,
        None,
    )?;
    crate::app::alerts::request_settled(ctx, &request, &reservation, ("Approved", None))?;
    // The reservation is no longer in force: whatever else was open on
    // it is closed, saying which request closed it.
    for other in db::requests::open_others(ctx.conn, reservation.id, request.id)? {
        db::requests::decide(
            ctx.conn,
            other.id,
            RequestStatus::Rejected,
            &by,
            now,
            Some(&request.number),
        )?;
        db::request_history::add(
            ctx.conn,
            other.id,
            &by,
            "closed",
            Some(&request.number),
            now,
        )?;
        let closed = format!("Closed by request {}.", request.number);
        crate::app::alerts::request_settled(
            ctx,
            &other,
            &reservation,
            ("Rejected", Some(&closed)),
        )?;
    }
    Ok(approved)
}
