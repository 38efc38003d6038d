//! The `cart_items` table: what an agent means to buy for a customer,
//! kept until they buy it or take it out.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::catalogue::CataloguePrice;
use super::schema::{cart_items, catalogue_prices};
use crate::db::Conn;
use crate::db::keys::{CustomerKey, UserKey};
use crate::domain::reservation::BillingPlan;

/// An item of a cart, with its catalogue price.
#[derive(Debug, Clone)]
pub struct CartItem {
    /// Row ID.
    pub id: i64,
    /// What it buys, and today's unit price.
    pub price: CataloguePrice,
    /// How it is paid.
    pub billing_plan: BillingPlan,
    /// How many units.
    pub quantity: i32,
    /// The subscription it applies to; none: shared.
    pub scope_subscription_id: Option<i64>,
}

/// An item to add.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = cart_items)]
pub struct NewCartItem {
    /// The agent.
    pub user_id: UserKey,
    /// The customer it is bought for.
    pub customer_id: CustomerKey,
    /// The catalogue price (row).
    pub price_id: i64,
    /// `Upfront` or `Monthly`.
    pub billing_plan: BillingPlan,
    /// How many units.
    pub quantity: i32,
    /// The subscription it applies to; none: shared.
    pub scope_subscription_id: Option<i64>,
    /// When.
    pub added_at: NaiveDateTime,
}

/// Adds an item.
pub fn insert(conn: &mut Conn, item: &NewCartItem) -> QueryResult<usize> {
    diesel::insert_into(cart_items::table)
        .values(item)
        .execute(conn)
}

/// The cart of `user` for `customer` (what no purchase is buying), in the
/// order the items were added.
pub fn of(conn: &mut Conn, user: UserKey, customer: CustomerKey) -> QueryResult<Vec<CartItem>> {
    load(conn, Which::Cart(user, customer))
}

/// The items purchase `purchase` is buying, in the order they were added.
pub fn taken_by(conn: &mut Conn, purchase: i64) -> QueryResult<Vec<CartItem>> {
    load(conn, Which::TakenBy(purchase))
}

enum Which {
    Cart(UserKey, CustomerKey),
    TakenBy(i64),
}

fn load(conn: &mut Conn, which: Which) -> QueryResult<Vec<CartItem>> {
    let mut query = cart_items::table
        .inner_join(catalogue_prices::table)
        .select((
            cart_items::id,
            CataloguePrice::as_select(),
            cart_items::billing_plan,
            cart_items::quantity,
            cart_items::scope_subscription_id,
        ))
        .order(cart_items::id)
        .into_boxed();
    query = match which {
        Which::Cart(user, customer) => query
            .filter(cart_items::user_id.eq(user))
            .filter(cart_items::customer_id.eq(customer))
            .filter(cart_items::purchase_id.is_null()),
        Which::TakenBy(purchase) => query.filter(cart_items::purchase_id.eq(purchase)),
    };
    let rows: Vec<(i64, CataloguePrice, BillingPlan, i32, Option<i64>)> = query.load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(id, price, billing_plan, quantity, scope_subscription_id)| CartItem {
                id,
                price,
                billing_plan,
                quantity,
                scope_subscription_id,
            },
        )
        .collect())
}

/// Takes item `id` out of the cart of `user` for `customer`; how many
/// rows went (0 when it was not theirs, is gone already or is being
/// bought).
pub fn remove(
    conn: &mut Conn,
    user: UserKey,
    customer: CustomerKey,
    id: i64,
) -> QueryResult<usize> {
    diesel::delete(
        cart_items::table
            .filter(cart_items::id.eq(id))
            .filter(cart_items::user_id.eq(user))
            .filter(cart_items::customer_id.eq(customer))
            .filter(cart_items::purchase_id.is_null()),
    )
    .execute(conn)
}

/// Marks items `ids` of the cart of `user` for `customer` as being bought
/// by purchase `purchase`; how many it took (those already taken, or gone,
/// are not).
pub fn take(
    conn: &mut Conn,
    (user, customer): (UserKey, CustomerKey),
    ids: &[i64],
    purchase: i64,
) -> QueryResult<usize> {
    diesel::update(
        cart_items::table
            .filter(cart_items::id.eq_any(ids))
            .filter(cart_items::user_id.eq(user))
            .filter(cart_items::customer_id.eq(customer))
            .filter(cart_items::purchase_id.is_null()),
    )
    .set(cart_items::purchase_id.eq(Some(purchase)))
    .execute(conn)
}

/// Gives the items purchase `purchase` did not buy back to their cart.
pub fn release(conn: &mut Conn, purchase: i64) -> QueryResult<usize> {
    diesel::update(cart_items::table.filter(cart_items::purchase_id.eq(purchase)))
        .set(cart_items::purchase_id.eq(None::<i64>))
        .execute(conn)
}

/// Deletes item `id` (bought).
pub fn delete(conn: &mut Conn, id: i64) -> QueryResult<usize> {
    diesel::delete(cart_items::table.filter(cart_items::id.eq(id))).execute(conn)
}
