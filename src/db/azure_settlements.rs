//! The `azure_settlements` table: what Azure answered when a refund or an
//! exchange was carried out there, kept with the request.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::columns::DbMoney;
use super::keys::RequestKey;
use super::schema::azure_settlements;
use crate::db::Conn;

/// What Azure answered for one request.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = azure_settlements, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct Settlement {
    /// The request.
    pub request_id: RequestKey,
    /// Azure's session of the quote.
    pub session_id: String,
    /// Refunded (a refund) or net payable (an exchange), as Azure computed.
    pub amount: DbMoney,
    /// Its currency.
    pub currency: String,
    /// The customer's refunds this year, counting this one, as Azure keeps them.
    pub consumed_refunds_total: Option<DbMoney>,
    /// The yearly refund limit, as Azure applies it.
    pub max_refund_limit: Option<DbMoney>,
    /// Resource Manager's correlation ID of the call.
    pub correlation_id: Option<String>,
    /// When it was recorded.
    pub recorded_at: NaiveDateTime,
}

/// Records Azure's answer for a request.
pub fn record(conn: &mut Conn, row: &Settlement) -> QueryResult<()> {
    diesel::insert_into(azure_settlements::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

/// Azure's answer for a request, if it was settled there.
pub fn for_request(conn: &mut Conn, id: RequestKey) -> QueryResult<Option<Settlement>> {
    azure_settlements::table
        .filter(azure_settlements::request_id.eq(id))
        .select(Settlement::as_select())
        .first(conn)
        .optional()
}
