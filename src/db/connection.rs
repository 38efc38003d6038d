//! One connection type for both engines: SQLite (the embedded default) or
//! PostgreSQL (several app nodes on one database). Queries are written once
//! against it; the few that differ ask [`engine`] which one they run on.

use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

use diesel::connection::{AnsiTransactionManager, Connection, TransactionManager};
use diesel::result::{DatabaseErrorKind, Error as DieselError};

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
pub fn connect(location: &Location) -> diesel::ConnectionResult<Conn> {
    match location {
        Location::File(path) => {
            diesel::SqliteConnection::establish(&path.to_string_lossy()).map(Conn::Sqlite)
        }
        Location::Postgres(url) => {
            diesel::PgConnection::establish(&with_timeouts(url)).map(Conn::Postgres)
        }
    }
}

/// Bounds libpq puts on a connection unless the URL sets its own: a
/// connection attempt gives up after 5 s, and a server that stops
/// answering (a dropped network, a failover to another address) is noticed
/// within about 15 s instead of when TCP gives up, minutes later.
const TIMEOUTS: [(&str, &str); 5] = [
    ("connect_timeout", "5"),
    ("keepalives_idle", "10"),
    ("keepalives_interval", "2"),
    ("keepalives_count", "3"),
    ("tcp_user_timeout", "15000"),
];

/// `url` with the [`TIMEOUTS`] it does not set itself.
pub fn with_timeouts(url: &str) -> String {
    let mut out = url.to_string();
    for (name, value) in TIMEOUTS {
        if !url.contains(&format!("{name}=")) {
            out.push(if out.contains('?') { '&' } else { '?' });
            out.push_str(&format!("{name}={value}"));
        }
    }
    out
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
        connect(&self.location).map_err(|e| {
            let said = self.location.redact(&e.to_string());
            diesel::r2d2::Error::ConnectionError(diesel::ConnectionError::BadConnection(said))
        })
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

/// Where the database is: a SQLite file or a PostgreSQL URL.
#[derive(Clone, PartialEq, Eq)]
pub enum Location {
    /// A SQLite file (created when missing).
    File(PathBuf),
    /// A `postgres://` or `postgresql://` URL.
    Postgres(String),
}

impl Location {
    /// The engine this location is served by.
    pub fn engine(&self) -> Engine {
        match self {
            Location::File(_) => Engine::Sqlite,
            Location::Postgres(_) => Engine::Postgres,
        }
    }

    /// The location as given (with its password: for a command line or a
    /// connection, never for a log).
    pub fn connection_string(&self) -> String {
        match self {
            Location::File(path) => path.to_string_lossy().to_string(),
            Location::Postgres(url) => url.clone(),
        }
    }

    /// `text` (an error from the driver, say) without this location's
    /// password, however the driver quoted it.
    pub fn redact(&self, text: &str) -> String {
        let Location::Postgres(url) = self else {
            return text.to_string();
        };
        let mut out = text.to_string();
        for secret in passwords_in(url) {
            if !secret.is_empty() {
                out = out.replace(&secret, "***");
            }
        }
        out
    }

    /// The SQLite file, if this is one.
    pub fn file(&self) -> Option<&std::path::Path> {
        match self {
            Location::File(path) => Some(path),
            Location::Postgres(_) => None,
        }
    }
}

impl FromStr for Location {
    type Err = std::convert::Infallible;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let lower = text.get(..13).unwrap_or(text).to_ascii_lowercase();
        if lower.starts_with("postgres://") || lower.starts_with("postgresql://") {
            Ok(Location::Postgres(text.to_string()))
        } else {
            Ok(Location::File(PathBuf::from(text)))
        }
    }
}

impl From<PathBuf> for Location {
    fn from(path: PathBuf) -> Self {
        Location::File(path)
    }
}

/// Shows the file, or the URL without its password (this is what logs see).
impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::File(path) => write!(f, "{}", path.display()),
            Location::Postgres(url) => f.write_str(&without_password(url)),
        }
    }
}

impl fmt::Debug for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Location({self})")
    }
}

/// The password a URL holds (in `user:password@` or `password=`), as
/// written and percent-decoded, and each part of it libpq might quote on
/// its own when it misreads the URL.
fn passwords_in(url: &str) -> Vec<String> {
    let mut found = Vec::new();
    if let Some((_, rest)) = url.split_once("://")
        && let Some((user_info, _)) = rest.rsplit_once('@')
        && let Some((_, password)) = user_info.split_once(':')
    {
        found.push(password.to_string());
        // Pieces too short to say much are left, so as not to hide words.
        found.extend(
            password
                .split(['/', ':', '@', '?'])
                .filter(|piece| piece.len() >= 4)
                .map(str::to_string),
        );
    }
    if let Some((_, query)) = url.split_once('?') {
        for pair in query.split('&') {
            if let Some(("password", value)) = pair.split_once('=') {
                found.push(value.to_string());
            }
        }
    }
    let decoded: Vec<String> = found.iter().map(|p| percent_decoded(p)).collect();
    found.extend(decoded);
    // Longest first, so a part never leaves the rest of a whole showing.
    found.sort_by_key(|p| std::cmp::Reverse(p.len()));
    found.retain(|p| !p.is_empty());
    found
}

/// `%40` → `@` and so on; anything malformed is kept as it is.
fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `postgres://user:secret@host/db` → `postgres://user:***@host/db`, and
/// a `password=` parameter hidden too.
fn without_password(url: &str) -> String {
    let url = Location::Postgres(url.to_string()).redact(url);
    let url = url.as_str();
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    // The last `@` ends the user's part, whatever the password holds.
    match rest.rsplit_once('@') {
        Some((user_info, host_and_path)) => match user_info.split_once(':') {
            Some((user, _)) => format!("{scheme}://{user}:***@{host_and_path}"),
            None => url.to_string(),
        },
        None => url.to_string(),
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

/// A raw query written with SQLite's numbered parameters (`?1`, `?2`, …),
/// in the spelling of `conn`'s engine (`$1`, `$2`, … on PostgreSQL).
pub fn numbered(conn: &Conn, sql: &str) -> String {
    match engine(conn) {
        Engine::Sqlite => sql.to_string(),
        Engine::Postgres => {
            let mut out = String::with_capacity(sql.len());
            let mut chars = sql.chars().peekable();
            while let Some(c) = chars.next() {
                let numbered = c == '?' && chars.peek().is_some_and(char::is_ascii_digit);
                out.push(if numbered { '$' } else { c });
            }
            out
        }
    }
}

/// The variable naming a PostgreSQL server for the tests
/// (`postgres://user@host:port`, no database): when set, every test
/// database is a new database on it instead of a SQLite file.
pub const TEST_SERVER: &str = "PD_TEST_POSTGRES";

/// A new, empty database for one test: the SQLite file `name` in `dir`,
/// or, when [`TEST_SERVER`] is set, a new database on that server.
pub fn scratch(dir: &std::path::Path, name: &str) -> Location {
    let Some(server) = std::env::var(TEST_SERVER).ok().filter(|s| !s.is_empty()) else {
        return Location::File(dir.join(name));
    };
    let server = server.trim_end_matches('/');
    let database = format!("pd_{}", uuid::Uuid::new_v4().simple());
    let mut admin = diesel::PgConnection::establish(&format!("{server}/postgres"))
        .unwrap_or_else(|e| panic!("{TEST_SERVER}={server}: {e}"));
    diesel::connection::SimpleConnection::batch_execute(
        &mut admin,
        &format!("CREATE DATABASE {database}"),
    )
    .unwrap_or_else(|e| panic!("cannot create a test database: {e}"));
    Location::Postgres(format!("{server}/{database}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_postgres_and_anything_else_a_file() {
        let url: Location = "postgres://pd:secret@db.example:5432/pd"
            .parse()
            .expect("parse");
        assert_eq!(url.engine(), Engine::Postgres);
        assert_eq!(url.to_string(), "postgres://pd:***@db.example:5432/pd");
        let upper: Location = "PostgreSQL://db/pd".parse().expect("parse");
        assert_eq!(upper.engine(), Engine::Postgres);
        let file: Location = "data/partner.db".parse().expect("parse");
        assert_eq!(file.file(), Some(std::path::Path::new("data/partner.db")));
    }

    #[test]
    fn driver_errors_lose_the_password() {
        let location: Location = "postgres://pd:s3cr%2Ft/x@db/pd?password=other-secret"
            .parse()
            .expect("parse");
        let said = "invalid integer value \"x@db\" for port; password \"s3cr/t\"; \
                    token \"s3cr%2Ft/x\" other-secret";
        let redacted = location.redact(said);
        for secret in ["s3cr", "other-secret", "%2Ft"] {
            assert!(!redacted.contains(secret), "{redacted}");
        }
        assert_eq!(location.to_string(), "postgres://pd:***@db/pd?password=***");
    }

    #[test]
    fn passwords_never_show() {
        assert_eq!(without_password("postgres://db/pd"), "postgres://db/pd");
        assert_eq!(
            without_password("postgres://pd@db/pd"),
            "postgres://pd@db/pd"
        );
        assert_eq!(
            without_password("postgres://pd:p/ss@wo:rd@db/pd?sslmode=require"),
            "postgres://pd:***@db/pd?sslmode=require"
        );
    }
}
