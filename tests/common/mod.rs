//! Test harness: a real server on a random port with a fresh SQLite file,
//! filled with the demo data around a pinned "today", and an HTTP client
//! that keeps cookies and does not follow redirects (so tests see them).

#![allow(
    dead_code,
    reason = "each test binary uses a different part of the harness"
)]

pub mod api;
pub mod azure_fake;
pub mod azure_world;
pub mod import;
pub mod postgres;
pub mod process;
pub mod requests;
pub mod smtp;

use chrono::NaiveDate;
use partner_dashboard::config::ServerConfig;
use partner_dashboard::db::Conn;
use partner_dashboard::db::{self, DbPool};
use partner_dashboard::seed;
use partner_dashboard::startup::Application;
use reqwest::StatusCode;
use scraper::{Html, Selector};

/// A connection to `database` holding the lock that adding an agent waits
/// for (SQLite's write lock; on PostgreSQL, `users` locked against writes),
/// until it runs `COMMIT`.
pub fn hold_write_lock(database: &db::Location) -> partner_dashboard::db::Conn {
    use diesel::connection::SimpleConnection;
    let mut conn = db::connect(database).expect("connect");
    let lock = match db::engine(&conn) {
        db::Engine::Sqlite => "BEGIN EXCLUSIVE",
        db::Engine::Postgres => "BEGIN; LOCK TABLE users IN EXCLUSIVE MODE",
    };
    conn.batch_execute(lock).expect("lock");
    conn
}

/// What SQLite's `PRAGMA integrity_check` says of the database (`ok`).
pub fn integrity_check(conn: &mut Conn) -> String {
    use diesel::RunQueryDsl;
    #[derive(diesel::QueryableByName)]
    struct Check {
        #[diesel(sql_type = diesel::sql_types::Text)]
        integrity_check: String,
    }
    diesel::sql_query("PRAGMA integrity_check")
        .get_result::<Check>(conn)
        .expect("integrity check")
        .integrity_check
}

/// An amount of money, written as in the tests.
pub fn money(text: &str) -> partner_dashboard::domain::money::Money {
    partner_dashboard::domain::money::Money::new(text.parse().expect("an amount"))
}

/// The day every test is pinned to.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).expect("valid date")
}

/// The clock every test server runs on: pinned to [`today`].
pub fn pinned() -> partner_dashboard::app::Clock {
    partner_dashboard::app::Clock::pinned(today())
}

/// Types that cannot be refunded (DESIGN.md).
pub const NOT_REFUNDABLE: [&str; 4] = ["Databricks", "SynapseAnalytics", "RedHat", "SuseLinux"];
/// Types whose refund can exceed the limit on its own in the demo data.
pub const LARGE: [&str; 2] = ["DedicatedHost", "BlockBlob"];

/// (row ID, GUID, customer) of every in-force, one-year reservation of a
/// type that can be refunded (and worth less than the limit), by ID.
pub fn refundables(app: &TestApp) -> Vec<(i64, String, i64)> {
    use diesel::prelude::*;
    use partner_dashboard::db::schema::{reservation_orders, reservations};
    reservations::table
        .inner_join(reservation_orders::table)
        .filter(reservations::provisioning_state.eq("Succeeded"))
        .filter(reservations::expiry_date.gt(today() + chrono::Days::new(31)))
        .filter(reservations::resource_type.ne_all(NOT_REFUNDABLE))
        .filter(reservations::resource_type.ne_all(LARGE))
        .filter(reservation_orders::term.eq("P1Y"))
        .order(reservations::id)
        .select((
            reservations::id,
            reservations::reservation_guid,
            reservations::customer_id,
        ))
        .load(&mut app.conn())
        .expect("refundable reservations")
}

/// (row ID, GUID) of the `n`th such reservation. Each test has its own
/// database; `n` only varies the reservation.
pub fn refundable(app: &TestApp, n: usize) -> (i64, String) {
    let all = refundables(app);
    let (id, guid, _) = all[n % all.len()].clone();
    (id, guid)
}

/// The row ID of the user with `email`.
pub fn user_id_of(app: &TestApp, email: &str) -> i64 {
    use diesel::prelude::*;
    use partner_dashboard::db::schema::users;
    users::table
        .filter(users::email.eq(email))
        .select(users::id)
        .first(&mut app.conn())
        .expect("user")
}

/// Puts a draft of `kind` by `email` on the reservation with row ID
/// `reservation`, under `token`, and returns its row ID.
pub fn put_draft(app: &TestApp, email: &str, reservation: i64, kind: &str, token: &str) -> i64 {
    use diesel::prelude::*;
    use partner_dashboard::db::schema::request_drafts;
    let now = chrono::Utc::now().naive_utc();
    diesel::insert_into(request_drafts::table)
        .values((
            request_drafts::token.eq(token),
            request_drafts::user_id.eq(user_id_of(app, email)),
            request_drafts::reservation_id.eq(reservation),
            request_drafts::kind.eq(kind),
            request_drafts::data.eq("{}"),
            request_drafts::created_at.eq(now),
            request_drafts::updated_at.eq(now),
        ))
        .execute(&mut app.conn())
        .expect("draft");
    request_drafts::table
        .filter(request_drafts::token.eq(token))
        .select(request_drafts::id)
        .first(&mut app.conn())
        .expect("draft id")
}

/// Puts an open request numbered `number` made from the draft with row ID
/// `draft` (its reservation, kind and author).
pub fn put_request(app: &TestApp, draft: i64, number: &str, title: &str) {
    use diesel::prelude::*;
    use partner_dashboard::db::schema::{request_drafts, reservations, support_requests};
    let (user, reservation, kind): (i64, i64, String) = request_drafts::table
        .find(draft)
        .select((
            request_drafts::user_id,
            request_drafts::reservation_id,
            request_drafts::kind,
        ))
        .first(&mut app.conn())
        .expect("draft");
    let customer: i64 = reservations::table
        .find(reservation)
        .select(reservations::customer_id)
        .first(&mut app.conn())
        .expect("customer");
    diesel::insert_into(support_requests::table)
        .values((
            support_requests::number.eq(number),
            support_requests::draft_id.eq(draft),
            support_requests::reservation_id.eq(reservation),
            support_requests::customer_id.eq(customer),
            support_requests::kind.eq(kind),
            support_requests::status.eq("Open"),
            support_requests::title.eq(title),
            support_requests::details.eq("{}"),
            support_requests::quote.eq("null"),
            support_requests::created_by.eq(user),
            support_requests::created_at.eq(chrono::Utc::now().naive_utc()),
        ))
        .execute(&mut app.conn())
        .expect("request");
}

/// The demo password.
pub const PASSWORD: &str = seed::DEMO_PASSWORD;
/// Demo agents.
pub const ADMIN: &str = "admin@partner.example";
pub const SALES: &str = "sales@partner.example";
pub const HELPDESK: &str = "helpdesk@partner.example";
pub const SUPPORT: &str = "support@partner.example";

/// A running server and a client for it.
pub struct TestApp {
    pub address: String,
    pub pool: DbPool,
    pub client: reqwest::Client,
    pub config: ServerConfig,
    dir: std::sync::Arc<tempfile::TempDir>,
}

/// A client that keeps cookies and does not follow redirects.
pub fn client() -> reqwest::Client {
    partner_dashboard::azure::client::install_tls();
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

/// Starts the server on the demo data.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(|conn| {
        seed::demo(conn, pinned()).expect("demo data");
    })
    .await
}

/// Starts the server after `prepare` filled the database.
pub async fn spawn_app_with(prepare: impl FnOnce(&mut Conn)) -> TestApp {
    spawn_app_configured(|_| {}, prepare).await
}

/// Starts the server with adjusted settings on the demo data.
pub async fn spawn_app_with_config(configure: impl FnOnce(&mut ServerConfig)) -> TestApp {
    spawn_app_configured(configure, |conn| {
        seed::demo(conn, pinned()).expect("demo data");
    })
    .await
}

pub async fn spawn_app_configured(
    configure: impl FnOnce(&mut ServerConfig),
    prepare: impl FnOnce(&mut Conn),
) -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut config = ServerConfig::for_tests(db::scratch(dir.path(), "test.db"));
    configure(&mut config);
    let pool = db::open(&config.database, 4).expect("database");
    prepare(&mut pool.get().expect("connection"));
    start(config, pool, std::sync::Arc::new(dir), client())
}

/// [`spawn_app_with`] on a SQLite file whatever engine the suite runs on:
/// for what only SQLite has (its query planner's plans).
pub fn spawn_sqlite_app_with(prepare: impl FnOnce(&mut Conn)) -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = ServerConfig::for_tests(dir.path().join("test.db"));
    let pool = db::open(&config.database, 4).expect("database");
    prepare(&mut pool.get().expect("connection"));
    start(config, pool, std::sync::Arc::new(dir), client())
}

/// Starts a server connected to the fake of Azure at `base` (no scheduled
/// sync), on a database that holds only the demo's agents.
pub fn spawn_connected(base: &str) -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = ServerConfig::for_tests(db::scratch(dir.path(), "test.db"));
    let pool = db::open(&config.database, 4).expect("database");
    for (email, role) in [
        ("admin@partner.example", "Admin"),
        ("support@partner.example", "Support"),
        ("sales@partner.example", "Sales"),
    ] {
        partner_dashboard::cli::add_user(
            &mut pool.get().expect("conn"),
            pinned(),
            email,
            role,
            None,
            Some(PASSWORD.into()),
        )
        .expect("agent");
    }
    let args = partner_dashboard::azure::settings::AzureArgs {
        azure_tenant_id: Some(azure_world::PARTNER.into()),
        azure_client_id: Some(azure_world::CLIENT_ID.into()),
        azure_login_url: Some(base.into()),
        azure_arm_url: Some(base.into()),
        azure_partner_center_url: Some(base.into()),
        ..Default::default()
    };
    let settings = args
        .check(Some(azure_world::SECRET))
        .expect("valid settings")
        .expect("configured");
    let azure = partner_dashboard::azure::client::Client::new(settings).expect("client");
    let connection = partner_dashboard::azure::connection::Connection::start(
        azure,
        pool.clone(),
        pinned(),
        None,
    )
    .expect("connection");
    start_with(
        config,
        pool,
        std::sync::Arc::new(dir),
        client(),
        Some(connection),
    )
}

fn start(
    config: ServerConfig,
    pool: DbPool,
    dir: std::sync::Arc<tempfile::TempDir>,
    client: reqwest::Client,
) -> TestApp {
    start_with(config, pool, dir, client, None)
}

fn start_with(
    config: ServerConfig,
    pool: DbPool,
    dir: std::sync::Arc<tempfile::TempDir>,
    client: reqwest::Client,
    azure: Option<std::sync::Arc<partner_dashboard::azure::connection::Connection>>,
) -> TestApp {
    let app =
        Application::build_with(config.clone(), pool.clone(), pinned(), azure).expect("server");
    let address = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());
    TestApp {
        address,
        pool,
        client,
        config,
        dir,
    }
}

/// Text of every element matching `css` in an HTML body, whitespace collapsed.
pub fn texts(body: &str, css: &str) -> Vec<String> {
    let html = Html::parse_document(body);
    let sel = Selector::parse(css).expect("selector");
    html.select(&sel)
        .map(|e| {
            e.text()
                .collect::<Vec<_>>()
                .join(" ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// Attribute `name` of the first element matching `css` in an HTML body.
pub fn attr(body: &str, css: &str, name: &str) -> Option<String> {
    let html = Html::parse_document(body);
    let sel = Selector::parse(css).expect("selector");
    html.select(&sel)
        .next()
        .and_then(|e| e.value().attr(name).map(str::to_string))
}

/// A parsed page.
pub struct Page {
    pub status: StatusCode,
    pub html: Html,
    pub body: String,
}

impl Page {
    /// The page a response carries.
    pub async fn of(response: reqwest::Response) -> Page {
        let status = response.status();
        let body = response.text().await.expect("body");
        Page {
            status,
            html: Html::parse_document(&body),
            body,
        }
    }

    /// Text of every element matching `selector`, whitespace collapsed.
    pub fn texts(&self, selector: &str) -> Vec<String> {
        let sel = Selector::parse(selector).expect("selector");
        self.html
            .select(&sel)
            .map(|e| {
                e.text()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    /// Text of the first element matching `selector`.
    pub fn text(&self, selector: &str) -> String {
        self.texts(selector)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no element matches {selector}"))
    }

    /// Attribute `attr` of every element matching `selector`.
    pub fn attrs(&self, selector: &str, attr: &str) -> Vec<String> {
        let sel = Selector::parse(selector).expect("selector");
        self.html
            .select(&sel)
            .filter_map(|e| e.value().attr(attr).map(str::to_string))
            .collect()
    }

    /// How many elements match `selector`.
    pub fn count(&self, selector: &str) -> usize {
        let sel = Selector::parse(selector).expect("selector");
        self.html.select(&sel).count()
    }
}

impl TestApp {
    /// A second server process on the same database file (as after a
    /// restart), reached by the same client and its cookies.
    pub fn restart(&self) -> TestApp {
        let pool = db::open(&self.config.database, 4).expect("database");
        start(
            self.config.clone(),
            pool,
            self.dir.clone(),
            self.client.clone(),
        )
    }

    /// The anti-forgery token of a signed-in client's session.
    pub async fn csrf(&self, client: &reqwest::Client) -> String {
        let page = self.get_with(client, "/account/password", &[]).await;
        page.attrs("input[name=csrf_token]", "value")
            .into_iter()
            .next()
            .expect("csrf field")
    }

    /// Posts a form with a client, returning the response.
    pub async fn post_form(
        &self,
        client: &reqwest::Client,
        path: &str,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        client
            .post(format!("{}{path}", self.address))
            .form(form)
            .send()
            .await
            .expect("post")
    }

    /// A new client signed in as `email`.
    pub async fn client_as(&self, email: &str) -> reqwest::Client {
        let client = self.new_client();
        let response = self.post_sign_in(&client, email, PASSWORD).await;
        assert_eq!(
            response.status(),
            StatusCode::SEE_OTHER,
            "sign-in as {email}"
        );
        client
    }

    /// A fresh client (another browser) for the same server.
    pub fn new_client(&self) -> reqwest::Client {
        client()
    }

    /// GETs a path and parses the page.
    pub async fn get(&self, path: &str) -> Page {
        self.get_with(&self.client, path, &[]).await
    }

    /// GETs a path with extra headers.
    pub async fn get_with(
        &self,
        client: &reqwest::Client,
        path: &str,
        headers: &[(&str, &str)],
    ) -> Page {
        let mut request = client.get(format!("{}{path}", self.address));
        for (k, v) in headers {
            request = request.header(*k, *v);
        }
        let response = request.send().await.expect("request");
        let status = response.status();
        let body = response.text().await.expect("body");
        Page {
            status,
            html: Html::parse_document(&body),
            body,
        }
    }

    /// The raw response of a GET.
    pub async fn get_raw(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.address))
            .send()
            .await
            .expect("request")
    }

    /// The anti-forgery token of the sign-in form.
    pub async fn sign_in_token(&self, client: &reqwest::Client) -> String {
        let page = self.get_with(client, "/sign-in", &[]).await;
        page.attrs("input[name=csrf_token]", "value")
            .into_iter()
            .next()
            .expect("csrf field")
    }

    /// Posts the sign-in form.
    pub async fn post_sign_in(
        &self,
        client: &reqwest::Client,
        email: &str,
        password: &str,
    ) -> reqwest::Response {
        let token = self.sign_in_token(client).await;
        client
            .post(format!("{}/sign-in", self.address))
            .form(&[
                ("email", email),
                ("password", password),
                ("csrf_token", &token),
                ("next", "/customers"),
            ])
            .send()
            .await
            .expect("sign-in request")
    }

    /// Signs the default client in, asserting it worked.
    pub async fn sign_in(&self, email: &str) {
        let response = self.post_sign_in(&self.client, email, PASSWORD).await;
        assert_eq!(
            response.status(),
            StatusCode::SEE_OTHER,
            "sign-in as {email} should succeed"
        );
    }

    /// A pooled connection for checks against the database.
    pub fn conn(&self) -> db::DbConn {
        self.pool.get().expect("connection")
    }
}

/// Runs the requests at once and waits for every answer.
pub async fn futures_join<F>(futures: impl Iterator<Item = F>) -> Vec<F::Output>
where
    F: std::future::Future + Send + 'static,
    F::Output: Send + 'static,
{
    let started: Vec<_> = futures.map(tokio::spawn).collect();
    let mut out = Vec::new();
    for handle in started {
        out.push(handle.await.expect("request task"));
    }
    out
}

/// Starts a sync as the signed-in admin and waits until `runs` syncs have
/// finished.
pub async fn sync_now(app: &TestApp, runs: i64) {
    use diesel::RunQueryDsl;
    let csrf = app.csrf(&app.client).await;
    let started = app
        .post_form(
            &app.client,
            "/admin/data-source/sync",
            &[("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(started.status(), StatusCode::SEE_OTHER);
    let begun = std::time::Instant::now();
    loop {
        let done: i64 =
            diesel::sql_query("SELECT COUNT(*) AS n FROM sync_runs WHERE state = 'Finished'")
                .get_result::<SyncCount>(&mut app.conn())
                .expect("runs")
                .n;
        if done == runs {
            break;
        }
        assert!(
            begun.elapsed() < std::time::Duration::from_secs(30),
            "the sync ends"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

#[derive(diesel::QueryableByName)]
struct SyncCount {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

/// How many audit entries of `action` there are.
pub fn audited(app: &TestApp, action: &str) -> i64 {
    use diesel::prelude::*;
    use partner_dashboard::db::schema::audit_log;
    audit_log::table
        .filter(audit_log::action.eq(action))
        .count()
        .get_result(&mut app.conn())
        .expect("count")
}

/// Sends the server's email through `sink` (plain SMTP), trying again
/// after a second, looking at the outbox every 100 ms, with links to
/// `https://dashboard.example`.
pub fn mail_through(config: &mut ServerConfig, sink: &smtp::SmtpSink) {
    use partner_dashboard::mail::settings::TlsMode;
    config.mail.smtp_host = Some("127.0.0.1".into());
    config.mail.smtp_port = Some(sink.port);
    config.mail.smtp_tls = TlsMode::None;
    config.mail.mail_from = "Partner Dashboard <alerts@partner.example>".into();
    config.mail.base_url = SITE.into();
    config.mail.mail_retry_seconds = 1;
    config.mail.mail_poll_ms = 100;
}

/// The site's address in the tests' email.
pub const SITE: &str = "https://dashboard.example";

/// Runs a use case as the user `email` on `conn` (to prepare a database
/// before its server starts).
pub fn act_as<T>(
    conn: &mut Conn,
    email: &str,
    work: impl FnOnce(&mut partner_dashboard::app::Ctx<'_>) -> Result<T, partner_dashboard::app::Error>,
) -> T {
    let user = db::users::find_by_email(conn, email)
        .expect("query")
        .unwrap_or_else(|| panic!("no user {email}"));
    let actor = partner_dashboard::app::Actor::user(&user, "192.0.2.1");
    work(&mut partner_dashboard::app::Ctx {
        actor: &actor,
        clock: pinned(),
        conn,
        system: &partner_dashboard::app::system::LocalSystem,
    })
    .unwrap_or_else(|e| panic!("as {email}: {e}"))
}

/// The outbox: (row ID, recipient, state, tries, last error), by ID.
pub fn outbox(app: &TestApp) -> Vec<(i64, String, String, i32, Option<String>)> {
    outbox_in(&mut app.conn())
}

/// [`outbox`] of the database `conn` is on.
pub fn outbox_in(conn: &mut Conn) -> Vec<(i64, String, String, i32, Option<String>)> {
    use diesel::prelude::*;
    use partner_dashboard::db::schema::outbox;
    outbox::table
        .order(outbox::id)
        .select((
            outbox::id,
            outbox::recipient,
            outbox::state,
            outbox::attempts,
            outbox::last_error,
        ))
        .load(conn)
        .expect("outbox")
}

/// Waits (up to `within`) until the outbox holds messages and every one is
/// in a final state (sent or given up); the outbox then.
pub async fn outbox_settled(
    app: &TestApp,
    within: std::time::Duration,
) -> Vec<(i64, String, String, i32, Option<String>)> {
    let started = std::time::Instant::now();
    loop {
        let now = outbox(app);
        if !now.is_empty() && now.iter().all(|m| m.2 != "Queued") {
            return now;
        }
        assert!(
            started.elapsed() < within,
            "the outbox settles within {within:?}: {now:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}
