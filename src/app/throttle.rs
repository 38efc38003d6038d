//! Sign-in throttling: after too many attempts for one account or from one
//! address within a window, further attempts wait. The counts live in the
//! database, so every server node behind a load balancer sees the same
//! ones. An attempt counts from its start until it is known to have
//! succeeded, so a burst of parallel attempts is checked like the same
//! attempts one after another (each start is one immediate transaction).

use std::time::Duration;

use super::{Ctx, Error, sessions::random_token};
use crate::db::sign_in_attempts;

/// Attempts allowed within the window.
pub const MAX_FAILURES: i64 = 10;
/// The window, in seconds.
pub const WINDOW_SECONDS: i64 = 60;

/// An attempt in progress, counted under its keys until it ends.
#[derive(Debug)]
#[must_use = "an attempt counts as a failure unless it is reported to have succeeded"]
pub struct Attempt {
    id: String,
}

/// Starts an attempt under `keys` (`email:…`, `address:…`): how long to
/// wait when any key has reached the limit, else the attempt, counted
/// under every key at once.
pub fn begin(ctx: &mut Ctx<'_>, keys: &[String]) -> Result<Result<Attempt, Duration>, Error> {
    let now = ctx.clock.now();
    let since = now - chrono::Duration::seconds(WINDOW_SECONDS);
    // Old attempts are cleared on their own, outside the transaction that
    // counts (which reads only the window): parallel sign-ins on several
    // nodes then do not all conflict over the same deletions.
    sign_in_attempts::sweep(ctx.conn, since)?;
    ctx.transaction(|ctx| {
        let wait = sign_in_attempts::counts(ctx.conn, keys, since)?
            .into_iter()
            .filter(|(_, count, _)| *count >= MAX_FAILURES)
            .map(|(_, _, oldest)| {
                let age = now - oldest.unwrap_or(now);
                (WINDOW_SECONDS - age.num_seconds()).max(1) as u64
            })
            .max();
        if let Some(seconds) = wait {
            return Ok(Err(Duration::from_secs(seconds)));
        }
        let attempt = Attempt { id: random_token() };
        sign_in_attempts::record(ctx.conn, &attempt.id, keys, now)?;
        Ok(Ok(attempt))
    })
}

/// The attempt succeeded: it no longer counts, and the attempts under
/// `account_key` are forgotten. Every other key (the address) keeps what it
/// had, so signing in to one's own account does not make room for guesses
/// at others.
pub fn succeeded(ctx: &mut Ctx<'_>, attempt: Attempt, account_key: &str) -> Result<(), Error> {
    ctx.transaction(|ctx| {
        sign_in_attempts::withdraw(ctx.conn, &attempt.id)?;
        sign_in_attempts::forget(ctx.conn, account_key)?;
        Ok(())
    })
}

/// The attempt was not made after all (the server was too busy to check
/// the password): it does not count.
pub fn abandoned(ctx: &mut Ctx<'_>, attempt: Attempt) -> Result<(), Error> {
    sign_in_attempts::withdraw(ctx.conn, &attempt.id)?;
    Ok(())
}
