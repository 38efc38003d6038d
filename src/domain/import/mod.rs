//! Reservations from a CSV file, for a partner not connected to Azure: the
//! columns of the Azure portal's reservation export (see [`columns`]), each
//! row read into a typed [`ImportRow`] or into problems named by line and
//! column, and the rows checked against one another.

pub mod columns;
pub mod file;
mod row;
pub mod values;

pub use row::read_row;

use std::collections::HashMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use self::columns::{Columns, Field};
use super::ids::{OrderId, ReservationId, SubscriptionGuid, TenantId};
use super::reservation::{BillingPlan, InstanceFlexibility, ProvisioningState, ResourceType, Term};

/// What is wrong with a cell or a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    /// A cell the import needs is empty.
    Missing,
    /// Not a GUID nor an Azure resource ID of the right kind.
    NotId,
    /// Not a reserved resource type.
    NotType,
    /// Not a term.
    NotTerm,
    /// Not a billing plan.
    NotPlan,
    /// Not a date.
    NotDate,
    /// Not a quantity.
    NotQuantity,
    /// Not a scope type.
    NotScopeType,
    /// Not an applied scope's path.
    NotScope,
    /// Not a resource or management group name.
    NotName,
    /// A single scope without its subscription.
    ScopeNeedsSubscription,
    /// A management-group scope without its group.
    ScopeNeedsGroup,
    /// No subscription to bill.
    NeedsBilling,
    /// Not yes or no.
    NotYesNo,
    /// Not On or Off.
    NotFlexibility,
    /// Not a state.
    NotStatus,
    /// Not an amount.
    NotPrice,
    /// Not a currency code.
    NotCurrency,
    /// Not a region.
    NotRegion,
    /// Too long, or control characters.
    NotText,
    /// The expiry is not after the benefit start.
    ExpiryTooEarly,
    /// The same reservation is on another line.
    Duplicate(u64),
    /// The order is on another line with other terms or another customer.
    OrderDisagrees(u64),
    /// The row's tenant is not the customer chosen for the file.
    NotChosenTenant,
    /// No stored customer has this tenant, and the row names no company.
    UnknownTenant,
    /// Stored under another customer.
    OtherCustomer,
    /// The reservation's ARM path names another order than the order column.
    PathOrder,
    /// The reservation is stored under another order.
    OtherOrder,
    /// A day-and-month date that reads both ways.
    AmbiguousDate,
    /// The scope type says one thing and the applied scope another.
    ScopeDisagrees,
    /// Several applied scopes for one reservation.
    SeveralScopes,
}

impl Problem {
    /// The message ID that explains it.
    pub fn key(&self) -> &'static str {
        match self {
            Problem::Missing => "import-problem-missing",
            Problem::NotId => "import-problem-not-id",
            Problem::NotType => "import-problem-not-type",
            Problem::NotTerm => "import-problem-not-term",
            Problem::NotPlan => "import-problem-not-plan",
            Problem::NotDate => "import-problem-not-date",
            Problem::NotQuantity => "import-problem-not-quantity",
            Problem::NotScopeType => "import-problem-not-scope-type",
            Problem::NotScope => "import-problem-not-scope",
            Problem::NotName => "import-problem-not-name",
            Problem::ScopeNeedsSubscription => "import-problem-scope-subscription",
            Problem::ScopeNeedsGroup => "import-problem-scope-group",
            Problem::NeedsBilling => "import-problem-billing",
            Problem::NotYesNo => "import-problem-not-yes-no",
            Problem::NotFlexibility => "import-problem-not-flexibility",
            Problem::NotStatus => "import-problem-not-status",
            Problem::NotPrice => "import-problem-not-price",
            Problem::NotCurrency => "import-problem-not-currency",
            Problem::NotRegion => "import-problem-not-region",
            Problem::NotText => "import-problem-not-text",
            Problem::ExpiryTooEarly => "import-problem-expiry",
            Problem::Duplicate(_) => "import-problem-duplicate",
            Problem::OrderDisagrees(_) => "import-problem-order",
            Problem::NotChosenTenant => "import-problem-not-chosen",
            Problem::UnknownTenant => "import-problem-unknown-tenant",
            Problem::OtherCustomer => "import-problem-other-customer",
            Problem::PathOrder => "import-problem-path-order",
            Problem::OtherOrder => "import-problem-other-order",
            Problem::AmbiguousDate => "import-problem-ambiguous-date",
            Problem::ScopeDisagrees => "import-problem-scope-disagrees",
            Problem::SeveralScopes => "import-problem-several-scopes",
        }
    }

    /// The other line it speaks of, if any.
    pub fn other_line(&self) -> Option<u64> {
        match self {
            Problem::Duplicate(line) | Problem::OrderDisagrees(line) => Some(*line),
            _ => None,
        }
    }
}

/// A problem in one row: its line in the file (the heading is line 1), the
/// column's heading as the file has it, and what was typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowProblem {
    /// Line in the file.
    pub line: u64,
    /// The column's heading.
    pub column: String,
    /// The cell's text, shortened, control characters shown as `�`.
    pub value: String,
    /// What is wrong.
    pub problem: Problem,
}

/// The longest cell text a problem repeats.
const SHOWN: usize = 80;

/// A cell's text as a problem repeats it.
pub fn shown(cell: &str) -> String {
    let mut text: String = cell
        .chars()
        .take(SHOWN)
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .collect();
    if cell.chars().count() > SHOWN {
        text.push('…');
    }
    text
}

/// Where a reservation's benefit applies, as the file says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Every subscription of the billing context.
    Shared,
    /// One subscription, or a resource group in it.
    Single(SubscriptionGuid, Option<String>),
    /// A management group (its name).
    ManagementGroup(String),
}

/// One reservation of the file, read and checked.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportRow {
    /// Line in the file.
    pub line: u64,
    /// The customer's tenant.
    pub tenant: TenantId,
    /// The customer's company name, when the file gives it.
    pub customer: Option<String>,
    /// The customer's domain, when the file gives it.
    pub domain: Option<String>,
    /// The reservation.
    pub id: ReservationId,
    /// Its order.
    pub order: OrderId,
    /// Display name.
    pub name: String,
    /// Reserved resource type.
    pub resource_type: ResourceType,
    /// SKU name.
    pub sku: String,
    /// Region.
    pub region: String,
    /// Quantity.
    pub quantity: i32,
    /// Term.
    pub term: Term,
    /// Billing plan.
    pub billing_plan: BillingPlan,
    /// Purchase day.
    pub purchase_date: NaiveDate,
    /// Benefit start day.
    pub effective_date: NaiveDate,
    /// Expiry day.
    pub expiry_date: NaiveDate,
    /// Applied scope.
    pub scope: Scope,
    /// The subscription billed.
    pub billing: SubscriptionGuid,
    /// Instance-size flexibility, when the file gives it (for the types
    /// that have it).
    pub flexibility: Option<InstanceFlexibility>,
    /// Auto-renew, when the file gives it.
    pub renew: Option<bool>,
    /// State, when the file gives it.
    pub state: Option<ProvisioningState>,
    /// Purchase price, when given.
    pub price: Option<Decimal>,
    /// Currency, when given.
    pub currency: Option<String>,
}

/// What a row does to a stored reservation's state: a state the file does
/// not give keeps the stored one, and a reservation that ended here (it was
/// returned, exchanged, split or merged) is not brought back by a file.
pub fn kept_state(
    stored: ProvisioningState,
    closed: bool,
    given: Option<ProvisioningState>,
) -> ProvisioningState {
    let ended = closed
        || matches!(
            stored,
            ProvisioningState::Cancelled | ProvisioningState::Exchanged
        );
    match given {
        Some(given) if !ended => given,
        _ => stored,
    }
}

/// Rows that disagree with an earlier row: the same reservation twice, or
/// one order with another term, plan, purchase day or customer.
pub fn check_together(rows: &[ImportRow], columns: &Columns) -> Vec<RowProblem> {
    let mut problems = Vec::new();
    let mut seen: HashMap<ReservationId, u64> = HashMap::with_capacity(rows.len());
    let mut orders: HashMap<OrderId, &ImportRow> = HashMap::new();
    for row in rows {
        if let Some(first) = seen.insert(row.id, row.line) {
            seen.insert(row.id, first);
            problems.push(RowProblem {
                line: row.line,
                column: columns.heading(Field::Reservation),
                value: row.id.to_string(),
                problem: Problem::Duplicate(first),
            });
            continue;
        }
        let first = orders.entry(row.order).or_insert(row);
        let agrees = first.tenant == row.tenant
            && first.term == row.term
            && first.billing_plan == row.billing_plan
            && first.purchase_date == row.purchase_date
            && first.effective_date == row.effective_date
            && first.expiry_date == row.expiry_date;
        if !agrees {
            problems.push(RowProblem {
                line: row.line,
                column: columns.heading(Field::Order),
                value: row.order.to_string(),
                problem: Problem::OrderDisagrees(first.line),
            });
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_never_brings_back_an_ended_reservation_and_silence_keeps_the_state() {
        use ProvisioningState::*;
        assert_eq!(kept_state(Succeeded, false, Some(Expired)), Expired);
        assert_eq!(kept_state(Succeeded, false, None), Succeeded);
        assert_eq!(kept_state(Cancelled, false, Some(Succeeded)), Cancelled);
        assert_eq!(kept_state(Exchanged, false, Some(Succeeded)), Exchanged);
        assert_eq!(kept_state(Succeeded, true, Some(Succeeded)), Succeeded);
        assert_eq!(kept_state(Expired, true, Some(Succeeded)), Expired);
        assert_eq!(kept_state(Expired, false, Some(Succeeded)), Succeeded);
    }
}
