//! Attacks on the running server: forged requests, stale sessions, password
//! guessing, script injection, hostile bodies.

mod common;

use chrono::Duration;
use common::*;
use diesel::prelude::*;
use partner_dashboard::db::schema::{audit_log, customers, reservations, sessions, users};
use reqwest::StatusCode;

fn count_users(app: &TestApp) -> i64 {
    users::table
        .count()
        .get_result(&mut app.conn())
        .expect("count")
}

fn role_of(app: &TestApp, email: &str) -> String {
    users::table
        .filter(users::email.eq(email))
        .select(users::role)
        .first(&mut app.conn())
        .expect("role")
}

fn sales_id(app: &TestApp) -> String {
    users::table
        .filter(users::email.eq(SALES))
        .select(users::id)
        .first::<i64>(&mut app.conn())
        .expect("id")
        .to_string()
}

#[tokio::test]
async fn forged_posts_are_refused_and_change_nothing() {
    let app = spawn_app().await;
    let admin = app.client_as(ADMIN).await;
    let other = app.client_as(HELPDESK).await;
    let others_token = app.csrf(&other).await;
    let own_token = app.csrf(&admin).await;
    let path = format!("/admin/agents/{}/role", sales_id(&app));
    let users_before = count_users(&app);
    for token in [None, Some("wrong"), Some(others_token.as_str()), Some("")] {
        let mut form = vec![("role", "Admin")];
        if let Some(t) = token {
            form.push(("csrf_token", t));
        }
        let response = app.post_form(&admin, &path, &form).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "token {token:?}");
        let mut create = vec![
            ("email", "forged@partner.example"),
            ("name", "Forged"),
            ("role", "Admin"),
        ];
        if let Some(t) = token {
            create.push(("csrf_token", t));
        }
        assert_eq!(
            app.post_form(&admin, "/admin/agents", &create)
                .await
                .status(),
            StatusCode::FORBIDDEN
        );
    }
    assert_eq!(role_of(&app, SALES), "Sales", "nothing changed");
    assert_eq!(count_users(&app), users_before);
    // The header htmx sends works like the form field.
    let response = admin
        .post(format!("{}{path}", app.address))
        .header("X-CSRF-Token", &own_token)
        .form(&[("role", "Support")])
        .send()
        .await
        .expect("post");
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(role_of(&app, SALES), "Support");
}

#[tokio::test]
async fn reading_pages_changes_nothing() {
    let app = spawn_app().await;
    let admin = app.client_as(ADMIN).await;
    let snapshot = |app: &TestApp| -> (i64, i64, i64, Vec<String>) {
        let mut conn = app.conn();
        (
            users::table.count().get_result(&mut conn).expect("users"),
            audit_log::table
                .count()
                .get_result(&mut conn)
                .expect("audit"),
            reservations::table
                .filter(reservations::version.gt(1))
                .count()
                .get_result(&mut conn)
                .expect("versions"),
            users::table
                .order(users::id)
                .select(users::role)
                .load(&mut conn)
                .expect("roles"),
        )
    };
    let before = snapshot(&app);
    for route in partner_dashboard::web::ROUTES.iter().filter(|r| {
        r.method == "get"
            && !r.path.contains('{')
            && r.access
                .allows(Some(partner_dashboard::domain::roles::AgentRole::Admin))
    }) {
        let page = app.get_with(&admin, route.path, &[]).await;
        assert!(
            page.status.is_success() || page.status.is_redirection(),
            "{}",
            route.path
        );
    }
    for path in [
        "/customers/1",
        "/customers/1/reservations",
        "/admin/agents/1/role",
        "/admin/agents/1/status",
    ] {
        let _ = app.get_with(&admin, path, &[("confirmed", "yes")]).await;
    }
    assert_eq!(snapshot(&app), before);
}

#[tokio::test]
async fn idle_and_old_sessions_end() {
    let app = spawn_app().await;
    for (column, age) in [
        ("idle", Duration::minutes(31)),
        ("absolute", Duration::hours(13)),
    ] {
        let client = app.client_as(ADMIN).await;
        assert_eq!(
            app.get_with(&client, "/customers", &[]).await.status,
            StatusCode::OK
        );
        // Sessions follow the server's clock, pinned to the test day.
        let past = pinned().now() - age;
        let mut conn = app.conn();
        let target = sessions::table.filter(sessions::user_id.is_not_null());
        match column {
            "idle" => diesel::update(target)
                .set(sessions::last_seen_at.eq(past))
                .execute(&mut conn),
            _ => diesel::update(target)
                .set(sessions::created_at.eq(past))
                .execute(&mut conn),
        }
        .expect("age the session");
        // A node that has not seen the session yet (the one that has
        // remembers it as it was for a few seconds; aging it by hand is no
        // change it is told of).
        let page = app.restart().get_with(&client, "/customers", &[]).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{column} timeout");
        let left: i64 = sessions::table
            .filter(sessions::user_id.is_not_null())
            .count()
            .get_result(&mut conn)
            .expect("count");
        assert_eq!(left, 0, "{column}: the session is gone from the server");
    }
}

#[tokio::test]
async fn sessions_survive_a_restart() {
    let app = spawn_app().await;
    app.sign_in(SUPPORT).await;
    let restarted = app.restart();
    let page = restarted.get("/customers").await;
    assert_eq!(
        page.status,
        StatusCode::OK,
        "still signed in on the restarted server"
    );
}

#[tokio::test]
async fn cookies_are_secure_and_hsts_sent_only_over_https_through_a_trusted_proxy() {
    let plain = spawn_app().await;
    let response = plain.get_raw("/sign-in").await;
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .expect("cookie")
        .to_string();
    assert!(!cookie.contains("Secure"), "{cookie}");
    assert!(
        response
            .headers()
            .get("strict-transport-security")
            .is_none()
    );
    // Without trusting a proxy, a forged header changes nothing.
    let forged = plain
        .client
        .get(format!("{}/sign-in", plain.address))
        .header("X-Forwarded-Proto", "https")
        .send()
        .await
        .expect("get");
    assert!(forged.headers().get("strict-transport-security").is_none());

    let proxied = spawn_app_with_config(|c| c.trust_proxy = true).await;
    let response = proxied
        .new_client()
        .get(format!("{}/sign-in", proxied.address))
        .header("X-Forwarded-Proto", "https")
        .send()
        .await
        .expect("get");
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .expect("cookie")
        .to_string();
    for part in ["Secure", "HttpOnly", "SameSite=Lax"] {
        assert!(cookie.contains(part), "{part} in {cookie}");
    }
    assert!(
        response.headers()["strict-transport-security"]
            .to_str()
            .expect("hsts")
            .contains("max-age=")
    );
}

#[tokio::test]
async fn password_guessing_is_throttled_per_account_and_per_address() {
    let app = spawn_app_with_config(|c| c.trust_proxy = true).await;
    let attempt = |email: &'static str, password: &'static str, address: &'static str| {
        let app = &app;
        async move {
            let client = app.new_client();
            let token = app.sign_in_token(&client).await;
            client
                .post(format!("{}/sign-in", app.address))
                .header("X-Forwarded-For", address)
                .form(&[
                    ("email", email),
                    ("password", password),
                    ("csrf_token", &token),
                ])
                .send()
                .await
                .expect("sign-in")
        }
    };
    for i in 0..10 {
        let r = attempt(ADMIN, "wrong password!", "10.0.0.1").await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "attempt {i}");
    }
    let locked = attempt(ADMIN, PASSWORD, "10.0.0.9").await;
    assert_eq!(
        locked.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "the account waits, even with the right password"
    );
    let retry: u64 = locked.headers()["retry-after"]
        .to_str()
        .expect("retry")
        .parse()
        .expect("seconds");
    assert!((1..=60).contains(&retry), "{retry}");
    let body = locked.text().await.expect("body");
    assert!(
        body.contains("Too many sign-in attempts. Try again in"),
        "says when to retry"
    );
    let same_address = attempt(SALES, PASSWORD, "10.0.0.1").await;
    assert_eq!(
        same_address.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "the address waits too"
    );
    let elsewhere = attempt(SALES, PASSWORD, "10.0.0.2").await;
    assert_eq!(
        elsewhere.status(),
        StatusCode::SEE_OTHER,
        "others are not affected"
    );

    // A success forgets the account's failures, not the address's.
    for _ in 0..9 {
        attempt(HELPDESK, "wrong password!", "10.0.1.1").await;
    }
    assert_eq!(
        attempt(HELPDESK, PASSWORD, "10.0.1.1").await.status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        attempt(SUPPORT, "wrong password!", "10.0.1.1")
            .await
            .status(),
        StatusCode::UNAUTHORIZED,
        "the tenth failure from the address"
    );
    assert_eq!(
        attempt(SUPPORT, "wrong password!", "10.0.1.1")
            .await
            .status(),
        StatusCode::TOO_MANY_REQUESTS,
        "signing in to one's own account made no room for more guesses"
    );
    for i in 0..9 {
        let r = attempt(HELPDESK, "wrong password!", "10.0.2.1").await;
        assert_eq!(
            r.status(),
            StatusCode::UNAUTHORIZED,
            "the account starts afresh elsewhere, attempt {i}"
        );
    }
}

#[tokio::test]
async fn unknown_emails_and_wrong_passwords_read_the_same() {
    let app = spawn_app().await;
    let message = |body: String| {
        let page = scraper::Html::parse_document(&body);
        let sel = scraper::Selector::parse("#sign-in-error").expect("sel");
        page.select(&sel)
            .next()
            .map(|e| e.text().collect::<String>())
            .expect("error")
    };
    let a = app
        .post_sign_in(&app.new_client(), ADMIN, "wrong password!")
        .await;
    let b = app
        .post_sign_in(
            &app.new_client(),
            "nobody@partner.example",
            "wrong password!",
        )
        .await;
    assert_eq!(a.status(), b.status());
    assert_eq!(
        message(a.text().await.expect("a")),
        message(b.text().await.expect("b"))
    );
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = spawn_app().await;
    let admin = app.client_as(ADMIN).await;
    let requests: Vec<(&str, Vec<(&str, &str)>)> = vec![
        ("/customers", vec![]),
        (
            "/customers?q=a",
            vec![("HX-Request", "true"), ("HX-Target", "results")],
        ),
        ("/no-such-page", vec![]),
        ("/reservations/not-a-guid", vec![("HX-Request", "true")]),
        ("/static/css/app.css", vec![]),
        ("/static/vendor/htmx.min.js", vec![]),
        ("/sign-in", vec![]),
        ("/healthz", vec![]),
    ];
    for (path, headers) in requests {
        let mut request = admin.get(format!("{}{path}", app.address));
        for (k, v) in &headers {
            request = request.header(*k, *v);
        }
        let response = request.send().await.expect("get");
        let h = response.headers();
        let csp = h["content-security-policy"].to_str().expect("csp");
        for part in [
            "default-src 'self'",
            "script-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
        ] {
            assert!(csp.contains(part), "{path}: {csp}");
        }
        assert!(
            !csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"),
            "{path}"
        );
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert!(h.contains_key("referrer-policy"), "{path}");
    }
}

#[tokio::test]
async fn stored_markup_is_shown_as_text_everywhere() {
    let app = spawn_app().await;
    let hostile_name = "<script>alert('company')</script>";
    let hostile_reservation = "\"><img src=x onerror=alert(1)>";
    let hostile_domain = "javascript:alert(1)";
    {
        let mut conn = app.conn();
        diesel::update(customers::table.filter(customers::id.eq(1)))
            .set((
                customers::company_name.eq(hostile_name),
                customers::domain.eq(hostile_domain),
            ))
            .execute(&mut conn)
            .expect("customer");
        diesel::update(reservations::table.filter(reservations::customer_id.eq(1)))
            .set(reservations::display_name.eq(hostile_reservation))
            .execute(&mut conn)
            .expect("reservations");
    }
    let (guid, order): (String, String) = reservations::table
        .inner_join(partner_dashboard::db::schema::reservation_orders::table)
        .filter(reservations::customer_id.eq(1))
        .select((
            reservations::reservation_guid,
            partner_dashboard::db::schema::reservation_orders::order_guid,
        ))
        .first(&mut app.conn())
        .expect("reservation");
    let admin = app.client_as(ADMIN).await;
    let paths = [
        "/customers".to_string(),
        "/customers?q=%3Cscript".into(),
        "/customers/1".into(),
        "/customers/1/reservations".into(),
        format!("/reservations/{guid}"),
        format!("/reservations/{guid}/properties"),
        format!("/orders/{order}"),
        "/lookup?q=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E".into(),
        "/admin/audit".into(),
    ];
    for path in paths {
        let page = app.get_with(&admin, &path, &[]).await;
        assert!(
            page.status.is_success() || page.status.is_client_error(),
            "{path}: {}",
            page.status
        );
        assert!(!page.body.contains("<script>alert"), "{path}: raw script");
        assert!(!page.body.contains("<img src=x"), "{path}: raw img");
        assert_eq!(page.count("img[onerror]"), 0, "{path}");
        assert_eq!(page.count("a[href^='javascript']"), 0, "{path}");
        assert_eq!(
            page.count("script:not([src])"),
            0,
            "{path}: no inline scripts"
        );
        let shown = page.body.contains("&lt;script&gt;")
            || page.body.contains("&#60;script&#62;")
            || page.body.contains("&lt;img");
        let expected_somewhere = path.starts_with("/customers")
            || path.starts_with("/reservations")
            || path.starts_with("/orders");
        if expected_somewhere {
            assert!(
                shown || page.body.contains("&#60;img"),
                "{path}: the text is shown, escaped"
            );
        }
    }
    // The text survives as text in the DOM.
    let page = app.get_with(&admin, "/customers/1", &[]).await;
    assert_eq!(page.text("h1"), hostile_name);
}

#[tokio::test]
async fn hostile_bodies_get_4xx_and_change_nothing() {
    let app = spawn_app().await;
    let admin = app.client_as(ADMIN).await;
    let token = app.csrf(&admin).await;
    let sales = sales_id(&app);
    let before = (count_users(&app), role_of(&app, SALES));
    let audit_before: i64 = audit_log::table
        .count()
        .get_result(&mut app.conn())
        .expect("audit");
    let big = format!(
        "csrf_token={token}&email=big%40partner.example&name={}&role=Sales",
        "x".repeat(1024 * 1024)
    );
    let bodies: Vec<(&str, Vec<u8>)> = vec![
        (
            "malformed",
            format!("csrf_token={token}&%%%&==&role").into_bytes(),
        ),
        ("oversized", big.into_bytes()),
        (
            "non-utf8",
            [
                format!("csrf_token={token}&email=").into_bytes(),
                vec![0xff, 0xfe, 0xfd],
                b"&name=\xc3\x28&role=\xa0\xa1".to_vec(),
            ]
            .concat(),
        ),
        ("binary", vec![0, 159, 146, 150, 255, 0, 1]),
    ];
    for route in partner_dashboard::web::ROUTES
        .iter()
        .filter(|r| r.method == "post")
    {
        if route.path == "/sign-out" {
            continue; // Signing out has no fields; a valid token signs out, which is its job.
        }
        let path = route.path.replace("{id}", &sales);
        for (kind, body) in &bodies {
            let response = admin
                .post(format!("{}{path}", app.address))
                .header("content-type", "application/x-www-form-urlencoded")
                .body(body.clone())
                .send()
                .await
                .expect("post");
            let status = response.status();
            assert!(
                status.is_client_error(),
                "{path} with a {kind} body: {status}"
            );
        }
    }
    assert_eq!(
        (count_users(&app), role_of(&app, SALES)),
        before,
        "nothing changed"
    );
    // Rejected sign-in attempts are audited; nothing else is.
    let other: i64 = audit_log::table
        .filter(audit_log::action.ne("sign-in-failed"))
        .count()
        .get_result(&mut app.conn())
        .expect("audit");
    assert!(other <= audit_before, "no change was recorded");
}

#[tokio::test]
async fn behind_a_proxy_a_client_cannot_choose_its_own_address() {
    let app = spawn_app_with_config(|c| c.trust_proxy = true).await;
    // Each guess claims another address, in `Forwarded` and at the front of
    // `X-Forwarded-For`; the proxy appended the real one (10.0.0.7) last.
    for i in 0..10 {
        let client = app.new_client();
        let token = app.sign_in_token(&client).await;
        let r = client
            .post(format!("{}/sign-in", app.address))
            .header("Forwarded", format!("for=192.0.2.{i}"))
            .header("X-Forwarded-For", format!("198.51.100.{i}, 10.0.0.7"))
            .form(&[
                ("email", format!("nobody{i}@partner.example").as_str()),
                ("password", "wrong password!"),
                ("csrf_token", &token),
            ])
            .send()
            .await
            .expect("sign-in");
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "attempt {i}");
    }
    let client = app.new_client();
    let token = app.sign_in_token(&client).await;
    let r = client
        .post(format!("{}/sign-in", app.address))
        .header("Forwarded", "for=203.0.113.1")
        .header("X-Forwarded-For", "203.0.113.1, 10.0.0.7")
        .form(&[
            ("email", SALES),
            ("password", PASSWORD),
            ("csrf_token", &token),
        ])
        .send()
        .await
        .expect("sign-in");
    assert_eq!(
        r.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "the address the proxy saw waits, whatever the client claimed"
    );
    // A client's own `Forwarded: proto=https` does not make it HTTPS.
    let page = app
        .new_client()
        .get(format!("{}/sign-in", app.address))
        .header("Forwarded", "proto=https")
        .header("X-Forwarded-Proto", "http")
        .send()
        .await
        .expect("page");
    let cookie = page.headers()["set-cookie"]
        .to_str()
        .expect("cookie")
        .to_string();
    assert!(!cookie.contains("Secure"), "{cookie}");
}
