//! Brazilian Portuguese and English: from the browser's preference, or
//! chosen in the header and remembered.

mod common;

use common::*;
use reqwest::StatusCode;

#[tokio::test]
async fn the_browser_language_is_followed() {
    let app = spawn_app().await;
    let page = app
        .get_with(
            &app.client,
            "/sign-in",
            &[("Accept-Language", "pt-BR,pt;q=0.9")],
        )
        .await;
    assert_eq!(page.text("h1"), "Entrar");
    assert_eq!(page.attrs("html", "lang"), vec!["pt-BR"]);
    let page = app
        .get_with(&app.client, "/sign-in", &[("Accept-Language", "en-US")])
        .await;
    assert_eq!(page.text("h1"), "Sign in");
}

#[tokio::test]
async fn the_chosen_language_is_remembered_with_its_formats() {
    let app = spawn_app().await;
    let admin = app.client_as(ADMIN).await;
    let page = app.get_with(&admin, "/customers/1", &[]).await;
    assert_eq!(page.text("#allowance-left"), "$50,000.00");
    let token = app.csrf(&admin).await;
    let r = app
        .post_form(
            &admin,
            "/language",
            &[
                ("csrf_token", &token),
                ("lang", "pt-BR"),
                ("next", "/customers/1"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/customers/1");
    let page = app
        .get_with(&admin, "/customers/1", &[("Accept-Language", "en-US")])
        .await;
    assert_eq!(
        page.text("#allowance-left"),
        "US$ 50.000,00",
        "money in Brazilian format"
    );
    assert_eq!(page.texts(".tabs a")[0], "Visão geral");
    assert_eq!(
        page.attrs("#language-select option[selected]", "value"),
        vec!["pt-BR"]
    );
    let list = app.get_with(&admin, "/customers/1/reservations", &[]).await;
    let dates = list.texts("#results tbody td.nowrap");
    assert!(
        dates
            .iter()
            .any(|d| d.len() == 10 && d.as_bytes()[2] == b'/'),
        "dd/mm/yyyy dates: {dates:?}"
    );
    // An unknown language is refused; the choice stands.
    let r = app
        .post_form(
            &admin,
            "/language",
            &[("csrf_token", &token), ("lang", "xx-YY")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let r = app
        .post_form(
            &admin,
            "/language",
            &[
                ("csrf_token", &token),
                ("lang", "en-US"),
                ("next", "https://evil.example/"),
            ],
        )
        .await;
    assert_eq!(r.headers()["location"], "/");
    let page = app.get_with(&admin, "/customers", &[]).await;
    assert_eq!(page.text("h1"), "Customers");
}
