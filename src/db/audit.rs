//! The `audit_log` table: who did what to which object, when, from where.
//! Entries are only ever inserted.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::audit_log;

/// An entry to record.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = audit_log)]
pub struct NewEntry {
    /// When.
    pub at: NaiveDateTime,
    /// The user who acted, if known.
    pub actor_user_id: Option<i64>,
    /// Their email (or what was typed, for failed sign-ins).
    pub actor_email: String,
    /// What happened, e.g. `sign-in`.
    pub action: String,
    /// Kind of object, e.g. `user`, `reservation`.
    pub object_type: String,
    /// The object's ID.
    pub object_id: String,
    /// Value before the change.
    pub before_value: Option<String>,
    /// Value after the change.
    pub after_value: Option<String>,
    /// Client address.
    pub client_address: Option<String>,
}

/// Appends an entry.
pub fn record(conn: &mut SqliteConnection, entry: &NewEntry) -> QueryResult<()> {
    diesel::insert_into(audit_log::table)
        .values(entry)
        .execute(conn)
        .map(drop)
}

/// How many entries have this action.
pub fn count_action(conn: &mut SqliteConnection, action: &str) -> QueryResult<i64> {
    audit_log::table
        .filter(audit_log::action.eq(action))
        .count()
        .get_result(conn)
}
