//! The `support_requests` table: requests, their numbers and decisions,
//! and the queue's search.

use crate::db::Conn;
use crate::db::MultiBackend;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sqlite::Sqlite;

use super::schema::{
    customers, request_drafts as drafts, reservation_orders, reservations,
    support_requests as requests,
};
use crate::db::keys::{CustomerKey, DraftKey, RequestKey, ReservationKey, UserKey};
use crate::domain::ids::ReservationId;
use crate::domain::reservation::ProvisioningState;
use crate::domain::support::{RequestKind, RequestStatus};

/// A support request.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = requests, check_for_backend(diesel::pg::Pg, Sqlite))]
pub struct Request {
    /// Row ID.
    pub id: RequestKey,
    /// The number support reads out.
    pub number: String,
    /// The draft it came from.
    pub draft_id: DraftKey,
    /// The reservation.
    pub reservation_id: ReservationKey,
    /// The customer.
    pub customer_id: CustomerKey,
    /// Refund, exchange or other.
    pub kind: RequestKind,
    /// Where it stands.
    pub status: RequestStatus,
    /// The summary typed on step 1, shown as the request's title.
    pub title: String,
    /// Every field of the wizard (JSON).
    pub details: String,
    /// The quote it was created with (JSON).
    pub quote: String,
    /// Who created it.
    pub created_by: UserKey,
    /// When it was created (UTC, to the second).
    pub created_at: NaiveDateTime,
    /// Who decided.
    pub decided_by: Option<String>,
    /// When it was approved, rejected or closed (UTC, to the second); none while open.
    pub decided_at: Option<NaiveDateTime>,
    /// Why (rejections).
    pub decision_reason: Option<String>,
    /// Since when an approval is being carried out in Azure, if one is.
    pub settling_since: Option<NaiveDateTime>,
}

/// A request to create.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = requests)]
pub struct NewRequest {
    /// `pending-{draft ID}` until [`set_number`] writes the real one (it must be unique).
    pub number: String,
    /// The draft it is created from (row ID); each draft makes at most one request.
    pub draft_id: DraftKey,
    /// The reservation it is about.
    pub reservation_id: ReservationKey,
    /// The customer who owns the reservation.
    pub customer_id: CustomerKey,
    /// Refund, exchange or other: the draft's kind.
    pub kind: RequestKind,
    /// Where it stands; `Open` on creation.
    pub status: RequestStatus,
    /// The summary typed on step 1, shown as the request's title.
    pub title: String,
    /// Fields (JSON).
    pub details: String,
    /// Quote (JSON).
    pub quote: String,
    /// The user who created it: the draft's owner.
    pub created_by: UserKey,
    /// When it was created (UTC, to the second).
    pub created_at: NaiveDateTime,
}

/// Creates a request from a draft and ties the draft to it; returns its ID.
pub fn create(conn: &mut Conn, row: &NewRequest) -> QueryResult<RequestKey> {
    let id: RequestKey = diesel::insert_into(requests::table)
        .values(row)
        .returning(requests::id)
        .get_result(conn)?;
    diesel::update(drafts::table.find(row.draft_id))
        .set(drafts::request_id.eq(id))
        .execute(conn)?;
    Ok(id)
}

/// Gives a request its number.
pub fn set_number(conn: &mut Conn, id: RequestKey, number: &str) -> QueryResult<()> {
    diesel::update(requests::table.find(id))
        .set(requests::number.eq(number))
        .execute(conn)
        .map(drop)
}

/// The request with this row ID.
pub fn find(conn: &mut Conn, id: RequestKey) -> QueryResult<Request> {
    requests::table
        .find(id)
        .select(Request::as_select())
        .first(conn)
}

/// The request with this number.
pub fn find_by_number(conn: &mut Conn, number: &str) -> QueryResult<Request> {
    requests::table
        .filter(requests::number.eq(number))
        .select(Request::as_select())
        .first(conn)
}

/// The open refund or exchange request of a reservation, if any: a
/// reservation has at most one at a time.
pub fn open_settlement(
    conn: &mut Conn,
    reservation_id: ReservationKey,
) -> QueryResult<Option<Request>> {
    requests::table
        .filter(requests::reservation_id.eq(reservation_id))
        .filter(requests::status.eq(RequestStatus::Open))
        .filter(
            requests::kind.eq_any([RequestKind::Refund.as_str(), RequestKind::Exchange.as_str()]),
        )
        .order(requests::id)
        .select(Request::as_select())
        .first(conn)
        .optional()
}

/// The open requests whose reservation is no longer in force on `today`
/// (expired, or cancelled or exchanged by other means), with the
/// reservation's expiry.
pub fn open_of_ended_reservations(
    conn: &mut Conn,
    today: chrono::NaiveDate,
) -> QueryResult<Vec<(RequestKey, chrono::NaiveDate)>> {
    requests::table
        .inner_join(reservations::table.on(reservations::id.eq(requests::reservation_id)))
        .filter(requests::status.eq(RequestStatus::Open))
        .filter(
            reservations::expiry_date
                .le(today)
                .or(reservations::provisioning_state.ne(ProvisioningState::Succeeded)),
        )
        .select((requests::id, reservations::expiry_date))
        .load(conn)
}

/// The numbers of the open requests on any of these reservations.
pub fn open_on(conn: &mut Conn, ids: &[ReservationKey]) -> QueryResult<Vec<String>> {
    requests::table
        .filter(requests::reservation_id.eq_any(ids))
        .filter(requests::status.eq(RequestStatus::Open))
        .order(requests::id)
        .select(requests::number)
        .load(conn)
}

/// The open requests of a reservation other than `except`.
pub fn open_others(
    conn: &mut Conn,
    reservation_id: ReservationKey,
    except: RequestKey,
) -> QueryResult<Vec<Request>> {
    requests::table
        .filter(requests::reservation_id.eq(reservation_id))
        .filter(requests::status.eq(RequestStatus::Open))
        .filter(requests::id.ne(except))
        .select(Request::as_select())
        .load(conn)
}

/// Records a decision on a request that is still open; false if it was not.
pub fn decide(
    conn: &mut Conn,
    id: RequestKey,
    status: RequestStatus,
    by: &str,
    at: NaiveDateTime,
    reason: Option<&str>,
) -> QueryResult<bool> {
    let n = diesel::update(
        requests::table
            .filter(requests::id.eq(id))
            .filter(requests::status.eq(RequestStatus::Open))
            .filter(requests::settling_since.is_null()),
    )
    .set((
        requests::status.eq(status),
        requests::decided_by.eq(by),
        requests::decided_at.eq(at),
        requests::decision_reason.eq(reason),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// Marks an open request as being settled in a remote system of record,
/// unless another agent's mark is newer than `stale`; whether it was
/// marked.
pub fn claim(
    conn: &mut Conn,
    id: RequestKey,
    at: NaiveDateTime,
    stale: NaiveDateTime,
) -> QueryResult<bool> {
    let n = diesel::update(
        requests::table
            .filter(requests::id.eq(id))
            .filter(requests::status.eq(RequestStatus::Open))
            .filter(
                requests::settling_since
                    .is_null()
                    .or(requests::settling_since.lt(stale)),
            ),
    )
    .set(requests::settling_since.eq(Some(at)))
    .execute(conn)?;
    Ok(n == 1)
}

/// Whether a refund of this customer is being settled (marked since
/// `stale` or later).
pub fn refund_being_settled(
    conn: &mut Conn,
    customer: CustomerKey,
    stale: NaiveDateTime,
) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        requests::table
            .filter(requests::customer_id.eq(customer))
            .filter(requests::kind.eq(RequestKind::Refund))
            .filter(requests::status.eq(RequestStatus::Open))
            .filter(requests::settling_since.ge(stale)),
    ))
    .get_result(conn)
}

/// Takes away a request's mark of being settled (the remote call ended,
/// or its mark is older than `stale` when given).
pub fn release(conn: &mut Conn, id: RequestKey, stale: Option<NaiveDateTime>) -> QueryResult<()> {
    let unset = requests::settling_since.eq(None::<NaiveDateTime>);
    let target = requests::table.filter(requests::id.eq(id));
    match stale {
        Some(stale) => diesel::update(target.filter(requests::settling_since.lt(stale)))
            .set(unset)
            .execute(conn),
        None => diesel::update(target).set(unset).execute(conn),
    }
    .map(drop)
}

/// A request as lists show it.
#[derive(Debug, Clone, Queryable)]
pub struct RequestRow {
    /// The number support reads out: creation day as `YYMMDD`, then the row ID in ten digits.
    pub number: String,
    /// The summary typed on step 1.
    pub title: String,
    /// Refund, exchange or other.
    pub kind: RequestKind,
    /// Where it stands: open, approved, rejected or completed.
    pub status: RequestStatus,
    /// When it was created (UTC, to the second); lists show newest first.
    pub created_at: NaiveDateTime,
    /// The reservation's name.
    pub reservation_name: String,
    /// The reservation's GUID.
    pub reservation_guid: ReservationId,
    /// The customer's name.
    pub company_name: String,
}

/// How the queue is searched.
#[derive(Debug, Clone)]
pub enum Search {
    /// No search: every request the other filters let through.
    All,
    /// A request number.
    Number(String),
    /// A GUID that may be a reservation ID or an order ID.
    Guid(String),
    /// An order ID.
    Order(String),
    /// A reservation ID.
    Reservation(String),
    /// Any of these reservations (row IDs).
    Reservations(Vec<ReservationKey>),
}

/// Filters of a request list.
#[derive(Debug, Clone)]
pub struct ListQuery {
    /// Only this status.
    pub status: Option<RequestStatus>,
    /// Only this customer.
    pub customer_id: Option<CustomerKey>,
    /// Narrows by request number or reservation/order ID; [`Search::All`] for none.
    pub search: Search,
    /// Rows to skip.
    pub offset: i64,
    /// Rows to return.
    pub limit: i64,
}

/// One page of requests, newest first, and how many match.
pub fn list(conn: &mut Conn, q: &ListQuery) -> QueryResult<(Vec<RequestRow>, i64)> {
    // IDs become reservation row IDs first, so the requests are found
    // through their reservation index rather than by reading them all.
    let reservation_ids: Option<Vec<ReservationKey>> = match &q.search {
        Search::All | Search::Number(_) => None,
        Search::Reservations(ids) => Some(ids.clone()),
        Search::Reservation(g) => Some(
            reservations::table
                .filter(reservations::reservation_guid.eq(g))
                .select(reservations::id)
                .load(conn)?,
        ),
        Search::Order(g) => Some(
            reservations::table
                .inner_join(
                    reservation_orders::table.on(reservation_orders::id.eq(reservations::order_id)),
                )
                .filter(reservation_orders::order_guid.eq(g))
                .select(reservations::id)
                .load(conn)?,
        ),
        Search::Guid(g) => {
            let mut ids: Vec<ReservationKey> = reservations::table
                .filter(reservations::reservation_guid.eq(g))
                .select(reservations::id)
                .load(conn)?;
            ids.extend(
                reservations::table
                    .inner_join(
                        reservation_orders::table
                            .on(reservation_orders::id.eq(reservations::order_id)),
                    )
                    .filter(reservation_orders::order_guid.eq(g))
                    .select(reservations::id)
                    .load::<ReservationKey>(conn)?,
            );
            Some(ids)
        }
    };
    if reservation_ids.as_ref().is_some_and(Vec::is_empty) {
        return Ok((Vec::new(), 0));
    }
    let filtered = || {
        let mut query = requests::table
            .inner_join(reservations::table.on(reservations::id.eq(requests::reservation_id)))
            .inner_join(
                reservation_orders::table.on(reservation_orders::id.eq(reservations::order_id)),
            )
            .inner_join(customers::table.on(customers::id.eq(requests::customer_id)))
            .into_boxed::<MultiBackend>();
        if let Some(status) = q.status {
            query = query.filter(requests::status.eq(status));
        }
        if let Some(customer) = q.customer_id {
            query = query.filter(requests::customer_id.eq(customer));
        }
        if let Search::Number(n) = &q.search {
            query = query.filter(requests::number.eq(n.clone()));
        }
        if let Some(ids) = &reservation_ids {
            query = query.filter(requests::reservation_id.eq_any(ids.clone()));
        }
        query
    };
    let total = filtered().count().get_result(conn)?;
    let rows = filtered()
        .order((requests::created_at.desc(), requests::id.desc()))
        .limit(q.limit)
        .offset(q.offset)
        .select((
            requests::number,
            requests::title,
            requests::kind,
            requests::status,
            requests::created_at,
            reservations::display_name,
            reservations::reservation_guid,
            customers::company_name,
        ))
        .load(conn)?;
    Ok((rows, total))
}
