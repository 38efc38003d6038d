//! Storage through Diesel, on SQLite (the embedded default) or PostgreSQL.
//! The schema, one module per table with its rows and named queries, the
//! connection pool, and the embedded migrations of each engine run at start.

/// Runs `$body` on the engine's own connection, bound to `$c`: for the
/// statements the common connection cannot express (multi-row inserts on
/// SQLite, upserts). The body is compiled once for each engine.
macro_rules! per_engine {
    ($conn:expr, |$c:ident| $body:expr) => {
        match &mut *$conn {
            $crate::db::Conn::Sqlite($c) => $body,
            $crate::db::Conn::Postgres($c) => $body,
        }
    };
}

pub mod alert_preferences;
pub mod api_tokens;
pub mod audit;
pub mod azure_settlements;
pub mod cart;
pub mod catalogue;
pub mod columns;
pub mod connection;
pub mod customers;
pub mod dismissals;
pub mod drafts;
pub mod imports;
pub mod keys;
pub mod ledger;
pub mod links;
mod location;
pub mod management_groups;
pub mod orders;
pub mod outbox;
pub mod purchases;
pub mod request_history;
pub mod requests;
pub mod reservations;
pub mod resource_groups;
pub mod revisions;
pub mod role_assignments;
pub mod schema;
pub mod session_changes;
pub mod sessions;
pub mod settings;
pub mod sign_in_attempts;
pub mod statement;
pub mod subscriptions;
pub mod sync_customers;
pub mod sync_runs;
pub mod users;
pub mod utilization;

use std::path::Path;
use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::r2d2::{CustomizeConnection, Pool, PooledConnection};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

pub use connection::{Conn, Engine, MultiBackend, WriteError, connect, engine, write};
pub use location::{Location, TEST_SERVER, scratch};

/// The SQLite migrations in `migrations/`, compiled into the binary.
pub const MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations");
/// The PostgreSQL migrations in `migrations_postgres/`, kept in step.
pub const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations_postgres");

/// A pool of connections.
pub type DbPool = Pool<connection::Manager>;
/// One pooled connection.
pub type DbConn = PooledConnection<connection::Manager>;

/// Anything that can go wrong opening or migrating the database.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// The folder for the database file could not be created.
    #[error("cannot create the folder for {path}: {source}")]
    Folder {
        /// The database path.
        path: String,
        /// The I/O error from creating it (also the error's `source()`).
        source: std::io::Error,
    },
    /// The pool could not open a connection.
    #[error("cannot open the database: {0}")]
    Pool(#[from] diesel::r2d2::PoolError),
    /// The database could not be reached.
    #[error("cannot connect to the database: {0}")]
    Connect(String),
    /// A migration failed.
    #[error("cannot migrate the database: {0}")]
    Migrate(String),
}

/// Sets what every connection needs. SQLite: a busy timeout so writers
/// queue instead of failing, foreign keys, a page cache (WAL is a property
/// of the file, set once in `open`). PostgreSQL: UTC, and a bound on how
/// long one statement may run.
#[derive(Debug, Clone, Copy)]
struct Prepare;

impl CustomizeConnection<Conn, diesel::r2d2::Error> for Prepare {
    fn on_acquire(&self, conn: &mut Conn) -> Result<(), diesel::r2d2::Error> {
        let settings = match engine(conn) {
            // The busy timeout comes first so the other pragmas wait for a
            // lock rather than fail.
            Engine::Sqlite => {
                "PRAGMA busy_timeout = 5000;
                 PRAGMA synchronous = NORMAL;
                 PRAGMA foreign_keys = ON;
                 PRAGMA cache_size = -16000;"
            }
            Engine::Postgres => {
                "SET TIME ZONE 'UTC';
                 SET statement_timeout = '30s';
                 SET lock_timeout = '10s';"
            }
        };
        conn.batch_execute(settings)
            .map_err(diesel::r2d2::Error::QueryError)
    }
}

/// A lock key all nodes agree on, taken while one of them migrates.
const MIGRATION_LOCK: i64 = 0x5044_4d49_4752;

/// Opens the database at `location` (creating a SQLite file if needed),
/// runs pending migrations and returns a pool of `size` connections.
///
/// Two nodes (or a node and a command) starting together take turns: one
/// migrates under a lock (a lock file beside SQLite's, an advisory lock on
/// PostgreSQL), the other then finds nothing to do.
pub fn open(location: &Location, size: u32) -> Result<DbPool, OpenError> {
    migrate(location)?;
    let manager = connection::Manager::new(location.clone());
    let pool = Pool::builder()
        .max_size(size)
        .connection_timeout(Duration::from_secs(10))
        .connection_customizer(Box::new(Prepare))
        .build(manager)?;
    Ok(pool)
}

/// Runs the pending migrations of `location`, one node at a time.
fn migrate(location: &Location) -> Result<(), OpenError> {
    let migrating = |e: &dyn std::fmt::Display| OpenError::Migrate(e.to_string());
    // SQLite's turn is a lock on a file beside the database, taken before
    // connecting (which may create the database).
    let file_lock = location.file().map(lock_beside).transpose()?;
    let mut conn = connect(location).map_err(|e| OpenError::Connect(e.to_string()))?;
    match &mut conn {
        Conn::Sqlite(conn) => {
            // One connection first: switch the file to WAL and migrate
            // before the pool opens its connections side by side.
            conn.batch_execute(
                "PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;",
            )
            .map_err(|e| migrating(&e))?;
            conn.run_pending_migrations(MIGRATIONS)
                .map_err(|e| migrating(&e))?;
        }
        Conn::Postgres(conn) => {
            conn.batch_execute(&format!("SELECT pg_advisory_lock({MIGRATION_LOCK})"))
                .map_err(|e| migrating(&e))?;
            let result = conn
                .run_pending_migrations(POSTGRES_MIGRATIONS)
                .map(drop)
                .map_err(|e| migrating(&e));
            conn.batch_execute(&format!("SELECT pg_advisory_unlock({MIGRATION_LOCK})"))
                .map_err(|e| migrating(&e))?;
            result?;
        }
    }
    drop(file_lock);
    Ok(())
}

/// Creates the folder of the SQLite file `path` if needed, and takes the
/// lock file beside it (held until dropped).
fn lock_beside(path: &Path) -> Result<std::fs::File, OpenError> {
    let folder_error = |path: String| move |source| OpenError::Folder { path, source };
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(folder_error(path.display().to_string()))?;
    }
    let lock_path = format!("{}-migrate.lock", path.to_string_lossy());
    let lock = std::fs::File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(folder_error(lock_path.clone()))?;
    lock.lock().map_err(folder_error(lock_path))?;
    Ok(lock)
}

/// Escapes `%`, `_` and `\` for a `LIKE … ESCAPE '\'` pattern and wraps the
/// text in `%…%`.
pub fn like_pattern(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_patterns_escape_wildcards() {
        assert_eq!(like_pattern("50%_off\\"), "%50\\%\\_off\\\\%");
        assert_eq!(like_pattern(""), "%%");
    }
}

/// Rows per multi-row INSERT: the widest table (24 columns) stays under
/// SQLite's 32,766 bound parameters.
pub const BATCH_ROWS: usize = 1_000;

/// The highest row ID of a table (0 when empty), so bulk inserts can number
/// their rows and link them without reading IDs back.
pub fn max_id(conn: &mut Conn, table: Table) -> diesel::QueryResult<i64> {
    use diesel::prelude::*;
    #[derive(QueryableByName)]
    struct Max {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        id: i64,
    }
    let sql = format!("SELECT COALESCE(MAX(id), 0) AS id FROM {}", table.name());
    Ok(diesel::sql_query(sql).get_result::<Max>(conn)?.id)
}

/// After rows were numbered by [`max_id`], moves PostgreSQL's identity
/// sequence of `table` past them, so a row inserted without an ID gets a
/// free one. Never moves a sequence back. Nothing to do on SQLite.
pub fn after_numbering(conn: &mut Conn, table: Table) -> diesel::QueryResult<()> {
    if engine(conn) == Engine::Sqlite {
        return Ok(());
    }
    let name = table.name();
    conn.batch_execute(&format!(
        "SELECT setval(pg_get_serial_sequence('{name}', 'id'), \
           GREATEST((SELECT COALESCE(MAX(id), 0) FROM {name}), \
                    (SELECT last_value FROM {name}_id_seq), 1))"
    ))
}

/// Tables whose rows bulk inserts number themselves.
#[derive(Debug, Clone, Copy)]
pub enum Table {
    /// `customers`
    Customers,
    /// `subscriptions`
    Subscriptions,
    /// `resource_groups`
    ResourceGroups,
    /// `management_groups`
    ManagementGroups,
    /// `reservation_orders`
    Orders,
    /// `reservations`
    Reservations,
}

impl Table {
    fn name(&self) -> &'static str {
        match self {
            Table::Customers => "customers",
            Table::Subscriptions => "subscriptions",
            Table::ResourceGroups => "resource_groups",
            Table::ManagementGroups => "management_groups",
            Table::Orders => "reservation_orders",
            Table::Reservations => "reservations",
        }
    }
}

/// The migrations applied to the database, oldest first (their versions).
pub fn applied_migrations(conn: &mut Conn) -> Result<Vec<String>, OpenError> {
    let applied = match conn {
        Conn::Sqlite(conn) => conn.applied_migrations(),
        Conn::Postgres(conn) => conn.applied_migrations(),
    };
    let mut applied: Vec<String> = applied
        .map_err(|e| OpenError::Migrate(e.to_string()))?
        .into_iter()
        .map(|v| v.to_string())
        .collect();
    applied.sort();
    Ok(applied)
}

/// Writes a consistent copy of a SQLite database to `target` while the
/// server runs (`VACUUM INTO` reads one snapshot). The target must not
/// exist. PostgreSQL has its own tool for this (`pg_dump`): `None`.
pub fn backup(conn: &mut Conn, target: &Path) -> Option<diesel::QueryResult<()>> {
    use diesel::RunQueryDsl;
    let Conn::Sqlite(conn) = conn else {
        return None;
    };
    Some(
        diesel::sql_query("VACUUM INTO ?")
            .bind::<diesel::sql_types::Text, _>(target.to_string_lossy().to_string())
            .execute(conn)
            .map(drop),
    )
}
