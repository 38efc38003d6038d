//! The reservation record around every blade: what it loads, its header,
//! its blade menu and its breadcrumbs.

use chrono::NaiveDate;

use super::rows::{plan_key, term_key};
pub use crate::app::reservations::record::{Record, load_record};
use crate::db::customers::Customer;
use crate::db::orders::Order;
use crate::db::reservations::Reservation;
use crate::domain::ids::ReservationId;
use crate::domain::roles::{AgentRole, Rights};
use crate::web::context::{Nav, PageCtx};
use crate::web::error::AppError;
use crate::web::paths;
use crate::web::session::SignedIn;

/// The blades of the reservation record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blade {
    /// Overview: status, days left, utilization figures and the 30-day chart.
    Overview,
    /// Access control (IAM).
    Access,
    /// Configuration: applied scope, name, instance-size flexibility and auto-renew.
    Configuration,
    /// Properties: the IDs support asks for (reservation, order, resource) and the other details.
    Properties,
    /// Activity log.
    Activity,
    /// Recommendations from its use.
    Advice,
    /// New support request (and this reservation's requests).
    Support,
}

/// A link of the blade menu.
pub struct BladeLink {
    /// The blade.
    pub blade: Blade,
    /// Its address.
    pub href: String,
    /// Message ID of its name.
    pub label_key: &'static str,
    /// Whether it is the blade shown.
    pub current: bool,
}

/// What every blade shows around itself: the name, status and blade menu.
pub struct RecordHeader {
    /// The reservation.
    pub reservation: Reservation,
    /// Its order.
    pub order: Order,
    /// Its customer.
    pub customer: Customer,
    /// Status key.
    pub status_key: &'static str,
    /// Active blade.
    pub blade: Blade,
    /// The blade menu.
    pub blades: Vec<BladeLink>,
    /// What the signed-in user may do here.
    pub rights: Rights,
    /// Whether the user is a customer user (no partner pages to link to).
    pub customer_user: bool,
}

impl RecordHeader {
    /// Whether `blade` is the active one.
    pub fn is_blade(&self, blade: Blade) -> bool {
        self.blade == blade
    }

    /// Message ID of the term.
    pub fn term_key(&self) -> String {
        term_key(self.order.term)
    }

    /// Message ID of the status's name.
    pub fn status_label_key(&self) -> String {
        format!("status-{}", self.status_key)
    }

    /// Link to the customer.
    pub fn customer_href(&self) -> String {
        paths::customer(self.customer.id)
    }

    /// Message ID of the instance-size flexibility setting.
    pub fn flexibility_key(&self) -> &'static str {
        match self.reservation.instance_flexibility.as_deref() {
            Some("On") => "flexibility-on",
            _ => "flexibility-off",
        }
    }

    /// Message ID of the billing plan.
    pub fn plan_key(&self) -> String {
        plan_key(self.order.billing_plan)
    }
}

/// The reservation `id` and what its blades show, for the signed-in user
/// (`app::reservations::view::record` checks their right to read it).
pub async fn load(
    state: &crate::web::AppState,
    signed_in: &SignedIn,
    id: ReservationId,
) -> Result<Record, AppError> {
    let actor = signed_in.user_actor();
    let (record, _) = crate::web::call(state, actor, move |ctx| {
        crate::app::reservations::view::record(ctx, id)
    })
    .await?;
    Ok(record)
}

/// The reservation ID in a URL; anything else is a page that does not exist.
pub fn parse_id(raw: &str) -> Result<ReservationId, AppError> {
    raw.parse().map_err(|_| AppError::NotFound)
}

/// Layout data of a blade: customer users see their own trail, agents the
/// partner's (Customers › company › Azure reservations › name › blade).
pub fn page_ctx(signed_in: &SignedIn, record: &Record, blade_key: &str) -> PageCtx {
    let lang = &signed_in.lang;
    let name = record.reservation.display_name.clone();
    let href = paths::reservation(record.reservation.reservation_guid);
    if signed_in.role() == AgentRole::Customer {
        return PageCtx::new(signed_in, Nav::Mine)
            .crumb(lang.t("nav-my-reservations"), paths::MY_RESERVATIONS)
            .crumb(name, href)
            .here(lang.t(blade_key));
    }
    PageCtx::new(signed_in, Nav::Customers)
        .crumb(lang.t("nav-customers"), paths::CUSTOMERS)
        .crumb(
            record.customer.company_name.clone(),
            paths::customer(record.customer.id),
        )
        .crumb(
            lang.t("tab-reservations"),
            paths::customer_reservations(record.customer.id),
        )
        .crumb(name, href)
        .here(lang.t(blade_key))
}

/// The header of a blade.
pub fn header(
    record: &Record,
    blade: Blade,
    today: NaiveDate,
    signed_in: &SignedIn,
    rights: Rights,
) -> RecordHeader {
    let id = record.reservation.reservation_guid;
    let blades = [
        (Blade::Overview, paths::reservation(id), "blade-overview"),
        (Blade::Access, paths::reservation_access(id), "blade-access"),
        (
            Blade::Configuration,
            paths::reservation_configuration(id),
            "blade-configuration",
        ),
        (
            Blade::Properties,
            paths::reservation_properties(id),
            "blade-properties",
        ),
        (
            Blade::Activity,
            paths::reservation_activity(id),
            "blade-activity",
        ),
        (Blade::Advice, paths::reservation_advice(id), "blade-advice"),
        (
            Blade::Support,
            paths::reservation_support(id),
            "blade-support",
        ),
    ]
    .into_iter()
    .map(|(b, href, label_key)| BladeLink {
        blade: b,
        href,
        label_key,
        current: b == blade,
    })
    .collect();
    RecordHeader {
        reservation: record.reservation.clone(),
        order: record.order.clone(),
        customer: record.customer.clone(),
        status_key: record.reservation.status(today).key(),
        blade,
        blades,
        rights,
        customer_user: signed_in.role() == AgentRole::Customer,
    }
}
