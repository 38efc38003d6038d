//! Changes sent to Resource Manager and their long-running operations,
//! against a scripted fake on 127.0.0.1.

mod common;

use std::time::{Duration, Instant};

use common::azure_fake::{SCOPE, TENANT, client, start};
use partner_dashboard::azure::client::CallError;
use partner_dashboard::azure::operations::Outcome;
use partner_dashboard::azure::settings::BaseUrl;

async fn patch(base: &BaseUrl, which: &str, limit: Duration) -> Result<Outcome, CallError> {
    client(base)
        .change(
            base,
            (reqwest::Method::PATCH, &format!("{base}/changes/{which}")),
            (TENANT, SCOPE),
            &serde_json::json!({"properties": {"displayName": "renamed"}}),
            limit,
        )
        .await
}

#[tokio::test]
async fn a_change_is_followed_to_the_end_of_its_operation() {
    let (base, fake) = start();
    let outcome = patch(&base, "done", Duration::from_secs(30)).await;
    assert_eq!(
        outcome,
        Ok(Outcome::Succeeded(
            serde_json::json!({"status": "Succeeded"})
        ))
    );
    let reads = fake.reads.lock().expect("lock").clone();
    assert_eq!(
        reads[0],
        r#"PATCH done {"properties":{"displayName":"renamed"}}"#
    );
    assert_eq!(
        reads.iter().filter(|r| *r == "GET operations/done").count(),
        3,
        "polled until Succeeded"
    );
    let located = patch(&base, "location", Duration::from_secs(30)).await;
    assert_eq!(
        located,
        Ok(Outcome::Succeeded(
            serde_json::json!({"properties": {"displayName": "renamed"}})
        )),
        "a Location poll answers 202 while running, then the result"
    );
    let now = patch(&base, "now", Duration::from_secs(30)).await;
    assert!(matches!(now, Ok(Outcome::Succeeded(_))), "{now:?}");
}

#[tokio::test]
async fn a_failed_operation_and_a_refusal_bring_the_services_words() {
    let (base, _fake) = start();
    let failed = patch(&base, "failing", Duration::from_secs(30)).await;
    assert_eq!(
        failed,
        Ok(Outcome::Failed(
            "The reservation cannot be changed while a purchase is pending.".into()
        ))
    );
    let refused = patch(&base, "refused", Duration::from_secs(30)).await;
    assert!(
        matches!(&refused, Err(CallError::Refused { status: 400, code: Some(code), message })
            if code == "InvalidAppliedScope" && message.contains("not valid")),
        "{refused:?}"
    );
}

#[tokio::test]
async fn an_operation_past_the_time_limit_is_reported_as_pending() {
    let (base, fake) = start();
    let started = Instant::now();
    let outcome = patch(&base, "slow", Duration::from_millis(2500)).await;
    assert_eq!(outcome, Ok(Outcome::Pending));
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "stopped at the limit"
    );
    let polls = fake
        .reads
        .lock()
        .expect("lock")
        .iter()
        .filter(|r| *r == "GET operations/slow")
        .count();
    assert_eq!(polls, 2, "every Retry-After (1 s) within the limit");
}
