//! Recommendations from 30 days of use, and dismissing them.

use diesel::prelude::*;

use crate::app::Error;
use crate::app::advice::{dismiss, for_reservation};
use crate::app::testing::{TestStore, today};
use crate::db::audit::Action;
use crate::db::schema::{reservation_utilization, reservations};
use crate::domain::advice::Kind;
use crate::domain::ids::ReservationId;

/// A reservation in force for months, used `permille` over the last 30
/// days, quantity `quantity`, not renewing.
fn used(store: &mut TestStore, quantity: i32, days_left: u64, permille: i32) -> ReservationId {
    let (row, id): (i64, ReservationId) = reservations::table
        .filter(reservations::provisioning_state.eq("Succeeded"))
        .filter(reservations::expiry_date.gt(today() + chrono::Days::new(60)))
        .filter(reservations::resource_type.eq("VirtualMachines"))
        .order(reservations::id)
        .select((reservations::id, reservations::reservation_guid))
        .first(&mut store.conn)
        .expect("reservation");
    diesel::update(reservations::table.find(row))
        .set((
            reservations::quantity.eq(quantity),
            reservations::expiry_date.eq(today() + chrono::Days::new(days_left)),
            reservations::renew.eq(false),
        ))
        .execute(&mut store.conn)
        .expect("shape");
    diesel::update(
        reservation_utilization::table.filter(reservation_utilization::reservation_id.eq(row)),
    )
    .set(reservation_utilization::permille.eq(permille))
    .execute(&mut store.conn)
    .expect("use");
    id
}

#[test]
fn a_fully_used_reservation_near_expiry_is_advised_to_renew_and_stays_dismissed() {
    let mut store = TestStore::demo();
    let admin = store.actor("admin@partner.example");
    let id = used(&mut store, 4, 50, 1000);
    let (_, advice) = store
        .run(&admin, |ctx| for_reservation(ctx, id))
        .expect("read");
    let advice = advice.expect("a recommendation");
    assert_eq!(advice.kind, Kind::Renew);
    assert_eq!(advice.days_left, 50);
    assert!(advice.dismissed.is_none());
    store
        .run(&admin, |ctx| dismiss(ctx, id, Kind::Renew))
        .expect("dismissed");
    store
        .run(&admin, |ctx| dismiss(ctx, id, Kind::Renew))
        .expect("dismissed again");
    assert_eq!(store.audited(Action::RecommendationDismissed), 1);
    let (_, advice) = store
        .run(&admin, |ctx| for_reservation(ctx, id))
        .expect("read");
    let (by, _) = advice.expect("still shown").dismissed.expect("dismissed");
    assert_eq!(by, "admin@partner.example");
    // Sales agents do not start requests, so they do not dismiss either.
    let sales = store.actor("sales@partner.example");
    let refused = store.run(&sales, |ctx| dismiss(ctx, id, Kind::Renew));
    assert!(matches!(refused, Err(Error::Forbidden)), "{refused:?}");
}

#[test]
fn healthy_use_or_no_figures_advise_nothing() {
    let mut store = TestStore::demo();
    let admin = store.actor("admin@partner.example");
    let id = used(&mut store, 4, 200, 800);
    let (_, advice) = store
        .run(&admin, |ctx| for_reservation(ctx, id))
        .expect("read");
    assert!(advice.is_none());
}
