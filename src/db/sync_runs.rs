//! The `sync_runs` table: each run of the sync with Azure, its progress
//! and how it ended.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::sync_runs;
use crate::db::Conn;

/// A run of the sync.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = sync_runs, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct Run {
    /// Row ID.
    pub id: i64,
    /// When it started.
    pub started_at: NaiveDateTime,
    /// When it last reported progress.
    pub heartbeat_at: NaiveDateTime,
    /// When it ended, if it did.
    pub finished_at: Option<NaiveDateTime>,
    /// Who started it: an admin's email, `schedule` or `command line`.
    pub started_by: String,
    /// `Running`, `Finished`, `Failed` or `Interrupted`.
    pub state: String,
    /// Customers to sync.
    pub customers_total: i32,
    /// Customers done (synced or failed).
    pub customers_done: i32,
    /// Customers that failed.
    pub customers_failed: i32,
    /// Why the whole run failed, in the service's words.
    pub error: Option<String>,
}

/// Ends runs still marked running whose last heartbeat is before `stale`
/// (their process was stopped): they become `Interrupted`.
pub fn interrupt_stale(conn: &mut Conn, stale: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(
        sync_runs::table
            .filter(sync_runs::state.eq("Running"))
            .filter(sync_runs::heartbeat_at.lt(stale)),
    )
    .set(sync_runs::state.eq("Interrupted"))
    .execute(conn)
}

/// The run in progress, if any.
pub fn running(conn: &mut Conn) -> QueryResult<Option<Run>> {
    sync_runs::table
        .filter(sync_runs::state.eq("Running"))
        .order(sync_runs::id.desc())
        .select(Run::as_select())
        .first(conn)
        .optional()
}

/// Starts a run; its row ID.
pub fn start(conn: &mut Conn, started_by: &str, at: NaiveDateTime) -> QueryResult<i64> {
    diesel::insert_into(sync_runs::table)
        .values((
            sync_runs::started_at.eq(at),
            sync_runs::heartbeat_at.eq(at),
            sync_runs::started_by.eq(started_by),
            sync_runs::state.eq("Running"),
        ))
        .returning(sync_runs::id)
        .get_result(conn)
}

/// Records progress of a running run: how many customers there are, are
/// done and failed. Whether the run is still running (not taken over as
/// interrupted).
pub fn progress(
    conn: &mut Conn,
    id: i64,
    (total, done, failed): (i32, i32, i32),
    at: NaiveDateTime,
) -> QueryResult<bool> {
    diesel::update(
        sync_runs::table
            .find(id)
            .filter(sync_runs::state.eq("Running")),
    )
    .set((
        sync_runs::customers_total.eq(total),
        sync_runs::customers_done.eq(done),
        sync_runs::customers_failed.eq(failed),
        sync_runs::heartbeat_at.eq(at),
    ))
    .execute(conn)
    .map(|n| n == 1)
}

/// Keeps a running run's heartbeat fresh; whether it is still running.
pub fn beat(conn: &mut Conn, id: i64, at: NaiveDateTime) -> QueryResult<bool> {
    diesel::update(
        sync_runs::table
            .find(id)
            .filter(sync_runs::state.eq("Running")),
    )
    .set(sync_runs::heartbeat_at.eq(at))
    .execute(conn)
    .map(|n| n == 1)
}

/// Ends a run: `Finished`, or `Failed` with why.
pub fn finish(conn: &mut Conn, id: i64, error: Option<&str>, at: NaiveDateTime) -> QueryResult<()> {
    diesel::update(sync_runs::table.find(id))
        .set((
            sync_runs::state.eq(if error.is_some() {
                "Failed"
            } else {
                "Finished"
            }),
            sync_runs::error.eq(error),
            sync_runs::finished_at.eq(Some(at)),
            sync_runs::heartbeat_at.eq(at),
        ))
        .execute(conn)
        .map(drop)
}

/// The latest runs, newest first.
pub fn latest(conn: &mut Conn, limit: i64) -> QueryResult<Vec<Run>> {
    sync_runs::table
        .order(sync_runs::id.desc())
        .limit(limit)
        .select(Run::as_select())
        .load(conn)
}
