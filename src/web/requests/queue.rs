//! The queue of support requests (filter by status; search by number,
//! reservation ID or order ID).

use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use crate::app::{self};
use crate::db::requests::{RequestRow, Search};
use crate::domain::ids::LookupQuery;
use crate::domain::support::RequestStatus;
use crate::web::context::{Nav, PageCtx};
use crate::web::error::AppError;
use crate::web::paging::{PER_PAGE, PageNo, Pager, url_with};
use crate::web::session::SignedIn;
use crate::web::{AppState, call, paths, render, wants_fragment};

/// Query string of the queue.
#[derive(Debug, Default, Deserialize)]
pub struct QueueParams {
    status: Option<String>,
    q: Option<String>,
    page: Option<String>,
}

/// The queue.
#[derive(Template)]
#[template(path = "requests/queue.html", blocks = ["results"])]
pub struct QueuePage {
    ctx: PageCtx,
    requests: Vec<RequestRow>,
    statuses: Vec<(&'static str, bool)>,
    search: String,
    pager: Pager,
    notices: Vec<&'static str>,
}

impl QueuePage {
    /// Link to a request.
    pub fn href(&self, number: &str) -> String {
        paths::request(number)
    }
}

/// How a search text is read: a request number, or any shape of reservation
/// or order ID.
pub fn search_of(text: &str) -> Option<Search> {
    let text = text.trim();
    if text.is_empty() {
        return Some(Search::All);
    }
    if text.len() == 16 && text.chars().all(|c| c.is_ascii_digit()) {
        return Some(Search::Number(text.to_string()));
    }
    match LookupQuery::parse(text).ok()? {
        LookupQuery::Guid(g) => Some(Search::Guid(g.hyphenated().to_string())),
        LookupQuery::Order(o) => Some(Search::Order(o.to_string())),
        LookupQuery::Reservation(_, r) => Some(Search::Reservation(r.to_string())),
    }
}

/// `GET /requests`.
pub async fn queue(
    state: web::Data<AppState>,
    req: actix_web::HttpRequest,
    signed_in: SignedIn,
    params: web::Query<QueueParams>,
) -> Result<HttpResponse, AppError> {
    let mut notices = Vec::new();
    let status = match params.status.as_deref().map(str::trim) {
        None | Some("") | Some("all") => None,
        Some(s) => RequestStatus::parse(s)
            .filter(|st| st.as_str() == s)
            .or_else(|| {
                notices.push("notice-bad-status");
                None
            }),
    };
    let text: String = params
        .q
        .as_deref()
        .unwrap_or("")
        .trim()
        .chars()
        .take(300)
        .collect();
    let search = search_of(&text).unwrap_or_else(|| {
        notices.push("notice-bad-request-search");
        Search::All
    });
    let page = PageNo::parse(params.page.as_deref()).unwrap_or_else(|fallback| {
        notices.push("notice-bad-page");
        fallback
    });
    let actor = signed_in.user_actor();
    let (rows, total) = call(&state, actor, move |ctx| {
        app::requests::view::queue(ctx, status, search, (page.offset(), PER_PAGE))
    })
    .await?;
    let status_key = status.map(|s| s.as_str()).unwrap_or("").to_string();
    let pager = Pager::new(page.0, total, |p| {
        url_with(
            paths::REQUESTS,
            &[
                ("status", status_key.clone()),
                ("q", text.clone()),
                ("page", if p > 1 { p.to_string() } else { String::new() }),
            ],
        )
    });
    let statuses = RequestStatus::ALL
        .iter()
        .map(|s| (s.as_str(), status == Some(*s)))
        .collect();
    let ctx = PageCtx::new(&signed_in, Nav::Requests).here(signed_in.lang.t("nav-requests"));
    let page = QueuePage {
        ctx,
        requests: rows,
        statuses,
        search: text,
        pager,
        notices,
    };
    if wants_fragment(&req, "results") {
        render(&page.as_results())
    } else {
        render(&page)
    }
}
