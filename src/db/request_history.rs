//! The `request_history` table: what happened to each support request,
//! by whom and when.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sqlite::Sqlite;

use super::keys::RequestKey;
use super::schema::request_history as history;
use crate::db::Conn;

/// An event in a request's history.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = history, check_for_backend(diesel::pg::Pg, Sqlite))]
pub struct Event {
    /// Row ID.
    pub id: i64,
    /// The request.
    pub request_id: RequestKey,
    /// When it happened (UTC, to the second).
    pub at: NaiveDateTime,
    /// Email of who did it, or `system` for closures by the hourly job.
    pub actor_email: String,
    /// What (`created`, `approved`, `rejected`, …).
    pub event: String,
    /// `approved`: the figures (JSON); `rejected`: the reason; `closed`: the number of the
    /// request that closed it. None for other events.
    pub note: Option<String>,
}

/// Adds an event to a request's history.
pub fn add(
    conn: &mut Conn,
    request_id: RequestKey,
    actor: &str,
    event: &str,
    note: Option<&str>,
    at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(history::table)
        .values((
            history::request_id.eq(request_id),
            history::at.eq(at),
            history::actor_email.eq(actor),
            history::event.eq(event),
            history::note.eq(note),
        ))
        .execute(conn)
        .map(drop)
}

/// A request's history, oldest first.
pub fn for_request(conn: &mut Conn, request_id: RequestKey) -> QueryResult<Vec<Event>> {
    history::table
        .filter(history::request_id.eq(request_id))
        .order((history::at, history::id))
        .select(Event::as_select())
        .load(conn)
}
