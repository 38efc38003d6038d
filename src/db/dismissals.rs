//! The `recommendation_dismissals` table: recommendations an agent
//! dismissed, kept with who did it and when.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::recommendation_dismissals as dismissals;
use crate::db::Conn;
use crate::db::keys::ReservationKey;

/// Who dismissed the recommendation of `kind` on reservation `id`, and
/// when, if someone did.
pub fn find(
    conn: &mut Conn,
    id: ReservationKey,
    kind: &str,
) -> QueryResult<Option<(String, NaiveDateTime)>> {
    dismissals::table
        .filter(dismissals::reservation_id.eq(id))
        .filter(dismissals::kind.eq(kind))
        .select((dismissals::dismissed_by, dismissals::dismissed_at))
        .first(conn)
        .optional()
}

/// Records a dismissal; whether it was new (a second one changes nothing).
pub fn insert(
    conn: &mut Conn,
    id: ReservationKey,
    kind: &str,
    by: &str,
    at: NaiveDateTime,
) -> QueryResult<bool> {
    if find(conn, id, kind)?.is_some() {
        return Ok(false);
    }
    diesel::insert_into(dismissals::table)
        .values((
            dismissals::reservation_id.eq(id),
            dismissals::kind.eq(kind),
            dismissals::dismissed_by.eq(by),
            dismissals::dismissed_at.eq(at),
        ))
        .execute(conn)?;
    Ok(true)
}

/// Every reservation with a dismissed recommendation.
pub fn all_reservations(conn: &mut Conn) -> QueryResult<std::collections::HashSet<ReservationKey>> {
    Ok(dismissals::table
        .select(dismissals::reservation_id)
        .distinct()
        .load(conn)?
        .into_iter()
        .collect())
}
