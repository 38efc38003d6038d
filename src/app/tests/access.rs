use crate::app::testing::TestStore;
use crate::app::{Error, Refusal, access};
use crate::db::keys::CustomerKey;
use crate::db::{self, audit::Action};
use crate::domain::identity::Email;
use crate::domain::roles::{AgentRole, GrantRefusal, ReservationRole};

fn email(text: &str) -> Email {
    Email::parse(text).expect("email")
}

/// A reservation of Contoso (customer 1), whose IT admin is its Owner.
fn contoso(store: &mut TestStore) -> crate::domain::ids::ReservationId {
    use diesel::prelude::*;
    crate::db::schema::reservations::table
        .filter(crate::db::schema::reservations::customer_id.eq(1))
        .select(crate::db::schema::reservations::reservation_guid)
        .first(&mut store.conn)
        .expect("a Contoso reservation")
}

#[test]
fn granting_to_a_new_person_creates_their_sign_in_and_is_audited() {
    let mut store = TestStore::demo();
    let admin = store.actor("admin@partner.example");
    let id = contoso(&mut store);
    let granted = store
        .run(&admin, |ctx| {
            access::grant(ctx, id, &email("dana@contoso.com"), ReservationRole::Reader)
        })
        .expect("granted");
    let password = granted.new_password.expect("a password to hand over");
    let user = db::users::find_by_email(&mut store.conn, "dana@contoso.com")
        .expect("query")
        .expect("a customer user");
    assert_eq!(user.role, AgentRole::Customer);
    assert_eq!(user.customer_id, Some(CustomerKey(1)));
    assert!(crate::passwords::verify(&password, &user.password_hash));
    assert_eq!(store.audited(Action::RoleAssigned), 1);
    let again = store.run(&admin, |ctx| {
        access::grant(ctx, id, &email("dana@contoso.com"), ReservationRole::Reader)
    });
    assert!(
        matches!(again, Err(Error::Refused(Refusal::AlreadyAssigned))),
        "{again:?}"
    );
    assert_eq!(store.audited(Action::RoleAssigned), 1);
}

#[test]
fn the_tenant_rule_keeps_people_to_their_customer() {
    let mut store = TestStore::demo();
    let admin = store.actor("admin@partner.example");
    let owner = store.actor("it-admin@contoso.com");
    let id = contoso(&mut store);
    let other_domain = db::customers::find(&mut store.conn, CustomerKey(2))
        .expect("customer 2")
        .domain;
    let elsewhere = store.run(&admin, |ctx| {
        access::grant(
            ctx,
            id,
            &email(&format!("x@{other_domain}")),
            ReservationRole::Reader,
        )
    });
    assert!(
        matches!(
            elsewhere,
            Err(Error::Refused(Refusal::Grant(GrantRefusal::OtherCustomer)))
        ),
        "{elsewhere:?}"
    );
    let outside = store.run(&owner, |ctx| {
        access::grant(
            ctx,
            id,
            &email("sales@partner.example"),
            ReservationRole::Reader,
        )
    });
    assert!(
        matches!(
            outside,
            Err(Error::Refused(Refusal::Grant(
                GrantRefusal::OutsideOrganisation
            )))
        ),
        "{outside:?}"
    );
    assert_eq!(store.audited(Action::RoleAssigned), 0);
}

#[test]
fn a_reservation_never_loses_its_last_owner() {
    let mut store = TestStore::demo();
    let admin = store.actor("admin@partner.example");
    let id = contoso(&mut store);
    let row = db::reservations::find_by_guid(&mut store.conn, id)
        .expect("reservation")
        .id;
    let owners: Vec<_> = db::role_assignments::for_reservation(&mut store.conn, row)
        .expect("assignments")
        .into_iter()
        .filter(|a| a.role == ReservationRole::Owner)
        .collect();
    for owner in &owners[1..] {
        store
            .run(&admin, |ctx| access::remove(ctx, id, owner.id))
            .expect("removed");
    }
    let last = store.run(&admin, |ctx| access::remove(ctx, id, owners[0].id));
    assert!(
        matches!(last, Err(Error::Refused(Refusal::LastOwner))),
        "{last:?}"
    );
    assert_eq!(store.audited(Action::RoleRemoved), owners.len() as i64 - 1);
}

#[test]
fn who_may_manage_access() {
    let mut store = TestStore::demo();
    let id = contoso(&mut store);
    let sales = store.actor("sales@partner.example");
    let refused = store.run(&sales, |ctx| {
        access::grant(ctx, id, &email("eve@contoso.com"), ReservationRole::Reader)
    });
    assert!(matches!(refused, Err(Error::Forbidden)), "{refused:?}");
    // Another customer's user learns nothing about the reservation.
    let admin = store.actor("admin@partner.example");
    let other = store.run(&admin, |ctx| {
        access::grant(ctx, id, &email("it@contoso.com"), ReservationRole::Owner)
    });
    assert!(other.is_ok());
    let mut stranger = store.actor("it-admin@contoso.com");
    stranger.customer_id = Some(CustomerKey(2));
    let hidden = store.run(&stranger, |ctx| {
        access::grant(ctx, id, &email("eve@contoso.com"), ReservationRole::Reader)
    });
    assert!(matches!(hidden, Err(Error::NotFound)), "{hidden:?}");
}
