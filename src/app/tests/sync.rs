use crate::app::sync::store_customer;
use crate::app::testing::TestStore;
use crate::db::{self};
use crate::domain::remote::{RemoteCustomer, RemoteReservation, RemoteScope, Snapshot};

/// The customer of the `n`-th refundable reservation as Partner Center
/// gives it, and the reservation as Azure would list it (renamed).
fn as_in_azure(store: &mut TestStore, n: usize) -> (RemoteCustomer, RemoteReservation) {
    let (row, _, customer) = store.refundable(n);
    let r = db::reservations::find(&mut store.conn, row).expect("reservation");
    let c = db::customers::find(&mut store.conn, customer).expect("customer");
    let o = db::orders::find(&mut store.conn, r.order_id).expect("order");
    let billing = db::subscriptions::find(&mut store.conn, r.billing_subscription_id).expect("sub");
    (
        RemoteCustomer {
            tenant: c.tenant_id,
            company_name: c.company_name,
            domain: c.domain,
        },
        RemoteReservation {
            order: o.order_guid,
            id: r.reservation_guid,
            display_name: "renamed-in-portal".into(),
            resource_type: r.resource_type,
            sku: r.sku.clone(),
            region: r.region.clone(),
            quantity: r.quantity,
            scope: RemoteScope::Shared,
            billing_subscription: Some(billing.subscription_guid),
            flexibility: None,
            renew: r.renew,
            archived: r.archived,
            closed_by: r.closure(),
            state: Some(r.provisioning_state),
            purchase_date: r.purchase_date,
            effective_date: r.effective_date,
            expiry_date: r.expiry_date,
            came_from: Vec::new(),
        },
    )
}

#[test]
fn a_reservation_changed_here_while_azure_was_read_keeps_the_change() {
    let mut store = TestStore::demo();
    let admin = store.actor("admin@partner.example");
    let run = store.run(&admin, crate::app::sync::start).expect("run");
    let (customer, remote) = as_in_azure(&mut store, 0);
    let stored = db::reservations::find_by_guid(&mut store.conn, remote.id).expect("stored");
    let snapshot = Snapshot {
        reservations: vec![remote.clone()],
        listed: vec![remote.id],
        ..Snapshot::default()
    };
    // Read before the reservation's last change here: left as it is.
    let read_before = stored.updated_at - chrono::Duration::seconds(1);
    let counts = store
        .run(&admin, |ctx| {
            store_customer(ctx, run, &customer, &snapshot, read_before)
        })
        .expect("stored");
    assert_eq!(counts.changed, 0);
    let after = db::reservations::find_by_guid(&mut store.conn, remote.id).expect("stored");
    assert_eq!(after.display_name, stored.display_name);
    // Read after it: Azure's name arrives.
    let read_after = stored.updated_at + chrono::Duration::seconds(1);
    let counts = store
        .run(&admin, |ctx| {
            store_customer(ctx, run, &customer, &snapshot, read_after)
        })
        .expect("stored");
    assert_eq!(counts.changed, 1);
    let after = db::reservations::find_by_guid(&mut store.conn, remote.id).expect("stored");
    assert_eq!(after.display_name, "renamed-in-portal");
}

#[test]
fn a_reservation_azure_lists_but_the_sync_leaves_out_is_not_marked_missing() {
    let mut store = TestStore::demo();
    let admin = store.actor("admin@partner.example");
    let run = store.run(&admin, crate::app::sync::start).expect("run");
    let (customer, remote) = as_in_azure(&mut store, 1);
    let read_from = store.clock.now() + chrono::Duration::days(1);
    let key = db::customers::find_by_tenant(&mut store.conn, customer.tenant)
        .expect("read")
        .expect("customer")
        .id;
    let others: Vec<_> = db::reservations::keys_of_customer(&mut store.conn, key)
        .expect("keys")
        .into_iter()
        .map(|(guid, _)| guid)
        .collect();
    // Azure lists every reservation of the customer, but only one could be
    // read (say the others have a type this dashboard does not know).
    let snapshot = Snapshot {
        reservations: vec![remote.clone()],
        listed: others.clone(),
        ..Snapshot::default()
    };
    let counts = store
        .run(&admin, |ctx| {
            store_customer(ctx, run, &customer, &snapshot, read_from)
        })
        .expect("stored");
    assert_eq!(counts.missing, 0, "listed ones are still in Azure");
    // Azure lists only the one: the others are marked, and kept.
    let snapshot = Snapshot {
        reservations: vec![remote.clone()],
        listed: vec![remote.id],
        ..Snapshot::default()
    };
    let counts = store
        .run(&admin, |ctx| {
            store_customer(ctx, run, &customer, &snapshot, read_from)
        })
        .expect("stored");
    assert_eq!(counts.missing as usize, others.len() - 1);
    for guid in others {
        assert!(
            db::reservations::find_by_guid(&mut store.conn, guid).is_ok(),
            "kept"
        );
    }
}
