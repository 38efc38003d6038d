//! Crash safety: twenty times, the server is killed (SIGKILL) in the middle
//! of a stream of acknowledged writes and started again; every write that
//! got its success response is there, and SQLite's integrity check passes.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use diesel::prelude::*;
use partner_dashboard::db::schema::{audit_log, reservations};

const PASSWORD: &str = partner_dashboard::seed::DEMO_PASSWORD;

/// Starts the real binary and returns it with its address.
fn start(database: &Path, demo: bool) -> (Child, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_partner-dashboard"));
    command
        .args([
            "serve",
            "--bind",
            "127.0.0.1:0",
            "--today",
            "2026-11-25",
            "--database",
        ])
        .arg(database)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    if demo {
        command.arg("--demo");
    }
    let mut child = command.spawn().expect("start server");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let address = loop {
        let line = lines.next().expect("server output").expect("line");
        if let Some(url) = line.strip_prefix("Partner Dashboard is running on ") {
            break url.trim().to_string();
        }
    };
    std::thread::spawn(move || for _ in lines {});
    (child, address)
}

fn field(body: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = body.find(&marker).map(|i| i + marker.len()).expect(name);
    body[start..]
        .split('"')
        .next()
        .unwrap_or_default()
        .to_string()
}

async fn signed_in(address: &str) -> reqwest::Client {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let page = client
        .get(format!("{address}/sign-in"))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    let token = field(&page, "csrf_token");
    let r = client
        .post(format!("{address}/sign-in"))
        .form(&[
            ("email", "sales@partner.example"),
            ("password", PASSWORD),
            ("csrf_token", token.as_str()),
        ])
        .send()
        .await
        .expect("sign in");
    assert_eq!(r.status(), reqwest::StatusCode::SEE_OTHER);
    client
}

#[tokio::test]
async fn acknowledged_writes_survive_twenty_kills() {
    let dir = tempfile::tempdir().expect("dir");
    let database = dir.path().join("crash.db");
    let (mut child, address) = start(&database, true);
    let guid: String = {
        let mut conn = SqliteConnection::establish(database.to_str().expect("path")).expect("db");
        reservations::table
            .filter(reservations::resource_type.ne_all(["VirtualMachines", "SqlDatabases"]))
            .select(reservations::reservation_guid)
            .first(&mut conn)
            .expect("reservation")
    };
    let mut acknowledged_total = 0;
    let mut address = address;
    for round in 0..20 {
        let client = signed_in(&address).await;
        let url = format!("{address}/reservations/{guid}/configuration");
        let writer = {
            let (client, url) = (client.clone(), url.clone());
            tokio::spawn(async move {
                let mut acknowledged = Vec::new();
                for j in 0.. {
                    let Ok(page) = client.get(&url).send().await else {
                        break;
                    };
                    let Ok(body) = page.text().await else { break };
                    let (token, version) = (field(&body, "csrf_token"), field(&body, "version"));
                    let name = format!("crash-{round}-{j}");
                    let sent = client
                        .post(&url)
                        .form(&[
                            ("csrf_token", token.as_str()),
                            ("version", version.as_str()),
                            ("name", name.as_str()),
                            ("scope", "shared"),
                            ("flexibility", ""),
                        ])
                        .send()
                        .await;
                    match sent {
                        Ok(r) if r.status() == reqwest::StatusCode::OK => acknowledged.push(name),
                        Ok(r) => panic!("write refused: {}", r.status()),
                        Err(_) => return (acknowledged, Some(name)),
                    }
                }
                (acknowledged, None)
            })
        };
        tokio::time::sleep(Duration::from_millis(150 + 37 * round)).await;
        child.kill().expect("SIGKILL");
        child.wait().expect("reaped");
        let (acknowledged, in_flight) = writer.await.expect("writer");
        assert!(
            !acknowledged.is_empty(),
            "round {round}: some writes were acknowledged"
        );
        acknowledged_total += acknowledged.len();
        {
            let mut conn =
                SqliteConnection::establish(database.to_str().expect("path")).expect("db");
            #[derive(QueryableByName)]
            struct Check {
                #[diesel(sql_type = diesel::sql_types::Text)]
                integrity_check: String,
            }
            let check: Check = diesel::sql_query("PRAGMA integrity_check")
                .get_result(&mut conn)
                .expect("check");
            assert_eq!(check.integrity_check, "ok", "round {round}");
            let name: String = reservations::table
                .filter(reservations::reservation_guid.eq(&guid))
                .select(reservations::display_name)
                .first(&mut conn)
                .expect("name");
            let last = acknowledged.last().cloned().unwrap_or_default();
            assert!(
                name == last || Some(&name) == in_flight.as_ref(),
                "round {round}: found {name}, last acknowledged {last}"
            );
            let renames: Vec<Option<String>> = audit_log::table
                .filter(audit_log::action.eq("reservation-renamed"))
                .filter(audit_log::object_id.eq(&guid))
                .select(audit_log::after_value)
                .load(&mut conn)
                .expect("audit");
            for name in &acknowledged {
                assert!(
                    renames.contains(&Some(name.clone())),
                    "round {round}: acknowledged {name} is recorded"
                );
            }
        }
        let (next, next_address) = start(&database, false);
        child = next;
        address = next_address;
    }
    child.kill().expect("stop");
    child.wait().expect("reaped");
    assert!(acknowledged_total >= 20);
}
