use chrono::Duration;

use crate::app::testing::TestStore;
use crate::app::throttle::{self, MAX_FAILURES};
use crate::app::{Actor, Clock};

fn keys(email: &str, address: &str) -> Vec<String> {
    vec![format!("email:{email}"), format!("address:{address}")]
}

fn at(store: &mut TestStore, seconds: i64) {
    let start = chrono::NaiveDate::from_ymd_opt(2026, 11, 25)
        .expect("day")
        .and_hms_opt(10, 0, 0)
        .expect("time");
    store.clock = Clock::Fixed(start + Duration::seconds(seconds));
}

fn begin(store: &mut TestStore, keys: &[String]) -> Result<throttle::Attempt, std::time::Duration> {
    let visitor = Actor::visitor("10.0.0.1");
    store
        .run(&visitor, |ctx| throttle::begin(ctx, keys))
        .expect("answered")
}

#[test]
fn ten_failures_in_a_minute_lock_the_account_and_the_address() {
    let mut store = TestStore::demo();
    let k = keys("a@x.com", "10.0.0.1");
    for i in 0..MAX_FAILURES {
        at(&mut store, i);
        drop(begin(&mut store, &k).expect("allowed"));
    }
    at(&mut store, 10);
    assert_eq!(
        begin(&mut store, &k).err(),
        Some(std::time::Duration::from_secs(50))
    );
    // Another account from the same address, or the same account from elsewhere, waits too.
    assert!(begin(&mut store, &keys("b@x.com", "10.0.0.1")[1..]).is_err());
    assert!(begin(&mut store, &keys("a@x.com", "10.0.0.2")[..1]).is_err());
    assert!(begin(&mut store, &keys("b@x.com", "10.0.0.2")).is_ok());
    // A minute after the first failure, one attempt is free again.
    at(&mut store, 60);
    assert!(begin(&mut store, &k).is_ok());
}

#[test]
fn attempts_in_progress_count_until_abandoned() {
    let mut store = TestStore::demo();
    at(&mut store, 0);
    let k = keys("a@x.com", "10.0.0.1");
    let in_flight: Vec<_> = (0..MAX_FAILURES)
        .map(|_| begin(&mut store, &k).expect("allowed"))
        .collect();
    assert!(begin(&mut store, &k).is_err(), "the eleventh waits");
    let visitor = Actor::visitor("10.0.0.1");
    for attempt in in_flight {
        store
            .run(&visitor, |ctx| throttle::abandoned(ctx, attempt))
            .expect("withdrawn");
    }
    assert!(begin(&mut store, &k).is_ok());
}

#[test]
fn success_forgets_the_account_but_not_the_address() {
    let mut store = TestStore::demo();
    at(&mut store, 0);
    for i in 0..MAX_FAILURES - 1 {
        drop(begin(&mut store, &keys(&format!("victim{i}@x.com"), "10.0.0.1")).expect("allowed"));
    }
    let own = keys("me@x.com", "10.0.0.1");
    let attempt = begin(&mut store, &own).expect("allowed");
    let visitor = Actor::visitor("10.0.0.1");
    store
        .run(&visitor, |ctx| throttle::succeeded(ctx, attempt, &own[0]))
        .expect("forgotten");
    assert!(begin(&mut store, &own).is_ok(), "one more is allowed");
    assert!(
        begin(&mut store, &keys("victim99@x.com", "10.0.0.1")).is_err(),
        "but then the address is at its limit"
    );
}
