//! Customers: the searchable list, a customer's overview tab and its Azure
//! reservations tab.

use std::collections::HashMap;

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::context::{Nav, PageCtx};
use super::paging::{ListLinks, PER_PAGE, PageNo, Pager, SortHeader, parse_sort, sort_headers};
use super::reservations::{ReservationRow, ScopeNames};
use super::session::SignedIn;
use super::{AppState, paths, render, wants_fragment, with_conn};
use crate::db::customers::{Customer, CustomerSort, ListQuery};
use crate::db::reservations::ReservationSort;
use crate::db::{self, management_groups::ManagementGroup, subscriptions::Subscription};
use crate::domain::policy;
use crate::domain::reservation::Status;
use crate::web::error::AppError;

/// Longest search text taken; the rest is cut (and the reader told).
const MAX_SEARCH: usize = 200;

/// Query string of the customer list. Every field is text so that a bad
/// value becomes a message on the page, not an error.
#[derive(Debug, Default, Deserialize)]
pub struct ListParams {
    q: Option<String>,
    sort: Option<String>,
    dir: Option<String>,
    page: Option<String>,
}

/// A customer as the list shows it.
pub struct CustomerRowView {
    /// Link to the customer.
    pub href: String,
    /// Company name.
    pub company: String,
    /// Domain.
    pub domain: String,
    /// Tenant GUID.
    pub tenant_id: String,
    /// Country code.
    pub country: String,
    /// Reservations in force.
    pub active: i64,
    /// Of those, expiring within 30 days.
    pub expiring: i64,
}

/// The customer list.
#[derive(Template)]
#[template(path = "customers/list.html", blocks = ["results"])]
pub struct ListPage {
    ctx: PageCtx,
    search: String,
    sort: String,
    dir: String,
    rows: Vec<CustomerRowView>,
    headers: Vec<SortHeader>,
    pager: Pager,
    notices: Vec<&'static str>,
}

/// `GET /customers`: search, sort and page through customers.
pub async fn list(
    state: web::Data<AppState>,
    req: HttpRequest,
    signed_in: SignedIn,
    params: web::Query<ListParams>,
) -> Result<HttpResponse, AppError> {
    let mut notices = Vec::new();
    let raw_search = params.q.as_deref().unwrap_or("").trim();
    let search: String = raw_search.chars().take(MAX_SEARCH).collect();
    if search.len() < raw_search.len() {
        notices.push("notice-search-cut");
    }
    let (sort, descending) = parse_sort(
        params.sort.as_deref(),
        params.dir.as_deref(),
        CustomerSort::Company,
        CustomerSort::from_key,
        &mut notices,
    );
    let page = PageNo::parse(params.page.as_deref()).unwrap_or_else(|fallback| {
        notices.push("notice-bad-page");
        fallback
    });
    let today = state.today();
    let query_search = search.clone();
    let (rows, total) = with_conn(&state, move |conn| {
        Ok(db::customers::list(
            conn,
            &ListQuery {
                search: &query_search,
                sort,
                descending,
                offset: page.offset(),
                limit: PER_PAGE,
                today,
            },
        )?)
    })
    .await?;
    let dir = if descending { "desc" } else { "asc" };
    let links = ListLinks {
        path: paths::CUSTOMERS,
        filters: vec![("q", search.clone())],
        default_sort: CustomerSort::Company.key(),
    };
    let columns = [
        (CustomerSort::Company, "company", "col-company"),
        (CustomerSort::Domain, "domain", "col-domain"),
        (CustomerSort::Country, "country", "col-country"),
        (CustomerSort::Active, "active", "col-active-reservations"),
        (CustomerSort::Expiring, "expiring", "col-expiring-30"),
    ];
    let headers = sort_headers(&columns, sort, descending, |key, dir| {
        links.href(key, dir, 1)
    });
    let pager = Pager::new(page.0, total, |p| links.href(sort.key(), dir, p));
    let ctx = PageCtx::new(&signed_in, Nav::Customers).here(signed_in.lang.t("nav-customers"));
    let page = ListPage {
        ctx,
        rows: rows
            .into_iter()
            .map(|r| CustomerRowView {
                href: paths::customer(r.id),
                company: r.company_name,
                domain: r.domain,
                tenant_id: r.tenant_id,
                country: r.country,
                active: r.active_count,
                expiring: r.expiring_count,
            })
            .collect(),
        search,
        sort: sort.key().to_string(),
        dir: dir.to_string(),
        headers,
        pager,
        notices,
    };
    if wants_fragment(&req, "results") {
        render(&page.as_results())
    } else {
        render(&page)
    }
}

/// The tabs of a customer page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CustomerTab {
    /// Details, subscriptions, groups.
    Overview,
    /// Azure reservations.
    Reservations,
    /// Support requests.
    Requests,
}

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
    /// Active tab.
    pub tab: CustomerTab,
}

impl CustomerHeader {
    fn new(customer: Customer, tab: CustomerTab) -> Self {
        CustomerHeader {
            overview_href: paths::customer(customer.id),
            reservations_href: paths::customer_reservations(customer.id),
            requests_href: format!("{}/requests", paths::customer(customer.id)),
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
    /// Whether it still counts today.
    pub counts: bool,
}

fn parse_customer_id(raw: &str) -> Result<i64, AppError> {
    raw.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
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
    let (customer, subscriptions, groups, management_groups, refunds, settings) =
        with_conn(&state, move |conn| {
            Ok((
                db::customers::find(conn, id)?,
                db::subscriptions::for_customer(conn, id)?,
                db::resource_groups::for_customer(conn, id)?,
                db::management_groups::for_customer(conn, id)?,
                db::ledger::recent_refunds(conn, id, today)?,
                db::settings::load(conn)?,
            ))
        })
        .await?;
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
            counts: policy::returns_on(refund.booked_on) > today,
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
    let (customer, requests) = with_conn(&state, move |conn| {
        let customer = db::customers::find(conn, id)?;
        let (rows, _) = db::requests::list(
            conn,
            &db::requests::ListQuery {
                status: None,
                customer_id: Some(id),
                search: db::requests::Search::All,
                offset: 0,
                limit: 200,
            },
        )?;
        Ok((customer, rows))
    })
    .await?;
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

/// Query string of the reservations tab.
#[derive(Debug, Default, Deserialize)]
pub struct ReservationParams {
    status: Option<String>,
    sort: Option<String>,
    dir: Option<String>,
    page: Option<String>,
}

/// A status filter choice.
pub struct StatusOption {
    /// URL key ("" for all).
    pub key: &'static str,
    /// Message ID of its name.
    pub label_key: String,
    /// Whether it is the current filter.
    pub selected: bool,
}

/// A customer's Azure reservations tab.
#[derive(Template)]
#[template(path = "customers/reservations.html", blocks = ["results"])]
pub struct ReservationsPage {
    ctx: PageCtx,
    header: CustomerHeader,
    status_options: Vec<StatusOption>,
    status: String,
    sort: String,
    dir: String,
    rows: Vec<ReservationRow>,
    headers: Vec<SortHeader>,
    pager: Pager,
    notices: Vec<&'static str>,
    action_url: String,
}

/// `GET /customers/{id}/reservations`: the customer's reservations,
/// filtered by status, sorted and paged.
pub async fn reservations(
    state: web::Data<AppState>,
    req: HttpRequest,
    signed_in: SignedIn,
    id: web::Path<String>,
    params: web::Query<ReservationParams>,
) -> Result<HttpResponse, AppError> {
    let id = parse_customer_id(&id)?;
    let mut notices = Vec::new();
    let status = match params.status.as_deref().map(str::trim) {
        None | Some("") | Some("all") => None,
        Some(key) => Status::from_key(key).or_else(|| {
            notices.push("notice-bad-status");
            None
        }),
    };
    let (sort, descending) = parse_sort(
        params.sort.as_deref(),
        params.dir.as_deref(),
        ReservationSort::Name,
        ReservationSort::from_key,
        &mut notices,
    );
    let page = PageNo::parse(params.page.as_deref()).unwrap_or_else(|fallback| {
        notices.push("notice-bad-page");
        fallback
    });
    let today = state.today();
    let (customer, rows, total, averages, plans, names) = with_conn(&state, move |conn| {
        let customer = db::customers::find(conn, id)?;
        let (rows, total) = db::reservations::list_for_customer(
            conn,
            &db::reservations::ListQuery {
                customer_id: id,
                status,
                sort,
                descending,
                offset: page.offset(),
                limit: PER_PAGE,
                today,
            },
        )?;
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        let averages = db::utilization::thirty_day_averages(conn, &ids, today)?;
        let order_ids: Vec<i64> = rows.iter().map(|r| r.order_id).collect();
        let plans = db::orders::plans_for(conn, &order_ids)?;
        let names = ScopeNames::load(conn, id)?;
        Ok((customer, rows, total, averages, plans, names))
    })
    .await?;
    let base = paths::customer_reservations(id);
    let status_key = status.map(|s| s.key()).unwrap_or("");
    let dir = if descending { "desc" } else { "asc" };
    let links = ListLinks {
        path: &base,
        filters: vec![("status", status_key.to_string())],
        default_sort: ReservationSort::Name.key(),
    };
    let columns = [
        (ReservationSort::Name, "name", "col-name"),
        (ReservationSort::Type, "type", "col-type-sku"),
        (ReservationSort::Region, "region", "col-region"),
        (ReservationSort::Quantity, "quantity", "col-quantity"),
        (ReservationSort::Expiry, "expiry", "col-expiry"),
    ];
    let headers = sort_headers(&columns, sort, descending, |key, dir| {
        links.href(key, dir, 1)
    });
    let pager = Pager::new(page.0, total, |p| links.href(sort.key(), dir, p));
    let mut status_options = vec![StatusOption {
        key: "",
        label_key: "status-all".into(),
        selected: status.is_none(),
    }];
    status_options.extend(Status::FILTERABLE.iter().map(|s| StatusOption {
        key: s.key(),
        label_key: format!("status-{}", s.key()),
        selected: status == Some(*s),
    }));
    let rows = rows
        .into_iter()
        .map(|r| {
            let avg = averages.get(&r.id).copied();
            let plan = plans.get(&r.order_id);
            ReservationRow::new(r, plan, &names, avg, today, &signed_in.lang)
        })
        .collect();
    let ctx = PageCtx::new(&signed_in, Nav::Customers)
        .crumb(signed_in.lang.t("nav-customers"), paths::CUSTOMERS)
        .crumb(customer.company_name.clone(), paths::customer(id))
        .here(signed_in.lang.t("tab-reservations"));
    let page = ReservationsPage {
        ctx,
        header: CustomerHeader::new(customer, CustomerTab::Reservations),
        status_options,
        status: status_key.to_string(),
        sort: sort.key().to_string(),
        dir: dir.to_string(),
        rows,
        headers,
        pager,
        notices,
        action_url: base.clone(),
    };
    if wants_fragment(&req, "results") {
        render(&page.as_results())
    } else {
        render(&page)
    }
}
