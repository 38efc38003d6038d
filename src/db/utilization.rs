//! The `reservation_utilization` table: one row per reservation per day.

use std::collections::HashMap;

use chrono::{Days, NaiveDate};
use diesel::prelude::*;
use diesel::sql_types::BigInt;

use super::schema::reservation_utilization as util;
use crate::db::Conn;
use crate::db::keys::ReservationKey;
use crate::db::statement::{Statement, in_list};
use crate::domain::utilization::Permille;

/// A day of utilization to insert.
#[derive(Debug, Clone, Copy, Insertable)]
#[diesel(table_name = util)]
pub struct NewDay {
    /// Reservation (row ID).
    pub reservation_id: ReservationKey,
    /// The UTC day.
    pub day: NaiveDate,
    /// Tenths of a percent.
    pub permille: i32,
}

/// A reservation's daily values from `since` (inclusive) on, oldest first.
pub fn since(
    conn: &mut Conn,
    reservation_id: ReservationKey,
    since: NaiveDate,
) -> QueryResult<Vec<(NaiveDate, Permille)>> {
    let rows: Vec<(NaiveDate, i32)> = util::table
        .filter(util::reservation_id.eq(reservation_id))
        .filter(util::day.ge(since))
        .order(util::day)
        .select((util::day, util::permille))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(d, p)| (d, Permille::new(i64::from(p))))
        .collect())
}

/// Every day recorded for these reservations: (reservation, day, permille).
pub fn all_of(
    conn: &mut Conn,
    ids: &[ReservationKey],
) -> QueryResult<Vec<(ReservationKey, NaiveDate, i32)>> {
    util::table
        .filter(util::reservation_id.eq_any(ids))
        .order((util::day, util::reservation_id))
        .select((util::reservation_id, util::day, util::permille))
        .load(conn)
}

/// The 30-day average (ending yesterday) of each of these reservations that
/// has data, in one query.
pub fn thirty_day_averages(
    conn: &mut Conn,
    reservation_ids: &[ReservationKey],
    today: NaiveDate,
) -> QueryResult<HashMap<ReservationKey, Permille>> {
    averages(conn, reservation_ids, today, 30)
}

/// The average of the `days` days ending yesterday of each of these
/// reservations that has data, in one query, rounded as the Overview
/// rounds it.
pub fn averages(
    conn: &mut Conn,
    reservation_ids: &[ReservationKey],
    today: NaiveDate,
    days: u64,
) -> QueryResult<HashMap<ReservationKey, Permille>> {
    if reservation_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let start = today.checked_sub_days(Days::new(days)).unwrap_or(today);
    let ids: Vec<i64> = reservation_ids.iter().map(|id| id.0).collect();
    let (list, slots) = in_list(3, ids.len());
    // A statement kept prepared: a page's averages were a fifth of its time
    // when parsed and planned on every view.
    let rows: Vec<Sums> = Statement::new(&format!(
        "SELECT reservation_id AS id, SUM(permille) AS total, COUNT(*) AS n \
         FROM reservation_utilization \
         WHERE day >= ?1 AND day < ?2 AND reservation_id IN ({list}) \
         GROUP BY reservation_id"
    ))
    .bind(start)
    .bind(today)
    .bind_padded(&ids, slots)
    .load(conn)?;
    Ok(rows
        .into_iter()
        .filter(|r| r.n > 0)
        .map(|r| {
            (
                ReservationKey(r.id),
                Permille::new((r.total * 2 + r.n) / (2 * r.n)),
            )
        })
        .collect())
}

#[derive(QueryableByName)]
struct Sums {
    #[diesel(sql_type = BigInt)]
    id: i64,
    #[diesel(sql_type = BigInt)]
    total: i64,
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// Inserts days in batches small enough for SQLite's parameter limit.
pub fn insert_all(conn: &mut Conn, rows: &[NewDay]) -> QueryResult<usize> {
    let mut inserted = 0;
    for chunk in rows.chunks(super::BATCH_ROWS * 8) {
        inserted += per_engine!(conn, |c| diesel::insert_into(util::table)
            .values(chunk)
            .execute(c))?;
    }
    Ok(inserted)
}

/// Whether any use was reported on or after `since`.
pub fn any_use_since(
    conn: &mut Conn,
    reservation_id: ReservationKey,
    since: NaiveDate,
) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        util::table
            .filter(util::reservation_id.eq(reservation_id))
            .filter(util::day.ge(since))
            .filter(util::permille.gt(0)),
    ))
    .get_result(conn)
}

/// In-force reservations whose average use over the 7 days before `today`
/// is below `threshold` (tenths of a percent), with that average.
pub fn underused(
    conn: &mut Conn,
    today: NaiveDate,
    threshold: i64,
) -> QueryResult<Vec<(ReservationKey, i64)>> {
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = BigInt)]
        id: ReservationKey,
        #[diesel(sql_type = BigInt)]
        average: i64,
    }
    let start = today.checked_sub_days(Days::new(7)).unwrap_or(today);
    let rows = super::statement::Statement::new(
        "SELECT u.reservation_id AS id, CAST(ROUND(AVG(u.permille)) AS BIGINT) AS average \
         FROM reservation_utilization u JOIN reservations r ON r.id = u.reservation_id \
         WHERE u.day >= ?1 AND u.day < ?2 AND r.provisioning_state = 'Succeeded' AND r.expiry_date > ?2 \
         GROUP BY u.reservation_id HAVING AVG(u.permille) < ?3 ORDER BY average, u.reservation_id",
    )
    .bind(start)
    .bind(today)
    .bind(threshold)
    .load::<Row>(conn)?;
    Ok(rows.into_iter().map(|r| (r.id, r.average)).collect())
}

/// The reservations in force, not closed, whose 30-day average (ending
/// yesterday) suggests a recommendation: under `threshold` (tenths of a
/// percent), or fully used while expiring by `renew_by` without renewing;
/// with their averages, lowest first.
pub fn advice_candidates(
    conn: &mut Conn,
    today: NaiveDate,
    threshold: i64,
    renew_by: NaiveDate,
) -> QueryResult<Vec<(ReservationKey, i64)>> {
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = BigInt)]
        id: ReservationKey,
        #[diesel(sql_type = BigInt)]
        average: i64,
    }
    let start = today.checked_sub_days(Days::new(30)).unwrap_or(today);
    let rows = super::statement::Statement::new(
        "SELECT u.reservation_id AS id, CAST(ROUND(AVG(u.permille)) AS BIGINT) AS average \
         FROM reservation_utilization u JOIN reservations r ON r.id = u.reservation_id \
         WHERE u.day >= ?1 AND u.day < ?2 AND r.provisioning_state = 'Succeeded' \
         AND r.closed_by IS NULL AND r.expiry_date > ?2 \
         GROUP BY u.reservation_id, r.expiry_date, r.renew \
         HAVING AVG(u.permille) < ?3 OR (AVG(u.permille) >= ?5 AND r.expiry_date <= ?4 AND NOT r.renew) \
         ORDER BY average, u.reservation_id",
    )
    .bind(start)
    .bind(today)
    .bind(threshold)
    .bind(renew_by)
    .bind(i64::from(crate::domain::advice::FULLY_USED))
    .load::<Row>(conn)?;
    Ok(rows.into_iter().map(|r| (r.id, r.average)).collect())
}

/// Writes days, replacing a stored day's value (a sync reads a day again
/// when Azure revised it).
pub fn upsert_all(conn: &mut Conn, rows: &[NewDay]) -> QueryResult<usize> {
    let mut written = 0;
    // One statement per row: SQLite takes no upsert of a multi-row insert.
    for row in rows {
        written += per_engine!(conn, |c| diesel::insert_into(util::table)
            .values(row)
            .on_conflict((util::reservation_id, util::day))
            .do_update()
            .set(util::permille.eq(diesel::upsert::excluded(util::permille)))
            .execute(c))?;
    }
    Ok(written)
}
