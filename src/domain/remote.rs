//! A customer's book of business as Azure reports it: what a sync reads
//! from Partner Center and Resource Manager, already checked and typed,
//! before it is stored.

use chrono::NaiveDate;

use super::ids::{OrderId, ReservationId, SubscriptionGuid, TenantId};
use super::money::Money;
use super::reservation::{BillingPlan, InstanceFlexibility, ProvisioningState, ResourceType, Term};

/// A customer of the partner, from Partner Center.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteCustomer {
    /// The customer's tenant.
    pub tenant: TenantId,
    /// Company name.
    pub company_name: String,
    /// Primary domain.
    pub domain: String,
}

/// Everything read from one customer tenant.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// Subscriptions the application can see.
    pub subscriptions: Vec<RemoteSubscription>,
    /// Their resource groups.
    pub resource_groups: Vec<RemoteResourceGroup>,
    /// Management groups.
    pub management_groups: Vec<RemoteManagementGroup>,
    /// Reservation orders.
    pub orders: Vec<RemoteOrder>,
    /// Reservations.
    pub reservations: Vec<RemoteReservation>,
    /// Daily utilization read this time.
    pub days: Vec<RemoteDay>,
    /// Reservations left out, with why (an unknown resource type, say).
    pub skipped: Vec<String>,
    /// Every reservation Azure listed, also those left out: none of them
    /// is "no longer in Azure".
    pub listed: Vec<ReservationId>,
}

/// A subscription.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteSubscription {
    /// Its GUID.
    pub id: SubscriptionGuid,
    /// Its display name.
    pub display_name: String,
}

/// A resource group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteResourceGroup {
    /// The subscription it is in.
    pub subscription: SubscriptionGuid,
    /// Its name.
    pub name: String,
}

/// A management group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteManagementGroup {
    /// Its name (the last segment of its ID).
    pub name: String,
    /// Its display name.
    pub display_name: String,
}

/// A reservation order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteOrder {
    /// Its GUID.
    pub id: OrderId,
    /// Display name.
    pub display_name: String,
    /// Term.
    pub term: Term,
    /// Billing plan.
    pub billing_plan: BillingPlan,
    /// Quantity bought.
    pub original_quantity: i32,
    /// Purchase day.
    pub purchase_date: NaiveDate,
    /// Benefit start day.
    pub benefit_start_date: NaiveDate,
    /// Expiry day.
    pub expiry_date: NaiveDate,
    /// The order's total price and its currency, when Azure gave them.
    pub total: Option<(Money, String)>,
}

/// Where a reservation's benefit applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RemoteScope {
    /// Every subscription of the billing context.
    Shared,
    /// One subscription, or one resource group in it.
    Single {
        /// The subscription.
        subscription: SubscriptionGuid,
        /// The resource group, for a resource-group scope.
        resource_group: Option<String>,
    },
    /// A management group.
    ManagementGroup {
        /// Its name.
        name: String,
    },
}

/// How a reservation came from another, as Azure says on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lineage {
    /// It is a part of the other, which was split.
    Split,
    /// The other was merged into it.
    Merge,
    /// It renews the other.
    Renewal,
}

/// A reservation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteReservation {
    /// Its order.
    pub order: OrderId,
    /// Its GUID.
    pub id: ReservationId,
    /// Display name.
    pub display_name: String,
    /// Reserved resource type.
    pub resource_type: ResourceType,
    /// SKU name.
    pub sku: String,
    /// Region.
    pub region: String,
    /// Quantity.
    pub quantity: i32,
    /// Applied scope.
    pub scope: RemoteScope,
    /// The subscription billed, when Azure names one.
    pub billing_subscription: Option<SubscriptionGuid>,
    /// Instance-size flexibility, for types that have it.
    pub flexibility: Option<InstanceFlexibility>,
    /// Whether it renews by itself.
    pub renew: bool,
    /// Archived in Azure.
    pub archived: bool,
    /// What closed it, when a split or a merge did (Azure's
    /// `extendedStatusInfo.statusCode`).
    pub closed_by: Option<crate::domain::reservation::Closure>,
    /// Its state in our terms (`None`: a state we do not know; keep ours).
    pub state: Option<ProvisioningState>,
    /// Purchase day.
    pub purchase_date: NaiveDate,
    /// Benefit start day.
    pub effective_date: NaiveDate,
    /// Expiry day.
    pub expiry_date: NaiveDate,
    /// The reservations it came from (a split's source, a merge's sources,
    /// the one it renews), as Azure names them on it.
    pub came_from: Vec<(Lineage, ReservationId)>,
}

/// One day's utilization of one reservation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RemoteDay {
    /// The reservation.
    pub reservation: ReservationId,
    /// The UTC day.
    pub day: NaiveDate,
    /// Average utilization in tenths of a percent (0..=1000).
    pub permille: i32,
}

/// What closed a reservation, from Azure's provisioning state and
/// `extendedStatusInfo.statusCode`: a split or a merge, or neither.
pub fn closure_of(
    provisioning: &str,
    status_code: Option<&str>,
) -> Option<crate::domain::reservation::Closure> {
    use crate::domain::reservation::Closure;
    [Some(provisioning), status_code]
        .into_iter()
        .flatten()
        .find_map(|text| match text.to_ascii_lowercase().as_str() {
            "split" => Some(Closure::Split),
            "merged" => Some(Closure::Merged),
            _ => None,
        })
}

/// Azure's provisioning state in our terms: `None` for a state we do not
/// know (the contract says to ignore unknown values).
pub fn state_of(provisioning: &str, display: Option<&str>) -> Option<ProvisioningState> {
    let p = provisioning.to_ascii_lowercase();
    if display.is_some_and(|d| d.eq_ignore_ascii_case("Expired")) {
        return Some(ProvisioningState::Expired);
    }
    Some(match p.as_str() {
        "succeeded" | "created" | "confirmedbilling" => ProvisioningState::Succeeded,
        "cancelled" | "canceled" | "split" | "merged" => ProvisioningState::Cancelled,
        "expired" => ProvisioningState::Expired,
        "creating" | "pendingresourcehold" | "confirmedresourcehold" | "pendingbilling" => {
            ProvisioningState::Creating
        }
        "billingfailed" | "failed" => ProvisioningState::Failed,
        _ => return None,
    })
}

/// The state to store when a sync reads `remote` for a reservation stored
/// as `local`: Azure's, except that a reservation exchanged here stays
/// `Exchanged` (Azure lists it as cancelled) and an unknown state keeps
/// what is stored.
pub fn merged_state(
    local: Option<ProvisioningState>,
    remote: Option<ProvisioningState>,
) -> ProvisioningState {
    match (local, remote) {
        (
            Some(ProvisioningState::Exchanged),
            Some(ProvisioningState::Cancelled | ProvisioningState::Expired),
        ) => ProvisioningState::Exchanged,
        (_, Some(remote)) => remote,
        (Some(local), None) => local,
        (None, None) => ProvisioningState::Creating,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn azure_states_map_to_ours_and_unknown_ones_keep_ours() {
        assert_eq!(
            state_of("Succeeded", None),
            Some(ProvisioningState::Succeeded)
        );
        assert_eq!(
            state_of("succeeded", Some("Expired")),
            Some(ProvisioningState::Expired)
        );
        assert_eq!(state_of("Split", None), Some(ProvisioningState::Cancelled));
        assert_eq!(
            state_of("PendingBilling", None),
            Some(ProvisioningState::Creating)
        );
        assert_eq!(state_of("PaymentDeclined", None), None);
        assert_eq!(
            merged_state(
                Some(ProvisioningState::Exchanged),
                state_of("Cancelled", None)
            ),
            ProvisioningState::Exchanged
        );
        assert_eq!(
            merged_state(Some(ProvisioningState::Succeeded), None),
            ProvisioningState::Succeeded
        );
        assert_eq!(
            merged_state(None, Some(ProvisioningState::Expired)),
            ProvisioningState::Expired
        );
    }

    #[test]
    fn a_split_or_merged_reservation_says_so() {
        use crate::domain::reservation::Closure;
        assert_eq!(closure_of("Cancelled", Some("Split")), Some(Closure::Split));
        assert_eq!(closure_of("Merged", None), Some(Closure::Merged));
        assert_eq!(closure_of("Cancelled", Some("PaymentDeclined")), None);
        assert_eq!(closure_of("Succeeded", None), None);
    }
}
