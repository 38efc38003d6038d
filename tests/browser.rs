//! The browser suite: real headless Chromium through ChromeDriver walks the
//! flows as each role would, with and without JavaScript, failing on any
//! console error or Content-Security-Policy violation, and saving a
//! screenshot of every page under `target/browser-screenshots/`.
//!
//! Needs Debian's `chromium` and `chromium-driver`; `.ci/run` installs them.
//! Run locally with `cargo test --test browser -- --ignored`.

mod common;
#[path = "support/driver.rs"]
#[allow(dead_code, reason = "this suite uses part of the driver")]
mod driver;

use common::*;
use diesel::prelude::*;
use driver::Browser;
use partner_dashboard::db::schema::{
    reservation_orders, reservations, role_assignments, support_requests,
};

/// An in-force, one-year reservation of a refundable type of customer 2.
fn reservation(app: &TestApp) -> (i64, String, String) {
    reservations::table
        .inner_join(reservation_orders::table)
        .filter(reservations::customer_id.eq(2))
        .filter(reservations::provisioning_state.eq("Succeeded"))
        .filter(reservations::expiry_date.gt(today() + chrono::Days::new(31)))
        .filter(reservations::resource_type.ne_all(NOT_REFUNDABLE))
        .filter(reservations::resource_type.ne_all(LARGE))
        .select((
            reservations::id,
            reservations::reservation_guid,
            reservation_orders::order_guid,
        ))
        .first(&mut app.conn())
        .expect("reservation")
}

#[tokio::test]
#[ignore = "browser suite: needs chromium; run with --ignored (CI does)"]
async fn an_admin_manages_a_reservation_through_every_blade() {
    let app = spawn_app().await;
    let (id, guid, _) = reservation(&app);
    let mut b = Browser::open(&app.address, "manage", true, 1440).await;
    b.grant_clipboard().await;
    b.sign_in(ADMIN, PASSWORD).await;
    b.go("/customers").await;
    // Search updates the list in place and keeps the address shareable.
    b.fill("#customer-search", "fabri").await;
    b.wait_until("document.querySelectorAll('#results tbody tr').length === 1")
        .await;
    b.wait_for_path("q=fabri").await;
    b.shot("search").await;
    b.click("#results tbody th a").await;
    b.wait_for_path("/customers/2").await;
    b.click(".tabs a:nth-of-type(2)").await;
    b.wait_for_path("/customers/2/reservations").await;
    b.shot("reservations-tab").await;
    b.click("details.menu summary").await;
    b.shot("actions-menu").await;
    b.click("details.menu a").await;
    b.wait_for_path("/reservations/").await;
    b.shot("managed").await;
    b.go(&format!("/reservations/{guid}")).await;
    for blade in [
        "access",
        "configuration",
        "properties",
        "activity",
        "support",
    ] {
        b.go(&format!("/reservations/{guid}/{blade}")).await;
        assert!(b.text("h2").await.len() > 3, "{blade} has a heading");
    }
    // Configuration: scope to Shared.
    b.go(&format!("/reservations/{guid}/configuration")).await;
    b.click("input[name=scope][value=shared]").await;
    b.click("form.config-form button.primary").await;
    b.wait_until("document.querySelector('.alert-success') !== null")
        .await;
    b.shot("configuration-saved").await;
    let scope: String = reservations::table
        .find(id)
        .select(reservations::scope_type)
        .first(&mut app.conn())
        .expect("scope");
    assert_eq!(scope, "Shared");
    // Access control: add a Reader, then remove it.
    b.go(&format!("/reservations/{guid}/access")).await;
    b.fill("#principal-email", "browser.reader@fabrikam.example")
        .await;
    b.client
        .find(fantoccini::Locator::Css("#principal-role"))
        .await
        .expect("role")
        .select_by_value("ReservationsReader")
        .await
        .expect("select");
    b.click("#add-role-heading ~ form button.primary").await;
    b.wait_until("document.querySelector('#revealed-password') !== null")
        .await;
    b.shot("access-added").await;
    let held: i64 = role_assignments::table
        .filter(role_assignments::principal_email.eq("browser.reader@fabrikam.example"))
        .count()
        .get_result(&mut app.conn())
        .expect("count");
    assert_eq!(held, 1);
    b.js("const rows=[...document.querySelectorAll('table.assignments tbody tr')]; rows.find(r => r.textContent.includes('browser.reader')).querySelector('button').click(); return true;").await;
    // Removing asks in a dialog that names the person, the role and the reservation.
    b.wait_until("document.querySelector('dialog.confirm-dialog[open]') !== null")
        .await;
    assert!(
        b.text("#confirm-dialog-message")
            .await
            .contains("browser.reader@fabrikam.example loses the role")
    );
    b.shot("remove-dialog").await;
    b.click("#confirm-dialog-ok").await;
    b.wait_until("document.querySelector('.alert-success') && !document.body.textContent.includes('browser.reader@fabrikam.example')").await;
    b.shot("access-removed").await;
    // Properties: the copy button puts the order ID on the clipboard.
    b.go(&format!("/reservations/{guid}/properties")).await;
    b.click("button.copy[data-copy-target=prop-order-id]").await;
    b.wait_until("document.querySelector('#prop-order-id').parentElement.querySelector('.copy-status').textContent.length > 0").await;
    let clipboard = b
        .client
        .execute_async("navigator.clipboard.readText().then(arguments[0])", vec![])
        .await
        .expect("clipboard");
    let order_value = b
        .js("return document.querySelector('#prop-order-id').value")
        .await;
    assert_eq!(clipboard, order_value, "the order ID is on the clipboard");
    b.assert_clean_console().await;
    b.close().await;
}

#[tokio::test]
#[ignore = "browser suite: needs chromium; run with --ignored (CI does)"]
async fn a_refund_goes_from_the_wizard_to_an_approved_request() {
    let app = spawn_app().await;
    let (id, guid, order) = reservation(&app);
    let mut b = Browser::open(&app.address, "refund", true, 1440).await;
    b.sign_in(HELPDESK, PASSWORD).await;
    b.go(&format!("/reservations/{guid}")).await;
    b.click("#refund-button").await;
    b.wait_for_path("/basics").await;
    b.shot("basics").await;
    b.click("form.wizard button[value=next]").await;
    b.wait_for_path("/problem").await;
    b.wait_until("document.querySelector('[data-quote=refund]') !== null")
        .await;
    b.fill("#description", "Moved to containers.").await;
    b.click("form.wizard button[value=next]").await;
    b.wait_for_path("/contact").await;
    // Back once, and a reload in the middle: the draft is kept.
    b.click("form.wizard button[value=back]").await;
    b.wait_for_path("/problem").await;
    b.client.refresh().await.expect("reload");
    b.wait_until("document.querySelector('#description').value === 'Moved to containers.'")
        .await;
    b.shot("problem-after-reload").await;
    b.click("form.wizard button[value=next]").await;
    b.wait_for_path("/contact").await;
    b.click("form.wizard button[value=next]").await;
    b.wait_for_path("/review").await;
    b.shot("review").await;
    // Back (through htmx) returns to Contact information and creates nothing.
    b.click("#wizard-back").await;
    b.wait_for_path("/contact").await;
    b.wait_until(
        "document.querySelector('#email') && document.querySelector('#email').value !== ''",
    )
    .await;
    let made: i64 = support_requests::table
        .filter(support_requests::reservation_id.eq(id))
        .count()
        .get_result(&mut app.conn())
        .expect("count");
    assert_eq!(made, 0, "Back created nothing");
    // Cancel asks in a dialog; dismissing it keeps the draft.
    b.click("#wizard-cancel").await;
    b.wait_until("document.querySelector('dialog.confirm-dialog[open]') !== null")
        .await;
    assert!(
        b.text("#confirm-dialog-message")
            .await
            .contains("is not created")
    );
    b.shot("cancel-dialog").await;
    b.click("#confirm-dialog-cancel").await;
    b.wait_until("document.querySelector('dialog.confirm-dialog[open]') === null")
        .await;
    b.click("form.wizard button[value=next]").await;
    b.wait_for_path("/review").await;
    b.click("#create-request").await;
    b.wait_for_path("/requests/26").await;
    b.shot("request").await;
    b.assert_clean_console().await;
    b.close().await;
    let number: String = support_requests::table
        .filter(support_requests::reservation_id.eq(id))
        .select(support_requests::number)
        .first(&mut app.conn())
        .expect("request");

    // A support agent looks the reservation up by its order ID, finds the
    // request by the reservation ID, and approves it.
    let mut s = Browser::open(&app.address, "approve", true, 1440).await;
    s.sign_in(SUPPORT, PASSWORD).await;
    s.fill("#lookup-q", &format!("{{{}}}", order.to_uppercase()))
        .await;
    s.click(".lookup button").await;
    s.wait_for_path(&format!("/reservations/{guid}")).await;
    s.shot("looked-up").await;
    s.go("/requests").await;
    s.fill("#queue-q", &guid).await;
    s.click("form.filters button[type=submit]").await;
    s.wait_until(&format!("document.querySelectorAll('table.requests tbody tr').length === 1 && document.querySelector('table.requests tbody th').textContent.includes('{number}')")).await;
    s.shot("queue").await;
    s.click("table.requests tbody th a").await;
    s.wait_for_path(&format!("/requests/{number}")).await;
    s.click("#approve").await;
    // A dialog says what approving does; nothing happens until confirmed.
    s.wait_until("document.querySelector('dialog.confirm-dialog[open]') !== null")
        .await;
    let said = s.text("#confirm-dialog-message").await;
    assert!(said.contains("and cancel"), "{said}");
    s.shot("approve-dialog").await;
    s.click("#confirm-dialog-ok").await;
    s.wait_until("document.querySelector('.badge-request-approved') !== null")
        .await;
    assert!(s.text("#request-notice").await.contains("approved"));
    s.shot("approved").await;
    let state: String = reservations::table
        .find(id)
        .select(reservations::provisioning_state)
        .first(&mut app.conn())
        .expect("state");
    assert_eq!(state, "Cancelled");
    s.assert_clean_console().await;
    s.close().await;
}

#[tokio::test]
#[ignore = "browser suite: needs chromium; run with --ignored (CI does)"]
async fn everything_works_without_javascript() {
    let app = spawn_app().await;
    let (id, guid, _) = reservation(&app);
    let mut b = Browser::open(&app.address, "nojs", false, 1440).await;
    b.sign_in(SALES, PASSWORD).await;
    b.go("/customers").await;
    b.fill("#customer-search", "fabri").await;
    b.click("form.filters button[type=submit]").await;
    b.wait_for_path("q=fabri").await;
    assert_eq!(
        b.js("return document.querySelectorAll('#results tbody tr').length")
            .await,
        1
    );
    b.go("/customers/2/reservations").await;
    b.click("details.menu summary").await;
    b.click("details.menu a").await;
    b.wait_for_path("/reservations/").await;
    b.go(&format!("/reservations/{guid}/configuration")).await;
    b.fill("#name", "renamed-without-js").await;
    b.click("form.config-form button.primary").await;
    b.wait_until("document.querySelector('.alert-success') !== null")
        .await;
    b.shot("saved").await;
    let name: String = reservations::table
        .find(id)
        .select(reservations::display_name)
        .first(&mut app.conn())
        .expect("name");
    assert_eq!(name, "renamed-without-js");
    b.close().await;

    let mut h = Browser::open(&app.address, "nojs-refund", false, 1440).await;
    h.sign_in(HELPDESK, PASSWORD).await;
    h.go(&format!("/reservations/{guid}")).await;
    h.click("#refund-button").await;
    h.wait_for_path("/basics").await;
    for step in ["/problem", "/contact", "/review"] {
        if step == "/contact" {
            h.fill("#description", "No JavaScript here.").await;
        }
        h.click("form.wizard button[value=next]").await;
        h.wait_for_path(step).await;
        h.shot(step).await;
    }
    // Back on Review goes back to Contact information and creates nothing.
    h.click("#wizard-back").await;
    h.wait_for_path("/contact").await;
    let requests_now: i64 = support_requests::table
        .filter(support_requests::reservation_id.eq(id))
        .count()
        .get_result(&mut app.conn())
        .expect("count");
    assert_eq!(requests_now, 0, "Back created nothing");
    h.click("form.wizard button[value=next]").await;
    h.wait_for_path("/review").await;
    h.click("#create-request").await;
    h.wait_for_path("/requests/26").await;
    assert!(h.text("#request-notice").await.contains("created"));
    h.close().await;

    // Access control and settling a request work without JavaScript too.
    let mut a = Browser::open(&app.address, "nojs-admin", false, 1440).await;
    a.sign_in(ADMIN, PASSWORD).await;
    a.go(&format!("/reservations/{guid}/access")).await;
    a.fill("#principal-email", "nojs.reader@fabrikam.example")
        .await;
    a.client
        .find(fantoccini::Locator::Css("#principal-role"))
        .await
        .expect("role")
        .select_by_value("ReservationsReader")
        .await
        .expect("select");
    a.click("#add-role-heading ~ form button.primary").await;
    a.wait_until("document.querySelector('#revealed-password') !== null")
        .await;
    a.js("const rows=[...document.querySelectorAll('table.assignments tbody tr')]; rows.find(r => r.textContent.includes('nojs.reader')).querySelector('button').click(); return true;").await;
    // Without JavaScript the confirmation is a page of its own.
    a.wait_until("document.querySelector('#confirm-message') !== null")
        .await;
    a.shot("remove-confirm").await;
    a.click("#confirm-button").await;
    a.wait_until("document.querySelector('.alert-success') && !document.body.textContent.includes('nojs.reader@fabrikam.example')").await;
    a.close().await;
    let number: String = support_requests::table
        .filter(support_requests::reservation_id.eq(id))
        .select(support_requests::number)
        .first(&mut app.conn())
        .expect("request");
    let mut s = Browser::open(&app.address, "nojs-support", false, 1440).await;
    s.sign_in(SUPPORT, PASSWORD).await;
    s.go("/requests").await;
    s.fill("#queue-q", &number).await;
    s.click("form.filters button[type=submit]").await;
    s.wait_for_path(&format!("q={number}")).await;
    s.click("table.requests tbody th a").await;
    s.wait_for_path(&format!("/requests/{number}")).await;
    s.fill("#reason", "Checked without JavaScript.").await;
    s.click("#reject").await;
    s.wait_until("document.querySelector('#confirm-message') !== null")
        .await;
    s.click("#confirm-button").await;
    s.wait_until("document.querySelector('.badge-request-rejected') !== null")
        .await;
    s.shot("rejected").await;
    s.close().await;
}

#[tokio::test]
#[ignore = "browser suite: needs chromium; run with --ignored (CI does)"]
async fn pages_are_usable_on_a_phone_and_a_wide_screen() {
    let app = spawn_app().await;
    let (_, guid, _) = reservation(&app);
    for width in [390, 1440] {
        let mut b = Browser::open(&app.address, &format!("width-{width}"), true, width).await;
        b.sign_in(ADMIN, PASSWORD).await;
        for path in [
            "/customers".to_string(),
            "/customers/2/reservations".into(),
            format!("/reservations/{guid}"),
            format!("/reservations/{guid}/properties"),
            "/requests".into(),
            "/admin/agents".into(),
        ] {
            b.go(&path).await;
            // Nothing wider than the window but the tables' own scroll boxes.
            let overflow = b
                .js("return document.documentElement.scrollWidth - window.innerWidth")
                .await
                .as_i64()
                .unwrap_or(0);
            assert!(
                overflow <= 1,
                "{path} at {width}px overflows by {overflow}px"
            );
        }
        b.assert_clean_console().await;
        b.close().await;
    }
}

#[tokio::test]
#[ignore = "browser suite: needs chromium; run with --ignored (CI does)"]
async fn the_accessibility_check_catches_violations() {
    let app = spawn_app().await;
    let mut b = Browser::open(&app.address, "axe", true, 1440).await;
    b.sign_in(ADMIN, PASSWORD).await;
    b.go("/customers").await;
    // Spoil the page the way a careless change would: an unlabelled field.
    b.js("const i = document.createElement('input'); i.type = 'text'; document.querySelector('main').appendChild(i); return true;").await;
    let violations = b.axe_violations().await;
    assert!(
        violations.iter().any(|v| v.starts_with("label")),
        "{violations:?}"
    );
    b.close().await;
}

#[tokio::test]
#[ignore = "browser suite: needs chromium; run with --ignored (CI does)"]
async fn a_flow_in_portuguese() {
    let app = spawn_app().await;
    let (_, guid, _) = reservation(&app);
    let mut b = Browser::open(&app.address, "pt-br", true, 1440).await;
    b.sign_in(SALES, PASSWORD).await;
    b.go("/customers").await;
    // Choosing Portuguese in the header applies at once.
    b.choose("#language-select", "pt-BR").await;
    b.wait_until("document.documentElement.lang === 'pt-BR'")
        .await;
    assert_eq!(b.text("h1").await, "Clientes");
    b.go(&format!("/reservations/{guid}")).await;
    assert_eq!(b.text(".blades a[aria-current=page]").await, "Visão geral");
    b.go(&format!("/reservations/{guid}/properties")).await;
    assert!(b.text(".money").await.starts_with("US$ "));
    b.go("/customers/2").await;
    assert!(b.text("#allowance-left").await.starts_with("US$ "));
    b.assert_clean_console().await;
    b.close().await;
}

/// After an htmx update of a list, a row link opens a whole page: one
/// header, one `h1`, the new address and the new page's title.
async fn assert_one_page(b: &Browser, path_part: &str, title_part: &str) {
    b.wait_for_path(path_part).await;
    b.wait_until("document.readyState === 'complete'").await;
    assert_eq!(
        b.js("return document.querySelectorAll('header.topbar').length")
            .await,
        1,
        "{path_part}: one header"
    );
    assert_eq!(
        b.js("return document.querySelectorAll('h1').length").await,
        1,
        "{path_part}: one h1"
    );
    let title = b.js("return document.title").await;
    assert!(
        title.as_str().unwrap_or("").contains(title_part),
        "{path_part}: title {title}"
    );
}

#[tokio::test]
#[ignore = "browser suite: needs chromium; run with --ignored (CI does)"]
async fn row_links_in_updated_lists_open_whole_pages() {
    let app = spawn_app().await;
    let (_, guid, _) = reservation(&app);
    let mut b = Browser::open(&app.address, "row-links", true, 1440).await;
    b.sign_in(ADMIN, PASSWORD).await;
    // Customers: search (htmx), then a company.
    b.go("/customers").await;
    b.fill("#customer-search", "fabri").await;
    b.click("form.filters button[type=submit]").await;
    b.wait_until("document.querySelectorAll('#results tbody tr').length === 1")
        .await;
    let company = b.text("#results tbody tr a").await;
    b.click("#results tbody tr a").await;
    assert_one_page(&b, "/customers/", &company).await;
    b.shot("customer-from-search").await;
    // A customer's reservations: sort (htmx), then a name and Manage.
    b.go("/customers/2/reservations").await;
    b.click("#results thead th a").await;
    b.wait_for_path("dir=").await;
    b.js("document.querySelector('#results tbody tr a[href^=\"/reservations/\"]').click(); return true;").await;
    assert_one_page(&b, "/reservations/", "").await;
    b.go("/customers/2/reservations").await;
    b.click("#results thead th a").await;
    b.wait_for_path("dir=").await;
    b.js("const d = document.querySelector('#results details.menu'); d.open = true; d.querySelector('a').click(); return true;").await;
    assert_one_page(&b, "/reservations/", "").await;
    // The queue: search (htmx), then a request number.
    let number = open_request(&app, &guid);
    b.go("/requests").await;
    b.fill("#queue-q", &number).await;
    b.click("form.filters button[type=submit]").await;
    b.wait_for_path(&format!("q={number}")).await;
    b.wait_until("document.querySelectorAll('#results tbody th a').length === 1")
        .await;
    b.click("#results tbody th a").await;
    assert_one_page(&b, "/requests/", &number).await;
    b.assert_clean_console().await;
    b.close().await;
}

#[tokio::test]
#[ignore = "browser suite: needs chromium; run with --ignored (CI does)"]
async fn a_refusal_is_the_apps_own_page() {
    let app = spawn_app().await;
    let mut b = Browser::open(&app.address, "refusal", true, 1440).await;
    b.sign_in(HELPDESK, PASSWORD).await;
    b.go("/admin/agents").await;
    assert_eq!(
        b.js("return document.querySelectorAll('header.topbar').length")
            .await,
        1
    );
    assert_eq!(
        b.js("return document.querySelectorAll('nav.sidebar').length")
            .await,
        1
    );
    assert!(b.text("h1").await.contains("Not allowed"));
    b.shot("forbidden").await;
    b.go("/reservations/00000000-0000-4000-8000-000000000000")
        .await;
    assert!(b.text("h1").await.contains("not found") || b.text("h1").await.contains("Not found"));
    b.assert_accessible("not found page").await;
    b.close().await;
}

/// Puts an open question on the reservation `guid` and returns its number.
fn open_request(app: &TestApp, guid: &str) -> String {
    let reservation: i64 = reservations::table
        .filter(reservations::reservation_guid.eq(guid))
        .select(reservations::id)
        .first(&mut app.conn())
        .expect("reservation");
    let draft = put_draft(app, HELPDESK, reservation, "Other", &"b".repeat(64));
    let number = "2611250000000099";
    put_request(app, draft, number, "A question about the scope");
    number.to_string()
}
