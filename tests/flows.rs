//! What a person hits in the flows: only Create creates, Cancel discards
//! after asking, one refund or exchange per reservation at a time, and
//! irreversible actions ask first and say what happened afterwards.

mod common;

use chrono::Days;
use common::*;
use diesel::prelude::*;
use partner_dashboard::db::schema::{request_drafts, reservations, support_requests};
use reqwest::StatusCode;

/// Contoso's row ID: its IT admin (a demo customer user) owns its reservations.
fn contoso(app: &TestApp) -> i64 {
    use partner_dashboard::db::schema::customers;
    customers::table
        .filter(customers::domain.eq("contoso.com"))
        .select(customers::id)
        .first(&mut app.conn())
        .expect("contoso")
}

/// (row ID, GUID) of Contoso's reservations in force for a month yet, or of
/// those that have expired.
fn contoso_reservations(app: &TestApp, in_force: bool) -> Vec<(i64, String)> {
    let query = reservations::table
        .filter(reservations::customer_id.eq(contoso(app)))
        .order(reservations::id)
        .select((reservations::id, reservations::reservation_guid))
        .into_boxed();
    let query = if in_force {
        query
            .filter(reservations::provisioning_state.eq("Succeeded"))
            .filter(reservations::expiry_date.gt(today() + Days::new(31)))
    } else {
        query.filter(reservations::expiry_date.le(today()))
    };
    query.load(&mut app.conn()).expect("reservations")
}

fn location(r: &reqwest::Response) -> String {
    r.headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}

fn requests_of(app: &TestApp, guid: &str) -> i64 {
    support_requests::table
        .inner_join(reservations::table)
        .filter(reservations::reservation_guid.eq(guid))
        .count()
        .get_result(&mut app.conn())
        .expect("count")
}

async fn post(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let token = app.csrf(client).await;
    let mut form = vec![("csrf_token", token.as_str())];
    form.extend_from_slice(fields);
    app.post_form(client, path, &form).await
}

/// Starts a request of `kind` and walks it to Review + create.
async fn to_review(app: &TestApp, client: &reqwest::Client, guid: &str, kind: &str) -> String {
    let r = post(
        app,
        client,
        &format!("/reservations/{guid}/support"),
        &[("kind", kind)],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let mut path = location(&r);
    for fields in [
        vec![("nav", "next")],
        vec![("nav", "next"), ("description", "Moving the workload.")],
        vec![("nav", "next")],
    ] {
        let r = post(app, client, &path, &fields).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{path}");
        path = location(&r);
    }
    assert!(path.ends_with("/review"), "{path}");
    path
}

#[tokio::test]
async fn back_on_review_goes_back_with_everything_kept_and_creates_nothing() {
    let app = spawn_app().await;
    let helpdesk = app.client_as(HELPDESK).await;
    let (_, guid) = refundable(&app, 2);
    let review = to_review(&app, &helpdesk, &guid, "Refund").await;
    for nav in ["back", "", "anything"] {
        let r = post(&app, &helpdesk, &review, &[("nav", nav)]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{nav:?}");
        assert_eq!(requests_of(&app, &guid), 0, "{nav:?} created nothing");
        if nav == "back" {
            assert!(location(&r).ends_with("/contact"), "{}", location(&r));
            let contact = app.get_with(&helpdesk, &location(&r), &[]).await;
            assert!(
                !contact.attrs("input[name=email]", "value")[0].is_empty(),
                "contact information kept"
            );
        } else {
            assert!(location(&r).ends_with("/review"));
        }
    }
    let r = post(&app, &helpdesk, &review, &[("nav", "create")]).await;
    assert!(location(&r).ends_with("?done=created"));
    assert_eq!(requests_of(&app, &guid), 1, "Create creates");
}

#[tokio::test]
async fn cancel_asks_first_then_discards_the_draft() {
    let app = spawn_app().await;
    let helpdesk = app.client_as(HELPDESK).await;
    let (_, guid) = refundable(&app, 4);
    let review = to_review(&app, &helpdesk, &guid, "Refund").await;
    let drafts = || -> i64 {
        request_drafts::table
            .count()
            .get_result(&mut app.conn())
            .expect("count")
    };
    let before = drafts();
    // Without the confirmation: a page that says what will happen.
    let r = post(&app, &helpdesk, &review, &[("nav", "discard")]).await;
    assert_eq!(r.status(), StatusCode::OK);
    let body = r.text().await.expect("body");
    assert!(texts(&body, "#confirm-message")[0].contains("is not created"));
    assert_eq!(drafts(), before, "nothing discarded yet");
    assert_eq!(
        attr(&body, "#confirm-cancel", "href").as_deref(),
        Some(review.as_str())
    );
    // Confirmed: gone, back on the reservation's support blade.
    let r = post(
        &app,
        &helpdesk,
        &review,
        &[("nav", "discard"), ("confirmed", "yes")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), format!("/reservations/{guid}/support"));
    assert_eq!(drafts(), before - 1);
    assert_eq!(
        app.get_with(&helpdesk, &review, &[]).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(requests_of(&app, &guid), 0);
}

#[tokio::test]
async fn one_refund_or_exchange_at_a_time_and_the_others_close_with_the_reservation() {
    let app = spawn_app().await;
    let helpdesk = app.client_as(HELPDESK).await;
    let admin = app.client_as(ADMIN).await;
    let (_, guid) = refundable(&app, 6);
    // Two drafts at once, by two agents: both reach Review.
    let refund = to_review(&app, &helpdesk, &guid, "Refund").await;
    let second = to_review(&app, &admin, &guid, "Refund").await;
    let r = post(&app, &helpdesk, &refund, &[("nav", "create")]).await;
    let first = location(&r);
    assert!(first.ends_with("?done=created"), "{first}");
    let number = first
        .trim_start_matches("/requests/")
        .trim_end_matches("?done=created")
        .to_string();
    // The second Create shows the open one instead.
    let r = post(&app, &admin, &second, &[("nav", "create")]).await;
    assert_eq!(
        location(&r),
        format!("/requests/{number}?done=already-open")
    );
    assert_eq!(requests_of(&app, &guid), 1);
    let shown = app.get_with(&admin, &location(&r), &[]).await;
    assert!(shown.text("#request-notice").contains("already open"));
    // Starting another shows it too.
    let r = post(
        &app,
        &admin,
        &format!("/reservations/{guid}/support"),
        &[("kind", "Exchange")],
    )
    .await;
    assert_eq!(
        location(&r),
        format!("/requests/{number}?done=already-open")
    );
    // A general question may still be asked; it is closed when the refund
    // takes the reservation out of force.
    let r = post(
        &app,
        &admin,
        &format!("/reservations/{guid}/support"),
        &[("kind", "Other")],
    )
    .await;
    assert!(location(&r).ends_with("/basics"), "{}", location(&r));
    let question: i64 = request_drafts::table
        .select(request_drafts::id)
        .order(request_drafts::id.desc())
        .first(&mut app.conn())
        .expect("the question's draft");
    put_request(&app, question, "OTHER-0000000001", "A question");
    let support = app.client_as(SUPPORT).await;
    // Approving asks first and says what will happen.
    let r = post(&app, &support, &format!("/requests/{number}/approve"), &[]).await;
    assert_eq!(r.status(), StatusCode::OK);
    let body = r.text().await.expect("body");
    let message = texts(&body, "#confirm-message").join(" ");
    assert!(
        message.starts_with("Refund US$") || message.starts_with("Refund $"),
        "{message}"
    );
    assert!(message.contains("and cancel"), "{message}");
    assert_eq!(requests_of(&app, &guid), 2, "nothing decided yet");
    let status = |n: &str| -> String {
        support_requests::table
            .filter(support_requests::number.eq(n))
            .select(support_requests::status)
            .first(&mut app.conn())
            .expect("status")
    };
    assert_eq!(status(&number), "Open");
    let r = post(
        &app,
        &support,
        &format!("/requests/{number}/approve"),
        &[("confirmed", "yes")],
    )
    .await;
    assert_eq!(location(&r), format!("/requests/{number}?done=approved"));
    let done = app.get_with(&support, &location(&r), &[]).await;
    assert!(done.text("#request-notice").contains("approved"));
    assert_eq!(status(&number), "Approved");
    assert_eq!(
        status("OTHER-0000000001"),
        "Rejected",
        "closed with the reservation"
    );
    let closed = app
        .get_with(&support, "/requests/OTHER-0000000001", &[])
        .await;
    assert!(
        closed
            .texts("ol.activity li")
            .iter()
            .any(|t| t.contains("left force") && t.contains(&number)),
        "{:?}",
        closed.texts("ol.activity li")
    );
}

#[tokio::test]
async fn disabling_resetting_and_removing_ask_first() {
    let app = spawn_app().await;
    let admin = app.client_as(ADMIN).await;
    let agents = app.get_with(&admin, "/admin/agents", &[]).await;
    let status_action = agents
        .attrs(
            "form[data-confirm] input[name=disabled][value=true]",
            "name",
        )
        .len();
    assert!(status_action > 0, "disable forms carry data-confirm");
    let sales: i64 = partner_dashboard::db::schema::users::table
        .filter(partner_dashboard::db::schema::users::email.eq(SALES))
        .select(partner_dashboard::db::schema::users::id)
        .first(&mut app.conn())
        .expect("id");
    for (path, fields, says) in [
        (
            format!("/admin/agents/{sales}/status"),
            vec![("disabled", "true")],
            "signed out at once",
        ),
        (
            format!("/admin/agents/{sales}/password"),
            vec![("confirm", "reset")],
            "new password",
        ),
    ] {
        let r = post(&app, &admin, &path, &fields).await;
        assert_eq!(r.status(), StatusCode::OK, "{path}");
        let body = r.text().await.expect("body");
        assert!(texts(&body, "#confirm-message")[0].contains(says), "{path}");
        assert!(
            texts(&body, "#confirm-message")[0].contains(SALES),
            "{path}"
        );
        // Nothing happened: the agent still signs in.
        let client = app.new_client();
        assert_eq!(
            app.post_sign_in(&client, SALES, PASSWORD).await.status(),
            StatusCode::SEE_OTHER,
            "{path}"
        );
    }
    // Removing a role asks too, naming the person, the role and the reservation.
    let (_, guid) = refundable(&app, 1);
    let access = app
        .get_with(&admin, &format!("/reservations/{guid}/access"), &[])
        .await;
    let action = access.attrs("form[data-confirm][action$=remove]", "action");
    assert!(!action.is_empty(), "remove forms carry data-confirm");
    let r = post(&app, &admin, &action[0], &[]).await;
    assert_eq!(r.status(), StatusCode::OK);
    let body = r.text().await.expect("body");
    assert!(texts(&body, "#confirm-message")[0].contains(" loses the role "));
}

#[tokio::test]
async fn an_expired_reservation_offers_no_refund_or_exchange() {
    let app = spawn_app().await;
    // An expired reservation of Contoso, whose IT admin owns it.
    let guid = contoso_reservations(&app, false)[0].1.clone();
    let owner = app.client_as("it-admin@contoso.com").await;
    let blade = app
        .get_with(&owner, &format!("/reservations/{guid}/support"), &[])
        .await;
    assert_eq!(blade.status, StatusCode::OK);
    assert_eq!(blade.count("#support-refund"), 0);
    assert_eq!(blade.count("#support-exchange"), 0);
    assert!(
        blade
            .text("#support-not-in-force")
            .contains("no longer in force")
    );
    // An in-force one offers both.
    let live = contoso_reservations(&app, true)[0].1.clone();
    let blade = app
        .get_with(&owner, &format!("/reservations/{live}/support"), &[])
        .await;
    assert_eq!(blade.count("#support-refund"), 1);
}

#[tokio::test]
async fn customer_users_grant_only_within_their_organisation() {
    use partner_dashboard::db::schema::customers;
    let app = spawn_app().await;
    let contoso = contoso(&app);
    let other_domain: String = customers::table
        .filter(customers::id.ne(contoso))
        .select(customers::domain)
        .first(&mut app.conn())
        .expect("another customer");
    let guid = contoso_reservations(&app, true)[0].1.clone();
    let owner = app.client_as("it-admin@contoso.com").await;
    let path = format!("/reservations/{guid}/access");
    let users = || -> i64 {
        partner_dashboard::db::schema::users::table
            .count()
            .get_result(&mut app.conn())
            .expect("count")
    };
    let before = users();
    for email in [
        format!("it-admin@{other_domain}"),
        format!("someone.new@{other_domain}"),
        SALES.to_string(),
        "outsider@mail.example".to_string(),
    ] {
        let r = post(
            &app,
            &owner,
            &path,
            &[("email", &email), ("role", "ReservationsReader")],
        )
        .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{email}");
        let body = r.text().await.expect("body");
        assert!(
            texts(&body, ".field-error")
                .join(" ")
                .contains("own organisation"),
            "{email}: {:?}",
            texts(&body, ".field-error")
        );
        assert_eq!(
            attr(&body, "#principal-email", "value").as_deref(),
            Some(email.as_str()),
            "kept"
        );
    }
    assert_eq!(users(), before, "no account made for anyone outside");
    // Within Contoso it works.
    let r = post(
        &app,
        &owner,
        &path,
        &[
            ("email", "new.reader@contoso.com"),
            ("role", "ReservationsReader"),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    // An agent may grant to anyone but another customer's people.
    let admin = app.client_as(ADMIN).await;
    let r = post(
        &app,
        &admin,
        &path,
        &[
            ("email", &format!("new.person@{other_domain}")),
            ("role", "ReservationsReader"),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = post(
        &app,
        &admin,
        &path,
        &[
            ("email", "consultant@mail.example"),
            ("role", "ReservationsReader"),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn customer_users_list_the_requests_about_their_reservations() {
    let app = spawn_app().await;
    let contoso = contoso(&app);
    let ids = contoso_reservations(&app, true);
    // A question about a Contoso reservation and one about another customer's.
    let ours = put_draft(&app, HELPDESK, ids[0].0, "Other", &"c".repeat(64));
    put_request(&app, ours, "2611250000000071", "About our reservation");
    let (other, _) = refundables(&app)
        .into_iter()
        .find(|(_, _, c)| *c != contoso)
        .map(|(id, g, _)| (id, g))
        .expect("another customer's reservation");
    let theirs = put_draft(&app, HELPDESK, other, "Other", &"d".repeat(64));
    put_request(&app, theirs, "2611250000000072", "About theirs");
    let owner = app.client_as("it-admin@contoso.com").await;
    let page = app.get_with(&owner, "/my/requests", &[]).await;
    assert_eq!(page.status, StatusCode::OK);
    let numbers = page.texts("table.requests tbody th");
    assert_eq!(
        numbers,
        vec!["2611250000000071".to_string()],
        "only their own"
    );
    assert_eq!(
        page.attrs("nav.sidebar a[aria-current=page]", "href"),
        vec!["/my/requests".to_string()]
    );
    // The request opens for them; agents have their own queue instead.
    let detail = app
        .get_with(&owner, "/requests/2611250000000071", &[])
        .await;
    assert_eq!(detail.status, StatusCode::OK);
    let admin = app.client_as(ADMIN).await;
    assert_eq!(
        app.get_with(&admin, "/my/requests", &[]).await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn a_settled_request_reads_in_portuguese_without_raw_codes() {
    let app = spawn_app().await;
    let helpdesk = app.client_as(HELPDESK).await;
    let (_, guid) = refundable(&app, 8);
    let review = to_review(&app, &helpdesk, &guid, "Refund").await;
    let r = post(&app, &helpdesk, &review, &[("nav", "create")]).await;
    let number = location(&r)
        .trim_start_matches("/requests/")
        .trim_end_matches("?done=created")
        .to_string();
    let support = app.client_as(SUPPORT).await;
    let r = post(
        &app,
        &support,
        &format!("/requests/{number}/approve"),
        &[("confirmed", "yes")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = post(
        &app,
        &support,
        "/language",
        &[("lang", "pt-BR"), ("next", "/")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = app
        .get_with(&support, &format!("/requests/{number}"), &[])
        .await;
    let details = page.text("dl.essentials");
    for shown in [
        "Cobrança",
        "Gerenciamento de reservas",
        "Trocas e reembolsos",
        "Mínima",
        "25/11/2026",
        "E-mail",
        "UTC (Tempo Universal Coordenado)",
    ] {
        assert!(details.contains(shown), "{shown} in {details}");
    }
    for raw in [
        "Billing",
        "Reservation management",
        "Minimal",
        "2026-11-25",
        "en-US",
        " USA",
    ] {
        assert!(!details.contains(raw), "{raw} in {details}");
    }
    let history = page.texts("ol.activity li").join(" | ");
    assert!(history.contains("Reembolso de US$"), "{history}");
    assert!(history.contains("contam no limite"), "{history}");
    assert!(!history.contains("refund "), "{history}");
    // The audit log names actions and states in Portuguese.
    let admin = app.client_as(ADMIN).await;
    let r = post(
        &app,
        &admin,
        "/language",
        &[("lang", "pt-BR"), ("next", "/")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let audit = app.get_with(&admin, "/admin/audit", &[]).await;
    let rows = audit.texts("table.audit tbody tr").join(" | ");
    assert!(rows.contains("Reembolso aprovado"), "{rows}");
    assert!(rows.contains("Ativa → Cancelada ("), "{rows}");
    assert!(
        !rows.contains("refund-approved") && !rows.contains("Succeeded"),
        "{rows}"
    );
    // The Activity log too.
    let activity = app
        .get_with(&admin, &format!("/reservations/{guid}/activity"), &[])
        .await;
    let text = activity.text("main");
    assert!(text.contains("Cancelada ("), "{text}");
}

#[tokio::test]
async fn open_requests_close_when_their_reservation_expires() {
    // An open question about a reservation that has already expired.
    let app = spawn_app().await;
    let expired: i64 = reservations::table
        .filter(reservations::expiry_date.le(today()))
        .filter(reservations::provisioning_state.eq("Succeeded"))
        .select(reservations::id)
        .first(&mut app.conn())
        .expect("an expired reservation");
    let live: i64 = refundables(&app)[0].0;
    let old = put_draft(&app, HELPDESK, expired, "Other", &"e".repeat(64));
    put_request(
        &app,
        old,
        "2611250000000081",
        "About an expired reservation",
    );
    let current = put_draft(&app, HELPDESK, live, "Other", &"f".repeat(64));
    put_request(
        &app,
        current,
        "2611250000000082",
        "About a live reservation",
    );
    // The job ran when the server started, before these existed; a restart
    // runs it again.
    let app = app.restart();
    let status = |n: &str| -> String {
        support_requests::table
            .filter(support_requests::number.eq(n))
            .select(support_requests::status)
            .first(&mut app.conn())
            .expect("status")
    };
    let mut waited = 0;
    while status("2611250000000081") == "Open" && waited < 50 {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        waited += 1;
    }
    assert_eq!(status("2611250000000081"), "Rejected", "closed");
    assert_eq!(
        status("2611250000000082"),
        "Open",
        "the live one stays open"
    );
    let support = app.client_as(SUPPORT).await;
    let page = app
        .get_with(&support, "/requests/2611250000000081", &[])
        .await;
    assert!(
        page.texts("ol.activity li")
            .iter()
            .any(|t| t.contains("the reservation expired")),
        "{:?}",
        page.texts("ol.activity li")
    );
}
