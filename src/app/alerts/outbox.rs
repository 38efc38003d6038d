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
use crate::domain::alerts::{self, Alert};
use crate::domain::identity::Email;
use crate::domain::roles::Permission;

/// How long a worker holds a message it is sending: well past the longest
/// a send can take (about eight exchanges with the mail server, each cut
/// at the worker's timeout), so that a message is never sent by two at
/// once; its records are fenced by the hold besides.
pub const HOLD: Duration = Duration::from_secs(600);
/// Sent messages are kept this long on the outbox page, then deleted.
pub const KEEP_SENT_DAYS: i64 = 90;

/// A state of a message, as the outbox page filters by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Waiting to be sent (or tried again).
    Queued,
    /// Accepted by the mail server.
    Sent,
    /// Refused for good by the mail server.
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

/// Queues every message given up on again. Audited, once.
pub fn retry_all(ctx: &mut Ctx<'_>) -> Result<usize, Error> {
    ctx.actor.require(Permission::Administer)?;
    ctx.transaction(|ctx| {
        let now = ctx.clock.now();
        let n = db::outbox::retry_all(ctx.conn, now)?;
        if n > 0 {
            ctx.audit(
                &NewEntry::new(
                    ctx.actor.audit_name(),
                    Action::EmailRetried,
                    ("outbox", "failed"),
                    &ctx.actor.address,
                    now,
                )
                .change("Failed", format!("Queued ({n})")),
            )?;
        }
        Ok(n)
    })
}

/// Deletes the sent messages older than [`KEEP_SENT_DAYS`] (the
/// server's hourly job); how many.
pub fn forget_old(ctx: &mut Ctx<'_>) -> Result<usize, Error> {
    let before = ctx.clock.now() - TimeDelta::days(KEEP_SENT_DAYS);
    ctx.transaction(|ctx| Ok(db::outbox::forget_sent(ctx.conn, before)?))
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
    // An idle outbox costs a read, not a write.
    if !db::outbox::any_due(ctx.conn, ctx.clock.now())? {
        return Ok(None);
    }
    ctx.transaction(|ctx| {
        let now = ctx.clock.now();
        if !db::outbox::lease(ctx.conn, node, now, now + delta(lease))? {
            return Ok(None);
        }
        for mut message in db::outbox::due(ctx.conn, now, 5)? {
            let until = now + delta(HOLD);
            if db::outbox::claim(ctx.conn, message.id, now, until)? {
                message.claimed_until = Some(until);
                return Ok(Some(message));
            }
        }
        Ok(None)
    })
}

/// Whether `message` should still go out: not when it is for a user who
/// can no longer sign in (disabled after it was queued).
pub fn still_wanted(ctx: &mut Ctx<'_>, message: &Message) -> Result<bool, Error> {
    match message.user_id {
        None => Ok(true),
        Some(user) => match db::users::find(ctx.conn, user) {
            Ok(user) => Ok(!user.disabled),
            Err(diesel::result::Error::NotFound) => Ok(false),
            Err(e) => Err(e.into()),
        },
    }
}

/// How long the record of what the mail server said is tried again while
/// the database is busy (a message accepted and not recorded would be
/// sent again).
const RECORD_FOR: Duration = Duration::from_secs(120);

/// Runs `record` as one transaction, again while the database is busy or
/// conflicting writes get in the way, for up to [`RECORD_FOR`].
fn recorded(
    ctx: &mut Ctx<'_>,
    mut record: impl FnMut(&mut Ctx<'_>) -> Result<(), Error>,
) -> Result<(), Error> {
    let started = std::time::Instant::now();
    loop {
        match ctx.transaction(&mut record) {
            Err(Error::Busy | Error::Conflict) if started.elapsed() < RECORD_FOR => {
                std::thread::sleep(Duration::from_millis(200));
            }
            other => return other,
        }
    }
}

/// The hold a taken message carries.
fn claim_of(message: &Message) -> Result<chrono::NaiveDateTime, Error> {
    message
        .claimed_until
        .ok_or_else(|| Error::internal("a message sent without its hold"))
}

/// Records that the mail server accepted `message` (a no-op when its hold
/// was lost to another worker, which then records its own try).
pub fn record_sent(ctx: &mut Ctx<'_>, message: &Message) -> Result<(), Error> {
    let claim = claim_of(message)?;
    recorded(ctx, |ctx| {
        let now = ctx.clock.now();
        if !db::outbox::sent(ctx.conn, message.id, claim, now)? {
            tracing::warn!(
                message = message.id,
                "a message's hold ran out while it was sent"
            );
        }
        Ok(())
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
    let claim = claim_of(message)?;
    recorded(ctx, |ctx| {
        let now = ctx.clock.now();
        // A message the server refused for good is given up at once; one
        // it could not take now waits (never given up: an outage of any
        // length loses nothing), each wait longer up to an hour.
        let again = (!for_good).then(|| now + delta(alerts::retry_after(base, attempts)));
        Ok(db::outbox::failed(
            ctx.conn,
            (message.id, claim),
            error,
            again,
        )?)
    })
}

/// The alert a message carries.
pub fn alert_of(message: &Message) -> Result<Alert, Error> {
    serde_json::from_str(&message.payload).map_err(Error::internal)
}

fn delta(d: Duration) -> TimeDelta {
    TimeDelta::from_std(d).unwrap_or(TimeDelta::MAX)
}
