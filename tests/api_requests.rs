//! Support requests through the JSON API: creation with the wizard's
//! checks and an Idempotency-Key (thirty identical calls at once make one
//! request), refusals by the fields and the policy, and settlement.

mod common;

use common::api::{get, json, token_for};
use common::*;
use reqwest::StatusCode;
use serde_json::Value;

async fn post_json(
    app: &TestApp,
    token: &str,
    path: &str,
    body: &Value,
    key: Option<&str>,
) -> reqwest::Response {
    let mut request = reqwest::Client::new()
        .post(format!("{}{path}", app.address))
        .bearer_auth(token)
        .json(body);
    if let Some(key) = key {
        request = request.header("idempotency-key", key);
    }
    request.send().await.expect("post")
}

#[tokio::test]
async fn a_refund_asked_thirty_times_at_once_with_one_key_is_one_request_and_support_settles_it() {
    let app = spawn_app().await;
    let helpdesk = token_for(&app, HELPDESK);
    let (_, guid) = refundable(&app, 0);
    let body = serde_json::json!({
        "reservation_id": guid,
        "kind": "Refund",
        "description": "Workload moved to another region.",
    });
    let address = app.address.clone();
    let answers = futures_join((0..30).map(|_| {
        let (address, helpdesk, body) = (address.clone(), helpdesk.clone(), body.clone());
        async move {
            let r = reqwest::Client::new()
                .post(format!("{address}/api/v1/requests"))
                .bearer_auth(&helpdesk)
                .header("idempotency-key", "order-4711")
                .json(&body)
                .send()
                .await
                .expect("post");
            let status = r.status();
            (status, r.json::<Value>().await.expect("json"))
        }
    }))
    .await;
    let created: Vec<_> = answers
        .iter()
        .filter(|(s, _)| *s == StatusCode::CREATED)
        .collect();
    assert_eq!(created.len(), 1, "{answers:?}");
    let number = created[0].1["number"].as_str().expect("number").to_string();
    for (status, body) in &answers {
        match *status {
            StatusCode::CREATED | StatusCode::OK => assert_eq!(body["number"], number.as_str()),
            StatusCode::CONFLICT => assert_eq!(body["error"]["code"], "in_progress"),
            other => panic!("{other}: {body}"),
        }
    }
    assert_eq!(created[0].1["status"], "Open");
    assert_eq!(created[0].1["kind"], "Refund");
    // The same key later: the same request.
    let r = post_json(
        &app,
        &helpdesk,
        "/api/v1/requests",
        &body,
        Some("order-4711"),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(json(r).await["number"], number.as_str());
    // The same key with another body: refused, not taken for the first.
    let other = serde_json::json!({
        "reservation_id": guid,
        "kind": "Refund",
        "description": "Something else entirely.",
    });
    let r = post_json(
        &app,
        &helpdesk,
        "/api/v1/requests",
        &other,
        Some("order-4711"),
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(json(r).await["error"]["code"], "idempotency_mismatch");
    // Another key: one refund open at a time, said so.
    let r = post_json(
        &app,
        &helpdesk,
        "/api/v1/requests",
        &body,
        Some("order-4712"),
    )
    .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let refusal = json(r).await;
    assert_eq!(refusal["error"]["code"], "already_open");
    assert!(
        refusal["error"]["message"]
            .as_str()
            .expect("message")
            .contains(&number)
    );

    // Sales may not ask (the refusal audited as theirs); Support settles.
    let sales = token_for(&app, SALES);
    let audited_before = audited(&app, "api-called");
    let r = post_json(&app, &sales, "/api/v1/requests", &body, None).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(audited(&app, "api-called"), audited_before + 1);
    let support = token_for(&app, SUPPORT);
    let r = post_json(
        &app,
        &helpdesk,
        &format!("/api/v1/requests/{number}/approve"),
        &Value::Null,
        None,
    )
    .await;
    assert_eq!(
        r.status(),
        StatusCode::FORBIDDEN,
        "Helpdesk does not settle"
    );
    let r = post_json(
        &app,
        &support,
        &format!("/api/v1/requests/{number}/approve"),
        &Value::Null,
        None,
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    let approved = json(r).await;
    assert_eq!(approved["status"], "Approved");
    assert_eq!(approved["decided_by"], SUPPORT);
    // Twice: refused, in JSON, with the reason.
    let r = post_json(
        &app,
        &support,
        &format!("/api/v1/requests/{number}/approve"),
        &Value::Null,
        None,
    )
    .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert_eq!(json(r).await["error"]["code"], "refused");
}

#[tokio::test]
async fn a_request_the_policy_or_the_fields_refuse_is_not_created_and_says_why() {
    let app = spawn_app().await;
    let helpdesk = token_for(&app, HELPDESK);
    let (_, guid) = refundable(&app, 1);
    // No description: the field is named, nothing is kept.
    let r = post_json(
        &app,
        &helpdesk,
        "/api/v1/requests",
        &serde_json::json!({"reservation_id": guid, "kind": "Refund", "description": ""}),
        Some("k1"),
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = json(r).await;
    assert_eq!(body["error"]["code"], "invalid");
    let fields = body["error"]["fields"].as_array().expect("fields");
    assert!(
        fields
            .iter()
            .any(|f| f["field"] == "description"
                && f["message"].as_str().is_some_and(|m| !m.is_empty())),
        "{body}"
    );
    // The key is free again, and no draft is left behind.
    let r = post_json(
        &app,
        &helpdesk,
        "/api/v1/requests",
        &serde_json::json!({"reservation_id": guid, "kind": "Refund", "description": "Moved away."}),
        Some("k1"),
    )
    .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let number = json(r).await["number"]
        .as_str()
        .expect("number")
        .to_string();
    // Rejected with a reason through the API.
    let support = token_for(&app, SUPPORT);
    let r = post_json(
        &app,
        &support,
        &format!("/api/v1/requests/{number}/reject"),
        &serde_json::json!({"reason": ""}),
        None,
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = post_json(
        &app,
        &support,
        &format!("/api/v1/requests/{number}/reject"),
        &serde_json::json!({"reason": "Outside the agreement."}),
        None,
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    let rejected = json(r).await;
    assert_eq!(
        (rejected["status"].as_str(), rejected["reason"].as_str()),
        (Some("Rejected"), Some("Outside the agreement."))
    );
    // An unknown reservation, a bad kind: refused.
    let r = post_json(
        &app,
        &helpdesk,
        "/api/v1/requests",
        &serde_json::json!({"reservation_id": "00000000-0000-0000-0000-000000000000", "kind": "Refund", "description": "x"}),
        None,
    )
    .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let r = post_json(
        &app,
        &helpdesk,
        "/api/v1/requests",
        &serde_json::json!({"reservation_id": guid, "kind": "Other", "description": "x"}),
        None,
    )
    .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let list = json(get(&app, &helpdesk, "/api/v1/requests?status=Rejected").await).await;
    assert!(
        list["items"]
            .as_array()
            .expect("items")
            .iter()
            .any(|r| r["number"] == number.as_str())
    );
}
