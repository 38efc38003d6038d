//! What a server node remembers of the sessions it checked recently, so
//! that a page does not read the session and its user from the database on
//! every request.
//!
//! A remembered session is used for at most [`MAX_AGE`], and only while the
//! node is following the database's log of session changes
//! (`session_changes`: sign-outs, disabled users, new passwords and roles,
//! from any node or the command line). [`SessionCache::follow`] reads that
//! log every [`FOLLOW_EVERY`] and forgets every session it names, so a
//! change made anywhere takes effect here within about a second; the node
//! that makes a change also forgets at once. When the log cannot be read,
//! everything is forgotten and nothing is remembered until it can.
//! Timeouts are checked on every use, against the one clock.

use std::collections::{BTreeSet, HashMap};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::db::Conn;
use crate::db::keys::UserKey;
use crate::db::session_changes::{self, Change};
use crate::db::sessions::Session;
use crate::db::users::User;

/// How often each node reads the log of session changes.
pub const FOLLOW_EVERY: Duration = Duration::from_secs(1);
/// The longest a remembered session is used before it is read again.
pub const MAX_AGE: Duration = Duration::from_secs(10);
/// The most sessions remembered; past it, the oldest half is forgotten.
const CAPACITY: usize = 10_000;
/// How far back each read of the log looks again, for changes whose
/// transactions took their place in the log before committing after a later
/// one (PostgreSQL's identities are handed out before commit).
const LOOK_BACK: i64 = 100;

/// Recently checked sessions of signed-in users, by token hash.
#[derive(Debug, Default)]
pub struct SessionCache {
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    entries: HashMap<String, Entry>,
    /// The log's latest change read; `None` while the log is not followed.
    followed_to: Option<i64>,
    /// Changes read within the look-back window (not to act twice).
    seen: BTreeSet<i64>,
    /// Counts the times anything was forgotten: a session read from the
    /// database is remembered only if nothing was forgotten meanwhile.
    epoch: u64,
}

#[derive(Debug, Clone)]
struct Entry {
    session: Session,
    user: User,
    read_at: Instant,
}

impl SessionCache {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The remembered session and user for `token_hash`, if read within
    /// [`MAX_AGE`] and the log is followed.
    pub fn get(&self, token_hash: &str) -> Option<(Session, User)> {
        let inner = self.lock();
        inner.followed_to?;
        let entry = inner.entries.get(token_hash)?;
        (entry.read_at.elapsed() < MAX_AGE).then(|| (entry.session.clone(), entry.user.clone()))
    }

    /// To pass to [`SessionCache::put`]: taken before reading a session.
    pub fn epoch(&self) -> u64 {
        self.lock().epoch
    }

    /// Remembers a session read from the database since `epoch`, unless
    /// something was forgotten meanwhile (it may be what was read).
    pub fn put(&self, epoch: u64, token_hash: &str, session: &Session, user: &User) {
        let mut inner = self.lock();
        if inner.epoch != epoch || inner.followed_to.is_none() {
            return;
        }
        if inner.entries.len() >= CAPACITY {
            let mut ages: Vec<Instant> = inner.entries.values().map(|e| e.read_at).collect();
            ages.sort_unstable();
            let cut = ages[ages.len() / 2];
            inner.entries.retain(|_, e| e.read_at > cut);
        }
        inner.entries.insert(
            token_hash.to_string(),
            Entry {
                session: session.clone(),
                user: user.clone(),
                read_at: Instant::now(),
            },
        );
    }

    /// Forgets every session of `user` (a change made on this node).
    pub fn forget_user(&self, user: UserKey) {
        let mut inner = self.lock();
        inner.entries.retain(|_, e| e.user.id != user);
        inner.epoch += 1;
    }

    /// Forgets the session `token_hash` (ended on this node).
    pub fn forget_session(&self, token_hash: &str) {
        let mut inner = self.lock();
        inner.entries.remove(token_hash);
        inner.epoch += 1;
    }

    /// Forgets everything and stops remembering until the log is read.
    pub fn forget_all(&self) {
        let mut inner = self.lock();
        inner.entries.clear();
        inner.followed_to = None;
        inner.seen.clear();
        inner.epoch += 1;
    }

    /// One read of the log: forgets the sessions named by changes not seen
    /// before. On a database error everything is forgotten.
    pub fn follow(&self, conn: &mut Conn) {
        let followed_to = self.lock().followed_to;
        let read = match followed_to {
            // Start from the log's end: nothing is remembered yet.
            None => session_changes::latest(conn).map(|latest| (latest, Vec::new())),
            Some(to) => session_changes::after(conn, to - LOOK_BACK, 10 * LOOK_BACK)
                .map(|changes| (changes.last().map_or(to, |c| c.id.max(to)), changes)),
        };
        match read {
            Ok((to, changes)) => self.apply(to, &changes),
            Err(cause) => {
                tracing::warn!(%cause, "reading session changes failed; sessions are read again");
                self.forget_all();
            }
        }
    }

    fn apply(&self, to: i64, changes: &[Change]) {
        let mut inner = self.lock();
        let fresh: Vec<&Change> = changes
            .iter()
            .filter(|c| !inner.seen.contains(&c.id))
            .collect();
        if inner.followed_to.is_none() {
            inner.epoch += 1;
        }
        if !fresh.is_empty() {
            inner.entries.retain(|hash, e| {
                !fresh
                    .iter()
                    .any(|c| c.user_id == Some(e.user.id) || c.token_hash.as_deref() == Some(hash))
            });
            inner.epoch += 1;
        }
        inner.seen.extend(fresh.iter().map(|c| c.id));
        inner.seen.retain(|id| *id > to - LOOK_BACK);
        inner.followed_to = Some(to);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::roles::AgentRole;
    use chrono::NaiveDate;

    fn session(hash: &str, user: i64) -> (Session, User) {
        let at = NaiveDate::from_ymd_opt(2026, 11, 25)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .unwrap_or_default();
        let user = User {
            id: UserKey(user),
            email: format!("u{user}@partner.example"),
            display_name: "U".into(),
            password_hash: String::new(),
            role: AgentRole::Sales,
            customer_id: None,
            disabled: false,
            created_at: at,
        };
        let session = Session {
            token_hash: hash.into(),
            user_id: Some(user.id),
            csrf_token: "t".into(),
            created_at: at,
            last_seen_at: at,
        };
        (session, user)
    }

    fn followed() -> SessionCache {
        let cache = SessionCache::default();
        cache.apply(5, &[]);
        cache
    }

    fn change(id: i64, user: Option<i64>, hash: Option<&str>) -> Change {
        Change {
            id,
            user_id: user.map(UserKey),
            token_hash: hash.map(String::from),
        }
    }

    #[test]
    fn remembers_only_while_following_the_log() {
        let cache = SessionCache::default();
        let (s, u) = session("a", 1);
        cache.put(cache.epoch(), "a", &s, &u);
        assert!(cache.get("a").is_none(), "not followed yet");
        let cache = followed();
        cache.put(cache.epoch(), "a", &s, &u);
        assert_eq!(cache.get("a").map(|(s, _)| s.token_hash), Some("a".into()));
        cache.forget_all();
        assert!(cache.get("a").is_none());
    }

    #[test]
    fn changes_in_the_log_forget_sessions() {
        let cache = followed();
        for (hash, user) in [("a", 1), ("b", 1), ("c", 2), ("d", 3)] {
            let (s, u) = session(hash, user);
            cache.put(cache.epoch(), hash, &s, &u);
        }
        cache.apply(7, &[change(6, Some(1), None), change(7, None, Some("c"))]);
        assert!(cache.get("a").is_none() && cache.get("b").is_none() && cache.get("c").is_none());
        assert!(cache.get("d").is_some());
        // A change seen before is not acted on again; one that commits
        // late, with an earlier place in the log, is.
        let (s, u) = session("a", 1);
        cache.put(cache.epoch(), "a", &s, &u);
        cache.apply(8, &[change(6, Some(1), None), change(8, Some(9), None)]);
        assert!(cache.get("a").is_some());
        cache.apply(8, &[change(4, Some(1), None)]);
        assert!(cache.get("a").is_none());
    }

    #[test]
    fn a_read_overtaken_by_a_change_is_not_remembered() {
        let cache = followed();
        let (s, u) = session("a", 1);
        let epoch = cache.epoch();
        cache.forget_user(UserKey(1));
        cache.put(epoch, "a", &s, &u);
        assert!(cache.get("a").is_none());
        cache.put(cache.epoch(), "a", &s, &u);
        cache.forget_session("a");
        assert!(cache.get("a").is_none());
    }

    #[test]
    fn stays_within_its_capacity() {
        let cache = followed();
        for i in 0..(CAPACITY + 10) {
            let hash = format!("s{i}");
            let (s, u) = session(&hash, i as i64);
            cache.put(cache.epoch(), &hash, &s, &u);
        }
        let kept = cache.lock().entries.len();
        assert!(kept <= CAPACITY && kept > CAPACITY / 4, "{kept}");
        assert!(cache.get(&format!("s{}", CAPACITY + 9)).is_some());
    }
}
