use crate::app::Actor;
use crate::app::sessions::{self, PasswordChange, Timeouts};
use crate::app::testing::TestStore;
use crate::db::{self, audit::Action};
use crate::seed::DEMO_PASSWORD;

fn timeouts() -> Timeouts {
    Timeouts {
        idle: chrono::Duration::minutes(30),
        absolute: chrono::Duration::hours(12),
    }
}

/// Signs `email` in with the demo password; the new session's stored name.
pub(super) fn signed_in(store: &mut TestStore, email: &str) -> String {
    let token = store
        .run(&Actor::visitor("198.51.100.7"), |ctx| {
            sessions::sign_in(ctx, email, DEMO_PASSWORD, "none", timeouts())
        })
        .expect("no error")
        .expect("signed in");
    sessions::hash_token(&token)
}

#[test]
fn signing_in_replaces_the_browsers_former_session_and_is_audited_at_the_clocks_time() {
    let mut store = TestStore::demo();
    let visitor = Actor::visitor("198.51.100.7");
    let sign_in = |store: &mut TestStore, replacing: &str| {
        let replacing = replacing.to_string();
        store
            .run(&visitor, |ctx| {
                sessions::sign_in(
                    ctx,
                    " Support@Partner.example ",
                    DEMO_PASSWORD,
                    &replacing,
                    timeouts(),
                )
            })
            .expect("signed in")
            .expect("a session")
    };
    // A visitor has no stored session: the hash of their cookie names none.
    let first = sign_in(&mut store, &sessions::hash_token(&sessions::random_token()));
    let former = sessions::hash_token(&first);
    let token = sign_in(&mut store, &former);
    let found = db::sessions::find(&mut store.conn, &sessions::hash_token(&token))
        .expect("query")
        .expect("the new session");
    assert_eq!(found.0.created_at, store.clock.now());
    assert!(
        db::sessions::find(&mut store.conn, &former)
            .expect("query")
            .is_none(),
        "the former session is gone"
    );
    assert_eq!(store.audited(Action::SignIn), 2);
    assert_eq!(store.last_audited_at(Action::SignIn), store.clock.now());
}

#[test]
fn a_wrong_password_and_an_unknown_email_fail_alike_and_are_audited() {
    let mut store = TestStore::demo();
    let visitor = Actor::visitor("198.51.100.7");
    for email in ["support@partner.example", "nobody@partner.example"] {
        let outcome = store
            .run(&visitor, |ctx| {
                sessions::sign_in(ctx, email, "not the password", "none", timeouts())
            })
            .expect("no error");
        assert!(outcome.is_none(), "{email}");
    }
    assert_eq!(store.audited(Action::SignInFailed), 2);
    assert_eq!(store.audited(Action::SignIn), 0);
}

#[test]
fn changing_a_password_reports_every_problem_and_keeps_only_this_session() {
    let mut store = TestStore::demo();
    let actor = store.actor("helpdesk@partner.example");
    let user = db::users::find_by_email(&mut store.conn, "helpdesk@partner.example")
        .expect("query")
        .expect("user");
    let this = signed_in(&mut store, "helpdesk@partner.example");
    signed_in(&mut store, "helpdesk@partner.example");
    let wrong = PasswordChange {
        current: "wrong".into(),
        new: "short".into(),
        confirm: "different".into(),
    };
    let problems = store
        .run(&actor, |ctx| {
            sessions::change_password(ctx, &user, &wrong, &this)
        })
        .expect("no error")
        .expect_err("refused");
    assert_eq!(problems.current, Some("password-current-wrong"));
    assert!(problems.new.is_some());
    assert_eq!(store.audited(Action::PasswordChanged), 0);
    let good = PasswordChange {
        current: DEMO_PASSWORD.into(),
        new: "Quiet-Harbour-Lantern-1842".into(),
        confirm: "Quiet-Harbour-Lantern-1842".into(),
    };
    store
        .run(&actor, |ctx| {
            sessions::change_password(ctx, &user, &good, &this)
        })
        .expect("no error")
        .expect("changed");
    use diesel::prelude::*;
    let left: Vec<String> = crate::db::schema::sessions::table
        .filter(crate::db::schema::sessions::user_id.eq(user.id))
        .select(crate::db::schema::sessions::token_hash)
        .load(&mut store.conn)
        .expect("sessions");
    assert_eq!(left, vec![this.clone()]);
    assert_eq!(store.audited(Action::PasswordChanged), 1);
}
