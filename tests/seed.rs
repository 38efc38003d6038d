//! The demo and benchmark data sets.

use std::collections::BTreeSet;

use chrono::{Days, NaiveDate};
use diesel::prelude::*;
use partner_dashboard::db::schema::{
    customers, reservation_orders, reservation_utilization as util, reservations, users,
};
use partner_dashboard::db::{self, DbPool};
use partner_dashboard::domain::reservation::{ProvisioningState, ResourceType, Status};
use partner_dashboard::seed::{self, DemoOutcome};

/// Type, term, plan, scope type, state, scope resource group, expiry.
type Row = (
    String,
    String,
    String,
    String,
    String,
    Option<i64>,
    NaiveDate,
);

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).expect("date")
}

fn pinned() -> partner_dashboard::app::Clock {
    partner_dashboard::app::Clock::pinned(today())
}

fn fresh(dir: &tempfile::TempDir, name: &str) -> DbPool {
    db::open(&db::scratch(dir.path(), name), 1).expect("open")
}

#[test]
fn demo_covers_every_type_term_plan_scope_and_status() {
    let dir = tempfile::tempdir().expect("dir");
    let pool = fresh(&dir, "demo.db");
    let mut conn = pool.get().expect("conn");
    assert_eq!(
        seed::demo(&mut conn, pinned()).expect("demo"),
        DemoOutcome::Created
    );

    let customers: i64 = customers::table
        .count()
        .get_result(&mut conn)
        .expect("count");
    assert!(customers >= 25);
    let rows: Vec<Row> = reservations::table
        .inner_join(reservation_orders::table)
        .select((
            reservations::resource_type,
            reservation_orders::term,
            reservation_orders::billing_plan,
            reservations::scope_type,
            reservations::provisioning_state,
            reservations::scope_resource_group_id,
            reservations::expiry_date,
        ))
        .load(&mut conn)
        .expect("reservations");
    assert!(rows.len() >= 150, "{} reservations", rows.len());
    let types: BTreeSet<_> = rows.iter().map(|r| r.0.clone()).collect();
    assert_eq!(types.len(), ResourceType::ALL.len(), "{types:?}");
    let terms: BTreeSet<_> = rows.iter().map(|r| r.1.clone()).collect();
    assert_eq!(terms, ["P1Y", "P3Y", "P5Y"].map(String::from).into());
    let plans: BTreeSet<_> = rows.iter().map(|r| r.2.clone()).collect();
    assert_eq!(plans, ["Monthly", "Upfront"].map(String::from).into());
    let scopes: BTreeSet<_> = rows.iter().map(|r| (r.3.clone(), r.5.is_some())).collect();
    assert_eq!(
        scopes.len(),
        4,
        "single subscription, resource group, shared, management group: {scopes:?}"
    );
    let statuses: BTreeSet<_> = rows
        .iter()
        .map(|r| Status::of(ProvisioningState::parse(&r.4).expect("state"), r.6, today()).key())
        .collect();
    assert_eq!(
        statuses,
        ["active", "cancelled", "expired", "expiring"].into()
    );

    // 90 days of history, with idle, busy and falling patterns among them.
    let oldest: Option<NaiveDate> = util::table
        .select(diesel::dsl::min(util::day))
        .first(&mut conn)
        .expect("min");
    assert_eq!(oldest, Some(today() - Days::new(90)));
    let yesterday: Vec<i32> = util::table
        .filter(util::day.eq(today() - Days::new(1)))
        .select(util::permille)
        .load(&mut conn)
        .expect("yesterday");
    assert!(yesterday.contains(&0), "some idle");
    assert!(yesterday.iter().any(|p| *p >= 950), "some near 100 %");

    // Every reservation has an Owner.
    #[derive(diesel::QueryableByName)]
    struct N {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let ownerless = diesel::sql_query(
        "SELECT COUNT(*) AS n FROM reservations r WHERE NOT EXISTS \
         (SELECT 1 FROM role_assignments a WHERE a.reservation_id = r.id AND a.role = 'Owner')",
    )
    .get_result::<N>(&mut conn)
    .expect("count");
    assert_eq!(ownerless.n, 0);

    // One agent per role.
    let roles: BTreeSet<String> = users::table
        .select(users::role)
        .load(&mut conn)
        .expect("users")
        .into_iter()
        .collect();
    assert_eq!(
        roles,
        ["Admin", "Customer", "Helpdesk", "Sales", "Support"]
            .map(String::from)
            .into()
    );
}

#[test]
fn demo_runs_once() {
    let dir = tempfile::tempdir().expect("dir");
    let pool = fresh(&dir, "again.db");
    let mut conn = pool.get().expect("conn");
    seed::demo(&mut conn, pinned()).expect("first");
    let before: i64 = reservations::table
        .count()
        .get_result(&mut conn)
        .expect("count");
    assert_eq!(
        seed::demo(&mut conn, pinned()).expect("second"),
        DemoOutcome::AlreadyThere
    );
    let after: i64 = reservations::table
        .count()
        .get_result(&mut conn)
        .expect("count");
    assert_eq!(before, after);
    let agents: i64 = users::table.count().get_result(&mut conn).expect("count");
    assert_eq!(agents, 5, "four agents and one customer user");
}

#[test]
fn bulk_seed_is_deterministic_and_sized() {
    let dir = tempfile::tempdir().expect("dir");
    let snapshot = |name: &str, seed_value: u64| {
        let pool = fresh(&dir, name);
        let mut conn = pool.get().expect("conn");
        let counts = seed::bulk(&mut conn, 40, seed_value, pinned()).expect("seed");
        // A second seed into the same database is refused rather than duplicated.
        assert!(seed::bulk(&mut conn, 1, seed_value, pinned()).is_err());
        let tenants: Vec<String> = customers::table
            .order(customers::id)
            .select(customers::tenant_id)
            .load(&mut conn)
            .expect("tenants");
        let guids: Vec<String> = reservations::table
            .order(reservations::id)
            .select(reservations::reservation_guid)
            .load(&mut conn)
            .expect("guids");
        (counts, tenants, guids)
    };
    let a = snapshot("a.db", 7);
    let b = snapshot("b.db", 7);
    let c = snapshot("c.db", 8);
    assert_eq!(a.0.customers, 40);
    assert_eq!(a.0.reservations, 40 * seed::RESERVATIONS_PER_BULK_CUSTOMER);
    assert!(
        a.0.utilization_days > 40 * 10 * 50,
        "{}",
        a.0.utilization_days
    );
    assert_eq!(a, b, "same seed, same data");
    assert_ne!(a.1, c.1, "another seed, other data");
}
