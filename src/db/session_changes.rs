//! The `session_changes` table: a log of every change that ends a session
//! or changes a signed-in user, which each server node reads to forget
//! what it remembers of those sessions (see `app::session_cache`). The
//! functions of `sessions` and `users` that make such a change write it
//! here in the same transaction.

use diesel::prelude::*;

use super::keys::UserKey;
use super::schema::session_changes;
use crate::db::Conn;

/// How many of the latest changes are kept; older ones have long been read.
const KEEP: i64 = 10_000;

/// One change: a user's sessions, or one session.
#[derive(Debug, Clone, PartialEq, Eq, Queryable)]
pub struct Change {
    /// Its place in the log.
    pub id: i64,
    /// The user whose sessions, or whose own row, changed.
    pub user_id: Option<UserKey>,
    /// The one session that ended.
    pub token_hash: Option<String>,
}

/// Logs a change to `user`'s row or to all their sessions.
pub fn record_user(conn: &mut Conn, user: UserKey) -> QueryResult<()> {
    diesel::insert_into(session_changes::table)
        .values(session_changes::user_id.eq(user))
        .execute(conn)
        .map(drop)
}

/// Logs the end of the session `token_hash`.
pub fn record_session(conn: &mut Conn, token_hash: &str) -> QueryResult<()> {
    diesel::insert_into(session_changes::table)
        .values(session_changes::token_hash.eq(token_hash))
        .execute(conn)
        .map(drop)
}

/// The changes after `after` in the log's order, at most `limit`.
pub fn after(conn: &mut Conn, after: i64, limit: i64) -> QueryResult<Vec<Change>> {
    session_changes::table
        .filter(session_changes::id.gt(after))
        .order(session_changes::id)
        .limit(limit)
        .select((
            session_changes::id,
            session_changes::user_id,
            session_changes::token_hash,
        ))
        .load(conn)
}

/// The latest change's place in the log (0 when empty).
pub fn latest(conn: &mut Conn) -> QueryResult<i64> {
    session_changes::table
        .select(diesel::dsl::max(session_changes::id))
        .first::<Option<i64>>(conn)
        .map(|id| id.unwrap_or(0))
}

/// Drops all but the latest changes.
pub fn prune(conn: &mut Conn) -> QueryResult<usize> {
    let latest = latest(conn)?;
    diesel::delete(session_changes::table.filter(session_changes::id.le(latest - KEEP)))
        .execute(conn)
}
