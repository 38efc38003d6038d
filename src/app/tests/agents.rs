use crate::app::agents::{self, NewAgent};
use crate::app::testing::TestStore;
use crate::app::{Actor, Error, Refusal};
use crate::db::{self, audit::Action};
use crate::domain::identity::Email;
use crate::domain::roles::AgentRole;

fn new_agent(email: &str, role: AgentRole) -> NewAgent {
    NewAgent {
        email: Email::parse(email).expect("email"),
        name: "New Agent".into(),
        role,
        password: None,
    }
}

#[test]
fn an_admin_adds_an_agent_with_a_password_shown_once_and_audited() {
    let mut store = TestStore::demo();
    let admin = store.actor("admin@partner.example");
    let password = store
        .run(&admin, |ctx| {
            agents::create(ctx, &new_agent("pat@partner.example", AgentRole::Sales))
        })
        .expect("created");
    let user = db::users::find_by_email(&mut store.conn, "pat@partner.example")
        .expect("query")
        .expect("the agent exists");
    assert_eq!(user.role, AgentRole::Sales);
    assert!(crate::passwords::verify(&password, &user.password_hash));
    assert_eq!(user.created_at, store.clock.now(), "the clock's time");
    assert_eq!(store.audited(Action::AgentCreated), 1);
    assert_eq!(
        store.last_audited_at(Action::AgentCreated),
        store.clock.now()
    );
}

#[test]
fn adding_is_refused_to_other_roles_for_taken_emails_and_customer_roles() {
    let mut store = TestStore::demo();
    let sales = store.actor("sales@partner.example");
    let admin = store.actor("admin@partner.example");
    let refused = store.run(&sales, |ctx| {
        agents::create(ctx, &new_agent("x@partner.example", AgentRole::Sales))
    });
    assert!(matches!(refused, Err(Error::Forbidden)), "{refused:?}");
    let taken = store.run(&admin, |ctx| {
        agents::create(ctx, &new_agent("SUPPORT@partner.example", AgentRole::Sales))
    });
    assert!(
        matches!(taken, Err(Error::Refused(Refusal::EmailTaken))),
        "{taken:?}"
    );
    let customer = store.run(&admin, |ctx| {
        agents::create(ctx, &new_agent("y@partner.example", AgentRole::Customer))
    });
    assert!(
        matches!(customer, Err(Error::Invalid("role-unknown"))),
        "{customer:?}"
    );
    let weak = store.run(&admin, |ctx| {
        let mut agent = new_agent("z@partner.example", AgentRole::Sales);
        agent.password = Some("password".into());
        agents::create(ctx, &agent)
    });
    assert!(
        matches!(weak, Err(Error::Refused(Refusal::Password(_)))),
        "{weak:?}"
    );
    assert_eq!(store.audited(Action::AgentCreated), 0, "nothing written");
}

#[test]
fn the_last_enabled_admin_keeps_the_role_and_stays_enabled() {
    let mut store = TestStore::demo();
    let admin = store.actor("admin@partner.example");
    let id = admin.user_id.expect("row");
    let demoted = store.run(&admin, |ctx| agents::change_role(ctx, id, AgentRole::Sales));
    assert!(
        matches!(&demoted, Err(Error::Refused(Refusal::LastAdmin(email))) if email == "admin@partner.example"),
        "{demoted:?}"
    );
    let disabled = store.run(&admin, |ctx| agents::set_disabled(ctx, id, true));
    assert!(matches!(
        disabled,
        Err(Error::Refused(Refusal::LastAdmin(_)))
    ));
    assert_eq!(store.audited(Action::RoleChanged), 0);
    assert_eq!(store.audited(Action::AgentDisabled), 0);
}

#[test]
fn disabling_an_agent_ends_their_sessions_and_is_audited_once() {
    let mut store = TestStore::demo();
    let admin = store.actor("admin@partner.example");
    let helpdesk = store.actor("helpdesk@partner.example");
    let id = helpdesk.user_id.expect("row");
    super::sessions::signed_in(&mut store, "helpdesk@partner.example");
    store
        .run(&admin, |ctx| agents::set_disabled(ctx, id, true))
        .expect("disabled");
    store
        .run(&admin, |ctx| agents::set_disabled(ctx, id, true))
        .expect("disabling again changes nothing");
    let user = db::users::find(&mut store.conn, id).expect("user");
    assert!(user.disabled);
    use diesel::prelude::*;
    let sessions: i64 = crate::db::schema::sessions::table
        .filter(crate::db::schema::sessions::user_id.eq(id))
        .count()
        .get_result(&mut store.conn)
        .expect("count");
    assert_eq!(sessions, 0);
    assert_eq!(store.audited(Action::AgentDisabled), 1);
}

#[test]
fn customer_users_are_not_agents_to_manage() {
    let mut store = TestStore::demo();
    let admin = store.actor("admin@partner.example");
    let customer = store.actor("it-admin@contoso.com");
    let id = customer.user_id.expect("row");
    let reset = store.run(&admin, |ctx| agents::reset_password(ctx, id));
    assert!(matches!(reset, Err(Error::NotFound)), "{reset:?}");
    let by_command_line = store.run(&Actor::command_line(), |ctx| {
        agents::create(ctx, &new_agent("ops@partner.example", AgentRole::Admin))
    });
    assert!(by_command_line.is_ok(), "the command line acts as an admin");
}

#[test]
fn role_changes_and_password_resets_are_audited_and_end_sessions() {
    let mut store = TestStore::demo();
    let admin = store.actor("admin@partner.example");
    let sales = store.actor("sales@partner.example");
    let id = sales.user_id.expect("row");
    let refused = store.run(&sales, |ctx| agents::change_role(ctx, id, AgentRole::Admin));
    assert!(matches!(refused, Err(Error::Forbidden)), "{refused:?}");
    store
        .run(&admin, |ctx| {
            agents::change_role(ctx, id, AgentRole::Helpdesk)
        })
        .expect("changed");
    assert_eq!(
        db::users::find(&mut store.conn, id).expect("user").role,
        AgentRole::Helpdesk
    );
    assert_eq!(store.audited(Action::RoleChanged), 1);
    super::sessions::signed_in(&mut store, "sales@partner.example");
    let (email, password) = store
        .run(&admin, |ctx| agents::reset_password(ctx, id))
        .expect("reset");
    assert_eq!(email, "sales@partner.example");
    let user = db::users::find(&mut store.conn, id).expect("user");
    assert!(crate::passwords::verify(&password, &user.password_hash));
    assert!(!crate::passwords::verify(
        crate::seed::DEMO_PASSWORD,
        &user.password_hash
    ));
    use diesel::prelude::*;
    let sessions: i64 = crate::db::schema::sessions::table
        .filter(crate::db::schema::sessions::user_id.eq(id))
        .count()
        .get_result(&mut store.conn)
        .expect("count");
    assert_eq!(sessions, 0, "signed out everywhere");
    assert_eq!(store.audited(Action::PasswordReset), 1);
}
