//! Command-line administration: adding an agent without the web interface
//! (the first admin of a fresh installation, or a locked-out partner), and
//! the Azure commands (`azure`).

pub mod azure;
pub mod database;
pub mod import;
mod renew;

pub use renew::renew_due;

use crate::db::Conn;

use crate::app::agents::{AGENT_ROLES, NewAgent};
use crate::app::system::LocalSystem;
use crate::app::{self, Actor, Clock, Ctx, Refusal};
use crate::domain::identity::Email;
use crate::domain::roles::AgentRole;

/// Why an agent could not be added.
#[derive(Debug, thiserror::Error)]
pub enum AddUserError {
    /// The email is not an address.
    #[error("not a valid email address")]
    Email,
    /// The role is not an agent role.
    #[error("the role must be one of Admin, Sales, Helpdesk, Support")]
    Role,
    /// The name is empty or too long.
    #[error("the name must have 1 to 100 characters")]
    Name,
    /// The password breaks the policy.
    #[error(
        "the password must have 12 to 256 characters, differ from the email and be hard to guess"
    )]
    Password,
    /// Someone has this email already.
    #[error("a user with this email already exists")]
    Taken,
    /// Anything else.
    #[error("{0}")]
    Other(String),
}

/// Adds an agent, as an administrator at the server's command line would
/// in the web interface (`app::agents::create`, audited as "command line").
/// Without a password, one is generated; the password used is returned so
/// the caller can print it once.
pub fn add_user(
    conn: &mut Conn,
    clock: Clock,
    email: &str,
    role: &str,
    name: Option<&str>,
    password: Option<String>,
) -> Result<String, AddUserError> {
    let email = Email::parse(email).map_err(|_| AddUserError::Email)?;
    let role = AgentRole::parse(role)
        .filter(|r| AGENT_ROLES.contains(r))
        .ok_or(AddUserError::Role)?;
    let name = name.map(str::to_string).unwrap_or_else(|| {
        email
            .as_str()
            .split('@')
            .next()
            .unwrap_or("agent")
            .to_string()
    });
    let agent = NewAgent {
        email,
        name,
        role,
        password,
    };
    let actor = Actor::command_line();
    let mut ctx = Ctx {
        actor: &actor,
        clock,
        conn,
        system: &LocalSystem,
    };
    app::agents::create(&mut ctx, &agent).map_err(|e| match e {
        app::Error::Invalid("role-unknown") => AddUserError::Role,
        app::Error::Invalid(_) => AddUserError::Name,
        app::Error::Refused(Refusal::Password(_)) => AddUserError::Password,
        app::Error::Refused(Refusal::EmailTaken) => AddUserError::Taken,
        other => AddUserError::Other(other.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{db, passwords};

    #[test]
    fn adds_checks_and_refuses_duplicates() {
        let dir = tempfile::tempdir().expect("dir");
        let pool = db::open(&db::scratch(dir.path(), "cli.db"), 1).expect("open");
        let mut conn = pool.get().expect("conn");
        let generated = add_user(
            &mut conn,
            Clock::System,
            "New.Admin@Partner.example",
            "admin",
            None,
            None,
        )
        .expect("added");
        assert_eq!(generated.chars().count(), 16);
        let user = db::users::find_by_email(&mut conn, "new.admin@partner.example")
            .expect("query")
            .expect("user");
        assert_eq!(user.role, AgentRole::Admin);
        assert!(passwords::verify(&generated, &user.password_hash));
        let given = add_user(
            &mut conn,
            Clock::System,
            "sales2@partner.example",
            "Sales",
            Some("Sam Sales"),
            Some("a long passphrase".into()),
        )
        .expect("added");
        assert_eq!(given, "a long passphrase");
        assert!(matches!(
            add_user(
                &mut conn,
                Clock::System,
                "new.admin@partner.example",
                "Sales",
                None,
                None
            ),
            Err(AddUserError::Taken)
        ));
        assert!(matches!(
            add_user(
                &mut conn,
                Clock::System,
                "x@partner.example",
                "Customer",
                None,
                None
            ),
            Err(AddUserError::Role)
        ));
        assert!(matches!(
            add_user(
                &mut conn,
                Clock::System,
                "x@partner.example",
                "Root",
                None,
                None
            ),
            Err(AddUserError::Role)
        ));
        assert!(matches!(
            add_user(
                &mut conn,
                Clock::System,
                "not-an-email",
                "Sales",
                None,
                None
            ),
            Err(AddUserError::Email)
        ));
        assert!(matches!(
            add_user(
                &mut conn,
                Clock::System,
                "x@partner.example",
                "Sales",
                None,
                Some("short".into())
            ),
            Err(AddUserError::Password)
        ));
        assert_eq!(db::users::count(&mut conn).expect("count"), 2);
    }
}
