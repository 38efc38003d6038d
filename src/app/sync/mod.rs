//! Keeping the book of business in step with Azure: a run of the sync
//! (one at a time, across processes), each customer stored in one
//! transaction, and what the Data source page shows.
//!
//! Reading Azure is the `azure` module's part; these use cases take what it
//! read and never hold a transaction across a remote call.

mod lineage;
mod places;
mod store;

use chrono::{Duration, NaiveDate, NaiveDateTime};

pub(in crate::app) use store::describe;
pub use store::{Counts, store_customer};

use super::{Ctx, Error, Refusal};
use crate::db::sync_customers::CustomerSync;
use crate::db::sync_runs::Run;
use crate::db::{customers, reservations, sync_customers, sync_runs};
use crate::domain::audit::Action;
use crate::domain::ids::{ReservationId, TenantId};
use crate::domain::roles::Permission;

/// A run whose heartbeat is older than this was interrupted (its process
/// stopped); the next run takes over.
pub const STALE_AFTER: Duration = Duration::minutes(10);

/// Starts a run for the actor (an admin, the schedule or the command
/// line); refused while another run is alive.
pub fn start(ctx: &mut Ctx<'_>) -> Result<i64, Error> {
    ctx.actor.require(Permission::Administer)?;
    let now = ctx.clock.now();
    ctx.transaction(|ctx| {
        sync_runs::interrupt_stale(ctx.conn, now - STALE_AFTER)?;
        if sync_runs::running(ctx.conn)?.is_some() {
            return Err(Refusal::SyncRunning.into());
        }
        let run = sync_runs::start(ctx.conn, &ctx.actor.email, now)?;
        crate::seed::ensure_catalogue(ctx.conn).map_err(|e| match e {
            crate::seed::SeedError::Db(e) => Error::from(e),
            other => Error::Internal(format!("the price catalogue: {other}")),
        })?;
        if ctx.actor.user_id.is_some() {
            ctx.audit(&crate::db::audit::NewEntry::new(
                ctx.actor.audit_name(),
                Action::SyncRequested,
                ("sync", &run.to_string()),
                &ctx.actor.address,
                now,
            ))?;
        }
        Ok(run)
    })
}

/// Records a run's progress (and that it is alive); whether it still runs
/// (false: it was taken over as interrupted, and must stop).
pub fn progress(ctx: &mut Ctx<'_>, run: i64, counts: (i32, i32, i32)) -> Result<bool, Error> {
    Ok(sync_runs::progress(ctx.conn, run, counts, ctx.clock.now())?)
}

/// Keeps a run's heartbeat fresh while it reads a large customer; whether
/// it still runs.
pub fn beat(ctx: &mut Ctx<'_>, run: i64) -> Result<bool, Error> {
    Ok(sync_runs::beat(ctx.conn, run, ctx.clock.now())?)
}

/// Ends a run, with why it failed as a whole if it did; the customers it
/// added are then merged into one search index segment.
pub fn finish(ctx: &mut Ctx<'_>, run: i64, error: Option<&str>) -> Result<(), Error> {
    sync_runs::finish(ctx.conn, run, error, ctx.clock.now())?;
    ctx.transaction(|ctx| Ok(crate::db::customers::compact_search(ctx.conn)?))
}

/// Records a customer whose data could not be read: the customer is
/// stored (or renamed) as Partner Center gave it, its reservations are
/// left as they were, and the error is kept in the service's words.
pub fn record_failure(
    ctx: &mut Ctx<'_>,
    run: i64,
    customer: &crate::domain::remote::RemoteCustomer,
    started_at: NaiveDateTime,
    error: &str,
) -> Result<(), Error> {
    ctx.actor.require(Permission::Administer)?;
    let now = ctx.clock.now();
    ctx.transaction(|ctx| {
        let key = places::upsert_customer(ctx, customer)?;
        sync_customers::record(
            ctx.conn,
            &CustomerSync {
                run_id: run,
                customer_id: key,
                started_at,
                finished_at: now,
                added: 0,
                changed: 0,
                missing: 0,
                utilization_days: 0,
                error: Some(error.to_string()),
            },
        )?;
        Ok(())
    })
}

/// The last day of utilization stored for each reservation of the tenant's
/// customer (none for a customer not stored yet): the sync reads only the
/// days after it.
pub fn stored_days(
    ctx: &mut Ctx<'_>,
    tenant: TenantId,
) -> Result<Vec<(ReservationId, Option<NaiveDate>)>, Error> {
    ctx.actor.require(Permission::Administer)?;
    match customers::find_by_tenant(ctx.conn, tenant)? {
        Some(customer) => Ok(reservations::last_utilization_days(ctx.conn, customer.id)?),
        None => Ok(Vec::new()),
    }
}

/// What the Data source page shows.
#[derive(Debug, Clone)]
pub struct DataSource {
    /// The run in progress, if any.
    pub running: Option<Run>,
    /// The latest runs, newest first.
    pub runs: Vec<Run>,
    /// The latest sync of each customer, by name.
    pub customers: Vec<(String, CustomerSync)>,
}

/// The sync's state for the Data source page (admins).
pub fn data_source(ctx: &mut Ctx<'_>) -> Result<DataSource, Error> {
    ctx.actor.require(Permission::Administer)?;
    let now = ctx.clock.now();
    let running = sync_runs::running(ctx.conn)?.filter(|run| run.heartbeat_at >= now - STALE_AFTER);
    Ok(DataSource {
        running,
        runs: sync_runs::latest(ctx.conn, 10)?,
        customers: sync_customers::latest_per_customer(ctx.conn)?,
    })
}
