//! The `alert_preferences` table: the email alerts each user chose and the
//! language their email is written in (no row: their role's defaults).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::keys::UserKey;
use super::schema::alert_preferences as prefs;
use crate::db::Conn;

/// A user's stored choice.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = prefs, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct Preferences {
    /// Whose.
    pub user_id: UserKey,
    /// Days before expiry, as `90,30` (see `domain::alerts::Choices`).
    pub expiry_days: String,
    /// Under-use alerts.
    pub underused: bool,
    /// New support requests.
    pub new_requests: bool,
    /// Their requests settled.
    pub settled: bool,
    /// A language tag (`en-US`, `pt-BR`).
    pub language: String,
    /// Whether the user chose their alerts (false: only their language is
    /// kept, and their role's defaults apply).
    pub chosen: bool,
    /// When last saved.
    pub updated_at: NaiveDateTime,
}

/// The stored choice of `user`, if they ever saved one.
pub fn of(conn: &mut Conn, user: UserKey) -> QueryResult<Option<Preferences>> {
    prefs::table
        .find(user)
        .select(Preferences::as_select())
        .first(conn)
        .optional()
}

/// The stored choices of these users.
pub fn of_users(conn: &mut Conn, users: &[UserKey]) -> QueryResult<Vec<Preferences>> {
    let mut out = Vec::new();
    for chunk in users.chunks(500) {
        out.extend(
            prefs::table
                .filter(prefs::user_id.eq_any(chunk))
                .select(Preferences::as_select())
                .load(conn)?,
        );
    }
    Ok(out)
}

/// Stores `choice`, replacing the user's previous one.
pub fn save(conn: &mut Conn, choice: &Preferences) -> QueryResult<()> {
    per_engine!(conn, |c| diesel::insert_into(prefs::table)
        .values(choice)
        .on_conflict(prefs::user_id)
        .do_update()
        .set(choice)
        .execute(c))?;
    Ok(())
}

/// Remembers `language` for the user's email, keeping their other choices
/// (or their role's defaults, `defaults`, when they never saved any).
pub fn set_language(conn: &mut Conn, defaults: &Preferences) -> QueryResult<()> {
    per_engine!(conn, |c| diesel::insert_into(prefs::table)
        .values(defaults)
        .on_conflict(prefs::user_id)
        .do_update()
        .set((
            prefs::language.eq(&defaults.language),
            prefs::updated_at.eq(defaults.updated_at),
        ))
        .execute(c))?;
    Ok(())
}
