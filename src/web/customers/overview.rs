//! A customer's overview tab (its details, subscriptions, management
//! groups and refund allowance) and its support requests tab.

use std::collections::HashMap;

use actix_web::{HttpResponse, web};
use askama::Template;

use crate::app::customers;
use crate::db::customers::Customer;
use crate::db::keys::CustomerKey;
use crate::db::{management_groups::ManagementGroup, subscriptions::Subscription};
use crate::domain::policy;
use crate::web::context::{Nav, PageCtx};
use crate::web::error::AppError;
use crate::web::session::SignedIn;
use crate::web::{AppState, call, paths, render};

use super::CustomerTab;

/// Header of every customer tab.
pub struct CustomerHeader {
    /// The customer.
    pub customer: Customer,
    /// Link to the overview tab.
    pub overview_href: String,
    /// Link to the reservations tab.
    pub reservations_href: String,
    /// Link to the support requests tab.
    pub requests_href: String,
    /// Link to buying reservations (shown to those who may).
    pub purchase_href: String,
    /// Active tab.
    pub tab: CustomerTab,
}

impl CustomerHeader {
    pub(super) fn new(customer: Customer, tab: CustomerTab) -> Self {
        CustomerHeader {
            overview_href: paths::customer(customer.id),
            reservations_href: paths::customer_reservations(customer.id),
            requests_href: format!("{}/requests", paths::customer(customer.id)),
            purchase_href: paths::purchase(customer.id),
            customer,
            tab,
        }
    }

    /// Whether `tab` is the active one.
    pub fn is_tab(&self, tab: CustomerTab) -> bool {
        self.tab == tab
    }
}

/// A subscription with its resource groups, as the overview lists them.
pub struct SubscriptionView {
    /// The subscription.
    pub subscription: Subscription,
    /// Names of its resource groups.
    pub resource_groups: Vec<String>,
}

/// A customer's overview tab.
#[derive(Template)]
#[template(path = "customers/overview.html")]
pub struct OverviewPage {
    ctx: PageCtx,
    header: CustomerHeader,
    subscriptions: Vec<SubscriptionView>,
    management_groups: Vec<ManagementGroup>,
    limit: crate::domain::money::Money,
    allowance: crate::domain::money::Money,
    ledger: Vec<LedgerRow>,
}

/// A booked refund as the customer page lists it.
pub struct LedgerRow {
    /// The refund.
    pub refund: crate::db::ledger::RefundRow,
    /// When it stops counting against the limit.
    pub returns_on: chrono::NaiveDate,
}

pub(super) fn parse_customer_id(raw: &str) -> Result<CustomerKey, AppError> {
    raw.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .map(CustomerKey)
        .ok_or(AppError::NotFound)
}

/// `GET /customers/{id}`.
pub async fn overview(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = parse_customer_id(&id)?;
    let today = state.today();
    let actor = signed_in.user_actor();
    let customers::Overview {
        customer,
        subscriptions,
        resource_groups: groups,
        management_groups,
        refunds,
        settings,
    } = call(&state, actor, move |ctx| customers::overview(ctx, id)).await?;
    let booked: Vec<policy::Booked> = refunds
        .iter()
        .map(|r| policy::Booked {
            on: r.booked_on,
            amount: r.cancelled_commitment,
        })
        .collect();
    let allowance = policy::allowance_left(&booked, today, &settings);
    let ledger = refunds
        .into_iter()
        .map(|refund| LedgerRow {
            returns_on: policy::returns_on(refund.booked_on),
            refund,
        })
        .collect();
    let mut by_subscription: HashMap<i64, Vec<String>> = HashMap::new();
    for g in groups {
        by_subscription
            .entry(g.subscription_id)
            .or_default()
            .push(g.name);
    }
    let subscriptions = subscriptions
        .into_iter()
        .map(|s| SubscriptionView {
            resource_groups: by_subscription.remove(&s.id).unwrap_or_default(),
            subscription: s,
        })
        .collect();
    let ctx = PageCtx::new(&signed_in, Nav::Customers)
        .crumb(signed_in.lang.t("nav-customers"), paths::CUSTOMERS)
        .here(customer.company_name.clone());
    render(&OverviewPage {
        ctx,
        header: CustomerHeader::new(customer, CustomerTab::Overview),
        subscriptions,
        management_groups,
        limit: settings.refund_limit,
        allowance,
        ledger,
    })
}

/// A customer's support requests tab.
#[derive(Template)]
#[template(path = "customers/requests.html")]
pub struct RequestsPage {
    ctx: PageCtx,
    header: CustomerHeader,
    requests: Vec<crate::db::requests::RequestRow>,
}

/// `GET /customers/{id}/requests`.
pub async fn requests(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = parse_customer_id(&id)?;
    let actor = signed_in.user_actor();
    let (customer, requests) = call(&state, actor, move |ctx| customers::requests(ctx, id)).await?;
    let ctx = PageCtx::new(&signed_in, Nav::Customers)
        .crumb(signed_in.lang.t("nav-customers"), paths::CUSTOMERS)
        .crumb(customer.company_name.clone(), paths::customer(id))
        .here(signed_in.lang.t("tab-requests"));
    render(&RequestsPage {
        ctx,
        header: CustomerHeader::new(customer, CustomerTab::Requests),
        requests,
    })
}
