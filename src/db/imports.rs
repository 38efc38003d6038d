//! The `imports` table: reservation files uploaded for import, what their
//! preview found, and how their import went.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::keys::UserKey;
use super::schema::{imports, users};
use crate::db::Conn;

/// An upload, without its file.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = imports, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct Import {
    /// Row ID.
    pub id: i64,
    /// Who uploaded it.
    pub user_id: UserKey,
    /// The file's name as uploaded.
    pub file_name: String,
    /// The tenant chosen for the whole file, if any.
    pub chosen_tenant: Option<String>,
    /// Rows in the file.
    pub rows_total: i32,
    /// What the preview found (`app::import::Preview` as JSON).
    pub preview: String,
    /// `Preview`, `Importing`, `Imported` or `Failed`.
    pub state: String,
    /// Orders and reservations added.
    pub added: i32,
    /// Orders and reservations changed.
    pub changed: i32,
    /// Why the import failed.
    pub error: Option<String>,
    /// When uploaded.
    pub created_at: NaiveDateTime,
    /// When its import started.
    pub started_at: Option<NaiveDateTime>,
    /// When its import ended.
    pub finished_at: Option<NaiveDateTime>,
}

/// An upload to store.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = imports)]
pub struct NewImport<'a> {
    /// Who.
    pub user_id: UserKey,
    /// The file's name.
    pub file_name: &'a str,
    /// The tenant chosen for the whole file.
    pub chosen_tenant: Option<String>,
    /// The file.
    pub body: &'a str,
    /// Rows in it.
    pub rows_total: i32,
    /// The preview, as JSON.
    pub preview: String,
    /// `Preview`.
    pub state: &'a str,
    /// 0.
    pub added: i32,
    /// 0.
    pub changed: i32,
    /// Now.
    pub created_at: NaiveDateTime,
}

/// Stores an upload; its row ID.
pub fn insert(conn: &mut Conn, new: &NewImport<'_>) -> QueryResult<i64> {
    per_engine!(conn, |c| diesel::insert_into(imports::table)
        .values(new)
        .returning(imports::id)
        .get_result(c))
}

/// Upload `id`, without its file.
pub fn find(conn: &mut Conn, id: i64) -> QueryResult<Option<Import>> {
    imports::table
        .find(id)
        .select(Import::as_select())
        .first(conn)
        .optional()
}

/// The file of upload `id`.
pub fn body(conn: &mut Conn, id: i64) -> QueryResult<String> {
    imports::table.find(id).select(imports::body).first(conn)
}

/// The latest uploads with who made them, newest first.
pub fn latest(conn: &mut Conn, limit: i64) -> QueryResult<Vec<(Import, String)>> {
    imports::table
        .inner_join(users::table)
        .order(imports::id.desc())
        .limit(limit)
        .select((Import::as_select(), users::email))
        .load(conn)
}

/// Moves upload `id` from one of `from` to `Importing`, as of `at`; whether
/// it moved (it did not when another request moved it first).
pub fn start(conn: &mut Conn, id: i64, from: &[&str], at: NaiveDateTime) -> QueryResult<bool> {
    let moved = diesel::update(imports::table.find(id).filter(imports::state.eq_any(from)))
        .set((
            imports::state.eq("Importing"),
            imports::started_at.eq(Some(at)),
            imports::error.eq(None::<String>),
        ))
        .execute(conn)?;
    Ok(moved == 1)
}

/// Moves an `Importing` upload started before `before` (its node stopped:
/// its transaction was rolled back) to `Importing` again, as of `at`.
pub fn take_over(
    conn: &mut Conn,
    id: i64,
    before: NaiveDateTime,
    at: NaiveDateTime,
) -> QueryResult<bool> {
    let moved = diesel::update(
        imports::table
            .find(id)
            .filter(imports::state.eq("Importing"))
            .filter(imports::started_at.lt(before)),
    )
    .set(imports::started_at.eq(Some(at)))
    .execute(conn)?;
    Ok(moved == 1)
}

/// Marks upload `id` imported with its counts, and lets its file go.
pub fn finish(
    conn: &mut Conn,
    id: i64,
    (added, changed): (i32, i32),
    at: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(imports::table.find(id))
        .set((
            imports::state.eq("Imported"),
            imports::added.eq(added),
            imports::changed.eq(changed),
            imports::finished_at.eq(Some(at)),
            imports::body.eq(""),
        ))
        .execute(conn)
}

/// Marks upload `id` failed, saying why (nothing of it was written).
pub fn fail(conn: &mut Conn, id: i64, error: &str, at: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(imports::table.find(id))
        .set((
            imports::state.eq("Failed"),
            imports::error.eq(Some(error)),
            imports::finished_at.eq(Some(at)),
        ))
        .execute(conn)
}
