//! Every route × every role (and strangers), as the site map declares it.
//! A new route without a sample request here fails this test: adding a
//! route means deciding who may use it and showing it holds.

mod common;

use common::*;
use diesel::prelude::*;
use partner_dashboard::db::schema::{reservation_orders, reservations, role_assignments, users};
use partner_dashboard::domain::roles::{AgentRole, Right};
use partner_dashboard::web::ROUTES;
use partner_dashboard::web::access::Access;
use reqwest::StatusCode;

/// The customer user of the matrix (customer 1), Reader of one reservation.
const CUSTOMER_USER: &str = "customer.user@contoso.example";

/// The values that fill path parameters and forms.
struct Samples {
    customer: String,
    reservation: String,
    order: String,
    agent: String,
    assignment: String,
    configuration: Vec<(String, String)>,
    draft: String,
    request: String,
    refund_request: String,
    message: String,
    token: String,
    import: String,
}

/// A file of one reservation for a new customer, to import.
const SAMPLE_IMPORT: &str = "Customer tenant ID,Customer,Reservation ID,Reservation order ID,Name,Type,SKU,Region,Quantity,Term,Billing plan,Purchase date,Expiration date,Scope,Scope subscription\n\
    7d3e1f20-4a5b-4c6d-8e9f-0a1b2c3d4e5f,Sample Imports Ltd,0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0,1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d,Imported VM,VirtualMachines,Standard_D2s_v3,westeurope,1,P1Y,Upfront,2026-01-10,2027-01-10,Single,2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e\n";

/// The token of the sample purchase.
const SAMPLE_PURCHASE: &str = "sample-purchase";

fn samples(app: &TestApp) -> Samples {
    let mut conn = app.conn();
    let (id, reservation, order): (i64, String, String) = reservations::table
        .inner_join(reservation_orders::table)
        .filter(reservations::customer_id.eq(1))
        .select((
            reservations::id,
            reservations::reservation_guid,
            reservation_orders::order_guid,
        ))
        .first(&mut conn)
        .expect("reservation");
    partner_dashboard::cli::add_user(
        &mut conn,
        pinned(),
        "target@partner.example",
        "Helpdesk",
        None,
        None,
    )
    .expect("target agent");
    let agent: i64 = users::table
        .filter(users::email.eq("target@partner.example"))
        .select(users::id)
        .first(&mut conn)
        .expect("agent");
    // The customer user of the matrix reads this reservation; one more
    // assignment is there to be removed.
    for (email, role) in [
        (CUSTOMER_USER, "ReservationsReader"),
        ("removable@contoso.example", "ReservationsReader"),
    ] {
        diesel::insert_into(role_assignments::table)
            .values((
                role_assignments::reservation_id.eq(id),
                role_assignments::principal_email.eq(email),
                role_assignments::role.eq(role),
                role_assignments::assigned_by.eq("test"),
                role_assignments::assigned_at.eq(chrono::Utc::now().naive_utc()),
            ))
            .execute(&mut conn)
            .expect("assignment");
    }
    let assignment: i64 = role_assignments::table
        .filter(role_assignments::principal_email.eq("removable@contoso.example"))
        .select(role_assignments::id)
        .first(&mut conn)
        .expect("assignment");
    // A draft of the admin's, a request about the sample reservation (to
    // read and reject) and a refund of a reservation in force (to approve).
    let refundable: i64 = reservations::table
        .filter(reservations::customer_id.eq(1))
        .filter(reservations::provisioning_state.eq("Succeeded"))
        .filter(reservations::expiry_date.gt(today() + chrono::Days::new(31)))
        .filter(reservations::resource_type.ne_all(NOT_REFUNDABLE))
        .select(reservations::id)
        .first(&mut conn)
        .expect("a refundable reservation");
    let request = |n: i64, reservation_id: i64, kind: &str| -> String {
        let token = format!("{n:064}");
        let draft = put_draft(app, ADMIN, reservation_id, kind, &token);
        if n == 1 {
            return token;
        }
        let number = format!("26112500000000{n:02}");
        put_request(app, draft, &number, "sample");
        number
    };
    let claimed = partner_dashboard::db::purchases::claim(
        &mut conn,
        &partner_dashboard::db::purchases::NewPurchase {
            token: SAMPLE_PURCHASE.into(),
            customer_id: partner_dashboard::db::keys::CustomerKey(1),
            user_id: partner_dashboard::db::keys::UserKey(user_id_of(app, ADMIN)),
            state: "Done".into(),
            total: partner_dashboard::db::columns::DbMoney(money("0")),
            owner_email: "owner@contoso.example".into(),
            created_at: chrono::Utc::now().naive_utc(),
        },
    )
    .expect("a purchase");
    assert!(claimed);
    // A message the mail server refused for good, to retry.
    let now = chrono::Utc::now().naive_utc();
    partner_dashboard::db::outbox::queue(
        &mut conn,
        &partner_dashboard::db::outbox::NewMessage {
            dedupe_key: "sample-message".into(),
            kind: "Test".into(),
            user_id: None,
            recipient: "nobody@partner.example".into(),
            language: "en-US".into(),
            payload: r#"{"alert":"Test","requested_by":"admin@partner.example"}"#.into(),
            state: "Queued".into(),
            next_attempt_at: now,
            created_at: now,
        },
    )
    .expect("a message");
    let message =
        partner_dashboard::db::outbox::queue_id(&mut conn, "sample-message").expect("its ID");
    {
        use partner_dashboard::db::schema::outbox;
        diesel::update(outbox::table.find(message))
            .set((
                outbox::state.eq("Failed"),
                outbox::last_error.eq("550 unknown user"),
            ))
            .execute(&mut conn)
            .expect("given up");
    }
    // An API token of the admin's, to revoke.
    let token = act_as(&mut conn, ADMIN, |ctx| {
        partner_dashboard::app::api_tokens::create(ctx, "sample", None)
    })
    .token
    .id
    .to_string();
    // A small upload waiting for its import.
    let import = match act_as(&mut conn, ADMIN, |ctx| {
        partner_dashboard::app::import::upload(
            ctx,
            "sample.csv",
            SAMPLE_IMPORT.as_bytes(),
            None,
            &mut |_| {},
        )
    }) {
        partner_dashboard::app::import::Uploaded::Stored(id) => id.to_string(),
        other => panic!("sample upload refused: {other:?}"),
    };
    let draft = request(1, id, "Other");
    let read = request(2, id, "Other");
    let refund_request = request(3, refundable, "Refund");
    Samples {
        customer: "1".into(),
        reservation,
        order,
        agent: agent.to_string(),
        assignment: assignment.to_string(),
        configuration: current_configuration(&mut conn, id),
        draft,
        request: read,
        refund_request,
        message: message.to_string(),
        token,
        import,
    }
}

/// The configuration form of a reservation as it stands: saving it is
/// allowed to those who may configure, and changes nothing.
fn current_configuration(conn: &mut partner_dashboard::db::Conn, id: i64) -> Vec<(String, String)> {
    type Row = (
        String,
        String,
        Option<i64>,
        Option<i64>,
        Option<i64>,
        Option<String>,
        bool,
        i32,
    );
    let r: Row = reservations::table
        .find(id)
        .select((
            reservations::display_name,
            reservations::scope_type,
            reservations::scope_subscription_id,
            reservations::scope_resource_group_id,
            reservations::scope_management_group_id,
            reservations::instance_flexibility,
            reservations::renew,
            reservations::version,
        ))
        .first(conn)
        .expect("configuration");
    let kind = match (r.1.as_str(), r.3) {
        ("Single", Some(_)) => "resource-group",
        ("Single", None) => "single",
        ("Shared", _) => "shared",
        _ => "management-group",
    };
    let text = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
    let mut form = vec![
        ("name".to_string(), r.0),
        ("scope".into(), kind.into()),
        ("subscription".into(), text(r.2)),
        ("resource_group".into(), text(r.3)),
        ("management_group".into(), text(r.4)),
        ("flexibility".into(), r.5.unwrap_or_default()),
        ("version".into(), r.7.to_string()),
    ];
    if r.6 {
        form.push(("renew".into(), "on".into()));
    }
    form
}

fn concrete(path: &str, s: &Samples) -> String {
    let path = path.replace("{path:.*}", "css/app.css");
    if path.starts_with("/customers/") {
        path.replace("{id}", &s.customer)
            .replace("{item}", "1")
            .replace("{token}", SAMPLE_PURCHASE)
    } else if path.starts_with("/reservations/") {
        path.replace("{id}", &s.reservation)
            .replace("{assignment}", &s.assignment)
            .replace("{version}", "1")
    } else if path.starts_with("/orders/") {
        path.replace("{id}", &s.order)
    } else if path.starts_with("/requests/drafts/") {
        path.replace("{token}", &s.draft)
            .replace("{step}", "basics")
    } else if path.ends_with("/approve") {
        path.replace("{number}", &s.refund_request)
    } else if path.starts_with("/requests/") {
        path.replace("{number}", &s.request)
    } else if path.starts_with("/admin/agents/") {
        path.replace("{id}", &s.agent)
    } else if path.starts_with("/admin/outbox/") {
        path.replace("{id}", &s.message)
    } else if path.starts_with("/admin/import/") {
        path.replace("{id}", &s.import)
    } else if path.starts_with("/account/tokens/") || path.starts_with("/admin/tokens/") {
        path.replace("{id}", &s.token)
    } else {
        assert!(
            !path.contains('{'),
            "no sample value for {path}: add one here"
        );
        path
    }
}

/// A request each route accepts from a user allowed to make it.
fn form(path: &str, n: usize, s: &Samples) -> Vec<(String, String)> {
    let pairs: Vec<(&str, String)> = match path {
        "/reservations/{id}/configuration" => return s.configuration.clone(),
        "/reservations/{id}/support" => vec![("kind", "Refund".into())],
        "/requests/drafts/{token}/{step}" => vec![("nav", "back".into())],
        "/requests/{number}/approve" => vec![],
        "/requests/{number}/reject" => vec![("reason", "Not covered by the agreement.".into())],
        "/admin/settings" => vec![
            ("fee_percent", "12".into()),
            ("grace_days", "5".into()),
            ("refund_limit", "50000.00".into()),
            ("exchange_cutoff", "2027-02-01".into()),
            ("underused_percent", "50".into()),
        ],
        "/reservations/{id}/access" => vec![
            ("email", format!("reader{n}@contoso.example")),
            ("role", "ReservationsReader".into()),
        ],
        "/reservations/{id}/access/{assignment}/remove" => vec![],
        "/reservations/{id}/archive" | "/reservations/{id}/unarchive" => vec![],
        // No quantities (422) and a stale version (409): refused past the
        // guard, so that the sample reservation stays as it is.
        "/reservations/{id}/split" => vec![],
        "/reservations/{id}/merge" => vec![("version", "0".into())],
        "/reservations/{id}/recommendations/dismiss" => vec![("kind", "Renew".into())],
        "/customers/{id}/purchase/cart" => vec![
            ("price_id", "1".into()),
            ("quantity", "1".into()),
            ("scope", "shared".into()),
        ],
        "/customers/{id}/purchase/cart/{item}/remove" => vec![],
        // No review token (422): refused past the guard, nothing bought.
        "/customers/{id}/purchase" => vec![],
        "/sign-in" => vec![("email", ADMIN.into()), ("password", PASSWORD.into())],
        "/sign-out" => vec![],
        "/language" => vec![("lang", "pt-BR".into()), ("next", "/customers".into())],
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
        "/admin/data-source/sync" => vec![],
        "/account/alerts" => vec![("expiry_30", "on".into()), ("language", "en-US".into())],
        "/admin/outbox/test" => vec![("address", "ops@partner.example".into())],
        "/admin/outbox/{id}/retry" => vec![("action", "retry".into())],
        "/admin/outbox/retry-failed" => vec![("action", "retry".into())],
        "/account/tokens" => vec![("name", format!("token {n}"))],
        // A form without its file (400): refused past the guard.
        "/admin/import" => vec![("tenant", String::new())],
        "/admin/import/{id}" => vec![],
        "/account/tokens/{id}/revoke" | "/admin/tokens/{id}/revoke" => {
            vec![("action", "revoke".into())]
        }
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
        pinned(),
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
                let mut pairs = form(route.path, n * 10 + checked, &s);
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
            if route.path.starts_with("/requests/drafts/") && role.is_some() && email != Some(ADMIN)
            {
                // A draft belongs to whoever started it; to anyone else it does not exist.
                assert_eq!(status, StatusCode::NOT_FOUND, "{who}: someone else's draft");
            } else if route.path == "/account/tokens/{id}/revoke"
                && route.access.allows(role)
                && email != Some(ADMIN)
            {
                // An API token is its agent's own (the sample is the
                // admin's): to another agent it does not exist.
                assert_eq!(status, StatusCode::NOT_FOUND, "{who}: someone else's token");
            } else if let (Access::Reservation(right), Some(AgentRole::Customer)) =
                (route.access, role)
            {
                // A Reader reads; anything more does not exist for them.
                if right == Right::Read {
                    assert!(status.is_success(), "{who}: a Reader reads, got {status}");
                } else {
                    assert_eq!(
                        status,
                        StatusCode::NOT_FOUND,
                        "{who}: beyond a Reader's role"
                    );
                }
            } else if route.access.allows(role) {
                // Signing out is the one success that lands on the sign-in page.
                let lands_on_sign_in = route.path == "/sign-out" && location == "/sign-in";
                // The password form keeps every password as it is: the policy
                // refuses a new one equal to the current (422) past the guard.
                let refused_by_policy =
                    route.path == "/account/password" && status == StatusCode::UNPROCESSABLE_ENTITY;
                // This server is not connected to Azure: past the guard,
                // "Sync now" is refused as nothing to sync (409).
                let not_connected =
                    route.path == "/admin/data-source/sync" && status == StatusCode::CONFLICT;
                // Split and merge samples are refused past the guard.
                let refused_form = matches!(
                    route.path,
                    "/reservations/{id}/split"
                        | "/reservations/{id}/merge"
                        | "/customers/{id}/purchase"
                        | "/admin/import"
                ) && route.method == "post"
                    && matches!(
                        status,
                        StatusCode::UNPROCESSABLE_ENTITY
                            | StatusCode::CONFLICT
                            | StatusCode::BAD_REQUEST
                    );
                assert!(
                    status.is_success()
                        || refused_by_policy
                        || refused_form
                        || not_connected
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
