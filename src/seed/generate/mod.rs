//! The generator behind both data sets: customers with their subscriptions,
//! resource groups and management groups, reservations covering every type,
//! term, plan, scope and status, and 90 days of daily utilization with
//! recognisable patterns (busy, idle, falling, middling, rising).

mod usage;

use usage::utilization;

use chrono::{Days, Months, NaiveDate, NaiveDateTime, NaiveTime};
use rand::Rng;
use rand::rngs::StdRng;
use rust_decimal::Decimal;
use uuid::Builder;

use super::catalogue::{REGIONS, SKUS, unit_price};
use super::names::{COUNTRIES, short, slug, type_prefix};
use super::{Counts, SeedError};
use crate::db::Conn;
use crate::db::columns::DbMoney;
use crate::db::keys::{CustomerKey, OrderKey, ReservationKey};
use crate::db::{self, Table};
use crate::domain::money::{Money, round2};
use crate::domain::reservation::{BillingPlan, ProvisioningState, ResourceType, ScopeType, Term};
use crate::domain::roles::ReservationRole;

/// Reservations per customer of a benchmark data set.
pub const RESERVATIONS_PER_BULK_CUSTOMER: usize = 10;
/// Days of utilization history.
const HISTORY_DAYS: u64 = 90;

const ENVIRONMENTS: &[(&str, &str)] = &[
    ("Production", "prod"),
    ("Development", "dev"),
    ("Shared Services", "shared"),
];
const GROUPS: &[&str] = &[
    "rg-web",
    "rg-data",
    "rg-network",
    "rg-analytics",
    "rg-identity",
];

/// All rows of one batch of customers, numbered in advance.
#[derive(Default)]
struct Batch {
    customers: Vec<db::customers::NewCustomer>,
    subscriptions: Vec<db::subscriptions::NewSubscription>,
    groups: Vec<db::resource_groups::NewResourceGroup>,
    management_groups: Vec<db::management_groups::NewManagementGroup>,
    orders: Vec<db::orders::NewOrder>,
    reservations: Vec<db::reservations::NewReservation>,
    days: Vec<db::utilization::NewDay>,
    assignments: Vec<db::role_assignments::NewAssignment>,
}

/// The next free row ID of each table.
struct NextIds {
    customer: i64,
    subscription: i64,
    group: i64,
    management_group: i64,
    order: i64,
    reservation: i64,
}

impl NextIds {
    fn read(conn: &mut Conn) -> diesel::QueryResult<NextIds> {
        Ok(NextIds {
            customer: db::max_id(conn, Table::Customers)? + 1,
            subscription: db::max_id(conn, Table::Subscriptions)? + 1,
            group: db::max_id(conn, Table::ResourceGroups)? + 1,
            management_group: db::max_id(conn, Table::ManagementGroups)? + 1,
            order: db::max_id(conn, Table::Orders)? + 1,
            reservation: db::max_id(conn, Table::Reservations)? + 1,
        })
    }
}

fn guid(rng: &mut StdRng) -> String {
    Builder::from_random_bytes(rng.random())
        .into_uuid()
        .hyphenated()
        .to_string()
}

fn take(counter: &mut i64) -> i64 {
    let id = *counter;
    *counter += 1;
    id
}

/// Generates and inserts customers with everything under them.
pub fn customers(
    conn: &mut Conn,
    rng: &mut StdRng,
    companies: &[String],
    reservations_each: usize,
    today: NaiveDate,
) -> Result<Counts, SeedError> {
    let mut ids = NextIds::read(conn)?;
    let mut batch = Batch::default();
    for company in companies {
        customer(&mut batch, &mut ids, rng, company, reservations_each, today);
    }
    db::customers::insert_all(conn, &batch.customers)?;
    db::subscriptions::insert_all(conn, &batch.subscriptions)?;
    db::resource_groups::insert_all(conn, &batch.groups)?;
    db::management_groups::insert_all(conn, &batch.management_groups)?;
    db::orders::insert_all(conn, &batch.orders)?;
    db::reservations::insert_all(conn, &batch.reservations)?;
    db::utilization::insert_all(conn, &batch.days)?;
    db::role_assignments::insert_all(conn, &batch.assignments)?;
    Ok(Counts {
        customers: batch.customers.len(),
        reservations: batch.reservations.len(),
        utilization_days: batch.days.len(),
    })
}

/// Where a generated reservation stands on `today`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fate {
    Active,
    Expiring,
    Expired,
    Cancelled,
}

/// The purchase shared by the reservations of one order.
#[derive(Clone, Copy)]
struct Purchase {
    order_id: OrderKey,
    sku: usize,
    region: usize,
    term: Term,
    fate: Fate,
    effective: NaiveDate,
    expiry: NaiveDate,
}

fn customer(
    batch: &mut Batch,
    ids: &mut NextIds,
    rng: &mut StdRng,
    company: &str,
    reservations: usize,
    today: NaiveDate,
) {
    let customer_id = CustomerKey(take(&mut ids.customer));
    let (country, tld) = COUNTRIES[rng.random_range(0..COUNTRIES.len())];
    let created = midnight(today - Days::new(rng.random_range(400..1500)));
    batch.customers.push(db::customers::NewCustomer {
        id: customer_id,
        tenant_id: guid(rng),
        company_name: company.to_string(),
        domain: format!("{}.{tld}", slug(company)),
        country: country.to_string(),
        created_at: created,
    });
    let subscription_count = rng.random_range(2..=ENVIRONMENTS.len());
    let mut subscriptions = Vec::new();
    let mut groups: Vec<(i64, i64)> = Vec::new();
    for (env, env_short) in &ENVIRONMENTS[..subscription_count] {
        let subscription_id = take(&mut ids.subscription);
        batch
            .subscriptions
            .push(db::subscriptions::NewSubscription {
                id: subscription_id,
                subscription_guid: guid(rng),
                customer_id,
                display_name: format!("{company} {env}"),
            });
        subscriptions.push((subscription_id, *env_short));
        for group in &GROUPS[..rng.random_range(2..=3)] {
            let group_id = take(&mut ids.group);
            batch.groups.push(db::resource_groups::NewResourceGroup {
                id: group_id,
                subscription_id,
                name: format!("{group}-{env_short}"),
            });
            groups.push((group_id, subscription_id));
        }
    }
    let mut management_groups = Vec::new();
    for (label, key) in [("Root", "root"), ("Production", "prod")] {
        let group_id = take(&mut ids.management_group);
        batch
            .management_groups
            .push(db::management_groups::NewManagementGroup {
                id: group_id,
                customer_id,
                group_name: format!("mg-{}-{customer_id}-{key}", short(company)),
                display_name: format!("{company} {label}"),
            });
        management_groups.push(group_id);
    }
    let mut purchase: Option<Purchase> = None;
    for k in 0..reservations {
        let g = ids.reservation;
        // The first two reservations of a customer share one order (a split
        // purchase), so look-up by order ID has orders with several.
        let p = match (k, purchase) {
            (1, Some(p)) => p,
            _ => new_purchase(batch, ids, rng, customer_id, today),
        };
        purchase = Some(p);
        let sku = &SKUS[p.sku];
        let (region, factor) = REGIONS[p.region];
        let (billing_id, env_short) = subscriptions[rng.random_range(0..subscriptions.len())];
        let (scope_type, scope_subscription, scope_group, scope_mg) = match g % 4 {
            0 => (ScopeType::Single, Some(billing_id), None, None),
            1 => {
                let (group_id, subscription_id) = groups[rng.random_range(0..groups.len())];
                (
                    ScopeType::Single,
                    Some(subscription_id),
                    Some(group_id),
                    None,
                )
            }
            2 => (ScopeType::Shared, None, None, None),
            _ => (
                ScopeType::ManagementGroup,
                None,
                None,
                Some(management_groups[rng.random_range(0..management_groups.len())]),
            ),
        };
        let max_quantity = if matches!(
            sku.resource_type,
            ResourceType::DedicatedHost
                | ResourceType::BlockBlob
                | ResourceType::Databricks
                | ResourceType::SynapseAnalytics
        ) {
            2
        } else {
            10
        };
        let quantity: i32 = rng.random_range(1..=max_quantity);
        // What was paid then differs a little from today's catalogue.
        let drift = Decimal::new(rng.random_range(92..=110), 2);
        let price = Money::new(round2(
            unit_price(sku, factor, p.term).amount() * Decimal::from(quantity) * drift,
        ));
        let flexibility = sku
            .resource_type
            .has_instance_flexibility()
            .then(|| if rng.random_bool(0.8) { "On" } else { "Off" }.to_string());
        let state = if p.fate == Fate::Cancelled {
            ProvisioningState::Cancelled
        } else {
            ProvisioningState::Succeeded
        };
        let reservation_id = ReservationKey(take(&mut ids.reservation));
        // One that has expired and was set to renew would have its renewal
        // already: the data set has none of those.
        let renew = rng.random_bool(0.35) && p.expiry > today;
        batch.reservations.push(db::reservations::NewReservation {
            id: reservation_id,
            reservation_guid: guid(rng),
            order_id: p.order_id,
            customer_id,
            display_name: format!(
                "{}-{env_short}-{region}-{:02}",
                type_prefix(sku.resource_type),
                k + 1
            ),
            resource_type: sku.resource_type,
            sku: sku.name.to_string(),
            sku_description: sku.description.to_string(),
            region: region.to_string(),
            quantity,
            scope_type,
            scope_subscription_id: scope_subscription,
            scope_resource_group_id: scope_group,
            scope_management_group_id: scope_mg,
            billing_subscription_id: billing_id,
            instance_flexibility: flexibility,
            renew,
            archived: false,
            closed_by: None,
            renew_term: None,
            renew_billing_plan: None,
            renew_quantity: None,
            purchase_date: p.effective,
            effective_date: p.effective,
            expiry_date: p.expiry,
            provisioning_state: state,
            purchase_price: DbMoney(price),
            updated_at: midnight(p.effective),
        });
        utilization(batch, rng, reservation_id, g, &p, today);
        // Every reservation has an Owner at the customer; some have more people.
        let domain = batch
            .customers
            .last()
            .map(|c| c.domain.clone())
            .unwrap_or_default();
        let mut assign = |who: &str, role: ReservationRole| {
            batch.assignments.push(db::role_assignments::NewAssignment {
                reservation_id,
                principal_email: format!("{who}@{domain}"),
                role,
                assigned_by: "partner".into(),
                assigned_at: midnight(p.effective),
            });
        };
        assign("it-admin", ReservationRole::Owner);
        if g % 3 == 0 {
            assign("finance", ReservationRole::Reader);
        }
        if g % 5 == 0 {
            assign("cloud-ops", ReservationRole::Contributor);
        }
    }
}

fn new_purchase(
    batch: &mut Batch,
    ids: &mut NextIds,
    rng: &mut StdRng,
    customer_id: CustomerKey,
    today: NaiveDate,
) -> Purchase {
    // Orders are numbered one after another, so cycling through SKUs, terms,
    // plans and fates by order number covers every combination.
    let g = ids.order as usize;
    let sku = g % SKUS.len();
    let term = Term::ALL[(g / SKUS.len()) % Term::ALL.len()];
    let plan = BillingPlan::ALL[(g / 5) % BillingPlan::ALL.len()];
    let fate = match (g * 3 + g / 10) % 10 {
        0 => Fate::Expiring,
        1 | 2 => Fate::Expired,
        3 => Fate::Cancelled,
        _ => Fate::Active,
    };
    let term_days = (term.expiry_from(today) - today).num_days() as u64;
    let effective = match fate {
        Fate::Active | Fate::Cancelled => {
            today
                - Days::new(
                    rng.random_range(0..=term_days - 45)
                        .max(rng.random_range(60..=120)),
                )
        }
        Fate::Expiring => back_one_term(today + Days::new(rng.random_range(3..=28)), term),
        Fate::Expired => back_one_term(today - Days::new(rng.random_range(0..=60)), term),
    };
    let expiry = term.expiry_from(effective);
    let order_id = OrderKey(take(&mut ids.order));
    let created =
        midnight(effective) + chrono::Duration::minutes(rng.random_range(8 * 60..18 * 60));
    batch.orders.push(db::orders::NewOrder {
        id: order_id,
        order_guid: guid(rng),
        customer_id,
        display_name: format!(
            "{}_RI_{}",
            type_prefix(SKUS[sku].resource_type).to_uppercase(),
            created.format("%m-%d-%Y_%H-%M")
        ),
        term,
        billing_plan: plan,
        original_quantity: 1,
        purchase_date: effective,
        benefit_start_date: effective,
        expiry_date: expiry,
        currency: "USD".into(),
        created_at: created,
    });
    Purchase {
        order_id,
        sku,
        region: rng.random_range(0..REGIONS.len()),
        term,
        fate,
        effective,
        expiry,
    }
}

fn back_one_term(expiry: NaiveDate, term: Term) -> NaiveDate {
    expiry
        .checked_sub_months(Months::new(term.months()))
        .unwrap_or(expiry)
}

fn midnight(day: NaiveDate) -> NaiveDateTime {
    day.and_time(NaiveTime::MIN)
}
