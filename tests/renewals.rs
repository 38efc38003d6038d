//! Renewal through the pages and the `renew-due` command: the renewal
//! fields on Configuration with their price before saving (the htmx line
//! and the "Show price" button without JavaScript), refusals next to the
//! fields, and several runs of the job at once renewing a reservation due
//! exactly once, linked both ways.

mod common;

use common::*;
use diesel::prelude::*;
use partner_dashboard::db::schema::{
    audit_log, reservation_links, reservation_orders, reservations,
};
use reqwest::StatusCode;

/// A one-year upfront reservation in force, renewable for three years:
/// (row, ID, quantity, version).
fn renewable(app: &TestApp) -> (i64, String, i32, i32) {
    let all: Vec<(i64, String, i32, i32, String, String, String)> = reservations::table
        .inner_join(reservation_orders::table)
        .filter(reservations::provisioning_state.eq("Succeeded"))
        .filter(reservations::expiry_date.gt(today() + chrono::Days::new(40)))
        .filter(reservation_orders::term.eq("P1Y"))
        .filter(reservation_orders::billing_plan.eq("Upfront"))
        .filter(reservations::resource_type.eq("VirtualMachines"))
        .order(reservations::id)
        .select((
            reservations::id,
            reservations::reservation_guid,
            reservations::quantity,
            reservations::version,
            reservations::resource_type,
            reservations::sku,
            reservations::region,
        ))
        .load(&mut app.conn())
        .expect("reservations");
    all.into_iter()
        .find(|r| {
            use partner_dashboard::db::schema::catalogue_prices as c;
            c::table
                .filter(c::resource_type.eq(&r.4))
                .filter(c::sku.eq(&r.5))
                .filter(c::region.eq(&r.6))
                .filter(c::term.eq("P3Y"))
                .count()
                .get_result::<i64>(&mut app.conn())
                .expect("catalogue")
                == 1
        })
        .map(|r| (r.0, r.1, r.2, r.3))
        .expect("a renewable reservation")
}

/// The Configuration form of `guid` as loaded, as pairs.
async fn loaded_form(app: &TestApp, guid: &str) -> Vec<(String, String)> {
    let page = app
        .get(&format!("/reservations/{guid}/configuration"))
        .await;
    let mut form = Vec::new();
    for name in ["csrf_token", "version", "name", "renew_quantity"] {
        let value = page.attrs(&format!("form.config-form [name={name}]"), "value");
        form.push((name.to_string(), value.first().cloned().unwrap_or_default()));
    }
    let scope = page.attrs("form.config-form [name=scope][checked]", "value");
    form.push(("scope".into(), scope.first().cloned().unwrap_or_default()));
    for name in [
        "subscription",
        "resource_group",
        "management_group",
        "flexibility",
        "renew_term",
        "renew_plan",
    ] {
        let value = page.attrs(
            &format!("form.config-form [name={name}] option[selected]"),
            "value",
        );
        form.push((name.to_string(), value.first().cloned().unwrap_or_default()));
    }
    form
}

fn set(form: &mut Vec<(String, String)>, name: &str, value: &str) {
    form.retain(|(k, _)| k != name);
    form.push((name.to_string(), value.to_string()));
}

async fn post(app: &TestApp, path: &str, form: &[(String, String)]) -> Page {
    let response = app
        .client
        .post(format!("{}{path}", app.address))
        .form(form)
        .send()
        .await
        .expect("post");
    Page::of(response).await
}

#[tokio::test]
async fn an_agent_sets_how_a_reservation_renews_seeing_the_price_first() {
    let app = spawn_app().await;
    app.sign_in(SALES).await;
    let (row, guid, quantity, _) = renewable(&app);
    let path = format!("/reservations/{guid}/configuration");
    let page = app.get(&path).await;
    // The renewal fields start as the reservation is now, with its price.
    assert_eq!(
        page.attrs("#renew-quantity", "value"),
        vec![quantity.to_string()]
    );
    assert_eq!(
        page.attrs("#renew-term option[selected]", "value"),
        vec!["P1Y".to_string()]
    );
    assert!(
        page.text("#renewal-price").starts_with("Renewal price: $"),
        "{}",
        page.text("#renewal-price")
    );

    // The price line htmx asks for as the fields change.
    let line = app
        .get(&format!(
            "{path}/renewal-price?renew_term=P3Y&renew_plan=Monthly&renew_quantity=2"
        ))
        .await;
    assert_eq!(line.status, 200);
    assert!(
        line.text("#renewal-price").contains("over 3 years"),
        "{}",
        line.body
    );
    assert!(line.text("#renewal-price").contains("a month"));
    let odd = app
        .get(&format!(
            "{path}/renewal-price?renew_term=P3Y%E2%80%8B&renew_plan=Monthly&renew_quantity=1e9"
        ))
        .await;
    assert_eq!(odd.status, 200);
    assert!(odd.text("#renewal-price").starts_with("Choose a term"));
    // Control characters are refused before any handler, as the app's page.
    let control = app
        .get(&format!(
            "{path}/renewal-price?renew_term=%00P3Y&renew_plan=%0D%0A"
        ))
        .await;
    assert_eq!(control.status, 400);
    assert!(control.body.contains("<html"));

    // Without JavaScript: "Show price" shows it and saves nothing.
    let mut form = loaded_form(&app, &guid).await;
    set(&mut form, "renew", "on");
    set(&mut form, "renew_term", "P3Y");
    set(&mut form, "renew_plan", "Monthly");
    set(&mut form, "renew_quantity", "2");
    let mut preview = form.clone();
    preview.push(("preview".into(), "1".into()));
    let shown = post(&app, &path, &preview).await;
    assert_eq!(shown.status, 200);
    assert_eq!(shown.text("#renewal-price"), line.text("#renewal-price"));
    assert_eq!(
        shown.attrs("#renew-quantity", "value"),
        vec!["2".to_string()]
    );
    let stored: Option<String> = reservations::table
        .find(row)
        .select(reservations::renew_term)
        .first(&mut app.conn())
        .expect("stored");
    assert_eq!(stored, None, "a preview saves nothing");

    // A quantity that is not one: the reason next to the field, kept.
    let mut bad = form.clone();
    set(&mut bad, "renew_quantity", "2\u{1}");
    let refused = post(&app, &path, &bad).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.text("#renew-quantity-error").contains("1 to 1,000"));
    assert_eq!(
        refused.attrs("#renew-quantity", "value"),
        vec!["2\u{1}".to_string()]
    );

    let saved = post(&app, &path, &form).await;
    assert_eq!(
        saved.status,
        200,
        "{:?} {:?}",
        saved.texts(".field-error"),
        form
    );
    assert!(
        saved.text(".alert-success").contains("Renewal"),
        "{}",
        saved.text(".alert-success")
    );
    let overview = app.get(&format!("/reservations/{guid}")).await;
    assert_eq!(
        overview.text("#renews-as"),
        "Renews as 3 years, Monthly, quantity 2"
    );
    let log = app.get(&format!("/reservations/{guid}/activity")).await;
    assert!(log.text(".activity").contains("Renewal plan changed"));
}

#[tokio::test]
async fn renew_due_run_four_times_at_once_renews_a_reservation_once() {
    let app = spawn_app().await;
    app.sign_in(SALES).await;
    let (row, guid, _, _) = renewable(&app);
    diesel::update(reservations::table.find(row))
        .set((
            reservations::renew.eq(true),
            reservations::expiry_date.eq(today()),
        ))
        .execute(&mut app.conn())
        .expect("due today");
    let database = app.config.database.connection_string();
    let runs: Vec<_> = (0..4)
        .map(|_| {
            std::process::Command::new(env!("CARGO_BIN_EXE_partner-dashboard"))
                .args([
                    "renew-due",
                    "--today",
                    "2026-11-25",
                    "--database",
                    &database,
                ])
                .output()
        })
        .collect::<Vec<_>>();
    // Also from threads at the same moment.
    let parallel: Vec<_> = (0..4)
        .map(|_| {
            let database = database.clone();
            std::thread::spawn(move || {
                std::process::Command::new(env!("CARGO_BIN_EXE_partner-dashboard"))
                    .args([
                        "renew-due",
                        "--today",
                        "2026-11-25",
                        "--database",
                        &database,
                    ])
                    .output()
                    .expect("run")
            })
        })
        .collect();
    let mut outputs: Vec<std::process::Output> =
        runs.into_iter().map(|r| r.expect("run")).collect();
    outputs.extend(parallel.into_iter().map(|t| t.join().expect("thread")));
    let mut renewed = 0;
    for out in &outputs {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        renewed += String::from_utf8_lossy(&out.stdout)
            .matches("Renewed ")
            .count();
    }
    assert_eq!(renewed, 1);
    let successors: Vec<i64> = reservation_links::table
        .filter(reservation_links::source_id.eq(row))
        .filter(reservation_links::kind.eq("Renewal"))
        .select(reservation_links::destination_id)
        .load(&mut app.conn())
        .expect("links");
    assert_eq!(successors.len(), 1);
    let audited: i64 = audit_log::table
        .filter(audit_log::action.eq("reservation-renewed"))
        .count()
        .get_result(&mut app.conn())
        .expect("audit");
    assert_eq!(audited, 1);
    // Linked both ways on the pages.
    let old = app.get(&format!("/reservations/{guid}")).await;
    assert!(old.text("#lineage").contains("Renewed as"));
    let new = app.get(&old.attrs("#lineage a", "href")[0]).await;
    assert!(new.text("#lineage").contains("Renewed from"));
    assert!(new.text(".badge").contains("Active"));
}
