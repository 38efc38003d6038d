//! The `users` table: agents and customer users who sign in.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::keys::{CustomerKey, UserKey};
use super::schema::users;
use crate::db::Conn;
use crate::domain::roles::AgentRole;

/// A user who can sign in.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = users, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct User {
    /// Row ID.
    pub id: UserKey,
    /// Sign-in email, lower-case.
    pub email: String,
    /// Name shown in the header.
    pub display_name: String,
    /// Argon2id PHC string.
    pub password_hash: String,
    /// Partner role, or `Customer` for a customer's user.
    pub role: AgentRole,
    /// For customer users: their customer.
    pub customer_id: Option<CustomerKey>,
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
    /// Partner role, or `Customer` for a customer's user.
    pub role: AgentRole,
    /// For customer users: their customer.
    pub customer_id: Option<CustomerKey>,
    /// When created.
    pub created_at: NaiveDateTime,
}

/// The user with this email (compared lower-case).
pub fn find_by_email(conn: &mut Conn, email: &str) -> QueryResult<Option<User>> {
    users::table
        .filter(users::email.eq(email.trim().to_lowercase()))
        .select(User::as_select())
        .first(conn)
        .optional()
}

/// Inserts a user, returning its row ID.
pub fn insert(conn: &mut Conn, user: &NewUser) -> QueryResult<i64> {
    diesel::insert_into(users::table)
        .values(user)
        .returning(users::id)
        .get_result(conn)
}

/// How many users there are.
pub fn count(conn: &mut Conn) -> QueryResult<i64> {
    users::table.count().get_result(conn)
}

/// The user with this row ID.
pub fn find(conn: &mut Conn, id: UserKey) -> QueryResult<User> {
    users::table.find(id).select(User::as_select()).first(conn)
}

/// Every user, agents first by role then by email.
pub fn list(conn: &mut Conn) -> QueryResult<Vec<User>> {
    users::table
        .order((users::disabled, users::role, users::email))
        .select(User::as_select())
        .load(conn)
}

/// How many enabled admins there are.
pub fn count_enabled_admins(conn: &mut Conn) -> QueryResult<i64> {
    users::table
        .filter(users::role.eq(AgentRole::Admin))
        .filter(users::disabled.eq(false))
        .count()
        .get_result(conn)
}

/// Changes a user's role (logged as a session change, like the next two).
pub fn set_role(conn: &mut Conn, id: UserKey, role: AgentRole) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set(users::role.eq(role))
        .execute(conn)?;
    super::session_changes::record_user(conn, id)
}

/// Disables or enables a user.
pub fn set_disabled(conn: &mut Conn, id: UserKey, disabled: bool) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set(users::disabled.eq(disabled))
        .execute(conn)?;
    super::session_changes::record_user(conn, id)
}

/// Replaces a user's password hash.
pub fn set_password_hash(conn: &mut Conn, id: UserKey, hash: &str) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set(users::password_hash.eq(hash))
        .execute(conn)?;
    super::session_changes::record_user(conn, id)
}

/// The emails of the enabled users of `customer`, by email.
pub fn emails_of_customer(conn: &mut Conn, customer: CustomerKey) -> QueryResult<Vec<String>> {
    users::table
        .filter(users::customer_id.eq(customer))
        .filter(users::disabled.eq(false))
        .select(users::email)
        .order(users::email)
        .load(conn)
}

/// The users of `role`.
pub fn with_role(conn: &mut Conn, role: AgentRole) -> QueryResult<Vec<User>> {
    users::table
        .filter(users::role.eq(role))
        .order(users::id)
        .select(User::as_select())
        .load(conn)
}
