//! The `outbox` and `mail_sender` tables: every email alert, written in
//! the transaction that causes it and sent later by the mail worker; and
//! the lease that lets one node at a time be that worker.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::keys::UserKey;
use super::schema::{mail_sender, outbox};
use crate::db::Conn;

/// A message in the outbox.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = outbox, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct Message {
    /// Row ID (also the message's `Message-ID`, so that a receiver can tell
    /// a message sent again after a crash from a new one).
    pub id: i64,
    /// What makes it one alert (`expiry:7:2026-11-25`): queued once.
    pub dedupe_key: String,
    /// `Expiry`, `Underused`, `NewRequest`, `Settled` or `Test`.
    pub kind: String,
    /// The user it is for, when it is for a user.
    pub user_id: Option<UserKey>,
    /// The address it goes to.
    pub recipient: String,
    /// The language it is written in.
    pub language: String,
    /// What it says (`domain::alerts::Alert` as JSON).
    pub payload: String,
    /// `Queued`, `Sent` or `Failed` (given up).
    pub state: String,
    /// Tries so far.
    pub attempts: i32,
    /// Not tried again before.
    pub next_attempt_at: NaiveDateTime,
    /// A worker is sending it until then.
    pub claimed_until: Option<NaiveDateTime>,
    /// What the mail server (or the connection to it) last said.
    pub last_error: Option<String>,
    /// When queued.
    pub created_at: NaiveDateTime,
    /// When the mail server accepted it.
    pub sent_at: Option<NaiveDateTime>,
}

/// A message to queue.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = outbox)]
pub struct NewMessage {
    /// See [`Message::dedupe_key`].
    pub dedupe_key: String,
    /// See [`Message::kind`].
    pub kind: String,
    /// See [`Message::user_id`].
    pub user_id: Option<UserKey>,
    /// See [`Message::recipient`].
    pub recipient: String,
    /// See [`Message::language`].
    pub language: String,
    /// See [`Message::payload`].
    pub payload: String,
    /// `Queued`.
    pub state: String,
    /// When it may first be sent.
    pub next_attempt_at: NaiveDateTime,
    /// Now.
    pub created_at: NaiveDateTime,
}

/// Queues `message` unless one with its key was queued before; whether
/// it was.
pub fn queue(conn: &mut Conn, message: &NewMessage) -> QueryResult<bool> {
    let inserted = per_engine!(conn, |c| diesel::insert_into(outbox::table)
        .values(message)
        .on_conflict(outbox::dedupe_key)
        .do_nothing()
        .execute(c))?;
    Ok(inserted == 1)
}

/// Up to `limit` queued messages due at `now` that no worker holds, oldest
/// first.
pub fn due(conn: &mut Conn, now: NaiveDateTime, limit: i64) -> QueryResult<Vec<Message>> {
    outbox::table
        .filter(outbox::state.eq("Queued"))
        .filter(outbox::next_attempt_at.le(now))
        .filter(
            outbox::claimed_until
                .is_null()
                .or(outbox::claimed_until.lt(now)),
        )
        .order(outbox::id)
        .limit(limit)
        .select(Message::as_select())
        .load(conn)
}

/// Holds message `id` for sending until `until`; false when it is no
/// longer queued or another worker holds it.
pub fn claim(
    conn: &mut Conn,
    id: i64,
    now: NaiveDateTime,
    until: NaiveDateTime,
) -> QueryResult<bool> {
    let held = diesel::update(
        outbox::table
            .filter(outbox::id.eq(id))
            .filter(outbox::state.eq("Queued"))
            .filter(
                outbox::claimed_until
                    .is_null()
                    .or(outbox::claimed_until.lt(now)),
            ),
    )
    .set(outbox::claimed_until.eq(until))
    .execute(conn)?;
    Ok(held == 1)
}

/// Records that the mail server accepted message `id`, held until
/// `claim` by the worker recording it; false when that hold was lost
/// (another worker took the message meanwhile).
pub fn sent(
    conn: &mut Conn,
    id: i64,
    claim: NaiveDateTime,
    at: NaiveDateTime,
) -> QueryResult<bool> {
    let changed = diesel::update(held(id, claim))
        .set((
            outbox::state.eq("Sent"),
            outbox::sent_at.eq(at),
            outbox::attempts.eq(outbox::attempts + 1),
            outbox::claimed_until.eq(None::<NaiveDateTime>),
            outbox::last_error.eq(None::<String>),
        ))
        .execute(conn)?;
    Ok(changed == 1)
}

/// Message `id` while it is queued and held until `claim`.
type Held = diesel::dsl::Filter<
    diesel::dsl::Filter<ById, diesel::dsl::Eq<outbox::state, &'static str>>,
    diesel::dsl::Eq<outbox::claimed_until, NaiveDateTime>,
>;
type ById = diesel::dsl::Filter<outbox::table, diesel::dsl::Eq<outbox::id, i64>>;

/// Message `id` while still queued and held until `claim`.
fn held(id: i64, claim: NaiveDateTime) -> Held {
    outbox::table
        .filter(outbox::id.eq(id))
        .filter(outbox::state.eq("Queued"))
        .filter(outbox::claimed_until.eq(claim))
}

/// Records a failed try of message `id` (held until `claim`) and why:
/// tried again at `again`, or given up (`Failed`) when `None`.
pub fn failed(
    conn: &mut Conn,
    (id, claim): (i64, NaiveDateTime),
    error: &str,
    again: Option<NaiveDateTime>,
) -> QueryResult<()> {
    let state = if again.is_some() { "Queued" } else { "Failed" };
    let target = held(id, claim);
    let common = (
        outbox::state.eq(state),
        outbox::attempts.eq(outbox::attempts + 1),
        outbox::claimed_until.eq(None::<NaiveDateTime>),
        outbox::last_error.eq(error),
    );
    match again {
        Some(at) => diesel::update(target)
            .set((common, outbox::next_attempt_at.eq(at)))
            .execute(conn)?,
        None => diesel::update(target).set(common).execute(conn)?,
    };
    Ok(())
}

/// Queues every given-up message again; how many.
pub fn retry_all(conn: &mut Conn, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(outbox::table.filter(outbox::state.eq("Failed")))
        .set((
            outbox::state.eq("Queued"),
            outbox::attempts.eq(0),
            outbox::next_attempt_at.eq(now),
        ))
        .execute(conn)
}

/// Deletes the messages sent before `before`; how many.
pub fn forget_sent(conn: &mut Conn, before: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(
        outbox::table
            .filter(outbox::state.eq("Sent"))
            .filter(outbox::sent_at.lt(before)),
    )
    .execute(conn)
}

/// Whether a message is due at `now` (a read, before any write).
pub fn any_due(conn: &mut Conn, now: NaiveDateTime) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        outbox::table
            .filter(outbox::state.eq("Queued"))
            .filter(outbox::next_attempt_at.le(now))
            .filter(
                outbox::claimed_until
                    .is_null()
                    .or(outbox::claimed_until.lt(now)),
            ),
    ))
    .get_result(conn)
}

/// Queues a given-up message again, with its tries counted afresh; false
/// when it was not given up.
pub fn retry(conn: &mut Conn, id: i64, now: NaiveDateTime) -> QueryResult<bool> {
    let changed = diesel::update(
        outbox::table
            .filter(outbox::id.eq(id))
            .filter(outbox::state.eq("Failed")),
    )
    .set((
        outbox::state.eq("Queued"),
        outbox::attempts.eq(0),
        outbox::next_attempt_at.eq(now),
    ))
    .execute(conn)?;
    Ok(changed == 1)
}

/// Message `id`.
pub fn find(conn: &mut Conn, id: i64) -> QueryResult<Message> {
    outbox::table
        .find(id)
        .select(Message::as_select())
        .first(conn)
}

/// A page of the messages in `state` (all when `None`), newest first.
pub fn page(
    conn: &mut Conn,
    state: Option<&str>,
    offset: i64,
    limit: i64,
) -> QueryResult<Vec<Message>> {
    per_engine!(conn, |c| {
        let mut query = outbox::table
            .order(outbox::id.desc())
            .offset(offset)
            .limit(limit)
            .select(Message::as_select())
            .into_boxed();
        if let Some(state) = state {
            query = query.filter(outbox::state.eq(state.to_string()));
        }
        query.load(c)
    })
}

/// How many messages are in each state, as (`state`, count).
pub fn counts(conn: &mut Conn) -> QueryResult<Vec<(String, i64)>> {
    outbox::table
        .group_by(outbox::state)
        .select((outbox::state, diesel::dsl::count_star()))
        .load(conn)
}

/// Makes `node` the sender until `until`, if the lease is free (ended
/// before `now`) or already its own; whether it is the sender.
pub fn lease(
    conn: &mut Conn,
    node: &str,
    now: NaiveDateTime,
    until: NaiveDateTime,
) -> QueryResult<bool> {
    let taken = diesel::update(
        mail_sender::table.filter(mail_sender::id.eq(1)).filter(
            mail_sender::lease_until
                .lt(now)
                .or(mail_sender::node.eq(node)),
        ),
    )
    .set((
        mail_sender::node.eq(node),
        mail_sender::lease_until.eq(until),
    ))
    .execute(conn)?;
    Ok(taken == 1)
}

/// The row ID of the message queued under `key`.
pub fn queue_id(conn: &mut Conn, key: &str) -> QueryResult<i64> {
    outbox::table
        .filter(outbox::dedupe_key.eq(key))
        .select(outbox::id)
        .first(conn)
}
