//! Splitting and merging reservations through the pages: the Overview's
//! links, the forms, their refusals next to the field, the links between
//! the reservations, the Activity log of each one involved, and two agents
//! splitting the same reservation at once.

mod common;

use common::*;
use diesel::prelude::*;
use partner_dashboard::db::schema::{reservations, support_requests};
use reqwest::StatusCode;

/// An in-force reservation of quantity 3 or more with no open request:
/// its ID, quantity and version.
fn splittable(app: &TestApp) -> (String, i32, i32) {
    let open: Vec<i64> = support_requests::table
        .filter(support_requests::status.eq("Open"))
        .select(support_requests::reservation_id)
        .load(&mut app.conn())
        .expect("open");
    reservations::table
        .filter(reservations::provisioning_state.eq("Succeeded"))
        .filter(reservations::expiry_date.gt(today() + chrono::Days::new(40)))
        .filter(reservations::quantity.ge(3))
        .filter(reservations::id.ne_all(open))
        .order(reservations::id)
        .select((
            reservations::reservation_guid,
            reservations::quantity,
            reservations::version,
        ))
        .first(&mut app.conn())
        .expect("a splittable reservation")
}

fn location(response: &reqwest::Response) -> String {
    response.headers()["location"]
        .to_str()
        .expect("location")
        .to_string()
}

#[tokio::test]
async fn an_agent_splits_a_reservation_then_merges_the_parts_back() {
    let app = spawn_app().await;
    let sales = app.client_as(SALES).await;
    let csrf = app.csrf(&sales).await;
    let (guid, quantity, version) = splittable(&app);
    let overview = app
        .get_with(&sales, &format!("/reservations/{guid}"), &[])
        .await;
    assert_eq!(overview.text("#split-link"), "Split");
    let form = app
        .get_with(&sales, &format!("/reservations/{guid}/split"), &[])
        .await;
    assert_eq!(form.status, 200);
    let first = form.attrs("#split-first", "value");
    assert_eq!(first, vec![(quantity / 2).to_string()]);
    let path = format!("/reservations/{guid}/split");
    let version = version.to_string();

    // Without the anti-forgery token: refused.
    let forged = app
        .post_form(
            &sales,
            &path,
            &[("version", &version), ("first", "1"), ("second", "1")],
        )
        .await;
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    // Bad quantities: the message next to the fields, what was typed kept.
    let wrong_sum = (quantity + 1).to_string();
    for (a, b) in [
        ("1", wrong_sum.as_str()),
        ("0", "0"),
        ("two\u{7}", "1"),
        ("-1", "99999999999"),
        ("", ""),
    ] {
        let refused = app
            .post_form(
                &sales,
                &path,
                &[
                    ("csrf_token", &csrf),
                    ("version", &version),
                    ("first", a),
                    ("second", b),
                ],
            )
            .await;
        assert_eq!(
            refused.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{a:?} {b:?}"
        );
        let page = Page::of(refused).await;
        assert!(
            page.text("#split-quantity-error").contains("add up"),
            "{a:?}"
        );
        assert_eq!(page.attrs("#split-first", "value"), vec![a.to_string()]);
    }
    assert_eq!(audited(&app, "reservation-split"), 0);

    let rest = (quantity - 1).to_string();
    let done = app
        .post_form(
            &sales,
            &path,
            &[
                ("csrf_token", &csrf),
                ("version", &version),
                ("first", "1"),
                ("second", &rest),
            ],
        )
        .await;
    assert_eq!(done.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        location(&done),
        format!("/reservations/{guid}?notice=split-done")
    );
    let whole = app.get_with(&sales, &location(&done), &[]).await;
    assert!(whole.text(".alert-success").contains("split"));
    assert_eq!(whole.text("h1 .badge-split"), "Split");
    assert_eq!(whole.count("#split-link"), 0, "no longer in force");
    assert_eq!(whole.text("#archive-button"), "Archive");
    let parts = whole.attrs("#lineage a", "href");
    assert_eq!(parts.len(), 2, "{parts:?}");
    assert!(whole.text("#lineage").contains("Split into"));
    let whole_log = app
        .get_with(&sales, &format!("/reservations/{guid}/activity"), &[])
        .await;
    assert!(whole_log.text(".activity").contains("Split"));

    let part_a = app.get_with(&sales, &parts[0], &[]).await;
    assert!(part_a.text("#lineage").contains("Split from"));
    assert_eq!(
        part_a.attrs("#lineage a", "href"),
        vec![format!("/reservations/{guid}")]
    );
    let log = app
        .get_with(&sales, &format!("{}/activity", parts[0]), &[])
        .await;
    assert!(log.text(".activity").contains("Made by splitting"));

    // Merge the two parts back from the first one's page.
    let merge_path = format!("{}/merge", parts[0]);
    let merge_form = app.get_with(&sales, &merge_path, &[]).await;
    let offered = merge_form.attrs("input[name=with]", "value");
    let other = parts[1].trim_start_matches("/reservations/").to_string();
    assert_eq!(offered, vec![other.clone()]);
    let part_version = merge_form.attrs("input[name=version]", "value")[0].clone();
    // Nothing ticked (or only odd values): the reason next to the choice.
    let refused = app
        .post_form(
            &sales,
            &merge_path,
            &[
                ("csrf_token", &csrf),
                ("version", &part_version),
                ("with", "not-an-id\r\n"),
            ],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        Page::of(refused)
            .await
            .text("#merge-choice-error")
            .contains("at least one")
    );
    let merged = app
        .post_form(
            &sales,
            &merge_path,
            &[
                ("csrf_token", &csrf),
                ("version", &part_version),
                ("with", &other),
            ],
        )
        .await;
    assert_eq!(merged.status(), StatusCode::SEE_OTHER);
    let merged = app.get_with(&sales, &location(&merged), &[]).await;
    assert!(merged.text(".alert-success").contains("merged"));
    assert_eq!(merged.attrs("#lineage a", "href").len(), 2);
    assert!(merged.text(".essentials").contains(&quantity.to_string()));
    for part in &parts {
        let log = app.get_with(&sales, &format!("{part}/activity"), &[]).await;
        assert!(
            log.text(".activity")
                .contains("Merged into another reservation")
        );
    }
    assert_eq!(audited(&app, "reservation-merged"), 2);
    assert_eq!(audited(&app, "merge-result-made"), 1);
}

#[tokio::test]
async fn two_agents_splitting_the_same_reservation_at_once_split_it_once() {
    let app = spawn_app().await;
    let (guid, quantity, version) = splittable(&app);
    let path = format!("/reservations/{guid}/split");
    let mut agents = Vec::new();
    for email in [SALES, ADMIN] {
        let client = app.client_as(email).await;
        let csrf = app.csrf(&client).await;
        agents.push((client, csrf));
    }
    let rest = (quantity - 1).to_string();
    let version = version.to_string();
    let tries = (0..30).map(|n| {
        let (client, csrf) = &agents[n % 2];
        let form = [
            ("csrf_token", csrf.clone()),
            ("version", version.clone()),
            ("first", "1".to_string()),
            ("second", rest.clone()),
        ];
        client
            .post(format!("{}{path}", app.address))
            .form(&form)
            .send()
    });
    let answers = futures_join(tries).await;
    let mut done = 0;
    for answer in answers {
        let answer = answer.expect("response");
        match answer.status() {
            StatusCode::SEE_OTHER => done += 1,
            StatusCode::CONFLICT => {
                let page = Page::of(answer).await;
                assert!(
                    page.text(".alert-error")
                        .contains("since you opened this page")
                        || page.text(".alert-error").contains("in force"),
                    "{}",
                    page.text(".alert-error")
                );
            }
            other => panic!("unexpected {other}"),
        }
    }
    assert_eq!(done, 1);
    assert_eq!(audited(&app, "reservation-split"), 1);
    assert_eq!(audited(&app, "split-part-made"), 2);
}

#[tokio::test]
async fn an_agent_without_the_right_sees_no_split_and_is_refused() {
    let app = spawn_app().await;
    let support = app.client_as(SUPPORT).await;
    let csrf = app.csrf(&support).await;
    let (guid, _, version) = splittable(&app);
    let overview = app
        .get_with(&support, &format!("/reservations/{guid}"), &[])
        .await;
    assert_eq!(overview.count("#split-link"), 0);
    assert_eq!(overview.count("#merge-link"), 0);
    for page in ["split", "merge"] {
        let path = format!("/reservations/{guid}/{page}");
        let shown = app.get_with(&support, &path, &[]).await;
        assert_eq!(shown.status, 403, "{page}");
        assert!(shown.body.contains("<html"), "the app's own page");
        let posted = app
            .post_form(
                &support,
                &path,
                &[
                    ("csrf_token", &csrf),
                    ("version", &version.to_string()),
                    ("first", "1"),
                    ("second", "1"),
                ],
            )
            .await;
        assert_eq!(posted.status(), StatusCode::FORBIDDEN, "{page}");
    }
    assert_eq!(audited(&app, "reservation-split"), 0);
}
