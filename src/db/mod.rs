//! Storage: SQLite through Diesel. The schema, one module per table with its
//! rows and named queries, the connection pool with its pragmas, and the
//! embedded migrations run at start.

pub mod audit;
pub mod azure_settlements;
pub mod catalogue;
pub mod columns;
pub mod customers;
pub mod drafts;
pub mod keys;
pub mod ledger;
pub mod management_groups;
pub mod orders;
pub mod request_history;
pub mod requests;
pub mod reservations;
pub mod resource_groups;
pub mod role_assignments;
pub mod schema;
pub mod sessions;
pub mod settings;
pub mod sign_in_attempts;
pub mod subscriptions;
pub mod sync_customers;
pub mod sync_runs;
pub mod users;
pub mod utilization;

use std::path::Path;
use std::time::Duration;

use diesel::Connection;
use diesel::connection::SimpleConnection;
use diesel::r2d2::{ConnectionManager, CustomizeConnection, Pool, PooledConnection};
use diesel::sqlite::SqliteConnection;
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

/// The migrations in `migrations/`, compiled into the binary.
pub const MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations");

/// A pool of SQLite connections.
pub type DbPool = Pool<ConnectionManager<SqliteConnection>>;
/// One pooled connection.
pub type DbConn = PooledConnection<ConnectionManager<SqliteConnection>>;

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
    /// A migration failed.
    #[error("cannot migrate the database: {0}")]
    Migrate(String),
}

/// Sets the pragmas every connection needs: WAL so readers never wait for
/// the writer, a busy timeout so writers queue instead of failing, foreign keys.
#[derive(Debug, Clone, Copy)]
struct Pragmas;

impl CustomizeConnection<SqliteConnection, diesel::r2d2::Error> for Pragmas {
    fn on_acquire(&self, conn: &mut SqliteConnection) -> Result<(), diesel::r2d2::Error> {
        // The busy timeout comes first so the other pragmas wait for a lock
        // rather than fail. WAL is a property of the file, set once in `open`.
        conn.batch_execute(
            "PRAGMA busy_timeout = 5000;
             PRAGMA synchronous = NORMAL;
             PRAGMA foreign_keys = ON;
             PRAGMA cache_size = -16000;",
        )
        .map_err(diesel::r2d2::Error::QueryError)
    }
}

/// Opens (creating if needed) the database at `path`, runs pending
/// migrations and returns a pool of `size` connections.
pub fn open(path: &Path, size: u32) -> Result<DbPool, OpenError> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|source| OpenError::Folder {
            path: path.display().to_string(),
            source,
        })?;
    }
    let url = path.to_string_lossy().to_string();
    {
        // Two servers (or a server and a command) starting together take
        // turns: one migrates, the other then finds nothing to do.
        let lock_path = format!("{url}-migrate.lock");
        let lock = std::fs::File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|source| OpenError::Folder {
                path: lock_path.clone(),
                source,
            })?;
        lock.lock().map_err(|source| OpenError::Folder {
            path: lock_path,
            source,
        })?;
        // One connection first: switch the file to WAL and migrate before
        // the pool opens its connections side by side.
        let mut conn =
            SqliteConnection::establish(&url).map_err(|e| OpenError::Migrate(e.to_string()))?;
        conn.batch_execute(
            "PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;",
        )
        .map_err(|e| OpenError::Migrate(e.to_string()))?;
        conn.run_pending_migrations(MIGRATIONS)
            .map_err(|e| OpenError::Migrate(e.to_string()))?;
        drop(lock);
    }
    let manager = ConnectionManager::<SqliteConnection>::new(url);
    let pool = Pool::builder()
        .max_size(size)
        .connection_timeout(Duration::from_secs(10))
        .connection_customizer(Box::new(Pragmas))
        .build(manager)?;
    Ok(pool)
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
pub fn max_id(conn: &mut SqliteConnection, table: Table) -> diesel::QueryResult<i64> {
    use diesel::prelude::*;
    #[derive(QueryableByName)]
    struct Max {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        id: i64,
    }
    let sql = format!("SELECT COALESCE(MAX(id), 0) AS id FROM {}", table.name());
    Ok(diesel::sql_query(sql).get_result::<Max>(conn)?.id)
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
pub fn applied_migrations(conn: &mut SqliteConnection) -> Result<Vec<String>, OpenError> {
    let mut applied: Vec<String> = conn
        .applied_migrations()
        .map_err(|e| OpenError::Migrate(e.to_string()))?
        .into_iter()
        .map(|v| v.to_string())
        .collect();
    applied.sort();
    Ok(applied)
}

/// Writes a consistent copy of the database to `target` while the server
/// runs (`VACUUM INTO` reads one snapshot). The target must not exist.
pub fn backup(conn: &mut SqliteConnection, target: &Path) -> diesel::QueryResult<()> {
    use diesel::RunQueryDsl;
    diesel::sql_query("VACUUM INTO ?")
        .bind::<diesel::sql_types::Text, _>(target.to_string_lossy().to_string())
        .execute(conn)
        .map(drop)
}
