//! A file's rows checked against what is stored: the customers they name,
//! and reservations, orders and subscriptions that belong to another
//! customer already.

use std::collections::HashMap;

use crate::db::keys::CustomerKey;
use crate::db::orders::Order;
use crate::db::reservations::Reservation;
use crate::db::subscriptions::Subscription;
use crate::db::{Conn, customers, orders, reservations, subscriptions};
use crate::domain::ids::{OrderId, ReservationId, SubscriptionGuid, TenantId};
use crate::domain::import::columns::{Columns, Field};
use crate::domain::import::{ImportRow, Problem, RowProblem, Scope};

/// What is stored of what the rows name.
pub(super) struct Known {
    /// Stored customers by tenant.
    pub customers: HashMap<TenantId, (CustomerKey, String)>,
    /// Stored reservations by GUID.
    pub reservations: HashMap<ReservationId, Reservation>,
    /// Stored orders by GUID.
    pub orders: HashMap<OrderId, Order>,
    /// Stored subscriptions by GUID.
    pub subscriptions: HashMap<SubscriptionGuid, Subscription>,
}

/// Reads what is stored of what `rows` name, in batches.
pub(super) fn known(conn: &mut Conn, rows: &[ImportRow]) -> diesel::QueryResult<Known> {
    let mut tenants: Vec<TenantId> = rows.iter().map(|r| r.tenant).collect();
    tenants.sort();
    tenants.dedup();
    let mut customers = HashMap::new();
    for tenant in tenants {
        if let Some(c) = customers::find_by_tenant(conn, tenant)? {
            customers.insert(tenant, (c.id, c.company_name));
        }
    }
    let ids: Vec<String> = rows.iter().map(|r| r.id.to_string()).collect();
    let mut order_ids: Vec<String> = rows.iter().map(|r| r.order.to_string()).collect();
    order_ids.sort();
    order_ids.dedup();
    let mut subs: Vec<String> = rows
        .iter()
        .flat_map(|r| [Some(r.billing), scope_subscription(r)])
        .flatten()
        .map(|s| s.to_string())
        .collect();
    subs.sort();
    subs.dedup();
    Ok(Known {
        customers,
        reservations: reservations::by_guids(conn, &ids)?
            .into_iter()
            .map(|r| (r.reservation_guid, r))
            .collect(),
        orders: orders::by_guids(conn, &order_ids)?
            .into_iter()
            .map(|o| (o.order_guid, o))
            .collect(),
        subscriptions: subscriptions::by_guids(conn, &subs)?
            .into_iter()
            .map(|s| (s.subscription_guid, s))
            .collect(),
    })
}

/// The subscription a row's scope names, if any.
pub(super) fn scope_subscription(row: &ImportRow) -> Option<SubscriptionGuid> {
    match row.scope {
        Scope::Single(sub, _) => Some(sub),
        _ => None,
    }
}

/// Problems of `rows` against what is stored: a tenant neither stored nor
/// named, and reservations, orders or subscriptions of another customer
/// (stored, or earlier in the file).
pub(super) fn problems(known: &Known, rows: &[ImportRow], columns: &Columns) -> Vec<RowProblem> {
    let named: std::collections::HashSet<TenantId> = rows
        .iter()
        .filter(|r| r.customer.is_some())
        .map(|r| r.tenant)
        .collect();
    // Whose each subscription is: stored, or the first row naming it.
    let mut owners: HashMap<SubscriptionGuid, Owner> = known
        .subscriptions
        .iter()
        .map(|(guid, s)| (*guid, Owner::Stored(s.customer_id)))
        .collect();
    let mut problems = Vec::new();
    for row in rows {
        let mut note = |field: Field, value: String, problem: Problem| {
            problems.push(RowProblem {
                line: row.line,
                column: columns.heading(field),
                value,
                problem,
            });
        };
        let customer = known.customers.get(&row.tenant).map(|(key, _)| *key);
        if customer.is_none() && !named.contains(&row.tenant) {
            note(
                Field::Tenant,
                row.tenant.to_string(),
                Problem::UnknownTenant,
            );
        }
        let theirs = |stored: CustomerKey| Some(stored) == customer;
        if let Some(stored) = known.reservations.get(&row.id) {
            if !theirs(stored.customer_id) {
                note(
                    Field::Reservation,
                    row.id.to_string(),
                    Problem::OtherCustomer,
                );
            } else if known.orders.get(&row.order).map(|o| o.id) != Some(stored.order_id) {
                note(Field::Order, row.order.to_string(), Problem::OtherOrder);
            }
        }
        if let Some(stored) = known.orders.get(&row.order)
            && !theirs(stored.customer_id)
        {
            note(Field::Order, row.order.to_string(), Problem::OtherCustomer);
        }
        for (field, sub) in [
            (Field::ScopeSubscription, scope_subscription(row)),
            (Field::BillingSubscription, Some(row.billing)),
        ] {
            let Some(sub) = sub else { continue };
            let owner = owners.entry(sub).or_insert(Owner::InFile(row.tenant));
            let ok = match owner {
                Owner::Stored(key) => theirs(*key),
                Owner::InFile(tenant) => *tenant == row.tenant,
            };
            if !ok {
                let field = if columns.has(field) {
                    field
                } else {
                    Field::AppliedScope
                };
                note(field, sub.to_string(), Problem::OtherCustomer);
            }
        }
    }
    problems
}

/// Whose a subscription is.
enum Owner {
    /// A stored customer's.
    Stored(CustomerKey),
    /// The tenant of the first row naming it.
    InFile(TenantId),
}
