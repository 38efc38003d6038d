//! The Access control (IAM) blade and customer users, who see only the
//! reservations they hold a role on.

mod common;

use common::*;
use diesel::prelude::*;
use partner_dashboard::db::schema::{audit_log, customers, reservations, role_assignments, users};
use reqwest::StatusCode;

/// The demo customer user (Owner of all of customer 1's reservations).
fn demo_customer_user(app: &TestApp) -> String {
    users::table
        .filter(users::role.eq("Customer"))
        .select(users::email)
        .first(&mut app.conn())
        .expect("customer user")
}

fn reservations_of(app: &TestApp, customer: i64) -> Vec<(i64, String)> {
    reservations::table
        .filter(reservations::customer_id.eq(customer))
        .order(reservations::id)
        .select((reservations::id, reservations::reservation_guid))
        .load(&mut app.conn())
        .expect("reservations")
}

fn assignments(app: &TestApp, reservation: i64) -> Vec<(String, String)> {
    role_assignments::table
        .filter(role_assignments::reservation_id.eq(reservation))
        .order((role_assignments::principal_email, role_assignments::role))
        .select((role_assignments::principal_email, role_assignments::role))
        .load(&mut app.conn())
        .expect("assignments")
}

#[tokio::test]
async fn an_admin_gives_a_role_and_the_person_signs_in_to_see_just_that() {
    let app = spawn_app().await;
    let admin = app.client_as(ADMIN).await;
    let (id, guid) = reservations_of(&app, 2)[0].clone();
    let page = app
        .get_with(&admin, &format!("/reservations/{guid}/access"), &[])
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let listed = page.texts("table.assignments tbody th");
    let stored: Vec<String> = assignments(&app, id).into_iter().map(|a| a.0).collect();
    assert_eq!(listed.len(), stored.len());
    assert!(page.text("table.assignments tbody").contains("Owner"));
    let token = app.csrf(&admin).await;
    let r = app
        .post_form(
            &admin,
            &format!("/reservations/{guid}/access"),
            &[
                ("csrf_token", &token),
                ("email", "Pat.Reader@Fabrikam.example"),
                ("role", "ReservationsReader"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let body = r.text().await.expect("body");
    assert!(
        texts(&body, ".alert-success")
            .join(" ")
            .contains("pat.reader@fabrikam.example is now Reservations Reader")
    );
    let password = attr(&body, "#revealed-password", "value").expect("password shown once");
    assert!(assignments(&app, id).contains(&(
        "pat.reader@fabrikam.example".into(),
        "ReservationsReader".into()
    )));
    let (role, customer): (String, Option<i64>) = users::table
        .filter(users::email.eq("pat.reader@fabrikam.example"))
        .select((users::role, users::customer_id))
        .first(&mut app.conn())
        .expect("customer user");
    assert_eq!((role.as_str(), customer), ("Customer", Some(2)));
    let audited: i64 = audit_log::table
        .filter(audit_log::action.eq("role-assigned"))
        .filter(audit_log::object_id.eq(&guid))
        .count()
        .get_result(&mut app.conn())
        .expect("audit");
    assert_eq!(audited, 1);

    // Pat signs in and finds exactly that reservation, read-only.
    let pat = app.new_client();
    let signed_in = app
        .post_sign_in(&pat, "pat.reader@fabrikam.example", &password)
        .await;
    assert_eq!(signed_in.status(), StatusCode::SEE_OTHER);
    let home = app.get_with(&pat, "/", &[]).await;
    assert_eq!(home.status, StatusCode::SEE_OTHER);
    let mine = app.get_with(&pat, "/my/reservations", &[]).await;
    assert_eq!(mine.status, StatusCode::OK);
    assert_eq!(
        mine.attrs("table.data tbody th a", "href"),
        vec![format!("/reservations/{guid}")]
    );
    assert_eq!(mine.count("#lookup-q"), 0, "no look-up for customer users");
    let overview = app
        .get_with(&pat, &format!("/reservations/{guid}"), &[])
        .await;
    assert_eq!(overview.status, StatusCode::OK);
    assert_eq!(overview.texts(".breadcrumbs li")[0], "My reservations");
    let config = app
        .get_with(&pat, &format!("/reservations/{guid}/configuration"), &[])
        .await;
    assert_eq!(
        config.count("form.config-form fieldset[disabled]"),
        1,
        "a Reader reads"
    );
    let access = app
        .get_with(&pat, &format!("/reservations/{guid}/access"), &[])
        .await;
    assert_eq!(
        access.count("#principal-email"),
        0,
        "a Reader cannot add roles"
    );
    let token = app.csrf(&pat).await;
    let r = app
        .post_form(
            &pat,
            &format!("/reservations/{guid}/access"),
            &[
                ("csrf_token", &token),
                ("email", "x@fabrikam.example"),
                ("role", "Owner"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn duplicates_forged_roles_and_bad_emails_are_refused() {
    let app = spawn_app().await;
    let admin = app.client_as(ADMIN).await;
    let (id, guid) = reservations_of(&app, 3)[0].clone();
    let (owner, _) = assignments(&app, id)
        .into_iter()
        .find(|a| a.1 == "Owner")
        .expect("owner");
    let before = assignments(&app, id);
    let users_before: i64 = users::table
        .count()
        .get_result(&mut app.conn())
        .expect("count");
    let token = app.csrf(&admin).await;
    let other_customer_user = demo_customer_user(&app);
    let cases = [
        (
            owner.as_str(),
            "Owner",
            StatusCode::CONFLICT,
            "#principal-email-error",
            "already holds this role",
        ),
        (
            "someone@x.example",
            "Superuser",
            StatusCode::UNPROCESSABLE_ENTITY,
            "#principal-role-error",
            "one of the four",
        ),
        (
            "someone@x.example",
            "owner",
            StatusCode::UNPROCESSABLE_ENTITY,
            "#principal-role-error",
            "one of the four",
        ),
        (
            "not an email",
            "Owner",
            StatusCode::UNPROCESSABLE_ENTITY,
            "#principal-email-error",
            "not an email",
        ),
        (
            other_customer_user.as_str(),
            "ReservationsReader",
            StatusCode::UNPROCESSABLE_ENTITY,
            "#principal-email-error",
            "another customer",
        ),
    ];
    for (email, role, status, field, message) in cases {
        let r = app
            .post_form(
                &admin,
                &format!("/reservations/{guid}/access"),
                &[("csrf_token", &token), ("email", email), ("role", role)],
            )
            .await;
        assert_eq!(r.status(), status, "{email} {role}");
        let body = r.text().await.expect("body");
        assert!(
            texts(&body, field).join(" ").contains(message),
            "{email} {role}"
        );
        assert_eq!(
            attr(&body, "#principal-email", "value").as_deref(),
            Some(email),
            "typed email kept"
        );
    }
    assert_eq!(assignments(&app, id), before, "nothing changed");
    let users_after: i64 = users::table
        .count()
        .get_result(&mut app.conn())
        .expect("count");
    assert_eq!(users_before, users_after);
}

#[tokio::test]
async fn the_last_owner_stays_and_other_roles_come_off() {
    let app = spawn_app().await;
    let admin = app.client_as(ADMIN).await;
    let (id, guid) = reservations_of(&app, 4)[0].clone();
    let token = app.csrf(&admin).await;
    // Add a Reader, then remove it.
    app.post_form(
        &admin,
        &format!("/reservations/{guid}/access"),
        &[
            ("csrf_token", &token),
            ("email", "temp@x.example"),
            ("role", "ReservationsReader"),
        ],
    )
    .await;
    let rows: Vec<(i64, String, String)> = role_assignments::table
        .filter(role_assignments::reservation_id.eq(id))
        .select((
            role_assignments::id,
            role_assignments::principal_email,
            role_assignments::role,
        ))
        .load(&mut app.conn())
        .expect("rows");
    let temp = rows
        .iter()
        .find(|r| r.1 == "temp@x.example")
        .expect("temp")
        .0;
    let owners: Vec<i64> = rows
        .iter()
        .filter(|r| r.2 == "Owner")
        .map(|r| r.0)
        .collect();
    assert_eq!(owners.len(), 1);
    let r = app
        .post_form(
            &admin,
            &format!("/reservations/{guid}/access/{temp}/remove"),
            &[("confirmed", "yes"), ("csrf_token", &token)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(
        !assignments(&app, id)
            .iter()
            .any(|a| a.0 == "temp@x.example")
    );
    let audited: Option<String> = audit_log::table
        .filter(audit_log::action.eq("role-removed"))
        .select(audit_log::before_value)
        .first(&mut app.conn())
        .expect("audit");
    assert_eq!(
        audited.as_deref(),
        Some("temp@x.example: ReservationsReader")
    );
    // The only Owner cannot be removed.
    let r = app
        .post_form(
            &admin,
            &format!("/reservations/{guid}/access/{}/remove", owners[0]),
            &[("confirmed", "yes"), ("csrf_token", &token)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(
        texts(&r.text().await.expect("body"), ".alert-error")
            .join(" ")
            .contains("at least one Owner")
    );
    assert_eq!(
        assignments(&app, id)
            .iter()
            .filter(|a| a.1 == "Owner")
            .count(),
        1
    );
    // An assignment of another reservation cannot be removed through this one.
    let (_, other_guid) = reservations_of(&app, 5)[0].clone();
    let r = app
        .post_form(
            &admin,
            &format!("/reservations/{other_guid}/access/{}/remove", owners[0]),
            &[("confirmed", "yes"), ("csrf_token", &token)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    // Sales agents do not manage access.
    let sales = app.client_as(SALES).await;
    let sales_token = app.csrf(&sales).await;
    let r = app
        .post_form(
            &sales,
            &format!("/reservations/{guid}/access"),
            &[
                ("csrf_token", &sales_token),
                ("email", "a@x.example"),
                ("role", "Owner"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_customer_user_never_sees_what_is_not_theirs() {
    let app = spawn_app().await;
    let email = demo_customer_user(&app);
    let customer: i64 = users::table
        .filter(users::email.eq(&email))
        .select(users::customer_id)
        .first::<Option<i64>>(&mut app.conn())
        .expect("user")
        .expect("customer");
    let client = app.client_as(&email).await;
    let own = reservations_of(&app, customer);
    let mine = app.get_with(&client, "/my/reservations", &[]).await;
    let mut listed = mine.attrs("table.data tbody th a", "href");
    listed.sort();
    let mut expected: Vec<String> = own
        .iter()
        .map(|(_, g)| format!("/reservations/{g}"))
        .collect();
    expected.sort();
    assert_eq!(listed, expected);
    // Every other reservation, on every blade, does not exist for them.
    let others: Vec<String> = reservations::table
        .filter(reservations::customer_id.ne(customer))
        .select(reservations::reservation_guid)
        .load(&mut app.conn())
        .expect("others");
    assert!(others.len() > 100);
    for guid in &others {
        for blade in [
            "",
            "/properties",
            "/configuration",
            "/access",
            "/activity",
            "/configuration/resource-groups?subscription=1",
        ] {
            let page = app
                .get_with(&client, &format!("/reservations/{guid}{blade}"), &[])
                .await;
            assert_eq!(page.status, StatusCode::NOT_FOUND, "{guid}{blade}");
        }
    }
    let token = app.csrf(&client).await;
    for guid in others.iter().take(10) {
        let r = app
            .post_form(
                &client,
                &format!("/reservations/{guid}/access"),
                &[
                    ("csrf_token", &token),
                    ("email", "x@y.example"),
                    ("role", "Owner"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
    }
    // Nor the partner's pages.
    let company: String = customers::table
        .find(customer)
        .select(customers::company_name)
        .first(&mut app.conn())
        .expect("company");
    for path in [
        "/customers",
        "/customers/1",
        &format!("/customers/{customer}/reservations"),
        "/lookup?q=x",
        "/admin/agents",
        "/admin/audit",
    ] {
        let page = app.get_with(&client, path, &[]).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{path}");
    }
    // As Owner they configure and manage access on their own, for the
    // people of their own organisation.
    let (id, guid) = own[0].clone();
    let domain: String = partner_dashboard::db::schema::customers::table
        .find(customer)
        .select(partner_dashboard::db::schema::customers::domain)
        .first(&mut app.conn())
        .expect("domain");
    let colleague = format!("colleague@{domain}");
    let r = app
        .post_form(
            &client,
            &format!("/reservations/{guid}/access"),
            &[
                ("csrf_token", &token),
                ("email", colleague.as_str()),
                ("role", "ReservationsContributor"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    assert!(assignments(&app, id).contains(&(colleague.clone(), "ReservationsContributor".into())));
    let page = app
        .get_with(&client, &format!("/reservations/{guid}"), &[])
        .await;
    assert!(page.text(".record-kind").contains(&company));
    assert_eq!(
        page.count(".record-kind a"),
        0,
        "no link to the partner's customer page"
    );
}

#[tokio::test]
async fn a_contributor_configures_but_does_not_manage_access() {
    let app = spawn_app().await;
    let admin = app.client_as(ADMIN).await;
    // A type without instance-size flexibility, so the form needs no choice of it.
    let (id, guid): (i64, String) = reservations::table
        .filter(reservations::resource_type.ne_all(["VirtualMachines", "SqlDatabases"]))
        .select((reservations::id, reservations::reservation_guid))
        .first(&mut app.conn())
        .expect("reservation");
    let token = app.csrf(&admin).await;
    let r = app
        .post_form(
            &admin,
            &format!("/reservations/{guid}/access"),
            &[
                ("csrf_token", &token),
                ("email", "casey@x.example"),
                ("role", "ReservationsContributor"),
            ],
        )
        .await;
    let password = attr(
        &r.text().await.expect("body"),
        "#revealed-password",
        "value",
    )
    .expect("password");
    let casey = app.new_client();
    assert_eq!(
        app.post_sign_in(&casey, "casey@x.example", &password)
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    let config = app
        .get_with(&casey, &format!("/reservations/{guid}/configuration"), &[])
        .await;
    assert_eq!(config.count("form.config-form fieldset[disabled]"), 0);
    let version = config.attrs("input[name=version]", "value").remove(0);
    let casey_token = app.csrf(&casey).await;
    let r = app
        .post_form(
            &casey,
            &format!("/reservations/{guid}/configuration"),
            &[
                ("csrf_token", casey_token.as_str()),
                ("name", "renamed-by-casey"),
                ("scope", "shared"),
                ("version", version.as_str()),
                ("flexibility", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let name: String = reservations::table
        .find(id)
        .select(reservations::display_name)
        .first(&mut app.conn())
        .expect("name");
    assert_eq!(name, "renamed-by-casey");
    let r = app
        .post_form(
            &casey,
            &format!("/reservations/{guid}/access"),
            &[
                ("csrf_token", &casey_token),
                ("email", "z@x.example"),
                ("role", "Owner"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}
