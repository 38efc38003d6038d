//! Every query the pages run uses an index on the large tables: the server
//! is toured on a sizeable data set while Diesel reports each statement, and
//! SQLite's `EXPLAIN QUERY PLAN` of each must not scan a large table.

mod common;

use std::collections::BTreeSet;
use std::sync::Mutex;

use common::*;
use diesel::connection::{InstrumentationEvent, set_default_instrumentation};
use diesel::prelude::*;
use partner_dashboard::db::schema::{reservation_orders, reservations, users};

static STATEMENTS: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Tables that grow with the partner's business (and the aliases the
/// hand-written queries give them: `r` reservations, `u` utilization).
const LARGE: &[&str] = &[
    "reservations",
    "reservation_utilization",
    "role_assignments",
    "audit_log",
    "support_requests",
    "sessions",
    "reservation_orders",
    "refunds",
    "r",
    "u",
];

fn record(event: InstrumentationEvent<'_>) {
    if let InstrumentationEvent::StartQuery { query, .. } = event {
        let text = query.to_string();
        let sql = text
            .split(" -- binds:")
            .next()
            .unwrap_or_default()
            .trim()
            .to_string();
        if let Ok(mut all) = STATEMENTS.lock() {
            all.push(sql);
        }
    }
}

#[derive(QueryableByName)]
struct PlanLine {
    #[diesel(sql_type = diesel::sql_types::Text)]
    detail: String,
}

#[tokio::test]
async fn the_pages_queries_use_indexes() {
    set_default_instrumentation(|| Some(Box::new(record))).expect("instrumentation");
    // SQLite's planner, on either suite (EXPLAIN QUERY PLAN is SQLite's).
    let app = spawn_sqlite_app_with(|conn| {
        partner_dashboard::seed::bulk(conn, 300, 3, pinned()).expect("seed");
    });
    partner_dashboard::cli::add_user(
        &mut app.conn(),
        pinned(),
        "owner@customer.example",
        "Sales",
        None,
        Some(PASSWORD.into()),
    )
    .expect("user");
    let (guid, order): (String, String) = reservations::table
        .inner_join(reservation_orders::table)
        .filter(reservations::customer_id.eq(5))
        .select((
            reservations::reservation_guid,
            reservation_orders::order_guid,
        ))
        .first(&mut app.conn())
        .expect("reservation");
    app.sign_in(ADMIN).await;
    let paths = [
        "/".to_string(),
        "/customers".into(),
        "/customers?q=harbor".into(),
        "/customers?sort=active&dir=desc".into(),
        "/customers?sort=expiring&page=3".into(),
        "/customers/5".into(),
        "/customers/5/reservations?status=expired&sort=expiry".into(),
        "/customers/5/reservations?status=active".into(),
        "/customers/5/requests".into(),
        format!("/reservations/{guid}"),
        format!("/reservations/{guid}/properties"),
        format!("/reservations/{guid}/access"),
        format!("/reservations/{guid}/configuration"),
        format!("/reservations/{guid}/activity"),
        format!("/reservations/{guid}/support"),
        format!("/lookup?q={order}"),
        format!("/lookup?q={guid}"),
        format!("/orders/{order}"),
        format!("/requests?q={guid}"),
        format!("/requests?q={order}"),
        "/requests?status=Open".into(),
        "/reservations/expiring?days=90".into(),
        "/reservations/underused".into(),
        "/admin/audit".into(),
        "/admin/audit?action=sign-in".into(),
        "/admin/agents".into(),
    ];
    for path in &paths {
        let page = app.get(path).await;
        assert!(
            page.status.is_success() || page.status.is_redirection(),
            "{path}: {}",
            page.status
        );
    }
    // A customer user's home.
    diesel::update(users::table.filter(users::email.eq("owner@customer.example")))
        .set((
            users::role.eq("Customer"),
            users::customer_id.eq(Some(5_i64)),
        ))
        .execute(&mut app.conn())
        .expect("customer user");
    let customer = app.client_as("owner@customer.example").await;
    assert_eq!(
        app.get_with(&customer, "/my/reservations", &[])
            .await
            .status,
        reqwest::StatusCode::OK
    );

    let statements: BTreeSet<String> = STATEMENTS
        .lock()
        .expect("statements")
        .iter()
        .filter(|s| s.to_uppercase().starts_with("SELECT"))
        .cloned()
        .collect();
    assert!(
        statements.len() > 20,
        "{} statements seen",
        statements.len()
    );
    let mut conn = app.conn();
    let mut full_scans = Vec::new();
    for sql in &statements {
        let plan: Vec<PlanLine> = diesel::sql_query(format!("EXPLAIN QUERY PLAN {sql}"))
            .load(&mut conn)
            .unwrap_or_else(|e| panic!("{e}: {sql}"));
        for line in plan {
            let detail = line.detail;
            let scanned = detail.strip_prefix("SCAN ").map(|rest| {
                rest.split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .trim_matches('`')
                    .to_string()
            });
            if let Some(table) = scanned {
                let uses_index = detail.contains("USING INDEX")
                    || detail.contains("USING COVERING INDEX")
                    || detail.contains("PRIMARY KEY");
                if LARGE.contains(&table.as_str()) && !uses_index {
                    full_scans.push(format!("{detail}\n    in {sql}"));
                }
            }
        }
    }
    assert!(
        full_scans.is_empty(),
        "full scans of large tables:\n{}",
        full_scans.join("\n")
    );
}
