//! The server as its own process, for tests that signal it, kill it or read
//! its log.

use std::path::PathBuf;

use partner_dashboard::db::Location;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The log file of the server using `database`.
pub fn log_of(database: &Location) -> PathBuf {
    match database {
        Location::File(path) => path.with_extension("log"),
        Location::Postgres(url) => {
            std::env::temp_dir().join(format!("{}.log", url.rsplit('/').next().unwrap_or("pd")))
        }
    }
}

/// Starts the real binary on `database` (filling it with the demo data when
/// `demo`), its output going to [`log_of`], and returns it with its address
/// once it says where it listens.
pub fn start(database: &Location, demo: bool) -> (Child, String) {
    start_with(database, demo, &[])
}

/// [`start`] with more command-line arguments.
pub fn start_with(database: &Location, demo: bool, extra: &[&str]) -> (Child, String) {
    start_with_env(database, demo, extra, &[])
}

/// [`start_with`] with more environment variables.
pub fn start_with_env(
    database: &Location,
    demo: bool,
    extra: &[&str],
    env: &[(&str, &str)],
) -> (Child, String) {
    let log = log_of(database);
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
        .arg(database.connection_string())
        .env("RUST_LOG", "info")
        .stdout(std::fs::File::create(&log).expect("log file"))
        .stderr(Stdio::null());
    if demo {
        command.arg("--demo");
    }
    command.args(extra);
    command.envs(env.iter().copied());
    let child = command.spawn().expect("start server");
    let started = Instant::now();
    let address = loop {
        let text = std::fs::read_to_string(&log).unwrap_or_default();
        if let Some(url) = text
            .lines()
            .find_map(|l| l.strip_prefix("Partner Dashboard is running on "))
        {
            break url.trim().to_string();
        }
        assert!(started.elapsed() < Duration::from_secs(60), "server starts");
        std::thread::sleep(Duration::from_millis(20));
    };
    (child, address)
}

/// The value of the form field `name` in a page.
pub fn field(body: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = body.find(&marker).map(|i| i + marker.len()).expect(name);
    body[start..]
        .split('"')
        .next()
        .unwrap_or_default()
        .to_string()
}

/// A client of the server at `address`, signed in as `email`.
pub async fn signed_in(address: &str, email: &str) -> reqwest::Client {
    let client = super::client();
    let token = sign_in_token(&client, address).await;
    let r = client
        .post(format!("{address}/sign-in"))
        .form(&[
            ("email", email),
            ("password", super::PASSWORD),
            ("csrf_token", token.as_str()),
        ])
        .send()
        .await
        .expect("sign in");
    assert_eq!(r.status(), reqwest::StatusCode::SEE_OTHER);
    client
}

/// The anti-forgery token of the sign-in form, for `client`'s session.
pub async fn sign_in_token(client: &reqwest::Client, address: &str) -> String {
    form_token(client, address, "/sign-in").await
}

/// The anti-forgery token of the form on page `path`, for `client`'s session.
pub async fn form_token(client: &reqwest::Client, address: &str, path: &str) -> String {
    let page = client
        .get(format!("{address}{path}"))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    field(&page, "csrf_token")
}

/// Lets the server write out its last lines, stops it, and returns its log.
pub async fn stop_and_read_log(mut child: Child, database: &Location) -> String {
    tokio::time::sleep(Duration::from_millis(300)).await;
    child.kill().expect("stop");
    child.wait().expect("reaped");
    std::fs::read_to_string(log_of(database)).expect("log")
}

/// The `X-Request-Id` a response carries.
pub fn request_id(response: &reqwest::Response) -> String {
    response.headers()["x-request-id"]
        .to_str()
        .expect("request ID")
        .to_string()
}
