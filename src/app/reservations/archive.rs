//! Archiving a reservation that has ended, and taking it out of the
//! archive: lists leave archived reservations out unless asked for them,
//! and the look-up still finds them.

use super::record::{Record, load_record};
use crate::app::{Ctx, Error, Refusal, access, remote};
use crate::db::audit::{Action, NewEntry};
use crate::domain::ids::ReservationId;
use crate::domain::roles::Right;

/// Archives reservation `id` (`archived` true) or takes it out of the
/// archive (false), through the system of record, and records who did it.
/// Only a reservation that has ended can be archived; asking for what is
/// already so changes nothing. Someone else's change in between is
/// `Error::Conflict`. The reservation as it is afterwards.
pub fn set_archived(ctx: &mut Ctx<'_>, id: ReservationId, archived: bool) -> Result<Record, Error> {
    access::reservation_with(ctx, id, Right::Configure)?;
    let record = load_record(ctx.conn, id)?;
    let reservation = &record.reservation;
    if reservation.archived == archived {
        return Ok(record);
    }
    if archived && !reservation.status(ctx.clock.today()).archivable() {
        return Err(Refusal::NotEnded.into());
    }
    let object = id.to_string();
    let receipt = match ctx.system.set_archived(&record.place(), archived) {
        Ok(receipt) => receipt,
        Err(Error::Refused(Refusal::Azure(refusal))) => {
            remote::audit_refusal(ctx, &object, &refusal)?;
            return Err(Refusal::Azure(refusal).into());
        }
        Err(e) => return Err(e),
    };
    let (key, mut version) = (reservation.id, reservation.version);
    ctx.transaction(|ctx| {
        let now = ctx.clock.now();
        if ctx.system.is_remote() {
            // Azure has it now: a sync in between does not undo it here.
            version = crate::db::reservations::find_by_guid(ctx.conn, id)?.version;
        }
        if !crate::db::reservations::set_archived(ctx.conn, key, version, archived, now)? {
            return Err(Error::Conflict);
        }
        let action = if archived {
            Action::ReservationArchived
        } else {
            Action::ReservationUnarchived
        };
        ctx.audit(
            &NewEntry::new(
                ctx.actor.audit_name(),
                action,
                ("reservation", &object),
                &ctx.actor.address,
                now,
            )
            .correlated(receipt.correlation_id.clone()),
        )
    })?;
    load_record(ctx.conn, id)
}
