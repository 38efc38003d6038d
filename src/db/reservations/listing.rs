//! A customer's reservations as their list shows them: filtered by status,
//! searched, sorted and paged in the database.

use crate::db::Conn;
use crate::db::MultiBackend;
use chrono::{Days, NaiveDate};
use diesel::prelude::*;

use super::Reservation;
use crate::db::keys::CustomerKey;
use crate::db::schema::reservations;
use crate::domain::reservation::{Closure, EXPIRING_WITHIN_DAYS, ProvisioningState, Status};

/// Columns a customer's reservation list can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReservationSort {
    /// Display name (default).
    Name,
    /// Resource type, then SKU.
    Type,
    /// Azure region name (URL key `region`).
    Region,
    /// Units covered (URL key `quantity`).
    Quantity,
    /// Expiry day.
    Expiry,
}

impl ReservationSort {
    /// Every sortable column.
    pub const ALL: &'static [ReservationSort] = &[
        ReservationSort::Name,
        ReservationSort::Type,
        ReservationSort::Region,
        ReservationSort::Quantity,
        ReservationSort::Expiry,
    ];

    /// The key used in URLs.
    pub fn key(&self) -> &'static str {
        match self {
            ReservationSort::Name => "name",
            ReservationSort::Type => "type",
            ReservationSort::Region => "region",
            ReservationSort::Quantity => "quantity",
            ReservationSort::Expiry => "expiry",
        }
    }

    /// Parses a URL key.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|s| s.key() == key)
    }
}

/// One page of a customer's reservations.
#[derive(Debug, Clone, Copy)]
pub struct ListQuery {
    /// The customer (row ID).
    pub customer_id: CustomerKey,
    /// Only this status, or all.
    pub status: Option<Status>,
    /// Sort column.
    pub sort: ReservationSort,
    /// Descending order.
    pub descending: bool,
    /// Rows to skip.
    pub offset: i64,
    /// Rows to return.
    pub limit: i64,
    /// The day statuses are judged on.
    pub today: NaiveDate,
    /// Archived reservations too (they are left out otherwise).
    pub archived_too: bool,
}

pub(super) type BoxedQuery<'a> = reservations::BoxedQuery<'a, MultiBackend>;

fn filtered<'a>(q: &ListQuery) -> BoxedQuery<'a> {
    let mut query = reservations::table
        .filter(reservations::customer_id.eq(q.customer_id))
        .into_boxed();
    if !q.archived_too {
        query = query.filter(reservations::archived.eq(false));
    }
    with_status(query, q.status, q.today)
}

/// `query` narrowed to the reservations whose status on `today` is
/// `status` (all when `None`).
pub(super) fn with_status<'a>(
    query: BoxedQuery<'a>,
    status: Option<Status>,
    today: NaiveDate,
) -> BoxedQuery<'a> {
    use reservations::{expiry_date, provisioning_state};
    let horizon = today
        .checked_add_days(Days::new(EXPIRING_WITHIN_DAYS as u64))
        .unwrap_or(today);
    let succeeded = ProvisioningState::Succeeded.as_str();
    match status {
        None => query,
        Some(Status::Active) => query
            .filter(provisioning_state.eq(succeeded))
            .filter(expiry_date.gt(horizon)),
        Some(Status::Expiring) => query
            .filter(provisioning_state.eq(succeeded))
            .filter(expiry_date.gt(today))
            .filter(expiry_date.le(horizon)),
        Some(Status::Expired) => query.filter(
            provisioning_state
                .eq(succeeded)
                .and(expiry_date.le(today))
                .or(provisioning_state.eq(ProvisioningState::Expired)),
        ),
        Some(Status::Cancelled) => query
            .filter(provisioning_state.eq(ProvisioningState::Cancelled))
            .filter(reservations::closed_by.is_null()),
        Some(Status::Split) => query.filter(reservations::closed_by.eq(Closure::Split)),
        Some(Status::Merged) => query.filter(reservations::closed_by.eq(Closure::Merged)),
        Some(Status::Exchanged) => {
            query.filter(provisioning_state.eq(ProvisioningState::Exchanged))
        }
        Some(Status::Pending) => query.filter(provisioning_state.eq_any([
            ProvisioningState::Creating.as_str(),
            ProvisioningState::Failed.as_str(),
        ])),
    }
}

/// One page of a customer's reservations and how many match the filter.
pub fn list_for_customer(conn: &mut Conn, q: &ListQuery) -> QueryResult<(Vec<Reservation>, i64)> {
    use reservations::{display_name, expiry_date, id, quantity, region, resource_type, sku};
    let total = filtered(q).count().get_result(conn)?;
    let query = filtered(q);
    let query = match (q.sort, q.descending) {
        (ReservationSort::Name, false) => query.order((display_name.asc(), id.asc())),
        (ReservationSort::Name, true) => query.order((display_name.desc(), id.desc())),
        (ReservationSort::Type, false) => query.order((resource_type.asc(), sku.asc(), id.asc())),
        (ReservationSort::Type, true) => query.order((resource_type.desc(), sku.desc(), id.desc())),
        (ReservationSort::Region, false) => query.order((region.asc(), id.asc())),
        (ReservationSort::Region, true) => query.order((region.desc(), id.desc())),
        (ReservationSort::Quantity, false) => query.order((quantity.asc(), id.asc())),
        (ReservationSort::Quantity, true) => query.order((quantity.desc(), id.desc())),
        (ReservationSort::Expiry, false) => query.order((expiry_date.asc(), id.asc())),
        (ReservationSort::Expiry, true) => query.order((expiry_date.desc(), id.desc())),
    };
    let rows = query
        .limit(q.limit)
        .offset(q.offset)
        .select(Reservation::as_select())
        .load(conn)?;
    Ok((rows, total))
}
