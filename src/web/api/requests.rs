//! The API's support requests: the list, one request, approving and
//! rejecting (creating one is in [`super::create`]).

use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};

use super::auth::Caller;
use super::error::ApiError;
use super::json::{self, List};
use crate::app::requests::{self as use_cases, Reason};
use crate::db::requests::Search;
use crate::domain::support::RequestStatus;
use crate::web::{AppState, call};

/// A support request.
#[derive(Serialize, utoipa::ToSchema)]
pub struct RequestItem {
    /// Its number.
    pub number: String,
    /// `Refund`, `Exchange` or `Other`.
    pub kind: String,
    /// `Open`, `Approved`, `Rejected` or `Completed`.
    pub status: String,
    /// Its summary.
    pub title: String,
    /// The reservation ID.
    pub reservation_id: String,
    /// The customer's company name.
    pub company: String,
    /// When created (UTC).
    pub created_at: chrono::NaiveDateTime,
    /// Its page in the API.
    pub href: String,
}

/// A support request, with its decision.
#[derive(Serialize, utoipa::ToSchema)]
pub struct RequestDetail {
    /// The request.
    #[serde(flatten)]
    pub request: RequestItem,
    /// Who decided.
    pub decided_by: Option<String>,
    /// When decided (UTC).
    pub decided_at: Option<chrono::NaiveDateTime>,
    /// Why it was rejected.
    pub reason: Option<String>,
    /// The quote it was created with (the dashboard's JSON).
    pub quote: serde_json::Value,
}

/// The request list's query.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RequestQuery {
    /// Open, Approved, Rejected or Completed.
    pub status: Option<String>,
    /// From 1.
    pub page: Option<String>,
    /// 1 to 100 (25).
    pub per_page: Option<String>,
}

/// Every support request, newest first, a page at a time.
#[utoipa::path(get, path = "/api/v1/requests", params(RequestQuery),
    responses((status = 200, body = List<RequestItem>), (status = 401, body = super::error::ErrorBody)),
    security(("token" = [])))]
pub async fn list(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: Caller,
    query: web::Query<RequestQuery>,
) -> Result<HttpResponse, ApiError> {
    let paging = json::paging(query.page.as_deref(), query.per_page.as_deref())?;
    let wanted = query.status.clone().unwrap_or_default();
    let status = match wanted.as_str() {
        "" => None,
        s => Some(
            RequestStatus::parse(s)
                .ok_or_else(|| ApiError::bad_request("status is not one of the statuses."))?,
        ),
    };
    let (rows, total) = call(&state, caller.actor(), move |ctx| {
        use_cases::view::queue(
            ctx,
            status,
            Search::All,
            ((paging.0 - 1) * paging.1, paging.1),
        )
    })
    .await?;
    let items = rows
        .into_iter()
        .map(|r| RequestItem {
            href: format!("/api/v1/requests/{}", r.number),
            number: r.number,
            kind: r.kind.as_str().into(),
            status: r.status.as_str().into(),
            title: r.title,
            reservation_id: r.reservation_guid.to_string(),
            company: r.company_name,
            created_at: r.created_at,
        })
        .collect();
    let list = List::of(
        items,
        total,
        paging,
        ("/api/v1/requests", ("status", wanted)),
    );
    json::ok(&req, &list)
}

/// The request `number`, as the API shows it.
pub(super) async fn read(
    state: &AppState,
    caller: &Caller,
    number: String,
) -> Result<RequestDetail, ApiError> {
    let d = call(state, caller.actor(), move |ctx| {
        use_cases::view::detail(ctx, &number)
    })
    .await?;
    let r = d.request;
    Ok(RequestDetail {
        request: RequestItem {
            href: format!("/api/v1/requests/{}", r.number),
            number: r.number,
            kind: r.kind.as_str().into(),
            status: r.status.as_str().into(),
            title: r.title,
            reservation_id: d.reservation.reservation_guid.to_string(),
            company: d.company,
            created_at: r.created_at,
        },
        decided_by: r.decided_by,
        decided_at: r.decided_at,
        reason: r.decision_reason,
        quote: serde_json::from_str(&r.quote).unwrap_or(serde_json::Value::Null),
    })
}

/// A support request.
#[utoipa::path(get, path = "/api/v1/requests/{number}", params(("number" = String, Path, description = "The request number")),
    responses((status = 200, body = RequestDetail), (status = 404, body = super::error::ErrorBody)),
    security(("token" = [])))]
pub async fn detail(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: Caller,
    number: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let detail = read(&state, &caller, number.into_inner()).await?;
    json::ok(&req, &detail)
}

/// Approves request `number` (Support agents), re-checking the policy.
#[utoipa::path(post, path = "/api/v1/requests/{number}/approve", params(("number" = String, Path, description = "The request number")),
    responses((status = 200, body = RequestDetail), (status = 409, body = super::error::ErrorBody)),
    security(("token" = [])))]
pub async fn approve(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: Caller,
    number: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let number = number.into_inner();
    let n = number.clone();
    call(&state, caller.actor(), move |ctx| {
        use_cases::approve(ctx, &n)
    })
    .await?;
    let detail = read(&state, &caller, number).await?;
    json::ok(&req, &detail)
}

/// Why a request is rejected.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct Rejection {
    /// The reason, as the request's creator will read it.
    pub reason: String,
}

/// Rejects request `number` (Support agents), giving a reason.
#[utoipa::path(post, path = "/api/v1/requests/{number}/reject", request_body = Rejection,
    params(("number" = String, Path, description = "The request number")),
    responses((status = 200, body = RequestDetail), (status = 409, body = super::error::ErrorBody), (status = 422, body = super::error::ErrorBody)),
    security(("token" = [])))]
pub async fn reject(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: Caller,
    number: web::Path<String>,
    body: web::Json<Rejection>,
) -> Result<HttpResponse, ApiError> {
    let number = number.into_inner();
    let reason = Reason::parse(&body.reason)?;
    let n = number.clone();
    call(&state, caller.actor(), move |ctx| {
        use_cases::reject(ctx, &n, &reason)
    })
    .await?;
    let detail = read(&state, &caller, number).await?;
    json::ok(&req, &detail)
}
