//! The system of record: where a reservation is really changed. Use cases
//! decide (rights, policy) and then ask a [`ReservationSystem`] to carry the
//! change out. Today's one implementation, [`LocalSystem`], keeps
//! reservations only in the database; a connection to Azure implements the
//! same trait by calling the remote API.
//!
//! The trait knows no database: it carries out the change and answers.
//! The use case writes the local record after it, in the same transaction,
//! so that a refusal or a failure of the system leaves nothing half done.

use chrono::NaiveDate;

use super::Error;
use crate::db::keys::ReservationKey;
use crate::db::reservations::{Configuration, Reservation};
use crate::domain::ids::{OrderId, ReservationId};
use crate::domain::policy::{self, ExchangeQuote, Holding, RefundQuote, Settings, Wanted};

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

/// What the system of record answered to an exchange: the new order and
/// reservation it created.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exchanged {
    /// The new reservation order's ID.
    pub order: OrderId,
    /// The new reservation's ID.
    pub reservation: ReservationId,
}

/// A reservation created by an exchange, as stored here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Created {
    /// Its row.
    pub row: ReservationKey,
    /// Its reservation ID.
    pub id: ReservationId,
}

/// Where reservations are really changed. Each method carries out one
/// change (or answers one question) and says what the system answered;
/// the use case checks rights and policy before, and writes the local
/// record, the audit entry and the history after, in its one transaction,
/// so that a refusal or a failure here leaves nothing written.
pub trait ReservationSystem: Send + Sync {
    /// The refund the system would pay for `holding` on `today`.
    fn refund_quote(&self, holding: &Holding, today: NaiveDate, settings: &Settings)
    -> RefundQuote;

    /// Applies a new configuration (name, scope, flexibility, renewal).
    fn apply_configuration(
        &self,
        reservation: &Reservation,
        wanted: &Configuration,
    ) -> Result<(), Error>;

    /// Returns (cancels) a reservation for the refund `quote`.
    fn return_reservation(
        &self,
        reservation: &Reservation,
        quote: &RefundQuote,
    ) -> Result<(), Error>;

    /// Exchanges a reservation for `replacement`; the IDs of the new order
    /// and reservation.
    fn exchange(
        &self,
        old: &Reservation,
        replacement: &Replacement,
        quote: &ExchangeQuote,
    ) -> Result<Exchanged, Error>;
}

/// Reservations kept only in the local database (the demo, and a partner
/// not connected to Azure): every change is accepted as asked, and the
/// use case's own writes are the whole of it.
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

    fn apply_configuration(&self, _: &Reservation, _: &Configuration) -> Result<(), Error> {
        Ok(())
    }

    fn return_reservation(&self, _: &Reservation, _: &RefundQuote) -> Result<(), Error> {
        Ok(())
    }

    fn exchange(
        &self,
        _: &Reservation,
        _: &Replacement,
        _: &ExchangeQuote,
    ) -> Result<Exchanged, Error> {
        Ok(Exchanged {
            order: OrderId::new_random(),
            reservation: ReservationId::new_random(),
        })
    }
}
