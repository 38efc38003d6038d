//! Access control on reservations: what a user may do to one, and giving
//! and taking away roles on it (the tenant rule, and never without an
//! Owner).

use crate::app::{Ctx, Error, Refusal};
use crate::db::audit::{Action, NewEntry};
use crate::db::keys::{AssignmentKey, CustomerKey};
use crate::db::reservations::Reservation;
use crate::db::role_assignments::NewAssignment;
use crate::db::users::NewUser;
use crate::db::{self};
use crate::domain::identity::Email;
use crate::domain::ids::ReservationId;
use crate::domain::roles::{
    AgentRole, GrantRefusal, KnownPerson, ReservationRole, Right, Rights, leaves_an_owner,
    may_grant,
};
use crate::passwords;

/// What the acting user may do to `reservation`: an agent by role, a
/// customer user by the roles they hold on it (none on another customer's).
pub fn rights_on(ctx: &mut Ctx<'_>, reservation: &Reservation) -> Result<Rights, Error> {
    let actor = ctx.actor;
    if actor.role != AgentRole::Customer {
        return Ok(Rights::of_agent(actor.role));
    }
    if Some(reservation.customer_id) != actor.customer_id {
        return Ok(Rights::default());
    }
    Ok(Rights::of_roles(&db::role_assignments::roles_of(
        ctx.conn,
        reservation.id,
        &actor.email,
    )?))
}

/// What the acting user may do to reservation `id`.
pub fn rights_for(ctx: &mut Ctx<'_>, id: ReservationId) -> Result<Rights, Error> {
    let reservation = db::reservations::find_by_guid(ctx.conn, id)?;
    rights_on(ctx, &reservation)
}

/// The reservation `id` if the acting user has `right` on it. Customer users
/// learn nothing about reservations that are not theirs (not found); agents
/// without the right are refused.
pub fn reservation_with(
    ctx: &mut Ctx<'_>,
    id: ReservationId,
    right: Right,
) -> Result<(Reservation, Rights), Error> {
    let reservation = db::reservations::find_by_guid(ctx.conn, id)?;
    let rights = rights_on(ctx, &reservation)?;
    if rights.has(right) {
        Ok((reservation, rights))
    } else if ctx.actor.role == AgentRole::Customer {
        Err(Error::NotFound)
    } else {
        Err(Error::Forbidden)
    }
}

/// A role given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Granted {
    /// The password of the customer user created for the person (shown
    /// once), when they did not sign in yet.
    pub new_password: Option<String>,
}

/// Gives `person` the `role` on reservation `id`, creating their sign-in as
/// a user of the reservation's customer when they have none. The tenant
/// rule decides who may be given a role (see `roles::may_grant`).
pub fn grant(
    ctx: &mut Ctx<'_>,
    id: ReservationId,
    person: &Email,
    role: ReservationRole,
) -> Result<Granted, Error> {
    let (reservation, _) = reservation_with(ctx, id, Right::ManageAccess)?;
    // Hashed before the write transaction: it is slow on purpose.
    let password = passwords::generate();
    let hash = passwords::hash(&password).map_err(Error::internal)?;
    let principal = person.to_string();
    ctx.transaction(|ctx| {
        if db::role_assignments::exists(ctx.conn, reservation.id, &principal, role)? {
            return Err(Refusal::AlreadyAssigned.into());
        }
        let now = ctx.clock.now();
        let mut new_password = None;
        if !admit(ctx, reservation.customer_id, &principal)? {
            make_customer_user(ctx, reservation.customer_id, &principal, &hash)?;
            new_password = Some(password.clone());
        }
        db::role_assignments::insert(
            ctx.conn,
            &NewAssignment {
                reservation_id: reservation.id,
                principal_email: principal.clone(),
                role,
                assigned_by: ctx.actor.email.clone(),
                assigned_at: now,
            },
        )?;
        ctx.audit(
            &NewEntry::new(
                ctx.actor.audit_name(),
                Action::RoleAssigned,
                ("reservation", &reservation.reservation_guid.to_string()),
                &ctx.actor.address,
                now,
            )
            .change("", format!("{principal}: {}", role.as_str())),
        )?;
        Ok(Granted { new_password })
    })
}

/// Refuses unless `principal` may hold a role on a reservation of
/// `customer` (the tenant rule); whether they have an account already.
pub fn admit(ctx: &mut Ctx<'_>, customer: CustomerKey, principal: &str) -> Result<bool, Error> {
    let domain = principal.rsplit('@').next().unwrap_or("").to_lowercase();
    let domain_customers = db::customers::ids_with_domain(ctx.conn, &domain)?;
    let existing = db::users::find_by_email(ctx.conn, principal)?;
    let known = existing.as_ref().map(|u| KnownPerson {
        role: u.role,
        customer: u.customer_id.map(|c| c.0),
    });
    may_grant(
        ctx.actor.role == AgentRole::Customer,
        customer.0,
        known,
        &domain_customers.iter().map(|c| c.0).collect::<Vec<_>>(),
    )
    .map_err(Refusal::Grant)?;
    Ok(existing.is_some())
}

/// Gives `principal` an account: a customer user of `customer` whose
/// password is hashed as `hash`.
pub fn make_customer_user(
    ctx: &mut Ctx<'_>,
    customer: CustomerKey,
    principal: &str,
    hash: &str,
) -> Result<(), Error> {
    db::users::insert(
        ctx.conn,
        &NewUser {
            email: principal.to_string(),
            display_name: principal.split('@').next().unwrap_or("user").to_string(),
            password_hash: hash.to_string(),
            role: AgentRole::Customer,
            customer_id: Some(customer),
            created_at: ctx.clock.now(),
        },
    )?;
    Ok(())
}

/// Takes away role assignment `assignment` on reservation `id`; refused
/// when it is the last Owner.
pub fn remove(
    ctx: &mut Ctx<'_>,
    id: ReservationId,
    assignment: AssignmentKey,
) -> Result<(), Error> {
    let (reservation, _) = reservation_with(ctx, id, Right::ManageAccess)?;
    ctx.transaction(|ctx| {
        let a = db::role_assignments::find(ctx.conn, reservation.id, assignment)?;
        let owners = db::role_assignments::count_owners(ctx.conn, reservation.id)?;
        if !leaves_an_owner(owners, a.role) {
            return Err(Refusal::LastOwner.into());
        }
        db::role_assignments::delete(ctx.conn, a.id)?;
        let now = ctx.clock.now();
        ctx.audit(
            &NewEntry::new(
                ctx.actor.audit_name(),
                Action::RoleRemoved,
                ("reservation", &id.to_string()),
                &ctx.actor.address,
                now,
            )
            .change(format!("{}: {}", a.principal_email, a.role.as_str()), ""),
        )
    })
}

impl GrantRefusal {
    /// The message ID of the reason.
    pub fn message_id(&self) -> &'static str {
        match self {
            GrantRefusal::OtherCustomer => "access-other-customer",
            GrantRefusal::OutsideOrganisation => "access-outside-organisation",
        }
    }
}
