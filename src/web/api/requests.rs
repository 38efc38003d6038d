//! The API's support requests: the list, one request, creating a refund
//! or an exchange (with the wizard's checks and policy, idempotent by the
//! `Idempotency-Key` header), approving and rejecting.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};

use super::auth::Caller;
use super::error::{ApiError, english};
use super::json::{self, List, Paging};
use crate::app::requests::drafts::{self, Contact, Creation, Started};
use crate::app::requests::{self as use_cases, Reason};
use crate::app::{self};
use crate::db::requests::Search;
use crate::domain::ids::ReservationId;
use crate::domain::support::{RequestKind, RequestStatus};
use crate::i18n::Lang;
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
    let paging = Paging {
        page: query.page.clone(),
        per_page: query.per_page.clone(),
    }
    .parse()?;
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
    let list = List::of(items, total, paging, |p| {
        crate::web::paging::url_with(
            "/api/v1/requests",
            &[
                ("status", wanted.clone()),
                ("page", p.to_string()),
                ("per_page", paging.1.to_string()),
            ],
        )
    });
    json::ok(&req, &list)
}

/// The request `number`, as the API shows it.
async fn read(
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

/// A refund or exchange to ask for. Fields left out take the wizard's
/// defaults (the reservation's subscription, the token's agent as the
/// contact, severity Minimal).
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct NewRequest {
    /// The reservation ID (GUID).
    pub reservation_id: String,
    /// `Refund` or `Exchange`.
    pub kind: String,
    /// What happened (the wizard's description).
    pub description: String,
    /// A one-line summary.
    pub summary: Option<String>,
    /// `Minimal`, `Moderate`, `Critical` or `Highest critical impact`.
    pub severity: Option<String>,
    /// The exchange's new reservation.
    pub exchange: Option<NewReservation>,
    /// Phone of the contact.
    pub phone: Option<String>,
}

/// The new reservation of an exchange.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct NewReservation {
    /// SKU name.
    pub sku: String,
    /// Region.
    pub region: String,
    /// `P1Y`, `P3Y` or `P5Y`.
    pub term: String,
    /// Quantity.
    pub quantity: u32,
}

/// Creates a refund or exchange request, with the same checks as the
/// wizard's Review. With an `Idempotency-Key` header, sending the same
/// call again answers with the request the first one made.
#[utoipa::path(post, path = "/api/v1/requests", request_body = NewRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a repeated call answer with the first one's request")),
    responses((status = 201, body = RequestDetail), (status = 200, body = RequestDetail, description = "The request an earlier call with this key made"),
        (status = 409, body = super::error::ErrorBody), (status = 422, body = super::error::ErrorBody)),
    security(("token" = [])))]
pub async fn create(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: Caller,
    body: web::Json<NewRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let key = match req.headers().get("idempotency-key") {
        None => None,
        Some(v) => Some(
            v.to_str()
                .ok()
                .map(str::trim)
                .filter(|k| (1..=200).contains(&k.len()) && k.chars().all(|c| c.is_ascii_graphic()))
                .ok_or_else(|| {
                    ApiError::bad_request(
                        "Idempotency-Key must be 1 to 200 visible ASCII characters.",
                    )
                })?
                .to_string(),
        ),
    };
    let kind = match body.kind.as_str() {
        "Refund" => RequestKind::Refund,
        "Exchange" => RequestKind::Exchange,
        _ => return Err(ApiError::bad_request("kind must be Refund or Exchange.")),
    };
    let reservation: ReservationId = body
        .reservation_id
        .parse()
        .map_err(|_| ApiError::not_found())?;
    let user = caller.user.clone();
    let made = call(&state, caller.actor(), move |ctx| {
        if let Some(key) = &key {
            let now = ctx.clock.now();
            let claimed = ctx.transaction(|ctx| {
                Ok(crate::db::api_tokens::claim_key(
                    ctx.conn, user.id, key, now,
                )?)
            })?;
            if !claimed {
                return Ok(
                    match crate::db::api_tokens::key_outcome(ctx.conn, user.id, key)? {
                        Some(Some(number)) => Made::Replayed(number),
                        _ => Made::InProgress,
                    },
                );
            }
        }
        let outcome = make(ctx, &user, reservation, kind, &body);
        if let Some(key) = &key {
            match &outcome {
                Ok(Made::Created(number)) => ctx.transaction(|ctx| {
                    Ok(crate::db::api_tokens::key_made(
                        ctx.conn, user.id, key, number,
                    )?)
                })?,
                _ => ctx.transaction(|ctx| {
                    Ok(crate::db::api_tokens::release_key(ctx.conn, user.id, key)?)
                })?,
            }
        }
        outcome
    })
    .await?;
    match made {
        Made::Created(number) => {
            let detail = read(&state, &caller, number).await?;
            json::answer(&req, StatusCode::CREATED, &detail)
        }
        Made::Replayed(number) => {
            let detail = read(&state, &caller, number).await?;
            json::ok(&req, &detail)
        }
        Made::InProgress => Err(ApiError::new(
            StatusCode::CONFLICT,
            "in_progress",
            "A call with this Idempotency-Key is still running: try again shortly.",
        )),
        Made::AlreadyOpen(number) => Err(ApiError::new(
            StatusCode::CONFLICT,
            "already_open",
            format!("Request {number} about this reservation is open already."),
        )),
        Made::Invalid(errors) => Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            "Some fields are not valid.",
        ))
        .map_err(|e| invalid(e, errors)),
    }
}

/// What a creation came to.
enum Made {
    Created(String),
    Replayed(String),
    InProgress,
    AlreadyOpen(String),
    Invalid(Vec<(String, String)>),
}

/// Carries the field errors of an `invalid` answer in its message.
fn invalid(mut e: ApiError, errors: Vec<(String, String)>) -> ApiError {
    let list: Vec<String> = errors.iter().map(|(f, m)| format!("{f}: {m}")).collect();
    e.message = format!("{} {}", e.message, list.join("; "));
    e
}

/// Starts the draft, fills it, and creates the request (the draft is
/// discarded when nothing is created).
fn make(
    ctx: &mut crate::app::Ctx<'_>,
    user: &crate::db::users::User,
    reservation: ReservationId,
    kind: RequestKind,
    body: &NewRequest,
) -> Result<Made, app::Error> {
    let lang = Lang::from_tag("en-US").ok_or_else(|| app::Error::internal("no English"))?;
    let contact = Contact {
        name: user.display_name.clone(),
        email: user.email.clone(),
    };
    let token = match drafts::start(ctx, reservation, kind, &contact, &lang)? {
        Started::Draft(token) => token,
        Started::AlreadyOpen(number) => return Ok(Made::AlreadyOpen(number)),
    };
    let mut fields = drafts::open(ctx, &token, None)?.fields;
    fields.description = body.description.clone();
    if let Some(summary) = &body.summary {
        fields.summary = summary.clone();
    }
    if let Some(severity) = &body.severity {
        fields.severity = severity.clone();
    }
    if let Some(phone) = &body.phone {
        fields.phone = phone.clone();
    }
    if let Some(new) = &body.exchange {
        fields.new_sku = new.sku.clone();
        fields.new_region = new.region.clone();
        fields.new_term = new.term.clone();
        fields.new_quantity = new.quantity.to_string();
    }
    drafts::save(ctx, &token, &fields)?;
    match drafts::create(ctx, &token)? {
        Creation::Done(number) => Ok(Made::Created(number)),
        Creation::AlreadyOpen(number) => {
            drafts::discard(ctx, &token)?;
            Ok(Made::AlreadyOpen(number))
        }
        Creation::Invalid(errors) => {
            drafts::discard(ctx, &token)?;
            Ok(Made::Invalid(
                errors
                    .into_iter()
                    .map(|(field, id)| (field.to_string(), english(id)))
                    .collect(),
            ))
        }
    }
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
