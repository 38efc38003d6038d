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

/// An upload as the list of latest ones shows it.
#[derive(Debug, Clone, Queryable)]
pub struct Listed {
    /// Row ID.
    pub id: i64,
    /// The file's name.
    pub file_name: String,
    /// Rows in the file.
    pub rows_total: i32,
    /// Its state.
    pub state: String,
    /// When uploaded.
    pub created_at: NaiveDateTime,
    /// Who uploaded it.
    pub by: String,
}

/// The latest uploads with who made them, newest first.
pub fn latest(conn: &mut Conn, limit: i64) -> QueryResult<Vec<Listed>> {
    imports::table
        .inner_join(users::table)
        .order(imports::id.desc())
        .limit(limit)
        .select((
            imports::id,
            imports::file_name,
            imports::rows_total,
            imports::state,
            imports::created_at,
            users::email,
        ))
        .load(conn)
}

/// Whether an upload other than `id` is being imported since `since`.
pub fn running(conn: &mut Conn, id: i64, since: NaiveDateTime) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        imports::table
            .filter(imports::state.eq("Importing"))
            .filter(imports::id.ne(id))
            .filter(imports::started_at.ge(since)),
    ))
    .get_result(conn)
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

/// The upload's row while it is being imported by one run.
type OwnRun = diesel::dsl::Filter<
    diesel::dsl::Filter<
        diesel::dsl::Find<imports::table, i64>,
        diesel::dsl::Eq<imports::state, &'static str>,
    >,
    diesel::dsl::Eq<imports::started_at, Option<NaiveDateTime>>,
>;

/// The run of upload `id` started at `started`, while it is still the
/// upload's run (another may have taken over a run thought stopped).
fn own_run(id: i64, started: NaiveDateTime) -> OwnRun {
    imports::table
        .find(id)
        .filter(imports::state.eq("Importing"))
        .filter(imports::started_at.eq(Some(started)))
}

/// Marks the run of upload `id` started at `started` imported with its
/// counts, and lets its file go; whether it was still that upload's run.
pub fn finish(
    conn: &mut Conn,
    (id, started): (i64, NaiveDateTime),
    (added, changed): (i32, i32),
    at: NaiveDateTime,
) -> QueryResult<bool> {
    let done = diesel::update(own_run(id, started))
        .set((
            imports::state.eq("Imported"),
            imports::added.eq(added),
            imports::changed.eq(changed),
            imports::finished_at.eq(Some(at)),
            imports::body.eq(""),
        ))
        .execute(conn)?;
    Ok(done == 1)
}

/// Marks the run of upload `id` started at `started` failed, saying why
/// (nothing of it was written), with the preview found again when the
/// rows were checked again.
pub fn fail(
    conn: &mut Conn,
    (id, started): (i64, NaiveDateTime),
    error: &str,
    preview: Option<&str>,
    at: NaiveDateTime,
) -> QueryResult<usize> {
    match preview {
        Some(preview) => diesel::update(own_run(id, started))
            .set((
                imports::state.eq("Failed"),
                imports::error.eq(Some(error)),
                imports::preview.eq(preview),
                imports::finished_at.eq(Some(at)),
            ))
            .execute(conn),
        None => diesel::update(own_run(id, started))
            .set((
                imports::state.eq("Failed"),
                imports::error.eq(Some(error)),
                imports::finished_at.eq(Some(at)),
            ))
            .execute(conn),
    }
}

/// Lets go of the files of uploads made before `before` and never
/// imported (they are marked `Expired`); how many.
pub fn expire(conn: &mut Conn, before: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(
        imports::table
            .filter(imports::state.eq_any(["Preview", "Failed"]))
            .filter(imports::created_at.lt(before)),
    )
    .set((imports::state.eq("Expired"), imports::body.eq("")))
    .execute(conn)
}
