//! The system of record: where a reservation is really changed. Use cases
//! decide (rights, policy, audit) and then ask a [`ReservationSystem`] to
//! carry the change out. Today's one implementation, [`LocalSystem`], keeps
//! reservations in the database; a connection to Azure implements the same
//! trait, calling the remote API and then writing what it answered.
//!
//! Every method runs inside the use case's transaction, on its connection,
//! so that a failure leaves nothing half done.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::SqliteConnection;

use super::Error;
use crate::db::columns::DbMoney;
use crate::db::keys::ReservationKey;
use crate::db::orders::{NewOrder, Order};
use crate::db::reservations::{Configuration, NewReservation, Reservation};
use crate::db::role_assignments::NewAssignment;
use crate::db::{self, Table};
use crate::domain::ids::{OrderId, ReservationId};
use crate::domain::policy::{self, ExchangeQuote, Holding, RefundQuote, Settings, Wanted};
use crate::domain::reservation::ProvisioningState;

/// The reservation an exchange asks for, checked against the catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replacement {
    /// Its SKU.
    pub sku: String,
    /// Its region.
    pub region: String,
    /// The catalogue's description of the SKU.
    pub sku_description: String,
    /// Type, term, quantity and unit price, as the policy weighs them.
    pub wanted: Wanted,
}

/// A reservation created by an exchange.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Created {
    /// Its row.
    pub row: ReservationKey,
    /// Its reservation ID.
    pub id: ReservationId,
}

/// Where reservations are changed.
pub trait ReservationSystem: Send + Sync {
    /// The refund the system would pay for `holding` on `today`.
    fn refund_quote(&self, holding: &Holding, today: NaiveDate, settings: &Settings)
    -> RefundQuote;

    /// Applies a new configuration (name, scope, flexibility, renewal) to a
    /// reservation still at `version`; `false` when someone changed it first.
    fn apply_configuration(
        &self,
        conn: &mut SqliteConnection,
        reservation: &Reservation,
        version: i32,
        wanted: &Configuration,
        at: NaiveDateTime,
    ) -> Result<bool, Error>;

    /// Returns (cancels) a reservation for a refund.
    fn return_reservation(
        &self,
        conn: &mut SqliteConnection,
        reservation: &Reservation,
        at: NaiveDateTime,
    ) -> Result<(), Error>;

    /// Exchanges a reservation for `replacement`: the new order and
    /// reservation, keeping the old one's scope, billing and access (the
    /// roles granted by `by`), and the old one closed as exchanged.
    #[expect(clippy::too_many_arguments, reason = "one exchange's facts")]
    fn exchange(
        &self,
        conn: &mut SqliteConnection,
        old: &Reservation,
        old_order: &Order,
        replacement: &Replacement,
        quote: &ExchangeQuote,
        today: NaiveDate,
        at: NaiveDateTime,
        by: &str,
    ) -> Result<Created, Error>;
}

/// Reservations kept in the local database (the demo, and a partner not
/// connected to Azure).
#[derive(Debug, Clone, Copy, Default)]
pub struct LocalSystem;

impl ReservationSystem for LocalSystem {
    fn refund_quote(
        &self,
        holding: &Holding,
        today: NaiveDate,
        settings: &Settings,
    ) -> RefundQuote {
        policy::refund_quote(holding, today, settings)
    }

    fn apply_configuration(
        &self,
        conn: &mut SqliteConnection,
        reservation: &Reservation,
        version: i32,
        wanted: &Configuration,
        at: NaiveDateTime,
    ) -> Result<bool, Error> {
        Ok(db::reservations::save_configuration(
            conn,
            reservation.id,
            version,
            wanted,
            at,
        )?)
    }

    fn return_reservation(
        &self,
        conn: &mut SqliteConnection,
        reservation: &Reservation,
        at: NaiveDateTime,
    ) -> Result<(), Error> {
        Ok(db::reservations::set_state(
            conn,
            reservation.id,
            ProvisioningState::Cancelled,
            at,
        )?)
    }

    fn exchange(
        &self,
        conn: &mut SqliteConnection,
        old: &Reservation,
        old_order: &Order,
        replacement: &Replacement,
        quote: &ExchangeQuote,
        today: NaiveDate,
        at: NaiveDateTime,
        by: &str,
    ) -> Result<Created, Error> {
        let order_row = db::max_id(conn, Table::Orders)? + 1;
        let row = ReservationKey(db::max_id(conn, Table::Reservations)? + 1);
        let Wanted { term, quantity, .. } = replacement.wanted;
        let id = ReservationId::new_random();
        db::orders::insert_all(
            conn,
            &[NewOrder {
                id: order_row,
                order_guid: OrderId::new_random().to_string(),
                customer_id: old.customer_id,
                display_name: format!(
                    "{}_EX_{}",
                    old.resource_type.as_str(),
                    today.format("%m-%d-%Y")
                ),
                term,
                billing_plan: old_order.billing_plan,
                original_quantity: quantity,
                purchase_date: today,
                benefit_start_date: today,
                expiry_date: quote.new_expiry,
                currency: old_order.currency.clone(),
                created_at: at,
            }],
        )?;
        db::reservations::insert_all(
            conn,
            &[NewReservation {
                id: row,
                reservation_guid: id.to_string(),
                order_id: order_row,
                customer_id: old.customer_id,
                display_name: old.display_name.clone(),
                resource_type: old.resource_type,
                sku: replacement.sku.clone(),
                sku_description: replacement.sku_description.clone(),
                region: replacement.region.clone(),
                quantity,
                scope_type: old.scope_type,
                scope_subscription_id: old.scope_subscription_id,
                scope_resource_group_id: old.scope_resource_group_id,
                scope_management_group_id: old.scope_management_group_id,
                billing_subscription_id: old.billing_subscription_id,
                instance_flexibility: old.instance_flexibility.clone(),
                renew: old.renew,
                purchase_date: today,
                effective_date: today,
                expiry_date: quote.new_expiry,
                provisioning_state: ProvisioningState::Succeeded,
                purchase_price: DbMoney(quote.new_commitment),
                updated_at: at,
            }],
        )?;
        for a in db::role_assignments::for_reservation(conn, old.id)? {
            db::role_assignments::insert(
                conn,
                &NewAssignment {
                    reservation_id: row,
                    principal_email: a.principal_email,
                    role: a.role,
                    assigned_by: by.to_string(),
                    assigned_at: at,
                },
            )?;
        }
        db::reservations::set_state(conn, old.id, ProvisioningState::Exchanged, at)?;
        Ok(Created { row, id })
    }
}
