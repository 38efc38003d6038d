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
    let pool =
        partner_dashboard::db::open(&partner_dashboard::db::scratch(dir.path(), "schema.db"), 1)
            .expect("open");
    let mut conn = pool.get().expect("conn");
    let tables: Vec<String> = diesel::sql_query(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__diesel_schema_migrations'",
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
fn both_backends_have_the_same_tables_and_columns_and_money_is_numeric() {
    let cluster = Cluster::start();
    cluster.create_database("parity");
    migrate(&cluster, "parity");
    let rows = cluster.psql(
        "parity",
        "SELECT table_name || '.' || column_name || '.' || data_type FROM information_schema.columns WHERE table_schema = 'public'",
    );
    let mut postgres: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut types = BTreeMap::new();
    for line in rows.lines().filter(|l| !l.is_empty()) {
        let mut parts = line.splitn(3, '.');
        let (table, column, kind) = (
            parts.next().expect("table").to_string(),
            parts.next().expect("column").to_string(),
            parts.next().expect("type").to_string(),
        );
        types.insert(format!("{table}.{column}"), kind);
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
        assert_eq!(types[money], "numeric", "{money} is exact");
    }
    // The audit log is permanent there too.
    cluster.psql(
        "parity",
        "INSERT INTO audit_log (at, actor_email, action, object_type, object_id) VALUES (now(), 'a@b.example', 'sign-in', 'user', '1')",
    );
    let refused =
        std::panic::catch_unwind(|| cluster.psql("parity", "DELETE FROM audit_log")).is_err();
    assert!(refused, "an audit entry cannot be deleted");
}
