//! Reservations from a CSV file, for a partner not connected to Azure: the
//! columns of the Azure portal's reservation export (see [`columns`]), each
//! row read into a typed [`ImportRow`] or into problems named by line and
//! column, and the rows checked against one another.

pub mod columns;
pub mod file;
pub mod values;

use std::collections::HashMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use self::columns::{Columns, Field};
use self::values::AppliedPath;
use super::ids::{OrderId, ReservationId, SubscriptionGuid, TenantId};
use super::reservation::{
    BillingPlan, InstanceFlexibility, ProvisioningState, ResourceType, ScopeType, Term,
};

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
    /// Instance-size flexibility, for the types that have it.
    pub flexibility: Option<InstanceFlexibility>,
    /// Auto-renew.
    pub renew: bool,
    /// State.
    pub state: ProvisioningState,
    /// Purchase price, when given.
    pub price: Option<Decimal>,
    /// Currency, when given.
    pub currency: Option<String>,
}

/// Reads one row; `chosen` is the customer chosen for the whole file.
pub fn read_row(
    columns: &Columns,
    line: u64,
    cells: &[&str],
    chosen: Option<TenantId>,
) -> Result<ImportRow, Vec<RowProblem>> {
    let mut problems = Vec::new();
    let mut note = |field: Field, problem: Problem| {
        problems.push(RowProblem {
            line,
            column: columns.heading(field),
            value: shown(columns.cell(cells, field)),
            problem,
        });
    };
    // A needed cell read by `parse`, or a problem noted.
    macro_rules! needed {
        ($field:expr, $parse:expr) => {{
            let cell = columns.cell(cells, $field);
            if cell.is_empty() {
                note($field, Problem::Missing);
                None
            } else {
                $parse(cell).map_err(|p| note($field, p)).ok()
            }
        }};
    }
    // An optional cell: `None` when empty.
    macro_rules! optional {
        ($field:expr, $parse:expr) => {{
            let cell = columns.cell(cells, $field);
            if cell.is_empty() {
                None
            } else {
                $parse(cell).map_err(|p| note($field, p)).ok()
            }
        }};
    }
    let tenant = match (chosen, columns.cell(cells, Field::Tenant)) {
        (Some(chosen), "") => Some(chosen),
        (chosen, _) => {
            let read = needed!(Field::Tenant, values::tenant);
            if let (Some(chosen), Some(read)) = (chosen, read)
                && chosen != read
            {
                note(Field::Tenant, Problem::NotChosenTenant);
            }
            read
        }
    };
    let customer = optional!(Field::Customer, |c| values::text(c, 100));
    let domain = optional!(Field::Domain, |c| values::text(c, 253));
    let id = needed!(Field::Reservation, values::reservation);
    let order = match (optional!(Field::Order, values::order), id) {
        (Some(order), _) => Some(order),
        (None, Some((_, Some(from_path)))) => Some(from_path),
        (None, _) => {
            if columns.cell(cells, Field::Order).is_empty() {
                note(Field::Order, Problem::Missing);
            }
            None
        }
    };
    let name = needed!(Field::Name, |c| values::text(c, 64));
    let resource_type = needed!(Field::Type, values::resource_type);
    let sku = needed!(Field::Sku, values::sku);
    let region = needed!(Field::Region, values::region);
    let quantity = needed!(Field::Quantity, values::quantity);
    let term = needed!(Field::Term, values::term);
    let billing_plan = needed!(Field::BillingPlan, values::billing_plan);
    let purchase_date = needed!(Field::PurchaseDate, values::date);
    let effective = optional!(Field::BenefitStart, values::date);
    let expiry_date = needed!(Field::Expiry, values::date);
    let flexibility = optional!(Field::Flexibility, values::flexibility);
    let renew = optional!(Field::Renew, values::yes_no).unwrap_or(false);
    let state = optional!(Field::Status, values::status).unwrap_or(ProvisioningState::Succeeded);
    let price = optional!(Field::Price, values::price);
    let currency = optional!(Field::Currency, values::currency);
    let billing = optional!(Field::BillingSubscription, values::subscription);
    let scope = scope_of(columns, cells, &mut note);
    let billing = billing.or(match &scope {
        Some(Scope::Single(sub, _)) => Some(*sub),
        _ => None,
    });
    if billing.is_none() && scope.is_some() {
        note(Field::BillingSubscription, Problem::NeedsBilling);
    }
    let effective_date = effective.or(purchase_date);
    if let (Some(start), Some(end)) = (effective_date, expiry_date)
        && end <= start
    {
        note(Field::Expiry, Problem::ExpiryTooEarly);
    }
    let (
        Some(tenant),
        Some((id, _)),
        Some(order),
        Some(name),
        Some(resource_type),
        Some(sku),
        Some(region),
        Some(quantity),
        Some(term),
        Some(billing_plan),
        Some(purchase_date),
        Some(effective_date),
        Some(expiry_date),
        Some(scope),
        Some(billing),
    ) = (
        tenant,
        id,
        order,
        name,
        resource_type,
        sku,
        region,
        quantity,
        term,
        billing_plan,
        purchase_date,
        effective_date,
        expiry_date,
        scope,
        billing,
    )
    else {
        return Err(problems);
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(ImportRow {
        line,
        tenant,
        customer,
        domain,
        id,
        order,
        name,
        resource_type,
        sku,
        region,
        quantity,
        term,
        billing_plan,
        purchase_date,
        effective_date,
        expiry_date,
        scope,
        billing,
        flexibility: flexibility
            .or(Some(InstanceFlexibility::On))
            .filter(|_| resource_type.has_instance_flexibility()),
        renew,
        state,
        price,
        currency,
    })
}

/// The row's applied scope, from its scope type and the cells naming the
/// subscription, resource group or management group (or its ARM path).
fn scope_of(
    columns: &Columns,
    cells: &[&str],
    note: &mut impl FnMut(Field, Problem),
) -> Option<Scope> {
    let path = columns.cell(cells, Field::AppliedScope);
    let path = if path.is_empty() {
        None
    } else {
        // Several scopes are listed one per line or with `;`: the first.
        let first = path.split([';', '\n', ',']).next().unwrap_or("").trim();
        values::applied_scope(first)
            .map_err(|p| note(Field::AppliedScope, p))
            .ok()?
            .into()
    };
    let kind = columns.cell(cells, Field::ScopeType);
    let (kind, group_wanted) = if kind.is_empty() {
        match &path {
            Some(AppliedPath::ManagementGroup(_)) => (ScopeType::ManagementGroup, false),
            Some(_) => (ScopeType::Single, false),
            None if columns.cell(cells, Field::ScopeSubscription).is_empty() => {
                (ScopeType::Shared, false)
            }
            None => (ScopeType::Single, false),
        }
    } else {
        values::scope_type(kind)
            .map_err(|p| note(Field::ScopeType, p))
            .ok()?
    };
    match kind {
        ScopeType::Shared => Some(Scope::Shared),
        ScopeType::ManagementGroup => {
            let named = columns.cell(cells, Field::ManagementGroup);
            match (&path, named) {
                (Some(AppliedPath::ManagementGroup(name)), _) => {
                    Some(Scope::ManagementGroup(name.clone()))
                }
                (_, "") => {
                    note(Field::ManagementGroup, Problem::ScopeNeedsGroup);
                    None
                }
                (_, named) => values::group_name(named)
                    .map_err(|p| note(Field::ManagementGroup, p))
                    .ok()
                    .map(Scope::ManagementGroup),
            }
        }
        ScopeType::Single => {
            let (sub, group) = match &path {
                Some(AppliedPath::Subscription(sub)) => (Some(*sub), None),
                Some(AppliedPath::ResourceGroup(sub, group)) => (Some(*sub), Some(group.clone())),
                _ => {
                    let cell = columns.cell(cells, Field::ScopeSubscription);
                    let sub = if cell.is_empty() {
                        note(Field::ScopeSubscription, Problem::ScopeNeedsSubscription);
                        None
                    } else {
                        values::subscription(cell)
                            .map_err(|p| note(Field::ScopeSubscription, p))
                            .ok()
                    };
                    let group = columns.cell(cells, Field::ResourceGroup);
                    let group = if group.is_empty() {
                        if group_wanted {
                            note(Field::ResourceGroup, Problem::Missing);
                        }
                        None
                    } else {
                        values::group_name(group)
                            .map_err(|p| note(Field::ResourceGroup, p))
                            .ok()
                    };
                    (sub, group)
                }
            };
            sub.map(|sub| Scope::Single(sub, group))
        }
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
            && first.purchase_date == row.purchase_date;
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
