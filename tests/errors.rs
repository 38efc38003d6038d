//! Error pages come in the site's layout and never leak internals.

mod common;

use common::*;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use partner_dashboard::db::schema::reservations;
use reqwest::StatusCode;

#[tokio::test]
async fn an_internal_failure_shows_a_plain_500_page() {
    let app = spawn_app().await;
    app.sign_in(ADMIN).await;
    let guid: String = reservations::table
        .select(reservations::reservation_guid)
        .first(&mut app.conn())
        .expect("reservation");
    // Break the database under the running server.
    app.conn()
        .batch_execute("DROP TABLE reservation_utilization")
        .expect("drop");
    let page = app.get(&format!("/reservations/{guid}")).await;
    assert_eq!(page.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(page.text("h1"), "Something went wrong");
    assert_eq!(page.count(".topbar"), 1, "in the site's layout");
    assert!(
        !page.body.contains("reservation_utilization"),
        "no internals shown"
    );
    assert!(
        !page.body.to_lowercase().contains("diesel"),
        "no internals shown"
    );

    // An htmx request gets a fragment for the page's alert region instead.
    let fragment = app
        .get_with(
            &app.client,
            &format!("/reservations/{guid}"),
            &[("HX-Request", "true")],
        )
        .await;
    assert_eq!(fragment.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(!fragment.body.contains("<html"));
    assert!(fragment.body.contains("role=\"alert\""));
}

#[tokio::test]
async fn unknown_pages_and_methods_get_pages_too() {
    let app = spawn_app().await;
    app.sign_in(ADMIN).await;
    let page = app.get("/no/such/page").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert_eq!(page.text("h1"), "Page not found");
    let response = app
        .client
        .post(format!("{}/customers", app.address))
        .send()
        .await
        .expect("request");
    assert!(response.status().is_client_error(), "{}", response.status());
    let body = response.text().await.expect("body");
    assert!(
        body.contains("class=\"topbar\""),
        "a page, not a bare status"
    );
}

#[tokio::test]
async fn the_error_page_leads_each_role_back_to_its_own_start() {
    let app = spawn_app().await;
    let customer_user: String = partner_dashboard::db::schema::users::table
        .filter(partner_dashboard::db::schema::users::role.eq("Customer"))
        .select(partner_dashboard::db::schema::users::email)
        .first(&mut app.conn())
        .expect("customer user");
    for (email, start) in [(ADMIN, "/"), (customer_user.as_str(), "/my/reservations")] {
        let client = app.client_as(email).await;
        let missing = app.get_with(&client, "/no/such/page", &[]).await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        let back = missing.attrs(".error-page a.button", "href");
        assert_eq!(back, vec!["/".to_string()], "{email}");
        let followed = client
            .get(format!("{}{}", app.address, back[0]))
            .send()
            .await
            .expect("follow");
        let landed = match followed.status() {
            StatusCode::SEE_OTHER => followed.headers()["location"]
                .to_str()
                .expect("location")
                .to_string(),
            StatusCode::OK => "/".to_string(),
            other => panic!("{email}: {other}"),
        };
        assert_eq!(landed, start, "{email}");
    }
}
