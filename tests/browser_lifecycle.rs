//! The browser suite for the rest of a reservation's life: splitting a
//! reservation and merging the parts back, with JavaScript at 1440 px and
//! without it at 390 px, in both languages, accessibility checked on every
//! page (see `tests/browser.rs` for what the suite checks and needs).

mod common;
#[path = "support/driver.rs"]
#[allow(dead_code, reason = "this suite uses part of the driver")]
mod driver;

use common::*;
use diesel::prelude::*;
use driver::Browser;
use partner_dashboard::db::schema::{reservations, support_requests};

/// In-force reservations of quantity 3 or more with no open request, of
/// different orders.
fn splittable(app: &TestApp, n: usize) -> Vec<(String, i32)> {
    let open: Vec<i64> = support_requests::table
        .filter(support_requests::status.eq("Open"))
        .select(support_requests::reservation_id)
        .load(&mut app.conn())
        .expect("open");
    reservations::table
        .filter(reservations::provisioning_state.eq("Succeeded"))
        .filter(reservations::expiry_date.gt(today() + chrono::Days::new(40)))
        .filter(reservations::quantity.ge(3))
        .filter(reservations::id.ne_all(open))
        .order(reservations::id)
        .select((reservations::reservation_guid, reservations::quantity))
        .limit(n as i64)
        .load(&mut app.conn())
        .expect("splittable reservations")
}

fn quantity_of(app: &TestApp, guid: &str) -> (i32, Option<String>) {
    reservations::table
        .filter(reservations::reservation_guid.eq(guid))
        .select((reservations::quantity, reservations::closed_by))
        .first(&mut app.conn())
        .expect("reservation")
}

#[tokio::test]
#[ignore = "browser suite: needs chromium; run with --ignored (CI does)"]
async fn an_agent_splits_and_merges_with_and_without_javascript() {
    let app = spawn_app().await;
    let found = splittable(&app, 2);
    for ((guid, quantity), (javascript, width, language)) in found
        .into_iter()
        .zip([(true, 1440, "en-US"), (false, 390, "pt-BR")])
    {
        let name = format!("split-{width}");
        let mut b = Browser::open(&app.address, &name, javascript, width).await;
        b.sign_in(SALES, PASSWORD).await;
        if language == "pt-BR" {
            b.switch_language_by_form("pt-BR").await;
        }
        b.go(&format!("/reservations/{guid}")).await;
        b.click("#split-link").await;
        b.wait_for_path("/split").await;
        b.assert_accessible("split form").await;
        // A wrong sum: the reason next to the fields, what was typed kept.
        b.fill("#split-first", "1").await;
        b.fill("#split-second", &quantity.to_string()).await;
        b.click("#split-submit").await;
        b.wait_until("document.querySelector('#split-quantity-error') !== null")
            .await;
        b.shot("split-refused").await;
        b.assert_accessible("split refused").await;
        assert_eq!(
            b.js("return document.querySelector('#split-second').value")
                .await,
            quantity.to_string()
        );
        // From a fresh form, so that Back comes to it again.
        b.go(&format!("/reservations/{guid}/split")).await;
        b.fill("#split-first", "1").await;
        b.fill("#split-second", &(quantity - 1).to_string()).await;
        b.click("#split-submit").await;
        b.wait_until("document.querySelector('#lineage') !== null")
            .await;
        b.shot("split-done").await;
        b.assert_accessible("split done").await;
        assert_eq!(quantity_of(&app, &guid).1.as_deref(), Some("Split"));
        let badge = b.text("h1 .badge-split").await;
        assert_eq!(
            badge,
            if language == "pt-BR" {
                "Dividida"
            } else {
                "Split"
            }
        );
        // Back goes to the form, which now refuses a second split.
        b.client.back().await.expect("back");
        b.wait_for_path("/split").await;
        b.fill("#split-first", "1").await;
        b.fill("#split-second", &(quantity - 1).to_string()).await;
        b.click("#split-submit").await;
        b.wait_until("document.querySelector('.alert-error') !== null")
            .await;
        b.shot("split-again").await;
        b.assert_accessible("split again").await;

        // Merge the two parts back from the first one.
        b.go(&format!("/reservations/{guid}")).await;
        b.click("#lineage li:first-child a").await;
        b.wait_until("document.querySelector('#merge-link') !== null")
            .await;
        b.click("#merge-link").await;
        b.wait_for_path("/merge").await;
        b.assert_accessible("merge form").await;
        b.click("input[name=with]").await;
        b.click("#merge-submit").await;
        b.wait_until("document.querySelector('.alert-success') !== null")
            .await;
        b.shot("merged").await;
        b.assert_accessible("merged").await;
        let merged = b.js("return location.pathname").await;
        let merged = merged
            .as_str()
            .expect("path")
            .trim_start_matches("/reservations/");
        assert_eq!(quantity_of(&app, merged), (quantity, None));
        let overflow = b
            .js("return document.documentElement.scrollWidth - window.innerWidth")
            .await
            .as_i64()
            .unwrap_or(0);
        assert!(overflow <= 1, "{width}px overflows by {overflow}px");
        b.assert_clean_console().await;
        b.close().await;
    }
}

#[tokio::test]
#[ignore = "browser suite: needs chromium; run with --ignored (CI does)"]
async fn an_agent_sets_the_renewal_and_sees_its_price_before_saving() {
    let app = spawn_app().await;
    let (guid, _) = splittable(&app, 1).remove(0);
    for (javascript, width) in [(true, 1440), (false, 390)] {
        let mut b =
            Browser::open(&app.address, &format!("renewal-{width}"), javascript, width).await;
        b.sign_in(SALES, PASSWORD).await;
        b.go(&format!("/reservations/{guid}/configuration")).await;
        let before = b.text("#renewal-price").await;
        assert!(before.starts_with("Renewal price:"), "{before}");
        b.fill("#renew-quantity", "7").await;
        b.client
            .find(fantoccini::Locator::Css("#renew-plan"))
            .await
            .expect("plan")
            .select_by_value("Monthly")
            .await
            .expect("choose");
        if javascript {
            // htmx asks for the price as the fields change.
            b.wait_until(
                "document.querySelector('#renewal-price').textContent.includes('a month')",
            )
            .await;
        } else {
            b.click("#renewal-preview").await;
            b.wait_until(
                "document.querySelector('#renewal-price').textContent.includes('a month')",
            )
            .await;
            assert_eq!(
                b.js("return document.querySelector('#renew-quantity').value")
                    .await,
                "7"
            );
        }
        b.shot("renewal-price").await;
        b.assert_accessible("renewal price").await;
        b.click("#renew").await;
        b.click("form.config-form button.primary").await;
        b.wait_until("document.querySelector('.alert-success') !== null")
            .await;
        b.shot("renewal-saved").await;
        b.go(&format!("/reservations/{guid}")).await;
        assert!(b.text("#renews-as").await.contains("quantity 7"));
        // Turn it off again for the next width.
        b.go(&format!("/reservations/{guid}/configuration")).await;
        b.click("#renew").await;
        b.click("form.config-form button.primary").await;
        b.wait_until("document.querySelector('.alert-success') !== null")
            .await;
        b.assert_clean_console().await;
        b.close().await;
    }
}

#[tokio::test]
#[ignore = "browser suite: needs chromium; run with --ignored (CI does)"]
async fn a_recommendations_exchange_button_starts_the_wizard_with_the_suggestion() {
    use partner_dashboard::db::schema::reservation_utilization as util;
    let app = spawn_app().await;
    let (guid, _) = splittable(&app, 1).remove(0);
    // Ten units used 10% near the end of their term: one unit would do.
    let expiry = today() + chrono::Days::new(33);
    let row: i64 = reservations::table
        .filter(reservations::reservation_guid.eq(&guid))
        .select(reservations::id)
        .first(&mut app.conn())
        .expect("row");
    diesel::update(reservations::table.find(row))
        .set((
            reservations::quantity.eq(10),
            reservations::expiry_date.eq(expiry),
            reservations::effective_date.eq(expiry - chrono::Days::new(365)),
            reservations::purchase_date.eq(expiry - chrono::Days::new(365)),
            reservations::renew.eq(false),
        ))
        .execute(&mut app.conn())
        .expect("shape");
    diesel::update(util::table.filter(util::reservation_id.eq(row)))
        .set(util::permille.eq(100))
        .execute(&mut app.conn())
        .expect("use");
    for (javascript, width) in [(true, 1440), (false, 390)] {
        let mut b =
            Browser::open(&app.address, &format!("advice-{width}"), javascript, width).await;
        b.sign_in(ADMIN, PASSWORD).await;
        b.go(&format!("/reservations/{guid}")).await;
        b.click(".blades a[href$='/recommendations']").await;
        b.wait_for_path("/recommendations").await;
        b.assert_accessible("recommendation").await;
        assert!(
            b.text("#advice-reasoning")
                .await
                .contains("One unit would have covered that use.")
        );
        b.shot("recommendation").await;
        b.click("#advice-exchange").await;
        b.wait_for_path("/basics").await;
        b.click("button[name=nav][value=next]").await;
        b.wait_for_path("/problem").await;
        assert_eq!(
            b.js("return document.querySelector('#new_quantity').value")
                .await,
            "1"
        );
        b.shot("wizard-prefilled").await;
        b.assert_accessible("wizard prefilled").await;
        b.assert_clean_console().await;
        b.close().await;
    }
}

#[tokio::test]
#[ignore = "browser suite: needs chromium; run with --ignored (CI does)"]
async fn a_sales_agent_buys_reservations_for_a_customer_with_and_without_javascript() {
    use partner_dashboard::db::schema::{customers, purchases};
    let app = spawn_app().await;
    let customer: i64 = customers::table
        .filter(customers::domain.eq("contoso.com"))
        .select(customers::id)
        .first(&mut app.conn())
        .expect("contoso");
    let count = |app: &TestApp| -> i64 {
        reservations::table
            .filter(reservations::customer_id.eq(customer))
            .count()
            .get_result(&mut app.conn())
            .expect("count")
    };
    for (javascript, width, language) in [(true, 1440, "en-US"), (false, 390, "pt-BR")] {
        let before = count(&app);
        let mut b = Browser::open(
            &app.address,
            &format!("purchase-{width}"),
            javascript,
            width,
        )
        .await;
        b.sign_in(SALES, PASSWORD).await;
        if language == "pt-BR" {
            b.switch_language_by_form(language).await;
        }
        b.go(&format!("/customers/{customer}")).await;
        b.click("#buy-reservations").await;
        b.wait_for_path("/purchase").await;
        b.assert_accessible("catalogue").await;
        b.choose("#filter-type", "VirtualMachines").await;
        b.choose("#filter-region", "westeurope").await;
        b.click("#filter-apply").await;
        b.wait_until("location.search.includes('region=westeurope')")
            .await;
        b.shot("catalogue").await;
        let ids = b
            .js("return [...document.querySelectorAll('input[name=price_id]')].map(e => e.value)")
            .await;
        let ids: Vec<String> = ids
            .as_array()
            .expect("ids")
            .iter()
            .map(|v| v.as_str().expect("id").to_string())
            .collect();
        assert!(ids.len() >= 2);
        // A bad quantity: the reason next to the row, what was typed kept.
        b.fill(&format!("#qty-{}", ids[0]), "0").await;
        b.click(&format!("#add-{}", ids[0])).await;
        b.wait_until(&format!(
            "document.querySelector('#error-{}') !== null",
            ids[0]
        ))
        .await;
        b.assert_accessible("add refused").await;
        assert_eq!(
            b.js(&format!(
                "return document.querySelector('#qty-{}').value",
                ids[0]
            ))
            .await,
            "0"
        );
        b.fill(&format!("#qty-{}", ids[0]), "2").await;
        b.click(&format!("#add-{}", ids[0])).await;
        b.wait_until("document.querySelectorAll('tr.cart-line').length === 1")
            .await;
        // The second on the monthly plan: the cart says what is due today
        // and each month after.
        b.go(&format!(
            "/customers/{customer}/purchase?type=VirtualMachines&region=westeurope&plan=Monthly"
        ))
        .await;
        b.click(&format!("#add-{}", ids[1])).await;
        b.wait_until("document.querySelectorAll('tr.cart-line').length === 2")
            .await;
        assert!(!b.text("#monthly").await.is_empty());
        b.shot("cart").await;
        b.assert_accessible("cart").await;
        let overflow = b
            .js("return document.documentElement.scrollWidth - window.innerWidth")
            .await
            .as_i64()
            .unwrap_or(0);
        assert!(
            overflow <= 1,
            "the catalogue at {width}px overflows by {overflow}px"
        );
        b.click("#review-price").await;
        b.wait_for_path("/review").await;
        b.fill("#purchase-owner", "buyer@contoso.com").await;
        b.shot("purchase-review").await;
        b.assert_accessible("purchase review").await;
        b.click("#purchase-submit").await;
        b.wait_until("document.querySelector('#purchase-state') !== null")
            .await;
        b.shot("purchase-done").await;
        b.assert_accessible("purchase done").await;
        assert_eq!(count(&app), before + 2);
        // Back to the review and Buy again: the same purchase, nothing more.
        b.client.back().await.expect("back");
        b.wait_for_path("/review").await;
        if b.js("return document.querySelector('#purchase-submit') !== null")
            .await
            .as_bool()
            .unwrap_or(false)
        {
            b.click("#purchase-submit").await;
            b.wait_until("document.querySelector('#purchase-state') !== null")
                .await;
        }
        assert_eq!(count(&app), before + 2);
        let bought = b
            .js("return document.querySelectorAll('table.bought a').length")
            .await;
        assert_eq!(bought.as_i64(), Some(2));
        b.click("table.bought a").await;
        b.wait_until("document.querySelector('h1') !== null && location.pathname.startsWith('/reservations/')")
            .await;
        b.assert_accessible("bought reservation").await;
        let overflow = b
            .js("return document.documentElement.scrollWidth - window.innerWidth")
            .await
            .as_i64()
            .unwrap_or(0);
        assert!(overflow <= 1, "{width}px overflows by {overflow}px");
        b.assert_clean_console().await;
        b.close().await;
    }
    let made: i64 = purchases::table
        .count()
        .get_result(&mut app.conn())
        .expect("purchases");
    assert_eq!(made, 2);
}
