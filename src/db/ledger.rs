//! The `refunds` and `exchanges` tables: what was booked, from which the
//! customer's refund limit is computed.

use chrono::NaiveDate;
use diesel::prelude::*;

use super::columns::DbMoney;
use super::schema::{exchanges, refunds, reservations};
use crate::db::Conn;
use crate::db::keys::{CustomerKey, RequestKey, ReservationKey};
use crate::domain::money::Money;
use crate::domain::policy::Booked;

/// A booked refund as the customer page lists it.
#[derive(Debug, Clone, Queryable)]
pub struct RefundRow {
    /// Day booked.
    pub booked_on: NaiveDate,
    /// What counts against the limit.
    pub cancelled_commitment: Money,
    /// What came back.
    pub refund: Money,
    /// The reservation's name.
    pub reservation_name: String,
}

/// A refund to book.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = refunds)]
pub struct NewRefund {
    /// The request approved.
    pub request_id: RequestKey,
    /// The customer.
    pub customer_id: CustomerKey,
    /// The reservation cancelled.
    pub reservation_id: ReservationKey,
    /// Day booked.
    pub booked_on: NaiveDate,
    /// Counts against the limit.
    pub cancelled_commitment: DbMoney,
    /// Fee kept.
    pub fee: DbMoney,
    /// What goes back to the customer: the approved quote's refund, after the fee.
    pub refund: DbMoney,
}

/// An exchange to book.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = exchanges)]
pub struct NewExchange {
    /// The request approved.
    pub request_id: RequestKey,
    /// The customer.
    pub customer_id: CustomerKey,
    /// The reservation given back.
    pub old_reservation_id: ReservationKey,
    /// The reservation received.
    pub new_reservation_id: ReservationKey,
    /// Day booked.
    pub booked_on: NaiveDate,
    /// Value of the old reservation.
    pub value_returned: DbMoney,
    /// Commitment of the new one.
    pub new_commitment: DbMoney,
}

/// The customer's refunds booked within a year before `today` (the ones
/// that can count against the limit), newest first.
pub fn recent_refunds(
    conn: &mut Conn,
    customer_id: CustomerKey,
    today: NaiveDate,
) -> QueryResult<Vec<RefundRow>> {
    let since = today - chrono::Days::new(366);
    refunds::table
        .inner_join(reservations::table.on(reservations::id.eq(refunds::reservation_id)))
        .filter(refunds::customer_id.eq(customer_id))
        .filter(refunds::booked_on.ge(since))
        .order((refunds::booked_on.desc(), refunds::id.desc()))
        .select((
            refunds::booked_on,
            refunds::cancelled_commitment,
            refunds::refund,
            reservations::display_name,
        ))
        .load(conn)
}

/// The customer's refunds as the limit sees them.
pub fn booked(
    conn: &mut Conn,
    customer_id: CustomerKey,
    today: NaiveDate,
) -> QueryResult<Vec<Booked>> {
    Ok(recent_refunds(conn, customer_id, today)?
        .into_iter()
        .map(|r| Booked {
            on: r.booked_on,
            amount: r.cancelled_commitment,
        })
        .collect())
}

/// Books a refund.
pub fn book_refund(conn: &mut Conn, row: &NewRefund) -> QueryResult<()> {
    diesel::insert_into(refunds::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

/// Books an exchange.
pub fn book_exchange(conn: &mut Conn, row: &NewExchange) -> QueryResult<()> {
    diesel::insert_into(exchanges::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

/// Every customer's refunds booked within a year before `today`:
/// (customer, booked day, cancelled commitment).
pub fn all_recent(
    conn: &mut Conn,
    today: NaiveDate,
) -> QueryResult<Vec<(CustomerKey, NaiveDate, Money)>> {
    let since = today - chrono::Days::new(366);
    refunds::table
        .filter(refunds::booked_on.ge(since))
        .select((
            refunds::customer_id,
            refunds::booked_on,
            refunds::cancelled_commitment,
        ))
        .load(conn)
}

/// The refund booked for a request, if it was approved as one.
pub fn refund_of_request(
    conn: &mut Conn,
    request: crate::db::keys::RequestKey,
) -> QueryResult<Option<crate::domain::money::Money>> {
    use crate::db::schema::refunds;
    refunds::table
        .filter(refunds::request_id.eq(request))
        .select(refunds::refund)
        .first::<crate::db::columns::DbMoney>(conn)
        .optional()
        .map(|m| m.map(|m| m.0))
}
