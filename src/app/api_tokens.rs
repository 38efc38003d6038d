//! Personal API tokens: partner agents make and revoke their own (shown
//! once, stored as a hash, with an optional expiry); admins see and revoke
//! everyone's. A token acts as the agent who made it, with that agent's
//! rights at the time of each call, and each use is audited.

use chrono::{NaiveDate, NaiveDateTime};

use crate::app::{Ctx, Error};
use crate::db::api_tokens::{NewToken, Token};
use crate::db::audit::{Action, NewEntry};
use crate::db::users::User;
use crate::db::{self, Conn};
use crate::domain::roles::Permission;

/// Every token starts so, to tell it from other secrets (in logs a
/// scanner can then find one pasted by mistake).
pub const TOKEN_PREFIX: &str = "pd_";
/// The longest name.
pub const NAME_MAX: usize = 60;

/// A token as made: the row, and the secret shown once.
pub struct Made {
    /// The stored token.
    pub token: Token,
    /// The token itself.
    pub secret: String,
}

/// The name a token is stored under, checked: 1 to [`NAME_MAX`]
/// characters, no control characters (nor what is left of bytes that
/// were not text).
pub fn check_name(typed: &str) -> Result<String, Error> {
    let name = typed.trim();
    if name.is_empty() {
        Err(Error::Invalid("token-name-required"))
    } else if name.chars().count() > NAME_MAX
        // A replacement character is what is left of bytes that were not
        // text: a malformed form, not a name.
        || name.chars().any(|c| c.is_control() || c == '\u{FFFD}')
    {
        Err(Error::Invalid("token-name-invalid"))
    } else {
        Ok(name.to_string())
    }
}

/// Makes a token for the acting agent, named `name`, working until the end
/// of `expires` (UTC) when given; audited.
pub fn create(ctx: &mut Ctx<'_>, name: &str, expires: Option<NaiveDate>) -> Result<Made, Error> {
    ctx.actor.require(Permission::ViewCustomers)?;
    let user = ctx.actor.user_id.ok_or(Error::Forbidden)?;
    let name = check_name(name)?;
    if expires.is_some_and(|day| day <= ctx.clock.today()) {
        return Err(Error::Invalid("token-expiry-past"));
    }
    let secret = format!("{TOKEN_PREFIX}{}", crate::app::sessions::random_token());
    let prefix: String = secret.chars().take(10).collect();
    ctx.transaction(|ctx| {
        let now = ctx.clock.now();
        let id = db::api_tokens::insert(
            ctx.conn,
            &NewToken {
                user_id: user,
                name: name.clone(),
                prefix: prefix.clone(),
                token_hash: crate::app::sessions::hash_token(&secret),
                created_at: now,
                expires_at: expires.and_then(|d| d.and_hms_opt(23, 59, 59)),
            },
        )?;
        ctx.audit(
            &NewEntry::new(
                ctx.actor.audit_name(),
                Action::TokenCreated,
                ("token", &format!("{name} ({prefix}…)")),
                &ctx.actor.address,
                now,
            )
            .change("", &name),
        )?;
        Ok(Made {
            token: db::api_tokens::find(ctx.conn, id)?,
            secret: secret.clone(),
        })
    })
}

/// The acting agent's tokens, newest first.
pub fn mine(ctx: &mut Ctx<'_>) -> Result<Vec<Token>, Error> {
    ctx.actor.require(Permission::ViewCustomers)?;
    let user = ctx.actor.user_id.ok_or(Error::Forbidden)?;
    Ok(db::api_tokens::of_user(ctx.conn, user)?)
}

/// Every token with its owner's email (admins).
pub fn all(ctx: &mut Ctx<'_>) -> Result<Vec<(Token, String)>, Error> {
    ctx.actor.require(Permission::Administer)?;
    Ok(db::api_tokens::all(ctx.conn)?)
}

/// Revokes token `id`: the acting agent's own, or anyone's for an admin
/// (to anyone else it does not exist); audited.
pub fn revoke(ctx: &mut Ctx<'_>, id: i64) -> Result<(), Error> {
    ctx.actor.require(Permission::ViewCustomers)?;
    ctx.transaction(|ctx| {
        let token = match db::api_tokens::find(ctx.conn, id) {
            Ok(token) => token,
            Err(diesel::result::Error::NotFound) => return Err(Error::NotFound),
            Err(e) => return Err(e.into()),
        };
        let own = Some(token.user_id) == ctx.actor.user_id;
        if !own && ctx.actor.require(Permission::Administer).is_err() {
            return Err(Error::NotFound);
        }
        let now = ctx.clock.now();
        if !db::api_tokens::revoke(ctx.conn, id, now)? {
            return Ok(());
        }
        ctx.audit(
            &NewEntry::new(
                ctx.actor.audit_name(),
                Action::TokenRevoked,
                ("token", &format!("{} ({}…)", token.name, token.prefix)),
                &ctx.actor.address,
                now,
            )
            .change("active", "revoked"),
        )
    })
}

/// Why a token is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// No such token (or not one of ours).
    Unknown,
    /// Revoked.
    Revoked,
    /// Past its expiry.
    Expired,
    /// Its agent is disabled (or no longer an agent).
    Disabled,
}

/// The token `secret` and the agent it acts as, if it may be used at `now`.
pub fn authenticate(
    conn: &mut Conn,
    secret: &str,
    now: NaiveDateTime,
) -> Result<Result<(Token, User), Refused>, Error> {
    if !secret.starts_with(TOKEN_PREFIX) || secret.len() > 200 {
        return Ok(Err(Refused::Unknown));
    }
    let Some(token) = db::api_tokens::by_hash(conn, &crate::app::sessions::hash_token(secret))?
    else {
        return Ok(Err(Refused::Unknown));
    };
    if token.revoked_at.is_some() {
        return Ok(Err(Refused::Revoked));
    }
    if token.expires_at.is_some_and(|at| at < now) {
        return Ok(Err(Refused::Expired));
    }
    let user = db::users::find(conn, token.user_id)?;
    if user.disabled || !user.role.may(Permission::ViewCustomers) {
        return Ok(Err(Refused::Disabled));
    }
    Ok(Ok((token, user)))
}

/// Records a use of `token` by its agent (the acting user): its last use,
/// and an audit entry naming the call and its answer.
pub fn record_use(ctx: &mut Ctx<'_>, token: &Token, call: &str, status: u16) -> Result<(), Error> {
    ctx.transaction(|ctx| {
        let now = ctx.clock.now();
        db::api_tokens::touch(ctx.conn, token.id, now)?;
        ctx.audit(
            &NewEntry::new(
                ctx.actor.audit_name(),
                Action::ApiCalled,
                ("token", &format!("{} ({}…)", token.name, token.prefix)),
                &ctx.actor.address,
                now,
            )
            .change("", format!("{call} → {status}")),
        )
    })
}
