//! Revisions: every change to a reservation, by whom, before and after,
//! and the reservation as it was at each.

use diesel::prelude::*;

use crate::app::Error;
use crate::app::reservations::archive::set_archived;
use crate::app::reservations::revisions::{at, list};
use crate::app::testing::{TestStore, today};
use crate::db::schema::reservations;
use crate::domain::ids::ReservationId;

#[test]
fn a_change_is_a_revision_with_who_and_what_and_the_one_before_can_be_viewed() {
    let mut store = TestStore::demo();
    let sales = store.actor("sales@partner.example");
    let (id, version): (ReservationId, i32) = reservations::table
        .filter(reservations::provisioning_state.eq("Succeeded"))
        .filter(reservations::expiry_date.le(today()))
        .order(reservations::id)
        .select((reservations::reservation_guid, reservations::version))
        .first(&mut store.conn)
        .expect("an ended reservation");
    store
        .run(&sales, |ctx| set_archived(ctx, id, true))
        .expect("archived");
    let (_, revisions) = store.run(&sales, |ctx| list(ctx, id)).expect("revisions");
    let newest = &revisions[0];
    assert_eq!(newest.revision.version, version + 1);
    assert!(newest.revision.archived);
    assert_eq!(newest.by, vec!["sales@partner.example".to_string()]);
    assert_eq!(newest.changes.len(), 1, "{:?}", newest.changes);
    assert_eq!(newest.changes[0].label_key, "status-archived");
    assert_eq!(
        (
            newest.changes[0].before.as_str(),
            newest.changes[0].after.as_str()
        ),
        ("Off", "On")
    );
    assert_eq!(revisions[1].revision.version, version);
    let (_, before) = store
        .run(&sales, |ctx| at(ctx, id, version))
        .expect("the revision before");
    assert!(!before.revision.archived);
    let missing = store.run(&sales, |ctx| at(ctx, id, version + 5));
    assert!(matches!(missing, Err(Error::NotFound)));
}
