//! Email alerts: each user's choice of alerts, and the alerts queued in
//! the outbox. An alert caused by a change (a new support request, one
//! approved or rejected) is queued in that change's transaction; expiry
//! and under-use alerts are queued by the daily job ([`daily`]). The mail
//! worker sends them ([`outbox`]).

pub mod daily;
pub mod outbox;

use crate::app::{Ctx, Error};
use crate::db::alert_preferences::Preferences;
use crate::db::audit::{Action, NewEntry};
use crate::db::keys::UserKey;
use crate::db::outbox::NewMessage;
use crate::db::requests::Request;
use crate::db::reservations::Reservation;
use crate::db::users::User;
use crate::db::{self, Conn};
use crate::domain::alerts::{Alert, Choices, Offered, RequestNote};
use crate::domain::roles::AgentRole;
use crate::i18n::Lang;

/// The language of a user who never said.
pub const DEFAULT_LANGUAGE: &str = "en-US";

/// A user's alerts, as their account page shows them.
#[derive(Debug, Clone)]
pub struct Chosen {
    /// What they get.
    pub choices: Choices,
    /// The language their email is written in.
    pub language: String,
    /// What their role may choose.
    pub offered: Offered,
    /// Whether they chose (false: their role's defaults).
    pub saved: bool,
}

/// A user who may get alerts, with what they chose.
#[derive(Debug, Clone)]
pub struct Recipient {
    /// The user.
    pub user: User,
    /// Their alerts (their role's defaults unless they chose).
    pub choices: Choices,
    /// Their email's language.
    pub language: String,
}

/// The acting user's alerts.
pub fn mine(ctx: &mut Ctx<'_>) -> Result<Chosen, Error> {
    let user = acting_user(ctx)?;
    let stored = db::alert_preferences::of(ctx.conn, user.id)?;
    let saved = stored.as_ref().is_some_and(|p| p.chosen);
    let (choices, language) = choices_of(&user, stored.as_ref());
    Ok(Chosen {
        choices,
        language,
        offered: Offered::to(user.role),
        saved,
    })
}

/// Saves the acting user's alerts (what their role is not offered is
/// dropped) and the language of their email; audited.
pub fn choose(ctx: &mut Ctx<'_>, choices: Choices, language: &str) -> Result<(), Error> {
    let user = acting_user(ctx)?;
    let language = Lang::from_tag(language)
        .ok_or(Error::Invalid("alerts-language-unknown"))?
        .tag();
    let choices = choices.limited_to(user.role);
    ctx.transaction(|ctx| {
        let before = db::alert_preferences::of(ctx.conn, user.id)?;
        let now = ctx.clock.now();
        let row = stored(user.id, &choices, &language, now);
        db::alert_preferences::save(ctx.conn, &row)?;
        let (old, _) = choices_of(&user, before.as_ref());
        ctx.audit(
            &NewEntry::new(
                ctx.actor.audit_name(),
                Action::AlertsChanged,
                ("user", &user.email),
                &ctx.actor.address,
                now,
            )
            .change(summary(&old), summary(&choices)),
        )
    })
}

/// Remembers `language` as the one the acting user's email is written in
/// (they switched the site to it). Their alerts stay as they were: their
/// role's defaults (whatever their role is later) until they choose.
pub fn remember_language(ctx: &mut Ctx<'_>, language: &Lang) -> Result<(), Error> {
    let user = acting_user(ctx)?;
    let now = ctx.clock.now();
    let (choices, _) = choices_of(&user, None);
    let mut row = stored(user.id, &choices, &language.tag(), now);
    row.chosen = false;
    ctx.transaction(|ctx| Ok(db::alert_preferences::set_language(ctx.conn, &row)?))
}

/// Every enabled user, with their alerts.
pub fn recipients(conn: &mut Conn) -> Result<Vec<Recipient>, Error> {
    let users = db::users::list(conn)?;
    with_choices(conn, users)
}

/// The enabled users of `role`, with their alerts.
fn recipients_with_role(conn: &mut Conn, role: AgentRole) -> Result<Vec<Recipient>, Error> {
    let users = db::users::with_role(conn, role)?;
    with_choices(conn, users)
}

fn with_choices(conn: &mut Conn, users: Vec<User>) -> Result<Vec<Recipient>, Error> {
    let ids: Vec<UserKey> = users.iter().map(|u| u.id).collect();
    let stored: std::collections::HashMap<UserKey, Preferences> =
        db::alert_preferences::of_users(conn, &ids)?
            .into_iter()
            .map(|p| (p.user_id, p))
            .collect();
    Ok(users
        .into_iter()
        .filter(|u| !u.disabled)
        .map(|user| {
            let (choices, language) = choices_of(&user, stored.get(&user.id));
            Recipient {
                user,
                choices,
                language,
            }
        })
        .collect())
}

/// Queues `alert` for `to` under `key` (once, however often it is queued).
pub fn queue(ctx: &mut Ctx<'_>, key: &str, to: &Recipient, alert: &Alert) -> Result<bool, Error> {
    queue_to(
        ctx,
        key,
        (Some(to.user.id), &to.user.email, &to.language),
        alert,
    )
}

/// Queues `alert` for an address (`user`, `address`, `language`).
pub(crate) fn queue_to(
    ctx: &mut Ctx<'_>,
    key: &str,
    (user, address, language): (Option<UserKey>, &str, &str),
    alert: &Alert,
) -> Result<bool, Error> {
    let now = ctx.clock.now();
    Ok(db::outbox::queue(
        ctx.conn,
        &NewMessage {
            dedupe_key: key.to_string(),
            kind: alert.kind().to_string(),
            user_id: user,
            recipient: address.to_string(),
            language: language.to_string(),
            payload: serde_json::to_string(alert).map_err(Error::internal)?,
            state: "Queued".into(),
            next_attempt_at: now,
            created_at: now,
        },
    )?)
}

/// Inside the transaction that created request `number`: tells the
/// Support agents who chose so.
pub(crate) fn request_created(
    ctx: &mut Ctx<'_>,
    request: &Request,
    reservation: &Reservation,
) -> Result<(), Error> {
    let note = note(ctx, request, reservation, &ctx.actor.email.clone(), None)?;
    for to in recipients_with_role(ctx.conn, AgentRole::Support)? {
        if to.choices.new_requests && Offered::to(to.user.role).new_requests {
            let key = format!("new-request:{}:{}", request.number, to.user.id);
            queue(ctx, &key, &to, &Alert::NewRequest(note.clone()))?;
        }
    }
    Ok(())
}

/// Inside the transaction that approved or rejected `request`: tells its
/// creator, if they chose so.
pub(crate) fn request_settled(
    ctx: &mut Ctx<'_>,
    request: &Request,
    reservation: &Reservation,
    (status, reason): (&str, Option<&str>),
) -> Result<(), Error> {
    // An alert never fails what causes it: a creator gone or disabled is
    // simply not told.
    let creator = match db::users::find(ctx.conn, request.created_by) {
        Ok(user) if !user.disabled => user,
        Ok(_) | Err(diesel::result::Error::NotFound) => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    let stored = db::alert_preferences::of(ctx.conn, creator.id)?;
    let (choices, language) = choices_of(&creator, stored.as_ref());
    if !choices.settled {
        return Ok(());
    }
    let mut note = note(ctx, request, reservation, &ctx.actor.email.clone(), reason)?;
    note.status = status.to_string();
    let to = Recipient {
        user: creator,
        choices,
        language,
    };
    queue(
        ctx,
        &format!("settled:{}", request.number),
        &to,
        &Alert::Settled(note),
    )?;
    Ok(())
}

fn note(
    ctx: &mut Ctx<'_>,
    request: &Request,
    reservation: &Reservation,
    by: &str,
    reason: Option<&str>,
) -> Result<RequestNote, Error> {
    let company = db::customers::find(ctx.conn, request.customer_id)?.company_name;
    Ok(RequestNote {
        number: request.number.clone(),
        kind: request.kind.as_str().to_string(),
        title: request.title.clone(),
        company,
        reservation: reservation.display_name.clone(),
        by: by.to_string(),
        status: request.status.as_str().to_string(),
        reason: reason.map(str::to_string),
    })
}

/// The acting user's row (alerts belong to a signed-in user).
fn acting_user(ctx: &mut Ctx<'_>) -> Result<User, Error> {
    let id = ctx.actor.user_id.ok_or(Error::Forbidden)?;
    Ok(db::users::find(ctx.conn, id)?)
}

/// A user's alerts and language: as stored, or their role's defaults.
fn choices_of(user: &User, stored: Option<&Preferences>) -> (Choices, String) {
    match stored {
        Some(p) if !p.chosen => (Choices::defaults_for(user.role), p.language.clone()),
        Some(p) => (
            Choices {
                expiry_days: Choices::parse_days(&p.expiry_days),
                underused: p.underused,
                new_requests: p.new_requests,
                settled: p.settled,
            }
            .limited_to(user.role),
            p.language.clone(),
        ),
        None => (
            Choices::defaults_for(user.role),
            DEFAULT_LANGUAGE.to_string(),
        ),
    }
}

fn stored(
    user: UserKey,
    choices: &Choices,
    language: &str,
    now: chrono::NaiveDateTime,
) -> Preferences {
    Preferences {
        user_id: user,
        expiry_days: choices.stored_days(),
        underused: choices.underused,
        new_requests: choices.new_requests,
        settled: choices.settled,
        language: language.to_string(),
        chosen: true,
        updated_at: now,
    }
}

/// The choices as the audit log writes them.
fn summary(c: &Choices) -> String {
    let mut parts = vec![format!("expiry [{}]", c.stored_days())];
    for (on, name) in [
        (c.underused, "under-use"),
        (c.new_requests, "new requests"),
        (c.settled, "settled requests"),
    ] {
        if on {
            parts.push(name.to_string());
        }
    }
    parts.join(", ")
}

/// Whether `role` is a customer's user (their alerts cover their own
/// customer only).
pub(crate) fn is_customer(role: AgentRole) -> bool {
    role == AgentRole::Customer
}
