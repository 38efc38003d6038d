//! Agents, managed by admins (and the first one from the command line):
//! adding one with a password shown once, changing a role, disabling or
//! enabling, resetting a password. An installation always keeps an enabled
//! admin.

use crate::app::{Ctx, Error, Refusal};
use crate::db::audit::{Action, NewEntry};
use crate::db::keys::UserKey;
use crate::db::users::{NewUser, User};
use crate::db::{self};
use crate::domain::identity::{Email, check_name, check_password, leaves_an_admin};
use crate::domain::roles::{AgentRole, Permission};
use crate::passwords;

/// The roles an agent may have (customer users come from Access control).
pub const AGENT_ROLES: [AgentRole; 4] = [
    AgentRole::Admin,
    AgentRole::Sales,
    AgentRole::Helpdesk,
    AgentRole::Support,
];

/// An agent to add.
#[derive(Debug, Clone)]
pub struct NewAgent {
    /// Their sign-in email.
    pub email: Email,
    /// Their name as typed (checked here).
    pub name: String,
    /// Their role (an agent role).
    pub role: AgentRole,
    /// Their password; generated when `None`.
    pub password: Option<String>,
}

/// Adds an agent; returns the password they sign in with (to show once).
pub fn create(ctx: &mut Ctx<'_>, agent: &NewAgent) -> Result<String, Error> {
    ctx.actor.require(Permission::Administer)?;
    if !AGENT_ROLES.contains(&agent.role) {
        return Err(Error::Invalid("role-unknown"));
    }
    let name = check_name(&agent.name).map_err(Error::Invalid)?;
    let password = match &agent.password {
        Some(p) => {
            check_password(p, agent.email.as_str(), &name).map_err(Refusal::Password)?;
            p.clone()
        }
        None => passwords::generate(),
    };
    // Hashed before the write transaction: it is slow on purpose.
    let hash = passwords::hash(&password).map_err(Error::internal)?;
    let email = agent.email.to_string();
    ctx.transaction(|ctx| {
        if db::users::find_by_email(ctx.conn, &email)?.is_some() {
            return Err(Refusal::EmailTaken.into());
        }
        let now = ctx.clock.now();
        db::users::insert(
            ctx.conn,
            &NewUser {
                email: email.clone(),
                display_name: name.clone(),
                password_hash: hash.clone(),
                role: agent.role,
                customer_id: None,
                created_at: now,
            },
        )?;
        ctx.audit(
            &NewEntry::new(
                ctx.actor.audit_name(),
                Action::AgentCreated,
                ("user", &email),
                &ctx.actor.address,
                now,
            )
            .change("", agent.role.as_str()),
        )?;
        Ok(password.clone())
    })
}

/// The agent (not a customer user) with row `id`.
pub fn find(ctx: &mut Ctx<'_>, id: UserKey) -> Result<User, Error> {
    ctx.actor.require(Permission::Administer)?;
    let user = db::users::find(ctx.conn, id)?;
    if user.role == AgentRole::Customer {
        return Err(Error::NotFound);
    }
    Ok(user)
}

/// Gives agent `id` the role `role`; refused when it would leave no
/// enabled admin.
pub fn change_role(ctx: &mut Ctx<'_>, id: UserKey, role: AgentRole) -> Result<(), Error> {
    ctx.actor.require(Permission::Administer)?;
    if !AGENT_ROLES.contains(&role) {
        return Err(Error::Invalid("role-unknown"));
    }
    ctx.transaction(|ctx| {
        let user = find(ctx, id)?;
        let admins = db::users::count_enabled_admins(ctx.conn)?;
        let was_admin = user.role == AgentRole::Admin && !user.disabled;
        let is_admin = role == AgentRole::Admin && !user.disabled;
        if !leaves_an_admin(admins, was_admin, is_admin) {
            return Err(Refusal::LastAdmin(user.email).into());
        }
        if user.role == role {
            return Ok(());
        }
        db::users::set_role(ctx.conn, id, role)?;
        let now = ctx.clock.now();
        ctx.audit(
            &NewEntry::new(
                ctx.actor.audit_name(),
                Action::RoleChanged,
                ("user", &user.email),
                &ctx.actor.address,
                now,
            )
            .change(user.role.as_str(), role.as_str()),
        )
    })
}

/// Disables agent `id` (ending their sessions at once) or enables them
/// again; refused when it would leave no enabled admin.
pub fn set_disabled(ctx: &mut Ctx<'_>, id: UserKey, disable: bool) -> Result<(), Error> {
    ctx.transaction(|ctx| {
        let user = find(ctx, id)?;
        let admins = db::users::count_enabled_admins(ctx.conn)?;
        let was_admin = user.role == AgentRole::Admin && !user.disabled;
        let is_admin = user.role == AgentRole::Admin && !disable;
        if !leaves_an_admin(admins, was_admin, is_admin) {
            return Err(Refusal::LastAdmin(user.email).into());
        }
        if user.disabled == disable {
            return Ok(());
        }
        db::users::set_disabled(ctx.conn, id, disable)?;
        if disable {
            db::sessions::delete_for_user(ctx.conn, id, None)?;
        }
        let action = if disable {
            Action::AgentDisabled
        } else {
            Action::AgentEnabled
        };
        let now = ctx.clock.now();
        let word = |disabled: bool| if disabled { "disabled" } else { "enabled" };
        ctx.audit(
            &NewEntry::new(
                ctx.actor.audit_name(),
                action,
                ("user", &user.email),
                &ctx.actor.address,
                now,
            )
            .change(word(user.disabled), word(disable)),
        )
    })
}

/// Gives agent `id` a new generated password and ends their sessions;
/// returns their email and the password (to show once).
pub fn reset_password(ctx: &mut Ctx<'_>, id: UserKey) -> Result<(String, String), Error> {
    find(ctx, id)?;
    let password = passwords::generate();
    let hash = passwords::hash(&password).map_err(Error::internal)?;
    ctx.transaction(|ctx| {
        let user = find(ctx, id)?;
        db::users::set_password_hash(ctx.conn, id, &hash)?;
        db::sessions::delete_for_user(ctx.conn, id, None)?;
        let now = ctx.clock.now();
        ctx.audit(&NewEntry::new(
            ctx.actor.audit_name(),
            Action::PasswordReset,
            ("user", &user.email),
            &ctx.actor.address,
            now,
        ))?;
        Ok((user.email, password.clone()))
    })
}

/// Everyone who signs in, agents and customer users, by email.
pub fn list(ctx: &mut Ctx<'_>) -> Result<Vec<User>, Error> {
    ctx.actor.require(Permission::Administer)?;
    Ok(db::users::list(ctx.conn)?)
}

/// One page (`offset`, `limit`) of the audit log, newest first, of
/// `action` when given; with every action recorded so far and how many
/// entries match.
pub fn audit_log(
    ctx: &mut Ctx<'_>,
    action: Option<Action>,
    (offset, limit): (i64, i64),
) -> Result<(Vec<Action>, Vec<crate::db::audit::Entry>, i64), Error> {
    ctx.actor.require(Permission::Administer)?;
    let known = db::audit::actions(ctx.conn)?;
    let action = action.filter(|a| known.contains(a));
    let (rows, total) = db::audit::list(ctx.conn, action, offset, limit)?;
    Ok((known, rows, total))
}
