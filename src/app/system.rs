//! The system of record: where a reservation is really changed. Use cases
//! decide (rights, policy) and then ask a [`ReservationSystem`] to carry the
//! change out. Today's one implementation, [`LocalSystem`], keeps
//! reservations only in the database; a connection to Azure implements the
//! same trait by calling the remote API.
//!
//! The trait knows no database: it carries out the change and answers.
//! The use case calls it outside any transaction and writes the local
//! record after it, so that a refusal or a failure of the system leaves
//! nothing half done and no lock is held while Azure works.

use chrono::NaiveDate;

use super::Error;
use crate::db::keys::ReservationKey;
use crate::db::reservations::Reservation;
use crate::domain::ids::{OrderId, ReservationId, SubscriptionGuid, TenantId};
use crate::domain::money::Money;
use crate::domain::policy::{self, ExchangeQuote, Holding, RefundQuote, Settings, Wanted};
use crate::domain::remote::RemoteScope;
use crate::domain::reservation::InstanceFlexibility;

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

/// Where a reservation lives in the system of record: its customer's
/// tenant, its order and its own ID, the subscription it bills and the
/// scope it applies to now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The customer's tenant.
    pub tenant: TenantId,
    /// The reservation's order.
    pub order: OrderId,
    /// The reservation.
    pub reservation: ReservationId,
    /// The subscription billed.
    pub billing: SubscriptionGuid,
    /// The scope it applies to now.
    pub scope: RemoteScope,
}

/// A configuration as the system of record takes it: the scope named by
/// its places, not by rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setup {
    /// Display name.
    pub display_name: String,
    /// Applied scope.
    pub scope: RemoteScope,
    /// Instance-size flexibility, for types that have it.
    pub flexibility: Option<InstanceFlexibility>,
    /// Whether it renews by itself.
    pub renew: bool,
    /// How it renews, when it does.
    pub renewal: Option<Renewal>,
}

/// What a reservation set to renew is renewed with: the plan, and the SKU
/// it buys again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Renewal {
    /// Term, billing plan and quantity.
    pub plan: crate::domain::renewal::RenewalPlan,
    /// Reserved resource type.
    pub resource_type: crate::domain::reservation::ResourceType,
    /// SKU.
    pub sku: String,
    /// Region.
    pub region: String,
}

/// What the system of record gave back for a call: the correlation ID to
/// find it in its logs (none for the local database).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Receipt {
    /// Resource Manager's correlation ID.
    pub correlation_id: Option<String>,
}

/// How a change of configuration came back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Applied {
    /// Done: the record may change.
    Done(Receipt),
    /// Still running when the wait ended; the next sync shows the result.
    Pending(Receipt),
}

/// The system of record's own figures for a refund or an exchange.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figures {
    /// The session the quote opened (Azure's `sessionId`).
    pub session_id: String,
    /// The amount refunded (a refund) or the net payable (an exchange).
    pub amount: Money,
    /// Its currency.
    pub currency: String,
    /// Refunds the customer had this year, counting this one (Azure's
    /// `consumedRefundsTotal`).
    pub consumed_refunds_total: Option<Money>,
    /// The yearly refund limit (Azure's `maxRefundLimit`).
    pub max_refund_limit: Option<Money>,
}

/// What the system of record answered to a return.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Returned {
    /// The call's receipt.
    pub receipt: Receipt,
    /// Its own figures, when it has them.
    pub figures: Option<Figures>,
}

/// What the system of record answered to an exchange: the new order and
/// reservation it created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exchanged {
    /// The new reservation order's ID.
    pub order: OrderId,
    /// The new reservation's ID.
    pub reservation: ReservationId,
    /// The call's receipt.
    pub receipt: Receipt,
    /// Its own figures, when it has them.
    pub figures: Option<Figures>,
}

/// What the system of record answered to a split or a merge: the
/// reservations it made, with their quantities.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reshaped {
    /// The new reservations and their quantities, in the order asked.
    pub made: Vec<(ReservationId, i32)>,
    /// The call's receipt.
    pub receipt: Receipt,
}

/// A reservation to buy, as the system of record takes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Buy {
    /// Reserved resource type.
    pub resource_type: crate::domain::reservation::ResourceType,
    /// SKU.
    pub sku: String,
    /// Region.
    pub region: String,
    /// Term, billing plan and quantity.
    pub plan: crate::domain::renewal::RenewalPlan,
    /// The scope it applies to.
    pub scope: RemoteScope,
    /// The subscription billed.
    pub billing: SubscriptionGuid,
    /// Its display name.
    pub display_name: String,
}

/// What the system of record bought: one order with one reservation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bought {
    /// The new order.
    pub order: OrderId,
    /// The new reservation.
    pub reservation: ReservationId,
    /// What it cost, by the system of record's own price (none: the
    /// catalogue's).
    pub price: Option<Money>,
    /// The call's receipt.
    pub receipt: Receipt,
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
/// change (or answers one question) and says what the system answered.
/// A remote system is called outside any transaction: the use case checks
/// rights and policy before, and writes the local record, the audit entry
/// and the history after, so that a refusal or a failure leaves nothing
/// written here. A refusal is `Refusal::Azure` with the system's words.
pub trait ReservationSystem: Send + Sync {
    /// Whether changes go to a remote system (Azure) rather than only here.
    fn is_remote(&self) -> bool {
        false
    }

    /// The refund the dashboard's policy quotes for `holding` on `today`.
    fn refund_quote(&self, holding: &Holding, today: NaiveDate, settings: &Settings)
    -> RefundQuote;

    /// The system of record's own refund figures for returning `quantity`
    /// of a reservation today, without returning it (none: it has no
    /// figures of its own, as the local database).
    fn refund_figures(&self, _place: &Place, _quantity: i32) -> Result<Option<Figures>, Error> {
        Ok(None)
    }

    /// Applies a new configuration (name, scope, flexibility, renewal).
    fn apply_configuration(&self, place: &Place, wanted: &Setup) -> Result<Applied, Error>;

    /// Returns (cancels) `quantity` of a reservation for the refund `quote`.
    fn return_reservation(
        &self,
        place: &Place,
        quantity: i32,
        quote: &RefundQuote,
    ) -> Result<Returned, Error>;

    /// Exchanges a reservation for `replacement`; the IDs of the new order
    /// and reservation.
    fn exchange(
        &self,
        place: &Place,
        old: &Reservation,
        replacement: &Replacement,
        quote: &ExchangeQuote,
    ) -> Result<Exchanged, Error>;
    /// Archives a reservation that has ended, or takes it out of the
    /// archive (`archived` false).
    fn set_archived(&self, place: &Place, archived: bool) -> Result<Receipt, Error>;

    /// Splits a reservation into two of these quantities, in its order.
    fn split(&self, place: &Place, quantities: [i32; 2]) -> Result<Reshaped, Error>;

    /// The system of record's own price of `buy` (Azure's
    /// `calculatePrice`); none when the dashboard's catalogue is the price.
    fn price(&self, _tenant: TenantId, _buy: &Buy) -> Result<Option<Money>, Error> {
        Ok(None)
    }

    /// Buys `buy` for the customer of `tenant`: a new order with one
    /// reservation.
    fn purchase(&self, tenant: TenantId, buy: &Buy) -> Result<Bought, Error>;

    /// Merges reservations of one order (`sources`, the first's place
    /// given) into one of `quantity`.
    fn merge(
        &self,
        place: &Place,
        sources: &[ReservationId],
        quantity: i32,
    ) -> Result<Reshaped, Error>;
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

    fn apply_configuration(&self, _: &Place, _: &Setup) -> Result<Applied, Error> {
        Ok(Applied::Done(Receipt::default()))
    }

    fn set_archived(&self, _: &Place, _: bool) -> Result<Receipt, Error> {
        Ok(Receipt::default())
    }

    fn purchase(&self, _: TenantId, _: &Buy) -> Result<Bought, Error> {
        Ok(Bought {
            order: OrderId::new_random(),
            reservation: ReservationId::new_random(),
            price: None,
            receipt: Receipt::default(),
        })
    }

    fn split(&self, _: &Place, quantities: [i32; 2]) -> Result<Reshaped, Error> {
        Ok(Reshaped {
            made: quantities
                .into_iter()
                .map(|q| (ReservationId::new_random(), q))
                .collect(),
            receipt: Receipt::default(),
        })
    }

    fn merge(&self, _: &Place, _: &[ReservationId], quantity: i32) -> Result<Reshaped, Error> {
        Ok(Reshaped {
            made: vec![(ReservationId::new_random(), quantity)],
            receipt: Receipt::default(),
        })
    }

    fn return_reservation(&self, _: &Place, _: i32, _: &RefundQuote) -> Result<Returned, Error> {
        Ok(Returned {
            receipt: Receipt::default(),
            figures: None,
        })
    }

    fn exchange(
        &self,
        _: &Place,
        _: &Reservation,
        _: &Replacement,
        _: &ExchangeQuote,
    ) -> Result<Exchanged, Error> {
        Ok(Exchanged {
            order: OrderId::new_random(),
            reservation: ReservationId::new_random(),
            receipt: Receipt::default(),
            figures: None,
        })
    }
}
