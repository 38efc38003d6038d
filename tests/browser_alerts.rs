//! The browser suite for email alerts: an agent chooses their alerts and
//! the language of their email, and an admin sends a test email from the
//! outbox and sees it sent, with JavaScript at 1440 px in English and
//! without it at 390 px in Portuguese, accessibility checked on every page
//! (see `tests/browser.rs` for what the suite checks and needs).

mod common;
#[path = "support/driver.rs"]
#[allow(dead_code, reason = "this suite uses part of the driver")]
mod driver;

use std::time::Duration;

use common::smtp::SmtpSink;
use common::*;
use driver::Browser;

#[tokio::test]
#[ignore = "browser suite: needs chromium; run with --ignored (CI does)"]
async fn an_admin_chooses_alerts_and_sends_a_test_email_with_and_without_javascript() {
    let sink = SmtpSink::start();
    let app = spawn_app_configured(
        |config| mail_through(config, &sink),
        |conn| {
            partner_dashboard::seed::demo(conn, pinned()).expect("demo data");
        },
    )
    .await;
    outbox_settled(&app, Duration::from_secs(30)).await;
    for (javascript, width, language) in [(true, 1440, "en-US"), (false, 390, "pt-BR")] {
        let mut b =
            Browser::open(&app.address, &format!("alerts-{width}"), javascript, width).await;
        b.sign_in(ADMIN, PASSWORD).await;
        if language == "pt-BR" {
            b.switch_language_by_form(language).await;
        }
        // From the name in the header to the account's Email alerts tab.
        b.click(".user-name").await;
        b.wait_for_path("/account/password").await;
        b.click("a[href='/account/alerts']").await;
        b.wait_for_path("/account/alerts").await;
        b.assert_accessible("alerts").await;
        b.shot("alerts").await;
        let language_now = b
            .js("return document.querySelector('#alerts-language').value")
            .await;
        assert_eq!(
            language_now, language,
            "switching the site's language is remembered"
        );
        // Each pass ticks a day not ticked yet.
        let day = if javascript { "expiry_90" } else { "expiry_60" };
        assert_eq!(
            b.js(&format!(
                "return document.querySelector('input[name={day}]').checked"
            ))
            .await,
            false
        );
        b.click(&format!("input[name={day}]")).await;
        b.click("button.primary").await;
        b.wait_until("document.querySelector('.alert-success') !== null")
            .await;
        assert_eq!(
            b.js(&format!(
                "return document.querySelector('input[name={day}]').checked"
            ))
            .await,
            true
        );
        b.assert_accessible("alerts saved").await;
        b.shot("alerts-saved").await;

        // The outbox, from the menu: a test email to a typed address.
        b.go("/").await;
        b.click("a[href='/admin/outbox']").await;
        b.wait_for_path("/admin/outbox").await;
        b.assert_accessible("outbox").await;
        let address = format!("ops-{width}@partner.example");
        b.fill("#test-address", &address).await;
        b.click("form[action='/admin/outbox/test'] button").await;
        b.wait_until("document.querySelector('.notice') !== null")
            .await;
        sink.wait_for_address(&address, Duration::from_secs(20))
            .await;
        b.go("/admin/outbox?state=Sent").await;
        assert!(b.text("tbody").await.contains(&address));
        b.assert_accessible("outbox sent").await;
        b.shot("outbox").await;
        b.assert_clean_console().await;
        b.close().await;
    }
    let mails = sink.mails();
    let pt = mails
        .iter()
        .find(|m| m.to == ["ops-390@partner.example"])
        .expect("the Portuguese test email");
    assert_eq!(pt.subject, "Email de teste do Partner Dashboard");
    let en = mails
        .iter()
        .find(|m| m.to == ["ops-1440@partner.example"])
        .expect("the English test email");
    assert_eq!(en.subject, "Partner Dashboard test email");
}

#[tokio::test]
#[ignore = "browser suite: needs chromium; run with --ignored (CI does)"]
async fn an_agent_makes_an_api_token_sees_it_once_and_revokes_it() {
    let app = spawn_app().await;
    for (javascript, width, language) in [(true, 1440, "en-US"), (false, 390, "pt-BR")] {
        let mut b =
            Browser::open(&app.address, &format!("tokens-{width}"), javascript, width).await;
        b.sign_in(SALES, PASSWORD).await;
        if language == "pt-BR" {
            b.switch_language_by_form(language).await;
        }
        b.click(".user-name").await;
        b.wait_for_path("/account/password").await;
        b.click("a[href='/account/tokens']").await;
        b.wait_for_path("/account/tokens").await;
        b.assert_accessible("tokens").await;
        // A name left empty: refused next to the field.
        b.click("form[action='/account/tokens'] button.primary")
            .await;
        b.wait_until("document.querySelector('#token-name-error') !== null")
            .await;
        b.assert_accessible("token refused").await;
        let name = format!("Billing sync {width}");
        b.fill("#token-name", &name).await;
        b.click("form[action='/account/tokens'] button.primary")
            .await;
        b.wait_until("document.querySelector('#token-secret') !== null")
            .await;
        let secret = b
            .js("return document.querySelector('#token-secret').value")
            .await;
        let secret = secret.as_str().expect("the token").to_string();
        assert!(secret.starts_with("pd_"));
        b.assert_accessible("token made").await;
        b.shot("token-made").await;
        // It works on the API.
        let answer = reqwest::Client::new()
            .get(format!("{}/api/v1/customers", app.address))
            .bearer_auth(&secret)
            .send()
            .await
            .expect("api");
        assert_eq!(answer.status(), reqwest::StatusCode::OK);
        // Shown once: a reload shows the list only.
        b.go("/account/tokens").await;
        assert!(b.text("tbody").await.contains(&name));
        assert_eq!(
            b.js("return document.querySelector('#token-secret') === null")
                .await,
            true
        );
        b.click("tbody tr:first-child form button").await;
        b.wait_until("document.querySelector('p.notice') !== null")
            .await;
        b.assert_accessible("token revoked").await;
        b.shot("token-revoked").await;
        let answer = reqwest::Client::new()
            .get(format!("{}/api/v1/customers", app.address))
            .bearer_auth(&secret)
            .send()
            .await
            .expect("api");
        assert_eq!(answer.status(), reqwest::StatusCode::UNAUTHORIZED);
        b.assert_clean_console().await;
        b.close().await;
    }
}
