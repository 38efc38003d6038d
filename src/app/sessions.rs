//! Sessions: signing in and out, and changing one's own password. A
//! session is a row named by the SHA-256 of a random cookie token; each has
//! its own random anti-forgery token.

use chrono::{Duration, NaiveDateTime};
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::app::{Ctx, Error, Refusal};
use crate::db::audit::{Action, NewEntry};
use crate::db::keys::UserKey;
use crate::db::sessions::Session;
use crate::db::users::User;
use crate::db::{self};
use crate::domain::identity::{PasswordProblem, check_password};
use crate::passwords;

/// 32 random bytes from the operating system's generator, hex-encoded.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex(&bytes)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The stored name of a cookie token.
pub fn hash_token(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// Starts a new session for `user` (only signing in starts one).
fn start(ctx: &mut Ctx<'_>, user_id: UserKey) -> Result<(String, Session), Error> {
    let token = random_token();
    let at = ctx.clock.now();
    let session = Session {
        token_hash: hash_token(&token),
        user_id: Some(user_id),
        csrf_token: random_token(),
        created_at: at,
        last_seen_at: at,
    };
    db::sessions::insert(ctx.conn, &session)?;
    Ok((token, session))
}

/// Session activity is written at most this often (seconds).
const TOUCH_EVERY_SECONDS: i64 = 60;

/// The session named `hash` (the [`hash_token`] of its cookie token), with
/// its user, if it exists and has not timed out; a timed-out one is ended.
/// Activity is recorded at most once a minute.
pub fn resume(
    ctx: &mut Ctx<'_>,
    hash: &str,
    timeouts: Timeouts,
) -> Result<Option<(Session, Option<User>)>, Error> {
    let Some((session, user)) = db::sessions::find(ctx.conn, hash)? else {
        return Ok(None);
    };
    let at = ctx.clock.now();
    if timed_out(&session, at, timeouts) {
        db::sessions::delete(ctx.conn, hash)?;
        return Ok(None);
    }
    if !current_without_touch(&session, at, timeouts) {
        db::sessions::touch(ctx.conn, hash, at)?;
        return Ok(Some((
            Session {
                last_seen_at: at,
                ..session
            },
            user,
        )));
    }
    Ok(Some((session, user)))
}

fn timed_out(session: &Session, at: NaiveDateTime, timeouts: Timeouts) -> bool {
    at - session.last_seen_at > timeouts.idle || at - session.created_at > timeouts.absolute
}

/// Whether `session`, as read at some time before `at`, is still current
/// at `at` with no activity to record (so it may be used as it was read).
pub fn current_without_touch(session: &Session, at: NaiveDateTime, timeouts: Timeouts) -> bool {
    !timed_out(session, at, timeouts)
        && (at - session.last_seen_at).num_seconds() < TOUCH_EVERY_SECONDS
}

/// How long sessions last.
#[derive(Debug, Clone, Copy)]
pub struct Timeouts {
    /// Without a request.
    pub idle: Duration,
    /// In all.
    pub absolute: Duration,
}

/// Signs in with `email` and `password`, replacing the browser's former
/// session `replacing` (the hash of its cookie token, stored or not); the
/// new session's cookie token, or `None` when the email
/// and password do not match an enabled user (said the same way, and taking
/// as long, whichever it was). Both outcomes are audited.
pub fn sign_in(
    ctx: &mut Ctx<'_>,
    email: &str,
    password: &str,
    replacing: &str,
    timeouts: Timeouts,
) -> Result<Option<String>, Error> {
    // Sweep sessions that timed out, signed in or not.
    let now = ctx.clock.now();
    db::sessions::delete_stale(ctx.conn, now - timeouts.idle, now - timeouts.absolute)?;
    let typed = email.trim().to_lowercase();
    let user = db::users::find_by_email(ctx.conn, &typed)?;
    // An unknown email costs as much as a wrong password.
    let stored = user
        .as_ref()
        .map_or(passwords::decoy_hash(), |u| u.password_hash.as_str());
    let ok = passwords::verify(password, stored);
    let user = user.filter(|u| ok && !u.disabled);
    ctx.transaction(|ctx| match &user {
        Some(u) => {
            db::sessions::delete(ctx.conn, replacing)?;
            let (token, _) = start(ctx, u.id)?;
            ctx.audit(&NewEntry::new(
                (Some(u.id), &u.email),
                Action::SignIn,
                ("user", &u.email),
                &ctx.actor.address,
                now,
            ))?;
            Ok(Some(token))
        }
        None => {
            ctx.audit(&NewEntry::new(
                (None, &typed),
                Action::SignInFailed,
                ("user", &typed),
                &ctx.actor.address,
                now,
            ))?;
            Ok(None)
        }
    })
}

/// Ends the acting user's session `token_hash`.
pub fn sign_out(ctx: &mut Ctx<'_>, token_hash: &str) -> Result<(), Error> {
    ctx.transaction(|ctx| {
        db::sessions::delete(ctx.conn, token_hash)?;
        let now = ctx.clock.now();
        let email = ctx.actor.email.clone();
        ctx.audit(&NewEntry::new(
            ctx.actor.audit_name(),
            Action::SignOut,
            ("user", &email),
            &ctx.actor.address,
            now,
        ))
    })
}

/// A password change as typed.
#[derive(Debug, Clone)]
pub struct PasswordChange {
    /// The current password.
    pub current: String,
    /// The new one.
    pub new: String,
    /// The new one again.
    pub confirm: String,
}

/// What is wrong with a password change, by field (message IDs).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PasswordProblems {
    /// Next to the current password.
    pub current: Option<&'static str>,
    /// Next to the new one.
    pub new: Option<&'static str>,
    /// Next to its confirmation.
    pub confirm: Option<&'static str>,
}

impl PasswordProblems {
    /// Whether any field has a problem.
    pub fn any(&self) -> bool {
        self.current.is_some() || self.new.is_some() || self.confirm.is_some()
    }
}

/// Changes the password of `user` (the acting user), keeping only the
/// session `keep`; every problem with what was typed is reported at once.
pub fn change_password(
    ctx: &mut Ctx<'_>,
    user: &User,
    change: &PasswordChange,
    keep: &str,
) -> Result<Result<(), PasswordProblems>, Error> {
    if ctx.actor.user_id != Some(user.id) {
        return Err(Error::Forbidden);
    }
    let mut problems = PasswordProblems::default();
    if let Err(problem) = check_password(&change.new, &user.email, &user.display_name) {
        problems.new = Some(problem.message_id());
    } else if change.new == change.current {
        problems.new = Some(PasswordProblem::SameAsCurrent.message_id());
    } else if change.new != change.confirm {
        problems.confirm = Some(PasswordProblem::Mismatch.message_id());
    }
    // Verifying and hashing are slow on purpose (the caller runs this off
    // the async executor).
    if !passwords::verify(&change.current, &user.password_hash) {
        problems.current = Some(Refusal::WrongPassword.message_id());
    }
    if problems.any() {
        return Ok(Err(problems));
    }
    let hash = passwords::hash(&change.new).map_err(Error::internal)?;
    ctx.transaction(|ctx| {
        db::users::set_password_hash(ctx.conn, user.id, &hash)?;
        db::sessions::delete_for_user(ctx.conn, user.id, Some(keep))?;
        let now = ctx.clock.now();
        ctx.audit(&NewEntry::new(
            (Some(user.id), &user.email),
            Action::PasswordChanged,
            ("user", &user.email),
            &ctx.actor.address,
            now,
        ))
    })?;
    Ok(Ok(()))
}
