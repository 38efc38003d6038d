//! The signed-in user's own account: changing the password.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::context::{Nav, PageCtx};
use super::session::SignedIn;
use super::{AppState, client_address, render_with_status, with_conn};
use crate::db::{self, audit::NewEntry};
use crate::domain::identity::{PasswordProblem, check_password};
use crate::error::AppError;
use crate::passwords;

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
    let mut errors: [Option<&'static str>; 3] = [None; 3];
    if let Err(problem) = check_password(&fields.new, &user.email, &user.display_name) {
        errors[1] = Some(problem.message_id());
    } else if fields.new == fields.current {
        errors[1] = Some(PasswordProblem::SameAsCurrent.message_id());
    } else if fields.new != fields.confirm {
        errors[2] = Some(PasswordProblem::Mismatch.message_id());
    }
    let address = client_address(&req, &state.config);
    let keep = signed_in.session.token_hash.clone();
    let policy_ok = errors.iter().all(Option::is_none);
    let permit = state.hashing.permit().await?;
    let current_ok = with_conn(&state, move |conn| {
        // Verifying and hashing are slow on purpose: off the async executor.
        if !passwords::verify(&fields.current, &user.password_hash) {
            return Ok(false);
        }
        if !policy_ok {
            return Ok(true);
        }
        let hash = passwords::hash(&fields.new).map_err(AppError::internal)?;
        conn.immediate_transaction(|conn| {
            db::users::set_password_hash(conn, user.id, &hash)?;
            db::sessions::delete_for_user(conn, user.id, Some(&keep))?;
            let entry = NewEntry::new(
                (Some(user.id), &user.email),
                "password-changed",
                ("user", &user.email),
                &address,
            );
            db::audit::record(conn, &entry)?;
            Ok::<_, AppError>(true)
        })
    })
    .await?;
    drop(permit);
    if !current_ok {
        errors[0] = Some("password-current-wrong");
    }
    if errors.iter().any(Option::is_some) {
        return page(&signed_in, errors, false, StatusCode::UNPROCESSABLE_ENTITY);
    }
    page(&signed_in, errors, true, StatusCode::OK)
}
