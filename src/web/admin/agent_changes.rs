//! Changes to one agent: their role, disabling or enabling them, and a new
//! password (each through `app::agents`, after confirming what cannot be
//! undone).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use super::{CreateForm, agent_role, agents_page};
use crate::app::{self, Refusal};
use crate::db::keys::UserKey;
use crate::web::confirm::{self, Confirmation};
use crate::web::context::Nav;
use crate::web::error::AppError;
use crate::web::paths;
use crate::web::session::SignedIn;
use crate::web::{AppState, call, see_other};

fn parse_user_id(raw: &str) -> Result<UserKey, AppError> {
    raw.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .map(UserKey)
        .ok_or(AppError::NotFound)
}

/// The role form.
#[derive(Debug, Deserialize)]
pub struct RoleFields {
    #[serde(default)]
    role: String,
}

/// `POST /admin/agents/{id}/role`.
pub async fn change_role(
    state: web::Data<AppState>,
    req: HttpRequest,
    signed_in: SignedIn,
    id: web::Path<String>,
    fields: web::Form<RoleFields>,
) -> Result<HttpResponse, AppError> {
    let id = parse_user_id(&id)?;
    let Some(role) = agent_role(&fields.role) else {
        return refused(&state, &signed_in, app::Error::Invalid("role-unknown")).await;
    };
    let actor = signed_in.actor(&req, &state.config);
    match call(&state, actor, move |ctx| {
        app::agents::change_role(ctx, id, role)
    })
    .await
    .inspect(|_| state.sessions.forget_user(id))
    {
        Ok(()) => Ok(see_other(&paths::agents_with_notice("agent-role-changed"))),
        Err(refusal) => refused(&state, &signed_in, refusal).await,
    }
}

/// The status form.
#[derive(Debug, Deserialize)]
pub struct StatusFields {
    #[serde(default)]
    disabled: String,
    #[serde(default)]
    confirmed: String,
}

/// An irreversible action on an agent, as its confirmation names it.
struct AgentAction {
    /// `confirm-{key}-title` and `confirm-{key}` are its messages.
    key: &'static str,
    /// The last segment of its address.
    path: &'static str,
    /// The field posted again with the confirmation.
    field: (&'static str, &'static str),
    /// Message ID of its button.
    label: &'static str,
}

/// The page asking to confirm `action` on the agent `id`.
async fn ask_about_agent(
    state: &AppState,
    signed_in: &SignedIn,
    id: UserKey,
    action: AgentAction,
) -> Result<HttpResponse, AppError> {
    let email = call(state, signed_in.user_actor(), move |ctx| {
        Ok(app::agents::find(ctx, id)?.email)
    })
    .await?;
    let lang = &signed_in.lang;
    confirm::page(
        signed_in,
        Nav::Agents,
        Confirmation {
            title: lang.ts(&format!("confirm-{}-title", action.key), "email", &email),
            message: lang.ts(&format!("confirm-{}", action.key), "email", &email),
            action: &paths::agent_change(id, action.path),
            fields: vec![(action.field.0.into(), action.field.1.into())],
            confirm_label: lang.t(action.label),
            back: paths::ADMIN_AGENTS.into(),
        },
    )
}

/// `POST /admin/agents/{id}/status`: disables an agent (ending their
/// sessions at once) or enables them again.
pub async fn change_status(
    state: web::Data<AppState>,
    req: HttpRequest,
    signed_in: SignedIn,
    id: web::Path<String>,
    fields: web::Form<StatusFields>,
) -> Result<HttpResponse, AppError> {
    let id = parse_user_id(&id)?;
    let disable = match fields.disabled.as_str() {
        "true" => true,
        "false" => false,
        _ => return Err(AppError::BadRequest("error-bad-request")),
    };
    if disable && !confirm::is_confirmed(&fields.confirmed) {
        let action = AgentAction {
            key: "disable",
            path: "status",
            field: ("disabled", "true"),
            label: "agent-disable",
        };
        return ask_about_agent(&state, &signed_in, id, action).await;
    }
    let actor = signed_in.actor(&req, &state.config);
    match call(&state, actor, move |ctx| {
        app::agents::set_disabled(ctx, id, disable)
    })
    .await
    .inspect(|_| state.sessions.forget_user(id))
    {
        Ok(()) => Ok(see_other(&paths::agents_with_notice(if disable {
            "agent-disabled"
        } else {
            "agent-enabled"
        }))),
        Err(refusal) => refused(&state, &signed_in, refusal).await,
    }
}

/// The reset-password form: a button that says what it does.
#[derive(Debug, Deserialize)]
pub struct ResetFields {
    #[serde(default)]
    confirm: String,
    #[serde(default)]
    confirmed: String,
}

/// `POST /admin/agents/{id}/password`: gives the agent a new generated
/// password, shown once, and ends their sessions.
pub async fn reset_password(
    state: web::Data<AppState>,
    req: HttpRequest,
    signed_in: SignedIn,
    id: web::Path<String>,
    fields: web::Form<ResetFields>,
) -> Result<HttpResponse, AppError> {
    let id = parse_user_id(&id)?;
    if fields.confirm != "reset" {
        return Err(AppError::BadRequest("error-bad-request"));
    }
    if !confirm::is_confirmed(&fields.confirmed) {
        let action = AgentAction {
            key: "reset",
            path: "password",
            field: ("confirm", "reset"),
            label: "agent-reset-password",
        };
        return ask_about_agent(&state, &signed_in, id, action).await;
    }
    let actor = signed_in.actor(&req, &state.config);
    let _hashing = state.hashing.permit().await?;
    let (email, password) = call(&state, actor, move |ctx| {
        app::agents::reset_password(ctx, id)
    })
    .await
    .inspect(|_| state.sessions.forget_user(id))?;
    let notice = Some(signed_in.lang.ts("agent-password-reset", "email", &email));
    agents_page(
        &state,
        &signed_in,
        CreateForm::default(),
        notice,
        None,
        Some((email, password)),
        StatusCode::OK,
    )
    .await
}

/// The agents page saying why a change was refused: the last enabled
/// admin, or a role that is not an agent's. Anything else is an error page.
async fn refused(
    state: &AppState,
    signed_in: &SignedIn,
    error: app::Error,
) -> Result<HttpResponse, AppError> {
    let (message, status) = match error {
        app::Error::Refused(Refusal::LastAdmin(email)) => (
            signed_in.lang.ts("agent-last-admin", "email", &email),
            StatusCode::CONFLICT,
        ),
        app::Error::Invalid(key) => (signed_in.lang.t(key), StatusCode::UNPROCESSABLE_ENTITY),
        other => return Err(other.into()),
    };
    agents_page(
        state,
        signed_in,
        CreateForm::default(),
        None,
        Some(message),
        None,
        status,
    )
    .await
}
