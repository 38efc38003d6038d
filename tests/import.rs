//! Importing reservations from a CSV file through the server: the upload,
//! the preview with every row's problems, the import all at once (or not
//! at all), and who may do it.

mod common;

use common::*;
use diesel::prelude::*;
use partner_dashboard::db::schema::{
    customers, imports, reservation_orders, reservations, resource_groups, subscriptions,
};
use reqwest::StatusCode;

/// The Azure portal's headings, with the customer's columns first.
const HEAD: &str = "Customer tenant ID,Customer,Reservation Id,Reservation order Id,Name,Type,SKU,Region,Quantity,Term,Billing plan,Purchase date,Expiration date,Applied scopes,Billing subscription,Auto-renew,Status,Purchase price,Currency";

/// A new customer's tenant, and a subscription of theirs.
const NEW_TENANT: &str = "7d3e1f20-4a5b-4c6d-8e9f-0a1b2c3d4e5f";
const NEW_SUB: &str = "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e";

/// The `n`th GUID of a family (`a` for reservations, `b` for orders).
fn guid(family: char, n: usize) -> String {
    format!("{0}{0}{0}{0}{0}{0}{0}{0}-0000-4000-8000-{n:012}", family)
}

/// One row for `tenant`: reservation `n` of order `order`, scoped to
/// `scope`, billed to `billing`.
fn row(tenant: &str, customer: &str, n: usize, order: usize, scope: &str, billing: &str) -> String {
    format!(
        "{tenant},{customer},{},{},Imported {n},VirtualMachines,Standard_D2s_v3,West Europe,{},P1Y,Upfront,2026-03-0{},2027-03-0{},{scope},{billing},No,Succeeded,{}.25,USD",
        guid('a', n),
        guid('b', order),
        1 + n % 3,
        1 + order % 8,
        1 + order % 8,
        100 + n,
    )
}

/// A customer of the demo: (row ID, tenant, one of their subscriptions).
fn demo_customer(app: &TestApp, id: i64) -> (i64, String, String) {
    let mut conn = app.conn();
    let tenant: String = customers::table
        .find(id)
        .select(customers::tenant_id)
        .first(&mut conn)
        .expect("customer");
    let sub: String = subscriptions::table
        .filter(subscriptions::customer_id.eq(id))
        .select(subscriptions::subscription_guid)
        .first(&mut conn)
        .expect("subscription");
    (id, tenant, sub)
}

/// Reservations, orders and customers stored.
fn counts(app: &TestApp) -> (i64, i64, i64) {
    let mut conn = app.conn();
    (
        reservations::table
            .count()
            .get_result(&mut conn)
            .expect("count"),
        reservation_orders::table
            .count()
            .get_result(&mut conn)
            .expect("count"),
        customers::table
            .count()
            .get_result(&mut conn)
            .expect("count"),
    )
}

/// Uploads `bytes` as `name` with the form's tenant field.
async fn upload(
    app: &TestApp,
    client: &reqwest::Client,
    name: &str,
    bytes: Vec<u8>,
    tenant: &str,
) -> reqwest::Response {
    let token = app.csrf(client).await;
    let form = reqwest::multipart::Form::new()
        .text("csrf_token", token)
        .text("tenant", tenant.to_string())
        .part(
            "file",
            reqwest::multipart::Part::bytes(bytes)
                .file_name(name.to_string())
                .mime_str("text/csv")
                .expect("mime"),
        );
    client
        .post(format!("{}/admin/import", app.address))
        .multipart(form)
        .send()
        .await
        .expect("upload")
}

/// Uploads a file that must be taken; the path of its preview.
async fn preview_of(app: &TestApp, client: &reqwest::Client, text: &str) -> String {
    let response = upload(
        app,
        client,
        "reservations.csv",
        text.as_bytes().to_vec(),
        "",
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "upload taken");
    let location = response.headers()["location"]
        .to_str()
        .expect("location")
        .to_string();
    assert!(location.starts_with("/admin/import/"), "{location}");
    location
}

/// Starts the import on its preview page, and waits for its result.
async fn import(app: &TestApp, client: &reqwest::Client, path: &str) -> Page {
    let token = app.csrf(client).await;
    let response = app.post_form(client, path, &[("csrf_token", &token)]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "import started");
    finished(app, client, path).await
}

/// The upload's page once its import ended.
async fn finished(app: &TestApp, client: &reqwest::Client, path: &str) -> Page {
    for _ in 0..600 {
        let page = app.get_with(client, path, &[]).await;
        if page.count("#import-result") + page.count("#import-failure") > 0 {
            return page;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the import of {path} never ended");
}

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
        "4 reservations will be added and 0 updated; 3 orders will be added."
    );
    let customers_shown = page.texts("section[aria-labelledby=summary-heading] tbody th");
    assert_eq!(customers_shown.len(), 2, "{customers_shown:?}");
    assert_eq!(customers_shown[0], "Imported Co New");
    assert_eq!(page.count("#import-go"), 1);
    assert_eq!(page.text("#import-go"), "Import 4 reservations");

    let done = import(&app, &admin, &path).await;
    assert_eq!(
        done.text("#import-result"),
        "Imported: 4 reservations added, 0 updated."
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
        "0 reservations will be added and 4 updated; 0 orders will be added."
    );
    let done = import(&app, &admin, &again).await;
    assert_eq!(
        done.text("#import-result"),
        "Imported: 0 reservations added, 0 updated."
    );
    let renamed = text.replace("Imported 3,", "Imported three,");
    let third = preview_of(&app, &admin, &renamed).await;
    let done = import(&app, &admin, &third).await;
    assert_eq!(
        done.text("#import-result"),
        "Imported: 0 reservations added, 1 updated."
    );
    assert_eq!(counts(&app), after);
    assert_eq!(audited(&app, "import-changed"), 1);
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
    assert_eq!(list.count("table.data tbody tr"), 3);
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

#[tokio::test]
async fn files_that_cannot_be_read_are_refused_next_to_the_field_with_what_was_typed_kept() {
    let app = spawn_app().await;
    let admin = app.client_as(ADMIN).await;
    let cases: [(Vec<u8>, &str, &str); 5] = [
        (
            b"Name,Region\n\xff\xfe\n".to_vec(),
            "",
            "The file is not UTF-8 text.",
        ),
        (
            b"Name,Region\nx,y\n".to_vec(),
            "",
            "The file lacks these columns: Customer tenant ID, Reservation ID,",
        ),
        (
            format!("{HEAD}\n\n,,,\n").into_bytes(),
            "",
            "The file has no reservations under its heading row.",
        ),
        (Vec::new(), "", "Choose a CSV file to upload."),
        (
            b"x".to_vec(),
            "not-a-tenant\r\nX: y",
            "Enter the tenant ID as a GUID",
        ),
    ];
    for (bytes, tenant, message) in cases {
        let response = upload(&app, &admin, "file.csv", bytes, tenant).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{message}"
        );
        let page = Page::of(response).await;
        let shown = page.texts(".field-error").join(" ");
        assert!(
            shown.starts_with(message),
            "{shown:?} should say {message:?}"
        );
        // What was typed is kept (HTML reads a CR/LF in a value as LF).
        assert_eq!(
            page.attrs("#import-tenant", "value"),
            [tenant.replace("\r\n", "\n")]
        );
    }
    // Too large: refused without being kept whole in memory.
    let huge = vec![b'a'; 64 * 1024 * 1024 + 1];
    let response = upload(&app, &admin, "huge.csv", huge, "").await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = Page::of(response).await;
    assert_eq!(
        page.text(".field-error"),
        "The file is larger than 64 MB. Split it into smaller files."
    );
    // A file for one customer chosen on the form, without a tenant column.
    let (_, tenant, sub) = demo_customer(&app, 3);
    let text = format!(
        "Name,Reservation Id,Reservation order Id,Type,SKU,Region,Quantity,Term,Billing plan,Purchase date,Expiration date,Scope,Scope subscription\n\
         Chosen,{},{},SqlDatabases,SQLDB_GP_Compute_Gen5,eastus,4,3 years,Monthly,11/20/2025,11/20/2028,Single,{sub}\n",
        guid('a', 50),
        guid('b', 50),
    );
    let response = upload(&app, &admin, "one.csv", text.into_bytes(), &tenant).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let path = response.headers()["location"]
        .to_str()
        .expect("location")
        .to_string();
    let done = import(&app, &admin, &path).await;
    assert_eq!(
        done.text("#import-result"),
        "Imported: 1 reservations added, 0 updated."
    );
    let (owner, term): (i64, String) = reservations::table
        .inner_join(reservation_orders::table)
        .filter(reservations::reservation_guid.eq(guid('a', 50)))
        .select((reservations::customer_id, reservation_orders::term))
        .first(&mut app.conn())
        .expect("imported");
    assert_eq!((owner, term.as_str()), (3, "P3Y"));
}

#[tokio::test]
async fn thirty_identical_imports_at_once_write_the_file_once() {
    let app = spawn_app().await;
    let admin = app.client_as(ADMIN).await;
    let rg = format!("/subscriptions/{NEW_SUB}");
    let text = [HEAD.to_string()]
        .into_iter()
        .chain((1..=40).map(|n| row(NEW_TENANT, "Imported Co", n, n / 2, &rg, "")))
        .collect::<Vec<_>>()
        .join("\n");
    let path = preview_of(&app, &admin, &text).await;
    let before = counts(&app);
    let token = app.csrf(&admin).await;
    let answers = futures_join((0..30).map(|_| {
        let (client, url, token) = (
            admin.clone(),
            format!("{}{path}", app.address),
            token.clone(),
        );
        async move {
            client
                .post(url)
                .form(&[("csrf_token", token)])
                .send()
                .await
                .expect("post")
                .status()
        }
    }))
    .await;
    assert!(
        answers.iter().all(|s| *s == StatusCode::SEE_OTHER),
        "{answers:?}"
    );
    let done = finished(&app, &admin, &path).await;
    assert_eq!(
        done.text("#import-result"),
        "Imported: 40 reservations added, 0 updated."
    );
    assert_eq!(counts(&app), (before.0 + 40, before.1 + 21, before.2 + 1));
    assert_eq!(audited(&app, "reservations-imported"), 1);
}

#[tokio::test]
async fn a_failure_while_writing_leaves_nothing_of_the_file() {
    let app = spawn_app().await;
    let admin = app.client_as(ADMIN).await;
    let rg = format!("/subscriptions/{NEW_SUB}");
    // 2,500 rows: the third batch of reservations fails to be written.
    let text = [HEAD.to_string()]
        .into_iter()
        .chain((1..=2_500).map(|n| row(NEW_TENANT, "Imported Co", n, n, &rg, "")))
        .collect::<Vec<_>>()
        .join("\n");
    let path = preview_of(&app, &admin, &text).await;
    let before = counts(&app);
    let refuse = match partner_dashboard::db::connection::engine(&app.conn()) {
        partner_dashboard::db::connection::Engine::Sqlite => vec![
            "CREATE TRIGGER refuse_import BEFORE INSERT ON reservations WHEN NEW.display_name = 'Imported 2400' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END".to_string(),
        ],
        partner_dashboard::db::connection::Engine::Postgres => vec![
            "CREATE FUNCTION refuse_import() RETURNS trigger AS $$ BEGIN IF NEW.display_name = 'Imported 2400' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql".to_string(),
            "CREATE TRIGGER refuse_import BEFORE INSERT ON reservations FOR EACH ROW EXECUTE FUNCTION refuse_import()".to_string(),
        ],
    };
    for sql in refuse {
        diesel::sql_query(sql)
            .execute(&mut app.conn())
            .expect("trigger");
    }
    let token = app.csrf(&admin).await;
    let response = app
        .post_form(&admin, &path, &[("csrf_token", &token)])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let page = finished(&app, &admin, &path).await;
    assert!(
        page.text("#import-failure")
            .starts_with("Nothing of this file was imported. Something went wrong"),
        "{}",
        page.text("#import-failure")
    );
    assert_eq!(
        counts(&app),
        before,
        "no customer, order or reservation of the file"
    );
    let subs: i64 = subscriptions::table
        .filter(subscriptions::subscription_guid.eq(NEW_SUB))
        .count()
        .get_result(&mut app.conn())
        .expect("count");
    assert_eq!(subs, 0);
    assert_eq!(audited(&app, "reservations-imported"), 0);
    // Once the cause is gone, the same upload imports.
    diesel::sql_query("DROP TRIGGER refuse_import ON reservations")
        .execute(&mut app.conn())
        .or_else(|_| diesel::sql_query("DROP TRIGGER refuse_import").execute(&mut app.conn()))
        .expect("drop trigger");
    let done = import(&app, &admin, &path).await;
    assert_eq!(
        done.text("#import-result"),
        "Imported: 2,500 reservations added, 0 updated."
    );
}

#[tokio::test]
async fn only_admins_import_and_never_when_connected_to_azure() {
    let app = spawn_app().await;
    for email in [SALES, HELPDESK, SUPPORT] {
        let client = app.client_as(email).await;
        let page = app.get_with(&client, "/admin/import", &[]).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{email}");
        assert!(page.body.contains("<header"), "the app's own page");
        let response = upload(&app, &client, "x.csv", HEAD.as_bytes().to_vec(), "").await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{email} uploads");
    }
    // A stranger's upload is sent to sign in, and nothing is stored.
    let stranger = app.new_client();
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(HEAD.as_bytes().to_vec()).file_name("x.csv"),
    );
    let response = stranger
        .post(format!("{}/admin/import", app.address))
        .multipart(form)
        .send()
        .await
        .expect("post");
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    // An admin's form without its anti-forgery token is refused.
    let admin = app.client_as(ADMIN).await;
    let form = reqwest::multipart::Form::new()
        .text("csrf_token", "forged")
        .part(
            "file",
            reqwest::multipart::Part::bytes(HEAD.as_bytes().to_vec()).file_name("x.csv"),
        );
    let response = admin
        .post(format!("{}/admin/import", app.address))
        .multipart(form)
        .send()
        .await
        .expect("post");
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let stored: i64 = imports::table
        .count()
        .get_result(&mut app.conn())
        .expect("count");
    assert_eq!(stored, 0);
    // Another admin's upload is not the page of a stranger's number.
    let missing = app.get_with(&admin, "/admin/import/999", &[]).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let odd = app.get_with(&admin, "/admin/import/%0D%0Ax", &[]).await;
    assert_eq!(odd.status, StatusCode::NOT_FOUND);

    // Connected to Azure, reservations come from the sync: no form, and
    // an upload is refused.
    let (base, _world) = common::azure_world::start(Vec::new());
    let connected = spawn_connected(&base);
    let admin = connected.client_as(ADMIN).await;
    let page = connected.get_with(&admin, "/admin/import", &[]).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text(".alert-warning").contains("connected to Azure"));
    assert_eq!(page.count("input[type=file]"), 0);
    let response = upload(&connected, &admin, "x.csv", HEAD.as_bytes().to_vec(), "").await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let body = response.text().await.expect("body");
    assert!(body.contains("reservations come from the sync"), "{body}");
}

#[tokio::test]
async fn the_import_command_writes_a_good_file_and_prints_each_problem_of_a_bad_one() {
    let dir = tempfile::tempdir().expect("dir");
    let database = partner_dashboard::db::scratch(dir.path(), "cli.db");
    let pool = partner_dashboard::db::open(&database, 1).expect("database");
    partner_dashboard::seed::demo(&mut pool.get().expect("conn"), pinned()).expect("demo");
    let run = |file: &std::path::Path| {
        std::process::Command::new(env!("CARGO_BIN_EXE_partner-dashboard"))
            .arg("import")
            .arg(file)
            .arg("--database")
            .arg(database.connection_string())
            .args(["--today", "2026-11-25"])
            .output()
            .expect("import runs")
    };
    let count = || -> i64 {
        reservations::table
            .count()
            .get_result(&mut pool.get().expect("conn"))
            .expect("count")
    };
    let before = count();
    let rg = format!("/subscriptions/{NEW_SUB}");
    let bad = dir.path().join("bad.csv");
    let text = [
        HEAD.to_string(),
        row(NEW_TENANT, "Imported Co", 1, 1, &rg, ""),
        row(NEW_TENANT, "Imported Co", 2, 2, &rg, "").replace(",P1Y,", ",P2Y,"),
    ]
    .join("\n");
    std::fs::write(&bad, &text).expect("write");
    let output = run(&bad);
    assert!(!output.status.success());
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(
        said.contains("line 3, Term: \"P2Y\": Not a term: P1Y, P3Y or P5Y."),
        "{said}"
    );
    assert!(
        said.contains("error: 1 problem; nothing was imported."),
        "{said}"
    );
    assert_eq!(count(), before, "nothing of the bad file");
    let good = dir.path().join("good.csv");
    std::fs::write(&good, text.replace(",P2Y,", ",P1Y,")).expect("write");
    let output = run(&good);
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{said} {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        said.starts_with("Imported 2 reservations added, 0 updated in "),
        "{said}"
    );
    assert_eq!(count(), before + 2);
    let missing = run(&dir.path().join("nowhere.csv"));
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("nowhere.csv"));
}
