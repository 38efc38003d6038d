//! Importing reservations in the tests: a file's rows in the portal's
//! columns, its upload through the form, and its import to the end.

use diesel::prelude::*;
use partner_dashboard::db::schema::{customers, reservation_orders, reservations, subscriptions};
use reqwest::StatusCode;

use super::{Page, TestApp};

/// The Azure portal's headings, with the customer's columns first.
pub const HEAD: &str = "Customer tenant ID,Customer,Reservation Id,Reservation order Id,Name,Type,SKU,Region,Quantity,Term,Billing plan,Purchase date,Expiration date,Applied scopes,Billing subscription,Auto-renew,Status,Purchase price,Currency";

/// A new customer's tenant, and a subscription of theirs.
pub const NEW_TENANT: &str = "7d3e1f20-4a5b-4c6d-8e9f-0a1b2c3d4e5f";
pub const NEW_SUB: &str = "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e";

/// The `n`th GUID of a family (`a` for reservations, `b` for orders).
pub fn guid(family: char, n: usize) -> String {
    format!("{0}{0}{0}{0}{0}{0}{0}{0}-0000-4000-8000-{n:012}", family)
}

/// One row for `tenant`: reservation `n` of order `order`, scoped to
/// `scope`, billed to `billing`.
pub fn row(
    tenant: &str,
    customer: &str,
    n: usize,
    order: usize,
    scope: &str,
    billing: &str,
) -> String {
    format!(
        "{tenant},{customer},{},{},Imported {n},VirtualMachines,Standard_D2s_v3,West Europe,{},P1Y,Upfront,2026-03-0{},2027-03-0{},{scope},{billing},No,Succeeded,{}.25,USD",
        guid('a', n),
        guid('b', order),
        1 + n % 3,
        1 + order % 8,
        1 + order % 8,
        100 + n,
    )
}

/// A customer of the demo: (row ID, tenant, one of their subscriptions).
pub fn demo_customer(app: &TestApp, id: i64) -> (i64, String, String) {
    let mut conn = app.conn();
    let tenant: String = customers::table
        .find(id)
        .select(customers::tenant_id)
        .first(&mut conn)
        .expect("customer");
    let sub: String = subscriptions::table
        .filter(subscriptions::customer_id.eq(id))
        .select(subscriptions::subscription_guid)
        .first(&mut conn)
        .expect("subscription");
    (id, tenant, sub)
}

/// Reservations, orders and customers stored.
pub fn counts(app: &TestApp) -> (i64, i64, i64) {
    let mut conn = app.conn();
    (
        reservations::table
            .count()
            .get_result(&mut conn)
            .expect("count"),
        reservation_orders::table
            .count()
            .get_result(&mut conn)
            .expect("count"),
        customers::table
            .count()
            .get_result(&mut conn)
            .expect("count"),
    )
}

/// Uploads `bytes` as `name` with the form's tenant field.
pub async fn upload(
    app: &TestApp,
    client: &reqwest::Client,
    name: &str,
    bytes: Vec<u8>,
    tenant: &str,
) -> reqwest::Response {
    let token = app.csrf(client).await;
    let form = reqwest::multipart::Form::new()
        .text("csrf_token", token)
        .text("tenant", tenant.to_string())
        .part(
            "file",
            reqwest::multipart::Part::bytes(bytes)
                .file_name(name.to_string())
                .mime_str("text/csv")
                .expect("mime"),
        );
    client
        .post(format!("{}/admin/import", app.address))
        .multipart(form)
        .send()
        .await
        .expect("upload")
}

/// Uploads a file that must be taken; the path of its preview.
pub async fn preview_of(app: &TestApp, client: &reqwest::Client, text: &str) -> String {
    let response = upload(
        app,
        client,
        "reservations.csv",
        text.as_bytes().to_vec(),
        "",
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "upload taken");
    let location = response.headers()["location"]
        .to_str()
        .expect("location")
        .to_string();
    assert!(location.starts_with("/admin/import/"), "{location}");
    location
}

/// Starts the import on its preview page, and waits for its result.
pub async fn import(app: &TestApp, client: &reqwest::Client, path: &str) -> Page {
    let token = app.csrf(client).await;
    let response = app.post_form(client, path, &[("csrf_token", &token)]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "import started");
    finished(app, client, path).await
}

/// The upload's page once its import ended.
pub async fn finished(app: &TestApp, client: &reqwest::Client, path: &str) -> Page {
    for _ in 0..600 {
        let page = app.get_with(client, path, &[]).await;
        if page.count("#import-result") + page.count("#import-failure") > 0 {
            return page;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the import of {path} never ended");
}

/// A file of reservations 1 to `rows` of the new customer, scoped to its
/// subscription, the `n`th in order `order(n)`.
pub fn new_customer_file(rows: usize, order: impl Fn(usize) -> usize) -> String {
    let scope = format!("/subscriptions/{NEW_SUB}");
    [HEAD.to_string()]
        .into_iter()
        .chain((1..=rows).map(|n| row(NEW_TENANT, "Imported Co", n, order(n), &scope, "")))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A file part holding `bytes`.
pub fn file_part(bytes: &[u8]) -> reqwest::multipart::Part {
    reqwest::multipart::Part::bytes(bytes.to_vec()).file_name("x.csv")
}

/// Posts `form` to the upload as `client`; the answer's status.
pub async fn post_upload(
    app: &TestApp,
    client: &reqwest::Client,
    form: reqwest::multipart::Form,
) -> StatusCode {
    client
        .post(format!("{}/admin/import", app.address))
        .multipart(form)
        .send()
        .await
        .expect("post")
        .status()
}
