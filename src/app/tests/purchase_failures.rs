//! Buying when the system of record fails partway: a refusal of the
//! second item keeps the first bought, an item Azure may have bought
//! leaves the cart, and a connection that stops midway leaves the purchase
//! pending with no internal detail in its error.

use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::NaiveDate;
use diesel::prelude::*;

use super::purchases::{filled, input, reservations_of};
use crate::app::purchases::buy;
use crate::app::purchases::record;
use crate::app::system::{
    Applied, Bought, Buy, Exchanged, LocalSystem, Place, Receipt, Replacement, Reshaped, Returned,
    Setup,
};
use crate::app::testing::TestStore;
use crate::app::{Error, Refusal, ReservationSystem};
use crate::db::reservations::Reservation;
use crate::db::schema::cart_items;
use crate::domain::ids::{ReservationId, TenantId};
use crate::domain::policy::{ExchangeQuote, Holding, RefundQuote, Settings};

/// Buys the first item, then refuses (saying, when `uncertain`, that
/// Azure may have bought it after all).
struct OnceOnly {
    calls: AtomicUsize,
    uncertain: bool,
    /// Fails as a stopped connection does, instead of refusing.
    stopped: bool,
}

impl ReservationSystem for OnceOnly {
    fn is_remote(&self) -> bool {
        true
    }
    fn refund_quote(&self, h: &Holding, today: NaiveDate, s: &Settings) -> RefundQuote {
        LocalSystem.refund_quote(h, today, s)
    }
    fn apply_configuration(&self, p: &Place, s: &Setup) -> Result<Applied, Error> {
        LocalSystem.apply_configuration(p, s)
    }
    fn return_reservation(&self, p: &Place, q: i32, r: &RefundQuote) -> Result<Returned, Error> {
        LocalSystem.return_reservation(p, q, r)
    }
    fn exchange(
        &self,
        p: &Place,
        o: &Reservation,
        r: &Replacement,
        q: &ExchangeQuote,
    ) -> Result<Exchanged, Error> {
        LocalSystem.exchange(p, o, r, q)
    }
    fn set_archived(&self, p: &Place, a: bool) -> Result<Receipt, Error> {
        LocalSystem.set_archived(p, a)
    }
    fn split(&self, p: &Place, q: [i32; 2]) -> Result<Reshaped, Error> {
        LocalSystem.split(p, q)
    }
    fn merge(&self, p: &Place, s: &[ReservationId], q: i32) -> Result<Reshaped, Error> {
        LocalSystem.merge(p, s, q)
    }
    fn purchase(&self, tenant: TenantId, buy: &Buy) -> Result<Bought, Error> {
        if self.calls.fetch_add(1, Ordering::SeqCst) == 0 {
            LocalSystem.purchase(tenant, buy)
        } else if self.stopped {
            Err(Error::Internal("the Azure connection has stopped".into()))
        } else {
            match super::configuration::azure_refusal() {
                Error::Refused(Refusal::Azure(mut r)) => {
                    r.uncertain = self.uncertain;
                    Err(Error::Refused(Refusal::Azure(r)))
                }
                other => Err(other),
            }
        }
    }
}

#[test]
fn when_the_second_item_is_refused_the_first_stays_bought_and_the_second_in_the_cart() {
    let mut store = TestStore::demo();
    let (sales, customer, sub) = filled(&mut store);
    let before = reservations_of(&mut store, customer);
    let system = OnceOnly {
        calls: AtomicUsize::new(0),
        uncertain: false,
        stopped: false,
    };
    let asked = input("tok-half", sub, "fresh.owner@contoso.com");
    let owner = store
        .run(&sales, |ctx| buy::new_owner(ctx, customer, &asked))
        .expect("hashed");
    assert!(owner.is_some(), "a new Owner gets a password");
    let done = store
        .run_on(&system, &sales, |ctx| {
            buy::purchase(ctx, customer, &asked, owner)
        })
        .expect("the first item was bought");
    assert!(
        done.new_password.is_some(),
        "the new Owner's first password"
    );
    assert_eq!(reservations_of(&mut store, customer), before + 1);
    let made = store
        .run(&sales, |ctx| record::made(ctx, customer, "tok-half"))
        .expect("made");
    assert_eq!(made.purchase.state, "Failed");
    assert!(
        made.purchase
            .error
            .as_deref()
            .is_some_and(|e| e.contains("applied scope is not valid")),
        "{:?}",
        made.purchase.error
    );
    assert_eq!(made.reservations.len(), 1);
    assert_eq!(made.reservations[0].quantity, 2);
    let left: Vec<i32> = cart_items::table
        .select(cart_items::quantity)
        .load(&mut store.conn)
        .expect("cart");
    assert_eq!(left, vec![3]);
}

#[test]
fn an_item_azure_may_have_bought_leaves_the_cart_and_the_purchase_stays_pending() {
    let mut store = TestStore::demo();
    let (sales, customer, sub) = filled(&mut store);
    let before = reservations_of(&mut store, customer);
    let system = OnceOnly {
        calls: AtomicUsize::new(0),
        uncertain: true,
        stopped: false,
    };
    store
        .run_on(&system, &sales, |ctx| {
            buy::purchase(
                ctx,
                customer,
                &input("tok-unsure", sub, "it-admin@contoso.com"),
                None,
            )
        })
        .expect("the first item was bought");
    assert_eq!(reservations_of(&mut store, customer), before + 1);
    let made = store
        .run(&sales, |ctx| record::made(ctx, customer, "tok-unsure"))
        .expect("made");
    assert_eq!(
        made.purchase.state, "Pending",
        "the next sync shows the rest"
    );
    let left: i64 = cart_items::table
        .count()
        .get_result(&mut store.conn)
        .expect("cart");
    assert_eq!(left, 0, "not offered to be bought a second time");
}

#[test]
fn a_remote_system_that_stops_midway_leaves_the_purchase_pending_and_the_item_out_of_the_cart() {
    let mut store = TestStore::demo();
    let (sales, customer, sub) = filled(&mut store);
    let system = OnceOnly {
        calls: AtomicUsize::new(0),
        uncertain: false,
        stopped: true,
    };
    store
        .run_on(&system, &sales, |ctx| {
            buy::purchase(
                ctx,
                customer,
                &input("tok-stopped", sub, "it-admin@contoso.com"),
                None,
            )
        })
        .expect("the first item was bought");
    let made = store
        .run(&sales, |ctx| record::made(ctx, customer, "tok-stopped"))
        .expect("made");
    assert_eq!(made.purchase.state, "Pending");
    assert_eq!(
        made.purchase.error.as_deref(),
        Some("The purchase stopped before every item was bought."),
        "no internal detail on the page"
    );
    let left: i64 = cart_items::table
        .count()
        .get_result(&mut store.conn)
        .expect("cart");
    assert_eq!(left, 0, "not offered to be bought a second time");
}
