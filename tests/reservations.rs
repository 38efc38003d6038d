//! The reservation record: Overview and Properties blades.

mod common;

use chrono::{Datelike, Days, NaiveDate};
use common::*;
use diesel::prelude::*;
use partner_dashboard::db::schema::{
    customers, reservation_orders, reservation_utilization as util, reservations, subscriptions,
};
use reqwest::StatusCode;

/// An active reservation of the demo data with a single-subscription scope.
fn active_single_scope(app: &TestApp) -> (i64, String, String, NaiveDate, String) {
    let (id, guid, name, expiry, price) = active_single_scope_priced(app);
    (id, guid, name, expiry, price.amount().to_string())
}

/// [`active_single_scope`] with its price as stored.
fn active_single_scope_priced(
    app: &TestApp,
) -> (
    i64,
    String,
    String,
    NaiveDate,
    partner_dashboard::domain::money::Money,
) {
    reservations::table
        .filter(reservations::provisioning_state.eq("Succeeded"))
        .filter(reservations::expiry_date.gt(today() + Days::new(60)))
        .filter(reservations::scope_type.eq("Single"))
        .filter(reservations::scope_resource_group_id.is_null())
        .select((
            reservations::id,
            reservations::reservation_guid,
            reservations::display_name,
            reservations::expiry_date,
            reservations::purchase_price,
        ))
        .first(&mut app.conn())
        .expect("an active reservation")
}

fn us_date(d: NaiveDate) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    format!("{} {}, {}", MONTHS[d.month0() as usize], d.day(), d.year())
}

#[tokio::test]
async fn overview_shows_the_details_scope_and_utilization() {
    let app = spawn_app().await;
    app.sign_in(SALES).await;
    let (id, guid, name, expiry, _) = active_single_scope(&app);
    let (subscription_name, company): (String, String) = reservations::table
        .inner_join(
            subscriptions::table.on(subscriptions::id
                .nullable()
                .eq(reservations::scope_subscription_id)),
        )
        .inner_join(customers::table.on(customers::id.eq(reservations::customer_id)))
        .filter(reservations::id.eq(id))
        .select((subscriptions::display_name, customers::company_name))
        .first(&mut app.conn())
        .expect("scope subscription");
    let page = app.get(&format!("/reservations/{guid}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text("h1").starts_with(&name));
    assert_eq!(
        page.texts(".breadcrumbs li"),
        vec![
            "Customers".to_string(),
            company,
            "Azure reservations".into(),
            name.clone(),
            "Overview".into()
        ]
    );
    let essentials = page.text(".essentials");
    let days_left = (expiry - today()).num_days();
    assert!(essentials.contains(&us_date(expiry)), "{essentials}");
    assert!(
        essentials.contains(&format!("{days_left} days left")),
        "{essentials}"
    );
    assert!(
        essentials.contains(&format!("Single subscription: {subscription_name}")),
        "{essentials}"
    );

    // The 30-day figure is the average of the stored days before today.
    let values: Vec<i32> = util::table
        .filter(util::reservation_id.eq(id))
        .filter(util::day.ge(today() - Days::new(30)))
        .filter(util::day.lt(today()))
        .select(util::permille)
        .load(&mut app.conn())
        .expect("days");
    assert_eq!(
        values.len(),
        30,
        "an active reservation has a full month of data"
    );
    let sum: i64 = values.iter().map(|v| i64::from(*v)).sum();
    let avg = (sum * 2 + 30) / 60;
    let stats = page.texts(".stat-value");
    assert_eq!(stats[2], format!("{}.{}%", avg / 10, avg % 10), "{stats:?}");
    assert!(
        ["Rising", "Falling", "Steady"]
            .iter()
            .any(|t| stats[3].contains(t)),
        "{stats:?}"
    );

    // The chart: inline SVG, described, one bar per day, with a table as text alternative.
    assert_eq!(
        page.count("figure.chart svg[role=img] title#chart-title"),
        1
    );
    assert_eq!(page.count("figure.chart svg rect.bar"), 30);
    assert_eq!(page.count("figure.chart details table tbody tr"), 30);
    // The blade menu of the record.
    assert_eq!(
        page.texts(".blades a"),
        vec![
            "Overview",
            "Access control (IAM)",
            "Configuration",
            "Properties",
            "Activity log",
            "Recommendations",
            "New support request"
        ]
    );
}

#[tokio::test]
async fn properties_show_both_ids_with_copy_buttons() {
    let app = spawn_app().await;
    app.sign_in(HELPDESK).await;
    let (id, guid, _, _, price) = active_single_scope(&app);
    let order_guid: String = reservations::table
        .inner_join(reservation_orders::table)
        .filter(reservations::id.eq(id))
        .select(reservation_orders::order_guid)
        .first(&mut app.conn())
        .expect("order");
    let page = app.get(&format!("/reservations/{guid}/properties")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.attrs("#prop-reservation-id", "value"),
        vec![guid.clone()]
    );
    assert_eq!(
        page.attrs("#prop-order-id", "value"),
        vec![order_guid.clone()]
    );
    assert_eq!(
        page.attrs("#prop-resource-id", "value"),
        vec![format!(
            "/providers/Microsoft.Capacity/reservationOrders/{order_guid}/reservations/{guid}"
        )]
    );
    let targets = page.attrs("button.copy", "data-copy-target");
    assert_eq!(
        targets,
        vec!["prop-reservation-id", "prop-order-id", "prop-resource-id"]
    );
    // Each copy button has a label element pointing at its field.
    assert_eq!(page.attrs("label[for=prop-reservation-id]", "for").len(), 1);
    // Money is exact, with a currency sign and grouping.
    let shown = page.text(".money");
    let (whole, cents) = price.split_once('.').unwrap_or((&price, "00"));
    let whole: i64 = whole.parse().expect("whole dollars");
    let grouped = whole
        .to_string()
        .as_bytes()
        .rchunks(3)
        .rev()
        .map(|c| std::str::from_utf8(c).expect("digits"))
        .collect::<Vec<_>>()
        .join(",");
    assert!(
        shown.starts_with(&format!("${grouped}.{cents:0<2}")),
        "{shown} vs {price}"
    );
    assert!(page.text(".essentials").contains("Billing subscription"));
}

#[tokio::test]
async fn unknown_or_malformed_reservation_ids_get_the_404_page() {
    let app = spawn_app().await;
    app.sign_in(ADMIN).await;
    for id in [
        "not-a-guid",
        "00000000-0000-0000-0000-000000000000",
        "%3Cscript%3E",
    ] {
        for suffix in ["", "/properties"] {
            let page = app.get(&format!("/reservations/{id}{suffix}")).await;
            assert_eq!(page.status, StatusCode::NOT_FOUND, "{id}{suffix}");
            assert_eq!(page.text("h1"), "Page not found");
            assert_eq!(page.count(".topbar"), 1, "in the site's layout");
        }
    }
}

#[tokio::test]
async fn every_demo_reservation_renders() {
    let app = spawn_app().await;
    app.sign_in(ADMIN).await;
    let guids: Vec<String> = reservations::table
        .select(reservations::reservation_guid)
        .load(&mut app.conn())
        .expect("reservations");
    assert_eq!(guids.len(), 180);
    for guid in guids.iter().step_by(7) {
        for suffix in ["", "/properties"] {
            let page = app.get(&format!("/reservations/{guid}{suffix}")).await;
            assert_eq!(page.status, StatusCode::OK, "{guid}{suffix}");
            assert_eq!(page.count(".record-head .badge"), 1);
        }
    }
}
