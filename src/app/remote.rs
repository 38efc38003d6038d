//! What a remote system of record said, kept here: audit entries for calls
//! that changed nothing here (a refusal, with the system's words and
//! correlation ID, and a change still running when the wait ended), and
//! the system's own figures for a settled request.

use super::system::{Figures, Receipt};
use super::{Ctx, Error, RemoteRefusal};
use crate::db::audit::{Action, NewEntry};
use crate::db::{self, columns::DbMoney};

/// Records that the system of record refused a change to `object` (a
/// reservation's ID), in its own transaction.
pub fn audit_refusal(
    ctx: &mut Ctx<'_>,
    object: &str,
    refusal: &RemoteRefusal,
) -> Result<(), Error> {
    let now = ctx.clock.now();
    ctx.transaction(|ctx| {
        ctx.audit(
            &NewEntry::new(
                ctx.actor.audit_name(),
                Action::AzureRefused,
                ("reservation", object),
                &ctx.actor.address,
                now,
            )
            .change(
                refusal.code.clone().unwrap_or_default(),
                refusal.message.clone(),
            )
            .correlated(refusal.correlation_id.clone()),
        )
    })
}

/// Records that a change to `object` was still running in the system of
/// record when the wait ended.
pub fn audit_pending(ctx: &mut Ctx<'_>, object: &str, receipt: &Receipt) -> Result<(), Error> {
    let now = ctx.clock.now();
    ctx.transaction(|ctx| {
        ctx.audit(
            &NewEntry::new(
                ctx.actor.audit_name(),
                Action::AzurePending,
                ("reservation", object),
                &ctx.actor.address,
                now,
            )
            .correlated(receipt.correlation_id.clone()),
        )
    })
}

/// Keeps the system of record's own figures with the request.
pub(crate) fn record_figures(
    ctx: &mut Ctx<'_>,
    request: crate::db::keys::RequestKey,
    receipt: &Receipt,
    figures: Option<&Figures>,
) -> Result<(), Error> {
    let Some(f) = figures else {
        return Ok(());
    };
    db::azure_settlements::record(
        ctx.conn,
        &db::azure_settlements::Settlement {
            request_id: request,
            session_id: f.session_id.clone(),
            amount: DbMoney(f.amount),
            currency: f.currency.clone(),
            consumed_refunds_total: f.consumed_refunds_total.map(DbMoney),
            max_refund_limit: f.max_refund_limit.map(DbMoney),
            correlation_id: receipt.correlation_id.clone(),
            recorded_at: ctx.clock.now(),
        },
    )?;
    Ok(())
}
