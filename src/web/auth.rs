//! Signing in and out.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::context::PageCtx;
use super::session::{self, SignedIn};
use super::{AppState, call, client_address, paths, render_with_status, see_other};
use crate::app::{self, Actor};
use crate::web::error::AppError;

/// The sign-in page.
#[derive(Template)]
#[template(path = "auth/sign_in.html")]
pub struct SignInPage {
    /// Layout data.
    pub ctx: PageCtx,
    /// Email as typed.
    pub email: String,
    /// Where to go afterwards.
    pub next: String,
    /// The error shown above the fields, if any.
    pub error: Option<String>,
}

/// Query string of the sign-in page.
#[derive(Debug, Deserialize)]
pub struct SignInQuery {
    next: Option<String>,
}

/// The sign-in form.
#[derive(Debug, Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

/// The sign-in page. Nothing is stored for a visitor: the form's
/// anti-forgery token is derived from the session cookie's token, which is
/// set here when the browser has none.
async fn page(
    state: &AppState,
    req: &HttpRequest,
    email: String,
    next: String,
    error: Option<String>,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let (new_token, csrf) = match session::cookie_token(req) {
        Some(token) => (None, session::visitor_csrf(&token)),
        None => {
            let token = session::random_token();
            let csrf = session::visitor_csrf(&token);
            (Some(token), csrf)
        }
    };
    let ctx = PageCtx::anonymous(session::lang_of(req), csrf);
    let mut response = render_with_status(
        &SignInPage {
            ctx,
            email,
            next,
            error,
        },
        status,
    )?;
    if let Some(token) = new_token {
        response
            .add_cookie(&session::cookie(state, req, token))
            .map_err(AppError::internal)?;
    }
    Ok(response)
}

/// `GET /sign-in`.
pub async fn sign_in_page(
    state: web::Data<AppState>,
    req: HttpRequest,
    query: web::Query<SignInQuery>,
) -> Result<HttpResponse, AppError> {
    let next = paths::safe_next(query.next.as_deref());
    if let Some((_, Some(user))) = session::current(&state, &req).await?
        && !user.disabled
    {
        return Ok(see_other(&next));
    }
    page(&state, &req, String::new(), next, None, StatusCode::OK).await
}

/// `POST /sign-in`: checks the credentials (the access guard has checked
/// the form's anti-forgery token against this not yet signed-in session);
/// on success replaces the session with a new one, so a planted cookie is
/// worthless, and goes on to `next`. Too many failures for one account or
/// from one address make further attempts wait.
pub async fn sign_in(
    state: web::Data<AppState>,
    req: HttpRequest,
    form: web::Form<SignInForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let lang = session::lang_of(&req);
    let next = paths::safe_next(Some(&form.next));
    let email: String = form.email.trim().chars().take(320).collect();
    let refuse = |key: &str, status| {
        let message = lang.t(key);
        page(
            &state,
            &req,
            email.clone(),
            next.clone(),
            Some(message),
            status,
        )
    };
    // The access guard has checked the form's token against this cookie.
    let Some(old) = session::cookie_token(&req).map(|t| session::hash_token(&t)) else {
        return refuse("sign-in-expired", StatusCode::FORBIDDEN).await;
    };
    if email.is_empty() || form.password.is_empty() {
        return refuse("sign-in-missing", StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let address = client_address(&req, &state.config);
    let keys = [
        format!("email:{}", email.to_lowercase()),
        format!("address:{address}"),
    ];
    let counted = keys.to_vec();
    let begun = call(&state, Actor::visitor(address.clone()), move |ctx| {
        app::throttle::begin(ctx, &counted)
    })
    .await?;
    let attempt = match begun {
        Ok(attempt) => attempt,
        Err(wait) => {
            let seconds = i64::try_from(wait.as_secs()).unwrap_or(60);
            let message = lang.tn("sign-in-throttled", "seconds", seconds);
            let mut response = page(
                &state,
                &req,
                email,
                next,
                Some(message),
                StatusCode::TOO_MANY_REQUESTS,
            )
            .await?;
            response.headers_mut().insert(
                actix_web::http::header::RETRY_AFTER,
                actix_web::http::header::HeaderValue::from(seconds),
            );
            return Ok(response);
        }
    };
    let permit = match state.hashing.permit().await {
        Ok(permit) => permit,
        Err(busy) => {
            call(&state, Actor::visitor(address), move |ctx| {
                app::throttle::abandoned(ctx, attempt)
            })
            .await?;
            return Err(busy.into());
        }
    };
    let password = form.password;
    let typed = email.clone();
    let timeouts = session::timeouts(&state.config);
    let outcome = call(&state, Actor::visitor(address.clone()), move |ctx| {
        app::sessions::sign_in(ctx, &typed, &password, &old, timeouts)
    })
    .await;
    drop(permit);
    // An attempt that failed on the way still counts against the limit.
    let outcome = outcome?;
    match outcome {
        Some(token) => {
            let account = keys[0].clone();
            call(&state, Actor::visitor(address), move |ctx| {
                app::throttle::succeeded(ctx, attempt, &account)
            })
            .await?;
            let mut response = see_other(&next);
            response
                .add_cookie(&session::cookie(&state, &req, token))
                .map_err(AppError::internal)?;
            Ok(response)
        }
        None => {
            // A failure stays counted.
            drop(attempt);
            refuse("sign-in-failed", StatusCode::UNAUTHORIZED).await
        }
    }
}

/// `POST /sign-out`: ends the session on the server and drops the cookie.
pub async fn sign_out(
    state: web::Data<AppState>,
    req: HttpRequest,
    signed_in: SignedIn,
) -> Result<HttpResponse, AppError> {
    let actor = signed_in.actor(&req, &state.config);
    let hash = signed_in.session.token_hash.clone();
    call(&state, actor, move |ctx| {
        app::sessions::sign_out(ctx, &hash)
    })
    .await?;
    state.sessions.forget_session(&signed_in.session.token_hash);
    let mut response = see_other(paths::SIGN_IN);
    response
        .add_cookie(&session::removal_cookie(&state, &req))
        .map_err(AppError::internal)?;
    Ok(response)
}
