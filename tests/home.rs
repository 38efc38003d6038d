//! The agents' home page, its lists and their CSV export.

mod common;

use chrono::Days;
use common::*;
use diesel::prelude::*;
use partner_dashboard::db::schema::reservations;
use reqwest::StatusCode;

fn expiring_within(app: &TestApp, days: u64) -> (i64, i64) {
    let rows: Vec<bool> = reservations::table
        .filter(reservations::provisioning_state.eq("Succeeded"))
        .filter(reservations::expiry_date.gt(today()))
        .filter(reservations::expiry_date.le(today() + Days::new(days)))
        .select(reservations::renew)
        .load(&mut app.conn())
        .expect("rows");
    (
        rows.len() as i64,
        rows.iter().filter(|r| **r).count() as i64,
    )
}

#[tokio::test]
async fn the_home_page_shows_what_needs_attention() {
    let app = spawn_app().await;
    let admin = app.client_as(ADMIN).await;
    let page = app.get_with(&admin, "/", &[]).await;
    assert_eq!(page.status, StatusCode::OK);
    let values = page.texts(".tile-value");
    let notes = page.texts(".tile-note");
    for (i, days) in [30, 60, 90].into_iter().enumerate() {
        let (count, renewing) = expiring_within(&app, days);
        assert_eq!(values[i], count.to_string(), "{days} days");
        assert!(
            notes[i].starts_with(&renewing.to_string()),
            "{days} days: {}",
            notes[i]
        );
    }
    assert_eq!(
        page.attrs("a.tile", "href")[0],
        "/reservations/expiring?days=30"
    );
    // The 30-day list holds exactly those reservations.
    let list = app
        .get_with(&admin, "/reservations/expiring?days=30", &[])
        .await;
    assert_eq!(
        list.count("table.data tbody tr") as i64,
        expiring_within(&app, 30).0.min(25)
    );
    let bad = app
        .get_with(&admin, "/reservations/expiring?days=45", &[])
        .await;
    assert!(bad.text(".notice").contains("30, 60 or 90"));
    // Under-used: every row's 7-day figure is below the threshold.
    let underused = app.get_with(&admin, "/reservations/underused", &[]).await;
    assert_eq!(underused.status, StatusCode::OK);
    let figures: Vec<f64> = underused
        .texts("table.data tbody td.num")
        .iter()
        .map(|t| t.trim_end_matches('%').parse().expect("percent"))
        .collect();
    assert!(!figures.is_empty(), "the demo has idle reservations");
    assert!(figures.iter().all(|f| *f < 50.0), "{figures:?}");
    assert_eq!(
        values[3],
        underused
            .text(".pager-range")
            .rsplit(' ')
            .next()
            .unwrap_or_default(),
        "the tile counts the list"
    );
    // Customer users have their own home.
    let owner: String = partner_dashboard::db::schema::users::table
        .filter(partner_dashboard::db::schema::users::role.eq("Customer"))
        .select(partner_dashboard::db::schema::users::email)
        .first(&mut app.conn())
        .expect("customer user");
    let customer = app.client_as(&owner).await;
    let r = customer
        .get(format!("{}/", app.address))
        .send()
        .await
        .expect("home");
    assert_eq!(r.headers()["location"], "/my/reservations");
}

/// The CSV of the reservations expiring within 90 days.
async fn expiring_csv(app: &TestApp, client: &reqwest::Client) -> String {
    client
        .get(format!(
            "{}/reservations/expiring?days=90&format=csv",
            app.address
        ))
        .send()
        .await
        .expect("csv")
        .text()
        .await
        .expect("body")
}

#[tokio::test]
async fn lists_export_as_csv() {
    let app = spawn_app().await;
    let sales = app.client_as(SALES).await;
    let r = sales
        .get(format!(
            "{}/reservations/expiring?days=90&format=csv",
            app.address
        ))
        .send()
        .await
        .expect("csv");
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .expect("type")
            .starts_with("text/csv")
    );
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .expect("disposition")
            .contains("expiring-90-days.csv")
    );
    let body = r.text().await.expect("body");
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let headers = reader.headers().expect("headers").clone();
    assert_eq!(&headers[0], "reservation");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("record")).collect();
    assert_eq!(rows.len() as i64, expiring_within(&app, 90).0);
    // A name that looks like a formula is neutralised.
    diesel::update(
        reservations::table.filter(
            reservations::reservation_guid.eq(reservations::table
                .filter(reservations::provisioning_state.eq("Succeeded"))
                .filter(reservations::expiry_date.gt(today()))
                .filter(reservations::expiry_date.le(today() + Days::new(90)))
                .select(reservations::reservation_guid)
                .first::<String>(&mut app.conn())
                .expect("one")),
        ),
    )
    .set(reservations::display_name.eq("=HYPERLINK(\"x\")"))
    .execute(&mut app.conn())
    .expect("rename");
    let body = expiring_csv(&app, &sales).await;
    assert!(body.contains("'=HYPERLINK"), "formula neutralised");
    assert!(!body.contains("\n=HYPERLINK"));
}

#[tokio::test]
async fn the_expiring_lists_show_the_seven_day_figure_of_each_overview() {
    let app = spawn_app().await;
    let admin = app.client_as(ADMIN).await;
    let list = app
        .get_with(&admin, "/reservations/expiring?days=90", &[])
        .await;
    let links = list.attrs("table.data tbody tr th a", "href");
    let figures = list.texts("table.data tbody td.num");
    assert!(!links.is_empty(), "the demo has expiring reservations");
    assert_eq!(links.len(), figures.len());
    let mut measured = 0;
    for (href, figure) in links.iter().zip(&figures).take(8) {
        let overview = app.get_with(&admin, href, &[]).await;
        let seven_day = overview
            .texts(".stat")
            .into_iter()
            .find(|t| t.starts_with("7-day"))
            .expect("7-day stat");
        assert!(
            seven_day.ends_with(figure.as_str()),
            "{href}: {seven_day} vs {figure}"
        );
        if !figure.is_empty() && figure != "—" {
            measured += 1;
        }
    }
    assert!(measured > 0, "figures are shown: {figures:?}");
    // The CSV carries the same figure as a number.
    let body = expiring_csv(&app, &admin).await;
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let column = reader
        .headers()
        .expect("headers")
        .iter()
        .position(|h| h == "utilization_7_day_percent")
        .expect("column");
    let filled = reader
        .records()
        .map(|r| r.expect("record"))
        .filter(|r| !r[column].is_empty())
        .count();
    assert!(filled > 0, "the CSV's 7-day column is filled");
}

#[tokio::test]
async fn the_kept_expiry_counts_follow_every_change_to_a_reservation() {
    let app = spawn_app().await;
    let check = |app: &TestApp, what: &str| {
        let kept = partner_dashboard::db::reservations::expiry_counts(&mut app.conn(), today())
            .expect("kept counts");
        for (i, days) in [30, 60, 90].into_iter().enumerate() {
            assert_eq!(
                kept[i],
                expiring_within(app, days),
                "{days} days after {what}"
            );
        }
    };
    check(&app, "the demo's seed");
    let ids: Vec<i64> = reservations::table
        .filter(reservations::provisioning_state.eq("Succeeded"))
        .order(reservations::id)
        .select(reservations::id)
        .limit(4)
        .load(&mut app.conn())
        .expect("ids");
    let soon = today() + Days::new(12);
    let set_expiry = diesel::update(reservations::table.find(ids[0]))
        .set(reservations::expiry_date.eq(soon))
        .execute(&mut app.conn());
    assert_eq!(set_expiry, Ok(1));
    check(&app, "a new expiry date");
    diesel::update(reservations::table.filter(reservations::id.eq_any(&ids[..2])))
        .set(reservations::renew.eq(diesel::dsl::not(reservations::renew)))
        .execute(&mut app.conn())
        .expect("renew");
    check(&app, "renewal switched");
    diesel::update(reservations::table.find(ids[1]))
        .set(reservations::provisioning_state.eq("Cancelled"))
        .execute(&mut app.conn())
        .expect("cancel");
    check(&app, "a cancellation");
    diesel::update(reservations::table.find(ids[1]))
        .set((
            reservations::provisioning_state.eq("Succeeded"),
            reservations::expiry_date.eq(soon),
        ))
        .execute(&mut app.conn())
        .expect("back in force");
    check(&app, "back in force on another day");
    diesel::update(reservations::table.find(ids[2]))
        .set(reservations::display_name.eq("renamed"))
        .execute(&mut app.conn())
        .expect("rename");
    check(&app, "a rename");
    {
        use partner_dashboard::db::schema::{reservation_utilization as days, role_assignments};
        diesel::delete(
            role_assignments::table.filter(role_assignments::reservation_id.eq_any(&ids[..2])),
        )
        .execute(&mut app.conn())
        .expect("assignments");
        diesel::delete(days::table.filter(days::reservation_id.eq_any(&ids[..2])))
            .execute(&mut app.conn())
            .expect("utilization");
    }
    let deleted = diesel::delete(reservations::table.filter(reservations::id.eq_any(&ids[..2])))
        .execute(&mut app.conn());
    assert!(deleted.is_ok(), "{deleted:?}");
    check(&app, "deletions");
}
