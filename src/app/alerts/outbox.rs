//! The outbox: what admins see of it (queued, sent, given up, with the
//! mail server's last words), their test email and retry, and the steps
//! of the mail worker: take the sender's lease, hold a due message, record
//! what the mail server said.

use std::time::Duration;

use chrono::TimeDelta;

use super::queue_to;
use crate::app::{Ctx, Error};
use crate::db::audit::{Action, NewEntry};
use crate::db::outbox::Message;
use crate::db::{self};
use crate::domain::alerts::{self, Alert, MAX_ATTEMPTS};
use crate::domain::identity::Email;
use crate::domain::roles::Permission;

/// How long a worker holds a message it is sending (longer than the mail
/// server's timeouts, so a message is never sent by two at once).
pub const HOLD: Duration = Duration::from_secs(180);

/// A state of a message, as the outbox page filters by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Waiting to be sent (or tried again).
    Queued,
    /// Accepted by the mail server.
    Sent,
    /// Given up after [`MAX_ATTEMPTS`] tries, or refused for good.
    Failed,
}

impl State {
    /// The stored name.
    pub fn as_str(&self) -> &'static str {
        match self {
            State::Queued => "Queued",
            State::Sent => "Sent",
            State::Failed => "Failed",
        }
    }

    /// The state named `s`.
    pub fn parse(s: &str) -> Option<State> {
        [State::Queued, State::Sent, State::Failed]
            .into_iter()
            .find(|state| state.as_str() == s)
    }
}

/// A page of the outbox, with how many messages are in each state.
#[derive(Debug, Clone)]
pub struct Outbox {
    /// The messages, newest first.
    pub messages: Vec<Message>,
    /// Queued, sent and failed.
    pub counts: [i64; 3],
}

impl Outbox {
    /// How many messages are in `state`.
    pub fn count(&self, state: Option<State>) -> i64 {
        match state {
            Some(State::Queued) => self.counts[0],
            Some(State::Sent) => self.counts[1],
            Some(State::Failed) => self.counts[2],
            None => self.counts.iter().sum(),
        }
    }
}

/// A page of the messages in `state` (all when `None`).
pub fn page(
    ctx: &mut Ctx<'_>,
    state: Option<State>,
    (offset, limit): (i64, i64),
) -> Result<Outbox, Error> {
    ctx.actor.require(Permission::Administer)?;
    let mut counts = [0; 3];
    for (name, n) in db::outbox::counts(ctx.conn)? {
        if let Some(i) = State::parse(&name).map(|s| s as usize) {
            counts[i] = n;
        }
    }
    let messages = db::outbox::page(ctx.conn, state.map(|s| s.as_str()), offset, limit)?;
    Ok(Outbox { messages, counts })
}

/// Queues a test email to `address` (checked as an email address); its
/// row ID. Audited.
pub fn queue_test(ctx: &mut Ctx<'_>, address: &str, language: &str) -> Result<i64, Error> {
    ctx.actor.require(Permission::Administer)?;
    let address = Email::parse(address).map_err(|p| Error::Invalid(p.message_id()))?;
    let key = format!("test:{}", uuid::Uuid::new_v4());
    let alert = Alert::Test {
        requested_by: ctx.actor.email.clone(),
    };
    ctx.transaction(|ctx| {
        queue_to(ctx, &key, (None, address.as_str(), language), &alert)?;
        let now = ctx.clock.now();
        ctx.audit(
            &NewEntry::new(
                ctx.actor.audit_name(),
                Action::TestEmailQueued,
                ("email", address.as_str()),
                &ctx.actor.address,
                now,
            )
            .change("", address.as_str()),
        )?;
        Ok(db::outbox::queue_id(ctx.conn, &key)?)
    })
}

/// Queues message `id`, given up on, again. Audited.
pub fn retry(ctx: &mut Ctx<'_>, id: i64) -> Result<(), Error> {
    ctx.actor.require(Permission::Administer)?;
    ctx.transaction(|ctx| {
        let message = db::outbox::find(ctx.conn, id)?;
        let now = ctx.clock.now();
        if !db::outbox::retry(ctx.conn, id, now)? {
            return Err(Error::Invalid("outbox-not-failed"));
        }
        ctx.audit(
            &NewEntry::new(
                ctx.actor.audit_name(),
                Action::EmailRetried,
                ("email", &message.recipient),
                &ctx.actor.address,
                now,
            )
            .change("Failed", "Queued"),
        )
    })
}

/// For the mail worker on node `node`: if it is (or becomes) the sender,
/// for `lease` from now, the next due message, held for it; `None` when
/// there is none or another node sends.
pub fn take_next(ctx: &mut Ctx<'_>, node: &str, lease: Duration) -> Result<Option<Message>, Error> {
    ctx.transaction(|ctx| {
        let now = ctx.clock.now();
        if !db::outbox::lease(ctx.conn, node, now, now + delta(lease))? {
            return Ok(None);
        }
        for message in db::outbox::due(ctx.conn, now, 5)? {
            if db::outbox::claim(ctx.conn, message.id, now, now + delta(HOLD))? {
                return Ok(Some(message));
            }
        }
        Ok(None)
    })
}

/// Records that the mail server accepted `message`.
pub fn record_sent(ctx: &mut Ctx<'_>, message: &Message) -> Result<(), Error> {
    ctx.transaction(|ctx| {
        let now = ctx.clock.now();
        Ok(db::outbox::sent(ctx.conn, message.id, now)?)
    })
}

/// Records a failed try of `message` and what was said: tried again after
/// a wait that doubles from `base`, unless the refusal is for good or it
/// was the last try.
pub fn record_failure(
    ctx: &mut Ctx<'_>,
    message: &Message,
    error: &str,
    for_good: bool,
    base: Duration,
) -> Result<(), Error> {
    let attempts = message.attempts + 1;
    ctx.transaction(|ctx| {
        let now = ctx.clock.now();
        let again = (!for_good && attempts < MAX_ATTEMPTS)
            .then(|| now + delta(alerts::retry_after(base, attempts)));
        Ok(db::outbox::failed(ctx.conn, message.id, error, again)?)
    })
}

/// The alert a message carries.
pub fn alert_of(message: &Message) -> Result<Alert, Error> {
    serde_json::from_str(&message.payload).map_err(Error::internal)
}

fn delta(d: Duration) -> TimeDelta {
    TimeDelta::from_std(d).unwrap_or(TimeDelta::MAX)
}
