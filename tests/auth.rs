//! Signing in and out, and pages closed to strangers.

mod common;

use common::*;
use diesel::prelude::*;
use partner_dashboard::db;
use reqwest::StatusCode;

#[tokio::test]
async fn every_page_sends_strangers_to_sign_in() {
    let app = spawn_app().await;
    let reservation: String = {
        use partner_dashboard::db::schema::reservations::dsl::*;
        reservations
            .select(reservation_guid)
            .first(&mut app.conn())
            .expect("a reservation")
    };
    let paths = [
        "/".to_string(),
        "/customers".into(),
        "/customers?q=contoso&page=2".into(),
        "/customers/1".into(),
        "/customers/1/reservations".into(),
        format!("/reservations/{reservation}"),
        format!("/reservations/{reservation}/properties"),
        format!("/lookup?q={reservation}"),
    ];
    for path in paths {
        let response = app.get_raw(&path).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{path}");
        let location = response.headers()["location"].to_str().expect("location");
        assert!(location.starts_with("/sign-in"), "{path} → {location}");
        if path != "/" {
            assert!(
                location.contains("next="),
                "{path} should come back after sign-in: {location}"
            );
        }
    }
}

#[tokio::test]
async fn sign_in_page_and_static_files_are_open() {
    let app = spawn_app().await;
    let page = app.get("/sign-in").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.text("h1"), "Sign in");
    assert_eq!(page.count("input[name=csrf_token]"), 1);
    let css = app.get_raw("/static/css/app.css").await;
    assert_eq!(css.status(), StatusCode::OK);
    assert!(
        css.headers()["content-type"]
            .to_str()
            .expect("type")
            .starts_with("text/css")
    );
}

#[tokio::test]
async fn agents_sign_in_and_out() {
    let app = spawn_app().await;
    for email in [ADMIN, SALES, HELPDESK, SUPPORT] {
        let client = app.new_client();
        let response = app.post_sign_in(&client, email, PASSWORD).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{email}");
        assert_eq!(response.headers()["location"], "/customers");
        let cookie = response
            .headers()
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().expect("cookie").to_string())
            .find(|c| c.starts_with("pd_session="))
            .expect("session cookie");
        assert!(cookie.contains("HttpOnly"), "{cookie}");
        assert!(cookie.contains("SameSite=Lax"), "{cookie}");
        let page = app.get_with(&client, "/customers", &[]).await;
        assert_eq!(page.status, StatusCode::OK, "{email} sees customers");
        assert!(page.text(".user").contains("Agent"), "{email}");
    }

    // Signing out ends the session on the server: the old cookie no longer works.
    app.sign_in(ADMIN).await;
    let page = app.get("/customers").await;
    let token = page
        .attrs("form.sign-out input[name=csrf_token]", "value")
        .remove(0);
    let response = app
        .client
        .post(format!("{}/sign-out", app.address))
        .form(&[("csrf_token", token.as_str())])
        .send()
        .await
        .expect("sign out");
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let after = app.get_raw("/customers").await;
    assert_eq!(after.status(), StatusCode::SEE_OTHER, "signed out");
    let signed_in_sessions: i64 = {
        use partner_dashboard::db::schema::sessions::dsl::*;
        sessions
            .filter(user_id.is_not_null())
            .count()
            .get_result(&mut app.conn())
            .expect("count")
    };
    assert_eq!(
        signed_in_sessions, 4,
        "only the four other agents' sessions remain"
    );
}

#[tokio::test]
async fn wrong_password_or_unknown_email_is_refused_alike() {
    let app = spawn_app().await;
    for (email, password) in [
        (ADMIN, "wrong-password-123"),
        ("nobody@partner.example", PASSWORD),
        (ADMIN, ""),
    ] {
        let client = app.new_client();
        let response = app.post_sign_in(&client, email, password).await;
        let status = response.status();
        let body = response.text().await.expect("body");
        assert!(
            status == StatusCode::UNAUTHORIZED || status == StatusCode::UNPROCESSABLE_ENTITY,
            "{email}: {status}"
        );
        let page = scraper::Html::parse_document(&body);
        let sel = scraper::Selector::parse("input#email").expect("selector");
        let typed = page
            .select(&sel)
            .next()
            .and_then(|e| e.value().attr("value"))
            .expect("email field");
        assert_eq!(typed, email, "what was typed is kept");
        assert!(body.contains("field-error"), "a message next to the fields");
        let still_out = app.get_with(&client, "/customers", &[]).await;
        assert_eq!(still_out.status, StatusCode::SEE_OTHER);
    }
    let failures =
        db::audit::count_action(&mut app.conn(), db::audit::Action::SignInFailed).expect("audit");
    assert_eq!(
        failures, 2,
        "both real attempts are audited, the empty one is refused before"
    );
}

#[tokio::test]
async fn sign_in_without_the_forms_token_is_refused() {
    let app = spawn_app().await;
    let client = app.new_client();
    let _ = app.sign_in_token(&client).await;
    let response = client
        .post(format!("{}/sign-in", app.address))
        .form(&[
            ("email", ADMIN),
            ("password", PASSWORD),
            ("csrf_token", "forged"),
        ])
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        app.get_with(&client, "/customers", &[]).await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn sign_in_returns_to_the_page_asked_for_but_never_elsewhere() {
    let app = spawn_app().await;
    for (next, expected) in [
        ("/customers/3/reservations", "/customers/3/reservations"),
        ("https://evil.example/", "/"),
        ("//evil.example", "/"),
    ] {
        let client = app.new_client();
        let token = app.sign_in_token(&client).await;
        let response = client
            .post(format!("{}/sign-in", app.address))
            .form(&[
                ("email", ADMIN),
                ("password", PASSWORD),
                ("csrf_token", &token),
                ("next", next),
            ])
            .send()
            .await
            .expect("request");
        assert_eq!(response.headers()["location"], expected, "{next}");
    }
}

#[tokio::test]
async fn sign_in_replaces_the_session_id() {
    let app = spawn_app().await;
    let client = app.new_client();
    let first = client
        .get(format!("{}/sign-in", app.address))
        .send()
        .await
        .expect("page");
    let before = first
        .cookies()
        .find(|c| c.name() == "pd_session")
        .map(|c| c.value().to_string())
        .expect("anonymous session");
    let response = app.post_sign_in(&client, ADMIN, PASSWORD).await;
    let after = response
        .cookies()
        .find(|c| c.name() == "pd_session")
        .map(|c| c.value().to_string())
        .expect("new session");
    assert_ne!(before, after);
}

#[tokio::test]
async fn htmx_requests_of_a_stranger_are_sent_to_sign_in_whole() {
    let app = spawn_app().await;
    let response = app
        .client
        .get(format!("{}/customers?q=a", app.address))
        .header("HX-Request", "true")
        .header("HX-Target", "results")
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        response.headers()["hx-redirect"],
        "/sign-in?next=/customers%3Fq%3Da"
    );
}

#[tokio::test]
async fn viewing_the_sign_in_page_stores_nothing_and_its_token_is_bound_to_the_cookie() {
    use partner_dashboard::db::schema::sessions;
    let app = spawn_app().await;
    let count = |app: &TestApp| -> i64 {
        sessions::table
            .count()
            .get_result(&mut app.conn())
            .expect("count")
    };
    let before = count(&app);
    for _ in 0..20 {
        let stranger = app.new_client();
        assert_eq!(
            app.get_with(&stranger, "/sign-in", &[]).await.status,
            StatusCode::OK
        );
    }
    assert_eq!(
        count(&app),
        before,
        "a view of the sign-in page writes no session"
    );
    // The form's token works with the cookie it came with, not another's.
    let mine = app.new_client();
    let theirs = app.new_client();
    let token = app.sign_in_token(&theirs).await;
    let _ = app.sign_in_token(&mine).await;
    let forged = mine
        .post(format!("{}/sign-in", app.address))
        .form(&[
            ("email", ADMIN),
            ("password", PASSWORD),
            ("csrf_token", &token),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    assert_eq!(count(&app), before);
    let signed_in = app.post_sign_in(&mine, ADMIN, PASSWORD).await;
    assert_eq!(signed_in.status(), StatusCode::SEE_OTHER);
    assert_eq!(count(&app), before + 1, "signing in stores one session");
}
