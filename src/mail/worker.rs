//! The mail worker: the node holding the sender's lease takes each due
//! message from the outbox, writes it out, hands it to the SMTP server,
//! and records what the server said. A message is marked sent only once
//! the server accepted it; a failure is tried again after a wait that
//! doubles, and a refusal for good (a 5xx answer about the message or its
//! recipient) is given up at once.
//!
//! A crash between the server's acceptance and the record would send that
//! one message again after the hold ends: every message carries its
//! outbox row as its `Message-ID`, so that the receiving side can tell.

use std::time::Duration;

use lettre::Transport;
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::SmtpTransport;
use lettre::transport::smtp::authentication::Credentials;

use super::compose::compose;
use super::settings::{MailArgs, TlsMode};
use crate::app::alerts::outbox::{alert_of, record_failure, record_sent, still_wanted, take_next};
use crate::app::system::LocalSystem;
use crate::app::{Actor, Clock, Ctx};
use crate::db::DbPool;
use crate::db::outbox::Message;
use crate::i18n::Lang;

/// How long the SMTP server may take to answer each step (a send has
/// about eight: far below the hold on a message being sent).
const TIMEOUT: Duration = Duration::from_secs(20);
/// The most messages one look at the outbox sends.
const BATCH: usize = 50;

/// A configured SMTP server and what every message says the same way.
pub struct Mailer {
    transport: SmtpTransport,
    from: Mailbox,
    /// The part of `Message-ID` after the `@`.
    domain: String,
    site: String,
    retry_base: Duration,
}

/// Why a message was not sent, in the mail server's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// What was said.
    pub said: String,
    /// A refusal that trying again will not change.
    pub for_good: bool,
}

impl Mailer {
    /// The mailer the settings describe, or `None` when no SMTP server is
    /// set; what is wrong with them, in words.
    pub fn from_settings(args: &MailArgs) -> Result<Option<Mailer>, String> {
        let Some(host) = args.smtp_host.as_deref().filter(|h| !h.trim().is_empty()) else {
            return Ok(None);
        };
        crate::azure::client::install_tls();
        let from: Mailbox = args
            .mail_from
            .parse()
            .map_err(|e| format!("PD_MAIL_FROM is not an address ({e}): {:?}", args.mail_from))?;
        let site = args.site()?;
        if args.mail_from.contains(".invalid>") || args.mail_from.ends_with(".invalid") {
            return Err("PD_SMTP_HOST is set: set PD_MAIL_FROM to an address the mail server accepts as the sender".into());
        }
        if args.base_url == super::settings::DEFAULT_BASE_URL {
            return Err("PD_SMTP_HOST is set: set PD_BASE_URL to the address people reach the dashboard at (the links in email)".into());
        }
        let loopback = matches!(host, "localhost" | "127.0.0.1" | "::1");
        if args.smtp_tls == TlsMode::None && args.smtp_user.is_some() && !loopback {
            return Err(format!(
                "the SMTP password would cross the network unencrypted: use --smtp-tls starttls or tls with {host}"
            ));
        }
        let mut builder = match args.smtp_tls {
            TlsMode::None => SmtpTransport::builder_dangerous(host),
            TlsMode::Starttls => SmtpTransport::starttls_relay(host)
                .map_err(|e| format!("the SMTP server {host} cannot be used: {e}"))?,
            TlsMode::Tls => SmtpTransport::relay(host)
                .map_err(|e| format!("the SMTP server {host} cannot be used: {e}"))?,
        }
        .port(args.port())
        .timeout(Some(TIMEOUT));
        match (&args.smtp_user, &args.smtp_password) {
            (Some(user), Some(password)) => {
                builder = builder.credentials(Credentials::new(
                    user.clone(),
                    password.expose().to_string(),
                ));
            }
            (Some(_), None) => {
                return Err("PD_SMTP_USER is set without a password (PD_SMTP_PASSWORD or --smtp-password-file)".into());
            }
            (None, _) => {}
        }
        Ok(Some(Mailer {
            transport: builder.build(),
            domain: from.email.domain().to_string(),
            from,
            site,
            retry_base: args.retry_base(),
        }))
    }

    /// Writes `message` out and hands it to the SMTP server.
    pub fn send(&self, message: &Message) -> Result<(), Failure> {
        let for_good = |said: String| Failure {
            said,
            for_good: true,
        };
        let alert = alert_of(message).map_err(|e| for_good(e.to_string()))?;
        let lang = Lang::from_tag(&message.language).unwrap_or_else(|| Lang::negotiate(None));
        let written = compose(&alert, &lang, &self.site).map_err(|e| for_good(e.to_string()))?;
        let to: Mailbox = message
            .recipient
            .parse()
            .map_err(|e| for_good(format!("not an address: {e}")))?;
        let email = lettre::Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(written.subject)
            .message_id(Some(format!("<outbox-{}@{}>", message.id, self.domain)))
            .multipart(MultiPart::alternative_plain_html(
                written.text,
                written.html,
            ))
            .map_err(|e| for_good(e.to_string()))?;
        self.transport.send(&email).map(drop).map_err(|e| Failure {
            said: e.to_string(),
            // A refused sign-in is about the settings, not the message: it
            // waits (and is tried again) until an admin mends them.
            for_good: e.is_permanent()
                && !e.status().is_some_and(|code| is_sign_in(&code.to_string())),
        })
    }
}

/// How long a node stays the sender without looking at the outbox again:
/// five looks, from 5 seconds to a minute (another node takes over that
/// long after this one stopped).
pub fn lease_for(poll: Duration) -> Duration {
    poll.saturating_mul(5)
        .clamp(Duration::from_secs(5), Duration::from_secs(60))
}

/// Whether an SMTP answer code refuses the sign-in (RFC 4954: 530, 534,
/// 535, 538).
fn is_sign_in(code: &str) -> bool {
    matches!(code, "530" | "534" | "535" | "538")
}

/// One look at the outbox by node `node`, sender for `lease`: sends what
/// is due (if this node is the sender); how many were sent.
pub fn send_due(
    pool: &DbPool,
    clock: Clock,
    mailer: &Mailer,
    (node, lease): (&str, Duration),
) -> Result<usize, String> {
    let mut conn = pool.get().map_err(|e| e.to_string())?;
    let actor = Actor::housekeeping();
    let mut ctx = Ctx {
        actor: &actor,
        clock,
        conn: &mut conn,
        system: &LocalSystem,
    };
    let mut sent = 0;
    for _ in 0..BATCH {
        let Some(message) = take_next(&mut ctx, node, lease).map_err(|e| e.to_string())? else {
            break;
        };
        let outcome = if still_wanted(&mut ctx, &message).map_err(|e| e.to_string())? {
            mailer.send(&message)
        } else {
            Err(Failure {
                said: "not sent: the recipient can no longer sign in".into(),
                for_good: true,
            })
        };
        match outcome {
            Ok(()) => {
                record_sent(&mut ctx, &message).map_err(|e| e.to_string())?;
                sent += 1;
            }
            Err(failure) => {
                tracing::warn!(
                    message = message.id,
                    attempt = message.attempts + 1,
                    cause = %failure.said,
                    "the SMTP server did not take a message"
                );
                record_failure(
                    &mut ctx,
                    &message,
                    &failure.said,
                    failure.for_good,
                    mailer.retry_base,
                )
                .map_err(|e| e.to_string())?;
                if !failure.for_good {
                    // The server is unreachable or busy: the rest waits for
                    // the next look rather than failing one by one.
                    break;
                }
            }
        }
    }
    Ok(sent)
}
