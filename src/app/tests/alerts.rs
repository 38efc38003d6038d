use chrono::Days;
use diesel::prelude::*;

use super::drafts::refund_request;
use crate::app::alerts::{self, daily, outbox};
use crate::app::requests::{self, Reason};
use crate::app::testing::{TestStore, today};
use crate::app::{Actor, Error};
use crate::db::audit::Action;
use crate::db::keys::{CustomerKey, ReservationKey};
use crate::db::outbox::Message;
use crate::db::schema::{outbox as box_, reservations};
use crate::db::utilization::NewDay;
use crate::db::{self};
use crate::domain::alerts::{Alert, Choices};
use crate::i18n::Lang;

fn messages(store: &mut TestStore) -> Vec<Message> {
    box_::table
        .order(box_::id)
        .select(Message::as_select())
        .load(&mut store.conn)
        .expect("outbox")
}

fn to(store: &mut TestStore, address: &str) -> Vec<(String, Alert)> {
    messages(store)
        .into_iter()
        .filter(|m| m.recipient == address)
        .map(|m| {
            let alert = outbox::alert_of(&m).expect("payload");
            (m.language, alert)
        })
        .collect()
}

/// The first in-force reservation of `customer`, now expiring `days` from today.
fn expiring_in(store: &mut TestStore, customer: i64, days: u64) -> (ReservationKey, String) {
    let (id, name): (ReservationKey, String) = reservations::table
        .filter(reservations::customer_id.eq(CustomerKey(customer)))
        .filter(reservations::provisioning_state.eq("Succeeded"))
        .filter(reservations::expiry_date.gt(today() + Days::new(120)))
        .order(reservations::id)
        .select((reservations::id, reservations::display_name))
        .first(&mut store.conn)
        .expect("a reservation");
    diesel::update(reservations::table.find(id))
        .set(reservations::expiry_date.eq(today() + Days::new(days)))
        .execute(&mut store.conn)
        .expect("expiry moved");
    (id, name)
}

fn choose(store: &mut TestStore, who: &Actor, days: Vec<u16>, language: &str) {
    let choices = Choices {
        expiry_days: days,
        underused: true,
        new_requests: true,
        settled: true,
    };
    store
        .run(who, |ctx| alerts::choose(ctx, choices, language))
        .expect("chosen");
}

fn names(alert: &Alert) -> Vec<(String, String)> {
    match alert {
        Alert::Expiry { customers, .. } | Alert::Underused { customers, .. } => customers
            .iter()
            .flat_map(|c| {
                c.reservations
                    .iter()
                    .map(|l| (c.company.clone(), l.name.clone()))
            })
            .collect(),
        _ => Vec::new(),
    }
}

#[test]
fn expiry_alerts_reach_each_user_on_their_days_in_their_language_once_a_day() {
    let mut store = TestStore::demo();
    let (_, seven) = expiring_in(&mut store, 1, 7);
    // Another of Contoso's, on which its user holds no role.
    let (unheld, hidden) = expiring_in(&mut store, 1, 7);
    {
        use crate::db::schema::role_assignments as ra;
        diesel::delete(ra::table.filter(ra::reservation_id.eq(unheld)))
            .execute(&mut store.conn)
            .expect("roles removed");
    }
    let (_, thirty) = expiring_in(&mut store, 2, 30);
    let (_, ninety) = expiring_in(&mut store, 3, 90);
    let helpdesk = store.actor("helpdesk@partner.example");
    choose(&mut store, &helpdesk, vec![90, 7], "pt-BR");
    let customer = store.actor("it-admin@contoso.com");
    choose(&mut store, &customer, vec![90, 30, 7], "en-US");
    let system = Actor::housekeeping();
    let queued = store.run(&system, daily::queue_daily).expect("queued");
    assert!(queued.expiry >= 4, "{queued:?}");

    // The admin never chose: 30 and 7 days, in English.
    let admin = to(&mut store, "admin@partner.example");
    let expiry: Vec<_> = admin
        .iter()
        .filter(|(_, a)| matches!(a, Alert::Expiry { .. }))
        .collect();
    assert_eq!(expiry.len(), 1);
    assert_eq!(expiry[0].0, "en-US");
    let listed = names(&expiry[0].1);
    assert!(listed.iter().any(|(_, n)| *n == seven));
    assert!(listed.iter().any(|(_, n)| *n == thirty));
    assert!(!listed.iter().any(|(_, n)| *n == ninety));

    // Helpdesk chose 90 and 7, in Portuguese.
    let helpdesk_mail = to(&mut store, "helpdesk@partner.example");
    let (language, alert) = helpdesk_mail
        .iter()
        .find(|(_, a)| matches!(a, Alert::Expiry { .. }))
        .expect("helpdesk's alert");
    assert_eq!(language, "pt-BR");
    let listed = names(alert);
    assert!(listed.iter().any(|(_, n)| *n == ninety));
    assert!(!listed.iter().any(|(_, n)| *n == thirty));

    // The customer's user sees their own customer's reservations only.
    let theirs = to(&mut store, "it-admin@contoso.com");
    assert_eq!(theirs.len(), 1, "one expiry alert, nothing else");
    let listed = names(&theirs[0].1);
    assert!(listed.iter().any(|(_, n)| *n == seven));
    assert!(
        !listed.iter().any(|(_, n)| *n == hidden),
        "a reservation they hold no role on is not theirs to know of"
    );
    assert!(matches!(
        &theirs[0].1,
        Alert::Expiry {
            for_customer: true,
            ..
        }
    ));
    let admin_knows = to(&mut store, "admin@partner.example");
    assert!(
        admin_knows
            .iter()
            .any(|(_, a)| names(a).iter().any(|(_, n)| *n == hidden))
    );
    let contoso = db::customers::find(&mut store.conn, CustomerKey(1))
        .expect("customer")
        .company_name;
    assert!(
        listed.iter().all(|(company, _)| *company == contoso),
        "{listed:?}"
    );

    // Grouped by customer: one group per company.
    if let Alert::Expiry { customers, .. } = &expiry[0].1 {
        let mut companies: Vec<_> = customers.iter().map(|c| c.company.clone()).collect();
        let all = companies.len();
        companies.dedup();
        assert_eq!(companies.len(), all);
    }

    // Once a day, however often the job runs.
    let before = messages(&mut store).len();
    let again = store.run(&system, daily::queue_daily).expect("again");
    assert_eq!(again, daily::Queued::default());
    assert_eq!(messages(&mut store).len(), before);
}

#[test]
fn a_reservation_newly_under_used_is_told_once_to_the_agents_who_chose_it() {
    let mut store = TestStore::demo();
    let percent = db::settings::underused_percent(&mut store.conn).expect("threshold");
    let threshold = i32::try_from(percent * 10).expect("small");
    let (row, name) = expiring_in(&mut store, 4, 200);
    // Well used until eight days ago, then under the threshold: under-used
    // over the last week, not over the week before yesterday.
    let days: Vec<NewDay> = (1..=8u64)
        .map(|back| NewDay {
            reservation_id: row,
            day: today() - Days::new(back),
            permille: match back {
                8 => 1000,
                1 => 0,
                _ => threshold * 9 / 10,
            },
        })
        .collect();
    db::utilization::upsert_all(&mut store.conn, &days).expect("utilization");
    let system = Actor::housekeeping();
    store.run(&system, daily::queue_daily).expect("queued");
    let sales = to(&mut store, "sales@partner.example");
    let (_, alert) = sales
        .iter()
        .find(|(_, a)| matches!(a, Alert::Underused { .. }))
        .expect("sales is told");
    assert!(names(alert).iter().any(|(_, n)| *n == name));
    if let Alert::Underused {
        threshold_percent, ..
    } = alert
    {
        assert_eq!(*threshold_percent, percent);
    }
    // Helpdesk's role does not get under-use alerts by default.
    let helpdesk = to(&mut store, "helpdesk@partner.example");
    assert!(
        !helpdesk
            .iter()
            .any(|(_, a)| matches!(a, Alert::Underused { .. }))
    );
}

#[test]
fn a_new_request_tells_support_and_its_settlement_tells_its_creator() {
    let mut store = TestStore::demo();
    let (_, id, _) = store.refundable(0);
    let number = refund_request(&mut store, id);
    let support = to(&mut store, "support@partner.example");
    assert!(matches!(
        support.as_slice(),
        [(_, Alert::NewRequest(note))] if note.number == number && note.by == "helpdesk@partner.example"
    ));
    let actor = store.actor("support@partner.example");
    let reason = Reason::parse("Outside the policy's grace period.").expect("reason");
    store
        .run(&actor, |ctx| requests::reject(ctx, &number, &reason))
        .expect("rejected");
    let creator = to(&mut store, "helpdesk@partner.example");
    assert!(matches!(
        creator.as_slice(),
        [(_, Alert::Settled(note))]
            if note.status == "Rejected" && note.reason.as_deref() == Some("Outside the policy's grace period.")
    ));
}

#[test]
fn who_chose_no_alert_is_not_told() {
    let mut store = TestStore::demo();
    let helpdesk = store.actor("helpdesk@partner.example");
    let nothing = Choices {
        expiry_days: Vec::new(),
        underused: false,
        new_requests: false,
        settled: false,
    };
    store
        .run(&helpdesk, |ctx| alerts::choose(ctx, nothing, "en-US"))
        .expect("chosen");
    let support = store.actor("support@partner.example");
    let quiet = Choices {
        expiry_days: Vec::new(),
        underused: false,
        new_requests: false,
        settled: false,
    };
    store
        .run(&support, |ctx| alerts::choose(ctx, quiet, "en-US"))
        .expect("chosen");
    let (_, id, _) = store.refundable(1);
    let number = refund_request(&mut store, id);
    let reason = Reason::parse("Not eligible.").expect("reason");
    store
        .run(&support, |ctx| requests::reject(ctx, &number, &reason))
        .expect("rejected");
    assert!(to(&mut store, "support@partner.example").is_empty());
    assert!(to(&mut store, "helpdesk@partner.example").is_empty());
}

#[test]
fn choosing_keeps_only_what_the_role_is_offered_refuses_an_unknown_language_and_is_audited() {
    let mut store = TestStore::demo();
    let customer = store.actor("it-admin@contoso.com");
    choose(&mut store, &customer, vec![30], "pt-BR");
    let mine = store.run(&customer, alerts::mine).expect("mine");
    assert!(mine.saved);
    assert_eq!(mine.choices.expiry_days, vec![30]);
    assert!(!mine.choices.underused && !mine.choices.new_requests);
    assert_eq!(mine.language, "pt-BR");
    assert_eq!(store.audited(Action::AlertsChanged), 1);
    let refused = store.run(&customer, |ctx| {
        alerts::choose(ctx, mine.choices.clone(), "fr-FR\r\nX: 1")
    });
    assert!(matches!(
        refused,
        Err(Error::Invalid("alerts-language-unknown"))
    ));
    assert_eq!(store.audited(Action::AlertsChanged), 1);
    // Switching the site's language is remembered for email, choices kept.
    let lang = Lang::from_tag("en-US").expect("English");
    store
        .run(&customer, |ctx| alerts::remember_language(ctx, &lang))
        .expect("remembered");
    let after = store.run(&customer, alerts::mine).expect("mine");
    assert_eq!(after.language, "en-US");
    assert_eq!(after.choices.expiry_days, vec![30]);
}
