//! A client for the three services: tokens from Entra ID (client
//! credentials), and JSON reads from Partner Center and Resource Manager,
//! with each service's error body turned into its own words.

use std::time::Duration;

use serde::Deserialize;

use super::settings::{AzureSettings, BaseUrl};

/// Resource Manager's API version for reservations.
pub const CAPACITY_API: &str = "2022-11-01";

/// What a call to one of the services came to, when not an answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CallError {
    /// The service could not be reached (name, connection, TLS, timeout).
    #[error("cannot reach {host}: {why}")]
    Unreachable {
        /// The host asked.
        host: String,
        /// The transport's words.
        why: String,
    },
    /// The service answered with an error.
    #[error("{message} (HTTP {status}{})", code.as_deref().map(|c| format!(", {c}")).unwrap_or_default())]
    Refused {
        /// The HTTP status.
        status: u16,
        /// The service's error code (`AADSTS…`, `AuthorizationFailed`, …).
        code: Option<String>,
        /// The service's own message.
        message: String,
    },
}

/// Talks to Entra ID, Partner Center and Resource Manager.
pub struct Client {
    http: reqwest::Client,
    settings: AzureSettings,
}

/// Entra ID's token answer.
#[derive(Deserialize)]
struct TokenAnswer {
    access_token: String,
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
        Ok(Client { http, settings })
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

    /// An app-only token for `scope` from `tenant`.
    pub async fn token(&self, tenant: &str, scope: &str) -> Result<String, CallError> {
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
        let answer: TokenAnswer = read(login, response).await?;
        Ok(answer.access_token)
    }

    /// GETs `url` (on `base`) with `token` and reads the JSON answer.
    pub async fn get(
        &self,
        base: &BaseUrl,
        url: &str,
        token: &str,
    ) -> Result<serde_json::Value, CallError> {
        let request_id = uuid::Uuid::new_v4().to_string();
        let response = self
            .http
            .get(url)
            .bearer_auth(token)
            .header("Accept", "application/json")
            .header("MS-RequestId", &request_id)
            .header("MS-CorrelationId", &request_id)
            .send()
            .await
            .map_err(|e| unreachable(base, &e))?;
        read(base, response).await
    }
}

/// Makes rustls use the ring provider in this process (every HTTP client
/// needs one; the first call installs it, later ones change nothing).
pub fn install_tls() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

fn unreachable(base: &BaseUrl, e: &reqwest::Error) -> CallError {
    let host = base
        .as_str()
        .split("://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or(base.as_str())
        .to_string();
    let mut why = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(inner) = source {
        why = format!("{why}: {inner}");
        source = inner.source();
    }
    CallError::Unreachable { host, why }
}

/// The answer's JSON, or the error each service writes in its own shape:
/// Entra ID `{error, error_description}`, Resource Manager
/// `{error: {code, message}}`, Partner Center `{code, description}`.
async fn read<T: serde::de::DeserializeOwned>(
    base: &BaseUrl,
    response: reqwest::Response,
) -> Result<T, CallError> {
    let status = response.status();
    let body = response.text().await.map_err(|e| unreachable(base, &e))?;
    if status.is_success() {
        return serde_json::from_str(&body).map_err(|e| CallError::Refused {
            status: status.as_u16(),
            code: None,
            message: format!("the answer could not be read: {e}"),
        });
    }
    let json: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
    let text = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    };
    let (code, message) = if let Some(description) = json.get("error_description") {
        // Entra ID: the first line says it; the rest is trace and time.
        let description = text(description).unwrap_or_default();
        let first = description.lines().next().unwrap_or_default().to_string();
        let code = first.split(':').next().map(str::to_string);
        (code, first)
    } else if let Some(error) = json.get("error").filter(|e| e.is_object()) {
        (
            error.get("code").and_then(text),
            error.get("message").and_then(text).unwrap_or_default(),
        )
    } else if let Some(description) = json.get("description") {
        (
            json.get("code").and_then(text),
            text(description).unwrap_or_default(),
        )
    } else {
        (None, String::new())
    };
    let message = if message.is_empty() {
        status
            .canonical_reason()
            .unwrap_or("no reason given")
            .to_string()
    } else {
        message
    };
    Err(CallError::Refused {
        status: status.as_u16(),
        code,
        message,
    })
}
