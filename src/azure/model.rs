//! Reading the services' JSON into the book of business: lenient where the
//! contract says to be (unknown fields and enum values ignored, fields null
//! or absent, IDs in any case, dates with 0 to 7 fractional digits), strict
//! where a wrong guess would store a wrong fact (an item without an ID or
//! dates is left out and said so).

use std::str::FromStr;

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde_json::Value;

use crate::domain::ids::{OrderId, ReservationId, SubscriptionGuid, TenantId, parse_guid};
use crate::domain::money::Money;
use crate::domain::remote::{
    Lineage, RemoteCustomer, RemoteDay, RemoteManagementGroup, RemoteOrder, RemoteReservation,
    RemoteResourceGroup, RemoteScope, RemoteSubscription, closure_of, state_of,
};
use crate::domain::reservation::{BillingPlan, InstanceFlexibility, ResourceType, Term};

fn text<'a>(value: &'a Value, pointer: &str) -> Option<&'a str> {
    value
        .pointer(pointer)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// A day from an ISO 8601 date or date-time: 0 to 7 fractional digits, `Z`,
/// an offset (turned to UTC) or none (UTC).
pub fn day_of(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Some(day);
    }
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Some(at.naive_utc().date());
    }
    let bare = text.strip_suffix('Z').unwrap_or(text);
    NaiveDateTime::parse_from_str(bare, "%Y-%m-%dT%H:%M:%S%.f")
        .ok()
        .map(|at| at.date())
}

fn day(value: &Value, pointers: &[&str]) -> Option<NaiveDate> {
    pointers
        .iter()
        .find_map(|p| text(value, p).and_then(day_of))
}

/// An amount as Azure sends it (a JSON number, or a string), exactly as
/// written: never through a float's rounding.
fn amount(value: &Value) -> Option<Decimal> {
    match value {
        Value::Number(n) => {
            let written = n.to_string();
            Decimal::from_str(&written)
                .or_else(|_| Decimal::from_scientific(&written))
                .ok()
        }
        Value::String(s) => Decimal::from_str(s.trim()).ok(),
        _ => None,
    }
}

/// A `Price` (`{currencyCode, amount}`) at `pointer`.
pub fn price(value: &Value, pointer: &str) -> Option<(Money, String)> {
    let price = value.pointer(pointer)?;
    let amount = amount(price.get("amount")?)?;
    let currency = text(price, "/currencyCode")
        .unwrap_or("USD")
        .to_ascii_uppercase();
    Some((Money::new(amount), currency))
}

/// The order and reservation GUIDs of a reservation's ARM ID, in any case.
pub fn reservation_path(id: &str) -> Option<(OrderId, ReservationId)> {
    let lower = id.to_ascii_lowercase();
    let marker = "/reservationorders/";
    let start = lower.find(marker)? + marker.len();
    let mut parts = id[start..].split('/');
    let order = parts.next()?.parse().ok()?;
    let kind = parts.next()?;
    if !kind.eq_ignore_ascii_case("reservations") {
        return None;
    }
    let reservation = parts.next()?.parse().ok()?;
    Some((order, reservation))
}

/// The reservations a split or a merge made, from its answer (every
/// reservation that is not one of `sources` and not closed), each matched
/// to one of the `wanted` quantities, in their order. Fewer than asked for
/// when the answer does not name them all.
pub fn made_by_reshape(
    items: &[Value],
    sources: &[ReservationId],
    wanted: &[i32],
) -> Vec<(ReservationId, i32)> {
    let mut new: Vec<(ReservationId, Option<i64>)> = items
        .iter()
        .filter(|item| {
            let state = text(item, "/properties/provisioningState").unwrap_or_default();
            !state.eq_ignore_ascii_case("cancelled")
        })
        .filter_map(|item| {
            let (_, id) = reservation_path(text(item, "/id")?)?;
            let quantity = item.pointer("/properties/quantity").and_then(Value::as_i64);
            (!sources.contains(&id)).then_some((id, quantity))
        })
        .collect();
    let mut made = Vec::new();
    for want in wanted {
        let at = new
            .iter()
            .position(|(_, q)| *q == Some(i64::from(*want)))
            .or_else(|| new.iter().position(|(_, q)| q.is_none()));
        if let Some(at) = at {
            made.push((new.remove(at).0, *want));
        }
    }
    made
}

/// The order GUID of an order's ARM ID.
pub fn order_path(id: &str) -> Option<OrderId> {
    let lower = id.to_ascii_lowercase();
    let marker = "reservationorders/";
    let start = lower.find(marker)? + marker.len();
    id[start..].split('/').next()?.parse().ok()
}

/// A subscription GUID from `/subscriptions/{guid}[/...]` or a bare GUID.
pub fn subscription_of(id: &str) -> Option<SubscriptionGuid> {
    let lower = id.to_ascii_lowercase();
    match lower.find("subscriptions/") {
        Some(at) => id[at + "subscriptions/".len()..]
            .split('/')
            .next()?
            .parse()
            .ok(),
        None => id.parse().ok(),
    }
}

/// The resource group named in `/subscriptions/{guid}/resourceGroups/{name}`.
fn resource_group_of(id: &str) -> Option<String> {
    let lower = id.to_ascii_lowercase();
    let at = lower.find("/resourcegroups/")? + "/resourcegroups/".len();
    id[at..]
        .split('/')
        .next()
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// A customer from Partner Center's list, if it has a tenant.
pub fn customer(item: &Value) -> Option<RemoteCustomer> {
    let tenant = text(item, "/companyProfile/tenantId").or_else(|| text(item, "/id"))?;
    let tenant = TenantId::from_uuid(parse_guid(tenant).ok()?);
    let domain = text(item, "/companyProfile/domain").unwrap_or_default();
    let company_name = text(item, "/companyProfile/companyName")
        .or(Some(domain).filter(|d| !d.is_empty()))
        .map(str::to_string)
        .unwrap_or_else(|| tenant.to_string());
    Some(RemoteCustomer {
        tenant,
        company_name,
        domain: domain.to_string(),
    })
}

/// A subscription from Resource Manager's list.
pub fn subscription(item: &Value) -> Option<RemoteSubscription> {
    let id = text(item, "/subscriptionId")
        .and_then(|s| s.parse().ok())
        .or_else(|| text(item, "/id").and_then(subscription_of))?;
    Some(RemoteSubscription {
        id,
        display_name: text(item, "/displayName")
            .map(str::to_string)
            .unwrap_or_else(|| id.to_string()),
    })
}

/// A resource group from a subscription's list.
pub fn resource_group(item: &Value) -> Option<RemoteResourceGroup> {
    let id = text(item, "/id")?;
    Some(RemoteResourceGroup {
        subscription: subscription_of(id)?,
        name: text(item, "/name")
            .map(str::to_string)
            .or_else(|| resource_group_of(id))?,
    })
}

/// A management group from the tenant's list.
pub fn management_group(item: &Value) -> Option<RemoteManagementGroup> {
    let name = text(item, "/name")
        .map(str::to_string)
        .or_else(|| text(item, "/id")?.rsplit('/').next().map(str::to_string))?;
    Some(RemoteManagementGroup {
        display_name: text(item, "/properties/displayName")
            .map(str::to_string)
            .unwrap_or_else(|| name.clone()),
        name,
    })
}

/// A reservation order, or why it was left out.
pub fn order(item: &Value) -> Result<RemoteOrder, String> {
    let id = text(item, "/id")
        .and_then(order_path)
        .or_else(|| text(item, "/name").and_then(|n| n.parse().ok()))
        .ok_or("an order without an ID")?;
    let missing = |what: &str| format!("order {id}: no {what}");
    let p = |name: &str| format!("/properties/{name}");
    let expiry = day(item, &[&p("expiryDateTime"), &p("expiryDate")])
        .ok_or_else(|| missing("expiry date"))?;
    let purchase = day(item, &[&p("createdDateTime"), &p("requestDateTime")]);
    let benefit = day(item, &[&p("benefitStartTime")]).or(purchase);
    let benefit = benefit.ok_or_else(|| missing("start date"))?;
    Ok(RemoteOrder {
        id,
        display_name: text(item, &p("displayName"))
            .unwrap_or_default()
            .to_string(),
        term: text(item, &p("term"))
            .and_then(Term::parse)
            .ok_or_else(|| missing("term"))?,
        billing_plan: text(item, &p("billingPlan"))
            .and_then(BillingPlan::parse)
            .unwrap_or(BillingPlan::Upfront),
        original_quantity: item
            .pointer(&p("originalQuantity"))
            .and_then(Value::as_i64)
            .and_then(|q| i32::try_from(q).ok())
            .filter(|q| *q > 0)
            .unwrap_or(1),
        purchase_date: purchase.unwrap_or(benefit),
        benefit_start_date: benefit,
        expiry_date: expiry,
        total: price(item, "/properties/planInformation/pricingCurrencyTotal"),
    })
}

/// A reservation, or why it was left out.
pub fn reservation(item: &Value) -> Result<RemoteReservation, String> {
    let (order, id) = text(item, "/id")
        .and_then(reservation_path)
        .ok_or("a reservation without a valid ID")?;
    let p = |name: &str| format!("/properties/{name}");
    let missing = |what: &str| format!("reservation {id}: no {what}");
    let kind = text(item, &p("reservedResourceType")).unwrap_or_default();
    let resource_type = ResourceType::parse(kind)
        .ok_or_else(|| format!("reservation {id}: a type this dashboard does not know ({kind})"))?;
    let expiry = day(item, &[&p("expiryDateTime"), &p("expiryDate")])
        .ok_or_else(|| missing("expiry date"))?;
    let purchase = day(item, &[&p("purchaseDateTime"), &p("purchaseDate")]);
    let effective = day(item, &[&p("effectiveDateTime"), &p("benefitStartTime")]).or(purchase);
    let effective = effective.ok_or_else(|| missing("start date"))?;
    Ok(RemoteReservation {
        order,
        id,
        display_name: text(item, &p("displayName"))
            .unwrap_or_default()
            .to_string(),
        resource_type,
        sku: text(item, "/sku/name").unwrap_or_default().to_string(),
        region: text(item, "/location")
            .unwrap_or_default()
            .to_ascii_lowercase(),
        quantity: item
            .pointer(&p("quantity"))
            .and_then(Value::as_i64)
            .and_then(|q| i32::try_from(q).ok())
            .filter(|q| *q > 0)
            .ok_or_else(|| missing("quantity"))?,
        scope: scope(item, id)?,
        billing_subscription: text(item, &p("billingScopeId")).and_then(subscription_of),
        flexibility: text(item, &p("instanceFlexibility"))
            .and_then(InstanceFlexibility::parse)
            .filter(|_| resource_type.has_instance_flexibility()),
        renew: item
            .pointer(&p("renew"))
            .and_then(Value::as_bool)
            .unwrap_or(false),
        archived: item
            .pointer(&p("archived"))
            .and_then(Value::as_bool)
            .unwrap_or(false),
        state: state_of(
            text(item, &p("provisioningState")).unwrap_or_default(),
            text(item, &p("displayProvisioningState")),
        ),
        closed_by: closure_of(
            text(item, &p("provisioningState")).unwrap_or_default(),
            text(item, &p("extendedStatusInfo/statusCode")),
        ),
        purchase_date: purchase.unwrap_or(effective),
        effective_date: effective,
        expiry_date: expiry,
        came_from: lineage_of(item),
    })
}

/// The reservations `item` came from, as Azure names them on it:
/// `splitProperties.splitSource`, `mergeProperties.mergeSources`,
/// `renewSource` (each an ARM ID, or a list of them).
fn lineage_of(item: &Value) -> Vec<(Lineage, ReservationId)> {
    let ids = |pointer: &str| -> Vec<ReservationId> {
        let one = |v: &Value| v.as_str().and_then(reservation_path).map(|(_, r)| r);
        match item.pointer(pointer) {
            Some(Value::Array(all)) => all.iter().filter_map(one).collect(),
            Some(v) => one(v).into_iter().collect(),
            None => Vec::new(),
        }
    };
    [
        (Lineage::Split, "/properties/splitProperties/splitSource"),
        (Lineage::Merge, "/properties/mergeProperties/mergeSources"),
        (Lineage::Renewal, "/properties/renewSource"),
    ]
    .into_iter()
    .flat_map(|(how, pointer)| ids(pointer).into_iter().map(move |r| (how, r)))
    .collect()
}

fn scope(item: &Value, id: ReservationId) -> Result<RemoteScope, String> {
    let p = |name: &str| format!("/properties/{name}");
    let kind = text(item, &p("appliedScopeType")).unwrap_or("Shared");
    if kind.eq_ignore_ascii_case("Shared") {
        return Ok(RemoteScope::Shared);
    }
    if kind.eq_ignore_ascii_case("ManagementGroup") {
        let name = text(item, "/properties/appliedScopeProperties/managementGroupId")
            .and_then(|m| m.trim_end_matches('/').rsplit('/').next())
            .filter(|n| !n.is_empty())
            .ok_or_else(|| {
                format!("reservation {id}: a management-group scope without its group")
            })?;
        return Ok(RemoteScope::ManagementGroup {
            name: name.to_string(),
        });
    }
    let target = text(item, "/properties/appliedScopeProperties/resourceGroupId")
        .or_else(|| text(item, "/properties/appliedScopeProperties/subscriptionId"))
        .or_else(|| text(item, "/properties/appliedScopes/0"))
        .ok_or_else(|| format!("reservation {id}: a single scope without its subscription"))?;
    Ok(RemoteScope::Single {
        subscription: subscription_of(target)
            .ok_or_else(|| format!("reservation {id}: a scope that is not a subscription"))?,
        resource_group: resource_group_of(target),
    })
}

/// One day of a Consumption reservation summary (IDs are bare GUIDs; the
/// percentages run 0 to 100).
pub fn utilization_day(item: &Value) -> Option<RemoteDay> {
    let reservation = text(item, "/properties/reservationId")?.parse().ok()?;
    let day = text(item, "/properties/usageDate").and_then(day_of)?;
    let percent = item
        .pointer("/properties/avgUtilizationPercentage")
        .and_then(amount)?;
    let permille = (percent * Decimal::TEN)
        .round()
        .clamp(Decimal::ZERO, Decimal::ONE_THOUSAND);
    Some(RemoteDay {
        reservation,
        day,
        permille: permille.to_i32()?,
    })
}

#[cfg(test)]
mod tests;
