use chrono::NaiveDate;

use crate::app::reservations::configuration::{self, Input, Saved};
use crate::app::system::{
    Applied, Bought, Buy, Exchanged, Figures, LocalSystem, Place, Receipt, Replacement, Reshaped,
    Returned, Setup,
};
use crate::app::testing::TestStore;
use crate::app::{Error, Refusal, RemoteRefusal, ReservationSystem};
use crate::db::audit::Action;
use crate::db::reservations::Reservation;
use crate::db::{self};
use crate::domain::ids::{ReservationId, TenantId};
use crate::domain::money::Money;
use crate::domain::policy::{ExchangeQuote, Holding, RefundQuote, Settings};
use crate::domain::scope::ScopeChoice;

/// The configuration form as loaded for reservation `id`, renamed.
pub(super) fn renamed(store: &mut TestStore, id: ReservationId, name: &str) -> Input {
    let r = db::reservations::find_by_guid(&mut store.conn, id).expect("reservation");
    let order = db::orders::find(&mut store.conn, r.order_id).expect("order");
    let plan = r.renewal_plan(order.term, order.billing_plan);
    Input {
        name: name.into(),
        scope: ScopeChoice {
            kind: "shared".into(),
            ..ScopeChoice::default()
        },
        flexibility: r.instance_flexibility.clone().unwrap_or_default(),
        renew: r.renew,
        renew_term: plan.term.as_str().into(),
        renew_plan: plan.billing_plan.as_str().into(),
        renew_quantity: plan.quantity.to_string(),
        version: r.version,
    }
}

/// A system of record that refuses every change, as a remote service
/// might (throttled, or down).
pub(super) struct Failing;

impl ReservationSystem for Failing {
    fn refund_quote(&self, h: &Holding, today: NaiveDate, s: &Settings) -> RefundQuote {
        LocalSystem.refund_quote(h, today, s)
    }

    fn apply_configuration(&self, _: &Place, _: &Setup) -> Result<Applied, Error> {
        Err(Error::Internal("the remote side failed".into()))
    }

    fn return_reservation(&self, _: &Place, _: i32, _: &RefundQuote) -> Result<Returned, Error> {
        Err(Error::Internal("the remote side failed".into()))
    }

    fn exchange(
        &self,
        _: &Place,
        _: &Reservation,
        _: &Replacement,
        _: &ExchangeQuote,
    ) -> Result<Exchanged, Error> {
        Err(Error::Internal("the remote side failed".into()))
    }
    fn set_archived(&self, _: &Place, _: bool) -> Result<Receipt, Error> {
        Err(Error::Internal("the remote side failed".into()))
    }

    fn split(&self, _: &Place, _: [i32; 2]) -> Result<Reshaped, Error> {
        Err(Error::Internal("the remote side failed".into()))
    }

    fn purchase(&self, _: TenantId, _: &Buy) -> Result<Bought, Error> {
        Err(Error::Internal("the remote side failed".into()))
    }

    fn merge(&self, _: &Place, _: &[ReservationId], _: i32) -> Result<Reshaped, Error> {
        Err(Error::Internal("the remote side failed".into()))
    }
}

/// A remote system of record (as Azure is): it refuses configurations in
/// its own words, and returns and exchanges with its own figures.
pub(super) struct Remote {
    pub refuse: bool,
}

pub(super) fn azure_refusal() -> Error {
    Error::Refused(Refusal::Azure(RemoteRefusal {
        message: "The applied scope is not valid for this reservation.".into(),
        code: Some("InvalidAppliedScope".into()),
        correlation_id: Some("corr-1".into()),
        uncertain: false,
    }))
}

impl ReservationSystem for Remote {
    fn is_remote(&self) -> bool {
        true
    }

    fn refund_quote(&self, h: &Holding, today: NaiveDate, s: &Settings) -> RefundQuote {
        LocalSystem.refund_quote(h, today, s)
    }

    fn apply_configuration(&self, _: &Place, _: &Setup) -> Result<Applied, Error> {
        if self.refuse {
            return Err(azure_refusal());
        }
        Ok(Applied::Done(Receipt {
            correlation_id: Some("corr-2".into()),
        }))
    }

    fn set_archived(&self, _: &Place, _: bool) -> Result<Receipt, Error> {
        if self.refuse {
            return Err(azure_refusal());
        }
        Ok(Receipt {
            correlation_id: Some("corr-3".into()),
        })
    }

    fn purchase(&self, tenant: TenantId, buy: &Buy) -> Result<Bought, Error> {
        if self.refuse {
            return Err(azure_refusal());
        }
        let mut bought = LocalSystem.purchase(tenant, buy)?;
        bought.receipt.correlation_id = Some("corr-6".into());
        Ok(bought)
    }

    fn split(&self, p: &Place, quantities: [i32; 2]) -> Result<Reshaped, Error> {
        if self.refuse {
            return Err(azure_refusal());
        }
        let mut made = LocalSystem.split(p, quantities)?;
        made.receipt.correlation_id = Some("corr-4".into());
        Ok(made)
    }

    fn merge(
        &self,
        p: &Place,
        sources: &[ReservationId],
        quantity: i32,
    ) -> Result<Reshaped, Error> {
        if self.refuse {
            return Err(azure_refusal());
        }
        let mut made = LocalSystem.merge(p, sources, quantity)?;
        made.receipt.correlation_id = Some("corr-5".into());
        Ok(made)
    }

    fn return_reservation(
        &self,
        place: &Place,
        _: i32,
        _: &RefundQuote,
    ) -> Result<Returned, Error> {
        if self.refuse {
            return Err(azure_refusal());
        }
        Ok(Returned {
            receipt: Receipt {
                correlation_id: Some(format!("corr-{}", place.reservation)),
            },
            figures: Some(Figures {
                session_id: "session-1".into(),
                amount: Money::new(rust_decimal::Decimal::new(12345, 2)),
                currency: "USD".into(),
                consumed_refunds_total: Some(Money::new(rust_decimal::Decimal::new(500000, 2))),
                max_refund_limit: Some(Money::new(rust_decimal::Decimal::new(5000000, 2))),
            }),
        })
    }

    fn exchange(
        &self,
        place: &Place,
        old: &Reservation,
        replacement: &Replacement,
        quote: &ExchangeQuote,
    ) -> Result<Exchanged, Error> {
        if self.refuse {
            return Err(azure_refusal());
        }
        LocalSystem.exchange(place, old, replacement, quote)
    }
}

#[test]
fn an_azure_refusal_is_audited_in_its_words_and_changes_nothing() {
    let mut store = TestStore::demo();
    let sales = store.actor("sales@partner.example");
    let (_, id, _) = store.refundable(4);
    let before = db::reservations::find_by_guid(&mut store.conn, id).expect("reservation");
    let input = renamed(&mut store, id, "refused-by-azure");
    let refused = store.run_on(&Remote { refuse: true }, &sales, |ctx| {
        configuration::save(ctx, id, &input)
    });
    assert!(
        matches!(&refused, Err(Error::Refused(Refusal::Azure(r))) if r.message.contains("not valid")),
        "refused in Azure's words"
    );
    let after = db::reservations::find_by_guid(&mut store.conn, id).expect("reservation");
    assert_eq!(after.display_name, before.display_name);
    assert_eq!(after.version, before.version);
    assert_eq!(store.audited(Action::AzureRefused), 1);
    assert_eq!(store.audited(Action::ReservationRenamed), 0);

    let saved = store
        .run_on(&Remote { refuse: false }, &sales, |ctx| {
            configuration::save(ctx, id, &input)
        })
        .expect("saved");
    assert!(matches!(saved, Saved::Changed(ref c, _) if !c.is_empty()));
    let correlated: Vec<Option<String>> = {
        use crate::db::schema::audit_log;
        use diesel::prelude::*;
        audit_log::table
            .filter(audit_log::action.eq(Action::ReservationRenamed))
            .select(audit_log::correlation_id)
            .load(&mut store.conn)
            .expect("audit")
    };
    assert_eq!(
        correlated,
        [Some("corr-2".to_string())],
        "audited with Azure's correlation ID"
    );
}

#[test]
fn a_rename_is_saved_through_the_system_and_audited_once() {
    let mut store = TestStore::demo();
    let sales = store.actor("sales@partner.example");
    let (_, id, _) = store.refundable(0);
    let before = db::reservations::find_by_guid(&mut store.conn, id).expect("reservation");
    let mut input = renamed(&mut store, id, "renamed-by-test");
    // Keep the stored scope so only the name changes.
    input.scope = crate::app::reservations::configuration::scope_choice_of(&before);
    let saved = store
        .run(&sales, |ctx| configuration::save(ctx, id, &input))
        .expect("saved");
    let Saved::Changed(changes, _) = saved else {
        panic!("not saved");
    };
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].after, "renamed-by-test");
    let after = db::reservations::find_by_guid(&mut store.conn, id).expect("reservation");
    assert_eq!(after.display_name, "renamed-by-test");
    assert_eq!(after.version, before.version + 1);
    assert_eq!(after.updated_at, store.clock.now());
    assert_eq!(store.audited(Action::ReservationRenamed), 1);
}

#[test]
fn a_save_from_an_older_version_gets_the_newer_values_and_writes_nothing() {
    let mut store = TestStore::demo();
    let sales = store.actor("sales@partner.example");
    let (_, id, _) = store.refundable(1);
    let first = renamed(&mut store, id, "first-writer");
    let second = renamed(&mut store, id, "second-writer");
    store
        .run(&sales, |ctx| configuration::save(ctx, id, &first))
        .expect("first save");
    let audited = store.audited(Action::ReservationRenamed);
    let outcome = store
        .run(&sales, |ctx| configuration::save(ctx, id, &second))
        .expect("answered");
    let Saved::Conflict(newer) = outcome else {
        panic!("no conflict");
    };
    assert_eq!(newer.reservation.display_name, "first-writer");
    assert_eq!(store.audited(Action::ReservationRenamed), audited);
}

#[test]
fn bad_input_is_reported_by_field_and_roles_without_the_right_are_refused() {
    let mut store = TestStore::demo();
    let sales = store.actor("sales@partner.example");
    let helpdesk = store.actor("helpdesk@partner.example");
    let (_, id, _) = store.refundable(2);
    let mut input = renamed(&mut store, id, "");
    input.scope.kind = "single".into();
    input.scope.subscription = "999999".into();
    let outcome = store
        .run(&sales, |ctx| configuration::save(ctx, id, &input))
        .expect("answered");
    let Saved::Invalid(problems, _) = outcome else {
        panic!("accepted");
    };
    assert!(problems.name.is_some());
    assert!(
        problems.subscription.is_some(),
        "another customer's or no subscription"
    );
    let input = renamed(&mut store, id, "fine");
    let refused = store.run(&helpdesk, |ctx| configuration::save(ctx, id, &input));
    assert!(matches!(refused, Err(Error::Forbidden)));
}

#[test]
fn a_refusal_of_the_system_of_record_leaves_nothing_written() {
    let mut store = TestStore::demo();
    let sales = store.actor("sales@partner.example");
    let (_, id, _) = store.refundable(3);
    let before = db::reservations::find_by_guid(&mut store.conn, id).expect("reservation");
    let input = renamed(&mut store, id, "never-saved");
    let failed = store.run_on(&Failing, &sales, |ctx| configuration::save(ctx, id, &input));
    assert!(matches!(failed, Err(Error::Internal(_))));
    let after = db::reservations::find_by_guid(&mut store.conn, id).expect("reservation");
    assert_eq!(after.display_name, before.display_name);
    assert_eq!(after.version, before.version);
    assert_eq!(store.audited(Action::ReservationRenamed), 0);
    assert_eq!(store.audited(Action::ScopeChanged), 0);
}
