use diesel::prelude::*;

use super::configuration::Failing;
use super::drafts::refund_request;
use crate::app::requests::{self, Approved, Reason};
use crate::app::testing::{TestStore, today};
use crate::app::{Error, Refusal};
use crate::db::audit::Action;
use crate::db::columns::DbMoney;
use crate::db::ledger::NewRefund;
use crate::db::schema::refunds;
use crate::db::{self};
use crate::domain::money::Money;
use crate::domain::policy;
use crate::domain::reservation::ProvisioningState;
use crate::domain::support::RequestStatus;

fn refunds_booked(store: &mut TestStore) -> i64 {
    refunds::table
        .count()
        .get_result(&mut store.conn)
        .expect("count")
}

#[test]
fn approving_a_refund_books_it_returns_the_reservation_and_is_audited() {
    let mut store = TestStore::demo();
    let support = store.actor("support@partner.example");
    let (row, id, _) = store.refundable(0);
    let number = refund_request(&mut store, id);
    let approved = store
        .run(&support, |ctx| requests::approve(ctx, &number))
        .expect("approved");
    assert!(matches!(approved, Approved::Refund { refund, .. } if refund > Money::ZERO));
    let reservation = db::reservations::find(&mut store.conn, row).expect("reservation");
    assert_eq!(reservation.provisioning_state, ProvisioningState::Cancelled);
    assert_eq!(refunds_booked(&mut store), 1);
    let request = db::requests::find_by_number(&mut store.conn, &number).expect("request");
    assert_eq!(request.status, RequestStatus::Approved);
    assert_eq!(store.audited(Action::RefundApproved), 1);
    let again = store.run(&support, |ctx| requests::approve(ctx, &number));
    assert!(
        matches!(again, Err(Error::Refused(Refusal::NotOpen))),
        "{again:?}"
    );
    assert_eq!(refunds_booked(&mut store), 1, "booked once");
}

#[test]
fn only_support_agents_settle() {
    let mut store = TestStore::demo();
    let (_, id, _) = store.refundable(1);
    let number = refund_request(&mut store, id);
    for email in [
        "admin@partner.example",
        "helpdesk@partner.example",
        "it-admin@contoso.com",
    ] {
        let actor = store.actor(email);
        let approved = store.run(&actor, |ctx| requests::approve(ctx, &number));
        assert!(
            matches!(approved, Err(Error::Forbidden)),
            "{email}: {approved:?}"
        );
    }
    assert_eq!(refunds_booked(&mut store), 0);
}

#[test]
fn a_refund_over_the_limit_is_refused_and_nothing_is_written() {
    let mut store = TestStore::demo();
    let support = store.actor("support@partner.example");
    let (row, id, customer) = store.refundable(2);
    let number = refund_request(&mut store, id);
    // Another refund booked since uses up the customer's allowance.
    let limit = db::settings::load(&mut store.conn)
        .expect("settings")
        .refund_limit;
    let request_id = db::requests::find_by_number(&mut store.conn, &number)
        .expect("request")
        .id;
    db::ledger::book_refund(
        &mut store.conn,
        &NewRefund {
            request_id,
            customer_id: customer,
            reservation_id: row,
            booked_on: today(),
            cancelled_commitment: DbMoney(limit),
            fee: DbMoney(Money::ZERO),
            refund: DbMoney(limit),
        },
    )
    .expect("booked");
    let refused = store.run(&support, |ctx| requests::approve(ctx, &number));
    assert!(
        matches!(
            refused,
            Err(Error::Refused(Refusal::Policy(policy::Refusal::OverLimit)))
        ),
        "{refused:?}"
    );
    let reservation = db::reservations::find(&mut store.conn, row).expect("reservation");
    assert_eq!(reservation.provisioning_state, ProvisioningState::Succeeded);
    assert_eq!(refunds_booked(&mut store), 1, "only the one booked before");
    assert_eq!(store.audited(Action::RefundApproved), 0);
}

#[test]
fn a_failure_of_the_system_of_record_rolls_the_whole_approval_back() {
    let mut store = TestStore::demo();
    let support = store.actor("support@partner.example");
    let (row, id, _) = store.refundable(3);
    let number = refund_request(&mut store, id);
    let failed = store.run_on(&Failing, &support, |ctx| requests::approve(ctx, &number));
    assert!(matches!(failed, Err(Error::Internal(_))), "{failed:?}");
    let reservation = db::reservations::find(&mut store.conn, row).expect("reservation");
    assert_eq!(reservation.provisioning_state, ProvisioningState::Succeeded);
    let request = db::requests::find_by_number(&mut store.conn, &number).expect("request");
    assert_eq!(request.status, RequestStatus::Open);
    assert_eq!(refunds_booked(&mut store), 0);
    assert_eq!(store.audited(Action::RefundApproved), 0);
}

#[test]
fn rejecting_needs_a_reason_and_closes_the_request_once() {
    let mut store = TestStore::demo();
    let support = store.actor("support@partner.example");
    let (_, id, _) = store.refundable(4);
    let number = refund_request(&mut store, id);
    assert!(matches!(
        Reason::parse("   "),
        Err(Error::Invalid("reject-reason-required"))
    ));
    assert!(matches!(
        Reason::parse(&"x".repeat(1001)),
        Err(Error::Invalid("reject-reason-too-long"))
    ));
    let reason = Reason::parse("  Bought for a project that still runs.  ").expect("reason");
    assert_eq!(reason.as_str(), "Bought for a project that still runs.");
    store
        .run(&support, |ctx| requests::reject(ctx, &number, &reason))
        .expect("rejected");
    let request = db::requests::find_by_number(&mut store.conn, &number).expect("request");
    assert_eq!(request.status, RequestStatus::Rejected);
    assert_eq!(request.decided_at, Some(store.clock.now()));
    let again = store.run(&support, |ctx| requests::reject(ctx, &number, &reason));
    assert!(matches!(again, Err(Error::Refused(Refusal::NotOpen))));
    let approve = store.run(&support, |ctx| requests::approve(ctx, &number));
    assert!(matches!(approve, Err(Error::Refused(Refusal::NotOpen))));
    assert_eq!(store.audited(Action::RequestRejected), 1);
}

#[test]
fn approving_an_exchange_creates_the_new_reservation_with_the_old_ones_access() {
    use crate::app::requests::drafts::{self, Contact, Creation, Started};
    let mut store = TestStore::demo();
    let helpdesk = store.actor("helpdesk@partner.example");
    let support = store.actor("support@partner.example");
    let (row, id, _) = store.refundable(6);
    let contact = Contact {
        name: "Helpdesk Agent".into(),
        email: "helpdesk@partner.example".into(),
    };
    let lang = crate::i18n::Lang::from_tag("en-US").expect("en-US");
    let Started::Draft(token) = store
        .run(&helpdesk, |ctx| {
            drafts::start(
                ctx,
                id,
                crate::domain::support::RequestKind::Exchange,
                &contact,
                &lang,
            )
        })
        .expect("started")
    else {
        panic!("an exchange is open already");
    };
    let mut fields = store
        .run(&helpdesk, |ctx| drafts::open(ctx, &token, None))
        .expect("opened")
        .fields;
    fields.description = "Needs more memory.".into();
    fields.new_sku = "Standard_E8s_v5".into();
    fields.new_region = "eastus".into();
    fields.new_term = "P3Y".into();
    fields.new_quantity = "10".into();
    store
        .run(&helpdesk, |ctx| drafts::save(ctx, &token, &fields))
        .expect("saved");
    let Creation::Done(number) = store
        .run(&helpdesk, |ctx| drafts::create(ctx, &token))
        .expect("answered")
    else {
        panic!("not created");
    };
    let approved = store
        .run(&support, |ctx| requests::approve(ctx, &number))
        .expect("approved");
    let Approved::Exchange(created) = approved else {
        panic!("not an exchange: {approved:?}");
    };
    let old = db::reservations::find(&mut store.conn, row).expect("old");
    assert_eq!(old.provisioning_state, ProvisioningState::Exchanged);
    let new = db::reservations::find(&mut store.conn, created.row).expect("new");
    assert_eq!(new.reservation_guid, created.id);
    assert_eq!(
        (new.sku.as_str(), new.region.as_str(), new.quantity),
        ("Standard_E8s_v5", "eastus", 10)
    );
    assert_eq!(new.customer_id, old.customer_id);
    let roles = |store: &mut TestStore, r| {
        let mut v: Vec<(String, crate::domain::roles::ReservationRole)> =
            db::role_assignments::for_reservation(&mut store.conn, r)
                .expect("roles")
                .into_iter()
                .map(|a| (a.principal_email, a.role))
                .collect();
        v.sort();
        v
    };
    assert_eq!(
        roles(&mut store, created.row),
        roles(&mut store, row),
        "access carried over"
    );
    assert_eq!(store.audited(Action::ExchangeApproved), 1);
}

#[test]
fn a_refund_settled_in_azure_keeps_azures_figures_and_a_refusal_there_leaves_it_open() {
    use super::configuration::Remote;
    let mut store = TestStore::demo();
    let support = store.actor("support@partner.example");
    let (row, id, _) = store.refundable(5);
    let number = refund_request(&mut store, id);

    let refused = store.run_on(&Remote { refuse: true }, &support, |ctx| {
        requests::approve(ctx, &number)
    });
    assert!(
        matches!(refused, Err(Error::Refused(Refusal::Azure(_)))),
        "{refused:?}"
    );
    let request = db::requests::find_by_number(&mut store.conn, &number).expect("request");
    assert_eq!(request.status, RequestStatus::Open, "still open");
    assert_eq!(
        request.settling_since, None,
        "no longer marked as being settled"
    );
    assert_eq!(refunds_booked(&mut store), 0);
    assert_eq!(store.audited(Action::AzureRefused), 1);
    let reservation = db::reservations::find(&mut store.conn, row).expect("reservation");
    assert_eq!(reservation.provisioning_state, ProvisioningState::Succeeded);

    store
        .run_on(&Remote { refuse: false }, &support, |ctx| {
            requests::approve(ctx, &number)
        })
        .expect("approved");
    let request = db::requests::find_by_number(&mut store.conn, &number).expect("request");
    assert_eq!(request.status, RequestStatus::Approved);
    let settled = db::azure_settlements::for_request(&mut store.conn, request.id)
        .expect("read")
        .expect("Azure's figures kept");
    assert_eq!(settled.session_id, "session-1");
    assert_eq!(settled.amount.0.amount().to_string(), "123.45");
    assert_eq!(
        settled
            .consumed_refunds_total
            .map(|m| m.0.amount().to_string()),
        Some("5000.00".to_string())
    );
    assert_eq!(settled.correlation_id, Some(format!("corr-{id}")));
}

#[test]
fn a_request_being_settled_in_azure_is_not_settled_twice() {
    let mut store = TestStore::demo();
    let support = store.actor("support@partner.example");
    let (_, id, _) = store.refundable(6);
    let number = refund_request(&mut store, id);
    let request = db::requests::find_by_number(&mut store.conn, &number).expect("request");
    // Another agent's approval is under way in Azure.
    let now = store.clock.now();
    db::requests::claim(&mut store.conn, request.id, now, now).expect("claimed");
    let second = store.run_on(
        &super::configuration::Remote { refuse: false },
        &support,
        |ctx| requests::approve(ctx, &number),
    );
    assert!(
        matches!(second, Err(Error::Refused(Refusal::BeingSettled))),
        "{second:?}"
    );
    let rejected = store.run(&support, |ctx| {
        requests::reject(ctx, &number, &Reason::parse("No.").expect("reason"))
    });
    assert!(
        matches!(rejected, Err(Error::Refused(Refusal::BeingSettled))),
        "{rejected:?}"
    );
    assert_eq!(refunds_booked(&mut store), 0);
}
