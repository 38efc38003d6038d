//! The JSON API's contract: the rate limit per token, and the OpenAPI
//! document, which lists every API route and only those.

mod common;

use std::collections::{BTreeSet, HashSet};

use common::api::{get, json, token_for};
use common::*;
use partner_dashboard::web::api::API_ROUTES;
use reqwest::StatusCode;

#[tokio::test]
async fn a_token_past_its_limit_waits_with_429_and_retry_after() {
    let app = spawn_app_with_config(|config| config.api_calls_per_minute = 5).await;
    let secret = token_for(&app, SALES);
    for _ in 0..5 {
        assert_eq!(
            get(&app, &secret, "/api/v1/customers").await.status(),
            StatusCode::OK
        );
    }
    let r = get(&app, &secret, "/api/v1/customers").await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = r.headers()["retry-after"]
        .to_str()
        .expect("text")
        .parse()
        .expect("seconds");
    assert!((1..=60).contains(&wait));
    assert_eq!(json(r).await["error"]["code"], "rate_limited");
    // Another token is counted apart.
    let other = token_for(&app, SALES);
    assert_eq!(
        get(&app, &other, "/api/v1/customers").await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn the_openapi_document_lists_every_route_and_only_those() {
    let app = spawn_app().await;
    let r = reqwest::Client::new()
        .get(format!("{}/api/v1/openapi.json", app.address))
        .send()
        .await
        .expect("document");
    assert_eq!(r.status(), StatusCode::OK);
    let doc = json(r).await;
    assert!(doc["openapi"].as_str().expect("version").starts_with("3.1"));
    let documented: BTreeSet<(String, String)> = doc["paths"]
        .as_object()
        .expect("paths")
        .iter()
        .flat_map(|(path, item)| {
            item.as_object()
                .expect("operations")
                .keys()
                .map(move |method| (method.clone(), path.clone()))
        })
        .collect();
    let declared: BTreeSet<(String, String)> = API_ROUTES
        .iter()
        .map(|r| (r.method.to_string(), r.path.to_string()))
        .collect();
    assert_eq!(documented, declared);
    assert!(doc["components"]["securitySchemes"]["token"].is_object());
    let schemas: HashSet<&str> = doc["components"]["schemas"]
        .as_object()
        .expect("schemas")
        .keys()
        .map(String::as_str)
        .collect();
    assert!(schemas.contains("ErrorBody") && schemas.contains("ReservationItem"));
}
