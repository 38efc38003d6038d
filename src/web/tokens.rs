//! API tokens on the pages: each agent's own (make one, shown once; revoke
//! one) under their account, and everyone's for admins.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::context::{Nav, PageCtx};
use super::session::SignedIn;
use super::{AppState, call, paths, render_with_status, see_other};
use crate::app::{self, api_tokens};
use crate::db::api_tokens::Token;
use crate::web::error::AppError;

/// A token as the lists show it.
pub struct Row {
    name: String,
    prefix: String,
    owner: String,
    created_at: chrono::NaiveDateTime,
    expires_at: Option<chrono::NaiveDateTime>,
    last_used_at: Option<chrono::NaiveDateTime>,
    revoked_at: Option<chrono::NaiveDateTime>,
    /// Past its expiry (no longer works).
    expired: bool,
    revoke_action: Option<String>,
}

impl Row {
    fn of(
        token: Token,
        (owner, now): (String, chrono::NaiveDateTime),
        revoke_path: impl Fn(i64) -> String,
    ) -> Row {
        let expired = token.expires_at.is_some_and(|at| at < now);
        Row {
            expired,
            revoke_action: (token.revoked_at.is_none() && !expired).then(|| revoke_path(token.id)),
            name: token.name,
            prefix: token.prefix,
            owner,
            created_at: token.created_at,
            expires_at: token.expires_at,
            last_used_at: token.last_used_at,
            revoked_at: token.revoked_at,
        }
    }
}

/// The account's tokens page.
#[derive(Template)]
#[template(path = "account/tokens.html")]
pub struct TokensPage {
    ctx: PageCtx,
    rows: Vec<Row>,
    /// A token just made: shown once.
    made: Option<String>,
    name: String,
    expires: String,
    name_error: Option<&'static str>,
    expires_error: Option<&'static str>,
    notice: Option<&'static str>,
}

/// Query: `?notice=token-revoked`.
#[derive(Debug, Deserialize)]
pub struct Shown {
    notice: Option<String>,
}

/// `GET /account/tokens`.
pub async fn page(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    query: web::Query<Shown>,
) -> Result<HttpResponse, AppError> {
    let notice = (query.notice.as_deref() == Some("token-revoked")).then_some("token-revoked");
    let form = Form {
        notice,
        ..Form::default()
    };
    show(&state, &signed_in, form, StatusCode::OK).await
}

/// What the form shows besides the list.
#[derive(Default)]
struct Form {
    made: Option<String>,
    name: String,
    expires: String,
    name_error: Option<&'static str>,
    expires_error: Option<&'static str>,
    notice: Option<&'static str>,
}

async fn show(
    state: &AppState,
    signed_in: &SignedIn,
    form: Form,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let tokens = call(state, signed_in.user_actor(), api_tokens::mine).await?;
    let me = signed_in.user.email.clone();
    let now = state.clock.now();
    let rows = tokens
        .into_iter()
        .map(|t| Row::of(t, (me.clone(), now), paths::token_revoke))
        .collect();
    let ctx = PageCtx::new(signed_in, Nav::Account).here(signed_in.lang.t("account-tokens-title"));
    render_with_status(
        &TokensPage {
            ctx,
            rows,
            made: form.made,
            name: form.name,
            expires: form.expires,
            name_error: form.name_error,
            expires_error: form.expires_error,
            notice: form.notice,
        },
        status,
    )
}

/// The new token form.
#[derive(Debug, Deserialize)]
pub struct NewTokenFields {
    #[serde(default)]
    name: String,
    #[serde(default)]
    expires: String,
}

/// `POST /account/tokens`: makes a token and shows it, once.
pub async fn create(
    state: web::Data<AppState>,
    req: HttpRequest,
    signed_in: SignedIn,
    fields: web::Form<NewTokenFields>,
) -> Result<HttpResponse, AppError> {
    let NewTokenFields { name, expires } = fields.into_inner();
    let typed = Form {
        name: name.clone(),
        expires: expires.clone(),
        ..Form::default()
    };
    let day = match expires.trim() {
        "" => None,
        text => match chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            Ok(day) => Some(day),
            Err(_) => {
                let form = Form {
                    expires_error: Some("token-expiry-invalid"),
                    ..typed
                };
                return show(&state, &signed_in, form, StatusCode::UNPROCESSABLE_ENTITY).await;
            }
        },
    };
    let given = name.clone();
    let made = call(&state, signed_in.actor(&req, &state.config), move |ctx| {
        api_tokens::create(ctx, &given, day)
    })
    .await;
    match made {
        Ok(made) => {
            let form = Form {
                made: Some(made.secret),
                ..Form::default()
            };
            show(&state, &signed_in, form, StatusCode::OK).await
        }
        Err(app::Error::Invalid(message)) => {
            let form = if message == "token-expiry-past" {
                Form {
                    expires_error: Some(message),
                    ..typed
                }
            } else {
                Form {
                    name_error: Some(message),
                    ..typed
                }
            };
            show(&state, &signed_in, form, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => Err(e.into()),
    }
}

/// The revoke button's form: it names what it asks for.
#[derive(Debug, Deserialize)]
pub struct RevokeFields {
    action: String,
}

/// `POST /account/tokens/{id}/revoke` and `POST /admin/tokens/{id}/revoke`.
pub async fn revoke(
    state: web::Data<AppState>,
    req: HttpRequest,
    signed_in: SignedIn,
    id: web::Path<String>,
    fields: web::Form<RevokeFields>,
) -> Result<HttpResponse, AppError> {
    if fields.action != "revoke" {
        return Err(AppError::BadRequest("error-bad-request"));
    }
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    call(&state, signed_in.actor(&req, &state.config), move |ctx| {
        api_tokens::revoke(ctx, id)
    })
    .await?;
    let back = if req.path().starts_with("/admin/") {
        paths::ADMIN_TOKENS
    } else {
        paths::ACCOUNT_TOKENS
    };
    Ok(see_other(&format!("{back}?notice=token-revoked")))
}

/// Everyone's tokens (admins).
#[derive(Template)]
#[template(path = "admin/tokens.html")]
pub struct AllTokensPage {
    ctx: PageCtx,
    rows: Vec<Row>,
    notice: Option<&'static str>,
}

/// `GET /admin/tokens`.
pub async fn all(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    query: web::Query<Shown>,
) -> Result<HttpResponse, AppError> {
    let tokens = call(&state, signed_in.user_actor(), api_tokens::all).await?;
    let now = state.clock.now();
    let rows = tokens
        .into_iter()
        .map(|(t, owner)| Row::of(t, (owner, now), paths::admin_token_revoke))
        .collect();
    let ctx = PageCtx::new(&signed_in, Nav::Tokens).here(signed_in.lang.t("nav-tokens"));
    let notice = (query.notice.as_deref() == Some("token-revoked")).then_some("token-revoked");
    render_with_status(&AllTokensPage { ctx, rows, notice }, StatusCode::OK)
}
