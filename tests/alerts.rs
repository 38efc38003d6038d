//! Email alerts through a real SMTP conversation: the server sends what
//! its outbox holds to an SMTP server started by the test, which keeps
//! what it receives; the tests read those messages as a mail client would.

mod common;

use std::collections::HashSet;
use std::time::Duration;

use common::smtp::{Mail, SmtpSink};
use common::*;
use diesel::prelude::*;
use partner_dashboard::app::alerts;
use partner_dashboard::db::Conn;
use partner_dashboard::db::schema::reservations;
use partner_dashboard::domain::alerts::Choices;
use reqwest::StatusCode;

const CUSTOMER_USER: &str = "it-admin@contoso.com";

/// Moves the first long-running reservation of `customer` to expire
/// `days` from today; its (GUID, name).
fn expiring_in(conn: &mut Conn, customer: i64, days: u64) -> (String, String) {
    let (id, guid, name): (i64, String, String) = reservations::table
        .filter(reservations::customer_id.eq(customer))
        .filter(reservations::provisioning_state.eq("Succeeded"))
        .filter(reservations::expiry_date.gt(today() + chrono::Days::new(120)))
        .order(reservations::id)
        .select((
            reservations::id,
            reservations::reservation_guid,
            reservations::display_name,
        ))
        .first(conn)
        .expect("a reservation");
    diesel::update(reservations::table.find(id))
        .set(reservations::expiry_date.eq(today() + chrono::Days::new(days)))
        .execute(conn)
        .expect("expiry moved");
    (guid, name)
}

fn choose(conn: &mut Conn, email: &str, days: Vec<u16>, language: &str) {
    let choices = Choices {
        expiry_days: days,
        underused: false,
        new_requests: true,
        settled: true,
    };
    act_as(conn, email, |ctx| alerts::choose(ctx, choices, language));
}

fn to<'a>(mails: &'a [Mail], address: &str) -> Vec<&'a Mail> {
    mails.iter().filter(|m| m.to == [address]).collect()
}

#[tokio::test]
async fn expiry_alerts_arrive_once_per_person_in_their_language_with_both_parts_and_links() {
    let sink = SmtpSink::start();
    let mut seven = (String::new(), String::new());
    let mut thirty = (String::new(), String::new());
    let app = spawn_app_configured(
        |config| mail_through(config, &sink),
        |conn| {
            partner_dashboard::seed::demo(conn, pinned()).expect("demo data");
            seven = expiring_in(conn, 1, 7);
            thirty = expiring_in(conn, 2, 30);
            choose(conn, HELPDESK, vec![30, 7], "pt-BR");
            choose(conn, CUSTOMER_USER, vec![7], "en-US");
        },
    )
    .await;
    let settled = outbox_settled(&app, Duration::from_secs(30)).await;
    assert!(settled.iter().all(|m| m.2 == "Sent"), "{settled:?}");
    let mails = sink.wait_for(settled.len(), Duration::from_secs(5)).await;
    assert_eq!(mails.len(), settled.len(), "each message once");
    let ids: HashSet<&str> = mails.iter().map(|m| m.message_id.as_str()).collect();
    assert_eq!(ids.len(), mails.len(), "no message twice");

    // The admin never chose: told 30 and 7 days ahead, in English.
    let admin = to(&mails, ADMIN);
    let expiry: Vec<_> = admin
        .iter()
        .filter(|m| {
            m.subject.ends_with("reach an expiry alert")
                || m.subject.ends_with("reaches an expiry alert")
        })
        .collect();
    assert_eq!(
        expiry.len(),
        1,
        "{:?}",
        admin.iter().map(|m| &m.subject).collect::<Vec<_>>()
    );
    let mail = expiry[0];
    assert_eq!(mail.from, "alerts@partner.example");
    for (guid, name) in [&seven, &thirty] {
        let link = format!("{SITE}/reservations/{guid}");
        assert!(mail.text.contains(name.as_str()), "{}", mail.text);
        assert!(mail.text.contains(&link), "{}", mail.text);
        assert!(
            mail.html.contains(&format!("href=\"{link}\"")),
            "{}",
            mail.html
        );
    }
    assert!(mail.text.contains("7 days left") && mail.text.contains("30 days left"));
    assert!(mail.html.contains("lang=\"en-US\""));
    assert!(mail.text.contains(&format!("{SITE}/account/alerts")));

    // Helpdesk chose Portuguese.
    let helpdesk = to(&mails, HELPDESK);
    let pt = helpdesk
        .iter()
        .find(|m| m.subject.contains("alerta de expiração"))
        .expect("helpdesk's alert");
    assert!(pt.text.contains("faltam 7 dias"), "{}", pt.text);
    assert!(pt.html.contains("lang=\"pt-BR\""));
    assert!(pt.text.contains("Alterar seus alertas"));

    // The customer's user: their own customer's reservation only.
    let theirs = to(&mails, CUSTOMER_USER);
    assert_eq!(theirs.len(), 1);
    assert!(theirs[0].text.contains(&seven.1));
    assert!(!theirs[0].text.contains(&thirty.1));
    // Its links lead to their own pages, none to the partner's.
    assert!(theirs[0].text.contains(&format!("{SITE}/my/reservations")));
    assert!(
        !theirs[0].html.contains("/customers/"),
        "{}",
        theirs[0].html
    );

    // A link in the email opens the reservation for whoever it was sent to.
    let path = format!("/reservations/{}", seven.0);
    let page = app
        .get_with(&app.client_as(CUSTOMER_USER).await, &path, &[])
        .await;
    assert_eq!(page.status, StatusCode::OK);

    // A restart on the same database sends nothing again.
    let again = app.restart();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(outbox(&again).len(), settled.len(), "nothing queued twice");
    assert_eq!(sink.mails().len(), mails.len(), "nothing sent twice");
}

#[tokio::test]
async fn a_new_request_is_emailed_to_support_and_its_approval_to_its_creator() {
    let sink = SmtpSink::start();
    let app = spawn_app_configured(
        |config| mail_through(config, &sink),
        |conn| {
            partner_dashboard::seed::demo(conn, pinned()).expect("demo data");
            // Only the request alerts, so that the day's expiry alerts do
            // not mix in.
            for email in [ADMIN, SALES, HELPDESK, SUPPORT] {
                let choices = Choices {
                    expiry_days: Vec::new(),
                    underused: false,
                    new_requests: true,
                    settled: true,
                };
                let language = if email == HELPDESK { "pt-BR" } else { "en-US" };
                act_as(conn, email, |ctx| alerts::choose(ctx, choices, language));
            }
        },
    )
    .await;
    let (_, guid) = refundable(&app, 0);
    let helpdesk = app.client_as(HELPDESK).await;
    let number = requests::refund_through(&app, &helpdesk, &guid).await;
    let mails = sink.wait_for(1, Duration::from_secs(20)).await;
    assert_eq!(mails.len(), 1, "only Support is told");
    let new = &mails[0];
    assert_eq!(new.to, [SUPPORT]);
    assert!(
        new.subject
            .starts_with(&format!("New support request {number}: ")),
        "{}",
        new.subject
    );
    let link = format!("{SITE}/requests/{number}");
    assert!(new.text.contains(&link) && new.html.contains(&format!("href=\"{link}\"")));
    assert!(
        new.text
            .contains("helpdesk@partner.example created this request.")
    );

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
    let mails = sink.wait_for(2, Duration::from_secs(20)).await;
    let settled = &mails[1];
    assert_eq!(settled.to, [HELPDESK]);
    assert_eq!(
        settled.subject,
        format!("Sua solicitação de suporte {number} foi aprovada")
    );
    assert!(
        settled.text.contains("Status: Aprovada"),
        "{}",
        settled.text
    );
    assert!(settled.html.contains(&format!("href=\"{link}\"")));
}

#[tokio::test]
async fn a_test_email_to_a_bad_address_is_refused_next_to_the_field_with_what_was_typed() {
    let sink = SmtpSink::start();
    let app = spawn_app_configured(
        |config| mail_through(config, &sink),
        |conn| {
            partner_dashboard::seed::demo(conn, pinned()).expect("demo data");
        },
    )
    .await;
    let admin = app.client_as(ADMIN).await;
    let token = app.csrf(&admin).await;
    let before = outbox(&app).len();
    for typed in [
        "not an address",
        "ops@partner.example\r\nBcc: x@evil.example",
        "@x",
    ] {
        let r = app
            .post_form(
                &admin,
                "/admin/outbox/test",
                &[("csrf_token", &token), ("address", typed)],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{typed:?}");
        assert_eq!(
            r.headers()["content-security-policy"],
            partner_dashboard::startup::CSP
        );
        let page = Page::of(r).await;
        assert!(!page.text("#test-address-error").is_empty(), "{typed:?}");
        // (An HTML parser reads CR LF as LF.)
        assert_eq!(
            page.attrs("#test-address", "value"),
            vec![typed.replace("\r\n", "\n")]
        );
    }
    // A NUL byte is refused before any form is read, on the app's own page.
    let r = app
        .post_form(
            &admin,
            "/admin/outbox/test",
            &[("csrf_token", &token), ("address", "a\u{0}b@x.example")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        r.headers()["content-security-policy"],
        partner_dashboard::startup::CSP
    );
    assert!(Page::of(r).await.count("main") == 1);
    assert_eq!(outbox(&app).len(), before, "nothing queued");
    let server = app.get_with(&admin, "/admin/outbox", &[]).await;
    assert!(
        server
            .text("#outbox-server")
            .contains(&format!("127.0.0.1:{} (none)", sink.port))
    );
}

#[tokio::test]
async fn an_agent_chooses_their_alerts_and_language_and_a_customer_user_is_offered_only_theirs() {
    let app = spawn_app().await;
    let helpdesk = app.client_as(HELPDESK).await;
    let page = app.get_with(&helpdesk, "/account/alerts", &[]).await;
    assert_eq!(page.status, StatusCode::OK);
    // Their role's defaults until they choose.
    let ticked = page.attrs("input[type=checkbox][checked]", "name");
    assert_eq!(ticked, vec!["expiry_30", "expiry_7", "settled"]);
    assert_eq!(
        page.count("input[name=new_requests]"),
        0,
        "Support's alert is not offered"
    );
    assert!(page.count(".notice") >= 1, "no mail server is set: says so");
    let token = app.csrf(&helpdesk).await;
    let r = app
        .post_form(
            &helpdesk,
            "/account/alerts",
            &[
                ("csrf_token", &token),
                ("expiry_90", "on"),
                ("expiry_7", "on"),
                ("underused", "on"),
                ("new_requests", "on"),
                ("language", "pt-BR"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = app
        .get_with(&helpdesk, "/account/alerts?saved=1", &[])
        .await;
    assert_eq!(page.count(".alert-success"), 1);
    let ticked = page.attrs("input[type=checkbox][checked]", "name");
    assert_eq!(
        ticked,
        vec!["expiry_90", "expiry_7", "underused"],
        "a Support alert is not kept"
    );
    assert_eq!(
        page.attrs("#alerts-language option[selected]", "value"),
        vec!["pt-BR"]
    );
    assert_eq!(audited(&app, "alerts-changed"), 1);

    // An unknown language: refused next to the field, the ticks kept.
    let r = app
        .post_form(
            &helpdesk,
            "/account/alerts",
            &[
                ("csrf_token", &token),
                ("expiry_60", "on"),
                ("settled", "on"),
                ("language", "xx\r\nSet-Cookie: a=b"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.headers().get("set-cookie").is_none());
    let page = Page::of(r).await;
    assert!(!page.text("#alerts-language-error").is_empty());
    assert_eq!(
        page.attrs("input[type=checkbox][checked]", "name"),
        vec!["expiry_60", "settled"]
    );
    assert_eq!(audited(&app, "alerts-changed"), 1, "nothing saved");

    // Switching the site's language is remembered for email.
    let r = app
        .post_form(
            &helpdesk,
            "/language",
            &[
                ("csrf_token", &token),
                ("lang", "en-US"),
                ("next", "/account/alerts"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = app.get_with(&helpdesk, "/account/alerts", &[]).await;
    assert_eq!(
        page.attrs("#alerts-language option[selected]", "value"),
        vec!["en-US"]
    );
    assert_eq!(
        page.attrs("input[type=checkbox][checked]", "name"),
        vec!["expiry_90", "expiry_7", "underused"],
        "choices kept"
    );

    // A customer's user: expiry and their requests only.
    let customer = app.client_as(CUSTOMER_USER).await;
    let page = app.get_with(&customer, "/account/alerts", &[]).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.count("input[name=underused]"), 0);
    assert_eq!(page.count("input[name=new_requests]"), 0);
    assert_eq!(page.count("input[name=settled]"), 1);
    assert_eq!(
        page.count("input[type=checkbox][checked]"),
        0,
        "they subscribe themselves"
    );
    // Not an admin: the outbox is refused on the app's own page.
    let refused = app.get_with(&customer, "/admin/outbox", &[]).await;
    assert!(refused.status == StatusCode::FORBIDDEN || refused.status == StatusCode::NOT_FOUND);
}
