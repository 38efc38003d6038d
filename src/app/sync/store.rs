//! Storing what a sync read for one customer, in one transaction: upserts
//! by Azure's IDs (GUIDs are compared in one case), reservations Azure no
//! longer lists marked and kept, and nothing that exists only here
//! (requests, the refund ledger, access grants, activity, drafts) touched.

use std::collections::HashMap;

use chrono::{Days, NaiveDateTime};
use rust_decimal::Decimal;

use super::super::{Ctx, Error};
use crate::db::audit::NewEntry;
use crate::db::columns::DbMoney;
use crate::db::keys::{CustomerKey, OrderKey, ReservationKey};
use crate::db::orders::{NewOrder, OrderFacts};
use crate::db::reservations::{Facts, NewReservation, Placed};
use crate::db::sync_customers::CustomerSync;
use crate::db::utilization::NewDay;
use crate::db::{
    Table, catalogue, customers, max_id, orders, reservations, sync_customers, utilization,
};
use crate::domain::audit::Action;
use crate::domain::ids::{OrderId, SubscriptionGuid};
use crate::domain::money::Money;
use crate::domain::remote::{
    RemoteCustomer, RemoteReservation, RemoteScope, Snapshot, merged_state,
};
use crate::domain::reservation::ScopeType;
use crate::domain::roles::Permission;

/// What storing one customer changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Orders and reservations added.
    pub added: i32,
    /// Orders and reservations changed.
    pub changed: i32,
    /// Reservations newly marked as no longer in Azure.
    pub missing: i32,
    /// Days of utilization written.
    pub days: i32,
    /// Reservations left out (unknown type, no dates...).
    pub skipped: i32,
}

/// Stores one customer's snapshot in one transaction and records what it
/// did in the run.
pub fn store_customer(
    ctx: &mut Ctx<'_>,
    run: i64,
    customer: &RemoteCustomer,
    snapshot: &Snapshot,
    started_at: NaiveDateTime,
) -> Result<Counts, Error> {
    ctx.actor.require(Permission::Administer)?;
    let now = ctx.clock.now();
    ctx.transaction(|ctx| {
        let key = super::places::upsert_customer(ctx, customer)?;
        let mut writer = Writer {
            customer: key,
            now,
            read_from: started_at,
            counts: Counts {
                skipped: snapshot.skipped.len() as i32,
                ..Counts::default()
            },
            subscriptions: HashMap::new(),
        };
        writer.scopes(ctx, snapshot)?;
        let orders = writer.orders(ctx, snapshot)?;
        let mut seen = writer.reservations(ctx, snapshot, &orders)?;
        writer.lineage(ctx, snapshot)?;
        // Listed but left out (an unknown type, say): still in Azure.
        let listed: std::collections::HashSet<_> = snapshot.listed.iter().collect();
        seen.extend(
            reservations::keys_of_customer(ctx.conn, key)?
                .into_iter()
                .filter(|(guid, _)| listed.contains(guid))
                .map(|(_, row)| row),
        );
        writer.counts.missing =
            reservations::mark_missing(ctx.conn, key, &seen, (started_at, now))? as i32;
        writer.days(ctx, snapshot)?;
        customers::mark_synced(ctx.conn, key, now)?;
        let counts = writer.counts;
        sync_customers::record(
            ctx.conn,
            &CustomerSync {
                run_id: run,
                customer_id: key,
                started_at,
                finished_at: now,
                added: counts.added,
                changed: counts.changed,
                missing: counts.missing,
                utilization_days: counts.days,
                error: None,
            },
        )?;
        Ok(counts)
    })
}

/// Each order read: its row, its total (if Azure gave it) and quantity.
type StoredOrders = HashMap<OrderId, (OrderKey, Option<Money>, i32)>;

pub(super) struct Writer {
    pub(super) customer: CustomerKey,
    pub(super) now: NaiveDateTime,
    /// When the customer's data began to be read: a row changed here since
    /// then is newer than what was read, and is left as it is.
    pub(super) read_from: NaiveDateTime,
    pub(super) counts: Counts,
    /// Subscription rows by GUID, as stored or added in this run.
    pub(super) subscriptions: HashMap<SubscriptionGuid, i64>,
}

impl Writer {
    /// Orders, added or updated; each order's row, currency and total.
    fn orders(&mut self, ctx: &mut Ctx<'_>, snapshot: &Snapshot) -> Result<StoredOrders, Error> {
        let mut rows = HashMap::new();
        for order in &snapshot.orders {
            let facts = OrderFacts {
                display_name: order.display_name.clone(),
                term: order.term,
                billing_plan: order.billing_plan,
                original_quantity: order.original_quantity,
                purchase_date: order.purchase_date,
                benefit_start_date: order.benefit_start_date,
                expiry_date: order
                    .expiry_date
                    .max(order.benefit_start_date + Days::new(1)),
            };
            let key = match orders::find_by_guid(ctx.conn, order.id) {
                Ok(stored) => {
                    if stored.customer_id == self.customer && stored.facts() != facts {
                        orders::update_facts(ctx.conn, stored.id, &facts)?;
                        self.counts.changed += 1;
                    }
                    stored.id
                }
                Err(diesel::result::Error::NotFound) => {
                    let id = OrderKey(max_id(ctx.conn, Table::Orders)? + 1);
                    orders::insert_all(
                        ctx.conn,
                        &[NewOrder {
                            id,
                            order_guid: order.id.to_string(),
                            customer_id: self.customer,
                            display_name: facts.display_name,
                            term: facts.term,
                            billing_plan: facts.billing_plan,
                            original_quantity: facts.original_quantity,
                            purchase_date: facts.purchase_date,
                            benefit_start_date: facts.benefit_start_date,
                            expiry_date: facts.expiry_date,
                            currency: order
                                .total
                                .as_ref()
                                .map_or_else(|| "USD".to_string(), |(_, c)| c.clone()),
                            created_at: self.now,
                        }],
                    )?;
                    self.counts.added += 1;
                    id
                }
                Err(e) => return Err(e.into()),
            };
            rows.insert(
                order.id,
                (
                    key,
                    order.total.as_ref().map(|(m, _)| *m),
                    order.original_quantity,
                ),
            );
        }
        Ok(rows)
    }

    /// Reservations, added or updated; the rows Azure listed.
    fn reservations(
        &mut self,
        ctx: &mut Ctx<'_>,
        snapshot: &Snapshot,
        orders: &StoredOrders,
    ) -> Result<Vec<ReservationKey>, Error> {
        let mut seen = Vec::new();
        for remote in &snapshot.reservations {
            let (order, total, original) = match orders.get(&remote.order) {
                Some(found) => *found,
                None => match orders::find_by_guid(ctx.conn, remote.order) {
                    Ok(stored) => (stored.id, None, stored.original_quantity),
                    Err(diesel::result::Error::NotFound) => {
                        self.counts.skipped += 1;
                        continue;
                    }
                    Err(e) => return Err(e.into()),
                },
            };
            let Some(facts) = self.facts(ctx, remote)? else {
                self.counts.skipped += 1;
                continue;
            };
            match reservations::find_by_guid(ctx.conn, remote.id) {
                // Stored under another customer: not this tenant's to change.
                Ok(stored) if stored.customer_id != self.customer => {
                    self.counts.skipped += 1;
                }
                // Changed here while Azure was being read: what was read is
                // older; the next sync compares again.
                Ok(stored) if stored.updated_at >= self.read_from => {
                    seen.push(stored.id);
                }
                Ok(stored) => {
                    let facts = Facts {
                        provisioning_state: merged_state(
                            Some(stored.provisioning_state),
                            remote.state,
                        ),
                        closed_by: facts.closed_by.clone().or(stored.closed_by.clone()),
                        ..facts
                    };
                    let before = stored.facts();
                    if before != facts {
                        reservations::update_facts(ctx.conn, stored.id, &facts, self.now)?;
                        ctx.audit(
                            &NewEntry::new(
                                ctx.actor.audit_name(),
                                Action::SyncChanged,
                                ("reservation", &remote.id.to_string()),
                                &ctx.actor.address,
                                self.now,
                            )
                            .change(describe(&before), describe(&facts)),
                        )?;
                        self.counts.changed += 1;
                    }
                    seen.push(stored.id);
                }
                Err(diesel::result::Error::NotFound) => {
                    let id = ReservationKey(max_id(ctx.conn, Table::Reservations)? + 1);
                    let description = catalogue::find(
                        ctx.conn,
                        remote.resource_type,
                        &remote.sku,
                        &remote.region,
                        crate::domain::reservation::Term::P1Y,
                    )?
                    .map_or_else(|| remote.sku.clone(), |p| p.sku_description);
                    let price = total.map_or(Money::new(Decimal::ZERO), |total| {
                        Money::new(
                            total.amount() * Decimal::from(remote.quantity)
                                / Decimal::from(original.max(1)),
                        )
                        .round2()
                    });
                    reservations::insert_all(
                        ctx.conn,
                        &[NewReservation::with_facts(
                            Placed {
                                id,
                                guid: remote.id,
                                order_id: order,
                                customer_id: self.customer,
                                resource_type: remote.resource_type,
                                sku_description: description,
                            },
                            facts,
                            DbMoney(price),
                            self.now,
                        )],
                    )?;
                    self.counts.added += 1;
                    seen.push(id);
                }
                Err(e) => return Err(e.into()),
            }
        }
        reservations::mark_synced(ctx.conn, &seen, self.now)?;
        Ok(seen)
    }

    /// The stored form of a reservation's facts, with its scope and billing
    /// subscription as rows (none: it names no subscription to bill).
    fn facts(
        &mut self,
        ctx: &mut Ctx<'_>,
        remote: &RemoteReservation,
    ) -> Result<Option<Facts>, Error> {
        let (scope_type, scope_subscription_id, scope_resource_group_id, scope_management_group_id) =
            match &remote.scope {
                RemoteScope::Shared => (ScopeType::Shared, None, None, None),
                RemoteScope::Single {
                    subscription,
                    resource_group,
                } => {
                    let sub = self.subscription(ctx, *subscription, None)?;
                    let group = match resource_group {
                        Some(name) => Some(self.resource_group(ctx, sub, name)?),
                        None => None,
                    };
                    (ScopeType::Single, Some(sub), group, None)
                }
                RemoteScope::ManagementGroup { name } => {
                    let group = self.management_group(ctx, name, None)?;
                    (ScopeType::ManagementGroup, None, None, Some(group))
                }
            };
        // The subscription billed, as Azure names it (or the one the scope
        // names); never a guess, since an exchange bills it again.
        let billing = match remote.billing_subscription {
            Some(guid) => Some(self.subscription(ctx, guid, None)?),
            None => scope_subscription_id,
        };
        let Some(billing_subscription_id) = billing else {
            return Ok(None);
        };
        Ok(Some(Facts {
            display_name: remote.display_name.clone(),
            sku: remote.sku.clone(),
            region: remote.region.clone(),
            quantity: remote.quantity,
            scope_type,
            scope_subscription_id,
            scope_resource_group_id,
            scope_management_group_id,
            billing_subscription_id,
            instance_flexibility: remote.flexibility.map(|f| f.as_str().to_string()),
            renew: remote.renew,
            archived: remote.archived,
            closed_by: remote.closed_by.map(|c| c.as_str().to_string()),
            purchase_date: remote.purchase_date,
            effective_date: remote.effective_date,
            expiry_date: remote.expiry_date.max(remote.effective_date + Days::new(1)),
            provisioning_state: merged_state(None, remote.state),
        }))
    }

    /// Daily utilization, replacing days read again.
    fn days(&mut self, ctx: &mut Ctx<'_>, snapshot: &Snapshot) -> Result<(), Error> {
        let keys: HashMap<_, _> = reservations::keys_of_customer(ctx.conn, self.customer)?
            .into_iter()
            .collect();
        let rows: Vec<NewDay> = snapshot
            .days
            .iter()
            .filter_map(|day| {
                Some(NewDay {
                    reservation_id: *keys.get(&day.reservation)?,
                    day: day.day,
                    permille: day.permille,
                })
            })
            .collect();
        self.counts.days = utilization::upsert_all(ctx.conn, &rows)? as i32;
        Ok(())
    }
}

/// A reservation's facts in words for the activity log.
pub(in crate::app) fn describe(facts: &Facts) -> String {
    format!(
        "{} · {} × {} · {} · {} · renew {} · ends {} · {}{}",
        facts.display_name,
        facts.quantity,
        facts.sku,
        facts.region,
        facts.scope_type,
        if facts.renew { "on" } else { "off" },
        facts.expiry_date,
        facts.provisioning_state,
        if facts.archived { " · archived" } else { "" }
    )
}
