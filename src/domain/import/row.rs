//! One row of an import file read into an [`ImportRow`], or into the
//! problems of its cells.

use super::columns::{Columns, Field};
use super::values::{self, AppliedPath};
use super::{ImportRow, Problem, RowProblem, Scope, shown};
use crate::domain::ids::TenantId;
use crate::domain::reservation::ScopeType;

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
        (Some(order), Some((_, Some(from_path)))) if order != from_path => {
            note(Field::Reservation, Problem::PathOrder);
            None
        }
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
    let renew = optional!(Field::Renew, values::yes_no);
    let state = optional!(Field::Status, values::status);
    let decimal_comma = columns.decimal_comma;
    let price = optional!(Field::Price, |c| values::price(c, decimal_comma));
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
        flexibility: flexibility.filter(|_| resource_type.has_instance_flexibility()),
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
        // Several scopes would be listed one per line or with `;`.
        let mut listed = path
            .split([';', '\n', ','])
            .map(str::trim)
            .filter(|p| !p.is_empty());
        let first = listed.next().unwrap_or("");
        if listed.next().is_some() {
            note(Field::AppliedScope, Problem::SeveralScopes);
            return None;
        }
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
        let read = values::scope_type(kind)
            .map_err(|p| note(Field::ScopeType, p))
            .ok()?;
        let agrees = match (&read, &path) {
            (_, None) => true,
            ((ScopeType::Shared, _), Some(_)) => false,
            ((ScopeType::ManagementGroup, _), Some(p)) => {
                matches!(p, AppliedPath::ManagementGroup(_))
            }
            ((ScopeType::Single, true), Some(p)) => matches!(p, AppliedPath::ResourceGroup(..)),
            ((ScopeType::Single, false), Some(p)) => !matches!(p, AppliedPath::ManagementGroup(_)),
        };
        if !agrees {
            note(Field::ScopeType, Problem::ScopeDisagrees);
            return None;
        }
        read
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
