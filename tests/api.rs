//! The JSON API under /api/v1: personal tokens made on the pages, the
//! reads, errors as JSON, pages with `next` links, ETags, the rate limit,
//! the same role matrix as the pages, request creation (idempotent) and
//! settlement, and the OpenAPI document.

mod common;

use common::api::{get, json, token_for};
use common::*;
use partner_dashboard::web::access::Access;
use partner_dashboard::web::api::API_ROUTES;
use reqwest::StatusCode;
use serde_json::Value;

#[tokio::test]
async fn an_agent_makes_a_token_on_their_account_and_reads_through_the_api() {
    let app = spawn_app().await;
    let sales = app.client_as(SALES).await;
    let page = app.get_with(&sales, "/account/tokens", &[]).await;
    assert_eq!(page.status, StatusCode::OK);
    let token = app.csrf(&sales).await;
    let made = app
        .post_form(
            &sales,
            "/account/tokens",
            &[
                ("csrf_token", &token),
                ("name", "Billing sync"),
                ("expires", "2027-01-31"),
            ],
        )
        .await;
    assert_eq!(made.status(), StatusCode::OK);
    let page = Page::of(made).await;
    let secret = page
        .attrs("#token-secret", "value")
        .pop()
        .expect("shown once");
    assert!(secret.starts_with("pd_") && secret.len() > 40);
    let again = app.get_with(&sales, "/account/tokens", &[]).await;
    assert_eq!(again.count("#token-secret"), 0, "shown only once");
    assert!(again.text("tbody").contains("Billing sync"));
    assert!(
        !again.text("body").contains(&secret),
        "the page never shows it again"
    );
    assert_eq!(audited(&app, "token-created"), 1);

    // Customers, a page at a time, with a next link.
    let r = get(&app, &secret, "/api/v1/customers?per_page=5").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "application/json");
    let link = r.headers()["link"].to_str().expect("link").to_string();
    let first = json(r).await;
    assert_eq!(first["items"].as_array().expect("items").len(), 5);
    let total = first["total"].as_i64().expect("total");
    let next = first["next"].as_str().expect("next").to_string();
    assert_eq!(link, format!("<{next}>; rel=\"next\""));
    let second = json(get(&app, &secret, &next).await).await;
    let ids = |v: &Value| -> Vec<i64> {
        v["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|c| c["id"].as_i64().expect("id"))
            .collect()
    };
    assert!(
        ids(&first).iter().all(|id| !ids(&second).contains(id)),
        "pages do not overlap"
    );
    let last = json(get(&app, &secret, "/api/v1/customers?per_page=100").await).await;
    assert_eq!(last["items"].as_array().expect("items").len() as i64, total);
    assert!(last["next"].is_null());

    // A customer, its reservations, one reservation and its utilization.
    let id = ids(&first)[0];
    let customer = json(get(&app, &secret, &format!("/api/v1/customers/{id}")).await).await;
    assert_eq!(customer["id"], id);
    let reservations = json(
        get(
            &app,
            &secret,
            customer["reservations"].as_str().expect("href"),
        )
        .await,
    )
    .await;
    let one = &reservations["items"][0];
    let href = one["href"].as_str().expect("href");
    let detail = json(get(&app, &secret, href).await).await;
    assert_eq!(detail["id"], one["id"]);
    assert!(
        detail["purchase_price"]
            .as_str()
            .expect("price")
            .parse::<f64>()
            .is_ok()
    );
    let used = json(get(&app, &secret, &format!("{href}/utilization")).await).await;
    assert!(!used["days"].as_array().expect("days").is_empty());

    // The ETag: the same answer again is 304, without a body.
    let r = get(&app, &secret, href).await;
    let etag = r.headers()["etag"].to_str().expect("etag").to_string();
    let r = reqwest::Client::new()
        .get(format!("{}{href}", app.address))
        .bearer_auth(&secret)
        .header("if-none-match", &etag)
        .send()
        .await
        .expect("get");
    assert_eq!(r.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(r.headers()["etag"].to_str().expect("etag"), etag);
    // A proxy's weak form of the tag matches too.
    let r = reqwest::Client::new()
        .get(format!("{}{href}", app.address))
        .bearer_auth(&secret)
        .header("if-none-match", format!("W/{etag}"))
        .send()
        .await
        .expect("get");
    assert_eq!(r.status(), StatusCode::NOT_MODIFIED);

    // Look-up by any ID form.
    let upper = detail["id"].as_str().expect("id").to_uppercase();
    let found = json(get(&app, &secret, &format!("/api/v1/lookup?id=%7B{upper}%7D")).await).await;
    assert_eq!(found["kind"], "reservation");
    assert_eq!(found["href"], href);

    // Each use is audited, and its last use shown.
    assert!(audited(&app, "api-called") >= 8);
    let page = app.get_with(&sales, "/account/tokens", &[]).await;
    assert!(!page.text("tbody").contains("Not yet"));
}

#[tokio::test]
async fn the_api_takes_only_a_usable_bearer_token_and_answers_errors_in_json() {
    let app = spawn_app().await;
    let cookie = app.client_as(ADMIN).await;
    let secret = token_for(&app, ADMIN);
    for (what, response) in [
        (
            "no token",
            reqwest::Client::new()
                .get(format!("{}/api/v1/customers", app.address))
                .send()
                .await,
        ),
        (
            "a session cookie",
            cookie
                .get(format!("{}/api/v1/customers", app.address))
                .send()
                .await,
        ),
        (
            "an unknown token",
            reqwest::Client::new()
                .get(format!("{}/api/v1/customers", app.address))
                .bearer_auth("pd_0000")
                .send()
                .await,
        ),
        (
            "a token with CR LF",
            reqwest::Client::new()
                .get(format!("{}/api/v1/customers", app.address))
                .header("authorization", "Bearer pd_x\tY")
                .send()
                .await,
        ),
    ] {
        let r = response.expect("answer");
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "{what}");
        assert_eq!(
            r.headers()["www-authenticate"],
            "Bearer realm=\"api\"",
            "{what}"
        );
        assert_eq!(
            r.headers()["content-security-policy"],
            partner_dashboard::startup::CSP
        );
        let body = json(r).await;
        assert_eq!(body["error"]["code"], "unauthorized", "{what}");
    }
    // A cookie-carrying POST without a token does nothing either.
    let r = cookie
        .post(format!("{}/api/v1/requests/1/approve", app.address))
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);

    for (path, status, code) in [
        ("/api/v1/nothing-here", StatusCode::NOT_FOUND, "not_found"),
        (
            "/api/v1/customers/999999",
            StatusCode::NOT_FOUND,
            "not_found",
        ),
        (
            "/api/v1/customers/abc%0D%0ASet-Cookie:x",
            StatusCode::NOT_FOUND,
            "not_found",
        ),
        (
            "/api/v1/reservations/not-a-guid",
            StatusCode::NOT_FOUND,
            "not_found",
        ),
        (
            "/api/v1/customers?per_page=1000",
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
        (
            "/api/v1/customers?page=%00",
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
        (
            "/api/v1/lookup?id=not%20an%20id",
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
        ),
        ("/api/v1/lookup", StatusCode::BAD_REQUEST, "bad_request"),
    ] {
        let r = get(&app, &secret, path).await;
        assert_eq!(r.status(), status, "{path}");
        assert!(r.headers().get("set-cookie").is_none(), "{path}");
        assert_eq!(json(r).await["error"]["code"], code, "{path}");
    }
    let r = reqwest::Client::new()
        .post(format!("{}/api/v1/requests", app.address))
        .bearer_auth(&secret)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert_eq!(json(r).await["error"]["code"], "bad_request");

    // A wrong method: 405 with Allow, in JSON.
    let r = reqwest::Client::new()
        .delete(format!("{}/api/v1/requests", app.address))
        .bearer_auth(&secret)
        .send()
        .await
        .expect("delete");
    assert_eq!(r.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert!(
        r.headers()["allow"]
            .to_str()
            .expect("allow")
            .contains("POST")
    );
    assert_eq!(json(r).await["error"]["code"], "method_not_allowed");
    // The scheme's case does not matter.
    let r = reqwest::Client::new()
        .get(format!("{}/api/v1/customers", app.address))
        .header("authorization", format!("BEARER {secret}"))
        .send()
        .await
        .expect("get");
    assert_eq!(r.status(), StatusCode::OK);

    // Revoked on the admin page: refused at once.
    let tokens = app.get_with(&cookie, "/admin/tokens", &[]).await;
    let action = tokens
        .attrs("tbody form", "action")
        .pop()
        .expect("revoke form");
    let csrf = app.csrf(&cookie).await;
    let r = app
        .post_form(
            &cookie,
            &action,
            &[("csrf_token", &csrf), ("action", "revoke")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = get(&app, &secret, "/api/v1/customers").await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert!(
        json(r).await["error"]["message"]
            .as_str()
            .expect("message")
            .contains("revoked")
    );
    assert_eq!(audited(&app, "token-revoked"), 1);
}

#[tokio::test]
async fn every_api_route_answers_every_role_as_declared() {
    let app = spawn_app().await;
    let (_, guid) = refundable(&app, 0);
    for (email, role) in [
        (ADMIN, "Admin"),
        (SALES, "Sales"),
        (HELPDESK, "Helpdesk"),
        (SUPPORT, "Support"),
    ] {
        let secret = token_for(&app, email);
        let role = partner_dashboard::domain::roles::AgentRole::parse(role).expect("role");
        for route in API_ROUTES {
            let path = route
                .path
                .replace(
                    "{id}",
                    if route.path.starts_with("/api/v1/reservations") {
                        &guid
                    } else {
                        "1"
                    },
                )
                .replace("{number}", "no-such-request");
            let path = if path.ends_with("/lookup") {
                format!("{path}?id={guid}")
            } else {
                path
            };
            let client = reqwest::Client::new();
            let request = match route.method {
                "get" => client.get(format!("{}{path}", app.address)),
                _ => client
                    .post(format!("{}{path}", app.address))
                    .header("content-type", "application/json")
                    .body(r#"{"reservation_id":"00000000-0000-0000-0000-000000000000","kind":"Refund","description":"x","reason":"x"}"#),
            };
            let status = request
                .bearer_auth(&secret)
                .send()
                .await
                .expect("answer")
                .status();
            let allowed = route.access.allows(Some(role));
            if allowed {
                assert!(
                    status != StatusCode::FORBIDDEN
                        && status != StatusCode::UNAUTHORIZED
                        && !status.is_server_error(),
                    "{} {} as {email}: {status}",
                    route.method,
                    route.path
                );
            } else {
                assert_eq!(
                    status,
                    StatusCode::FORBIDDEN,
                    "{} {} as {email}",
                    route.method,
                    route.path
                );
            }
        }
    }
    // Customer users have no tokens: the page refuses them.
    let customer = app.client_as("it-admin@contoso.com").await;
    let page = app.get_with(&customer, "/account/tokens", &[]).await;
    assert!(page.status == StatusCode::FORBIDDEN || page.status == StatusCode::NOT_FOUND);
    assert!(API_ROUTES.iter().all(|r| r.access != Access::Public));
}
