//! `partner-dashboard azure check` against a fake of Entra ID, Partner
//! Center and Resource Manager on 127.0.0.1, built from their documented
//! contract: the admin reads what works and what to do about what does not.

use std::net::TcpListener;
use std::sync::Mutex;

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};

const PARTNER: &str = "6f1c0a2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b";
const CLIENT: &str = "0b7e2f64-9c1a-4d3e-b5f6-7a8b9c0d1e2f";
const CUSTOMER: &str = "2d4f6a8c-1b3d-4e5f-9a7b-c9d1e3f5a7b9";
const DENYING_CUSTOMER: &str = "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b";
const ARM_SCOPE: &str = "https://management.azure.com/.default";
const PC_SCOPE: &str = "https://api.partnercenter.microsoft.com/.default";

/// What the fake answers, and every request it received.
#[derive(Default)]
struct Fake {
    /// The customer tenant Partner Center lists.
    customer: Mutex<String>,
    /// (method, path and query, authorization header, form or empty).
    seen: Mutex<Vec<(String, String, String, String)>>,
}

impl Fake {
    fn record(&self, req: &HttpRequest, body: &str) {
        let auth = req
            .headers()
            .get("Authorization")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        let target = req
            .uri()
            .path_and_query()
            .map(|p| p.to_string())
            .unwrap_or_default();
        self.seen.lock().expect("lock").push((
            req.method().to_string(),
            target,
            auth,
            body.to_string(),
        ));
    }
}

async fn token(
    fake: web::Data<Fake>,
    req: HttpRequest,
    tenant: web::Path<String>,
    body: String,
) -> HttpResponse {
    fake.record(&req, &body);
    let form: Vec<(String, String)> = serde_urlencoded::from_str(&body).unwrap_or_default();
    let field = |k: &str| {
        form.iter()
            .find(|(name, _)| name == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    if field("grant_type") != "client_credentials" || field("client_id") != CLIENT {
        return HttpResponse::BadRequest().json(serde_json::json!({
            "error": "invalid_request",
            "error_description": "AADSTS900144: The request body must contain the following parameter: 'grant_type'.\r\nTrace ID: 1",
        }));
    }
    if field("client_secret") != "right-secret" {
        return HttpResponse::Unauthorized().json(serde_json::json!({
            "error": "invalid_client",
            "error_description": "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.\r\nTrace ID: 2\r\nCorrelation ID: 3\r\nTimestamp: 2026-11-26 05:00:00Z",
            "error_codes": [7000215],
        }));
    }
    HttpResponse::Ok().json(serde_json::json!({
        "token_type": "Bearer",
        "expires_in": 3599,
        "ext_expires_in": 3599,
        "access_token": format!("token:{}:{}", tenant.into_inner(), field("scope")),
    }))
}

async fn customers(fake: web::Data<Fake>, req: HttpRequest) -> HttpResponse {
    fake.record(&req, "");
    if req
        .headers()
        .get("Authorization")
        .and_then(|v| v.to_str().ok())
        != Some(&format!("Bearer token:{PARTNER}:{PC_SCOPE}"))
    {
        return HttpResponse::Unauthorized().json(serde_json::json!({
            "code": 900401, "description": "The token is not valid for Partner Center.", "data": [], "source": "PartnerFD"
        }));
    }
    let customer = fake.customer.lock().expect("lock").clone();
    HttpResponse::Ok().json(serde_json::json!({
        "totalCount": 3,
        "items": [{
            "id": customer,
            "companyProfile": {"tenantId": customer, "domain": "contoso.example", "companyName": "Contoso", "unknownField": true},
            "relationshipToPartner": "reseller",
            "attributes": {"objectType": "Customer"}
        }],
        "links": {"self": {"uri": "/customers?size=5", "method": "GET", "headers": []}},
        "attributes": {"objectType": "Collection"}
    }))
}

async fn orders(fake: web::Data<Fake>, req: HttpRequest) -> HttpResponse {
    fake.record(&req, "");
    let auth = req
        .headers()
        .get("Authorization")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if auth == format!("Bearer token:{DENYING_CUSTOMER}:{ARM_SCOPE}") {
        return HttpResponse::Forbidden().json(serde_json::json!({"error": {
            "code": "AuthorizationFailed",
            "message": "The client '0b7e2f64' with object id '0b7e2f64' does not have authorization to perform action 'Microsoft.Capacity/reservationOrders/read' over scope '/providers/Microsoft.Capacity'."
        }}));
    }
    if auth != format!("Bearer token:{CUSTOMER}:{ARM_SCOPE}") {
        return HttpResponse::Unauthorized().json(serde_json::json!({"error": {
            "code": "InvalidAuthenticationToken", "message": "The access token is invalid."
        }}));
    }
    HttpResponse::Ok().json(serde_json::json!({
        "value": [
            {"id": "/providers/microsoft.capacity/reservationOrders/a1b2c3d4-0000-4000-8000-000000000001", "name": "a1b2c3d4-0000-4000-8000-000000000001", "etag": 3},
            {"id": "/providers/Microsoft.Capacity/reservationorders/a1b2c3d4-0000-4000-8000-000000000002", "name": "a1b2c3d4-0000-4000-8000-000000000002", "etag": 1}
        ],
        "nextLink": "http://127.0.0.1/providers/Microsoft.Capacity/reservationOrders?api-version=2022-11-01&$skiptoken=abc"
    }))
}

/// Starts the fake on a free port; its base URL and its state.
fn start_fake(customer: &str) -> (String, web::Data<Fake>) {
    let fake = web::Data::new(Fake::default());
    *fake.customer.lock().expect("lock") = customer.to_string();
    let listener = TcpListener::bind("127.0.0.1:0").expect("port");
    let port = listener.local_addr().expect("address").port();
    let data = fake.clone();
    let server = HttpServer::new(move || {
        App::new()
            .app_data(data.clone())
            .route("/{tenant}/oauth2/v2.0/token", web::post().to(token))
            .route("/v1/customers", web::get().to(customers))
            .route(
                "/providers/Microsoft.Capacity/reservationOrders",
                web::get().to(orders),
            )
    })
    .workers(1)
    .listen(listener)
    .expect("listen")
    .run();
    tokio::spawn(server);
    (format!("http://127.0.0.1:{port}"), fake)
}

/// Runs `azure check` against the fake; (exit code, standard output,
/// standard error).
async fn check(base: &str, secret: &str) -> (i32, String, String) {
    let base = base.to_string();
    let secret = secret.to_string();
    tokio::task::spawn_blocking(move || {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_partner-dashboard"))
            .args(["azure", "check"])
            .env_clear()
            .env("PD_AZURE_TENANT_ID", PARTNER)
            .env("PD_AZURE_CLIENT_ID", CLIENT)
            .env("PD_AZURE_CLIENT_SECRET", secret)
            .env("PD_AZURE_LOGIN_URL", &base)
            .env("PD_AZURE_ARM_URL", &base)
            .env("PD_AZURE_PARTNER_CENTER_URL", &base)
            .output()
            .expect("run");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    })
    .await
    .expect("joined")
}

#[tokio::test]
async fn good_settings_reach_all_three_services_as_the_contract_says() {
    let (base, fake) = start_fake(CUSTOMER);
    let (code, out, err) = check(&base, "right-secret").await;
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains(&format!(
            "ok      token for the partner tenant {PARTNER}: issued"
        )),
        "{out}"
    );
    assert!(out.contains("Partner Center at http://127.0.0.1"), "{out}");
    assert!(out.contains("reachable; 3 customers"), "{out}");
    assert!(
        out.contains(&format!("the customer tenant {CUSTOMER}")),
        "{out}"
    );
    assert!(
        out.contains("reachable; 2 or more reservation orders"),
        "{out}"
    );
    assert!(out.contains("The Azure settings work."), "{out}");
    assert!(
        !out.contains("right-secret") && !err.contains("right-secret"),
        "the secret is never printed"
    );
    let seen = fake.seen.lock().expect("lock").clone();
    let paths: Vec<(&str, &str)> = seen
        .iter()
        .map(|(m, p, _, _)| (m.as_str(), p.as_str()))
        .collect();
    assert_eq!(
        paths,
        [
            ("POST", format!("/{PARTNER}/oauth2/v2.0/token").as_str()),
            ("GET", "/v1/customers?size=5"),
            ("POST", format!("/{CUSTOMER}/oauth2/v2.0/token").as_str()),
            (
                "GET",
                "/providers/Microsoft.Capacity/reservationOrders?api-version=2022-11-01"
            ),
        ]
    );
    let form: Vec<(String, String)> = serde_urlencoded::from_str(&seen[0].3).expect("form");
    assert!(
        form.contains(&("scope".into(), PC_SCOPE.into())),
        "{form:?}"
    );
    assert!(form.contains(&("grant_type".into(), "client_credentials".into())));
    let form: Vec<(String, String)> = serde_urlencoded::from_str(&seen[2].3).expect("form");
    assert!(
        form.contains(&("scope".into(), ARM_SCOPE.into())),
        "the cloud's ARM scope, not the fake's URL"
    );
}

#[tokio::test]
async fn a_wrong_secret_is_said_with_entra_ids_words_and_what_to_do() {
    let (base, fake) = start_fake(CUSTOMER);
    let (code, out, _) = check(&base, "stale-secret").await;
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("failed  token for the partner tenant"),
        "{out}"
    );
    assert!(
        out.contains("AADSTS7000215: Invalid client secret provided"),
        "{out}"
    );
    assert!(out.contains("Certificates & secrets"), "{out}");
    assert!(
        !out.contains("Trace ID"),
        "only the first line of Entra ID's description: {out}"
    );
    assert_eq!(
        fake.seen.lock().expect("lock").len(),
        1,
        "nothing tried after the token"
    );
}

#[tokio::test]
async fn a_customer_tenant_without_a_role_is_named_with_resource_managers_words() {
    let (base, _fake) = start_fake(DENYING_CUSTOMER);
    let (code, out, _) = check(&base, "right-secret").await;
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("ok      Partner Center"), "{out}");
    assert!(
        out.contains(&format!("failed  the customer tenant {DENYING_CUSTOMER}")),
        "{out}"
    );
    assert!(out.contains("does not have authorization"), "{out}");
    assert!(out.contains("AuthorizationFailed"), "{out}");
    assert!(out.contains("Reservations Reader"), "{out}");
}

#[tokio::test]
async fn broken_settings_are_listed_before_anything_is_sent() {
    let out = tokio::task::spawn_blocking(|| {
        std::process::Command::new(env!("CARGO_BIN_EXE_partner-dashboard"))
            .args([
                "azure",
                "check",
                "--azure-tenant-id",
                "contoso",
                "--azure-arm-url",
                "http://10.1.2.3",
            ])
            .env_clear()
            .output()
            .expect("run")
    })
    .await
    .expect("joined");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("is not a GUID"), "{err}");
    assert!(err.contains("PD_AZURE_CLIENT_ID"), "{err}");
    assert!(err.contains("PD_AZURE_CLIENT_SECRET"), "{err}");
    assert!(err.contains("plain http://"), "{err}");
}

#[tokio::test]
async fn an_unreachable_service_says_which_host() {
    // A port nothing listens on.
    let port = TcpListener::bind("127.0.0.1:0")
        .expect("port")
        .local_addr()
        .expect("addr")
        .port();
    let (code, out, _) = check(&format!("http://127.0.0.1:{port}"), "right-secret").await;
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(&format!("cannot reach 127.0.0.1:{port}")),
        "{out}"
    );
    assert!(
        out.contains("check the address, the proxy and the firewall"),
        "{out}"
    );
}

#[tokio::test]
async fn a_customer_tenant_that_is_not_a_guid_is_never_put_into_a_request() {
    let (base, fake) = start_fake("../../evil?x=");
    let (code, out, _) = check(&base, "right-secret").await;
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("no customer with a tenant ID to try"), "{out}");
    let seen = fake.seen.lock().expect("lock").clone();
    assert_eq!(
        seen.len(),
        2,
        "the partner's token and the customers only: {seen:?}"
    );
    assert!(seen.iter().all(|(_, path, _, _)| !path.contains("evil")));
}
