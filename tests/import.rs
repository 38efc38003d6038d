//! Importing reservations from a CSV file through the server: the upload,
//! the preview, the import and its re-imports, and every row's problems.

mod common;

use common::import::*;
use common::*;
use diesel::prelude::*;
use partner_dashboard::db::schema::{
    customers, imports, reservation_orders, reservations, resource_groups,
};
use reqwest::StatusCode;

#[tokio::test]
async fn a_good_file_is_previewed_then_imported_all_at_once_and_again_as_changes() {
    let app = spawn_app().await;
    let admin = app.client_as(ADMIN).await;
    let (contoso, contoso_tenant, contoso_sub) = demo_customer(&app, 1);
    let mut lines = vec![HEAD.to_string()];
    // A new customer: two reservations of one order scoped to a resource
    // group, one shared (billed to their subscription).
    let rg = format!("/subscriptions/{NEW_SUB}/resourceGroups/web-rg");
    lines.push(row(NEW_TENANT, "Imported Co", 1, 1, &rg, ""));
    lines.push(row(NEW_TENANT, "Imported Co", 2, 1, &rg, ""));
    lines.push(row(NEW_TENANT, "Imported Co", 3, 2, "", NEW_SUB));
    // A customer of the demo, named by tenant only, on their subscription.
    let single = format!("/subscriptions/{contoso_sub}");
    lines.push(row(&contoso_tenant, "", 4, 3, &single, ""));
    let text = lines.join("\r\n") + "\r\n";
    let before = counts(&app);

    let path = preview_of(&app, &admin, &text).await;
    let page = app.get_with(&admin, &path, &[]).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(counts(&app), before, "nothing is written by the preview");
    assert_eq!(
        page.text("#import-summary"),
        "4 reservations will be added, and 0 already here will be updated where the file differs; 3 orders will be added."
    );
    let customers_shown = page.texts("section[aria-labelledby=summary-heading] tbody th");
    assert_eq!(customers_shown.len(), 2, "{customers_shown:?}");
    assert_eq!(customers_shown[0], "Imported Co New");
    assert_eq!(page.count("#import-go"), 1);
    assert_eq!(page.text("#import-go"), "Import 4 reservations");

    let done = import(&app, &admin, &path).await;
    assert_eq!(
        done.text("#import-result"),
        "Imported. Reservations added: 4; updated: 0."
    );
    let after = counts(&app);
    assert_eq!(after, (before.0 + 4, before.1 + 3, before.2 + 1));
    let mut conn = app.conn();
    let (new_customer, name): (i64, String) = customers::table
        .filter(customers::tenant_id.eq(NEW_TENANT))
        .select((customers::id, customers::company_name))
        .first(&mut conn)
        .expect("the new customer");
    assert_eq!(name, "Imported Co");
    // The result leads to each customer's reservations.
    assert_eq!(
        done.attrs("section[aria-labelledby=imported-customers] a", "href"),
        [
            format!("/customers/{new_customer}/reservations"),
            format!("/customers/{contoso}/reservations"),
        ]
    );
    let (owner, scope, group, quantity, state): (i64, String, Option<i64>, i32, String) =
        reservations::table
            .filter(reservations::reservation_guid.eq(guid('a', 2)))
            .select((
                reservations::customer_id,
                reservations::scope_type,
                reservations::scope_resource_group_id,
                reservations::quantity,
                reservations::provisioning_state,
            ))
            .first(&mut conn)
            .expect("imported reservation");
    assert_eq!(
        (owner, scope.as_str(), quantity),
        (new_customer, "Single", 3)
    );
    assert_eq!(state, "Succeeded");
    let group_name: String = resource_groups::table
        .find(group.expect("a resource group scope"))
        .select(resource_groups::name)
        .first(&mut conn)
        .expect("group");
    assert_eq!(group_name, "web-rg");
    let original: i32 = reservation_orders::table
        .filter(reservation_orders::order_guid.eq(guid('b', 1)))
        .select(reservation_orders::original_quantity)
        .first(&mut conn)
        .expect("order");
    assert_eq!(
        original,
        2 + 3,
        "an order holds its reservations' quantities"
    );
    let demo_owner: i64 = reservations::table
        .filter(reservations::reservation_guid.eq(guid('a', 4)))
        .select(reservations::customer_id)
        .first(&mut conn)
        .expect("demo customer's import");
    assert_eq!(demo_owner, contoso);
    drop(conn);
    assert_eq!(audited(&app, "reservations-imported"), 1);
    // The imported reservation is a reservation like any other.
    let overview = app
        .get_with(&admin, &format!("/reservations/{}", guid('a', 1)), &[])
        .await;
    assert_eq!(overview.status, StatusCode::OK);
    assert!(overview.body.contains("Imported 1"));

    // The same file again changes nothing; one cell changed changes one.
    let again = preview_of(&app, &admin, &text).await;
    let page = app.get_with(&admin, &again, &[]).await;
    assert_eq!(
        page.text("#import-summary"),
        "0 reservations will be added, and 4 already here will be updated where the file differs; 0 orders will be added."
    );
    let done = import(&app, &admin, &again).await;
    assert_eq!(
        done.text("#import-result"),
        "Imported. Reservations added: 0; updated: 0."
    );
    let renamed = text.replace("Imported 3,", "Imported three,");
    let third = preview_of(&app, &admin, &renamed).await;
    let done = import(&app, &admin, &third).await;
    assert_eq!(
        done.text("#import-result"),
        "Imported. Reservations added: 0; updated: 1."
    );
    assert_eq!(counts(&app), after);
    assert_eq!(audited(&app, "import-changed"), 1);
    // An order's plan changed: each of its reservations says so.
    let monthly = renamed
        .lines()
        .map(|l| {
            if l.contains(&guid('b', 1)) {
                l.replace(",Upfront,", ",Monthly,")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\r\n");
    let fourth = preview_of(&app, &admin, &monthly).await;
    let done = import(&app, &admin, &fourth).await;
    assert_eq!(
        done.text("#import-result"),
        "Imported. Reservations added: 0; updated: 2."
    );
    assert_eq!(audited(&app, "import-changed"), 3);
    let activity = app
        .get_with(
            &admin,
            &format!("/reservations/{}/activity", guid('a', 2)),
            &[],
        )
        .await;
    assert!(
        activity.body.contains("order: P1Y · Monthly"),
        "the order's plan in the log"
    );
    let activity = app
        .get_with(
            &admin,
            &format!("/reservations/{}/activity", guid('a', 3)),
            &[],
        )
        .await;
    assert!(
        activity.body.contains("Changed by an imported file"),
        "activity"
    );
    // The latest uploads are listed, newest first.
    let list = app.get_with(&admin, "/admin/import", &[]).await;
    assert_eq!(list.count("table.data tbody tr"), 4);
    assert_eq!(list.texts("table.data tbody td:last-child")[0], "Imported");
}

#[tokio::test]
async fn a_bad_file_shows_every_problem_by_line_and_column_and_imports_nothing() {
    let app = spawn_app().await;
    let admin = app.client_as(ADMIN).await;
    let other: String = reservations::table
        .filter(reservations::customer_id.eq(2))
        .select(reservations::reservation_guid)
        .first(&mut app.conn())
        .expect("another customer's reservation");
    let (_, contoso_tenant, contoso_sub) = demo_customer(&app, 1);
    let contoso_reservation: String = reservations::table
        .filter(reservations::customer_id.eq(1))
        .select(reservations::reservation_guid)
        .first(&mut app.conn())
        .expect("Contoso's reservation");
    let rg = format!("/subscriptions/{NEW_SUB}");
    let good = row(NEW_TENANT, "Imported Co", 1, 1, &rg, "");
    let lines = [
        HEAD.to_string(),
        good.clone(),
        // 3: quantity zero; 4: a date the other way round.
        row(NEW_TENANT, "Imported Co", 2, 2, &rg, "")
            .replace(",1,P1Y", ",0,P1Y")
            .replace(",3,P1Y", ",0,P1Y"),
        row(NEW_TENANT, "Imported Co", 3, 3, &rg, "").replace("2026-03-04", "04/03/2026x"),
        // 5: the reservation of line 2 again.
        good.clone(),
        // 6: a control character in the name, CR/LF in a quoted cell.
        row(NEW_TENANT, "Imported Co", 6, 6, &rg, "")
            .replace("Imported 6", "\"Bell\u{7}\r\nline\""),
        // 7: another customer's reservation.
        row(NEW_TENANT, "Imported Co", 7, 7, &rg, "").replace(&guid('a', 7), &other),
        // 8: a tenant nobody knows, without a company name.
        row("9e8d7c6b-5a49-4837-a625-1f0e9d8c7b6a", "", 8, 8, &rg, ""),
        // 9: a reservation of the demo's Contoso under another order.
        row(
            &contoso_tenant,
            "",
            9,
            9,
            &format!("/subscriptions/{contoso_sub}"),
            "",
        )
        .replace(&guid('a', 9), &contoso_reservation),
        // 10: a resource ID naming another order than the order column; a
        // date that reads both ways.
        row(NEW_TENANT, "Imported Co", 10, 10, &rg, "")
            .replace(
                &guid('a', 10),
                &format!(
                    "/providers/Microsoft.Capacity/reservationOrders/{}/reservations/{}",
                    guid('b', 99),
                    guid('a', 10)
                ),
            )
            .replace("2027-03-03", "03/04/2027"),
    ];
    let text = lines.join("\n");
    let before = counts(&app);
    let path = preview_of(&app, &admin, &text).await;
    let page = app.get_with(&admin, &path, &[]).await;
    assert_eq!(counts(&app), before, "nothing written");
    assert_eq!(page.count("#import-go"), 0, "no Import button");
    let rows: Vec<Vec<String>> = (1..=page.count("#problems tbody tr"))
        .map(|n| page.texts(&format!("#problems tbody tr:nth-child({n}) td")))
        .collect();
    let problem = |line: &str, column: &str| {
        rows.iter()
            .find(|r| r[0] == line && r[1] == column)
            .unwrap_or_else(|| panic!("no problem at line {line}, {column}: {rows:#?}"))
            .clone()
    };
    assert_eq!(problem("3", "Quantity")[2], "0");
    assert_eq!(
        problem("3", "Quantity")[3],
        "Not a whole number from 1 to 10,000."
    );
    assert_eq!(problem("4", "Purchase date")[2], "04/03/2026x");
    assert_eq!(
        problem("5", "Reservation Id")[3],
        "The same reservation is also on line 2."
    );
    // The bell is shown as a replacement character, what was typed kept.
    assert_eq!(problem("6", "Name")[2], "Bell\u{fffd}\u{fffd}\u{fffd}line");
    assert_eq!(
        problem("8", "Reservation Id")[3],
        "Already belongs to another customer."
    );
    assert!(problem("9", "Customer tenant ID")[3].starts_with("No customer has this tenant"));
    assert_eq!(
        problem("10", "Reservation order Id")[3],
        "This reservation is stored under another order."
    );
    assert_eq!(
        problem("11", "Reservation Id")[3],
        "The reservation's resource ID names another order than the order column."
    );
    assert_eq!(problem("11", "Expiration date")[2], "03/04/2027");
    assert_eq!(
        problem("11", "Expiration date")[3],
        "This date reads both as day/month and month/day: use YYYY-MM-DD."
    );
    assert_eq!(
        page.text("#problems-heading"),
        format!("{} problems", rows.len())
    );

    // Importing it anyway is refused with the app's own page.
    let token = app.csrf(&admin).await;
    let refused = app
        .post_form(&admin, &path, &[("csrf_token", &token)])
        .await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);
    let body = refused.text().await.expect("body");
    assert!(body.contains("The file has problems"), "{body}");
    assert_eq!(counts(&app), before);
    let state: String = imports::table
        .select(imports::state)
        .first(&mut app.conn())
        .expect("upload");
    assert_eq!(state, "Preview");
}
