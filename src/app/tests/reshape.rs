//! Splitting a reservation in two and merging reservations into one.

use diesel::prelude::*;

use super::configuration::Remote;
use crate::app::reservations::merge::merge;
use crate::app::reservations::split::split;
use crate::app::testing::{TestStore, today};
use crate::app::{Error, Refusal};
use crate::db::audit::Action;
use crate::db::keys::ReservationKey;
use crate::db::links::LinkKind;
use crate::db::reservations::Reservation;
use crate::db::role_assignments::NewAssignment;
use crate::db::schema::{reservations, support_requests};
use crate::db::{self};
use crate::domain::ids::ReservationId;
use crate::domain::lifecycle::{MergeRefusal, SplitRefusal};
use crate::domain::reservation::{ProvisioningState, Status};
use crate::domain::roles::ReservationRole;

/// An in-force reservation of quantity `at_least` or more with no open
/// support request.
fn splittable(store: &mut TestStore, at_least: i32) -> Reservation {
    let open: Vec<ReservationKey> = support_requests::table
        .filter(support_requests::status.eq("Open"))
        .select(support_requests::reservation_id)
        .load(&mut store.conn)
        .expect("open requests");
    reservations::table
        .filter(reservations::provisioning_state.eq("Succeeded"))
        .filter(reservations::expiry_date.gt(today() + chrono::Days::new(40)))
        .filter(reservations::quantity.ge(at_least))
        .filter(reservations::id.ne_all(open))
        .order(reservations::id)
        .select(Reservation::as_select())
        .first(&mut store.conn)
        .expect("a splittable reservation in the demo")
}

fn find(store: &mut TestStore, id: ReservationId) -> Reservation {
    db::reservations::find_by_guid(&mut store.conn, id).expect("reservation")
}

#[test]
fn a_split_makes_two_linked_parts_that_keep_everything_but_the_quantity() {
    let mut store = TestStore::demo();
    let sales = store.actor("sales@partner.example");
    let whole = splittable(&mut store, 3);
    db::role_assignments::insert(
        &mut store.conn,
        &NewAssignment {
            reservation_id: whole.id,
            principal_email: "split-reader@contoso.com".into(),
            role: ReservationRole::Reader,
            assigned_by: "admin@partner.example".into(),
            assigned_at: store.clock.now(),
        },
    )
    .expect("role");
    let roles_before = db::role_assignments::for_reservation(&mut store.conn, whole.id)
        .expect("roles")
        .len();
    let days_before = db::utilization::all_of(&mut store.conn, &[whole.id]).expect("days");

    let [a, b] = store
        .run(&sales, |ctx| {
            split(ctx, whole.reservation_guid, 1, whole.version)
        })
        .expect("split");

    let closed = find(&mut store, whole.reservation_guid);
    assert_eq!(closed.status(today()), Status::Split);
    assert_eq!(closed.provisioning_state, ProvisioningState::Cancelled);
    assert!(closed.status(today()).archivable());
    let (a, b) = (find(&mut store, a), find(&mut store, b));
    assert_eq!((a.quantity, b.quantity), (1, whole.quantity - 1));
    for part in [&a, &b] {
        assert_eq!(part.order_id, whole.order_id);
        assert_eq!(
            (&part.sku, &part.region, part.scope_type, part.renew),
            (&whole.sku, &whole.region, whole.scope_type, whole.renew)
        );
        assert_eq!(
            (part.purchase_date, part.effective_date, part.expiry_date),
            (whole.purchase_date, whole.effective_date, whole.expiry_date)
        );
        assert_eq!(part.status(today()), whole.status(today()));
        let roles = db::role_assignments::for_reservation(&mut store.conn, part.id).expect("roles");
        assert_eq!(roles.len(), roles_before, "roles carried over");
        assert!(
            roles
                .iter()
                .any(|r| r.principal_email == "split-reader@contoso.com")
        );
        let days = db::utilization::all_of(&mut store.conn, &[part.id]).expect("days");
        assert_eq!(days.len(), days_before.len(), "history carried over");
        assert!(
            days.iter()
                .zip(&days_before)
                .all(|(p, w)| p.1 == w.1 && p.2 == w.2)
        );
    }
    assert_eq!(a.purchase_price + b.purchase_price, whole.purchase_price);
    assert!(a.display_name.starts_with(&whole.display_name) && a.display_name.ends_with("_1"));
    // The whole points to the two, and each part back to it.
    let links = db::links::of(&mut store.conn, whole.id).expect("links");
    assert_eq!(links.len(), 2);
    assert!(links.iter().all(|l| l.kind == LinkKind::Split && l.onward));
    let back = db::links::of(&mut store.conn, a.id).expect("links");
    assert_eq!(back.len(), 1);
    assert_eq!(back[0].other, whole.reservation_guid);
    assert!(!back[0].onward);
    assert_eq!(store.audited(Action::ReservationSplit), 1);
    assert_eq!(store.audited(Action::SplitPartMade), 2);

    // Split again from the same page: someone else's change.
    let again = store.run(&sales, |ctx| {
        split(ctx, whole.reservation_guid, 1, whole.version)
    });
    assert!(matches!(again, Err(Error::Conflict)), "{again:?}");
    // The closed one, even at its new version, is no longer in force.
    let again = store.run(&sales, |ctx| {
        split(ctx, whole.reservation_guid, 1, closed.version)
    });
    assert!(
        matches!(
            again,
            Err(Error::Refused(Refusal::Split(SplitRefusal::NotInForce)))
        ),
        "{again:?}"
    );
}

#[test]
fn split_then_merge_gives_back_the_quantity_and_dates_and_links_every_one() {
    let mut store = TestStore::demo();
    let sales = store.actor("sales@partner.example");
    let whole = splittable(&mut store, 2);
    let [a, b] = store
        .run(&sales, |ctx| {
            split(ctx, whole.reservation_guid, 1, whole.version)
        })
        .expect("split");
    let first = find(&mut store, a);
    let merged = store
        .run(&sales, |ctx| merge(ctx, a, first.version, &[b]))
        .expect("merged");
    let merged = find(&mut store, merged);
    assert_eq!(merged.quantity, whole.quantity);
    assert_eq!(
        (
            merged.effective_date,
            merged.expiry_date,
            merged.purchase_price
        ),
        (
            whole.effective_date,
            whole.expiry_date,
            whole.purchase_price
        )
    );
    assert_eq!(merged.order_id, whole.order_id);
    for part in [a, b] {
        assert_eq!(find(&mut store, part).status(today()), Status::Merged);
    }
    let back = db::links::of(&mut store.conn, merged.id).expect("links");
    assert_eq!(back.len(), 2);
    assert!(back.iter().all(|l| l.kind == LinkKind::Merge && !l.onward));
    assert_eq!(store.audited(Action::ReservationMerged), 2);
    assert_eq!(store.audited(Action::MergeResultMade), 1);
    // Utilization: the parts had the whole's figures, and so does the merge.
    let days = |store: &mut TestStore, row| {
        db::utilization::all_of(&mut store.conn, &[row])
            .expect("days")
            .into_iter()
            .map(|(_, d, p)| (d, p))
            .collect::<Vec<_>>()
    };
    assert_eq!(days(&mut store, merged.id), days(&mut store, whole.id));
}

#[test]
fn splits_and_merges_that_break_the_rules_are_refused_and_change_nothing() {
    let mut store = TestStore::demo();
    let sales = store.actor("sales@partner.example");
    let support = store.actor("support@partner.example");
    let whole = splittable(&mut store, 2);
    let id = whole.reservation_guid;
    for bad in [0, whole.quantity, -1, whole.quantity + 5] {
        let refused = store.run(&sales, |ctx| split(ctx, id, bad, whole.version));
        assert!(
            matches!(
                refused,
                Err(Error::Refused(Refusal::Split(SplitRefusal::BadQuantities)))
            ),
            "{bad}: {refused:?}"
        );
    }
    let forbidden = store.run(&support, |ctx| split(ctx, id, 1, whole.version));
    assert!(matches!(forbidden, Err(Error::Forbidden)), "{forbidden:?}");
    // Quantity 1.
    let [a, _] = store
        .run(&sales, |ctx| split(ctx, id, 1, whole.version))
        .expect("split");
    let one = find(&mut store, a);
    let refused = store.run(&sales, |ctx| split(ctx, a, 1, one.version));
    assert!(
        matches!(
            refused,
            Err(Error::Refused(Refusal::Split(SplitRefusal::QuantityOne)))
        ),
        "{refused:?}"
    );
    // Alone, or with one of another order.
    let refused = store.run(&sales, |ctx| merge(ctx, a, one.version, &[]));
    assert!(
        matches!(
            refused,
            Err(Error::Refused(Refusal::Merge(MergeRefusal::TooFew)))
        ),
        "{refused:?}"
    );
    let other = splittable(&mut store, 2);
    assert_ne!(other.order_id, one.order_id);
    let refused = store.run(&sales, |ctx| {
        merge(ctx, a, one.version, &[other.reservation_guid])
    });
    assert!(
        matches!(
            refused,
            Err(Error::Refused(Refusal::Merge(MergeRefusal::Different(_))))
        ),
        "{refused:?}"
    );
    assert_eq!(store.audited(Action::ReservationMerged), 0);
    assert_eq!(
        find(&mut store, other.reservation_guid).version,
        other.version
    );
}

#[test]
fn a_reservation_with_an_open_request_is_neither_split_nor_merged() {
    let mut store = TestStore::demo();
    let sales = store.actor("sales@partner.example");
    let r = splittable(&mut store, 2);
    super::drafts::refund_request(&mut store, r.reservation_guid);
    let r = find(&mut store, r.reservation_guid);
    let refused = store.run(&sales, |ctx| split(ctx, r.reservation_guid, 1, r.version));
    assert!(
        matches!(refused, Err(Error::Refused(Refusal::OpenRequest))),
        "{refused:?}"
    );
    assert_eq!(find(&mut store, r.reservation_guid).version, r.version);
}

#[test]
fn a_split_azure_refuses_is_audited_and_leaves_nothing_written() {
    let mut store = TestStore::demo();
    let sales = store.actor("sales@partner.example");
    let whole = splittable(&mut store, 2);
    let refused = store.run_on(&Remote { refuse: true }, &sales, |ctx| {
        split(ctx, whole.reservation_guid, 1, whole.version)
    });
    assert!(
        matches!(refused, Err(Error::Refused(Refusal::Azure(_)))),
        "{refused:?}"
    );
    assert_eq!(
        find(&mut store, whole.reservation_guid).version,
        whole.version
    );
    assert_eq!(store.audited(Action::ReservationSplit), 0);
    assert_eq!(store.audited(Action::AzureRefused), 1);
    let [a, _] = store
        .run_on(&Remote { refuse: false }, &sales, |ctx| {
            split(ctx, whole.reservation_guid, 1, whole.version)
        })
        .expect("split in Azure");
    let entries =
        db::audit::for_object(&mut store.conn, "reservation", &a.to_string(), 10).expect("entries");
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].action, Action::SplitPartMade);
    assert_eq!(entries[0].correlation_id.as_deref(), Some("corr-4"));
}
