//! PostgreSQL, for several nodes on several machines: its migrations are
//! kept in step with SQLite's (the same tables and columns; money exact as
//! NUMERIC). Needs PostgreSQL's binaries; `.ci/run` installs them and runs
//! `cargo test --test postgres -- --ignored`.

mod common;

use std::collections::BTreeMap;

use common::postgres::Cluster;
use diesel::prelude::*;
use diesel::sql_types::Text;

#[derive(QueryableByName)]
struct Named {
    #[diesel(sql_type = Text)]
    name: String,
}

/// Tables and their columns, as SQLite has them after its migrations.
fn sqlite_schema() -> BTreeMap<String, Vec<String>> {
    let dir = tempfile::tempdir().expect("dir");
    let pool = partner_dashboard::db::open(&dir.path().join("schema.db").into(), 1).expect("open");
    let mut conn = pool.get().expect("conn");
    let tables: Vec<String> = diesel::sql_query(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'customer_search%' AND name <> '__diesel_schema_migrations'",
    )
    .load::<Named>(&mut conn)
    .expect("tables")
    .into_iter()
    .map(|t| t.name)
    .collect();
    tables
        .into_iter()
        .map(|table| {
            let mut columns: Vec<String> =
                diesel::sql_query(format!("SELECT name FROM pragma_table_info('{table}')"))
                    .load::<Named>(&mut conn)
                    .expect("columns")
                    .into_iter()
                    .map(|c| c.name)
                    .collect();
            columns.sort();
            (table, columns)
        })
        .collect()
}

/// `table.column` → the SQL type `src/db/schema.rs` declares for it.
fn declared_types() -> BTreeMap<String, String> {
    let schema = include_str!("../src/db/schema.rs");
    let mut declared = BTreeMap::new();
    let mut table = String::new();
    for line in schema.lines().map(str::trim) {
        if let Some((name, _)) = line.split_once(" (").filter(|_| line.ends_with('{')) {
            table = name.to_string();
        } else if let Some((column, kind)) = line.split_once(" -> ").filter(|_| line.ends_with(','))
        {
            let kind = kind.trim_end_matches(',');
            declared.insert(format!("{table}.{column}"), kind.to_string());
        }
    }
    declared
}

/// Applies every PostgreSQL migration, in order, to database `name`.
fn migrate(cluster: &Cluster, name: &str) {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/migrations_postgres");
    let mut dirs: Vec<_> = std::fs::read_dir(root)
        .expect("migrations")
        .map(|d| d.expect("entry").path())
        .collect();
    dirs.sort();
    for dir in dirs {
        cluster.psql_file(name, &dir.join("up.sql"));
    }
}

#[test]
#[ignore = "needs PostgreSQL's binaries; .ci/run runs it with --ignored"]
fn both_backends_have_the_same_tables_and_columns_with_the_types_diesel_reads() {
    let cluster = Cluster::start();
    cluster.create_database("parity");
    migrate(&cluster, "parity");
    let rows = cluster.psql(
        "parity",
        "SELECT table_name || '.' || column_name || '.' || data_type || '.' || is_nullable FROM information_schema.columns WHERE table_schema = 'public'",
    );
    let mut postgres: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut types = BTreeMap::new();
    for line in rows.lines().filter(|l| !l.is_empty()) {
        let mut parts = line.splitn(4, '.');
        let (table, column, kind, nullable) = (
            parts.next().expect("table").to_string(),
            parts.next().expect("column").to_string(),
            parts.next().expect("type").to_string(),
            parts.next().expect("nullable") == "YES",
        );
        types.insert(format!("{table}.{column}"), (kind, nullable));
        postgres.entry(table).or_default().push(column);
    }
    for columns in postgres.values_mut() {
        columns.sort();
    }
    assert_eq!(sqlite_schema(), postgres, "the same tables and columns");
    for money in [
        "reservations.purchase_price",
        "refunds.refund",
        "refunds.fee",
        "exchanges.value_returned",
        "catalogue_prices.unit_price",
        "azure_settlements.amount",
    ] {
        assert_eq!(types[money].0, "numeric", "{money} is exact");
    }
    // Every column has the type Diesel reads it as (src/db/schema.rs).
    let mut mismatched = Vec::new();
    for (column, declared) in declared_types() {
        let nullable = declared.starts_with("Nullable<");
        let base = declared
            .trim_start_matches("Nullable<")
            .trim_end_matches('>');
        let expected = match base {
            "BigInt" => "bigint",
            "Integer" => "integer",
            "Text" => "text",
            "Bool" => "boolean",
            "Date" => "date",
            "Timestamp" => "timestamp without time zone",
            "Amount" => "numeric",
            other => panic!("{column}: no PostgreSQL type known for {other}"),
        };
        let actual = types.get(&column).cloned();
        if actual != Some((expected.to_string(), nullable)) {
            mismatched.push(format!(
                "{column}: declared {declared}, PostgreSQL has {actual:?}"
            ));
        }
    }
    assert!(mismatched.is_empty(), "{mismatched:#?}");
    // The audit log is permanent there too.
    cluster.psql(
        "parity",
        "INSERT INTO audit_log (at, actor_email, action, object_type, object_id) VALUES (now(), 'a@b.example', 'sign-in', 'user', '1')",
    );
    let refused =
        std::panic::catch_unwind(|| cluster.psql("parity", "DELETE FROM audit_log")).is_err();
    assert!(refused, "an audit entry cannot be deleted");
}

#[tokio::test]
#[ignore = "needs PostgreSQL's binaries; .ci/run runs it with --ignored"]
async fn readyz_fails_while_postgresql_is_down_and_recovers_without_a_restart() {
    let cluster = Cluster::start();
    cluster.create_database("outage");
    let database = partner_dashboard::db::Location::Postgres(cluster.url("outage"));
    let (mut node, address) = common::process::start(&database, true);
    let client = common::process::signed_in(&address, common::ADMIN).await;
    let status = |path: &'static str| {
        let (client, address) = (client.clone(), address.clone());
        async move {
            client
                .get(format!("{address}{path}"))
                .send()
                .await
                .expect("the node answers")
                .status()
        }
    };
    assert_eq!(status("/readyz").await, reqwest::StatusCode::OK);
    cluster.pause();
    let started = std::time::Instant::now();
    assert_eq!(
        status("/readyz").await,
        reqwest::StatusCode::SERVICE_UNAVAILABLE
    );
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "a load balancer hears it quickly: {:?}",
        started.elapsed()
    );
    assert_eq!(status("/healthz").await, reqwest::StatusCode::OK, "alive");
    let page = status("/customers").await;
    assert_eq!(
        page,
        reqwest::StatusCode::SERVICE_UNAVAILABLE,
        "a page says so too"
    );
    cluster.resume();
    let back = std::time::Instant::now();
    loop {
        if status("/readyz").await == reqwest::StatusCode::OK {
            break;
        }
        assert!(
            back.elapsed() < std::time::Duration::from_secs(30),
            "ready again without a restart"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    // The session, kept in the database, outlived the outage.
    assert_eq!(status("/customers").await, reqwest::StatusCode::OK);
    node.kill().expect("stop");
    node.wait().expect("reaped");
}
