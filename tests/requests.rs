//! The support-request wizard, end to end: every step, drafts kept across
//! sign-ins, and Create made once however often it is sent.

mod common;

use std::sync::Arc;

use common::requests::*;
use common::*;
use diesel::prelude::*;
use partner_dashboard::db::schema::{reservations, support_requests};
use reqwest::StatusCode;

#[tokio::test]
async fn a_helpdesk_agent_asks_for_a_refund_through_every_step() {
    let app = spawn_app().await;
    let helpdesk = app.client_as(HELPDESK).await;
    let (id, guid) = refundable(&app, 3);
    let basics = start(&app, &helpdesk, &guid, "Refund").await;
    let page = app.get_with(&helpdesk, &basics, &[]).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.attrs("#issue_type option[selected]", "value"),
        vec!["Billing"]
    );
    let billing: i64 = reservations::table
        .find(id)
        .select(reservations::billing_subscription_id)
        .first(&mut app.conn())
        .expect("billing");
    assert_eq!(
        page.attrs("#subscription option[selected]", "value"),
        vec![billing.to_string()]
    );
    assert!(page.attrs("#summary", "value")[0].starts_with("Refund of reservation"));
    assert_eq!(
        page.text("#attached-reservation"),
        guid,
        "the reservation ID is attached"
    );
    assert_eq!(page.texts("ol.steps li.current"), vec!["1 Basics"]);

    // Bad input is refused next to the field and kept.
    let r = next(&app, &helpdesk, &basics, &[("summary", "")]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = r.text().await.expect("body");
    assert_eq!(
        texts(&body, "#summary-error"),
        vec!["This field is required."]
    );
    let r = next(
        &app,
        &helpdesk,
        &basics,
        &[("summary", "Refund please"), ("subscription", "999999")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = r.text().await.expect("body");
    assert_eq!(
        attr(&body, "#summary", "value").as_deref(),
        Some("Refund please")
    );
    assert_eq!(texts(&body, "#subscription-error").len(), 1);

    let r = next(
        &app,
        &helpdesk,
        &basics,
        &[
            ("summary", "Refund please"),
            ("subscription", &billing.to_string()),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let problem = location(&r);
    let page = app.get_with(&helpdesk, &problem, &[]).await;
    assert_eq!(
        page.attrs("#problem_type option[selected]", "value"),
        vec!["Reservation management"]
    );
    assert_eq!(
        page.attrs("#category option[selected]", "value"),
        vec!["Exchanges and refunds"]
    );
    assert_eq!(page.count("[data-quote=refund]"), 1, "the quote is shown");
    // Back keeps what was typed; a reload brings it back.
    let token = app.csrf(&helpdesk).await;
    let r = app
        .post_form(
            &helpdesk,
            &problem,
            &[
                ("csrf_token", &token),
                ("nav", "back"),
                ("description", "Typed before going back"),
            ],
        )
        .await;
    assert_eq!(location(&r), basics);
    let again = app.get_with(&helpdesk, &problem, &[]).await;
    assert_eq!(again.text("#description"), "Typed before going back");
    let r = next(
        &app,
        &helpdesk,
        &problem,
        &[("problem_start", "2099-01-01")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(texts(&r.text().await.expect("body"), "#problem_start-error")[0].contains("future"));
    let r = next(
        &app,
        &helpdesk,
        &problem,
        &[("problem_start", &today().to_string())],
    )
    .await;
    let contact = location(&r);
    let page = app.get_with(&helpdesk, &contact, &[]).await;
    assert_eq!(
        page.attrs("#email", "value"),
        vec![HELPDESK.to_string()],
        "contact pre-filled from the agent"
    );
    let r = next(
        &app,
        &helpdesk,
        &contact,
        &[
            ("email", "nope"),
            ("contact_method", "Phone"),
            ("phone", ""),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = r.text().await.expect("body");
    assert_eq!(texts(&body, "#email-error").len(), 1);
    assert_eq!(
        texts(&body, "#phone-error"),
        vec!["Enter a phone number to be called back."]
    );
    let r = next(
        &app,
        &helpdesk,
        &contact,
        &[("email", HELPDESK), ("contact_method", "Email")],
    )
    .await;
    let review = location(&r);
    let page = app.get_with(&helpdesk, &review, &[]).await;
    assert!(page.text("dl.review").contains("Typed before going back"));
    let token = app.csrf(&helpdesk).await;
    let r = app
        .post_form(
            &helpdesk,
            &review,
            &[("csrf_token", &token), ("nav", "create")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(
        location(&r).ends_with("?done=created"),
        "says it was created"
    );
    let number = location(&r)
        .trim_start_matches("/requests/")
        .trim_end_matches("?done=created")
        .to_string();
    assert_eq!(number.len(), 16);
    let created = app.get_with(&helpdesk, &location(&r), &[]).await;
    assert!(
        created.text("#request-notice").contains(&number),
        "the success message names the request"
    );
    let (status, kind, reservation): (String, String, i64) = support_requests::table
        .filter(support_requests::number.eq(&number))
        .select((
            support_requests::status,
            support_requests::kind,
            support_requests::reservation_id,
        ))
        .first(&mut app.conn())
        .expect("request");
    assert_eq!(
        (status.as_str(), kind.as_str(), reservation),
        ("Open", "Refund", id)
    );
    // The wizard's pages now lead to the request.
    let again = app.get_with(&helpdesk, &basics, &[]).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    let detail = app
        .get_with(&helpdesk, &format!("/requests/{number}"), &[])
        .await;
    assert_eq!(detail.status, StatusCode::OK);
    assert!(detail.text("h1").contains(&number));
    assert_eq!(detail.count("[data-quote=refund]"), 1);
}

#[tokio::test]
async fn a_draft_survives_signing_out_and_in() {
    let app = spawn_app().await;
    let (_, guid) = refundable(&app, 4);
    let first = app.client_as(HELPDESK).await;
    let basics = start(&app, &first, &guid, "Exchange").await;
    next(
        &app,
        &first,
        &basics,
        &[("summary", "Kept across sessions")],
    )
    .await;
    let later = app.client_as(HELPDESK).await;
    let resumed = start(&app, &later, &guid, "Exchange").await;
    assert_eq!(resumed, basics, "the same draft");
    let page = app.get_with(&later, &resumed, &[]).await;
    assert_eq!(
        page.attrs("#summary", "value"),
        vec!["Kept across sessions"]
    );
    // Someone else's draft does not exist for them.
    let other = app.client_as(ADMIN).await;
    assert_eq!(
        app.get_with(&other, &basics, &[]).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn twenty_concurrent_creates_make_one_request() {
    let app = Arc::new(spawn_app().await);
    let helpdesk = app.client_as(HELPDESK).await;
    let (_, guid) = refundable(&app, 5);
    let basics = start(&app, &helpdesk, &guid, "Refund").await;
    let problem = location(&next(&app, &helpdesk, &basics, &[]).await);
    let contact =
        location(&next(&app, &helpdesk, &problem, &[("description", "Concurrent")]).await);
    let review = location(&next(&app, &helpdesk, &contact, &[]).await);
    let token = app.csrf(&helpdesk).await;
    let mut handles = Vec::new();
    for _ in 0..20 {
        let (client, url, token) = (
            helpdesk.clone(),
            format!("{}{review}", app.address),
            token.clone(),
        );
        handles.push(tokio::spawn(async move {
            let r = client
                .post(url)
                .form(&[("csrf_token", token.as_str()), ("nav", "create")])
                .send()
                .await
                .expect("post");
            (
                r.status(),
                r.headers()
                    .get("location")
                    .map(|v| v.to_str().unwrap_or("").to_string()),
            )
        }));
    }
    let mut locations = std::collections::BTreeSet::new();
    for h in handles {
        let (status, location) = h.await.expect("task");
        assert_eq!(status, StatusCode::SEE_OTHER);
        // The first Create says it created; the others land on the same request.
        let location = location.unwrap_or_default();
        locations.insert(location.split('?').next().unwrap_or_default().to_string());
    }
    assert_eq!(
        locations.len(),
        1,
        "every Create leads to the same request: {locations:?}"
    );
    let count: i64 = support_requests::table
        .count()
        .get_result(&mut app.conn())
        .expect("count");
    assert_eq!(count, 1);
}
