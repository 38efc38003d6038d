//! Writing an import: every row of the file in one transaction, checked
//! again against what is stored then; customers, subscriptions, groups,
//! orders and reservations added in batches, stored ones updated.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use rust_decimal::Decimal;

use super::check::{self, Known};
use super::{Ctx, Error, Refusal, allowed};
use crate::db::audit::NewEntry;
use crate::db::columns::DbMoney;
use crate::db::keys::{CustomerKey, OrderKey, ReservationKey};
use crate::db::orders::{NewOrder, OrderFacts};
use crate::db::reservations::{Facts, NewReservation, Placed};
use crate::db::{Table, catalogue, imports, max_id, orders, reservations};
use crate::domain::audit::Action;
use crate::domain::ids::{OrderId, SubscriptionGuid, TenantId};
use crate::domain::import::file::{self, Reading};
use crate::domain::import::{ImportRow, Scope, kept_state};
use crate::domain::money::Money;
use crate::domain::reservation::{InstanceFlexibility, ProvisioningState, ResourceType, ScopeType};

/// What an import wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Written {
    /// Reservations added.
    pub added: i32,
    /// Reservations changed.
    pub changed: i32,
}

/// Imports upload `id` (marked `Importing` by [`super::start`] at
/// `started`, the run's token) in one transaction; `progress` hears how
/// many rows are written, now and then. When it cannot, nothing of it is
/// written and the upload is marked failed with the reason (and, when its
/// rows have problems now, with them).
pub fn run(
    ctx: &mut Ctx<'_>,
    id: i64,
    started: NaiveDateTime,
    progress: &dyn Fn(usize),
) -> Result<Written, Error> {
    allowed(ctx)?;
    let mut found_again = None;
    let result = import(ctx, (id, started), progress, &mut found_again);
    if let Err(e) = &result {
        let reason = match e {
            Error::Refused(r) => r.message_id(),
            other => {
                tracing::error!(import = id, cause = %other, "an import failed");
                "import-failed"
            }
        };
        let at = ctx.clock.now();
        imports::fail(ctx.conn, (id, started), reason, found_again.as_deref(), at)?;
    }
    result
}

fn import(
    ctx: &mut Ctx<'_>,
    run: (i64, NaiveDateTime),
    progress: &dyn Fn(usize),
    found_again: &mut Option<String>,
) -> Result<Written, Error> {
    let (id, _) = run;
    let upload = imports::find(ctx.conn, id)?.ok_or(Error::NotFound)?;
    let body = imports::body(ctx.conn, id)?;
    let chosen: Option<TenantId> = upload.chosen_tenant.as_deref().and_then(|t| t.parse().ok());
    let reading = file::read(&body, chosen, &mut |_| {}).map_err(|_| Refusal::ImportProblems)?;
    drop(body);
    let name = upload.file_name;
    // The rows are checked again against what is stored inside the
    // transaction (`write_rows`): what changed since the preview shows.
    let written = if reading.problem_count > 0 {
        Err(Refusal::ImportProblems.into())
    } else {
        ctx.transaction(|ctx| {
            let written = write_rows(ctx, &reading, progress)?;
            let now = ctx.clock.now();
            // Another run took this one over (it was thought stopped):
            // this one writes nothing.
            if !imports::finish(ctx.conn, run, (written.added, written.changed), now)? {
                return Err(Refusal::ImportDone.into());
            }
            audit(ctx, (Some(id), &name), written)?;
            Ok(written)
        })
    };
    // Problems found now are shown as the upload's.
    if let Err(Error::Refused(Refusal::ImportProblems)) = &written {
        let preview = super::preview_of(ctx, reading)?;
        *found_again = Some(serde_json::to_string(&preview).map_err(Error::internal)?);
    }
    written
}

/// Records the import of `file` (upload `id`, or none from the command
/// line) in the audit log.
pub(super) fn audit(
    ctx: &mut Ctx<'_>,
    (id, file): (Option<i64>, &str),
    written: Written,
) -> Result<(), Error> {
    let now = ctx.clock.now();
    ctx.audit(
        &NewEntry::new(
            ctx.actor.audit_name(),
            Action::ReservationsImported,
            (
                "import",
                &id.map_or_else(|| "command line".into(), |id| id.to_string()),
            ),
            &ctx.actor.address,
            now,
        )
        .change(
            file,
            format!("{} added, {} changed", written.added, written.changed),
        ),
    )
}

/// Writes the rows of `reading` (already without problems) inside the
/// caller's transaction, after checking them again against what is stored.
pub(super) fn write_rows(
    ctx: &mut Ctx<'_>,
    reading: &Reading,
    progress: &dyn Fn(usize),
) -> Result<Written, Error> {
    let rows = &reading.rows;
    let known = check::known(ctx.conn, rows)?;
    if !check::problems(&known, rows, &reading.columns).is_empty() {
        return Err(Refusal::ImportProblems.into());
    }
    let mut writer = Writer {
        now: ctx.clock.now(),
        written: Written::default(),
        customers: known
            .customers
            .iter()
            .map(|(tenant, (key, _))| (*tenant, *key))
            .collect(),
        subscriptions: known
            .subscriptions
            .iter()
            .map(|(guid, s)| (*guid, s.id))
            .collect(),
        groups: HashMap::new(),
        management_groups: HashMap::new(),
        descriptions: HashMap::new(),
        changed_orders: HashMap::new(),
    };
    writer.customers(ctx, rows)?;
    writer.subscriptions(ctx, rows)?;
    writer.groups(ctx, rows)?;
    let orders = writer.orders(ctx, rows, &known)?;
    writer.reservations(ctx, rows, &known, &orders, progress)?;
    Ok(writer.written)
}

/// What an import has written so far, and the rows of what it stored.
pub(super) struct Writer {
    pub(super) now: chrono::NaiveDateTime,
    pub(super) written: Written,
    /// Customers by tenant.
    pub(super) customers: HashMap<TenantId, CustomerKey>,
    /// Subscriptions by GUID.
    pub(super) subscriptions: HashMap<SubscriptionGuid, i64>,
    /// Resource groups by subscription row and lower-case name.
    pub(super) groups: HashMap<(i64, String), i64>,
    /// Management groups by customer and lower-case name.
    pub(super) management_groups: HashMap<(CustomerKey, String), i64>,
    /// SKU descriptions from the catalogue.
    pub(super) descriptions: HashMap<(ResourceType, String, String), String>,
    /// Stored orders the file changes: the order before and after, in words.
    pub(super) changed_orders: HashMap<OrderId, (String, String)>,
}

impl Writer {
    /// Orders added (their quantity the sum of their rows') or updated;
    /// each order's row.
    fn orders(
        &mut self,
        ctx: &mut Ctx<'_>,
        rows: &[ImportRow],
        known: &Known,
    ) -> Result<HashMap<OrderId, OrderKey>, Error> {
        let mut keys = HashMap::new();
        let mut next = max_id(ctx.conn, Table::Orders)?;
        let mut new: Vec<NewOrder> = Vec::new();
        let mut at: HashMap<OrderId, usize> = HashMap::new();
        for row in rows {
            if let Some(stored) = known.orders.get(&row.order) {
                if keys.insert(row.order, stored.id).is_none() {
                    let facts = OrderFacts {
                        term: row.term,
                        billing_plan: row.billing_plan,
                        purchase_date: row.purchase_date,
                        benefit_start_date: row.effective_date,
                        expiry_date: row.expiry_date,
                        ..stored.facts()
                    };
                    if facts != stored.facts() {
                        orders::update_facts(ctx.conn, stored.id, &facts)?;
                        self.changed_orders.insert(
                            row.order,
                            (describe_order(&stored.facts()), describe_order(&facts)),
                        );
                    }
                }
                continue;
            }
            if let Some(index) = at.get(&row.order) {
                new[*index].original_quantity += row.quantity;
                continue;
            }
            next += 1;
            keys.insert(row.order, OrderKey(next));
            at.insert(row.order, new.len());
            new.push(NewOrder {
                id: OrderKey(next),
                order_guid: row.order.to_string(),
                customer_id: self.customers[&row.tenant],
                display_name: row.name.clone(),
                term: row.term,
                billing_plan: row.billing_plan,
                original_quantity: row.quantity,
                purchase_date: row.purchase_date,
                benefit_start_date: row.effective_date,
                expiry_date: row.expiry_date,
                currency: row.currency.clone().unwrap_or_else(|| "USD".into()),
                created_at: self.now,
            });
        }
        orders::insert_all(ctx.conn, &new)?;
        Ok(keys)
    }

    /// Reservations added in batches, or updated (each change in the
    /// reservation's activity).
    fn reservations(
        &mut self,
        ctx: &mut Ctx<'_>,
        rows: &[ImportRow],
        known: &Known,
        orders: &HashMap<OrderId, OrderKey>,
        progress: &dyn Fn(usize),
    ) -> Result<(), Error> {
        let mut next = max_id(ctx.conn, Table::Reservations)?;
        let mut new = Vec::with_capacity(crate::db::BATCH_ROWS);
        for (done, row) in rows.iter().enumerate() {
            let facts = self.facts(row, known.reservations.get(&row.id));
            if let Some(stored) = known.reservations.get(&row.id) {
                let before = stored.facts();
                let order = self.changed_orders.get(&row.order);
                if before != facts || order.is_some() {
                    if before != facts {
                        reservations::update_facts(ctx.conn, stored.id, &facts, self.now)?;
                    }
                    // The reservation's own facts, then its order's terms.
                    let words = |own: String, order: Option<&String>| match order {
                        Some(order) => format!("{own} · order: {order}"),
                        None => own,
                    };
                    ctx.audit(
                        &NewEntry::new(
                            ctx.actor.audit_name(),
                            Action::ImportChanged,
                            ("reservation", &row.id.to_string()),
                            &ctx.actor.address,
                            self.now,
                        )
                        .change(
                            words(crate::app::sync::describe(&before), order.map(|o| &o.0)),
                            words(crate::app::sync::describe(&facts), order.map(|o| &o.1)),
                        ),
                    )?;
                    self.written.changed += 1;
                }
            } else {
                next += 1;
                let description = self.description(ctx, row)?;
                let placed = Placed {
                    id: ReservationKey(next),
                    guid: row.id,
                    order_id: orders[&row.order],
                    customer_id: self.customers[&row.tenant],
                    resource_type: row.resource_type,
                    sku_description: description,
                };
                let price = DbMoney(Money::new(row.price.unwrap_or(Decimal::ZERO)));
                new.push(NewReservation::with_facts(placed, facts, price, self.now));
                self.written.added += 1;
                if new.len() == crate::db::BATCH_ROWS {
                    reservations::insert_all(ctx.conn, &new)?;
                    new.clear();
                }
            }
            if (done + 1).is_multiple_of(1_000) {
                progress(done + 1);
            }
        }
        reservations::insert_all(ctx.conn, &new)?;
        progress(rows.len());
        Ok(())
    }

    /// The stored form of a row's facts (a stored reservation keeps whether
    /// it is archived, and what closed it).
    fn facts(
        &self,
        row: &ImportRow,
        stored: Option<&crate::db::reservations::Reservation>,
    ) -> Facts {
        let (scope_type, sub, group, management) = match &row.scope {
            Scope::Shared => (ScopeType::Shared, None, None, None),
            Scope::Single(sub, group) => {
                let sub = self.subscriptions[sub];
                let group = group
                    .as_ref()
                    .map(|name| self.groups[&(sub, name.to_lowercase())]);
                (ScopeType::Single, Some(sub), group, None)
            }
            Scope::ManagementGroup(name) => {
                let key = (self.customers[&row.tenant], name.to_lowercase());
                (
                    ScopeType::ManagementGroup,
                    None,
                    None,
                    Some(self.management_groups[&key]),
                )
            }
        };
        Facts {
            display_name: row.name.clone(),
            sku: row.sku.clone(),
            region: row.region.clone(),
            quantity: row.quantity,
            scope_type,
            scope_subscription_id: sub,
            scope_resource_group_id: group,
            scope_management_group_id: management,
            billing_subscription_id: self.subscriptions[&row.billing],
            // What the file leaves out keeps what is stored, or the
            // portal's default for a new reservation.
            instance_flexibility: match (row.flexibility, stored) {
                (Some(given), _) => Some(given.as_str().to_string()),
                (None, Some(stored)) => stored.instance_flexibility.clone(),
                (None, None) => row
                    .resource_type
                    .has_instance_flexibility()
                    .then(|| InstanceFlexibility::On.as_str().to_string()),
            },
            renew: row.renew.or(stored.map(|s| s.renew)).unwrap_or(false),
            archived: stored.is_some_and(|s| s.archived),
            closed_by: stored.and_then(|s| s.closed_by.clone()),
            purchase_date: row.purchase_date,
            effective_date: row.effective_date,
            expiry_date: row.expiry_date,
            provisioning_state: match stored {
                Some(s) => kept_state(s.provisioning_state, s.closed_by.is_some(), row.state),
                None => row.state.unwrap_or(ProvisioningState::Succeeded),
            },
        }
    }

    /// The catalogue's description of a row's SKU (its name when the
    /// catalogue has none).
    fn description(&mut self, ctx: &mut Ctx<'_>, row: &ImportRow) -> Result<String, Error> {
        let key = (row.resource_type, row.sku.clone(), row.region.clone());
        if let Some(found) = self.descriptions.get(&key) {
            return Ok(found.clone());
        }
        let found = catalogue::find(ctx.conn, row.resource_type, &row.sku, &row.region, row.term)?
            .map_or_else(|| row.sku.clone(), |p| p.sku_description);
        self.descriptions.insert(key, found.clone());
        Ok(found)
    }
}

/// An order's terms in words for the activity log.
fn describe_order(facts: &OrderFacts) -> String {
    format!(
        "{} · {} · bought {} · from {} · ends {}",
        facts.term,
        facts.billing_plan,
        facts.purchase_date,
        facts.benefit_start_date,
        facts.expiry_date
    )
}
