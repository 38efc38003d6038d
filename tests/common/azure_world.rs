//! A faithful fake of Entra ID, Partner Center and Resource Manager on
//! 127.0.0.1, built from `AZURE.md`: a small world of customer tenants with
//! subscriptions, groups, orders, reservations and daily utilization,
//! answered in the services' shapes (mixed ID casing, unknown fields,
//! continuation tokens, `nextLink` pages), with scenarios a test switches
//! on, and a record of every request it received.

use std::collections::{HashMap, HashSet};
use std::net::TcpListener;
use std::sync::Mutex;

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use chrono::{Days, NaiveDate};
use serde_json::{Value, json};

/// The partner's tenant.
pub const PARTNER: &str = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
/// The application's client ID.
pub const CLIENT_ID: &str = "0b7e2f64-9c1a-4d3e-b5f6-7a8b9c0d1e2f";
/// The secret the fake accepts.
pub const SECRET: &str = "fake-secret-value";

/// One request the fake received.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub query: String,
    pub headers: HashMap<String, String>,
    pub body: Option<Value>,
    pub status: u16,
}

/// A customer tenant.
#[derive(Debug, Clone, Default)]
pub struct Tenant {
    pub company_name: String,
    pub domain: String,
    pub subscriptions: Vec<(String, String)>,
    pub resource_groups: Vec<(String, String)>,
    pub management_groups: Vec<(String, String)>,
    pub orders: Vec<Value>,
    pub reservations: Vec<Value>,
    /// Every ARM read answers 403 (no role for the application).
    pub refuses: bool,
}

/// What the world does besides answering.
#[derive(Debug, Clone, Default)]
pub struct Scenario {
    /// Answer this reservations page (1-based) once with 429 and `Retry-After: 1`.
    pub throttle_page: Option<usize>,
    /// After this many ARM reads, every token issued so far expires (401).
    pub expire_tokens_after: Option<usize>,
    /// Answer the Consumption read of more than this many days with 400.
    pub max_days_per_read: Option<i64>,
    /// Answer this tenant's reads only after a pause (to stop a sync midway).
    pub slow_tenant: Option<String>,
    /// Refuse a reservation's PATCH with an ARM error body.
    pub refuse_patch: bool,
    /// Polls before a PATCH's operation succeeds.
    pub patch_polls: usize,
    /// calculateRefund answers with this policy error code.
    pub refund_policy_error: Option<String>,
    /// The exchange operation ends `Failed`.
    pub exchange_fails: bool,
    /// calculatePrice refuses SKUs whose name contains this.
    pub unavailable_sku: Option<String>,
}

/// A long-running operation the fake is carrying out.
#[derive(Debug, Clone)]
pub struct Operation {
    /// Polls left before it ends.
    pub polls_left: usize,
    /// Its final answer.
    pub answer: Value,
    /// What it does to the world when it ends: (tenant, reservation ID,
    /// properties to set) and reservations to add.
    pub effect: Option<(String, String, Value)>,
    pub adds: Vec<Value>,
    /// Answered through Location (202 while running, the answer after).
    pub via_location: bool,
}

#[derive(Default)]
pub struct World {
    pub tenants: Mutex<Vec<(String, Tenant)>>,
    pub scenario: Mutex<Scenario>,
    pub seen: Mutex<Vec<Seen>>,
    issued: Mutex<Vec<String>>,
    expired: Mutex<HashSet<String>>,
    throttled: Mutex<bool>,
    arm_reads: Mutex<usize>,
    pub operations: Mutex<HashMap<String, Operation>>,
}

impl World {
    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().expect("lock").clone()
    }

    /// The requests seen with `method` whose path ends with `ending`
    /// (lower-case).
    pub fn requests_to(&self, method: &str, ending: &str) -> Vec<Seen> {
        self.seen()
            .into_iter()
            .filter(|s| s.method == method && s.path.to_ascii_lowercase().ends_with(ending))
            .collect()
    }

    pub fn tenant(&self, tenant: &str) -> Tenant {
        self.tenants
            .lock()
            .expect("lock")
            .iter()
            .find(|(t, _)| t.eq_ignore_ascii_case(tenant))
            .map(|(_, t)| t.clone())
            .expect("tenant")
    }

    pub fn change_tenant(&self, tenant: &str, change: impl FnOnce(&mut Tenant)) {
        let mut tenants = self.tenants.lock().expect("lock");
        let (_, t) = tenants
            .iter_mut()
            .find(|(t, _)| t.eq_ignore_ascii_case(tenant))
            .expect("tenant");
        change(t);
    }

    pub fn tokens_issued(&self) -> usize {
        self.issued.lock().expect("lock").len()
    }
}

/// A GUID made from two numbers, so that the world is the same each run.
pub fn guid(kind: u32, n: u32) -> String {
    format!("{kind:08x}-0000-4000-8000-{n:012x}")
}

/// A tenant with `orders` orders holding `reservations` reservations in
/// all, spread evenly, each effective `age_days` before `today`.
pub fn tenant_with(
    index: u32,
    company_name: &str,
    orders: u32,
    reservations: u32,
    today: NaiveDate,
) -> (String, Tenant) {
    let tenant_id = guid(0x7e000000 + index, index);
    let sub = guid(0x5b000000 + index, 1);
    let sub2 = guid(0x5b000000 + index, 2);
    let start = today - Days::new(120);
    let expiry = start + Days::new(365);
    let mut t = Tenant {
        company_name: company_name.into(),
        domain: format!("{}.example", company_name.to_lowercase().replace(' ', "")),
        subscriptions: vec![
            (sub.clone(), format!("{company_name} Production")),
            (sub2.clone(), format!("{company_name} Development")),
        ],
        resource_groups: vec![
            (sub.clone(), "Prod-RG".into()),
            (sub2.clone(), "dev-rg".into()),
        ],
        management_groups: vec![("Production".into(), format!("{company_name} production"))],
        ..Tenant::default()
    };
    let per_order = reservations.div_ceil(orders.max(1));
    for o in 0..orders {
        let order = guid(0x0d000000 + index, o);
        let in_order: Vec<u32> = (o * per_order..((o + 1) * per_order).min(reservations)).collect();
        t.orders.push(json!({
            "id": format!("/providers/Microsoft.Capacity/reservationOrders/{order}"),
            "name": order,
            "etag": 3,
            "type": "Microsoft.Capacity/reservationOrders",
            "properties": {
                "displayName": format!("Order {o}"),
                "createdDateTime": format!("{start}T09:15:02.1234567Z"),
                "benefitStartTime": format!("{start}T09:15:02Z"),
                "expiryDateTime": format!("{expiry}T09:15:02.12Z"),
                "originalQuantity": in_order.len().max(1),
                "term": "P1Y",
                "billingPlan": if o.is_multiple_of(2) { "Upfront" } else { "Monthly" },
                "provisioningState": "Succeeded",
                "reservations": in_order.iter().map(|r| json!({"id": reservation_id(index, o, *r)})).collect::<Vec<_>>(),
                "someFutureField": {"x": 1}
            }
        }));
        for r in in_order {
            let scope = match r % 4 {
                0 => json!({"appliedScopeType": "Shared"}),
                1 => {
                    json!({"appliedScopeType": "Single", "appliedScopes": [format!("/subscriptions/{sub}")],
                    "appliedScopeProperties": {"subscriptionId": format!("/subscriptions/{sub}")}})
                }
                2 => json!({"appliedScopeType": "Single",
                    "appliedScopeProperties": {"resourceGroupId": format!("/subscriptions/{}/resourceGroups/prod-rg", sub.to_uppercase())}}),
                _ => json!({"appliedScopeType": "ManagementGroup",
                    "appliedScopeProperties": {"tenantId": tenant_id, "managementGroupId": "/providers/Microsoft.Management/managementGroups/Production"}}),
            };
            let mut properties = json!({
                "reservedResourceType": "VirtualMachines",
                "displayName": format!("vm-{index}-{r}"),
                "quantity": 1,
                "term": "P1Y",
                "billingPlan": "Upfront",
                "billingScopeId": format!("/subscriptions/{sub}"),
                "instanceFlexibility": "On",
                "archived": false,
                "renew": r.is_multiple_of(5),
                "provisioningState": "Succeeded",
                "displayProvisioningState": "Succeeded",
                "extendedStatusInfo": {"statusCode": if r.is_multiple_of(7) { "PaymentDeclined" } else { "Active" }},
                "effectiveDateTime": format!("{start}T09:15:02.1234567Z"),
                "purchaseDateTime": format!("{start}T09:14:00Z"),
                "expiryDateTime": format!("{expiry}T09:15:02Z"),
                "userFriendlyRenewState": "Off",
                "utilization": {"trend": "UP", "aggregates": [{"grain": 1, "grainUnit": "days", "value": 80, "valueUnit": "percentage"}]}
            });
            for (k, v) in scope.as_object().expect("object") {
                properties[k] = v.clone();
            }
            t.reservations.push(json!({
                "id": reservation_id(index, o, r),
                "name": format!("{order}/{}", guid(0x0e000000 + index, r)),
                "etag": 2,
                "type": "microsoft.capacity/reservationOrders/reservations",
                "location": "westeurope",
                "sku": {"name": "Standard_D2s_v5"},
                "kind": "Microsoft.Compute",
                "newTopLevelField": [1, 2, 3],
                "properties": properties
            }));
        }
    }
    (tenant_id, t)
}

/// A reservation's ARM ID, in the casing Azure happens to use: every third
/// one all lower-case with upper-case GUIDs.
pub fn reservation_id(index: u32, order: u32, r: u32) -> String {
    let o = guid(0x0d000000 + index, order);
    let id = guid(0x0e000000 + index, r);
    if r.is_multiple_of(3) {
        format!(
            "/providers/microsoft.capacity/reservationorders/{}/reservations/{}",
            o.to_uppercase(),
            id.to_uppercase()
        )
    } else {
        format!("/providers/Microsoft.Capacity/reservationOrders/{o}/reservations/{id}")
    }
}

fn arm_error(status: u16, code: &str, message: &str) -> HttpResponse {
    HttpResponse::build(actix_web::http::StatusCode::from_u16(status).expect("status"))
        .insert_header(("x-ms-correlation-request-id", "corr-error"))
        .json(json!({"error": {"code": code, "message": message}}))
}

fn query_value(query: &str, name: &str) -> Option<String> {
    query.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        (k.eq_ignore_ascii_case(name)).then(|| percent_decode(v))
    })
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(&text[i + 1..i + 3], 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(if bytes[i] == b'+' { b' ' } else { bytes[i] });
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

async fn handle(
    req: HttpRequest,
    body: web::Bytes,
    world: web::Data<World>,
    base: web::Data<String>,
) -> HttpResponse {
    let headers = req
        .headers()
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_ascii_lowercase(),
                v.to_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    let body_json = serde_json::from_slice::<Value>(&body).ok();
    let slow = world.scenario.lock().expect("lock").slow_tenant.clone();
    if let Some(slow) = slow {
        let token = req
            .headers()
            .get("Authorization")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        if token
            .to_ascii_lowercase()
            .contains(&slow.to_ascii_lowercase())
        {
            actix_web::rt::time::sleep(std::time::Duration::from_millis(300)).await;
        }
    }
    let form = String::from_utf8_lossy(&body).to_string();
    let response = answer(&req, &body_json, &form, &world, &base);
    world.seen.lock().expect("lock").push(Seen {
        method: req.method().to_string(),
        path: req.path().to_string(),
        query: req.query_string().to_string(),
        headers,
        body: body_json,
        status: response.status().as_u16(),
    });
    response
}

fn answer(
    req: &HttpRequest,
    body: &Option<Value>,
    form: &str,
    world: &World,
    base: &str,
) -> HttpResponse {
    let path = req.path().to_string();
    let lower = path.to_ascii_lowercase();
    let query = req.query_string();
    if req.method() == "POST" && lower.ends_with("/oauth2/v2.0/token") {
        let tenant = path
            .trim_start_matches('/')
            .split('/')
            .next()
            .unwrap_or_default();
        let fields: HashMap<String, String> = form
            .split('&')
            .filter_map(|p| {
                p.split_once('=')
                    .map(|(k, v)| (k.to_string(), percent_decode(v)))
            })
            .collect();
        if fields.get("client_secret").map(String::as_str) != Some(SECRET) {
            return HttpResponse::Unauthorized().json(json!({
                "error": "invalid_client",
                "error_description": "AADSTS7000215: Invalid client secret provided.",
                "error_codes": [7000215]
            }));
        }
        let mut issued = world.issued.lock().expect("lock");
        let token = format!("tok.{tenant}.{}", issued.len() + 1);
        issued.push(token.clone());
        return HttpResponse::Ok().json(json!({"token_type": "Bearer", "expires_in": 3599, "ext_expires_in": 3599, "access_token": token}));
    }
    let token = req
        .headers()
        .get("Authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default()
        .to_string();
    if !world.issued.lock().expect("lock").contains(&token) {
        return arm_error(
            401,
            "InvalidAuthenticationToken",
            "The access token is invalid.",
        );
    }
    if world.expired.lock().expect("lock").contains(&token) {
        return arm_error(
            401,
            "ExpiredAuthenticationToken",
            "The access token expiry UTC time is earlier than current UTC time.",
        );
    }
    let tenant = token
        .split('.')
        .nth(1)
        .unwrap_or_default()
        .to_ascii_lowercase();
    if lower.starts_with("/v1/customers") {
        return customers(req, world, &tenant);
    }
    // Everything else is Resource Manager, read as one customer tenant.
    {
        let mut reads = world.arm_reads.lock().expect("lock");
        *reads += 1;
        if let Some(after) = world.scenario.lock().expect("lock").expire_tokens_after
            && *reads == after
        {
            let issued = world.issued.lock().expect("lock").clone();
            world.expired.lock().expect("lock").extend(issued);
        }
    }
    let Some(t) = world
        .tenants
        .lock()
        .expect("lock")
        .iter()
        .find(|(id, _)| id.eq_ignore_ascii_case(&tenant))
        .map(|(_, t)| t.clone())
    else {
        return arm_error(
            401,
            "InvalidAuthenticationTokenTenant",
            "The access token is from a tenant the application is not consented in.",
        );
    };
    if t.refuses {
        return arm_error(
            403,
            "AuthorizationFailed",
            "The client does not have authorization to perform action 'Microsoft.Capacity/reservationOrders/read' over scope '/providers/Microsoft.Capacity'.",
        );
    }
    if query_value(query, "api-version").is_none() {
        return arm_error(
            400,
            "MissingApiVersionParameter",
            "The api-version query parameter (?api-version=) is required for all requests.",
        );
    }
    if let Some(id) = lower.strip_prefix("/operations/") {
        return operation(world, id);
    }
    if req.method() != "GET" {
        return write(
            req,
            body.as_ref().unwrap_or(&Value::Null),
            world,
            &tenant,
            &t,
            base,
        );
    }
    if lower == "/subscriptions" {
        let value: Vec<Value> = t.subscriptions.iter().map(|(id, name)| json!({
            "id": format!("/subscriptions/{id}"), "subscriptionId": id, "displayName": name, "state": "Enabled", "tenantId": tenant
        })).collect();
        return HttpResponse::Ok()
            .json(json!({"value": value, "count": {"type": "Total", "value": value.len()}}));
    }
    if lower.starts_with("/subscriptions/") && lower.ends_with("/resourcegroups") {
        let sub = lower.split('/').nth(2).unwrap_or_default();
        let value: Vec<Value> = t.resource_groups.iter().filter(|(s, _)| s.eq_ignore_ascii_case(sub)).map(|(s, name)| json!({
            "id": format!("/subscriptions/{s}/resourceGroups/{name}"), "name": name, "location": "westeurope", "properties": {"provisioningState": "Succeeded"}
        })).collect();
        return HttpResponse::Ok().json(json!({"value": value}));
    }
    if lower == "/providers/microsoft.management/managementgroups" {
        let value: Vec<Value> = t.management_groups.iter().map(|(name, display)| json!({
            "id": format!("/providers/Microsoft.Management/managementGroups/{name}"), "type": "Microsoft.Management/managementGroups", "name": name,
            "properties": {"tenantId": tenant, "displayName": display}
        })).collect();
        return HttpResponse::Ok().json(json!({"value": value, "nextLink": null}));
    }
    if lower == "/providers/microsoft.capacity/reservationorders" {
        let orders: Vec<Value> = t.orders.clone();
        return HttpResponse::Ok().json(json!({"value": orders, "nextLink": ""}));
    }
    if let Some(order) = lower.strip_prefix("/providers/microsoft.capacity/reservationorders/")
        && !order.contains('/')
    {
        let Some(mut found) = t
            .orders
            .iter()
            .find(|o| {
                o["name"]
                    .as_str()
                    .is_some_and(|n| n.eq_ignore_ascii_case(order))
            })
            .cloned()
        else {
            return arm_error(
                404,
                "ReservationOrderNotFound",
                "The reservation order was not found.",
            );
        };
        if query_value(query, "$expand").as_deref() == Some("schedule") {
            let quantity = found["properties"]["originalQuantity"]
                .as_i64()
                .unwrap_or(1);
            found["properties"]["planInformation"] = json!({
                "pricingCurrencyTotal": {"currencyCode": "USD",
                    "amount": serde_json::from_str::<Value>(&format!("{:.2}", 1234.56 * quantity as f64)).expect("number")},
                "startDate": "2026-07-28",
                "transactions": []
            });
        }
        return HttpResponse::Ok().json(found);
    }
    if lower == "/providers/microsoft.capacity/reservations" {
        return reservations_page(world, &t, query, base);
    }
    if lower.contains("/providers/microsoft.consumption/reservationsummaries") {
        return consumption(world, &t, &lower, query);
    }
    arm_error(
        404,
        "NotFound",
        &format!("No route for {path} in this fake."),
    )
}

fn start_operation(world: &World, base: &str, op: Operation) -> HttpResponse {
    let id = format!("op-{}", world.operations.lock().expect("lock").len() + 1);
    let url = format!("{base}/operations/{id}?api-version=2022-11-01");
    let via_location = op.via_location;
    world.operations.lock().expect("lock").insert(id, op);
    let header = if via_location {
        "Location"
    } else {
        "Azure-AsyncOperation"
    };
    HttpResponse::Accepted()
        .insert_header((header, url.clone()))
        .insert_header(("Location", url))
        .insert_header(("Retry-After", "1"))
        .json(json!({}))
}

fn operation(world: &World, id: &str) -> HttpResponse {
    let mut operations = world.operations.lock().expect("lock");
    let Some(op) = operations.get_mut(id) else {
        return arm_error(404, "OperationNotFound", "No such operation.");
    };
    if op.polls_left > 1 {
        op.polls_left -= 1;
        return if op.via_location {
            HttpResponse::Accepted()
                .insert_header(("Retry-After", "1"))
                .finish()
        } else {
            HttpResponse::Ok()
                .insert_header(("Retry-After", "1"))
                .json(json!({"status": "InProgress"}))
        };
    }
    op.polls_left = 0;
    let op = op.clone();
    drop(operations);
    if let Some((tenant, reservation, properties)) = &op.effect {
        world.change_tenant(tenant, |t| {
            if let Some(r) = t.reservations.iter_mut().find(|r| {
                r["id"].as_str().is_some_and(|id| {
                    id.to_ascii_lowercase()
                        .ends_with(&reservation.to_ascii_lowercase())
                })
            }) {
                for (k, v) in properties.as_object().expect("object") {
                    r["properties"][k] = v.clone();
                }
            }
            t.reservations.extend(op.adds.iter().cloned());
        });
    }
    HttpResponse::Ok().json(op.answer)
}

/// Changes: PATCH of a reservation, refunds and exchanges.
fn write(
    req: &HttpRequest,
    body: &Value,
    world: &World,
    tenant: &str,
    t: &Tenant,
    base: &str,
) -> HttpResponse {
    let lower = req.path().to_ascii_lowercase();
    let scenario = world.scenario.lock().expect("lock").clone();
    let reservation_of = |id: &str| {
        t.reservations
            .iter()
            .find(|r| r["id"].as_str().is_some_and(|i| i.eq_ignore_ascii_case(id)))
            .cloned()
    };
    let parts: Vec<&str> = lower.trim_start_matches('/').split('/').collect();
    match (req.method().as_str(), parts.as_slice()) {
        (
            "PATCH",
            [
                "providers",
                "microsoft.capacity",
                "reservationorders",
                _,
                "reservations",
                res,
            ],
        ) => {
            if scenario.refuse_patch {
                return arm_error(
                    400,
                    "AppliedScopesNotAssociatedWithCommerceAccount",
                    "Applied scope subscription is not associated with the billing account of this reservation.",
                );
            }
            let Some(found) = reservation_of(req.path()) else {
                return arm_error(404, "ReservationNotFound", "The reservation was not found.");
            };
            let wanted = &body["properties"];
            let mut effect = json!({});
            for (from, to) in [
                ("name", "displayName"),
                ("appliedScopeType", "appliedScopeType"),
                ("appliedScopes", "appliedScopes"),
                ("appliedScopeProperties", "appliedScopeProperties"),
                ("renew", "renew"),
                ("instanceFlexibility", "instanceFlexibility"),
            ] {
                if !wanted[from].is_null() {
                    effect[to] = wanted[from].clone();
                }
            }
            if wanted["appliedScopeType"] == "Shared" {
                effect["appliedScopeProperties"] = Value::Null;
                effect["appliedScopes"] = Value::Null;
            }
            let mut answer = found.clone();
            for (k, v) in effect.as_object().expect("object") {
                answer["properties"][k] = v.clone();
            }
            start_operation(
                world,
                base,
                Operation {
                    polls_left: scenario.patch_polls.max(1),
                    answer: json!({"status": "Succeeded", "id": answer["id"]}),
                    effect: Some((tenant.to_string(), res.to_string(), effect)),
                    adds: Vec::new(),
                    via_location: false,
                },
            )
        }
        (
            "POST",
            [
                "providers",
                "microsoft.capacity",
                "reservationorders",
                _,
                "reservations",
                res,
                verb @ ("archive" | "unarchive"),
            ],
        ) => {
            // 200 and no body; only a Cancelled or Expired reservation may
            // be archived.
            let path = req.path();
            let Some(found) = reservation_of(&path[..path.len() - verb.len() - 1]) else {
                return arm_error(404, "ReservationNotFound", "The reservation was not found.");
            };
            let state = found["properties"]["provisioningState"]
                .as_str()
                .unwrap_or_default();
            if *verb == "archive" && !matches!(state, "Cancelled" | "Expired") {
                return arm_error(
                    400,
                    "InvalidReservationState",
                    "Only reservations that are Cancelled or Expired can be archived.",
                );
            }
            let archived = *verb == "archive";
            world.change_tenant(tenant, |t| {
                for r in &mut t.reservations {
                    if r["name"]
                        .as_str()
                        .is_some_and(|n| n.eq_ignore_ascii_case(res))
                        || r["id"].as_str().is_some_and(|i| {
                            i.to_ascii_lowercase()
                                .ends_with(&format!("/reservations/{res}"))
                        })
                    {
                        r["properties"]["archived"] = json!(archived);
                    }
                }
            });
            HttpResponse::Ok().finish()
        }
        (
            "POST",
            [
                "providers",
                "microsoft.capacity",
                "reservationorders",
                _,
                "split",
            ],
        ) => {
            // The parts are made at the end of a long-running operation
            // answered through Location; the answer lists the source (now
            // Cancelled, statusCode Split) and the two parts.
            let source_id = body["properties"]["reservationId"]
                .as_str()
                .unwrap_or_default();
            let Some(source) = reservation_of(source_id) else {
                return arm_error(404, "ReservationNotFound", "The reservation was not found.");
            };
            let quantities: Vec<i64> = body["properties"]["quantities"]
                .as_array()
                .map(|q| q.iter().filter_map(Value::as_i64).collect())
                .unwrap_or_default();
            let whole = source["properties"]["quantity"].as_i64().unwrap_or(1);
            let in_force = source["properties"]["provisioningState"] == "Succeeded";
            if !in_force
                || quantities.len() != 2
                || quantities.iter().any(|q| *q < 1)
                || quantities.iter().sum::<i64>() != whole
            {
                return arm_error(
                    400,
                    "InvalidSplitQuantities",
                    "The quantities must be two positive numbers that add up to the reservation's quantity.",
                );
            }
            let source_path = source["id"].as_str().unwrap_or_default().to_string();
            let order_path = &source_path[..source_path
                .to_ascii_lowercase()
                .find("/reservations/")
                .unwrap_or(0)];
            let n = world.operations.lock().expect("lock").len() as u32;
            let parts: Vec<Value> = quantities
                .iter()
                .enumerate()
                .map(|(i, q)| {
                    let mut part = source.clone();
                    let id = guid(0x0c000000 + n, i as u32);
                    part["id"] = json!(format!("{order_path}/reservations/{id}"));
                    part["name"] = json!(id);
                    part["properties"]["quantity"] = json!(q);
                    part["properties"]["displayName"] = json!(format!(
                        "{}_{}",
                        source["properties"]["displayName"]
                            .as_str()
                            .unwrap_or_default(),
                        i + 1
                    ));
                    part["properties"]["splitProperties"] = json!({"splitSource": source_path});
                    part
                })
                .collect();
            let closed = json!({
                "provisioningState": "Cancelled",
                "displayProvisioningState": "Cancelled",
                "extendedStatusInfo": {"statusCode": "Split"},
                "splitProperties": {"splitDestinations": parts.iter().map(|p| p["id"].clone()).collect::<Vec<_>>()}
            });
            let mut closed_source = source.clone();
            for (k, v) in closed.as_object().expect("object") {
                closed_source["properties"][k] = v.clone();
            }
            let mut answer = vec![closed_source];
            answer.extend(parts.iter().cloned());
            let res = source_path
                .rsplit('/')
                .next()
                .unwrap_or_default()
                .to_string();
            start_operation(
                world,
                base,
                Operation {
                    polls_left: 2,
                    answer: Value::Array(answer),
                    effect: Some((tenant.to_string(), res, closed)),
                    adds: parts,
                    via_location: true,
                },
            )
        }
        (
            "POST",
            [
                "providers",
                "microsoft.capacity",
                "reservationorders",
                _,
                "merge",
            ],
        ) => {
            // Done at once: 200 with the sources (Cancelled, statusCode
            // Merged) and the merged reservation.
            let sources: Vec<Value> = body["properties"]["sources"]
                .as_array()
                .map(|s| {
                    s.iter()
                        .filter_map(Value::as_str)
                        .filter_map(reservation_of)
                        .collect()
                })
                .unwrap_or_default();
            let first = sources.first().cloned().unwrap_or_default();
            let same = |field: &str| {
                sources
                    .iter()
                    .all(|s| s["properties"][field] == first["properties"][field])
            };
            if sources.len() < 2
                || !same("appliedScopeType")
                || !same("expiryDateTime")
                || sources.iter().any(|s| {
                    s["sku"] != first["sku"] || s["properties"]["provisioningState"] != "Succeeded"
                })
            {
                return arm_error(
                    400,
                    "InvalidMergeSources",
                    "The reservations to merge must be in force and have the same SKU, scope type and expiry.",
                );
            }
            let first_path = first["id"].as_str().unwrap_or_default().to_string();
            let order_path = first_path[..first_path
                .to_ascii_lowercase()
                .find("/reservations/")
                .unwrap_or(0)]
                .to_string();
            let id = guid(0x0c100000, world.seen().len() as u32);
            let mut merged = first.clone();
            merged["id"] = json!(format!("{order_path}/reservations/{id}"));
            merged["name"] = json!(id);
            merged["properties"]["quantity"] = json!(
                sources
                    .iter()
                    .filter_map(|s| s["properties"]["quantity"].as_i64())
                    .sum::<i64>()
            );
            merged["properties"]["mergeProperties"] = json!({"mergeSources": sources.iter().map(|s| s["id"].clone()).collect::<Vec<_>>()});
            let ids: Vec<String> = sources
                .iter()
                .filter_map(|s| s["id"].as_str().map(str::to_ascii_lowercase))
                .collect();
            let mut answer = Vec::new();
            world.change_tenant(tenant, |t| {
                for r in &mut t.reservations {
                    if r["id"]
                        .as_str()
                        .is_some_and(|i| ids.contains(&i.to_ascii_lowercase()))
                    {
                        r["properties"]["provisioningState"] = json!("Cancelled");
                        r["properties"]["displayProvisioningState"] = json!("Cancelled");
                        r["properties"]["extendedStatusInfo"] = json!({"statusCode": "Merged"});
                        r["properties"]["mergeProperties"] =
                            json!({"mergeDestination": merged["id"]});
                        answer.push(r.clone());
                    }
                }
                t.reservations.push(merged.clone());
            });
            answer.push(merged);
            HttpResponse::Ok().json(answer)
        }
        (
            "POST",
            [
                "providers",
                "microsoft.capacity",
                "reservationorders",
                order,
                "calculaterefund",
            ],
        ) => {
            let errors = match &scenario.refund_policy_error {
                Some(code) => {
                    json!([{"code": code, "message": "The refund would exceed the customer's refund limit of USD 50,000 for the last 12 months."}])
                }
                None => json!([]),
            };
            HttpResponse::Ok()
                .insert_header(("x-ms-correlation-request-id", req.headers().get("x-ms-correlation-request-id").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string()))
                .json(json!({
                    "id": format!("/providers/microsoft.capacity/reservationOrders/{order}/calculateRefund"),
                    "properties": {
                        "sessionId": format!("session-{order}"),
                        "quantity": body["properties"]["reservationToReturn"]["quantity"],
                        "billingRefundAmount": {"currencyCode": "USD", "amount": 123.45},
                        "pricingRefundAmount": {"currencyCode": "USD", "amount": 123.45},
                        "policyResult": {"properties": {
                            "consumedRefundsTotal": {"currencyCode": "USD", "amount": 5000},
                            "maxRefundLimit": {"currencyCode": "USD", "amount": 50000},
                            "policyErrors": errors
                        }},
                        "billingInformation": {"billingPlan": "Upfront", "completedTransactions": 1, "totalTransactions": 1}
                    }
                }))
        }
        (
            "POST",
            [
                "providers",
                "microsoft.capacity",
                "reservationorders",
                _,
                "return",
            ],
        ) => {
            let res = body["properties"]["reservationToReturn"]["reservationId"]
                .as_str()
                .unwrap_or_default()
                .rsplit('/')
                .next()
                .unwrap_or_default()
                .to_string();
            start_operation(
                world,
                base,
                Operation {
                    polls_left: 2,
                    answer: json!({"properties": {"sessionId": body["properties"]["sessionId"], "billingRefundAmount": {"currencyCode": "USD", "amount": 123.45}}}),
                    effect: Some((
                        tenant.to_string(),
                        res,
                        json!({"provisioningState": "Cancelled", "displayProvisioningState": "Cancelled"}),
                    )),
                    adds: Vec::new(),
                    via_location: true,
                },
            )
        }
        ("POST", ["providers", "microsoft.capacity", "calculateexchange"]) => start_operation(
            world,
            base,
            Operation {
                polls_left: 1,
                answer: json!({
                    "id": "/providers/microsoft.capacity/calculateExchangeOperationResults/1", "name": "1", "status": "Succeeded",
                    "properties": {
                        "sessionId": "exchange-session-1",
                        "netPayable": {"currencyCode": "USD", "amount": 10.5},
                        "refundsTotal": {"currencyCode": "USD", "amount": 100},
                        "purchasesTotal": {"currencyCode": "USD", "amount": 110.5},
                        "reservationsToPurchase": body["properties"]["reservationsToPurchase"],
                        "reservationsToExchange": body["properties"]["reservationsToExchange"],
                        "policyResult": {"policyErrors": null}
                    }
                }),
                effect: None,
                adds: Vec::new(),
                via_location: false,
            },
        ),
        ("POST", ["providers", "microsoft.capacity", "exchange"]) => {
            if scenario.exchange_fails {
                return start_operation(
                    world,
                    base,
                    Operation {
                        polls_left: 2,
                        answer: json!({"status": "Failed", "error": {"code": "PurchaseFailed", "message": "The new reservation could not be bought: the SKU is not available in this region."}}),
                        effect: None,
                        adds: Vec::new(),
                        via_location: false,
                    },
                );
            }
            let new_order = guid(0x0a000000, 1);
            let new_res = guid(0x0b000000, 1);
            let path = format!(
                "/providers/Microsoft.Capacity/reservationOrders/{new_order}/reservations/{new_res}"
            );
            start_operation(
                world,
                base,
                Operation {
                    polls_left: 2,
                    answer: json!({"status": "Succeeded", "properties": {
                        "sessionId": body["properties"]["sessionId"],
                        "reservationsToPurchase": [{
                            "reservationOrderId": format!("/providers/Microsoft.Capacity/reservationOrders/{new_order}"),
                            "reservationId": path,
                            "status": "Succeeded"
                        }]
                    }}),
                    effect: None,
                    adds: Vec::new(),
                    via_location: false,
                },
            )
        }
        ("POST", ["providers", "microsoft.capacity", "calculateprice"]) => {
            calculate_price(world, body, &scenario)
        }
        (
            "PUT",
            [
                "providers",
                "microsoft.capacity",
                "reservationorders",
                order,
            ],
        ) => buy(world, body, tenant, order, base),
        _ => arm_error(405, "MethodNotAllowed", "Not in this fake."),
    }
}

/// What a PurchaseRequest lacks, if anything.
fn purchase_request_problem(body: &Value) -> Option<&'static str> {
    let p = &body["properties"];
    let text = |v: &Value| v.as_str().is_some_and(|s| !s.is_empty());
    if !text(&body["sku"]["name"]) || !text(&body["location"]) {
        return Some("The sku.name and location are required.");
    }
    if !text(&p["reservedResourceType"]) || !text(&p["billingScopeId"]) {
        return Some("The reservedResourceType and billingScopeId are required.");
    }
    if !matches!(p["term"].as_str(), Some("P1Y" | "P3Y" | "P5Y"))
        || !matches!(p["billingPlan"].as_str(), Some("Upfront" | "Monthly"))
        || p["quantity"].as_i64().is_none_or(|q| q < 1)
        || !matches!(
            p["appliedScopeType"].as_str(),
            Some("Shared" | "Single" | "ManagementGroup")
        )
    {
        return Some("The term, billingPlan, quantity or appliedScopeType is not valid.");
    }
    None
}

/// calculatePrice: 100.25 a unit, and the order ID the purchase is to use.
fn calculate_price(world: &World, body: &Value, scenario: &Scenario) -> HttpResponse {
    if let Some(problem) = purchase_request_problem(body) {
        return arm_error(400, "InvalidRequestContent", problem);
    }
    let sku = body["sku"]["name"].as_str().unwrap_or_default();
    if let Some(unavailable) = &scenario.unavailable_sku
        && sku.contains(unavailable.as_str())
    {
        return arm_error(
            400,
            "SkuNotAvailable",
            &format!("The SKU {sku} is not available for purchase in this subscription."),
        );
    }
    let quantity = body["properties"]["quantity"].as_i64().unwrap_or(1);
    let total =
        serde_json::from_str::<Value>(&format!("{:.2}", 100.25 * quantity as f64)).expect("number");
    let n = world.operations.lock().expect("lock").len() as u32 + world.seen().len() as u32;
    HttpResponse::Ok().json(json!({"properties": {
        "reservationOrderId": format!("/providers/Microsoft.Capacity/reservationOrders/{}", guid(0x0f000000, n)),
        "billingCurrencyTotal": {"currencyCode": "USD", "amount": total},
        "pricingCurrencyTotal": {"currencyCode": "USD", "amount": total},
        "isBillingPartnerManaged": true,
        "paymentSchedule": []
    }}))
}

/// PUT of a reservation order: the order and its one reservation join the
/// tenant, and the Order is the final answer of a long-running operation
/// answered through Location.
fn buy(world: &World, body: &Value, tenant: &str, order: &str, base: &str) -> HttpResponse {
    if let Some(problem) = purchase_request_problem(body) {
        return arm_error(400, "InvalidRequestContent", problem);
    }
    let p = &body["properties"];
    let reservation = guid(0x0f100000, world.seen().len() as u32);
    let reservation_path = format!(
        "/providers/Microsoft.Capacity/reservationOrders/{order}/reservations/{reservation}"
    );
    let order_path = format!("/providers/Microsoft.Capacity/reservationOrders/{order}");
    let today = chrono::Utc::now().date_naive();
    let expiry = today + Days::new(365);
    let answer = json!({
        "id": order_path,
        "name": order,
        "etag": 1,
        "type": "Microsoft.Capacity/reservationOrders",
        "properties": {
            "displayName": p["displayName"],
            "createdDateTime": format!("{today}T10:00:00Z"),
            "benefitStartTime": format!("{today}T10:00:00Z"),
            "expiryDateTime": format!("{expiry}T10:00:00Z"),
            "originalQuantity": p["quantity"],
            "term": p["term"],
            "billingPlan": p["billingPlan"],
            "provisioningState": "Succeeded",
            "reservations": [{"id": reservation_path}]
        }
    });
    let mut properties = p.clone();
    properties["provisioningState"] = json!("Succeeded");
    properties["displayProvisioningState"] = json!("Succeeded");
    properties["effectiveDateTime"] = json!(format!("{today}T10:00:00Z"));
    properties["purchaseDateTime"] = json!(format!("{today}T10:00:00Z"));
    properties["expiryDateTime"] = json!(format!("{expiry}T10:00:00Z"));
    properties["archived"] = json!(false);
    let bought = json!({
        "id": reservation_path,
        "name": format!("{order}/{reservation}"),
        "etag": 1,
        "type": "microsoft.capacity/reservationOrders/reservations",
        "location": body["location"],
        "sku": body["sku"],
        "properties": properties
    });
    let order_json = answer.clone();
    world.change_tenant(tenant, |t| {
        t.orders.push(order_json);
        t.reservations.push(bought);
    });
    start_operation(
        world,
        base,
        Operation {
            polls_left: 2,
            answer,
            effect: None,
            adds: Vec::new(),
            via_location: true,
        },
    )
}

fn customers(req: &HttpRequest, world: &World, tenant: &str) -> HttpResponse {
    if !tenant.eq_ignore_ascii_case(PARTNER) {
        return HttpResponse::Unauthorized().json(json!({"code": 401, "description": "The token is not from the partner's tenant.", "data": [], "source": "PartnerApiPortal"}));
    }
    let tenants = world.tenants.lock().expect("lock").clone();
    let per_page = tenants.len().div_ceil(3).max(1);
    let token = req
        .headers()
        .get("MS-ContinuationToken")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let page: usize = match token {
        "" => 0,
        t => match t.strip_prefix("ct-").and_then(|n| n.parse().ok()) {
            Some(n) => n,
            None => return HttpResponse::BadRequest().json(json!({"code": 400, "description": "The continuation token is not valid.", "data": [], "source": "PartnerApiPortal"})),
        },
    };
    let items: Vec<Value> = tenants.iter().skip(page * per_page).take(per_page).map(|(id, t)| json!({
        "id": id,
        "companyProfile": {"tenantId": id, "domain": t.domain, "companyName": t.company_name, "attributes": {"objectType": "CustomerCompanyProfile"}},
        "relationshipToPartner": "reseller",
        "attributes": {"objectType": "Customer"}
    })).collect();
    let mut links = json!({"self": {"uri": "/customers?size=100", "method": "GET", "headers": []}});
    if (page + 1) * per_page < tenants.len() {
        links["next"] = json!({"uri": "/customers?size=100&seekOperation=Next", "method": "GET",
            "headers": [{"key": "MS-ContinuationToken", "value": format!("ct-{}", page + 1)}]});
    }
    HttpResponse::Ok().json(json!({"totalCount": items.len(), "items": items, "links": links, "attributes": {"objectType": "Collection"}}))
}

fn reservations_page(world: &World, t: &Tenant, query: &str, base: &str) -> HttpResponse {
    let page: usize = query_value(query, "$skiptoken")
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    if world.scenario.lock().expect("lock").throttle_page == Some(page) {
        let mut throttled = world.throttled.lock().expect("lock");
        if !*throttled {
            *throttled = true;
            return HttpResponse::TooManyRequests()
                .insert_header(("Retry-After", "1"))
                .json(json!({"error": {"code": "TooManyRequests", "message": "The request is being throttled."}}));
        }
    }
    let per_page = t.reservations.len().div_ceil(3).max(1);
    let value: Vec<Value> = t
        .reservations
        .iter()
        .skip((page - 1) * per_page)
        .take(per_page)
        .cloned()
        .collect();
    let next = if page * per_page < t.reservations.len() {
        // An older api-version in the link: the client must keep it.
        json!(format!(
            "{base}/providers/Microsoft.Capacity/reservations?api-version=2022-03-01&$skiptoken={}",
            page + 1
        ))
    } else {
        Value::Null
    };
    let summary = json!({"succeededCount": t.reservations.len(), "failedCount": 0, "expiringCount": 0, "expiredCount": 0, "pendingCount": 0, "cancelledCount": 0, "processingCount": 0, "warningCount": 0, "noBenefitCount": 0});
    HttpResponse::Ok().json(json!({"value": value, "nextLink": next, "summary": summary}))
}

fn consumption(world: &World, t: &Tenant, lower: &str, query: &str) -> HttpResponse {
    if query_value(query, "grain").as_deref() != Some("daily") {
        return arm_error(400, "BadRequest", "grain must be daily here");
    }
    let filter = query_value(query, "$filter").unwrap_or_default();
    let date_after = |op: &str| {
        let at = filter.find(op)? + op.len();
        NaiveDate::parse_from_str(filter.get(at..at + 10)?, "%Y-%m-%d").ok()
    };
    let (Some(from), Some(to)) = (date_after(" ge "), date_after(" le ")) else {
        return arm_error(
            400,
            "BadRequest",
            "Daily grain needs a usageDate filter with ge and le.",
        );
    };
    if let Some(max) = world.scenario.lock().expect("lock").max_days_per_read
        && (to - from).num_days() + 1 > max
    {
        return arm_error(
            400,
            "ResponseTooLarge",
            "The response is too large; query a smaller date range.",
        );
    }
    let order = lower
        .split("reservationorders/")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_default()
        .to_string();
    let mut value = Vec::new();
    for r in &t.reservations {
        let id = r["id"].as_str().unwrap_or_default().to_ascii_lowercase();
        if !id.contains(&order) {
            continue;
        }
        let res = id.rsplit('/').next().unwrap_or_default().to_string();
        let start = r["properties"]["effectiveDateTime"]
            .as_str()
            .and_then(|s| NaiveDate::parse_from_str(&s[..10], "%Y-%m-%d").ok());
        let mut day = from;
        while day <= to {
            if start.is_some_and(|s| day >= s) {
                let seed = res.bytes().map(u32::from).sum::<u32>()
                    + day.format("%j").to_string().parse::<u32>().unwrap_or(0);
                let avg = f64::from(seed % 1001) / 10.0;
                value.push(json!({
                    "id": format!("providers/Microsoft.Capacity/reservationorders/{order}/providers/Microsoft.Consumption/reservationSummaries/{res}_{day}"),
                    "name": format!("{res}_{day}"),
                    "type": "Microsoft.Consumption/reservationSummaries",
                    "properties": {
                        "reservationOrderId": order.to_uppercase(), "reservationId": res.to_uppercase(),
                        "skuName": "Standard_D2s_v5", "reservedHours": 24, "usageDate": format!("{day}T00:00:00.0000000Z"),
                        "usedHours": avg * 0.24, "minUtilizationPercentage": 0, "avgUtilizationPercentage": avg,
                        "maxUtilizationPercentage": 100, "kind": "Reservation", "purchasedQuantity": 1, "remainingQuantity": 0,
                        "totalReservedQuantity": 1, "usedQuantity": 1, "utilizedPercentage": avg
                    }
                }));
            }
            day = day + Days::new(1);
        }
    }
    HttpResponse::Ok().json(json!({"value": value}))
}

/// Starts the fake with these tenants; its base URL and its world.
pub fn start(tenants: Vec<(String, Tenant)>) -> (String, web::Data<World>) {
    let world = web::Data::new(World::default());
    *world.tenants.lock().expect("lock") = tenants;
    let listener = TcpListener::bind("127.0.0.1:0").expect("port");
    let base = format!(
        "http://127.0.0.1:{}",
        listener.local_addr().expect("addr").port()
    );
    let (w, b) = (world.clone(), web::Data::new(base.clone()));
    std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            HttpServer::new(move || {
                App::new()
                    .app_data(w.clone())
                    .app_data(b.clone())
                    .app_data(web::PayloadConfig::new(1 << 20))
                    .default_service(web::to(handle))
            })
            .workers(2)
            .listen(listener)
            .expect("listen")
            .run()
            .await
        })
    });
    (base, world)
}

/// The environment that points the dashboard at the fake.
pub fn env(base: &str) -> Vec<(&'static str, String)> {
    vec![
        ("PD_AZURE_TENANT_ID", PARTNER.to_string()),
        ("PD_AZURE_CLIENT_ID", CLIENT_ID.to_string()),
        ("PD_AZURE_CLIENT_SECRET", SECRET.to_string()),
        ("PD_AZURE_LOGIN_URL", base.to_string()),
        ("PD_AZURE_ARM_URL", base.to_string()),
        ("PD_AZURE_PARTNER_CENTER_URL", base.to_string()),
    ]
}
