//! The `subscriptions` table: a customer's Azure subscriptions.

use diesel::prelude::*;

use super::schema::subscriptions;
use crate::db::Conn;
use crate::db::keys::CustomerKey;
use crate::domain::ids::SubscriptionGuid;

/// An Azure subscription of a customer.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = subscriptions, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct Subscription {
    /// Row ID.
    pub id: i64,
    /// The subscription's GUID.
    pub subscription_guid: SubscriptionGuid,
    /// Owning customer.
    pub customer_id: CustomerKey,
    /// Display name.
    pub display_name: String,
}

/// A subscription to insert.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = subscriptions, treat_none_as_default_value = false)]
pub struct NewSubscription {
    /// Row ID (bulk inserts number their rows themselves).
    pub id: i64,
    /// GUID text.
    pub subscription_guid: String,
    /// Owning customer.
    pub customer_id: CustomerKey,
    /// Display name.
    pub display_name: String,
}

/// A customer's subscriptions, by name.
pub fn for_customer(conn: &mut Conn, customer_id: CustomerKey) -> QueryResult<Vec<Subscription>> {
    subscriptions::table
        .filter(subscriptions::customer_id.eq(customer_id))
        .order((subscriptions::display_name, subscriptions::id))
        .select(Subscription::as_select())
        .load(conn)
}

/// The subscription with this row ID.
pub fn find(conn: &mut Conn, id: i64) -> QueryResult<Subscription> {
    subscriptions::table
        .find(id)
        .select(Subscription::as_select())
        .first(conn)
}

/// Inserts subscriptions in batches within SQLite's parameter limit.
pub fn insert_all(conn: &mut Conn, rows: &[NewSubscription]) -> QueryResult<usize> {
    let mut inserted = 0;
    for chunk in rows.chunks(super::BATCH_ROWS) {
        inserted += per_engine!(conn, |c| diesel::insert_into(subscriptions::table)
            .values(chunk)
            .execute(c))?;
    }
    super::after_numbering(conn, super::Table::Subscriptions)?;
    Ok(inserted)
}

/// The subscription with this GUID, if stored.
pub fn find_by_guid(conn: &mut Conn, guid: SubscriptionGuid) -> QueryResult<Option<Subscription>> {
    subscriptions::table
        .filter(subscriptions::subscription_guid.eq(guid.to_string()))
        .select(Subscription::as_select())
        .first(conn)
        .optional()
}

/// Gives a subscription a new name and owner (as Azure reports them).
pub fn update(
    conn: &mut Conn,
    id: i64,
    customer_id: CustomerKey,
    display_name: &str,
) -> QueryResult<usize> {
    diesel::update(subscriptions::table.find(id))
        .set((
            subscriptions::customer_id.eq(customer_id),
            subscriptions::display_name.eq(display_name),
        ))
        .execute(conn)
}

/// The subscriptions with these GUIDs (lower-case hyphenated), read in
/// batches.
pub fn by_guids(conn: &mut Conn, guids: &[String]) -> QueryResult<Vec<Subscription>> {
    let mut found = Vec::new();
    for chunk in guids.chunks(super::BATCH_ROWS) {
        found.extend(
            subscriptions::table
                .filter(subscriptions::subscription_guid.eq_any(chunk))
                .select(Subscription::as_select())
                .load(conn)?,
        );
    }
    Ok(found)
}
