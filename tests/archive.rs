//! Archiving an ended reservation through the pages: the Overview's
//! button, the notice, the lists that leave it out unless asked, the
//! look-up that still finds it, the Activity log, and the refusals.

mod common;

use common::*;
use diesel::prelude::*;
use partner_dashboard::db::schema::reservations;
use reqwest::StatusCode;

/// An expired reservation: its ID, order ID and customer.
fn ended(app: &TestApp) -> (String, String, i64) {
    use partner_dashboard::db::schema::reservation_orders as orders;
    reservations::table
        .inner_join(orders::table)
        .filter(reservations::provisioning_state.eq("Succeeded"))
        .filter(reservations::expiry_date.le(today()))
        .order(reservations::id)
        .select((
            reservations::reservation_guid,
            orders::order_guid,
            reservations::customer_id,
        ))
        .first(&mut app.conn())
        .expect("an expired reservation")
}

#[tokio::test]
async fn an_agent_archives_an_ended_reservation_and_finds_it_again() {
    let app = spawn_app().await;
    let sales = app.client_as(SALES).await;
    let csrf = app.csrf(&sales).await;
    let (guid, order, customer) = ended(&app);
    let order = order.to_string();
    let list = format!("/customers/{customer}/reservations");
    let overview = app
        .get_with(&sales, &format!("/reservations/{guid}"), &[])
        .await;
    assert_eq!(overview.text("#archive-button"), "Archive");

    // Without the anti-forgery token: refused, nothing archived.
    let forged = app
        .post_form(&sales, &format!("/reservations/{guid}/archive"), &[])
        .await;
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    assert!(app.get_with(&sales, &list, &[]).await.body.contains(&guid));

    let archived = app
        .post_form(
            &sales,
            &format!("/reservations/{guid}/archive"),
            &[("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(archived.status(), StatusCode::SEE_OTHER);
    let location = archived.headers()["location"]
        .to_str()
        .expect("location")
        .to_string();
    assert_eq!(
        location,
        format!("/reservations/{guid}?notice=archive-done")
    );
    let page = app.get_with(&sales, &location, &[]).await;
    assert!(page.text(".alert-success").contains("archived"));
    assert_eq!(page.text("h1 .badge-archived"), "Archived");
    assert_eq!(page.text("#archive-button"), "Unarchive");

    // Lists leave it out unless asked; the look-up still finds it.
    assert!(!app.get_with(&sales, &list, &[]).await.body.contains(&guid));
    let shown = app
        .get_with(&sales, &format!("{list}?archived=1"), &[])
        .await;
    assert!(shown.body.contains(&guid));
    assert!(shown.attrs("#archived-filter", "checked").len() == 1);
    for query in [&guid, &order] {
        let found = sales
            .get(format!("{}/lookup?q={query}", app.address))
            .send()
            .await
            .expect("look-up");
        let status = found.status();
        let location = found
            .headers()
            .get("location")
            .map(|l| l.to_str().expect("location").to_string());
        let body = found.text().await.expect("body");
        assert!(
            location.as_deref() == Some(format!("/reservations/{guid}").as_str())
                || (status == StatusCode::OK && body.contains(&guid)),
            "the look-up by {query} finds the archived reservation: {status} {location:?}"
        );
    }

    // The Activity log says it was archived.
    let activity = app
        .get_with(&sales, &format!("/reservations/{guid}/activity"), &[])
        .await;
    let entries = activity.texts("ol.activity li");
    assert!(
        entries
            .first()
            .is_some_and(|e| e.contains("Archived") && e.contains(SALES)),
        "{entries:?}"
    );
    // The export leaves it out too, unless asked.
    for (query, wanted) in [("", false), ("?archived=1", true)] {
        let csv = sales
            .get(format!("{}/reservations/export.csv{query}", app.address))
            .send()
            .await
            .expect("export")
            .text()
            .await
            .expect("csv");
        assert_eq!(csv.contains(&guid), wanted, "export{query}");
    }

    let back = app
        .post_form(
            &sales,
            &format!("/reservations/{guid}/unarchive"),
            &[("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(back.status(), StatusCode::SEE_OTHER);
    assert!(app.get_with(&sales, &list, &[]).await.body.contains(&guid));
}

#[tokio::test]
async fn a_reservation_in_force_or_a_reader_without_the_right_is_refused() {
    let app = spawn_app().await;
    let sales = app.client_as(SALES).await;
    let csrf = app.csrf(&sales).await;
    let (_, in_force) = refundable(&app, 0);
    let overview = app
        .get_with(&sales, &format!("/reservations/{in_force}"), &[])
        .await;
    assert_eq!(
        overview.count("#archive-button"),
        0,
        "no button on a reservation in force"
    );
    let refused = app
        .post_form(
            &sales,
            &format!("/reservations/{in_force}/archive"),
            &[("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);
    let body = refused.text().await.expect("body");
    assert!(body.contains("Only a reservation that has ended"), "{body}");

    let support = app.client_as(SUPPORT).await;
    let support_csrf = app.csrf(&support).await;
    let (guid, _, _) = ended(&app);
    let page = app
        .get_with(&support, &format!("/reservations/{guid}"), &[])
        .await;
    assert_eq!(
        page.count("#archive-button"),
        0,
        "support agents may not archive"
    );
    let forbidden = app
        .post_form(
            &support,
            &format!("/reservations/{guid}/archive"),
            &[("csrf_token", &support_csrf)],
        )
        .await;
    assert_eq!(forbidden.status(), StatusCode::FORBIDDEN);
    let archived: bool = reservations::table
        .filter(reservations::reservation_guid.eq(&guid))
        .select(reservations::archived)
        .first(&mut app.conn())
        .expect("archived");
    assert!(!archived);
}
