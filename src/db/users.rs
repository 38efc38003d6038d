//! The `users` table: agents and customer users who sign in.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::users;
use crate::domain::roles::AgentRole;

/// A user who can sign in.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = users, check_for_backend(diesel::sqlite::Sqlite))]
pub struct User {
    /// Row ID.
    pub id: i64,
    /// Sign-in email, lower-case.
    pub email: String,
    /// Name shown in the header.
    pub display_name: String,
    /// Argon2id PHC string.
    pub password_hash: String,
    /// Role.
    pub role: AgentRole,
    /// For customer users: their customer.
    pub customer_id: Option<i64>,
    /// Disabled users cannot sign in.
    pub disabled: bool,
    /// When created.
    pub created_at: NaiveDateTime,
}

/// A user to insert.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = users, treat_none_as_default_value = false)]
pub struct NewUser {
    /// Sign-in email, lower-case.
    pub email: String,
    /// Name shown in the header.
    pub display_name: String,
    /// Argon2id PHC string.
    pub password_hash: String,
    /// Role (stored spelling).
    pub role: String,
    /// For customer users: their customer.
    pub customer_id: Option<i64>,
    /// When created.
    pub created_at: NaiveDateTime,
}

/// The user with this email (compared lower-case).
pub fn find_by_email(conn: &mut SqliteConnection, email: &str) -> QueryResult<Option<User>> {
    users::table
        .filter(users::email.eq(email.trim().to_lowercase()))
        .select(User::as_select())
        .first(conn)
        .optional()
}

/// Inserts a user, returning its row ID.
pub fn insert(conn: &mut SqliteConnection, user: &NewUser) -> QueryResult<i64> {
    diesel::insert_into(users::table)
        .values(user)
        .returning(users::id)
        .get_result(conn)
}

/// How many users there are.
pub fn count(conn: &mut SqliteConnection) -> QueryResult<i64> {
    users::table.count().get_result(conn)
}
