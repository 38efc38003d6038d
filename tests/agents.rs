//! Admin agents manage who signs in; everyone changes their own password;
//! the audit log records it all and cannot be rewritten.

mod common;

use common::*;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use partner_dashboard::db::schema::{audit_log, sessions, users};
use reqwest::StatusCode;
use scraper::Html;

fn user_id(app: &TestApp, email: &str) -> i64 {
    users::table
        .filter(users::email.eq(email))
        .select(users::id)
        .first(&mut app.conn())
        .expect("user")
}

/// Fields posted, the status expected, where the message shows and what it says.
type Case<'a> = (Vec<(&'a str, &'a str)>, StatusCode, &'a str, &'a str);

fn page_of(body: &str) -> Html {
    Html::parse_document(body)
}

fn select_text(html: &Html, css: &str) -> Vec<String> {
    let sel = scraper::Selector::parse(css).expect("selector");
    html.select(&sel)
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect()
}

fn select_attr(html: &Html, css: &str, attr: &str) -> Vec<String> {
    let sel = scraper::Selector::parse(css).expect("selector");
    html.select(&sel)
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}

#[tokio::test]
async fn an_admin_adds_an_agent_who_then_signs_in_with_the_password_shown_once() {
    let app = spawn_app().await;
    let admin = app.client_as(ADMIN).await;
    let token = app.csrf(&admin).await;
    let response = app
        .post_form(
            &admin,
            "/admin/agents",
            &[
                ("csrf_token", &token),
                ("email", " Nova.Agent@Partner.Example "),
                ("name", "Nova Agent"),
                ("role", "Helpdesk"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let html = page_of(&response.text().await.expect("body"));
    let password = select_attr(&html, "#revealed-password", "value")
        .pop()
        .expect("password shown once");
    assert_eq!(password.chars().count(), 16);
    let role: String = users::table
        .filter(users::email.eq("nova.agent@partner.example"))
        .select(users::role)
        .first(&mut app.conn())
        .expect("stored");
    assert_eq!(role, "Helpdesk");
    // The list never shows it again.
    let list = app.get_with(&admin, "/admin/agents", &[]).await;
    assert_eq!(list.count("#revealed-password"), 0);
    assert!(!list.body.contains(&password));
    let nova = app.new_client();
    assert_eq!(
        app.post_sign_in(&nova, "nova.agent@partner.example", &password)
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    let audit: i64 = audit_log::table
        .filter(audit_log::action.eq("agent-created"))
        .count()
        .get_result(&mut app.conn())
        .expect("audit");
    assert_eq!(audit, 1);
}

#[tokio::test]
async fn bad_agent_input_gets_messages_next_to_the_fields_with_the_text_kept() {
    let app = spawn_app().await;
    let admin = app.client_as(ADMIN).await;
    let token = app.csrf(&admin).await;
    let before: i64 = users::table
        .count()
        .get_result(&mut app.conn())
        .expect("count");
    let long_name = "n".repeat(10_000);
    let cases: Vec<Case> = vec![
        (
            vec![("email", "ok@partner.example"), ("name", "X"), ("role", "")],
            StatusCode::UNPROCESSABLE_ENTITY,
            "#new-role-error",
            "Choose one",
        ),
        (
            vec![("email", "not-an-email"), ("name", "X"), ("role", "Sales")],
            StatusCode::UNPROCESSABLE_ENTITY,
            "#new-email-error",
            "not an email address",
        ),
        (
            vec![
                ("email", "ok@partner.example"),
                ("name", ""),
                ("role", "Sales"),
            ],
            StatusCode::UNPROCESSABLE_ENTITY,
            "#new-name-error",
            "Enter a name",
        ),
        (
            vec![
                ("email", "ok@partner.example"),
                ("name", &long_name),
                ("role", "Sales"),
            ],
            StatusCode::UNPROCESSABLE_ENTITY,
            "#new-name-error",
            "at most 100",
        ),
        (
            vec![
                ("email", "ok@partner.example"),
                ("name", "X"),
                ("role", "Root"),
            ],
            StatusCode::UNPROCESSABLE_ENTITY,
            "#new-role-error",
            "Choose one",
        ),
        (
            vec![
                ("email", "ok@partner.example"),
                ("name", "X"),
                ("role", "Customer"),
            ],
            StatusCode::UNPROCESSABLE_ENTITY,
            "#new-role-error",
            "Choose one",
        ),
        (
            vec![("email", SALES), ("name", "Dup"), ("role", "Sales")],
            StatusCode::CONFLICT,
            "#new-email-error",
            "already exists",
        ),
    ];
    for (fields, status, selector, message) in cases {
        let mut form = fields.clone();
        form.push(("csrf_token", &token));
        let response = app.post_form(&admin, "/admin/agents", &form).await;
        assert_eq!(response.status(), status, "{fields:?}");
        let html = page_of(&response.text().await.expect("body"));
        assert!(
            select_text(&html, selector).join(" ").contains(message),
            "{selector} for {fields:?}"
        );
        let kept = select_attr(&html, "#new-email", "value")
            .pop()
            .unwrap_or_default();
        assert_eq!(kept, fields[0].1, "email kept");
    }
    let after: i64 = users::table
        .count()
        .get_result(&mut app.conn())
        .expect("count");
    assert_eq!(before, after);
}

#[tokio::test]
async fn role_changes_are_audited_with_before_and_after() {
    let app = spawn_app().await;
    let admin = app.client_as(ADMIN).await;
    let token = app.csrf(&admin).await;
    let id = user_id(&app, SALES);
    let response = app
        .post_form(
            &admin,
            &format!("/admin/agents/{id}/role"),
            &[("csrf_token", &token), ("role", "Helpdesk")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (before, after): (Option<String>, Option<String>) = audit_log::table
        .filter(audit_log::action.eq("role-changed"))
        .select((audit_log::before_value, audit_log::after_value))
        .first(&mut app.conn())
        .expect("audit");
    assert_eq!(
        (before.as_deref(), after.as_deref()),
        (Some("Sales"), Some("Helpdesk"))
    );
    // Forged role names and unknown agents.
    let forged = app
        .post_form(
            &admin,
            &format!("/admin/agents/{id}/role"),
            &[("csrf_token", &token), ("role", "Superuser")],
        )
        .await;
    assert_eq!(forged.status(), StatusCode::UNPROCESSABLE_ENTITY);
    for bad in ["999", "abc", "-1"] {
        let r = app
            .post_form(
                &admin,
                &format!("/admin/agents/{bad}/role"),
                &[("csrf_token", &token), ("role", "Sales")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{bad}");
    }
    // The new role takes effect at the agent's next request.
    let helpdesk_now = app.client_as(SALES).await;
    let page = app.get_with(&helpdesk_now, "/customers", &[]).await;
    assert!(page.text(".user-role").contains("Helpdesk"));
}

#[tokio::test]
async fn disabling_an_agent_ends_their_sessions_at_once() {
    let app = spawn_app().await;
    let admin = app.client_as(ADMIN).await;
    let sales = app.client_as(SALES).await;
    assert_eq!(
        app.get_with(&sales, "/customers", &[]).await.status,
        StatusCode::OK
    );
    let token = app.csrf(&admin).await;
    let id = user_id(&app, SALES);
    let r = app
        .post_form(
            &admin,
            &format!("/admin/agents/{id}/status"),
            &[
                ("confirmed", "yes"),
                ("csrf_token", &token),
                ("disabled", "true"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        app.get_with(&sales, "/customers", &[]).await.status,
        StatusCode::SEE_OTHER,
        "signed out"
    );
    let left: i64 = sessions::table
        .filter(sessions::user_id.eq(id))
        .count()
        .get_result(&mut app.conn())
        .expect("count");
    assert_eq!(left, 0);
    assert_eq!(
        app.post_sign_in(&app.new_client(), SALES, PASSWORD)
            .await
            .status(),
        StatusCode::UNAUTHORIZED,
        "cannot sign in"
    );
    let r = app
        .post_form(
            &admin,
            &format!("/admin/agents/{id}/status"),
            &[
                ("confirmed", "yes"),
                ("csrf_token", &token),
                ("disabled", "false"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        app.post_sign_in(&app.new_client(), SALES, PASSWORD)
            .await
            .status(),
        StatusCode::SEE_OTHER,
        "enabled again"
    );
}

#[tokio::test]
async fn the_last_admin_can_be_neither_demoted_nor_disabled() {
    let app = spawn_app().await;
    let admin = app.client_as(ADMIN).await;
    let token = app.csrf(&admin).await;
    let id = user_id(&app, ADMIN);
    for (path, field) in [
        ("role", ("role", "Sales")),
        ("status", ("disabled", "true")),
    ] {
        let r = app
            .post_form(
                &admin,
                &format!("/admin/agents/{id}/{path}"),
                &[("csrf_token", &token), ("confirmed", "yes"), field],
            )
            .await;
        assert_eq!(r.status(), StatusCode::CONFLICT, "{path}");
        let html = page_of(&r.text().await.expect("body"));
        assert!(
            select_text(&html, ".alert-error")
                .join(" ")
                .contains("last enabled admin"),
            "{path}"
        );
    }
    let (role, disabled): (String, bool) = users::table
        .find(id)
        .select((users::role, users::disabled))
        .first(&mut app.conn())
        .expect("admin");
    assert_eq!((role.as_str(), disabled), ("Admin", false));
    // With a second admin, the first may step down.
    let sales = user_id(&app, SALES);
    app.post_form(
        &admin,
        &format!("/admin/agents/{sales}/role"),
        &[("csrf_token", &token), ("role", "Admin")],
    )
    .await;
    let r = app
        .post_form(
            &admin,
            &format!("/admin/agents/{id}/role"),
            &[("csrf_token", &token), ("role", "Sales")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_reset_password_replaces_the_old_one() {
    let app = spawn_app().await;
    let admin = app.client_as(ADMIN).await;
    let support = app.client_as(SUPPORT).await;
    let token = app.csrf(&admin).await;
    let id = user_id(&app, SUPPORT);
    let r = app
        .post_form(
            &admin,
            &format!("/admin/agents/{id}/password"),
            &[
                ("confirmed", "yes"),
                ("csrf_token", &token),
                ("confirm", "reset"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = page_of(&r.text().await.expect("body"));
    let password = select_attr(&html, "#revealed-password", "value")
        .pop()
        .expect("shown once");
    assert_eq!(
        app.get_with(&support, "/customers", &[]).await.status,
        StatusCode::SEE_OTHER,
        "signed out"
    );
    assert_eq!(
        app.post_sign_in(&app.new_client(), SUPPORT, PASSWORD)
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.post_sign_in(&app.new_client(), SUPPORT, &password)
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn agents_change_their_own_password() {
    let app = spawn_app().await;
    let helpdesk = app.client_as(HELPDESK).await;
    let elsewhere = app.client_as(HELPDESK).await;
    let token = app.csrf(&helpdesk).await;
    let new = "a brand new passphrase";
    let cases: [(&str, &str, &str, &str); 4] = [
        ("wrong current pass", new, new, "#current-error"),
        (PASSWORD, "short", "short", "#new-error"),
        (PASSWORD, HELPDESK, HELPDESK, "#new-error"),
        (PASSWORD, new, "a different passphrase", "#confirm-error"),
    ];
    for (current, new_pw, confirm, field) in cases {
        let r = app
            .post_form(
                &helpdesk,
                "/account/password",
                &[
                    ("csrf_token", &token),
                    ("current", current),
                    ("new", new_pw),
                    ("confirm", confirm),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        let html = page_of(&r.text().await.expect("body"));
        assert_eq!(
            select_text(&html, field).len(),
            1,
            "message next to {field}"
        );
    }
    assert_eq!(
        app.post_sign_in(&app.new_client(), HELPDESK, PASSWORD)
            .await
            .status(),
        StatusCode::SEE_OTHER,
        "unchanged so far"
    );
    let r = app
        .post_form(
            &helpdesk,
            "/account/password",
            &[
                ("csrf_token", &token),
                ("current", PASSWORD),
                ("new", new),
                ("confirm", new),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        app.get_with(&helpdesk, "/customers", &[]).await.status,
        StatusCode::OK,
        "this session stays"
    );
    assert_eq!(
        app.get_with(&elsewhere, "/customers", &[]).await.status,
        StatusCode::SEE_OTHER,
        "other sessions end"
    );
    assert_eq!(
        app.post_sign_in(&app.new_client(), HELPDESK, new)
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        app.post_sign_in(&app.new_client(), HELPDESK, PASSWORD)
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn the_audit_log_shows_sign_ins_and_changes_and_cannot_be_rewritten() {
    let app = spawn_app().await;
    let _ = app
        .post_sign_in(&app.new_client(), ADMIN, "wrong password!")
        .await;
    let admin = app.client_as(ADMIN).await;
    let token = app.csrf(&admin).await;
    let id = user_id(&app, SALES);
    app.post_form(
        &admin,
        &format!("/admin/agents/{id}/role"),
        &[("csrf_token", &token), ("role", "Support")],
    )
    .await;
    let page = app.get_with(&admin, "/admin/audit", &[]).await;
    assert_eq!(page.status, StatusCode::OK);
    let actions = page.texts("#results tbody td:nth-of-type(3)");
    assert_eq!(
        actions.first().map(String::as_str),
        Some("Agent's role changed"),
        "newest first, named: {actions:?}"
    );
    for expected in ["Signed in", "Sign-in failed"] {
        assert!(
            actions.iter().any(|a| a == expected),
            "{expected} in {actions:?}"
        );
    }
    assert!(
        page.text("#results tbody tr")
            .contains("Sales agent → Support agent")
    );
    assert!(
        page.text("#results tbody tr").contains("127.0.0.1"),
        "address recorded"
    );
    let filtered = app
        .get_with(&admin, "/admin/audit?action=sign-in-failed", &[])
        .await;
    let shown = filtered.texts("#results tbody td:nth-of-type(3)");
    assert!(!shown.is_empty());
    assert!(shown.iter().all(|a| a == "Sign-in failed"), "{shown:?}");
    let bogus = app
        .get_with(&admin, "/admin/audit?action=%3Cx%3E&page=zz", &[])
        .await;
    assert_eq!(bogus.status, StatusCode::OK);
    assert_eq!(bogus.count(".notice"), 2);
    // Not even the database lets an entry change.
    let mut conn = app.conn();
    assert!(
        conn.batch_execute("UPDATE audit_log SET action = 'nothing'")
            .is_err()
    );
    assert!(conn.batch_execute("DELETE FROM audit_log").is_err());
    // Only admins read it.
    let sales = app.client_as(HELPDESK).await;
    assert_eq!(
        app.get_with(&sales, "/admin/audit", &[]).await.status,
        StatusCode::FORBIDDEN
    );
}
