//! The reservation record: its blades (Overview with the utilization chart,
//! Properties with the IDs support asks for), and the row the lists show.

use std::collections::HashMap;

use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::{Days, NaiveDate};
use diesel::SqliteConnection;

use super::chart::Chart;
use super::context::{Nav, PageCtx};
use super::session::SignedIn;
use super::{AppState, paths, render, with_conn};
use crate::db::customers::Customer;
use crate::db::orders::Order;
use crate::db::reservations::Reservation;
use crate::db::subscriptions::Subscription;
use crate::db::{self};
use crate::domain::dates::days_between;
use crate::domain::ids::{ReservationId, order_resource_path, reservation_resource_path};
use crate::domain::reservation::{BillingPlan, ScopeType, Status, Term};
use crate::domain::utilization::{self, Permille, Summary};
use crate::error::AppError;
use crate::i18n::Lang;

/// Names of a customer's subscriptions, resource groups and management
/// groups, loaded once to describe any number of scopes.
#[derive(Debug, Default)]
pub struct ScopeNames {
    company: String,
    subscriptions: HashMap<i64, (String, String)>,
    resource_groups: HashMap<i64, (String, i64)>,
    management_groups: HashMap<i64, String>,
}

impl ScopeNames {
    /// Loads the names for one customer (three small queries).
    pub fn load(conn: &mut SqliteConnection, customer_id: i64) -> Result<ScopeNames, AppError> {
        let company = db::customers::find(conn, customer_id)?.company_name;
        Ok(ScopeNames {
            company,
            subscriptions: db::subscriptions::for_customer(conn, customer_id)?
                .into_iter()
                .map(|s| (s.id, (s.display_name, s.subscription_guid.to_string())))
                .collect(),
            resource_groups: db::resource_groups::for_customer(conn, customer_id)?
                .into_iter()
                .map(|g| (g.id, (g.name, g.subscription_id)))
                .collect(),
            management_groups: db::management_groups::for_customer(conn, customer_id)?
                .into_iter()
                .map(|g| (g.id, g.display_name))
                .collect(),
        })
    }

    fn subscription(&self, id: Option<i64>) -> String {
        id.and_then(|id| self.subscriptions.get(&id))
            .map(|(name, _)| name.clone())
            .unwrap_or_default()
    }

    /// The applied scope in words: its kind (a message ID) and its target.
    pub fn describe(&self, r: &Reservation, lang: &Lang) -> ScopeView {
        match r.scope_type {
            ScopeType::Shared => ScopeView {
                kind_key: "scope-shared",
                target: lang.ts("scope-shared-target", "company", &self.company),
                detail: String::new(),
            },
            ScopeType::ManagementGroup => ScopeView {
                kind_key: "scope-management-group",
                target: r
                    .scope_management_group_id
                    .and_then(|id| self.management_groups.get(&id).cloned())
                    .unwrap_or_default(),
                detail: String::new(),
            },
            ScopeType::Single => match r
                .scope_resource_group_id
                .and_then(|id| self.resource_groups.get(&id))
            {
                Some((group, subscription_id)) => ScopeView {
                    kind_key: "scope-resource-group",
                    target: group.clone(),
                    detail: self.subscription(Some(*subscription_id)),
                },
                None => ScopeView {
                    kind_key: "scope-single",
                    target: self.subscription(r.scope_subscription_id),
                    detail: r
                        .scope_subscription_id
                        .and_then(|id| self.subscriptions.get(&id))
                        .map(|(_, guid)| guid.clone())
                        .unwrap_or_default(),
                },
            },
        }
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
    /// SKU.
    pub sku: String,
    /// Region.
    pub region: String,
    /// Quantity.
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
    /// Status key.
    pub status_key: &'static str,
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
            scope: names.describe(&r, lang),
            status_key: r.status(today).key(),
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
    /// Message ID of the status's name.
    pub fn status_label_key(&self) -> String {
        format!("status-{}", self.status_key)
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

/// The blades of the reservation record that exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blade {
    /// Overview.
    Overview,
    /// Properties.
    Properties,
}

/// What every blade shows around itself: the name, status and blade menu.
pub struct RecordHeader {
    /// The reservation.
    pub reservation: Reservation,
    /// Its order.
    pub order: Order,
    /// Its customer.
    pub customer: Customer,
    /// Status key.
    pub status_key: &'static str,
    /// Active blade.
    pub blade: Blade,
    /// Link to Overview.
    pub overview_href: String,
    /// Link to Properties.
    pub properties_href: String,
}

impl RecordHeader {
    /// Whether `blade` is the active one.
    pub fn is_blade(&self, blade: Blade) -> bool {
        self.blade == blade
    }

    /// Message ID of the term.
    pub fn term_key(&self) -> String {
        term_key(self.order.term)
    }

    /// Message ID of the status's name.
    pub fn status_label_key(&self) -> String {
        format!("status-{}", self.status_key)
    }

    /// Link to the customer.
    pub fn customer_href(&self) -> String {
        paths::customer(self.customer.id)
    }

    /// Message ID of the instance-size flexibility setting.
    pub fn flexibility_key(&self) -> &'static str {
        match self.reservation.instance_flexibility.as_deref() {
            Some("On") => "flexibility-on",
            _ => "flexibility-off",
        }
    }

    /// Message ID of the billing plan.
    pub fn plan_key(&self) -> String {
        plan_key(self.order.billing_plan)
    }
}

/// Everything a blade needs from the database.
struct Record {
    reservation: Reservation,
    order: Order,
    customer: Customer,
    billing: Subscription,
    names: ScopeNames,
}

fn load_record(conn: &mut SqliteConnection, id: ReservationId) -> Result<Record, AppError> {
    let reservation = db::reservations::find_by_guid(conn, id)?;
    Ok(Record {
        order: db::orders::find(conn, reservation.order_id)?,
        customer: db::customers::find(conn, reservation.customer_id)?,
        billing: db::subscriptions::find(conn, reservation.billing_subscription_id)?,
        names: ScopeNames::load(conn, reservation.customer_id)?,
        reservation,
    })
}

fn parse_id(raw: &str) -> Result<ReservationId, AppError> {
    raw.parse().map_err(|_| AppError::NotFound)
}

fn page_ctx(signed_in: &SignedIn, record: &Record, blade_key: &str) -> PageCtx {
    let lang = &signed_in.lang;
    PageCtx::new(signed_in, Nav::Customers)
        .crumb(lang.t("nav-customers"), paths::CUSTOMERS)
        .crumb(
            record.customer.company_name.clone(),
            paths::customer(record.customer.id),
        )
        .crumb(
            lang.t("tab-reservations"),
            paths::customer_reservations(record.customer.id),
        )
        .crumb(
            record.reservation.display_name.clone(),
            paths::reservation(record.reservation.reservation_guid),
        )
        .here(lang.t(blade_key))
}

fn header(record: &Record, blade: Blade, today: NaiveDate) -> RecordHeader {
    let id = record.reservation.reservation_guid;
    RecordHeader {
        reservation: record.reservation.clone(),
        order: record.order.clone(),
        customer: record.customer.clone(),
        status_key: record.reservation.status(today).key(),
        blade,
        overview_href: paths::reservation(id),
        properties_href: paths::reservation_properties(id),
    }
}

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
}

/// `GET /reservations/{id}`: the Overview blade.
pub async fn overview(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&id)?;
    let today = state.today();
    let (record, days) = with_conn(&state, move |conn| {
        let record = load_record(conn, id)?;
        let since = today
            .checked_sub_days(Days::new(utilization::CHART_DAYS))
            .unwrap_or(today);
        let days = db::utilization::since(conn, record.reservation.id, since)?;
        Ok((record, days))
    })
    .await?;
    let summary = utilization::summarize(&days, today);
    let chart = Chart::new(&summary, &signed_in.lang);
    let status = record.reservation.status(today);
    let page = OverviewPage {
        ctx: page_ctx(&signed_in, &record, "blade-overview"),
        scope: record.names.describe(&record.reservation, &signed_in.lang),
        days_left: days_between(today, record.reservation.expiry_date).max(0),
        is_in_force: matches!(status, Status::Active | Status::Expiring),
        flexibility_applies: record.reservation.resource_type.has_instance_flexibility(),
        header: header(&record, Blade::Overview, today),
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
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&id)?;
    let today = state.today();
    let record = with_conn(&state, move |conn| load_record(conn, id)).await?;
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
        scope: record.names.describe(r, &signed_in.lang),
        billing: record.billing.clone(),
        header: header(&record, Blade::Properties, today),
        next_payment,
    };
    render(&page)
}
