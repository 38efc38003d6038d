//! Renewal settings on the Configuration blade and the renewal job.

use diesel::prelude::*;

use super::configuration::renamed;
use crate::app::renewals::renew_due;
use crate::app::reservations::configuration::{self, Saved};
use crate::app::testing::{TestStore, today};
use crate::db::audit::Action;
use crate::db::links::LinkKind;
use crate::db::reservations::Reservation;
use crate::db::schema::{reservation_orders, reservations};
use crate::db::{self};
use crate::domain::money::Money;
use crate::domain::reservation::{BillingPlan, Term};

/// A one-year reservation in force whose SKU the catalogue sells for three
/// years too.
fn renewable(store: &mut TestStore) -> Reservation {
    let all: Vec<Reservation> = reservations::table
        .inner_join(reservation_orders::table)
        .filter(reservations::provisioning_state.eq("Succeeded"))
        .filter(reservations::expiry_date.gt(today() + chrono::Days::new(40)))
        .filter(reservation_orders::term.eq("P1Y"))
        .filter(reservation_orders::billing_plan.eq("Upfront"))
        .order(reservations::id)
        .select(Reservation::as_select())
        .load(&mut store.conn)
        .expect("reservations");
    all.into_iter()
        .find(|r| {
            db::catalogue::find(
                &mut store.conn,
                r.resource_type,
                &r.sku,
                &r.region,
                Term::P3Y,
            )
            .expect("catalogue")
            .is_some()
        })
        .expect("a renewable reservation in the demo")
}

#[test]
fn a_renewal_plan_is_saved_audited_and_the_same_plan_stores_nothing() {
    let mut store = TestStore::demo();
    let sales = store.actor("sales@partner.example");
    let r = renewable(&mut store);
    let mut input = renamed(&mut store, r.reservation_guid, &r.display_name);
    input.scope = configuration::scope_choice_of(&r);
    input.renew = true;
    input.renew_term = "P3Y".into();
    input.renew_plan = "Monthly".into();
    input.renew_quantity = "2".into();
    let saved = store
        .run(&sales, |ctx| {
            configuration::save(ctx, r.reservation_guid, &input)
        })
        .expect("saved");
    let Saved::Changed(changes, record) = saved else {
        panic!("not saved");
    };
    assert!(
        changes
            .iter()
            .any(|c| c.label_key == "field-renewal-plan" && c.after == "P3Y · Monthly · 2")
    );
    let stored = &record.reservation;
    assert!(stored.renew);
    assert_eq!(
        (
            stored.renew_term.as_deref(),
            stored.renew_billing_plan.as_deref(),
            stored.renew_quantity
        ),
        (Some("P3Y"), Some("Monthly"), Some(2))
    );
    assert_eq!(store.audited(Action::RenewalPlanChanged), 1);

    // Back to renewing as it is: nothing stored for the plan.
    input.renew_term = "P1Y".into();
    input.renew_plan = "Upfront".into();
    input.renew_quantity = r.quantity.to_string();
    input.version = stored.version;
    let saved = store
        .run(&sales, |ctx| {
            configuration::save(ctx, r.reservation_guid, &input)
        })
        .expect("saved");
    let Saved::Changed(_, record) = saved else {
        panic!("not saved");
    };
    assert_eq!(record.reservation.renew_term, None);
    assert_eq!(record.reservation.renew_quantity, None);
}

#[test]
fn a_renewal_plan_that_is_not_sold_or_not_a_quantity_is_refused_field_by_field() {
    let mut store = TestStore::demo();
    let sales = store.actor("sales@partner.example");
    let r = renewable(&mut store);
    let mut input = renamed(&mut store, r.reservation_guid, &r.display_name);
    input.scope = configuration::scope_choice_of(&r);
    input.renew = true;
    input.renew_term = "P9Y".into();
    input.renew_plan = "Weekly".into();
    input.renew_quantity = "0".into();
    let saved = store
        .run(&sales, |ctx| {
            configuration::save(ctx, r.reservation_guid, &input)
        })
        .expect("answered");
    let Saved::Invalid(problems, _) = saved else {
        panic!("not refused");
    };
    assert_eq!(problems.renew_term, Some("renew-term-choose"));
    assert_eq!(problems.renew_plan, Some("renew-plan-choose"));
    assert_eq!(problems.renew_quantity, Some("renew-quantity-invalid"));
    // Not renewing: the renewal fields do not matter.
    input.renew = false;
    let saved = store
        .run(&sales, |ctx| {
            configuration::save(ctx, r.reservation_guid, &input)
        })
        .expect("answered");
    assert!(matches!(saved, Saved::Changed(..)));
}

#[test]
fn a_reservation_due_is_renewed_once_by_its_plan_at_the_catalogue_price() {
    let mut store = TestStore::demo();
    let system = store.actor("admin@partner.example");
    let r = renewable(&mut store);
    diesel::update(reservations::table.find(r.id))
        .set((
            reservations::renew.eq(true),
            reservations::expiry_date.eq(today()),
            reservations::renew_term.eq(Some("P3Y")),
            reservations::renew_billing_plan.eq(Some("Monthly")),
            reservations::renew_quantity.eq(Some(2)),
        ))
        .execute(&mut store.conn)
        .expect("due today");
    let done = store.run(&system, renew_due).expect("renewed");
    assert_eq!(done.renewed.len(), 1, "{done:?}");
    assert!(done.failed.is_empty());
    let (old, new) = done.renewed[0];
    assert_eq!(old, r.reservation_guid);
    let successor = db::reservations::find_by_guid(&mut store.conn, new).expect("successor");
    let order = db::orders::find(&mut store.conn, successor.order_id).expect("order");
    assert_ne!(successor.order_id, r.order_id, "a new order");
    assert_eq!(
        (order.term, order.billing_plan),
        (Term::P3Y, BillingPlan::Monthly)
    );
    assert_eq!(successor.quantity, 2);
    assert_eq!(successor.effective_date, today());
    assert_eq!(successor.expiry_date, Term::P3Y.expiry_from(today()));
    assert_eq!((&successor.sku, &successor.region), (&r.sku, &r.region));
    let unit = db::catalogue::find(
        &mut store.conn,
        r.resource_type,
        &r.sku,
        &r.region,
        Term::P3Y,
    )
    .expect("catalogue")
    .expect("price")
    .unit_price;
    assert_eq!(
        successor.purchase_price,
        Money::new(unit.amount() * rust_decimal::Decimal::from(2))
    );
    let roles = |store: &mut TestStore, row| {
        db::role_assignments::for_reservation(&mut store.conn, row)
            .expect("roles")
            .into_iter()
            .map(|a| (a.principal_email, a.role))
            .collect::<Vec<_>>()
    };
    assert_eq!(roles(&mut store, successor.id), roles(&mut store, r.id));
    let links = db::links::of(&mut store.conn, r.id).expect("links");
    assert!(
        links
            .iter()
            .any(|l| l.kind == LinkKind::Renewal && l.onward && l.other == new)
    );
    assert_eq!(store.audited(Action::ReservationRenewed), 1);
    assert_eq!(store.audited(Action::RenewalMade), 1);

    // Again, as another node would: nothing more.
    let again = store.run(&system, renew_due).expect("ran");
    assert!(
        again.renewed.is_empty() && again.failed.is_empty(),
        "{again:?}"
    );
    assert_eq!(store.audited(Action::ReservationRenewed), 1);
}
