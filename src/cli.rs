//! Command-line administration: adding an agent without the web interface
//! (the first admin of a fresh installation, or a locked-out partner).

use diesel::SqliteConnection;

use crate::db::{self, audit::NewEntry, users::NewUser};
use crate::domain::identity::{Email, check_name, check_password};
use crate::domain::roles::AgentRole;
use crate::passwords;

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
    #[error("the password must have 12 to 256 characters and differ from the email")]
    Password,
    /// Someone has this email already.
    #[error("a user with this email already exists")]
    Taken,
    /// Hashing failed.
    #[error("password hashing failed: {0}")]
    Hash(String),
    /// The database refused.
    #[error("database: {0}")]
    Db(#[from] diesel::result::Error),
}

/// Adds an agent. Without a password, one is generated; the password used is
/// returned so the caller can print it once.
pub fn add_user(
    conn: &mut SqliteConnection,
    email: &str,
    role: &str,
    name: Option<&str>,
    password: Option<String>,
) -> Result<String, AddUserError> {
    let email = Email::parse(email).map_err(|_| AddUserError::Email)?;
    let role = AgentRole::parse(role)
        .filter(|r| *r != AgentRole::Customer)
        .ok_or(AddUserError::Role)?;
    let name =
        check_name(name.unwrap_or_else(|| email.as_str().split('@').next().unwrap_or("agent")))
            .map_err(|_| AddUserError::Name)?;
    let password = match password {
        Some(p) => {
            check_password(&p, email.as_str(), &name).map_err(|_| AddUserError::Password)?;
            p
        }
        None => passwords::generate(),
    };
    let hash = passwords::hash(&password).map_err(AddUserError::Hash)?;
    conn.immediate_transaction(|conn| {
        if db::users::find_by_email(conn, email.as_str())?.is_some() {
            return Err(AddUserError::Taken);
        }
        db::users::insert(
            conn,
            &NewUser {
                email: email.to_string(),
                display_name: name,
                password_hash: hash,
                role: role.as_str().to_string(),
                customer_id: None,
                created_at: chrono::Utc::now().naive_utc(),
            },
        )?;
        let entry = NewEntry::new(
            (None, "command line"),
            "agent-created",
            ("user", email.as_str()),
            "local",
        )
        .change("", role.as_str());
        db::audit::record(conn, &entry)?;
        Ok(password)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds_checks_and_refuses_duplicates() {
        let dir = tempfile::tempdir().expect("dir");
        let pool = db::open(&dir.path().join("cli.db"), 1).expect("open");
        let mut conn = pool.get().expect("conn");
        let generated =
            add_user(&mut conn, "New.Admin@Partner.example", "admin", None, None).expect("added");
        assert_eq!(generated.chars().count(), 16);
        let user = db::users::find_by_email(&mut conn, "new.admin@partner.example")
            .expect("query")
            .expect("user");
        assert_eq!(user.role, AgentRole::Admin);
        assert!(passwords::verify(&generated, &user.password_hash));
        let given = add_user(
            &mut conn,
            "sales2@partner.example",
            "Sales",
            Some("Sam Sales"),
            Some("a long passphrase".into()),
        )
        .expect("added");
        assert_eq!(given, "a long passphrase");
        assert!(matches!(
            add_user(&mut conn, "new.admin@partner.example", "Sales", None, None),
            Err(AddUserError::Taken)
        ));
        assert!(matches!(
            add_user(&mut conn, "x@partner.example", "Customer", None, None),
            Err(AddUserError::Role)
        ));
        assert!(matches!(
            add_user(&mut conn, "x@partner.example", "Root", None, None),
            Err(AddUserError::Role)
        ));
        assert!(matches!(
            add_user(&mut conn, "not-an-email", "Sales", None, None),
            Err(AddUserError::Email)
        ));
        assert!(matches!(
            add_user(
                &mut conn,
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
