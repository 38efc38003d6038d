//! A fake of Entra ID, Resource Manager and Partner Center on 127.0.0.1,
//! scripted by the tests of the Azure client: answers in the services'
//! documented shapes, and a record of what it received.

use std::collections::VecDeque;
use std::net::TcpListener;
use std::sync::Mutex;
use std::time::Duration;

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use partner_dashboard::azure::client::{Client, RetryPolicy};
use partner_dashboard::azure::settings::{AzureArgs, BaseUrl};

pub const TENANT: &str = "6f1c0a2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b";
pub const SCOPE: &str = "https://management.azure.com/.default";

/// Scripted answers for `/data`, and what the fake received.
#[derive(Default)]
pub struct Fake {
    pub script: Mutex<VecDeque<(u16, Option<&'static str>)>>,
    pub tokens: Mutex<u32>,
    pub reads: Mutex<Vec<String>>,
    /// Reads of `/slow` in flight now, and the most at once.
    pub in_flight: Mutex<(usize, usize)>,
}

/// A read that takes 200 ms, counting how many run at once.
async fn slow(fake: web::Data<Fake>) -> HttpResponse {
    {
        let mut counts = fake.in_flight.lock().expect("lock");
        counts.0 += 1;
        counts.1 = counts.1.max(counts.0);
    }
    actix_web::rt::time::sleep(Duration::from_millis(200)).await;
    fake.in_flight.lock().expect("lock").0 -= 1;
    HttpResponse::Ok().json(serde_json::json!({"value": []}))
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

/// A change Resource Manager takes in: answered at once, refused, or run
/// as an operation (reported through Azure-AsyncOperation or Location).
async fn change(
    fake: web::Data<Fake>,
    base: web::Data<String>,
    which: web::Path<String>,
    body: web::Json<serde_json::Value>,
) -> HttpResponse {
    fake.reads
        .lock()
        .expect("lock")
        .push(format!("PATCH {which} {}", body.0));
    let base = base.as_str();
    match which.as_str() {
        "now" => HttpResponse::Ok().json(serde_json::json!({"properties": {"displayName": "renamed"}})),
        "refused" => HttpResponse::BadRequest().json(serde_json::json!({"error": {"code": "InvalidAppliedScope", "message": "The applied scope is not valid for this reservation."}})),
        "location" => HttpResponse::Accepted()
            .insert_header(("Location", format!("{base}/operations/location")))
            .insert_header(("Retry-After", "0"))
            .finish(),
        name => HttpResponse::Accepted()
            .insert_header(("Azure-AsyncOperation", format!("{base}/operations/{name}")))
            .insert_header(("Retry-After", if name == "slow" { "1" } else { "0" }))
            .json(serde_json::json!({})),
    }
}

/// An operation's status, by how often it was asked.
async fn operation(fake: web::Data<Fake>, which: web::Path<String>) -> HttpResponse {
    let asked = {
        let mut reads = fake.reads.lock().expect("lock");
        reads.push(format!("GET operations/{which}"));
        reads
            .iter()
            .filter(|r| **r == format!("GET operations/{which}"))
            .count()
    };
    match (which.as_str(), asked) {
        ("location", 1) => HttpResponse::Accepted().insert_header(("Retry-After", "0")).finish(),
        ("location", _) => HttpResponse::Ok().json(serde_json::json!({"properties": {"displayName": "renamed"}})),
        ("done", n) if n >= 3 => HttpResponse::Ok().json(serde_json::json!({"status": "Succeeded"})),
        ("failing", n) if n >= 2 => HttpResponse::Ok().json(serde_json::json!({"status": "Failed", "error": {"code": "ReservationUpdateFailed", "message": "The reservation cannot be changed while a purchase is pending."}})),
        (name, _) => HttpResponse::Ok()
            .insert_header(("Retry-After", if name == "slow" { "1" } else { "0" }))
            .json(serde_json::json!({"status": "InProgress"})),
    }
}

pub fn start() -> (BaseUrl, web::Data<Fake>) {
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
            .route("/slow", web::get().to(slow))
            .route(
                "/foreign",
                web::get().to(|| async {
                    HttpResponse::Ok().json(serde_json::json!({
                        "value": [1],
                        "nextLink": "http://127.0.0.1.evil.example/steal?api-version=1"
                    }))
                }),
            )
            .route("/pages", web::get().to(pages))
            .route("/v1/customers", web::get().to(customers))
            .route("/changes/{which}", web::patch().to(change))
            .route("/operations/{which}", web::get().to(operation))
    })
    .workers(4)
    .listen(listener)
    .expect("listen")
    .run();
    tokio::spawn(server);
    (BaseUrl::parse(&base).expect("base"), fake)
}

pub fn client(base: &BaseUrl) -> Client {
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

pub fn script(fake: &Fake, answers: &[(u16, Option<&'static str>)]) {
    fake.script
        .lock()
        .expect("lock")
        .extend(answers.iter().copied());
}
