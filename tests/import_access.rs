//! Who may import reservations from a file: admins only, with the
//! anti-forgery token first in the form, and never when connected to Azure.

mod common;

use common::import::*;
use common::*;
use diesel::prelude::*;
use partner_dashboard::db::schema::imports;
use reqwest::StatusCode;

#[tokio::test]
async fn only_admins_import_and_never_when_connected_to_azure() {
    let app = spawn_app().await;
    for email in [SALES, HELPDESK, SUPPORT] {
        let client = app.client_as(email).await;
        let page = app.get_with(&client, "/admin/import", &[]).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{email}");
        assert!(page.body.contains("<header"), "the app's own page");
        let response = upload(&app, &client, "x.csv", HEAD.as_bytes().to_vec(), "").await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{email} uploads");
    }
    // A stranger's upload is sent to sign in, and nothing is stored.
    let stranger = app.new_client();
    let form = reqwest::multipart::Form::new().part("file", file_part(HEAD.as_bytes()));
    assert_eq!(
        post_upload(&app, &stranger, form).await,
        StatusCode::SEE_OTHER
    );
    // An admin's form without its anti-forgery token is refused.
    let admin = app.client_as(ADMIN).await;
    let form = reqwest::multipart::Form::new()
        .text("csrf_token", "forged")
        .part("file", file_part(HEAD.as_bytes()));
    assert_eq!(post_upload(&app, &admin, form).await, StatusCode::FORBIDDEN);
    // The token must come first, before the file is read.
    let token = app.csrf(&admin).await;
    let form = reqwest::multipart::Form::new()
        .part("file", file_part(HEAD.as_bytes()))
        .text("csrf_token", token.clone());
    let status = post_upload(&app, &admin, form).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "token after the file");
    let form = reqwest::multipart::Form::new().text("tenant", "");
    let status = post_upload(&app, &admin, form).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "no token at all");
    let stored: i64 = imports::table
        .count()
        .get_result(&mut app.conn())
        .expect("count");
    assert_eq!(stored, 0);
    // Another admin's upload is not the page of a stranger's number.
    let missing = app.get_with(&admin, "/admin/import/999", &[]).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let odd = app.get_with(&admin, "/admin/import/%0D%0Ax", &[]).await;
    assert_eq!(odd.status, StatusCode::NOT_FOUND);

    // Connected to Azure, reservations come from the sync: no form, and
    // an upload is refused.
    let (base, _world) = common::azure_world::start(Vec::new());
    let connected = spawn_connected(&base);
    let admin = connected.client_as(ADMIN).await;
    let page = connected.get_with(&admin, "/admin/import", &[]).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text(".alert-warning").contains("connected to Azure"));
    assert_eq!(page.count("input[type=file]"), 0);
    let response = upload(&connected, &admin, "x.csv", HEAD.as_bytes().to_vec(), "").await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let body = response.text().await.expect("body");
    assert!(body.contains("reservations come from the sync"), "{body}");
}
