//! The API's guard: a bearer token (never a cookie), its rate limit, the
//! route's access as the site map declares it, and an audit entry for
//! every call.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::{StatusCode, header};
use actix_web::middleware::Next;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};

use super::error::ApiError;
use crate::app::api_tokens::{self, Refused};
use crate::app::{self, Actor};
use crate::db::api_tokens::Token;
use crate::db::users::User;
use crate::web::AppState;
use crate::web::access::Access;

/// The agent a call acts as, and the token it came with.
#[derive(Debug, Clone)]
pub struct Caller {
    /// The token's agent.
    pub user: User,
    /// The token.
    pub token: Token,
    /// The client's address.
    pub address: String,
}

impl Caller {
    /// The agent as the service layer sees them.
    pub fn actor(&self) -> Actor {
        Actor::user(&self.user, self.address.clone())
    }
}

impl FromRequest for Caller {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Caller, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(
            req.extensions()
                .get::<Caller>()
                .cloned()
                .ok_or_else(|| ApiError::unauthorized("A bearer token is required.")),
        )
    }
}

/// Calls per token and minute, counted on this node.
#[derive(Debug)]
pub struct Limits {
    per_minute: u32,
    windows: Mutex<HashMap<i64, (Instant, u32)>>,
}

impl Limits {
    /// `per_minute` calls per token and minute.
    pub fn new(per_minute: u32) -> Limits {
        Limits {
            per_minute: per_minute.max(1),
            windows: Mutex::new(HashMap::new()),
        }
    }

    /// Counts a call of token `id`; the seconds to wait when it is one too
    /// many.
    pub fn take(&self, id: i64) -> Result<(), u64> {
        let now = Instant::now();
        let mut windows = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        if windows.len() > 10_000 {
            windows.retain(|_, (start, _)| now.duration_since(*start) < Duration::from_secs(60));
        }
        let (start, count) = windows.entry(id).or_insert((now, 0));
        if now.duration_since(*start) >= Duration::from_secs(60) {
            *start = now;
            *count = 0;
        }
        if *count >= self.per_minute {
            let left = Duration::from_secs(60).saturating_sub(now.duration_since(*start));
            // Rounded up: waiting that long is enough.
            return Err(left.as_millis().div_ceil(1000).max(1) as u64);
        }
        *count += 1;
        Ok(())
    }
}

/// The guard of an API route with `access`.
pub async fn authorize(
    access: Access,
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    match check(access, &mut req).await {
        Ok(caller) => {
            let call = format!("{} {}", req.method(), req.path());
            let state = req.app_data::<web::Data<AppState>>().cloned();
            let response = next.call(req).await?;
            let status = response.status().as_u16();
            if let Some(state) = state {
                let recorded = crate::web::call(&state, caller.actor(), move |ctx| {
                    api_tokens::record_use(ctx, &caller.token, &call, status)
                })
                .await;
                if let Err(cause) = recorded {
                    tracing::warn!(%cause, "recording an API call failed");
                }
            }
            Ok(response.map_into_left_body())
        }
        Err((error, caller)) => {
            tracing::warn!(status = error.status.as_u16(), code = error.code, path = %req.path(), "API call refused");
            if let (Some(caller), Some(state)) =
                (caller, req.app_data::<web::Data<AppState>>().cloned())
            {
                let call = format!("{} {}", req.method(), req.path());
                let status = error.status.as_u16();
                let recorded = crate::web::call(&state, caller.actor(), move |ctx| {
                    api_tokens::record_use(ctx, &caller.token, &call, status)
                })
                .await;
                if let Err(cause) = recorded {
                    tracing::warn!(%cause, "recording an API call failed");
                }
            }
            let response = error.answer();
            Ok(req.into_response(response).map_into_right_body())
        }
    }
}

/// The caller, or why not (with the caller when the token was good, so
/// that the refusal is audited as theirs).
async fn check(
    access: Access,
    req: &mut ServiceRequest,
) -> Result<Caller, (ApiError, Option<Caller>)> {
    let mut known = None;
    identify(access, req, &mut known)
        .await
        .map_err(|e| (e, known))
}

async fn identify(
    access: Access,
    req: &mut ServiceRequest,
    known: &mut Option<Caller>,
) -> Result<Caller, ApiError> {
    let uri = req.uri().to_string();
    if uri.contains('\0') || uri.to_ascii_lowercase().contains("%00") {
        return Err(ApiError::bad_request("The request holds a NUL byte."));
    }
    let state = req
        .app_data::<web::Data<AppState>>()
        .cloned()
        .ok_or_else(|| ApiError::from(app::Error::internal("application state missing")))?;
    // Only a bearer token: a session cookie is not a way into the API (a
    // page could otherwise make the browser call it).
    let secret = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim().to_string())
        .ok_or_else(|| {
            ApiError::unauthorized("Send a personal API token: Authorization: Bearer pd_…")
        })?;
    let clock = state.clock;
    let pool = state.pool.clone();
    let found = web::block(move || {
        let mut conn = pool.get().map_err(app::Error::from)?;
        api_tokens::authenticate(&mut conn, &secret, clock.now())
    })
    .await??;
    let (token, user) = found.map_err(|why| {
        ApiError::unauthorized(match why {
            Refused::Unknown => "This token is not known.",
            Refused::Revoked => "This token was revoked.",
            Refused::Expired => "This token has expired.",
            Refused::Disabled => "This token's agent may no longer sign in.",
        })
    })?;
    *known = Some(Caller {
        address: crate::web::client_address(req.request(), &state.config),
        user: user.clone(),
        token: token.clone(),
    });
    if let Err(wait) = state.api_limits.take(token.id) {
        return Err(ApiError {
            retry_after: Some(wait),
            ..ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                format!("Too many calls with this token: wait {wait} s."),
            )
        });
    }
    if !access.allows(Some(user.role)) {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            "The token's agent may not do this.",
        ));
    }
    let caller = Caller {
        address: crate::web::client_address(req.request(), &state.config),
        user,
        token,
    };
    req.extensions_mut().insert(caller.clone());
    Ok(caller)
}
