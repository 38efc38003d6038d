//! The outbox's steps for the mail worker: the sender's lease, the hold
//! on a message being sent, waits that double and are never given up,
//! refusals for good, Retry and Retry all.

use std::time::Duration;

use diesel::prelude::*;

use crate::app::alerts::outbox;
use crate::app::testing::TestStore;
use crate::app::{Actor, Error};
use crate::db::audit::Action;
use crate::db::{self};

#[test]
fn one_node_at_a_time_sends_and_a_message_the_server_cannot_take_waits_longer_each_time() {
    let mut store = TestStore::demo();
    let admin = store.actor("admin@partner.example");
    let id = store
        .run(&admin, |ctx| {
            outbox::queue_test(ctx, "ops@partner.example", "en-US")
        })
        .expect("queued");
    assert_eq!(store.audited(Action::TestEmailQueued), 1);
    let refused = store.run(&admin, |ctx| {
        outbox::queue_test(ctx, "not an address", "en-US")
    });
    assert!(matches!(refused, Err(Error::Invalid(_))));
    let system = Actor::housekeeping();
    let lease = Duration::from_secs(10);
    // Node A holds the lease (and the message); node B gets nothing.
    let taken = store
        .run(&system, |ctx| outbox::take_next(ctx, "a", lease))
        .expect("taken");
    let message = taken.expect("due");
    assert_eq!(message.id, id);
    let other = store
        .run(&system, |ctx| outbox::take_next(ctx, "b", lease))
        .expect("asked");
    assert!(other.is_none());
    // Node A, again: the message is held by its own earlier claim.
    let held = store
        .run(&system, |ctx| outbox::take_next(ctx, "a", lease))
        .expect("asked");
    assert!(held.is_none());
    // A failure puts it back, due after the base wait.
    let base = Duration::from_secs(30);
    store
        .run(&system, |ctx| {
            outbox::record_failure(ctx, &message, "421 try later", false, base)
        })
        .expect("recorded");
    let after = db::outbox::find(&mut store.conn, id).expect("message");
    assert_eq!(after.state, "Queued");
    assert_eq!(after.attempts, 1);
    assert_eq!(after.last_error.as_deref(), Some("421 try later"));
    assert_eq!(
        after.next_attempt_at,
        store.clock.now() + chrono::TimeDelta::seconds(30)
    );
    // A record from a worker whose hold is gone changes nothing.
    store
        .run(&system, |ctx| outbox::record_sent(ctx, &message))
        .expect("a no-op");
    assert_eq!(
        db::outbox::find(&mut store.conn, id).expect("m").state,
        "Queued"
    );
    // However often it fails, it waits (never over an hour) and is never
    // given up.
    let take = |store: &mut TestStore| {
        use crate::db::schema::outbox as o;
        let now = store.clock.now();
        diesel::update(o::table.find(id))
            .set(o::next_attempt_at.eq(now))
            .execute(&mut store.conn)
            .expect("due now");
        store
            .run(&Actor::housekeeping(), |ctx| {
                outbox::take_next(ctx, "a", lease)
            })
            .expect("taken")
            .expect("due")
    };
    for _ in 2..=12 {
        let m = take(&mut store);
        store
            .run(&system, |ctx| {
                outbox::record_failure(ctx, &m, "421 still", false, base)
            })
            .expect("recorded");
    }
    let waiting = db::outbox::find(&mut store.conn, id).expect("m");
    assert_eq!((waiting.state.as_str(), waiting.attempts), ("Queued", 12));
    assert_eq!(
        waiting.next_attempt_at,
        store.clock.now() + chrono::TimeDelta::hours(1)
    );
    // A refusal for good gives up at once.
    let m = take(&mut store);
    store
        .run(&system, |ctx| {
            outbox::record_failure(ctx, &m, "550 unknown user", true, base)
        })
        .expect("recorded");
    assert_eq!(
        db::outbox::find(&mut store.conn, id).expect("m").state,
        "Failed"
    );
    // An admin queues it again, once.
    store
        .run(&admin, |ctx| outbox::retry(ctx, id))
        .expect("retried");
    let again = db::outbox::find(&mut store.conn, id).expect("m");
    assert_eq!((again.state.as_str(), again.attempts), ("Queued", 0));
    assert!(matches!(
        store.run(&admin, |ctx| outbox::retry(ctx, id)),
        Err(Error::Invalid("outbox-not-failed"))
    ));
    // Given up again, then every failed one queued at once.
    let m = take(&mut store);
    store
        .run(&system, |ctx| {
            outbox::record_failure(ctx, &m, "550 x", true, base)
        })
        .expect("recorded");
    assert_eq!(store.run(&admin, outbox::retry_all).expect("all"), 1);
    assert_eq!(
        db::outbox::find(&mut store.conn, id).expect("m").state,
        "Queued"
    );
    let helpdesk = store.actor("helpdesk@partner.example");
    assert!(matches!(
        store.run(&helpdesk, |ctx| outbox::retry(ctx, id)),
        Err(Error::Forbidden)
    ));
}
