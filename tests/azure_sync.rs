//! `partner-dashboard sync` against the fake of Partner Center and Resource
//! Manager: the partner's customers and their reservations arrive, a
//! refusing tenant is recorded while the others are synced, paging,
//! throttling and an expiring token are handled as the contract says, and
//! a second run is incremental.

mod common;

use partner_dashboard::db::Location;
use std::process::{Command, Output};

use common::azure_world::{self, Tenant, World, tenant_with};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text};

fn sync(base: &str, database: &Location, today: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_partner-dashboard"))
        .args(["sync", "--today", today, "--database"])
        .arg(database.connection_string())
        .envs(azure_world::env(base))
        .env("RUST_LOG", "warn")
        .output()
        .expect("sync runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[derive(QueryableByName, Debug)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

fn count(database: &Location, sql: &str) -> i64 {
    let pool = partner_dashboard::db::open(database, 1).expect("open");
    let mut conn = pool.get().expect("conn");
    diesel::sql_query(sql)
        .get_result::<Count>(&mut conn)
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .n
}

#[derive(QueryableByName, Debug)]
struct Texts {
    #[diesel(sql_type = Nullable<Text>)]
    t: Option<String>,
}

fn texts(database: &Location, sql: &str) -> Vec<Option<String>> {
    let pool = partner_dashboard::db::open(database, 1).expect("open");
    let mut conn = pool.get().expect("conn");
    diesel::sql_query(sql)
        .load::<Texts>(&mut conn)
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .into_iter()
        .map(|r| r.t)
        .collect()
}

fn world_of_six() -> Vec<(String, Tenant)> {
    let today = common::today();
    let mut litware = tenant_with(4, "Litware", 1, 2, today);
    litware.1.refuses = true;
    vec![
        tenant_with(1, "Northwind Traders", 40, 250, today),
        tenant_with(2, "Fabrikam", 40, 250, today),
        tenant_with(3, "Adatum", 2, 3, today),
        litware,
        tenant_with(5, "Tailspin", 1, 2, today),
        tenant_with(6, "Wide World", 0, 0, today),
    ]
}

fn consumption_reads(world: &World) -> Vec<String> {
    world
        .seen()
        .into_iter()
        .filter(|s| s.path.contains("reservationSummaries") && s.status == 200)
        .map(|s| s.query)
        .collect()
}

#[test]
fn a_sync_brings_in_every_customer_and_reservation_and_goes_on_past_a_refusing_tenant() {
    let (base, world) = azure_world::start(world_of_six());
    {
        let mut scenario = world.scenario.lock().expect("lock");
        scenario.throttle_page = Some(2);
        scenario.expire_tokens_after = Some(60);
    }
    let dir = tempfile::tempdir().expect("dir");
    let db = partner_dashboard::db::scratch(dir.path(), "sync.db");
    partner_dashboard::db::open(&db, 1).expect("fresh database");

    let output = sync(&base, &db, "2026-11-25");
    let printed = stdout(&output);
    assert!(
        !output.status.success(),
        "a failed customer fails the run:\n{printed}"
    );
    for n in 1..=6 {
        assert!(
            printed.contains(&format!("[{n}/6]")),
            "progress line {n}:\n{printed}"
        );
    }
    assert!(
        printed.contains("Litware: failed: The client does not have authorization"),
        "the refusal in ARM's words:\n{printed}"
    );
    assert!(
        printed.contains("Northwind Traders: 290 added"),
        "40 orders and 250 reservations:\n{printed}"
    );
    assert!(
        printed.contains("Synced 6 customers (1 failed)"),
        "summary:\n{printed}"
    );

    // The database holds the fake's book of business.
    assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM customers"), 6);
    assert_eq!(
        count(&db, "SELECT COUNT(*) AS n FROM reservation_orders"),
        83
    );
    assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM reservations"), 505);
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) AS n FROM reservations WHERE reservation_guid <> lower(reservation_guid)"
        ),
        0,
        "IDs in any case are stored in one"
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) AS n FROM reservations r JOIN customers c ON c.id = r.customer_id WHERE c.company_name = 'Northwind Traders' AND r.scope_type = 'ManagementGroup'"
        ),
        62,
        "every fourth reservation has a management-group scope"
    );
    let group_scoped = world_of_six()
        .iter()
        .filter(|(_, t)| !t.refuses)
        .flat_map(|(_, t)| t.reservations.iter())
        .filter(|r| r["properties"]["appliedScopeProperties"]["resourceGroupId"].is_string())
        .count() as i64;
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) AS n FROM reservations r JOIN resource_groups g ON g.id = r.scope_resource_group_id WHERE g.name = 'Prod-RG'"
        ),
        group_scoped,
        "resource-group scopes found their group, whatever its case"
    );
    assert_eq!(
        count(&db, "SELECT COUNT(*) AS n FROM resource_groups"),
        10,
        "two groups in each of five readable tenants, none twice"
    );
    assert_eq!(
        count(&db, "SELECT COUNT(*) AS n FROM reservation_utilization"),
        505 * 90,
        "90 days for each reservation"
    );
    assert_eq!(
        texts(
            &db,
            "SELECT CAST(purchase_price AS TEXT) AS t FROM reservations r JOIN reservation_orders o ON o.id = r.order_id WHERE o.original_quantity = 7 LIMIT 1"
        ),
        vec![Some("1234.56".to_string())],
        "an order's total shared by quantity, exactly"
    );
    let errors = texts(
        &db,
        "SELECT s.error AS t FROM sync_customers s JOIN customers c ON c.id = s.customer_id WHERE c.company_name = 'Litware'",
    );
    assert!(
        errors[0]
            .as_deref()
            .is_some_and(|e| e.contains("AuthorizationFailed")),
        "{errors:?}"
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) AS n FROM sync_runs WHERE state = 'Finished' AND customers_done = 6 AND customers_failed = 1"
        ),
        1
    );

    // The requests were the contract's.
    let seen = world.seen();
    let pc: Vec<_> = seen.iter().filter(|s| s.path == "/v1/customers").collect();
    assert_eq!(pc.len(), 3, "three pages of customers");
    assert_eq!(
        pc.iter()
            .map(|s| s.headers.get("ms-continuationtoken").cloned())
            .collect::<Vec<_>>(),
        [None, Some("ct-1".to_string()), Some("ct-2".to_string())]
    );
    assert!(
        pc.iter().all(|s| s.headers.contains_key("ms-requestid")
            && s.headers.contains_key("ms-correlationid"))
    );
    let page_two: Vec<_> = seen
        .iter()
        .filter(|s| {
            s.path == "/providers/Microsoft.Capacity/reservations"
                && s.query.contains("skiptoken=2")
        })
        .collect();
    assert_eq!(page_two[0].status, 429, "throttled once");
    assert!(page_two.iter().any(|s| s.status == 200), "then read");
    assert!(
        page_two
            .iter()
            .all(|s| s.query.contains("api-version=2022-03-01")),
        "the next link was followed verbatim"
    );
    assert!(
        seen.iter().any(|s| s.status == 401)
            && seen
                .iter()
                .filter(|s| s.status == 401)
                .all(|s| s.headers.contains_key("authorization")),
        "a token expired mid-sync"
    );
    assert!(
        seen.iter()
            .filter(|s| !s.path.ends_with("/token") && s.path != "/v1/customers")
            .all(|s| s.query.contains("api-version=")),
        "every ARM read names its api-version"
    );
    let token_forms: Vec<_> = seen
        .iter()
        .filter(|s| s.path.ends_with("/oauth2/v2.0/token"))
        .collect();
    assert!(token_forms.iter().all(|s| s.method == "POST"));
    assert!(
        consumption_reads(&world)
            .iter()
            .all(|q| q.contains("grain=daily")
                && q.contains("usageDate%20ge%20")
                && q.contains("usageDate%20le%20")),
        "daily grain with a date range"
    );

    // A second run on the same day reads no utilization again and changes nothing.
    let before = consumption_reads(&world).len();
    let output = sync(&base, &db, "2026-11-25");
    let printed = stdout(&output);
    assert!(
        printed.contains("Northwind Traders: 0 added, 0 changed, 0 no longer in Azure, 0 days"),
        "{printed}"
    );
    assert_eq!(
        consumption_reads(&world).len(),
        before,
        "nothing new to read"
    );
    assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM reservations"), 505);
}

/// A fake with one customer of six reservations, synced once on the
/// demo's day into a fresh database: the fake's address, the fake, the
/// customer's tenant, the folder holding the database, and the database.
fn northwind_synced() -> (
    String,
    actix_web::web::Data<World>,
    String,
    tempfile::TempDir,
    Location,
) {
    let (tenant, northwind) = tenant_with(1, "Northwind Traders", 2, 6, common::today());
    let (base, world) = azure_world::start(vec![(tenant.clone(), northwind)]);
    let dir = tempfile::tempdir().expect("dir");
    let db = partner_dashboard::db::scratch(dir.path(), "sync.db");
    partner_dashboard::db::open(&db, 1).expect("fresh database");
    assert!(sync(&base, &db, "2026-11-25").status.success());
    (base, world, tenant, dir, db)
}

#[test]
fn changes_in_azure_arrive_and_a_vanished_reservation_is_kept_and_marked() {
    let (base, world, tenant, _dir, db) = northwind_synced();
    assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM reservations"), 6);

    // Something that exists only here: an access grant on the reservation
    // that will vanish.
    let vanishing = azure_world::guid(0x0e000001, 5);
    {
        let pool = partner_dashboard::db::open(&db, 1).expect("open");
        let mut conn = pool.get().expect("conn");
        diesel::sql_query(format!(
            "INSERT INTO role_assignments (reservation_id, principal_email, role, assigned_by, assigned_at) \
             SELECT id, 'owner@northwind.example', 'Owner', 'admin@partner.example', '2026-11-25 10:00:00' FROM reservations WHERE reservation_guid = '{vanishing}'"
        ))
        .execute(&mut conn)
        .expect("grant");
    }
    world.change_tenant(&tenant, |t| {
        t.company_name = "Northwind Traders Ltd".into();
        t.reservations.retain(|r| {
            !r["id"]
                .as_str()
                .unwrap_or_default()
                .to_lowercase()
                .ends_with(&vanishing)
        });
        t.reservations[0]["properties"]["displayName"] = "vm-renamed-in-portal".into();
        t.reservations[1]["properties"]["provisioningState"] = "Cancelled".into();
    });
    let output = sync(&base, &db, "2026-11-27");
    let printed = stdout(&output);
    assert!(output.status.success(), "{printed}");
    assert!(
        printed.contains("Northwind Traders Ltd: 0 added, 2 changed, 1 no longer in Azure, 10 days of utilization"),
        "two new days for the five reservations Azure still lists:\n{printed}"
    );
    assert_eq!(
        count(&db, "SELECT COUNT(*) AS n FROM reservations"),
        6,
        "kept"
    );
    assert_eq!(
        count(
            &db,
            &format!(
                "SELECT COUNT(*) AS n FROM reservations WHERE missing_since IS NOT NULL AND reservation_guid = '{vanishing}'"
            )
        ),
        1
    );
    assert_eq!(
        count(&db, "SELECT COUNT(*) AS n FROM role_assignments"),
        1,
        "the grant is kept"
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) AS n FROM reservations WHERE display_name = 'vm-renamed-in-portal'"
        ),
        1
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) AS n FROM reservations WHERE provisioning_state = 'Cancelled'"
        ),
        1
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) AS n FROM customers WHERE company_name = 'Northwind Traders Ltd'"
        ),
        1
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'sync-changed'"
        ),
        2,
        "each change is in the reservation's activity"
    );
    let ranges = consumption_reads(&world);
    let last = ranges.last().expect("a read");
    assert!(
        last.contains("ge%202026-11-25") && last.contains("le%202026-11-26"),
        "only the days not stored: {last}"
    );
}

#[test]
fn a_range_azure_finds_too_large_is_split() {
    let today = common::today();
    let (base, world) = azure_world::start(vec![tenant_with(1, "Adatum", 1, 2, today)]);
    world.scenario.lock().expect("lock").max_days_per_read = Some(10);
    let dir = tempfile::tempdir().expect("dir");
    let db = partner_dashboard::db::scratch(dir.path(), "sync.db");
    partner_dashboard::db::open(&db, 1).expect("fresh database");
    let output = sync(&base, &db, "2026-11-25");
    assert!(output.status.success(), "{}", stdout(&output));
    assert_eq!(
        count(&db, "SELECT COUNT(*) AS n FROM reservation_utilization"),
        2 * 90
    );
    assert!(
        world
            .seen()
            .iter()
            .any(|s| s.status == 400 && s.path.contains("reservationSummaries"))
    );
}

#[test]
fn one_sync_at_a_time_and_an_interrupted_one_is_taken_over() {
    let today = common::today();
    let (base, _world) = azure_world::start(vec![tenant_with(1, "Adatum", 1, 2, today)]);
    let dir = tempfile::tempdir().expect("dir");
    let db = partner_dashboard::db::scratch(dir.path(), "sync.db");
    let pool = partner_dashboard::db::open(&db, 1).expect("fresh database");
    let mut conn = pool.get().expect("conn");
    // A run that is alive: its heartbeat is now, on the pinned day.
    let beat = format!("2026-11-25 {}", chrono::Utc::now().format("%H:%M:%S"));
    diesel::sql_query(format!("INSERT INTO sync_runs (started_at, heartbeat_at, started_by, state) VALUES ('2026-11-25 00:00:00', '{beat}', 'schedule', 'Running')"))
        .execute(&mut conn)
        .expect("running");
    let output = sync(&base, &db, "2026-11-25");
    assert!(!output.status.success());
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("cannot start the sync"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // Its process stopped long ago: the next run takes over.
    diesel::sql_query("UPDATE sync_runs SET heartbeat_at = '2026-11-24 00:00:00'")
        .execute(&mut conn)
        .expect("stale");
    let output = sync(&base, &db, "2026-11-25");
    assert!(output.status.success(), "{}", stdout(&output));
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) AS n FROM sync_runs WHERE state = 'Interrupted'"
        ),
        1
    );
    assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM reservations"), 2);
}

#[test]
fn a_sync_killed_midway_leaves_no_customer_half_written_and_the_next_run_completes() {
    use std::io::BufRead;
    let today = common::today();
    let first = tenant_with(1, "Adatum", 2, 6, today);
    let second = tenant_with(2, "Fabrikam", 10, 40, today);
    let slow = second.0.clone();
    let (base, world) =
        azure_world::start(vec![first, second, tenant_with(3, "Tailspin", 1, 2, today)]);
    world.scenario.lock().expect("lock").slow_tenant = Some(slow.clone());
    let dir = tempfile::tempdir().expect("dir");
    let db = partner_dashboard::db::scratch(dir.path(), "sync.db");
    partner_dashboard::db::open(&db, 1).expect("fresh database");
    let mut child = Command::new(env!("CARGO_BIN_EXE_partner-dashboard"))
        .args(["sync", "--today", "2026-11-25", "--database"])
        .arg(db.connection_string())
        .envs(azure_world::env(&base))
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("sync starts");
    let mut lines = std::io::BufReader::new(child.stdout.take().expect("stdout")).lines();
    let first_line = lines.next().expect("a line").expect("text");
    assert!(first_line.starts_with("[1/3] Adatum"), "{first_line}");
    // Fabrikam is being read, slowly: stop the process without warning.
    std::thread::sleep(std::time::Duration::from_millis(600));
    child.kill().expect("killed");
    child.wait().expect("ended");
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) AS n FROM reservations r JOIN customers c ON c.id = r.customer_id WHERE c.company_name = 'Adatum'"
        ),
        6
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) AS n FROM reservations r JOIN customers c ON c.id = r.customer_id WHERE c.company_name = 'Fabrikam'"
        ),
        0,
        "nothing of the customer being read when it stopped"
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) AS n FROM sync_runs WHERE state = 'Running'"
        ),
        1
    );

    // Later (its heartbeat is old), the next run takes over and completes.
    {
        let pool = partner_dashboard::db::open(&db, 1).expect("open");
        diesel::sql_query("UPDATE sync_runs SET heartbeat_at = '2026-11-24 00:00:00'")
            .execute(&mut pool.get().expect("conn"))
            .expect("stale");
    }
    world.scenario.lock().expect("lock").slow_tenant = None;
    let output = sync(&base, &db, "2026-11-25");
    assert!(output.status.success(), "{}", stdout(&output));
    assert!(
        stdout(&output).contains("Adatum: 0 added, 0 changed"),
        "{}",
        stdout(&output)
    );
    assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM reservations"), 48);
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) AS n FROM sync_runs WHERE state = 'Interrupted'"
        ),
        1
    );
}

#[test]
fn a_reservation_archived_in_the_portal_is_archived_here_after_the_next_sync() {
    let (base, world, tenant, _dir, db) = northwind_synced();
    let archived = |guid: &str| {
        count(
            &db,
            &format!(
                "SELECT COUNT(*) AS n FROM reservations WHERE reservation_guid = '{guid}' AND archived"
            ),
        )
    };
    let guid = azure_world::guid(0x0e000001, 2);
    assert_eq!(archived(&guid), 0);
    world.change_tenant(&tenant, |t| {
        for r in &mut t.reservations {
            if r["id"]
                .as_str()
                .unwrap_or_default()
                .to_lowercase()
                .ends_with(&guid)
            {
                r["properties"]["provisioningState"] = "Cancelled".into();
                r["properties"]["archived"] = true.into();
            }
        }
    });
    let output = sync(&base, &db, "2026-11-27");
    assert!(output.status.success(), "{}", stdout(&output));
    assert_eq!(archived(&guid), 1, "archived as Azure says");
    assert_eq!(
        count(&db, "SELECT COUNT(*) AS n FROM reservations WHERE archived"),
        1,
        "and only that one"
    );
}
