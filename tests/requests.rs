//! Refunds, exchanges and the support-request wizard, end to end.

mod common;

use std::sync::Arc;

use chrono::{Days, NaiveDate};
use common::*;
use diesel::prelude::*;
use partner_dashboard::db::schema::{
    catalogue_prices, exchanges, refunds, reservation_orders, reservations, role_assignments,
    settings, support_requests, users,
};
use reqwest::StatusCode;

fn customer_of(app: &TestApp, reservation: i64) -> i64 {
    reservations::table
        .find(reservation)
        .select(reservations::customer_id)
        .first(&mut app.conn())
        .expect("customer")
}

fn location(r: &reqwest::Response) -> String {
    r.headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}

/// Starts a request and returns the first step's path.
async fn start(app: &TestApp, client: &reqwest::Client, guid: &str, kind: &str) -> String {
    let token = app.csrf(client).await;
    let r = app
        .post_form(
            client,
            &format!("/reservations/{guid}/support"),
            &[("csrf_token", &token), ("kind", kind)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "start {kind}");
    let path = location(&r);
    assert!(path.ends_with("/basics"), "{path}");
    path
}

/// Posts a step with Next and returns the response.
async fn next(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let token = app.csrf(client).await;
    let mut form = vec![("csrf_token", token.as_str()), ("nav", "next")];
    form.extend_from_slice(fields);
    app.post_form(client, path, &form).await
}

/// Walks a pre-filled refund from Basics to its number.
async fn refund_through(app: &TestApp, client: &reqwest::Client, guid: &str) -> String {
    let basics = start(app, client, guid, "Refund").await;
    let r = next(app, client, &basics, &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "basics");
    let problem = location(&r);
    let r = next(
        app,
        client,
        &problem,
        &[("description", "Workload moved to another region.")],
    )
    .await;
    assert_eq!(
        r.status(),
        StatusCode::SEE_OTHER,
        "problem: {}",
        texts(&r.text().await.expect("body"), ".field-error, .alert-error").join(" | ")
    );
    let contact = location(&r);
    let r = next(app, client, &contact, &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "contact");
    let review = location(&r);
    let token = app.csrf(client).await;
    let r = app
        .post_form(
            client,
            &review,
            &[("csrf_token", &token), ("nav", "create")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "create");
    let request = location(&r);
    assert!(request.starts_with("/requests/"), "{request}");
    assert!(
        request.ends_with("?done=created"),
        "{request}: says it was created"
    );
    request
        .trim_start_matches("/requests/")
        .trim_end_matches("?done=created")
        .to_string()
}

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

fn book_refund(app: &TestApp, customer: i64, reservation: i64, amount: &str, on: NaiveDate) {
    let mut conn = app.conn();
    let admin: i64 = users::table
        .filter(users::email.eq(ADMIN))
        .select(users::id)
        .first(&mut conn)
        .expect("admin");
    // A request to hang the booked refund on.
    let token = format!("seeded-{customer}-{reservation}-{on}");
    diesel::sql_query(format!(
        "INSERT INTO request_drafts (token, user_id, reservation_id, kind, data, created_at, updated_at) VALUES ('{token}', {admin}, {reservation}, 'Refund', '{{}}', '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
    ))
    .execute(&mut conn)
    .expect("draft");
    diesel::sql_query(format!(
        "INSERT INTO support_requests (number, draft_id, reservation_id, customer_id, kind, status, title, details, quote, created_by, created_at) \
         SELECT 'seed-' || id, id, {reservation}, {customer}, 'Refund', 'Approved', 'earlier', '{{}}', 'null', {admin}, '2026-01-01 00:00:00' FROM request_drafts WHERE token = '{token}'"
    ))
    .execute(&mut conn)
    .expect("request");
    diesel::sql_query(format!(
        "INSERT INTO refunds (request_id, customer_id, reservation_id, booked_on, cancelled_commitment, fee, refund) \
         SELECT id, {customer}, {reservation}, '{on}', '{amount}', '0', '{amount}' FROM support_requests WHERE number = (SELECT 'seed-' || id FROM request_drafts WHERE token = '{token}')"
    ))
    .execute(&mut conn)
    .expect("refund");
}

#[tokio::test]
async fn a_refund_past_the_limit_or_of_a_type_that_cannot_be_refunded_stops_at_problem() {
    let app = spawn_app().await;
    let helpdesk = app.client_as(HELPDESK).await;
    let (id, guid) = refundable(&app, 6);
    book_refund(
        &app,
        customer_of(&app, id),
        id,
        "49999.99",
        today() - Days::new(10),
    );
    let basics = start(&app, &helpdesk, &guid, "Refund").await;
    let problem = location(&next(&app, &helpdesk, &basics, &[]).await);
    let page = app.get_with(&helpdesk, &problem, &[]).await;
    assert!(
        page.text("#quote .alert-error").contains("refund limit"),
        "{}",
        page.text("#quote")
    );
    assert_eq!(page.text("[data-quote=allowance]"), "$0.01");
    let r = next(&app, &helpdesk, &problem, &[("description", "x")]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        texts(&r.text().await.expect("body"), ".alert-error")
            .join(" ")
            .contains("cannot go ahead")
    );
    // Non-refundable types.
    let (_, databricks): (i64, String) = reservations::table
        .filter(reservations::resource_type.eq("Databricks"))
        .filter(reservations::provisioning_state.eq("Succeeded"))
        .filter(reservations::expiry_date.gt(today()))
        .select((reservations::id, reservations::reservation_guid))
        .first(&mut app.conn())
        .expect("databricks");
    let basics = start(&app, &helpdesk, &databricks, "Refund").await;
    let problem = location(&next(&app, &helpdesk, &basics, &[]).await);
    let page = app.get_with(&helpdesk, &problem, &[]).await;
    assert!(
        page.text("#quote .alert-error")
            .contains("cannot be refunded")
    );
}

#[tokio::test]
async fn the_quote_on_the_page_is_the_engines_to_the_cent() {
    let app = spawn_app().await;
    let (id, guid) = refundable(&app, 7);
    {
        // A reservation with known dates and prices: bought 2026-01-01 for a
        // year at $1,000.00; the catalogue now asks far more, so the purchase
        // price is the basis.
        let mut conn = app.conn();
        let (order, sku, region): (i64, String, String) = reservations::table
            .find(id)
            .select((
                reservations::order_id,
                reservations::sku,
                reservations::region,
            ))
            .first(&mut conn)
            .expect("reservation");
        let start = NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
        let end = NaiveDate::from_ymd_opt(2027, 1, 1).expect("date");
        diesel::update(reservations::table.find(id))
            .set((
                reservations::purchase_date.eq(start),
                reservations::effective_date.eq(start),
                reservations::expiry_date.eq(end),
                reservations::purchase_price.eq("1000.00"),
            ))
            .execute(&mut conn)
            .expect("reservation");
        diesel::update(reservation_orders::table.find(order))
            .set((
                reservation_orders::term.eq("P1Y"),
                reservation_orders::billing_plan.eq("Upfront"),
            ))
            .execute(&mut conn)
            .expect("order");
        diesel::update(
            catalogue_prices::table
                .filter(catalogue_prices::sku.eq(&sku))
                .filter(catalogue_prices::region.eq(&region))
                .filter(catalogue_prices::term.eq("P1Y")),
        )
        .set(catalogue_prices::unit_price.eq("99999.00"))
        .execute(&mut conn)
        .expect("catalogue");
    }
    let helpdesk = app.client_as(HELPDESK).await;
    let basics = start(&app, &helpdesk, &guid, "Refund").await;
    let problem = location(&next(&app, &helpdesk, &basics, &[]).await);
    let page = app.get_with(&helpdesk, &problem, &[]).await;
    // Today 2026-11-25: 37 of 365 days left; basis $1,000.00 (lower than the
    // catalogue); prorated 1000 × 37 / 365 = 101.369… → $101.37; fee 12 %
    // of that = 12.164… → $12.16; refund $89.21.
    let quote = |k: &str| page.text(&format!("[data-quote={k}]"));
    assert_eq!(quote("basis"), "$1,000.00");
    assert_eq!(quote("prorated"), "$101.37");
    assert_eq!(quote("fee"), "$12.16");
    assert_eq!(quote("refund"), "$89.21");
    assert_eq!(quote("cancelled"), "$101.37");
    assert_eq!(quote("allowance"), "$50,000.00");
    assert_eq!(quote("allowance-after"), "$49,898.63");
    // A 0 % agreement: no fee.
    diesel::insert_into(settings::table)
        .values((settings::key.eq("fee_rate"), settings::value.eq("0")))
        .execute(&mut app.conn())
        .expect("setting");
    let page = app.get_with(&helpdesk, &problem, &[]).await;
    assert_eq!(page.text("[data-quote=fee]"), "$0.00");
    assert_eq!(page.text("[data-quote=refund]"), "$101.37");
}

#[tokio::test]
async fn a_support_agent_finds_the_request_and_approves_the_refund() {
    let app = spawn_app().await;
    let helpdesk = app.client_as(HELPDESK).await;
    let (id, guid) = refundable(&app, 8);
    let number = refund_through(&app, &helpdesk, &guid).await;
    let support = app.client_as(SUPPORT).await;
    let order: String = reservations::table
        .inner_join(reservation_orders::table)
        .filter(reservations::id.eq(id))
        .select(reservation_orders::order_guid)
        .first(&mut app.conn())
        .expect("order");
    for q in [
        guid.clone(),
        guid.to_uppercase(),
        format!("{{{order}}}"),
        number.clone(),
    ] {
        let page = app
            .get_with(
                &support,
                &format!("/requests?q={}", q.replace('{', "%7B").replace('}', "%7D")),
                &[],
            )
            .await;
        assert_eq!(
            page.texts("table.requests tbody th"),
            vec![number.clone()],
            "search {q}"
        );
    }
    let open = app.get_with(&support, "/requests?status=Open", &[]).await;
    assert!(open.texts("table.requests tbody th").contains(&number));
    let token = app.csrf(&support).await;
    let r = app
        .post_form(
            &support,
            &format!("/requests/{number}/approve"),
            &[("confirmed", "yes"), ("csrf_token", &token)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let state: String = reservations::table
        .find(id)
        .select(reservations::provisioning_state)
        .first(&mut app.conn())
        .expect("state");
    assert_eq!(state, "Cancelled");
    let (booked, amount): (NaiveDate, String) = refunds::table
        .filter(refunds::reservation_id.eq(id))
        .select((refunds::booked_on, refunds::cancelled_commitment))
        .first(&mut app.conn())
        .expect("booked");
    assert_eq!(booked, today());
    let status: String = support_requests::table
        .filter(support_requests::number.eq(&number))
        .select(support_requests::status)
        .first(&mut app.conn())
        .expect("status");
    assert_eq!(status, "Approved");
    let detail = app
        .get_with(&support, &format!("/requests/{number}"), &[])
        .await;
    assert!(
        detail
            .texts("ol.activity li strong")
            .contains(&"Approved".to_string())
    );
    assert_eq!(detail.count("#approve"), 0, "settled");
    // A second approval is refused, on the request's own page.
    let r = app
        .post_form(
            &support,
            &format!("/requests/{number}/approve"),
            &[("confirmed", "yes"), ("csrf_token", &token)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        location(&r),
        format!("/requests/{number}?problem=settle-not-open")
    );
    let refused = app.get_with(&support, &location(&r), &[]).await;
    assert!(
        refused.text("#request-error").contains("settled already"),
        "{}",
        refused.text("#request-error")
    );
    // The customer page shows the allowance left and when the refund comes back.
    let admin = app.client_as(ADMIN).await;
    let customer = app
        .get_with(
            &admin,
            &format!("/customers/{}", customer_of(&app, id)),
            &[],
        )
        .await;
    let cents: rust_decimal::Decimal = amount.parse().expect("amount");
    let left = rust_decimal::Decimal::from(50_000) - cents;
    let shown = customer.text("#allowance-left").replace(['$', ','], "");
    assert_eq!(
        shown.parse::<rust_decimal::Decimal>().expect("number"),
        left.round_dp(2)
    );
    assert!(customer.text("table.ledger").contains(&format!(
        "{}",
        (booked + Days::new(365)).format("%b %-d, %Y")
    )));
    // Helpdesk cannot approve.
    let token = app.csrf(&helpdesk).await;
    assert_eq!(
        app.post_form(
            &helpdesk,
            &format!("/requests/{number}/approve"),
            &[("confirmed", "yes"), ("csrf_token", &token)]
        )
        .await
        .status(),
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn rejecting_needs_a_reason() {
    let app = spawn_app().await;
    let helpdesk = app.client_as(HELPDESK).await;
    let (id, guid) = refundable(&app, 9);
    let number = refund_through(&app, &helpdesk, &guid).await;
    let support = app.client_as(SUPPORT).await;
    let token = app.csrf(&support).await;
    let r = app
        .post_form(
            &support,
            &format!("/requests/{number}/reject"),
            &[
                ("confirmed", "yes"),
                ("csrf_token", &token),
                ("reason", "   "),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = app
        .post_form(
            &support,
            &format!("/requests/{number}/reject"),
            &[
                ("confirmed", "yes"),
                ("csrf_token", &token),
                ("reason", "Outside the agreement."),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (status, reason): (String, Option<String>) = support_requests::table
        .filter(support_requests::number.eq(&number))
        .select((support_requests::status, support_requests::decision_reason))
        .first(&mut app.conn())
        .expect("request");
    assert_eq!(
        (status.as_str(), reason.as_deref()),
        ("Rejected", Some("Outside the agreement."))
    );
    let state: String = reservations::table
        .find(id)
        .select(reservations::provisioning_state)
        .first(&mut app.conn())
        .expect("state");
    assert_eq!(
        state, "Succeeded",
        "a rejection changes nothing on the reservation"
    );
}

#[tokio::test]
async fn concurrent_approvals_never_pass_the_limit_together() {
    let app = Arc::new(spawn_app().await);
    let helpdesk = app.client_as(HELPDESK).await;
    let all = refundables(&app);
    let customer = all
        .iter()
        .map(|(_, _, c)| *c)
        .find(|c| all.iter().filter(|(_, _, other)| other == c).count() >= 2)
        .expect("a customer with two refundable reservations");
    let candidates: Vec<(i64, String)> = all
        .into_iter()
        .filter(|(_, _, c)| *c == customer)
        .map(|(id, g, _)| (id, g))
        .collect();
    let a = refund_through(&app, &helpdesk, &candidates[0].1).await;
    let b = refund_through(&app, &helpdesk, &candidates[1].1).await;
    // Make the limit hold either refund but not both.
    let quote_of = |number: &str| -> rust_decimal::Decimal {
        let q: String = support_requests::table
            .filter(support_requests::number.eq(number))
            .select(support_requests::quote)
            .first(&mut app.conn())
            .expect("quote");
        let v: serde_json::Value = serde_json::from_str(&q).expect("json");
        v["cancelled_commitment"]
            .as_str()
            .expect("amount")
            .parse()
            .expect("decimal")
    };
    let (qa, qb) = (quote_of(&a), quote_of(&b));
    let limit = qa.max(qb) + rust_decimal::Decimal::new(1, 2);
    assert!(limit < qa + qb);
    diesel::insert_into(settings::table)
        .values((
            settings::key.eq("refund_limit"),
            settings::value.eq(limit.to_string()),
        ))
        .execute(&mut app.conn())
        .expect("limit");
    let first = app.client_as(SUPPORT).await;
    partner_dashboard::cli::add_user(
        &mut app.conn(),
        pinned(),
        "support2@partner.example",
        "Support",
        None,
        Some(PASSWORD.into()),
    )
    .expect("second agent");
    let second = app.client_as("support2@partner.example").await;
    let mut handles = Vec::new();
    for (client, number) in [(first, a.clone()), (second, b.clone())] {
        let app = app.clone();
        handles.push(tokio::spawn(async move {
            let token = app.csrf(&client).await;
            let r = app
                .post_form(
                    &client,
                    &format!("/requests/{number}/approve"),
                    &[("confirmed", "yes"), ("csrf_token", &token)],
                )
                .await;
            assert_eq!(r.status(), StatusCode::SEE_OTHER);
            location(&r)
        }));
    }
    let mut outcomes = Vec::new();
    for h in handles {
        let to = h.await.expect("task");
        outcomes.push(
            to.split_once('?')
                .map(|(_, q)| q.to_string())
                .unwrap_or_default(),
        );
    }
    outcomes.sort();
    assert_eq!(
        outcomes,
        vec![
            "done=approved".to_string(),
            "problem=refusal-over-limit".to_string()
        ],
        "one goes through, one is refused"
    );
    let booked: Vec<String> = refunds::table
        .filter(refunds::customer_id.eq(customer))
        .select(refunds::cancelled_commitment)
        .load(&mut app.conn())
        .expect("refunds");
    assert_eq!(booked.len(), 1);
    let total: rust_decimal::Decimal = booked
        .iter()
        .map(|b| b.parse::<rust_decimal::Decimal>().expect("amount"))
        .sum();
    assert!(total <= limit);
}

#[tokio::test]
async fn an_exchange_closes_the_old_reservation_and_creates_the_new_one() {
    let app = spawn_app().await;
    let helpdesk = app.client_as(HELPDESK).await;
    let (id, guid) = refundable(&app, 11);
    let (resource_type, region, quantity): (String, String, i32) = reservations::table
        .find(id)
        .select((
            reservations::resource_type,
            reservations::region,
            reservations::quantity,
        ))
        .first(&mut app.conn())
        .expect("reservation");
    // The priciest SKU of the same type for five years: surely enough.
    let (sku, _): (String, String) = catalogue_prices::table
        .filter(catalogue_prices::resource_type.eq(&resource_type))
        .filter(catalogue_prices::term.eq("P5Y"))
        .filter(catalogue_prices::region.eq(&region))
        .order(catalogue_prices::unit_price.desc())
        .select((catalogue_prices::sku, catalogue_prices::unit_price))
        .first(&mut app.conn())
        .expect("sku");
    let basics = start(&app, &helpdesk, &guid, "Exchange").await;
    let problem = location(&next(&app, &helpdesk, &basics, &[]).await);
    // Without a choice the step does not go on.
    let r = next(
        &app,
        &helpdesk,
        &problem,
        &[("description", "Bigger machines")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let wanted_quantity = (quantity * 3).to_string();
    let token = app.csrf(&helpdesk).await;
    let r = app
        .post_form(
            &helpdesk,
            &problem,
            &[
                ("csrf_token", token.as_str()),
                ("nav", "refresh"),
                ("new_sku", sku.as_str()),
                ("new_region", region.as_str()),
                ("new_term", "P5Y"),
                ("new_quantity", wanted_quantity.as_str()),
            ],
        )
        .await;
    assert_eq!(location(&r), problem, "Update quote stays on the step");
    let page = app.get_with(&helpdesk, &problem, &[]).await;
    assert_eq!(page.count("[data-quote=returned]"), 1);
    assert_eq!(
        page.count("#quote .alert-error"),
        0,
        "{}",
        page.text("#quote")
    );
    let contact = location(&next(&app, &helpdesk, &problem, &[]).await);
    let review = location(&next(&app, &helpdesk, &contact, &[]).await);
    let token = app.csrf(&helpdesk).await;
    let number = location(
        &app.post_form(
            &helpdesk,
            &review,
            &[("csrf_token", &token), ("nav", "create")],
        )
        .await,
    )
    .trim_start_matches("/requests/")
    .trim_end_matches("?done=created")
    .to_string();
    let support = app.client_as(SUPPORT).await;
    let token = app.csrf(&support).await;
    let r = app
        .post_form(
            &support,
            &format!("/requests/{number}/approve"),
            &[("confirmed", "yes"), ("csrf_token", &token)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let state: String = reservations::table
        .find(id)
        .select(reservations::provisioning_state)
        .first(&mut app.conn())
        .expect("old");
    assert_eq!(state, "Exchanged");
    let new_id: i64 = exchanges::table
        .filter(exchanges::old_reservation_id.eq(id))
        .select(exchanges::new_reservation_id)
        .first(&mut app.conn())
        .expect("exchange");
    let (new_guid, new_sku, new_quantity, effective, expiry, new_state): (
        String,
        String,
        i32,
        NaiveDate,
        NaiveDate,
        String,
    ) = reservations::table
        .find(new_id)
        .select((
            reservations::reservation_guid,
            reservations::sku,
            reservations::quantity,
            reservations::effective_date,
            reservations::expiry_date,
            reservations::provisioning_state,
        ))
        .first(&mut app.conn())
        .expect("new");
    assert_ne!(new_guid, guid);
    assert_eq!(
        (new_sku, new_quantity, new_state.as_str()),
        (sku, quantity * 3, "Succeeded")
    );
    assert_eq!(
        (effective, expiry),
        (
            today(),
            NaiveDate::from_ymd_opt(2031, 11, 25).expect("date")
        )
    );
    let owners: i64 = role_assignments::table
        .filter(role_assignments::reservation_id.eq(new_id))
        .filter(role_assignments::role.eq("Owner"))
        .count()
        .get_result(&mut app.conn())
        .expect("owners");
    assert_eq!(owners, 1, "access carries over");
    let refunded: i64 = refunds::table
        .count()
        .get_result(&mut app.conn())
        .expect("refunds");
    assert_eq!(refunded, 0, "exchanges do not count against the limit");
}

#[tokio::test]
async fn who_may_start_a_request() {
    let app = spawn_app().await;
    let (_, guid, _) = refundables(&app)
        .into_iter()
        .find(|(_, _, c)| *c == 1)
        .expect("customer 1 has one");
    for email in [SALES, SUPPORT] {
        let client = app.client_as(email).await;
        let token = app.csrf(&client).await;
        let r = app
            .post_form(
                &client,
                &format!("/reservations/{guid}/support"),
                &[("csrf_token", &token), ("kind", "Refund")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{email}");
    }
    // The demo customer user is Owner of customer 1's reservations.
    let owner: String = users::table
        .filter(users::role.eq("Customer"))
        .select(users::email)
        .first(&mut app.conn())
        .expect("customer user");
    let client = app.client_as(&owner).await;
    let number = refund_through(&app, &client, &guid).await;
    assert_eq!(
        app.get_with(&client, &format!("/requests/{number}"), &[])
            .await
            .status,
        StatusCode::OK
    );
    // A forged kind is refused.
    let token = app.csrf(&client).await;
    let r = app
        .post_form(
            &client,
            &format!("/reservations/{guid}/support"),
            &[("csrf_token", &token), ("kind", "Gift")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn admins_change_the_policy_settings() {
    let app = spawn_app().await;
    let admin = app.client_as(ADMIN).await;
    let page = app.get_with(&admin, "/admin/settings", &[]).await;
    assert_eq!(page.attrs("#fee_percent", "value"), vec!["12"]);
    assert_eq!(page.attrs("#refund_limit", "value"), vec!["50000.00"]);
    let token = app.csrf(&admin).await;
    let bad = app
        .post_form(
            &admin,
            "/admin/settings",
            &[
                ("csrf_token", token.as_str()),
                ("fee_percent", "120"),
                ("grace_days", "-1"),
                ("refund_limit", "1.234"),
                ("exchange_cutoff", "soon"),
                ("underused_percent", "0"),
            ],
        )
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = bad.text().await.expect("body");
    for field in [
        "#fee_percent-error",
        "#grace_days-error",
        "#refund_limit-error",
        "#exchange_cutoff-error",
        "#underused_percent-error",
    ] {
        assert_eq!(texts(&body, field).len(), 1, "{field}");
    }
    assert_eq!(
        attr(&body, "#fee_percent", "value").as_deref(),
        Some("120"),
        "typed kept"
    );
    let stored: i64 = settings::table
        .count()
        .get_result(&mut app.conn())
        .expect("count");
    assert_eq!(stored, 0, "nothing saved");
    let ok = app
        .post_form(
            &admin,
            "/admin/settings",
            &[
                ("csrf_token", token.as_str()),
                ("fee_percent", "0"),
                ("grace_days", "7"),
                ("refund_limit", "75000.00"),
                ("exchange_cutoff", "2027-06-01"),
                ("underused_percent", "40"),
            ],
        )
        .await;
    assert_eq!(ok.status(), StatusCode::OK);
    let values: Vec<(String, String)> = settings::table
        .order(settings::key)
        .select((settings::key, settings::value))
        .load(&mut app.conn())
        .expect("settings");
    assert_eq!(
        values,
        vec![
            ("exchange_cutoff".to_string(), "2027-06-01".to_string()),
            ("fee_rate".into(), "0".into()),
            ("grace_days".into(), "7".into()),
            ("refund_limit".into(), "75000.00".into()),
            ("underused_percent".into(), "40".into()),
        ]
    );
    // The new limit is what the customer page measures against.
    let customer = app.get_with(&admin, "/customers/1", &[]).await;
    assert_eq!(customer.text("#allowance-left"), "$75,000.00");
}
