//! `src/db/schema.rs` is written by hand: it must match what the
//! migrations create, column for column.

use std::collections::BTreeMap;

use diesel::prelude::*;
use diesel::sql_types::Text;
use partner_dashboard::db::Conn;

#[derive(QueryableByName)]
struct Column {
    #[diesel(sql_type = Text)]
    name: String,
}

#[derive(QueryableByName)]
struct TableName {
    #[diesel(sql_type = Text)]
    name: String,
}

/// Tables and columns as `diesel::table!` declares them.
fn declared() -> BTreeMap<String, Vec<String>> {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/db/schema.rs"))
        .expect("schema.rs");
    let mut tables = BTreeMap::new();
    let mut current: Option<(String, Vec<String>)> = None;
    for line in text.lines().map(str::trim) {
        if let Some((name, _)) = line
            .split_once(" (")
            .filter(|_| line.ends_with('{') && !line.starts_with("diesel"))
        {
            current = Some((name.to_string(), Vec::new()));
        } else if let Some((_, columns)) = current.as_mut()
            && let Some((column, _)) = line.split_once(" -> ")
        {
            columns.push(column.to_string());
        } else if line == "}"
            && let Some((name, columns)) = current.take()
        {
            tables.insert(name, columns);
        }
    }
    tables
}

#[test]
fn schema_matches_migrations() {
    let dir = tempfile::tempdir().expect("dir");
    let pool = partner_dashboard::db::open(&dir.path().join("schema.db").into(), 1).expect("open");
    let mut conn = pool.get().expect("conn");
    let declared = declared();
    let actual: Vec<String> = diesel::sql_query(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'customer_search%' AND name <> '__diesel_schema_migrations' ORDER BY name",
    )
    .load::<TableName>(&mut conn)
    .expect("tables")
    .into_iter()
    .map(|t| t.name)
    .collect();
    assert_eq!(
        declared.keys().cloned().collect::<Vec<_>>(),
        actual,
        "same tables"
    );
    for (table, columns) in &declared {
        let real: Vec<String> = diesel::sql_query(format!(
            "SELECT name FROM pragma_table_info('{table}') ORDER BY cid"
        ))
        .load::<Column>(&mut conn)
        .expect("columns")
        .into_iter()
        .map(|c| c.name)
        .collect();
        assert_eq!(columns, &real, "columns of {table}");
    }
}

#[test]
fn the_database_runs_in_wal_with_foreign_keys() {
    let dir = tempfile::tempdir().expect("dir");
    let pool = partner_dashboard::db::open(&dir.path().join("pragmas.db").into(), 2).expect("open");
    let mut conn = pool.get().expect("conn");
    #[derive(QueryableByName)]
    struct Value {
        #[diesel(sql_type = Text)]
        v: String,
    }
    let get = |conn: &mut Conn, pragma: &str| -> String {
        let column = if pragma == "busy_timeout" {
            "timeout"
        } else {
            pragma
        };
        diesel::sql_query(format!(
            "SELECT CAST({column} AS TEXT) AS v FROM pragma_{pragma}"
        ))
        .get_result::<Value>(conn)
        .expect(pragma)
        .v
    };
    assert_eq!(get(&mut conn, "journal_mode"), "wal");
    assert_eq!(get(&mut conn, "foreign_keys"), "1");
    assert_eq!(get(&mut conn, "busy_timeout"), "5000");
    assert_eq!(get(&mut conn, "synchronous"), "1", "NORMAL");
}
