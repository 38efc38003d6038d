//! A run of the sync: the partner's customers from Partner Center (all
//! pages), then for each customer tenant its subscriptions, resource
//! groups, management groups, reservation orders, reservations and the
//! days of utilization not stored yet, stored in one transaction per
//! customer. A customer whose tenant refuses is recorded with the
//! service's words and the run goes on.

use std::time::Instant;

use super::client::Client;
use super::{model, tenant};
use crate::app::sync::Counts;
use crate::app::system::LocalSystem;
use crate::app::{self, Actor, Clock, Ctx};
use crate::db::DbPool;
use crate::domain::remote::RemoteCustomer;

/// What happened to one customer.
#[derive(Debug, Clone)]
pub struct CustomerReport {
    /// Its position in the run (from 1) and how many there are.
    pub position: (usize, usize),
    /// Its name.
    pub company_name: String,
    /// What was stored, or why it failed.
    pub outcome: Result<Counts, String>,
    /// How long it took.
    pub took: std::time::Duration,
}

/// How a run ended.
#[derive(Debug, Clone, Default)]
pub struct RunReport {
    /// The run's row.
    pub run: i64,
    /// Customers synced.
    pub synced: usize,
    /// Customers that failed.
    pub failed: usize,
    /// Everything the run added, changed and marked, summed.
    pub totals: Counts,
}

/// Where a run stores what it reads.
#[derive(Clone)]
pub struct Store {
    /// The database.
    pub pool: DbPool,
    /// The clock.
    pub clock: Clock,
    /// Who runs it: an admin, the schedule or the command line.
    pub actor: Actor,
}

impl Store {
    /// Runs a use case on a blocking thread, never holding a connection
    /// across a remote call.
    async fn call<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut Ctx<'_>) -> Result<T, app::Error> + Send + 'static,
    ) -> Result<T, app::Error> {
        let (pool, clock, actor) = (self.pool.clone(), self.clock, self.actor.clone());
        tokio::task::spawn_blocking(move || {
            let mut conn = pool.get()?;
            work(&mut Ctx {
                actor: &actor,
                clock,
                conn: &mut conn,
                system: &LocalSystem,
            })
        })
        .await
        .map_err(app::Error::internal)?
    }
}

/// Starts a run (refused while another one is alive).
pub async fn start(store: &Store) -> Result<i64, app::Error> {
    store.call(app::sync::start).await
}

/// Carries out a started run to its end, reporting each customer.
pub async fn run(
    client: &Client,
    store: &Store,
    run: i64,
    mut report: impl FnMut(&CustomerReport),
) -> Result<RunReport, String> {
    let customers = match client.partner_customers(100).await {
        Ok(items) => items,
        Err(e) => {
            let why = format!("Partner Center: {e}");
            let _ = store
                .call({
                    let why = why.clone();
                    move |ctx| app::sync::finish(ctx, run, Some(&why))
                })
                .await;
            return Err(why);
        }
    };
    let customers: Vec<RemoteCustomer> = customers.iter().filter_map(model::customer).collect();
    let total = customers.len();
    let mut summary = RunReport {
        run,
        ..RunReport::default()
    };
    let _ = store
        .call(move |ctx| app::sync::progress(ctx, run, (total as i32, 0, 0)))
        .await;
    // The heartbeat stays fresh while a large customer is read.
    let beating = {
        let store = store.clone();
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(HEARTBEAT).await;
                if !matches!(
                    store.call(move |ctx| app::sync::beat(ctx, run)).await,
                    Ok(true)
                ) {
                    return;
                }
            }
        })
    };
    let outcome = customers_in_turn(client, store, run, customers, &mut summary, &mut report).await;
    beating.abort();
    outcome?;
    store
        .call(move |ctx| app::sync::finish(ctx, run, None))
        .await
        .map_err(|e| e.to_string())?;
    Ok(summary)
}

/// How often a running sync says it is alive.
const HEARTBEAT: std::time::Duration = std::time::Duration::from_secs(60);

/// Syncs the customers one after the other, stopping if another run took
/// over.
async fn customers_in_turn(
    client: &Client,
    store: &Store,
    run: i64,
    customers: Vec<RemoteCustomer>,
    summary: &mut RunReport,
    report: &mut impl FnMut(&CustomerReport),
) -> Result<(), String> {
    let total = customers.len();
    for (n, customer) in customers.into_iter().enumerate() {
        let started = Instant::now();
        let started_at = store.clock.now();
        let outcome = sync_customer(client, store, run, &customer, started_at).await;
        match &outcome {
            Ok(counts) => {
                summary.synced += 1;
                summary.totals.added += counts.added;
                summary.totals.changed += counts.changed;
                summary.totals.missing += counts.missing;
                summary.totals.days += counts.days;
                summary.totals.skipped += counts.skipped;
            }
            Err(_) => summary.failed += 1,
        }
        let done = (total as i32, (n + 1) as i32, summary.failed as i32);
        let running = store
            .call(move |ctx| app::sync::progress(ctx, run, done))
            .await;
        report(&CustomerReport {
            position: (n + 1, total),
            company_name: customer.company_name.clone(),
            outcome,
            took: started.elapsed(),
        });
        if matches!(running, Ok(false)) {
            return Err("another sync took over after this one seemed stopped".into());
        }
    }
    Ok(())
}

/// Reads one customer and stores it; a failure is recorded with the
/// service's words.
async fn sync_customer(
    client: &Client,
    store: &Store,
    run: i64,
    customer: &RemoteCustomer,
    started_at: chrono::NaiveDateTime,
) -> Result<Counts, String> {
    let tenant = customer.tenant;
    let stored = store
        .call(move |ctx| app::sync::stored_days(ctx, tenant))
        .await
        .map_err(|e| e.to_string())?;
    let today = store.clock.today();
    match tenant::snapshot(client, customer, &stored, today).await {
        Ok(snapshot) => {
            let customer = customer.clone();
            store
                .call(move |ctx| {
                    app::sync::store_customer(ctx, run, &customer, &snapshot, started_at)
                })
                .await
                .map_err(|e| format!("storing it failed: {e}"))
        }
        Err(e) => {
            let why = e.to_string();
            let (customer, message) = (customer.clone(), why.clone());
            store
                .call(move |ctx| {
                    app::sync::record_failure(ctx, run, &customer, started_at, &message)
                })
                .await
                .map_err(|e| e.to_string())?;
            Err(why)
        }
    }
}
