//! The `resource_groups` table: resource groups inside a subscription.

use diesel::prelude::*;

use super::schema::{resource_groups, subscriptions};
use crate::db::Conn;
use crate::db::keys::CustomerKey;

/// A resource group.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = resource_groups, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct ResourceGroup {
    /// Row ID.
    pub id: i64,
    /// The subscription it lives in (row ID).
    pub subscription_id: i64,
    /// Its name.
    pub name: String,
}

/// A resource group to insert.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = resource_groups, treat_none_as_default_value = false)]
pub struct NewResourceGroup {
    /// Row ID (bulk inserts number their rows themselves).
    pub id: i64,
    /// The subscription (row ID).
    pub subscription_id: i64,
    /// Its name.
    pub name: String,
}

/// Every resource group in the customer's subscriptions, by name.
pub fn for_customer(conn: &mut Conn, customer_id: CustomerKey) -> QueryResult<Vec<ResourceGroup>> {
    resource_groups::table
        .inner_join(subscriptions::table)
        .filter(subscriptions::customer_id.eq(customer_id))
        .order((resource_groups::name, resource_groups::id))
        .select(ResourceGroup::as_select())
        .load(conn)
}

/// Inserts resource groups in batches within SQLite's parameter limit.
pub fn insert_all(conn: &mut Conn, rows: &[NewResourceGroup]) -> QueryResult<usize> {
    let mut inserted = 0;
    for chunk in rows.chunks(super::BATCH_ROWS) {
        inserted += per_engine!(conn, |c| diesel::insert_into(resource_groups::table)
            .values(chunk)
            .execute(c))?;
    }
    super::after_numbering(conn, super::Table::ResourceGroups)?;
    Ok(inserted)
}
