//! Exchanges end to end, who may start a request, and the policy settings.

mod common;

use chrono::NaiveDate;
use common::requests::*;
use common::*;
use diesel::prelude::*;
use partner_dashboard::db::schema::{
    catalogue_prices, exchanges, refunds, reservations, role_assignments, settings, users,
};
use reqwest::StatusCode;

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
    let (sku, _): (String, partner_dashboard::domain::money::Money) = catalogue_prices::table
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
