//! Reservations across customers, read in batches for the CSV export.

use chrono::NaiveDate;
use diesel::prelude::*;

use super::Reservation;
use super::listing::with_status;
use crate::db::Conn;
use crate::db::keys::ReservationKey;
use crate::db::schema::{customers, reservation_orders, reservations};
use crate::domain::reservation::Status;

/// Which reservations an export holds.
#[derive(Debug, Clone, Default)]
pub struct ExportFilter {
    /// Only this status, or all.
    pub status: Option<Status>,
    /// Only this region (its API name), or all.
    pub region: Option<String>,
    /// Archived reservations too (left out otherwise, as in the lists).
    pub archived_too: bool,
}

/// A reservation with its customer and order, as an export line needs it.
#[derive(Debug, Clone)]
pub struct ExportRow {
    /// The reservation.
    pub reservation: Reservation,
    /// Its customer's company name.
    pub company_name: String,
    /// Its customer's tenant ID.
    pub tenant_id: String,
    /// Its order's ID.
    pub order_guid: String,
    /// Its order's term (the API's name).
    pub term: String,
    /// Its order's billing plan (the API's name).
    pub billing_plan: String,
}

/// The next `limit` reservations matching `filter` after the row `after`,
/// in row order (so that each batch starts where the last ended, however
/// many rows came before).
pub fn batch(
    conn: &mut Conn,
    filter: &ExportFilter,
    today: NaiveDate,
    after: ReservationKey,
    limit: i64,
) -> QueryResult<Vec<ExportRow>> {
    let mut query = with_status(
        reservations::table
            .filter(reservations::id.gt(after))
            .into_boxed(),
        filter.status,
        today,
    );
    if let Some(region) = &filter.region {
        query = query.filter(reservations::region.eq(region.clone()));
    }
    if !filter.archived_too {
        query = query.filter(reservations::archived.eq(false));
    }
    let keys: Vec<ReservationKey> = query
        .order(reservations::id)
        .limit(limit)
        .select(reservations::id)
        .load(conn)?;
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<(Reservation, String, String, String, String, String)> = reservations::table
        .inner_join(customers::table)
        .inner_join(reservation_orders::table)
        .filter(reservations::id.eq_any(&keys))
        .order(reservations::id)
        .select((
            Reservation::as_select(),
            customers::company_name,
            customers::tenant_id,
            reservation_orders::order_guid,
            reservation_orders::term,
            reservation_orders::billing_plan,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(reservation, company_name, tenant_id, order_guid, term, billing_plan)| ExportRow {
                reservation,
                company_name,
                tenant_id,
                order_guid,
                term,
                billing_plan,
            },
        )
        .collect())
}
