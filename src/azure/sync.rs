//! A run of the sync: the partner's customers from Partner Center (all
//! pages), then for each customer tenant its subscriptions, resource
//! groups, management groups, reservation orders, reservations and the
//! days of utilization not stored yet, stored in one transaction per
//! customer. A customer whose tenant refuses is recorded with the
//! service's words and the run goes on.

use std::time::Instant;

use chrono::{Days, NaiveDate};

use super::client::{CAPACITY_API, CallError, Client};
use super::model;
use crate::app::sync::Counts;
use crate::app::system::LocalSystem;
use crate::app::{self, Actor, Clock, Ctx};
use crate::db::DbPool;
use crate::domain::ids::{OrderId, ReservationId};
use crate::domain::remote::{RemoteCustomer, Snapshot};

/// Consumption's API version.
pub const CONSUMPTION_API: &str = "2023-05-01";
/// Subscriptions' API version.
pub const SUBSCRIPTIONS_API: &str = "2022-12-01";
/// Resource groups' API version.
pub const RESOURCES_API: &str = "2021-04-01";
/// Management groups' API version.
pub const MANAGEMENT_GROUPS_API: &str = "2021-04-01";

/// Days of utilization read for a reservation never read before.
pub const FIRST_DAYS: u64 = 90;
/// The longest range of days asked for in one utilization read; a range
/// Azure finds too large is halved.
pub const DAYS_PER_READ: u64 = 31;

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
    match snapshot(client, customer, &stored, today).await {
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

/// Everything one customer tenant holds, read as the application.
pub async fn snapshot(
    client: &Client,
    customer: &RemoteCustomer,
    stored: &[(ReservationId, Option<NaiveDate>)],
    today: NaiveDate,
) -> Result<Snapshot, CallError> {
    let arm = client.settings().endpoints.arm.clone();
    let tenant = customer.tenant.to_string();
    let scope = client.arm_scope();
    let who = (tenant.as_str(), scope.as_str());
    let mut snapshot = Snapshot::default();

    let subs = client
        .read_all(
            &arm,
            &format!("{arm}/subscriptions?api-version={SUBSCRIPTIONS_API}"),
            who,
        )
        .await?;
    snapshot.subscriptions = subs.iter().filter_map(model::subscription).collect();
    for sub in snapshot.subscriptions.clone() {
        let url = format!(
            "{arm}/subscriptions/{}/resourcegroups?api-version={RESOURCES_API}",
            sub.id
        );
        match client.read_all(&arm, &url, who).await {
            Ok(groups) => snapshot
                .resource_groups
                .extend(groups.iter().filter_map(model::resource_group)),
            Err(e @ CallError::Refused { .. }) => snapshot
                .skipped
                .push(format!("resource groups of {}: {e}", sub.display_name)),
            Err(e) => return Err(e),
        }
    }
    let url = format!(
        "{arm}/providers/Microsoft.Management/managementGroups?api-version={MANAGEMENT_GROUPS_API}"
    );
    match client.read_all(&arm, &url, who).await {
        Ok(groups) => {
            snapshot.management_groups = groups.iter().filter_map(model::management_group).collect()
        }
        // Reading management groups needs a role the partner may not have
        // given; the scope picker then offers none.
        Err(e @ CallError::Refused { .. }) => {
            snapshot.skipped.push(format!("management groups: {e}"))
        }
        Err(e) => return Err(e),
    }

    let capacity = format!("{arm}/providers/Microsoft.Capacity");
    let orders = client
        .read_all(
            &arm,
            &format!("{capacity}/reservationOrders?api-version={CAPACITY_API}"),
            who,
        )
        .await?;
    for item in &orders {
        match model::order(item) {
            Ok(order) => snapshot.orders.push(order),
            Err(why) => snapshot.skipped.push(why),
        }
    }
    // The price is only in the order read on its own, with its plan.
    for order in snapshot.orders.iter_mut().filter(|o| o.total.is_none()) {
        let url = format!(
            "{capacity}/reservationOrders/{}?api-version={CAPACITY_API}&$expand=schedule",
            order.id
        );
        let item = client.read(&arm, &url, who).await?;
        order.total = model::price(&item, "/properties/planInformation/pricingCurrencyTotal");
    }
    let reservations = client
        .read_all(
            &arm,
            &format!("{capacity}/reservations?api-version={CAPACITY_API}"),
            who,
        )
        .await?;
    for item in &reservations {
        if let Some((_, id)) = item
            .get("id")
            .and_then(serde_json::Value::as_str)
            .and_then(model::reservation_path)
        {
            snapshot.listed.push(id);
        }
        match model::reservation(item) {
            Ok(reservation) => snapshot.reservations.push(reservation),
            Err(why) => snapshot.skipped.push(why),
        }
    }
    utilization(client, &mut snapshot, stored, today, who).await?;
    Ok(snapshot)
}

/// The days of utilization not stored yet, order by order, in ranges of at
/// most [`DAYS_PER_READ`] days; a range Azure finds too large is halved.
async fn utilization(
    client: &Client,
    snapshot: &mut Snapshot,
    stored: &[(ReservationId, Option<NaiveDate>)],
    today: NaiveDate,
    who: (&str, &str),
) -> Result<(), CallError> {
    let Some(yesterday) = today.pred_opt() else {
        return Ok(());
    };
    let last: std::collections::HashMap<_, _> = stored.iter().copied().collect();
    let mut orders: Vec<(OrderId, NaiveDate, NaiveDate)> = Vec::new();
    for r in &snapshot.reservations {
        let earliest = today
            .checked_sub_days(Days::new(FIRST_DAYS))
            .unwrap_or(today)
            .max(r.effective_date);
        let from = match last.get(&r.id).copied().flatten() {
            Some(day) => day.succ_opt().unwrap_or(day),
            None => earliest,
        };
        let to = yesterday.min(r.expiry_date);
        if from > to {
            continue;
        }
        match orders.iter_mut().find(|(o, _, _)| *o == r.order) {
            Some((_, f, t)) => {
                *f = (*f).min(from);
                *t = (*t).max(to);
            }
            None => orders.push((r.order, from, to)),
        }
    }
    let arm = client.settings().endpoints.arm.clone();
    for (order, from, to) in orders {
        let mut ranges = vec![(from, to)];
        while let Some((from, to)) = ranges.pop() {
            let span = (to - from).num_days() as u64 + 1;
            if span > DAYS_PER_READ {
                let middle = from + Days::new(DAYS_PER_READ - 1);
                ranges.push((middle + Days::new(1), to));
                ranges.push((from, middle));
                continue;
            }
            let url = format!(
                "{arm}/providers/Microsoft.Capacity/reservationorders/{order}/providers/Microsoft.Consumption/reservationSummaries?grain=daily&$filter=properties%2FusageDate%20ge%20{from}%20AND%20properties%2FusageDate%20le%20{to}&api-version={CONSUMPTION_API}"
            );
            match client.read_all(&arm, &url, who).await {
                Ok(items) => snapshot
                    .days
                    .extend(items.iter().filter_map(model::utilization_day)),
                Err(CallError::Refused { status: 400, .. }) if from < to => {
                    let middle = from + Days::new(span / 2 - 1);
                    ranges.push((middle + Days::new(1), to));
                    ranges.push((from, middle));
                }
                // Usage data may need a role the partner has not given:
                // the reservations are still synced, without these days.
                Err(e @ CallError::Refused { .. }) => {
                    snapshot
                        .skipped
                        .push(format!("utilization of order {order}: {e}"));
                    break;
                }
                Err(e) => return Err(e),
            }
        }
    }
    Ok(())
}
