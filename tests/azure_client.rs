//! The Azure client's manners, against a scripted fake on 127.0.0.1:
//! throttling, expired tokens, server errors and paging as the services'
//! contract describes them.

use std::collections::VecDeque;
use std::net::TcpListener;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use partner_dashboard::azure::client::{CallError, Client, RetryPolicy};
use partner_dashboard::azure::settings::{AzureArgs, BaseUrl};

const TENANT: &str = "6f1c0a2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b";
const SCOPE: &str = "https://management.azure.com/.default";

/// Scripted answers for `/data`, and what the fake received.
#[derive(Default)]
struct Fake {
    script: Mutex<VecDeque<(u16, Option<&'static str>)>>,
    tokens: Mutex<u32>,
    reads: Mutex<Vec<String>>,
}

async fn token(fake: web::Data<Fake>) -> HttpResponse {
    let mut n = fake.tokens.lock().expect("lock");
    *n += 1;
    HttpResponse::Ok().json(serde_json::json!({
        "token_type": "Bearer", "expires_in": 3599, "access_token": format!("token-{n}")
    }))
}

async fn data(fake: web::Data<Fake>, req: HttpRequest) -> HttpResponse {
    let auth = req
        .headers()
        .get("Authorization")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    fake.reads.lock().expect("lock").push(auth);
    let next = fake.script.lock().expect("lock").pop_front();
    match next {
        None | Some((200, _)) => {
            HttpResponse::Ok().json(serde_json::json!({"value": [1], "extra": {"unknown": true}}))
        }
        Some((status, retry_after)) => {
            let mut answer =
                HttpResponse::build(actix_web::http::StatusCode::from_u16(status).expect("status"));
            if let Some(seconds) = retry_after {
                answer.insert_header(("Retry-After", seconds));
            }
            answer.json(serde_json::json!({"error": {"code": format!("Code{status}"), "message": format!("answer {status}")}}))
        }
    }
}

async fn pages(fake: web::Data<Fake>, req: HttpRequest, base: web::Data<String>) -> HttpResponse {
    let base = base.as_str();
    let query = req.query_string().to_string();
    fake.reads.lock().expect("lock").push(query.clone());
    let page: u32 = query
        .split('&')
        .find_map(|p| p.strip_prefix("page="))
        .and_then(|p| p.parse().ok())
        .unwrap_or(1);
    let next = match page {
        // The service's own next link, with an older api-version: kept verbatim.
        1 => serde_json::json!(format!(
            "{base}/pages?api-version=2017-11-01&page=2&$skiptoken=a%2Bb"
        )),
        2 => serde_json::json!(format!("{base}/pages?page=3")),
        _ => serde_json::Value::Null,
    };
    HttpResponse::Ok().json(serde_json::json!({
        "value": [format!("p{page}a"), format!("p{page}b")],
        "nextLink": next
    }))
}

/// Partner Center's customers in three pages, the next one named by a
/// relative `uri` and a continuation token header.
async fn customers(fake: web::Data<Fake>, req: HttpRequest) -> HttpResponse {
    let token = req
        .headers()
        .get("MS-ContinuationToken")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    fake.reads.lock().expect("lock").push(format!(
        "{}?{} token={token}",
        req.path(),
        req.query_string()
    ));
    let page = match token.as_str() {
        "" => 1,
        "after-page-1" => 2,
        "after-page-2" => 3,
        _ => {
            return HttpResponse::BadRequest()
                .json(serde_json::json!({"code": 400, "description": "bad continuation token"}));
        }
    };
    let customer = |n: u32| {
        serde_json::json!({
            "id": format!("00000000-0000-4000-8000-00000000000{n}"),
            "companyProfile": {"tenantId": format!("00000000-0000-4000-8000-00000000000{n}"), "companyName": format!("Customer {n}")}
        })
    };
    let mut links =
        serde_json::json!({"self": {"uri": "/customers?size=2", "method": "GET", "headers": []}});
    if page < 3 {
        links["next"] = serde_json::json!({
            "uri": "/customers?size=2&seekOperation=Next",
            "method": "GET",
            "headers": [{"key": "MS-ContinuationToken", "value": format!("after-page-{page}")}]
        });
    }
    HttpResponse::Ok().json(serde_json::json!({
        "totalCount": 2,
        "items": [customer(page * 2 - 1), customer(page * 2)],
        "links": links
    }))
}

fn start() -> (BaseUrl, web::Data<Fake>) {
    let fake = web::Data::new(Fake::default());
    let listener = TcpListener::bind("127.0.0.1:0").expect("port");
    let base = format!(
        "http://127.0.0.1:{}",
        listener.local_addr().expect("addr").port()
    );
    let data_fake = fake.clone();
    let base_data = web::Data::new(base.clone());
    let server = HttpServer::new(move || {
        App::new()
            .app_data(data_fake.clone())
            .app_data(base_data.clone())
            .route("/{tenant}/oauth2/v2.0/token", web::post().to(token))
            .route("/data", web::get().to(data))
            .route("/pages", web::get().to(pages))
            .route("/v1/customers", web::get().to(customers))
    })
    .workers(1)
    .listen(listener)
    .expect("listen")
    .run();
    tokio::spawn(server);
    (BaseUrl::parse(&base).expect("base"), fake)
}

fn client(base: &BaseUrl) -> Client {
    let args = AzureArgs {
        azure_tenant_id: Some(TENANT.into()),
        azure_client_id: Some("0b7e2f64-9c1a-4d3e-b5f6-7a8b9c0d1e2f".into()),
        azure_login_url: Some(base.to_string()),
        azure_arm_url: Some(base.to_string()),
        azure_partner_center_url: Some(base.to_string()),
        ..AzureArgs::default()
    };
    let settings = args
        .check(Some("secret"))
        .expect("valid")
        .expect("configured");
    Client::new(settings)
        .expect("client")
        .with_policy(RetryPolicy {
            tries: 5,
            first_backoff: Duration::from_millis(20),
            longest_wait: Duration::from_secs(5),
        })
}

fn script(fake: &Fake, answers: &[(u16, Option<&'static str>)]) {
    fake.script
        .lock()
        .expect("lock")
        .extend(answers.iter().copied());
}

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
