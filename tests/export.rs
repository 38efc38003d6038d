//! The CSV export of every reservation: streamed in batches, filtered,
//! in the reader's language, and safe to open in a spreadsheet.

mod common;

use common::*;
use diesel::prelude::*;
use partner_dashboard::db::schema::reservations;
use reqwest::StatusCode;

const AGENT: &str = "sales@partner.example";

/// 300 customers (about 3,000 reservations: three batches and a part),
/// with the seed's agents.
async fn book() -> TestApp {
    spawn_app_with(|conn| {
        partner_dashboard::seed::bulk(conn, 300, 7, pinned()).expect("seed");
    })
    .await
}

/// The export's records (heading first) and its response headers.
async fn export(
    app: &TestApp,
    client: &reqwest::Client,
    query: &str,
    lang: &str,
) -> (StatusCode, reqwest::header::HeaderMap, Vec<Vec<String>>) {
    let response = client
        .get(format!("{}/reservations/export.csv{query}", app.address))
        .header("Accept-Language", lang)
        .send()
        .await
        .expect("export");
    let (status, headers) = (response.status(), response.headers().clone());
    let body = response.bytes().await.expect("body");
    let records = csv::Reader::from_reader(&body[..])
        .into_records()
        .map(|r| r.expect("a CSV record").iter().map(String::from).collect())
        .collect();
    let heading = csv::Reader::from_reader(&body[..])
        .headers()
        .map(|h| h.iter().map(String::from).collect())
        .unwrap_or_default();
    let mut all = vec![heading];
    all.extend::<Vec<Vec<String>>>(records);
    (status, headers, all)
}

#[tokio::test]
async fn the_export_holds_every_reservation_once_in_order_of_the_filter() {
    let app = book().await;
    let agent = app.client_as(AGENT).await;
    let (status, headers, records) = export(&app, &agent, "", "en").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-type"], "text/csv; charset=utf-8");
    assert!(
        headers["content-disposition"]
            .to_str()
            .expect("ascii")
            .starts_with("attachment; filename=\"reservations-2026-11-25.csv\"")
    );
    assert_eq!(records[0][0], "Customer");
    assert_eq!(records[0].len(), 15);
    let stored: Vec<String> = reservations::table
        .order(reservations::id)
        .select(reservations::reservation_guid)
        .load(&mut app.conn())
        .expect("ids");
    assert!(
        stored.len() > 2_000,
        "more than two batches: {}",
        stored.len()
    );
    let exported: Vec<String> = records[1..].iter().map(|r| r[2].clone()).collect();
    assert_eq!(exported, stored, "every reservation once, in row order");

    // A region and a status narrow it to exactly the matching rows.
    let region: String = reservations::table
        .select(reservations::region)
        .first(&mut app.conn())
        .expect("a region");
    let in_region: i64 = reservations::table
        .filter(reservations::region.eq(&region))
        .filter(reservations::provisioning_state.eq("Cancelled"))
        .count()
        .get_result(&mut app.conn())
        .expect("count");
    let (status, _, records) = export(
        &app,
        &agent,
        &format!("?status=cancelled&region={region}"),
        "en",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(records.len() as i64 - 1, in_region);
    assert!(
        records[1..]
            .iter()
            .all(|r| r[7] == region && r[13] == "Cancelled")
    );
}

#[tokio::test]
async fn the_export_speaks_the_readers_language_and_keeps_formulas_inert() {
    let app = book().await;
    let agent = app.client_as(AGENT).await;
    let first: i64 = reservations::table
        .select(reservations::id)
        .order(reservations::id)
        .first(&mut app.conn())
        .expect("a reservation");
    diesel::update(reservations::table.find(first))
        .set(reservations::display_name.eq("=HYPERLINK(\"http://evil.example\")"))
        .execute(&mut app.conn())
        .expect("rename");
    let (_, _, records) = export(&app, &agent, "", "pt-BR").await;
    assert_eq!(records[0][0], "Cliente");
    assert_eq!(records[1][4], "'=HYPERLINK(\"http://evil.example\")");
    assert!(["Sim", "Não"].contains(&records[1][14].as_str()));
}

#[tokio::test]
async fn a_bad_filter_is_refused_with_the_apps_own_page() {
    let app = book().await;
    let agent = app.client_as(AGENT).await;
    for query in ["?status=soon", "?region=west%20europe", "?region=%0d%0aX:1"] {
        let page = app
            .get_with(&agent, &format!("/reservations/export.csv{query}"), &[])
            .await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{query}");
        assert!(page.body.contains("<main"), "{query}: the app's page");
    }
}
