//! Sign-in throttling: after too many failures for one account or from one
//! address within a window, further attempts wait. Kept in memory: it guards
//! one running server, and a restart forgets it (a restart is no faster
//! than the window).

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failures allowed within the window.
pub const MAX_FAILURES: usize = 10;
/// The window.
pub const WINDOW: Duration = Duration::from_secs(60);
/// Keys kept before old ones are swept.
const SWEEP_ABOVE: usize = 10_000;

/// Recent sign-in failures per key (`email:…`, `address:…`), counting the
/// attempts still in progress as failures until they are known to have
/// succeeded, so that a burst of parallel attempts is checked like the same
/// attempts one after another.
#[derive(Debug, Default)]
pub struct Throttle {
    failures: Mutex<HashMap<String, VecDeque<Instant>>>,
}

/// An attempt in progress, counted under its keys until it ends.
#[derive(Debug)]
#[must_use = "an attempt counts as a failure unless it is reported to have succeeded"]
pub struct Attempt {
    keys: Vec<String>,
    at: Instant,
}

impl Throttle {
    /// Starts an attempt: refused with how long to wait when any key has
    /// reached the limit, else counted under every key at once.
    pub fn begin(&self, keys: &[String], now: Instant) -> Result<Attempt, Duration> {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        if failures.len() > SWEEP_ABOVE {
            failures.retain(|_, times| {
                times
                    .back()
                    .is_some_and(|t| now.duration_since(*t) < WINDOW)
            });
        }
        let wait = keys
            .iter()
            .filter_map(|key| {
                let times = failures.get_mut(key)?;
                times.retain(|t| now.duration_since(*t) < WINDOW);
                (times.len() >= MAX_FAILURES).then(|| {
                    let oldest = times.front().copied().unwrap_or(now);
                    WINDOW
                        .saturating_sub(now.duration_since(oldest))
                        .max(Duration::from_secs(1))
                })
            })
            .max();
        if let Some(wait) = wait {
            return Err(wait);
        }
        for key in keys {
            failures.entry(key.clone()).or_default().push_back(now);
        }
        Ok(Attempt {
            keys: keys.to_vec(),
            at: now,
        })
    }

    /// The attempt succeeded: it no longer counts, and the failures of
    /// `account_key` are forgotten. Every other key (the address) keeps the
    /// failures it had, so signing in to one's own account does not make
    /// room for guesses at others.
    pub fn succeeded(&self, attempt: Attempt, account_key: &str) {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        Self::withdraw(&mut failures, &attempt);
        failures.remove(account_key);
    }

    /// The attempt was not made after all (the server was too busy to check
    /// the password): it does not count.
    pub fn abandoned(&self, attempt: Attempt) {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        Self::withdraw(&mut failures, &attempt);
    }

    /// The attempt failed: it stays counted.
    pub fn failed(&self, attempt: Attempt) {
        drop(attempt);
    }

    fn withdraw(failures: &mut HashMap<String, VecDeque<Instant>>, attempt: &Attempt) {
        for key in &attempt.keys {
            if let Some(times) = failures.get_mut(key)
                && let Some(i) = times.iter().position(|t| *t == attempt.at)
            {
                times.remove(i);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(email: &str, address: &str) -> Vec<String> {
        vec![format!("email:{email}"), format!("address:{address}")]
    }

    #[test]
    fn ten_failures_in_a_minute_lock_the_account_and_the_address() {
        let t = Throttle::default();
        let start = Instant::now();
        let k = keys("a@x.com", "10.0.0.1");
        for i in 0..MAX_FAILURES {
            let attempt = t
                .begin(&k, start + Duration::from_secs(i as u64))
                .expect("allowed");
            t.failed(attempt);
        }
        let now = start + Duration::from_secs(10);
        assert_eq!(t.begin(&k, now).err(), Some(Duration::from_secs(50)));
        // Another account from the same address, or the same account from elsewhere, waits too.
        assert!(t.begin(&keys("b@x.com", "10.0.0.1")[1..], now).is_err());
        assert!(t.begin(&keys("a@x.com", "10.0.0.2")[..1], now).is_err());
        assert!(t.begin(&keys("b@x.com", "10.0.0.2"), now).is_ok());
        // A minute after the first failure, one attempt is free again.
        assert!(t.begin(&k, start + Duration::from_secs(60)).is_ok());
    }

    #[test]
    fn attempts_in_progress_count() {
        let t = Throttle::default();
        let now = Instant::now();
        let k = keys("a@x.com", "10.0.0.1");
        let in_flight: Vec<_> = (0..MAX_FAILURES)
            .map(|_| t.begin(&k, now).expect("allowed"))
            .collect();
        assert!(t.begin(&k, now).is_err(), "the eleventh waits");
        for attempt in in_flight {
            t.abandoned(attempt);
        }
        assert!(t.begin(&k, now).is_ok());
    }

    #[test]
    fn success_forgets_the_account_but_not_the_address() {
        let t = Throttle::default();
        let now = Instant::now();
        for i in 0..MAX_FAILURES - 1 {
            let attempt = t
                .begin(&keys(&format!("victim{i}@x.com"), "10.0.0.1"), now)
                .expect("allowed");
            t.failed(attempt);
        }
        let own = keys("me@x.com", "10.0.0.1");
        let attempt = t.begin(&own, now).expect("allowed");
        t.succeeded(attempt, &own[0]);
        assert!(t.begin(&own, now).is_ok(), "one more is allowed");
        assert!(
            t.begin(&keys("victim99@x.com", "10.0.0.1"), now).is_err(),
            "but then the address is at its limit"
        );
    }
}
