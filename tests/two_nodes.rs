//! Two server nodes on one database: nothing one node needs lives only in
//! the other's memory. A session made on one is used on the other; failed
//! sign-ins spread over both trip the one throttle; parallel approvals over
//! both settle a request once.

mod common;

use common::{PASSWORD, put_draft, put_request, refundable, spawn_app, user_id_of};
use reqwest::StatusCode;

#[tokio::test]
async fn a_session_made_on_one_node_is_used_on_the_other() {
    let a = spawn_app().await;
    let b = a.restart();
    a.sign_in("admin@partner.example").await;
    let page = b.get("/customers").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text("main").contains("Customers"));
    // Signing out on B ends it on A too.
    let csrf = b.csrf(&b.client).await;
    let out = b
        .post_form(&b.client, "/sign-out", &[("csrf_token", &csrf)])
        .await;
    assert_eq!(out.status(), StatusCode::SEE_OTHER);
    let after = a.get_raw("/customers").await;
    assert_eq!(
        after.status(),
        StatusCode::SEE_OTHER,
        "signed out everywhere"
    );
}

/// Whether `client`'s session still opens a page on `node`, asked every
/// 100 ms until it does not or `within` has passed; the time it took.
async fn ends_within(
    node: &common::TestApp,
    client: &reqwest::Client,
    within: std::time::Duration,
) -> Option<std::time::Duration> {
    let start = std::time::Instant::now();
    while start.elapsed() < within {
        if node.get_with(client, "/customers", &[]).await.status == StatusCode::SEE_OTHER {
            return Some(start.elapsed());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    None
}

#[tokio::test]
async fn sessions_each_node_remembers_end_on_both_when_one_ends_them() {
    let a = spawn_app().await;
    let b = a.restart();
    // Each node checks (and so remembers) both sessions.
    let sales = a.client_as("sales@partner.example").await;
    let helpdesk = a.client_as("helpdesk@partner.example").await;
    for node in [&a, &b] {
        for client in [&sales, &helpdesk] {
            assert_eq!(
                node.get_with(client, "/customers", &[]).await.status,
                StatusCode::OK
            );
        }
    }
    // The admin disables the sales agent on B: B refuses the session at
    // once, A within about a second (it reads the log of session changes).
    let admin = b.client_as("admin@partner.example").await;
    let csrf = b.csrf(&admin).await;
    let id = user_id_of(&a, "sales@partner.example");
    let disabled = b
        .post_form(
            &admin,
            &format!("/admin/agents/{id}/status"),
            &[
                ("disabled", "true"),
                ("confirmed", "yes"),
                ("csrf_token", &csrf),
            ],
        )
        .await;
    assert_eq!(disabled.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        b.get_with(&sales, "/customers", &[]).await.status,
        StatusCode::SEE_OTHER
    );
    let took = ends_within(&a, &sales, std::time::Duration::from_secs(3)).await;
    assert!(
        took.is_some(),
        "the disabled agent's session ended on the other node"
    );
    // The helpdesk agent signs out on A: the same on B.
    let csrf = a.csrf(&helpdesk).await;
    let out = a
        .post_form(&helpdesk, "/sign-out", &[("csrf_token", &csrf)])
        .await;
    assert_eq!(out.status(), StatusCode::SEE_OTHER);
    let took = ends_within(&b, &helpdesk, std::time::Duration::from_secs(3)).await;
    assert!(took.is_some(), "signed out on the other node too");
}

#[tokio::test]
async fn failed_sign_ins_spread_over_both_nodes_trip_one_throttle() {
    let a = spawn_app().await;
    let b = a.restart();
    for n in 0..10 {
        let node = if n % 2 == 0 { &a } else { &b };
        let client = node.new_client();
        let response = node
            .post_sign_in(&client, "admin@partner.example", "Wrong-password-123")
            .await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "attempt {n}");
    }
    for node in [&a, &b] {
        let client = node.new_client();
        let response = node
            .post_sign_in(&client, "admin@partner.example", PASSWORD)
            .await;
        assert_eq!(
            response.status(),
            StatusCode::TOO_MANY_REQUESTS,
            "the eleventh waits on either node"
        );
        assert!(response.headers().contains_key("retry-after"));
    }
}

/// `count` approvals at once by the support agent, alternating between
/// node `a` and node `b` (each post with its node's anti-forgery token) and
/// going round `numbers`; each answer's status and `Location`.
async fn approvals_over_both(
    a: &common::TestApp,
    b: &common::TestApp,
    count: usize,
    numbers: &[String],
) -> Vec<(StatusCode, String)> {
    let on_a = a.client_as("support@partner.example").await;
    let on_b = b.client_as("support@partner.example").await;
    let (csrf_a, csrf_b) = (a.csrf(&on_a).await, b.csrf(&on_b).await);
    let posts = (0..count)
        .map(|n| {
            let (client, base, csrf) = if n % 2 == 0 {
                (on_a.clone(), &a.address, &csrf_a)
            } else {
                (on_b.clone(), &b.address, &csrf_b)
            };
            (
                client,
                format!("{base}/requests/{}/approve", numbers[n % numbers.len()]),
                vec![
                    ("csrf_token", csrf.clone()),
                    ("confirmed", "yes".to_string()),
                ],
            )
        })
        .collect();
    common::requests::post_all_at_once(posts).await
}

#[tokio::test]
async fn twenty_approvals_over_both_nodes_settle_a_refund_once() {
    let a = spawn_app().await;
    let b = a.restart();
    let (row, _) = refundable(&a, 0);
    let draft = put_draft(&a, "admin@partner.example", row, "Refund", "two-nodes");
    put_request(&a, draft, "REQ-TWO-1", "Refund");
    let approved = approvals_over_both(&a, &b, 20, &["REQ-TWO-1".to_string()])
        .await
        .into_iter()
        .filter(|(_, location)| location.ends_with("done=approved"))
        .count();
    assert_eq!(approved, 1);
    let booked: i64 = {
        use diesel::prelude::*;
        partner_dashboard::db::schema::refunds::table
            .count()
            .get_result(&mut a.conn())
            .expect("count")
    };
    assert_eq!(booked, 1, "one refund booked");
}

#[tokio::test]
async fn twenty_creates_of_one_draft_over_both_nodes_make_one_request() {
    use common::requests::{location, next, post_all_at_once, start};
    let a = spawn_app().await;
    let b = a.restart();
    let helpdesk = a.client_as("helpdesk@partner.example").await;
    let (_, guid) = refundable(&a, 5);
    let basics = start(&a, &helpdesk, &guid, "Refund").await;
    let problem = location(&next(&a, &helpdesk, &basics, &[]).await);
    let contact = location(&next(&a, &helpdesk, &problem, &[("description", "Two nodes")]).await);
    let review = location(&next(&a, &helpdesk, &contact, &[]).await);
    let csrf = a.csrf(&helpdesk).await;
    let posts = (0..20)
        .map(|n| {
            let node = if n % 2 == 0 { &a } else { &b };
            (
                helpdesk.clone(),
                format!("{}{review}", node.address),
                vec![("csrf_token", csrf.clone()), ("nav", "create".to_string())],
            )
        })
        .collect();
    let answers = post_all_at_once(posts).await;
    let requests: std::collections::BTreeSet<String> = answers
        .iter()
        .map(|(status, location)| {
            assert_eq!(*status, StatusCode::SEE_OTHER, "{location}");
            location.split('?').next().unwrap_or_default().to_string()
        })
        .collect();
    assert_eq!(
        requests.len(),
        1,
        "every Create leads to one request: {requests:?}"
    );
    let count: i64 = {
        use diesel::prelude::*;
        partner_dashboard::db::schema::support_requests::table
            .count()
            .get_result(&mut a.conn())
            .expect("count")
    };
    assert_eq!(count, 1);
}

#[tokio::test]
async fn thirty_approvals_of_one_customers_refunds_over_both_nodes_stay_within_the_limit() {
    use diesel::prelude::*;
    use partner_dashboard::db::schema::{refunds, settings};
    let a = spawn_app().await;
    let b = a.restart();
    // The customer with the most refundable reservations: one request each.
    let all = common::refundables(&a);
    let mut per_customer = std::collections::BTreeMap::<i64, Vec<i64>>::new();
    for (row, _, customer) in &all {
        per_customer.entry(*customer).or_default().push(*row);
    }
    let (customer, rows) = per_customer
        .into_iter()
        .max_by_key(|(_, rows)| rows.len())
        .expect("a customer");
    assert!(rows.len() >= 3, "{} refundable reservations", rows.len());
    let numbers: Vec<String> = rows
        .iter()
        .enumerate()
        .map(|(n, row)| {
            let draft = put_draft(
                &a,
                "helpdesk@partner.example",
                *row,
                "Refund",
                &format!("limit-{n}"),
            );
            let number = format!("REQ-LIMIT-{n}");
            put_request(&a, draft, &number, "Refund");
            number
        })
        .collect();
    // A limit that holds what was booked before and the cheapest of these
    // refunds (a refund is at most the price), but surely not all of them.
    let booked_before: Vec<partner_dashboard::domain::money::Money> = refunds::table
        .filter(refunds::customer_id.eq(customer))
        .select(refunds::cancelled_commitment)
        .load(&mut a.conn())
        .expect("earlier refunds");
    let prices: Vec<partner_dashboard::domain::money::Money> = {
        use partner_dashboard::db::schema::reservations;
        reservations::table
            .filter(reservations::id.eq_any(&rows))
            .select(reservations::purchase_price)
            .load(&mut a.conn())
            .expect("prices")
    };
    let cheapest = prices.iter().map(|p| p.amount()).min().expect("a price");
    let limit = booked_before
        .iter()
        .map(|m| m.amount())
        .sum::<rust_decimal::Decimal>()
        + cheapest;
    diesel::insert_into(settings::table)
        .values((
            settings::key.eq("refund_limit"),
            settings::value.eq(limit.to_string()),
        ))
        .execute(&mut a.conn())
        .expect("limit");
    let answers = approvals_over_both(&a, &b, 30, &numbers).await;
    for (status, location) in &answers {
        assert_eq!(*status, StatusCode::SEE_OTHER, "{location}");
    }
    let over_limit = answers
        .iter()
        .filter(|(_, l)| l.ends_with("problem=refusal-over-limit"))
        .count();
    let booked: Vec<(i64, partner_dashboard::domain::money::Money)> = refunds::table
        .filter(refunds::customer_id.eq(customer))
        .select((refunds::request_id, refunds::cancelled_commitment))
        .load(&mut a.conn())
        .expect("refunds");
    let total: rust_decimal::Decimal = booked.iter().map(|(_, m)| m.amount()).sum();
    assert!(total <= limit, "{total} booked against a limit of {limit}");
    assert!(!booked.is_empty(), "some refunds fit");
    assert!(over_limit > 0, "the limit was reached: {answers:?}");
    let mut requests: Vec<i64> = booked.iter().map(|(r, _)| *r).collect();
    requests.dedup();
    assert_eq!(requests.len(), booked.len(), "each request booked once");
}

#[tokio::test]
async fn node_a_killed_during_writes_leaves_node_b_serving_every_acknowledged_write() {
    use common::process;
    let dir = tempfile::tempdir().expect("dir");
    let database = partner_dashboard::db::scratch(dir.path(), "nodes.db");
    let (mut node_a, address_a) = process::start(&database, true);
    let (mut node_b, address_b) = process::start_with(&database, false, &[]);
    let on_a = process::signed_in(&address_a, "admin@partner.example").await;
    let csrf = process::form_token(&on_a, &address_a, "/admin/agents").await;
    // Writes to node A, one after the other, until it is killed.
    let writer = tokio::spawn({
        let (client, address) = (on_a.clone(), address_a.clone());
        async move {
            let mut acknowledged = Vec::new();
            for n in 0.. {
                let email = format!("node-a-{n}@partner.example");
                let answer = client
                    .post(format!("{address}/admin/agents"))
                    .form(&[
                        ("csrf_token", csrf.as_str()),
                        ("email", email.as_str()),
                        ("name", "Written on A"),
                        ("role", "Sales"),
                    ])
                    .send()
                    .await;
                match answer {
                    Ok(r) if r.status() == StatusCode::CREATED => acknowledged.push(email),
                    Ok(r) => panic!("write {n}: {}", r.status()),
                    Err(_) => break,
                }
            }
            acknowledged
        }
    });
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    node_a.kill().expect("SIGKILL");
    node_a.wait().expect("reaped");
    let acknowledged = writer.await.expect("writer");
    assert!(!acknowledged.is_empty(), "node A acknowledged writes");
    // The session made on A goes on on B, and every acknowledged write is there.
    let page = on_a
        .get(format!("{address_b}/admin/agents"))
        .send()
        .await
        .expect("B answers");
    assert_eq!(page.status(), StatusCode::OK);
    let ready = on_a
        .get(format!("{address_b}/readyz"))
        .send()
        .await
        .expect("ready");
    assert_eq!(ready.status(), StatusCode::OK);
    let stored: Vec<String> = {
        use diesel::prelude::*;
        use partner_dashboard::db::schema::users;
        let pool = partner_dashboard::db::open(&database, 1).expect("open");
        users::table
            .filter(users::display_name.eq("Written on A"))
            .select(users::email)
            .load(&mut pool.get().expect("conn"))
            .expect("users")
    };
    for email in &acknowledged {
        assert!(stored.contains(email), "{email} was acknowledged and kept");
    }
    // B still writes.
    let on_b = process::signed_in(&address_b, "admin@partner.example").await;
    let csrf = process::form_token(&on_b, &address_b, "/admin/agents").await;
    let created = on_b
        .post(format!("{address_b}/admin/agents"))
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("email", "after-a@partner.example"),
            ("name", "Written on B"),
            ("role", "Sales"),
        ])
        .send()
        .await
        .expect("B writes");
    assert_eq!(created.status(), StatusCode::CREATED);
    node_b.kill().expect("stop B");
    node_b.wait().expect("reaped");
}
