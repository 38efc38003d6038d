//! Recommendations through the pages: an under-used reservation gets an
//! exchange for fewer units with its quote, whose button starts the wizard
//! with the suggestion filled in; one that cannot be exchanged smaller gets
//! a refund with the allowance left; a fully used one expiring soon gets
//! "renew"; a dismissed one stays dismissed with who dismissed it.

mod common;

use common::*;
use diesel::prelude::*;
use partner_dashboard::db::schema::{
    audit_log, request_drafts, reservation_orders, reservation_utilization, reservations,
    support_requests,
};
use reqwest::StatusCode;

/// A one-year virtual-machine reservation in force with no open request:
/// (row, ID).
fn one(app: &TestApp, n: usize) -> (i64, String) {
    let open: Vec<i64> = support_requests::table
        .filter(support_requests::status.eq("Open"))
        .select(support_requests::reservation_id)
        .load(&mut app.conn())
        .expect("open");
    let all: Vec<(i64, String)> = reservations::table
        .inner_join(reservation_orders::table)
        .filter(reservations::provisioning_state.eq("Succeeded"))
        .filter(reservations::expiry_date.gt(today() + chrono::Days::new(60)))
        .filter(reservations::resource_type.eq("VirtualMachines"))
        .filter(reservation_orders::term.eq("P1Y"))
        .filter(reservations::id.ne_all(open))
        .order(reservations::id)
        .select((reservations::id, reservations::reservation_guid))
        .load(&mut app.conn())
        .expect("reservations");
    all[n].clone()
}

/// Gives reservation `row` this quantity, expiry (days from today), use
/// over the last 30 days (tenths of a percent) and no auto-renew.
fn shape(app: &TestApp, row: i64, quantity: i32, days_left: u64, permille: i32) {
    shape_in(&mut app.conn(), row, (quantity, days_left, permille));
}

fn shape_in(
    conn: &mut partner_dashboard::db::Conn,
    row: i64,
    (quantity, days_left, permille): (i32, u64, i32),
) {
    let expiry = today() + chrono::Days::new(days_left);
    diesel::update(reservations::table.find(row))
        .set((
            reservations::quantity.eq(quantity),
            reservations::expiry_date.eq(expiry),
            reservations::effective_date.eq(expiry - chrono::Days::new(365)),
            reservations::purchase_date.eq(expiry - chrono::Days::new(365)),
            reservations::renew.eq(false),
        ))
        .execute(conn)
        .expect("shape");
    diesel::update(
        reservation_utilization::table.filter(reservation_utilization::reservation_id.eq(row)),
    )
    .set(reservation_utilization::permille.eq(permille))
    .execute(conn)
    .expect("use");
}

#[tokio::test]
async fn an_under_used_reservation_is_advised_fewer_units_and_the_button_fills_the_wizard() {
    let app = spawn_app().await;
    let sales = app.client_as(ADMIN).await;
    let csrf = app.csrf(&sales).await;
    let (row, guid) = one(&app, 0);
    // 10 units used 10%: one unit would do; near the end of its term, the
    // value returned covers a new one-unit reservation.
    shape(&app, row, 10, 33, 100);
    let path = format!("/reservations/{guid}/recommendations");
    let page = app.get_with(&sales, &path, &[]).await;
    assert_eq!(page.status, 200);
    assert_eq!(page.text("#advice-heading"), "Exchange for fewer units");
    let reasoning = page.text("#advice-reasoning");
    assert!(reasoning.contains("10.0% on average"), "{reasoning}");
    assert!(
        reasoning.contains("One unit would have covered that use."),
        "{reasoning}"
    );
    assert!(reasoning.contains("is paid on top"), "{reasoning}");
    assert_eq!(
        page.attrs("#recommendation input[name=new_quantity]", "value"),
        vec!["1".to_string()]
    );

    // The Exchange button starts the wizard with the suggestion in it.
    let fields: Vec<(String, String)> =
        ["kind", "new_sku", "new_region", "new_term", "new_quantity"]
            .iter()
            .map(|n| {
                (
                    n.to_string(),
                    page.attrs(&format!("#recommendation input[name={n}]"), "value")[0].clone(),
                )
            })
            .chain([("csrf_token".to_string(), csrf.clone())])
            .collect();
    let started = sales
        .post(format!("{}/reservations/{guid}/support", app.address))
        .form(&fields)
        .send()
        .await
        .expect("start");
    assert_eq!(started.status(), StatusCode::SEE_OTHER);
    let data: String = request_drafts::table
        .filter(request_drafts::reservation_id.eq(row))
        .select(request_drafts::data)
        .first(&mut app.conn())
        .expect("draft");
    let draft: serde_json::Value = serde_json::from_str(&data).expect("json");
    assert_eq!(draft["new_quantity"], "1");
    assert_eq!(draft["new_term"], "P1Y");
    let problem = started.headers()["location"]
        .to_str()
        .expect("location")
        .replace("/basics", "/problem");
    let step = app.get_with(&sales, &problem, &[]).await;
    assert_eq!(
        step.attrs("[name=new_quantity]", "value"),
        vec!["1".to_string()]
    );

    // Dismissed: it stays dismissed, with who did it; once in the log.
    for _ in 0..2 {
        let dismissed = app
            .post_form(
                &sales,
                &format!("{path}/dismiss"),
                &[("csrf_token", &csrf), ("kind", "Exchange")],
            )
            .await;
        assert_eq!(dismissed.status(), StatusCode::SEE_OTHER);
    }
    let page = app.get_with(&sales, &path, &[]).await;
    assert!(page.text("#advice-dismissed").contains(ADMIN));
    assert_eq!(page.count("#advice-dismiss"), 0);
    let audited: i64 = audit_log::table
        .filter(audit_log::action.eq("recommendation-dismissed"))
        .count()
        .get_result(&mut app.conn())
        .expect("audit");
    assert_eq!(audited, 1);
    let odd = app
        .post_form(
            &sales,
            &format!("{path}/dismiss"),
            &[("csrf_token", &csrf), ("kind", "Exchange\r\n")],
        )
        .await;
    assert_eq!(odd.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_single_unit_under_used_is_advised_a_refund_and_a_fully_used_one_a_renewal() {
    let app = spawn_app().await;
    let sales = app.client_as(ADMIN).await;
    let (row, guid) = one(&app, 1);
    shape(&app, row, 1, 200, 200);
    let page = app
        .get_with(
            &sales,
            &format!("/reservations/{guid}/recommendations"),
            &[],
        )
        .await;
    assert_eq!(page.text("#advice-heading"), "Refund");
    assert!(
        page.text("#advice-reasoning")
            .contains("refund allowance would go from")
    );
    assert_eq!(page.count("#advice-refund"), 1);

    let (row, guid) = one(&app, 2);
    shape(&app, row, 4, 45, 990);
    let page = app
        .get_with(
            &sales,
            &format!("/reservations/{guid}/recommendations"),
            &[],
        )
        .await;
    assert_eq!(page.text("#advice-heading"), "Renew");
    assert!(
        page.text("#advice-reasoning")
            .contains("expires in 45 days")
    );
    assert_eq!(
        page.attrs("#advice-renew", "href"),
        vec![format!("/reservations/{guid}/configuration")]
    );

    // Healthy use: nothing to advise.
    let (row, guid) = one(&app, 3);
    shape(&app, row, 4, 200, 800);
    let page = app
        .get_with(
            &sales,
            &format!("/reservations/{guid}/recommendations"),
            &[],
        )
        .await;
    assert_eq!(page.count("#advice-none"), 1);
}

#[tokio::test]
async fn the_home_tile_counts_recommendations_nobody_dismissed() {
    let mut chosen = None;
    let app = spawn_app_with(|conn| {
        partner_dashboard::seed::demo(conn, pinned()).expect("demo data");
        let (row, guid): (i64, String) = reservations::table
            .filter(reservations::provisioning_state.eq("Succeeded"))
            .filter(reservations::expiry_date.gt(today() + chrono::Days::new(60)))
            .order(reservations::id.desc())
            .select((reservations::id, reservations::reservation_guid))
            .first(conn)
            .expect("reservation");
        shape_in(conn, row, (4, 40, 1000));
        chosen = Some(guid);
    })
    .await;
    let guid = chosen.expect("chosen");
    let admin = app.client_as(ADMIN).await;
    let csrf = app.csrf(&admin).await;
    let count = |page: &Page| {
        page.text("#tile-recommended .tile-value")
            .replace(',', "")
            .parse::<i64>()
            .expect("a count")
    };
    let home = app.get_with(&admin, "/", &[]).await;
    let before = count(&home);
    assert!(before >= 1);
    let list = app.get_with(&admin, "/reservations/recommended", &[]).await;
    assert!(
        list.text("thead").contains("30-day utilization"),
        "{}",
        list.text("thead")
    );
    assert!(listed(&app, &admin, &guid).await);
    let dismissed = app
        .post_form(
            &admin,
            &format!("/reservations/{guid}/recommendations/dismiss"),
            &[("csrf_token", &csrf), ("kind", "Renew")],
        )
        .await;
    assert_eq!(dismissed.status(), StatusCode::SEE_OTHER);
    assert!(!listed(&app, &admin, &guid).await);
    assert_eq!(count(&app.get_with(&admin, "/", &[]).await), before - 1);
}

/// Whether any page of the recommended list links to reservation `guid`.
async fn listed(app: &TestApp, client: &reqwest::Client, guid: &str) -> bool {
    for page in 1..100 {
        let list = app
            .get_with(
                client,
                &format!("/reservations/recommended?page={page}"),
                &[],
            )
            .await;
        if list.body.contains(&format!("/reservations/{guid}")) {
            return true;
        }
        if list.count("tbody tr") == 0 || list.count("a[rel=next]") == 0 {
            return false;
        }
    }
    false
}

#[tokio::test]
async fn a_single_unit_used_little_is_advised_a_smaller_size_that_fills_the_wizard() {
    let app = spawn_app().await;
    let admin = app.client_as(ADMIN).await;
    let (row, guid) = one(&app, 3);
    // One D4s v5 in West Europe, used 40% near the end of its year: one D2s
    // v5 (half its price) would have covered that use.
    diesel::update(reservations::table.find(row))
        .set((
            reservations::sku.eq("Standard_D4s_v5"),
            reservations::region.eq("westeurope"),
        ))
        .execute(&mut app.conn())
        .expect("a D4s");
    diesel::sql_query(format!(
        "UPDATE reservations SET purchase_price = '1324.51' WHERE id = {row}"
    ))
    .execute(&mut app.conn())
    .expect("its price");
    shape(&app, row, 1, 30, 400);
    let page = app
        .get_with(
            &admin,
            &format!("/reservations/{guid}/recommendations"),
            &[],
        )
        .await;
    assert_eq!(page.text("#advice-heading"), "Exchange for a smaller size");
    let reasoning = page.text("#advice-reasoning");
    assert!(
        reasoning.contains("One unit of D2s v5 (2 vCPU, 8 GiB) (Standard_D2s_v5)"),
        "{reasoning}"
    );
    assert!(reasoning.contains("is paid on top"), "{reasoning}");
    assert_eq!(
        page.attrs("form input[name=new_sku]", "value"),
        vec!["Standard_D2s_v5".to_string()]
    );
    assert_eq!(
        page.attrs("form input[name=new_quantity]", "value"),
        vec!["1".to_string()]
    );
    // Its button starts the wizard with that size filled in.
    let csrf = app.csrf(&admin).await;
    let fields: Vec<(String, String)> =
        ["kind", "new_sku", "new_region", "new_term", "new_quantity"]
            .iter()
            .map(|n| {
                (
                    n.to_string(),
                    page.attrs(&format!("#recommendation input[name={n}]"), "value")[0].clone(),
                )
            })
            .chain([("csrf_token".to_string(), csrf)])
            .collect();
    let started = admin
        .post(format!("{}/reservations/{guid}/support", app.address))
        .form(&fields)
        .send()
        .await
        .expect("start");
    assert_eq!(started.status(), StatusCode::SEE_OTHER);
    let data: String = request_drafts::table
        .filter(request_drafts::reservation_id.eq(row))
        .select(request_drafts::data)
        .first(&mut app.conn())
        .expect("draft");
    let draft: serde_json::Value = serde_json::from_str(&data).expect("json");
    assert_eq!(draft["new_sku"], "Standard_D2s_v5");
    assert_eq!(draft["new_quantity"], "1");
}
