//! Email alerts that must arrive exactly once: an SMTP server stopped in
//! the middle of a run, a restart of the real server during an outage, a
//! refusal for good and Retry, a refused sign-in, and two nodes sending
//! from one outbox.

mod common;

use std::collections::HashSet;
use std::time::Duration;

use common::process;
use common::smtp::SmtpSink;
use common::*;
use diesel::prelude::*;
use partner_dashboard::app::alerts;
use partner_dashboard::db::Conn;
use partner_dashboard::db::schema::reservations;
use partner_dashboard::domain::alerts::Choices;
use reqwest::StatusCode;

/// Moves the first long-running reservation of `customer` to expire
/// `days` from today.
fn expiring_in(conn: &mut Conn, customer: i64, days: u64) {
    let id: i64 = reservations::table
        .filter(reservations::customer_id.eq(customer))
        .filter(reservations::provisioning_state.eq("Succeeded"))
        .filter(reservations::expiry_date.gt(today() + chrono::Days::new(120)))
        .order(reservations::id)
        .select(reservations::id)
        .first(conn)
        .expect("a reservation");
    diesel::update(reservations::table.find(id))
        .set(reservations::expiry_date.eq(today() + chrono::Days::new(days)))
        .execute(conn)
        .expect("expiry moved");
}

#[tokio::test]
async fn an_smtp_outage_mid_run_loses_and_duplicates_nothing() {
    let sink = SmtpSink::start();
    let app = spawn_app_configured(
        |config| mail_through(config, &sink),
        |conn| {
            partner_dashboard::seed::demo(conn, pinned()).expect("demo data");
            expiring_in(conn, 1, 7);
        },
    )
    .await;
    let first = outbox_settled(&app, Duration::from_secs(30)).await;
    let before = sink
        .wait_for(first.len(), Duration::from_secs(5))
        .await
        .len();
    assert_eq!(before, first.len());

    // The mail server stops; five test emails are asked for meanwhile.
    sink.stop();
    let admin = app.client_as(ADMIN).await;
    let token = app.csrf(&admin).await;
    for n in 0..5 {
        let address = format!("ops{n}@partner.example");
        let r = app
            .post_form(
                &admin,
                "/admin/outbox/test",
                &[("csrf_token", &token), ("address", &address)],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
    }
    // They fail, say why on the outbox page, and wait to be tried again.
    let started = std::time::Instant::now();
    loop {
        let waiting: Vec<_> = outbox(&app)
            .into_iter()
            .filter(|m| m.2 == "Queued")
            .collect();
        if waiting.len() == 5 && waiting.iter().all(|m| m.3 >= 2 && m.4.is_some()) {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(30), "{waiting:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let page = app
        .get_with(&admin, "/admin/outbox?state=Queued", &[])
        .await;
    assert_eq!(page.count("tbody tr"), 5);
    assert!(
        page.texts("td.error-text").iter().all(|e| !e.is_empty()),
        "the last error is shown"
    );
    assert_eq!(
        sink.mails().len(),
        before,
        "nothing arrived while it was down"
    );

    // The server is back: each arrives, once.
    sink.restart();
    let after = outbox_settled(&app, Duration::from_secs(30)).await;
    assert!(after.iter().all(|m| m.2 == "Sent"), "{after:?}");
    let mails = sink.wait_for(before + 5, Duration::from_secs(5)).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mails_now = sink.mails();
    assert_eq!(mails_now.len(), mails.len(), "nothing more arrives");
    assert_eq!(mails_now.len(), before + 5);
    let tests: Vec<_> = mails_now
        .iter()
        .filter(|m| m.subject == "Partner Dashboard test email")
        .collect();
    let recipients: HashSet<_> = tests.iter().map(|m| m.to[0].clone()).collect();
    assert_eq!((tests.len(), recipients.len()), (5, 5));
    let page = app.get_with(&admin, "/admin/outbox?state=Sent", &[]).await;
    assert!(
        page.texts("tbody td")
            .iter()
            .any(|t| t == "ops4@partner.example")
    );
}

#[tokio::test]
async fn a_refusal_for_good_is_given_up_at_once_in_the_servers_words_and_can_be_retried() {
    let sink = SmtpSink::start();
    sink.refuse("gone@partner.example");
    let app = spawn_app_configured(
        |config| mail_through(config, &sink),
        |conn| {
            partner_dashboard::seed::demo(conn, pinned()).expect("demo data");
        },
    )
    .await;
    outbox_settled(&app, Duration::from_secs(30)).await;
    let admin = app.client_as(ADMIN).await;
    let token = app.csrf(&admin).await;
    let r = app
        .post_form(
            &admin,
            "/admin/outbox/test",
            &[("csrf_token", &token), ("address", "gone@partner.example")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let settled = outbox_settled(&app, Duration::from_secs(30)).await;
    let gone = settled
        .iter()
        .find(|m| m.1 == "gone@partner.example")
        .expect("the message");
    assert_eq!(
        (gone.2.as_str(), gone.3),
        ("Failed", 1),
        "given up at the first try"
    );
    let said = gone.4.clone().expect("an error");
    assert!(
        said.contains("550") && said.contains("User unknown"),
        "{said}"
    );
    let page = app
        .get_with(&admin, "/admin/outbox?state=Failed", &[])
        .await;
    assert!(page.text("td.error-text").contains("User unknown"));
    let action = page.attrs("tbody form", "action");
    assert_eq!(action, vec![format!("/admin/outbox/{}/retry", gone.0)]);
    // The address exists now: Retry sends it.
    sink.allow("gone@partner.example");
    let retried = app
        .post_form(
            &admin,
            &action[0],
            &[("csrf_token", &token), ("action", "retry")],
        )
        .await;
    assert_eq!(retried.status(), StatusCode::SEE_OTHER);
    assert_eq!(audited(&app, "email-retried"), 1);
    let settled = outbox_settled(&app, Duration::from_secs(30)).await;
    let gone = settled.iter().find(|m| m.0 == gone.0).expect("the message");
    assert_eq!((gone.2.as_str(), gone.3), ("Sent", 1), "tried afresh, sent");
    let mails = sink.wait_for(1, Duration::from_secs(5)).await;
    assert!(mails.iter().any(|m| m.to == ["gone@partner.example"]));
}

#[tokio::test]
async fn two_nodes_on_one_database_send_each_of_thirty_emails_asked_for_at_once_once() {
    let sink = SmtpSink::start();
    let first = spawn_app_configured(
        |config| mail_through(config, &sink),
        |conn| {
            partner_dashboard::seed::demo(conn, pinned()).expect("demo data");
            for email in [ADMIN, SALES, HELPDESK, SUPPORT] {
                let none = Choices {
                    expiry_days: Vec::new(),
                    underused: false,
                    new_requests: false,
                    settled: false,
                };
                act_as(conn, email, |ctx| alerts::choose(ctx, none, "en-US"));
            }
        },
    )
    .await;
    let second = first.restart();
    let admin_first = first.client_as(ADMIN).await;
    let admin_second = second.client_as(ADMIN).await;
    let mut posts: Vec<requests::Post> = Vec::new();
    for n in 0..30 {
        let (app, client) = if n % 2 == 0 {
            (&first, &admin_first)
        } else {
            (&second, &admin_second)
        };
        let token = app.csrf(client).await;
        posts.push((
            client.clone(),
            format!("{}/admin/outbox/test", app.address),
            vec![
                ("csrf_token", token),
                ("address", format!("ops{n}@partner.example")),
            ],
        ));
    }
    let answers = requests::post_all_at_once(posts).await;
    assert!(
        answers.iter().all(|(s, _)| *s == StatusCode::SEE_OTHER),
        "{answers:?}"
    );
    let settled = outbox_settled(&first, Duration::from_secs(30)).await;
    assert_eq!(settled.len(), 30);
    assert!(
        settled.iter().all(|m| m.2 == "Sent" && m.3 == 1),
        "{settled:?}"
    );
    sink.wait_for(30, Duration::from_secs(5)).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mails = sink.mails();
    let to: HashSet<_> = mails.iter().map(|m| m.to[0].clone()).collect();
    assert_eq!((mails.len(), to.len()), (30, 30), "each once");
}

/// Waits until `check` holds of the outbox of `database`.
async fn until_outbox(
    database: &partner_dashboard::db::Location,
    what: &str,
    check: impl Fn(&[(i64, String, String, i32, Option<String>)]) -> bool,
) -> Vec<(i64, String, String, i32, Option<String>)> {
    let started = std::time::Instant::now();
    loop {
        let mut conn = partner_dashboard::db::connect(database).expect("db");
        let now = outbox_in(&mut conn);
        if check(&now) {
            return now;
        }
        assert!(
            started.elapsed() < Duration::from_secs(40),
            "{what}: {now:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn a_restart_during_an_outage_sends_everything_once_afterwards_and_the_password_never_shows()
{
    const PASSWORD_SMTP: &str = "s3cret-Smtp-pass-4417";
    let sink = SmtpSink::start();
    sink.require_login("alerts", PASSWORD_SMTP);
    sink.stop();
    let dir = tempfile::tempdir().expect("dir");
    let database = partner_dashboard::db::scratch(dir.path(), "restart.db");
    let port = sink.port.to_string();
    let args = [
        "--smtp-host",
        "127.0.0.1",
        "--smtp-port",
        &port,
        "--smtp-tls",
        "none",
        "--smtp-user",
        "alerts",
        "--mail-poll-ms",
        "100",
        "--mail-retry-seconds",
        "1",
        "--base-url",
        SITE,
        "--mail-from",
        "Partner Dashboard <alerts@partner.example>",
    ];
    let env = [("PD_SMTP_PASSWORD", PASSWORD_SMTP)];
    let (child, _) = process::start_with_env(&database, true, &args, &env);
    // The day's alerts are queued and fail while the mail server is down.
    let tried = until_outbox(&database, "tried while down", |m| {
        !m.is_empty()
            && m.iter()
                .all(|m| m.2 == "Queued" && m.3 >= 1 && m.4.is_some())
    })
    .await;
    let log = process::stop_and_read_log(child, &database).await;
    assert!(!log.contains(PASSWORD_SMTP), "the password is never logged");
    assert!(
        log.contains("the SMTP server did not take a message"),
        "{log}"
    );

    // Back up, and the server started again: each is sent, once.
    sink.restart();
    let (child, _) = process::start_with_env(&database, false, &args, &env);
    let sent = until_outbox(&database, "all sent", |m| m.iter().all(|m| m.2 == "Sent")).await;
    assert_eq!(sent.len(), tried.len(), "nothing queued twice");
    let mails = sink.wait_for(sent.len(), Duration::from_secs(5)).await;
    let log = process::stop_and_read_log(child, &database).await;
    assert!(!log.contains(PASSWORD_SMTP));
    // Started once more: nothing is sent again.
    let (child, _) = process::start_with_env(&database, false, &args, &env);
    tokio::time::sleep(Duration::from_millis(1500)).await;
    process::stop_and_read_log(child, &database).await;
    assert_eq!(sink.mails().len(), mails.len(), "nothing sent twice");
    let ids: HashSet<_> = mails.iter().map(|m| m.message_id.clone()).collect();
    assert_eq!(ids.len(), sent.len());
    assert!(
        sink.logins()
            .iter()
            .all(|l| l == &format!("alerts:{PASSWORD_SMTP}")),
        "signed in with the password given"
    );
}

#[tokio::test]
async fn a_refused_smtp_sign_in_keeps_every_message_waiting_with_the_servers_answer() {
    let sink = SmtpSink::start();
    sink.require_login("alerts", "the-right-one");
    let app = spawn_app_configured(
        |config| {
            mail_through(config, &sink);
            config.mail.smtp_user = Some("alerts".into());
            config.mail.smtp_password =
                Some(partner_dashboard::config::Secret::new("a-wrong-one".into()));
        },
        |conn| {
            partner_dashboard::seed::demo(conn, pinned()).expect("demo data");
        },
    )
    .await;
    // A wrong password is the settings' fault, not the messages': they wait,
    // tried again, until an admin mends the settings.
    let started = std::time::Instant::now();
    let waiting = loop {
        let now = outbox(&app);
        if !now.is_empty() && now.iter().all(|m| m.3 >= 2) {
            break now;
        }
        assert!(started.elapsed() < Duration::from_secs(30), "{now:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(waiting.iter().all(|m| m.2 == "Queued"), "{waiting:?}");
    let said = waiting[0].4.clone().expect("an error");
    assert!(
        said.contains("535") && said.contains("credentials invalid"),
        "{said}"
    );
    assert!(sink.mails().is_empty());
}
