//! Settings of a running server, from flags or environment variables.

use crate::db::Location;
use crate::mail::settings::MailArgs;
use std::fmt;
use std::time::Duration;

use clap::Args;

/// How the server runs.
#[derive(Debug, Clone, Args)]
pub struct ServerConfig {
    /// Address and port to listen on.
    #[arg(long, env = "PD_BIND", default_value = "127.0.0.1:8080")]
    pub bind: String,
    /// The SQLite database file (created and migrated on first start), or a
    /// postgres:// URL (for several nodes on one database).
    #[arg(
        long,
        env = "PD_DATABASE",
        default_value = "data/partner-dashboard.db",
        hide_env_values = true
    )]
    pub database: Location,
    /// Mark the session cookie `Secure` (turn on when served over HTTPS).
    #[arg(long, env = "PD_SECURE_COOKIES", default_value_t = false)]
    pub secure_cookies: bool,
    /// Trust `X-Forwarded-For` / `X-Forwarded-Proto` from a reverse proxy in
    /// front of the server (client addresses, HTTPS detection).
    #[arg(long, env = "PD_TRUST_PROXY", default_value_t = false)]
    pub trust_proxy: bool,
    /// Minutes without a request after which a session ends.
    #[arg(long, env = "PD_IDLE_TIMEOUT_MINUTES", default_value_t = 30)]
    pub idle_timeout_minutes: u64,
    /// Hours after sign-in after which a session ends regardless.
    #[arg(long, env = "PD_ABSOLUTE_TIMEOUT_HOURS", default_value_t = 12)]
    pub absolute_timeout_hours: u64,
    /// Database connections in the pool.
    #[arg(long, env = "PD_POOL_SIZE", default_value_t = 8)]
    pub pool_size: u32,
    /// HTTP worker threads (0: one per core).
    #[arg(long, env = "PD_WORKERS", default_value_t = 0)]
    pub workers: usize,
    /// Calls each API token may make per minute (on each node).
    #[arg(long, env = "PD_API_CALLS_PER_MINUTE", default_value_t = 120)]
    pub api_calls_per_minute: u32,
    /// Email alerts: the SMTP server and the site's address for links.
    #[command(flatten)]
    pub mail: MailArgs,
}

impl ServerConfig {
    /// Defaults suitable for a test: a given database, any free port.
    pub fn for_tests(database: impl Into<Location>) -> Self {
        ServerConfig {
            bind: "127.0.0.1:0".into(),
            database: database.into(),
            secure_cookies: false,
            trust_proxy: false,
            idle_timeout_minutes: 30,
            absolute_timeout_hours: 12,
            pool_size: 4,
            workers: 2,
            api_calls_per_minute: 120,
            mail: MailArgs::default(),
        }
    }

    /// Idle session timeout.
    pub fn idle_timeout(&self) -> Duration {
        Duration::from_secs(self.idle_timeout_minutes * 60)
    }

    /// Absolute session timeout.
    pub fn absolute_timeout(&self) -> Duration {
        Duration::from_secs(self.absolute_timeout_hours * 3600)
    }
}

/// A password or client secret. It is never written to the database or
/// the log: its `Debug` hides it and it has no `Display`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Holds `secret`.
    pub fn new(secret: String) -> Secret {
        Secret(secret)
    }

    /// The secret itself, for the request that needs it only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(hidden)")
    }
}
