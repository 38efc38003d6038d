//! A reservation with what its pages show around it: its order, customer,
//! billing subscription and the names of the customer's places.

use crate::db::Conn;

use super::scope_names::ScopeNames;
use crate::app::Error;
use crate::db::customers::Customer;
use crate::db::orders::Order;
use crate::db::reservations::Reservation;
use crate::db::subscriptions::Subscription;
use crate::db::{self};
use crate::domain::ids::ReservationId;

/// Everything a blade needs from the database.
pub struct Record {
    /// The reservation.
    pub reservation: Reservation,
    /// Its order.
    pub order: Order,
    /// Its customer.
    pub customer: Customer,
    /// The subscription billed.
    pub billing: Subscription,
    /// Names of the customer's places, for scopes in words.
    pub names: ScopeNames,
}

/// Loads a reservation and what its blades show around it.
pub fn load_record(conn: &mut Conn, id: ReservationId) -> Result<Record, Error> {
    let reservation = db::reservations::find_by_guid(conn, id)?;
    Ok(Record {
        order: db::orders::find(conn, reservation.order_id)?,
        customer: db::customers::find(conn, reservation.customer_id)?,
        billing: db::subscriptions::find(conn, reservation.billing_subscription_id)?,
        names: ScopeNames::load(conn, reservation.customer_id)?,
        reservation,
    })
}

impl Record {
    /// Where the reservation lives in the system of record.
    pub fn place(&self) -> crate::app::system::Place {
        crate::app::system::Place {
            tenant: self.customer.tenant_id,
            order: self.order.order_guid,
            reservation: self.reservation.reservation_guid,
            billing: self.billing.subscription_guid,
            scope: self
                .names
                .setup(&super::changes::configuration_of(&self.reservation))
                .map_or(crate::domain::remote::RemoteScope::Shared, |s| s.scope),
        }
    }
}
