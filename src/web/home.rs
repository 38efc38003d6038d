//! The agents' home: tiles for what needs attention (reservations expiring
//! in 30, 60 and 90 days and whether they renew, under-used reservations,
//! open support requests, customers close to their refund limit), each
//! opening its list; the lists export as CSV.

use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::NaiveDate;
use serde::Deserialize;

use super::context::{Nav, PageCtx};
use super::paging::{PER_PAGE, PageNo, Pager, url_with};
use super::session::SignedIn;
use super::{AppState, call, paths, render, see_other};
use crate::app::home;
use crate::domain::money::Money;
use crate::domain::roles::AgentRole;
use crate::domain::utilization::Permille;
use crate::web::error::AppError;

/// A customer close to the refund limit.
pub struct NearLimit {
    /// Where the company name links to (the customer's page).
    pub href: String,
    /// The customer's company name.
    pub company: String,
    /// Allowance left.
    pub left: Money,
}

/// The home page.
#[derive(Template)]
#[template(path = "home/home.html")]
pub struct HomePage {
    ctx: PageCtx,
    expiring: [(i64, i64); 3],
    underused: i64,
    underused_percent: i64,
    recommended: i64,
    open_requests: i64,
    near_limit: Vec<NearLimit>,
}

/// `GET /`: the home page for agents; customer users go to their reservations.
pub async fn home(
    state: web::Data<AppState>,
    signed_in: SignedIn,
) -> Result<HttpResponse, AppError> {
    if signed_in.role() == AgentRole::Customer {
        return Ok(see_other(paths::MY_RESERVATIONS));
    }
    let memo = state.underused.clone();
    let tiles = call(&state, signed_in.user_actor(), move |ctx| {
        home::tiles(ctx, &memo)
    })
    .await?;
    let near = tiles
        .near_limit
        .into_iter()
        .map(|(customer, company, left)| NearLimit {
            href: paths::customer(customer),
            company,
            left,
        })
        .collect();
    let ctx = PageCtx::new(&signed_in, Nav::Home).here(signed_in.lang.t("nav-home"));
    render(&HomePage {
        ctx,
        expiring: tiles.expiring,
        underused: tiles.underused,
        underused_percent: tiles.underused_percent,
        recommended: tiles.recommended,
        open_requests: tiles.open_requests,
        near_limit: near,
    })
}

/// A reservation in a list across customers.
pub struct Row {
    /// Where the row's name links to (the reservation's Overview).
    pub href: String,
    /// The reservation's display name.
    pub name: String,
    /// The owning customer's company name.
    pub company: String,
    /// Reserved resource type as the API spells it, e.g. `VirtualMachines`.
    pub resource_type: String,
    /// SKU name, e.g. `Standard_D2s_v5`.
    pub sku: String,
    /// Azure region name, e.g. `westeurope`.
    pub region: String,
    /// Day the term ends; from that day on it counts as expired.
    pub expiry: NaiveDate,
    /// Days left.
    pub days_left: i64,
    /// Whether it renews by itself at expiry.
    pub renew: bool,
    /// 7-day utilization, where measured.
    pub seven_day: Option<Permille>,
}

pub use crate::app::home::Which;

/// A list across customers.
#[derive(Template)]
#[template(path = "home/list.html")]
pub struct ListPage {
    ctx: PageCtx,
    title: String,
    rows: Vec<Row>,
    pager: Pager,
    csv_href: String,
    notices: Vec<&'static str>,
    /// Message ID of the utilization column: over 7 days, or 30 for
    /// recommendations.
    average_key: &'static str,
}

/// Query string of the lists.
#[derive(Debug, Default, Deserialize)]
pub struct ListParams {
    days: Option<String>,
    page: Option<String>,
    format: Option<String>,
}

async fn rows_of(
    state: &AppState,
    signed_in: &SignedIn,
    which: Which,
    page: Option<PageNo>,
) -> Result<(Vec<Row>, i64), AppError> {
    let today = state.today();
    let page = page.map_or((0, i64::MAX), |p| (p.offset(), PER_PAGE));
    let actor = signed_in.user_actor();
    let memo = state.underused.clone();
    let (listed, total) =
        call(state, actor, move |ctx| home::list(ctx, &memo, which, page)).await?;
    let rows = listed
        .into_iter()
        .map(|l| {
            let r = l.reservation;
            Row {
                href: paths::reservation(r.reservation_guid),
                company: l.company,
                resource_type: r.resource_type.as_str().to_string(),
                days_left: (r.expiry_date - today).num_days(),
                seven_day: l.seven_day,
                name: r.display_name,
                sku: r.sku,
                region: r.region,
                expiry: r.expiry_date,
                renew: r.renew,
            }
        })
        .collect();
    Ok((rows, total))
}

fn csv_response(name: &str, rows: &[Row], thirty_days: bool) -> Result<HttpResponse, AppError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let write = |w: &mut csv::Writer<Vec<u8>>, record: &[String]| {
        w.write_record(record.iter().map(|f| neutralise(f)))
            .map_err(AppError::internal)
    };
    write(
        &mut writer,
        &[
            "reservation".into(),
            "customer".into(),
            "type".into(),
            "sku".into(),
            "region".into(),
            "expiry".into(),
            "days_left".into(),
            "renew".into(),
            if thirty_days {
                "utilization_30_day_percent".into()
            } else {
                "utilization_7_day_percent".into()
            },
        ],
    )?;
    for r in rows {
        write(
            &mut writer,
            &[
                r.name.clone(),
                r.company.clone(),
                r.resource_type.clone(),
                r.sku.clone(),
                r.region.clone(),
                r.expiry.to_string(),
                r.days_left.to_string(),
                r.renew.to_string(),
                r.seven_day.map(|p| p.percent_text()).unwrap_or_default(),
            ],
        )?;
    }
    let body = writer.into_inner().map_err(AppError::internal)?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"{name}.csv\""),
        ))
        .body(body))
}

/// Keeps spreadsheet programs from running a cell as a formula.
pub fn neutralise(field: &str) -> String {
    if field.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{field}")
    } else {
        field.to_string()
    }
}

/// `GET /reservations/expiring?days=30|60|90[&format=csv]`.
pub async fn expiring(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    params: web::Query<ListParams>,
) -> Result<HttpResponse, AppError> {
    let mut notices = Vec::new();
    let days = match params.days.as_deref() {
        None | Some("30") => 30,
        Some("60") => 60,
        Some("90") => 90,
        Some(_) => {
            notices.push("notice-bad-days");
            30
        }
    };
    list(&state, &signed_in, Which::Expiring(days), &params, notices).await
}

/// `GET /reservations/recommended[?format=csv]`.
pub async fn recommended(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    params: web::Query<ListParams>,
) -> Result<HttpResponse, AppError> {
    list(&state, &signed_in, Which::Recommended, &params, Vec::new()).await
}

/// `GET /reservations/underused[?format=csv]`.
pub async fn underused(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    params: web::Query<ListParams>,
) -> Result<HttpResponse, AppError> {
    list(&state, &signed_in, Which::Underused, &params, Vec::new()).await
}

async fn list(
    state: &AppState,
    signed_in: &SignedIn,
    which: Which,
    params: &ListParams,
    mut notices: Vec<&'static str>,
) -> Result<HttpResponse, AppError> {
    let (path, name, days) = match which {
        Which::Expiring(d) => (paths::EXPIRING, format!("expiring-{d}-days"), d.to_string()),
        Which::Underused => (paths::UNDERUSED, "underused".to_string(), String::new()),
        Which::Recommended => (paths::RECOMMENDED, "recommended".to_string(), String::new()),
    };
    if params.format.as_deref() == Some("csv") {
        let (rows, _) = rows_of(state, signed_in, which, None).await?;
        return csv_response(&name, &rows, which == Which::Recommended);
    }
    let page = PageNo::parse(params.page.as_deref()).unwrap_or_else(|fallback| {
        notices.push("notice-bad-page");
        fallback
    });
    let (rows, total) = rows_of(state, signed_in, which, Some(page)).await?;
    let lang = &signed_in.lang;
    let title = match which {
        Which::Expiring(d) => lang.tn("list-expiring-title", "days", d as i64),
        Which::Underused => lang.t("list-underused-title"),
        Which::Recommended => lang.t("list-recommended-title"),
    };
    let pager = Pager::new(page.0, total, |p| {
        url_with(
            path,
            &[
                ("days", days.clone()),
                ("page", if p > 1 { p.to_string() } else { String::new() }),
            ],
        )
    });
    let ctx = PageCtx::new(signed_in, Nav::Home)
        .crumb(lang.t("nav-home"), "/")
        .here(title.clone());
    render(&ListPage {
        ctx,
        title,
        rows,
        pager,
        csv_href: url_with(path, &[("days", days), ("format", "csv".into())]),
        notices,
        average_key: if which == Which::Recommended {
            "utilization-30"
        } else {
            "utilization-7"
        },
    })
}
