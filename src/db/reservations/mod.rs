//! The `reservations` table: each reservation with its scope, dates, state
//! and purchase price.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use diesel::sqlite::Sqlite;

use crate::db::Conn;

mod expiring;
pub mod export;
mod listing;
mod synced;

pub use expiring::{expiring_on, expiring_within, expiry_counts};
pub use listing::{ListQuery, ReservationSort, list_for_customer};
pub use synced::{
    Facts, Placed, by_guids, keys_of_customer, last_utilization_days, mark_missing, mark_synced,
    update_facts,
};

use crate::db::columns::DbMoney;
use crate::db::keys::{CustomerKey, OrderKey, ReservationKey};
use crate::db::schema::reservations;
use crate::domain::ids::ReservationId;
use crate::domain::money::Money;
use crate::domain::reservation::{Closure, ProvisioningState, ResourceType, ScopeType, Status};

/// A reservation, as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = reservations, check_for_backend(diesel::pg::Pg, Sqlite))]
pub struct Reservation {
    /// Row ID.
    pub id: ReservationKey,
    /// The reservation's GUID.
    pub reservation_guid: ReservationId,
    /// Its order (row ID).
    pub order_id: OrderKey,
    /// Owning customer.
    pub customer_id: CustomerKey,
    /// Display name.
    pub display_name: String,
    /// Reserved resource type.
    pub resource_type: ResourceType,
    /// SKU name.
    pub sku: String,
    /// SKU description.
    pub sku_description: String,
    /// Azure region.
    pub region: String,
    /// How many units of the SKU it covers (1 or more; the table refuses less).
    pub quantity: i32,
    /// Applied scope type.
    pub scope_type: ScopeType,
    /// For `Single`: the subscription (row ID).
    pub scope_subscription_id: Option<i64>,
    /// For a resource-group scope: the resource group (row ID).
    pub scope_resource_group_id: Option<i64>,
    /// For `ManagementGroup`: the management group (row ID).
    pub scope_management_group_id: Option<i64>,
    /// The subscription billed (row ID).
    pub billing_subscription_id: i64,
    /// Instance-size flexibility, for types that have it (`On`/`Off`).
    pub instance_flexibility: Option<String>,
    /// Whether it renews by itself at expiry; set on the Configuration blade.
    pub renew: bool,
    /// Purchase day.
    pub purchase_date: NaiveDate,
    /// Benefit start day.
    pub effective_date: NaiveDate,
    /// Day the term ends.
    pub expiry_date: NaiveDate,
    /// Stored state.
    pub provisioning_state: ProvisioningState,
    /// What was paid (or committed) for this reservation.
    pub purchase_price: Money,
    /// Optimistic-concurrency version, bumped by every change.
    pub version: i32,
    /// Last change.
    pub updated_at: NaiveDateTime,
    /// When it was last found in Azure by a sync (none: never, or the demo).
    pub synced_at: Option<NaiveDateTime>,
    /// Since when Azure no longer lists it (it is kept here).
    pub missing_since: Option<NaiveDateTime>,
    /// Put away by a user: lists leave it out unless asked for it.
    pub archived: bool,
    /// `Split` or `Merged` when a split or a merge closed it (its state
    /// is then `Cancelled`, as in Azure).
    pub closed_by: Option<String>,
    /// The renewal's term (none: the same).
    pub renew_term: Option<String>,
    /// The renewal's billing plan (none: the same as the order's).
    pub renew_billing_plan: Option<String>,
    /// The renewal's quantity (none: the same).
    pub renew_quantity: Option<i32>,
}

impl Reservation {
    /// How it renews, given its order's term and billing plan.
    pub fn renewal_plan(
        &self,
        term: crate::domain::reservation::Term,
        plan: crate::domain::reservation::BillingPlan,
    ) -> crate::domain::renewal::RenewalPlan {
        crate::domain::renewal::RenewalPlan::stored_or(
            (
                self.renew_term.as_deref(),
                self.renew_billing_plan.as_deref(),
                self.renew_quantity,
            ),
            (term, plan, self.quantity),
        )
    }

    /// The status shown on `today`.
    pub fn status(&self, today: NaiveDate) -> Status {
        match self.closure() {
            Some(Closure::Split) => Status::Split,
            Some(Closure::Merged) => Status::Merged,
            None => Status::of(self.provisioning_state, self.expiry_date, today),
        }
    }

    /// The split or merge that closed it, if one did.
    pub fn closure(&self) -> Option<Closure> {
        self.closed_by.as_deref().and_then(Closure::parse)
    }
}

/// A reservation to insert.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = reservations, treat_none_as_default_value = false)]
pub struct NewReservation {
    /// Row ID (bulk inserts number their rows themselves).
    pub id: ReservationKey,
    /// GUID text.
    pub reservation_guid: String,
    /// Order (row ID).
    pub order_id: OrderKey,
    /// Owning customer.
    pub customer_id: CustomerKey,
    /// Display name.
    pub display_name: String,
    /// Resource type.
    pub resource_type: ResourceType,
    /// SKU name.
    pub sku: String,
    /// SKU description.
    pub sku_description: String,
    /// Azure region name, e.g. `westeurope`.
    pub region: String,
    /// How many units of the SKU it covers (1 or more).
    pub quantity: i32,
    /// Scope type.
    pub scope_type: ScopeType,
    /// Scope subscription (row ID).
    pub scope_subscription_id: Option<i64>,
    /// Scope resource group (row ID).
    pub scope_resource_group_id: Option<i64>,
    /// Scope management group (row ID).
    pub scope_management_group_id: Option<i64>,
    /// Billing subscription (row ID).
    pub billing_subscription_id: i64,
    /// `On`, `Off` or none.
    pub instance_flexibility: Option<String>,
    /// Whether it renews by itself at expiry.
    pub renew: bool,
    /// Archived (as Azure says, for a synced one).
    pub archived: bool,
    /// `Split` or `Merged` for one a split or a merge closed.
    pub closed_by: Option<String>,
    /// The renewal's term, billing plan and quantity (none: the same).
    pub renew_term: Option<String>,
    /// See `renew_term`.
    pub renew_billing_plan: Option<String>,
    /// See `renew_term`.
    pub renew_quantity: Option<i32>,
    /// Purchase day.
    pub purchase_date: NaiveDate,
    /// Benefit start day.
    pub effective_date: NaiveDate,
    /// Expiry day.
    pub expiry_date: NaiveDate,
    /// Stored state; with the expiry day it gives the status shown.
    pub provisioning_state: ProvisioningState,
    /// Purchase price.
    pub purchase_price: DbMoney,
    /// Last change.
    pub updated_at: NaiveDateTime,
}

/// The reservation with this GUID.
pub fn find_by_guid(conn: &mut Conn, guid: ReservationId) -> QueryResult<Reservation> {
    reservations::table
        .filter(reservations::reservation_guid.eq(guid.to_string()))
        .select(Reservation::as_select())
        .first(conn)
}

/// The reservations of an order, by name.
pub fn for_order(conn: &mut Conn, order_id: OrderKey) -> QueryResult<Vec<Reservation>> {
    reservations::table
        .filter(reservations::order_id.eq(order_id))
        .order((reservations::display_name, reservations::id))
        .select(Reservation::as_select())
        .load(conn)
}

/// Inserts reservations in batches within SQLite's parameter limit.
pub fn insert_all(conn: &mut Conn, rows: &[NewReservation]) -> QueryResult<usize> {
    let mut inserted = 0;
    for chunk in rows.chunks(super::BATCH_ROWS) {
        inserted += per_engine!(conn, |c| diesel::insert_into(reservations::table)
            .values(chunk)
            .execute(c))?;
    }
    crate::db::after_numbering(conn, crate::db::Table::Reservations)?;
    Ok(inserted)
}

/// Inserts one reservation, numbered after the last one: `reservation`
/// makes it from its row ID, which comes back.
pub fn insert_numbered(
    conn: &mut Conn,
    reservation: impl FnOnce(ReservationKey) -> NewReservation,
) -> QueryResult<ReservationKey> {
    let id = ReservationKey(crate::db::max_id(conn, crate::db::Table::Reservations)? + 1);
    insert_all(conn, &[reservation(id)])?;
    Ok(id)
}

/// How many reservations there are.
pub fn count(conn: &mut Conn) -> QueryResult<i64> {
    reservations::table.count().get_result(conn)
}

/// The configurable part of a reservation, as a save writes it.
#[derive(Debug, Clone, PartialEq, Eq, AsChangeset)]
#[diesel(table_name = reservations, treat_none_as_null = true)]
pub struct Configuration {
    /// Display name.
    pub display_name: String,
    /// Scope type.
    pub scope_type: ScopeType,
    /// Scope subscription (row ID).
    pub scope_subscription_id: Option<i64>,
    /// Scope resource group (row ID).
    pub scope_resource_group_id: Option<i64>,
    /// Scope management group (row ID).
    pub scope_management_group_id: Option<i64>,
    /// `On`, `Off`, or none for types without flexibility.
    pub instance_flexibility: Option<String>,
    /// Whether it renews by itself at expiry.
    pub renew: bool,
    /// The renewal's term (none while it does not renew).
    pub renew_term: Option<String>,
    /// The renewal's billing plan.
    pub renew_billing_plan: Option<String>,
    /// The renewal's quantity.
    pub renew_quantity: Option<i32>,
}

/// Writes a new configuration if the reservation is still at `version`,
/// bumping the version. Returns whether it was written (false: someone saved
/// in between).
pub fn save_configuration(
    conn: &mut Conn,
    id: ReservationKey,
    version: i32,
    configuration: &Configuration,
    at: NaiveDateTime,
) -> QueryResult<bool> {
    let written = diesel::update(
        reservations::table
            .filter(reservations::id.eq(id))
            .filter(reservations::version.eq(version)),
    )
    .set((
        configuration,
        reservations::version.eq(version + 1),
        reservations::updated_at.eq(at),
    ))
    .execute(conn)?;
    Ok(written == 1)
}

/// Archives reservation `id` (or takes it out of the archive) if it is
/// still at `version`; whether it was.
pub fn set_archived(
    conn: &mut Conn,
    id: ReservationKey,
    version: i32,
    archived: bool,
    at: NaiveDateTime,
) -> QueryResult<bool> {
    let written = diesel::update(
        reservations::table
            .filter(reservations::id.eq(id))
            .filter(reservations::version.eq(version)),
    )
    .set((
        reservations::archived.eq(archived),
        reservations::version.eq(version + 1),
        reservations::updated_at.eq(at),
    ))
    .execute(conn)?;
    Ok(written == 1)
}

/// Closes reservation `id` as split or merged (its state `Cancelled`, as
/// in Azure) if it is still at `version`; whether it was.
pub fn close(
    conn: &mut Conn,
    id: ReservationKey,
    version: i32,
    closure: Closure,
    at: NaiveDateTime,
) -> QueryResult<bool> {
    let written = diesel::update(
        reservations::table
            .filter(reservations::id.eq(id))
            .filter(reservations::version.eq(version)),
    )
    .set((
        reservations::provisioning_state.eq(ProvisioningState::Cancelled),
        reservations::closed_by.eq(closure),
        reservations::version.eq(version + 1),
        reservations::updated_at.eq(at),
    ))
    .execute(conn)?;
    Ok(written == 1)
}

/// Reservations set to renew, in force until their expiry day, that
/// expired from `since` to `today` and have no successor yet.
pub fn due_for_renewal(
    conn: &mut Conn,
    since: NaiveDate,
    today: NaiveDate,
) -> QueryResult<Vec<Reservation>> {
    use crate::db::schema::reservation_links as links;
    reservations::table
        .filter(reservations::renew.eq(true))
        .filter(reservations::provisioning_state.eq(ProvisioningState::Succeeded))
        .filter(reservations::closed_by.is_null())
        .filter(reservations::expiry_date.ge(since))
        .filter(reservations::expiry_date.le(today))
        .filter(diesel::dsl::not(diesel::dsl::exists(
            links::table
                .filter(links::source_id.eq(reservations::id))
                .filter(links::kind.eq("Renewal")),
        )))
        .order(reservations::id)
        .select(Reservation::as_select())
        .load(conn)
}

/// These reservations, by name.
pub fn by_ids(conn: &mut Conn, ids: &[ReservationKey]) -> QueryResult<Vec<Reservation>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    reservations::table
        .filter(reservations::id.eq_any(ids))
        .order((reservations::display_name, reservations::id))
        .select(Reservation::as_select())
        .load(conn)
}

/// Sets the provisioning state (a refund cancels, an exchange closes),
/// bumping the version.
pub fn set_state(
    conn: &mut Conn,
    id: ReservationKey,
    state: ProvisioningState,
    at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(reservations::table.find(id))
        .set((
            reservations::provisioning_state.eq(state),
            reservations::version.eq(reservations::version + 1),
            reservations::updated_at.eq(at),
        ))
        .execute(conn)
        .map(drop)
}

/// The reservation with this row ID.
pub fn find(conn: &mut Conn, id: ReservationKey) -> QueryResult<Reservation> {
    reservations::table
        .find(id)
        .select(Reservation::as_select())
        .first(conn)
}
