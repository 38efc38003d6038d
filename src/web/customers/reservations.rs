//! A customer's Azure reservations tab: filtered by status, searched,
//! sorted and paged.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use crate::app::customers;
use crate::db::reservations::ReservationSort;
use crate::domain::reservation::Status;
use crate::web::context::{Nav, PageCtx};
use crate::web::error::AppError;
use crate::web::paging::{
    ListLinks, PER_PAGE, PageNo, Pager, SortHeader, parse_sort, sort_headers,
};
use crate::web::reservations::ReservationRow;
use crate::web::session::SignedIn;
use crate::web::{AppState, call, paths, render, wants_fragment};

use super::overview::parse_customer_id;
use super::{CustomerHeader, CustomerTab};

/// Query string of the reservations tab.
#[derive(Debug, Default, Deserialize)]
pub struct ReservationParams {
    status: Option<String>,
    archived: Option<String>,
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
    archived_too: bool,
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
    // The checkbox sends "1" (links keep it the same way).
    let archived_too = crate::web::paging::is_on(params.archived.as_deref());
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
    let actor = signed_in.user_actor();
    let customers::Reservations {
        customer,
        rows,
        total,
        averages,
        plans,
        names,
    } = call(&state, actor, move |ctx| {
        customers::reservations(
            ctx,
            id,
            (status, archived_too),
            (sort, descending),
            (page.offset(), PER_PAGE),
        )
    })
    .await?;
    let base = paths::customer_reservations(id);
    let status_key = status.map(|s| s.key()).unwrap_or("");
    let dir = if descending { "desc" } else { "asc" };
    let links = ListLinks {
        path: &base,
        filters: vec![
            ("status", status_key.to_string()),
            ("archived", if archived_too { "1" } else { "" }.to_string()),
        ],
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
        archived_too,
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
