//! Who may import reservations from a file (admins only, with the
//! anti-forgery token first in the form, never when connected to Azure),
//! and files refused next to the field with what was typed kept.

mod common;

use common::import::*;
use common::*;
use diesel::prelude::*;
use partner_dashboard::db::schema::{imports, reservation_orders, reservations};
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

#[tokio::test]
async fn files_that_cannot_be_read_are_refused_next_to_the_field_with_what_was_typed_kept() {
    let app = spawn_app().await;
    let admin = app.client_as(ADMIN).await;
    let cases: [(Vec<u8>, &str, &str); 5] = [
        (
            b"Name,Region\n\xff\xfe\n".to_vec(),
            "",
            "The file is not UTF-8 text.",
        ),
        (
            b"Name,Region\nx,y\n".to_vec(),
            "",
            "The file lacks these columns: Customer tenant ID, Reservation ID,",
        ),
        (
            format!("{HEAD}\n\n,,,\n").into_bytes(),
            "",
            "The file has no reservations under its heading row.",
        ),
        (Vec::new(), "", "Choose a CSV file to upload."),
        (
            b"x".to_vec(),
            "not-a-tenant\r\nX: y",
            "Enter the tenant ID as a GUID",
        ),
    ];
    for (bytes, tenant, message) in cases {
        let response = upload(&app, &admin, "file.csv", bytes, tenant).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{message}"
        );
        let page = Page::of(response).await;
        let shown = page.texts(".field-error").join(" ");
        assert!(
            shown.starts_with(message),
            "{shown:?} should say {message:?}"
        );
        // What was typed is kept (HTML reads a CR/LF in a value as LF).
        assert_eq!(
            page.attrs("#import-tenant", "value"),
            [tenant.replace("\r\n", "\n")]
        );
    }
    // A customer chosen for the file must be one of the partner's.
    let response = upload(&app, &admin, "x.csv", HEAD.as_bytes().to_vec(), NEW_TENANT).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = Page::of(response).await;
    assert!(
        page.text("#import-tenant-error")
            .starts_with("No customer has this tenant ID.")
    );
    assert_eq!(
        page.attrs("#import-tenant", "value"),
        [NEW_TENANT.to_string()]
    );
    assert_eq!(
        page.count("#import-file-again"),
        1,
        "told to choose the file again"
    );
    // Too large: refused without being kept whole in memory.
    let huge = vec![b'a'; 64 * 1024 * 1024 + 1];
    let response = upload(&app, &admin, "huge.csv", huge, "").await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = Page::of(response).await;
    assert_eq!(
        page.text(".field-error"),
        "The file is larger than 64 MB. Split it into smaller files."
    );
    // A file for one customer chosen on the form, without a tenant column.
    let (_, tenant, sub) = demo_customer(&app, 3);
    let text = format!(
        "Name,Reservation Id,Reservation order Id,Type,SKU,Region,Quantity,Term,Billing plan,Purchase date,Expiration date,Scope,Scope subscription\n\
         Chosen,{},{},SqlDatabases,SQLDB_GP_Compute_Gen5,eastus,4,3 years,Monthly,11/20/2025,11/20/2028,Single,{sub}\n",
        guid('a', 50),
        guid('b', 50),
    );
    let response = upload(&app, &admin, "one.csv", text.into_bytes(), &tenant).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let path = response.headers()["location"]
        .to_str()
        .expect("location")
        .to_string();
    let done = import(&app, &admin, &path).await;
    assert_eq!(
        done.text("#import-result"),
        "Imported. Reservations added: 1; updated: 0."
    );
    let (owner, term): (i64, String) = reservations::table
        .inner_join(reservation_orders::table)
        .filter(reservations::reservation_guid.eq(guid('a', 50)))
        .select((reservations::customer_id, reservation_orders::term))
        .first(&mut app.conn())
        .expect("imported");
    assert_eq!((owner, term.as_str()), (3, "P3Y"));
}
