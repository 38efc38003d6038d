//! Changes made in a dashboard connected to Azure reach Azure (the fake)
//! before the dashboard records them: a configuration PATCH followed to
//! its end, a refund through calculateRefund and return, an exchange
//! through calculateExchange and exchange; and Azure's refusals change
//! nothing here and are shown in its words.

mod common;

use common::azure_world::{self, World, tenant_with};
use common::{TestApp, put_draft, spawn_connected, sync_now};
use diesel::prelude::*;
use partner_dashboard::db::schema::{audit_log, reservations, support_requests};
use reqwest::StatusCode;

/// A server connected to a fake with one customer of six reservations,
/// synced, and an admin signed in.
async fn synced() -> (TestApp, actix_web::web::Data<World>, String) {
    let (tenant, t) = tenant_with(1, "Northwind Traders", 2, 6, common::today());
    let (base, world) = azure_world::start(vec![(tenant.clone(), t)]);
    let app = spawn_connected(&base);
    app.sign_in("admin@partner.example").await;
    sync_now(&app, 1).await;
    (app, world, tenant)
}

/// The n-th reservation of the fake's customer: (row, GUID, display name).
fn reservation(app: &TestApp, n: u32) -> (i64, String, String) {
    let guid = azure_world::guid(0x0e000001, n);
    reservations::table
        .filter(reservations::reservation_guid.eq(&guid))
        .select((
            reservations::id,
            reservations::reservation_guid,
            reservations::display_name,
        ))
        .first(&mut app.conn())
        .expect("synced reservation")
}

fn version(app: &TestApp, row: i64) -> i32 {
    reservations::table
        .find(row)
        .select(reservations::version)
        .first(&mut app.conn())
        .expect("version")
}

#[tokio::test]
async fn a_saved_configuration_is_patched_in_azure_first_and_recorded_with_its_correlation_id() {
    let (app, world, tenant) = synced().await;
    world.scenario.lock().expect("lock").patch_polls = 3;
    let (row, guid, _) = reservation(&app, 1);
    let csrf = app.csrf(&app.client).await;
    let page = app
        .get(&format!("/reservations/{guid}/configuration"))
        .await;
    assert!(
        page.text("main").contains("applied in Azure first"),
        "says where changes go"
    );
    let v = version(&app, row).to_string();
    let response = app
        .post_form(
            &app.client,
            &format!("/reservations/{guid}/configuration"),
            &[
                ("csrf_token", &csrf),
                ("version", &v),
                ("name", "vm-renamed-here"),
                ("scope", "shared"),
                ("flexibility", "On"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let body = response.text().await.expect("body");
    assert!(body.contains("vm-renamed-here"), "saved");

    // Azure received the PATCH the contract describes, and polled it to the end.
    let patches = world.requests_to("PATCH", &format!("/reservations/{guid}"));
    assert_eq!(patches.len(), 1);
    let patch = &patches[0];
    assert!(patch.query.contains("api-version=2022-11-01"));
    let sent = patch.body.as_ref().expect("body");
    assert_eq!(sent["properties"]["name"], "vm-renamed-here");
    assert_eq!(sent["properties"]["appliedScopeType"], "Shared");
    assert_eq!(sent["properties"]["instanceFlexibility"], "On");
    let correlation = patch.headers["x-ms-correlation-request-id"].clone();
    let polls = world
        .seen()
        .into_iter()
        .filter(|s| s.path.starts_with("/operations/"))
        .count();
    assert_eq!(polls, 3, "polled until it succeeded");
    // Azure (the fake) has the new name, and so has the dashboard.
    let in_azure = world
        .tenant(&tenant)
        .reservations
        .iter()
        .any(|r| r["properties"]["displayName"] == "vm-renamed-here");
    assert!(in_azure);
    assert_eq!(reservation(&app, 1).2, "vm-renamed-here");
    let audited: Vec<Option<String>> = audit_log::table
        .filter(audit_log::action.eq("reservation-renamed"))
        .select(audit_log::correlation_id)
        .load(&mut app.conn())
        .expect("audit");
    assert_eq!(
        audited,
        [Some(correlation)],
        "audited with the call's correlation ID"
    );
}

#[tokio::test]
async fn a_patch_azure_refuses_changes_nothing_and_shows_azures_words_with_what_was_typed() {
    let (app, world, _) = synced().await;
    world.scenario.lock().expect("lock").refuse_patch = true;
    let (row, guid, name) = reservation(&app, 2);
    let before = version(&app, row);
    let csrf = app.csrf(&app.client).await;
    let response = app
        .post_form(
            &app.client,
            &format!("/reservations/{guid}/configuration"),
            &[
                ("csrf_token", &csrf),
                ("version", &before.to_string()),
                ("name", "never-saved-name"),
                ("scope", "shared"),
                ("flexibility", "On"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let page = scraper::Html::parse_document(&response.text().await.expect("body"));
    let alert: String = page
        .select(&scraper::Selector::parse("[role=alert]").expect("css"))
        .flat_map(|e| e.text())
        .collect();
    assert!(
        alert.contains("Applied scope subscription is not associated with the billing account"),
        "Azure's words: {alert}"
    );
    let typed = page
        .select(&scraper::Selector::parse("input[name=name]").expect("css"))
        .next()
        .and_then(|e| e.value().attr("value"))
        .unwrap_or_default()
        .to_string();
    assert_eq!(typed, "never-saved-name", "what was typed is kept");
    assert_eq!(reservation(&app, 2).2, name, "nothing changed here");
    assert_eq!(version(&app, row), before);
    let refusals: i64 = audit_log::table
        .filter(audit_log::action.eq("azure-refused"))
        .count()
        .get_result(&mut app.conn())
        .expect("audit");
    assert_eq!(refusals, 1);
}

/// An open request of `kind` on reservation row `row`, by the admin.
fn open_request(app: &TestApp, row: i64, kind: &str, number: &str, details: &str) {
    let draft = put_draft(
        app,
        "admin@partner.example",
        row,
        kind,
        &format!("token-{number}"),
    );
    common::put_request(app, draft, number, "Please settle");
    diesel::update(support_requests::table.filter(support_requests::number.eq(number)))
        .set(support_requests::details.eq(details))
        .execute(&mut app.conn())
        .expect("details");
}

async fn approve(app: &TestApp, number: &str) -> reqwest::Response {
    let support = app.client_as("support@partner.example").await;
    let csrf = app.csrf(&support).await;
    let response = app
        .post_form(
            &support,
            &format!("/requests/{number}/approve"),
            &[("csrf_token", &csrf), ("confirmed", "yes")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    response
}

#[tokio::test]
async fn an_approved_refund_is_calculated_and_returned_in_azure_with_its_figures_kept() {
    let (app, world, tenant) = synced().await;
    let (row, guid, _) = reservation(&app, 3);
    open_request(&app, row, "Refund", "REQ-AZ-1", "{}");
    // Before approving, the support agent sees Azure's own quote beside
    // the dashboard's.
    let support = app.client_as("support@partner.example").await;
    let before = app.get_with(&support, "/requests/REQ-AZ-1", &[]).await;
    let quoted = before.text("#azure-quote");
    assert!(
        quoted.contains("$123.45") && quoted.contains("not the dashboard's"),
        "{quoted}"
    );
    assert_eq!(
        world.requests_to("POST", "/return").len(),
        0,
        "a quote returns nothing"
    );
    let response = approve(&app, "REQ-AZ-1").await;
    assert_eq!(
        response.headers()["location"],
        "/requests/REQ-AZ-1?done=approved"
    );
    let calculated = world.requests_to("POST", "/calculaterefund");
    assert_eq!(calculated.len(), 2, "the page's quote, then the approval's");
    let body = calculated[1].body.as_ref().expect("body");
    assert_eq!(body["properties"]["scope"], "Reservation");
    assert!(
        body["id"]
            .as_str()
            .expect("order id")
            .ends_with(&azure_world::guid(0x0d000001, 1))
    );
    assert!(
        body["properties"]["reservationToReturn"]["reservationId"]
            .as_str()
            .expect("id")
            .ends_with(&format!("/reservations/{guid}"))
    );
    assert_eq!(body["properties"]["reservationToReturn"]["quantity"], 1);
    let returned = world.requests_to("POST", "/return");
    assert_eq!(returned.len(), 1);
    assert_eq!(
        returned[0].body.as_ref().expect("body")["properties"]["sessionId"],
        format!("session-{}", azure_world::guid(0x0d000001, 1)),
        "the return names calculateRefund's session"
    );
    // Azure cancelled it, and then so did the dashboard.
    assert!(world.tenant(&tenant).reservations.iter().any(|r| {
        r["id"]
            .as_str()
            .expect("id")
            .to_lowercase()
            .ends_with(&guid)
            && r["properties"]["provisioningState"] == "Cancelled"
    }));
    let state: String = reservations::table
        .find(row)
        .select(reservations::provisioning_state)
        .first(&mut app.conn())
        .expect("state");
    assert_eq!(state, "Cancelled");
    let page = app.get("/requests/REQ-AZ-1").await;
    let settled = page.text("#azure-settlement");
    assert!(settled.contains("$123.45"), "Azure's refund: {settled}");
    assert!(
        settled.contains("$5,000.00") && settled.contains("$50,000.00"),
        "consumed and limit: {settled}"
    );
    assert!(
        settled.contains("differs from the dashboard's quote"),
        "{settled}"
    );
}

#[tokio::test]
async fn a_refund_azures_policy_refuses_stays_open_and_says_why() {
    let (app, world, _) = synced().await;
    world.scenario.lock().expect("lock").refund_policy_error = Some("RefundLimitExceeded".into());
    let (row, _, _) = reservation(&app, 4);
    open_request(&app, row, "Refund", "REQ-AZ-2", "{}");
    let support = app.client_as("support@partner.example").await;
    let before = app.get_with(&support, "/requests/REQ-AZ-2", &[]).await;
    assert!(
        before
            .text("#azure-quote")
            .contains("Azure would refuse this refund"),
        "{}",
        before.text("#azure-quote")
    );
    let response = approve(&app, "REQ-AZ-2").await;
    let location = response.headers()["location"]
        .to_str()
        .expect("location")
        .to_string();
    assert_eq!(location, "/requests/REQ-AZ-2?problem=azure-refused");
    assert!(
        world.requests_to("POST", "/return").is_empty(),
        "no return after a refusal"
    );
    let page = app.get(&location).await;
    assert!(
        page.text("#request-error")
            .contains("refund limit of USD 50,000"),
        "Azure's words: {}",
        page.text("#request-error")
    );
    let status: String = support_requests::table
        .filter(support_requests::number.eq("REQ-AZ-2"))
        .select(support_requests::status)
        .first(&mut app.conn())
        .expect("status");
    assert_eq!(status, "Open");
    let state: String = reservations::table
        .find(row)
        .select(reservations::provisioning_state)
        .first(&mut app.conn())
        .expect("state");
    assert_eq!(state, "Succeeded");
}

fn exchange_details() -> String {
    serde_json::json!({
        "issue_type": "Billing", "subscription": 1, "summary": "Exchange", "problem_type": "Exchange",
        "category": "Exchange", "problem_start": "2026-11-20", "severity": "Minimal", "description": "Please exchange",
        "exchange": {"sku": "Standard_D4s_v5", "region": "westeurope", "term": "P1Y", "quantity": 1},
        "contact": {"first_name": "A", "last_name": "B", "email": "a@b.example", "additional_emails": [], "phone": null,
            "method": "Email", "time_zone": "UTC", "country": "GBR", "language": "en-US"}
    })
    .to_string()
}

#[tokio::test]
async fn an_approved_exchange_records_the_order_and_reservation_azure_made() {
    let (app, world, _) = synced().await;
    let (row, _, _) = reservation(&app, 4);
    open_request(&app, row, "Exchange", "REQ-AZ-3", &exchange_details());
    let response = approve(&app, "REQ-AZ-3").await;
    assert_eq!(
        response.headers()["location"],
        "/requests/REQ-AZ-3?done=approved"
    );
    let calculated = world.requests_to("POST", "/calculateexchange");
    assert_eq!(calculated.len(), 1);
    let body = calculated[0].body.as_ref().expect("body");
    let bought = &body["properties"]["reservationsToPurchase"][0];
    assert_eq!(bought["sku"]["name"], "Standard_D4s_v5");
    assert_eq!(bought["properties"]["term"], "P1Y");
    assert_eq!(
        bought["properties"]["reservedResourceType"],
        "VirtualMachines"
    );
    let exchanged = world.requests_to("POST", "/exchange");
    assert_eq!(
        exchanged[0].body.as_ref().expect("body")["properties"]["sessionId"],
        "exchange-session-1"
    );
    let new_guid = azure_world::guid(0x0b000000, 1);
    let made: i64 = reservations::table
        .filter(reservations::reservation_guid.eq(&new_guid))
        .count()
        .get_result(&mut app.conn())
        .expect("count");
    assert_eq!(made, 1, "the reservation Azure made is recorded");
    let page = app.get("/requests/REQ-AZ-3").await;
    assert!(
        page.text("#azure-settlement").contains("$10.50"),
        "{}",
        page.text("#azure-settlement")
    );
}

#[tokio::test]
async fn an_exchange_that_fails_in_azure_changes_nothing_here() {
    let (app, world, _) = synced().await;
    world.scenario.lock().expect("lock").exchange_fails = true;
    let (row, _, _) = reservation(&app, 5);
    open_request(&app, row, "Exchange", "REQ-AZ-4", &exchange_details());
    let response = approve(&app, "REQ-AZ-4").await;
    let location = response.headers()["location"]
        .to_str()
        .expect("location")
        .to_string();
    assert_eq!(location, "/requests/REQ-AZ-4?problem=azure-refused");
    let page = app.get(&location).await;
    assert!(
        page.text("#request-error").contains("could not be bought"),
        "{}",
        page.text("#request-error")
    );
    let counted: i64 = reservations::table
        .count()
        .get_result(&mut app.conn())
        .expect("count");
    assert_eq!(counted, 6, "no new reservation");
    let state: String = reservations::table
        .find(row)
        .select(reservations::provisioning_state)
        .first(&mut app.conn())
        .expect("state");
    assert_eq!(state, "Succeeded");
}

#[tokio::test]
async fn thirty_approvals_at_once_return_the_reservation_in_azure_once() {
    let (app, world, _) = synced().await;
    let (row, _, _) = reservation(&app, 2);
    open_request(&app, row, "Refund", "REQ-AZ-5", "{}");
    let support = app.client_as("support@partner.example").await;
    let csrf = app.csrf(&support).await;
    let url = format!("{}/requests/REQ-AZ-5/approve", app.address);
    let form = vec![
        ("csrf_token", csrf.clone()),
        ("confirmed", "yes".to_string()),
    ];
    let answers = common::requests::post_all_at_once(
        (0..30)
            .map(|_| (support.clone(), url.clone(), form.clone()))
            .collect(),
    )
    .await;
    let mut approved = 0;
    for (_, location) in answers {
        if location.ends_with("done=approved") {
            approved += 1;
        } else {
            assert!(
                location.ends_with("problem=settle-in-progress")
                    || location.ends_with("problem=settle-not-open"),
                "{location}"
            );
        }
    }
    assert_eq!(approved, 1, "approved once");
    assert_eq!(
        world.requests_to("POST", "/return").len(),
        1,
        "returned in Azure once"
    );
    let booked: i64 = partner_dashboard::db::schema::refunds::table
        .count()
        .get_result(&mut app.conn())
        .expect("count");
    assert_eq!(booked, 1);
}

/// Marks reservation `guid` cancelled in the fake (when `in_azure`) and
/// here, as a sync after a return made elsewhere would.
fn cancel(app: &TestApp, world: &World, tenant: &str, guid: &str, in_azure: bool) {
    if in_azure {
        world.change_tenant(tenant, |t| {
            for r in &mut t.reservations {
                if r["id"].as_str().is_some_and(|i| i.ends_with(guid)) {
                    r["properties"]["provisioningState"] = "Cancelled".into();
                }
            }
        });
    }
    diesel::update(reservations::table.filter(reservations::reservation_guid.eq(guid)))
        .set(reservations::provisioning_state.eq("Cancelled"))
        .execute(&mut app.conn())
        .expect("cancelled here");
}

fn archived(app: &TestApp, guid: &str) -> bool {
    reservations::table
        .filter(reservations::reservation_guid.eq(guid))
        .select(reservations::archived)
        .first(&mut app.conn())
        .expect("archived")
}

#[tokio::test]
async fn archiving_reaches_azure_first_and_its_refusal_changes_nothing_here() {
    let (app, world, tenant) = synced().await;
    let csrf = app.csrf(&app.client).await;
    let (_, guid, _) = reservation(&app, 1);
    cancel(&app, &world, &tenant, &guid, true);
    let done = app
        .post_form(
            &app.client,
            &format!("/reservations/{guid}/archive"),
            &[("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(done.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        world.requests_to("POST", &format!("{guid}/archive")).len(),
        1
    );
    assert!(archived(&app, &guid));
    let in_azure = world
        .tenant(&tenant)
        .reservations
        .into_iter()
        .find(|r| r["id"].as_str().is_some_and(|i| i.ends_with(&guid)));
    assert_eq!(
        in_azure.expect("in the fake")["properties"]["archived"],
        true
    );

    // Cancelled here, still in force in Azure: Azure refuses, in its words.
    let (_, other, _) = reservation(&app, 2);
    cancel(&app, &world, &tenant, &other, false);
    let refused = app
        .post_form(
            &app.client,
            &format!("/reservations/{other}/archive"),
            &[("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);
    let body = refused.text().await.expect("body");
    assert!(
        body.contains("Only reservations that are Cancelled or Expired can be archived."),
        "{body}"
    );
    assert!(!archived(&app, &other));
    let refusals: i64 = audit_log::table
        .filter(audit_log::action.eq("azure-refused"))
        .filter(audit_log::object_id.eq(&other))
        .count()
        .get_result(&mut app.conn())
        .expect("audit");
    assert_eq!(refusals, 1);
}

/// Sets reservation `guid`'s quantity here and, if `in_azure`, in Azure.
fn set_quantity(
    app: &TestApp,
    world: &World,
    tenant: &str,
    guid: &str,
    quantity: i32,
    in_azure: bool,
) {
    if in_azure {
        world.change_tenant(tenant, |t| {
            for r in &mut t.reservations {
                if r["id"]
                    .as_str()
                    .is_some_and(|i| i.to_ascii_lowercase().ends_with(guid))
                {
                    r["properties"]["quantity"] = quantity.into();
                }
            }
        });
    }
    diesel::update(reservations::table.filter(reservations::reservation_guid.eq(guid)))
        .set(reservations::quantity.eq(quantity))
        .execute(&mut app.conn())
        .expect("quantity here");
}

#[tokio::test]
async fn a_split_and_a_merge_are_made_in_azure_and_recorded_with_the_ids_it_gave() {
    let (app, world, tenant) = synced().await;
    let csrf = app.csrf(&app.client).await;
    let (row, guid, _) = reservation(&app, 1);
    // Azure holds 1 of it, this dashboard 3: Azure refuses, in its words.
    set_quantity(&app, &world, &tenant, &guid, 3, false);
    let v = version(&app, row).to_string();
    let form = |v: &str| {
        vec![
            ("csrf_token", csrf.clone()),
            ("version", v.to_string()),
            ("first", "1".to_string()),
            ("second", "2".to_string()),
        ]
    };
    let refused = app
        .client
        .post(format!("{}/reservations/{guid}/split", app.address))
        .form(&form(&v))
        .send()
        .await
        .expect("post");
    assert_eq!(refused.status(), StatusCode::CONFLICT);
    let body = refused.text().await.expect("body");
    assert!(
        body.contains("Azure refused the change. The quantities must be two positive numbers"),
        "{body}"
    );
    assert_eq!(version(&app, row).to_string(), v, "nothing written here");

    set_quantity(&app, &world, &tenant, &guid, 3, true);
    let done = app
        .client
        .post(format!("{}/reservations/{guid}/split", app.address))
        .form(&form(&v))
        .send()
        .await
        .expect("post");
    assert_eq!(done.status(), StatusCode::SEE_OTHER);
    let sent = world.requests_to("POST", "/split");
    assert_eq!(sent.len(), 2);
    let body = sent[1].body.as_ref().expect("body");
    assert_eq!(body["properties"]["quantities"], serde_json::json!([1, 2]));
    assert!(
        body["properties"]["reservationId"]
            .as_str()
            .is_some_and(|id| id.to_ascii_lowercase().ends_with(&guid))
    );
    // The parts are the reservations Azure made, with its IDs.
    let parts: Vec<(String, i32)> = reservations::table
        .filter(reservations::reservation_guid.ne(&guid))
        .filter(reservations::display_name.like("vm-1-1_%"))
        .order(reservations::display_name)
        .select((reservations::reservation_guid, reservations::quantity))
        .load(&mut app.conn())
        .expect("parts");
    let in_azure: Vec<String> = world
        .tenant(&tenant)
        .reservations
        .iter()
        .filter(|r| r["properties"]["splitProperties"]["splitSource"].is_string())
        .filter_map(|r| r["name"].as_str().map(str::to_ascii_lowercase))
        .collect();
    assert_eq!(parts.len(), 2, "{parts:?}");
    assert!(
        parts.iter().all(|(id, _)| in_azure.contains(id)),
        "{parts:?} {in_azure:?}"
    );
    assert_eq!(parts.iter().map(|p| p.1).collect::<Vec<_>>(), vec![1, 2]);
    let correlation: Option<String> = audit_log::table
        .filter(audit_log::action.eq("reservation-split"))
        .select(audit_log::correlation_id)
        .first(&mut app.conn())
        .expect("audited");
    assert_eq!(
        correlation.as_deref(),
        Some(sent[1].headers["x-ms-correlation-request-id"].as_str())
    );

    // A sync reads what Azure says of them: nothing new, the whole still split.
    sync_now(&app, 2).await;
    let closed_by: Option<String> = reservations::table
        .find(row)
        .select(reservations::closed_by)
        .first(&mut app.conn())
        .expect("whole");
    assert_eq!(closed_by.as_deref(), Some("Split"));
    let count: i64 = reservations::table
        .filter(reservations::display_name.like("vm-1-1_%"))
        .count()
        .get_result(&mut app.conn())
        .expect("count");
    assert_eq!(count, 2, "the parts are not added twice");

    // Merge them back: Azure answers at once with the merged reservation.
    let merge_path = format!("/reservations/{}/merge", parts[0].0);
    let page = app.get(&merge_path).await;
    let part_version = page.attrs("input[name=version]", "value")[0].clone();
    let merged = app
        .post_form(
            &app.client,
            &merge_path,
            &[
                ("csrf_token", &csrf),
                ("version", &part_version),
                ("with", &parts[1].0),
            ],
        )
        .await;
    assert_eq!(merged.status(), StatusCode::SEE_OTHER);
    let location = merged.headers()["location"]
        .to_str()
        .expect("location")
        .to_string();
    let merged_id = location
        .trim_start_matches("/reservations/")
        .split('?')
        .next()
        .expect("id")
        .to_string();
    let sent = world.requests_to("POST", "/merge");
    assert_eq!(sent.len(), 1);
    assert_eq!(
        sent[0].body.as_ref().expect("body")["properties"]["sources"]
            .as_array()
            .map(Vec::len),
        Some(2)
    );
    let quantity: i32 = reservations::table
        .filter(reservations::reservation_guid.eq(&merged_id))
        .select(reservations::quantity)
        .first(&mut app.conn())
        .expect("merged here");
    assert_eq!(quantity, 3);
    assert!(
        world
            .tenant(&tenant)
            .reservations
            .iter()
            .any(|r| r["name"].as_str() == Some(merged_id.as_str())),
        "the merged reservation is Azure's"
    );
}
