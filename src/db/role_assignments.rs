//! The `role_assignments` table: who holds which role on a reservation.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::role_assignments as ra;
use crate::db::Conn;
use crate::db::keys::{AssignmentKey, ReservationKey};
use crate::domain::roles::ReservationRole;

/// A role held on a reservation.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = ra, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct Assignment {
    /// Row ID.
    pub id: AssignmentKey,
    /// The reservation (row ID).
    pub reservation_id: ReservationKey,
    /// The principal's email, lower-case.
    pub principal_email: String,
    /// The role.
    pub role: ReservationRole,
    /// Who assigned it (email).
    pub assigned_by: String,
    /// When the role was given (UTC, to the second).
    pub assigned_at: NaiveDateTime,
}

/// An assignment to insert.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = ra)]
pub struct NewAssignment {
    /// The reservation (row ID).
    pub reservation_id: ReservationKey,
    /// The principal's email, lower-case.
    pub principal_email: String,
    /// The role.
    pub role: ReservationRole,
    /// Who assigned it.
    pub assigned_by: String,
    /// When the role was given (UTC, to the second).
    pub assigned_at: NaiveDateTime,
}

/// A reservation's assignments, Owners first, then by email.
pub fn for_reservation(
    conn: &mut Conn,
    reservation_id: ReservationKey,
) -> QueryResult<Vec<Assignment>> {
    let mut rows: Vec<Assignment> = ra::table
        .filter(ra::reservation_id.eq(reservation_id))
        .order((ra::principal_email, ra::id))
        .select(Assignment::as_select())
        .load(conn)?;
    rows.sort_by_key(|a| {
        (
            ReservationRole::ALL.iter().position(|r| *r == a.role),
            a.principal_email.clone(),
        )
    });
    Ok(rows)
}

/// The roles a principal holds on a reservation.
pub fn roles_of(
    conn: &mut Conn,
    reservation_id: ReservationKey,
    email: &str,
) -> QueryResult<Vec<ReservationRole>> {
    ra::table
        .filter(ra::reservation_id.eq(reservation_id))
        .filter(ra::principal_email.eq(email))
        .select(ra::role)
        .load(conn)
}

/// The reservations (row IDs) on which a principal holds any role.
pub fn reservations_of(conn: &mut Conn, email: &str) -> QueryResult<Vec<ReservationKey>> {
    ra::table
        .filter(ra::principal_email.eq(email))
        .select(ra::reservation_id)
        .distinct()
        .load(conn)
}

/// The assignment with this row ID on this reservation.
pub fn find(
    conn: &mut Conn,
    reservation_id: ReservationKey,
    id: AssignmentKey,
) -> QueryResult<Assignment> {
    ra::table
        .filter(ra::id.eq(id))
        .filter(ra::reservation_id.eq(reservation_id))
        .select(Assignment::as_select())
        .first(conn)
}

/// Whether the principal already holds the role.
pub fn exists(
    conn: &mut Conn,
    reservation_id: ReservationKey,
    email: &str,
    role: ReservationRole,
) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        ra::table
            .filter(ra::reservation_id.eq(reservation_id))
            .filter(ra::principal_email.eq(email))
            .filter(ra::role.eq(role)),
    ))
    .get_result(conn)
}

/// How many Owner assignments the reservation has.
pub fn count_owners(conn: &mut Conn, reservation_id: ReservationKey) -> QueryResult<i64> {
    ra::table
        .filter(ra::reservation_id.eq(reservation_id))
        .filter(ra::role.eq(ReservationRole::Owner))
        .count()
        .get_result(conn)
}

/// Adds an assignment.
pub fn insert(conn: &mut Conn, row: &NewAssignment) -> QueryResult<()> {
    diesel::insert_into(ra::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

/// Adds assignments in batches.
pub fn insert_all(conn: &mut Conn, rows: &[NewAssignment]) -> QueryResult<usize> {
    let mut inserted = 0;
    for chunk in rows.chunks(super::BATCH_ROWS * 4) {
        inserted += per_engine!(conn, |c| diesel::insert_into(ra::table)
            .values(chunk)
            .execute(c))?;
    }
    Ok(inserted)
}

/// Removes an assignment.
pub fn delete(conn: &mut Conn, id: AssignmentKey) -> QueryResult<()> {
    diesel::delete(ra::table.find(id)).execute(conn).map(drop)
}
