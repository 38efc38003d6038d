//! The API's support requests: the list, one request, creating a refund
//! or an exchange (with the wizard's checks and policy, idempotent by the
//! `Idempotency-Key` header), approving and rejecting.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};

use super::auth::Caller;
use super::error::{ApiError, english};
use super::json::{self, List};
use crate::app::requests::direct;
use crate::app::requests::drafts::{Contact, Creation};
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
    /// The contact's first name (the token's agent's, unless given).
    pub first_name: Option<String>,
    /// The contact's last name (the token's agent's, unless given).
    pub last_name: Option<String>,
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
    raw: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let body: NewRequest = serde_json::from_slice(&raw)
        .map_err(|e| ApiError::bad_request(format!("The JSON body could not be read: {e}")))?;
    let body_hash = crate::app::sessions::hash_token(&String::from_utf8_lossy(&raw));
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
        if let Some(key) = &key
            && let Some(earlier) = claim(ctx, (user.id, key), &body_hash)?
        {
            return Ok(earlier);
        }
        let outcome = make(ctx, &user, reservation, kind, &body);
        if let Some(key) = &key {
            let who = (user.id, key.as_str());
            match &outcome {
                Ok(Made::Created(number)) => ctx.transaction(|ctx| {
                    Ok(crate::db::api_tokens::key_made(
                        ctx.conn, who.0, who.1, number,
                    )?)
                })?,
                _ => ctx.transaction(|ctx| {
                    Ok(crate::db::api_tokens::release_key(ctx.conn, who.0, who.1)?)
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
        Made::Mismatch => Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "idempotency_mismatch",
            "This Idempotency-Key was used with another body: use a new key for another request.",
        )),
        Made::AlreadyOpen(number) => Err(ApiError::new(
            StatusCode::CONFLICT,
            "already_open",
            format!("Request {number} about this reservation is open already."),
        )),
        Made::Refused(why) => Err(ApiError::new(StatusCode::CONFLICT, "refused", why)),
        Made::Invalid(fields) => Err(ApiError {
            fields,
            ..ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid",
                "Some fields are not valid: see fields.",
            )
        }),
    }
}

/// How long a claimed key whose call made nothing waits before another
/// call may take it over (its call stopped midway).
const KEY_STALE_AFTER: chrono::TimeDelta = chrono::TimeDelta::minutes(5);

/// Claims the idempotency key `key` of `user` for a body hashing to
/// `body_hash`; what an earlier call with it answers, if one did.
fn claim(
    ctx: &mut crate::app::Ctx<'_>,
    (user, key): (crate::db::keys::UserKey, &str),
    body_hash: &str,
) -> Result<Option<Made>, app::Error> {
    ctx.transaction(|ctx| {
        let now = ctx.clock.now();
        if crate::db::api_tokens::claim_key(ctx.conn, (user, key), body_hash, now)? {
            return Ok(None);
        }
        Ok(Some(
            match crate::db::api_tokens::key_outcome(ctx.conn, user, key)? {
                Some((hash, _)) if hash != body_hash => Made::Mismatch,
                Some((_, Some(number))) => Made::Replayed(number),
                _ if crate::db::api_tokens::take_over_key(
                    ctx.conn,
                    (user, key),
                    now - KEY_STALE_AFTER,
                    now,
                )? =>
                {
                    return Ok(None);
                }
                _ => Made::InProgress,
            },
        ))
    })
}

/// What a creation came to.
enum Made {
    Created(String),
    Replayed(String),
    InProgress,
    Mismatch,
    AlreadyOpen(String),
    Refused(String),
    Invalid(Vec<(String, String)>),
}

/// Creates the request from the wizard's defaults and what the call gives
/// (in a draft of its own, gone again when nothing is created).
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
    let created = direct::create(ctx, reservation, kind, (&contact, &lang), |fields| {
        fields.description = body.description.clone();
        let given = [
            (&mut fields.summary, &body.summary),
            (&mut fields.severity, &body.severity),
            (&mut fields.phone, &body.phone),
            (&mut fields.first_name, &body.first_name),
            (&mut fields.last_name, &body.last_name),
        ];
        for (field, value) in given {
            if let Some(value) = value {
                *field = value.clone();
            }
        }
        // A one-word name leaves no last name: the first stands for both
        // unless the call gives one.
        if fields.last_name.trim().is_empty() {
            fields.last_name = fields.first_name.clone();
        }
        if let Some(new) = &body.exchange {
            fields.new_sku = new.sku.clone();
            fields.new_region = new.region.clone();
            fields.new_term = new.term.clone();
            fields.new_quantity = new.quantity.to_string();
        }
    })?;
    Ok(match created {
        Creation::Done(number) => Made::Created(number),
        Creation::AlreadyOpen(number) => Made::AlreadyOpen(number),
        Creation::Invalid(errors) if errors.contains_key("quote") => {
            Made::Refused(english(errors["quote"]))
        }
        Creation::Invalid(errors) => Made::Invalid(
            errors
                .into_iter()
                .map(|(field, id)| (field.to_string(), english(id)))
                .collect(),
        ),
    })
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
