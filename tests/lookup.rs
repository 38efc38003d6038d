//! Look-up by reservation ID, order ID or resource path, in every shape.

mod common;

use common::*;
use diesel::prelude::*;
use partner_dashboard::db::schema::{reservation_orders, reservations};
use reqwest::StatusCode;

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// (reservation GUID, its order GUID, how many reservations the order holds)
fn orders(app: &TestApp) -> Vec<(String, String, i64)> {
    let rows: Vec<(String, String, i64)> = reservations::table
        .inner_join(reservation_orders::table)
        .select((
            reservations::reservation_guid,
            reservation_orders::order_guid,
            reservation_orders::id,
        ))
        .load(&mut app.conn())
        .expect("rows");
    rows.iter()
        .map(|(r, o, id)| {
            (
                r.clone(),
                o.clone(),
                rows.iter().filter(|(_, _, other)| other == id).count() as i64,
            )
        })
        .collect()
}

#[tokio::test]
async fn reservation_ids_in_any_shape_lead_to_the_reservation() {
    let app = spawn_app().await;
    app.sign_in(SUPPORT).await;
    let (guid, order, _) = orders(&app)
        .into_iter()
        .find(|(_, _, n)| *n == 1)
        .expect("single order");
    let target = format!("/reservations/{guid}");
    let path =
        format!("/providers/Microsoft.Capacity/reservationOrders/{order}/reservations/{guid}");
    for q in [
        guid.clone(),
        guid.to_uppercase(),
        format!("{{{guid}}}"),
        format!("  {}  ", guid.to_uppercase()),
        path.clone(),
        path.to_lowercase(),
        order.clone(),
        format!("{{{}}}", order.to_uppercase()),
        format!("/providers/Microsoft.Capacity/reservationOrders/{order}"),
    ] {
        let response = app.get_raw(&format!("/lookup?q={}", encode(&q))).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{q}");
        assert_eq!(response.headers()["location"], target.as_str(), "{q}");
    }
}

#[tokio::test]
async fn an_order_with_several_reservations_lists_them() {
    let app = spawn_app().await;
    app.sign_in(HELPDESK).await;
    let (_, order, n) = orders(&app)
        .into_iter()
        .find(|(_, _, n)| *n > 1)
        .expect("split order");
    let response = app
        .get_raw(&format!("/lookup?q={}", order.to_uppercase()))
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let location = response.headers()["location"]
        .to_str()
        .expect("location")
        .to_string();
    assert_eq!(location, format!("/orders/{order}"));
    let page = app.get(&location).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.count("table.data tbody tr") as i64, n);
    assert!(page.body.contains(&order));
}

#[tokio::test]
async fn malformed_and_unknown_ids_get_a_message_with_the_text_kept() {
    let app = spawn_app().await;
    app.sign_in(SALES).await;
    let (guid, _, _) = orders(&app).remove(0);
    let other_order = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    let cases = [
        (
            "6f1c2a9e-3b4d",
            StatusCode::BAD_REQUEST,
            "not a reservation ID",
        ),
        (
            "<script>alert(1)</script>",
            StatusCode::BAD_REQUEST,
            "not a reservation ID",
        ),
        ("   ", StatusCode::BAD_REQUEST, "Enter a reservation ID"),
        (
            "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b",
            StatusCode::NOT_FOUND,
            "No reservation",
        ),
        (
            &*format!(
                "/providers/Microsoft.Capacity/reservationOrders/{other_order}/reservations/{guid}"
            ),
            StatusCode::NOT_FOUND,
            "does not belong",
        ),
    ];
    for (q, status, message) in cases {
        let page = app.get(&format!("/lookup?q={}", encode(q))).await;
        assert_eq!(page.status, status, "{q}");
        assert!(
            page.text("#lookup-error").contains(message),
            "{q}: {}",
            page.text("#lookup-error")
        );
        assert_eq!(
            page.attrs("#lookup-page-q", "value"),
            vec![q.trim().to_string()],
            "typed text kept"
        );
        assert_eq!(
            page.count(".topbar"),
            1,
            "the look-up page, not an error page"
        );
        assert!(!page.body.contains("<script>alert"), "escaped");
    }
    let blank = app.get("/lookup").await;
    assert_eq!(blank.status, StatusCode::OK);
    assert_eq!(blank.count("#lookup-error"), 0);
}
