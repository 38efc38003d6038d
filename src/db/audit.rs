//! The `audit_log` table: who did what to which object, when, from where.
//! Entries are only ever inserted.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::keys::UserKey;
use super::schema::audit_log;
use crate::db::Conn;

/// A recorded entry.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = audit_log, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct Entry {
    /// Row ID.
    pub id: i64,
    /// When it happened (UTC, to the second).
    pub at: NaiveDateTime,
    /// The user who acted, if known.
    pub actor_user_id: Option<UserKey>,
    /// Their email (or what was typed, for failed sign-ins).
    pub actor_email: String,
    /// What happened.
    pub action: Action,
    /// Kind of object.
    pub object_type: String,
    /// The object's ID.
    pub object_id: String,
    /// Value before the change.
    pub before_value: Option<String>,
    /// Value after the change.
    pub after_value: Option<String>,
    /// Client address.
    pub client_address: Option<String>,
    /// The ARM correlation ID of the Azure call the change made, if any.
    pub correlation_id: Option<String>,
}

pub use crate::domain::audit::Action;

/// An entry to record.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = audit_log)]
pub struct NewEntry {
    /// When it happened (UTC, to the second).
    pub at: NaiveDateTime,
    /// The user who acted, if known.
    pub actor_user_id: Option<UserKey>,
    /// Their email (or what was typed, for failed sign-ins).
    pub actor_email: String,
    /// What happened.
    pub action: Action,
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
    /// The ARM correlation ID of the Azure call the change made, if any.
    pub correlation_id: Option<String>,
}

impl NewEntry {
    /// An entry of `action` by an actor on an object, at `at`.
    pub fn new(
        actor: (Option<UserKey>, &str),
        action: Action,
        object: (&str, &str),
        client_address: &str,
        at: NaiveDateTime,
    ) -> NewEntry {
        NewEntry {
            at,
            actor_user_id: actor.0,
            actor_email: actor.1.to_string(),
            action,
            object_type: object.0.to_string(),
            object_id: object.1.to_string(),
            before_value: None,
            after_value: None,
            client_address: Some(client_address.to_string()),
            correlation_id: None,
        }
    }

    /// The same entry with the correlation ID of the Azure call behind it.
    pub fn correlated(mut self, correlation_id: Option<String>) -> NewEntry {
        self.correlation_id = correlation_id;
        self
    }

    /// The same entry with the value before and after the change.
    pub fn change(mut self, before: impl Into<String>, after: impl Into<String>) -> NewEntry {
        self.before_value = Some(before.into());
        self.after_value = Some(after.into());
        self
    }
}

/// Appends an entry.
pub fn record(conn: &mut Conn, entry: &NewEntry) -> QueryResult<()> {
    diesel::insert_into(audit_log::table)
        .values(entry)
        .execute(conn)
        .map(drop)
}

/// How many entries have this action.
pub fn count_action(conn: &mut Conn, action: Action) -> QueryResult<i64> {
    audit_log::table
        .filter(audit_log::action.eq(action))
        .count()
        .get_result(conn)
}

/// One page of entries, newest first, optionally of one action, and how many match.
pub fn list(
    conn: &mut Conn,
    action: Option<Action>,
    offset: i64,
    limit: i64,
) -> QueryResult<(Vec<Entry>, i64)> {
    let filtered = || {
        let query = audit_log::table.into_boxed();
        match action {
            Some(a) => query.filter(audit_log::action.eq(a)),
            None => query,
        }
    };
    let total = filtered().count().get_result(conn)?;
    let rows = filtered()
        .order((audit_log::at.desc(), audit_log::id.desc()))
        .limit(limit)
        .offset(offset)
        .select(Entry::as_select())
        .load(conn)?;
    Ok((rows, total))
}

/// Every action that has been recorded, alphabetically.
pub fn actions(conn: &mut Conn) -> QueryResult<Vec<Action>> {
    audit_log::table
        .select(audit_log::action)
        .distinct()
        .order(audit_log::action)
        .load(conn)
}

/// The newest entries about one object (at most `limit`).
pub fn for_object(
    conn: &mut Conn,
    object_type: &str,
    object_id: &str,
    limit: i64,
) -> QueryResult<Vec<Entry>> {
    audit_log::table
        .filter(audit_log::object_type.eq(object_type))
        .filter(audit_log::object_id.eq(object_id))
        .order((audit_log::at.desc(), audit_log::id.desc()))
        .limit(limit)
        .select(Entry::as_select())
        .load(conn)
}

/// What the system of record said when it last refused a change to this
/// object, if it ever did.
pub fn last_refusal(
    conn: &mut Conn,
    object_type: &str,
    object_id: &str,
) -> QueryResult<Option<String>> {
    audit_log::table
        .filter(audit_log::object_type.eq(object_type))
        .filter(audit_log::object_id.eq(object_id))
        .filter(audit_log::action.eq(Action::AzureRefused))
        .order((audit_log::at.desc(), audit_log::id.desc()))
        .select(audit_log::after_value)
        .first::<Option<String>>(conn)
        .optional()
        .map(Option::flatten)
}
