//! Buying reservations for a customer: the cart's refusals, who may buy,
//! one customer's subscription refused on another's cart, the purchase
//! with its Owner and audit, the same token twice, two reviews of one
//! cart, and a system of record that refuses (see `purchase_failures` for
//! one that fails partway).

use diesel::prelude::*;

use super::configuration::Remote;
use crate::app::purchases::buy::{self, PurchaseInput};
use crate::app::purchases::record;
use crate::app::purchases::{self, AddInput, Filter};
use crate::app::testing::TestStore;
use crate::app::{Error, Refusal};
use crate::db::audit::Action;
use crate::db::keys::CustomerKey;
use crate::db::schema::{audit_log, cart_items, customers, reservations, subscriptions};
use crate::db::{self};
use crate::domain::reservation::BillingPlan;

/// Contoso's row and its first subscription's row.
pub(super) fn contoso(store: &mut TestStore) -> (CustomerKey, i64) {
    let id: i64 = customers::table
        .filter(customers::domain.eq("contoso.com"))
        .select(customers::id)
        .first(&mut store.conn)
        .expect("contoso");
    let sub = subscriptions::table
        .filter(subscriptions::customer_id.eq(id))
        .order(subscriptions::id)
        .select(subscriptions::id)
        .first(&mut store.conn)
        .expect("subscription");
    (CustomerKey(id), sub)
}

pub(super) fn reservations_of(store: &mut TestStore, customer: CustomerKey) -> i64 {
    reservations::table
        .filter(reservations::customer_id.eq(customer.0))
        .count()
        .get_result(&mut store.conn)
        .expect("count")
}

fn item(price_id: i64, quantity: &str, scope: &str) -> AddInput {
    AddInput {
        price_id: price_id.to_string(),
        plan: "Upfront".into(),
        quantity: quantity.into(),
        scope: scope.into(),
    }
}

/// Two items in the sales agent's cart for Contoso: 2 and 3 units of the
/// first two catalogue rows.
pub(super) fn filled(store: &mut TestStore) -> (crate::app::Actor, CustomerKey, i64) {
    let sales = store.actor("sales@partner.example");
    let (customer, sub) = contoso(store);
    for (price_id, quantity) in [(1, "2"), (2, "3")] {
        store
            .run(&sales, |ctx| {
                purchases::add(ctx, customer, &item(price_id, quantity, "shared"))
            })
            .expect("added");
    }
    (sales, customer, sub)
}

/// The items in the carts now, as a review lists them.
fn in_cart(store: &mut TestStore) -> String {
    let ids: Vec<i64> = cart_items::table
        .filter(cart_items::purchase_id.is_null())
        .order(cart_items::id)
        .select(cart_items::id)
        .load(&mut store.conn)
        .expect("cart");
    ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
}

pub(super) fn input(token: &str, sub: i64, owner: &str) -> PurchaseInput {
    PurchaseInput {
        token: token.into(),
        items: "1,2".into(),
        billing: sub.to_string(),
        owner: owner.into(),
    }
}

#[test]
fn the_cart_refuses_bad_items_and_another_customers_subscription() {
    let mut store = TestStore::demo();
    let sales = store.actor("sales@partner.example");
    let (customer, _) = contoso(&mut store);
    let elsewhere: i64 = subscriptions::table
        .filter(subscriptions::customer_id.ne(customer.0))
        .select(subscriptions::id)
        .first(&mut store.conn)
        .expect("another customer's subscription");
    let elsewhere = elsewhere.to_string();
    for (input, why) in [
        (item(1, "0", "shared"), "purchase-quantity-invalid"),
        (item(1, "1001", "shared"), "purchase-quantity-invalid"),
        (item(1, "1.5", "shared"), "purchase-quantity-invalid"),
        (item(1, "1", &elsewhere), "purchase-scope-invalid"),
        (item(1, "1", "-1"), "purchase-scope-invalid"),
        (item(999_999, "1", "shared"), "purchase-item-unknown"),
        (
            AddInput {
                plan: "Quarterly".into(),
                ..item(1, "1", "shared")
            },
            "purchase-plan-invalid",
        ),
    ] {
        let refused = store.run(&sales, |ctx| purchases::add(ctx, customer, &input));
        assert!(
            matches!(refused, Err(Error::Invalid(key)) if key == why),
            "{input:?}"
        );
    }
    let items: i64 = cart_items::table
        .count()
        .get_result(&mut store.conn)
        .expect("count");
    assert_eq!(items, 0);
}

#[test]
fn only_admin_and_sales_agents_buy() {
    let mut store = TestStore::demo();
    let (customer, sub) = contoso(&mut store);
    for email in [
        "helpdesk@partner.example",
        "support@partner.example",
        "it-admin@contoso.com",
    ] {
        let who = store.actor(email);
        let filter = Filter {
            resource_type: None,
            region: None,
            term: None,
            plan: BillingPlan::Upfront,
        };
        assert!(matches!(
            store.run(&who, |ctx| purchases::shop(ctx, customer, &filter)),
            Err(Error::Forbidden)
        ));
        assert!(matches!(
            store.run(&who, |ctx| purchases::add(
                ctx,
                customer,
                &item(1, "1", "shared")
            )),
            Err(Error::Forbidden)
        ));
        assert!(matches!(
            store.run(&who, |ctx| buy::purchase(
                ctx,
                customer,
                &input("t1", sub, "a@contoso.com"),
                None
            )),
            Err(Error::Forbidden)
        ));
    }
}

#[test]
fn a_purchase_buys_each_item_once_with_its_owner_and_audit() {
    let mut store = TestStore::demo();
    let (sales, customer, sub) = filled(&mut store);
    let before = reservations_of(&mut store, customer);
    let review = store
        .run(&sales, |ctx| buy::review(ctx, customer))
        .expect("review");
    assert_eq!(review.lines.len(), 2);
    let done = store
        .run_on(&Remote { refuse: false }, &sales, |ctx| {
            buy::purchase(
                ctx,
                customer,
                &input(&review.token, sub, "it-admin@contoso.com"),
                None,
            )
        })
        .expect("bought");
    assert_eq!(done.new_password, None, "the Owner signs in already");
    assert_eq!(reservations_of(&mut store, customer), before + 2);
    let made = store
        .run(&sales, |ctx| record::made(ctx, customer, &review.token))
        .expect("made");
    assert_eq!(made.purchase.state, "Done");
    assert_eq!(made.purchase.total, review.totals.total);
    let quantities: Vec<i32> = made.reservations.iter().map(|r| r.quantity).collect();
    assert_eq!(quantities, vec![2, 3]);
    for r in &made.reservations {
        let owners = db::role_assignments::for_reservation(&mut store.conn, r.id).expect("roles");
        assert!(
            owners
                .iter()
                .any(|a| a.principal_email == "it-admin@contoso.com")
        );
        assert_eq!(r.purchase_date, store.clock.today());
    }
    assert_eq!(store.audited(Action::ReservationPurchased), 2);
    let correlations: Vec<Option<String>> = audit_log::table
        .filter(audit_log::action.eq("reservation-purchased"))
        .select(audit_log::correlation_id)
        .load(&mut store.conn)
        .expect("entries");
    assert!(correlations.iter().all(|c| c.as_deref() == Some("corr-6")));
    // The same token again: the same purchase, nothing more bought.
    let again = store
        .run(&sales, |ctx| {
            buy::purchase(
                ctx,
                customer,
                &input(&review.token, sub, "it-admin@contoso.com"),
                None,
            )
        })
        .expect("again");
    assert_eq!(again.token, review.token);
    assert_eq!(reservations_of(&mut store, customer), before + 2);
    // Another customer does not see it.
    let other = CustomerKey(if customer.0 == 1 { 2 } else { 1 });
    assert!(matches!(
        store.run(&sales, |ctx| record::made(ctx, other, &review.token)),
        Err(Error::NotFound)
    ));
}

#[test]
fn a_refused_purchase_writes_nothing_and_keeps_the_cart() {
    let mut store = TestStore::demo();
    let (sales, customer, sub) = filled(&mut store);
    let before = reservations_of(&mut store, customer);
    let refused = store.run_on(&Remote { refuse: true }, &sales, |ctx| {
        buy::purchase(
            ctx,
            customer,
            &input("tok-refused", sub, "new.owner@contoso.com"),
            None,
        )
    });
    assert!(matches!(refused, Err(Error::Refused(Refusal::Azure(_)))));
    assert_eq!(reservations_of(&mut store, customer), before);
    assert_eq!(store.audited(Action::AzureRefused), 1);
    assert_eq!(store.audited(Action::ReservationPurchased), 0);
    assert!(
        db::users::find_by_email(&mut store.conn, "new.owner@contoso.com")
            .expect("query")
            .is_none(),
        "no account for an Owner of nothing"
    );
    let made = store
        .run(&sales, |ctx| record::made(ctx, customer, "tok-refused"))
        .expect("made");
    assert_eq!(made.purchase.state, "Failed");
    assert!(made.purchase.error.is_some());
    let items: i64 = cart_items::table
        .count()
        .get_result(&mut store.conn)
        .expect("count");
    assert_eq!(items, 2);
}

#[test]
fn two_reviews_of_one_cart_buy_it_once() {
    let mut store = TestStore::demo();
    let (sales, customer, sub) = filled(&mut store);
    let before = reservations_of(&mut store, customer);
    let items = in_cart(&mut store);
    // Two tabs, two reviews, two tokens: the second finds the items taken.
    let first = PurchaseInput {
        items: items.clone(),
        ..input("first-review", sub, "it-admin@contoso.com")
    };
    let second = PurchaseInput {
        items,
        ..input("second-review", sub, "it-admin@contoso.com")
    };
    store
        .run(&sales, |ctx| buy::purchase(ctx, customer, &first, None))
        .expect("bought");
    let refused = store.run(&sales, |ctx| buy::purchase(ctx, customer, &second, None));
    assert!(
        matches!(refused, Err(Error::Invalid("purchase-cart-changed"))),
        "{refused:?}"
    );
    assert_eq!(reservations_of(&mut store, customer), before + 2);
    assert!(
        db::purchases::find(&mut store.conn, "second-review")
            .expect("query")
            .is_none(),
        "the refused claim is not kept"
    );
    // A review that no longer matches the cart (an item added since) buys
    // nothing either.
    store
        .run(&sales, |ctx| {
            purchases::add(ctx, customer, &item(3, "1", "shared"))
        })
        .expect("added");
    store
        .run(&sales, |ctx| {
            purchases::add(ctx, customer, &item(4, "1", "shared"))
        })
        .expect("added");
    let only_one = in_cart(&mut store)
        .split(',')
        .next()
        .expect("one")
        .to_string();
    let stale = PurchaseInput {
        items: only_one,
        ..input("third-review", sub, "it-admin@contoso.com")
    };
    assert!(matches!(
        store.run(&sales, |ctx| buy::purchase(ctx, customer, &stale, None)),
        Err(Error::Invalid("purchase-cart-changed"))
    ));
    assert_eq!(reservations_of(&mut store, customer), before + 2);
}
