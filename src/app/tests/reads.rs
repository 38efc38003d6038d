use crate::app::lookup::{self, Found};
use crate::app::requests::close_ended;
use crate::app::sessions::{self, Timeouts};
use crate::app::system::LocalSystem;
use crate::app::testing::TestStore;
use crate::app::{Actor, Clock, Ctx, Error, customers, home, mine};
use crate::db::audit::Action;
use crate::db::customers::CustomerSort;
use crate::db::keys::CustomerKey;
use crate::domain::ids::LookupQuery;
use crate::domain::reservation::ProvisioningState;
use crate::domain::support::RequestStatus;
use crate::seed::DEMO_PASSWORD;

#[test]
fn customer_users_see_their_own_and_no_one_elses() {
    let mut store = TestStore::demo();
    let owner = store.actor("it-admin@contoso.com");
    let listed = store.run(&owner, |ctx| {
        customers::list(ctx, "", CustomerSort::Company, false, (0, 10))
    });
    assert!(matches!(listed, Err(Error::Forbidden)));
    let tiles = store.run(&owner, |ctx| {
        home::tiles(ctx, &Default::default()).map(|_| ())
    });
    assert!(matches!(tiles, Err(Error::Forbidden)));
    let mine = store
        .run(&owner, |ctx| mine::reservations(ctx, false))
        .expect("their reservations");
    assert!(!mine.rows.is_empty());
    assert!(
        mine.rows
            .iter()
            .all(|r| Some(r.customer_id) == owner.customer_id)
    );
    let mut stranger = owner.clone();
    stranger.customer_id = Some(CustomerKey(2));
    let none = store
        .run(&stranger, |ctx| mine::reservations(ctx, false))
        .expect("answered");
    assert!(
        none.rows.is_empty(),
        "roles at another customer show nothing"
    );
}

#[test]
fn look_up_finds_a_reservation_by_any_id_form() {
    let mut store = TestStore::demo();
    let helpdesk = store.actor("helpdesk@partner.example");
    let (_, id, _) = store.refundable(0);
    let query = LookupQuery::parse(&id.to_string().to_uppercase()).expect("an ID");
    let found = store
        .run(&helpdesk, |ctx| lookup::find(ctx, query))
        .expect("looked up");
    assert_eq!(found, Found::Reservation(id));
    let owner = store.actor("it-admin@contoso.com");
    let refused = store.run(&owner, |ctx| lookup::find(ctx, query));
    assert!(matches!(refused, Err(Error::Forbidden)));
}

#[test]
fn a_session_ends_when_idle_and_signing_out_ends_it_at_once() {
    let mut store = TestStore::demo();
    let timeouts = Timeouts {
        idle: chrono::Duration::minutes(30),
        absolute: chrono::Duration::hours(12),
    };
    let visitor = Actor::visitor("198.51.100.7");
    let sign_in = |store: &mut TestStore| {
        store
            .run(&visitor, |ctx| {
                sessions::sign_in(
                    ctx,
                    "sales@partner.example",
                    DEMO_PASSWORD,
                    "none",
                    timeouts,
                )
            })
            .expect("no error")
            .expect("signed in")
    };
    let resume_at = |store: &mut TestStore, token: &str, minutes: i64| {
        let at = store.clock.now() + chrono::Duration::minutes(minutes);
        let mut ctx = Ctx {
            actor: &visitor,
            clock: Clock::Fixed(at),
            conn: &mut store.conn,
            system: &LocalSystem,
        };
        sessions::resume(&mut ctx, &sessions::hash_token(token), timeouts).expect("answered")
    };
    let token = sign_in(&mut store);
    let (_, user) = resume_at(&mut store, &token, 29).expect("still signed in");
    assert_eq!(
        user.map(|u| u.email).as_deref(),
        Some("sales@partner.example")
    );
    assert!(
        resume_at(&mut store, &token, 29 + 31).is_none(),
        "idle for 31 minutes"
    );
    assert!(
        resume_at(&mut store, &token, 0).is_none(),
        "ended, not just hidden"
    );
    let token = sign_in(&mut store);
    let sales = store.actor("sales@partner.example");
    let hash = sessions::hash_token(&token);
    store
        .run(&sales, |ctx| sessions::sign_out(ctx, &hash))
        .expect("signed out");
    assert!(resume_at(&mut store, &token, 0).is_none());
    assert_eq!(store.audited(Action::SignOut), 1);
}

#[test]
fn the_hourly_job_closes_the_requests_of_reservations_no_longer_in_force() {
    let mut store = TestStore::demo();
    let (row, id, _) = store.refundable(5);
    let number = super::drafts::refund_request(&mut store, id);
    let job = Actor::housekeeping();
    assert_eq!(
        store.run(&job, close_ended).expect("ran"),
        0,
        "still in force"
    );
    crate::db::reservations::set_state(
        &mut store.conn,
        row,
        ProvisioningState::Cancelled,
        store.clock.now(),
    )
    .expect("cancelled elsewhere");
    assert_eq!(store.run(&job, close_ended).expect("ran"), 1);
    assert_eq!(store.run(&job, close_ended).expect("ran"), 0, "closed once");
    let request = crate::db::requests::find_by_number(&mut store.conn, &number).expect("request");
    assert_eq!(request.status, RequestStatus::Rejected);
    let events =
        crate::db::request_history::for_request(&mut store.conn, request.id).expect("history");
    let last = events.last().expect("an event");
    assert_eq!(
        (last.event.as_str(), last.actor_email.as_str()),
        ("ended", "system")
    );
}
