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

/// Recent sign-in failures per key (`email:…`, `address:…`).
#[derive(Debug, Default)]
pub struct Throttle {
    failures: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl Throttle {
    /// How long to wait before trying again, if any key has reached the limit.
    pub fn wait(&self, keys: &[String], now: Instant) -> Option<Duration> {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        keys.iter()
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
            .max()
    }

    /// Records a failure under every key.
    pub fn fail(&self, keys: &[String], now: Instant) {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        if failures.len() > SWEEP_ABOVE {
            failures.retain(|_, times| {
                times
                    .back()
                    .is_some_and(|t| now.duration_since(*t) < WINDOW)
            });
        }
        for key in keys {
            let times = failures.entry(key.clone()).or_default();
            times.push_back(now);
            while times.len() > MAX_FAILURES {
                times.pop_front();
            }
        }
    }

    /// Forgets the failures of every key (after a successful sign-in).
    pub fn reset(&self, keys: &[String]) {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        for key in keys {
            failures.remove(key);
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
            assert_eq!(t.wait(&k, start), None, "attempt {i}");
            t.fail(&k, start + Duration::from_secs(i as u64));
        }
        let now = start + Duration::from_secs(10);
        assert_eq!(t.wait(&k, now), Some(Duration::from_secs(50)));
        // Another account from the same address, or the same account from elsewhere, waits too.
        assert!(t.wait(&keys("b@x.com", "10.0.0.1")[1..], now).is_some());
        assert!(t.wait(&keys("a@x.com", "10.0.0.2")[..1], now).is_some());
        assert_eq!(t.wait(&keys("b@x.com", "10.0.0.2"), now), None);
        // A minute after the first failure, one attempt is free again.
        assert_eq!(t.wait(&k, start + Duration::from_secs(60)), None);
    }

    #[test]
    fn success_resets() {
        let t = Throttle::default();
        let now = Instant::now();
        let k = keys("a@x.com", "10.0.0.1");
        for _ in 0..MAX_FAILURES - 1 {
            t.fail(&k, now);
        }
        t.reset(&k);
        for _ in 0..MAX_FAILURES - 1 {
            t.fail(&k, now);
        }
        assert_eq!(t.wait(&k, now), None);
    }
}
