//! Reading customers, for agents who see them: the searchable list, a
//! customer's overview (places and refund allowance), its reservations and
//! its support requests.

use std::collections::HashMap;

use crate::app::reservations::scope_names::ScopeNames;
use crate::app::{Ctx, Error};
use crate::db::customers::{Customer, CustomerListRow, CustomerSort, ListQuery};
use crate::db::keys::ReservationKey;
use crate::db::keys::{CustomerKey, OrderKey};
use crate::db::ledger::RefundRow;
use crate::db::management_groups::ManagementGroup;
use crate::db::requests::{RequestRow, Search};
use crate::db::reservations::{Reservation, ReservationSort};
use crate::db::resource_groups::ResourceGroup;
use crate::db::subscriptions::Subscription;
use crate::db::{self};
use crate::domain::policy::Settings;
use crate::domain::reservation::{BillingPlan, Status, Term};
use crate::domain::roles::Permission;
use crate::domain::utilization::Permille;

/// One page of the customer list matching `search` (in the company name,
/// domain or tenant ID), and how many match.
pub fn list(
    ctx: &mut Ctx<'_>,
    search: &str,
    sort: CustomerSort,
    descending: bool,
    (offset, limit): (i64, i64),
) -> Result<(Vec<CustomerListRow>, i64), Error> {
    ctx.actor.require(Permission::ViewCustomers)?;
    let today = ctx.clock.today();
    Ok(db::customers::list(
        ctx.conn,
        &ListQuery {
            search,
            sort,
            descending,
            offset,
            limit,
            today,
        },
    )?)
}

/// A customer's overview.
pub struct Overview {
    /// The customer.
    pub customer: Customer,
    /// Its subscriptions.
    pub subscriptions: Vec<Subscription>,
    /// Its resource groups.
    pub resource_groups: Vec<ResourceGroup>,
    /// Its management groups.
    pub management_groups: Vec<ManagementGroup>,
    /// Refunds booked within the last 365 days.
    pub refunds: Vec<RefundRow>,
    /// The policy, for the allowance left.
    pub settings: Settings,
}

/// Customer `id`'s overview.
pub fn overview(ctx: &mut Ctx<'_>, id: CustomerKey) -> Result<Overview, Error> {
    ctx.actor.require(Permission::ViewCustomers)?;
    let today = ctx.clock.today();
    Ok(Overview {
        customer: db::customers::find(ctx.conn, id)?,
        subscriptions: db::subscriptions::for_customer(ctx.conn, id)?,
        resource_groups: db::resource_groups::for_customer(ctx.conn, id)?,
        management_groups: db::management_groups::for_customer(ctx.conn, id)?,
        refunds: db::ledger::recent_refunds(ctx.conn, id, today)?,
        settings: db::settings::load(ctx.conn)?,
    })
}

/// Customer `id` and its support requests, newest first.
pub fn requests(ctx: &mut Ctx<'_>, id: CustomerKey) -> Result<(Customer, Vec<RequestRow>), Error> {
    ctx.actor.require(Permission::ViewCustomers)?;
    let customer = db::customers::find(ctx.conn, id)?;
    let (rows, _) = db::requests::list(
        ctx.conn,
        &db::requests::ListQuery {
            status: None,
            customer_id: Some(id),
            search: Search::All,
            offset: 0,
            limit: 200,
        },
    )?;
    Ok((customer, rows))
}

/// One page of a customer's reservations with what their rows show.
pub struct Reservations {
    /// The customer.
    pub customer: Customer,
    /// The page's reservations.
    pub rows: Vec<Reservation>,
    /// How many match.
    pub total: i64,
    /// Each one's utilization over the last 30 days, by row.
    pub averages: HashMap<ReservationKey, Permille>,
    /// Each order's term and plan, by order row.
    pub plans: HashMap<OrderKey, (Term, BillingPlan)>,
    /// The names of the customer's places.
    pub names: ScopeNames,
}

/// One page of customer `id`'s reservations, of `status` when given,
/// archived ones only when `archived_too`.
pub fn reservations(
    ctx: &mut Ctx<'_>,
    id: CustomerKey,
    (status, archived_too): (Option<Status>, bool),
    (sort, descending): (ReservationSort, bool),
    (offset, limit): (i64, i64),
) -> Result<Reservations, Error> {
    ctx.actor.require(Permission::ViewCustomers)?;
    let today = ctx.clock.today();
    let customer = db::customers::find(ctx.conn, id)?;
    let (rows, total) = db::reservations::list_for_customer(
        ctx.conn,
        &db::reservations::ListQuery {
            customer_id: id,
            status,
            sort,
            descending,
            offset,
            limit,
            today,
            archived_too,
        },
    )?;
    let ids: Vec<ReservationKey> = rows.iter().map(|r| r.id).collect();
    let averages = db::utilization::thirty_day_averages(ctx.conn, &ids, today)?;
    let order_ids: Vec<OrderKey> = rows.iter().map(|r| r.order_id).collect();
    let plans = db::orders::plans_for(ctx.conn, &order_ids)?;
    let names = ScopeNames::load(ctx.conn, id)?;
    Ok(Reservations {
        customer,
        rows,
        total,
        averages,
        plans,
        names,
    })
}
