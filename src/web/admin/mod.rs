//! Administration for admin agents: the agents who may sign in (create,
//! change role, disable or enable, reset a password) and the audit log.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use crate::app::agents::{AGENT_ROLES, NewAgent};
use crate::app::{self, Refusal};
use crate::db::keys::UserKey;
use crate::domain::identity::{Email, check_name};
use crate::domain::roles::AgentRole;
use crate::web::context::{Nav, PageCtx};
use crate::web::error::AppError;
use crate::web::paths;
use crate::web::session::SignedIn;
use crate::web::{AppState, call, render_with_status};

mod agent_changes;
mod audit_log;
pub mod import;
pub mod outbox;

pub use agent_changes::{change_role, change_status, reset_password};
pub use audit_log::audit;

/// Success messages a redirect may ask the page to show.
const NOTICES: [&str; 4] = [
    "agent-role-changed",
    "agent-disabled",
    "agent-enabled",
    "agent-created",
];

/// An agent as the list shows it.
pub struct AgentRow {
    /// Row ID.
    pub id: UserKey,
    /// Sign-in email, lower-case.
    pub email: String,
    /// Display name, as the header shows it.
    pub name: String,
    /// Partner role, or `Customer` for a customer's user.
    pub role: AgentRole,
    /// Whether sign-in is refused; the row then offers Enable instead of Disable.
    pub disabled: bool,
    /// The signed-in admin themself.
    pub is_me: bool,
    /// Where the role form posts.
    pub role_action: String,
    /// Where the disable or enable button posts.
    pub status_action: String,
    /// Where the reset-password button posts.
    pub password_action: String,
}

impl AgentRow {
    /// Message ID of the role's name.
    pub fn role_key(&self) -> String {
        format!("role-{}", self.role.key())
    }
}

/// What the create form holds and what is wrong with it.
#[derive(Default)]
pub struct CreateForm {
    /// Email as typed.
    pub email: String,
    /// Name as typed.
    pub name: String,
    /// Role as chosen.
    pub role: String,
    /// Message ID next to the email.
    pub email_error: Option<&'static str>,
    /// Message ID next to the name.
    pub name_error: Option<&'static str>,
    /// Message ID next to the role.
    pub role_error: Option<&'static str>,
}

/// The agents page.
#[derive(Template)]
#[template(path = "admin/agents.html")]
pub struct AgentsPage {
    ctx: PageCtx,
    agents: Vec<AgentRow>,
    roles: Vec<(String, String)>,
    form: CreateForm,
    notice: Option<String>,
    error: Option<String>,
    revealed: Option<(String, String)>,
}

/// Query string of the agents page.
#[derive(Debug, Deserialize)]
pub struct AgentsQuery {
    notice: Option<String>,
}

pub(super) async fn agents_page(
    state: &AppState,
    signed_in: &SignedIn,
    form: CreateForm,
    notice: Option<String>,
    error: Option<String>,
    revealed: Option<(String, String)>,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let users = call(state, signed_in.user_actor(), app::agents::list).await?;
    let me = signed_in.user.id;
    let agents = users
        .into_iter()
        .map(|u| AgentRow {
            role_action: paths::agent_change(u.id, "role"),
            status_action: paths::agent_change(u.id, "status"),
            password_action: paths::agent_change(u.id, "password"),
            is_me: u.id == me,
            id: u.id,
            email: u.email,
            name: u.display_name,
            role: u.role,
            disabled: u.disabled,
        })
        .collect();
    let lang = &signed_in.lang;
    let ctx = PageCtx::new(signed_in, Nav::Agents).here(lang.t("nav-agents"));
    let roles = AGENT_ROLES
        .iter()
        .map(|r| (r.as_str().to_string(), lang.t(&format!("role-{}", r.key()))))
        .collect();
    render_with_status(
        &AgentsPage {
            ctx,
            agents,
            roles,
            form,
            notice,
            error,
            revealed,
        },
        status,
    )
}

/// `GET /admin/agents`.
pub async fn agents(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    query: web::Query<AgentsQuery>,
) -> Result<HttpResponse, AppError> {
    let notice = query
        .notice
        .as_deref()
        .filter(|n| NOTICES.contains(n))
        .map(|n| signed_in.lang.t(n));
    agents_page(
        &state,
        &signed_in,
        CreateForm::default(),
        notice,
        None,
        None,
        StatusCode::OK,
    )
    .await
}

/// The create form.
#[derive(Debug, Deserialize)]
pub struct CreateFields {
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    role: String,
}

pub(super) fn agent_role(text: &str) -> Option<AgentRole> {
    AgentRole::parse(text).filter(|r| AGENT_ROLES.contains(r))
}

/// `POST /admin/agents`: creates an agent with a generated password, shown
/// once.
pub async fn create(
    state: web::Data<AppState>,
    req: HttpRequest,
    signed_in: SignedIn,
    fields: web::Form<CreateFields>,
) -> Result<HttpResponse, AppError> {
    let fields = fields.into_inner();
    let mut form = CreateForm {
        email: fields.email.chars().take(300).collect(),
        name: fields.name.chars().take(200).collect(),
        role: fields.role.chars().take(40).collect(),
        ..CreateForm::default()
    };
    let email = Email::parse(&fields.email)
        .map_err(|p| form.email_error = Some(p.message_id()))
        .ok();
    let name = check_name(&fields.name)
        .map_err(|id| form.name_error = Some(id))
        .ok();
    let role = agent_role(&fields.role);
    if role.is_none() {
        form.role_error = Some("role-unknown");
    }
    let (Some(email), Some(name), Some(role)) = (email, name, role) else {
        return agents_page(
            &state,
            &signed_in,
            form,
            None,
            None,
            None,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let actor = signed_in.actor(&req, &state.config);
    let agent = NewAgent {
        email: email.clone(),
        name,
        role,
        password: None,
    };
    let _hashing = state.hashing.permit().await?;
    let created = call(&state, actor, move |ctx| app::agents::create(ctx, &agent)).await;
    let password = match created {
        Ok(password) => password,
        Err(app::Error::Refused(refusal @ Refusal::EmailTaken)) => {
            form.email_error = Some(refusal.message_id());
            return agents_page(
                &state,
                &signed_in,
                form,
                None,
                None,
                None,
                StatusCode::CONFLICT,
            )
            .await;
        }
        Err(other) => return Err(other.into()),
    };
    let notice = Some(
        signed_in
            .lang
            .ts("agent-created-with-password", "email", email.as_str()),
    );
    let revealed = Some((email.to_string(), password));
    agents_page(
        &state,
        &signed_in,
        CreateForm::default(),
        notice,
        None,
        revealed,
        StatusCode::CREATED,
    )
    .await
}
