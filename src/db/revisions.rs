//! The `reservation_revisions` table: a reservation as it was at each
//! version, kept by triggers on every insert and every change.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::schema::reservation_revisions as revisions;
use crate::db::Conn;
use crate::db::keys::ReservationKey;
use crate::domain::reservation::{ProvisioningState, ScopeType};

/// A reservation as it was at one version.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = revisions, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct Revision {
    /// The reservation (row).
    pub reservation_id: ReservationKey,
    /// The version.
    pub version: i32,
    /// When it became this.
    pub changed_at: NaiveDateTime,
    /// Display name.
    pub display_name: String,
    /// SKU.
    pub sku: String,
    /// Region.
    pub region: String,
    /// Quantity.
    pub quantity: i32,
    /// Scope type.
    pub scope_type: ScopeType,
    /// Scope subscription (row).
    pub scope_subscription_id: Option<i64>,
    /// Scope resource group (row).
    pub scope_resource_group_id: Option<i64>,
    /// Scope management group (row).
    pub scope_management_group_id: Option<i64>,
    /// `On`, `Off` or none.
    pub instance_flexibility: Option<String>,
    /// Auto-renew.
    pub renew: bool,
    /// The renewal's term.
    pub renew_term: Option<String>,
    /// The renewal's billing plan.
    pub renew_billing_plan: Option<String>,
    /// The renewal's quantity.
    pub renew_quantity: Option<i32>,
    /// Archived.
    pub archived: bool,
    /// Stored state.
    pub provisioning_state: ProvisioningState,
    /// `Split` or `Merged`.
    pub closed_by: Option<String>,
    /// Benefit start.
    pub effective_date: NaiveDate,
    /// Expiry.
    pub expiry_date: NaiveDate,
}

/// Every revision of reservation `id`, newest first (at most `limit`).
pub fn of(conn: &mut Conn, id: ReservationKey, limit: i64) -> QueryResult<Vec<Revision>> {
    revisions::table
        .filter(revisions::reservation_id.eq(id))
        .order(revisions::version.desc())
        .limit(limit)
        .select(Revision::as_select())
        .load(conn)
}

/// Reservation `id` as it was at `version`, and the one before.
pub fn at(
    conn: &mut Conn,
    id: ReservationKey,
    version: i32,
) -> QueryResult<(Option<Revision>, Option<Revision>)> {
    let mut rows: Vec<Revision> = revisions::table
        .filter(revisions::reservation_id.eq(id))
        .filter(revisions::version.le(version))
        .order(revisions::version.desc())
        .limit(2)
        .select(Revision::as_select())
        .load(conn)?;
    let this = rows.first().filter(|r| r.version == version).cloned();
    let before = if this.is_some() {
        rows.get(1).cloned()
    } else {
        None
    };
    rows.clear();
    Ok((this, before))
}
