//! Every route × every role (and strangers), as the site map declares it.
//! A new route without a sample request here fails this test: adding a
//! route means deciding who may use it and showing it holds.

mod common;

use common::*;
use diesel::prelude::*;
use partner_dashboard::db::schema::{reservation_orders, reservations, users};
use partner_dashboard::domain::roles::AgentRole;
use partner_dashboard::web::ROUTES;
use partner_dashboard::web::access::Access;
use reqwest::StatusCode;

/// The values that fill path parameters.
struct Samples {
    customer: String,
    reservation: String,
    order: String,
    agent: String,
}

fn samples(app: &TestApp) -> Samples {
    let mut conn = app.conn();
    let (reservation, order): (String, String) = reservations::table
        .inner_join(reservation_orders::table)
        .select((
            reservations::reservation_guid,
            reservation_orders::order_guid,
        ))
        .first(&mut conn)
        .expect("reservation");
    partner_dashboard::cli::add_user(&mut conn, "target@partner.example", "Helpdesk", None, None)
        .expect("target agent");
    let agent: i64 = users::table
        .filter(users::email.eq("target@partner.example"))
        .select(users::id)
        .first(&mut conn)
        .expect("agent");
    Samples {
        customer: "1".into(),
        reservation,
        order,
        agent: agent.to_string(),
    }
}

fn concrete(path: &str, s: &Samples) -> String {
    let path = path.replace("{path:.*}", "css/app.css");
    if path.starts_with("/customers/") {
        path.replace("{id}", &s.customer)
    } else if path.starts_with("/reservations/") {
        path.replace("{id}", &s.reservation)
    } else if path.starts_with("/orders/") {
        path.replace("{id}", &s.order)
    } else if path.starts_with("/admin/agents/") {
        path.replace("{id}", &s.agent)
    } else {
        assert!(
            !path.contains('{'),
            "no sample value for {path}: add one here"
        );
        path
    }
}

/// A request each route accepts from a user allowed to make it.
fn form(path: &str, n: usize) -> Vec<(String, String)> {
    let pairs: Vec<(&str, String)> = match path {
        "/sign-in" => vec![("email", ADMIN.into()), ("password", PASSWORD.into())],
        "/sign-out" => vec![],
        "/account/password" => vec![
            ("current", PASSWORD.into()),
            ("new", PASSWORD.into()),
            ("confirm", PASSWORD.into()),
        ],
        "/admin/agents" => vec![
            ("email", format!("new{n}@partner.example")),
            ("name", "New Agent".into()),
            ("role", "Sales".into()),
        ],
        "/admin/agents/{id}/role" => vec![("role", "Sales".into())],
        "/admin/agents/{id}/status" => vec![("disabled", "false".into())],
        "/admin/agents/{id}/password" => vec![("confirm", "reset".into())],
        other => {
            panic!("no sample request for POST {other}: decide who may use it and add one here")
        }
    };
    pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

#[tokio::test]
async fn every_route_answers_every_role_as_declared() {
    let app = spawn_app().await;
    let s = samples(&app);
    partner_dashboard::cli::add_user(
        &mut app.conn(),
        "customer.user@contoso.example",
        "Sales",
        None,
        Some(PASSWORD.into()),
    )
    .expect("customer user");
    diesel::update(users::table.filter(users::email.eq("customer.user@contoso.example")))
        .set((
            users::role.eq("Customer"),
            users::customer_id.eq(Some(1_i64)),
        ))
        .execute(&mut app.conn())
        .expect("make customer user");
    let roles: [(Option<AgentRole>, Option<&str>); 6] = [
        (None, None),
        (Some(AgentRole::Admin), Some(ADMIN)),
        (Some(AgentRole::Sales), Some(SALES)),
        (Some(AgentRole::Helpdesk), Some(HELPDESK)),
        (Some(AgentRole::Support), Some(SUPPORT)),
        (
            Some(AgentRole::Customer),
            Some("customer.user@contoso.example"),
        ),
    ];
    assert!(ROUTES.len() >= 20, "{} routes", ROUTES.len());
    let mut checked = 0;
    for (n, route) in ROUTES.iter().enumerate() {
        let path = concrete(route.path, &s);
        for (role, email) in roles {
            // A fresh browser per request: some requests sign out or sign in.
            let client = match email {
                Some(email) => app.client_as(email).await,
                None => app.new_client(),
            };
            let response = if route.method == "get" {
                client
                    .get(format!("{}{path}", app.address))
                    .send()
                    .await
                    .expect("get")
            } else {
                let token = match email {
                    Some(_) => app.csrf(&client).await,
                    None => app.sign_in_token(&client).await,
                };
                let mut pairs = form(route.path, n * 10 + checked);
                pairs.push(("csrf_token".into(), token));
                client
                    .post(format!("{}{path}", app.address))
                    .form(&pairs)
                    .send()
                    .await
                    .expect("post")
            };
            let status = response.status();
            let location = response
                .headers()
                .get("location")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_string();
            let who = format!("{} {} as {role:?}", route.method, route.path);
            if route.access.allows(role) {
                // Signing out is the one success that lands on the sign-in page.
                let lands_on_sign_in = route.path == "/sign-out" && location == "/sign-in";
                assert!(
                    status.is_success()
                        || (status == StatusCode::SEE_OTHER
                            && (!location.starts_with("/sign-in") || lands_on_sign_in)),
                    "{who}: allowed, got {status} {location}"
                );
            } else if role.is_none() {
                assert_eq!(
                    status,
                    StatusCode::SEE_OTHER,
                    "{who}: strangers sign in first"
                );
                assert!(location.starts_with("/sign-in"), "{who}: {location}");
            } else {
                assert_eq!(status, StatusCode::FORBIDDEN, "{who}: not allowed");
            }
            checked += 1;
        }
    }
    assert_eq!(checked, ROUTES.len() * roles.len());
    // The table is what the server enforces, not a copy: a public route is
    // reachable by strangers, an admin-only one by admins alone.
    assert!(ROUTES.iter().any(|r| r.access == Access::Public));
    assert!(ROUTES.iter().any(|r| matches!(r.access, Access::Agent(_))));
}
