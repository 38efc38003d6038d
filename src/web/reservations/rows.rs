//! A reservation as lists show it, and its scope in words.

use chrono::NaiveDate;

pub use crate::app::reservations::scope_names::ScopeNames;
use crate::db::reservations::Reservation;
use crate::domain::reservation::{BillingPlan, ScopeType, Status, Term};
use crate::domain::utilization::Permille;
use crate::i18n::Lang;
use crate::web::paths;

/// The applied scope in words: its kind (a message ID) and its target.
pub fn describe(names: &ScopeNames, r: &Reservation, lang: &Lang) -> ScopeView {
    match r.scope_type {
        ScopeType::Shared => ScopeView {
            kind_key: "scope-shared",
            target: lang.ts("scope-shared-target", "company", names.company()),
            detail: String::new(),
        },
        ScopeType::ManagementGroup => ScopeView {
            kind_key: "scope-management-group",
            target: r
                .scope_management_group_id
                .and_then(|id| names.management_group(id))
                .unwrap_or_default()
                .to_string(),
            detail: String::new(),
        },
        ScopeType::Single => match r
            .scope_resource_group_id
            .and_then(|id| names.resource_group(id))
        {
            Some((group, subscription_id)) => ScopeView {
                kind_key: "scope-resource-group",
                target: group.to_string(),
                detail: names.subscription(Some(subscription_id)),
            },
            None => ScopeView {
                kind_key: "scope-single",
                target: names.subscription(r.scope_subscription_id),
                detail: r
                    .scope_subscription_id
                    .and_then(|id| names.subscription_guid(id))
                    .unwrap_or_default()
                    .to_string(),
            },
        },
    }
}

/// An applied scope in words.
#[derive(Debug, Clone)]
pub struct ScopeView {
    /// Message ID of the kind of scope.
    pub kind_key: &'static str,
    /// The subscription, resource group, management group or company.
    pub target: String,
    /// The subscription of a resource group, or a subscription's GUID.
    pub detail: String,
}

/// A reservation as a list row.
pub struct ReservationRow {
    /// Link to its record.
    pub href: String,
    /// Display name.
    pub name: String,
    /// Resource type.
    pub resource_type: String,
    /// SKU name, e.g. `Standard_D2s_v5`.
    pub sku: String,
    /// Azure region name, e.g. `westeurope`.
    pub region: String,
    /// How many units of the SKU it covers (1 or more).
    pub quantity: i32,
    /// Scope in words.
    pub scope: ScopeView,
    /// Message ID of the term.
    pub term_key: String,
    /// Message ID of the billing plan.
    pub plan_key: String,
    /// Expiry day.
    pub expiry: NaiveDate,
    /// 30-day utilization.
    pub utilization: Option<Permille>,
    /// Its status today.
    pub status: Status,
    /// Archived.
    pub archived: bool,
}

impl ReservationRow {
    /// Builds the row.
    pub fn new(
        r: Reservation,
        order: Option<&(Term, BillingPlan)>,
        names: &ScopeNames,
        utilization: Option<Permille>,
        today: NaiveDate,
        lang: &Lang,
    ) -> Self {
        ReservationRow {
            href: paths::reservation(r.reservation_guid),
            scope: describe(names, &r, lang),
            status: r.status(today),
            archived: r.archived,
            term_key: order.map(|(t, _)| term_key(*t)).unwrap_or_default(),
            plan_key: order.map(|(_, p)| plan_key(*p)).unwrap_or_default(),
            name: r.display_name,
            resource_type: r.resource_type.as_str().to_string(),
            sku: r.sku,
            region: r.region,
            quantity: r.quantity,
            expiry: r.expiry_date,
            utilization,
        }
    }
}

impl ReservationRow {
    /// Whether it is in force (so a refund may be asked for).
    pub fn in_force(&self) -> bool {
        self.status.in_force()
    }

    /// Message ID of the status's name.
    pub fn status_label_key(&self) -> String {
        format!("status-{}", self.status.key())
    }
}

/// Message ID of a term.
pub fn term_key(term: Term) -> String {
    format!("term-{}", term.as_str().to_lowercase())
}

/// Message ID of a billing plan.
pub fn plan_key(plan: BillingPlan) -> String {
    format!("plan-{}", plan.as_str().to_lowercase())
}
