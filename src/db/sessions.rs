//! The `sessions` table: server-side sessions. The browser holds a random
//! token; only its SHA-256 is stored, so a copy of the database does not
//! hand out sessions.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::keys::UserKey;
use super::schema::{sessions, users};
use super::users::User;
use crate::db::Conn;

/// A session row.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = sessions, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct Session {
    /// SHA-256 of the cookie token, hex.
    pub token_hash: String,
    /// Signed-in user; none before sign-in.
    pub user_id: Option<UserKey>,
    /// The anti-forgery token of this session.
    pub csrf_token: String,
    /// When the session started.
    pub created_at: NaiveDateTime,
    /// Last request seen.
    pub last_seen_at: NaiveDateTime,
}

/// The session with this token hash and its user, if signed in.
pub fn find(conn: &mut Conn, token_hash: &str) -> QueryResult<Option<(Session, Option<User>)>> {
    sessions::table
        .left_join(users::table)
        .filter(sessions::token_hash.eq(token_hash))
        .select((Session::as_select(), Option::<User>::as_select()))
        .first(conn)
        .optional()
}

/// Stores a new session.
pub fn insert(conn: &mut Conn, session: &Session) -> QueryResult<()> {
    diesel::insert_into(sessions::table)
        .values(session)
        .execute(conn)
        .map(drop)
}

/// Records activity on a session.
pub fn touch(conn: &mut Conn, token_hash: &str, at: NaiveDateTime) -> QueryResult<()> {
    diesel::update(sessions::table.find(token_hash))
        .set(sessions::last_seen_at.eq(at))
        .execute(conn)
        .map(drop)
}

/// Ends a session (logged in `session_changes`).
pub fn delete(conn: &mut Conn, token_hash: &str) -> QueryResult<()> {
    diesel::delete(sessions::table.find(token_hash)).execute(conn)?;
    super::session_changes::record_session(conn, token_hash)
}

/// Removes sessions idle since before `idle_before` or started before
/// `started_before`.
pub fn delete_stale(
    conn: &mut Conn,
    idle_before: NaiveDateTime,
    started_before: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::delete(
        sessions::table.filter(
            sessions::last_seen_at
                .lt(idle_before)
                .or(sessions::created_at.lt(started_before)),
        ),
    )
    .execute(conn)
}

/// Ends every session of a user except, optionally, one (logged in
/// `session_changes`).
pub fn delete_for_user(
    conn: &mut Conn,
    user_id: UserKey,
    keep: Option<&str>,
) -> QueryResult<usize> {
    let ended = diesel::delete(
        sessions::table
            .filter(sessions::user_id.eq(user_id))
            .filter(sessions::token_hash.ne(keep.unwrap_or(""))),
    )
    .execute(conn)?;
    super::session_changes::record_user(conn, user_id)?;
    Ok(ended)
}
