//! A burst of expensive requests against the real binary: 420 sign-in
//! attempts at once keep the server's memory and threads bounded, and it
//! answers the ones it cannot check in time with 503 and `Retry-After`.

mod common;

use common::process;
use reqwest::StatusCode;

/// A line of `/proc/PID/status` (`VmHWM`, `VmRSS`, `Threads`) as a number.
fn status_field(pid: u32, field: &str) -> u64 {
    let text = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("status");
    text.lines()
        .find_map(|l| l.strip_prefix(&format!("{field}:")))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("{field} in status"))
}

#[tokio::test]
async fn four_hundred_and_twenty_parallel_sign_ins_stay_under_150_mb() {
    let dir = tempfile::tempdir().expect("dir");
    let database = partner_dashboard::db::scratch(dir.path(), "burst.db");
    // Behind a proxy, each attempt from another address: the throttle lets
    // them all through to the password check.
    let (mut server, address) = process::start_with(&database, true, &["--trust-proxy"]);
    let pid = server.id();
    let client = common::client();
    let token = process::sign_in_token(&client, &address).await;
    let mut threads_peak = 0;
    let attempts: Vec<_> = (0..420)
        .map(|i| {
            client
                .post(format!("{address}/sign-in"))
                .header("X-Forwarded-For", format!("10.1.{}.{}", i / 200, i % 200))
                .form(&[
                    ("email", format!("nobody{i}@partner.example")),
                    ("password", "certainly not right".to_string()),
                    ("csrf_token", token.clone()),
                ])
                .send()
        })
        .map(tokio::spawn)
        .collect();
    let mut statuses = Vec::new();
    for attempt in attempts {
        threads_peak = threads_peak.max(status_field(pid, "Threads"));
        let response = attempt.await.expect("task").expect("response");
        if response.status() == StatusCode::SERVICE_UNAVAILABLE {
            assert!(response.headers().contains_key("retry-after"));
        }
        statuses.push(response.status());
    }
    let peak_kib = status_field(pid, "VmHWM");
    let threads = status_field(pid, "Threads");
    server.kill().expect("kill");
    server.wait().expect("wait");
    eprintln!("peak {} MiB, threads {threads_peak}", peak_kib / 1024);
    let answered = |s: StatusCode| statuses.iter().filter(|x| **x == s).count();
    assert_eq!(
        answered(StatusCode::UNAUTHORIZED)
            + answered(StatusCode::TOO_MANY_REQUESTS)
            + answered(StatusCode::SERVICE_UNAVAILABLE),
        420,
        "wrong, waiting or busy, never anything else: {statuses:?}"
    );
    assert!(
        answered(StatusCode::SERVICE_UNAVAILABLE) > 0,
        "more than could be checked in time: {statuses:?}"
    );
    assert!(answered(StatusCode::UNAUTHORIZED) > 0, "some were checked");
    assert!(peak_kib < 150 * 1024, "peak memory {} MiB", peak_kib / 1024);
    assert!(threads_peak.max(threads) < 64, "threads {threads_peak}");
}
