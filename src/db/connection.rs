//! One connection type for both engines: SQLite (the embedded default) or
//! PostgreSQL (several app nodes on one database). Queries are written once
//! against it; the few that differ ask [`engine`] which one they run on.

use std::time::Duration;

use diesel::connection::{AnsiTransactionManager, Connection, TransactionManager};
use diesel::result::{DatabaseErrorKind, Error as DieselError};

use super::location::{Location, with_timeouts};

#[allow(
    missing_docs,
    reason = "Diesel's MultiConnection derive generates undocumented items"
)]
mod multi {
    /// A connection to SQLite or to PostgreSQL.
    #[derive(diesel::MultiConnection)]
    pub enum Conn {
        /// A PostgreSQL connection.
        Postgres(diesel::PgConnection),
        /// A SQLite connection.
        Sqlite(diesel::SqliteConnection),
    }
}

pub use multi::{Conn, MultiBackend};

/// One connection to `location`, outside any pool (no migrations run).
/// Its error never holds the database's password.
pub fn connect(location: &Location) -> diesel::ConnectionResult<Conn> {
    let connected = match location {
        Location::File(path) => {
            diesel::SqliteConnection::establish(&path.to_string_lossy()).map(Conn::Sqlite)
        }
        Location::Postgres(url) => {
            diesel::PgConnection::establish(&with_timeouts(url)).map(Conn::Postgres)
        }
    };
    connected.map_err(|e| diesel::ConnectionError::BadConnection(location.redact(&e.to_string())))
}

/// Opens connections for the pool, each to the engine its location names
/// (never guessing from the text, so a PostgreSQL URL that cannot be
/// reached says so instead of being tried as a file name).
#[derive(Debug, Clone)]
pub struct Manager {
    location: Location,
}

impl Manager {
    /// A manager for `location`.
    pub fn new(location: Location) -> Self {
        Manager { location }
    }
}

impl diesel::r2d2::ManageConnection for Manager {
    type Connection = Conn;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<Conn, Self::Error> {
        connect(&self.location).map_err(diesel::r2d2::Error::ConnectionError)
    }

    fn is_valid(&self, conn: &mut Conn) -> Result<(), Self::Error> {
        use diesel::r2d2::R2D2Connection;
        conn.ping().map_err(diesel::r2d2::Error::QueryError)
    }

    fn has_broken(&self, conn: &mut Conn) -> bool {
        use diesel::r2d2::R2D2Connection;
        std::thread::panicking() || conn.is_broken()
    }
}

/// The engine behind a connection, for the few queries that differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// SQLite: one file, one writer at a time.
    Sqlite,
    /// PostgreSQL: serializable write transactions, retried on conflict.
    Postgres,
}

/// The engine `conn` talks to.
pub fn engine(conn: &Conn) -> Engine {
    match conn {
        Conn::Sqlite(_) => Engine::Sqlite,
        Conn::Postgres(_) => Engine::Postgres,
    }
}

/// What a write transaction's work may fail with: a database error (which
/// may be a conflict worth retrying) or the caller's own refusal.
pub trait WriteError: From<DieselError> {
    /// Whether this is PostgreSQL giving up on the transaction because
    /// another one conflicted with it ([`is_conflict`]).
    fn is_conflict(&self) -> bool;
}

impl WriteError for DieselError {
    fn is_conflict(&self) -> bool {
        is_conflict(self)
    }
}

/// How often a PostgreSQL write is tried before its conflict is reported.
const ATTEMPTS: u32 = 12;

/// Runs `work` as one write transaction, all or nothing.
///
/// On SQLite it takes the write lock at once (`BEGIN IMMEDIATE`), so
/// concurrent writers queue instead of failing half-way. On PostgreSQL it
/// is `SERIALIZABLE`: when another node's transaction conflicts, the work
/// is rolled back and run again from the start (so `work` reads again
/// what it decides on), up to a bound.
pub fn write<T, E: WriteError>(
    conn: &mut Conn,
    mut work: impl FnMut(&mut Conn) -> Result<T, E>,
) -> Result<T, E> {
    let mut attempt = 1;
    loop {
        let begin = match conn {
            Conn::Sqlite(inner) => {
                AnsiTransactionManager::begin_transaction_sql(inner, "BEGIN IMMEDIATE")
            }
            Conn::Postgres(inner) => AnsiTransactionManager::begin_transaction_sql(
                inner,
                "BEGIN ISOLATION LEVEL SERIALIZABLE",
            ),
        };
        begin?;
        let outcome = match work(conn) {
            Ok(value) => <Conn as Connection>::TransactionManager::commit_transaction(conn)
                .map(|()| value)
                .map_err(E::from),
            Err(error) => Err(error),
        };
        let error = match outcome {
            Ok(value) => return Ok(value),
            Err(error) => error,
        };
        if in_transaction(conn) {
            // The work's own error is the one to report; a connection too
            // broken to roll back is dropped by the pool.
            if let Err(rollback) =
                <Conn as Connection>::TransactionManager::rollback_transaction(conn)
            {
                tracing::warn!(%rollback, "rolling back failed");
                return Err(error);
            }
        }
        let retry = engine(conn) == Engine::Postgres && attempt < ATTEMPTS && error.is_conflict();
        if !retry {
            return Err(error);
        }
        attempt += 1;
        std::thread::sleep(backoff(attempt));
    }
}

/// Whether a transaction is open on `conn`.
fn in_transaction(conn: &mut Conn) -> bool {
    <Conn as Connection>::TransactionManager::transaction_manager_status_mut(conn)
        .transaction_depth()
        .ok()
        .flatten()
        .is_some()
}

/// Whether the database gave up on the transaction because another one
/// conflicted with it: a serialization failure, a deadlock, or a unique
/// key another transaction took first (which PostgreSQL reports as such
/// when the check came before the insert; run again, the work finds the
/// other's row and acts on it).
pub fn is_conflict(error: &DieselError) -> bool {
    match error {
        DieselError::DatabaseError(
            DatabaseErrorKind::SerializationFailure | DatabaseErrorKind::UniqueViolation,
            _,
        ) => true,
        DieselError::DatabaseError(_, info) => info.message().contains("deadlock detected"),
        _ => false,
    }
}

/// A short, growing, jittered pause before attempt `attempt`.
fn backoff(attempt: u32) -> Duration {
    let base = 2u64.saturating_pow(attempt.min(7));
    Duration::from_millis(base + rand::random_range(0..=base))
}
