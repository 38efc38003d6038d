//! The browser suite, connected to the fake of Azure: an admin syncs now on
//! the Data source page and follows the progress, opens a synced
//! customer's reservation and changes its configuration while the page
//! says it is being applied in Azure. Run with
//! `cargo test --test browser_azure -- --ignored` (CI does).

mod common;
#[path = "support/driver.rs"]
#[allow(dead_code, reason = "this suite uses part of the driver")]
mod driver;

use common::azure_world::{self, tenant_with};
use common::{PASSWORD, spawn_connected, today};
use driver::Browser;

#[tokio::test]
#[ignore = "browser suite: needs chromium; run with --ignored (CI does)"]
async fn an_admin_syncs_from_azure_and_changes_a_reservation_there() {
    let mut refusing = tenant_with(3, "Litware", 1, 2, today());
    refusing.1.refuses = true;
    let (base, world) = azure_world::start(vec![
        tenant_with(1, "Northwind Traders", 3, 9, today()),
        tenant_with(2, "Fabrikam", 1, 2, today()),
        refusing,
    ]);
    world.scenario.lock().expect("lock").patch_polls = 2;
    let app = spawn_connected(&base);
    let mut b = Browser::open(&app.address, "azure", true, 1280).await;
    b.sign_in("admin@partner.example", PASSWORD).await;
    b.go("/admin/data-source").await;
    assert!(b.text("main").await.contains("Connected to Azure"));
    // A slow tenant keeps the run going while the page follows it.
    world.scenario.lock().expect("lock").slow_tenant = Some(tenant_with(1, "", 1, 1, today()).0);
    b.click("form[action='/admin/data-source/sync'] button")
        .await;
    b.wait_until("document.querySelector('#sync-progress progress') !== null")
        .await;
    b.shot("sync-running").await;
    world.scenario.lock().expect("lock").slow_tenant = None;
    // The page refreshes itself until the run ends, without taking the focus.
    b.wait_until("document.querySelector('#sync-progress') === null && document.querySelectorAll('#customers-heading + .table-wrap tbody tr').length === 3")
        .await;
    b.shot("sync-done").await;
    let focused = b.js("return document.activeElement.tagName").await;
    assert_eq!(focused, "BODY", "a refresh does not move the focus");
    assert!(
        b.text("#customers-heading + .table-wrap")
            .await
            .contains("AuthorizationFailed")
    );
    b.assert_accessible("after the sync").await;

    // The synced customer and reservation, saying when they were synced.
    b.go("/customers").await;
    b.click("main tbody a").await;
    b.wait_for_path("/customers/").await;
    assert!(b.text(".page-head").await.contains("Synced from Azure"));
    let guid = azure_world::guid(0x0e000001, 1);
    b.go(&format!("/reservations/{guid}/configuration")).await;
    assert!(b.text("main").await.contains("applied in Azure first"));
    b.fill("#name", "vm-renamed-in-browser").await;
    b.click("form.config-form button.primary").await;
    b.wait_until("document.querySelector('.applying.htmx-request') !== null")
        .await;
    b.shot("applying").await;
    b.wait_until("document.querySelector('.alert-success') !== null")
        .await;
    b.shot("applied").await;
    assert!(
        b.text(".alert-success")
            .await
            .contains("vm-renamed-in-browser")
    );
    assert!(
        world
            .tenant(&tenant_with(1, "", 1, 1, today()).0)
            .reservations
            .iter()
            .any(|r| r["properties"]["displayName"] == "vm-renamed-in-browser"),
        "the change reached Azure"
    );
    b.assert_clean_console().await;
    b.close().await;
}
