//! A server connected to the fake of Azure: the Data source page, "Sync
//! now" and its progress, and the pages showing when their data was synced.

mod common;

use std::time::{Duration, Instant};

use common::azure_world::{self, tenant_with};
use common::{TestApp, spawn_app, spawn_connected};
use reqwest::StatusCode;

async fn wait_until_synced(app: &TestApp) -> common::Page {
    let started = Instant::now();
    loop {
        let page = app.get("/admin/data-source").await;
        if page.count("#sync-progress") == 0 && page.count("table") == 2 {
            return page;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the sync ends:\n{}",
            page.body
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test]
async fn an_admin_syncs_now_and_sees_each_customer_and_the_run() {
    let today = common::today();
    let mut refusing = tenant_with(3, "Litware", 1, 2, today);
    refusing.1.refuses = true;
    let (base, world) = azure_world::start(vec![
        tenant_with(1, "Northwind Traders", 3, 9, today),
        tenant_with(2, "Fabrikam", 1, 2, today),
        refusing,
    ]);
    let app = spawn_connected(&base);
    app.sign_in("admin@partner.example").await;

    let page = app.get("/admin/data-source").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.text("main").contains("Connected to Azure"),
        "{}",
        page.text("main")
    );
    assert!(page.text("main").contains(azure_world::PARTNER));
    assert!(
        page.text("main")
            .contains("No customer has been synced yet.")
    );

    // A slow tenant keeps the run going while the page is looked at.
    world.scenario.lock().expect("lock").slow_tenant = Some(tenant_with(1, "", 1, 1, today).0);
    let csrf = app.csrf(&app.client).await;
    let response = app
        .post_form(
            &app.client,
            "/admin/data-source/sync",
            &[("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        response.headers()["location"],
        "/admin/data-source?notice=sync-started"
    );
    let page = app.get("/admin/data-source?notice=sync-started").await;
    assert!(
        page.text(".alert-success").contains("Sync started"),
        "{}",
        page.text("main")
    );
    assert_eq!(
        page.count("#sync-progress progress"),
        1,
        "a progress bar while it runs"
    );
    assert_eq!(
        page.attrs("#data-source", "hx-trigger"),
        ["every 2s"],
        "the page follows the run"
    );
    assert_eq!(
        page.count("button[disabled]"),
        1,
        "no second run while one runs"
    );
    // Asked again anyway (another tab): the page says a sync is running.
    let again = app
        .post_form(
            &app.client,
            "/admin/data-source/sync",
            &[("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(again.status(), StatusCode::OK);
    assert!(
        again
            .text()
            .await
            .expect("body")
            .contains("A sync is running already")
    );
    world.scenario.lock().expect("lock").slow_tenant = None;

    let page = wait_until_synced(&app).await;
    let rows = page.texts("#customers-heading + .table-wrap tbody tr");
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert!(
        rows[0].starts_with("Fabrikam") && rows[0].contains("Synced"),
        "{rows:?}"
    );
    assert!(
        rows[1].starts_with("Litware")
            && rows[1].contains("Failed")
            && rows[1].contains("does not have authorization"),
        "the failure in ARM's words: {rows:?}"
    );
    assert!(
        rows[2].starts_with("Northwind Traders") && rows[2].contains("Synced"),
        "{rows:?}"
    );
    let runs = page.texts("#runs-heading + .table-wrap tbody tr");
    assert_eq!(runs.len(), 1);
    assert!(
        runs[0].contains("admin@partner.example")
            && runs[0].contains("Finished, some customers failed"),
        "{runs:?}"
    );
    assert!(
        app.get("/admin/audit?action=sync-requested")
            .await
            .text("tbody")
            .contains("admin@partner.example"),
        "Sync now is audited"
    );

    // The customers are the dashboard's now, with when they were synced.
    let customers = app.get("/customers").await;
    assert!(customers.text("main").contains("Northwind Traders"));
    let id: i64 = {
        use diesel::prelude::*;
        use partner_dashboard::db::schema::customers;
        customers::table
            .filter(customers::company_name.eq("Northwind Traders"))
            .select(customers::id)
            .first(&mut app.conn())
            .expect("customer")
    };
    let page = app.get(&format!("/customers/{id}/reservations")).await;
    assert!(
        page.text(".page-head").contains("Synced from Azure"),
        "{}",
        page.text(".page-head")
    );
    assert_eq!(page.count("tbody tr"), 9);
}

#[tokio::test]
async fn the_demo_says_it_is_not_connected_and_has_no_sync_button() {
    let app = spawn_app().await;
    app.sign_in("admin@partner.example").await;
    let page = app.get("/admin/data-source").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.text("main")
            .contains("Demo data: not connected to Azure")
    );
    assert_eq!(page.count("form[action='/admin/data-source/sync']"), 0);
    let csrf = app.csrf(&app.client).await;
    let response = app
        .post_form(
            &app.client,
            "/admin/data-source/sync",
            &[("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let body = response.text().await.expect("body");
    assert!(
        body.contains("not connected to Azure"),
        "the app's own page: {body}"
    );
    // Customer pages say nothing about a sync.
    assert!(
        !app.get("/customers/1")
            .await
            .body
            .contains("Synced from Azure")
    );
}

#[tokio::test]
async fn thirty_sync_nows_at_once_start_one_run() {
    let today = common::today();
    let (base, world) = azure_world::start(vec![tenant_with(1, "Adatum", 1, 2, today)]);
    world.scenario.lock().expect("lock").slow_tenant = Some(tenant_with(1, "", 1, 1, today).0);
    let app = spawn_connected(&base);
    app.sign_in("admin@partner.example").await;
    let csrf = app.csrf(&app.client).await;
    let url = format!("{}/admin/data-source/sync", app.address);
    let answers = common::requests::post_all_at_once(
        (0..30)
            .map(|_| {
                (
                    app.client.clone(),
                    url.clone(),
                    vec![("csrf_token", csrf.clone())],
                )
            })
            .collect(),
    )
    .await;
    let mut started = 0;
    for (status, _) in answers {
        if status == StatusCode::SEE_OTHER {
            started += 1;
        } else {
            assert_eq!(status, StatusCode::OK, "the page saying a sync runs");
        }
    }
    assert_eq!(started, 1);
    let runs: i64 = {
        use diesel::prelude::*;
        partner_dashboard::db::schema::sync_runs::table
            .count()
            .get_result(&mut app.conn())
            .expect("count")
    };
    assert_eq!(runs, 1);
}
