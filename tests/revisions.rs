//! Revisions through the pages: the Activity log lists every revision with
//! who changed what, before and after, and each opens the reservation as
//! it was then.

mod common;

use common::*;
use diesel::prelude::*;
use partner_dashboard::db::schema::reservations;
use reqwest::StatusCode;

#[tokio::test]
async fn the_activity_log_lists_revisions_and_each_shows_the_reservation_as_it_was() {
    let app = spawn_app().await;
    let sales = app.client_as(SALES).await;
    let csrf = app.csrf(&sales).await;
    let (guid, version): (String, i32) = reservations::table
        .filter(reservations::provisioning_state.eq("Succeeded"))
        .filter(reservations::expiry_date.le(today()))
        .order(reservations::id)
        .select((reservations::reservation_guid, reservations::version))
        .first(&mut app.conn())
        .expect("an ended reservation");
    let archived = app
        .post_form(
            &sales,
            &format!("/reservations/{guid}/archive"),
            &[("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(archived.status(), StatusCode::SEE_OTHER);
    let log = app
        .get_with(&sales, &format!("/reservations/{guid}/activity"), &[])
        .await;
    let rows = log.texts("#revisions tbody tr");
    assert!(rows.len() >= 2, "{rows:?}");
    assert!(
        rows[0].starts_with(&format!("Revision {}", version + 1)),
        "{rows:?}"
    );
    assert!(
        rows[0].contains(SALES) && rows[0].contains("Archived: Off → On"),
        "{rows:?}"
    );
    let links = log.attrs("#revisions tbody th a", "href");
    assert_eq!(
        links[1],
        format!("/reservations/{guid}/revisions/{version}")
    );

    // The revision before the archive: not archived, and says so.
    let before = app.get_with(&sales, &links[1], &[]).await;
    assert_eq!(before.status, 200);
    assert!(
        before
            .text("#revision-banner")
            .contains(&format!("current revision is {}", version + 1))
    );
    assert!(!before.text("#revision-facts").contains("Archived"));
    let now = app.get_with(&sales, &links[0], &[]).await;
    assert!(now.text("#revision-facts").contains("Archived"));

    for odd in ["999", "abc", "-1", "1%00"] {
        let missing = app
            .get_with(
                &sales,
                &format!("/reservations/{guid}/revisions/{odd}"),
                &[],
            )
            .await;
        assert!(
            missing.status == 404 || missing.status == 400,
            "{odd}: {}",
            missing.status
        );
        assert!(missing.body.contains("<html"), "the app's own page");
    }
}
