//! Importing reservations: every row in one transaction or none (a
//! failure while writing, 30 imports at once, problems found again at
//! write time), what a file leaves out kept, and the `import` command.

mod common;

use common::import::*;
use common::*;
use diesel::prelude::*;
use partner_dashboard::db::schema::{reservations, subscriptions};
use reqwest::StatusCode;

#[tokio::test]
async fn thirty_identical_imports_at_once_write_the_file_once() {
    let app = spawn_app().await;
    let admin = app.client_as(ADMIN).await;
    let text = new_customer_file(40, |n| n / 2);
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
        "Imported. Reservations added: 40; updated: 0."
    );
    assert_eq!(counts(&app), (before.0 + 40, before.1 + 21, before.2 + 1));
    assert_eq!(audited(&app, "reservations-imported"), 1);
}

#[tokio::test]
async fn a_failure_while_writing_leaves_nothing_of_the_file() {
    let app = spawn_app().await;
    let admin = app.client_as(ADMIN).await;
    // 2,500 rows: the third batch of reservations fails to be written.
    let text = new_customer_file(2_500, |n| n);
    let path = preview_of(&app, &admin, &text).await;
    let preview = app.get_with(&admin, &path, &[]).await;
    assert_eq!(preview.text("#import-go"), "Import 2,500 reservations");
    assert!(preview.text(".page-head p").ends_with("· 2,500 rows"));
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
        "Imported. Reservations added: 2,500; updated: 0."
    );
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
        said.starts_with("Imported in ")
            && said.ends_with(" s. Reservations added: 2; updated: 0.\n"),
        "{said}"
    );
    assert_eq!(count(), before + 2);
    // A customer chosen for the file must be one of the partner's.
    let chosen = std::process::Command::new(env!("CARGO_BIN_EXE_partner-dashboard"))
        .arg("import")
        .arg(&good)
        .args([
            "--tenant",
            "0f0f0f0f-0000-4000-8000-000000000000",
            "--database",
        ])
        .arg(database.connection_string())
        .output()
        .expect("import runs");
    assert!(!chosen.status.success());
    assert!(
        String::from_utf8_lossy(&chosen.stderr).contains("invalid input: import-tenant-unknown")
            || String::from_utf8_lossy(&chosen.stderr).contains("No customer has this tenant ID"),
        "{}",
        String::from_utf8_lossy(&chosen.stderr)
    );
    let missing = run(&dir.path().join("nowhere.csv"));
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("nowhere.csv"));
}

#[tokio::test]
async fn a_file_leaving_columns_out_keeps_what_is_stored_and_never_revives_an_ended_reservation() {
    let app = spawn_app().await;
    let admin = app.client_as(ADMIN).await;
    let rg = format!("/subscriptions/{NEW_SUB}");
    let text = new_customer_file(3, |n| n);
    let path = preview_of(&app, &admin, &text).await;
    import(&app, &admin, &path).await;
    // Here, one renews and one was returned.
    let set = |n: usize, renew: bool, state: &str| {
        diesel::update(reservations::table.filter(reservations::reservation_guid.eq(guid('a', n))))
            .set((
                reservations::renew.eq(renew),
                reservations::provisioning_state.eq(state.to_string()),
            ))
            .execute(&mut app.conn())
            .expect("update");
    };
    set(1, true, "Succeeded");
    set(2, false, "Cancelled");
    // The portal's file again, in a comma-decimal spreadsheet's shape:
    // semicolons, no Auto-renew column, a price with a decimal comma.
    let semicolons = "Customer tenant ID;Reservation Id;Reservation order Id;Name;Type;SKU;Region;Quantity;Term;Billing plan;Purchase date;Expiration date;Applied scopes;Status;Purchase price";
    let line = |n: usize, price: &str| {
        format!(
            "{NEW_TENANT};{};{};Imported {n};VirtualMachines;Standard_D2s_v3;westeurope;{};P1Y;Upfront;2026-03-0{};2027-03-0{};{rg};Succeeded;{price}",
            guid('a', n),
            guid('b', n),
            1 + n % 3,
            1 + n % 8,
            1 + n % 8,
        )
    };
    let text = [
        semicolons.to_string(),
        line(1, "1.234,56"),
        line(2, "10,5"),
        line(3, "7"),
    ]
    .join("\r\n");
    let path = preview_of(&app, &admin, &text).await;
    let page = app.get_with(&admin, &path, &[]).await;
    assert_eq!(page.count("#problems"), 0, "{}", page.text("main"));
    let done = import(&app, &admin, &path).await;
    assert_eq!(
        done.text("#import-result"),
        "Imported. Reservations added: 0; updated: 0."
    );
    let stored = |n: usize| -> (bool, String) {
        reservations::table
            .filter(reservations::reservation_guid.eq(guid('a', n)))
            .select((reservations::renew, reservations::provisioning_state))
            .first(&mut app.conn())
            .expect("stored")
    };
    assert_eq!(stored(1), (true, "Succeeded".into()), "renewal kept");
    assert_eq!(stored(2), (false, "Cancelled".into()), "not brought back");
    assert_eq!(stored(3), (false, "Succeeded".into()));
    // The new prices are read with their decimal comma on a new file.
    let fresh = text
        .replace(&guid('a', 1), &guid('a', 71))
        .replace(&guid('b', 1), &guid('b', 71));
    let path = preview_of(&app, &admin, &fresh).await;
    import(&app, &admin, &path).await;
    let price: rust_decimal::Decimal = reservations::table
        .filter(reservations::reservation_guid.eq(guid('a', 71)))
        .select(reservations::purchase_price)
        .first::<partner_dashboard::db::columns::DbMoney>(&mut app.conn())
        .expect("price")
        .0
        .amount();
    assert_eq!(price, rust_decimal::Decimal::new(123_456, 2));
}

#[tokio::test]
async fn problems_that_arise_after_the_preview_are_shown_and_nothing_is_written() {
    let app = spawn_app().await;
    let admin = app.client_as(ADMIN).await;
    let text = new_customer_file(3, |n| n);
    let path = preview_of(&app, &admin, &text).await;
    // Meanwhile, the file's second reservation is stored for another customer.
    let taken: i64 = reservations::table
        .filter(reservations::customer_id.eq(2))
        .select(reservations::id)
        .first(&mut app.conn())
        .expect("another customer's reservation");
    diesel::update(reservations::table.find(taken))
        .set(reservations::reservation_guid.eq(guid('a', 2)))
        .execute(&mut app.conn())
        .expect("taken");
    let before = counts(&app);
    let page = import(&app, &admin, &path).await;
    assert!(
        page.text("#import-failure")
            .starts_with("Nothing of this file was imported. The file has problems"),
        "{}",
        page.text("#import-failure")
    );
    assert_eq!(page.count("#problems tbody tr"), 1);
    assert!(
        page.text("#problems tbody tr")
            .starts_with("3 Reservation Id")
    );
    assert_eq!(page.count("#import-go"), 0, "no Import button");
    assert_eq!(counts(&app), before);
}

#[tokio::test]
async fn an_upload_left_for_more_than_a_day_expires_and_cannot_be_imported() {
    let app = spawn_app().await;
    let admin = app.client_as(ADMIN).await;
    let path = preview_of(&app, &admin, &new_customer_file(3, |n| n)).await;
    let before = counts(&app);
    diesel::update(partner_dashboard::db::schema::imports::table)
        .set(
            partner_dashboard::db::schema::imports::created_at
                .eq(pinned().now() - chrono::Duration::days(2)),
        )
        .execute(&mut app.conn())
        .expect("two days ago");
    let page = app.get_with(&admin, &path, &[]).await;
    assert!(
        page.text("#import-failure")
            .starts_with("This upload was not imported within a day")
    );
    assert_eq!(page.count("#import-go"), 0);
    let token = app.csrf(&admin).await;
    let response = app
        .post_form(&admin, &path, &[("csrf_token", &token)])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(counts(&app), before, "nothing imported");
    let (state, body): (String, String) = partner_dashboard::db::schema::imports::table
        .select((
            partner_dashboard::db::schema::imports::state,
            partner_dashboard::db::schema::imports::body,
        ))
        .first(&mut app.conn())
        .expect("upload");
    assert_eq!(
        (state.as_str(), body.as_str()),
        ("Expired", ""),
        "its file let go"
    );
}
