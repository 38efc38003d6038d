//! Reading one customer tenant as the application: its subscriptions,
//! resource groups, management groups, reservation orders, reservations,
//! and the days of utilization not stored yet.

use chrono::{Days, NaiveDate};

use super::client::{CAPACITY_API, CallError, Client};
use super::model;
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
