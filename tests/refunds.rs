//! Refunds, end to end: the limit, the quote to the cent, approval and
//! rejection by support agents, and approvals racing each other.

mod common;

use std::sync::Arc;

use chrono::{Days, NaiveDate};
use common::requests::*;
use common::*;
use diesel::prelude::*;
use partner_dashboard::db::schema::{
    catalogue_prices, refunds, reservation_orders, reservations, settings, support_requests, users,
};
use reqwest::StatusCode;

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
                reservations::purchase_price.eq(common::money("1000.00")),
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
        .set(catalogue_prices::unit_price.eq(common::money("99999.00")))
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
    let (booked, amount): (NaiveDate, partner_dashboard::domain::money::Money) = refunds::table
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
    let cents: rust_decimal::Decimal = amount.amount();
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
    let booked: Vec<partner_dashboard::domain::money::Money> = refunds::table
        .filter(refunds::customer_id.eq(customer))
        .select(refunds::cancelled_commitment)
        .load(&mut app.conn())
        .expect("refunds");
    assert_eq!(booked.len(), 1);
    let total: rust_decimal::Decimal = booked.iter().map(|b| b.amount()).sum();
    assert!(total <= limit);
}
