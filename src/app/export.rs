//! The CSV export of reservations across customers, read in batches so
//! that an export of any size is written as it is read.

use crate::app::{Ctx, Error};
use crate::db;
use crate::db::keys::ReservationKey;
use crate::db::reservations::export::{ExportFilter, ExportRow};
use crate::domain::roles::Permission;

/// Reservations read per batch.
pub const BATCH: i64 = 1_000;

/// The next batch of reservations matching `filter` after the row `after`
/// (start with `ReservationKey(0)`; an empty batch is the end).
pub fn batch(
    ctx: &mut Ctx<'_>,
    filter: &ExportFilter,
    after: ReservationKey,
) -> Result<Vec<ExportRow>, Error> {
    ctx.actor.require(Permission::ViewCustomers)?;
    let today = ctx.clock.today();
    Ok(db::reservations::export::batch(
        ctx.conn, filter, today, after, BATCH,
    )?)
}
