//! The `management_groups` table: a customer's management groups.

use diesel::prelude::*;

use super::schema::management_groups;
use crate::db::Conn;
use crate::db::keys::CustomerKey;

/// A management group.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = management_groups, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct ManagementGroup {
    /// Row ID.
    pub id: i64,
    /// Owning customer.
    pub customer_id: CustomerKey,
    /// The group's ID (name) in Azure.
    pub group_name: String,
    /// Display name.
    pub display_name: String,
}

/// A management group to insert.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = management_groups, treat_none_as_default_value = false)]
pub struct NewManagementGroup {
    /// Row ID (bulk inserts number their rows themselves).
    pub id: i64,
    /// Owning customer.
    pub customer_id: CustomerKey,
    /// The group's ID (name) in Azure.
    pub group_name: String,
    /// Display name.
    pub display_name: String,
}

/// A customer's management groups, by display name.
pub fn for_customer(
    conn: &mut Conn,
    customer_id: CustomerKey,
) -> QueryResult<Vec<ManagementGroup>> {
    management_groups::table
        .filter(management_groups::customer_id.eq(customer_id))
        .order((management_groups::display_name, management_groups::id))
        .select(ManagementGroup::as_select())
        .load(conn)
}

/// Inserts management groups in batches within SQLite's parameter limit.
pub fn insert_all(conn: &mut Conn, rows: &[NewManagementGroup]) -> QueryResult<usize> {
    let mut inserted = 0;
    for chunk in rows.chunks(super::BATCH_ROWS) {
        inserted += per_engine!(conn, |c| diesel::insert_into(management_groups::table)
            .values(chunk)
            .execute(c))?;
    }
    super::after_numbering(conn, super::Table::ManagementGroups)?;
    Ok(inserted)
}

/// Renames a management group.
pub fn rename(conn: &mut Conn, id: i64, display_name: &str) -> QueryResult<usize> {
    diesel::update(management_groups::table.find(id))
        .set(management_groups::display_name.eq(display_name))
        .execute(conn)
}
