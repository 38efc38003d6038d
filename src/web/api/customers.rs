//! The API's customers and reservations: the customer list, a customer, a
//! customer's reservations, a reservation and its utilization.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};

use super::auth::Caller;
use super::error::ApiError;
use super::json::{self, List};
use crate::app::{self};
use crate::db::customers::CustomerSort;
use crate::db::keys::CustomerKey;
use crate::db::reservations::{Reservation, ReservationSort};
use crate::domain::ids::ReservationId;
use crate::domain::reservation::{BillingPlan, Status, Term};
use crate::web::{AppState, call};

/// A customer in a list.
#[derive(Serialize, utoipa::ToSchema)]
pub struct CustomerItem {
    /// Its ID in the dashboard.
    pub id: i64,
    /// Company name.
    pub company: String,
    /// Primary domain.
    pub domain: String,
    /// Entra ID tenant.
    pub tenant_id: String,
    /// Country (ISO 3166-1 alpha-2).
    pub country: String,
    /// Reservations in force.
    pub active_reservations: i64,
    /// Of which expiring within 30 days.
    pub expiring_within_30_days: i64,
    /// Its reservations.
    pub reservations: String,
}

/// A customer.
#[derive(Serialize, utoipa::ToSchema)]
pub struct CustomerDetail {
    /// Its ID in the dashboard.
    pub id: i64,
    /// Company name.
    pub company: String,
    /// Primary domain.
    pub domain: String,
    /// Entra ID tenant.
    pub tenant_id: String,
    /// Country.
    pub country: String,
    /// Its subscriptions: (GUID, name).
    pub subscriptions: Vec<SubscriptionItem>,
    /// Its reservations.
    pub reservations: String,
}

/// A subscription.
#[derive(Serialize, utoipa::ToSchema)]
pub struct SubscriptionItem {
    /// Subscription ID.
    pub id: String,
    /// Display name.
    pub name: String,
}

/// A reservation, with the Azure Reservations API's names.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ReservationItem {
    /// Reservation ID (GUID).
    pub id: String,
    /// Display name.
    pub display_name: String,
    /// The customer's ID in the dashboard.
    pub customer_id: i64,
    /// Reserved resource type.
    pub reserved_resource_type: String,
    /// SKU name.
    pub sku: String,
    /// Location.
    pub location: String,
    /// Quantity.
    pub quantity: i32,
    /// `Single`, `Shared` or `ManagementGroup`.
    pub applied_scope_type: String,
    /// Renews by itself at expiry.
    pub renew: bool,
    /// Effective date.
    pub effective_date: chrono::NaiveDate,
    /// Expiry date.
    pub expiry_date: chrono::NaiveDate,
    /// `Succeeded`, `Cancelled`, `Expired`, `Exchanged`…
    pub provisioning_state: String,
    /// Active, Expiring, Expired, Cancelled, Exchanged, Split, Merged.
    pub status: String,
    /// Purchase price, in its order's currency (see the reservation), as
    /// a decimal string.
    pub purchase_price: String,
    /// Its page in the API.
    pub href: String,
}

impl ReservationItem {
    fn of(r: &Reservation, today: chrono::NaiveDate) -> ReservationItem {
        ReservationItem {
            id: r.reservation_guid.to_string(),
            display_name: r.display_name.clone(),
            customer_id: r.customer_id.0,
            reserved_resource_type: r.resource_type.as_str().to_string(),
            sku: r.sku.clone(),
            location: r.region.clone(),
            quantity: r.quantity,
            applied_scope_type: r.scope_type.as_str().to_string(),
            renew: r.renew,
            effective_date: r.effective_date,
            expiry_date: r.expiry_date,
            provisioning_state: r.provisioning_state.as_str().to_string(),
            status: format!("{:?}", r.status(today)),
            purchase_price: r.purchase_price.amount().to_string(),
            href: format!("/api/v1/reservations/{}", r.reservation_guid),
        }
    }
}

/// A reservation and its order.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ReservationDetail {
    /// The reservation.
    #[serde(flatten)]
    pub reservation: ReservationItem,
    /// Its reservation order ID.
    pub order_id: String,
    /// `P1Y`, `P3Y` or `P5Y`.
    pub term: String,
    /// `Upfront` or `Monthly`.
    pub billing_plan: String,
    /// The order's currency (the purchase price's).
    pub currency: String,
    /// The customer's company name.
    pub company: String,
}

/// The customer list's query.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CustomerQuery {
    /// In the company name, domain or tenant ID.
    pub search: Option<String>,
    /// From 1.
    pub page: Option<String>,
    /// 1 to 100 (25).
    pub per_page: Option<String>,
}

/// Every customer, a page at a time.
#[utoipa::path(get, path = "/api/v1/customers", params(CustomerQuery),
    responses((status = 200, body = List<CustomerItem>), (status = 401, body = super::error::ErrorBody)),
    security(("token" = [])))]
pub async fn list(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: Caller,
    query: web::Query<CustomerQuery>,
) -> Result<HttpResponse, ApiError> {
    let paging = json::paging(query.page.as_deref(), query.per_page.as_deref())?;
    let search: String = query
        .search
        .clone()
        .unwrap_or_default()
        .chars()
        .take(100)
        .collect();
    let needle = search.clone();
    let (rows, total) = call(&state, caller.actor(), move |ctx| {
        app::customers::list(
            ctx,
            &needle,
            CustomerSort::Company,
            false,
            ((paging.0 - 1) * paging.1, paging.1),
        )
    })
    .await?;
    let items = rows
        .into_iter()
        .map(|c| CustomerItem {
            reservations: format!("/api/v1/customers/{}/reservations", c.id),
            id: c.id.0,
            company: c.company_name,
            domain: c.domain,
            tenant_id: c.tenant_id,
            country: c.country,
            active_reservations: c.active_count,
            expiring_within_30_days: c.expiring_count,
        })
        .collect();
    let list = List::of(
        items,
        total,
        paging,
        ("/api/v1/customers", ("search", search)),
    );
    json::ok(&req, &list)
}

fn customer_id(text: &str) -> Result<CustomerKey, ApiError> {
    text.parse().map_err(|_| ApiError::not_found())
}

/// A customer.
#[utoipa::path(get, path = "/api/v1/customers/{id}", params(("id" = i64, Path, description = "The customer's ID")),
    responses((status = 200, body = CustomerDetail), (status = 404, body = super::error::ErrorBody)),
    security(("token" = [])))]
pub async fn detail(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = customer_id(&id)?;
    let overview = call(&state, caller.actor(), move |ctx| {
        app::customers::overview(ctx, id)
    })
    .await?;
    let c = overview.customer;
    json::ok(
        &req,
        &CustomerDetail {
            reservations: format!("/api/v1/customers/{}/reservations", c.id),
            id: c.id.0,
            company: c.company_name,
            domain: c.domain,
            tenant_id: c.tenant_id.to_string(),
            country: c.country,
            subscriptions: overview
                .subscriptions
                .into_iter()
                .map(|s| SubscriptionItem {
                    id: s.subscription_guid.to_string(),
                    name: s.display_name,
                })
                .collect(),
        },
    )
}

/// A customer's reservations query.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReservationQuery {
    /// Active, Expiring, Expired, Cancelled, Exchanged, Split or Merged.
    pub status: Option<String>,
    /// From 1.
    pub page: Option<String>,
    /// 1 to 100 (25).
    pub per_page: Option<String>,
}

/// A customer's reservations, a page at a time.
#[utoipa::path(get, path = "/api/v1/customers/{id}/reservations",
    params(("id" = i64, Path, description = "The customer's ID"), ReservationQuery),
    responses((status = 200, body = List<ReservationItem>), (status = 404, body = super::error::ErrorBody)),
    security(("token" = [])))]
pub async fn reservations(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: Caller,
    id: web::Path<String>,
    query: web::Query<ReservationQuery>,
) -> Result<HttpResponse, ApiError> {
    let id = customer_id(&id)?;
    let paging = json::paging(query.page.as_deref(), query.per_page.as_deref())?;
    let wanted = query.status.clone().unwrap_or_default();
    let status = match wanted.as_str() {
        "" => None,
        s => Some(
            Status::FILTERABLE
                .iter()
                .copied()
                .find(|st| format!("{st:?}") == s)
                .ok_or_else(|| ApiError::bad_request("status is not one of the statuses."))?,
        ),
    };
    let today = state.today();
    let page = call(&state, caller.actor(), move |ctx| {
        app::customers::reservations(
            ctx,
            id,
            (status, false),
            (ReservationSort::Name, false),
            ((paging.0 - 1) * paging.1, paging.1),
        )
    })
    .await?;
    let items = page
        .rows
        .iter()
        .map(|r| ReservationItem::of(r, today))
        .collect();
    let path = format!("/api/v1/customers/{id}/reservations");
    let list = List::of(items, page.total, paging, (&path, ("status", wanted)));
    json::ok(&req, &list)
}

fn reservation_id(text: &str) -> Result<ReservationId, ApiError> {
    text.parse().map_err(|_| ApiError::not_found())
}

/// A reservation.
#[utoipa::path(get, path = "/api/v1/reservations/{id}", params(("id" = String, Path, description = "The reservation ID (GUID)")),
    responses((status = 200, body = ReservationDetail), (status = 404, body = super::error::ErrorBody)),
    security(("token" = [])))]
pub async fn reservation(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = reservation_id(&id)?;
    let today = state.today();
    let (record, _) = call(&state, caller.actor(), move |ctx| {
        app::reservations::view::record(ctx, id)
    })
    .await?;
    let term: Term = record.order.term;
    let plan: BillingPlan = record.order.billing_plan;
    json::ok(
        &req,
        &ReservationDetail {
            reservation: ReservationItem::of(&record.reservation, today),
            order_id: record.order.order_guid.to_string(),
            term: term.as_str().to_string(),
            billing_plan: plan.as_str().to_string(),
            currency: record.order.currency.clone(),
            company: record.customer.company_name,
        },
    )
}

/// A reservation's daily utilization.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Utilization {
    /// Reservation ID.
    pub reservation_id: String,
    /// Each day's use, oldest first.
    pub days: Vec<UtilizationDay>,
}

/// One day's use.
#[derive(Serialize, utoipa::ToSchema)]
pub struct UtilizationDay {
    /// The UTC day.
    pub day: chrono::NaiveDate,
    /// Percent used, one decimal (`97.5`).
    pub percent: String,
}

/// A reservation's utilization over the last 90 days.
#[utoipa::path(get, path = "/api/v1/reservations/{id}/utilization", params(("id" = String, Path, description = "The reservation ID (GUID)")),
    responses((status = 200, body = Utilization), (status = 404, body = super::error::ErrorBody)),
    security(("token" = [])))]
pub async fn utilization(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = reservation_id(&id)?;
    let overview = call(&state, caller.actor(), move |ctx| {
        app::reservations::view::overview(ctx, id)
    })
    .await?;
    json::ok(
        &req,
        &Utilization {
            reservation_id: id.to_string(),
            days: overview
                .days
                .into_iter()
                .map(|(day, p)| UtilizationDay {
                    day,
                    percent: p.percent_text(),
                })
                .collect(),
        },
    )
}
