//! Archiving a reservation that has ended, and taking it out of the archive.

use diesel::prelude::*;

use super::configuration::Remote;
use crate::app::reservations::archive::set_archived;
use crate::app::testing::{TestStore, today};
use crate::app::{Error, Refusal};
use crate::db::audit::Action;
use crate::db::keys::CustomerKey;
use crate::db::schema::reservations;
use crate::db::{self, reservations::ListQuery, reservations::ReservationSort};
use crate::domain::ids::ReservationId;

/// A reservation whose term ended, and its customer.
fn ended(store: &mut TestStore) -> (ReservationId, CustomerKey) {
    reservations::table
        .filter(reservations::provisioning_state.eq("Succeeded"))
        .filter(reservations::expiry_date.le(today()))
        .order(reservations::id)
        .select((reservations::reservation_guid, reservations::customer_id))
        .first(&mut store.conn)
        .expect("an expired reservation in the demo")
}

/// Whether customer `customer`'s list holds `id`, with archived ones or not.
fn listed(
    store: &mut TestStore,
    customer: CustomerKey,
    id: ReservationId,
    archived_too: bool,
) -> bool {
    let (rows, _) = db::reservations::list_for_customer(
        &mut store.conn,
        &ListQuery {
            customer_id: customer,
            status: None,
            sort: ReservationSort::Name,
            descending: false,
            offset: 0,
            limit: 1000,
            today: today(),
            archived_too,
        },
    )
    .expect("list");
    rows.iter().any(|r| r.reservation_guid == id)
}

#[test]
fn an_ended_reservation_is_archived_once_and_left_out_of_lists_until_asked_for() {
    let mut store = TestStore::demo();
    let sales = store.actor("sales@partner.example");
    let (id, customer) = ended(&mut store);
    let before = db::reservations::find_by_guid(&mut store.conn, id).expect("reservation");
    assert!(listed(&mut store, customer, id, false));

    let record = store
        .run(&sales, |ctx| set_archived(ctx, id, true))
        .expect("archived");
    assert!(record.reservation.archived);
    assert_eq!(record.reservation.version, before.version + 1);
    assert_eq!(store.audited(Action::ReservationArchived), 1);
    assert!(!listed(&mut store, customer, id, false), "left out");
    assert!(
        listed(&mut store, customer, id, true),
        "shown when asked for"
    );
    // Again: nothing more happens.
    store
        .run(&sales, |ctx| set_archived(ctx, id, true))
        .expect("still archived");
    assert_eq!(store.audited(Action::ReservationArchived), 1);

    let record = store
        .run(&sales, |ctx| set_archived(ctx, id, false))
        .expect("unarchived");
    assert!(!record.reservation.archived);
    assert_eq!(store.audited(Action::ReservationUnarchived), 1);
    assert!(listed(&mut store, customer, id, false));
}

#[test]
fn a_reservation_in_force_cannot_be_archived_and_nothing_is_written() {
    let mut store = TestStore::demo();
    let sales = store.actor("sales@partner.example");
    let (_, id, _) = store.refundable(0);
    let outcome = store.run(&sales, |ctx| set_archived(ctx, id, true));
    assert!(
        matches!(outcome, Err(Error::Refused(Refusal::NotEnded))),
        "{:?}",
        outcome.err()
    );
    assert!(
        !db::reservations::find_by_guid(&mut store.conn, id)
            .expect("reservation")
            .archived
    );
    assert_eq!(store.audited(Action::ReservationArchived), 0);
}

#[test]
fn a_refusal_of_the_system_of_record_changes_nothing_here_and_is_audited() {
    let mut store = TestStore::demo();
    let sales = store.actor("sales@partner.example");
    let (id, _) = ended(&mut store);
    let outcome = store.run_on(&Remote { refuse: true }, &sales, |ctx| {
        set_archived(ctx, id, true)
    });
    assert!(matches!(outcome, Err(Error::Refused(Refusal::Azure(_)))));
    assert!(
        !db::reservations::find_by_guid(&mut store.conn, id)
            .expect("reservation")
            .archived
    );
    assert_eq!(store.audited(Action::AzureRefused), 1);
    assert_eq!(store.audited(Action::ReservationArchived), 0);
    // Accepted: archived, with the system's correlation ID.
    let record = store
        .run_on(&Remote { refuse: false }, &sales, |ctx| {
            set_archived(ctx, id, true)
        })
        .expect("archived");
    assert!(record.reservation.archived);
    assert_eq!(store.audited(Action::ReservationArchived), 1);
}

#[test]
fn only_those_who_may_configure_a_reservation_may_archive_it() {
    let mut store = TestStore::demo();
    let support = store.actor("support@partner.example");
    let (id, _) = ended(&mut store);
    let outcome = store.run(&support, |ctx| set_archived(ctx, id, true));
    assert!(
        matches!(outcome, Err(Error::Forbidden)),
        "{:?}",
        outcome.err()
    );
    assert!(
        !db::reservations::find_by_guid(&mut store.conn, id)
            .expect("reservation")
            .archived
    );
}

#[test]
fn a_customer_users_own_list_leaves_archived_ones_out_unless_asked() {
    let mut store = TestStore::demo();
    let sales = store.actor("sales@partner.example");
    let owner = store.actor("it-admin@contoso.com");
    let theirs = db::role_assignments::reservations_of(&mut store.conn, "it-admin@contoso.com")
        .expect("their reservations");
    let key = *theirs
        .first()
        .expect("the demo's IT admin holds reservations");
    // Ended (cancelled elsewhere), then archived by an agent.
    diesel::update(reservations::table.find(key))
        .set(reservations::provisioning_state.eq("Cancelled"))
        .execute(&mut store.conn)
        .expect("cancelled");
    let id: ReservationId = reservations::table
        .find(key)
        .select(reservations::reservation_guid)
        .first(&mut store.conn)
        .expect("guid");
    store
        .run(&sales, |ctx| set_archived(ctx, id, true))
        .expect("archived");
    let shown = |store: &mut TestStore, archived_too: bool| {
        store
            .run(&owner, |ctx| {
                crate::app::mine::reservations(ctx, archived_too)
            })
            .expect("mine")
            .rows
            .iter()
            .any(|r| r.id == key)
    };
    assert!(!shown(&mut store, false), "left out");
    assert!(shown(&mut store, true), "shown when asked for");
}
