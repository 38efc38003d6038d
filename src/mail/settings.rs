//! The mail settings, from flags or the environment. The SMTP password has
//! no flag (a flag shows in the process list): it comes from
//! `PD_SMTP_PASSWORD` or the file `--smtp-password-file`, and is held as a
//! [`Secret`], never stored or logged.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, ValueEnum};

use crate::config::Secret;

/// The site's address when none is given (fine for a demo without mail).
pub const DEFAULT_BASE_URL: &str = "http://127.0.0.1:8080";

/// How the connection to the SMTP server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum TlsMode {
    /// Plain connection upgraded with STARTTLS, which must succeed (port 587).
    #[default]
    Starttls,
    /// TLS from the first byte (port 465).
    Tls,
    /// No encryption: only for a relay on the same machine or network.
    None,
}

impl TlsMode {
    /// The usual port of the mode.
    pub fn default_port(&self) -> u16 {
        match self {
            TlsMode::Starttls => 587,
            TlsMode::Tls => 465,
            TlsMode::None => 25,
        }
    }

    /// The mode's name, as the flag takes it.
    pub fn as_str(&self) -> &'static str {
        match self {
            TlsMode::Starttls => "starttls",
            TlsMode::Tls => "tls",
            TlsMode::None => "none",
        }
    }
}

/// The mail settings as given.
#[derive(Debug, Clone, Args)]
pub struct MailArgs {
    /// The SMTP server alerts are sent through. Without one, alerts wait
    /// in the outbox (Admin → Outbox) until one is set.
    #[arg(long, env = "PD_SMTP_HOST")]
    pub smtp_host: Option<String>,
    /// Its port (default: 587 for starttls, 465 for tls, 25 for none).
    #[arg(long, env = "PD_SMTP_PORT")]
    pub smtp_port: Option<u16>,
    /// starttls, tls or none.
    #[arg(long, env = "PD_SMTP_TLS", value_enum, default_value_t = TlsMode::Starttls)]
    pub smtp_tls: TlsMode,
    /// The user to sign in to the SMTP server as (none: no sign-in).
    #[arg(long, env = "PD_SMTP_USER")]
    pub smtp_user: Option<String>,
    /// A file holding the SMTP password (its first line), instead of
    /// `PD_SMTP_PASSWORD`.
    #[arg(long, env = "PD_SMTP_PASSWORD_FILE")]
    pub smtp_password_file: Option<PathBuf>,
    /// The SMTP password (from `PD_SMTP_PASSWORD` or the file).
    #[arg(skip)]
    pub smtp_password: Option<Secret>,
    /// The sender of every alert.
    #[arg(
        long,
        env = "PD_MAIL_FROM",
        default_value = "Partner Dashboard <alerts@partner-dashboard.invalid>"
    )]
    pub mail_from: String,
    /// The address people reach the dashboard at, for the links in email.
    #[arg(long, env = "PD_BASE_URL", default_value = "http://127.0.0.1:8080")]
    pub base_url: String,
    /// Seconds before a message that could not be sent is tried again
    /// (doubling at each failure, up to an hour).
    #[arg(long, env = "PD_MAIL_RETRY_SECONDS", default_value_t = 60)]
    pub mail_retry_seconds: u64,
    /// Milliseconds between two looks at the outbox.
    #[arg(long, env = "PD_MAIL_POLL_MS", default_value_t = 2000)]
    pub mail_poll_ms: u64,
}

impl Default for MailArgs {
    fn default() -> Self {
        MailArgs {
            smtp_host: None,
            smtp_port: None,
            smtp_tls: TlsMode::Starttls,
            smtp_user: None,
            smtp_password_file: None,
            smtp_password: None,
            mail_from: "Partner Dashboard <alerts@partner-dashboard.invalid>".into(),
            base_url: "http://127.0.0.1:8080".into(),
            mail_retry_seconds: 60,
            mail_poll_ms: 2000,
        }
    }
}

impl MailArgs {
    /// Takes the password from `env_password` (`PD_SMTP_PASSWORD`) or the
    /// password file; what is wrong, in words.
    pub fn with_password(mut self, env_password: Option<&str>) -> Result<MailArgs, String> {
        let env_password = env_password.filter(|p| !p.is_empty());
        self.smtp_password = match (env_password, &self.smtp_password_file) {
            (Some(_), Some(_)) => {
                return Err(
                    "the SMTP password is given twice: use PD_SMTP_PASSWORD or the file, not both"
                        .into(),
                );
            }
            (Some(p), None) => Some(Secret::new(p.to_string())),
            (None, Some(path)) => {
                let text = std::fs::read_to_string(path).map_err(|e| {
                    format!(
                        "the SMTP password file {} cannot be read: {e}",
                        path.display()
                    )
                })?;
                let line = text.lines().next().unwrap_or("").trim_end();
                if line.is_empty() {
                    return Err(format!(
                        "the SMTP password file {} is empty",
                        path.display()
                    ));
                }
                Some(Secret::new(line.to_string()))
            }
            (None, None) => None,
        };
        Ok(self)
    }

    /// The port in use.
    pub fn port(&self) -> u16 {
        self.smtp_port
            .unwrap_or_else(|| self.smtp_tls.default_port())
    }

    /// The wait before the second try.
    pub fn retry_base(&self) -> Duration {
        Duration::from_secs(self.mail_retry_seconds.max(1))
    }

    /// The site's address without a trailing slash, checked to be an
    /// http(s) URL.
    pub fn site(&self) -> Result<String, String> {
        let url = self.base_url.trim().trim_end_matches('/');
        let ok = (url.starts_with("http://") || url.starts_with("https://"))
            && !url.chars().any(|c| c.is_whitespace() || c.is_control());
        if ok {
            Ok(url.to_string())
        } else {
            Err(format!(
                "PD_BASE_URL must be an http:// or https:// address, not {:?}",
                self.base_url
            ))
        }
    }

    /// How the settings read on the outbox page: server, port, protection
    /// and user; never the password.
    pub fn describe(&self) -> Option<String> {
        let host = self.smtp_host.as_deref()?;
        let user = self
            .smtp_user
            .as_deref()
            .map(|u| format!(", user {u}"))
            .unwrap_or_default();
        Some(format!(
            "{host}:{} ({}){user}",
            self.port(),
            self.smtp_tls.as_str()
        ))
    }
}
