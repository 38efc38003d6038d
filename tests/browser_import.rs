//! The browser suite for the CSV import: an admin reaches it from the Data
//! source page, uploads a file with problems and sees each one, goes Back,
//! uploads a good file, imports it with its progress, and goes Back from
//! the result without importing twice; with JavaScript at 1440 px in
//! English and without it at 390 px in Portuguese, accessibility checked
//! on every page (see `tests/browser.rs` for what the suite checks and
//! needs).

mod common;
#[path = "support/driver.rs"]
#[allow(dead_code, reason = "this suite uses part of the driver")]
mod driver;

use common::*;
use diesel::prelude::*;
use driver::Browser;
use partner_dashboard::db::schema::reservations;

const HEAD: &str = "Customer tenant ID,Customer,Reservation Id,Reservation order Id,Name,Type,SKU,Region,Quantity,Term,Billing plan,Purchase date,Expiration date,Scope,Scope subscription,Auto-renew";

/// `rows` reservations of a new customer, their GUIDs starting with `family`.
fn file(family: char, rows: usize, bad: bool) -> String {
    let tenant = format!(
        "{0}{0}{0}{0}{0}{0}{0}{0}-1111-4111-8111-111111111111",
        family
    );
    let sub = format!(
        "{0}{0}{0}{0}{0}{0}{0}{0}-2222-4222-8222-222222222222",
        family
    );
    let mut lines = vec![HEAD.to_string()];
    for n in 0..rows {
        let quantity = if bad && n == 2 {
            "two".to_string()
        } else {
            (1 + n % 4).to_string()
        };
        let expiry = if bad && n == 5 {
            "2025-13-40"
        } else {
            "2027-05-01"
        };
        lines.push(format!(
            "{tenant},Northwind {family},{family}{family}{family}{family}{family}{family}{family}{family}-3333-4333-8333-{n:012},{family}{family}{family}{family}{family}{family}{family}{family}-4444-4444-8444-{:012},Imported VM {n},VirtualMachines,Standard_D4s_v3,westeurope,{quantity},P1Y,Upfront,2026-05-01,{expiry},Single,{sub},No",
            n / 3
        ));
    }
    lines.join("\n") + "\n"
}

fn count(app: &TestApp) -> i64 {
    reservations::table
        .count()
        .get_result(&mut app.conn())
        .expect("count")
}

#[tokio::test]
#[ignore = "browser suite: needs chromium; run with --ignored (CI does)"]
async fn an_admin_previews_a_file_sees_its_problems_and_imports_a_good_one_once() {
    let app = spawn_app().await;
    let dir = tempfile::tempdir().expect("dir");
    for (javascript, width, language, family) in
        [(true, 1440, "en-US", 'c'), (false, 390, "pt-BR", 'd')]
    {
        let bad = dir.path().join(format!("bad-{width}.csv"));
        std::fs::write(&bad, file(family, 12, true)).expect("write");
        let good = dir.path().join(format!("reservations-{width}.csv"));
        std::fs::write(&good, file(family, 240, false)).expect("write");
        let mut b =
            Browser::open(&app.address, &format!("import-{width}"), javascript, width).await;
        b.sign_in(ADMIN, PASSWORD).await;
        if language == "pt-BR" {
            b.switch_language_by_form(language).await;
        }
        // From the Data source page to the import.
        b.go("/admin/data-source").await;
        b.click("#import-link").await;
        b.wait_for_path("/admin/import").await;
        b.assert_accessible("import form").await;
        b.shot("form").await;

        // A file with problems: each is listed, and nothing can be imported.
        b.attach("#import-file", &bad).await;
        b.click("form[data-upload] button.primary").await;
        b.wait_until("document.querySelector('#problems') !== null")
            .await;
        b.wait_for_path("/admin/import/").await;
        let rows = b
            .js("return document.querySelectorAll('#problems tbody tr').length")
            .await;
        assert_eq!(rows, 2, "the two bad cells");
        assert!(
            b.text("#problems tbody tr").await.starts_with("4 "),
            "line 4 first"
        );
        assert_eq!(
            b.js("return document.querySelector('#import-go')").await,
            serde_json::Value::Null
        );
        b.assert_accessible("problems").await;
        b.shot("problems").await;

        // Back to the form, and a good file.
        b.client.back().await.expect("back");
        b.wait_until("document.querySelector('#import-file') !== null")
            .await;
        let before = count(&app);
        b.attach("#import-file", &good).await;
        b.click("form[data-upload] button.primary").await;
        b.wait_until("document.querySelector('#import-go') !== null")
            .await;
        let summary = b.text("#import-summary").await;
        assert!(summary.starts_with("240 "), "{summary}");
        assert_eq!(count(&app), before, "the preview writes nothing");
        b.assert_accessible("preview").await;
        b.shot("preview").await;
        b.click("#import-go").await;
        b.wait_until("document.querySelector('#import-result') !== null")
            .await;
        assert_eq!(count(&app), before + 240);
        let result = b.text("#import-result").await;
        assert!(result.contains("240"), "{result}");
        b.assert_accessible("imported").await;
        b.shot("imported").await;

        // Back from the result, and Import again: nothing more.
        b.client.back().await.expect("back");
        b.wait_until("document.readyState === 'complete'").await;
        let again = b
            .js("return document.querySelector('#import-go') !== null")
            .await;
        if again == serde_json::Value::Bool(true) {
            b.click("#import-go").await;
        } else {
            let here = b.client.current_url().await.expect("url");
            b.go(here.path()).await;
        }
        b.wait_until("document.querySelector('#import-result') !== null")
            .await;
        assert_eq!(count(&app), before + 240, "imported once");
        b.assert_clean_console().await;
        b.close().await;
    }
}
