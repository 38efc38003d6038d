//! Operations: health and readiness, backups taken while serving and
//! restored, locks held by someone else, and many requests at once.

mod common;

use std::time::{Duration, Instant};

use common::*;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use partner_dashboard::db::schema::{customers, reservations};
use reqwest::StatusCode;

#[tokio::test]
async fn health_and_readiness_answer() {
    let app = spawn_app().await;
    assert_eq!(app.get_raw("/healthz").await.status(), StatusCode::OK);
    let ready = app.get_raw("/readyz").await;
    assert_eq!(ready.status(), StatusCode::OK);
    assert_eq!(ready.text().await.expect("body"), "ready");
}

#[tokio::test]
async fn a_backup_taken_while_serving_restores() {
    let app = spawn_app().await;
    app.sign_in(ADMIN).await;
    let guid: String = reservations::table
        .select(reservations::reservation_guid)
        .first(&mut app.conn())
        .expect("reservation");
    diesel::update(reservations::table.filter(reservations::reservation_guid.eq(&guid)))
        .set(reservations::display_name.eq("before-backup"))
        .execute(&mut app.conn())
        .expect("rename");
    let Some(file) = app.config.database.file() else {
        // PostgreSQL has its own tool: the command says which.
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_partner-dashboard"))
            .args(["backup", "copy.dump", "--database"])
            .arg(app.config.database.connection_string())
            .output()
            .expect("run backup");
        assert!(!output.status.success());
        let said = String::from_utf8_lossy(&output.stderr);
        assert!(said.contains("pg_dump"), "{said}");
        assert!(!said.contains("password"), "{said}");
        return;
    };
    let target = file.with_file_name("backup.db");
    // The command line, against the file the running server uses.
    let backup = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_partner-dashboard"))
            .args([
                "backup",
                target.to_str().expect("path"),
                "--database",
                &app.config.database.connection_string(),
            ])
            .output()
            .expect("run backup")
    };
    let output = backup();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // The server keeps serving; changes after the backup are not in it.
    assert_eq!(app.get("/customers").await.status, StatusCode::OK);
    diesel::update(reservations::table.filter(reservations::reservation_guid.eq(&guid)))
        .set(reservations::display_name.eq("after-backup"))
        .execute(&mut app.conn())
        .expect("rename");
    // A second backup to the same file is refused.
    let again = backup();
    assert!(!again.status.success());
    // Restore as the README says: the backup file becomes the database.
    let restored = partner_dashboard::db::open(&target.clone().into(), 1).expect("open backup");
    let mut conn = restored.get().expect("conn");
    assert_eq!(common::integrity_check(&mut conn), "ok");
    let name: String = reservations::table
        .filter(reservations::reservation_guid.eq(&guid))
        .select(reservations::display_name)
        .first(&mut conn)
        .expect("name");
    assert_eq!(name, "before-backup");
    let count: i64 = customers::table
        .count()
        .get_result(&mut conn)
        .expect("count");
    assert_eq!(count, 30);
}

#[tokio::test]
async fn a_held_lock_makes_writes_wait_and_the_server_recovers() {
    let app = spawn_app().await;
    let admin = app.client_as(ADMIN).await;
    let token = app.csrf(&admin).await;
    // Another process holds the write lock for two seconds.
    let path = app.config.database.clone();
    let holder = std::thread::spawn(move || {
        let mut conn = common::hold_write_lock(&path);
        std::thread::sleep(Duration::from_secs(2));
        conn.batch_execute("COMMIT").expect("unlock");
    });
    std::thread::sleep(Duration::from_millis(200));
    // Reading goes on (WAL); a write waits for the lock.
    assert_eq!(
        app.get_with(&admin, "/customers", &[]).await.status,
        StatusCode::OK
    );
    let started = Instant::now();
    let r = app
        .post_form(
            &admin,
            "/language",
            &[("csrf_token", token.as_str()), ("lang", "en-US")],
        )
        .await;
    assert!(r.status().is_redirection());
    let create = app
        .post_form(
            &admin,
            "/admin/agents",
            &[
                ("csrf_token", token.as_str()),
                ("email", "while.locked@partner.example"),
                ("name", "Locked"),
                ("role", "Sales"),
            ],
        )
        .await;
    let waited = started.elapsed();
    assert!(
        create.status() == StatusCode::CREATED
            || create.status() == StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        create.status()
    );
    if create.status() == StatusCode::CREATED {
        assert!(
            waited >= Duration::from_millis(1500),
            "the write waited for the lock: {waited:?}"
        );
    }
    holder.join().expect("holder");
    // Afterwards everything works by itself.
    let after = app
        .post_form(
            &admin,
            "/admin/agents",
            &[
                ("csrf_token", token.as_str()),
                ("email", "after.lock@partner.example"),
                ("name", "After"),
                ("role", "Sales"),
            ],
        )
        .await;
    assert_eq!(after.status(), StatusCode::CREATED);
    assert_eq!(app.get_raw("/readyz").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn ten_times_the_benchmark_concurrency_never_gets_a_500() {
    let app = std::sync::Arc::new(spawn_app().await);
    let admin = app.client_as(ADMIN).await;
    let mut handles = Vec::new();
    for i in 0..640 {
        let (client, address) = (admin.clone(), app.address.clone());
        let path = match i % 4 {
            0 => "/customers".to_string(),
            1 => "/customers?q=o".to_string(),
            2 => format!("/customers/{}/reservations", i % 30 + 1),
            _ => "/healthz".to_string(),
        };
        handles.push(tokio::spawn(async move {
            client
                .get(format!("{address}{path}"))
                .send()
                .await
                .map(|r| r.status())
        }));
    }
    let mut statuses = std::collections::BTreeMap::new();
    for h in handles {
        let status = h.await.expect("task").expect("response");
        *statuses.entry(status.as_u16()).or_insert(0) += 1;
    }
    assert!(
        !statuses.keys().any(|s| *s >= 500 && *s != 503),
        "{statuses:?}"
    );
    assert!(
        statuses.get(&200).copied().unwrap_or(0) > 600,
        "{statuses:?}"
    );
}

#[tokio::test]
async fn logs_carry_a_request_id_and_no_secrets() {
    let dir = tempfile::tempdir().expect("dir");
    let database = partner_dashboard::db::scratch(dir.path(), "db.sqlite");
    let (child, address) = process::start(&database, true);
    let client = client();
    let page = client
        .get(format!("{address}/sign-in"))
        .send()
        .await
        .expect("page");
    let id = process::request_id(&page);
    assert_eq!(id.len(), 16);
    let token = process::field(&page.text().await.expect("body"), "csrf_token");
    let secret = "Sup3r-Secret-Guess-991";
    let r = client
        .post(format!("{address}/sign-in"))
        .form(&[
            ("email", ADMIN),
            ("password", secret),
            ("csrf_token", token.as_str()),
        ])
        .send()
        .await
        .expect("sign in");
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let text = process::stop_and_read_log(child, &database).await;
    assert!(
        text.contains(&format!("request_id={id}")),
        "the request's line carries its ID"
    );
    let access: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("partner_dashboard::access"))
        .collect();
    assert!(
        access.len() >= 2 && access.iter().all(|l| l.contains("request_id=")),
        "{access:?}"
    );
    assert!(!text.contains(secret), "no password in the logs");
    assert!(!text.contains(&token), "no anti-forgery token in the logs");
    assert!(!text.contains('\u{1b}'), "no colour codes in a log file");
}

#[tokio::test]
async fn json_logs_are_one_object_per_line() {
    let dir = tempfile::tempdir().expect("dir");
    let database = partner_dashboard::db::scratch(dir.path(), "db.sqlite");
    let (child, address) = process::start_with(&database, true, &["--log-format", "json"]);
    let response = client()
        .get(format!("{address}/no/such/page"))
        .send()
        .await
        .expect("page");
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let id = process::request_id(&response);
    let text = process::stop_and_read_log(child, &database).await;
    let mut found = false;
    for line in text.lines().filter(|l| l.starts_with('{')) {
        let value: serde_json::Value = serde_json::from_str(line).expect("a JSON object");
        assert!(
            value["level"].is_string() && value["timestamp"].is_string(),
            "{line}"
        );
        found |= line.contains(&id) && line.contains(" 404 ");
    }
    assert!(found, "the access line of the request, as JSON:\n{text}");
}

#[tokio::test]
async fn sigterm_lets_the_request_in_flight_finish() {
    let dir = tempfile::tempdir().expect("dir");
    let database = partner_dashboard::db::scratch(dir.path(), "db.sqlite");
    let (mut child, address) = process::start(&database, true);
    let client = process::signed_in(&address, ADMIN).await;
    let agents = client
        .get(format!("{address}/admin/agents"))
        .send()
        .await
        .expect("agents");
    let form_token = process::field(&agents.text().await.expect("body"), "csrf_token");

    // Another process holds the write lock, so the next write stays in flight.
    let path = database.clone();
    let (locked_tx, locked_rx) = std::sync::mpsc::channel();
    let holder = std::thread::spawn(move || {
        let mut conn = common::hold_write_lock(&path);
        locked_tx.send(()).expect("signal");
        std::thread::sleep(Duration::from_millis(1500));
        conn.batch_execute("COMMIT").expect("unlock");
    });
    locked_rx.recv().expect("locked");
    let in_flight = tokio::spawn({
        let (client, address) = (client.clone(), address.clone());
        async move {
            client
                .post(format!("{address}/admin/agents"))
                .form(&[
                    ("csrf_token", form_token.as_str()),
                    ("email", "in.flight@partner.example"),
                    ("name", "In Flight"),
                    ("role", "Sales"),
                ])
                .send()
                .await
        }
    });
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert!(!in_flight.is_finished(), "the write waits for the lock");
    let term = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(term.success());

    // The request answered after the signal still gets its full response.
    let response = in_flight.await.expect("task").expect("response");
    assert_eq!(response.status(), StatusCode::CREATED);
    holder.join().expect("holder");
    // The server then stops by itself, cleanly.
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the server stops after SIGTERM"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(status.success(), "{status:?}");
    assert!(
        client
            .get(format!("{address}/healthz"))
            .send()
            .await
            .is_err(),
        "no new connections after shutdown"
    );
    let pool = partner_dashboard::db::open(&database, 1).expect("open");
    let saved: i64 = partner_dashboard::db::schema::users::table
        .filter(partner_dashboard::db::schema::users::email.eq("in.flight@partner.example"))
        .count()
        .get_result(&mut pool.get().expect("conn"))
        .expect("count");
    assert_eq!(saved, 1, "the write that was answered is stored");
}

#[tokio::test]
async fn migrate_says_where_the_database_is_and_two_servers_starting_together_both_serve() {
    let dir = tempfile::tempdir().expect("dir");
    let database = partner_dashboard::db::scratch(dir.path(), "fresh.db");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_partner-dashboard"))
        .args(["migrate", "--database"])
        .arg(database.connection_string())
        .output()
        .expect("migrate runs");
    assert!(output.status.success());
    let said = String::from_utf8_lossy(&output.stdout).to_string();
    let folder = match database.engine() {
        partner_dashboard::db::Engine::Sqlite => "migrations",
        partner_dashboard::db::Engine::Postgres => "migrations_postgres",
    };
    let migrations = std::fs::read_dir(format!("{}/{folder}", env!("CARGO_MANIFEST_DIR")))
        .expect("migrations")
        .count();
    assert!(said.contains(&format!("({migrations} applied)")), "{said}");
    // Two nodes starting at once on a fresh database: one migrates, the
    // other waits its turn; both serve.
    let together = partner_dashboard::db::scratch(dir.path(), "together.db");
    let mut nodes: Vec<_> = (0..2)
        .map(|n| {
            let log = dir.path().join(format!("node{n}.log"));
            let child = std::process::Command::new(env!("CARGO_BIN_EXE_partner-dashboard"))
                .args(["serve", "--bind", "127.0.0.1:0", "--database"])
                .arg(together.connection_string())
                .stdout(std::fs::File::create(&log).expect("log"))
                .stderr(std::process::Stdio::null())
                .spawn()
                .expect("node starts");
            (child, log)
        })
        .collect();
    for (child, log) in &mut nodes {
        let started = Instant::now();
        let address = loop {
            let text = std::fs::read_to_string(&*log).unwrap_or_default();
            if let Some(url) = text
                .lines()
                .find_map(|l| l.strip_prefix("Partner Dashboard is running on "))
            {
                break url.trim().to_string();
            }
            assert!(
                child.try_wait().expect("status").is_none(),
                "a node stopped: {text}"
            );
            assert!(started.elapsed() < Duration::from_secs(60), "node starts");
            tokio::time::sleep(Duration::from_millis(20)).await;
        };
        let ready = client()
            .get(format!("{address}/readyz"))
            .send()
            .await
            .expect("answer");
        assert_eq!(ready.status(), StatusCode::OK, "{address} is ready");
    }
    for (child, _) in &mut nodes {
        child.kill().expect("stopped");
        child.wait().expect("ended");
    }
}

#[test]
fn a_database_password_never_shows_in_what_the_commands_print() {
    // Unreachable on purpose; the passwords are misread by the URL parser
    // in several ways (a slash, a colon, a stray percent sign).
    for url in [
        "postgres://pd:hunter2-Secret/x@127.0.0.1:1/pd",
        "postgres://pd:hunter2:Secret@127.0.0.1:1/pd",
        "postgres://pd:hunter2%Secret@127.0.0.1:1/pd",
        "postgres://pd@127.0.0.1:1/pd?password=hunter2-Secret",
    ] {
        for args in [
            vec!["migrate", "--database", url],
            vec!["backup", "copy.dump", "--database", url],
            vec!["serve", "--bind", "127.0.0.1:0", "--database", url],
        ] {
            let output = std::process::Command::new(env!("CARGO_BIN_EXE_partner-dashboard"))
                .args(&args)
                .env("RUST_LOG", "debug")
                .output()
                .expect("runs");
            assert!(!output.status.success(), "{args:?}");
            let said = format!(
                "{}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
            assert!(!said.is_empty());
            assert!(!said.contains("hunter2"), "{args:?}: {said}");
        }
    }
    let help = std::process::Command::new(env!("CARGO_BIN_EXE_partner-dashboard"))
        .args(["serve", "--help"])
        .env("PD_DATABASE", "postgres://pd:hunter2-Secret@db/pd")
        .output()
        .expect("help");
    assert!(!String::from_utf8_lossy(&help.stdout).contains("hunter2"));
}
