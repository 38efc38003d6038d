//! Buying reservations in a dashboard connected to Azure (the fake): the
//! review shows Azure's own price (calculatePrice), the purchase PUTs each
//! order with the ID calculatePrice gave and follows it to its end, the
//! reservation Azure made is recorded under its IDs and a sync does not
//! add it twice; a SKU Azure will not sell changes nothing here and is
//! shown in Azure's words.

mod common;

use common::azure_world::{self, World, tenant_with};
use common::{TestApp, spawn_connected, sync_now};
use diesel::prelude::*;
use partner_dashboard::db::schema::{
    audit_log, catalogue_prices, customers, reservations, subscriptions,
};
use reqwest::StatusCode;

async fn synced() -> (TestApp, actix_web::web::Data<World>, String, i64) {
    let (tenant, t) = tenant_with(1, "Northwind Traders", 2, 6, common::today());
    let (base, world) = azure_world::start(vec![(tenant.clone(), t)]);
    let app = spawn_connected(&base);
    app.sign_in("admin@partner.example").await;
    sync_now(&app, 1).await;
    let customer: i64 = customers::table
        .filter(customers::tenant_id.eq(&tenant))
        .select(customers::id)
        .first(&mut app.conn())
        .expect("synced customer");
    (app, world, tenant, customer)
}

fn count(app: &TestApp, customer: i64) -> i64 {
    reservations::table
        .filter(reservations::customer_id.eq(customer))
        .count()
        .get_result(&mut app.conn())
        .expect("count")
}

/// Puts 2 units of the catalogue's `sku` in westeurope for one year in the
/// cart, on the customer's first subscription; that subscription's row.
async fn fill_cart(app: &TestApp, customer: i64, sku: &str) -> i64 {
    let csrf = app.csrf(&app.client).await;
    let offer: i64 = catalogue_prices::table
        .filter(catalogue_prices::sku.eq(sku))
        .filter(catalogue_prices::region.eq("westeurope"))
        .filter(catalogue_prices::term.eq("P1Y"))
        .select(catalogue_prices::id)
        .first(&mut app.conn())
        .expect("offer");
    let sub: i64 = subscriptions::table
        .filter(subscriptions::customer_id.eq(customer))
        .order(subscriptions::id)
        .select(subscriptions::id)
        .first(&mut app.conn())
        .expect("subscription");
    let added = app
        .post_form(
            &app.client,
            &format!("/customers/{customer}/purchase/cart?plan=Upfront"),
            &[
                ("csrf_token", &csrf),
                ("price_id", &offer.to_string()),
                ("quantity", "2"),
                ("scope", &sub.to_string()),
            ],
        )
        .await;
    assert_eq!(added.status(), StatusCode::SEE_OTHER);
    sub
}

#[tokio::test]
async fn a_purchase_is_priced_and_made_in_azure_and_recorded_with_its_ids() {
    let (app, world, tenant, customer) = synced().await;
    let before = count(&app, customer);
    let sub = fill_cart(&app, customer, "Standard_D2s_v5").await;
    // The review shows Azure's price: 2 × 100.25.
    let review = app
        .get(&format!("/customers/{customer}/purchase/review"))
        .await;
    assert_eq!(review.status, 200);
    assert_eq!(review.text("#total"), "$200.50");
    let priced = world.requests_to("POST", "/calculateprice");
    assert_eq!(priced.len(), 1);
    let body = priced[0].body.as_ref().expect("body");
    assert_eq!(body["sku"]["name"], "Standard_D2s_v5");
    assert_eq!(body["location"], "westeurope");
    assert_eq!(body["properties"]["quantity"], 2);
    assert_eq!(body["properties"]["term"], "P1Y");
    assert_eq!(body["properties"]["appliedScopeType"], "Single");
    let token = review.attrs("input[name=token]", "value").remove(0);
    let items = review.attrs("input[name=items]", "value").remove(0);
    let csrf = app.csrf(&app.client).await;
    let bought = app
        .post_form(
            &app.client,
            &format!("/customers/{customer}/purchase"),
            &[
                ("csrf_token", &csrf),
                ("token", &token),
                ("items", &items),
                ("billing", &sub.to_string()),
                ("owner", "buyer@northwindtraders.example"),
            ],
        )
        .await;
    assert_eq!(
        bought.status(),
        StatusCode::OK,
        "a new Owner: their password shows"
    );
    let page = common::Page::of(bought).await;
    assert_eq!(page.text("#purchase-total"), "$200.50", "Azure's price");
    assert_eq!(
        page.texts("table.bought td.num").last().map(String::as_str),
        Some("$200.50")
    );
    assert_eq!(count(&app, customer), before + 1);
    // The order was PUT with the ID calculatePrice gave, and Azure's
    // reservation is the one recorded here.
    let put: Vec<_> = world
        .seen()
        .into_iter()
        .filter(|s| s.method == "PUT")
        .collect();
    assert_eq!(put.len(), 1);
    let order = put[0]
        .path
        .rsplit('/')
        .next()
        .expect("order")
        .to_ascii_lowercase();
    let in_azure: Vec<String> = world
        .tenant(&tenant)
        .reservations
        .iter()
        .filter(|r| {
            r["id"]
                .as_str()
                .is_some_and(|id| id.to_ascii_lowercase().contains(&order))
        })
        .filter_map(|r| {
            r["id"]
                .as_str()
                .and_then(|id| id.rsplit('/').next())
                .map(str::to_ascii_lowercase)
        })
        .collect();
    assert_eq!(in_azure.len(), 1);
    let here: (i32, String) = reservations::table
        .filter(reservations::reservation_guid.eq(&in_azure[0]))
        .select((reservations::quantity, reservations::sku))
        .first(&mut app.conn())
        .expect("recorded under Azure's ID");
    assert_eq!(here, (2, "Standard_D2s_v5".to_string()));
    let correlation: Option<String> = audit_log::table
        .filter(audit_log::action.eq("reservation-purchased"))
        .select(audit_log::correlation_id)
        .first(&mut app.conn())
        .expect("audited");
    assert_eq!(
        correlation.as_deref(),
        Some(put[0].headers["x-ms-correlation-request-id"].as_str())
    );
    // A sync reads it from Azure: not added twice.
    sync_now(&app, 2).await;
    assert_eq!(count(&app, customer), before + 1);
}

#[tokio::test]
async fn a_sku_azure_will_not_sell_changes_nothing_here_and_says_why() {
    let (app, world, _, customer) = synced().await;
    world.scenario.lock().expect("lock").unavailable_sku = Some("E8s".into());
    let before = count(&app, customer);
    let sub = fill_cart(&app, customer, "Standard_E8s_v5").await;
    // The review itself asks Azure for the price: its refusal is shown.
    let review = app
        .get(&format!("/customers/{customer}/purchase/review"))
        .await;
    assert!(
        review.body.contains("is not available for purchase"),
        "{}",
        review.body
    );
    // Buying anyway (an old review page): refused in Azure's words, the
    // Owner typed kept, nothing bought, nothing PUT.
    let items = review.attrs("input[name=items]", "value").remove(0);
    let csrf = app.csrf(&app.client).await;
    let refused = app
        .post_form(
            &app.client,
            &format!("/customers/{customer}/purchase"),
            &[
                ("csrf_token", &csrf),
                ("token", "an-old-review"),
                ("items", &items),
                ("billing", &sub.to_string()),
                ("owner", "buyer@northwindtraders.example"),
            ],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::BAD_GATEWAY);
    let page = common::Page::of(refused).await;
    assert!(
        page.text("#purchase-error")
            .contains("is not available for purchase"),
        "{}",
        page.text("#purchase-error")
    );
    assert_eq!(count(&app, customer), before);
    assert!(world.seen().iter().all(|s| s.method != "PUT"));
}
