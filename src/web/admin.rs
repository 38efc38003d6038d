//! Administration for admin agents: the agents who may sign in (create,
//! change role, disable or enable, reset a password) and the audit log.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::confirm::{self, Confirmation};
use super::context::{Nav, PageCtx};
use super::paging::{PER_PAGE, PageNo, Pager, url_with};
use super::session::SignedIn;
use super::{AppState, call, render, render_with_status, see_other, with_conn};
use crate::app::agents::{AGENT_ROLES, NewAgent};
use crate::app::{self, Refusal};
use crate::db::{self};
use crate::domain::audit::Action;
use crate::domain::identity::{Email, check_name};
use crate::domain::roles::AgentRole;
use crate::web::error::AppError;

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
    pub id: i64,
    /// Email.
    pub email: String,
    /// Name.
    pub name: String,
    /// Role.
    pub role: AgentRole,
    /// Disabled.
    pub disabled: bool,
    /// The signed-in admin themself.
    pub is_me: bool,
    /// Form actions.
    pub role_action: String,
    /// Form actions.
    pub status_action: String,
    /// Form actions.
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

async fn agents_page(
    state: &AppState,
    signed_in: &SignedIn,
    form: CreateForm,
    notice: Option<String>,
    error: Option<String>,
    revealed: Option<(String, String)>,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let users = with_conn(state, |conn| Ok(db::users::list(conn)?)).await?;
    let me = signed_in.user.id;
    let agents = users
        .into_iter()
        .map(|u| AgentRow {
            role_action: format!("/admin/agents/{}/role", u.id),
            status_action: format!("/admin/agents/{}/status", u.id),
            password_action: format!("/admin/agents/{}/password", u.id),
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

fn agent_role(text: &str) -> Option<AgentRole> {
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

fn parse_user_id(raw: &str) -> Result<i64, AppError> {
    raw.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
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
    {
        Ok(()) => Ok(see_other("/admin/agents?notice=agent-role-changed")),
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
    id: i64,
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
            action: &format!("/admin/agents/{id}/{}", action.path),
            fields: vec![(action.field.0.into(), action.field.1.into())],
            confirm_label: lang.t(action.label),
            back: "/admin/agents".into(),
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
    {
        Ok(()) => Ok(see_other(if disable {
            "/admin/agents?notice=agent-disabled"
        } else {
            "/admin/agents?notice=agent-enabled"
        })),
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
    .await?;
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

/// An audit entry as the log shows it.
pub struct AuditRow {
    /// When.
    pub at: chrono::NaiveDateTime,
    /// Who.
    pub actor: String,
    /// What.
    pub action: Action,
    /// Kind of object and its ID.
    pub object: String,
    /// Before → after, if a change.
    pub change: Option<(String, String)>,
    /// From where.
    pub address: String,
}

/// The audit log page.
#[derive(Template)]
#[template(path = "admin/audit.html")]
pub struct AuditPage {
    ctx: PageCtx,
    rows: Vec<AuditRow>,
    actions: Vec<(Action, bool)>,
    pager: Pager,
    notices: Vec<&'static str>,
}

/// Query string of the audit log.
#[derive(Debug, Deserialize)]
pub struct AuditQuery {
    action: Option<String>,
    page: Option<String>,
}

/// `GET /admin/audit`: every recorded action, newest first. Read only: the
/// app has no way to change or remove an entry, and the database refuses to.
pub async fn audit(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    query: web::Query<AuditQuery>,
) -> Result<HttpResponse, AppError> {
    let mut notices = Vec::new();
    let page = PageNo::parse(query.page.as_deref()).unwrap_or_else(|fallback| {
        notices.push("notice-bad-page");
        fallback
    });
    let wanted: String = query
        .action
        .as_deref()
        .unwrap_or("")
        .trim()
        .chars()
        .take(60)
        .collect();
    let asked = Action::ALL.iter().copied().find(|a| a.as_str() == wanted);
    let (known, rows, total) = with_conn(&state, move |conn| {
        let known = db::audit::actions(conn)?;
        let action = asked.filter(|a| known.contains(a));
        let (rows, total) = db::audit::list(conn, action, page.offset(), PER_PAGE)?;
        Ok((known, rows, total))
    })
    .await?;
    let chosen = asked.filter(|a| known.contains(a));
    if !wanted.is_empty() && chosen.is_none() {
        notices.push("notice-bad-action");
    }
    let action = chosen.map(|a| a.as_str().to_string()).unwrap_or_default();
    let pager = Pager::new(page.0, total, |p| {
        url_with(
            "/admin/audit",
            &[
                ("action", action.clone()),
                ("page", if p > 1 { p.to_string() } else { String::new() }),
            ],
        )
    });
    let rows = rows
        .into_iter()
        .map(|e| AuditRow {
            at: e.at,
            actor: e.actor_email,
            action: e.action,
            object: format!("{} {}", e.object_type, e.object_id),
            change: match (e.before_value, e.after_value) {
                (None, None) => None,
                (b, a) => Some((b.unwrap_or_default(), a.unwrap_or_default())),
            },
            address: e.client_address.unwrap_or_default(),
        })
        .collect();
    let ctx = PageCtx::new(&signed_in, Nav::Audit).here(signed_in.lang.t("nav-audit"));
    let actions = known.into_iter().map(|a| (a, Some(a) == chosen)).collect();
    render(&AuditPage {
        ctx,
        rows,
        actions,
        pager,
        notices,
    })
}
