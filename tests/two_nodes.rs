//! Two server nodes on one database: nothing one node needs lives only in
//! the other's memory. A session made on one is used on the other; failed
//! sign-ins spread over both trip the one throttle; parallel approvals over
//! both settle a request once.

mod common;

use common::{PASSWORD, put_draft, put_request, refundable, spawn_app};
use reqwest::StatusCode;

#[tokio::test]
async fn a_session_made_on_one_node_is_used_on_the_other() {
    let a = spawn_app().await;
    let b = a.restart();
    a.sign_in("admin@partner.example").await;
    let page = b.get("/customers").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text("main").contains("Customers"));
    // Signing out on B ends it on A too.
    let csrf = b.csrf(&b.client).await;
    let out = b
        .post_form(&b.client, "/sign-out", &[("csrf_token", &csrf)])
        .await;
    assert_eq!(out.status(), StatusCode::SEE_OTHER);
    let after = a.get_raw("/customers").await;
    assert_eq!(
        after.status(),
        StatusCode::SEE_OTHER,
        "signed out everywhere"
    );
}

#[tokio::test]
async fn failed_sign_ins_spread_over_both_nodes_trip_one_throttle() {
    let a = spawn_app().await;
    let b = a.restart();
    for n in 0..10 {
        let node = if n % 2 == 0 { &a } else { &b };
        let client = node.new_client();
        let response = node
            .post_sign_in(&client, "admin@partner.example", "Wrong-password-123")
            .await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "attempt {n}");
    }
    for node in [&a, &b] {
        let client = node.new_client();
        let response = node
            .post_sign_in(&client, "admin@partner.example", PASSWORD)
            .await;
        assert_eq!(
            response.status(),
            StatusCode::TOO_MANY_REQUESTS,
            "the eleventh waits on either node"
        );
        assert!(response.headers().contains_key("retry-after"));
    }
}

#[tokio::test]
async fn twenty_approvals_over_both_nodes_settle_a_refund_once() {
    let a = spawn_app().await;
    let b = a.restart();
    let (row, _) = refundable(&a, 0);
    let draft = put_draft(&a, "admin@partner.example", row, "Refund", "two-nodes");
    put_request(&a, draft, "REQ-TWO-1", "Refund");
    let on_a = a.client_as("support@partner.example").await;
    let on_b = b.client_as("support@partner.example").await;
    let (csrf_a, csrf_b) = (a.csrf(&on_a).await, b.csrf(&on_b).await);
    // Spread over both nodes, each post with its node's anti-forgery token.
    let posts = (0..20)
        .map(|n| {
            let (client, base, csrf) = if n % 2 == 0 {
                (on_a.clone(), &a.address, &csrf_a)
            } else {
                (on_b.clone(), &b.address, &csrf_b)
            };
            (
                client,
                format!("{base}/requests/REQ-TWO-1/approve"),
                vec![
                    ("csrf_token", csrf.clone()),
                    ("confirmed", "yes".to_string()),
                ],
            )
        })
        .collect();
    let approved = common::requests::post_all_at_once(posts)
        .await
        .into_iter()
        .filter(|(_, location)| location.ends_with("done=approved"))
        .count();
    assert_eq!(approved, 1);
    let booked: i64 = {
        use diesel::prelude::*;
        partner_dashboard::db::schema::refunds::table
            .count()
            .get_result(&mut a.conn())
            .expect("count")
    };
    assert_eq!(booked, 1, "one refund booked");
}
