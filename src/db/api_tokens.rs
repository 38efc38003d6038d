//! The `api_tokens` and `api_idempotency` tables: personal API tokens
//! (only their hash kept), and the idempotency keys of the API's request
//! creation.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::keys::UserKey;
use super::schema::{api_idempotency, api_tokens, users};
use crate::db::Conn;

/// A token, as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = api_tokens, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct Token {
    /// Row ID.
    pub id: i64,
    /// Whose: the API acts as them.
    pub user_id: UserKey,
    /// What its owner called it.
    pub name: String,
    /// Its first characters, to tell it apart.
    pub prefix: String,
    /// SHA-256 of the token, hex.
    pub token_hash: String,
    /// When made.
    pub created_at: NaiveDateTime,
    /// Refused from then on, when set.
    pub expires_at: Option<NaiveDateTime>,
    /// When last used.
    pub last_used_at: Option<NaiveDateTime>,
    /// When revoked.
    pub revoked_at: Option<NaiveDateTime>,
}

/// A token to store.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = api_tokens)]
pub struct NewToken {
    /// Whose.
    pub user_id: UserKey,
    /// Its name.
    pub name: String,
    /// Its first characters.
    pub prefix: String,
    /// Its SHA-256.
    pub token_hash: String,
    /// Now.
    pub created_at: NaiveDateTime,
    /// When it stops working.
    pub expires_at: Option<NaiveDateTime>,
}

/// Stores `token`; its row ID.
pub fn insert(conn: &mut Conn, token: &NewToken) -> QueryResult<i64> {
    per_engine!(conn, |c| diesel::insert_into(api_tokens::table)
        .values(token)
        .returning(api_tokens::id)
        .get_result(c))
}

/// The token whose hash is `hash`, with its owner's row.
pub fn by_hash(conn: &mut Conn, hash: &str) -> QueryResult<Option<Token>> {
    api_tokens::table
        .filter(api_tokens::token_hash.eq(hash))
        .select(Token::as_select())
        .first(conn)
        .optional()
}

/// Token `id`.
pub fn find(conn: &mut Conn, id: i64) -> QueryResult<Token> {
    api_tokens::table
        .find(id)
        .select(Token::as_select())
        .first(conn)
}

/// `user`'s tokens, newest first.
pub fn of_user(conn: &mut Conn, user: UserKey) -> QueryResult<Vec<Token>> {
    api_tokens::table
        .filter(api_tokens::user_id.eq(user))
        .order(api_tokens::id.desc())
        .select(Token::as_select())
        .load(conn)
}

/// Every token with its owner's email, newest first.
pub fn all(conn: &mut Conn) -> QueryResult<Vec<(Token, String)>> {
    api_tokens::table
        .inner_join(users::table)
        .order(api_tokens::id.desc())
        .select((Token::as_select(), users::email))
        .load(conn)
}

/// Records a use of token `id` at `at`.
pub fn touch(conn: &mut Conn, id: i64, at: NaiveDateTime) -> QueryResult<()> {
    diesel::update(api_tokens::table.find(id))
        .set(api_tokens::last_used_at.eq(at))
        .execute(conn)
        .map(drop)
}

/// Revokes token `id` at `at`; false when it was revoked already.
pub fn revoke(conn: &mut Conn, id: i64, at: NaiveDateTime) -> QueryResult<bool> {
    let changed = diesel::update(
        api_tokens::table
            .filter(api_tokens::id.eq(id))
            .filter(api_tokens::revoked_at.is_null()),
    )
    .set(api_tokens::revoked_at.eq(at))
    .execute(conn)?;
    Ok(changed == 1)
}

/// Claims idempotency `key` for `user`, for a call whose body hashes to
/// `body_hash`: false when it was claimed before.
pub fn claim_key(
    conn: &mut Conn,
    (user, key): (UserKey, &str),
    body_hash: &str,
    at: NaiveDateTime,
) -> QueryResult<bool> {
    let inserted = per_engine!(conn, |c| diesel::insert_into(api_idempotency::table)
        .values((
            api_idempotency::user_id.eq(user),
            api_idempotency::idempotency_key.eq(key),
            api_idempotency::body_hash.eq(body_hash),
            api_idempotency::created_at.eq(at),
        ))
        .on_conflict((api_idempotency::user_id, api_idempotency::idempotency_key))
        .do_nothing()
        .execute(c))?;
    Ok(inserted == 1)
}

/// What key `key` of `user` holds: the hash of its call's body, and the
/// request it made (`None` while its call runs, or if it stopped midway).
pub fn key_outcome(
    conn: &mut Conn,
    user: UserKey,
    key: &str,
) -> QueryResult<Option<(String, Option<String>)>> {
    api_idempotency::table
        .find((user, key))
        .select((api_idempotency::body_hash, api_idempotency::request_number))
        .first(conn)
        .optional()
}

/// Takes over key `key` of `user` when its call was claimed before
/// `stale_before` and made nothing (it stopped midway); whether it did.
pub fn take_over_key(
    conn: &mut Conn,
    (user, key): (UserKey, &str),
    stale_before: NaiveDateTime,
    at: NaiveDateTime,
) -> QueryResult<bool> {
    let changed = diesel::update(
        api_idempotency::table
            .filter(api_idempotency::user_id.eq(user))
            .filter(api_idempotency::idempotency_key.eq(key))
            .filter(api_idempotency::request_number.is_null())
            .filter(api_idempotency::created_at.lt(stale_before)),
    )
    .set(api_idempotency::created_at.eq(at))
    .execute(conn)?;
    Ok(changed == 1)
}

/// Records that key `key` of `user` made request `number`.
pub fn key_made(conn: &mut Conn, user: UserKey, key: &str, number: &str) -> QueryResult<()> {
    diesel::update(api_idempotency::table.find((user, key)))
        .set(api_idempotency::request_number.eq(number))
        .execute(conn)
        .map(drop)
}

/// Frees key `key` of `user` (its call made nothing).
pub fn release_key(conn: &mut Conn, user: UserKey, key: &str) -> QueryResult<()> {
    diesel::delete(api_idempotency::table.find((user, key)))
        .execute(conn)
        .map(drop)
}
