//! Requests closed without a refund or an exchange: rejected by a support
//! agent with a reason, or closed by the hourly job when their reservation
//! is no longer in force. Neither touches a request whose approval is
//! being carried out in Azure (until that mark grows old).

use super::settle::CLAIM_STALE_AFTER;
use crate::app::{Ctx, Error, Refusal};
use crate::db::audit::{Action, NewEntry};
use crate::db::{self};
use crate::domain::roles::Permission;
use crate::domain::support::RequestStatus;

/// The longest reason a rejection may give, in characters.
pub const REASON_MAX: usize = 1000;

/// A checked reason for a rejection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason(String);

impl Reason {
    /// The reason as typed, trimmed: 1 to [`REASON_MAX`] characters.
    pub fn parse(typed: &str) -> Result<Reason, Error> {
        let reason = typed.trim();
        if reason.is_empty() {
            Err(Error::Invalid("reject-reason-required"))
        } else if reason.chars().count() > REASON_MAX {
            Err(Error::Invalid("reject-reason-too-long"))
        } else {
            Ok(Reason(reason.to_string()))
        }
    }

    /// The reason's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Rejects request `number`, giving `reason`.
pub fn reject(ctx: &mut Ctx<'_>, number: &str, reason: &Reason) -> Result<(), Error> {
    ctx.actor.require(Permission::SettleRequests)?;
    ctx.transaction(|ctx| {
        let request = db::requests::find_by_number(ctx.conn, number)?;
        let reservation = db::reservations::find(ctx.conn, request.reservation_id)?;
        let now = ctx.clock.now();
        let by = ctx.actor.email.clone();
        db::requests::release(ctx.conn, request.id, Some(now - CLAIM_STALE_AFTER))?;
        if request
            .settling_since
            .is_some_and(|at| at >= now - CLAIM_STALE_AFTER)
        {
            return Err(Refusal::BeingSettled.into());
        }
        if !db::requests::decide(
            ctx.conn,
            request.id,
            RequestStatus::Rejected,
            &by,
            now,
            Some(reason.as_str()),
        )? {
            return Err(Refusal::NotOpen.into());
        }
        db::request_history::add(
            ctx.conn,
            request.id,
            &by,
            "rejected",
            Some(reason.as_str()),
            now,
        )?;
        ctx.audit(
            &NewEntry::new(
                ctx.actor.audit_name(),
                Action::RequestRejected,
                ("reservation", &reservation.reservation_guid.to_string()),
                &ctx.actor.address,
                now,
            )
            .change("Open", format!("Rejected ({})", request.number)),
        )?;
        crate::app::alerts::request_settled(
            ctx,
            &request,
            &reservation,
            ("Rejected", Some(reason.as_str())),
        )
    })
}

/// Closes the open requests of reservations no longer in force today
/// (expired, or cancelled or exchanged by other means), each with an
/// `expired` or `ended` event in its history; how many were closed. The
/// server's hourly job runs it as [`Actor::housekeeping`](crate::app::Actor::housekeeping).
pub fn close_ended(ctx: &mut Ctx<'_>) -> Result<usize, Error> {
    let today = ctx.clock.today();
    // Most hours there is nothing to close: only then take the write lock.
    if db::requests::open_of_ended_reservations(ctx.conn, today)?.is_empty() {
        return Ok(0);
    }
    ctx.transaction(|ctx| {
        let ended = db::requests::open_of_ended_reservations(ctx.conn, today)?;
        let now = ctx.clock.now();
        let by = ctx.actor.email.clone();
        for (id, expiry) in &ended {
            db::requests::release(ctx.conn, *id, Some(now - CLAIM_STALE_AFTER))?;
            let event = if *expiry <= today { "expired" } else { "ended" };
            if db::requests::decide(ctx.conn, *id, RequestStatus::Rejected, &by, now, None)? {
                db::request_history::add(ctx.conn, *id, &by, event, None, now)?;
                let request = db::requests::find(ctx.conn, *id)?;
                let reservation = db::reservations::find(ctx.conn, request.reservation_id)?;
                let why = if event == "expired" {
                    "The reservation expired."
                } else {
                    "The reservation is no longer in force."
                };
                crate::app::alerts::request_settled(
                    ctx,
                    &request,
                    &reservation,
                    ("Rejected", Some(why)),
                )?;
            }
        }
        Ok(ended.len())
    })
}
