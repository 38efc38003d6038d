use crate::app::requests::drafts::{self, Contact, Creation, Started};
use crate::app::testing::TestStore;
use crate::app::{Actor, Error};
use crate::db::audit::Action;
use crate::domain::ids::ReservationId;
use crate::domain::request_details::StoredDetails;
use crate::domain::support::RequestKind;
use crate::i18n::Lang;

fn contact() -> Contact {
    Contact {
        name: "Helpdesk Agent".into(),
        email: "helpdesk@partner.example".into(),
    }
}

fn english() -> Lang {
    Lang::from_tag("en-US").expect("en-US")
}

/// Starts a refund of `id` as `actor` and returns the draft's token.
pub(super) fn started(store: &mut TestStore, actor: &Actor, id: ReservationId) -> String {
    let started = store
        .run(actor, |ctx| {
            drafts::start(ctx, id, RequestKind::Refund, &contact(), &english())
        })
        .expect("started");
    match started {
        Started::Draft(token) => token,
        Started::AlreadyOpen(number) => panic!("{number} is open"),
    }
}

/// Makes a refund request of `id` through a draft; returns its number.
pub(super) fn refund_request(store: &mut TestStore, id: ReservationId) -> String {
    let helpdesk = store.actor("helpdesk@partner.example");
    let token = started(store, &helpdesk, id);
    let mut fields = store
        .run(&helpdesk, |ctx| drafts::open(ctx, &token, None))
        .expect("opened")
        .fields;
    fields.description = "Workload moved to another region.".into();
    store
        .run(&helpdesk, |ctx| drafts::save(ctx, &token, &fields))
        .expect("saved");
    match store
        .run(&helpdesk, |ctx| drafts::create(ctx, &token))
        .expect("created")
    {
        Creation::Done(number) => number,
        other => panic!("not created: {other:?}"),
    }
}

#[test]
fn a_refund_is_created_once_from_its_draft_and_audited() {
    let mut store = TestStore::demo();
    let helpdesk = store.actor("helpdesk@partner.example");
    let (_, id, _) = store.refundable(0);
    let token = started(&mut store, &helpdesk, id);
    assert_eq!(
        started(&mut store, &helpdesk, id),
        token,
        "the same draft again"
    );
    let missing = store
        .run(&helpdesk, |ctx| drafts::create(ctx, &token))
        .expect("answered");
    assert!(
        matches!(&missing, Creation::Invalid(errors) if errors.contains_key("description")),
        "{missing:?}"
    );
    let mut fields = store
        .run(&helpdesk, |ctx| drafts::open(ctx, &token, None))
        .expect("opened")
        .fields;
    fields.description = "No longer needed.".into();
    store
        .run(&helpdesk, |ctx| drafts::save(ctx, &token, &fields))
        .expect("saved");
    let first = store
        .run(&helpdesk, |ctx| drafts::create(ctx, &token))
        .expect("created");
    let second = store
        .run(&helpdesk, |ctx| drafts::create(ctx, &token))
        .expect("again");
    let Creation::Done(number) = first else {
        panic!("not created: {first:?}");
    };
    assert_eq!(second, Creation::Done(number.clone()), "one request");
    assert!(
        number.starts_with("2611250"),
        "numbered by the clock's day: {number}"
    );
    assert_eq!(store.audited(Action::RequestCreated), 1);
    let stored = crate::db::requests::find_by_number(&mut store.conn, &number)
        .expect("request")
        .details;
    let StoredDetails::Checked(details) = StoredDetails::parse(&stored) else {
        panic!("details kept as typed: {stored}");
    };
    assert_eq!(details.description, "No longer needed.");
    assert_eq!(details.problem_start, crate::app::testing::today());
    let again = store
        .run(&helpdesk, |ctx| {
            drafts::start(ctx, id, RequestKind::Refund, &contact(), &english())
        })
        .expect("answered");
    assert_eq!(again, Started::AlreadyOpen(number), "one refund at a time");
}

#[test]
fn a_draft_is_its_authors_alone_and_roles_without_the_right_cannot_start_one() {
    let mut store = TestStore::demo();
    let helpdesk = store.actor("helpdesk@partner.example");
    let admin = store.actor("admin@partner.example");
    let sales = store.actor("sales@partner.example");
    let (_, id, _) = store.refundable(1);
    let token = started(&mut store, &helpdesk, id);
    let theirs = store.run(&admin, |ctx| drafts::open(ctx, &token, None).map(|_| ()));
    assert!(matches!(theirs, Err(Error::NotFound)));
    let discarded = store.run(&admin, |ctx| drafts::discard(ctx, &token));
    assert!(matches!(discarded, Err(Error::NotFound)));
    let refused = store.run(&sales, |ctx| {
        drafts::start(ctx, id, RequestKind::Refund, &contact(), &english())
    });
    assert!(matches!(refused, Err(Error::Forbidden)), "{refused:?}");
    store
        .run(&helpdesk, |ctx| drafts::discard(ctx, &token))
        .expect("discarded");
    let gone = store.run(&helpdesk, |ctx| drafts::open(ctx, &token, None).map(|_| ()));
    assert!(matches!(gone, Err(Error::NotFound)));
}
