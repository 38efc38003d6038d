//! The `purchases` and `purchase_reservations` tables: each purchase made
//! for a customer, claimed by its one-time token before anything is
//! bought (the unique token decides which of two identical posts buys),
//! and the reservations it bought.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::columns::DbMoney;
use super::schema::{purchase_reservations, purchases};
use crate::db::Conn;
use crate::db::keys::{CustomerKey, ReservationKey, UserKey};
use crate::domain::money::Money;

/// A purchase.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = purchases, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct Purchase {
    /// Row ID.
    pub id: i64,
    /// The one-time token of the review it was made from.
    pub token: String,
    /// The customer it was bought for.
    pub customer_id: CustomerKey,
    /// The agent who bought.
    pub user_id: UserKey,
    /// `Pending` while the system of record buys, then `Done` or `Failed`.
    pub state: String,
    /// What it cost, all items together.
    pub total: Money,
    /// Who was made Owner of what it bought.
    pub owner_email: String,
    /// Why it failed, in the system of record's words.
    pub error: Option<String>,
    /// When.
    pub created_at: NaiveDateTime,
}

/// A purchase to claim.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = purchases)]
pub struct NewPurchase {
    /// The one-time token.
    pub token: String,
    /// The customer.
    pub customer_id: CustomerKey,
    /// The agent.
    pub user_id: UserKey,
    /// `Pending`.
    pub state: String,
    /// What it costs.
    pub total: DbMoney,
    /// Who becomes Owner.
    pub owner_email: String,
    /// When.
    pub created_at: NaiveDateTime,
}

/// Claims `token` for a purchase: false when a purchase holds it already
/// (the unique token decides between two at once, on either engine).
pub fn claim(conn: &mut Conn, purchase: &NewPurchase) -> QueryResult<bool> {
    let inserted = per_engine!(conn, |c| diesel::insert_into(purchases::table)
        .values(purchase)
        .on_conflict(purchases::token)
        .do_nothing()
        .execute(c))?;
    Ok(inserted == 1)
}

/// The purchase made with `token`, if any.
pub fn find(conn: &mut Conn, token: &str) -> QueryResult<Option<Purchase>> {
    purchases::table
        .filter(purchases::token.eq(token))
        .select(Purchase::as_select())
        .first(conn)
        .optional()
}

/// Records how purchase `id` ended (`Done`, `Failed`, or `Pending` when
/// the system of record may still be buying), what was paid for what it
/// bought, and what went wrong.
pub fn finish(
    conn: &mut Conn,
    id: i64,
    (state, paid): (&str, Money),
    error: Option<&str>,
) -> QueryResult<usize> {
    diesel::update(purchases::table.filter(purchases::id.eq(id)))
        .set((
            purchases::state.eq(state),
            purchases::total.eq(DbMoney(paid)),
            purchases::error.eq(error),
        ))
        .execute(conn)
}

/// Records that purchase `id` bought reservation `reservation`.
pub fn add_reservation(
    conn: &mut Conn,
    id: i64,
    reservation: ReservationKey,
) -> QueryResult<usize> {
    diesel::insert_into(purchase_reservations::table)
        .values((
            purchase_reservations::purchase_id.eq(id),
            purchase_reservations::reservation_id.eq(reservation),
        ))
        .execute(conn)
}

/// The reservations purchase `id` bought.
pub fn reservations_of(conn: &mut Conn, id: i64) -> QueryResult<Vec<ReservationKey>> {
    purchase_reservations::table
        .filter(purchase_reservations::purchase_id.eq(id))
        .select(purchase_reservations::reservation_id)
        .order(purchase_reservations::reservation_id)
        .load(conn)
}
