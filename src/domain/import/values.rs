//! One cell's text read as the value its column holds, in the spellings
//! the portal, the API and spreadsheets write.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::Problem;
use super::columns::squeeze;
use crate::domain::ids::{OrderId, ReservationId, SubscriptionGuid, parse_guid};
use crate::domain::reservation::{
    BillingPlan, InstanceFlexibility, ProvisioningState, ResourceType, ScopeType, Term,
};

/// Most units one reservation may hold.
pub const MAX_QUANTITY: i32 = 10_000;

/// A reservation's ID and, when the cell is its ARM path, its order's.
pub fn reservation(cell: &str) -> Result<(ReservationId, Option<OrderId>), Problem> {
    use crate::domain::ids::LookupQuery;
    match LookupQuery::parse(cell) {
        Ok(LookupQuery::Guid(guid)) => Ok((ReservationId::from_uuid(guid), None)),
        Ok(LookupQuery::Reservation(order, id)) => Ok((id, Some(order))),
        _ => Err(Problem::NotId),
    }
}

/// An order's ID: a GUID or the order's ARM path.
pub fn order(cell: &str) -> Result<OrderId, Problem> {
    use crate::domain::ids::LookupQuery;
    match LookupQuery::parse(cell) {
        Ok(LookupQuery::Guid(guid)) => Ok(OrderId::from_uuid(guid)),
        Ok(LookupQuery::Order(order)) => Ok(order),
        _ => Err(Problem::NotId),
    }
}

/// A subscription: its GUID or `/subscriptions/{guid}`.
pub fn subscription(cell: &str) -> Result<SubscriptionGuid, Problem> {
    let lower = cell.to_ascii_lowercase();
    let guid = lower.strip_prefix("/subscriptions/").map_or(cell, |_| {
        cell["/subscriptions/".len()..].trim_end_matches('/')
    });
    parse_guid(guid)
        .map(SubscriptionGuid::from_uuid)
        .map_err(|_| Problem::NotId)
}

/// A tenant's GUID.
pub fn tenant(cell: &str) -> Result<crate::domain::ids::TenantId, Problem> {
    parse_guid(cell)
        .map(crate::domain::ids::TenantId::from_uuid)
        .map_err(|_| Problem::NotId)
}

/// A reserved resource type, as the API spells it or in words
/// ("Virtual machines").
pub fn resource_type(cell: &str) -> Result<ResourceType, Problem> {
    let wanted = squeeze(cell);
    ResourceType::ALL
        .iter()
        .copied()
        .find(|t| {
            let name = squeeze(t.as_str());
            name == wanted || name.strip_suffix('s') == Some(wanted.as_str())
        })
        .ok_or(Problem::NotType)
}

/// A term: `P1Y`, "1 year", "Three years"…
pub fn term(cell: &str) -> Result<Term, Problem> {
    match squeeze(cell).as_str() {
        "p1y" | "1year" | "1years" | "oneyear" | "1" | "1ano" | "umano" => Ok(Term::P1Y),
        "p3y" | "3year" | "3years" | "threeyears" | "3" | "3anos" | "tresanos" => Ok(Term::P3Y),
        "p5y" | "5year" | "5years" | "fiveyears" | "5" | "5anos" | "cincoanos" => Ok(Term::P5Y),
        _ => Err(Problem::NotTerm),
    }
}

/// A billing plan: `Upfront` or `Monthly` (also "Up front", "Mensal").
pub fn billing_plan(cell: &str) -> Result<BillingPlan, Problem> {
    match squeeze(cell).as_str() {
        "upfront" | "antecipado" | "onetime" => Ok(BillingPlan::Upfront),
        "monthly" | "mensal" | "recurring" => Ok(BillingPlan::Monthly),
        _ => Err(Problem::NotPlan),
    }
}

/// A UTC day: `2025-11-25`, the API's date-time (`2025-11-25T10:00:00Z`,
/// the day is kept), or a spreadsheet's `11/25/2025` or `25/11/2025`
/// (a day and month that read both ways, as `03/04/2026`, are refused).
pub fn date(cell: &str) -> Result<NaiveDate, Problem> {
    let day = cell.split(['T', ' ']).next().unwrap_or("");
    if let Ok(date) = NaiveDate::parse_from_str(day, "%Y-%m-%d") {
        return Ok(date);
    }
    let parts: Vec<&str> = day.split('/').collect();
    let [a, b, year] = parts.as_slice() else {
        return Err(Problem::NotDate);
    };
    let number = |t: &str| {
        (!t.is_empty() && t.len() <= 2 && t.bytes().all(|c| c.is_ascii_digit()))
            .then(|| t.parse::<u32>().ok())
            .flatten()
    };
    let (Some(a), Some(b)) = (number(a), number(b)) else {
        return Err(Problem::NotDate);
    };
    let year: i32 = match year.len() {
        4 => year.parse().map_err(|_| Problem::NotDate)?,
        _ => return Err(Problem::NotDate),
    };
    let (month, day) = match (a, b) {
        (a, b) if a == 0 || b == 0 || (a > 12 && b > 12) => return Err(Problem::NotDate),
        (a, b) if a > 12 && b <= 12 => (b, a),
        (a, b) if b > 12 && a <= 12 => (a, b),
        (a, b) if a == b => (a, b),
        _ => return Err(Problem::AmbiguousDate),
    };
    NaiveDate::from_ymd_opt(year, month, day).ok_or(Problem::NotDate)
}

/// A quantity from 1 to [`MAX_QUANTITY`].
pub fn quantity(cell: &str) -> Result<i32, Problem> {
    cell.parse::<i32>()
        .ok()
        .filter(|q| (1..=MAX_QUANTITY).contains(q))
        .ok_or(Problem::NotQuantity)
}

/// A scope type, and whether the words say "resource group".
pub fn scope_type(cell: &str) -> Result<(ScopeType, bool), Problem> {
    match squeeze(cell).as_str() {
        "single" | "singlesubscription" | "subscription" => Ok((ScopeType::Single, false)),
        "singleresourcegroup" | "resourcegroup" => Ok((ScopeType::Single, true)),
        "shared" => Ok((ScopeType::Shared, false)),
        "managementgroup" => Ok((ScopeType::ManagementGroup, false)),
        _ => Err(Problem::NotScopeType),
    }
}

/// An applied scope's ARM path: a subscription, a resource group in one,
/// or a management group.
pub fn applied_scope(cell: &str) -> Result<AppliedPath, Problem> {
    let parts: Vec<&str> = cell.trim_matches('/').split('/').collect();
    let lower: Vec<String> = parts.iter().map(|p| p.to_ascii_lowercase()).collect();
    let lower: Vec<&str> = lower.iter().map(String::as_str).collect();
    match lower.as_slice() {
        ["subscriptions", _] => Ok(AppliedPath::Subscription(subscription(parts[1])?)),
        ["subscriptions", _, "resourcegroups", _] => Ok(AppliedPath::ResourceGroup(
            subscription(parts[1])?,
            group_name(parts[3])?,
        )),
        ["providers", "microsoft.management", "managementgroups", _] => {
            Ok(AppliedPath::ManagementGroup(group_name(parts[3])?))
        }
        _ => Err(Problem::NotScope),
    }
}

/// What an applied scope's path names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AppliedPath {
    /// A subscription.
    Subscription(SubscriptionGuid),
    /// A resource group in a subscription.
    ResourceGroup(SubscriptionGuid, String),
    /// A management group.
    ManagementGroup(String),
}

/// A resource or management group's name: 1 to 90 letters, digits, `-`,
/// `_`, `.` or `(`, `)`, as Azure allows.
pub fn group_name(cell: &str) -> Result<String, Problem> {
    let ok = !cell.is_empty()
        && cell.len() <= 90
        && cell
            .chars()
            .all(|c| c.is_alphanumeric() || "-_.()".contains(c));
    if ok {
        Ok(cell.to_string())
    } else {
        Err(Problem::NotName)
    }
}

/// Yes or no, in the spellings of the portal, the API and the dashboard's
/// own export (also Portuguese).
pub fn yes_no(cell: &str) -> Result<bool, Problem> {
    match squeeze(cell).as_str() {
        "" | "false" | "no" | "off" | "0" | "nao" | "n" => Ok(false),
        "true" | "yes" | "on" | "1" | "sim" | "y" => Ok(true),
        _ => Err(Problem::NotYesNo),
    }
}

/// Instance-size flexibility.
pub fn flexibility(cell: &str) -> Result<InstanceFlexibility, Problem> {
    match squeeze(cell).as_str() {
        "on" | "instancesizeflexibility" | "yes" => Ok(InstanceFlexibility::On),
        "off" | "capacitypriority" | "no" => Ok(InstanceFlexibility::Off),
        _ => Err(Problem::NotFlexibility),
    }
}

/// A provisioning state, or the status the portal and the dashboard show.
pub fn status(cell: &str) -> Result<ProvisioningState, Problem> {
    match squeeze(cell).as_str() {
        "" | "succeeded" | "active" | "expiring" | "expiringsoon" | "ativa" => {
            Ok(ProvisioningState::Succeeded)
        }
        "expired" | "expirada" => Ok(ProvisioningState::Expired),
        "cancelled" | "canceled" | "refunded" | "cancelada" => Ok(ProvisioningState::Cancelled),
        "exchanged" | "trocada" => Ok(ProvisioningState::Exchanged),
        _ => Err(Problem::NotStatus),
    }
}

/// An amount of money, rounded to cents: digits with a dot for decimals
/// and commas between thousands (`1,234.50`); in a file written with
/// semicolons, a comma for decimals and dots between thousands
/// (`1.234,50`).
pub fn price(cell: &str, decimal_comma: bool) -> Result<Decimal, Problem> {
    let (thousands, decimal) = if decimal_comma {
        ('.', ',')
    } else {
        (',', '.')
    };
    let (whole, fraction) = cell.split_once(decimal).unwrap_or((cell, ""));
    let mut groups = whole.split(thousands);
    let first = groups.next().unwrap_or("");
    let grouped_well = groups.all(|g| g.len() == 3);
    let digits = |t: &str| t.bytes().all(|c| c.is_ascii_digit());
    let plain = whole.replace(thousands, "");
    let first_ok = if whole.contains(thousands) {
        (1..=3).contains(&first.len())
    } else {
        !first.is_empty()
    };
    let ok = grouped_well && first_ok && digits(&plain) && digits(fraction) && fraction.len() <= 6;
    if !ok {
        return Err(Problem::NotPrice);
    }
    let text = if fraction.is_empty() {
        plain
    } else {
        format!("{plain}.{fraction}")
    };
    text.parse::<Decimal>()
        .ok()
        .filter(|d| *d < Decimal::from(1_000_000_000))
        .map(|d| d.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero))
        .ok_or(Problem::NotPrice)
}

/// A three-letter currency code, upper-case.
pub fn currency(cell: &str) -> Result<String, Problem> {
    if cell.len() == 3 && cell.chars().all(|c| c.is_ascii_alphabetic()) {
        Ok(cell.to_ascii_uppercase())
    } else {
        Err(Problem::NotCurrency)
    }
}

/// A region as the API names it: "West Europe" is `westeurope`.
pub fn region(cell: &str) -> Result<String, Problem> {
    let name = squeeze(cell);
    if name.is_empty() || name.len() > 40 || cell.chars().any(char::is_control) {
        return Err(Problem::NotRegion);
    }
    Ok(name)
}

/// A SKU name: letters, digits, `_`, `-`, `.` and spaces, at most 100.
pub fn sku(cell: &str) -> Result<String, Problem> {
    let ok = cell.len() <= 100
        && cell
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-. ".contains(c));
    if ok {
        Ok(cell.to_string())
    } else {
        Err(Problem::NotText)
    }
}

/// A display text: at most `max` characters, no control characters.
pub fn text(cell: &str, max: usize) -> Result<String, Problem> {
    if cell.chars().count() > max || cell.chars().any(char::is_control) {
        Err(Problem::NotText)
    } else {
        Ok(cell.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_read_in_the_portals_and_the_apis_spellings() {
        assert_eq!(
            resource_type("Virtual machines"),
            Ok(ResourceType::VirtualMachines)
        );
        assert_eq!(
            resource_type("VirtualMachines"),
            Ok(ResourceType::VirtualMachines)
        );
        assert_eq!(
            resource_type("SQL Database"),
            Ok(ResourceType::SqlDatabases)
        );
        assert_eq!(resource_type("Toasters"), Err(Problem::NotType));
        assert_eq!(term("Three Years"), Ok(Term::P3Y));
        assert_eq!(term("P5Y"), Ok(Term::P5Y));
        assert_eq!(term("2 years"), Err(Problem::NotTerm));
        assert_eq!(billing_plan("Up front"), Ok(BillingPlan::Upfront));
        let day = NaiveDate::from_ymd_opt(2025, 11, 25).expect("day");
        assert_eq!(date("2025-11-25"), Ok(day));
        assert_eq!(date("2025-11-25T10:20:30.1234567Z"), Ok(day));
        assert_eq!(date("11/25/2025 10:20 AM"), Ok(day));
        assert_eq!(date("25/11/2025"), Ok(day));
        assert_eq!(date("03/04/2026"), Err(Problem::AmbiguousDate));
        assert_eq!(
            date("04/04/2026"),
            NaiveDate::from_ymd_opt(2026, 4, 4).ok_or(Problem::NotDate)
        );
        assert_eq!(date("31/02/2026"), Err(Problem::NotDate));
        assert_eq!(date("1/2/26"), Err(Problem::NotDate));
        assert_eq!(date("13/14/2026"), Err(Problem::NotDate));
        assert_eq!(date("0/5/2026"), Err(Problem::NotDate));
        assert_eq!(quantity("0"), Err(Problem::NotQuantity));
        assert_eq!(quantity("3"), Ok(3));
        assert_eq!(region("West Europe"), Ok("westeurope".into()));
        assert_eq!(yes_no("Sim"), Ok(true));
        assert_eq!(yes_no("maybe"), Err(Problem::NotYesNo));
        assert_eq!(price("1,234.50", false), Ok(Decimal::new(123_450, 2)));
        assert_eq!(price("1234.5", false), Ok(Decimal::new(12_345, 1)));
        assert_eq!(price("1.234,56", true), Ok(Decimal::new(123_456, 2)));
        assert_eq!(price("1234,56", true), Ok(Decimal::new(123_456, 2)));
        assert_eq!(price("1234,56", false), Err(Problem::NotPrice));
        assert_eq!(price("12,34", false), Err(Problem::NotPrice));
        assert_eq!(price("-1", false), Err(Problem::NotPrice));
        assert_eq!(price("", false), Err(Problem::NotPrice));
        assert_eq!(price("0.125", false), Ok(Decimal::new(13, 2)));
        assert_eq!(price("10.2345678", false), Err(Problem::NotPrice));
        assert_eq!(text("a\u{7}b", 64), Err(Problem::NotText));
    }

    #[test]
    fn ids_and_scopes_are_read_from_guids_and_arm_paths() {
        let order = "11111111-2222-3333-4444-555555555555";
        let id = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
        let path =
            format!("/providers/Microsoft.Capacity/reservationOrders/{order}/reservations/{id}");
        let (reservation_id, order_id) = reservation(&path).expect("path");
        assert_eq!(reservation_id.to_string(), id);
        assert_eq!(order_id.map(|o| o.to_string()), Some(order.to_string()));
        assert_eq!(reservation("not-a-guid"), Err(Problem::NotId));
        let sub = "/subscriptions/AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE/resourceGroups/web-rg";
        assert_eq!(
            applied_scope(sub),
            Ok(AppliedPath::ResourceGroup(
                subscription(id).expect("guid"),
                "web-rg".into()
            ))
        );
        assert_eq!(
            applied_scope("/providers/Microsoft.Management/managementGroups/finance"),
            Ok(AppliedPath::ManagementGroup("finance".into()))
        );
        assert_eq!(applied_scope("/somewhere/else"), Err(Problem::NotScope));
        assert_eq!(group_name("rg;drop"), Err(Problem::NotName));
    }
}
