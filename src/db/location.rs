//! Where the database is: a SQLite file or a PostgreSQL URL, shown and
//! reported without its password, and the timeouts a URL gets by default.

use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;

use diesel::Connection;

use super::connection::Engine;

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
            out = out.replace(&secret, "***");
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
    let decoded: Vec<String> = found
        .iter()
        .map(|p| {
            percent_encoding::percent_decode_str(p)
                .decode_utf8_lossy()
                .into_owned()
        })
        .collect();
    found.extend(decoded);
    // Longest first, so a part never leaves the rest of a whole showing.
    found.sort_by_key(|p| std::cmp::Reverse(p.len()));
    found.retain(|p| !p.is_empty());
    found
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
pub(super) fn with_timeouts(url: &str) -> String {
    let mut out = url.to_string();
    for (name, value) in TIMEOUTS {
        if !url.contains(&format!("{name}=")) {
            out.push(if out.contains('?') { '&' } else { '?' });
            out.push_str(&format!("{name}={value}"));
        }
    }
    out
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
