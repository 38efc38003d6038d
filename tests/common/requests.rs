//! Walking the support-request wizard, for the tests of requests.

use diesel::prelude::*;
use partner_dashboard::db::schema::reservations;

use super::*;

pub fn customer_of(app: &TestApp, reservation: i64) -> i64 {
    reservations::table
        .find(reservation)
        .select(reservations::customer_id)
        .first(&mut app.conn())
        .expect("customer")
}

pub fn location(r: &reqwest::Response) -> String {
    r.headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}

/// Starts a request and returns the first step's path.
pub async fn start(app: &TestApp, client: &reqwest::Client, guid: &str, kind: &str) -> String {
    let token = app.csrf(client).await;
    let r = app
        .post_form(
            client,
            &format!("/reservations/{guid}/support"),
            &[("csrf_token", &token), ("kind", kind)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "start {kind}");
    let path = location(&r);
    assert!(path.ends_with("/basics"), "{path}");
    path
}

/// Posts a step with Next and returns the response.
pub async fn next(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let token = app.csrf(client).await;
    let mut form = vec![("csrf_token", token.as_str()), ("nav", "next")];
    form.extend_from_slice(fields);
    app.post_form(client, path, &form).await
}

/// Walks a pre-filled refund from Basics to its number.
pub async fn refund_through(app: &TestApp, client: &reqwest::Client, guid: &str) -> String {
    let basics = start(app, client, guid, "Refund").await;
    let r = next(app, client, &basics, &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "basics");
    let problem = location(&r);
    let r = next(
        app,
        client,
        &problem,
        &[("description", "Workload moved to another region.")],
    )
    .await;
    assert_eq!(
        r.status(),
        StatusCode::SEE_OTHER,
        "problem: {}",
        texts(&r.text().await.expect("body"), ".field-error, .alert-error").join(" | ")
    );
    let contact = location(&r);
    let r = next(app, client, &contact, &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "contact");
    let review = location(&r);
    let token = app.csrf(client).await;
    let r = app
        .post_form(
            client,
            &review,
            &[("csrf_token", &token), ("nav", "create")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "create");
    let request = location(&r);
    assert!(request.starts_with("/requests/"), "{request}");
    assert!(
        request.ends_with("?done=created"),
        "{request}: says it was created"
    );
    request
        .trim_start_matches("/requests/")
        .trim_end_matches("?done=created")
        .to_string()
}

/// One form post: by which client, to which URL, with which fields.
pub type Post = (reqwest::Client, String, Vec<(&'static str, String)>);

/// Sends every post at once; each answer's status and `Location`, in the
/// order given.
pub async fn post_all_at_once(posts: Vec<Post>) -> Vec<(reqwest::StatusCode, String)> {
    let tries: Vec<_> = posts
        .into_iter()
        .map(|(client, url, form)| {
            tokio::spawn(async move {
                let response = client.post(url).form(&form).send().await.expect("post");
                (response.status(), location(&response))
            })
        })
        .collect();
    let mut answers = Vec::new();
    for t in tries {
        answers.push(t.await.expect("joined"));
    }
    answers
}
