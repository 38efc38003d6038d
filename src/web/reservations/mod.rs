//! The reservation record: its blades (Overview with the utilization chart,
//! Properties with the IDs support asks for, Configuration, Access control,
//! Activity log), and the row the lists show.

pub mod access_control;
pub mod activity;
pub mod advice;
pub mod archive;
pub mod configuration;
pub mod record;
pub mod reshape;
pub mod rows;
pub mod support;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::NaiveDate;

pub use rows::{ReservationRow, ScopeNames, ScopeView};

use super::chart::Chart;
use super::context::PageCtx;
use super::session::SignedIn;
use super::{AppState, call, render, render_with_status};
use crate::app::reservations::view;
use crate::db::subscriptions::Subscription;
use crate::domain::dates::days_between;
use crate::domain::ids::{ReservationId, order_resource_path, reservation_resource_path};
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
    /// The Archive or Unarchive button, if the user may press it: its
    /// action and label.
    archive: Option<(String, &'static str)>,
    /// The Split link, if this one may be split by the user.
    split_href: Option<String>,
    /// The Merge link, if this one may be merged by the user.
    merge_href: Option<String>,
    /// The reservations it came from or became.
    links: Vec<reshape::LinkRow>,
    /// How it renews, in words, when it does.
    renews_as: Option<String>,
    /// What was just done, or why it was refused.
    notice: Option<String>,
    error: Option<String>,
}

/// Query of the Overview.
#[derive(Debug, serde::Deserialize)]
pub struct OverviewQuery {
    notice: Option<String>,
}

/// `GET /reservations/{id}`: the Overview blade.
pub async fn overview(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    rights: web::ReqData<Rights>,
    id: web::Path<String>,
    query: web::Query<OverviewQuery>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&id)?;
    let notice = query
        .notice
        .as_deref()
        .filter(|n| archive::NOTICES.contains(n) || reshape::NOTICES.contains(n))
        .map(|n| signed_in.lang.t(n));
    show_overview(
        &state,
        &signed_in,
        *rights,
        id,
        (notice, None),
        StatusCode::OK,
    )
    .await
}

/// The Overview of `id` with a notice or an error above it.
pub async fn show_overview(
    state: &AppState,
    signed_in: &SignedIn,
    rights: Rights,
    id: ReservationId,
    (notice, error): (Option<String>, Option<String>),
    status_code: StatusCode,
) -> Result<HttpResponse, AppError> {
    let today = state.today();
    let actor = signed_in.user_actor();
    let view::Overview {
        record,
        days,
        links,
    } = call(state, actor, move |ctx| view::overview(ctx, id)).await?;
    let summary = utilization::summarize(&days, today);
    let chart = Chart::new(&summary, &signed_in.lang);
    let status = record.reservation.status(today);
    let guid = record.reservation.reservation_guid;
    let archive = match (rights.configure, record.reservation.archived) {
        (true, true) => Some((
            crate::web::paths::reservation_unarchive(guid),
            "action-unarchive",
        )),
        (true, false) if status.archivable() => Some((
            crate::web::paths::reservation_archive(guid),
            "action-archive",
        )),
        _ => None,
    };
    let reshapes = rights.configure && status.in_force();
    let lang = &signed_in.lang;
    let renews_as = record.reservation.renew.then(|| {
        let plan = record
            .reservation
            .renewal_plan(record.order.term, record.order.billing_plan);
        lang.ts3(
            "renews-as",
            ("term", &lang.t(&rows::term_key(plan.term))),
            ("plan", &lang.t(&rows::plan_key(plan.billing_plan))),
            ("quantity", &plan.quantity.to_string()),
        )
    });
    let page = OverviewPage {
        split_href: (reshapes && record.reservation.quantity > 1)
            .then(|| crate::web::paths::reservation_split(guid)),
        merge_href: reshapes.then(|| crate::web::paths::reservation_merge(guid)),
        links: links.into_iter().map(reshape::LinkRow::from).collect(),
        renews_as,
        ctx: page_ctx(signed_in, &record, "blade-overview"),
        scope: rows::describe(&record.names, &record.reservation, &signed_in.lang),
        days_left: days_between(today, record.reservation.expiry_date).max(0),
        is_in_force: status.in_force(),
        flexibility_applies: record.reservation.resource_type.has_instance_flexibility(),
        header: header(&record, Blade::Overview, today, signed_in, rights),
        support_action: crate::web::paths::reservation_support(guid),
        trend_key: summary
            .trend
            .map(|t| format!("trend-{}", t.key()))
            .unwrap_or_default(),
        summary,
        chart,
        archive,
        notice,
        error,
    };
    render_with_status(&page, status_code)
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
