//! Drives Debian's Chromium through ChromeDriver: one chromedriver per test
//! binary on a free port, one fresh browser per test, screenshots of every
//! page under `target/browser-screenshots/`, and the browser's console read
//! back so that any script error or Content-Security-Policy violation fails.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

struct Driver {
    port: u16,
    _child: Child,
}

static DRIVER: OnceLock<Driver> = OnceLock::new();

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

fn driver() -> &'static Driver {
    DRIVER.get_or_init(|| {
        assert!(
            std::path::Path::new(CHROMIUM).exists() && std::path::Path::new(CHROMEDRIVER).exists(),
            "the browser suite needs Debian's chromium and chromium-driver: apt-get install -y chromium chromium-driver"
        );
        let port = free_port();
        let child = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Driver { port, _child: child }
    })
}

/// A browser session.
pub struct Browser {
    pub client: Client,
    pub base: String,
    session: String,
    name: String,
    shots: usize,
    javascript: bool,
}

fn screenshot_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("browser-screenshots")
}

impl Browser {
    /// Opens a browser for the app at `base`, with or without JavaScript.
    pub async fn open(base: &str, name: &str, javascript: bool, width: u32) -> Browser {
        let d = driver();
        let profile = tempfile::tempdir().expect("profile").keep();
        let mut prefs = json!({});
        if !javascript {
            prefs = json!({"profile.managed_default_content_settings.javascript": 2});
        }
        let caps = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-quic", "--no-first-run", format!("--window-size={width},1000"),
                    format!("--user-data-dir={}", profile.display()),
                ],
                "prefs": prefs,
            },
            "goog:loggingPrefs": {"browser": "ALL"},
        });
        let caps = caps.as_object().cloned().expect("caps");
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", d.port))
            .await
            .expect("browser session");
        let session = client
            .session_id()
            .await
            .ok()
            .flatten()
            .expect("session id");
        std::fs::create_dir_all(screenshot_dir()).expect("screenshot folder");
        Browser {
            client,
            base: base.to_string(),
            session,
            name: name.to_string(),
            shots: 0,
            javascript,
        }
    }

    async fn raw(&self, path: &str, body: Value) -> Value {
        let url = format!(
            "http://127.0.0.1:{}/session/{}{path}",
            driver().port,
            self.session
        );
        partner_dashboard::azure::client::install_tls();
        reqwest::Client::new()
            .post(url)
            .body(body.to_string())
            .header("content-type", "application/json")
            .send()
            .await
            .expect("driver")
            .text()
            .await
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or(Value::Null)
    }

    /// Lets pages write to the clipboard without a prompt.
    pub async fn grant_clipboard(&self) {
        let origin = self.base.clone();
        self.raw(
            "/goog/cdp/execute",
            json!({"cmd": "Browser.grantPermissions", "params": {"origin": origin, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]}}),
        )
        .await;
    }

    /// Console entries that are script errors or security (CSP) violations.
    pub async fn console_errors(&self) -> Vec<String> {
        let log = self.raw("/se/log", json!({"type": "browser"})).await;
        log["value"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .filter(|e| e["level"] == "SEVERE" && e["source"] != "network")
            .map(|e| e["message"].as_str().unwrap_or("").to_string())
            .collect()
    }

    /// Fails on any script error or CSP violation so far.
    pub async fn assert_clean_console(&self) {
        let errors = self.console_errors().await;
        assert!(
            errors.is_empty(),
            "{}: browser console errors: {errors:#?}",
            self.name
        );
    }

    /// Goes to a path of the app, saves a screenshot and checks the page's
    /// accessibility.
    pub async fn go(&mut self, path: &str) {
        self.client
            .goto(&format!("{}{path}", self.base))
            .await
            .expect("goto");
        self.shot(path).await;
        self.assert_accessible(path).await;
    }

    /// Runs axe-core on the page (with JavaScript on) and fails on any
    /// serious or critical violation.
    pub async fn assert_accessible(&self, what: &str) {
        if !self.javascript {
            return;
        }
        let violations = self.axe_violations().await;
        assert!(
            violations.is_empty(),
            "{} {what}: accessibility violations: {violations:#?}",
            self.name
        );
    }

    /// The serious and critical axe-core violations of the page.
    pub async fn axe_violations(&self) -> Vec<String> {
        static AXE: &str = include_str!("axe/axe.min.js");
        self.client
            .execute(AXE, vec![])
            .await
            .expect("load axe-core");
        let result = self
            .client
            .execute_async(
                "const done = arguments[0]; axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))));",
                vec![],
            )
            .await
            .expect("axe run");
        serde_json::from_value(result).expect("axe-core results")
    }

    /// Saves a screenshot named after the test and a step.
    pub async fn shot(&mut self, step: &str) {
        self.shots += 1;
        let safe: String = step
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .take(60)
            .collect();
        let png = self.client.screenshot().await.expect("screenshot");
        std::fs::write(
            screenshot_dir().join(format!("{}-{:02}-{safe}.png", self.name, self.shots)),
            png,
        )
        .expect("save screenshot");
    }

    /// Runs a script and returns its value.
    pub async fn js(&self, script: &str) -> Value {
        self.client.execute(script, vec![]).await.expect("script")
    }

    /// Text of the first element matching `css`, read fresh.
    pub async fn text(&self, css: &str) -> String {
        let script = format!(
            "const e = document.querySelector({}); return e ? e.textContent.trim().replace(/\\s+/g, ' ') : null;",
            json!(css)
        );
        self.js(&script)
            .await
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Waits until `condition` (a JavaScript expression) holds. While a
    /// page is being replaced the script may find no document yet: that
    /// counts as not yet.
    pub async fn wait_until(&self, condition: &str) {
        let script = format!("try {{ return !!({condition}); }} catch (e) {{ return false; }}");
        for _ in 0..100 {
            let held = self.client.execute(&script, vec![]).await;
            if held.ok().and_then(|v| v.as_bool()).unwrap_or(false) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("{}: timed out waiting for {condition}", self.name);
    }

    /// Waits for the path of the page to end with `suffix`.
    pub async fn wait_for_path(&self, needle: &str) {
        for _ in 0..100 {
            if self
                .client
                .current_url()
                .await
                .map(|u| u.as_str().contains(needle))
                .unwrap_or(false)
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!(
            "{}: never reached {needle}, at {:?}",
            self.name,
            self.client.current_url().await.ok()
        );
    }

    /// Clicks the first element matching `css`.
    pub async fn click(&self, css: &str) {
        self.client
            .wait()
            .at_most(Duration::from_secs(5))
            .for_element(Locator::Css(css))
            .await
            .expect(css)
            .click()
            .await
            .expect("click");
    }

    /// Types into a field, replacing what is there.
    pub async fn fill(&self, css: &str, text: &str) {
        let field = self
            .client
            .wait()
            .at_most(Duration::from_secs(5))
            .for_element(Locator::Css(css))
            .await
            .expect(css);
        field.clear().await.expect("clear");
        field.send_keys(text).await.expect("type");
    }

    /// Chooses the file at `path` in the file input `css`.
    pub async fn attach(&self, css: &str, path: &std::path::Path) {
        let field = self
            .client
            .wait()
            .at_most(Duration::from_secs(5))
            .for_element(Locator::Css(css))
            .await
            .expect(css);
        field
            .send_keys(&path.display().to_string())
            .await
            .expect("choose the file");
    }

    /// Signs in.
    pub async fn sign_in(&mut self, email: &str, password: &str) {
        self.go("/sign-in").await;
        self.fill("#email", email).await;
        self.fill("#password", password).await;
        self.click("button.primary").await;
        self.wait_until("!location.pathname.startsWith('/sign-in')")
            .await;
    }

    /// Chooses `value` in the select `css`.
    pub async fn choose(&self, css: &str, value: &str) {
        self.client
            .find(Locator::Css(css))
            .await
            .expect(css)
            .select_by_value(value)
            .await
            .expect("choose");
    }

    /// Switches the language from the header without JavaScript: the
    /// language form posts and comes back.
    pub async fn switch_language_by_form(&mut self, tag: &str) {
        self.go("/customers").await;
        self.choose("#language-select", tag).await;
        self.click("form.language .language-button").await;
        self.wait_until(&format!("document.documentElement.lang === '{tag}'"))
            .await;
    }

    /// Closes the browser.
    pub async fn close(self) {
        let _ = self.client.close().await;
    }
}
