//! The signed-in user's own account: changing the password.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::context::{Nav, PageCtx};
use super::session::SignedIn;
use super::{AppState, call, render_with_status};
use crate::app::{self, sessions::PasswordChange};
use crate::web::error::AppError;

/// The change-password page.
#[derive(Template)]
#[template(path = "account/password.html")]
pub struct PasswordPage {
    ctx: PageCtx,
    current_error: Option<&'static str>,
    new_error: Option<&'static str>,
    confirm_error: Option<&'static str>,
    done: bool,
}

fn page(
    signed_in: &SignedIn,
    errors: [Option<&'static str>; 3],
    done: bool,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let ctx =
        PageCtx::new(signed_in, Nav::Account).here(signed_in.lang.t("account-password-title"));
    let [current_error, new_error, confirm_error] = errors;
    render_with_status(
        &PasswordPage {
            ctx,
            current_error,
            new_error,
            confirm_error,
            done,
        },
        status,
    )
}

/// `GET /account/password`.
pub async fn password_page(signed_in: SignedIn) -> Result<HttpResponse, AppError> {
    page(&signed_in, [None; 3], false, StatusCode::OK)
}

/// The change-password form.
#[derive(Debug, Deserialize)]
pub struct PasswordFields {
    #[serde(default)]
    current: String,
    #[serde(default)]
    new: String,
    #[serde(default)]
    confirm: String,
}

/// `POST /account/password`: checks the current password and the policy,
/// stores the new hash and ends the user's other sessions.
pub async fn change_password(
    state: web::Data<AppState>,
    req: HttpRequest,
    signed_in: SignedIn,
    fields: web::Form<PasswordFields>,
) -> Result<HttpResponse, AppError> {
    let fields = fields.into_inner();
    let user = signed_in.user.clone();
    let keep = signed_in.session.token_hash.clone();
    let change = PasswordChange {
        current: fields.current,
        new: fields.new,
        confirm: fields.confirm,
    };
    let permit = state.hashing.permit().await?;
    let actor = signed_in.actor(&req, &state.config);
    let changed = call(&state, actor, move |ctx| {
        app::sessions::change_password(ctx, &user, &change, &keep)
    })
    .await?;
    drop(permit);
    state.sessions.forget_user(signed_in.user.id);
    if let Err(problems) = changed {
        let errors = [problems.current, problems.new, problems.confirm];
        return page(&signed_in, errors, false, StatusCode::UNPROCESSABLE_ENTITY);
    }
    page(&signed_in, [None; 3], true, StatusCode::OK)
}
