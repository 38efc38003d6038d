//! Crash safety: twenty times, the server is killed (SIGKILL) in the middle
//! of a stream of acknowledged writes and started again; every write that
//! got its success response is there, and SQLite's integrity check passes.

mod common;

use std::time::Duration;

use common::SALES;
use common::process::{field, signed_in, start};
use diesel::prelude::*;
use partner_dashboard::db::schema::{audit_log, reservations};

#[tokio::test]
async fn acknowledged_writes_survive_twenty_kills() {
    let dir = tempfile::tempdir().expect("dir");
    let database = partner_dashboard::db::scratch(dir.path(), "crash.db");
    let (mut child, address) = start(&database, true);
    let guid: String = {
        let mut conn = partner_dashboard::db::connect(&database).expect("db");
        reservations::table
            .filter(reservations::resource_type.ne_all(["VirtualMachines", "SqlDatabases"]))
            .select(reservations::reservation_guid)
            .first(&mut conn)
            .expect("reservation")
    };
    let mut acknowledged_total = 0;
    let mut address = address;
    for round in 0..20 {
        let client = signed_in(&address, SALES).await;
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
            let mut conn = partner_dashboard::db::connect(&database).expect("db");
            if database.engine() == partner_dashboard::db::Engine::Sqlite {
                assert_eq!(common::integrity_check(&mut conn), "ok", "round {round}");
            }
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
