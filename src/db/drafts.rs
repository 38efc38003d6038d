//! The `request_drafts` table: the support-request wizard's drafts, kept on
//! the server between steps.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sqlite::Sqlite;

use super::schema::request_drafts as drafts;
use crate::db::Conn;
use crate::db::keys::{DraftKey, RequestKey, ReservationKey, UserKey};
use crate::domain::support::RequestKind;

/// A wizard's draft, kept on the server between steps.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = drafts, check_for_backend(diesel::pg::Pg, Sqlite))]
pub struct Draft {
    /// Row ID.
    pub id: DraftKey,
    /// The random token in its URLs.
    pub token: String,
    /// Whose draft it is.
    pub user_id: UserKey,
    /// The reservation it is about.
    pub reservation_id: ReservationKey,
    /// Refund, exchange or other.
    pub kind: RequestKind,
    /// The fields typed so far (JSON).
    pub data: String,
    /// The request created from it, once created.
    pub request_id: Option<RequestKey>,
    /// When the wizard was started (UTC, to the second).
    pub created_at: NaiveDateTime,
    /// Last saved.
    pub updated_at: NaiveDateTime,
}

/// A draft to start.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = drafts)]
pub struct NewDraft {
    /// Random token.
    pub token: String,
    /// Who started it; to anyone else the draft does not exist.
    pub user_id: UserKey,
    /// The reservation the request will be about.
    pub reservation_id: ReservationKey,
    /// Refund, exchange or other, fixed when the wizard starts.
    pub kind: RequestKind,
    /// Fields (JSON).
    pub data: String,
    /// When the wizard was started (UTC, to the second).
    pub created_at: NaiveDateTime,
    /// When the fields were last saved; the same as `created_at` at first.
    pub updated_at: NaiveDateTime,
}

/// The draft with this token.
pub fn find(conn: &mut Conn, token: &str) -> QueryResult<Draft> {
    drafts::table
        .filter(drafts::token.eq(token))
        .select(Draft::as_select())
        .first(conn)
}

/// A user's unfinished draft of this kind for this reservation, if any.
pub fn open_for(
    conn: &mut Conn,
    user_id: UserKey,
    reservation_id: ReservationKey,
    kind: RequestKind,
) -> QueryResult<Option<Draft>> {
    drafts::table
        .filter(drafts::user_id.eq(user_id))
        .filter(drafts::reservation_id.eq(reservation_id))
        .filter(drafts::kind.eq(kind))
        .filter(drafts::request_id.is_null())
        .order(drafts::id.desc())
        .select(Draft::as_select())
        .first(conn)
        .optional()
}

/// Starts a draft.
pub fn insert(conn: &mut Conn, row: &NewDraft) -> QueryResult<()> {
    diesel::insert_into(drafts::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

/// Saves the fields of a draft not yet turned into a request.
pub fn save(conn: &mut Conn, id: DraftKey, data: &str, at: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(
        drafts::table
            .filter(drafts::id.eq(id))
            .filter(drafts::request_id.is_null()),
    )
    .set((drafts::data.eq(data), drafts::updated_at.eq(at)))
    .execute(conn)
}

/// Deletes a draft not yet turned into a request (Cancel).
pub fn delete(conn: &mut Conn, id: DraftKey) -> QueryResult<usize> {
    diesel::delete(
        drafts::table
            .filter(drafts::id.eq(id))
            .filter(drafts::request_id.is_null()),
    )
    .execute(conn)
}
