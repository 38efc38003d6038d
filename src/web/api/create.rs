//! The API's creation of a refund or exchange request: the wizard's
//! checks and policy, in a draft of the call's own, idempotent by the
//! `Idempotency-Key` header (the key remembers its body and its request).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use super::auth::Caller;
use super::error::{ApiError, english};
use super::json;
use super::requests::{RequestDetail, read};
use crate::app::requests::direct;
use crate::app::requests::drafts::{Contact, Creation};
use crate::app::{self};
use crate::domain::ids::ReservationId;
use crate::domain::support::RequestKind;
use crate::i18n::Lang;
use crate::web::{AppState, call};

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
