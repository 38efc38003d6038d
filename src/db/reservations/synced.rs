//! What the sync with Azure reads and writes of reservations: their facts
//! as Azure reports them, when they were last found, and which ones Azure
//! no longer lists.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::Reservation;
use crate::db::Conn;
use crate::db::keys::{CustomerKey, OrderKey, ReservationKey};
use crate::db::schema::reservations;
use crate::domain::ids::ReservationId;
use crate::domain::reservation::{ProvisioningState, ScopeType};

/// What Azure says about a reservation, as a sync writes it.
#[derive(Debug, Clone, PartialEq, Eq, AsChangeset)]
#[diesel(table_name = reservations, treat_none_as_null = true)]
pub struct Facts {
    /// Display name.
    pub display_name: String,
    /// SKU name.
    pub sku: String,
    /// Region.
    pub region: String,
    /// Quantity.
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
    /// Whether it renews by itself.
    pub renew: bool,
    /// Archived.
    pub archived: bool,
    /// `Split` or `Merged` for one a split or a merge closed (never
    /// cleared by a sync).
    pub closed_by: Option<String>,
    /// Purchase day.
    pub purchase_date: NaiveDate,
    /// Benefit start day.
    pub effective_date: NaiveDate,
    /// Expiry day.
    pub expiry_date: NaiveDate,
    /// Stored state.
    pub provisioning_state: ProvisioningState,
}

/// What places a new reservation, besides its facts.
#[derive(Debug, Clone)]
pub struct Placed {
    /// Row ID.
    pub id: ReservationKey,
    /// Its GUID.
    pub guid: ReservationId,
    /// Its order (row ID).
    pub order_id: OrderKey,
    /// Its customer.
    pub customer_id: CustomerKey,
    /// Reserved resource type.
    pub resource_type: crate::domain::reservation::ResourceType,
    /// SKU description.
    pub sku_description: String,
}

impl super::NewReservation {
    /// A reservation read from a system of record (a sync, an imported
    /// file), to insert: `placed` with `facts`, no renewal plan of its own.
    pub fn with_facts(
        placed: Placed,
        facts: Facts,
        purchase_price: crate::db::columns::DbMoney,
        updated_at: NaiveDateTime,
    ) -> super::NewReservation {
        super::NewReservation {
            id: placed.id,
            reservation_guid: placed.guid.to_string(),
            order_id: placed.order_id,
            customer_id: placed.customer_id,
            display_name: facts.display_name,
            resource_type: placed.resource_type,
            sku: facts.sku,
            sku_description: placed.sku_description,
            region: facts.region,
            quantity: facts.quantity,
            scope_type: facts.scope_type,
            scope_subscription_id: facts.scope_subscription_id,
            scope_resource_group_id: facts.scope_resource_group_id,
            scope_management_group_id: facts.scope_management_group_id,
            billing_subscription_id: facts.billing_subscription_id,
            instance_flexibility: facts.instance_flexibility,
            renew: facts.renew,
            archived: facts.archived,
            closed_by: facts.closed_by,
            renew_term: None,
            renew_billing_plan: None,
            renew_quantity: None,
            purchase_date: facts.purchase_date,
            effective_date: facts.effective_date,
            expiry_date: facts.expiry_date,
            provisioning_state: facts.provisioning_state,
            purchase_price,
            updated_at,
        }
    }
}

impl Reservation {
    /// The facts a sync compares with Azure's.
    pub fn facts(&self) -> Facts {
        Facts {
            display_name: self.display_name.clone(),
            sku: self.sku.clone(),
            region: self.region.clone(),
            quantity: self.quantity,
            scope_type: self.scope_type,
            scope_subscription_id: self.scope_subscription_id,
            scope_resource_group_id: self.scope_resource_group_id,
            scope_management_group_id: self.scope_management_group_id,
            billing_subscription_id: self.billing_subscription_id,
            instance_flexibility: self.instance_flexibility.clone(),
            renew: self.renew,
            archived: self.archived,
            closed_by: self.closed_by.clone(),
            purchase_date: self.purchase_date,
            effective_date: self.effective_date,
            expiry_date: self.expiry_date,
            provisioning_state: self.provisioning_state,
        }
    }
}

/// Writes Azure's facts about a reservation, bumping its version.
pub fn update_facts(
    conn: &mut Conn,
    id: ReservationKey,
    facts: &Facts,
    at: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(reservations::table.find(id))
        .set((
            facts,
            reservations::version.eq(reservations::version + 1),
            reservations::updated_at.eq(at),
        ))
        .execute(conn)
}

/// Records that these reservations were found in Azure at `at` (and so are
/// no longer missing).
pub fn mark_synced(conn: &mut Conn, ids: &[ReservationKey], at: NaiveDateTime) -> QueryResult<()> {
    for chunk in ids.chunks(crate::db::BATCH_ROWS) {
        diesel::update(reservations::table.filter(reservations::id.eq_any(chunk)))
            .set((
                reservations::synced_at.eq(Some(at)),
                reservations::missing_since.eq(None::<NaiveDateTime>),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Marks the customer's reservations that Azure no longer lists (those not
/// in `seen`, not marked yet, and not changed here since `read_from`, when
/// the list was read); how many were marked.
pub fn mark_missing(
    conn: &mut Conn,
    customer: CustomerKey,
    seen: &[ReservationKey],
    (read_from, at): (NaiveDateTime, NaiveDateTime),
) -> QueryResult<usize> {
    let all: Vec<ReservationKey> = reservations::table
        .filter(reservations::customer_id.eq(customer))
        .filter(reservations::missing_since.is_null())
        .filter(reservations::updated_at.lt(read_from))
        .select(reservations::id)
        .load(conn)?;
    let seen: std::collections::HashSet<_> = seen.iter().collect();
    let gone: Vec<ReservationKey> = all.into_iter().filter(|id| !seen.contains(id)).collect();
    for chunk in gone.chunks(crate::db::BATCH_ROWS) {
        diesel::update(reservations::table.filter(reservations::id.eq_any(chunk)))
            .set(reservations::missing_since.eq(Some(at)))
            .execute(conn)?;
    }
    Ok(gone.len())
}

/// A customer's reservations by GUID with the last day of utilization
/// stored for each.
pub fn last_utilization_days(
    conn: &mut Conn,
    customer: CustomerKey,
) -> QueryResult<Vec<(ReservationId, Option<NaiveDate>)>> {
    use crate::db::schema::reservation_utilization as util;
    reservations::table
        .left_join(util::table)
        .filter(reservations::customer_id.eq(customer))
        .group_by(reservations::id)
        .select((
            reservations::reservation_guid,
            diesel::dsl::max(util::day.nullable()),
        ))
        .load(conn)
}

/// A customer's reservations: GUID and row.
pub fn keys_of_customer(
    conn: &mut Conn,
    customer: CustomerKey,
) -> QueryResult<Vec<(ReservationId, ReservationKey)>> {
    reservations::table
        .filter(reservations::customer_id.eq(customer))
        .select((reservations::reservation_guid, reservations::id))
        .load(conn)
}

/// The reservations with these GUIDs (lower-case hyphenated), read in
/// batches.
pub fn by_guids(conn: &mut Conn, guids: &[String]) -> QueryResult<Vec<Reservation>> {
    let mut found = Vec::new();
    for chunk in guids.chunks(crate::db::BATCH_ROWS) {
        found.extend(
            reservations::table
                .filter(reservations::reservation_guid.eq_any(chunk))
                .select(Reservation::as_select())
                .load(conn)?,
        );
    }
    Ok(found)
}
