//! Reservations by expiry: the lists and counts of what expires soon, and
//! what reaches an alert's day.

use chrono::{Days, NaiveDate};
use diesel::prelude::*;

use super::Reservation;
use crate::db::Conn;
use crate::db::schema::{customers, reservations};
use crate::domain::reservation::ProvisioningState;

/// In-force reservations expiring on one of `days`, with their customer's
/// company name, by customer and then soonest first.
pub fn expiring_on(conn: &mut Conn, days: &[NaiveDate]) -> QueryResult<Vec<(Reservation, String)>> {
    if days.is_empty() {
        return Ok(Vec::new());
    }
    reservations::table
        .inner_join(customers::table)
        .filter(reservations::provisioning_state.eq(ProvisioningState::Succeeded))
        .filter(reservations::expiry_date.eq_any(days))
        .order((
            customers::company_name,
            customers::id,
            reservations::expiry_date,
            reservations::display_name,
        ))
        .select((Reservation::as_select(), customers::company_name))
        .load(conn)
}

/// In-force reservations of every customer expiring within `days` of
/// `today`, soonest first, and how many there are.
pub fn expiring_within(
    conn: &mut Conn,
    today: NaiveDate,
    days: u64,
    offset: i64,
    limit: i64,
) -> QueryResult<(Vec<Reservation>, i64)> {
    let horizon = today.checked_add_days(Days::new(days)).unwrap_or(today);
    let filtered = || {
        reservations::table
            .filter(reservations::provisioning_state.eq(ProvisioningState::Succeeded))
            .filter(reservations::expiry_date.gt(today))
            .filter(reservations::expiry_date.le(horizon))
    };
    let total = filtered().count().get_result(conn)?;
    let rows = filtered()
        .order((reservations::expiry_date, reservations::id))
        .limit(limit)
        .offset(offset)
        .select(Reservation::as_select())
        .load(conn)?;
    Ok((rows, total))
}

/// How many in-force reservations expire within 30, 60 and 90 days, each
/// with how many of them renew by themselves: added up here from the
/// counts per expiry day and renewal that triggers keep
/// (`expiry_day_counts`).
pub fn expiry_counts(conn: &mut Conn, today: NaiveDate) -> QueryResult<[(i64, i64); 3]> {
    use crate::db::schema::expiry_day_counts as kept;
    let within = |days| today.checked_add_days(Days::new(days)).unwrap_or(today);
    let days: Vec<(NaiveDate, bool, i64)> = kept::table
        .filter(kept::expiry_date.gt(today))
        .filter(kept::expiry_date.le(within(90)))
        .select((kept::expiry_date, kept::renew, kept::n))
        .load(conn)?;
    let mut out = [(0, 0); 3];
    for (i, horizon) in [within(30), within(60), within(90)].into_iter().enumerate() {
        for (expiry, renew, n) in &days {
            if *expiry <= horizon {
                out[i].0 += n;
                if *renew {
                    out[i].1 += n;
                }
            }
        }
    }
    Ok(out)
}
