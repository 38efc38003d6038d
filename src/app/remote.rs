//! Audit entries for calls to a remote system of record that changed
//! nothing here: a refusal (with the system's words and correlation ID) and
//! a change still running when the wait ended.

use super::system::Receipt;
use super::{Ctx, Error, RemoteRefusal};
use crate::db::audit::{Action, NewEntry};

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
