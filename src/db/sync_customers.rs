//! The `sync_customers` table: what each run of the sync did for each
//! customer tenant.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::keys::CustomerKey;
use super::schema::{customers, sync_customers};
use crate::db::Conn;

/// What one run did for one customer.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = sync_customers, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct CustomerSync {
    /// The run (row ID).
    pub run_id: i64,
    /// The customer.
    pub customer_id: CustomerKey,
    /// When its sync started.
    pub started_at: NaiveDateTime,
    /// When it ended.
    pub finished_at: NaiveDateTime,
    /// Orders and reservations added.
    pub added: i32,
    /// Orders and reservations changed.
    pub changed: i32,
    /// Reservations Azure no longer lists (newly marked).
    pub missing: i32,
    /// Days of utilization read.
    pub utilization_days: i32,
    /// Why it failed, in the service's words.
    pub error: Option<String>,
}

/// Records what a run did for a customer.
pub fn record(conn: &mut Conn, row: &CustomerSync) -> QueryResult<()> {
    diesel::insert_into(sync_customers::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

/// The latest sync of each customer that was ever synced, with the
/// customer's name, by name.
pub fn latest_per_customer(conn: &mut Conn) -> QueryResult<Vec<(String, CustomerSync)>> {
    let latest = diesel::alias!(sync_customers as later);
    sync_customers::table
        .inner_join(customers::table)
        .filter(diesel::dsl::not(diesel::dsl::exists(
            latest
                .filter(
                    latest
                        .field(sync_customers::customer_id)
                        .eq(sync_customers::customer_id),
                )
                .filter(latest.field(sync_customers::id).gt(sync_customers::id)),
        )))
        .order((customers::company_name, customers::id))
        .select((customers::company_name, CustomerSync::as_select()))
        .load(conn)
}

/// What one run did, customer by customer, in the order they were synced.
pub fn of_run(conn: &mut Conn, run: i64) -> QueryResult<Vec<(String, CustomerSync)>> {
    sync_customers::table
        .inner_join(customers::table)
        .filter(sync_customers::run_id.eq(run))
        .order(sync_customers::id)
        .select((customers::company_name, CustomerSync::as_select()))
        .load(conn)
}
