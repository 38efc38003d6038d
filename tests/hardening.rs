//! What an attacker tries against the headers, the methods and the sign-in:
//! redirects built from input, HEAD and unknown methods, caching of pages,
//! crawlers, bursts of guesses.

mod common;

use common::*;
use reqwest::StatusCode;

#[tokio::test]
async fn next_never_leaves_the_site_and_never_fails() {
    let app = spawn_app().await;
    let hostile = [
        "%2F%09%2Fevil.example",
        "%2F%0B%2Fevil.example",
        "%2F%0A%2Fevil.example",
        "%2F%5C%2Fevil.example",
        "%2F%2Fevil.example",
        "%2F%20%2Fevil.example",
        "https%3A%2F%2Fevil.example",
        "%2F%7F",
        "%2F%C2%A0%2Fevil.example",
        "%FF",
    ];
    for next in hostile {
        // Already signed in: the sign-in page sends on to `next` at once.
        let admin = app.client_as(ADMIN).await;
        let response = admin
            .get(format!("{}/sign-in?next={next}", app.address))
            .send()
            .await
            .expect("get");
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{next}");
        assert_eq!(response.headers()["location"], "/", "{next}");

        // Signing in with it keeps the new session and goes home.
        let client = app.new_client();
        let token = app.sign_in_token(&client).await;
        let decoded: String = percent_decode(next);
        let response = client
            .post(format!("{}/sign-in", app.address))
            .form(&[
                ("email", ADMIN),
                ("password", PASSWORD),
                ("csrf_token", token.as_str()),
                ("next", decoded.as_str()),
            ])
            .send()
            .await
            .expect("post");
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{next}");
        assert_eq!(response.headers()["location"], "/", "{next}");
        assert!(
            response.headers().contains_key("set-cookie"),
            "{next}: the session is kept"
        );
        let home = app.get_with(&client, "/customers", &[]).await;
        assert_eq!(home.status, StatusCode::OK, "{next}: signed in");

        // The language switch follows the same rule.
        let token = app.csrf(&client).await;
        let response = app
            .post_form(
                &client,
                "/language",
                &[
                    ("lang", "en-US"),
                    ("next", decoded.as_str()),
                    ("csrf_token", token.as_str()),
                ],
            )
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{next}");
        assert_eq!(response.headers()["location"], "/", "{next}");
    }
    // A clean path is kept.
    let client = app.client_as(ADMIN).await;
    let response = client
        .get(format!(
            "{}/sign-in?next=%2Fcustomers%3Fq%3Dco",
            app.address
        ))
        .send()
        .await
        .expect("get");
    assert_eq!(response.headers()["location"], "/customers?q=co");
}

/// Decodes `%XX` escapes into bytes (lossy for invalid UTF-8).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() + 1 {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).expect("hex");
            out.push(u8::from_str_radix(hex, 16).expect("hex"));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[tokio::test]
async fn control_characters_in_any_parameter_never_give_a_500() {
    let app = spawn_app().await;
    let admin = app.client_as(ADMIN).await;
    let odd = [
        "%0B",
        "%00",
        "%0D%0ASet-Cookie:%20a=b",
        "%FF%FE",
        "%E2%80%AE",
        "%09",
    ];
    let paths = [
        "/customers?q=",
        "/customers?sort=",
        "/customers?page=",
        "/lookup?q=",
        "/requests?q=",
        "/requests?status=",
        "/reservations/expiring?days=",
        "/reservations/expiring?format=",
        "/admin/audit?q=",
        "/sign-in?next=",
        "/customers/1/reservations?status=",
    ];
    for path in paths {
        for value in odd {
            let response = admin
                .get(format!("{}{path}{value}", app.address))
                .send()
                .await
                .expect("get");
            assert!(
                !response.status().is_server_error(),
                "{path}{value}: {}",
                response.status()
            );
            for (name, header) in response.headers() {
                let text = header.to_str().unwrap_or("");
                assert!(
                    !text.contains("Set-Cookie") && !name.as_str().eq_ignore_ascii_case("a"),
                    "{path}{value}: header injected"
                );
            }
        }
    }
}

#[tokio::test]
async fn head_answers_like_get_and_unknown_methods_get_405() {
    let app = spawn_app().await;
    let admin = app.client_as(ADMIN).await;
    for path in ["/customers", "/sign-in", "/healthz", "/static/css/app.css"] {
        let get = admin
            .get(format!("{}{path}", app.address))
            .send()
            .await
            .expect("get");
        let head = admin
            .head(format!("{}{path}", app.address))
            .send()
            .await
            .expect("head");
        assert_eq!(head.status(), get.status(), "{path}");
        assert_eq!(
            head.headers().get("content-type"),
            get.headers().get("content-type"),
            "{path}"
        );
        assert!(head.headers().contains_key("x-frame-options"), "{path}");
        assert!(
            head.bytes().await.expect("body").is_empty(),
            "{path}: no body"
        );
    }
    let cases = [
        ("PUT", "/customers", "GET, HEAD"),
        ("DELETE", "/admin/agents", "GET, HEAD, POST"),
        ("PATCH", "/sign-in", "GET, HEAD, POST"),
        ("GET", "/sign-out", "POST"),
        (
            "OPTIONS",
            "/reservations/00000000-0000-4000-8000-000000000000",
            "GET, HEAD",
        ),
    ];
    for (method, path, allow) in cases {
        let response = admin
            .request(
                reqwest::Method::from_bytes(method.as_bytes()).expect("method"),
                format!("{}{path}", app.address),
            )
            .send()
            .await
            .expect("request");
        assert_eq!(
            response.status(),
            StatusCode::METHOD_NOT_ALLOWED,
            "{method} {path}"
        );
        assert_eq!(response.headers()["allow"], allow, "{method} {path}");
        assert!(response.headers().contains_key("x-content-type-options"));
        assert!(response.headers().contains_key("x-frame-options"));
    }
    let missing = admin
        .request(
            reqwest::Method::PUT,
            format!("{}/no/such/page", app.address),
        )
        .send()
        .await
        .expect("put");
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn pages_are_not_cached_or_indexed() {
    let app = spawn_app().await;
    let admin = app.client_as(ADMIN).await;
    for path in [
        "/customers",
        "/sign-in",
        "/admin/agents",
        "/no/such/page",
        "/healthz",
    ] {
        let response = admin
            .get(format!("{}{path}", app.address))
            .send()
            .await
            .expect("get");
        assert_eq!(response.headers()["cache-control"], "no-store", "{path}");
        assert_eq!(
            response.headers()["x-robots-tag"],
            "noindex, nofollow",
            "{path}"
        );
    }
    let robots = app.get_raw("/robots.txt").await;
    assert_eq!(robots.status(), StatusCode::OK);
    assert_eq!(
        robots.text().await.expect("body"),
        "User-agent: *\nDisallow: /\n"
    );
    // Every page has its own description and title.
    let guid = refundable(&app, 0).1;
    let mut seen = std::collections::BTreeSet::new();
    let mut titles = std::collections::BTreeSet::new();
    let paths = [
        "/sign-in".to_string(),
        "/".to_string(),
        "/customers".to_string(),
        "/requests".to_string(),
        format!("/reservations/{guid}"),
        format!("/reservations/{guid}/properties"),
        format!("/reservations/{guid}/configuration"),
    ];
    for path in &paths {
        let client = if path == "/sign-in" {
            app.new_client()
        } else {
            admin.clone()
        };
        let page = app.get_with(&client, path, &[]).await;
        let description = page.attrs("meta[name=description]", "content");
        assert_eq!(description.len(), 1, "{path}: one description");
        assert!(description[0].len() > 30, "{path}: {description:?}");
        seen.insert(description[0].clone());
        titles.insert(page.text("title"));
    }
    assert_eq!(seen.len(), paths.len(), "each page its own description");
    assert_eq!(
        titles.len(),
        paths.len(),
        "each page its own title: {titles:?}"
    );
}

#[tokio::test]
async fn a_burst_of_guesses_is_counted_in_flight() {
    let app = spawn_app().await;
    // 30 wrong passwords for one account from one address, all at once.
    let mut clients = Vec::new();
    for _ in 0..30 {
        let client = app.new_client();
        let token = app.sign_in_token(&client).await;
        clients.push((client, token));
    }
    let attempts = clients.iter().map(|(client, token)| {
        client
            .post(format!("{}/sign-in", app.address))
            .form(&[
                ("email", ADMIN),
                ("password", "not the password, surely"),
                ("csrf_token", token.as_str()),
            ])
            .send()
    });
    let statuses: Vec<StatusCode> = futures_join(attempts)
        .await
        .into_iter()
        .map(|r| r.expect("response").status())
        .collect();
    let checked = statuses
        .iter()
        .filter(|s| **s == StatusCode::UNAUTHORIZED)
        .count();
    let waited = statuses
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS || **s == StatusCode::SERVICE_UNAVAILABLE)
        .count();
    assert_eq!(checked, 10, "exactly ten checked: {statuses:?}");
    assert_eq!(waited, 20, "{statuses:?}");
}

#[tokio::test]
async fn a_nul_in_a_form_or_a_path_is_a_bad_request_on_either_engine() {
    let app = spawn_app().await;
    let client = app.new_client();
    let token = app.sign_in_token(&client).await;
    let body = format!("email=ana%00@partner.example&password=x&csrf_token={token}");
    let r = client
        .post(format!("{}/sign-in", app.address))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(
        r.text().await.expect("body").contains("<main"),
        "the app's own page"
    );
    let admin = app.client_as(ADMIN).await;
    let csrf = app.csrf(&admin).await;
    let r = admin
        .post(format!("{}/admin/agents", app.address))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-CSRF-Token", csrf.as_str())
        .body("email=nul%00@partner.example&name=Nul&role=Sales")
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    for path in ["/requests/REQ-%00", "/reservations/%00/properties"] {
        let r = admin
            .get(format!("{}{path}", app.address))
            .send()
            .await
            .expect("get");
        assert!(r.status().is_client_error(), "{path}: {}", r.status());
    }
    // Nothing was written.
    let agents: i64 = {
        use diesel::prelude::*;
        partner_dashboard::db::schema::users::table
            .filter(partner_dashboard::db::schema::users::display_name.eq("Nul"))
            .count()
            .get_result(&mut app.conn())
            .expect("count")
    };
    assert_eq!(agents, 0);
}
