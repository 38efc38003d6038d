//! Customers: the searchable list, a customer's overview tab and its Azure
//! reservations tab.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use crate::app::customers;
use crate::db::customers::CustomerSort;
use crate::web::context::{Nav, PageCtx};
use crate::web::error::AppError;
use crate::web::paging::{
    ListLinks, PER_PAGE, PageNo, Pager, SortHeader, parse_sort, sort_headers,
};
use crate::web::session::SignedIn;
use crate::web::{AppState, call, paths, render, wants_fragment};

mod overview;
pub mod purchase;
pub mod purchase_review;
mod reservations;

pub use overview::{CustomerHeader, overview, requests};
pub use reservations::reservations;

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
    /// The customer's primary domain, e.g. `contoso.com`.
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
    let query_search = search.clone();
    let actor = signed_in.user_actor();
    let (rows, total) = call(&state, actor, move |ctx| {
        customers::list(
            ctx,
            &query_search,
            sort,
            descending,
            (page.offset(), PER_PAGE),
        )
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
    /// Buying reservations.
    Purchase,
}
