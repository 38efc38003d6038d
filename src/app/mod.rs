//! The service layer: one function per use case. Each takes a [`Ctx`] (the
//! acting user, the clock, the database and the system of record) and
//! typed input; it checks rights and policy, runs one transaction, writes
//! the audit entry and the reservation's activity, and returns a typed
//! outcome or an [`Error`]. The web pages and the command line both call
//! these functions, so each rule runs in one place.

pub mod access;
pub mod advice;
pub mod agents;
pub mod alerts;
pub mod api_tokens;
pub mod clock;
pub mod customers;
pub mod error;
pub mod export;
pub mod home;
pub mod import;
pub mod lookup;
pub mod mine;
pub mod purchases;
pub mod quoting;
pub mod remote;
pub mod renewals;
pub mod requests;
pub mod reservations;
pub mod session_cache;
pub mod sessions;
pub mod settings;
pub mod sync;
pub mod system;
pub mod throttle;

#[cfg(test)]
pub(crate) mod testing;
#[cfg(test)]
mod tests;

use crate::db::Conn;

pub use clock::Clock;
pub use error::{Error, Refusal, RemoteRefusal};
pub use system::ReservationSystem;

use crate::db::keys::{CustomerKey, UserKey};
use crate::db::users::User;
use crate::domain::roles::AgentRole;

/// Who is acting, and from where.
#[derive(Debug, Clone)]
pub struct Actor {
    /// Their user row; `None` for the command line and the server's own jobs.
    pub user_id: Option<UserKey>,
    /// Their email, as the audit log names them.
    pub email: String,
    /// Their role (the command line acts as an Admin).
    pub role: AgentRole,
    /// For customer users: their customer.
    pub customer_id: Option<CustomerKey>,
    /// The client's address, as the audit log records it.
    pub address: String,
}

impl Actor {
    /// A signed-in user acting from `address`.
    pub fn user(user: &User, address: impl Into<String>) -> Actor {
        Actor {
            user_id: Some(user.id),
            email: user.email.clone(),
            role: user.role,
            customer_id: user.customer_id,
            address: address.into(),
        }
    }

    /// Someone at the server's command line (an administrator of the
    /// machine, so an Admin here).
    pub fn command_line() -> Actor {
        Actor {
            user_id: None,
            email: "command line".into(),
            role: AgentRole::Admin,
            customer_id: None,
            address: "local".into(),
        }
    }

    /// Someone not signed in (yet), at `address`.
    pub fn visitor(address: impl Into<String>) -> Actor {
        Actor {
            user_id: None,
            email: String::new(),
            role: AgentRole::Customer,
            customer_id: None,
            address: address.into(),
        }
    }

    /// The server's own scheduled jobs.
    pub fn housekeeping() -> Actor {
        Actor {
            user_id: None,
            email: "system".into(),
            role: AgentRole::Admin,
            customer_id: None,
            address: "local".into(),
        }
    }

    /// The actor as an audit entry names them.
    pub fn audit_name(&self) -> (Option<UserKey>, &str) {
        (self.user_id, &self.email)
    }

    /// Refuses unless the actor's role has `permission`.
    pub fn require(&self, permission: crate::domain::roles::Permission) -> Result<(), Error> {
        if self.role.may(permission) {
            Ok(())
        } else {
            Err(Error::Forbidden)
        }
    }
}

/// What a use case works with.
pub struct Ctx<'a> {
    /// Who acts.
    pub actor: &'a Actor,
    /// The one clock.
    pub clock: Clock,
    /// A database connection (inside the use case's transaction, once begun).
    pub conn: &'a mut Conn,
    /// Where reservations are changed.
    pub system: &'a dyn ReservationSystem,
}

impl Ctx<'_> {
    /// Runs `work` as one write transaction (see [`crate::db::write`]):
    /// concurrent writers queue or, on PostgreSQL, `work` runs again after
    /// a conflict; everything is rolled back when `work` returns an error.
    pub fn transaction<T>(
        &mut self,
        mut work: impl FnMut(&mut Ctx<'_>) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let (actor, clock, system) = (self.actor, self.clock, self.system);
        crate::db::write(self.conn, |conn| {
            work(&mut Ctx {
                actor,
                clock,
                conn,
                system,
            })
        })
    }

    /// Records `entry` (built by the caller from the actor and the object).
    pub fn audit(&mut self, entry: &crate::db::audit::NewEntry) -> Result<(), Error> {
        Ok(crate::db::audit::record(self.conn, entry)?)
    }
}
