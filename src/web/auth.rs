//! Signing in and out.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::context::PageCtx;
use super::session::{self, SignedIn};
use super::{AppState, paths, render_with_status, see_other, with_conn};
use crate::db;
use crate::error::AppError;
use crate::passwords;

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
    /// Message ID of an error, if any.
    pub error: Option<&'static str>,
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

/// The sign-in page, with a session (not yet signed in) holding the
/// anti-forgery token of the form.
async fn page(
    state: &AppState,
    req: &HttpRequest,
    email: String,
    next: String,
    error: Option<&'static str>,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let existing = session::current(state, req).await?;
    let (new_token, csrf) = match existing {
        Some((s, _)) => (None, s.csrf_token),
        None => {
            let (token, s) = with_conn(state, |conn| session::start(conn, None)).await?;
            (Some(token), s.csrf_token)
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
            .add_cookie(&session::cookie(state, token))
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
    if let Some((_, Some(user))) = session::current(&state, &req).await?
        && !user.disabled
    {
        return Ok(see_other(&paths::safe_next(query.next.as_deref())));
    }
    let next = paths::safe_next(query.next.as_deref());
    page(&state, &req, String::new(), next, None, StatusCode::OK).await
}

/// `POST /sign-in`: checks the form's token and the credentials; on success
/// replaces the session with a new one (a new ID, so a planted cookie is
/// worthless) and goes on to `next`.
pub async fn sign_in(
    state: web::Data<AppState>,
    req: HttpRequest,
    form: web::Form<SignInForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let next = paths::safe_next(Some(&form.next));
    let email: String = form.email.trim().chars().take(320).collect();
    // The access guard has checked the form's anti-forgery token against
    // this (not yet signed-in) session.
    let Some((old, _)) = session::current(&state, &req).await? else {
        return page(
            &state,
            &req,
            email,
            next,
            Some("sign-in-expired"),
            StatusCode::FORBIDDEN,
        )
        .await;
    };
    if email.is_empty() || form.password.is_empty() {
        return page(
            &state,
            &req,
            email,
            next,
            Some("sign-in-missing"),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let address = req
        .connection_info()
        .realip_remote_addr()
        .map(str::to_string);
    let password = form.password;
    let typed = email.clone();
    let outcome = with_conn(&state, move |conn| {
        let user = db::users::find_by_email(conn, &typed)?;
        // An unknown email costs as much as a wrong password.
        let stored = user
            .as_ref()
            .map_or(passwords::decoy_hash(), |u| u.password_hash.as_str());
        let ok = passwords::verify(&password, stored);
        let user = user.filter(|u| ok && !u.disabled);
        let at = session::now();
        conn.immediate_transaction(|conn| {
            let entry = |action: &str, actor: Option<i64>| db::audit::NewEntry {
                at,
                actor_user_id: actor,
                actor_email: typed.to_lowercase(),
                action: action.to_string(),
                object_type: "user".into(),
                object_id: typed.to_lowercase(),
                before_value: None,
                after_value: None,
                client_address: address.clone(),
            };
            match &user {
                Some(u) => {
                    db::sessions::delete(conn, &old.token_hash)?;
                    let (token, _) = session::start(conn, Some(u.id))?;
                    db::audit::record(conn, &entry("sign-in", Some(u.id)))?;
                    Ok::<_, AppError>(Some(token))
                }
                None => {
                    db::audit::record(conn, &entry("sign-in-failed", None))?;
                    Ok(None)
                }
            }
        })
    })
    .await?;
    match outcome {
        Some(token) => {
            let mut response = see_other(&next);
            response
                .add_cookie(&session::cookie(&state, token))
                .map_err(AppError::internal)?;
            Ok(response)
        }
        None => {
            page(
                &state,
                &req,
                email,
                next,
                Some("sign-in-failed"),
                StatusCode::UNAUTHORIZED,
            )
            .await
        }
    }
}

/// `POST /sign-out`: ends the session on the server and drops the cookie.
pub async fn sign_out(
    state: web::Data<AppState>,
    req: HttpRequest,
    signed_in: SignedIn,
) -> Result<HttpResponse, AppError> {
    let address = req
        .connection_info()
        .realip_remote_addr()
        .map(str::to_string);
    let hash = signed_in.session.token_hash.clone();
    let user = signed_in.user.clone();
    with_conn(&state, move |conn| {
        conn.immediate_transaction(|conn| {
            db::sessions::delete(conn, &hash)?;
            db::audit::record(
                conn,
                &db::audit::NewEntry {
                    at: session::now(),
                    actor_user_id: Some(user.id),
                    actor_email: user.email.clone(),
                    action: "sign-out".into(),
                    object_type: "user".into(),
                    object_id: user.email.clone(),
                    before_value: None,
                    after_value: None,
                    client_address: address,
                },
            )?;
            Ok::<_, AppError>(())
        })
    })
    .await?;
    let mut response = see_other(paths::SIGN_IN);
    response
        .add_cookie(&session::removal_cookie(&state))
        .map_err(AppError::internal)?;
    Ok(response)
}
