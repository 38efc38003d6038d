//! Calling the JSON API in the tests: a token for a demo agent, a GET with
//! it, and an answer read as JSON.

use partner_dashboard::app::api_tokens;
use serde_json::Value;

use super::{TestApp, act_as};

/// A token for `email`, made through the use case.
pub fn token_for(app: &TestApp, email: &str) -> String {
    act_as(&mut app.conn(), email, |ctx| {
        api_tokens::create(ctx, "tests", None)
    })
    .secret
}

/// `GET path` with `token`.
pub async fn get(app: &TestApp, token: &str, path: &str) -> reqwest::Response {
    reqwest::Client::new()
        .get(format!("{}{path}", app.address))
        .bearer_auth(token)
        .send()
        .await
        .expect("get")
}

/// The answer's body, as JSON.
pub async fn json(response: reqwest::Response) -> Value {
    response.json().await.expect("json")
}
