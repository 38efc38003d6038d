//! The Azure client's manners, against a scripted fake on 127.0.0.1:
//! throttling, expired tokens, server errors and paging as the services'
//! contract describes them.

mod common;

use std::time::{Duration, Instant};

use common::azure_fake::{SCOPE, TENANT, client, script, start};
use partner_dashboard::azure::client::CallError;

#[tokio::test]
async fn a_429_waits_its_retry_after_and_then_reads() {
    let (base, fake) = start();
    script(&fake, &[(429, Some("1"))]);
    let started = Instant::now();
    let read = client(&base)
        .read(&base, &format!("{base}/data"), (TENANT, SCOPE))
        .await;
    assert!(read.is_ok(), "{read:?}");
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "waited Retry-After"
    );
    assert_eq!(fake.reads.lock().expect("lock").len(), 2);
}

#[tokio::test]
async fn an_expired_token_is_renewed_once() {
    let (base, fake) = start();
    script(&fake, &[(401, None)]);
    let c = client(&base);
    let read = c
        .read(&base, &format!("{base}/data"), (TENANT, SCOPE))
        .await;
    assert!(read.is_ok(), "{read:?}");
    assert_eq!(
        *fake.tokens.lock().expect("lock"),
        2,
        "a new token after the 401"
    );
    assert_eq!(
        *fake.reads.lock().expect("lock"),
        ["Bearer token-1", "Bearer token-2"]
    );
    script(&fake, &[(401, None), (401, None)]);
    let refused = c
        .read(&base, &format!("{base}/data"), (TENANT, SCOPE))
        .await;
    assert!(
        matches!(refused, Err(CallError::Refused { status: 401, .. })),
        "a second 401 ends it: {refused:?}"
    );
    assert_eq!(fake.reads.lock().expect("lock").len(), 4);
}

#[tokio::test]
async fn tokens_are_cached_per_tenant_and_scope() {
    let (base, fake) = start();
    let c = client(&base);
    for _ in 0..3 {
        c.read(&base, &format!("{base}/data"), (TENANT, SCOPE))
            .await
            .expect("read");
    }
    assert_eq!(*fake.tokens.lock().expect("lock"), 1);
    c.read(
        &base,
        &format!("{base}/data"),
        (TENANT, "https://api.partnercenter.microsoft.com/.default"),
    )
    .await
    .expect("read");
    assert_eq!(
        *fake.tokens.lock().expect("lock"),
        2,
        "another scope, another token"
    );
}

#[tokio::test]
async fn server_errors_are_tried_again_and_other_refusals_are_not() {
    let (base, fake) = start();
    script(&fake, &[(500, None), (503, None)]);
    let c = client(&base);
    let read = c
        .read(&base, &format!("{base}/data"), (TENANT, SCOPE))
        .await;
    assert!(read.is_ok(), "{read:?}");
    assert_eq!(fake.reads.lock().expect("lock").len(), 3);
    script(&fake, &[(404, None)]);
    let missing = c
        .read(&base, &format!("{base}/data"), (TENANT, SCOPE))
        .await;
    assert!(
        matches!(&missing, Err(CallError::Refused { status: 404, code: Some(code), message }) if code == "Code404" && message == "answer 404"),
        "{missing:?}"
    );
    assert_eq!(fake.reads.lock().expect("lock").len(), 4, "not tried again");
    script(&fake, &[(502, None); 5]);
    let down = c
        .read(&base, &format!("{base}/data"), (TENANT, SCOPE))
        .await;
    assert!(
        matches!(down, Err(CallError::Refused { status: 502, .. })),
        "{down:?}"
    );
    assert_eq!(
        fake.reads.lock().expect("lock").len(),
        9,
        "five tries in all"
    );
}

#[tokio::test]
async fn next_links_are_followed_verbatim_to_the_last_page() {
    let (base, fake) = start();
    let items = client(&base)
        .read_all(
            &base,
            &format!("{base}/pages?api-version=2022-11-01"),
            (TENANT, SCOPE),
        )
        .await
        .expect("pages");
    assert_eq!(items, ["p1a", "p1b", "p2a", "p2b", "p3a", "p3b"]);
    assert_eq!(
        *fake.reads.lock().expect("lock"),
        [
            "api-version=2022-11-01",
            "api-version=2017-11-01&page=2&$skiptoken=a%2Bb",
            "page=3"
        ]
    );
}

#[tokio::test]
async fn partner_center_customers_are_read_across_continuation_pages() {
    let (base, fake) = start();
    let customers = client(&base).partner_customers(2).await.expect("customers");
    let names: Vec<&str> = customers
        .iter()
        .filter_map(|c| c.pointer("/companyProfile/companyName")?.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "Customer 1",
            "Customer 2",
            "Customer 3",
            "Customer 4",
            "Customer 5",
            "Customer 6"
        ]
    );
    assert_eq!(
        *fake.reads.lock().expect("lock"),
        [
            "/v1/customers?size=2 token=",
            "/v1/customers?size=2&seekOperation=Next token=after-page-1",
            "/v1/customers?size=2&seekOperation=Next token=after-page-2",
        ]
    );
}

#[tokio::test]
async fn no_more_than_eight_requests_go_to_one_host_at_once() {
    let (base, fake) = start();
    let c = std::sync::Arc::new(client(&base));
    let reads: Vec<_> = (0..20)
        .map(|_| {
            let (c, base) = (c.clone(), base.clone());
            tokio::spawn(async move {
                c.read(&base, &format!("{base}/slow"), (TENANT, SCOPE))
                    .await
            })
        })
        .collect();
    for read in reads {
        assert!(read.await.expect("joined").is_ok());
    }
    let (now, most) = *fake.in_flight.lock().expect("lock");
    assert_eq!(now, 0);
    assert!(most <= 8, "at most eight at once, saw {most}");
    assert!(most >= 2, "reads do run side by side, saw {most}");
}

#[tokio::test]
async fn a_link_to_another_host_is_not_followed_with_a_token() {
    let (base, _fake) = start();
    let read = client(&base)
        .read_all(&base, &format!("{base}/foreign"), (TENANT, SCOPE))
        .await;
    assert!(
        matches!(&read, Err(CallError::Refused { code: Some(code), message, .. }) if code == "ForeignLink" && message.contains("127.0.0.1.evil.example")),
        "{read:?}"
    );
}
