//! Every refusal is the app's own page: in the reader's language, with the
//! signed-in header and menu, the security headers, a request ID and a line
//! in the access log; a reservation that is not yours reads exactly like one
//! that does not exist.

mod common;

use common::*;
use diesel::prelude::*;
use partner_dashboard::db::schema::{customers, reservations};
use reqwest::StatusCode;

const CUSTOMER_USER: &str = "it-admin@contoso.com";

/// The GUID of a reservation of the customer with `domain`, or of another
/// customer's when `own` is false.
fn reservation_guid(app: &TestApp, domain: &str, own: bool) -> String {
    let customer: i64 = customers::table
        .filter(customers::domain.eq(domain))
        .select(customers::id)
        .first(&mut app.conn())
        .expect("customer");
    let query = reservations::table
        .select(reservations::reservation_guid)
        .order(reservations::id)
        .into_boxed();
    let query = if own {
        query.filter(reservations::customer_id.eq(customer))
    } else {
        query.filter(reservations::customer_id.ne(customer))
    };
    query.first(&mut app.conn()).expect("reservation")
}

/// Asserts the headers every response carries.
fn assert_site_headers(response: &reqwest::Response, what: &str) {
    let headers = response.headers();
    for name in [
        "content-security-policy",
        "x-content-type-options",
        "x-frame-options",
        "referrer-policy",
        "x-request-id",
        "x-robots-tag",
    ] {
        assert!(headers.contains_key(name), "{what}: {name} missing");
    }
    assert_eq!(headers["cache-control"], "no-store", "{what}");
    assert!(
        headers["content-type"]
            .to_str()
            .expect("type")
            .starts_with("text/html"),
        "{what}: an HTML page"
    );
}

async fn page_of(response: reqwest::Response) -> Page {
    let status = response.status();
    let body = response.text().await.expect("body");
    Page {
        status,
        html: scraper::Html::parse_document(&body),
        body,
    }
}

#[tokio::test]
async fn another_customers_reservation_reads_like_one_that_does_not_exist() {
    let app = spawn_app().await;
    let customer = app.client_as(CUSTOMER_USER).await;
    let theirs = reservation_guid(&app, "contoso.com", false);
    let missing = "00000000-0000-4000-8000-000000000000";
    let mut pages = Vec::new();
    for guid in [theirs.as_str(), missing] {
        let response = customer
            .get(format!("{}/reservations/{guid}", app.address))
            .send()
            .await
            .expect("get");
        assert_site_headers(&response, guid);
        let page = page_of(response).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{guid}");
        assert_eq!(page.count("header.topbar"), 1, "the signed-in header");
        assert_eq!(page.count("nav.sidebar"), 1, "the menu");
        assert!(!page.text(".user-name").is_empty(), "the user is named");
        pages.push((page.text("h1"), page.text(".error-page p:not(.error-code)")));
    }
    assert_eq!(pages[0], pages[1], "the same page for both");
}

#[tokio::test]
async fn a_role_without_the_right_gets_the_forbidden_page_in_its_language() {
    let app = spawn_app().await;
    let helpdesk = app.client_as(HELPDESK).await;
    // Portuguese, chosen in the header.
    let token = app.csrf(&helpdesk).await;
    let switched = app
        .post_form(
            &helpdesk,
            "/language",
            &[("lang", "pt-BR"), ("next", "/"), ("csrf_token", &token)],
        )
        .await;
    assert_eq!(switched.status(), StatusCode::SEE_OTHER);
    let response = helpdesk
        .get(format!("{}/admin/agents", app.address))
        .send()
        .await
        .expect("get");
    assert_site_headers(&response, "forbidden");
    let page = page_of(response).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert_eq!(page.count("header.topbar"), 1);
    assert_eq!(page.count("nav.sidebar"), 1);
    assert_eq!(page.attrs("html", "lang"), vec!["pt-BR".to_string()]);
    assert_eq!(page.text("h1"), "Não permitido", "{}", page.body);
}

#[tokio::test]
async fn a_post_without_its_token_gets_the_page_with_every_header() {
    let app = spawn_app().await;
    let admin = app.client_as(ADMIN).await;
    let guid = reservation_guid(&app, "contoso.com", true);
    for form in [
        vec![("name", "forged")],
        vec![("name", "forged"), ("csrf_token", "wrong")],
    ] {
        let response = app
            .post_form(
                &admin,
                &format!("/reservations/{guid}/configuration"),
                &form,
            )
            .await;
        assert_site_headers(&response, "bad token");
        let page = page_of(response).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN);
        assert_eq!(page.count("header.topbar"), 1);
        assert!(page.count(".error-page") == 1, "{}", page.body);
    }
    // A stranger's post goes to sign in, with the same headers.
    let stranger = app.new_client();
    let response = app
        .post_form(
            &stranger,
            &format!("/reservations/{guid}/configuration"),
            &[],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(response.headers().contains_key("x-request-id"));
    assert!(response.headers().contains_key("content-security-policy"));
}

#[tokio::test]
async fn refusals_are_in_the_access_log() {
    let dir = tempfile::tempdir().expect("dir");
    let database = partner_dashboard::db::scratch(dir.path(), "refusals.db");
    let (server, address) = common::process::start(&database, true);
    let helpdesk = common::process::signed_in(&address, HELPDESK).await;
    let response = helpdesk
        .get(format!("{address}/admin/settings"))
        .send()
        .await
        .expect("get");
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let id = common::process::request_id(&response);
    let forged = helpdesk
        .post(format!("{address}/sign-out"))
        .send()
        .await
        .expect("post");
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    let forged_id = common::process::request_id(&forged);
    let log = common::process::stop_and_read_log(server, &database).await;
    for (id, path) in [(id, "GET /admin/settings"), (forged_id, "POST /sign-out")] {
        let line = log
            .lines()
            .find(|l| l.contains(&format!("request_id={id}")) && l.contains(path))
            .unwrap_or_else(|| panic!("no access-log line for {path} in\n{log}"));
        assert!(line.contains(" 403 "), "{line}");
    }
}
