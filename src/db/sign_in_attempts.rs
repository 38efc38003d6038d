//! The `sign_in_attempts` table: recent sign-in attempts per key, which the
//! throttle counts (shared by every server node).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::sign_in_attempts;
use crate::db::Conn;

/// Forgets attempts made at `until` or before.
pub fn sweep(conn: &mut Conn, until: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(sign_in_attempts::table.filter(sign_in_attempts::at.le(until))).execute(conn)
}

/// For each of `keys`, how many attempts it has after `since`, and when
/// the oldest of them was made.
pub fn counts(
    conn: &mut Conn,
    keys: &[String],
    since: NaiveDateTime,
) -> QueryResult<Vec<(String, i64, Option<NaiveDateTime>)>> {
    sign_in_attempts::table
        .filter(sign_in_attempts::key.eq_any(keys))
        .filter(sign_in_attempts::at.gt(since))
        .group_by(sign_in_attempts::key)
        .select((
            sign_in_attempts::key,
            diesel::dsl::count_star(),
            diesel::dsl::min(sign_in_attempts::at),
        ))
        .load(conn)
}

/// Counts an attempt under each of `keys`.
pub fn record(
    conn: &mut Conn,
    attempt: &str,
    keys: &[String],
    at: NaiveDateTime,
) -> QueryResult<()> {
    for key in keys {
        diesel::insert_into(sign_in_attempts::table)
            .values((
                sign_in_attempts::attempt.eq(attempt),
                sign_in_attempts::key.eq(key),
                sign_in_attempts::at.eq(at),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// No longer counts an attempt.
pub fn withdraw(conn: &mut Conn, attempt: &str) -> QueryResult<usize> {
    diesel::delete(sign_in_attempts::table.filter(sign_in_attempts::attempt.eq(attempt)))
        .execute(conn)
}

/// Forgets every attempt under `key`.
pub fn forget(conn: &mut Conn, key: &str) -> QueryResult<usize> {
    diesel::delete(sign_in_attempts::table.filter(sign_in_attempts::key.eq(key))).execute(conn)
}
