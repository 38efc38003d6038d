//! The reservation record: its blades (Overview with the utilization chart,
//! Properties with the IDs support asks for, Configuration, Access control,
//! Activity log), and the row the lists show.

pub mod access_control;
pub mod activity;
pub mod configuration;
pub mod record;
pub mod rows;
pub mod support;

use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::NaiveDate;

pub use rows::{ReservationRow, ScopeNames, ScopeView};

use super::chart::Chart;
use super::context::PageCtx;
use super::session::SignedIn;
use super::{AppState, call, render};
use crate::app::reservations::view;
use crate::db::subscriptions::Subscription;
use crate::domain::dates::days_between;
use crate::domain::ids::{order_resource_path, reservation_resource_path};
use crate::domain::reservation::{BillingPlan, Status};
use crate::domain::roles::Rights;
use crate::domain::utilization::{self, Summary};
use crate::web::error::AppError;
use record::{Blade, RecordHeader, header, load, page_ctx, parse_id};

/// The Overview blade.
#[derive(Template)]
#[template(path = "reservations/overview.html")]
pub struct OverviewPage {
    ctx: PageCtx,
    header: RecordHeader,
    scope: ScopeView,
    days_left: i64,
    is_in_force: bool,
    flexibility_applies: bool,
    summary: Summary,
    trend_key: String,
    chart: Chart,
    support_action: String,
}

/// `GET /reservations/{id}`: the Overview blade.
pub async fn overview(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    rights: web::ReqData<Rights>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&id)?;
    let today = state.today();
    let actor = signed_in.user_actor();
    let (record, days) = call(&state, actor, move |ctx| view::overview(ctx, id)).await?;
    let summary = utilization::summarize(&days, today);
    let chart = Chart::new(&summary, &signed_in.lang);
    let status = record.reservation.status(today);
    let page = OverviewPage {
        ctx: page_ctx(&signed_in, &record, "blade-overview"),
        scope: rows::describe(&record.names, &record.reservation, &signed_in.lang),
        days_left: days_between(today, record.reservation.expiry_date).max(0),
        is_in_force: status.in_force(),
        flexibility_applies: record.reservation.resource_type.has_instance_flexibility(),
        header: header(&record, Blade::Overview, today, &signed_in, *rights),
        support_action: crate::web::paths::reservation_support(record.reservation.reservation_guid),
        trend_key: summary
            .trend
            .map(|t| format!("trend-{}", t.key()))
            .unwrap_or_default(),
        summary,
        chart,
    };
    render(&page)
}

/// The Properties blade.
#[derive(Template)]
#[template(path = "reservations/properties.html")]
pub struct PropertiesPage {
    ctx: PageCtx,
    header: RecordHeader,
    billing: Subscription,
    scope: ScopeView,
    resource_path: String,
    order_path: String,
    next_payment: Option<NaiveDate>,
}

/// `GET /reservations/{id}/properties`: the Properties blade.
pub async fn properties(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    rights: web::ReqData<Rights>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&id)?;
    let today = state.today();
    let record = load(&state, &signed_in, id).await?;
    let r = &record.reservation;
    let next_payment = (record.order.billing_plan == BillingPlan::Monthly
        && r.status(today) != Status::Cancelled)
        .then(|| {
            record
                .order
                .term
                .next_monthly_payment(record.order.benefit_start_date, today)
        })
        .flatten();
    let page = PropertiesPage {
        ctx: page_ctx(&signed_in, &record, "blade-properties"),
        resource_path: reservation_resource_path(record.order.order_guid, r.reservation_guid),
        order_path: order_resource_path(record.order.order_guid),
        scope: rows::describe(&record.names, r, &signed_in.lang),
        billing: record.billing.clone(),
        header: header(&record, Blade::Properties, today, &signed_in, *rights),
        next_payment,
    };
    render(&page)
}
