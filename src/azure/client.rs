//! A client for the three services: tokens from Entra ID (client
//! credentials), and JSON reads from Partner Center and Resource Manager,
//! with each service's error body turned into its own words.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde::Deserialize;

pub use super::answers::CallError;
use super::answers::{read_answer, retry_after, unreachable};
use super::settings::{AzureSettings, BaseUrl};

/// Resource Manager's API version for reservations.
pub const CAPACITY_API: &str = "2022-11-01";

/// Pages read of one list at most (a service answering the same next link
/// again would otherwise be read forever).
pub const MAX_PAGES: usize = 10_000;

/// Requests in flight to one host at most: the services throttle per
/// principal, and a burst of pages should queue here rather than there.
pub const PER_HOST: usize = 8;

/// Talks to Entra ID, Partner Center and Resource Manager.
pub struct Client {
    http: reqwest::Client,
    settings: AzureSettings,
    tokens: Mutex<HashMap<(String, String), (String, Instant)>>,
    policy: RetryPolicy,
    hosts: Mutex<HashMap<String, std::sync::Arc<tokio::sync::Semaphore>>>,
}

/// How reads are retried (the contract's advice; the numbers are ours).
#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    /// Tries in all, for throttling, server errors and timeouts.
    pub tries: u32,
    /// The first wait after a server error or timeout; it doubles each time.
    pub first_backoff: Duration,
    /// The longest `Retry-After` honoured; longer asks end the read.
    pub longest_wait: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            tries: 5,
            first_backoff: Duration::from_secs(1),
            longest_wait: Duration::from_secs(120),
        }
    }
}

/// Tokens are renewed this long before they expire.
const RENEW_BEFORE: Duration = Duration::from_secs(300);

/// Entra ID's token answer.
#[derive(Deserialize)]
struct TokenAnswer {
    access_token: String,
    #[serde(default)]
    expires_in: Option<u64>,
}

impl Client {
    /// A client for `settings` (TLS through rustls, 30-second timeouts).
    pub fn new(settings: AzureSettings) -> Result<Client, String> {
        install_tls();
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(30))
            .connect_timeout(Duration::from_secs(10))
            .user_agent(concat!("partner-dashboard/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| e.to_string())?;
        Ok(Client {
            http,
            settings,
            tokens: Mutex::new(HashMap::new()),
            policy: RetryPolicy::default(),
            hosts: Mutex::new(HashMap::new()),
        })
    }

    /// The same client with another retry policy (tests shorten the waits).
    pub fn with_policy(mut self, policy: RetryPolicy) -> Client {
        self.policy = policy;
        self
    }

    /// A token for `scope` from `tenant`: the cached one while it has more
    /// than five minutes left, else a new one.
    pub async fn token(&self, tenant: &str, scope: &str) -> Result<String, CallError> {
        let key = (tenant.to_ascii_lowercase(), scope.to_string());
        if let Some((token, until)) = self.lock_tokens().get(&key)
            && Instant::now() + RENEW_BEFORE < *until
        {
            return Ok(token.clone());
        }
        let (token, lifetime) = self.new_token(tenant, scope).await?;
        self.lock_tokens()
            .insert(key, (token.clone(), Instant::now() + lifetime));
        Ok(token)
    }

    fn forget_token(&self, tenant: &str, scope: &str) {
        self.lock_tokens()
            .remove(&(tenant.to_ascii_lowercase(), scope.to_string()));
    }

    fn lock_tokens(
        &self,
    ) -> std::sync::MutexGuard<'_, HashMap<(String, String), (String, Instant)>> {
        self.tokens
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// GETs `url` (on `base`) as `tenant` for `scope`, following the
    /// contract: a 429 waits its `Retry-After`; a 401 renews the token and
    /// tries once more; server errors and timeouts are tried again after
    /// 1, 2, 4, 8 seconds (with jitter); other refusals end it.
    pub async fn read(
        &self,
        base: &BaseUrl,
        url: &str,
        who: (&str, &str),
    ) -> Result<serde_json::Value, CallError> {
        self.read_with(base, url, who, &[]).await
    }

    /// [`Client::read`] with more request headers (Partner Center's
    /// continuation token).
    pub async fn read_with(
        &self,
        base: &BaseUrl,
        url: &str,
        (tenant, scope): (&str, &str),
        headers: &[(String, String)],
    ) -> Result<serde_json::Value, CallError> {
        let mut renewed = false;
        let mut backoff = self.policy.first_backoff;
        let mut tries = 0;
        loop {
            tries += 1;
            let token = self.token(tenant, scope).await?;
            let (result, retry_after) = self.get_once(base, url, &token, headers).await;
            let wait = match &result {
                Ok(_) => return result,
                Err(CallError::Refused { status: 401, .. }) if !renewed => {
                    renewed = true;
                    self.forget_token(tenant, scope);
                    continue;
                }
                Err(CallError::Refused { status: 429, .. }) => retry_after.unwrap_or(backoff),
                Err(CallError::Refused { status, .. }) if *status >= 500 => backoff,
                Err(CallError::Unreachable { .. }) => backoff,
                Err(_) => return result,
            };
            if tries >= self.policy.tries || wait > self.policy.longest_wait {
                return result;
            }
            let jitter = Duration::from_millis(rand::random_range(0..=250));
            tracing::info!(
                url,
                tries,
                wait_ms = wait.as_millis() as u64,
                "retrying a read"
            );
            tokio::time::sleep(wait + jitter).await;
            backoff = backoff.saturating_mul(2);
        }
    }

    /// Every customer of the partner from Partner Center, page by page:
    /// while `links.next` is given, its `uri` is asked for (under `/v1`
    /// when relative) with the headers it names (the continuation token).
    pub async fn partner_customers(
        &self,
        page_size: u32,
    ) -> Result<Vec<serde_json::Value>, CallError> {
        let pc = self.settings.endpoints.partner_center.clone();
        let partner = self.settings.tenant.to_string();
        let scope = self.partner_center_scope();
        let mut customers = Vec::new();
        let mut next = Some((format!("{pc}/v1/customers?size={page_size}"), Vec::new()));
        let mut seen = std::collections::HashSet::new();
        while let Some((url, headers)) = next.take() {
            if !seen.insert((url.clone(), headers.clone())) || seen.len() > MAX_PAGES {
                break;
            }
            let page = self
                .read_with(&pc, &url, (&partner, &scope), &headers)
                .await?;
            if let Some(items) = page.get("items").and_then(serde_json::Value::as_array) {
                customers.extend(items.iter().cloned());
            }
            next = page.pointer("/links/next").and_then(|link| {
                let uri = link.get("uri")?.as_str()?.trim();
                let url = if uri.starts_with("http") {
                    uri.to_string()
                } else if uri.starts_with("/v1/") {
                    format!("{pc}{uri}")
                } else {
                    format!(
                        "{pc}/v1{}{uri}",
                        if uri.starts_with('/') { "" } else { "/" }
                    )
                };
                let headers = link
                    .get("headers")
                    .and_then(serde_json::Value::as_array)
                    .map(|list| {
                        list.iter()
                            .filter_map(|h| {
                                Some((
                                    h.get("key")?.as_str()?.to_string(),
                                    h.get("value")?.as_str()?.to_string(),
                                ))
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                Some((url, headers))
            });
        }
        Ok(customers)
    }

    /// Every item of a Resource Manager list: `value` of each page, with
    /// `nextLink` followed verbatim until it is missing, null or empty.
    pub async fn read_all(
        &self,
        base: &BaseUrl,
        url: &str,
        who: (&str, &str),
    ) -> Result<Vec<serde_json::Value>, CallError> {
        let mut items = Vec::new();
        let mut next = Some(url.to_string());
        let mut seen = std::collections::HashSet::new();
        while let Some(url) = next.take() {
            // A link seen before would page forever.
            if !seen.insert(url.clone()) || seen.len() > MAX_PAGES {
                break;
            }
            let page = self.read(base, &url, who).await?;
            if let Some(value) = page.get("value").and_then(serde_json::Value::as_array) {
                items.extend(value.iter().cloned());
            }
            next = page
                .get("nextLink")
                .and_then(serde_json::Value::as_str)
                .filter(|link| !link.is_empty())
                .map(str::to_string);
        }
        Ok(items)
    }

    /// A turn to send a request to `url`'s host (at most [`PER_HOST`] at
    /// once), held until the answer is read.
    pub(super) async fn turn(&self, url: &str) -> Option<tokio::sync::OwnedSemaphorePermit> {
        let host = url
            .split("://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .unwrap_or(url)
            .to_ascii_lowercase();
        let gate = self
            .hosts
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .entry(host)
            .or_insert_with(|| std::sync::Arc::new(tokio::sync::Semaphore::new(PER_HOST)))
            .clone();
        gate.acquire_owned().await.ok()
    }

    /// The HTTP client underneath (one connection pool for all calls).
    pub(super) fn http(&self) -> &reqwest::Client {
        &self.http
    }

    /// The settings the client was made with.
    pub fn settings(&self) -> &AzureSettings {
        &self.settings
    }

    /// The scope of Resource Manager's tokens (the cloud's, also when the
    /// base URL is overridden).
    pub fn arm_scope(&self) -> String {
        format!("{}/.default", self.settings.cloud.endpoints().arm)
    }

    /// The scope of Partner Center's tokens.
    pub fn partner_center_scope(&self) -> String {
        "https://api.partnercenter.microsoft.com/.default".to_string()
    }

    /// A new token for `scope` from `tenant`, and how long it lasts.
    async fn new_token(&self, tenant: &str, scope: &str) -> Result<(String, Duration), CallError> {
        let login = &self.settings.endpoints.login;
        let url = format!("{login}/{tenant}/oauth2/v2.0/token");
        let client_id = self.settings.client_id.to_string();
        let form = [
            ("grant_type", "client_credentials"),
            ("client_id", client_id.as_str()),
            ("client_secret", self.settings.secret.expose()),
            ("scope", scope),
        ];
        let response = self
            .http
            .post(&url)
            .form(&form)
            .send()
            .await
            .map_err(|e| unreachable(login, &e))?;
        let answer: TokenAnswer = read_answer(login, response).await?;
        let lifetime = Duration::from_secs(answer.expires_in.unwrap_or(3599));
        Ok((answer.access_token, lifetime))
    }

    /// GETs `url` (on `base`) with `token` once: the JSON answer, and the
    /// `Retry-After` the service asked for, if any.
    async fn get_once(
        &self,
        base: &BaseUrl,
        url: &str,
        token: &str,
        headers: &[(String, String)],
    ) -> (Result<serde_json::Value, CallError>, Option<Duration>) {
        if !base.owns(url) {
            return (Err(foreign(base, url)), None);
        }
        let _turn = self.turn(url).await;
        let request_id = uuid::Uuid::new_v4().to_string();
        let mut request = self
            .http
            .get(url)
            .bearer_auth(token)
            .header("Accept", "application/json")
            .header("MS-RequestId", &request_id)
            .header("MS-CorrelationId", &request_id);
        for (name, value) in headers {
            request = request.header(name.as_str(), value.as_str());
        }
        let sent = request.send().await;
        match sent {
            Err(e) => (Err(unreachable(base, &e)), None),
            Ok(response) => {
                let wait = retry_after(&response);
                (read_answer(base, response).await, wait)
            }
        }
    }
}

/// The refusal to send a token to a link on another host than the
/// service's own.
pub(super) fn foreign(base: &BaseUrl, url: &str) -> CallError {
    let host = url
        .split("://")
        .nth(1)
        .and_then(|r| r.split(['/', '?']).next())
        .unwrap_or("?");
    CallError::Refused {
        status: 0,
        code: Some("ForeignLink".into()),
        message: format!(
            "{base} answered with a link to another host ({host}); it was not followed"
        ),
    }
}

/// Makes rustls use the ring provider in this process (every HTTP client
/// needs one; the first call installs it, later ones change nothing).
pub fn install_tls() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}
